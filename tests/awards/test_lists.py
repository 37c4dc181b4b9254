"""The award lists on the web: names in the printed lists' order across pages, and the
decision list's filters."""

import re
from datetime import date
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from awards.models import DecisionStatus, Nominee, RecipientKind
from awards.services import recipient_order_key
from documents.vietnamese import person_name_key
from wards.models import Exemplar, ExemplarKind, people_sort_text

# 25 people whose order by code point ("Vũ" before "Đỗ") is not the printed one.
GIVEN = ["Ân", "Anh", "Bình", "Dung", "Dũng", "Đức", "Hà", "Hải", "Ánh", "Yến"]
FAMILY = ["Đỗ Thị", "Vũ Thị", "Nguyễn Văn", "Lê", "Ông Đình"]
PEOPLE = [f"{family} {given}" for given in GIVEN for family in FAMILY][:25]


def printed(names: list[str]) -> list[str]:
    """The order of the printed commendation lists (awards.services)."""
    return sorted(names, key=lambda name: recipient_order_key(RecipientKind.INDIVIDUAL, name))


@pytest.fixture
def official(client, people):
    client.force_login(people["ward_official"])
    return client


def all_pages(client, url, params, pick) -> list[str]:
    seen, page = [], 1
    while True:
        response = client.get(url, {**params, "page": page})
        seen += [pick(row) for row in response.context["table"].page.object_list]
        if not response.context["table"].page.has_next():
            return seen
        page += 1


def test_the_sort_key_orders_like_the_printed_lists():
    from documents.vietnamese import person_sort_text

    names = [*PEOPLE, "An", "Lê An", "Đỗ Dung", "Đỗ Thị Dung Anh", "Vũ Thị Ân"]
    assert sorted(names, key=person_sort_text) == sorted(names, key=person_name_key)
    assert person_sort_text("Đỗ Thị Dung") < person_sort_text("Vũ Thị Dung")
    assert person_sort_text("Vũ Thị Ân") < person_sort_text("Đỗ Thị Dung")  # given name first
    assert person_sort_text("Nguyễn Văn Hải").isascii()


def test_nominees_in_the_printed_order_across_pages(official, make_nominee, units):
    for name in reversed(PEOPLE):
        make_nominee(name)
    make_nominee("Tổ dân phố 10", kind=RecipientKind.COLLECTIVE)
    make_nominee("Tổ dân phố 2", kind=RecipientKind.COLLECTIVE)
    listed = all_pages(official, reverse("awards:nominees"), {}, lambda n: n.name)
    # Collectives first, in number order, then people by given name: as printed.
    assert listed == ["Tổ dân phố 2", "Tổ dân phố 10", *printed(PEOPLE)]
    assert listed.index("Đỗ Thị Dung") < listed.index("Vũ Thị Dung")
    backwards = all_pages(official, reverse("awards:nominees"), {"sort": "-name"}, lambda n: n.name)
    assert backwards == list(reversed(listed))


def test_nominations_in_the_printed_order_across_pages(
    official, make_nomination, make_nominee, forms
):
    for name in reversed(PEOPLE):
        make_nomination(forms["GKUBP"], nominee=make_nominee(name))
    listed = all_pages(
        official, reverse("awards:index"), {"sort": "nominee"}, lambda n: n.nominee.name
    )
    assert listed == printed(PEOPLE)


def test_exemplars_in_the_printed_order_across_pages(official, units):
    for name in reversed(PEOPLE):
        Exemplar.objects.create(ward=units["ward"], name=name, year=2025)
    Exemplar.objects.create(ward=units["ward"], name="Chi hội 2", kind=ExemplarKind.COLLECTIVE)
    url = reverse("wards:exemplar_list", args=[units["ward"].code])
    listed = all_pages(official, url, {}, lambda e: e.name)
    assert listed == ["Chi hội 2", *printed(PEOPLE)]


def test_the_migrations_fill_the_key_of_rows_written_before_it(make_nominee, units):
    nominee = make_nominee("Đỗ Thị Dung")
    exemplar = Exemplar.objects.create(ward=units["ward"], name="Vũ Thị Ân")
    Nominee.objects.update(sort_name="")
    Exemplar.objects.update(sort_name="")
    for app, name in [("awards", "0009_people_sort_name"), ("wards", "0010_people_sort_name")]:
        import_module(f"{app}.migrations.{name}").fill_sort_names(django_apps, None)
    nominee.refresh_from_db()
    exemplar.refresh_from_db()
    assert nominee.sort_name == people_sort_text("Đỗ Thị Dung", collective=False)
    assert exemplar.sort_name == people_sort_text("Vũ Thị Ân", collective=False)


# --------------------------------------------------------------------------- decisions


@pytest.fixture
def decisions(make_decision, forms, units):
    ward_form, province_form = forms["GKUBP"], forms["BKUBT"]
    return {
        "2024 draft": make_decision(ward_form, number=10, day=date(2024, 8, 12)),
        "2025 issued": make_decision(
            ward_form, number=20, day=date(2025, 8, 12), status=DecisionStatus.ISSUED
        ),
        "2025 draft": make_decision(ward_form, number=30, day=date(2025, 9, 1)),
        "province": make_decision(
            province_form, unit=units["province"], number=40, day=date(2025, 8, 1)
        ),
    }


def listed_numbers(client, **params) -> list[int]:
    response = client.get(reverse("awards:decisions"), params)
    assert response.status_code == 200
    return sorted(d.number for d in response.context["table"].page.object_list)


def test_the_decision_list_filters_by_year_status_level_and_form(client, people, decisions, forms):
    client.force_login(people["province"])
    assert listed_numbers(client) == [10, 20, 30, 40]
    assert listed_numbers(client, year=2025) == [20, 30, 40]
    assert listed_numbers(client, status="issued") == [20]
    assert listed_numbers(client, year=2025, status="draft") == [30, 40]
    assert listed_numbers(client, level=forms["BKUBT"].level) == [40]
    assert listed_numbers(client, level=forms["GKUBP"].level, year=2024) == [10]
    assert listed_numbers(client, form=forms["BKUBT"].pk) == [40]
    # A value that is no choice shows nothing and says why, never everything.
    response = client.get(reverse("awards:decisions"), {"status": "burnt", "year": "abc"})
    assert list(response.context["table"].page.object_list) == []
    assert re.search(r"invalid-feedback|Hãy chọn|Nhập một số", response.content.decode())


def test_the_decision_filters_keep_the_sort_and_the_sort_keeps_the_filters(
    client, people, decisions
):
    client.force_login(people["province"])
    response = client.get(reverse("awards:decisions"), {"year": 2025, "sort": "number"})
    assert [d.number for d in response.context["table"].page.object_list] == [20, 30, 40]
    page = response.content.decode()
    assert '<input type="hidden" name="sort" value="number">' in page
    assert "?year=2025&amp;sort=-number" in page

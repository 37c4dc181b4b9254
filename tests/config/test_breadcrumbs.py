"""Every page below the home page shows where it is: a breadcrumb trail (one template tag,
wards_tags.breadcrumbs) labelled "Đường dẫn", its last item the current page. The pages are
walked from the URL patterns, so a new page cannot be forgotten."""

import re
from datetime import date, time

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from awards.models import Decision, Nomination, Nominee, PrinterProfile
from documents.services import request_document
from festival.models import Festival, ProgrammeItem, SideEvent, SideEventKind
from festival.services import create_festival
from tests.register import load_demo_data
from wards.models import (
    Activity,
    AdministrativeUnit,
    Exemplar,
    ResidentialArea,
    Scheme,
    SchemeKind,
    Signer,
)

pytestmark = pytest.mark.django_db

WARD = "06781"  # the demo's Cửa Ông
APP_NAMESPACES = {"wards", "awards", "festival", "documents", "dashboards"}
# The top of their own trail.
NO_TRAIL = {"home", "login", "awards:verify"}
# Not pages: POST actions, files, JSON and the parts htmx swaps into a page.
NOT_PAGES = {
    "wards:restore",
    "wards:former_groupings",
    "wards:area_delete",
    "wards:scheme_delete",
    "wards:activity_delete",
    "wards:exemplar_delete",
    "wards:import_confirm",
    "wards:import_template",
    "documents:table",
    "documents:generate",
    "documents:status",
    "documents:regenerate",
    "documents:download",
    "festival:status",
    "festival:pilot",
    "festival:photo_delete",
    "festival:photo",
    "festival:photo_thumbnail",
    "festival:row_delete",
    "festival:move",
    "awards:nominee_fit",
    "awards:nomination_fit",
    "awards:nomination_submit",
    "awards:nomination_act",
    "awards:decision_issue",
    "awards:ceremony_mc",
    "awards:presentation_delete",
    "dashboards:index",  # a redirect to the user's own dashboard
}


def app_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace in APP_NAMESPACES:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


@pytest.fixture
def demo(db):
    load_demo_data()
    return AdministrativeUnit.objects.get(code=WARD)


def pages(ward) -> dict[str, tuple[str, str]]:
    """URL name -> (URL, the demo user who opens it)."""
    festival = Festival.objects.filter(ward=ward).order_by("-year").first()
    decision = Decision.objects.filter(unit=ward).first()
    grouping = ward.parent
    province = grouping.parent
    official, organiser, leader = "canbo.cuaong", "btc.cuaong", "lanhdao.cuaong"
    admin, province_staff = "quantri.quangninh", "tinh.quangninh"
    owner = get_user_model().objects.get(username=organiser)
    job = request_document(owner, "festival.programme", festival, "pdf")
    printer = PrinterProfile.objects.create(unit=ward, name="Máy in phường")
    scheme = Scheme.objects.filter(ward=ward).first()
    activity = Activity.objects.create(
        ward=ward, scheme=scheme, date=date(2026, 5, 1), type="patrol"
    )
    exemplar = Exemplar.objects.filter(ward=ward).first() or Exemplar.objects.create(
        ward=ward, name="Nguyễn Văn An"
    )
    area = ResidentialArea.objects.filter(ward=ward).first()
    signer = Signer.objects.filter(unit=ward).first()
    nomination = Nomination.objects.filter(nominee__ward=ward, decision__isnull=True).first()
    nomination = nomination or Nomination.objects.filter(nominee__ward=ward).first()
    # Pages that edit need what may still change: a planned festival, a draft nomination and
    # decision (the demo's festival is reported and its decision issued).
    planned = create_festival(
        ward, owner, date=date(2027, 8, 19), start_time=time(7, 30), venue="Nhà văn hoá"
    )
    side_event = SideEvent.objects.create(
        festival=planned, kind=SideEventKind.values[0], title="Khám bệnh miễn phí"
    )
    draft = Nomination.objects.create(
        nominee=Nominee.objects.create(ward=ward, name="Lê Thị Dung", birth_year=1980),
        form=decision.form,
        year=2026,
        achievements="Tích cực tham gia tổ tự quản",
        proposing_unit="UBND phường Cửa Ông",
    )
    draft_decision = Decision.objects.create(
        unit=ward,
        form=decision.form,
        number=999,
        symbol="QĐ-UBND",
        date=date(2026, 11, 1),
        authority=decision.authority,
        place=decision.place,
        signer=decision.signer,
    )
    code = ward.code
    return {
        "wards:unit": (reverse("wards:unit", args=[province.code]), province_staff),
        "wards:area_create": (reverse("wards:area_create", args=[code]), official),
        "wards:area_edit": (reverse("wards:area_edit", args=[area.pk]), official),
        "wards:grouping_create": (reverse("wards:grouping_create", args=[province.code]), admin),
        "wards:grouping_edit": (reverse("wards:grouping_edit", args=[grouping.code]), admin),
        "wards:unit_settings": (reverse("wards:unit_settings", args=[code]), admin),
        "wards:scheme_kind_list": (reverse("wards:scheme_kind_list", args=[province.code]), admin),
        "wards:scheme_kind_create": (
            reverse("wards:scheme_kind_create", args=[province.code]),
            admin,
        ),
        "wards:scheme_kind_edit": (
            reverse(
                "wards:scheme_kind_edit",
                args=[
                    SchemeKind.objects.create(code="t22-1", name="Tổ bến đò", province=province).pk
                ],
            ),
            admin,
        ),
        "wards:signer_list": (reverse("wards:signer_list", args=[code]), leader),
        "wards:deleted": (reverse("wards:deleted", args=[code]), official),
        "wards:signer_create": (reverse("wards:signer_create", args=[code]), leader),
        "wards:signer_edit": (reverse("wards:signer_edit", args=[signer.pk]), leader),
        "wards:scheme_list": (reverse("wards:scheme_list"), official),
        "wards:scheme_map": (reverse("wards:scheme_map"), official),
        "wards:scheme": (reverse("wards:scheme", args=[scheme.pk]), official),
        "wards:scheme_edit": (reverse("wards:scheme_edit", args=[scheme.pk]), official),
        "wards:scheme_members": (reverse("wards:scheme_members", args=[scheme.pk]), official),
        "wards:scheme_create": (reverse("wards:scheme_create", args=[code]), official),
        "wards:activity_list": (reverse("wards:activity_list", args=[code]), official),
        "wards:activity_create": (reverse("wards:activity_create", args=[code]), official),
        "wards:activity_edit": (reverse("wards:activity_edit", args=[activity.pk]), official),
        "wards:exemplar_list": (reverse("wards:exemplar_list", args=[code]), official),
        "wards:exemplar_create": (reverse("wards:exemplar_create", args=[code]), official),
        "wards:exemplar_edit": (reverse("wards:exemplar_edit", args=[exemplar.pk]), official),
        "wards:import": (reverse("wards:import", args=[code, "schemes"]), official),
        "documents:list": (reverse("documents:list"), organiser),
        "documents:job": (reverse("documents:job", args=[job.pk]), organiser),
        "festival:list": (reverse("festival:list"), organiser),
        "festival:calendar": (reverse("festival:calendar"), organiser),
        "festival:create": (reverse("festival:create"), organiser),
        "festival:detail": (reverse("festival:detail", args=[festival.pk]), organiser),
        "festival:edit": (reverse("festival:edit", args=[planned.pk]), organiser),
        "festival:results": (reverse("festival:results", args=[planned.pk]), organiser),
        "festival:pledge": (reverse("festival:pledge", args=[planned.pk]), organiser),
        "festival:photos": (reverse("festival:photos", args=[festival.pk]), organiser),
        "festival:row_create": (
            reverse("festival:row_create", args=[planned.pk, "guests"]),
            organiser,
        ),
        "festival:row_edit": (
            reverse(
                "festival:row_edit",
                args=["programme", ProgrammeItem.objects.filter(festival=planned).first().pk],
            ),
            organiser,
        ),
        "festival:event_results": (
            reverse("festival:event_results", args=[side_event.pk]),
            organiser,
        ),
        "awards:index": (reverse("awards:index"), official),
        "awards:catalogue": (reverse("awards:catalogue"), official),
        "awards:nominees": (reverse("awards:nominees"), official),
        "awards:nominee_create": (reverse("awards:nominee_create", args=[code]), official),
        "awards:nominee_edit": (
            reverse("awards:nominee_edit", args=[Nominee.objects.filter(ward=ward).first().pk]),
            official,
        ),
        "awards:nomination_create": (reverse("awards:nomination_create", args=[code]), official),
        "awards:nomination": (reverse("awards:nomination", args=[nomination.pk]), official),
        "awards:nomination_edit": (
            reverse("awards:nomination_edit", args=[draft.pk]),
            official,
        ),
        "awards:approvals": (reverse("awards:approvals"), leader),
        "awards:decisions": (reverse("awards:decisions"), leader),
        "awards:decision_create": (reverse("awards:decision_create"), leader),
        "awards:decision": (reverse("awards:decision", args=[decision.pk]), leader),
        "awards:decision_edit": (
            reverse("awards:decision_edit", args=[draft_decision.pk]),
            leader,
        ),
        "awards:ceremonies": (reverse("awards:ceremonies"), organiser),
        "awards:ceremony": (reverse("awards:ceremony", args=[festival.pk]), organiser),
        "awards:printers": (reverse("awards:printers"), organiser),
        "awards:printer_create": (reverse("awards:printer_create"), organiser),
        "awards:printer_edit": (reverse("awards:printer_edit", args=[printer.pk]), organiser),
        "dashboards:unit": (reverse("dashboards:unit", args=[province.code]), province_staff),
        "dashboards:ward": (reverse("dashboards:ward", args=[code]), official),
        "password_change": (reverse("password_change"), official),
        "password_change_done": (reverse("password_change_done"), official),
    }


TRAIL = re.compile(
    r'<nav aria-label="Đường dẫn"[^>]*>\s*<ol class="breadcrumb[^"]*">(.*?)</ol>', re.S
)


def test_every_page_below_home_has_a_breadcrumb_trail(client, demo):
    walked = pages(demo)
    # A page added to an app is walked here, or named above as no page.
    expected = app_url_names() - NOT_PAGES - NO_TRAIL
    assert not expected - set(walked), f"pages with no check: {sorted(expected - set(walked))}"
    failures = []
    for name, (url, username) in walked.items():
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(url)
        html = response.content.decode()
        trail = TRAIL.search(html)
        if response.status_code != 200 or trail is None:
            failures.append(f"{name} {url} {response.status_code}: no trail")
            continue
        items = re.findall(
            r'<li class="breadcrumb-item[^"]*"[^>]*>(.*?)</li>', trail.group(1), re.S
        )
        last = trail.group(1).rsplit("<li", 1)[1]
        if len(items) < 2 or 'aria-current="page"' not in last or "<a " in last:
            failures.append(f"{name}: {trail.group(1)!r}")
        if 'href="/"' not in items[0]:
            failures.append(f"{name}: the trail does not start at the home page")
    assert not failures, "\n".join(failures)


def test_the_trail_names_the_units_above_and_only_those_the_user_may_open(client, demo):
    client.force_login(get_user_model().objects.get(username="canbo.cuaong"))
    scheme = Scheme.objects.filter(ward=demo).first()
    html = client.get(reverse("wards:scheme_edit", args=[scheme.pk])).content.decode()
    trail = TRAIL.search(html).group(1)
    assert f'href="{reverse("wards:unit", args=[demo.code])}"' in trail
    assert f'href="{scheme.get_absolute_url()}"' in trail
    assert f'href="{reverse("wards:unit", args=[demo.parent.parent.code])}"' not in trail
    client.force_login(get_user_model().objects.get(username="tinh.quangninh"))
    html = client.get(reverse("wards:scheme", args=[scheme.pk])).content.decode()
    trail = TRAIL.search(html).group(1)
    assert f'href="{reverse("wards:unit", args=[demo.parent.parent.code])}"' in trail
    assert f'aria-current="page">{scheme.name}</li>' in trail


def test_login_and_verify_have_none(client, demo):
    assert "Đường dẫn" not in client.get(reverse("login")).content.decode()
    verify = reverse("awards:verify", args=["KHONGCO"])
    assert "Đường dẫn" not in client.get(verify).content.decode()

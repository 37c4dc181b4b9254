"""NFC at the door: decomposed text (NFD, as some keyboards, files and copied PDFs give it) is
stored composed whatever path writes it, and a decomposed search finds the composed row."""

import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from awards.forms import NomineeForm
from awards.models import Nominee, RecipientKind
from documents.fields import nfc_stored_text

NAME = "Nguyễn Thị Hồng Nhung"
NFD = unicodedata.normalize("NFD", NAME)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("quantri.goc", password="x")


def test_the_text_really_is_decomposed():
    assert NFD != NAME
    assert unicodedata.normalize("NFC", NFD) == NAME


def test_the_admins_nominee_form_stores_nfc(client, superuser, units):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:awards_nominee_add"),
        {
            "ward": units["ward"].pk,
            "kind": RecipientKind.INDIVIDUAL,
            "name": NFD,
            "gender": "",
            "birth_year": "1980",
            "position": unicodedata.normalize("NFD", "Tổ trưởng tổ dân phố"),
            "organisation": "",
            "area": "",
            "exemplar": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nominee = Nominee.objects.get()
    assert nominee.name == NAME
    assert nominee.position == "Tổ trưởng tổ dân phố"


def test_a_model_form_stores_nfc(units):
    form = NomineeForm(
        {"kind": RecipientKind.INDIVIDUAL, "name": NFD, "birth_year": "1980"}, ward=units["ward"]
    )
    assert form.is_valid(), form.errors
    assert form.save().name == NAME
    assert Nominee.objects.get().name == NAME


def test_save_keeps_nfc_on_the_instance_and_in_the_row(make_nominee):
    nominee = make_nominee(name=NFD)
    assert nominee.name == NAME
    assert Nominee.objects.values_list("name", flat=True).get() == NAME


def test_update_and_bulk_create_store_nfc(units, make_nominee):
    nominee = make_nominee(name="Trần Văn An")
    Nominee.objects.filter(pk=nominee.pk).update(name=NFD)
    Nominee.objects.bulk_create(
        [Nominee(ward=units["ward"], kind=RecipientKind.COLLECTIVE, name=NFD + " tập thể")]
    )
    stored = set(Nominee.objects.values_list("name", flat=True))
    assert stored == {NAME, NAME + " tập thể"}
    assert all(unicodedata.is_normalized("NFC", name) for name in stored)


def test_a_decomposed_query_finds_the_composed_row(make_nominee):
    nominee = make_nominee(name=NAME)
    assert list(Nominee.objects.filter(name=NFD)) == [nominee]
    assert list(Nominee.objects.filter(name__icontains=unicodedata.normalize("NFD", "Hồng"))) == [
        nominee
    ]
    assert list(Nominee.objects.filter(name__startswith=NFD[:8])) == [nominee]


def test_the_nominee_search_page_finds_a_decomposed_query(login, people, make_nominee):
    make_nominee(name=NAME)
    make_nominee(name="Lê Văn Tám")
    response = login(people["ward_official"]).get(
        reverse("awards:nominees"), {"q": unicodedata.normalize("NFD", "Hồng Nhung")}
    )
    assert [n.name for n in response.context["table"].page] == [NAME]


def test_the_migration_normalises_rows_stored_before_it(make_nominee):
    nominee = make_nominee(name=NAME)
    with connection.cursor() as cursor:  # as a row written before the fields normalised
        cursor.execute("UPDATE awards_nominee SET name = %s WHERE id = %s", [NFD, nominee.pk])
    assert Nominee.objects.values_list("name", flat=True).get() == NFD
    # The migration's function, on the schema as it stands (later migrations changed some of
    # the tables it walks).
    state = MigrationLoader(connection).project_state()
    nfc_stored_text("awards")(state.apps, None)
    assert Nominee.objects.values_list("name", flat=True).get() == NAME

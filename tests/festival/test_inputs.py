"""What is typed is what is kept and printed: numbers as Vietnamese write them, the pledge
box opening on the clauses that will print."""

import io
import unicodedata

import pypdf
import pytest
from django.urls import reverse

from documents.models import JobStatus
from documents.services import request_document
from festival.models import Festival, SideEvent, SideEventKind

COUNT_REFUSED = (
    "Hãy nhập số nguyên, ví dụ 15.000.000 (nhóm ba chữ số bằng dấu chấm hoặc khoảng trắng); "
    "không dùng dấu phẩy hay phần lẻ."
)


@pytest.fixture
def gifts(festival):
    return SideEvent.objects.create(
        festival=festival,
        kind=SideEventKind.GIFTS,
        title="Tặng quà hộ nghèo",
        gift_recipients="poor_households",
    )


def _pdf_text(job) -> str:
    assert job.status == JobStatus.DONE, job.error
    reader = pypdf.PdfReader(io.BytesIO(job.file.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


# --------------------------------------------------------------------------- numbers


def test_a_grouped_amount_is_saved_whole_and_shown_grouped(login, people, gifts):
    client = login(people["ward_official"])
    url = reverse("festival:event_results", args=[gifts.pk])
    response = client.post(url, {"gifts_count": "1 200", "gifts_value": "15.000.000"})
    assert response.status_code == 302
    gifts.refresh_from_db()
    assert (gifts.gifts_count, gifts.gifts_value) == (1200, 15_000_000)
    page = client.get(url).content.decode()
    assert 'value="15.000.000"' in page
    assert 'value="1.200"' in page
    assert 'type="number"' not in page


@pytest.mark.parametrize("typed", ["15,5", "1.5", "15.00"])
def test_a_count_that_might_hide_a_decimal_is_refused_and_nothing_saved(
    login, people, gifts, typed
):
    client = login(people["ward_official"])
    url = reverse("festival:event_results", args=[gifts.pk])
    response = client.post(url, {"gifts_count": typed, "gifts_value": "15.000.000"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"gifts_count": [COUNT_REFUSED]}
    assert f'value="{typed}"' in response.content.decode()  # shown as typed, to be put right
    gifts.refresh_from_db()
    assert (gifts.gifts_count, gifts.gifts_value) == (None, None)


def test_an_amount_with_a_decimal_part_is_refused(login, people, gifts):
    client = login(people["ward_official"])
    url = reverse("festival:event_results", args=[gifts.pk])
    response = client.post(url, {"gifts_count": "50", "gifts_value": "15.000,5"})
    assert response.context["form"].errors == {"gifts_value": [COUNT_REFUSED]}
    gifts.refresh_from_db()
    assert gifts.gifts_value is None


# --------------------------------------------------------------------------- the pledge


def _box(client, festival) -> str:
    return (
        client.get(reverse("festival:pledge", args=[festival.pk]))
        .context["form"]["pledge_text"]
        .value()
    )


def test_the_pledge_box_opens_on_the_clauses_that_print_and_an_added_one_joins_them(
    login, people, festival
):
    client = login(people["organiser"])
    shown = _box(client, festival)
    assert [line[:2] for line in shown.splitlines()] == ["1.", "2.", "3.", "4."]
    assert "năm 2026" in shown

    typed = unicodedata.normalize("NFD", shown + "\n5. Xây dựng khu dân cư an toàn về ANTT.")
    url = reverse("festival:pledge", args=[festival.pk])
    response = client.post(url, {"pledge_text": typed})
    assert response.status_code == 302
    festival.refresh_from_db()
    assert festival.pledge_text == unicodedata.normalize("NFC", typed)  # lines kept
    assert _box(client, festival) == festival.pledge_text

    text = _pdf_text(request_document(people["organiser"], "festival.pledge", festival, "pdf"))
    printed = " ".join(text.split())
    # Each of the five clauses, in order (a clause may wrap onto several printed lines).
    clauses = festival.pledge_text.splitlines()
    assert len(clauses) == 5
    positions = [printed.find(clause[:40]) for clause in clauses]
    assert -1 not in positions, printed
    assert positions == sorted(positions)
    assert "5. Xây dựng khu dân cư an toàn về ANTT." in printed


def test_an_emptied_pledge_box_is_refused_not_replaced(login, people, festival):
    client = login(people["organiser"])
    url = reverse("festival:pledge", args=[festival.pk])
    response = client.post(url, {"pledge_text": " "})
    assert response.status_code == 200
    assert "pledge_text" in response.context["form"].errors
    assert Festival.objects.get().pledge_text == ""

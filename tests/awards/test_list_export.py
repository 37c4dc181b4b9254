"""“Xuất Excel” under every list: the sheet, opened with openpyxl, holds the page's headings and
every row of the list as filtered (all pages), and never another ward's rows."""

from datetime import date, time

import pytest
from django.urls import reverse

from awards.models import Status
from documents.models import Job, JobStatus
from festival.models import Guest
from festival.services import create_festival
from tests.exports import cells, export, export_form, post_export, sheet_body
from wards.models import Activity, ActivityType


@pytest.fixture
def nominations(forms, make_nominee, make_nomination, units):
    made = [
        make_nomination(forms["GKUBP"], nominee=make_nominee(f"Nguyễn Văn {i:02d}"), status=status)
        for i, status in enumerate([Status.SUBMITTED] * 23 + [Status.DRAFT] * 2)
    ]
    make_nomination(
        forms["GKUBP"],
        nominee=make_nominee("Ông Xa Lạ", ward=units["sibling"]),
        status=Status.SUBMITTED,
    )
    return made


def test_the_nominations_sheet_is_the_filtered_list_of_all_pages(login, people, nominations):
    page, job, rows = export(
        login(people["ward_official"]),
        reverse("awards:index"),
        status=Status.SUBMITTED,
        sort="nominee",
    )
    headers = ["Đối tượng", "Hình thức", "Năm", "Phường, xã", "Trạng thái"]
    for header in headers:
        assert f">{header}" in page
    body = sheet_body(rows, headers)
    assert len(body) == 23  # the page showed 20
    assert [row[0] for row in body] == [f"Nguyễn Văn {i:02d}" for i in range(23)]
    assert {row[4] for row in body} == {"Đã gửi, chờ xét"}
    assert {row[3] for row in body} == {"An"}  # as the page shows it
    assert job.filename == "Đề nghị khen thưởng.xlsx"
    assert not any("Xa Lạ" in str(cell) for row in rows for cell in row)


def test_a_district_officer_sees_both_wards_and_the_ward_official_only_its_own(
    login, people, nominations
):
    _page, _job, rows = export(login(people["district"]), reverse("awards:index"))
    assert "Ông Xa Lạ" in [row[0] for row in rows]
    assert "Nguyễn Văn 00" in [row[0] for row in rows]


def test_a_tampered_query_cannot_reach_another_wards_rows(login, people, nominations, units):
    client = login(people["ward_official"])
    page = client.get(reverse("awards:index")).content.decode()
    data = export_form(page) | {"query": f"ward={units['sibling'].pk}&q=Xa"}
    _job, rows = post_export(client, data)
    assert not any("Xa Lạ" in cell for cell in cells(rows))


def test_another_wards_activity_list_cannot_be_exported(login, people, units):
    for ward in (units["ward"], units["sibling"]):
        Activity.objects.create(
            ward=ward, date=date(2025, 3, 1), type=ActivityType.TIP_OFF, count=4
        )
    client = login(people["ward_official"])
    page = client.get(reverse("wards:activity_list", args=[units["ward"].code])).content.decode()
    data = export_form(page) | {"args": f"code={units['sibling'].code}"}
    client.post(reverse("documents:generate"), data)
    job = Job.objects.latest("pk")
    assert job.status == JobStatus.FAILED
    assert job.error == "Danh sách này không thuộc phạm vi của bạn."
    assert not job.file


def test_the_activity_sheet_keeps_the_year_filter(login, people, units):
    for day, count in ((date(2024, 5, 1), 3), (date(2025, 3, 1), 4), (date(2025, 6, 1), 6)):
        Activity.objects.create(
            ward=units["ward"], date=day, type=ActivityType.TIP_OFF, count=count
        )
    _page, _job, rows = export(
        login(people["ward_official"]),
        reverse("wards:activity_list", args=[units["ward"].code]),
        year=2025,
    )
    body = sheet_body(rows, ["Ngày", "Loại hoạt động", "Số lượng", "Mô hình"])
    assert [(row[0], row[2]) for row in body] == [("01/06/2025", 6), ("01/03/2025", 4)]


def test_an_unknown_list_is_refused(login, people, nominations):
    client = login(people["ward_official"])
    page = client.get(reverse("awards:index")).content.decode()
    response = client.post(reverse("documents:generate"), export_form(page) | {"list": "x.y"})
    assert response.status_code == 400
    assert "Không có danh sách này để xuất." in response.content.decode()


def _festival(ward, user, day):
    return create_festival(ward, user, date=day, start_time=time(7, 30), venue="Nhà văn hóa")


def test_the_festivals_guests_are_exported_in_protocol_order(login, people, units):
    festival = _festival(units["ward"], people["ward_official"], date(2026, 8, 19))
    Guest.objects.create(festival=festival, name="Trần Văn Bình", title="Bí thư", protocol_rank=1)
    Guest.objects.create(festival=festival, name="Lê Thị An", title="Chủ tịch", protocol_rank=2)
    Guest.objects.create(festival=festival, name="Đỗ Văn Cường", protocol_rank=1)
    client = login(people["organiser"])
    _page, _job, rows = export(
        client, reverse("festival:detail", args=[festival.pk]), "festival.guests"
    )
    body = sheet_body(rows, ["Họ và tên", "Chức vụ, đơn vị", "Thứ tự lễ tân"])
    assert [row[0].split()[-1] for row in body] == ["Bình", "Cường", "An"]
    assert body[0][1] == "Bí thư"
    # The festival of another ward cannot be asked for by changing the pk.
    other = _festival(units["sibling"], people["outsider"], date(2026, 8, 20))
    page = client.get(reverse("festival:detail", args=[festival.pk])).content.decode()
    data = export_form(page, "festival.guests")
    client.post(reverse("documents:generate"), data | {"args": f"pk={other.pk}"})
    assert Job.objects.latest("pk").status == JobStatus.FAILED

"""Festival pages: planning, the hub, rows of a festival, status, pilots, scoping."""

import datetime

import pytest
from django.urls import reverse

from festival.models import (
    Festival,
    Guest,
    ItemKind,
    Part,
    PledgeSignatory,
    ProgrammeItem,
    SideEvent,
    SideEventKind,
    Status,
)
from festival.services import create_festival, programme_conflicts
from wards.models import ResidentialArea


def _festival_data(**overrides):
    data = {
        "date": "2026-08-09",
        "start_time": "07:30",
        "venue": "Nhà văn hoá phường",
        "theme": "",
        "organising_committee": "Nguyễn Văn Hải, Trưởng Công an phường",
    }
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- planning


def test_a_ward_official_creates_the_festival_with_the_default_programme(login, people, units):
    client = login(people["ward_official"])
    response = client.post(reverse("festival:create"), _festival_data())
    festival = Festival.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("festival:detail", args=[festival.pk])
    assert festival.ward == units["ward"]
    assert festival.created_by == people["ward_official"]
    assert festival.programme.count() > 10
    page = client.get(response["Location"]).content.decode()
    assert "Ngày hội toàn dân bảo vệ ANTQ năm" in page
    assert "Ký kết giao ước thi đua thực hiện phong trào" in page


def test_a_second_festival_for_the_same_ward_and_year_is_refused(login, people, festival):
    client = login(people["organiser"])
    other_day = festival.date.replace(day=1 if festival.date.day != 1 else 2)
    response = client.post(reverse("festival:create"), _festival_data(date=other_day.isoformat()))
    assert response.status_code == 200
    assert f"Phường An đã có Ngày hội năm {festival.year}" in response.content.decode()
    assert Festival.objects.count() == 1


def test_a_district_officer_cannot_plan_a_festival(login, people, units):
    client = login(people["district"])
    assert client.get(reverse("festival:create")).status_code == 403
    assert client.post(reverse("festival:create"), _festival_data()).status_code == 403
    assert not Festival.objects.exists()


def test_a_province_admin_chooses_the_ward(login, people, units):
    client = login(people["admin"])
    response = client.post(reverse("festival:create"), _festival_data(ward=units["commune"].pk))
    assert response.status_code == 302
    assert Festival.objects.get().ward == units["commune"]


def test_a_held_festival_cannot_be_moved_to_the_future(login, people, festival):
    Festival.objects.filter(pk=festival.pk).update(
        status=Status.HELD, date=datetime.date(2026, 7, 19)
    )
    client = login(people["ward_official"])
    response = client.post(reverse("festival:edit", args=[festival.pk]), _festival_data())
    assert response.status_code == 200
    assert "không thể ở sau hôm nay" in response.content.decode()


def test_a_reported_festival_is_locked_until_moved_back(login, people, festival):
    """What the ward reported stays as reported: each edit is refused with the reason and
    changes nothing; moving it back to "held" opens it again."""
    Festival.objects.filter(pk=festival.pk).update(
        status=Status.REPORTED, date=datetime.date(2026, 7, 17)
    )
    client = login(people["ward_official"])
    detail = reverse("festival:detail", args=[festival.pk])
    item = festival.programme.first()
    attempts = [
        reverse("festival:edit", args=[festival.pk]),
        reverse("festival:results", args=[festival.pk]),
        reverse("festival:pledge", args=[festival.pk]),
        reverse("festival:row_create", args=[festival.pk, "guests"]),
        reverse("festival:row_edit", args=["programme", item.pk]),
        reverse("festival:row_delete", args=["programme", item.pk]),
        reverse("festival:move", args=[item.pk]),
    ]
    for url in attempts:
        response = client.post(url, {**_festival_data(venue="Sân vận động"), "direction": "up"})
        assert response.status_code == 302, url
        assert response["Location"] == detail
        assert "đã báo cáo nên không sửa được" in client.get(detail).content.decode()
    festival.refresh_from_db()
    assert festival.venue == "Nhà văn hoá khu phố 3"
    assert festival.programme.filter(pk=item.pk).exists()
    page = client.get(detail).content.decode()
    assert reverse("festival:edit", args=[festival.pk]) not in page
    assert "Quay lại: Đã tổ chức" in page
    client.post(reverse("festival:status", args=[festival.pk]), {"target": Status.HELD})
    response = client.post(
        reverse("festival:edit", args=[festival.pk]),
        _festival_data(
            venue="Sân vận động",
            date="2026-07-17",
        ),
    )
    assert response.status_code == 302
    festival.refresh_from_db()
    assert festival.venue == "Sân vận động"


# --------------------------------------------------------------------------- scoping


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("ward_official", 200),
        ("organiser", 200),
        ("district", 200),
        ("province", 200),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
def test_who_sees_the_festival(login, people, festival, person, expected):
    client = login(people[person])
    assert client.get(reverse("festival:detail", args=[festival.pk])).status_code == expected


def _row_urls(festival):
    item = festival.programme.first()
    guest = Guest.objects.create(festival=festival, name="Đỗ Văn Chiến")
    event = SideEvent.objects.create(festival=festival, kind="clean_up", title="Dọn vệ sinh")
    return [
        ("get", reverse("festival:edit", args=[festival.pk])),
        ("get", reverse("festival:row_create", args=[festival.pk, "guests"])),
        ("get", reverse("festival:row_edit", args=["programme", item.pk])),
        ("get", reverse("festival:row_edit", args=["guests", guest.pk])),
        ("get", reverse("festival:event_results", args=[event.pk])),
        ("get", reverse("festival:results", args=[festival.pk])),
        ("get", reverse("festival:pledge", args=[festival.pk])),
        ("post", reverse("festival:row_delete", args=["guests", guest.pk])),
        ("post", reverse("festival:move", args=[item.pk])),
        ("post", reverse("festival:status", args=[festival.pk])),
    ]


@pytest.mark.parametrize(("person", "expected"), [("outsider", 404), ("district", 403)])
def test_editing_checks_scope_then_permission(login, people, festival, person, expected):
    client = login(people[person])
    for method, url in _row_urls(festival):
        response = getattr(client, method)(url, {"direction": "up", "target": "ready"})
        assert response.status_code == expected, url
    assert Guest.objects.count() == 1
    assert Festival.objects.get().status == Status.PLANNED


def test_an_unknown_row_kind_is_a_404(login, people, festival):
    client = login(people["ward_official"])
    assert client.get(f"/festivals/{festival.pk}/secrets/new/").status_code == 404


def test_the_list_shows_only_festivals_under_the_users_unit(
    login, people, festival, sibling_festival
):
    page = login(people["ward_official"]).get(reverse("festival:list"))
    assert [f.pk for f in page.context["page"]] == [festival.pk]
    page = login(people["district"]).get(reverse("festival:list"))
    assert {f.pk for f in page.context["page"]} == {festival.pk, sibling_festival.pk}


# --------------------------------------------------------------------------- programme


def test_adding_an_item_puts_it_last_in_its_part(login, people, festival):
    client = login(people["organiser"])
    response = client.post(
        reverse("festival:row_create", args=[festival.pk, "programme"]),
        {
            "part": Part.FESTIVITIES,
            "start_time": "10:00",
            "title": "Trao giải hội thi",
            "kind": ItemKind.OTHER,
            "responsible": "Ban tổ chức",
        },
    )
    assert response.status_code == 302
    last = festival.programme.filter(part=Part.FESTIVITIES).order_by("position").last()
    assert last.title == "Trao giải hội thi"


def test_a_new_item_takes_its_place_by_its_time(login, people, festival):
    """Adding "20:12" to an evening that has "21:00" puts it above, not last and refused."""
    client = login(people["organiser"])
    url = reverse("festival:row_create", args=[festival.pk, "programme"])
    for start, title in [("20:00", "Văn nghệ"), ("21:00", "Bế mạc"), ("20:12", "Múa lân")]:
        response = client.post(
            url, {"part": Part.FESTIVITIES, "start_time": start, "title": title, "kind": "other"}
        )
        assert response.status_code == 302
    evening = festival.programme.filter(part=Part.FESTIVITIES).order_by("position")
    assert [i.title for i in evening][-3:] == ["Văn nghệ", "Múa lân", "Bế mạc"]
    assert len({i.position for i in evening}) == evening.count()  # no two in one place
    # Before every item of the ceremony: first.
    response = client.post(
        url,
        {"part": Part.CEREMONY, "start_time": "07:00", "title": "Đón đại biểu", "kind": "other"},
    )
    assert response.status_code == 302
    ceremony = festival.programme.filter(part=Part.CEREMONY).order_by("position")
    assert ceremony.first().title == "Đón đại biểu"
    assert programme_conflicts(list(festival.programme.order_by("part", "position"))) == []


def test_editing_an_items_time_past_the_next_one_is_refused(login, people, festival):
    flag = festival.programme.get(kind=ItemKind.FLAG_SALUTE)
    client = login(people["organiser"])
    response = client.post(
        reverse("festival:row_edit", args=["programme", flag.pk]),
        {"part": Part.CEREMONY, "start_time": "07:36", "title": "Chào cờ", "kind": "flag_salute"},
    )
    assert response.status_code == 200
    assert "“Tuyên bố lý do, giới thiệu đại biểu” (07:35) đứng sau “Chào cờ” (07:36)" in (
        response.content.decode()
    )
    flag.refresh_from_db()
    assert flag.start_time == datetime.time(7, 30)


def test_the_up_button_reorders_without_javascript(login, people, festival):
    opening = festival.programme.get(kind=ItemKind.OPENING)
    client = login(people["organiser"])
    response = client.post(reverse("festival:move", args=[opening.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{opening.pk}")
    ceremony = ProgrammeItem.objects.filter(festival=festival, part=Part.CEREMONY)
    assert [i.kind for i in ceremony.order_by("position")[:3]] == [
        ItemKind.FLAG_SALUTE,
        ItemKind.OPENING,
        ItemKind.DELEGATES,
    ]


# --------------------------------------------------------------------------- guests, pledge


def test_guests_are_listed_by_protocol_rank(login, people, festival):
    client = login(people["organiser"])
    url = reverse("festival:row_create", args=[festival.pk, "guests"])
    for name, rank in [("Nguyễn Quang Hiếu", 3), ("Đinh Tiến Dũng", 1), ("Vũ Chiến Thắng", 2)]:
        response = client.post(
            url,
            {
                "salutation": "comrade",
                "name": name,
                "title": "Đại biểu",
                "organisation": "",
                "protocol_rank": rank,
            },
        )
        assert response.status_code == 302
    page = client.get(reverse("festival:detail", args=[festival.pk]))
    assert [g.name for g in page.context["guests"]] == [
        "Đinh Tiến Dũng",
        "Vũ Chiến Thắng",
        "Nguyễn Quang Hiếu",
    ]


def test_a_guest_has_a_rank_read_before_the_name(login, people, festival):
    client = login(people["organiser"])
    response = client.post(
        reverse("festival:row_create", args=[festival.pk, "guests"]),
        {
            "salutation": "comrade",
            "rank": "Trung tướng",
            "name": "Nguyễn Hải Trung",
            "title": "Thứ trưởng Bộ Công an",
            "organisation": "Bộ Công an",
            "protocol_rank": 1,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("festival:detail", args=[festival.pk])).content.decode()
    assert "Đồng chí Trung tướng Nguyễn Hải Trung</span>, Thứ trưởng Bộ Công an\n" in page


def test_a_residential_area_signs_under_its_own_name(login, people, festival, units):
    area = ResidentialArea.objects.create(ward=units["ward"], kind="khu_pho", name="Khu phố 3")
    client = login(people["organiser"])
    url = reverse("festival:row_create", args=[festival.pk, "signatories"])
    data = {
        "kind": "residential_area",
        "residential_area": area.pk,
        "name": "",
        "representative": "Trần Văn Bảy",
        "representative_title": "Trưởng khu phố",
    }
    assert client.post(url, data).status_code == 302
    assert PledgeSignatory.objects.get().name == "Khu phố 3"
    again = client.post(url, data)
    assert "“Khu phố 3” đã có trong danh sách ký giao ước" in again.content.decode()
    assert PledgeSignatory.objects.count() == 1


def test_another_wards_area_cannot_sign(login, people, festival, units):
    far_area = ResidentialArea.objects.create(ward=units["sibling"], kind="khu_pho", name="Khu B")
    client = login(people["organiser"])
    response = client.post(
        reverse("festival:row_create", args=[festival.pk, "signatories"]),
        {
            "kind": "residential_area",
            "residential_area": far_area.pk,
            "representative": "A",
            "representative_title": "B",
        },
    )
    assert response.status_code == 200
    assert not PledgeSignatory.objects.exists()


# --------------------------------------------------------------------------- results, status


def test_side_event_results_ask_only_for_the_kinds_figures(login, people, festival):
    event = SideEvent.objects.create(
        festival=festival, kind=SideEventKind.HEALTH_CHECK, title="Khám bệnh miễn phí"
    )
    client = login(people["ward_official"])
    url = reverse("festival:event_results", args=[event.pk])
    form = client.get(url).context["form"]
    assert set(form.fields) == {"people_examined", "medicine_given", "note"}
    response = client.post(url, {"people_examined": "250", "medicine_given": ""})
    assert response.status_code == 200
    response = client.post(url, {"people_examined": "250", "medicine_given": "180"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.people_examined, event.medicine_given) == (250, 180)


def test_a_gift_event_needs_its_recipients(login, people, festival):
    client = login(people["ward_official"])
    url = reverse("festival:row_create", args=[festival.pk, "side-events"])
    response = client.post(url, {"kind": "gifts", "title": "Tặng quà"})
    assert "Hãy chọn đối tượng nhận quà" in response.content.decode()
    client.post(url, {"kind": "gifts", "title": "Tặng quà", "gift_recipients": "students"})
    assert SideEvent.objects.get().gift_recipients == "students"


def test_changing_an_events_kind_drops_the_old_kinds_figures(login, people, festival):
    event = SideEvent.objects.create(
        festival=festival,
        kind=SideEventKind.HEALTH_CHECK,
        title="Khám bệnh",
        people_examined=250,
        medicine_given=180,
    )
    client = login(people["ward_official"])
    client.post(
        reverse("festival:row_edit", args=["side-events", event.pk]),
        {"kind": "clean_up", "title": "Dọn vệ sinh môi trường"},
    )
    event.refresh_from_db()
    assert event.kind == SideEventKind.CLEAN_UP
    assert (event.people_examined, event.medicine_given) == (None, None)


def test_a_refused_status_change_says_why(login, people, festival):
    Festival.objects.filter(pk=festival.pk).update(status=Status.READY)
    client = login(people["ward_official"])
    response = client.post(
        reverse("festival:status", args=[festival.pk]), {"target": "held"}, follow=True
    )
    day = festival.date.strftime("%d/%m/%Y")
    assert f"Chưa đến ngày tổ chức ({day}), không thể chuyển sang Đã tổ chức." in (
        response.content.decode()
    )
    assert Festival.objects.get().status == Status.READY


def test_the_hub_offers_the_next_step(login, people, festival):
    page = login(people["ward_official"]).get(reverse("festival:detail", args=[festival.pk]))
    assert "Chuyển sang: Sẵn sàng tổ chức" in page.content.decode()
    page = login(people["district"]).get(reverse("festival:detail", args=[festival.pk]))
    assert "Chuyển sang" not in page.content.decode()


# --------------------------------------------------------------------------- pilots


def test_a_district_officer_marks_a_pilot(login, people, festival, units):
    client = login(people["district"])
    response = client.post(reverse("festival:pilot", args=[festival.pk]), {"is_pilot": "1"})
    assert response.status_code == 302
    festival.refresh_from_db()
    assert festival.is_pilot
    assert festival.pilot_unit == units["grouping"]
    listed = client.get(reverse("festival:list"), {"pilot": "yes"})
    assert [f.pk for f in listed.context["page"]] == [festival.pk]


@pytest.mark.parametrize(("person", "expected"), [("ward_official", 403), ("outsider", 404)])
def test_a_ward_cannot_make_itself_a_pilot(login, people, festival, person, expected):
    response = login(people[person]).post(
        reverse("festival:pilot", args=[festival.pk]), {"is_pilot": "1"}
    )
    assert response.status_code == expected
    assert not Festival.objects.get().is_pilot


def test_a_district_officer_cannot_mark_another_districts_ward(login, people, units):
    far = create_festival(
        units["far_ward"],
        None,
        date=datetime.date(2026, 7, 20),
        start_time=datetime.time(8, 0),
        venue="Hội trường",
    )
    response = login(people["district"]).post(
        reverse("festival:pilot", args=[far.pk]), {"is_pilot": "1"}
    )
    assert response.status_code == 404


# --------------------------------------------------------------------------- lists


def test_the_list_filters_and_counts_queries(
    login, people, festival, sibling_festival, units, django_assert_num_queries
):
    create_festival(  # another year: filtered out
        units["commune"],
        None,
        date=datetime.date(festival.year - 1, 8, 19),
        start_time=datetime.time(8, 0),
        venue="Hội trường",
    )
    SideEvent.objects.create(
        festival=festival, kind="health_check", title="Khám", people_examined=40, medicine_given=1
    )
    client = login(people["province"])
    client.get(reverse("festival:list"))  # warm the session
    with django_assert_num_queries(8):
        # 1 session, 2 user, 3 membership (scope and the menu's role), 4 years for the filter,
        # 5 paginator count, 6-7 the totals (festivals, side events), 8 the page of festivals
        # with their sums.
        page = client.get(reverse("festival:list"), {"year": festival.year})
    assert page.status_code == 200
    assert page.context["totals"].people_examined == 40
    assert page.context["page"].paginator.count == 2
    assert "An" in page.content.decode()


def test_the_calendar_shows_the_month_of_festivals(login, people, festival, sibling_festival):
    client = login(people["district"])
    response = client.get(
        reverse("festival:calendar"),
        {"year": festival.date.year, "month": festival.date.month},
    )
    assert response.status_code == 200
    assert festival in response.context["month_festivals"]
    assert f'href="/festivals/{festival.pk}/"' in response.content.decode()


def test_a_bad_calendar_month_is_a_404(login, people):
    client = login(people["district"])
    assert client.get(reverse("festival:calendar"), {"month": "13"}).status_code == 404

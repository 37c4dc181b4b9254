"""Festival rules: status, default programme, programme order, protocol order, totals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from festival import services
from festival.models import (
    Festival,
    GiftRecipients,
    Guest,
    ItemKind,
    Part,
    PledgeSignatory,
    ProgrammeItem,
    SideEvent,
    SideEventKind,
    SignatoryKind,
    Status,
)

# --------------------------------------------------------------------------- default programme


def test_a_new_festival_gets_the_usual_programme(festival):
    items = list(festival.programme.all())
    ceremony = [i for i in items if i.part == Part.CEREMONY]
    festivities = [i for i in items if i.part == Part.FESTIVITIES]
    assert [i.kind for i in ceremony] == [
        ItemKind.FLAG_SALUTE,
        ItemKind.DELEGATES,
        ItemKind.OPENING,
        ItemKind.RESULTS_REPORT,
        ItemKind.SPEECH,
        ItemKind.COMMENDATION,
        ItemKind.PLEDGE,
        ItemKind.SPEECH,
    ]
    assert {i.kind for i in festivities} >= {
        ItemKind.PERFORMANCE,
        ItemKind.FOLK_GAMES,
        ItemKind.HEALTH_CHECK,
        ItemKind.GIFTS,
        ItemKind.ADMIN_SERVICES,
    }
    # Starts at the festival's time, positions 1, 2, 3 ... and times in order.
    assert ceremony[0].start_time == datetime.time(7, 30)
    assert [i.position for i in ceremony] == list(range(1, len(ceremony) + 1))
    assert services.programme_order_problems(items) == []


def test_the_year_follows_the_date_and_one_festival_per_ward_and_year(festival, units):
    assert festival.year == festival.date.year
    with pytest.raises(IntegrityError):
        Festival.objects.create(
            ward=units["ward"],
            # Another day of the same year, whatever today is (the fixture is a month ahead).
            date=festival.date.replace(month=1, day=1),
            start_time=datetime.time(8, 0),
            venue="Hội trường",
        )


# --------------------------------------------------------------------------- status


def test_the_status_moves_forward_one_step_at_a_time(festival):
    with pytest.raises(ValidationError) as refused:
        services.change_status(festival, Status.HELD, today=festival.date)
    assert "Không thể chuyển từ “Đang chuẩn bị” sang “Đã tổ chức”" in refused.value.messages[0]
    services.change_status(festival, Status.READY)
    festival.refresh_from_db()
    assert festival.status == Status.READY


def test_a_festival_is_not_held_before_its_date(festival):
    services.change_status(festival, Status.READY)
    the_day_before = festival.date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.change_status(festival, Status.HELD, today=the_day_before)
    day = festival.date.strftime("%d/%m/%Y")
    assert refused.value.messages == [
        f"Chưa đến ngày tổ chức ({day}), không thể chuyển sang Đã tổ chức."
    ]
    services.change_status(festival, Status.HELD, today=festival.date)
    assert Festival.objects.get().status == Status.HELD


def test_an_empty_or_disordered_programme_is_not_ready(festival):
    festival.programme.filter(kind=ItemKind.FLAG_SALUTE).update(start_time=datetime.time(9, 0))
    with pytest.raises(ValidationError) as refused:
        services.change_status(festival, Status.READY)
    assert (
        "“Tuyên bố lý do, giới thiệu đại biểu” (07:35) đứng sau “Chào cờ” (09:00)"
        in (refused.value.messages[0])
    )
    festival.programme.all().delete()
    with pytest.raises(ValidationError, match="chưa có mục nào"):
        services.change_status(festival, Status.READY)


def test_results_are_reported_only_once_filled_in(festival):
    Festival.objects.filter(pk=festival.pk).update(status=Status.HELD)
    festival.refresh_from_db()
    check = SideEvent.objects.create(
        festival=festival, kind=SideEventKind.HEALTH_CHECK, title="Khám bệnh miễn phí"
    )
    with pytest.raises(ValidationError) as refused:
        services.change_status(festival, Status.REPORTED)
    message = refused.value.messages[0]
    assert message.startswith("Chưa nhập đủ kết quả, không thể chuyển sang Đã báo cáo kết quả")
    assert "số người tham dự" in message
    assert "“Khám bệnh miễn phí”" in message

    festival.attendance = 1200
    festival.save()
    check.people_examined = 250
    check.save()
    # One of the kind's two results is still missing.
    with pytest.raises(ValidationError, match="Khám bệnh miễn phí"):
        services.change_status(festival, Status.REPORTED)
    check.medicine_given = 180
    check.save()
    services.change_status(festival, Status.REPORTED)
    assert Festival.objects.get().status == Status.REPORTED


def test_a_step_back_is_allowed_to_correct_a_mistake(festival):
    services.change_status(festival, Status.READY)
    services.change_status(festival, Status.PLANNED)
    assert Festival.objects.get().status == Status.PLANNED


def test_a_stale_status_change_is_refused(festival):
    stale = Festival.objects.get(pk=festival.pk)
    services.change_status(festival, Status.READY)
    with pytest.raises(ValidationError, match="vừa được người khác thay đổi"):
        services.change_status(stale, Status.READY)


# --------------------------------------------------------------------------- programme order


def _ceremony(festival):
    return list(festival.programme.filter(part=Part.CEREMONY).order_by("position"))


def test_moving_an_item_up_swaps_it_with_its_neighbour_and_keeps_the_time_slots(festival):
    flag, delegates, opening = _ceremony(festival)[:3]
    assert services.move_item(opening, "up")
    after = _ceremony(festival)
    assert [i.title for i in after[:3]] == [flag.title, opening.title, delegates.title]
    # The times stay with the slots, so the order stays valid.
    assert [i.start_time for i in after[:3]] == [
        datetime.time(7, 30),
        datetime.time(7, 35),
        datetime.time(7, 40),
    ]
    assert services.programme_order_problems(list(festival.programme.all())) == []


def test_the_first_item_cannot_move_up_nor_the_last_down(festival):
    items = _ceremony(festival)
    assert not services.move_item(items[0], "up")
    assert not services.move_item(items[-1], "down")
    assert _ceremony(festival) == items


def test_moving_renumbers_positions_left_with_gaps(festival):
    festival.programme.filter(part=Part.CEREMONY, position=2).delete()
    items = _ceremony(festival)
    services.move_item(items[-1], "up")
    assert [i.position for i in _ceremony(festival)] == list(range(1, len(items) + 1))


def test_a_conflict_names_both_items(festival):
    late = ProgrammeItem(
        part=Part.CEREMONY, position=99, start_time=datetime.time(7, 0), title="Đón đại biểu"
    )
    problems = services.programme_order_problems(services.programme_with(festival, late))
    assert problems == [
        "Giờ không theo thứ tự trong phần lễ: “Đón đại biểu” (07:00) đứng sau "
        "“Phát biểu tiếp thu, bế mạc phần lễ” (08:40)."
    ]


# --------------------------------------------------------------------------- guests, pledge


def test_guests_are_ordered_by_protocol_rank_then_given_name(festival):
    for name, rank in [
        ("Nguyễn Văn Ánh", 2),
        ("Trần Thị Anh", 2),
        ("Đỗ Văn Chiến", 1),
        ("Lê Văn Bình", 2),
        ("Phạm Thị Ân", 3),
    ]:
        Guest.objects.create(festival=festival, name=name, protocol_rank=rank)
    assert [g.name for g in services.ordered_guests(festival)] == [
        "Đỗ Văn Chiến",
        "Trần Thị Anh",
        "Nguyễn Văn Ánh",
        "Lê Văn Bình",
        "Phạm Thị Ân",
    ]


def test_signatories_are_grouped_by_kind_then_named_in_vietnamese_order(festival):
    for kind, name in [
        (SignatoryKind.RESIDENTIAL_AREA, "Khu phố Đông"),
        (SignatoryKind.RESIDENTIAL_AREA, "Khu phố Dừa"),
        (SignatoryKind.BUSINESS, "Công ty TNHH Hải Long"),
        (SignatoryKind.AGENCY, "Công an phường"),
        (SignatoryKind.ORGANISATION, "Hội Phụ nữ phường"),
    ]:
        PledgeSignatory.objects.create(
            festival=festival, kind=kind, name=name, representative="X", representative_title="Y"
        )
    assert [s.name for s in services.ordered_signatories(festival)] == [
        "Công an phường",
        "Hội Phụ nữ phường",
        "Công ty TNHH Hải Long",
        "Khu phố Dừa",
        "Khu phố Đông",
    ]


def test_the_pledge_text_defaults_to_the_model_commitments(festival):
    assert f"năm {festival.year}" in services.pledge_text(festival)
    festival.pledge_text = "Cam kết riêng của phường."
    assert services.pledge_text(festival) == "Cam kết riêng của phường."


# --------------------------------------------------------------------------- totals


def test_totals_add_up_results_across_festivals(festival, sibling_festival, units):
    Festival.objects.filter(pk=festival.pk).update(attendance=1200, status=Status.REPORTED)
    Festival.objects.filter(pk=sibling_festival.pk).update(attendance=800, is_pilot=True)
    SideEvent.objects.create(
        festival=festival,
        kind=SideEventKind.HEALTH_CHECK,
        title="Khám bệnh",
        people_examined=250,
        medicine_given=200,
    )
    SideEvent.objects.create(
        festival=sibling_festival,
        kind=SideEventKind.HEALTH_CHECK,
        title="Khám bệnh",
        people_examined=100,
        medicine_given=90,
    )
    for fest, recipients, count, value in [
        (festival, GiftRecipients.POOR_HOUSEHOLDS, 50, 25_000_000),
        (festival, GiftRecipients.STUDENTS, 30, 9_000_000),
        (sibling_festival, GiftRecipients.POLICY_FAMILIES, 20, 10_000_000),
    ]:
        SideEvent.objects.create(
            festival=fest,
            kind=SideEventKind.GIFTS,
            title="Tặng quà",
            gift_recipients=recipients,
            gifts_count=count,
            gifts_value=value,
        )
    SideEvent.objects.create(
        festival=festival,
        kind=SideEventKind.ADMIN_SERVICES,
        title="Cấp căn cước",
        id_cards=120,
        electronic_ids=300,
        residence_registrations=15,
    )
    totals = services.festival_totals(Festival.objects.all())
    assert totals.festivals == 2
    assert totals.reported == 1
    assert totals.held == 1
    assert totals.pilots == 1
    assert totals.attendance == 2000
    assert totals.people_examined == 350
    assert totals.medicine_given == 290
    assert totals.gifts_count == 100
    assert totals.gifts_value == 44_000_000
    assert totals.gifts_poor_households == 50
    assert totals.gifts_students == 30
    assert totals.gifts_policy_families == 20
    assert totals.id_cards == 120
    assert totals.electronic_ids == 300
    assert totals.residence_registrations == 15

    only_an = services.festival_totals(Festival.objects.filter(ward=units["ward"]))
    assert only_an.people_examined == 250
    assert only_an.gifts_count == 80


def test_totals_take_two_queries_whatever_the_number_of_festivals(
    festival, sibling_festival, django_assert_num_queries
):
    with django_assert_num_queries(2):
        # 1: counts and attendance of the festivals; 2: sums of their side events' results.
        totals = services.festival_totals(Festival.objects.all())
    assert totals.festivals == 2


def test_totals_of_nothing_are_zero(db):
    assert services.festival_totals(Festival.objects.none()) == services.FestivalTotals()


def test_marking_a_pilot_records_the_level_that_chose(festival, units):
    services.mark_pilot(festival, units["province"], True)
    festival.refresh_from_db()
    assert festival.is_pilot
    assert festival.pilot_unit == units["province"]
    services.mark_pilot(festival, units["province"], False)
    festival.refresh_from_db()
    assert not festival.is_pilot
    assert festival.pilot_unit is None

"""The running totals behind a unit's dashboard (dashboards/summaries.py): the figures they
give equal those counted from the rows themselves, whatever the period, and they follow
every way the rows change."""

import logging
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from dashboards import figures, summaries
from dashboards.models import TYPES, ActivityMonth, NominationYear, SchemeYear
from dashboards.services import period_for, unit_dashboard
from dashboards.tasks import rebuild_summaries
from tests.conftest import make_unit, make_user
from tests.register import make_activity, make_scheme, seed_kinds
from wards.models import Activity, ActivityType, Level, Role, Scheme, SchemeStatus
from wards.scoping import scoped

# The register below holds nothing after this day (it refuses dates after today).
LAST_DAY = date(2024, 7, 10)
TODAYS = [
    date(2024, 7, 10),  # mid-month: last year's same period ends mid-month
    date(2024, 7, 31),  # a month's last day
    date(2024, 12, 31),  # a year's last day
    date(2025, 3, 1),  # a month's first day, the year after
    date(2028, 2, 29),  # a leap day: last year's same period ends on 28 February
]


def random_day(rng, first=date(2019, 1, 1), last=LAST_DAY) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


@pytest.fixture
def register(db):
    """A province of three wards with random schemes (odd ones too: undated, dissolved on
    their founding day or with no date) and random activity, saved one by one as the
    forms save them."""
    rng = random.Random(20241110)
    kinds = list(seed_kinds().values())[:5]
    province = make_unit("80", "Tỉnh Ngẫu Nhiên", Level.PROVINCE)
    wards = [make_unit(f"8000{n}", f"Phường {n}", Level.WARD, province) for n in range(1, 4)]
    for number in range(90):
        established = None if rng.random() < 0.15 else random_day(rng)
        status, changed = SchemeStatus.ACTIVE, None
        roll = rng.random()
        if roll < 0.3:
            status = SchemeStatus.DISSOLVED
            if roll < 0.03:
                changed = None  # never counts
            elif roll < 0.06 and established:
                changed = established  # dissolved on its founding day: never counts
            else:
                changed = random_day(rng, established or date(2018, 1, 1))
        elif roll < 0.4:
            status, changed = SchemeStatus.SUSPENDED, random_day(rng, established or LAST_DAY)
        located = rng.random() < 0.5
        Scheme.objects.create(
            ward=rng.choice(wards),
            kind=rng.choice(kinds),
            name=f"Mô hình {number}",
            established_on=established,
            status=status,
            status_changed_on=changed,
            latitude=Decimal(f"21.{rng.randint(0, 999999):06d}") if located else None,
            longitude=Decimal(f"105.{rng.randint(0, 999999):06d}") if located else None,
        )
    types = [value for value, _label in ActivityType.choices]
    for _entry in range(400):
        make_activity(
            rng.choice(wards),
            date=random_day(rng, date(2021, 1, 1)),
            type=rng.choice(types),
            count=rng.randint(1, 9),
        )
    return province, wards


def from_rows(user, province, period):
    """The figures counted from the rows, per ward: what the totals must give."""
    under = {"ward__path__startswith": province.path}
    schemes = figures.schemes(scoped(user, Scheme.objects.filter(**under)), "ward_id", period)
    activity = figures.activity(scoped(user, Activity.objects.filter(**under)), "ward_id", period)
    daily = figures.daily_activity(scoped(user, Activity.objects.filter(**under)), period)
    return schemes, activity, daily


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_the_totals_give_the_figures_counted_from_the_rows(register, today):
    province, wards = register
    user = make_user("tinh.ngaunhien", Role.STAFF, province)
    for year in (today.year, today.year - 1, today.year - 2):
        period = period_for(year, today)
        dashboard = unit_dashboard(user, province, year, today=today)
        rows = {row.key: row for row in dashboard.rows}
        schemes, activity, daily = from_rows(user, province, period)
        located = dict.fromkeys(rows, 0)
        for ward, kind, now, before, new_now, new_before, count, _lat, _lng in schemes:
            row = rows[ward]
            expected = (now, before, new_now, new_before)
            got = row.schemes.get(kind), row.new_by_kind_id.get(kind)
            shown = (
                got[0].now if got[0] else 0,
                got[0].before if got[0] else 0,
                got[1].now if got[1] else 0,
                got[1].before if got[1] else 0,
            )
            assert shown == expected, (year, ward, kind)
            located[ward] += count
        for ward, row in rows.items():
            assert row.located == located[ward], (year, ward)
            centre = [(w, k, la, ln) for w, k, _n, _b, _nn, _nb, _c, la, ln in schemes if w == ward]
            assert row.lat_sum == pytest.approx(sum(la or 0 for *_x, la, _ln in centre))
        for ward, type_, now, before in activity:
            pair = rows[ward].activity.get(type_)
            shown = (pair.now, pair.before) if pair else (0, 0)
            assert shown == (now or 0, before or 0), (year, ward, type_)
        months_now, months_before = [0] * 12, [0] * 12
        for day, total in daily:
            (months_now if day.year == year else months_before)[day.month - 1] += total
        shown_now = [pair.now for pair in dashboard.months]
        assert shown_now[: period.end.month] == months_now[: period.end.month]
        assert [pair.before for pair in dashboard.months] == months_before
        assert dashboard.totals.schemes_total.now == sum(item[2] for item in schemes)


def test_a_ward_of_another_province_is_never_counted(register):
    province, _wards = register
    other = make_unit("81", "Tỉnh Khác", Level.PROVINCE)
    far = make_unit("81001", "Phường Xa", Level.WARD, other)
    kinds = seed_kinds()
    make_scheme(far, kinds["camera"], "Camera xa", established_on=date(2024, 1, 1))
    make_activity(far, date=date(2024, 1, 1), count=1000)
    user = make_user("tinh.ngaunhien", Role.STAFF, province)
    dashboard = unit_dashboard(user, province, 2024, today=LAST_DAY)
    _schemes, activity, _daily = from_rows(user, province, period_for(2024, LAST_DAY))
    assert dashboard.totals.activity_total.now == sum(now or 0 for *_key, now, _b in activity)
    assert far.pk not in {row.key for row in dashboard.rows}


def test_every_change_to_the_rows_moves_the_totals(register):
    """Edits that move an entry to another month or ward, dissolving, deleting: a recount
    from the rows finds nothing wrong after each."""
    _province, wards = register
    entry = Activity.objects.filter(ward=wards[0]).first()
    entry.date, entry.count = date(2022, 2, 2), 50
    entry.save()
    assert summaries.rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}
    entry.ward = wards[1]
    entry.save()
    assert summaries.rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}
    entry.delete()
    scheme = Scheme.objects.filter(ward=wards[2], status=SchemeStatus.ACTIVE).first()
    scheme.status, scheme.status_changed_on = SchemeStatus.DISSOLVED, date(2024, 7, 1)
    scheme.save()
    assert summaries.rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}
    scheme.ward = wards[0]
    scheme.save()
    Scheme.objects.filter(pk=scheme.pk).first().delete()
    assert summaries.rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}
    assert SchemeYear.objects.exists()
    assert ActivityMonth.objects.exists()


def test_a_recount_finds_and_mends_totals_left_behind(register, caplog):
    """Rows written in bulk without telling the totals: the nightly recount says so (an
    error in the log, with the counts) and the dashboard is right again."""
    province, wards = register
    user = make_user("tinh.ngaunhien", Role.STAFF, province)
    before = unit_dashboard(user, province, 2024, today=LAST_DAY).totals.activity_total.now
    Activity.objects.bulk_create(
        [Activity(ward=wards[0], date=date(2024, 7, 1), type="patrol", count=7)]
    )
    assert unit_dashboard(user, province, 2024, today=LAST_DAY).totals.activity_total.now == before
    with caplog.at_level(logging.ERROR, logger="dashboards.tasks"):
        assert rebuild_summaries.delay().get() == {"schemes": 0, "activity": 1, "nominations": 0}
    assert "recounted" in caplog.text
    after = unit_dashboard(user, province, 2024, today=LAST_DAY).totals.activity_total.now
    assert after == before + 7
    assert summaries.rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}


def test_the_recount_command(register, capsys):
    _province, wards = register
    ActivityMonth.objects.filter(ward=wards[1]).delete()
    call_command("rebuild_dashboard_totals", "--ward", wards[1].code)
    out = capsys.readouterr().out
    assert "hoạt động" in out
    assert "hoạt động 0" not in out
    call_command("rebuild_dashboard_totals")
    assert "hoạt động 0" in capsys.readouterr().out
    with pytest.raises(CommandError, match="99999"):
        call_command("rebuild_dashboard_totals", "--ward", "99999")


def test_nominations_totals_follow_a_moved_nominee(db):
    from awards.catalogue import seed_catalogue
    from awards.models import AwardForm, Nomination, Nominee

    seed_catalogue()
    province = make_unit("82", "Tỉnh Khen", Level.PROVINCE)
    one = make_unit("82001", "Phường Một", Level.WARD, province)
    two = make_unit("82002", "Phường Hai", Level.WARD, province)
    nominee = Nominee.objects.create(ward=one, name="Nguyễn Văn Khen")
    Nomination.objects.create(
        nominee=nominee,
        form=AwardForm.objects.get(code="GKUBP"),
        year=2024,
        achievements="Tích cực",
        proposing_unit="UBND phường Một",
        status="submitted",
    )
    assert NominationYear.objects.get().ward == one
    nominee.ward = two
    nominee.save()
    assert NominationYear.objects.get().ward == two


def test_the_monthly_totals_have_a_column_for_every_type_of_activity():
    """A type of activity added to ActivityType needs its column in ActivityMonth."""
    columns = {field.name for field in ActivityMonth._meta.get_fields()}
    assert set(ActivityType.values) <= columns
    assert list(ActivityType.values) == list(TYPES)

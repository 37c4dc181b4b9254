"""The app's one date box and time box (documents.forms): typed and shown day first, refused
with a Vietnamese message that says what is wrong, in every form that has a date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from awards.forms import DecisionForm
from documents.forms import DateField, DateInput, TimeField, TimeInput
from festival.documents import DayParams
from festival.forms import FestivalForm, ProgrammeItemForm
from tests.register import make_activity
from wards.forms import ActivityForm, SchemeForm

# Today is the suite's pinned clock (tests/conftest.py, time_machine), not the machine's.


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30/05/2025", datetime.date(2025, 5, 30)),
        ("3/5/2025", datetime.date(2025, 5, 3)),
        (" 03/05/2025 ", datetime.date(2025, 5, 3)),
        ("30-05-2025", datetime.date(2025, 5, 30)),
        ("30.05.2025", datetime.date(2025, 5, 30)),
        ("2025-05-30", datetime.date(2025, 5, 30)),  # files and the API
        ("29/02/2028", datetime.date(2028, 2, 29)),
    ],
)
def test_a_date_is_read_day_first(typed, expected):
    assert DateField().clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Không có ngày 31/02/2026 trên lịch."),
        ("29/02/2026", "Không có ngày 29/02/2026 trên lịch."),
        ("2026-13-01", "Không có tháng 13: tháng chỉ từ 1 đến 12."),
        ("01/13/2026", "Không có tháng 13: tháng chỉ từ 1 đến 12."),
        ("30/05/25", "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/05/2025."),
        ("30/05-2025", "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/05/2025."),
        ("hôm nay", "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/05/2025."),
    ],
)
def test_an_impossible_date_is_refused_in_vietnamese(typed, message):
    with pytest.raises(ValidationError) as refused:
        DateField().clean(typed)
    assert refused.value.messages == [message]


def test_the_date_box_is_a_text_box_showing_day_first():
    html = DateInput().render("d", datetime.date(2025, 5, 30))
    assert 'type="text"' in html
    assert 'value="30/05/2025"' in html
    assert 'inputmode="numeric"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert 'autocomplete="off"' in html
    assert "pattern=" in html


def test_english_pages_show_the_same_day_first_date():
    with translation.override("en"):
        assert 'value="30/05/2025"' in DateInput().render("d", datetime.date(2025, 5, 30))
        # Django's English input formats would read this as 6 May.
        assert DateField().clean("05/06/2025") == datetime.date(2025, 6, 5)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("19:30", datetime.time(19, 30)), ("7:05", datetime.time(7, 5)), ("20h12", (20, 12))],
)
def test_a_time_is_read_on_the_24_hour_clock(typed, expected):
    if isinstance(expected, tuple):
        expected = datetime.time(*expected)
    assert TimeField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "7", "7:5", "7:30 PM"])
def test_an_impossible_time_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        TimeField().clean(typed)
    assert refused.value.messages == ["Hãy nhập giờ theo dạng giờ:phút (24 giờ), ví dụ 19:30."]


def test_the_time_box_is_a_text_box():
    html = TimeInput().render("t", datetime.time(7, 5))
    assert 'type="text"' in html
    assert 'value="07:05"' in html


def _date_widgets(form):
    return {
        name: type(field.widget)
        for name, field in form.fields.items()
        if isinstance(field, DateField | TimeField)
    }


def test_every_form_with_a_date_uses_the_one_date_box(units):
    ward = units["ward"]
    assert _date_widgets(ActivityForm(ward=ward)) == {"date": DateInput}
    assert _date_widgets(SchemeForm(ward=ward)) == {
        "established_on": DateInput,
        "status_changed_on": DateInput,
    }
    assert _date_widgets(FestivalForm(wards=[ward])) == {
        "date": DateInput,
        "start_time": TimeInput,
    }
    assert _date_widgets(DecisionForm(unit=ward))["date"] is DateInput
    assert _date_widgets(DayParams())["date"] is DateInput
    assert 'type="date"' not in str(ActivityForm(ward=ward))
    assert 'type="time"' not in str(FestivalForm(wards=[ward]))


def test_a_programme_item_time_uses_the_time_box():
    assert type(ProgrammeItemForm.base_fields["start_time"].widget) is TimeInput


def test_a_new_activity_is_dated_today_in_vietnam(units, clock):
    # Late evening UTC is already the next day in Vietnam.
    clock.move_to(datetime.datetime(2026, 5, 30, 23, 30, tzinfo=datetime.UTC))
    form = ActivityForm(ward=units["ward"])
    assert form["date"].value() == datetime.date(2026, 5, 31) == timezone.localdate()
    assert 'value="31/05/2026"' in str(form["date"])


def test_an_existing_activity_keeps_its_own_date(units):
    activity = make_activity(units["ward"], date=datetime.date(2025, 5, 30))
    assert 'value="30/05/2025"' in str(ActivityForm(instance=activity, ward=units["ward"])["date"])

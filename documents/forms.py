"""Form base classes that normalise every submitted text value to Unicode NFC, the one
number input, the one date input of the app, and the searchable select."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.vietnamese import (
    DateTextError,
    format_number,
    nfc_data,
    nfc_text,
    parse_date,
    parse_decimal,
    parse_whole_number,
)


class NFCMixin:
    """Normalises the submitted data before any validation, so clean methods and the names they
    compare see what will be stored. Storing NFC is the model fields' job (documents.fields),
    whatever path writes; this only lets a form's own checks agree with it."""

    def full_clean(self) -> None:
        if self.is_bound:
            self.data = nfc_data(self.data, nfc_text)
        super().full_clean()


class Form(NFCMixin, forms.Form):
    pass


class ModelForm(NFCMixin, forms.ModelForm):
    pass


def required_when(field: forms.Field, other: str, *values: str, note: str = "") -> None:
    """Mark ``field`` as required while the form's field ``other`` holds one of ``values``
    ("Năm sinh" for an individual, not for a collective). The form's clean() enforces the rule;
    this says it: ``note`` as help text (without script too) and, through static/js/app.js,
    the required mark on the label whenever the rule applies."""
    if note:
        field.help_text = note
    field.widget.attrs["data-required-when"] = other
    field.widget.attrs["data-required-values"] = " ".join(values)


# --------------------------------------------------------------------------- numbers


class NumberInput(forms.TextInput):
    """A text box, never ``type=number``: a browser's number input reads the Vietnamese
    thousands dot of "15.000.000" as a decimal point and sends 15. The value is shown grouped
    ("15.000.000"); ``static/js/number_input.js`` regroups what is typed."""

    def __init__(self, attrs=None, *, grouped: bool = True) -> None:
        defaults = {"inputmode": "numeric", "autocomplete": "off"}
        if grouped:
            defaults["data-vn-number"] = ""
        super().__init__({**defaults, **(attrs or {})})
        self.grouped = grouped

    def format_value(self, value):
        # What the user typed (a refused "15,5") comes back as text and is shown as typed.
        if self.grouped and isinstance(value, int) and not isinstance(value, bool):
            return format_number(value)
        return super().format_value(value)


class WholeNumberField(forms.IntegerField):
    """Money and counts: "15.000.000", "15 000 000" or "15000000"; anything that might hide a
    decimal mark is refused, never rescaled. ``grouped=False`` for years and ranks."""

    default_error_messages = {
        "invalid": _(
            "Hãy nhập số nguyên, ví dụ 15.000.000 (nhóm ba chữ số bằng dấu chấm hoặc khoảng "
            "trắng); không dùng dấu phẩy hay phần lẻ."
        ),
    }

    def __init__(self, *, grouped: bool = True, **kwargs) -> None:
        kwargs.setdefault("widget", NumberInput(grouped=grouped))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return parse_whole_number(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class DecimalNumberField(forms.DecimalField):
    """Genuine decimals (offsets in mm, coefficients): one decimal mark, comma or dot."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _(
            "Hãy nhập số thập phân, ví dụ 2,5 (một dấu phẩy hoặc dấu chấm trước phần lẻ, không "
            "nhóm chữ số)."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


# --------------------------------------------------------------------------- long selects


def searchable(field: forms.ChoiceField) -> forms.ChoiceField:
    """Make a long select searchable as one types, without accents ("dien ngoc" finds "Điện
    Ngọc"): ``static/js/searchable_select.js`` turns it into the vendored Tom Select. Without
    JavaScript it stays the plain select it is."""
    field.widget.attrs.update(
        {
            "data-searchable": "",
            "data-searchable-placeholder": _("Gõ để tìm…"),
            "data-searchable-empty": _("Không tìm thấy"),
        }
    )
    return field


# --------------------------------------------------------------------------- dates and times


class DateInput(forms.DateInput):
    """A text box, never ``type=date``: Chromium shows its date box as mm/dd/yyyy whatever the
    page's language, so one activity read 30/05/2025 in the list and 05/30/2025 in its form.
    Values are shown and typed day first."""

    input_type = "text"

    def __init__(self, attrs=None) -> None:
        defaults = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": _("dd/mm/yyyy"),
            # The forms parse_date reads; "-" and "/" are escaped for the browser's v-flag regex.
            "pattern": r"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{1,2}-\d{1,2}",
            "title": _("Ngày/tháng/năm, ví dụ 30/05/2025"),
        }
        super().__init__({**defaults, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    """Day first (30/05/2025, 3/5/2025), or ISO (2025-05-30) as files and the API write it."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 30/05/2025."),
        "month": _("Không có tháng %(month)s: tháng chỉ từ 1 đến 12."),
        "day": _("Không có ngày %(day)s/%(month)s/%(year)s trên lịch."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(str(value))
        except DateTextError as error:
            if error.parts is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
            day, month, year = error.parts
            raise ValidationError(
                self.error_messages[error.reason],
                code=error.reason,
                params={"day": f"{day:02d}", "month": f"{month:02d}", "year": year},
            ) from None


class TimeInput(forms.TimeInput):
    """A text box, never ``type=time``: Chromium's time box follows the browser's language and
    shows "08:00 PM" to an English browser. Hours are 0-23, as programmes print them."""

    input_type = "text"

    def __init__(self, attrs=None) -> None:
        defaults = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": _("hh:mm"),
            "pattern": r"\d{1,2}[:h]\d{2}",
            "title": _("Giờ:phút, 24 giờ, ví dụ 19:30"),
        }
        super().__init__({**defaults, **(attrs or {})}, format="%H:%M")


class TimeField(forms.TimeField):
    """ "19:30", "7:05" or "19h30" as Vietnamese write it on paper."""

    widget = TimeInput
    default_error_messages = {
        "invalid": _("Hãy nhập giờ theo dạng giờ:phút (24 giờ), ví dụ 19:30."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        hour, separator, minute = str(value).strip().lower().replace("h", ":").partition(":")
        if not (separator and hour.isdigit() and minute.isdigit() and len(minute) == 2):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return datetime.time(int(hour), int(minute))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

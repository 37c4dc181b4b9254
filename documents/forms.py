"""Form base classes that normalise every submitted text value to Unicode NFC, the one
number input of the app, and the searchable select."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.vietnamese import (
    format_number,
    nfc_data,
    nfc_text,
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

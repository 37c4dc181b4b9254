"""Model fields every app stores its text and numbers in.

Text is NFC-normalised here, at the model layer, because forms, the admin, Excel imports,
``QuerySet.update``, ``bulk_create`` and any future API all pass through it: a name stored
decomposed (NFD) prints with its tone marks knocked off their letters and is not found by a
search typed composed. Whitespace is kept as typed (a text box's lines are its clauses).

Numbers get the app's one number input (``documents.forms``) in every ModelForm and in the
admin: a browser's ``type=number`` box reads "15.000.000" as 15. Dates and times likewise get
its one day-first date box and 24-hour time box: a browser's ``type=date`` shows mm/dd/yyyy.
"""

from django import forms
from django.db import models
from django.db.models import lookups

from documents import forms as vn_forms
from documents.vietnamese import nfc_data, nfc_text


def _nfc(value):
    # A string, or the strings inside a JSON value; whitespace and line breaks are kept.
    return nfc_data(value, nfc_text)


class _NFCMixin:
    def to_python(self, value):
        return _nfc(super().to_python(value))

    def get_prep_value(self, value):
        return _nfc(super().get_prep_value(value))

    def pre_save(self, model_instance, add):
        # The instance keeps what was stored, not the decomposed text it was given.
        value = _nfc(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value


class CharField(_NFCMixin, models.CharField):
    pass


class TextField(_NFCMixin, models.TextField):
    pass


class JSONField(_NFCMixin, models.JSONField):
    """Every string inside the stored JSON (layout boxes, print parameters) is NFC too."""


def _composed(lookup_class):
    """Django leaves the right-hand side of pattern lookups unprepared; preparing it runs
    ``get_prep_value``, so ``name__icontains=<NFD text>`` finds the NFC row."""
    return type(lookup_class.__name__, (lookup_class,), {"prepare_rhs": True})


for _lookup in (
    lookups.IExact,
    lookups.Contains,
    lookups.IContains,
    lookups.StartsWith,
    lookups.IStartsWith,
    lookups.EndsWith,
    lookups.IEndsWith,
):
    CharField.register_lookup(_composed(_lookup))
    TextField.register_lookup(_composed(_lookup))


class _WholeNumberMixin:
    grouped = True

    def formfield(self, **kwargs):
        # The admin passes its own type=number widget class for integer fields; it is the one
        # input this field must not get.
        widget = kwargs.get("widget")
        if isinstance(widget, type) and issubclass(widget, forms.NumberInput):
            del kwargs["widget"]
        return super().formfield(
            **{"form_class": vn_forms.WholeNumberField, "grouped": self.grouped, **kwargs}
        )


class IntegerField(_WholeNumberMixin, models.IntegerField):
    pass


class PositiveIntegerField(_WholeNumberMixin, models.PositiveIntegerField):
    pass


class PositiveBigIntegerField(_WholeNumberMixin, models.PositiveBigIntegerField):
    pass


class PositiveSmallIntegerField(_WholeNumberMixin, models.PositiveSmallIntegerField):
    """Years, ranks and positions: "2026" is not written "2.026"."""

    grouped = False


class DecimalField(models.DecimalField):
    """Genuine decimals (offsets in mm, coefficients), typed with a comma or a dot."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": vn_forms.DecimalNumberField, **kwargs})


class DateField(models.DateField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": vn_forms.DateField, **kwargs})


class TimeField(models.TimeField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": vn_forms.TimeField, **kwargs})


def nfc_stored_text(app_label: str):
    """A data migration's step: NFC-normalise the text an app already stored (rows written
    before its fields normalised). Only rows that change are written."""

    def forwards(apps, schema_editor) -> None:
        for model in apps.get_app_config(app_label).get_models():
            if not model._meta.managed or model._meta.proxy:
                continue
            names = [
                field.attname
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField) and not field.primary_key
            ]
            if not names:
                continue
            # Collected first: SQLite may not be written while the same query is read.
            updates = []
            rows = model._base_manager.values_list("pk", *names)
            for pk, *values in rows.iterator(chunk_size=2000):
                changed = {
                    name: _nfc(value)
                    for name, value in zip(names, values, strict=True)
                    if _nfc(value) != value
                }
                if changed:
                    updates.append((pk, changed))
            for pk, changed in updates:
                model._base_manager.filter(pk=pk).update(**changed)

    return forwards

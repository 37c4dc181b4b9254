"""The model fields every app stores text and numbers in, and the one number input: checked
across every model, form and admin page, so a field added later cannot slip past."""

import contextlib
import importlib
import pathlib
import unicodedata

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.test import RequestFactory

from documents import fields
from documents.forms import DecimalNumberField, NumberInput, WholeNumberField
from documents.models import Job

APPS = ("wards", "accounts", "festival", "awards", "documents", "dashboards")


def _our_models():
    return [model for label in APPS for model in apps.get_app_config(label).get_models()]


def test_every_text_field_of_every_app_stores_nfc():
    plain = [
        f"{model._meta.label}.{field.name}"
        for model in _our_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and field.get_internal_type() in ("CharField", "TextField", "JSONField")
        # django-simple-history's own columns (the change's reason and type) are filled by
        # code; the copies of our fields in history tables are ours.
        and not field.name.startswith("history_")
        and not isinstance(field, fields.CharField | fields.TextField | fields.JSONField)
    ]
    assert plain == []


def _form_classes():
    for label in APPS:
        for module in ("forms", "documents"):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{label}.{module}")
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in APPS:
            found.append(cls)
    return found


def _number_boxes(form_fields) -> list[str]:
    shown = []
    for name, field in form_fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # the admin wraps related widgets
        if isinstance(field, forms.DecimalField):  # Django's DecimalField is an IntegerField
            ours = isinstance(field, DecimalNumberField)
        elif isinstance(field, forms.IntegerField):
            ours = isinstance(field, WholeNumberField)
        else:
            ours = True
        if not ours or getattr(widget, "input_type", None) == "number":
            shown.append(name)
    return shown


def test_no_form_of_the_app_has_a_browser_number_box():
    classes = _form_classes()
    assert {"SideEventResultsForm", "SchemeForm", "YearForm"} <= {c.__name__ for c in classes}
    offending = {
        f"{cls.__module__}.{cls.__name__}": boxes
        for cls in classes
        if (boxes := _number_boxes(cls.base_fields))
    }
    assert offending == {}


@pytest.mark.django_db
def test_no_admin_form_has_a_browser_number_box():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_staff=True, is_superuser=True)
    offending = {}
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in APPS:
            continue
        boxes = _number_boxes(model_admin.get_form(request).base_fields)
        if boxes:
            offending[model._meta.label] = boxes
    assert offending == {}


def test_no_template_writes_a_number_box():
    templates = pathlib.Path(settings.BASE_DIR) / "templates"
    assert [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if 'type="number"' in path.read_text()
    ] == []


def test_the_number_box_shows_the_value_grouped_and_what_was_typed_as_typed():
    box = NumberInput()
    html = box.render("gifts_value", 15_000_000)
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'value="15.000.000"' in html
    assert 'value="15,5"' in box.render("teams", "15,5")
    assert 'value="2026"' in NumberInput(grouped=False).render("year", 2026)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("15.000.000", 15_000_000), ("15 000 000", 15_000_000), ("15000000", 15_000_000), ("", None)],
)
def test_the_whole_number_field_reads_vietnamese_grouping(typed, value):
    assert WholeNumberField(required=False).clean(typed) == value


@pytest.mark.parametrize("typed", ["15,5", "15.000,5", "1.5", "15.00", "15,000", "mười"])
def test_the_whole_number_field_refuses_what_might_hide_a_decimal_mark(typed):
    with pytest.raises(forms.ValidationError) as refused:
        WholeNumberField().clean(typed)
    assert refused.value.messages == [
        "Hãy nhập số nguyên, ví dụ 15.000.000 (nhóm ba chữ số bằng dấu chấm hoặc khoảng trắng); "
        "không dùng dấu phẩy hay phần lẻ."
    ]


def test_the_decimal_field_takes_a_comma_or_a_dot_and_refuses_grouping():
    field = DecimalNumberField(decimal_places=1, max_digits=5)
    assert str(field.clean("2,5")) == "2.5"
    assert str(field.clean("2.5")) == "2.5"
    for typed in ("1.000,5", "2,5,1", "inf"):
        with pytest.raises(forms.ValidationError):
            field.clean(typed)
    with pytest.raises(forms.ValidationError):
        field.clean("2,55")  # more decimals than the field keeps: refused, not rounded


def test_the_nfc_field_normalises_what_it_reads_and_keeps_line_breaks():
    text = unicodedata.normalize("NFD", "1. Tuyên truyền\n2. Phòng cháy")
    assert fields.TextField().to_python(text) == "1. Tuyên truyền\n2. Phòng cháy"
    assert fields.CharField().get_prep_value(text) == "1. Tuyên truyền\n2. Phòng cháy"


def test_every_string_inside_stored_json_is_nfc(people, units):
    reason = unicodedata.normalize("NFD", "Lý do: hoàn thành xuất sắc")
    job = Job.objects.create(
        kind="festival.pledge",
        fmt="pdf",
        object_id="1",
        title=unicodedata.normalize("NFD", "Giao ước thi đua"),
        owner=people["ward_official"],
        unit=units["ward"],
        params={"reasons": [reason], "copies": 2},
    )
    assert job.params == {"reasons": ["Lý do: hoàn thành xuất sắc"], "copies": 2}
    stored = Job.objects.values_list("params", "title").get()
    assert stored == ({"reasons": ["Lý do: hoàn thành xuất sắc"], "copies": 2}, "Giao ước thi đua")

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from documents.forms import DecimalNumberField, Form, ModelForm, NFCMixin, required_when, searchable
from documents.registry import ParamsForm
from wards.models import (
    KIND_FIELDS,
    Activity,
    AdministrativeUnit,
    Capacity,
    Exemplar,
    Level,
    ResidentialArea,
    Scheme,
    SchemeKind,
    SchemeMember,
    SchemeStatus,
    Signer,
)
from wards.scoping import unit_of


class LoginForm(NFCMixin, AuthenticationForm):
    pass


class ResidentialAreaForm(ModelForm):
    class Meta:
        model = ResidentialArea
        fields = ["kind", "name", "households", "population"]

    def __init__(self, *args, ward: AdministrativeUnit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.ward = ward

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        clash = ResidentialArea.objects.filter(ward=self.instance.ward, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Phường, xã này đã có khu dân cư tên “%(name)s”."), params={"name": name}
            )
        return name


def unit_label(unit: AdministrativeUnit, *, titled: bool = False) -> str:
    """A unit in a picker, with the former units it took in, so that a search by an old name
    finds it: "Điện Bàn Đông (gồm phường Điện Ngọc, phường Điện Nam Trung cũ)". ``titled``:
    "Phường Điện Bàn Đông (…)", for a picker that mixes levels (a province and its wards)."""
    name = unit.title if titled else unit.name
    return f"{name} {unit.former_summary}" if unit.former_names else name


def unit_picker(field: forms.ModelChoiceField, *, titled: bool = False) -> forms.ModelChoiceField:
    """Every unit picker: labelled with the former units, searchable without accents."""
    field.label_from_instance = lambda unit: unit_label(unit, titled=titled)
    return searchable(field)


class UnitSettingsForm(ModelForm):
    """What a unit's papers and forms print instead of what would be typed again."""

    class Meta:
        model = AdministrativeUnit
        fields = ["full_name", "issuing_body", "place_name", "address", "proposing_unit"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        unit = self.instance
        # What an empty box prints, shown in it: the administrator sees the default.
        defaults = {
            "full_name": AdministrativeUnit(
                name=unit.name,
                division_type=unit.division_type,
                level=unit.level,
                parent=unit.parent,
            ).full_official_name,
            "issuing_body": f"Ủy ban nhân dân {unit.official_name}",
            "place_name": unit.name,
            "proposing_unit": f"UBND {unit.official_name}",
        }
        for name, value in defaults.items():
            self.fields[name].widget.attrs["placeholder"] = value

    def clean_issuing_body(self) -> str:
        body = self.cleaned_data["issuing_body"]
        if body and " " not in body:
            example = f"Ủy ban nhân dân {self.instance.official_name}"
            raise forms.ValidationError(
                _("Ghi tên cơ quan đầy đủ, ví dụ “%(example)s”, không viết tắt."),
                params={"example": example},
            )
        return body


class GroupingForm(ModelForm):
    """A grouping of wards inside a province: a former district or an emulation cluster."""

    wards = forms.ModelMultipleChoiceField(
        label=_("Các phường, xã thuộc cụm"),
        queryset=AdministrativeUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = AdministrativeUnit
        fields = ["name"]
        labels = {"name": _("Tên cụm, huyện cũ")}

    def __init__(self, *args, province: AdministrativeUnit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.province = province
        self.fields["wards"].queryset = (
            AdministrativeUnit.objects.under(province).wards().order_by("sort_name")
        )
        self.fields["wards"].label_from_instance = unit_label
        if self.instance.pk:
            self.fields["wards"].initial = list(self.instance.children.all())

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        clash = AdministrativeUnit.objects.filter(
            parent=self.province, level=Level.DISTRICT, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Tỉnh này đã có cụm tên “%(name)s”."), params={"name": name}
            )
        return name


# --------------------------------------------------------------------------- the register


class CoordinateField(DecimalNumberField):
    """Degrees as typed on a phone, with a decimal comma or dot; extra decimals are rounded
    (six are about 10 cm)."""

    def __init__(self, *, limit: int, **kwargs) -> None:
        super().__init__(required=False, min_value=-limit, max_value=limit, **kwargs)
        self.limit = limit

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if not number.is_finite():  # "inf", "nan": Decimal reads them, no map has them
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if abs(number) > self.limit:
            return number  # left to the range check; rounding 1e999 would overflow
        return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


class SchemeForm(ModelForm):
    """A scheme, shaped by its kind: only that kind's own fields are shown and saved."""

    latitude = CoordinateField(limit=90, label=_("Vĩ độ"))
    longitude = CoordinateField(limit=180, label=_("Kinh độ"))

    general_fields = (
        "kind",
        "name",
        "area",
        "established_on",
        "status",
        "status_changed_on",
        "leader_name",
        "leader_phone",
    )
    location_fields = ("latitude", "longitude")

    class Meta:
        model = Scheme
        fields = [
            "kind",
            "name",
            "area",
            "established_on",
            "status",
            "status_changed_on",
            "leader_name",
            "leader_phone",
            "latitude",
            "longitude",
            *KIND_FIELDS,
            "note",
        ]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "equipment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, ward: AdministrativeUnit, kind: SchemeKind | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ward = ward
        kinds = SchemeKind.objects.available_to(ward).filter(is_active=True)
        if self.instance.kind_id:
            kinds = SchemeKind.objects.filter(pk=self.instance.kind_id) | kinds
        self.fields["kind"].queryset = kinds.distinct()
        self.fields["kind"].empty_label = None
        self.fields["area"].queryset = ResidentialArea.objects.filter(ward=ward).order_by("name")
        self.fields["area"].empty_label = _("— Cả phường, xã —")
        self.kind = kind or (self.instance.kind if self.instance.kind_id else None)
        if self.kind is not None:
            self.fields["kind"].initial = self.kind.pk
        shown = set(self.kind.fields) if self.kind else set()
        for name in KIND_FIELDS:
            if name not in shown:
                del self.fields[name]
        for name in self.kind.required_fields if self.kind else ():
            self.fields[name].label = format_lazy("{} *", self.fields[name].label)
        required_when(
            self.fields["status_changed_on"],
            "status",
            SchemeStatus.SUSPENDED,
            SchemeStatus.DISSOLVED,
        )

    @property
    def kind_field_names(self) -> list[str]:
        return [name for name in KIND_FIELDS if name in self.fields]

    def bound(self, names) -> list:
        return [self[name] for name in names if name in self.fields]

    def general(self) -> list:
        return self.bound(self.general_fields)

    def kind_specific(self) -> list:
        return self.bound(self.kind_field_names)

    def location(self) -> list:
        return self.bound(self.location_fields)

    def clean(self):
        data = super().clean()
        kind, name = data.get("kind"), data.get("name")
        if kind and name:
            # Compared in Python: SQLite's iexact folds only ASCII letters ("Ổ" vs "ổ").
            names = Scheme.objects.filter(ward=self.instance.ward, kind=kind)
            names = names.exclude(pk=self.instance.pk).values_list("name", flat=True)
            if name.casefold() in {other.casefold() for other in names}:
                self.add_error(
                    "name",
                    _("Phường, xã này đã có mô hình “%(name)s” thuộc loại này.") % {"name": name},
                )
        return data

    def _post_clean(self) -> None:
        # The kind chosen in this very form decides which fields the model keeps.
        if self.cleaned_data.get("kind") is not None:
            self.instance.kind = self.cleaned_data["kind"]
        super()._post_clean()


class SchemeMemberForm(ModelForm):
    class Meta:
        model = SchemeMember
        fields = ["name", "role", "phone"]


SchemeMemberFormSet = inlineformset_factory(
    Scheme, SchemeMember, form=SchemeMemberForm, extra=3, can_delete=True
)


class SchemeFilterForm(Form):
    """The filters of the scheme list and the map; every choice is within the user's scope."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    ward = forms.ModelChoiceField(
        label=_("Phường, xã"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("— Tất cả —"),
    )
    kind = forms.ModelChoiceField(
        label=_("Loại mô hình"),
        queryset=SchemeKind.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("— Tất cả —"),
    )
    area = forms.ModelChoiceField(
        label=_("Khu dân cư"),
        queryset=ResidentialArea.objects.none(),
        required=False,
        empty_label=_("— Tất cả —"),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("— Tất cả —")), *SchemeStatus.choices],
        required=False,
    )

    def __init__(self, *args, wards, ward: AdministrativeUnit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        unit_picker(self.fields["ward"])
        # The national kinds, and a province's own only where the user's wards use them.
        self.fields["kind"].queryset = SchemeKind.objects.filter(
            Q(province__isnull=True)
            | Q(pk__in=Scheme.objects.filter(ward__in=wards).values("kind"))
        )
        self.fixed_ward = ward
        if ward is not None:
            # A ward official has one ward: nothing to choose.
            del self.fields["ward"]
        chosen = ward or self._chosen_ward(wards)
        if chosen is not None:
            self.fields["area"].queryset = ResidentialArea.objects.filter(ward=chosen)
        else:
            del self.fields["area"]

    def _chosen_ward(self, wards):
        code = self.data.get("ward")
        return wards.filter(code=code).first() if code else None

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if self.fixed_ward is not None:
            queryset = queryset.filter(ward=self.fixed_ward)
        elif data.get("ward"):
            queryset = queryset.filter(ward=data["ward"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("area"):
            queryset = queryset.filter(area=data["area"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("q"):
            queryset = queryset.search(data["q"])
        return queryset


class ActivityForm(ModelForm):
    class Meta:
        model = Activity
        fields = ["scheme", "date", "type", "count", "note"]

    def __init__(self, *args, ward: AdministrativeUnit, scheme: Scheme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ward = ward
        if self.instance.pk is None:
            self.initial.setdefault("date", timezone.localdate())
        if scheme is not None:
            self.instance.scheme = scheme
            del self.fields["scheme"]
        else:
            schemes = Scheme.objects.filter(ward=ward).select_related("kind")
            self.fields["scheme"].queryset = schemes.order_by("kind__position", "sort_name")
            searchable(self.fields["scheme"])
            self.fields["scheme"].empty_label = _("— Hoạt động chung của phường, xã —")


class ExemplarForm(ModelForm):
    class Meta:
        model = Exemplar
        fields = ["kind", "name", "position", "area", "schemes", "year", "phone", "achievements"]
        widgets = {
            "achievements": forms.Textarea(attrs={"rows": 3}),
            "schemes": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, ward: AdministrativeUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ward = ward
        self.fields["area"].queryset = ResidentialArea.objects.filter(ward=ward)
        self.fields["schemes"].queryset = Scheme.objects.filter(ward=ward).order_by("sort_name")
        searchable(self.fields["schemes"])


class ImportUploadForm(Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class SchemeKindForm(ModelForm):
    """A kind of scheme a province adds for its wards (the national ones are the catalogue)."""

    class Meta:
        model = SchemeKind
        fields = ["name", "profile", "description", "position", "is_active"]

    def __init__(self, *args, province: AdministrativeUnit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.province = province
            self.instance.code = _free_kind_code(province)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        clash = SchemeKind.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Đã có loại mô hình “%(name)s” (loại chung hoặc của một tỉnh)."),
                params={"name": clash.first().name},
            )
        return name


def _free_kind_code(province: AdministrativeUnit) -> str:
    """ "t22-3": the province's next kind; kind codes are keys, never shown to users."""
    taken = set(
        SchemeKind.objects.filter(code__startswith=f"t{province.code}-").values_list(
            "code", flat=True
        )
    )
    number = len(taken) + 1
    while f"t{province.code}-{number}" in taken:
        number += 1
    return f"t{province.code}-{number}"


class SignerForm(ModelForm):
    class Meta:
        model = Signer
        fields = ["name", "title", "body", "head_title", "rank", "is_active"]

    def __init__(self, *args, unit: AdministrativeUnit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.unit = unit


class SignatureParams(ParamsForm):
    """Who signs a printed document and how: the parameters every signed document kind asks
    for. ``cleaned_data["signature"]`` is the block to print (:meth:`Signer.signature_block`).

    The signers offered are the active ones of :meth:`signing_unit` (the printed object's unit
    unless a kind says otherwise); :meth:`default_signature` preselects one, and is used too
    when a caller leaves the fields out."""

    signer = forms.ModelChoiceField(
        label=_("Người ký"), queryset=Signer.objects.none(), required=False
    )
    capacity = forms.ChoiceField(label=_("Thẩm quyền ký"), choices=Capacity.choices, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.obj is None:
            return
        signer, capacity = self.default_signature()
        offered = Signer.objects.filter(unit=self.signing_unit(), is_active=True)
        if signer is not None:
            offered = offered | Signer.objects.filter(pk=signer.pk)
        self.fields["signer"].queryset = offered.distinct()
        self.fields["signer"].initial = signer
        self.fields["capacity"].initial = capacity

    def signing_unit(self) -> AdministrativeUnit:
        return unit_of(self.obj)

    def default_signature(self) -> tuple[Signer | None, str]:
        """The first active signer of the unit, signing for the people's committee."""
        first = Signer.objects.filter(unit=self.signing_unit(), is_active=True).first()
        return first, Capacity.TM if first is not None and first.is_head else Capacity.NONE

    def clean(self) -> dict:
        data = super().clean()
        if "signer" in self.errors:
            return data
        signer, capacity = data.get("signer"), data.get("capacity")
        if signer is None:
            signer, default_capacity = self.default_signature()
            if not self.data.get(self.add_prefix("capacity")):
                capacity = default_capacity
        if signer is None:
            raise forms.ValidationError(
                _("%(unit)s chưa có người ký: thêm ở trang “Người ký” của đơn vị.")
                % {"unit": self.signing_unit().title}
            )
        error = signer.capacity_error(capacity or Capacity.NONE)
        if error:
            self.add_error("capacity", error)
            return data
        data["signer"], data["capacity"] = signer, capacity or Capacity.NONE
        data["signature"] = signer.signature_block(data["capacity"])
        return data

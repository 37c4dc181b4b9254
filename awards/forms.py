from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards import services
from awards.layouts import active_forms_for, nominee_misfits, nominee_row
from awards.models import (
    APPROVING_LEVEL,
    AwardForm,
    Ceremony,
    Decision,
    DecisionStatus,
    IssuingLevel,
    Nomination,
    Nominee,
    Presentation,
    PrinterProfile,
    RecipientKind,
)
from documents.forms import (
    Form,
    ModelForm,
    NumberInput,
    WholeNumberField,
    required_when,
    searchable,
)
from wards.models import Signer


class NomineeForm(ModelForm):
    # Messages for the texts that would not fit on a certificate (awards.layouts), also shown
    # live as the user types (views.fit_check).
    misfits: tuple | list = ()

    class Meta:
        model = Nominee
        fields = [
            "kind",
            "name",
            "gender",
            "birth_year",
            "position",
            "organisation",
            "area",
            "prior_awards",
        ]
        widgets = {"prior_awards": forms.CheckboxSelectMultiple}

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ward = ward
        self.fields["area"].queryset = ward.residential_areas.all()
        self.fields["prior_awards"].queryset = AwardForm.objects.filter(once_per_person=True)
        required_when(
            self.fields["birth_year"],
            "kind",
            RecipientKind.INDIVIDUAL,
            note=_("Bắt buộc với cá nhân (in trong danh sách khen thưởng)."),
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == RecipientKind.INDIVIDUAL and not data.get("birth_year"):
            self.add_error("birth_year", _("Cá nhân cần có năm sinh để in danh sách."))
        if data.get("kind") and data.get("name"):
            found = nominee_misfits(nominee_row(data), active_forms_for(data["kind"]))
            self.misfits = [message for _field, message in found]
            for field, message in found:
                self.add_error("name" if field == "name" else "position", message)
        return data


class NominationForm(ModelForm):
    misfits: tuple | list = ()  # as on NomineeForm

    class Meta:
        model = Nomination
        fields = ["nominee", "form", "year", "proposing_unit", "achievements"]
        widgets = {"achievements": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, ward, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = ward.nominees.order_by("kind", "sort_name")
        searchable(self.fields["nominee"])
        self.fields["form"].queryset = AwardForm.objects.filter(is_active=True)
        if not self.instance.pk:
            self.initial.setdefault("proposing_unit", ward.default_proposing_unit)

    def clean(self):
        data = super().clean()
        nominee, form = data.get("nominee"), data.get("form")
        if nominee and form:
            achievements = data.get("achievements", "")
            found = nominee_misfits(nominee_row(nominee), [form], achievements=achievements)
            self.misfits = [message for _field, message in found]
            for field, message in found:
                self.add_error("achievements" if field == "achievements" else "nominee", message)
        return data


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DecisionForm(ModelForm):
    class Meta:
        model = Decision
        fields = [
            "form",
            "number",
            "symbol",
            "date",
            "authority",
            "place",
            "signer",
            "signer_capacity",
            "merit",
            "legal_bases",
            "funding",
            "executors",
            "recipients",
        ]
        widgets = {
            "number": NumberInput(grouped=False),  # a document number, not a quantity
            "legal_bases": forms.Textarea(attrs={"rows": 5}),
            "executors": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        levels = [issuing for issuing, level in APPROVING_LEVEL.items() if level == unit.level]
        self.fields["form"].queryset = AwardForm.objects.filter(is_active=True, level__in=levels)
        signers = Signer.objects.filter(unit=unit, is_active=True)
        if self.instance.signer_id:
            signers = signers | Signer.objects.filter(pk=self.instance.signer_id)
        self.fields["signer"].queryset = signers.distinct()
        self.fields["signer"].required = True
        self.fields["signer"].help_text = _(
            "Người ký của đơn vị, thêm ở trang “Người ký”; khi in vẫn chọn lại được."
        )
        self._prefill(unit)

    def _prefill(self, unit) -> None:
        """Fill the wording the ward has not written with the defaults, so what the boxes
        show is what the decision prints."""
        decision = self.instance
        year = decision.date.year if decision.date else timezone.localdate().year
        proposers = (
            decision.nominations.values_list("proposing_unit", flat=True) if decision.pk else ()
        )
        form = decision.form if decision.form_id else None
        # The instance's empty values are already in self.initial: replace them.
        for name, value in services.decision_defaults(unit, form, year, proposers).items():
            if not getattr(decision, name):
                self.initial[name] = value
        if not decision.signer_id:
            self.initial["signer"], self.initial["signer_capacity"] = services.default_signer(unit)

    def clean(self):
        data = super().clean()
        signer = data.get("signer")
        if signer is not None:
            error = signer.capacity_error(data.get("signer_capacity") or "")
            if error:
                self.add_error("signer_capacity", error)
        return data


class PrinterProfileForm(ModelForm):
    class Meta:
        model = PrinterProfile
        fields = ["name", "offset_x", "offset_y"]

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit


class PresentationForm(ModelForm):
    class Meta:
        model = Presentation
        fields = ["decision", "presenter_name", "presenter_title"]

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = lambda d: f"{d} — {d.form}"


class CeremonyForm(ModelForm):
    class Meta:
        model = Ceremony
        fields = ["mc_name"]


class DecisionFilterForm(Form):
    """The decision list's filters, from the query string; a value that is not one of the
    choices is a form error and the list shows nothing rather than everything."""

    year = WholeNumberField(
        grouped=False, label=_("Năm"), required=False, min_value=1900, max_value=2100
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("— Tất cả —")), *DecisionStatus.choices],
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Cấp khen"),
        choices=[("", _("— Tất cả —")), *IssuingLevel.choices],
        required=False,
    )
    form = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng"),
        queryset=AwardForm.objects.all(),
        required=False,
        empty_label=_("— Tất cả —"),
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data.get("year"):
            queryset = queryset.filter(date__year=data["year"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("level"):
            queryset = queryset.filter(form__level=data["level"])
        if data.get("form"):
            queryset = queryset.filter(form=data["form"])
        return queryset

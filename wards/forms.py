from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from documents.forms import ModelForm, NFCMixin
from wards.models import AdministrativeUnit, Level, ResidentialArea


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
            AdministrativeUnit.objects.under(province).wards().order_by("name")
        )
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

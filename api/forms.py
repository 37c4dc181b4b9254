from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken
from documents.forms import DateField, ModelForm


class ApiTokenForm(ModelForm):
    can_write = forms.TypedChoiceField(
        label=_("Quyền"),
        choices=[("0", _("Chỉ đọc")), ("1", _("Đọc và ghi"))],
        coerce=lambda value: value == "1",
        initial="0",
    )
    expires_on = DateField(
        label=_("Hết hạn sau ngày"),
        required=False,
        help_text=_("Để trống nếu không hết hạn (nên đặt, ví dụ cuối năm)."),
    )

    class Meta:
        model = ApiToken
        fields = ["name", "can_write"]

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Ngày hết hạn không thể ở quá khứ."))
        return day

    def save(self, commit=True):
        day = self.cleaned_data.get("expires_on")
        if day is not None:
            # Usable through that whole day, Vietnam time.
            end = timezone.make_aware(
                timezone.datetime.combine(
                    day + timezone.timedelta(days=1), timezone.datetime.min.time()
                )
            )
            self.instance.expires_at = end
        return super().save(commit)

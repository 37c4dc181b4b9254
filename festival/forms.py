from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.forms import Form, ModelForm, required_when
from documents.vietnamese import short_date
from festival.models import (
    Festival,
    Guest,
    PledgeSignatory,
    ProgrammeItem,
    SideEvent,
    SideEventKind,
    SignatoryKind,
    Status,
)
from festival.photos import MAX_PHOTOS_PER_UPLOAD
from festival.services import (
    RESULT_FIELDS,
    conflict_message,
    make_room,
    pledge_text,
    position_by_time,
    programme_conflicts,
    programme_with,
)
from wards.forms import unit_picker
from wards.models import AdministrativeUnit


class FestivalForm(ModelForm):
    ward = forms.ModelChoiceField(
        label=_("Phường, xã"), queryset=AdministrativeUnit.objects.none(), required=True
    )

    class Meta:
        model = Festival
        fields = ["date", "start_time", "venue", "theme", "organising_committee"]
        widgets = {
            "organising_committee": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, wards, **kwargs) -> None:
        """``wards``: the wards the user may plan for; the choice is shown only when there is
        more than one (a ward's own staff plan for their ward)."""
        super().__init__(*args, **kwargs)
        if self.instance.pk or len(wards) == 1:
            del self.fields["ward"]
            if not self.instance.pk:
                self.instance.ward = wards[0]
        else:
            self.fields["ward"].queryset = AdministrativeUnit.objects.filter(
                pk__in=[w.pk for w in wards]
            ).order_by("name")
            unit_picker(self.fields["ward"])
            self.order_fields(["ward"])

    def clean(self):
        data = super().clean()
        ward = data.get("ward") or getattr(self.instance, "ward", None)
        day = data.get("date")
        if ward is None or day is None:
            return data
        clash = Festival.objects.filter(ward=ward, year=day.year).exclude(pk=self.instance.pk)
        existing = clash.first()
        if existing is not None:
            self.add_error(
                "date",
                _("%(ward)s đã có Ngày hội năm %(year)s (ngày %(date)s): mỗi năm một ngày hội.")
                % {"ward": ward.title, "year": day.year, "date": short_date(existing.date)},
            )
        if self.instance.status in (Status.HELD, Status.REPORTED) and day > timezone.localdate():
            self.add_error(
                "date",
                _("Ngày hội đã tổ chức, ngày tổ chức không thể ở sau hôm nay."),
            )
        return data


class ChildForm(ModelForm):
    """A row of one festival: the festival comes from the URL, never from the form."""

    def __init__(self, *args, festival: Festival, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.festival = festival
        self.instance.festival = festival


class ProgrammeItemForm(ChildForm):
    class Meta:
        model = ProgrammeItem
        fields = ["part", "start_time", "title", "kind", "responsible"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._saved_part = self.instance.part if self.instance.pk else None

    def clean(self):
        data = super().clean()
        part = data.get("part")
        if not part:
            return data
        # A new item, or one moved to the other part, takes its place by its time; an item
        # kept in its part keeps its place (the arrows reorder it).
        self.placed = part != self._saved_part
        if self.placed:
            self.position = position_by_time(self.festival, part, data.get("start_time"))
        else:
            self.position = self.instance.position
        candidate = ProgrammeItem(
            pk=self.instance.pk,
            part=part,
            # Half a place up: above the item whose place it takes.
            position=self.position - 0.5 if self.placed else self.position,
            start_time=data.get("start_time"),
            title=data.get("title") or "",
        )
        for item, before in programme_conflicts(programme_with(self.festival, candidate)):
            if candidate is item or candidate is before:
                self.add_error("start_time", conflict_message(item, before))
        return data

    @transaction.atomic
    def save(self, commit=True):
        if self.placed and commit:
            make_room(self.festival, self.instance.part, self.position)
        self.instance.position = self.position
        return super().save(commit)


class GuestForm(ChildForm):
    class Meta:
        model = Guest
        fields = ["salutation", "rank", "name", "title", "organisation", "protocol_rank"]


class SignatoryForm(ChildForm):
    class Meta:
        model = PledgeSignatory
        fields = ["kind", "residential_area", "name", "representative", "representative_title"]
        help_texts = {"name": _("Với khu dân cư, để trống thì lấy tên khu dân cư.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residential_area"].queryset = self.festival.ward.residential_areas.all()
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        area = data.get("residential_area")
        if area is not None and data.get("kind") != SignatoryKind.RESIDENTIAL_AREA:
            self.add_error("residential_area", _("Chỉ chọn khu dân cư khi bên ký là khu dân cư."))
        if not data.get("name"):
            if area is None:
                self.add_error("name", _("Hãy nhập tên cơ quan, tổ chức hoặc chọn khu dân cư."))
                return data
            data["name"] = area.name
        clash = self.festival.pledge_signatories.filter(name__iexact=data["name"])
        if clash.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "name",
                _("“%(name)s” đã có trong danh sách ký giao ước.") % {"name": data["name"]},
            )
        return data


class PledgeTextForm(ModelForm):
    """Opens on the clauses that will print (the year's template until someone edits them), so
    an added clause joins them; what the box holds when saved is what prints."""

    class Meta:
        model = Festival
        fields = ["pledge_text"]
        widgets = {"pledge_text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pledge_text"].required = True
        self.initial["pledge_text"] = pledge_text(self.instance)


class SideEventForm(ChildForm):
    class Meta:
        model = SideEvent
        fields = ["kind", "title", "location", "responsible", "gift_recipients"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        required_when(
            self.fields["gift_recipients"],
            "kind",
            SideEventKind.GIFTS,
            note=_("Bắt buộc khi tặng quà."),
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == SideEventKind.GIFTS and not data.get("gift_recipients"):
            self.add_error("gift_recipients", _("Hãy chọn đối tượng nhận quà."))
        if data.get("kind") != SideEventKind.GIFTS:
            data["gift_recipients"] = ""
        return data

    def save(self, commit=True):
        # Figures of another kind (the kind was changed) must not count in the totals.
        kept = RESULT_FIELDS[self.instance.kind]
        for name in {name for names in RESULT_FIELDS.values() for name in names} - set(kept):
            setattr(self.instance, name, None)
        return super().save(commit)


class SideEventResultsForm(ModelForm):
    """Only the results the event's kind has; all of them required."""

    class Meta:
        model = SideEvent
        fields = [
            *dict.fromkeys(name for names in RESULT_FIELDS.values() for name in names),
            "note",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        wanted = RESULT_FIELDS[self.instance.kind]
        for name in list(self.fields):
            if name == "note":
                continue
            if name in wanted:
                self.fields[name].required = True
            else:
                del self.fields[name]


class ResultsForm(ModelForm):
    class Meta:
        model = Festival
        fields = ["attendance", "results_summary"]
        widgets = {"results_summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendance"].required = True


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """The files of a ``multiple`` input, as a list: each one checked as a file field checks
    a single file (present, not empty)."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        if not any(files):
            return [super().clean(None, initial)]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class PhotoForm(Form):
    """One or several photos with one caption; each file is checked on its own by
    festival.photos.save_photos (a bad one does not stop the good ones)."""

    image = MultipleFileField(
        label=_("Ảnh (chọn được nhiều ảnh một lúc)"),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp", "multiple": True}
        ),
    )
    caption = forms.CharField(label=_("Chú thích"), max_length=255, required=False)

    def clean_image(self):
        uploads = self.cleaned_data["image"]
        if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
            raise forms.ValidationError(
                _("Mỗi lần tải tối đa %(n)d ảnh; hãy chia thành nhiều lần.")
                % {"n": MAX_PHOTOS_PER_UPLOAD}
            )
        return uploads


class FestivalFilterForm(Form):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả"))] + Status.choices, required=False
    )
    pilot = forms.ChoiceField(
        label=_("Tổ chức điểm"),
        choices=[("", _("Tất cả")), ("yes", _("Tổ chức điểm")), ("no", _("Không"))],
        required=False,
    )
    q = forms.CharField(label=_("Tên phường, xã"), required=False)

    def __init__(self, *args, years, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs["class"] = f"{css} {css}-sm"

import calendar
import mimetypes
from dataclasses import dataclass
from datetime import date
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from documents.confirm import unconfirmed_delete
from documents.vietnamese import fold, format_number
from festival import services
from festival.documents import PRINTABLES
from festival.forms import (
    FestivalFilterForm,
    FestivalForm,
    GuestForm,
    PhotoForm,
    PledgeTextForm,
    ProgrammeItemForm,
    ResultsForm,
    SideEventForm,
    SideEventResultsForm,
    SignatoryForm,
)
from festival.models import (
    Festival,
    Guest,
    Part,
    Photo,
    PledgeSignatory,
    ProgrammeItem,
    SideEvent,
    Status,
)
from festival.photos import delete_photo, save_photos
from wards.models import AdministrativeUnit
from wards.params import year_param
from wards.scoping import Perm, get_for_user, has_perm, is_ward_level, scoped, user_scope
from wards.tables import Column, Table

# --------------------------------------------------------------------------- helpers


def _festival(request, pk: int, perm: str | None = None) -> Festival:
    return get_for_user(
        request.user, Festival.objects.select_related("ward", "pilot_unit"), perm, pk=pk
    )


class _Locked(Exception):
    def __init__(self, festival: Festival):
        self.festival = festival


def _open(festival: Festival) -> Festival:
    """``festival`` if its content may still change (see Festival.is_locked)."""
    if festival.is_locked:
        raise _Locked(festival)
    return festival


def refuses_locked(view):
    """A view editing a festival's content: on a reported festival, says why and goes back
    to the festival's page, having changed nothing."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _Locked as locked:
            messages.error(request, locked.festival.locked_message())
            return _to_detail(locked.festival)

    return wrapper


def _to_detail(festival: Festival, anchor: str = ""):
    url = reverse("festival:detail", args=[festival.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def plannable_wards(user) -> list[AdministrativeUnit]:
    """The wards the user may plan a festival for."""
    unit = user_scope(user).unit
    if not has_perm(user, Perm.EDIT_FESTIVAL):
        return []
    if is_ward_level(unit):
        return [unit]
    return list(scoped(user, AdministrativeUnit.objects.wards()).order_by("name"))


def can_mark_pilot(user, festival: Festival) -> bool:
    """Pilots are chosen by a level above the ward, never by the ward itself."""
    return has_perm(user, Perm.MARK_PILOT, festival.ward) and not is_ward_level(
        user_scope(user).unit
    )


# --------------------------------------------------------------------------- lists


def _filtered_festivals(request):
    festivals = scoped(request.user, Festival.objects.all())
    years = festivals.order_by("-year").values_list("year", flat=True).distinct()
    form = FestivalFilterForm(request.GET or None, years=years)
    if form.is_valid():
        festivals = _filter(request.user, festivals, form.cleaned_data)
    return form, festivals


def festivals_table(request, festivals=None) -> Table:
    """The list's table; ``festivals``: the filtered rows when the page already has them."""
    if festivals is None:
        _form, festivals = _filtered_festivals(request)
    rows = festivals.select_related("ward", "ward__parent").annotate(
        people_examined=Sum("side_events__people_examined"),
        gifts_count=Sum("side_events__gifts_count"),
        id_cards=Sum("side_events__id_cards"),
    )
    columns = [
        # Reversed, the default: newest year first, then by date and ward within a year.
        Column("year", _("Năm"), ("year", "-date", "-ward__sort_name"), numeric=True),
        Column("ward", _("Phường, xã"), ("ward__sort_name", "-year")),
        Column("date", _("Ngày"), ("date", "ward__sort_name")),
        Column(
            "status",
            _("Trạng thái"),
            ("status", "-year", "date"),
            text=lambda f: f.get_status_display(),
        ),
        Column("attendance", _("Tham dự"), ("attendance", "-year", "date"), numeric=True),
        Column(
            "examined",
            _("Khám bệnh"),
            ("people_examined", "-year", "date"),
            numeric=True,
            text=lambda f: f.people_examined,
        ),
        Column(
            "gifts",
            _("Suất quà"),
            ("gifts_count", "-year", "date"),
            numeric=True,
            text=lambda f: f.gifts_count,
        ),
        Column("id_cards", _("Căn cước"), ("id_cards", "-year", "date"), numeric=True),
    ]
    if can_mark_pilot_any(request.user):
        columns.append(Column("actions", _("Thao tác"), hidden_label=True))
    return Table(
        request,
        rows,
        columns,
        default_sort="-year",
        label=_("Danh sách ngày hội"),
        export="festival.festivals",
    )


def can_mark_pilot_any(user) -> bool:
    return has_perm(user, Perm.MARK_PILOT) and not is_ward_level(user_scope(user).unit)


@login_required
def festival_list(request):
    """All festivals under the user's unit: a table with filters and the totals."""
    form, festivals = _filtered_festivals(request)
    table = festivals_table(request, festivals)
    can_mark_pilot = can_mark_pilot_any(request.user)
    return render(
        request,
        "festival/festival_list.html",
        {
            "form": form,
            "table": table,
            "page": table.page,
            "totals": services.festival_totals(festivals),
            "can_create": has_perm(request.user, Perm.EDIT_FESTIVAL),
            "can_mark_pilot": can_mark_pilot,
        },
    )


def _filter(user, festivals, data):
    if data.get("year"):
        festivals = festivals.filter(year=data["year"])
    if data.get("status"):
        festivals = festivals.filter(status=data["status"])
    if data.get("pilot"):
        festivals = festivals.filter(is_pilot=data["pilot"] == "yes")
    if data.get("q"):
        # Accent-insensitive, in Python: a province has about a hundred wards.
        needle = fold(data["q"])
        wards = scoped(user, AdministrativeUnit.objects.wards()).values_list("pk", "name")
        festivals = festivals.filter(ward__in=[pk for pk, name in wards if needle in fold(name)])
    return festivals


WEEKDAYS = (
    gettext_lazy("T2"),
    gettext_lazy("T3"),
    gettext_lazy("T4"),
    gettext_lazy("T5"),
    gettext_lazy("T6"),
    gettext_lazy("T7"),
    gettext_lazy("CN"),
)


@login_required
def festival_calendar(request):
    """A month of festivals under the user's unit; August, the festival month, by default."""
    today = timezone.localdate()
    year = year_param(request) if request.GET.get("year") else today.year
    if year is None or not 2000 <= year <= 2100:
        raise Http404
    try:
        month = int(request.GET.get("month", 8))
        first = date(year, month, 1)
    except (ValueError, OverflowError):
        raise Http404 from None
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    festivals = list(
        scoped(request.user, Festival.objects.select_related("ward"))
        .filter(date__gte=weeks[0][0], date__lte=weeks[-1][-1])
        .order_by("date", "start_time", "ward__name")
    )
    by_day: dict[date, list[Festival]] = {}
    for festival in festivals:
        by_day.setdefault(festival.date, []).append(festival)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return render(
        request,
        "festival/calendar.html",
        {
            "first": first,
            "weekdays": WEEKDAYS,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "month_festivals": [f for f in festivals if f.date.month == month],
            "previous": previous,
            "following": following,
            "today": today,
        },
    )


# --------------------------------------------------------------------------- festival


@login_required
def festival_create(request):
    wards = plannable_wards(request.user)
    if not wards:
        raise PermissionDenied
    form = FestivalForm(request.POST or None, wards=wards)
    if request.method == "POST" and form.is_valid():
        ward = form.cleaned_data.get("ward") or form.instance.ward
        values = {name: form.cleaned_data[name] for name in FestivalForm.Meta.fields}
        try:
            festival = services.create_festival(ward, request.user, **values)
        except IntegrityError:
            # A colleague created the same ward's festival for the year a moment ago.
            form.add_error("date", _("Phường, xã này đã có Ngày hội trong năm này."))
        else:
            messages.success(
                request,
                _("Đã tạo Ngày hội %(year)s với chương trình mẫu: hãy sửa cho phù hợp.")
                % {"year": festival.year},
            )
            return _to_detail(festival)
    return render(
        request,
        "festival/row_form.html",
        {
            "form": form,
            "title": _("Tạo ngày hội"),
            "intro": _(
                "Ngày hội mới có sẵn chương trình mẫu (phần lễ, phần hội) theo giờ bắt đầu; "
                "có thể sửa sau."
            ),
            "cancel_url": reverse("festival:list"),
        },
    )


@login_required
@refuses_locked
def festival_edit(request, pk: int):
    festival = _open(_festival(request, pk, Perm.EDIT_FESTIVAL))
    form = FestivalForm(request.POST or None, instance=festival, wards=[festival.ward])
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin ngày hội."))
        return _to_detail(festival)
    return _row_page(request, form, festival, _("Sửa thông tin ngày hội"), "")


def guests_table(request, pk: int, guests: list | None = None) -> Table:
    """The festival's guests in protocol order, for "Xuất Excel" under the list; ``guests``:
    when the page has them already."""
    if guests is None:
        guests = services.ordered_guests(_festival(request, pk))
    return Table(
        request,
        guests,
        [
            Column("name", _("Họ và tên"), services.guest_order, text=services.guest_name),
            Column("designation", _("Chức vụ, đơn vị")),
            Column("protocol_rank", _("Thứ tự lễ tân"), numeric=True),
        ],
        default_sort="name",
        label=_("Đại biểu"),
        export="festival.guests",
        export_args={"pk": pk},
    )


def programme_table(request, pk: int, programme: list | None = None) -> Table:
    """The festival's programme in the order of the day."""
    if programme is None:
        programme = list(_festival(request, pk).programme.all())
    return Table(
        request,
        programme,
        [
            Column(
                "part",
                _("Phần"),
                lambda item: (item.part, item.position, item.pk),
                text=lambda item: item.get_part_display(),
            ),
            Column(
                "start_time",
                _("Giờ"),
                text=lambda item: f"{item.start_time:%H:%M}" if item.start_time else "",
            ),
            Column("title", _("Nội dung")),
            Column("kind", _("Loại"), text=lambda item: item.get_kind_display()),
            Column("responsible", _("Người thực hiện")),
        ],
        default_sort="part",
        label=_("Chương trình"),
        export="festival.programme",
        export_args={"pk": pk},
    )


@login_required
def festival_detail(request, pk: int):
    festival = _festival(request, pk)
    can_manage = has_perm(request.user, Perm.EDIT_FESTIVAL, festival.ward)
    can_edit = can_manage and not festival.is_locked
    programme = list(festival.programme.all())
    guests = services.ordered_guests(festival)
    side_events = list(festival.side_events.all())
    transitions = []
    for target, forward in (
        (services.FORWARD.get(festival.status), True),
        (services.BACKWARD.get(festival.status), False),
    ):
        if target is not None and can_manage:
            transitions.append(
                {
                    "target": target,
                    "label": Status(target).label,
                    "forward": forward,
                    "problems": services.transition_problems(festival, target) if forward else [],
                }
            )
    return render(
        request,
        "festival/festival_detail.html",
        {
            "festival": festival,
            "can_edit": can_edit,
            "can_print": has_perm(request.user, Perm.PRINT, festival.ward),
            "printables": PRINTABLES,
            "can_mark_pilot": can_mark_pilot(request.user, festival),
            "parts": [(part, [item for item in programme if item.part == part]) for part in Part],
            "order_problems": services.programme_order_problems(programme),
            "guests": guests,
            "guests_table": guests_table(request, pk, guests),
            "programme_table": programme_table(request, pk, programme),
            "signatories": services.ordered_signatories(festival),
            "pledge_text": services.pledge_text(festival),
            "side_events": [
                (e, services.results_entered(e), _event_results(e)) for e in side_events
            ],
            "totals": services.festival_totals(Festival.objects.filter(pk=festival.pk)),
            "photos": festival.photos.all()[:6],
            "photo_count": festival.photos.count(),
            "transitions": transitions,
        },
    )


def _event_results(event: SideEvent) -> list[tuple[str, int, bool]]:
    """(label, value, is an amount of money) for the results the event's kind has."""
    return [
        (SideEvent._meta.get_field(name).verbose_name, getattr(event, name), name == "gifts_value")
        for name in services.RESULT_FIELDS[event.kind]
    ]


@login_required
@require_POST
def festival_status(request, pk: int):
    festival = _festival(request, pk, Perm.EDIT_FESTIVAL)
    target = request.POST.get("target", "")
    if target not in Status.values:
        raise Http404
    try:
        services.change_status(festival, target)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Ngày hội đã chuyển sang “%(status)s”.") % {"status": festival.get_status_display()},
        )
    return _to_detail(festival)


@login_required
@require_POST
def festival_pilot(request, pk: int):
    festival = _festival(request, pk, Perm.MARK_PILOT)
    if not can_mark_pilot(request.user, festival):
        raise PermissionDenied
    is_pilot = request.POST.get("is_pilot") == "1"
    services.mark_pilot(festival, user_scope(request.user).unit, is_pilot)
    if is_pilot:
        text = _("%(ward)s được chọn tổ chức điểm Ngày hội %(year)s.")
    else:
        text = _("%(ward)s không còn là nơi tổ chức điểm Ngày hội %(year)s.")
    messages.success(request, text % {"ward": festival.ward.title, "year": festival.year})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return _to_detail(festival)


# --------------------------------------------------------------------------- rows of a festival


@dataclass(frozen=True)
class ChildKind:
    model: type
    form: type
    anchor: str
    title_new: str
    title_edit: str
    saved: str


CHILDREN = {
    "programme": ChildKind(
        ProgrammeItem,
        ProgrammeItemForm,
        "programme",
        gettext_lazy("Thêm mục chương trình"),
        gettext_lazy("Sửa mục chương trình"),
        gettext_lazy("Đã lưu mục chương trình “%(name)s”."),
    ),
    "guests": ChildKind(
        Guest,
        GuestForm,
        "guests",
        gettext_lazy("Thêm đại biểu"),
        gettext_lazy("Sửa đại biểu"),
        gettext_lazy("Đã lưu đại biểu “%(name)s”."),
    ),
    "signatories": ChildKind(
        PledgeSignatory,
        SignatoryForm,
        "pledge",
        gettext_lazy("Thêm bên ký giao ước"),
        gettext_lazy("Sửa bên ký giao ước"),
        gettext_lazy("Đã lưu bên ký giao ước “%(name)s”."),
    ),
    "side-events": ChildKind(
        SideEvent,
        SideEventForm,
        "results",
        gettext_lazy("Thêm hoạt động"),
        gettext_lazy("Sửa hoạt động"),
        gettext_lazy("Đã lưu hoạt động “%(name)s”."),
    ),
}


def _child(request, kind: ChildKind, pk: int):
    row = get_for_user(
        request.user,
        kind.model.objects.select_related("festival__ward"),
        Perm.EDIT_FESTIVAL,
        pk=pk,
    )
    _open(row.festival)
    return row


def _row_page(request, form, festival, title, anchor, delete_url=""):
    """The form page for anything of one festival; Cancel goes back to its section."""
    cancel_url = reverse("festival:detail", args=[festival.pk]) + (f"#{anchor}" if anchor else "")
    return render(
        request,
        "festival/row_form.html",
        {
            "form": form,
            "festival": festival,
            "title": title,
            "cancel_url": cancel_url,
            "delete_url": delete_url,
        },
    )


def _child_form(request, festival: Festival, slug: str, instance=None):
    kind = CHILDREN[slug]
    form = kind.form(request.POST or None, instance=instance, festival=festival)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            row = form.save()
        messages.success(request, kind.saved % {"name": str(row)})
        return _to_detail(festival, kind.anchor)
    title = kind.title_edit if instance else kind.title_new
    delete_url = reverse("festival:row_delete", args=[slug, instance.pk]) if instance else ""
    return _row_page(request, form, festival, title, kind.anchor, delete_url)


@login_required
@refuses_locked
def child_create(request, pk: int, kind: str):
    return _child_form(request, _open(_festival(request, pk, Perm.EDIT_FESTIVAL)), kind)


@login_required
@refuses_locked
def child_edit(request, kind: str, pk: int):
    row = _child(request, CHILDREN[kind], pk)
    return _child_form(request, row.festival, kind, row)


@login_required
@require_POST
@refuses_locked
def child_delete(request, kind: str, pk: int):
    child_kind = CHILDREN[kind]
    row = _child(request, child_kind, pk)
    if asking := unconfirmed_delete(request, row):
        return asking
    row.delete()
    messages.success(request, _("Đã xóa “%(name)s”.") % {"name": str(row)})
    return _to_detail(row.festival, child_kind.anchor)


@login_required
@require_POST
@refuses_locked
def programme_move(request, pk: int):
    item = _child(request, CHILDREN["programme"], pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    if not services.move_item(item, direction):
        messages.info(request, _("“%(title)s” đã ở đầu hoặc cuối phần.") % {"title": item.title})
    return _to_detail(item.festival, f"item-{item.pk}")


@login_required
@refuses_locked
def side_event_results(request, pk: int):
    event = _child(request, CHILDREN["side-events"], pk)
    form = SideEventResultsForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu kết quả “%(title)s”.") % {"title": event.title})
        return _to_detail(event.festival, "results")
    title = _("Kết quả: %(title)s") % {"title": event.title}
    return _row_page(request, form, event.festival, title, "results")


def _festival_form(request, pk: int, form_class, title: str, anchor: str):
    """A form on the festival row itself (results, pledge text)."""
    festival = _open(_festival(request, pk, Perm.EDIT_FESTIVAL))
    form = form_class(request.POST or None, instance=festival)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu."))
        return _to_detail(festival, anchor)
    return _row_page(request, form, festival, title, anchor)


@login_required
@refuses_locked
def festival_results(request, pk: int):
    return _festival_form(request, pk, ResultsForm, _("Kết quả chung của ngày hội"), "results")


@login_required
@refuses_locked
def pledge_edit(request, pk: int):
    return _festival_form(request, pk, PledgeTextForm, _("Nội dung giao ước thi đua"), "pledge")


# --------------------------------------------------------------------------- photos


def _wants_json(request) -> bool:
    """An upload sent by static/js/photo_upload.js, one file at a time, answered with what
    was kept and what was refused instead of a page."""
    return "application/json" in request.headers.get("Accept", "")


@login_required
def photo_gallery(request, pk: int):
    festival = _festival(request, pk)
    can_edit = has_perm(request.user, Perm.EDIT_FESTIVAL, festival.ward)
    form = PhotoForm()
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = PhotoForm(request.POST, request.FILES)
        saved, refused = [], []
        if form.is_valid():
            saved, refused = save_photos(
                festival, form.cleaned_data["image"], form.cleaned_data["caption"], request.user
            )
            for message in refused:
                form.add_error("image", message)
        if _wants_json(request):
            errors = [str(error) for errors in form.errors.values() for error in errors]
            return JsonResponse(
                {"saved": len(saved), "errors": errors}, status=400 if errors else 200
            )
        if saved:
            messages.success(
                request,
                _("Đã tải lên %(count)s ảnh.") % {"count": format_number(len(saved))},
            )
        if form.is_valid():
            return redirect("festival:photos", pk=festival.pk)
        status = 400
    return render(
        request,
        "festival/photos.html",
        {
            "festival": festival,
            "form": form,
            "can_edit": can_edit,
            "photos": festival.photos.all(),
            "max_bytes": settings.FESTIVAL_PHOTO_MAX_BYTES,
        },
        status=status,
    )


@login_required
def photo_file(request, pk: int, size: str):
    """A photo or its thumbnail, only to users who may see its festival: no web server serves
    the files (the address alone would be enough to fetch them)."""
    photo = get_for_user(request.user, Photo.objects.select_related("festival__ward"), pk=pk)
    stored = photo.thumbnail if size == "thumbnail" else photo.image
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=mimetypes.guess_type(stored.name)[0])
    response["Cache-Control"] = "private, max-age=86400"  # a photo's file never changes
    return response


@login_required
@require_POST
def photo_delete(request, pk: int):
    photo = get_for_user(
        request.user, Photo.objects.select_related("festival__ward"), Perm.EDIT_FESTIVAL, pk=pk
    )
    if asking := unconfirmed_delete(request, photo, restorable=False):
        return asking
    with transaction.atomic():
        delete_photo(photo)
    messages.success(request, _("Đã xóa ảnh."))
    return redirect("festival:photos", pk=photo.festival_id)

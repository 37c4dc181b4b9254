"""Rules of the festival that span its rows: status, programme order, results and totals."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.vietnamese import natural_key, person_name_key, short_date
from festival.models import (
    Festival,
    GiftRecipients,
    Guest,
    ItemKind,
    Part,
    PledgeSignatory,
    ProgrammeItem,
    SideEvent,
    SideEventKind,
    SignatoryKind,
    Status,
)
from wards.models import AdministrativeUnit

# --------------------------------------------------------------------------- festival


@transaction.atomic
def create_festival(ward: AdministrativeUnit, user, **values) -> Festival:
    """A new festival with the default programme, so organisers start from the usual day."""
    festival = Festival.objects.create(ward=ward, created_by=user, **values)
    add_default_programme(festival)
    return festival


# What the five seed reports have in common, in the order of the day: minutes after the start.
DEFAULT_PROGRAMME: tuple[tuple[str, int, str, str, str], ...] = (
    (Part.CEREMONY, 0, ItemKind.FLAG_SALUTE, "Chào cờ", "Ban tổ chức"),
    (
        Part.CEREMONY,
        5,
        ItemKind.DELEGATES,
        "Tuyên bố lý do, giới thiệu đại biểu",
        "Người dẫn chương trình",
    ),
    (
        Part.CEREMONY,
        10,
        ItemKind.OPENING,
        "Phát biểu khai mạc Ngày hội",
        "Chủ tịch UBND, Trưởng Ban Chỉ đạo 138",
    ),
    (
        Part.CEREMONY,
        20,
        ItemKind.RESULTS_REPORT,
        "Báo cáo kết quả phong trào toàn dân bảo vệ ANTQ",
        "Trưởng Công an",
    ),
    (Part.CEREMONY, 35, ItemKind.SPEECH, "Phát biểu của lãnh đạo cấp trên", "Đại biểu cấp trên"),
    (
        Part.CEREMONY,
        45,
        ItemKind.COMMENDATION,
        "Trao khen thưởng các tập thể, cá nhân có thành tích xuất sắc",
        "Lãnh đạo các cấp",
    ),
    (
        Part.CEREMONY,
        60,
        ItemKind.PLEDGE,
        "Ký kết giao ước thi đua thực hiện phong trào",
        "Đại diện các cơ quan, tổ chức, khu dân cư",
    ),
    (Part.CEREMONY, 70, ItemKind.SPEECH, "Phát biểu tiếp thu, bế mạc phần lễ", "Ban tổ chức"),
    (Part.FESTIVITIES, 80, ItemKind.PERFORMANCE, "Chương trình văn nghệ", "Các đội văn nghệ"),
    (Part.FESTIVITIES, 80, ItemKind.FOLK_GAMES, "Hội thi các trò chơi dân gian", "Đoàn Thanh niên"),
    (
        Part.FESTIVITIES,
        80,
        ItemKind.HEALTH_CHECK,
        "Khám bệnh, cấp thuốc miễn phí",
        "Trạm Y tế",
    ),
    (
        Part.FESTIVITIES,
        80,
        ItemKind.GIFTS,
        "Tặng quà gia đình chính sách, hộ nghèo, học sinh",
        "Ủy ban MTTQ",
    ),
    (
        Part.FESTIVITIES,
        80,
        ItemKind.ADMIN_SERVICES,
        "Cấp căn cước, định danh điện tử, đăng ký cư trú",
        "Công an",
    ),
)


def add_default_programme(festival: Festival) -> list[ProgrammeItem]:
    # Only the time of day matters: on the festival's own date, 9999-12-31 at 23:30 would
    # overflow the calendar.
    start = datetime.combine(date.min, festival.start_time)
    positions: dict[str, int] = {}
    items = []
    for part, minutes, kind, title, responsible in DEFAULT_PROGRAMME:
        positions[part] = positions.get(part, 0) + 1
        items.append(
            ProgrammeItem(
                festival=festival,
                part=part,
                position=positions[part],
                start_time=(start + timedelta(minutes=minutes)).time(),
                kind=kind,
                title=title,
                responsible=responsible,
            )
        )
    return ProgrammeItem.objects.bulk_create(items)


# --------------------------------------------------------------------------- status

# Forward one step at a time; back one step to correct a mistake.
FORWARD = {Status.PLANNED: Status.READY, Status.READY: Status.HELD, Status.HELD: Status.REPORTED}
BACKWARD = {after: before for before, after in FORWARD.items()}


def transition_problems(festival: Festival, target: str, today: date | None = None) -> list[str]:
    """Why ``festival`` may not move to ``target`` now; empty when it may."""
    today = today or timezone.localdate()
    label = Status(target).label
    if target not in (FORWARD.get(festival.status), BACKWARD.get(festival.status)):
        return [
            _("Không thể chuyển từ “%(current)s” sang “%(target)s”.")
            % {"current": festival.get_status_display(), "target": label}
        ]
    if target == Status.READY and festival.status == Status.PLANNED:
        items = list(festival.programme.all())
        if not items:
            return [
                _("Chương trình chưa có mục nào, không thể chuyển sang %(target)s.")
                % {"target": label}
            ]
        return programme_order_problems(items)
    if target == Status.HELD and festival.date > today:
        return [
            _("Chưa đến ngày tổ chức (%(date)s), không thể chuyển sang %(target)s.")
            % {"date": short_date(festival.date), "target": label}
        ]
    if target == Status.REPORTED:
        missing = missing_results(festival)
        if missing:
            return [
                _("Chưa nhập đủ kết quả, không thể chuyển sang %(target)s: %(missing)s.")
                % {"target": label, "missing": "; ".join(missing)}
            ]
    return []


def change_status(festival: Festival, target: str, today: date | None = None) -> None:
    """Move the festival to ``target`` or raise ValidationError with the Vietnamese reasons."""
    problems = transition_problems(festival, target, today)
    if problems:
        raise ValidationError(problems)
    # Only from the status the rules were checked against: a second click or a colleague's
    # change in between must not skip a step.
    moved = Festival.objects.filter(pk=festival.pk, status=festival.status).update(
        status=target, updated_at=timezone.now()
    )
    if moved != 1:
        raise ValidationError(_("Trạng thái ngày hội vừa được người khác thay đổi, hãy tải lại."))
    festival.status = target


# --------------------------------------------------------------------------- programme


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def programme_conflicts(items: list[ProgrammeItem]) -> list[tuple[ProgrammeItem, ProgrammeItem]]:
    """Pairs (item, an item placed above it in the same part that starts later).

    ``items`` are in display order (part, position); items without a time are skipped.
    """
    conflicts = []
    latest: dict[str, ProgrammeItem] = {}
    for item in items:
        if item.start_time is None:
            continue
        before = latest.get(item.part)
        if before is not None and item.start_time < before.start_time:
            conflicts.append((item, before))
        else:
            latest[item.part] = item
    return conflicts


def conflict_message(item: ProgrammeItem, before: ProgrammeItem) -> str:
    return _(
        "Giờ không theo thứ tự trong %(part)s: “%(item)s” (%(time)s) đứng sau "
        "“%(before)s” (%(before_time)s)."
    ) % {
        "part": Part(item.part).label.lower(),
        "item": item.title,
        "time": _hhmm(item.start_time),
        "before": before.title,
        "before_time": _hhmm(before.start_time),
    }


def programme_order_problems(items: list[ProgrammeItem]) -> list[str]:
    return [conflict_message(item, before) for item, before in programme_conflicts(items)]


def programme_with(festival: Festival, candidate: ProgrammeItem) -> list[ProgrammeItem]:
    """The festival's programme in display order as it would be with ``candidate`` saved."""
    others = [i for i in festival.programme.all() if i.pk != candidate.pk]
    return sorted([*others, candidate], key=lambda i: (i.part, i.position, i.pk or 0))


def next_position(festival: Festival, part: str) -> int:
    highest = festival.programme.filter(part=part).aggregate(top=Max("position"))["top"]
    return (highest or 0) + 1


def position_by_time(festival: Festival, part: str, start_time: time | None) -> int:
    """Where a new item starting at ``start_time`` goes in ``part``: just above the first item
    that starts later, so adding "20:12" never lands below "21:00" and has to be moved up by
    hand; last when nothing starts later or the item has no time. :func:`make_room` frees
    the place."""
    if start_time is not None:
        later = festival.programme.filter(part=part, start_time__gt=start_time)
        first_later = later.order_by("position", "pk").first()
        if first_later is not None:
            return first_later.position
    return next_position(festival, part)


def make_room(festival: Festival, part: str, position: int) -> None:
    """Move the items of ``part`` from ``position`` down one place (inside the saving
    transaction, before the new item takes the place)."""
    festival.programme.filter(part=part, position__gte=position).update(position=F("position") + 1)


@transaction.atomic
def move_item(item: ProgrammeItem, direction: str) -> bool:
    """Swap ``item`` with its neighbour above ("up") or below ("down") in its part.

    The time slots stay where they are: the item moving up takes the earlier start time, so
    reordering never puts the times out of order. False when there is no neighbour.
    """
    siblings = list(
        ProgrammeItem.objects.select_for_update()
        .filter(festival_id=item.festival_id, part=item.part)
        .order_by("position", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    # Renumber first: positions may have gaps or ties after deletions and part changes.
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    current, other = siblings[index], siblings[other_index]
    current.position, other.position = other.position, current.position
    if current.start_time is not None and other.start_time is not None:
        current.start_time, other.start_time = other.start_time, current.start_time
    ProgrammeItem.objects.bulk_update(siblings, ["position", "start_time"])
    return True


# --------------------------------------------------------------------------- guests, pledge


def guest_order(guest: Guest):
    """Protocol order: rank first, then names the Vietnamese way (given name first)."""
    return (guest.protocol_rank, person_name_key(guest.name))


def guest_name(guest: Guest) -> str:
    """ "Đồng chí Trung tướng Nguyễn Văn A": as the guest list is read out."""
    return f"{guest.before_name} {guest.name}".strip()


def ordered_guests(festival: Festival) -> list[Guest]:
    return sorted(festival.guests.all(), key=guest_order)


_SIGNATORY_ORDER = {kind: index for index, kind in enumerate(SignatoryKind.values)}


def ordered_signatories(festival: Festival) -> list[PledgeSignatory]:
    """Agencies, organisations, businesses, then residential areas; by name within each."""
    return sorted(
        festival.pledge_signatories.all(),
        key=lambda s: (_SIGNATORY_ORDER[s.kind], natural_key(s.name)),
    )


def default_pledge_text(festival: Festival) -> str:
    return _(
        "1. Tích cực tuyên truyền, vận động cán bộ, hội viên và Nhân dân tham gia phong trào "
        "toàn dân bảo vệ an ninh Tổ quốc năm %(year)s.\n"
        "2. Duy trì, nâng cao hiệu quả các mô hình tự quản về an ninh, trật tự; phát hiện, "
        "tố giác tội phạm và vi phạm pháp luật.\n"
        "3. Phối hợp với lực lượng Công an giải quyết kịp thời các vụ việc ngay từ cơ sở, "
        "giữ vững an ninh chính trị, trật tự an toàn xã hội.\n"
        "4. Thực hiện tốt công tác phòng cháy, chữa cháy, bảo đảm trật tự an toàn giao thông "
        "trên địa bàn."
    ) % {"year": festival.year}


def pledge_text(festival: Festival) -> str:
    return festival.pledge_text or default_pledge_text(festival)


# --------------------------------------------------------------------------- results

# The result columns each kind of side event fills in (all of them, for its results to count
# as entered).
RESULT_FIELDS: dict[str, tuple[str, ...]] = {
    SideEventKind.HEALTH_CHECK: ("people_examined", "medicine_given"),
    SideEventKind.GIFTS: ("gifts_count", "gifts_value"),
    SideEventKind.ADMIN_SERVICES: ("id_cards", "electronic_ids", "residence_registrations"),
    SideEventKind.CONTEST: ("teams", "participants"),
    SideEventKind.FOLK_GAMES: ("teams", "participants"),
    SideEventKind.CLEAN_UP: ("participants",),
    SideEventKind.OTHER: ("participants",),
}


def results_entered(event: SideEvent) -> bool:
    return all(getattr(event, name) is not None for name in RESULT_FIELDS[event.kind])


def missing_results(festival: Festival) -> list[str]:
    """What still has to be filled in before the festival's results can be reported."""
    missing = []
    if festival.attendance is None:
        missing.append(_("số người tham dự"))
    for event in festival.side_events.all():
        if not results_entered(event):
            missing.append(_("kết quả hoạt động “%(title)s”") % {"title": event.title})
    return missing


@dataclass(frozen=True)
class FestivalTotals:
    festivals: int = 0
    held: int = 0  # held or reported
    reported: int = 0
    pilots: int = 0
    attendance: int = 0
    people_examined: int = 0
    medicine_given: int = 0
    gifts_count: int = 0
    gifts_value: int = 0
    gifts_policy_families: int = 0
    gifts_poor_households: int = 0
    gifts_students: int = 0
    id_cards: int = 0
    electronic_ids: int = 0
    residence_registrations: int = 0
    contest_teams: int = 0
    participants: int = 0  # contests, folk games, clean-ups and other activities


# Totals of side-event columns: total name -> (column, condition on the row).
_RESULT_SUMS: dict[str, tuple[str, dict]] = {
    "people_examined": ("people_examined", {}),
    "medicine_given": ("medicine_given", {}),
    "gifts_count": ("gifts_count", {}),
    "gifts_value": ("gifts_value", {}),
    "gifts_policy_families": (
        "gifts_count",
        {"gift_recipients": GiftRecipients.POLICY_FAMILIES},
    ),
    "gifts_poor_households": (
        "gifts_count",
        {"gift_recipients": GiftRecipients.POOR_HOUSEHOLDS},
    ),
    "gifts_students": ("gifts_count", {"gift_recipients": GiftRecipients.STUDENTS}),
    "id_cards": ("id_cards", {}),
    "electronic_ids": ("electronic_ids", {}),
    "residence_registrations": ("residence_registrations", {}),
    "contest_teams": ("teams", {}),
    "participants": ("participants", {}),
}


def festival_totals(festivals: QuerySet[Festival]) -> FestivalTotals:
    """Aggregated results of ``festivals`` (already scoped by the caller), in two queries."""
    counts = festivals.order_by().aggregate(
        festivals=Count("pk"),
        held=Count("pk", filter=Q(status__in=[Status.HELD, Status.REPORTED])),
        reported=Count("pk", filter=Q(status=Status.REPORTED)),
        pilots=Count("pk", filter=Q(is_pilot=True)),
        attendance=Coalesce(Sum("attendance"), 0),
    )
    # Aliases may not shadow the columns they sum, hence the prefix.
    sums = (
        SideEvent.objects.filter(festival__in=festivals.order_by().values("pk"))
        .order_by()
        .aggregate(
            **{
                f"total_{name}": Coalesce(
                    Sum(column, filter=Q(**condition) if condition else None), 0
                )
                for name, (column, condition) in _RESULT_SUMS.items()
            }
        )
    )
    results = {name: sums[f"total_{name}"] for name in _RESULT_SUMS}
    return FestivalTotals(**{k: int(v) for k, v in {**counts, **results}.items()})


# --------------------------------------------------------------------------- pilots


def mark_pilot(festival: Festival, unit: AdministrativeUnit | None, is_pilot: bool) -> None:
    """Record the higher level's choice; ``unit`` is the unit that chose (None: nationwide)."""
    festival.is_pilot = is_pilot
    festival.pilot_unit = unit if is_pilot else None
    festival.save(update_fields=["is_pilot", "pilot_unit", "updated_at"])

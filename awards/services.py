"""Awards: the rules that span models.

Who acts on a nomination
    A ward proposes (``Perm.NOMINATE``, in its own ward only). The nomination is then acted on
    at the level that issues its form: by a user holding ``Perm.APPROVE`` at the unit of that
    level above (or equal to) the proposing ward — the province for the province's forms and
    for the Ministry's (the province records the Ministry's decision), the grouping for a
    grouping's Giấy khen, the ward's own leadership (a staff member whose unit is the ward) for
    the ward chairman's Giấy khen. Anyone else is refused with the reason.

Checks on a nomination
    The form must be given to this kind of recipient; one nomination per nominee, form and
    year; a once-per-person form (the commemorative medal) refuses a nominee who already holds
    it; a nominee proposed at several levels in one year gets a warning, not a refusal.

Decisions and certificates
    An issued decision is frozen (a correction is a new decision). Issuing gives each of its
    nominations a certificate: a serial per form and year (``KCC-2026-000123``), taken from a
    counter row locked for the length of the transaction, so two issues never share a number and
    a failed issue leaves no gap; and an unguessable verification code printed as a QR code.
    A decision one of whose certificates could not be printed (a name or reason too long for
    its box, in the full design or on the form's blank: awards.layouts) is refused before
    anything is written, naming the person and the field.

Reward amounts
    Reward = the form's coefficient (individual or collective) × the base salary (mức lương
    cơ sở) in force on the decision date, rounded half up to a multiple of
    ``settings.AWARDS_REWARD_ROUNDING`` đồng (default 1,000; 1 keeps the exact amount). With
    2,340,000 đ (from 1 July 2024): Giấy khen 0.3 → 702,000 đ; Bằng khen 1.5 → 3,510,000 đ.
"""

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.layouts import decision_refusals
from awards.models import (
    APPROVING_LEVEL,
    AwardForm,
    BaseSalary,
    Certificate,
    Decision,
    DecisionStatus,
    IssuingLevel,
    Nomination,
    RecipientKind,
    SerialCounter,
    Status,
)
from documents.vietnamese import natural_key, person_name_key
from wards.models import AdministrativeUnit, Capacity, Level, Signer
from wards.scoping import Perm, has_perm, user_scope
from wards.signals import rows_changed


class Refused(PermissionDenied):
    """An action the user may not take here; the message says why, in Vietnamese."""


# --------------------------------------------------------------------------- rewards


def round_reward(amount: Decimal) -> int:
    step = Decimal(settings.AWARDS_REWARD_ROUNDING)
    return int((amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def base_salary_on(day: date) -> int:
    salary = BaseSalary.in_force_on(day)
    if salary is None:
        raise ValidationError(
            _("Chưa có mức lương cơ sở áp dụng cho ngày %(day)s.") % {"day": f"{day:%d/%m/%Y}"}
        )
    return salary.amount


def reward_amount(form: AwardForm, kind: str, on: date) -> int:
    """The cash reward for ``kind`` of recipient of ``form`` decided on ``on``."""
    return round_reward(form.coefficient(kind) * base_salary_on(on))


def with_rewards(decision: Decision, nominations: Iterable[Nomination]) -> list[Nomination]:
    """The nominations in list order, each with ``reward``: the amount on its certificate once
    issued, else what the decision date gives (None while no base salary applies)."""
    rows = sorted(nominations, key=lambda n: recipient_order_key(n.nominee.kind, n.nominee.name))
    salary = BaseSalary.in_force_on(decision.date)
    for nomination in rows:
        certificate = getattr(nomination, "certificate", None)
        if certificate is not None:
            nomination.reward = certificate.reward
        elif salary is not None:
            coefficient = decision.form.coefficient(nomination.nominee.kind)
            nomination.reward = round_reward(coefficient * salary.amount)
        else:
            nomination.reward = None
    return rows


# --------------------------------------------------------------------------- levels


def approving_unit(form: AwardForm, ward: AdministrativeUnit) -> AdministrativeUnit | None:
    """The unit whose approver acts on ``form`` for a nominee of ``ward``: the ancestor (or the
    ward itself) at the form's approving level; None when the ward has no such ancestor (a
    commune directly under the province has no grouping)."""
    unit = ward
    while unit is not None and unit.level != form.approving_level:
        unit = unit.parent
    return unit


def approval_refusal(user, nomination: Nomination) -> str | None:
    """Why ``user`` may not approve ``nomination``; None when they may."""
    form = nomination.form
    unit = approving_unit(form, nomination.nominee.ward)
    if unit is None:
        return _(
            "Phường, xã %(ward)s không thuộc cụm nào nên không có cấp xét hình thức “%(form)s”."
        ) % {"ward": nomination.nominee.ward, "form": form}
    if has_perm(user, Perm.APPROVE, unit):
        return None
    if form.level == IssuingLevel.NATIONAL:
        return _(
            "Hình thức “%(form)s” do Bộ Công an quyết định; cán bộ cấp tỉnh (%(unit)s) xét và "
            "ghi nhận quyết định. Tài khoản của bạn không duyệt được ở cấp đó."
        ) % {"form": form, "unit": unit}
    return _(
        "Hình thức “%(form)s” do %(unit)s xét duyệt; tài khoản của bạn không duyệt được ở cấp đó."
    ) % {"form": form, "unit": unit}


def check_can_approve(user, nomination: Nomination) -> None:
    reason = approval_refusal(user, nomination)
    if reason:
        raise Refused(reason)


def approvable_filter(user) -> Q:
    """Nominations whose form is issued at the level of the user's unit (the unit itself is
    checked by scoping and :func:`approval_refusal`)."""
    scope = user_scope(user)
    if scope.everything:
        return Q()
    if scope.unit is None or not has_perm(user, Perm.APPROVE, scope.unit):
        return Q(pk__in=[])
    levels = [issuing for issuing, level in APPROVING_LEVEL.items() if level == scope.unit.level]
    return Q(form__level__in=levels)


def level_warning(nomination: Nomination) -> str | None:
    """A warning when the nominee is proposed at several levels in the same year."""
    others = (
        Nomination.objects.filter(nominee_id=nomination.nominee_id, year=nomination.year)
        .exclude(pk=nomination.pk)
        .exclude(status=Status.REJECTED)
        .exclude(form__level=nomination.form.level)
        .select_related("form")
    )
    names = [str(other.form) for other in others]
    if not names:
        return None
    return _(
        "Lưu ý: năm %(year)d “%(name)s” còn được đề nghị ở cấp khác: %(forms)s. Xem lại để "
        "tránh khen trùng."
    ) % {"year": nomination.year, "name": nomination.nominee, "forms": "; ".join(names)}


# --------------------------------------------------------------------------- workflow


def _move(nomination: Nomination, from_states: Iterable[str], **changes) -> None:
    """Change the status only if it is still one of ``from_states`` (a second click, or a
    colleague acting at the same time, finds it moved and is told so)."""
    claimed = Nomination.objects.filter(pk=nomination.pk, status__in=list(from_states)).update(
        updated_at=timezone.now(), **changes
    )
    if claimed != 1:
        raise ValidationError(_("Đề nghị này đã được xử lý; tải lại trang để xem trạng thái."))
    for field, value in changes.items():
        setattr(nomination, field, value)
    rows_changed.send(Nomination, ward_ids=[nomination.nominee.ward_id])


def submit(user, nomination: Nomination) -> None:
    with transaction.atomic():
        nomination.full_clean()
        _move(nomination, [Status.DRAFT, Status.RETURNED], status=Status.SUBMITTED, reason="")


def approve(user, nomination: Nomination) -> None:
    check_can_approve(user, nomination)
    with transaction.atomic():
        nomination.full_clean()
        _move(nomination, [Status.SUBMITTED], status=Status.APPROVED, reason="", acted_by=user)


def send_back(user, nomination: Nomination, reason: str, *, reject: bool = False) -> None:
    """Return a nomination to the ward with a reason, or reject it."""
    check_can_approve(user, nomination)
    if not reason.strip() and not reject:
        raise ValidationError(_("Cần ghi lý do trả lại để phường, xã bổ sung."))
    status = Status.REJECTED if reject else Status.RETURNED
    _move(nomination, [Status.SUBMITTED], status=status, reason=reason.strip(), acted_by=user)


class BulkAction:
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    ALL = (APPROVE, RETURN, REJECT)


def act_on_many(user, nominations: Iterable[Nomination], action: str, reason: str = "") -> int:
    """Approve, return or reject several nominations with one reason, each through the same
    function as a single one (same checks, same record of who acted and why). All or nothing:
    the first refusal undoes the others and names the nomination it stopped at."""
    nominations = list(nominations)
    if not nominations:
        raise ValidationError(_("Chưa chọn đề nghị nào."))
    if action == BulkAction.RETURN and not reason.strip():
        raise ValidationError(_("Cần ghi lý do trả lại để phường, xã bổ sung."))
    with transaction.atomic():
        for nomination in nominations:
            try:
                if action == BulkAction.APPROVE:
                    approve(user, nomination)
                else:
                    send_back(user, nomination, reason, reject=action == BulkAction.REJECT)
            except Refused as refused:
                raise Refused(f"{nomination.nominee}: {refused}") from None
            except ValidationError as error:
                raise ValidationError(f"{nomination.nominee}: {' '.join(error.messages)}") from None
    return len(nominations)


# --------------------------------------------------------------------------- decisions


def decision_refusal(user, unit: AdministrativeUnit, form: AwardForm) -> str | None:
    if form.approving_level != unit.level:
        return _("Quyết định “%(form)s” không do cấp %(unit)s ghi nhận.") % {
            "form": form,
            "unit": unit,
        }
    if not has_perm(user, Perm.APPROVE, unit):
        return _("Chỉ cán bộ xét duyệt của %(unit)s được lập quyết định này.") % {"unit": unit}
    return None


def candidates(decision: Decision):
    """Approved nominations of the decision's form, under its unit, in no decision yet."""
    return Nomination.objects.filter(
        form_id=decision.form_id,
        status=Status.APPROVED,
        decision__isnull=True,
        nominee__ward__path__startswith=decision.unit.path,
    ).select_related("nominee", "nominee__ward")


def set_nominations(decision: Decision, include: Iterable[Nomination]) -> None:
    """Make ``include`` (approved candidates or current members) the decision's list."""
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.is_issued:
            raise ValidationError(locked.locked_message())
        wanted = {n.pk for n in include}
        allowed = set(candidates(locked).values_list("pk", flat=True)) | set(
            locked.nominations.values_list("pk", flat=True)
        )
        if not wanted <= allowed:
            raise ValidationError(_("Có đề nghị không thuộc quyết định này hoặc chưa được duyệt."))
        locked.nominations.exclude(pk__in=wanted).update(decision=None)
        Nomination.objects.filter(pk__in=wanted).update(decision=locked)


def verify_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("awards:verify", args=[code])


def qr_matrix(url: str) -> str:
    """The QR code of ``url`` as rows of "0"/"1" (dark), without the quiet zone (the layout
    leaves the white margin)."""
    rows = segno.make(url, error="m", micro=False).matrix
    return "\n".join(bytes(row).translate(_BITS).decode() for row in rows)


_BITS = bytes.maketrans(b"\x00\x01", b"01")


def recipient_order_key(kind: str, name: str):
    """Collectives before individuals; people in Vietnamese name order."""
    if kind == RecipientKind.COLLECTIVE:
        return (0, natural_key(name))
    return (1, person_name_key(name))


def assign_certificates(decision: Decision) -> list[Certificate]:
    """Give every nomination of ``decision`` without a certificate the next serial of its form
    and year. Must run inside the issuing transaction: the counter row stays locked until it
    commits, and a failure rolls back both the certificates and the counter."""
    year = decision.date.year
    missing = sorted(
        decision.nominations.filter(certificate__isnull=True).select_related("nominee"),
        key=lambda n: recipient_order_key(n.nominee.kind, n.nominee.name),
    )
    if not missing:
        return []
    SerialCounter.objects.get_or_create(form_id=decision.form_id, year=year)
    counter = SerialCounter.objects.select_for_update().get(form_id=decision.form_id, year=year)
    salary = base_salary_on(decision.date)
    created = []
    for offset, nomination in enumerate(missing, start=1):
        number = counter.last_number + offset
        certificate = Certificate(
            nomination=nomination,
            decision=decision,
            form_id=decision.form_id,
            year=year,
            number=number,
            serial=Certificate.serial_for(decision.form.code, year, number),
            reward=round_reward(decision.form.coefficient(nomination.nominee.kind) * salary),
        )
        certificate.qr_url = verify_url(certificate.code)
        certificate.qr_matrix = qr_matrix(certificate.qr_url)
        created.append(certificate)
    Certificate.objects.bulk_create(created)
    SerialCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + len(created))
    return created


def issue(user, decision: Decision) -> Decision:
    """Issue ``decision``: freeze it and give its nominations their certificates. Running it
    again (a double click, a retried request) changes nothing."""
    with transaction.atomic():
        locked = (
            Decision.objects.select_for_update().select_related("form", "unit").get(pk=decision.pk)
        )
        if locked.is_issued:
            return locked
        refusal = decision_refusal(user, locked.unit, locked.form)
        if refusal:
            raise Refused(refusal)
        if not locked.nominations.exists():
            raise ValidationError(_("Quyết định chưa có tập thể, cá nhân nào được khen."))
        unprintable = decision_refusals(locked)
        if unprintable:
            raise ValidationError(unprintable)
        assign_certificates(locked)
        Decision.objects.filter(pk=locked.pk).update(
            status=DecisionStatus.ISSUED, issued_at=timezone.now(), issued_by=user
        )
        rows_changed.send(
            Nomination, ward_ids=locked.nominations.values_list("nominee__ward_id", flat=True)
        )
    locked.refresh_from_db()
    return locked


# --------------------------------------------------------------------------- decision wording

LAW_ON_LOCAL_GOVERNMENT = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
LAW_ON_POLICE = "Căn cứ Luật Công an nhân dân ngày 20 tháng 11 năm 2018;"
LAW_ON_EMULATION = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
DECREE_ON_EMULATION = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật "
    "Thi đua, khen thưởng;"
)


def decision_defaults(
    unit: AdministrativeUnit, form: AwardForm | None, year: int, proposers: Iterable[str] = ()
) -> dict[str, str]:
    """The wording a decision of ``unit`` prints where the ward has not written its own: the
    legal bases (the police law for a police chief's form, the local-government law for a
    people's committee's), the merit, the budget, who carries it out, and the distribution
    list, with the unit-kind words lower-case ("UBND tỉnh Quảng Ninh")."""
    official = unit.official_name
    police = form is not None and "Công an" in form.authority
    proposers = list(dict.fromkeys(p.strip() for p in proposers if p.strip()))
    proposed_by = ", ".join(proposers) or f"Trưởng Công an {official}"
    if unit.level == Level.WARD:
        executors = (
            f"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {official}, Trưởng Công an "
            f"{official}, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có "
            "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        )
    elif unit.level == Level.PROVINCE:
        executors = (
            f"Chánh Văn phòng Ủy ban nhân dân {official}, Giám đốc Sở Nội vụ, Giám đốc Công an "
            f"{official}, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có "
            "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        )
    else:
        executors = (
            "Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại "
            "Điều 1 chịu trách nhiệm thi hành Quyết định này."
        )
    return {
        "authority": unit.committee_name,
        "place": unit.place,
        "legal_bases": "\n".join(
            [
                LAW_ON_POLICE if police else LAW_ON_LOCAL_GOVERNMENT,
                LAW_ON_EMULATION,
                DECREE_ON_EMULATION,
                f"Xét đề nghị của {proposed_by}.",
            ]
        ),
        "merit": (
            f"thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}"
        ),
        "funding": f"Quỹ thi đua, khen thưởng của {unit.committee_name}",
        "executors": executors,
        "recipients": "\n".join(
            [
                "Như Điều 3;",
                f"Thường trực Hội đồng nhân dân {official} (để báo cáo);",
                f"Chủ tịch, các Phó Chủ tịch UBND {official};",
                "Lưu: VT.",
            ]
        ),
    }


def default_signer(unit: AdministrativeUnit) -> tuple[Signer | None, str]:
    """Who signs a new decision of ``unit``: its first active signer, in the chairman's own
    name or, for a deputy, in his stead (KT.)."""
    signer = Signer.objects.filter(unit=unit, is_active=True).first()
    if signer is None:
        return None, Capacity.NONE
    return signer, Capacity.NONE if signer.is_head else Capacity.KT


def decision_wording(decision: Decision) -> dict[str, str]:
    """The decision's own wording, each part it left empty taken from the defaults."""
    defaults = decision_defaults(
        decision.unit,
        decision.form,
        decision.date.year,
        decision.nominations.values_list("proposing_unit", flat=True),
    )
    return {key: getattr(decision, key) or value for key, value in defaults.items()}

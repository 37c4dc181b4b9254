"""Restoring deleted rows from their history, for ``RESTORE_DAYS`` days after the delete.

Each app registers the models whose deletes may be undone (``register``); their history
(django-simple-history) keeps a ``-`` record with every field as it was. Restoring saves the
row again from that record, under its old id when that id is still free, after the same
checks a form would make (its parent still exists, a name that must be unique is still free),
and the save is recorded in the history like any other ("Khôi phục")."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.confirm import RESTORE_DAYS
from wards.models import AdministrativeUnit
from wards.scoping import scoped


@dataclass(frozen=True)
class Restorable:
    model: type[models.Model]
    perm: str  # the permission that edits such a row
    # Why a restored row may not be written now (its festival is reported …), or None.
    refusal: object = None

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def unit_lookup(self) -> str:
        return f"{self.model.scope_lookup}__path__startswith"


_registry: dict[str, Restorable] = {}


def register(model: type[models.Model], perm: str, refusal=None) -> None:
    entry = Restorable(model, perm, refusal)
    _registry[entry.key] = entry


def restorables() -> list[Restorable]:
    return list(_registry.values())


def get(key: str) -> Restorable:
    return _registry[key]


class Refused(Exception):
    pass


def _since():
    return timezone.now() - timedelta(days=RESTORE_DAYS)


def deletions(user, entry: Restorable, unit: AdministrativeUnit, recent: bool = True):
    """The rows of ``entry`` deleted under ``unit`` (in the last days unless ``recent`` is
    False) and not restored since, as the user may see them."""
    history = entry.model.history.model
    later = history.objects.filter(id=OuterRef("id"), history_date__gt=OuterRef("history_date"))
    records = history.objects.filter(history_type="-", **{entry.unit_lookup: unit.path})
    if recent:
        records = records.filter(history_date__gte=_since())
    records = records.exclude(Exists(later))
    return scoped(user, records, entry.model).select_related("history_user")


def restore(entry: Restorable, record) -> models.Model:
    """Save the row ``record`` (a ``-`` history record) deleted again, or raise Refused."""
    if record.history_date < _since():
        raise Refused(
            _("Mục này đã xóa quá %(days)d ngày nên không khôi phục được.") % {"days": RESTORE_DAYS}
        )
    row = record.instance
    for field in row._meta.concrete_fields:
        if not field.many_to_one or getattr(row, field.attname) is None:
            continue
        if not field.related_model._base_manager.filter(pk=getattr(row, field.attname)).exists():
            raise Refused(
                _("Không khôi phục được: %(field)s của mục này cũng đã bị xóa.")
                % {"field": field.verbose_name}
            )
    if entry.refusal and (reason := entry.refusal(row)):
        raise Refused(reason)
    if type(row)._base_manager.filter(pk=row.pk).exists():
        row.pk = None  # its id was given to another row since (ids restarted): a new one
    row._state.adding = True
    try:
        row.full_clean()
    except ValidationError as error:
        raise Refused(
            _("Không khôi phục được: %(why)s") % {"why": " ".join(error.messages)}
        ) from None
    row._change_reason = _("Khôi phục")
    with transaction.atomic():
        row.save(force_insert=True)
        _restore_links(row, record)
    return row


def _restore_links(row, record) -> None:
    """Many-to-many links the history keeps (an exemplar's schemes), as they were before the
    delete removed them, leaving out rows deleted since."""
    before = record.prev_record
    if before is None:
        return
    for field in getattr(before, "_history_m2m_fields", ()):
        target = field.m2m_reverse_field_name()
        ids = [getattr(link, f"{target}_id") for link in getattr(before, field.name).all()]
        getattr(row, field.name).set(field.related_model.objects.filter(pk__in=ids))

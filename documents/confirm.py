"""The one confirmation before an irreversible action (issuing a decision, removing from the
ceremony, any delete). The page's form carries a required "I understand" checkbox
(templates/partials/confirm_form.html); static/js/app.js turns it into a dialog that states
the same consequence. The view refuses a POST without the box ticked and asks on a page of its
own, so nothing irreversible happens on a stale page or a form posted from elsewhere."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

FIELD = "confirmed"
RESTORE_DAYS = 30


def deletion_consequence(obj, restorable: bool = True) -> str:
    what = {"what": obj._meta.verbose_name, "name": str(obj)}
    if restorable:
        return _(
            "Xóa %(what)s “%(name)s”. Có thể khôi phục trong %(days)d ngày, ở trang "
            "“Đã xóa gần đây” của phường, xã."
        ) % {**what, "days": RESTORE_DAYS}
    return _("Xóa %(what)s “%(name)s”. Không khôi phục được.") % what


def unconfirmed(request, consequence: str, button: str) -> HttpResponse | None:
    """None when the POST carries the confirmation; otherwise the page that asks for it."""
    if request.POST.get(FIELD) == "yes":
        return None
    return render(
        request,
        "confirm.html",
        {"consequence": consequence, "button": button, "action": request.path},
    )


def unconfirmed_delete(request, obj, restorable: bool = True) -> HttpResponse | None:
    return unconfirmed(request, deletion_consequence(obj, restorable), _("Xóa"))

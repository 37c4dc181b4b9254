from django import template
from django.utils.translation import gettext as _

from documents.confirm import FIELD, deletion_consequence

register = template.Library()


@register.inclusion_tag("partials/confirm_form.html", takes_context=True)
def confirm_form(context, action, consequence, button, style="btn-primary", form_class=""):
    """A form that does one irreversible thing, after the user has read ``consequence``."""
    return {
        "csrf_token": context.get("csrf_token"),
        "action": action,
        "consequence": consequence,
        "button": button,
        "style": style,
        "form_class": form_class,
        "field": FIELD,
    }


@register.inclusion_tag("partials/confirm_form.html", takes_context=True)
def delete_form(context, action, obj, restorable=True, button="", form_class=""):
    """A delete button whose confirmation says whether the row can be restored."""
    consequence = deletion_consequence(obj, restorable)
    style = "btn-sm btn-outline-danger"
    return confirm_form(context, action, consequence, button or _("Xóa"), style, form_class)

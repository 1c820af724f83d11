"""The admin form of every page a merchant edits: image and document fields accept only
what the editing user may choose.

Wagtail's image and document choosers list only the collections a user may choose
from, but the form field behind a chooser is a plain `ModelChoiceField` over *every*
image: a crafted POST (`logo=40`, `photos-0-image=40`) would put another merchant's
image on a public page. `ChoosableMediaPageForm` narrows each such field, on the page
and in its inline rows, to Wagtail's own answer (the collection permission policy's
"choose"), so the rule lives in one place whatever fields a page type grows. Staff,
who may choose from the root collection, see no difference.

Set it as `base_form_class` on page models that merchants edit; this module is below
every app, so each can.
"""

from django.db.models import Q
from django.forms import ModelChoiceField
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

NOT_CHOOSABLE = {
    "image": _("Cette image ne fait pas partie de celles que vous pouvez choisir."),
    "document": _("Ce document ne fait pas partie de ceux que vous pouvez choisir."),
}


def _media_kind(field):
    """ "image", "document" or None for a form field."""
    if not isinstance(field, ModelChoiceField):
        return None
    model = field.queryset.model
    if issubclass(model, get_image_model()):
        return "image"
    if issubclass(model, get_document_model()):
        return "document"
    return None


def _as_list(value):
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set):
        return [getattr(item, "pk", item) for item in value]
    return [getattr(value, "pk", value)]


def limit_media_choices(form, user):
    """Narrow `form`'s image and document fields, and those of its inline formsets
    (recursively), to what `user` may choose, plus what the field already holds: an
    image staff put on a merchant's shop from the city's collection must not stop the
    merchant from saving the shop again."""
    for name, field in form.fields.items():
        kind = _media_kind(field)
        if kind is None:
            continue
        policy = policy_registry.get_by_type(field.queryset.model)
        choosable = policy.instances_user_has_any_permission_for(user, ["choose"])
        already_there = _as_list(form.initial.get(name))
        field.queryset = field.queryset.filter(
            Q(pk__in=choosable.values("pk")) | Q(pk__in=already_there)
        )
        field.error_messages = {**field.error_messages, "invalid_choice": NOT_CHOOSABLE[kind]}
    # A formset builds its forms from the posted data; new rows added in the browser are
    # among them, so every submitted row is narrowed. (Its `empty_form`, the template
    # the browser copies, renders a chooser, which lists nothing itself.)
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            limit_media_choices(child, user)


class ChoosableMediaPageForm(WagtailAdminPageForm):
    """A page form whose image and document fields accept only what the editing user
    may choose (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's admin views always pass the editing user; a form built without one
        # (in code) is nobody's submission.
        if self.for_user is not None:
            limit_media_choices(self, self.for_user)

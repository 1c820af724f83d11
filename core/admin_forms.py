"""The admin's page forms: what every page form of the site refuses.

1. A form loaded from a revision that is no longer the latest (`StaleFormGuard`), so
   that two editors (or two tabs) never silently overwrite each other.

   Wagtail 8 renders, in every edit form of a model with revisions, the revision it was
   loaded from (`loaded_revision_id`, `loaded_revision_created_at`; its autosave adds
   `overwrite_revision_id`), but compares them with the latest revision only for the
   autosave's JSON requests: a form posted the ordinary way, by a browser without
   JavaScript or with autosave off, overwrites a newer revision without a word. The
   check here is Wagtail's own comparison (`EditView.is_out_of_date`), made in the
   form's validation, so that the refusal is an ordinary form error: the form comes back
   with what the editor typed, and nothing is lost.

2. On pages merchants edit, an image or document they may not choose
   (`ChoosableMediaPageForm`). Wagtail's image and document choosers list only the
   collections a user may choose from, but the form field behind a chooser is a plain
   `ModelChoiceField` over *every* image: a crafted POST (`logo=40`,
   `photos-0-image=40`) would put another merchant's image on a public page. The form
   narrows each such field, on the page and in its inline rows, to Wagtail's own answer
   (the collection permission policy's "choose"), so the rule lives in one place
   whatever fields a page type grows. Staff, who may choose from the root collection,
   see no difference.

Every page type's `base_form_class` is `VitrinePageForm` or a subclass (a test says so);
this module is below every app, so each can use it.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import ModelChoiceField
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from core import compat

STALE_FORM_MESSAGE = _(
    "Quelqu’un a enregistré une version plus récente depuis que vous avez ouvert ce "
    "formulaire : vos modifications n’ont pas été enregistrées, pour ne pas effacer les "
    "siennes. Elles sont toujours dans le formulaire ci-dessous. Comparez-les avec la "
    "dernière version (onglet « Historique ») ; enregistrer à nouveau remplacera cette "
    "dernière version par la vôtre."
)


def latest_revision_of(instance):
    """The (id, creation time) of the latest revision of `instance` as it is in the
    database now, not as it was when the request loaded it; None without one."""
    if instance.pk is None or not hasattr(instance, "latest_revision"):
        return None
    return (
        type(instance)
        ._default_manager.filter(pk=instance.pk, latest_revision__isnull=False)
        .values_list("latest_revision_id", "latest_revision__created_at")
        .first()
    )


def is_stale(instance, data):
    """Whether the form `data` was loaded from an older revision of `instance` than its
    latest: Wagtail's `is_out_of_date` (admin/views/generic/mixins.py), for any request."""
    latest = latest_revision_of(instance)
    if latest is None:
        return False
    latest_id, latest_created_at = str(latest[0]), latest[1].isoformat()
    # The editor's own autosave revision: it is the latest or it is not.
    if overwrite_revision_id := data.get("overwrite_revision_id"):
        return overwrite_revision_id != latest_id
    # The same id with another creation time: another session's autosave overwrote that
    # revision since the form was loaded. Unlike Wagtail, a form without a loaded
    # revision is stale too when the object has one now: Wagtail's edit forms always name
    # the latest revision when there is one, so this form was loaded before the first
    # revision of an object written without one (the demo's and the import's bulk
    # writes), and someone has saved since.
    return (
        data.get("loaded_revision_id", "") != latest_id
        or data.get("loaded_revision_created_at", "") != latest_created_at
    )


class StaleFormGuard:
    """Mixin for a Wagtail admin model form of a model with revisions: refuses the form
    when it was loaded from an older revision than the latest."""

    def clean(self):
        cleaned_data = super().clean()
        if is_stale(self.instance, self.data):
            raise ValidationError(STALE_FORM_MESSAGE, code="stale_form")
        return cleaned_data


def _shows_schedule_publishing(form):
    """Whether the status panel offers "Programmer" (go-live and expiry dates). Wagtail
    asks whether the form *class* has the go-live field, but a field the user lacks the
    permission for (core.admin_panels) is left out of the form *instance*: without this,
    a merchant is offered a scheduling dialog with nothing in it."""
    return "go_live_at" in form.fields


class VitrinePageForm(
    StaleFormGuard,
    WagtailAdminPageForm,
    metaclass=compat.form_metaclass_setting(
        WagtailAdminPageForm, show_schedule_publishing_toggle=property(_shows_schedule_publishing)
    ),
):
    """The base form of every page type of the site."""


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


class ChoosableMediaPageForm(VitrinePageForm):
    """A page form whose image and document fields accept only what the editing user
    may choose (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's admin views always pass the editing user; a form built without one
        # (in code) is nobody's submission.
        if self.for_user is not None:
            limit_media_choices(self, self.for_user)

"""The admin's edit forms refuse a form loaded from a revision that is no longer the
latest, so that two editors (or two tabs) never silently overwrite each other.

Wagtail 8 renders, in every edit form of a model with revisions, the revision it was
loaded from (`loaded_revision_id`, `loaded_revision_created_at`; its autosave adds
`overwrite_revision_id`), but compares them with the latest revision only for the
autosave's JSON requests: a form posted the ordinary way, by a browser without
JavaScript or with autosave off, overwrites a newer revision without a word. The check
here is Wagtail's own comparison (`EditView.is_out_of_date`), made in the form's
validation, so that the refusal is an ordinary form error: the form comes back with what
the editor typed, and nothing is lost.

Every page type's `base_form_class` is `VitrinePageForm` or a subclass (a test says so);
a page type that needs a form of its own extends it, or adds `StaleFormGuard` to its own.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

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


class VitrinePageForm(StaleFormGuard, WagtailAdminPageForm):
    """The base form of every page type of the site."""

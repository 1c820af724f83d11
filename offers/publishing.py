"""Putting a merchant's page on the site: publish it, or submit it to the staff's
workflow when moderation is on (offers.merchants says how moderation works).

The editor's "Publier" goes through Wagtail's own views; these functions serve the
dashboard's "Publier" on a draft and the repost (offers.reposting), which act without
the editor's form."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied


class Outcome(StrEnum):
    PUBLISHED = "published"
    SUBMITTED = "submitted"
    SAVED = "saved"  # neither: no publish permission, and no workflow to submit to


def may_publish_or_submit(page, user):
    """Whether `user` may put `page` online themselves, or submit it for validation."""
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return False
    return permissions.can_publish() or permissions.can_submit_for_moderation()


def publish_or_submit(page, revision, user):
    """Publish `revision` of `page` if `user` may publish it, else start the page's
    workflow (moderation on). Returns the Outcome."""
    if page.permissions_for_user(user).can_publish():
        revision.publish(user=user)
        return Outcome.PUBLISHED
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)
        return Outcome.SUBMITTED
    return Outcome.SAVED


def publish_latest(page, user):
    """The dashboard's "Publier" (or "Soumettre") on a page: its latest draft published
    or submitted, as the editor's button would. Raises PermissionDenied when `user` may
    do neither, and ValidationError when the draft is incomplete (a draft is saved
    without its required fields: publishing it would put a half-written offer online)."""
    if not may_publish_or_submit(page, user):
        raise PermissionDenied
    revision = page.get_latest_revision() or page.save_revision(user=user)
    draft = revision.as_object()
    draft.full_clean()
    return publish_or_submit(page, revision, user)

"""The editor's buttons and what follows them, for merchants (staff keep Wagtail's).

- The big button is "Publier" ("Soumettre à Validation par l'équipe" under moderation),
  "Enregistrer le brouillon" goes under the arrow: a merchant who fills in an offer
  wants it on the site, and a draft they did not know they left is an offer nobody
  sees. Wagtail makes the first item of the menu the big button
  (wagtail.admin.action_menu.PageActionMenu), after the `construct_page_action_menu`
  hooks have run.
- Once published (or submitted), they land on their dashboard, where the message says
  where the page stands and links to it, rather than in the page explorer.

Imported by offers.wagtail_hooks, which Wagtail loads."""

from django.shortcuts import redirect
from wagtail import hooks

from core.clock import today
from offers import merchants
from offers.publishing import Outcome
from offers.publishing_messages import tell

# The menu items (by Wagtail's names) that put a page online, the one to prefer first.
PUTS_ONLINE = ("action-publish", "action-submit")


@hooks.register("construct_page_action_menu")
def merchants_publish_first(menu_items, request, context):
    if not merchants.is_merchant(request.user):
        return
    for name in PUTS_ONLINE:
        item = next((item for item in menu_items if item.name == name), None)
        if item is not None:
            menu_items.remove(item)
            menu_items.insert(0, item)
            return


@hooks.register("after_publish_page")
def merchants_back_to_dashboard_once_published(request, page):
    """Runs before Wagtail adds its own message, which the redirect skips."""
    if merchants.is_merchant(request.user):
        tell(request, page, Outcome.PUBLISHED, today())
        return redirect("wagtailadmin_home")
    return None


def _back_to_dashboard_once_submitted(request, page):
    """After Wagtail's "submitted for moderation" message, which says it already. A
    draft saved (no "action-submit" in the form) stays in the editor."""
    if (
        request.method == "POST"
        and request.POST.get("action-submit")
        and page.workflow_in_progress
        and merchants.is_merchant(request.user)
    ):
        return redirect("wagtailadmin_home")
    return None


hooks.register("after_create_page", _back_to_dashboard_once_submitted)
hooks.register("after_edit_page", _back_to_dashboard_once_submitted)

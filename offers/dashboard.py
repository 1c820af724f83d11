"""A merchant's dashboard: each of their shops with its current and recent offers, each
offer's state in words and the buttons that move it on (offers.offer_states), computed
in a fixed number of queries."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState, get_default_page_content_type

from core import tree
from offers import merchants
from offers.offer_states import Action, Workflow, describe_offer
from offers.reposting import reposted_copies

MAX_OFFERS = 30


@dataclass(frozen=True)
class DashboardAction:
    label: str
    url: str
    # A POST form (with the CSRF token) rather than a link: it changes something.
    posts: bool = False
    primary: bool = False


@dataclass(frozen=True)
class DashboardOffer:
    offer: object
    status: object  # offers.offer_states.OfferStatus
    actions: list


@dataclass(frozen=True)
class DashboardShop:
    shop: object
    offers: list


def workflows(offers):
    """{offer id: Workflow} for `offers` with a change before the staff (submitted, or
    sent back for changes)."""
    ids = [str(offer.pk) for offer in offers]
    if not ids:
        return {}
    states = WorkflowState.objects.active().filter(
        base_content_type=get_default_page_content_type(), object_id__in=ids
    )
    return {
        int(object_id): Workflow(status)
        for object_id, status in states.values_list("object_id", "status")
    }


def dashboard_actions(offer, actions, *, publishes, copy):
    """The buttons of `actions` (offers.offer_states.Action) for `offer`; `publishes`:
    the merchant publishes themselves (else "Publier" submits for validation); `copy`:
    the offer's copy for next week, if reposted."""
    buttons = []
    for action in actions:
        if action == Action.PUBLISH:
            label = _("Publier") if publishes else _("Soumettre à validation")
            button = DashboardAction(label, reverse("offers_publish", args=[offer.pk]), True)
        elif action == Action.EDIT:
            url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
            button = DashboardAction(_("Modifier"), url)
        elif action == Action.VIEW:
            button = DashboardAction(_("Voir en ligne"), offer.url)
        elif action == Action.REPOST:
            button = DashboardAction(_("Reposter"), reverse("offers_repost", args=[offer.pk]), True)
        else:
            url = reverse("wagtailadmin_pages:edit", args=[copy.pk])
            button = DashboardAction(_("Voir la copie repostée"), url)
        buttons.append(button)
    if buttons:
        first = buttons[0]
        buttons[0] = DashboardAction(first.label, first.url, first.posts, primary=True)
    return buttons


def merchant_dashboard(user, day):
    """`user`'s shops, by title, each with its offers that are current, upcoming or
    ended lately (newest first, MAX_OFFERS in all), their states and actions."""
    shops = list(merchants.merchant_shops(user))
    offers = list(merchants.merchant_offers(user, day)[:MAX_OFFERS])
    in_workflow = workflows(offers)
    copies = reposted_copies(offers, day)
    publishes = {shop.path: shop.permissions_for_user(user).can_publish() for shop in shops}
    by_shop_path = {shop.path: [] for shop in shops}
    for offer in offers:
        # An offer's shop is its parent: the offer's path without its last step.
        shop_path = tree.parent_path(offer.path)
        copy = copies.get(offer.pk)
        status = describe_offer(
            offer, day, workflow=in_workflow.get(offer.pk), reposted=copy is not None
        )
        actions = dashboard_actions(
            offer, status.actions, publishes=publishes.get(shop_path, False), copy=copy
        )
        by_shop_path.get(shop_path, []).append(DashboardOffer(offer, status, actions))
    return [DashboardShop(shop=shop, offers=by_shop_path[shop.path]) for shop in shops]

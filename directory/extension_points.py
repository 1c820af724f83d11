"""Where the apps above the directory plug into it: Wagtail hooks, registered in the
upper app's `wagtail_hooks.py` (the pattern of home.extension_points).

The directory shows things it does not own: a shop page's current offers and the
stories that mention the shop, a card's "Offre en cours" badge, and what a merchant may
do to their shop. It asks the hooks below and imports none of the apps that answer.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from home.extension_points import Panel, panels

# fn(shop, request, today, *, preview) -> ShopPagePanel | None
#   Called at each rendering of a shop page (`today` in Brussels; `preview` when an
#   editor previews unsaved content: the shop may have no id or tree path yet). The
#   panel's `place` is one of PLACES, its `structured_data` are properties added to the
#   shop's LocalBusiness JSON-LD. A panel costs a fixed number of queries, and shows only
#   what changes with a publication (which drops the kept pages, directory.shop_cache)
#   or at midnight: the rendered page is kept until then.
SHOP_PAGE_PANELS = "directory_shop_page_panels"
# Where a shop page shows a panel: under its actions (above the hours), or after its
# photos (before the nearby shops).
UNDER_ACTIONS = "under_actions"
AFTER_PHOTOS = "after_photos"
PLACES = (UNDER_ACTIONS, AFTER_PHOTOS)

# fn(shops, day) -> set of shop ids
#   Which of `shops` (ShopPages, one page of directory cards) have a current offer on
#   `day`, for the card's "Offre en cours" badge: one query at most for all of them,
#   never one per shop. The answer is kept with the cards for the day (directory.cards).
SHOPS_WITH_CURRENT_OFFER = "directory_shops_with_current_offer"

# fn(day) -> iterable of (shop id, text)
#   The text of every current offer on `day` of every live, public shop (its title and
#   what it says), so that a search finds a shop by its current offer: one query for
#   all of them. The directory keeps the words for the day in its search vocabulary
#   (directory.search_vocabulary), which any page's publication drops.
CURRENT_OFFER_TEXTS = "directory_current_offer_texts"

# fn(user, shop) -> a Wagtail PagePermissionTester
#   What `user` may do to `shop` (ShopPage.permissions_for_user): the merchants' rules.
#   The last registered wins; without any, Wagtail's own tester decides.
SHOP_PERMISSION_TESTER = "directory_shop_permission_tester"


@dataclass(frozen=True)
class ShopPagePanel(Panel):
    """A Panel on a shop page, at `place` (one of PLACES), adding `structured_data` (a
    dict of schema.org properties, e.g. "makesOffer") to the shop's LocalBusiness."""

    place: str = UNDER_ACTIONS
    structured_data: dict = field(default_factory=dict)


def shop_page_panels(shop, request, today, *, preview=False):
    """{place: [ShopPagePanel]} for the shop page, every place present."""
    by_place = {place: [] for place in PLACES}
    for panel in panels(SHOP_PAGE_PANELS, shop, request, today, preview=preview):
        by_place[panel.place].append(panel)
    return by_place


def shops_with_current_offer(shops, day):
    """The ids of `shops` that some app says have a current offer on `day`."""
    ids = set()
    for fn in hooks.get_hooks(SHOPS_WITH_CURRENT_OFFER):
        ids |= set(fn(shops, day))
    return ids


def current_offer_texts(day):
    """(shop id, text) for each current offer on `day` that some app knows of."""
    return [pair for fn in hooks.get_hooks(CURRENT_OFFER_TEXTS) for pair in fn(day)]


def shop_permission_tester(user, shop):
    """The tester of `user`'s rights on `shop`, or None for Wagtail's own."""
    testers = hooks.get_hooks(SHOP_PERMISSION_TESTER)
    return testers[-1](user, shop) if testers else None

"""What merchants may do to their shop and its offers, beyond Wagtail's page permissions.

Wagtail asks a page's `permissions_for_user()` tester before every page action (the
views, the bulk actions) *and* to decide which buttons and menu items to show.
ShopPage and OfferPage return the testers below, so one rule both refuses an action
and hides it from the merchant's admin.

A merchant's group holds add, change and (while moderation is off) publish on their
shop (offers.merchants); staff hold them on the whole tree.
"""

from wagtail.models import PagePermissionTester

from offers import merchants


class OfferPermissionTester(PagePermissionTester):
    """Whoever may edit an offer may also take it down (unpublish or delete it), with
    or without publish permission: moderation reviews what goes live, not what is
    withdrawn, and a merchant must be able to stop an offer the shop can no longer
    honour at once."""

    def _may_change(self):
        return self.user.is_active and not self.user.is_superuser and "change" in self.permissions

    def can_unpublish(self):
        if super().can_unpublish():
            return True
        return self.page.live and not self.page_locked() and self._may_change()

    def can_delete(self, ignore_bulk=False):
        # An offer has no children, so deleting it never takes other pages with it.
        return super().can_delete(ignore_bulk) or self._may_change()

    def can_reorder_children(self):
        return False  # an offer has no children to order


class ShopPermissionTester(PagePermissionTester):
    """A merchant edits their shop's content (texts, hours, photos, links) and adds
    offers under it; the shop's place in the directory is the city's: only staff
    delete, move, copy or unpublish a shop, restrict who sees it, or reorder what is
    under it. (Its slug, the shop's public address, is a staff-only field of the form.)"""

    def _is_staff(self):
        return merchants.is_staff_member(self.user)

    def can_delete(self, ignore_bulk=False):
        # can_move() and can_move_to() go through this too.
        return self._is_staff() and super().can_delete(ignore_bulk)

    def can_copy(self):
        return self._is_staff() and super().can_copy()

    def can_unpublish(self):
        return self._is_staff() and super().can_unpublish()

    def can_set_view_restrictions(self):
        return self._is_staff() and super().can_set_view_restrictions()

    def can_reorder_children(self):
        return self._is_staff() and super().can_reorder_children()

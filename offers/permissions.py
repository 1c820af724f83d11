"""What merchants may do to their shop and its offers, beyond Wagtail's page permissions.

Wagtail asks a page's `permissions_for_user()` tester before every page action (the
views, the bulk actions) *and* to decide which buttons and menu items to show.
ShopPage and OfferPage return the testers below, so one rule both refuses an action
and hides it from the merchant's admin.

A merchant's group holds add, change and (while moderation is off) publish on their
shop (offers.merchants); staff hold them on the whole tree.
"""

from functools import cached_property

from wagtail.locks import ScheduledForPublishLock
from wagtail.models import PagePermissionTester

from offers import merchants


class OfferPermissionTester(PagePermissionTester):
    """Whoever may edit an offer may also take it down (unpublish or delete it), with
    or without publish permission: moderation reviews what goes live, not what is
    withdrawn, and a merchant must be able to stop an offer the shop can no longer
    honour at once.

    A lock holds against all of it. Wagtail refuses editing and unpublishing a locked
    page, but lets whoever may delete, publish or copy it do so; here a lock that
    applies to the user (another person's, from the lock button, or the moderation
    workflow's on a submitted offer) also refuses deleting, moving, publishing (the
    bulk action publishes the latest draft), copying and reposting. Whoever may unlock
    it does that first.

    Wagtail's "Copier" and "Déplacer" are staff's: copying asks a merchant for a
    destination and a slug (reposting is their copy: same shop, next week, its own
    address), and moving an offer from shop to shop makes no sense to a merchant with
    one shop and little to one with two (they post it again under the other)."""

    def _may_change(self):
        return self.user.is_active and not self.user.is_superuser and "change" in self.permissions

    @cached_property
    def _locked_for_user(self):
        # Wagtail's lock on a page scheduled to go live applies to everyone, staff
        # included; it keeps the content as scheduled, and refusing publish on it
        # would also hide "cancel the schedule" (can_unschedule asks can_publish).
        # Cached: finding the lock takes queries, and a listing asks several actions.
        lock = self.page.get_lock()
        return (
            lock is not None
            and not isinstance(lock, ScheduledForPublishLock)
            and bool(lock.for_user(self.user))
        )

    def can_unpublish(self):
        if super().can_unpublish():
            return True
        return self.page.live and not self.page_locked() and self._may_change()

    def _is_staff(self):
        return merchants.is_staff_member(self.user)

    def can_delete(self, ignore_bulk=False):
        # An offer has no children, so deleting it never takes other pages with it.
        if self._locked_for_user:
            return False
        return super().can_delete(ignore_bulk) or self._may_change()

    def can_move(self):
        # can_move_to() and the bulk move go through this.
        return self._is_staff() and super().can_move()

    def can_publish(self):
        return super().can_publish() and not self._locked_for_user

    def _may_copy(self):
        return super().can_copy() and not self._locked_for_user

    def can_copy(self):
        return self._is_staff() and self._may_copy()

    def can_repost(self):
        """Copy the offer as next week's under its shop (offers.reposting)."""
        return (
            self._may_copy()
            and self.page.get_parent().permissions_for_user(self.user).can_add_subpage()
        )

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

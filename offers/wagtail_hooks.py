"""The admin for merchants and for the staff who give them access.

Merchants get Wagtail's page permissions on their shop's subtree (offers.merchants);
what they may do to the shop and its offers beyond those is decided by the pages'
permission testers (offers.permissions), which also hide the buttons of what they may
not do. These hooks trim the rest of what Wagtail would show them: other shops in
choosers and the explorer, menus and summaries they have no use for, and the workflow's
"submit" action while moderation is off."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import Page

# Importing them registers the account settings' and the editor's buttons' hooks.
import offers.account_hooks
import offers.publishing_hooks  # noqa: F401
from core.clock import today
from directory.extension_points import (
    CURRENT_OFFER_TEXTS,
    SHOP_PAGE_PANELS,
    SHOP_PERMISSION_TESTER,
    SHOPS_WITH_CURRENT_OFFER,
)
from directory.models import ShopPage
from home.extension_points import HOME_PAGE_PANELS
from offers import merchants, operation_views, page_context, views_admin
from offers.current import current_offer_texts, shops_with_current_offer
from offers.dashboard import merchant_dashboard
from offers.models import OfferPage
from offers.operations_panel import merchant_operations
from offers.permissions import ShopPermissionTester
from offers.staff_menu import StaffMenuItem


@hooks.register("register_admin_urls")
def merchant_admin_urls():
    return [
        path(
            "offres/commerces/<int:shop_id>/acces/",
            views_admin.shop_access,
            name="offers_shop_access",
        ),
        path(
            "offres/commerces/<int:shop_id>/acces/<int:user_id>/retirer/",
            views_admin.withdraw_access,
            name="offers_withdraw_access",
        ),
        path("offres/<int:offer_id>/reposter/", views_admin.repost, name="offers_repost"),
        path("offres/<int:offer_id>/publier/", views_admin.publish_offer, name="offers_publish"),
        path(
            "offres/commerces/<int:shop_id>/horaires-a-jour/",
            views_admin.hours_confirmed,
            name="offers_hours_confirmed",
        ),
        path(
            "offres/commerces/<int:shop_id>/operations/<int:operation_id>/participer/",
            operation_views.join_operation,
            name="offers_join_operation",
        ),
        path(
            "offres/commerces/<int:shop_id>/operations/<int:operation_id>/quitter/",
            operation_views.leave_operation,
            name="offers_leave_operation",
        ),
        path(
            "offres/changements-commercants/",
            views_admin.merchant_changes_report,
            name="offers_merchant_changes",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def merchant_page_buttons(page, user, next_url=None, **kwargs):
    if page.specific_class is ShopPage and merchants.is_staff_member(user):
        yield Button(
            _("Donner accès au commerçant"),
            reverse("offers_shop_access", args=[page.pk]),
            icon_name="user",
            priority=80,
        )
    if page.specific_class is OfferPage and page.permissions_for_user(user).can_repost():
        yield Button(
            _("Reposter pour la semaine prochaine"),
            reverse("offers_repost", args=[page.pk]),
            icon_name="repeat",
            priority=81,
        )


@hooks.register("register_page_header_buttons")
def merchant_page_header_buttons(page, user, view_name=None, next_url=None, **kwargs):
    yield from merchant_page_buttons(page, user, next_url)


@hooks.register("register_reports_menu_item")
def merchant_changes_menu_item():
    return StaffMenuItem(
        _("Changements des commerçants"),
        reverse("offers_merchant_changes"),
        name="merchant-changes",
        icon_name="history",
        order=710,
    )


# --- The merchant's trimmed admin -------------------------------------------------

MERCHANT_MENUS = {"explorer", "images"}


@hooks.register("construct_main_menu")
def trim_merchant_menu(request, menu_items):
    if merchants.is_merchant(request.user):
        menu_items[:] = [item for item in menu_items if item.name in MERCHANT_MENUS]


class MerchantPanel(Component):
    name = "merchant_shops"
    order = 10
    template_name = "offers/admin/merchant_panel.html"

    class Media:
        # Phone-sized layout of the dashboard (templates/wagtailadmin/home.html).
        css = {"all": ["css/merchant-admin.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "shops": merchant_dashboard(self.user, today()),
            "operations": merchant_operations(self.user, today()),
            "csrf_token": parent_context.get("csrf_token") if parent_context else None,
            "request": parent_context.get("request") if parent_context else None,
        }


@hooks.register("construct_homepage_panels")
def merchant_dashboard_panel(request, panels):
    """A merchant's dashboard is their shops and offers, nothing else."""
    if merchants.is_merchant(request.user):
        panels[:] = [MerchantPanel(request.user)]


@hooks.register("construct_homepage_summary_items", order=100)
def merchant_summary(request, summary_items):
    """After Wagtail's own items (order 0): a count of "2 pages, 1 image" tells a
    merchant nothing their dashboard does not show better."""
    if merchants.is_merchant(request.user):
        summary_items.clear()


@hooks.register("construct_page_action_menu")
def submit_only_under_moderation(menu_items, request, context):
    """The staff's workflow stays assigned to the directory (offers.merchants), so
    Wagtail offers "Soumettre à Validation par l'équipe" even while moderation is off,
    when it would only be a slower way to publish."""
    if not merchants.moderation_enabled():
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]


@hooks.register("construct_explorer_page_queryset")
def merchant_explorer_pages(parent_page, pages, request):
    if merchants.is_merchant(request.user):
        return merchants.restrict_to_shops(pages, request.user)
    return pages


@hooks.register("construct_page_chooser_queryset")
def merchant_chooser_pages(pages, request):
    if merchants.is_merchant(request.user):
        # The chooser shows the page it browses (its title) before its children: a
        # page outside the merchant's shops is not there for them.
        parent_id = getattr(request.resolver_match, "kwargs", {}).get("parent_page_id")
        parent = Page.objects.filter(pk=parent_id)
        if parent_id and not merchants.restrict_to_shops(parent, request.user).exists():
            raise Http404
        return merchants.restrict_to_shops(pages, request.user)
    return pages


@hooks.register("before_move_page")
def check_move_permission(request, page, destination):
    """Wagtail 8.0.1 checks whether the user may move the page there only when the
    move is posted: its confirmation page would show any page's title to anyone in the
    admin (another merchant's offer), and a merchant their shop's."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


# --- What offers add to the floors below (home.extension_points, directory.extension_points)

hooks.register(HOME_PAGE_PANELS, page_context.home_page_panel, order=20)
hooks.register(SHOP_PAGE_PANELS, page_context.shop_page_panel)
hooks.register(SHOPS_WITH_CURRENT_OFFER, shops_with_current_offer)
hooks.register(CURRENT_OFFER_TEXTS, current_offer_texts)
hooks.register(SHOP_PERMISSION_TESTER, ShopPermissionTester)

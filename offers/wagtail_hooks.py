"""The admin for merchants and for the staff who give them access.

Merchants get Wagtail's page permissions on their shop's subtree (offers.merchants);
these hooks trim what Wagtail would still show them (other shops in choosers and the
explorer, menus they cannot use) and forbid what page permissions alone would allow on
the shop itself: deleting it, moving it, changing its slug (its public address)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from directory.models import ShopPage
from offers import merchants, views_admin
from offers.dates import is_current, today
from offers.models import OfferPage


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
    if page.specific_class is OfferPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Reposter pour la semaine prochaine"),
            reverse("offers_repost", args=[page.pk]),
            icon_name="repeat",
            priority=81,
        )


@hooks.register("register_page_header_buttons")
def merchant_page_header_buttons(page, user, view_name=None, next_url=None, **kwargs):
    yield from merchant_page_buttons(page, user, next_url)


class ChangesReportMenuItem(MenuItem):
    def is_shown(self, request):
        return merchants.is_staff_member(request.user)


@hooks.register("register_reports_menu_item")
def merchant_changes_menu_item():
    return ChangesReportMenuItem(
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

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        day = today()
        offers = list(merchants.merchant_offers(self.user, day)[:20])
        return {
            "shops": merchants.merchant_shops(self.user),
            "offers": offers,
            "current_ids": {
                offer.pk
                for offer in offers
                if offer.live and is_current(offer.start_date, offer.end_date, day)
            },
            "csrf_token": parent_context.get("csrf_token") if parent_context else None,
            "request": parent_context.get("request") if parent_context else None,
        }


@hooks.register("construct_homepage_panels")
def merchant_dashboard(request, panels):
    """A merchant's dashboard is their shops and offers, nothing else."""
    if merchants.is_merchant(request.user):
        panels[:] = [MerchantPanel(request.user)]


@hooks.register("construct_explorer_page_queryset")
def merchant_explorer_pages(parent_page, pages, request):
    if merchants.is_merchant(request.user):
        return merchants.restrict_to_shops(pages, request.user)
    return pages


@hooks.register("construct_page_chooser_queryset")
def merchant_chooser_pages(pages, request):
    if merchants.is_merchant(request.user):
        return merchants.restrict_to_shops(pages, request.user)
    return pages


def _is_shop_of_merchant(page, user):
    return page.specific_class is ShopPage and not merchants.is_staff_member(user)


@hooks.register("before_delete_page")
def forbid_deleting_shop(request, page):
    if _is_shop_of_merchant(page, request.user):
        raise PermissionDenied


@hooks.register("before_move_page")
def forbid_moving_shop(request, page, destination):
    if _is_shop_of_merchant(page, request.user):
        raise PermissionDenied


@hooks.register("before_edit_page")
def forbid_shop_slug_change(request, page):
    """A shop's slug is its public address, printed on flyers and shared: only staff
    change it."""
    if (
        request.method == "POST"
        and _is_shop_of_merchant(page, request.user)
        and request.POST.get("slug", page.slug) != page.slug
    ):
        messages.error(
            request, _("Seule l'équipe de la Ville peut changer l'adresse de votre fiche.")
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None

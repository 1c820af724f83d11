"""Thin admin views over offers.merchants: access to a shop, reposting, the report."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request

from directory.models import ShopPage
from offers import merchants
from offers.forms import GrantAccessForm
from offers.models import OfferPage


def _require_staff(user):
    if not merchants.is_staff_member(user):
        raise PermissionDenied


def shop_access(request, shop_id):
    """ "Donner accès au commerçant": the form, and the shop's current merchants."""
    _require_staff(request.user)
    shop = get_object_or_404(ShopPage, pk=shop_id)
    form = GrantAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, _created = merchants.grant_access(
            shop, form.cleaned_data["name"], form.cleaned_data["email"]
        )
        messages.success(
            request,
            _("%(email)s a reçu une invitation pour « %(shop)s ».")
            % {"email": user.email, "shop": shop.title},
        )
        return redirect("offers_shop_access", shop_id=shop.pk)
    return TemplateResponse(
        request,
        "offers/admin/shop_access.html",
        {"shop": shop, "form": form, "merchants": merchants.shop_merchants(shop)},
    )


@require_POST
def withdraw_access(request, shop_id, user_id):
    _require_staff(request.user)
    shop = get_object_or_404(ShopPage, pk=shop_id)
    user = get_object_or_404(get_user_model(), pk=user_id)
    merchants.withdraw_access(shop, user)
    messages.success(
        request,
        _("%(email)s n'a plus accès à « %(shop)s ».") % {"email": user.email, "shop": shop.title},
    )
    return redirect("offers_shop_access", shop_id=shop.pk)


def repost(request, offer_id):
    """GET asks for confirmation (a listing button is a link), POST reposts."""
    offer = get_object_or_404(OfferPage, pk=offer_id)
    shop = offer.get_parent()
    if not (
        offer.permissions_for_user(request.user).can_edit()
        and shop.permissions_for_user(request.user).can_add_subpage()
    ):
        raise PermissionDenied
    if request.method == "POST":
        copy = merchants.repost_next_week(offer, request.user)
        if copy.live:
            message = _("« %(title)s » est publiée du %(start)s au %(end)s.")
        else:
            message = _("« %(title)s » (du %(start)s au %(end)s) attend la validation de l'équipe.")
        messages.success(
            request,
            message
            % {
                "title": copy.title,
                "start": copy.start_date.strftime("%d/%m"),
                "end": copy.end_date.strftime("%d/%m"),
            },
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    return TemplateResponse(request, "offers/admin/repost.html", {"offer": offer})


def merchant_changes_report(request):
    """The last 30 days of merchants' changes, for staff."""
    _require_staff(request.user)
    since = timezone.now() - timedelta(days=30)
    return TemplateResponse(
        request,
        "offers/admin/merchant_changes.html",
        {"entries": merchants.merchant_changes(since)[:500]},
    )

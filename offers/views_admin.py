"""Thin admin views over offers.merchants: access to a shop, publishing and reposting
from the dashboard, the report."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request

from core.clock import today
from directory.merchant_hours import HoursNotConfirmed, confirm_hours
from directory.models import ShopPage
from offers import accounts, merchants, publishing, publishing_messages, reposting
from offers.forms import GrantAccessForm
from offers.models import OfferPage


def _require_staff(user):
    if not merchants.is_staff_member(user):
        raise PermissionDenied


def shop_access(request, shop_id):
    """ "Donner accès au commerçant": the form, and the shop's current merchants. An
    address that is already an account's asks staff to confirm that account first."""
    _require_staff(request.user)
    shop = get_object_or_404(ShopPage, pk=shop_id)
    form = GrantAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, _created = merchants.grant_access(
                shop, data["name"], data["email"], existing_account=data["account"]
            )
        except merchants.AccountNeedsConfirmation as refusal:
            return _confirm_account(request, shop, form, refusal.account)
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


def _confirm_account(request, shop, form, account):
    """The second step: which account the address belongs to, to confirm. When it
    belongs to no account any more (it changed since the first step), the first step
    again, with a word of why."""
    if account is None:
        form = GrantAccessForm(initial={**form.cleaned_data, "account": None})
        messages.warning(
            request,
            _("Cette adresse n'est plus celle du compte affiché. Vérifiez et envoyez à nouveau."),
        )
        return TemplateResponse(
            request,
            "offers/admin/shop_access.html",
            {"shop": shop, "form": form, "merchants": merchants.shop_merchants(shop)},
        )
    confirmation = GrantAccessForm(initial={**form.cleaned_data, "account": account.pk})
    return TemplateResponse(
        request,
        "offers/admin/shop_access_confirm.html",
        {
            "shop": shop,
            "form": confirmation,
            "account": account,
            "account_shops": merchants.merchant_shops(account),
        },
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
    """GET asks for confirmation (a listing button is a link), POST reposts. A second
    repost for the same week (a second tap, a form posted twice) makes no second copy:
    it says so, with a link to the copy."""
    offer = get_object_or_404(OfferPage, pk=offer_id)
    if not offer.permissions_for_user(request.user).can_repost():
        raise PermissionDenied
    day = today()
    if request.method == "POST":
        try:
            copy = reposting.repost_next_week(offer, request.user, day)
        except reposting.AlreadyReposted as refusal:
            publishing_messages.tell_already_reposted(request, refusal.copy)
        else:
            publishing_messages.tell_reposted(request, copy, day)
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    existing = reposting.existing_copy(offer, reposting.repost_week(offer, day))
    return TemplateResponse(
        request, "offers/admin/repost.html", {"offer": offer, "existing_copy": existing}
    )


@require_POST
def publish_offer(request, offer_id):
    """The dashboard's "Publier" (or "Soumettre à validation") on a draft: its latest
    version goes online, or to the staff, if it is complete; if not, the editor opens
    with what is missing."""
    offer = get_object_or_404(OfferPage, pk=offer_id)
    try:
        outcome = publishing.publish_latest(offer, request.user)
    except ValidationError:
        messages.warning(
            request,
            _("« %(title)s » n'est pas complète : complétez-la, puis publiez-la.")
            % {"title": offer.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", offer.pk)
    offer.refresh_from_db()
    publishing_messages.tell(request, offer, outcome, today())
    return redirect("wagtailadmin_home")


@require_POST
def hours_confirmed(request, shop_id):
    """ "Mes horaires sont à jour" on the dashboard: today's date as the shop's
    confirmation, for whoever may edit the shop."""
    shop = get_object_or_404(ShopPage, pk=shop_id)
    permissions = shop.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    try:
        confirm_hours(shop, request.user, today(), permissions.can_publish())
    except HoursNotConfirmed as refusal:
        messages.warning(request, str(refusal))
    else:
        shop.refresh_from_db()
        if shop.hours_confirmed_on == today():
            message = _("Merci : les horaires de « %(shop)s » sont confirmés aujourd'hui.")
        else:
            message = _("La confirmation des horaires de « %(shop)s » attend la validation.")
        messages.success(request, message % {"shop": shop.title})
    return redirect("wagtailadmin_home")


def merchant_changes_report(request):
    """The last 30 days of merchants' changes, for staff."""
    _require_staff(request.user)
    since = timezone.now() - timedelta(days=30)
    return TemplateResponse(
        request,
        "offers/admin/merchant_changes.html",
        {"entries": merchants.merchant_changes(since)[:500]},
    )


def confirm_email(request, token):
    """The link of offers.accounts.request_email_change: GET shows what will change,
    POST changes it. Only the account the link was sent for, logged in, may follow it."""
    try:
        new_email = accounts.read_email_change(token, request.user)
        if request.method == "POST":
            accounts.confirm_email_change(token, request.user)
            messages.success(
                request, _("Votre adresse e-mail est maintenant %(email)s.") % {"email": new_email}
            )
            return redirect("wagtailadmin_account")
    except accounts.EmailChangeRefused as refusal:
        return TemplateResponse(
            request,
            "offers/admin/email_change_refused.html",
            {"reason": str(refusal)},
            status=403 if isinstance(refusal, accounts.WrongAccount) else 400,
        )
    return TemplateResponse(
        request, "offers/admin/email_change_confirm.html", {"new_email": new_email}
    )

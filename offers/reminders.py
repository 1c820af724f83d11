"""Weekly reminders to merchants who stopped posting: the site goes stale when they do.

A merchant is reminded when one of their shops has no current offer that residents can
see (offers.current: an offer staff hid behind a view restriction shows nowhere, so it
does not count) and nothing was posted in their shops for 14 days; never twice within
7 days (ReminderSent), never after opting out (MerchantProfile). The opt-out link
carries a signed user id, so it works without logging in (offers.views_reminders)."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.clock import today
from core.emails import render_text
from core.site_url import absolute_url
from offers import merchants
from offers.current import current_offers
from offers.extension_points import reminder_email_panels
from offers.merchant_models import MerchantProfile, ReminderSent
from offers.models import OfferPage

QUIET_PERIOD = timedelta(days=14)
REMINDER_INTERVAL = timedelta(days=7)
OPT_OUT_SALT = "offers.reminders.opt-out"


@dataclass
class Reminder:
    user: object
    shops: list  # the merchant's shops without a current offer


def opt_out_token(user):
    return signing.dumps(user.pk, salt=OPT_OUT_SALT)


def user_for_opt_out_token(token):
    """The user the token was made for, or None if it was tampered with."""
    try:
        user_id = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def has_opted_out(user):
    return MerchantProfile.objects.filter(user=user, reminders_opt_out=True).exists()


def opt_out(user):
    MerchantProfile.objects.update_or_create(user=user, defaults={"reminders_opt_out": True})


def reminders_due(now):
    """Who should be reminded at `now`, and about which shops."""
    day = today(now)
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__shop_access__isnull=False)
        .exclude(merchant_profile__reminders_opt_out=True)
        .exclude(merchant_reminders__sent_at__gt=now - REMINDER_INTERVAL)
        .distinct()
        .order_by("pk")
    )
    due = []
    for user in users:
        if merchants.is_staff_member(user):
            continue
        shops = list(merchants.merchant_shops(user))
        with_offer = set(
            current_offers(day, merchants.merchant_shops(user)).values_list("shop_id", flat=True)
        )
        waiting = [shop for shop in shops if shop.pk not in with_offer]
        if not waiting:
            continue
        recent = OfferPage.objects.filter(first_published_at__gt=now - QUIET_PERIOD)
        if any(recent.descendant_of(shop).exists() for shop in shops):
            continue
        due.append(Reminder(user, waiting))
    return due


def reminder_links(shop):
    """The shop's one-click links: a new offer, and reposting its latest one."""
    latest = OfferPage.objects.child_of(shop).order_by("-end_date", "-pk").first()
    return {
        "shop": shop,
        "add_url": absolute_url(
            reverse("wagtailadmin_pages:add", args=["offers", "offerpage", shop.pk])
        ),
        "latest": latest,
        "repost_url": absolute_url(reverse("offers_repost", args=[latest.pk])) if latest else None,
    }


def send_reminder(reminder, now):
    user = reminder.user
    context = {
        "user": user,
        "shops": [reminder_links(shop) for shop in reminder.shops],
        "opt_out_url": absolute_url(
            reverse("offers_reminders_opt_out", args=[opt_out_token(user)])
        ),
        # What the site brought them lately (insights' figures): a reason to post again.
        "panels": reminder_email_panels(user, merchants.merchant_shops(user), today(now)),
    }
    send_mail(
        _("Une offre cette semaine ?"),
        render_text("offers/admin/reminder_email.txt", context),
        None,
        [user.email],
    )
    ReminderSent.objects.create(user=user, sent_at=now)


def send_reminders(now=None):
    """Send the reminders due at `now`; returns how many were sent."""
    now = now or timezone.now()
    due = reminders_due(now)
    for reminder in due:
        send_reminder(reminder, now)
    return len(due)

"""Weekly reminders to merchants without a current offer who posted nothing lately."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from offers import reminders
from offers.dates import today
from offers.merchant_models import MerchantProfile, ReminderSent
from offers.models import OfferPage
from tests.offers.merchant_fixtures import merchant_a_fixture, merchant_b_fixture  # noqa: F401


def age_offers(shop, days):
    """Make the shop's offers look posted `days` ago and ended yesterday."""
    when = timezone.now() - timedelta(days=days)
    offers = OfferPage.objects.child_of(shop)
    offers.update(start_date=today() - timedelta(days=days), end_date=today() - timedelta(days=1))
    Page.objects.filter(pk__in=offers.values("pk")).update(first_published_at=when)


@pytest.fixture
def quiet_merchant(merchant_a):
    age_offers(merchant_a.shop, 20)
    mail.outbox.clear()
    return merchant_a


@pytest.mark.django_db
def test_merchant_without_current_offer_who_posted_nothing_is_reminded(quiet_merchant):
    assert reminders.send_reminders() == 1
    (message,) = mail.outbox
    assert message.to == [quiet_merchant.user.email]
    add_url = reverse(
        "wagtailadmin_pages:add", args=["offers", "offerpage", quiet_merchant.shop.pk]
    )
    assert f"http://127.0.0.1:8000{add_url}" in message.body
    repost_url = reverse("offers_repost", args=[quiet_merchant.offer.pk])
    assert f"http://127.0.0.1:8000{repost_url}" in message.body


@pytest.mark.django_db
def test_no_reminder_for_a_shop_with_a_current_offer(merchant_a):
    age_offers(merchant_a.shop, 20)
    OfferPage.objects.filter(pk=merchant_a.offer.pk).update(
        start_date=today(), end_date=today() + timedelta(days=2)
    )
    mail.outbox.clear()
    assert reminders.send_reminders() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_reminder_for_a_merchant_who_posted_in_the_last_14_days(merchant_a):
    age_offers(merchant_a.shop, 10)
    mail.outbox.clear()
    assert reminders.send_reminders() == 0


@pytest.mark.django_db
def test_never_reminded_twice_in_7_days(quiet_merchant):
    now = timezone.now()
    assert reminders.send_reminders(now) == 1
    assert reminders.send_reminders(now + timedelta(days=6)) == 0
    assert reminders.send_reminders(now + timedelta(days=7, minutes=1)) == 1
    assert ReminderSent.objects.filter(user=quiet_merchant.user).count() == 2


@pytest.mark.django_db
def test_opt_out_link_works_without_login_and_stops_reminders(client, quiet_merchant):
    reminders.send_reminders()
    link = next(word for word in mail.outbox[0].body.split() if "/rappels/arreter/" in word)
    response = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert MerchantProfile.objects.get(user=quiet_merchant.user).reminders_opt_out
    assert not response.cookies
    ReminderSent.objects.all().delete()
    assert reminders.send_reminders() == 0


@pytest.mark.django_db
def test_tampered_opt_out_link_is_refused(client, quiet_merchant):
    token = reminders.opt_out_token(quiet_merchant.user)
    response = client.get(reverse("offers_reminders_opt_out", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    assert not MerchantProfile.objects.get(user=quiet_merchant.user).reminders_opt_out


@pytest.mark.django_db
def test_command_reports_how_many_were_sent(quiet_merchant, merchant_b):
    age_offers(merchant_b.shop, 30)
    mail.outbox.clear()
    out = io.StringIO()
    call_command("remind_merchants", stdout=out)
    assert out.getvalue().strip() == "2 rappel(s) envoyé(s)."
    assert sorted(message.to[0] for message in mail.outbox) == [
        "marchand-a@example.be",
        "marchand-b@example.be",
    ]

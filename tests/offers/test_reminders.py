"""Weekly reminders to merchants without a current offer who posted nothing lately."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from core.clock import today
from offers import reminders
from offers.merchant_models import ReminderSent
from offers.models import OfferPage


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
    assert f"http://testserver{add_url}" in message.body
    repost_url = reverse("offers_repost", args=[quiet_merchant.offer.pk])
    assert f"http://testserver{repost_url}" in message.body


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
def test_a_shop_whose_only_current_offer_is_hidden_from_the_public_is_reminded(merchant_a):
    """A current offer that staff hid behind a view restriction shows nowhere (feed,
    shop page, cards): the shop has no offer residents can see, which is what the
    e-mail tells its merchant. Before issue 14 the reminder counted it and kept quiet."""
    age_offers(merchant_a.shop, 20)
    OfferPage.objects.filter(pk=merchant_a.offer.pk).update(
        start_date=today(), end_date=today() + timedelta(days=2)
    )
    PageViewRestriction.objects.create(page=merchant_a.offer, restriction_type="login")
    mail.outbox.clear()
    (reminder,) = reminders.reminders_due(timezone.now())
    assert reminder.shops == [merchant_a.shop]


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


def opt_out_link(message):
    link = next(word for word in message.body.split() if "/rappels/arreter/" in word)
    return link.removeprefix("http://testserver")


@pytest.mark.django_db
def test_opening_the_opt_out_link_only_asks_for_confirmation(client, quiet_merchant):
    """Mail scanners open every link of an email: opening it must change nothing."""
    reminders.send_reminders()
    response = client.get(opt_out_link(mail.outbox[0]))
    assert response.status_code == 200
    body = response.content.decode()
    assert quiet_merchant.user.email in body
    assert f'action="{reverse("offers_reminders_opt_out_done")}"' in body
    assert 'method="post"' in body
    assert not response.cookies
    assert not reminders.has_opted_out(quiet_merchant.user)


@pytest.mark.django_db
def test_confirming_the_opt_out_stops_reminders_without_login_or_cookie(quiet_merchant):
    reminders.send_reminders()
    client = Client(enforce_csrf_checks=True)
    form = client.get(opt_out_link(mail.outbox[0])).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', form).group(1)
    response = client.post(reverse("offers_reminders_opt_out_done"), {"token": token})
    assert response.status_code == 200
    assert "Vous ne recevrez plus de rappels" in response.content.decode()
    assert not response.cookies
    assert reminders.has_opted_out(quiet_merchant.user)
    ReminderSent.objects.all().delete()
    assert reminders.send_reminders() == 0


@pytest.mark.django_db
def test_tampered_opt_out_link_is_refused_with_an_explanation(client, quiet_merchant):
    token = reminders.opt_out_token(quiet_merchant.user)[:-2] + "xx"
    for response in (
        client.get(reverse("offers_reminders_opt_out", args=[token])),
        client.post(reverse("offers_reminders_opt_out_done"), {"token": token}),
        client.post(reverse("offers_reminders_opt_out_done")),
    ):
        assert response.status_code == 400
        assert "ne fonctionne pas" in response.content.decode()
    assert not reminders.has_opted_out(quiet_merchant.user)


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

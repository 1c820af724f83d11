"""A merchant's own figures: on their dashboard and in their reminder, only ever their
shops' and their offers', the last 4 weeks against the 4 before."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from core.clock import today
from insights.counting import add_count
from insights.merchant_figures import shop_figures
from offers import merchants, reminders
from offers.models import OfferPage
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return today() - timedelta(days=days)


@pytest.fixture
def counted(merchant_a, merchant_b):
    """Merchant A: 12 recent views (3 before), 2 directions, 5 offer views. Merchant B:
    figures no one else may see (777 views, 555 offer views)."""
    add_count(days_ago(0), merchant_a.shop.pk, "view", amount=7)
    add_count(days_ago(27), merchant_a.shop.pk, "view", amount=5)
    add_count(days_ago(28), merchant_a.shop.pk, "view", amount=3)
    add_count(days_ago(60), merchant_a.shop.pk, "view", amount=100)  # too old for both
    add_count(days_ago(3), merchant_a.shop.pk, "directions", amount=2)
    add_count(days_ago(3), merchant_a.offer.pk, "view", amount=5)
    add_count(days_ago(1), merchant_b.shop.pk, "view", amount=777)
    add_count(days_ago(1), merchant_b.shop.pk, "call", amount=333)
    add_count(days_ago(1), merchant_b.offer.pk, "view", amount=555)
    return merchant_a, merchant_b


def figures_of(entry):
    return {figure.label: (figure.recent, figure.before) for figure in entry.figures}


def test_figures_are_the_last_four_weeks_against_the_four_before(counted):
    merchant_a, _merchant_b = counted
    (entry,) = shop_figures([merchant_a.shop], today())
    figures = figures_of(entry)
    assert figures["Vues de votre fiche"] == (12, 3)
    assert figures["Itinéraire"] == (2, 0)
    assert figures["Appel"] == (0, 0)
    assert figures["Vues de vos offres"] == (5, 0)
    assert (entry.intents.recent, entry.intents.before) == (2, 0)


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_merchants_dashboard_shows_their_figures(client, counted):
    merchant_a, _merchant_b = counted
    page = dashboard(client, merchant_a.user)
    assert "Ce que Vitrine vous apporte" in page
    assert merchant_a.shop.title in page
    assert "<td>12</td>" in page
    # offers' own panel is still there, first.
    assert page.index("Nouvelle offre") < page.index("Ce que Vitrine vous apporte")


def test_a_merchants_panel_never_shows_another_merchants_figures(client, counted):
    merchant_a, merchant_b = counted
    page = dashboard(client, merchant_a.user)
    assert merchant_b.shop.title not in page
    # As figures are shown (the test above): a bare "555" also turns up in tokens and
    # nonces that change at each run.
    for secret in ("777", "555", "333"):
        assert f"<td>{secret}</td>" not in page, secret


def test_an_offer_moved_under_another_shop_counts_for_that_shop_only(client, counted):
    merchant_a, merchant_b = counted
    # Staff move B's offer under A's shop: its views are now A's offer views.
    Page.objects.get(pk=merchant_b.offer.pk).move(merchant_a.shop, pos="last-child")
    (entry,) = shop_figures(merchants.merchant_shops(merchant_a.user), today())
    assert figures_of(entry)["Vues de vos offres"] == (560, 0)
    (entry,) = shop_figures(merchants.merchant_shops(merchant_b.user), today())
    assert figures_of(entry)["Vues de vos offres"] == (0, 0)


def test_a_shop_whose_path_extends_anothers_is_not_mixed_up(counted):
    """A shop's path range holds its children only, not a sibling's."""
    merchant_a, _merchant_b = counted
    neighbour = ShopPageFactory(title="Voisin")
    add_count(days_ago(1), neighbour.pk, "view", amount=40)
    (entry,) = shop_figures([merchant_a.shop], today())
    assert figures_of(entry)["Vues de votre fiche"] == (12, 3)


def test_a_merchant_with_two_shops_sees_both(client, counted):
    merchant_a, _merchant_b = counted
    second = ShopPageFactory(title="Deuxième boutique de A")
    merchants.grant_access(
        second, "Marchand A", merchant_a.user.email, existing_account=merchant_a.user
    )
    add_count(days_ago(2), second.pk, "view", amount=9)
    page = dashboard(client, merchant_a.user)
    assert "Deuxième boutique de A" in page
    assert "<td>9</td>" in page


def test_a_merchant_whose_access_was_withdrawn_sees_no_figures(client, counted):
    merchant_a, _merchant_b = counted
    merchants.withdraw_access(merchant_a.shop, merchant_a.user)
    assert shop_figures(merchants.merchant_shops(merchant_a.user), today()) == []


def test_staff_have_no_merchant_panel(client, counted, staff_user):
    assert "Ce que Vitrine vous apporte" not in dashboard(client, staff_user)


def test_the_reminder_email_includes_the_merchants_figures(counted):
    merchant_a, merchant_b = counted
    offers = OfferPage.objects.child_of(merchant_a.shop) | OfferPage.objects.child_of(
        merchant_b.shop
    )
    offers.update(start_date=days_ago(20), end_date=days_ago(1))
    Page.objects.filter(pk__in=offers.values("pk")).update(
        first_published_at=timezone.now() - timedelta(days=20)
    )
    mail.outbox.clear()
    assert reminders.send_reminders() == 2
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    body = by_recipient[merchant_a.user.email]
    assert "Ce que Vitrine vous a apporté ces 4 dernières semaines" in body
    assert "- Vues de votre fiche : 12 (3)" in body
    assert "- Itinéraire : 2 (0)" in body
    assert "- Vues de vos offres : 5 (0)" in body
    # As figures are written above (a bare "777" may turn up in the signed links).
    assert ": 777 " not in body
    assert "(777)" not in body

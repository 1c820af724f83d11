"""Plain-text e-mails show names as they are written: no HTML entity (« d&#x27;été »)
for an apostrophe, an ampersand or a "<" in a shop, offer or person's name, while the
site's HTML pages keep escaping the same names."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from core.clock import today
from insights.counting import add_count
from offers import accounts, merchants, reminders
from offers.models import OfferPage
from tests.factories import ShopPageFactory
from tests.merchants import make_offer

pytestmark = pytest.mark.django_db

SHOP = "L'Épi d'or & <Fils>"
OFFER = "Pain d'été & <viennoiseries>"
# Any HTML character reference: &#x27; &#39; &amp; &lt; ...
ENTITY = re.compile(r"&(#x?[0-9a-f]+|[a-z]+);", re.IGNORECASE)


def assert_written_as_is(body, *names):
    for name in names:
        assert name in body
    assert not ENTITY.search(body), ENTITY.search(body).group(0)


@pytest.fixture
def shop():
    return ShopPageFactory(title=SHOP)


def test_the_invitation_shows_the_shop_name_as_written(shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        merchants.grant_access(shop, "Léa d'Ath", "lea@example.be")
    (message,) = mail.outbox
    assert_written_as_is(message.body, SHOP, "Bonjour Léa,", "l'identifiant lea@example.be")


@pytest.fixture
def account(shop):
    user, _created = merchants.grant_access(
        shop, "Zoë <d'Ath> & Cie", "zoe@example.be", invite=False
    )
    return user


def test_the_address_confirmation_shows_names_as_written(
    account, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounts.request_email_change(account, "o'neil&co@example.be")
    confirmation = next(
        message for message in mail.outbox if message.to == ["o'neil&co@example.be"]
    )
    assert_written_as_is(confirmation.body, "Bonjour Zoë,", "o'neil&co@example.be")


def test_the_address_change_notice_shows_names_as_written(
    account, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounts.request_email_change(account, "o'neil&co@example.be")
    notice = next(message for message in mail.outbox if message.to == ["zoe@example.be"])
    assert_written_as_is(notice.body, "Bonjour Zoë,", "o'neil&co@example.be", "l'équipe")


def test_the_reminder_and_its_figures_show_shop_and_offer_names_as_written(shop, account):
    offer = make_offer(shop, OFFER)
    OfferPage.objects.filter(pk=offer.pk).update(
        start_date=today() - timedelta(days=20), end_date=today() - timedelta(days=1)
    )
    Page.objects.filter(pk=offer.pk).update(first_published_at=timezone.now() - timedelta(days=20))
    add_count(today(), shop.pk, "view", amount=4)  # the figures panel names the shop too
    assert reminders.send_reminders() == 1
    (message,) = mail.outbox
    assert_written_as_is(message.body, f"Reposter « {OFFER} »", "- Vues de votre fiche : 4")
    assert message.body.count(SHOP) == 2  # the links' heading and the figures'


def test_html_pages_still_escape_the_same_names(client, shop):
    page = client.get(shop.url).content.decode()
    assert "&lt;Fils&gt;" in page
    assert "<Fils>" not in page
    assert html.escape(SHOP) in page

"""A merchant's week: log in, post an offer with a photo in one form, find it on the
public site, then repost it for next week from the dashboard."""

import io
from datetime import timedelta

import pytest
from PIL import Image as PillowImage
from playwright.sync_api import expect

from core.clock import today
from offers import merchants
from offers.models import OfferPage
from tests.factories import HomePageFactory, OffersPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def merchant():
    home = HomePageFactory()
    OffersPageFactory(parent=home, slug="offres")
    shop = ShopPageFactory(title="Boulangerie du Beffroi")
    user, _created = merchants.grant_access(shop, "Marie Dupont", "marie@example.be")
    user.set_password("un-mot-de-passe")
    user.save()
    return user, shop


def photo(tmp_path):
    path = tmp_path / "croissants.png"
    buffer = io.BytesIO()
    PillowImage.new("RGB", (800, 600), "#d68910").save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(autouse=True)
def _no_autosave(settings):
    """Wagtail saves the form by itself half a second after a change; a tap on "Publier"
    can race that save, which the live server's shared in-memory SQLite answers with
    "table is locked" where a real database would make one wait (as in
    test_merchant_publishing). The form saves only when tapped."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


def test_merchant_posts_an_offer_with_a_photo_and_reposts_it(page, merchant, tmp_path):
    user, shop = merchant
    page.goto("/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("un-mot-de-passe")
    page.locator("form button[type=submit]").click()

    page.get_by_role("link", name="Nouvelle offre").click()
    page.locator("#id_title").fill("Deux croissants achetés, un offert")
    page.locator("#id_short_text").fill("Tous les matins jusqu'à dimanche.")
    page.locator("#panel-child-contenu-image-section [data-chooser-action-choose]").click()
    modal = page.locator(".modal-content")
    modal.locator("#tab-label-upload").click()
    modal.locator("input[type=file]").set_input_files(photo(tmp_path))
    modal.locator("#id_image-chooser-upload-description").fill("Croissants du matin")
    modal.get_by_role("button", name="Transférer").click()
    expect(page.locator(".modal-content")).to_be_hidden()
    # A merchant's big button is "Publier" (offers.publishing_hooks).
    page.locator("footer button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("publiée")

    offer = OfferPage.objects.get(title="Deux croissants achetés, un offert")
    assert offer.live
    assert offer.start_date == today()
    assert offer.image is not None
    assert offer.image.collection == shop.merchant_access.collection

    page.goto(offer.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Deux croissants")
    page.goto("/offres/")
    expect(page.get_by_text("Deux croissants achetés, un offert").first).to_be_visible()
    page.goto(shop.url)
    expect(page.get_by_text("Deux croissants achetés, un offert").first).to_be_visible()

    page.goto("/admin/")
    page.get_by_role("button", name="Reposter « Deux croissants achetés, un offert »").click()
    expect(page.locator(".messages")).to_contain_text("est publiée")
    copies = OfferPage.objects.filter(title=offer.title).exclude(pk=offer.pk)
    assert [copy.start_date for copy in copies] == [offer.start_date + timedelta(weeks=1)]
    assert copies[0].live

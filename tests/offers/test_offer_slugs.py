"""Slugs are never the merchant's problem: an offer's slug is made from its title,
numbered when another offer of the shop has it, on creation and on repost; a merchant
neither sees nor sets it (not even by a crafted POST), and never gets a slug error.
Staff keep the field and Wagtail's check."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from offers import reposting
from offers.models import OfferPage
from offers.slugs import free_slug, offer_slug, slug_base
from tests.merchants import make_offer

pytestmark = pytest.mark.django_db


def add_url(shop):
    return reverse("wagtailadmin_pages:add", args=["offers", "offerpage", shop.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


PUBLISH = {"action-publish": "action-publish"}


def form_data(client, url, fields):
    """What the form at `url` posts as rendered for the client, with `fields` typed in."""
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(fields)
    return data


def post_offer(client, shop, title, **fields):
    """Someone fills in the new-offer form with `title` and taps "Publier"."""
    fields = {"title": title, "short_text": "Tous les matins.", **PUBLISH, **fields}
    return client.post(add_url(shop), form_data(client, add_url(shop), fields))


# --- The slug a title gives -------------------------------------------------------


def test_slug_base_is_the_title_in_ascii():
    assert slug_base("Croissants 2+1 ce week-end !") == "croissants-21-ce-week-end"
    assert slug_base("Pâtisserie d'été à -20 %") == "patisserie-dete-a-20"
    assert slug_base("日本茶") == "ribencha"


def test_slug_base_of_a_title_without_letters_or_digits_is_offre():
    assert slug_base("!!! ???") == "offre"
    assert slug_base("") == "offre"


def test_slug_base_leaves_room_for_a_number():
    assert len(slug_base("a" * 255)) == 200


def test_free_slug_numbers_from_two():
    assert free_slug("croissants", set()) == "croissants"
    assert free_slug("croissants", {"croissants"}) == "croissants-2"
    assert free_slug("croissants", {"croissants", "croissants-2"}) == "croissants-3"


def test_offer_slug_skips_the_slugs_of_the_shops_other_offers(merchant_a):
    make_offer(merchant_a.shop, "Croissants", slug="croissants")
    make_offer(merchant_a.shop, "Croissants bis", slug="croissants-2")
    assert offer_slug("Croissants", merchant_a.shop) == "croissants-3"


def test_offer_slug_keeps_the_offers_own_slug(merchant_a):
    offer = make_offer(merchant_a.shop, "Croissants", slug="croissants")
    assert offer_slug("Croissants", merchant_a.shop, offer) == "croissants"


def test_offer_slug_ignores_another_shops_offers(merchant_a, merchant_b):
    make_offer(merchant_b.shop, "Croissants", slug="croissants")
    assert offer_slug("Croissants", merchant_a.shop) == "croissants"


# --- Merchants --------------------------------------------------------------------


def test_merchants_offer_form_has_no_slug_field(client, merchant_a):
    client.force_login(merchant_a.user)
    for url in (add_url(merchant_a.shop), edit_url(merchant_a.offer)):
        assert 'name="slug"' not in client.get(url).content.decode(), url


def test_merchants_new_offer_gets_its_slug_from_its_title(client, merchant_a):
    client.force_login(merchant_a.user)
    response = post_offer(client, merchant_a.shop, "Pâtisserie d'été")
    assert response.status_code == 302
    offer = OfferPage.objects.get(title="Pâtisserie d'été")
    assert (offer.slug, offer.live) == ("patisserie-dete", True)


def test_merchant_publishes_an_offer_whose_title_was_used_before(client, merchant_a):
    make_offer(merchant_a.shop, "Croissants 2+1 ce week-end", slug="croissants-21-ce-week-end")
    make_offer(merchant_a.shop, "Autre", slug="croissants-21-ce-week-end-2")
    client.force_login(merchant_a.user)
    response = post_offer(client, merchant_a.shop, "Croissants 2+1 ce week-end")
    assert response.status_code == 302
    assert "slug" not in response.content.decode()
    offers = OfferPage.objects.child_of(merchant_a.shop).filter(title="Croissants 2+1 ce week-end")
    assert sorted(offers.values_list("slug", "live")) == [
        ("croissants-21-ce-week-end", True),
        ("croissants-21-ce-week-end-3", True),
    ]


def test_merchant_saves_a_draft_whose_title_was_used_before(client, merchant_a):
    make_offer(merchant_a.shop, "Croissants", slug="croissants")
    client.force_login(merchant_a.user)
    data = form_data(
        client, add_url(merchant_a.shop), {"title": "Croissants", "short_text": "Encore."}
    )
    assert client.post(add_url(merchant_a.shop), data).status_code == 302
    draft = OfferPage.objects.get(title="Croissants", live=False)
    assert draft.slug == "croissants-2"


def test_merchants_crafted_slug_is_ignored(client, merchant_a):
    make_offer(merchant_a.shop, "Déjà là", slug="deja-la")
    client.force_login(merchant_a.user)
    response = post_offer(client, merchant_a.shop, "Nouvelle offre", slug="deja-la")
    assert response.status_code == 302
    assert OfferPage.objects.get(title="Nouvelle offre").slug == "nouvelle-offre"


def test_a_drafts_slug_follows_its_title_until_it_is_published(client, merchant_a):
    client.force_login(merchant_a.user)
    fields = {"title": "Brouillon", "short_text": "Texte."}
    client.post(add_url(merchant_a.shop), form_data(client, add_url(merchant_a.shop), fields))
    draft = OfferPage.objects.get(title="Brouillon")
    data = form_data(client, edit_url(draft), {"title": "Soldes d'hiver", **PUBLISH})
    assert client.post(edit_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.slug, draft.live) == ("soldes-dhiver", True)


def test_a_published_offer_keeps_its_address_when_its_title_changes(client, merchant_a):
    client.force_login(merchant_a.user)
    offer = merchant_a.offer
    slug = offer.slug
    data = form_data(client, edit_url(offer), {"title": "Un autre titre", **PUBLISH})
    assert client.post(edit_url(offer), data).status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.slug) == ("Un autre titre", slug)


def test_a_repost_gets_the_titles_slug_numbered(merchant_a):
    make_offer(merchant_a.shop, "Croissants", slug="croissants")
    copy = reposting.repost_next_week(OfferPage.objects.get(slug="croissants"), merchant_a.user)
    assert copy.slug == "croissants-2"


# --- Staff ------------------------------------------------------------------------


def test_staff_still_set_an_offers_slug(client, merchant_a, staff_user):
    client.force_login(staff_user)
    assert 'name="slug"' in client.get(add_url(merchant_a.shop)).content.decode()
    response = post_offer(client, merchant_a.shop, "Offre de la ville", slug="choisi-par-la-ville")
    assert response.status_code == 302
    assert OfferPage.objects.get(title="Offre de la ville").slug == "choisi-par-la-ville"


def test_staff_still_get_wagtails_error_for_a_slug_taken(client, merchant_a, staff_user):
    make_offer(merchant_a.shop, "Déjà là", slug="deja-la")
    client.force_login(staff_user)
    response = post_offer(client, merchant_a.shop, "Autre offre", slug="deja-la")
    assert response.status_code == 200
    assert "deja-la" in response.content.decode()
    assert not OfferPage.objects.filter(title="Autre offre").exists()

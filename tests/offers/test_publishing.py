"""Publishing, for merchants: "Publier" (or "Soumettre" under moderation) is the
editor's big button and "Enregistrer le brouillon" the secondary one; once published
they land on their dashboard with a message linking to the public page; the dashboard
publishes a draft in one tap. Staff keep Wagtail's editor as it was. Another shop's
offer or shop is refused, whatever is posted."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from core.clock import today
from offers import reposting
from offers.dashboard import merchant_dashboard
from offers.models import OfferPage
from tests.merchants import make_offer, set_moderation

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


def add_url(shop):
    return reverse("wagtailadmin_pages:add", args=["offers", "offerpage", shop.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_data(client, url, fields):
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(fields)
    return data


def big_button(client, url):
    """The name of the editor's big button: the first of its action menu (the save
    button has no name: it is the form's plain submission)."""
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.select("footer button[type=submit]")[0].get("name") or "save"


def new_offer(shop, client, title, action):
    fields = {"title": title, "short_text": "Deux pour le prix d'un.", **action}
    return client.post(add_url(shop), form_data(client, add_url(shop), fields))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The editor's buttons ---------------------------------------------------------


def test_merchants_big_button_is_publish_on_their_offers_and_shop(client, merchant_a):
    client.force_login(merchant_a.user)
    for url in (add_url(merchant_a.shop), edit_url(merchant_a.offer), edit_url(merchant_a.shop)):
        assert big_button(client, url) == "action-publish", url


def test_merchants_save_draft_is_still_there_under_the_arrow(client, merchant_a):
    client.force_login(merchant_a.user)
    html = client.get(add_url(merchant_a.shop)).content.decode()
    assert "Enregistrer le brouillon" in html


def test_under_moderation_merchants_big_button_submits(client, merchant_a):
    set_moderation(True)
    client.force_login(merchant_a.user)
    for url in (add_url(merchant_a.shop), edit_url(merchant_a.offer)):
        assert big_button(client, url) == "action-submit", url


def test_staff_keep_save_draft_as_the_big_button(client, merchant_a, staff_user):
    client.force_login(staff_user)
    for url in (add_url(merchant_a.shop), edit_url(merchant_a.offer)):
        assert big_button(client, url) == "save", url


# --- After publishing ---------------------------------------------------------------


def test_merchant_lands_on_the_dashboard_with_a_link_to_the_offer(client, merchant_a):
    client.force_login(merchant_a.user)
    response = new_offer(merchant_a.shop, client, "Pains au chocolat", PUBLISH)
    assert response.url == reverse("wagtailadmin_home")
    offer = OfferPage.objects.get(title="Pains au chocolat")
    assert offer.live
    (message,) = messages_of(response)
    assert "Votre offre « Pains au chocolat » est publiée : en ligne jusqu" in message
    assert f'href="{offer.url}"' in message


def test_merchant_lands_on_the_dashboard_after_publishing_their_shop(client, merchant_a):
    client.force_login(merchant_a.user)
    data = form_data(client, edit_url(merchant_a.shop), PUBLISH)
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.url == reverse("wagtailadmin_home")
    (message,) = messages_of(response)
    assert "« Commerce A » est à jour sur le site." in message
    assert f'href="{merchant_a.shop.url}"' in message


def test_under_moderation_merchant_lands_on_the_dashboard_once_submitted(client, merchant_a):
    set_moderation(True)
    client.force_login(merchant_a.user)
    response = new_offer(merchant_a.shop, client, "À valider", SUBMIT)
    assert response.url == reverse("wagtailadmin_home")
    offer = OfferPage.objects.get(title="À valider")
    assert (offer.live, offer.workflow_in_progress) == (False, True)


def test_merchants_draft_stays_in_the_editor(client, merchant_a):
    client.force_login(merchant_a.user)
    response = new_offer(merchant_a.shop, client, "Pas fini", {})
    draft = OfferPage.objects.get(title="Pas fini")
    assert response.url.startswith(edit_url(draft))
    assert not draft.live


def test_staff_still_go_to_the_explorer_after_publishing(client, merchant_a, staff_user):
    client.force_login(staff_user)
    fields = {"slug": "offre-de-la-ville", **PUBLISH}
    response = new_offer(merchant_a.shop, client, "Offre de la ville", fields)
    assert response.url == reverse("wagtailadmin_explore", args=[merchant_a.shop.pk])


def test_merchant_cannot_publish_an_offer_into_another_shop(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    fields = {"title": "Intrusion", "short_text": "Chez B.", **PUBLISH}
    data = form_data(client, add_url(merchant_a.shop), fields)
    response = client.post(add_url(merchant_b.shop), data)
    assert response.status_code == 403
    assert not OfferPage.objects.filter(title="Intrusion").exists()


# --- "Publier" on the dashboard ---------------------------------------------------


def draft_of(merchant, client, title="Brouillon du matin"):
    new_offer(merchant.shop, client, title, {})
    return OfferPage.objects.get(title=title)


def test_dashboard_publishes_a_draft_in_one_tap(client, merchant_a):
    client.force_login(merchant_a.user)
    draft = draft_of(merchant_a, client)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("offers_publish", args=[draft.pk]) in dashboard
    assert "Brouillon : pas encore visible" in dashboard
    response = client.post(reverse("offers_publish", args=[draft.pk]))
    assert response.url == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert draft.live
    assert f'href="{draft.url}"' in messages_of(response)[-1]


def test_dashboard_under_moderation_submits_a_draft(client, merchant_a):
    client.force_login(merchant_a.user)
    draft = draft_of(merchant_a, client)
    set_moderation(True)
    client.force_login(type(merchant_a.user).objects.get(pk=merchant_a.user.pk))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Soumettre à validation" in dashboard
    client.post(reverse("offers_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert (draft.live, draft.workflow_in_progress) == (False, True)


def test_dashboard_sends_an_incomplete_draft_to_the_editor(client, merchant_a):
    client.force_login(merchant_a.user)
    fields = {"title": "Sans texte", "short_text": ""}
    client.post(add_url(merchant_a.shop), form_data(client, add_url(merchant_a.shop), fields))
    draft = OfferPage.objects.get(title="Sans texte")
    response = client.post(reverse("offers_publish", args=[draft.pk]))
    assert response.url == edit_url(draft)
    assert "n'est pas complète" in messages_of(response)[-1]
    draft.refresh_from_db()
    assert not draft.live


def test_merchant_cannot_publish_another_shops_draft(client, merchant_a, merchant_b):
    client.force_login(merchant_b.user)
    draft = draft_of(merchant_b, client, "Brouillon secret B")
    client.force_login(merchant_a.user)
    response = client.post(reverse("offers_publish", args=[draft.pk]))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert not draft.live


def test_dashboard_publish_is_a_post(client, merchant_a):
    client.force_login(merchant_a.user)
    draft = draft_of(merchant_a, client)
    assert client.get(reverse("offers_publish", args=[draft.pk])).status_code == 405
    draft.refresh_from_db()
    assert not draft.live


# --- The dashboard's cost ---------------------------------------------------------


def dashboard_queries(user):
    """Queries of the dashboard for a fresh copy of `user` (Wagtail caches a user's
    page permissions on the object), the site's root paths in the cache (a publish
    drops them)."""
    merchant_dashboard(type(user).objects.get(pk=user.pk), today())
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        merchant_dashboard(user, today())
    return len(queries)


def test_dashboard_queries_do_not_grow_with_offers(merchant_a):
    make_offer(merchant_a.shop, "Deuxième")
    reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    few = dashboard_queries(merchant_a.user)
    for number in range(5):
        offer = make_offer(merchant_a.shop, f"Offre {number}")
        reposting.repost_next_week(offer, merchant_a.user)
    assert dashboard_queries(merchant_a.user) == few

"""A lock on an offer holds for its merchant: staff lock an offer (a complaint, a check
under way), and until it is unlocked the merchant can neither change it nor take it
down, through any admin view or bulk action, by button or by crafted request."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from offers import merchants
from offers.models import OfferPage

HOME = reverse("wagtailadmin_home")


@pytest.fixture
def locked_offer(merchant_a, staff_user):
    """Merchant A's live offer, locked by a member of the staff."""
    offer = merchant_a.offer
    offer.locked, offer.locked_by, offer.locked_at = True, staff_user, timezone.now()
    offer.save()
    return offer


@pytest.fixture
def merchant_client(client, merchant_a):
    client.force_login(merchant_a.user)
    return client


def assert_refused(response):
    # Wagtail's admin answers a refusal by sending the user back to the dashboard.
    assert (response.status_code, response.url) == (302, HOME)


def bulk_url(action, page):
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={page.pk}"


def test_the_merchant_cannot_delete_a_locked_offer(merchant_client, locked_offer):
    url = reverse("wagtailadmin_pages:delete", args=[locked_offer.pk])
    assert_refused(merchant_client.get(url))
    assert_refused(merchant_client.post(url))
    assert OfferPage.objects.filter(pk=locked_offer.pk).exists()


def test_the_merchant_cannot_unpublish_a_locked_offer(merchant_client, locked_offer):
    url = reverse("wagtailadmin_pages:unpublish", args=[locked_offer.pk])
    assert_refused(merchant_client.get(url))
    assert_refused(merchant_client.post(url))
    assert OfferPage.objects.get(pk=locked_offer.pk).live


def test_the_merchant_cannot_repost_a_locked_offer(merchant_client, locked_offer):
    url = reverse("offers_repost", args=[locked_offer.pk])
    offers_before = OfferPage.objects.count()
    assert_refused(merchant_client.get(url))
    assert_refused(merchant_client.post(url))
    assert OfferPage.objects.count() == offers_before


def test_the_merchant_cannot_copy_or_move_a_locked_offer(merchant_client, locked_offer):
    shop = locked_offer.get_parent()
    for url in [
        reverse("wagtailadmin_pages:copy", args=[locked_offer.pk]),
        reverse("wagtailadmin_pages:move", args=[locked_offer.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[locked_offer.pk, shop.pk]),
    ]:
        assert_refused(merchant_client.get(url))
        assert_refused(merchant_client.post(url, {"new_title": "Copie", "new_slug": "copie"}))
    assert OfferPage.objects.filter(title="Copie").count() == 0


def test_the_merchant_cannot_save_or_publish_an_edit_of_a_locked_offer(
    merchant_client, locked_offer
):
    url = reverse("wagtailadmin_pages:edit", args=[locked_offer.pk])
    data = querydict_from_html(merchant_client.get(url).content.decode(), form_id="page-edit-form")
    revisions_before = locked_offer.revisions.count()
    for action in ({}, {"action-publish": "action-publish"}):
        merchant_client.post(url, {**data.dict(), "title": "Offre modifiée", **action})
    locked_offer.refresh_from_db()
    assert locked_offer.title == "Offre secrète A"
    assert locked_offer.revisions.count() == revisions_before


@pytest.mark.parametrize("action", ["delete", "unpublish", "publish", "move"])
def test_the_merchants_bulk_actions_leave_a_locked_offer_alone(
    merchant_client, locked_offer, action
):
    url = bulk_url(action, locked_offer)
    confirmation = merchant_client.get(url)
    assert confirmation.status_code in (200, 302, 403)
    if confirmation.status_code == 200:
        # Listed, if at all, among the pages the user may not act on.
        assert [item["item"].pk for item in confirmation.context["items"]] == []
    merchant_client.post(url, {"move_applicable": "on", "chooser": locked_offer.get_parent().pk})
    offer = Page.objects.filter(pk=locked_offer.pk).first()
    assert offer is not None
    assert offer.live
    assert offer.get_parent().pk == locked_offer.get_parent().pk
    assert offer.specific.latest_revision_id == locked_offer.latest_revision_id


def test_a_locked_offer_shows_its_merchant_no_way_to_take_it_down_or_repost_it(
    merchant_client, merchant_a, locked_offer
):
    listing = reverse("wagtailadmin_explore", args=[merchant_a.shop.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[locked_offer.pk])
    for page in (merchant_client.get(listing), merchant_client.get(edit)):
        html = page.content.decode()
        assert page.status_code == 200
        assert reverse("wagtailadmin_pages:delete", args=[locked_offer.pk]) not in html
        assert reverse("wagtailadmin_pages:unpublish", args=[locked_offer.pk]) not in html
        assert reverse("offers_repost", args=[locked_offer.pk]) not in html


def test_once_unlocked_the_merchant_takes_the_offer_down_again(merchant_client, locked_offer):
    locked_offer.locked = False
    locked_offer.save()
    response = merchant_client.post(reverse("wagtailadmin_pages:delete", args=[locked_offer.pk]))
    assert response.status_code == 302
    assert not OfferPage.objects.filter(pk=locked_offer.pk).exists()


def test_the_staff_member_holding_the_lock_still_deletes_the_offer(
    client, staff_user, locked_offer
):
    client.force_login(staff_user)
    client.post(reverse("wagtailadmin_pages:delete", args=[locked_offer.pk]))
    assert not OfferPage.objects.filter(pk=locked_offer.pk).exists()


def test_another_staff_member_deletes_a_locked_offer_only_once_it_is_unlocked(
    locked_offer, django_user_model
):
    colleague = django_user_model.objects.create_user("collegue", email="c@ville.example")
    colleague.groups.add(Group.objects.get(name=merchants.STAFF_GROUP))
    assert not locked_offer.permissions_for_user(colleague).can_delete()
    locked_offer.locked = False
    locked_offer.save()
    assert locked_offer.permissions_for_user(colleague).can_delete()

"""What a merchant's admin lets them do and shows them: they take their own offers down
even under moderation, their shop has no delete, move, copy or unpublish action and no
slug field, there is no workflow to submit to while moderation is off, and the
dashboard is their shops and offers."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from core.clock import today
from offers import merchants, reposting
from offers.dashboard import merchant_dashboard
from offers.models import OfferPage
from offers.offer_states import OfferState
from tests.factories import ShopPageFactory
from tests.merchants import make_offer, set_moderation

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user without the page permissions Wagtail cached on the object."""
    return get_user_model().objects.get(pk=user.pk)


def edit_page(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


def edit_form_data(client, page):
    """What the page's edit form would post (its fields, not its buttons), as the admin
    renders it for the client."""
    return querydict_from_html(edit_page(client, page), form_id="page-edit-form")


def shop_action_urls(shop):
    return [
        reverse("wagtailadmin_pages:delete", args=[shop.pk]),
        reverse("wagtailadmin_pages:move", args=[shop.pk]),
        reverse("wagtailadmin_pages:copy", args=[shop.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[shop.pk]),
        reverse("wagtailadmin_explore", args=[shop.pk]) + "?ordering=ord",
    ]


# --- Taking an offer down, moderation on ------------------------------------------


def test_moderation_on_merchant_unpublishes_their_live_offer(client, merchant_a):
    set_moderation(True)
    client.force_login(merchant_a.user)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[merchant_a.offer.pk]))
    assert response.status_code == 302
    merchant_a.offer.refresh_from_db()
    assert not merchant_a.offer.live


def test_moderation_on_merchant_deletes_their_live_offer(client, merchant_a):
    set_moderation(True)
    client.force_login(merchant_a.user)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[merchant_a.offer.pk]))
    assert response.status_code == 302
    assert not OfferPage.objects.filter(pk=merchant_a.offer.pk).exists()


def test_moderation_on_merchant_edits_still_wait_for_staff(client, merchant_a):
    set_moderation(True)
    client.force_login(merchant_a.user)
    html = edit_page(client, merchant_a.offer)
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    data = querydict_from_html(html, form_id="page-edit-form")
    data["title"] = "Titre changé"
    data["action-publish"] = "action-publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[merchant_a.offer.pk]), data)
    merchant_a.offer.refresh_from_db()
    assert merchant_a.offer.title == "Offre secrète A"
    assert merchant_a.offer.live


@pytest.mark.parametrize("moderation", [False, True])
def test_merchant_takes_down_neither_another_shops_offer_nor_their_own_shop(
    client, merchant_a, merchant_b, moderation
):
    set_moderation(moderation)
    client.force_login(merchant_a.user)
    # Another shop's page is refused outright (offers.admin_access); their own shop by
    # Wagtail, which sends them back to the dashboard.
    home = reverse("wagtailadmin_home")
    for page, refusal in ((merchant_b.offer, (403, None)), (merchant_a.shop, (302, home))):
        for url in (
            reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
            reverse("wagtailadmin_pages:delete", args=[page.pk]),
        ):
            response = client.post(url)
            assert (response.status_code, getattr(response, "url", None)) == refusal
    assert Page.objects.live().filter(pk__in=[merchant_b.offer.pk, merchant_a.shop.pk]).count() == 2


def test_staff_still_delete_move_copy_and_unpublish_a_shop(merchant_a, staff_user):
    permissions = merchant_a.shop.permissions_for_user(staff_user)
    assert permissions.can_delete()
    assert permissions.can_move()
    assert permissions.can_copy()
    assert permissions.can_unpublish()


# --- What the admin shows a merchant ----------------------------------------------


def test_merchant_is_shown_no_delete_move_copy_or_unpublish_for_their_shop(
    client, merchant_a, staff_user
):
    merchant_a.offer.delete()  # a shop without children could be deleted
    pages = [
        reverse("wagtailadmin_explore", args=[merchant_a.shop.get_parent().pk]),
        reverse("wagtailadmin_explore", args=[merchant_a.shop.pk]),
        reverse("wagtailadmin_pages:edit", args=[merchant_a.shop.pk]),
    ]
    client.force_login(merchant_a.user)
    for page in pages:
        html = client.get(page).content.decode()
        for url in shop_action_urls(merchant_a.shop):
            assert url not in html, (page, url)
    client.force_login(staff_user)
    html = client.get(reverse("wagtailadmin_explore", args=[merchant_a.shop.pk])).content.decode()
    for url in shop_action_urls(merchant_a.shop):
        assert url in html, url


def test_moderation_on_merchant_is_shown_unpublish_and_delete_for_their_offer(client, merchant_a):
    set_moderation(True)
    client.force_login(merchant_a.user)
    html = client.get(reverse("wagtailadmin_explore", args=[merchant_a.shop.pk])).content.decode()
    assert reverse("wagtailadmin_pages:unpublish", args=[merchant_a.offer.pk]) in html
    assert reverse("wagtailadmin_pages:delete", args=[merchant_a.offer.pk]) in html


def test_shop_form_has_no_slug_or_reference_for_merchants_only(client, merchant_a, staff_user):
    client.force_login(merchant_a.user)
    merchant_form = edit_form_data(client, merchant_a.shop)
    assert "slug" not in merchant_form
    assert "reference" not in merchant_form
    assert "title" in merchant_form
    client.force_login(staff_user)
    staff_form = edit_form_data(client, merchant_a.shop)
    assert staff_form["slug"] == "commerce-a"
    assert "reference" in staff_form


def test_merchant_can_set_no_expiry_date_on_their_shop(client, merchant_a, staff_user):
    client.force_login(merchant_a.user)
    data = edit_form_data(client, merchant_a.shop)
    assert "expire_at" not in data
    data["expire_at"] = "2030-01-01 10:00"
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[merchant_a.shop.pk]), data)
    assert response.status_code == 302
    merchant_a.shop.refresh_from_db()
    assert merchant_a.shop.expire_at is None
    client.force_login(staff_user)
    assert "expire_at" in edit_form_data(client, merchant_a.shop)


def test_merchant_posting_a_slug_changes_nothing_but_the_rest_is_saved(client, merchant_a):
    client.force_login(merchant_a.user)
    data = edit_form_data(client, merchant_a.shop)
    data["slug"] = "nouvelle-adresse"
    data["short_description"] = "Nouvelle description."
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[merchant_a.shop.pk]), data)
    assert response.status_code == 302
    merchant_a.shop.refresh_from_db()
    assert (merchant_a.shop.slug, merchant_a.shop.short_description) == (
        "commerce-a",
        "Nouvelle description.",
    )


@pytest.mark.parametrize("moderation", [False, True])
def test_submit_to_the_workflow_is_offered_only_while_moderation_is_on(
    client, merchant_a, staff_user, moderation
):
    set_moderation(moderation)
    add_offer = reverse("wagtailadmin_pages:add", args=["offers", "offerpage", merchant_a.shop.pk])
    edit_offer = reverse("wagtailadmin_pages:edit", args=[merchant_a.offer.pk])
    for user in (merchant_a.user, staff_user):
        client.force_login(user)
        for url in (add_offer, edit_offer):
            html = client.get(url).content.decode()
            assert ('name="action-submit"' in html) is moderation, (user, url)


# --- The dashboard ----------------------------------------------------------------


def test_dashboard_lists_each_shop_with_its_own_offers_and_no_site_summary(
    client, merchant_a, staff_user
):
    second = ShopPageFactory(title="Second commerce A")
    merchants.grant_access(
        second, "Marchand A", merchant_a.user.email, invite=False, existing_account=merchant_a.user
    )
    make_offer(second, "Offre du second")
    client.force_login(merchant_a.user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    first_section, second_section = html.split('aria-labelledby="merchant-shop-')[1:]
    assert "Offre secrète A" in first_section
    assert "Offre du second" not in first_section
    assert "Offre du second" in second_section
    for shop in (merchant_a.shop, second):
        assert reverse("wagtailadmin_pages:add", args=["offers", "offerpage", shop.pk]) in html
    assert "w-summary" not in html
    client.force_login(staff_user)
    assert "w-summary" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_dashboard_tells_each_offers_state(merchant_a):
    day = today()
    make_offer(
        merchant_a.shop,
        "Ancienne",
        start_date=day - timedelta(days=10),
        end_date=day - timedelta(days=3),
    )
    make_offer(
        merchant_a.shop,
        "Prochaine",
        start_date=day + timedelta(days=2),
        end_date=day + timedelta(days=5),
    )
    set_moderation(True)
    reposting.repost_next_week(merchant_a.offer, fresh(merchant_a.user), day)
    (shop,) = merchant_dashboard(merchant_a.user, day)
    assert [(entry.offer.title, entry.status.state) for entry in shop.offers] == [
        ("Offre secrète A", OfferState.AWAITING_VALIDATION),  # the copy, a week on
        ("Prochaine", OfferState.SCHEDULED),
        ("Offre secrète A", OfferState.LIVE),
        ("Ancienne", OfferState.ENDED),
    ]

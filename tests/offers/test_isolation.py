"""A merchant sees and touches only their own shop: every admin address about another
merchant's shop, offers, images and collection is refused with a 403 (or a 404), and
never shows its content. (test_admin_allowlist walks every admin URL the same way.)"""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from offers import merchants
from offers.models import OfferPage
from tests.factories import ShopPageFactory


def page_urls(page, revision_id):
    return [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision_id]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision_id]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_pages:move", args=[page.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, page.get_parent().pk]),
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_explore", args=[page.pk]),
        reverse("wagtailadmin_choose_page_child", args=[page.pk]),
    ]


def urls_about(merchant):
    urls = []
    for page in (merchant.shop, merchant.offer):
        urls += page_urls(page, page.latest_revision_id)
    urls += [
        reverse("wagtailadmin_pages:add", args=["offers", "offerpage", merchant.shop.pk]),
        reverse("offers_repost", args=[merchant.offer.pk]),
        reverse("wagtailimages:edit", args=[merchant.image.pk]),
        reverse("wagtailimages:delete", args=[merchant.image.pk]),
        reverse("wagtailimages:url_generator", args=[merchant.image.pk]),
        reverse("wagtailimages_chooser:chosen", args=[merchant.image.pk]),
        reverse("wagtailadmin_collections:edit", args=[merchant.collection.pk]),
        reverse("wagtailadmin_collections:delete", args=[merchant.collection.pk]),
        reverse("offers_shop_access", args=[merchant.shop.pk]),
    ]
    return urls


SECRETS_OF_B = ["Commerce B", "Offre secrète B", "Photo secrète B"]


def text_of(response):
    """The response's text; choosers answer JSON whose HTML has its accents escaped."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def assert_refused(response, url):
    # A plain refusal: not Wagtail's redirect to the dashboard (offers.admin_access).
    assert response.status_code in (403, 404), url
    body = text_of(response)
    for secret in SECRETS_OF_B:
        assert secret not in body, (url, secret)


@pytest.mark.django_db
def test_merchant_gets_no_admin_page_about_another_merchants_shop(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    for url in urls_about(merchant_b):
        assert_refused(client.get(url), url)


@pytest.mark.django_db
def test_merchant_cannot_post_to_another_merchants_shop(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    for url in [
        reverse("wagtailadmin_pages:delete", args=[merchant_b.offer.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[merchant_b.offer.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[merchant_b.offer.pk]),
        reverse("offers_repost", args=[merchant_b.offer.pk]),
        reverse("wagtailimages:delete", args=[merchant_b.image.pk]),
    ]:
        assert_refused(client.post(url), url)
    assert OfferPage.objects.live().filter(pk=merchant_b.offer.pk).exists()
    assert OfferPage.objects.child_of(merchant_b.shop).count() == 1


@pytest.mark.django_db
def test_merchant_reaches_their_own_shop_and_offer(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    for page in (merchant_a.shop, merchant_a.offer):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
    response = client.get(reverse("wagtailimages:edit", args=[merchant_a.image.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_merchant_cannot_create_a_shop_or_a_page_outside_their_shop(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    directory = merchant_a.shop.get_parent()
    home = directory.get_parent()
    for parent, app, model in [
        (directory, "directory", "shoppage"),
        (home, "home", "standardpage"),
        (merchant_b.shop, "offers", "offerpage"),
    ]:
        url = reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Intrus"}).status_code == 403, url
    # Within their shop, only offers can be added.
    url = reverse("wagtailadmin_pages:add", args=["directory", "shoppage", merchant_a.shop.pk])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_other_merchants_offers_appear_in_no_listing_search_or_chooser(
    client, merchant_a, merchant_b
):
    client.force_login(merchant_a.user)
    directory = merchant_a.shop.get_parent()
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[directory.pk]),
        reverse("wagtailadmin_explore", args=[merchant_a.shop.pk]),
        reverse("wagtailadmin_pages:search") + "?q=secrète",
        reverse("wagtailadmin_pages:search") + "?q=Offre",
        reverse("wagtailadmin_pages:search_results") + "?q=Offre",
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[directory.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Offre",
        reverse("wagtailadmin_choose_page_search") + "?q=Commerce",
        reverse("wagtailimages:index"),
        reverse("wagtailimages:index") + "?q=secrète",
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:choose_results") + "?q=Photo",
        reverse("wagtailadmin_collections:index"),
    ]:
        response = client.get(url)
        assert response.status_code in (200, 302, 403), url
        body = text_of(response)
        for secret in SECRETS_OF_B:
            assert secret not in body, (url, secret)


@pytest.mark.django_db
def test_merchant_sees_their_own_offer_in_chooser_and_search(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    search = client.get(reverse("wagtailadmin_choose_page_search") + "?q=Offre")
    assert "Offre secrète A" in text_of(search)
    images = client.get(reverse("wagtailimages_chooser:choose"))
    assert "Photo secrète A" in text_of(images)


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_for_every_merchant_admin_page(
    client, merchant_a, merchant_b
):
    login = reverse("wagtailadmin_login")
    for url in urls_about(merchant_b):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(login), url


@pytest.mark.django_db
def test_staff_without_superuser_rights_reach_every_shop(
    client, merchant_a, merchant_b, staff_user
):
    assert not staff_user.is_superuser
    client.force_login(staff_user)
    for merchant in (merchant_a, merchant_b):
        for page in (merchant.shop, merchant.offer):
            for url in page_urls(page, page.latest_revision_id):
                # An offer has no children (for anyone); the preview of the edit form
                # needs the form posted first (the next test).
                if "/edit/preview/" in url or (page is merchant.offer and "add_subpage" in url):
                    continue
                response = client.get(url)
                # The revisions index redirects to the history, "add child" to the one
                # type allowed: both are the page's own, not a refusal.
                assert response.status_code in (200, 302), url
                if response.status_code == 302:
                    assert f"/{page.pk}/" in response.url, url
        for url in [
            reverse("wagtailimages:edit", args=[merchant.image.pk]),
            reverse("offers_shop_access", args=[merchant.shop.pk]),
            reverse("offers_repost", args=[merchant.offer.pk]),
        ]:
            assert client.get(url).status_code == 200, url
    search = client.get(reverse("wagtailadmin_choose_page_search") + "?q=Offre")
    assert "Offre secrète A" in text_of(search)
    assert "Offre secrète B" in text_of(search)


@pytest.mark.django_db
def test_staff_without_superuser_rights_preview_every_shops_pages(
    client, merchant_a, merchant_b, staff_user
):
    client.force_login(staff_user)
    for merchant in (merchant_a, merchant_b):
        for page in (merchant.shop, merchant.offer):
            edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
            data["title"] = f"{page.title} (aperçu)"
            url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
            assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
            preview = client.get(url)
            assert preview.status_code == 200
            assert f"{page.title} (aperçu)" in preview.content.decode()
            revision = page.latest_revision_id
            for url in [
                reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
                reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision]),
            ]:
                response = client.get(url)
                assert response.status_code == 200, url
                assert page.title in response.content.decode(), url


@pytest.mark.django_db
def test_merchant_with_two_shops_sees_only_those_in_the_directory(client, merchant_a, merchant_b):
    second = ShopPageFactory(title="Second commerce A")
    merchants.grant_access(
        second, "Marchand A", merchant_a.user.email, invite=False, existing_account=merchant_a.user
    )
    client.force_login(merchant_a.user)
    directory = merchant_a.shop.get_parent()
    body = client.get(reverse("wagtailadmin_explore", args=[directory.pk])).content.decode()
    assert "Commerce A" in body
    assert "Second commerce A" in body
    for secret in SECRETS_OF_B:
        assert secret not in body

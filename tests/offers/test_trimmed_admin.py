"""A merchant's admin shows them their shop and offers only (issue 16): no promotion tab,
slug, search engines' texts or scheduling on either form, nor from a crafted POST; no
copying or moving an offer (reposting is their copy); no search box or editor guide on
the dashboard; French add buttons. Staff keep all of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from core.clock import today
from offers.models import OfferPage

pytestmark = pytest.mark.django_db

# The fields of Wagtail's "Promotion" tab and scheduling dialog.
STAFF_ONLY_FIELDS = (
    "slug",
    "seo_title",
    "search_description",
    "show_in_menus",
    "go_live_at",
    "expire_at",
)
SCHEDULE_BUTTON = 'data-a11y-dialog-show="schedule-publishing-dialog"'


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_offer_url(shop):
    return reverse("wagtailadmin_pages:add", args=["offers", "offerpage", shop.pk])


def form_data(client, url, form_id):
    return querydict_from_html(page_html(client, url), form_id=form_id)


def crafted(data):
    """`data` with every staff-only field set, as a crafted POST would."""
    data = data.copy()
    data.update(
        {
            "slug": "adresse-choisie",
            "seo_title": "Titre pour Google",
            "search_description": "Description pour Google",
            "show_in_menus": "on",
            "go_live_at": (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
            "expire_at": (timezone.localtime() + timedelta(days=60)).strftime("%Y-%m-%d %H:%M"),
            "action-publish": "action-publish",
        }
    )
    return data


def staff_only_values(page):
    page.refresh_from_db()
    return {name: getattr(page, name) for name in STAFF_ONLY_FIELDS}


def new_offer_data(title):
    return {
        "title": title,
        "short_text": "Un croissant offert.",
        "kind": "promotion",
        "start_date": today().isoformat(),
        "end_date": (today() + timedelta(days=3)).isoformat(),
        "action-publish": "action-publish",
    }


# --- The forms --------------------------------------------------------------------


@pytest.mark.parametrize("form", ["add offer", "edit offer", "edit shop"])
def test_merchant_forms_have_no_promotion_tab_slug_or_scheduling(client, merchant_a, form):
    url = {
        "add offer": add_offer_url(merchant_a.shop),
        "edit offer": edit_url(merchant_a.offer),
        "edit shop": edit_url(merchant_a.shop),
    }[form]
    client.force_login(merchant_a.user)
    html = page_html(client, url)
    form_id = "page-edit-form" if form.startswith("edit") else None
    fields = querydict_from_html(html, form_id=form_id) if form_id else None
    for name in STAFF_ONLY_FIELDS:
        assert f'name="{name}"' not in html, name
        if fields is not None:
            assert name not in fields
    assert SCHEDULE_BUTTON not in html
    for tab in ("promotion", "referencement", "parametres", "reglages"):
        assert f'id="tab-label-{tab}"' not in html, tab


@pytest.mark.parametrize("form", ["add offer", "edit offer", "edit shop"])
def test_staff_forms_keep_promotion_and_scheduling(client, merchant_a, staff_user, form):
    url = {
        "add offer": add_offer_url(merchant_a.shop),
        "edit offer": edit_url(merchant_a.offer),
        "edit shop": edit_url(merchant_a.shop),
    }[form]
    client.force_login(staff_user)
    html = page_html(client, url)
    for name in STAFF_ONLY_FIELDS:
        assert f'name="{name}"' in html, name
    assert SCHEDULE_BUTTON in html
    tab = "referencement" if form == "edit shop" else "promotion"
    assert f'id="tab-label-{tab}"' in html


def test_crafted_post_by_a_merchant_sets_no_staff_only_field_of_their_offer(client, merchant_a):
    before = staff_only_values(merchant_a.offer)
    client.force_login(merchant_a.user)
    data = crafted(form_data(client, edit_url(merchant_a.offer), "page-edit-form"))
    data["title"] = "Titre changé par le commerçant"
    response = client.post(edit_url(merchant_a.offer), data)
    assert response.status_code == 302
    assert staff_only_values(merchant_a.offer) == before
    assert merchant_a.offer.title == "Titre changé par le commerçant"
    assert merchant_a.offer.live


def test_crafted_post_by_a_merchant_sets_no_staff_only_field_of_their_shop(client, merchant_a):
    before = staff_only_values(merchant_a.shop)
    client.force_login(merchant_a.user)
    data = crafted(form_data(client, edit_url(merchant_a.shop), "page-edit-form"))
    data["short_description"] = "Changée par le commerçant."
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.status_code == 302
    assert staff_only_values(merchant_a.shop) == before
    assert merchant_a.shop.short_description == "Changée par le commerçant."


def test_crafted_post_by_a_merchant_sets_no_staff_only_field_of_a_new_offer(client, merchant_a):
    client.force_login(merchant_a.user)
    data = crafted(new_offer_data("Croissant offert"))
    response = client.post(add_offer_url(merchant_a.shop), data)
    assert response.status_code == 302
    offer = OfferPage.objects.get(title="Croissant offert")
    assert offer.live
    assert (offer.slug, offer.seo_title, offer.search_description) == ("croissant-offert", "", "")
    assert (offer.show_in_menus, offer.go_live_at, offer.expire_at) == (False, None, None)


def test_staff_still_set_promotion_and_scheduling_fields_of_an_offer(
    client, merchant_a, staff_user
):
    client.force_login(staff_user)
    data = crafted(form_data(client, edit_url(merchant_a.offer), "page-edit-form"))
    data.pop("go_live_at")  # a go-live date would schedule the edit instead of publishing
    response = client.post(edit_url(merchant_a.offer), data)
    assert response.status_code == 302
    values = staff_only_values(merchant_a.offer)
    assert values["slug"] == "adresse-choisie"
    assert values["seo_title"] == "Titre pour Google"
    assert values["search_description"] == "Description pour Google"
    assert values["show_in_menus"] is True
    assert values["expire_at"] is not None


def test_a_merchants_offer_reusing_a_title_gets_a_free_slug(client, merchant_a):
    client.force_login(merchant_a.user)
    for _attempt in range(2):
        response = client.post(add_offer_url(merchant_a.shop), new_offer_data("Pain du jour"))
        assert response.status_code == 302
    offers = OfferPage.objects.filter(title="Pain du jour").order_by("pk")
    assert [offer.slug for offer in offers] == ["pain-du-jour", "pain-du-jour-2"]
    assert all(offer.live for offer in offers)


# --- Copying and moving offers ----------------------------------------------------


def test_merchant_may_not_copy_or_move_their_offer(client, merchant_a):
    client.force_login(merchant_a.user)
    offer = merchant_a.offer
    permissions = offer.permissions_for_user(merchant_a.user)
    assert not permissions.can_copy()
    assert not permissions.can_move()
    for url in (
        reverse("wagtailadmin_pages:copy", args=[offer.pk]),
        reverse("wagtailadmin_pages:move", args=[offer.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[offer.pk]),
        {
            "new_title": "Copie",
            "new_slug": "copie",
            "new_parent_page": merchant_a.shop.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code in (302, 403)
    assert not OfferPage.objects.filter(title="Copie").exists()


def test_merchant_is_shown_no_copy_or_move_but_delete_and_repost_for_their_offer(
    client, merchant_a
):
    client.force_login(merchant_a.user)
    offer = merchant_a.offer
    for url in (edit_url(offer), reverse("wagtailadmin_explore", args=[merchant_a.shop.pk])):
        html = page_html(client, url)
        assert reverse("wagtailadmin_pages:copy", args=[offer.pk]) not in html, url
        assert reverse("wagtailadmin_pages:move", args=[offer.pk]) not in html, url
        assert reverse("wagtailadmin_pages:delete", args=[offer.pk]) in html, url
        assert reverse("offers_repost", args=[offer.pk]) in html, url


def test_merchant_still_deletes_their_offer(client, merchant_a):
    client.force_login(merchant_a.user)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[merchant_a.offer.pk]))
    assert response.status_code == 302
    assert not OfferPage.objects.filter(pk=merchant_a.offer.pk).exists()


def test_staff_still_copy_and_move_offers(merchant_a, staff_user):
    permissions = merchant_a.offer.permissions_for_user(staff_user)
    assert permissions.can_copy()
    assert permissions.can_move()
    assert permissions.can_copy_to(merchant_a.shop)


# --- The dashboard and the labels -------------------------------------------------


def test_merchant_dashboard_has_no_search_box_or_editor_guide(client, merchant_a):
    client.force_login(merchant_a.user)
    html = page_html(client, reverse("wagtailadmin_home"))
    assert "Nouvelle offre" in html
    assert 'role="search"' not in html
    assert "guide.wagtail.org" not in html


def test_staff_dashboard_keeps_wagtails_search_box(client, staff_user):
    client.force_login(staff_user)
    html = page_html(client, reverse("wagtailadmin_home"))
    assert 'role="search"' in html


def test_shop_form_adds_a_photo_in_proper_french(client, merchant_a):
    client.force_login(merchant_a.user)
    html = page_html(client, edit_url(merchant_a.shop))
    assert "Ajouter une photo" in html
    assert "Ajouter un(e) Photos" not in html

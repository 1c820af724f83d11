"""A merchant's shop and offer forms accept only images the merchant may choose: a
crafted POST naming another merchant's image (the logo, a photo row, an offer's image)
gets a form error and changes nothing, while staff choose from every collection."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from directory.models import ShopPage
from offers.models import OfferPage
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

NOT_CHOOSABLE = "Cette image ne fait pas partie de celles que vous pouvez choisir."


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(client, page):
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    return data


def add_photo_row(data, image):
    """The data of the shop form with one more photo, as the inline panel's "add" does."""
    index = int(data["photos-TOTAL_FORMS"])
    data[f"photos-{index}-image"] = str(image.pk)
    data[f"photos-{index}-alt_text"] = "Une photo"
    data[f"photos-{index}-ORDER"] = str(index + 1)
    data[f"photos-{index}-id"] = ""
    data[f"photos-{index}-DELETE"] = ""
    data["photos-TOTAL_FORMS"] = str(index + 1)
    return data


def latest(page):
    """The page as its newest revision has it (what the next edit form shows)."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def test_merchant_cannot_set_another_merchants_image_as_their_logo(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    data = edit_form_data(client, merchant_a.shop)
    data["logo"] = str(merchant_b.image.pk)
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.status_code == 200
    assert NOT_CHOOSABLE in response.content.decode()
    assert latest(merchant_a.shop).logo_id is None
    assert ShopPage.objects.get(pk=merchant_a.shop.pk).logo_id is None


def test_merchant_cannot_add_another_merchants_image_as_a_photo(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    data = add_photo_row(edit_form_data(client, merchant_a.shop), merchant_b.image)
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.status_code == 200
    assert NOT_CHOOSABLE in response.content.decode()
    assert not latest(merchant_a.shop).photos.exists()


def test_merchant_cannot_swap_a_photo_for_another_merchants_image(
    client, merchant_a, merchant_b, staff_user
):
    client.force_login(merchant_a.user)
    client.post(
        edit_url(merchant_a.shop),
        add_photo_row(edit_form_data(client, merchant_a.shop), merchant_a.image),
    )
    data = edit_form_data(client, merchant_a.shop)
    assert data["photos-0-image"] == str(merchant_a.image.pk)
    data["photos-0-image"] = str(merchant_b.image.pk)
    response = client.post(edit_url(merchant_a.shop), data)
    assert NOT_CHOOSABLE in response.content.decode()
    assert [photo.image_id for photo in latest(merchant_a.shop).photos.all()] == [
        merchant_a.image.pk
    ]


def test_merchant_cannot_give_their_offer_another_merchants_image(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    data = edit_form_data(client, merchant_a.offer)
    data["image"] = str(merchant_b.image.pk)
    response = client.post(edit_url(merchant_a.offer), data)
    assert response.status_code == 200
    assert NOT_CHOOSABLE in response.content.decode()
    assert latest(merchant_a.offer).image_id is None
    assert OfferPage.objects.get(pk=merchant_a.offer.pk).image_id is None


def test_merchant_cannot_create_an_offer_with_another_merchants_image(
    client, merchant_a, merchant_b
):
    client.force_login(merchant_a.user)
    url = reverse("wagtailadmin_pages:add", args=["offers", "offerpage", merchant_a.shop.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Offre volée",
            "short_text": "Avec l'image d'un autre",
            "image": str(merchant_b.image.pk),
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert NOT_CHOOSABLE in response.content.decode()
    assert not OfferPage.objects.filter(title="Offre volée").exists()


def test_merchant_sets_their_own_image_as_logo_photo_and_offer_image(
    client, merchant_a, merchant_b
):
    client.force_login(merchant_a.user)
    data = add_photo_row(edit_form_data(client, merchant_a.shop), merchant_a.image)
    data["logo"] = str(merchant_a.image.pk)
    assert client.post(edit_url(merchant_a.shop), data).status_code == 302
    shop = ShopPage.objects.get(pk=merchant_a.shop.pk)
    assert shop.logo_id == merchant_a.image.pk
    assert [photo.image_id for photo in shop.photos.all()] == [merchant_a.image.pk]
    data = edit_form_data(client, merchant_a.offer)
    data["image"] = str(merchant_a.image.pk)
    assert client.post(edit_url(merchant_a.offer), data).status_code == 302
    assert OfferPage.objects.get(pk=merchant_a.offer.pk).image_id == merchant_a.image.pk


def test_merchant_keeps_a_logo_staff_chose_from_the_citys_collection(
    client, merchant_a, staff_user
):
    city_image = ImageFactory(title="Logo fourni par la ville")
    client.force_login(staff_user)
    data = edit_form_data(client, merchant_a.shop)
    data["logo"] = str(city_image.pk)
    assert client.post(edit_url(merchant_a.shop), data).status_code == 302
    client.force_login(merchant_a.user)
    data = edit_form_data(client, merchant_a.shop)
    assert data["logo"] == str(city_image.pk)
    data["short_description"] = "Toujours le logo de la ville."
    assert client.post(edit_url(merchant_a.shop), data).status_code == 302
    shop = ShopPage.objects.get(pk=merchant_a.shop.pk)
    assert (shop.logo_id, shop.short_description) == (
        city_image.pk,
        "Toujours le logo de la ville.",
    )


def test_staff_choose_any_merchants_image_for_any_shop(client, merchant_a, merchant_b, staff_user):
    client.force_login(staff_user)
    data = add_photo_row(edit_form_data(client, merchant_a.shop), merchant_b.image)
    data["logo"] = str(merchant_b.image.pk)
    assert client.post(edit_url(merchant_a.shop), data).status_code == 302
    shop = ShopPage.objects.get(pk=merchant_a.shop.pk)
    assert shop.logo_id == merchant_b.image.pk
    assert [photo.image_id for photo in shop.photos.all()] == [merchant_b.image.pk]

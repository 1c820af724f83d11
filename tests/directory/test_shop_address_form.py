"""The shop editor places the shop from the address typed in it, with the city's address
register (tests/addresses.py), and keeps the map for what the register does not know.
As merchants and staff use it: the edit and create forms, and the lookup as one types."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from directory.models import ShopPage
from tests.factories import CategoryFactory, DirectoryPageFactory, HomePageFactory

pytestmark = pytest.mark.django_db

# The factories' shop stands here, which is not where the register puts its address.
FACTORY_POINT = (50.4669, 4.8675)
COMBATTANTS_7 = (50.4691, 4.8651)


def edit_url(shop):
    return reverse("wagtailadmin_pages:edit", args=[shop.pk])


def form_data(client, shop, action="action-publish"):
    html = client.get(edit_url(shop)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data[action] = action
    return data


def saved_point(shop):
    shop = ShopPage.objects.get(pk=shop.pk)
    return (shop.latitude, shop.longitude)


@pytest.fixture
def merchant(client, merchant_a):
    client.force_login(merchant_a.user)
    return merchant_a


def test_the_editor_has_no_coordinates_to_type(client, merchant):
    html = client.get(edit_url(merchant.shop)).content.decode()
    assert 'type="hidden" name="latitude"' in html
    assert 'type="hidden" name="longitude"' in html
    assert 'type="number" name="latitude"' not in html
    assert "Position sur la carte" in html


def test_typing_a_known_address_places_the_shop_on_save(client, merchant, address_register):
    data = form_data(client, merchant.shop)
    data["street"] = "av. des combattants 7"
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 302
    assert saved_point(merchant.shop) == COMBATTANTS_7


def test_the_editor_says_what_the_register_made_of_the_address(client, merchant, address_register):
    data = form_data(client, merchant.shop)
    data["street"] = "Rue de la Station 7"
    client.post(edit_url(merchant.shop), data)
    html = client.get(edit_url(merchant.shop)).content.decode()
    assert "Le numéro 7 n&#x27;est pas dans le registre" in html
    assert saved_point(merchant.shop) == (50.4708, 4.86)


def test_a_point_moved_on_the_map_stays_while_the_address_does_not_change(
    client, merchant, address_register
):
    data = form_data(client, merchant.shop)
    data["latitude"], data["longitude"] = "50.471000", "4.861000"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    assert saved_point(merchant.shop) == (50.471, 4.861)
    # Saved again untouched: the register does not take the point back.
    assert client.post(edit_url(merchant.shop), form_data(client, merchant.shop)).status_code == 302
    assert saved_point(merchant.shop) == (50.471, 4.861)


def test_a_new_address_replaces_a_point_the_map_set_before(client, merchant, address_register):
    data = form_data(client, merchant.shop)
    data["latitude"], data["longitude"] = "50.471000", "4.861000"
    client.post(edit_url(merchant.shop), data)
    data = form_data(client, merchant.shop)
    data["street"] = "Avenue des Combattants 7"
    client.post(edit_url(merchant.shop), data)
    assert saved_point(merchant.shop) == COMBATTANTS_7


def test_a_pin_moved_after_the_lookup_of_a_new_address_stays(client, merchant, address_register):
    # What the page sends when the lookup placed the pin and the merchant then moved it.
    data = form_data(client, merchant.shop)
    data["street"] = "Avenue des Combattants 7"
    data["latitude"], data["longitude"] = "50.469150", "4.865150"
    client.post(edit_url(merchant.shop), data)
    assert saved_point(merchant.shop) == (50.46915, 4.86515)


def test_an_unknown_street_is_a_form_error_and_changes_nothing(client, merchant, address_register):
    data = form_data(client, merchant.shop)
    data["street"] = "Rue Imaginaire 3"
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 200
    assert "« Rue Imaginaire 3 » n&#x27;est pas dans le registre" in response.content.decode()
    shop = ShopPage.objects.get(pk=merchant.shop.pk)
    assert (shop.street, shop.latitude, shop.longitude) == ("Rue de la Station 12", *FACTORY_POINT)


def test_an_unknown_street_placed_on_the_map_is_saved(client, merchant, address_register):
    data = form_data(client, merchant.shop)
    data["street"] = "Rue Imaginaire 3"
    data["latitude"], data["longitude"] = "50.465000", "4.869000"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    shop = ShopPage.objects.get(pk=merchant.shop.pk)
    assert (shop.street, shop.latitude, shop.longitude) == ("Rue Imaginaire 3", 50.465, 4.869)


def test_without_a_register_a_changed_address_keeps_the_maps_point(client, merchant):
    data = form_data(client, merchant.shop)
    data["street"] = "Rue des Alouettes 4"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    assert saved_point(merchant.shop) == FACTORY_POINT


def test_a_merchant_cannot_post_coordinates_out_of_range(client, merchant, address_register):
    data = form_data(client, merchant.shop)
    data["latitude"] = "91"
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 200
    assert saved_point(merchant.shop) == FACTORY_POINT


# --- A new shop, by staff -------------------------------------------------------------


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("equipe", "e@ville.example", "x"))
    return client


def new_shop_data(street, action="action-publish", **fields):
    empty_formset = {
        f"{prefix}-{key}": value
        for prefix in ("photos", "opening_hours", "special_hours")
        for key, value in (
            ("TOTAL_FORMS", "0"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }
    return {
        "title": "Nouvelle boutique",
        "slug": "nouvelle-boutique",
        "short_description": "Une boutique.",
        "category": CategoryFactory().pk,
        "public_holidays": "closed",
        "street": street,
        "postcode": "5999",
        "locality": "Vilvèze",
        "latitude": "",
        "longitude": "",
        action: action,
        **empty_formset,
        **fields,
    }


def create_url():
    directory = DirectoryPageFactory(parent=HomePageFactory())
    return reverse("wagtailadmin_pages:add", args=["directory", "shoppage", directory.pk])


def test_a_new_shop_is_placed_from_its_address_and_published(staff_client, address_register):
    response = staff_client.post(create_url(), new_shop_data("Chée de Bruxelles 120"))
    assert response.status_code == 302
    shop = ShopPage.objects.get(slug="nouvelle-boutique")
    assert shop.live
    assert (shop.latitude, shop.longitude) == (50.4738, 4.8796)


def test_without_a_register_a_new_shop_needs_the_map_to_be_published(staff_client):
    response = staff_client.post(create_url(), new_shop_data("Chée de Bruxelles 120"))
    assert response.status_code == 200
    assert "placez le commerce en cliquant sur la carte" in response.content.decode()
    assert not ShopPage.objects.filter(slug="nouvelle-boutique").exists()


def test_without_a_register_a_new_shop_placed_on_the_map_is_published(staff_client):
    data = new_shop_data("Chée de Bruxelles 120", latitude="50.47", longitude="4.87")
    assert staff_client.post(create_url(), data).status_code == 302
    assert ShopPage.objects.get(slug="nouvelle-boutique").live


def test_a_draft_may_wait_for_its_point(staff_client):
    data = new_shop_data("", action="action-save")
    assert staff_client.post(create_url(), data).status_code == 302
    assert ShopPage.objects.get(slug="nouvelle-boutique").latitude is None


def test_a_shop_without_an_address_or_point_cannot_be_published(staff_client, address_register):
    response = staff_client.post(create_url(), new_shop_data(""))
    assert response.status_code == 200
    assert "Indiquez la rue et le numéro" in response.content.decode()


# --- The lookup as one types ------------------------------------------------------------


def lookup(client, **query):
    return client.get(reverse("directory_address_lookup"), query)


def test_the_lookup_answers_the_point_of_a_known_address(client, merchant, address_register):
    answer = lookup(client, street="av des combattants 7", postcode="5999").json()
    assert answer["found"] is True
    assert (answer["latitude"], answer["longitude"]) == COMBATTANTS_7
    assert answer["message"].startswith("Adresse trouvée : Avenue des Combattants 7")


def test_the_lookup_says_when_it_took_the_nearest_number(client, merchant, address_register):
    answer = lookup(client, street="Rue de la Station 7", postcode="5999").json()
    assert (answer["found"], answer["outcome"]) == (True, "nearest")


def test_the_lookup_of_an_unknown_street_sends_to_the_map(client, merchant, address_register):
    answer = lookup(client, street="Rue Imaginaire 3", postcode="5999").json()
    assert (answer["found"], answer["latitude"]) == (False, None)
    assert "cliquant sur la carte" in answer["message"]


def test_the_lookup_takes_any_text_without_failing(client, merchant, address_register):
    assert lookup(client, street="\x00" + "9" * 5000, postcode="<>").status_code == 200
    assert lookup(client).json()["outcome"] == "empty"


def test_the_lookup_is_for_the_admin_only(client, address_register):
    response = lookup(client, street="Rue de la Station 12", postcode="5999")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

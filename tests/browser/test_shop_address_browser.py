"""An editor types a shop's address and the page places it from the city's address
register as they type (static/js/admin-address-lookup.js); the map still corrects it."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from directory.address_file import load_address_register
from home.models import SiteSettings
from tests.addresses import TEST_REGISTER, best_file
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def shop_editor(page, live_server, django_user_model):
    """The edit page of a shop, its "Adresse et contact" tab open, as staff."""
    load_address_register(best_file(TEST_REGISTER))
    shop = ShopPageFactory(title="Boulangerie Dupont")
    # Tiles from the live server itself (they answer 404): the test never leaves it.
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"map_tile_url": f"{live_server.url}/tuiles/{{z}}/{{x}}/{{y}}.png"},
    )
    django_user_model.objects.create_superuser("editrice", "e@example.be", "mot-de-passe")
    page.goto("/admin/login/")
    page.locator("#id_username").fill("editrice")
    page.locator("#id_password").fill("mot-de-passe")
    page.locator("form button[type=submit]").click()
    page.goto(f"/admin/pages/{shop.pk}/edit/")
    page.get_by_role("tab", name="Adresse et contact").click()
    return page


def test_typing_an_address_places_the_shop_and_says_so(shop_editor):
    street = shop_editor.get_by_label("Rue et numéro")
    street.fill("av. des combattants 7")
    street.blur()
    expect(shop_editor.locator(".shop-point__status")).to_have_text(
        "Adresse trouvée : Avenue des Combattants 7, 5999 Vilvèze."
    )
    expect(shop_editor.locator("#id_latitude")).to_have_value("50.469100")
    expect(shop_editor.locator("#id_longitude")).to_have_value("4.865100")


def test_an_unknown_street_leaves_the_map_to_place_the_shop(shop_editor):
    street = shop_editor.get_by_label("Rue et numéro")
    street.fill("Rue Imaginaire 3")
    street.blur()
    expect(shop_editor.locator(".shop-point__status")).to_contain_text(
        "placez le commerce en cliquant sur la carte"
    )
    # Away from the zoom buttons in the top left corner.
    shop_editor.locator(".map-picker").click(position={"x": 200, "y": 200})
    expect(shop_editor.locator(".shop-point__status")).to_have_text(
        "Le commerce est placé où vous avez cliqué sur la carte."
    )
    assert shop_editor.locator("#id_latitude").input_value() != "50.466900"

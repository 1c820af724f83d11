"""The "Annuaire" admin menu and the shop editor, as city staff use them."""

import pytest
from django.contrib.auth import get_user_model

from directory.models import Category, ShopPage
from tests.factories import CategoryFactory, DirectoryPageFactory, HomePageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("equipe", "equipe@ville.example", "x")
    client.force_login(user)
    return client


def test_annuaire_menu_lists_categories_districts_and_services(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "Annuaire" in html
    for url in (
        "/admin/snippets/directory/category/",
        "/admin/snippets/directory/district/",
        "/admin/snippets/directory/service/",
    ):
        assert staff_client.get(url).status_code == 200, url


def test_staff_add_a_category_from_the_admin(staff_client):
    response = staff_client.post(
        "/admin/snippets/directory/category/add/",
        {"name": "Chocolatier", "slug": "chocolatier", "schema_type": "Store"},
    )
    assert response.status_code == 302
    assert Category.objects.filter(slug="chocolatier").exists()


def test_shop_editor_opens_under_the_directory(staff_client):
    directory = DirectoryPageFactory(parent=HomePageFactory())
    response = staff_client.get(f"/admin/pages/add/directory/shoppage/{directory.pk}/")
    assert response.status_code == 200


def test_a_shop_cannot_be_published_without_coordinates(staff_client):
    directory = DirectoryPageFactory(parent=HomePageFactory())
    category = CategoryFactory()
    data = {
        "title": "Nouvelle boutique",
        "slug": "nouvelle-boutique",
        "short_description": "Une boutique.",
        "category": category.pk,
        "latitude": "",
        "longitude": "",
        "action-publish": "publish",
        **{
            f"{prefix}-{key}": value
            for prefix in ("photos", "opening_hours", "special_hours")
            for key, value in (
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            )
        },
    }
    response = staff_client.post(f"/admin/pages/add/directory/shoppage/{directory.pk}/", data)
    assert response.status_code == 200  # the form again, with errors
    assert not ShopPage.objects.filter(slug="nouvelle-boutique", live=True).exists()


def test_renaming_a_category_updates_what_search_finds(client, django_capture_on_commit_callbacks):
    category = CategoryFactory(name="Fromagerie", slug="fromagerie")
    ShopPageFactory(title="Chez Paul", category=category)
    category.name = "Crèmerie"
    # The shops are re-indexed once the change commits (directory.synonyms).
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    response = client.get("/commerces/", {"q": "cremerie"})
    assert [card.shop.title for card in response.context["result"].page.object_list] == [
        "Chez Paul"
    ]

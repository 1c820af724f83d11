"""From the report's searches without result, staff add a search to the words residents
use for a category or a service, and see how many of those searches find a shop now."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from wagtail.models import ModelLogEntry

from core.clock import today
from directory.models import Category, Service
from insights.counting import add_search
from insights.period import last_days
from insights.search_gaps import search_gaps
from tests.factories import CategoryFactory, ServiceFactory, ShopPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

REPORT = "/admin/reports/frequentation/"
ADD = "/admin/reports/frequentation/mots-des-habitants/"


@pytest.fixture
def coiffure(db):
    category = CategoryFactory(name="Coiffure", slug="coiffure")
    ShopPageFactory(title="Salon Lucie", category=category)
    return category


@pytest.fixture
def no_result_searches(db):
    add_search(today(), "barbier", found=False, amount=5)
    add_search(today() - timedelta(days=2), "barbier", found=False, amount=2)
    add_search(today(), "cordonnier", found=False, amount=3)
    add_search(today(), "salon", found=True, amount=9)


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def add(client, query, target, **extra):
    return client.post(ADD, {"recherche": query, "cible": target, **extra})


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def week():
    return last_days(7, today())


def test_searches_without_result_are_run_again(coiffure, no_result_searches):
    gaps = search_gaps(week())
    assert [(gap.query, gap.searches, gap.found_now) for gap in gaps.gaps] == [
        ("barbier", 7, 0),
        ("cordonnier", 3, 0),
    ]
    assert (gaps.distinct, gaps.searches, gaps.solved) == (2, 10, [])


def test_a_search_given_to_a_category_finds_its_shops_now(
    coiffure, no_result_searches, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add(staff, "barbier", f"categorie-{coiffure.pk}")
    gaps = search_gaps(week())
    assert [(gap.query, gap.found_now) for gap in gaps.solved] == [("barbier", 1)]
    assert gaps.solved_searches == 7


def test_the_report_says_how_many_searches_without_result_find_a_shop_now(
    coiffure, no_result_searches, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add(staff, "barbier", f"categorie-{coiffure.pk}")
    page = staff.get(REPORT, {"periode": "7"}).content.decode()
    assert "1 des 2 recherches sans résultat les plus faites trouve maintenant" in page
    assert "7 recherches faites sur 10" in page
    assert "trouve 1 commerce" in page
    assert "ne trouve toujours rien" in page


def test_only_the_most_made_searches_are_run_again(coiffure, no_result_searches):
    gaps = search_gaps(week(), checked=1)
    assert [gap.query for gap in gaps.gaps] == ["barbier"]
    assert gaps.unchecked == 1


def test_the_report_has_a_form_per_search_without_result(coiffure, no_result_searches, staff):
    ServiceFactory(name="Livraison", slug="livraison")
    page = staff.get(REPORT, {"periode": "7"}).content.decode()
    assert page.count(f'action="{ADD}"') == 2
    assert f'<option value="categorie-{coiffure.pk}">Coiffure</option>' in page
    assert "Livraison</option>" in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_staff_add_a_search_to_a_categorys_words(coiffure, staff):
    coiffure.search_terms = "barbier"
    coiffure.save()
    response = add(staff, " Coiffeur ", f"categorie-{coiffure.pk}", periode="7")
    assert response.status_code == 302
    assert response["Location"] == REPORT + "?periode=7#table-recherches-sans-resultat"
    assert Category.objects.get(pk=coiffure.pk).search_terms == "barbier, Coiffeur"
    assert texts(response) == ["« Coiffeur » fait maintenant partie des mots de « Coiffure »."]


def test_staff_add_a_search_to_a_services_words(staff):
    service = ServiceFactory(name="Livraison", slug="livraison")
    add(staff, "livreur", f"service-{service.pk}")
    assert Service.objects.get(pk=service.pk).search_terms == "livreur"


def test_the_addition_is_in_the_categorys_history(coiffure, staff, staff_user):
    add(staff, "barbier", f"categorie-{coiffure.pk}")
    entry = ModelLogEntry.objects.get(object_id=str(coiffure.pk), action="wagtail.edit")
    assert entry.user == staff_user


def test_a_search_the_words_hold_already_changes_nothing(coiffure, staff):
    coiffure.search_terms = "coiffeur"
    coiffure.save()
    response = add(staff, "COIFFEUR", f"categorie-{coiffure.pk}")
    assert texts(response) == ["« COIFFEUR » fait déjà partie des mots de « Coiffure »."]
    assert Category.objects.get(pk=coiffure.pk).search_terms == "coiffeur"
    assert not ModelLogEntry.objects.filter(action="wagtail.edit").exists()


@pytest.mark.parametrize(
    "target",
    [
        "",
        "categorie-999999",
        "service-999999",
        "categorie-abc",
        "categorie-",
        "pirate-1",
        f"categorie-{10**30}",
        "categorie-1\x00",
    ],
)
def test_a_target_not_on_the_list_is_a_form_error(coiffure, staff, target):
    response = add(staff, "barbier", target)
    assert response.status_code == 302
    assert texts(response)
    assert Category.objects.get(pk=coiffure.pk).search_terms == ""


def test_an_unknown_target_is_named_in_the_message(coiffure, staff):
    response = add(staff, "barbier", "categorie-999999")
    assert texts(response) == [
        "Catégorie ou service : Choisissez une catégorie ou un service de la liste."
    ]


@pytest.mark.parametrize("query", ["", "   ", "?!", "a" * 101, "pain, levain"])
def test_a_search_that_cannot_be_a_word_is_a_form_error(coiffure, staff, query):
    response = add(staff, query, f"categorie-{coiffure.pk}")
    assert response.status_code == 302
    assert texts(response)
    assert Category.objects.get(pk=coiffure.pk).search_terms == ""


def test_words_that_are_full_refuse_another(coiffure, staff):
    coiffure.search_terms = ", ".join(f"mot{number}" for number in range(50))
    coiffure.save()
    response = add(staff, "barbier", f"categorie-{coiffure.pk}")
    assert "50 mots au plus" in texts(response)[0]
    assert "barbier" not in Category.objects.get(pk=coiffure.pk).search_terms


def test_the_way_back_carries_only_the_period(coiffure, staff):
    response = add(
        staff,
        "barbier",
        f"categorie-{coiffure.pk}",
        du="2026-11-01",
        au="2026-11-20T00:00:00evil",
        next="https://evil.example/",
    )
    assert response["Location"] == (
        REPORT + "?du=2026-11-01&au=2026-11-20#table-recherches-sans-resultat"
    )


def test_the_form_is_only_posted_to(coiffure, staff):
    assert (
        staff.get(ADD, {"recherche": "barbier", "cible": f"categorie-{coiffure.pk}"}).status_code
        == 405
    )
    assert Category.objects.get(pk=coiffure.pk).search_terms == ""


def test_a_merchant_may_not_add_a_word(client, merchant_a, coiffure):
    client.force_login(merchant_a.user)
    assert client.get(ADD).status_code == 403
    assert add(client, "barbier", f"categorie-{coiffure.pk}").status_code == 403
    assert Category.objects.get(pk=coiffure.pk).search_terms == ""


def test_an_account_that_may_not_change_categories_may_not_add_a_word(client, coiffure):
    user = get_user_model().objects.create_user("rapport", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_merchants"),
    )
    client.force_login(user)
    response = add(client, "barbier", f"categorie-{coiffure.pk}")
    # Wagtail answers a refusal in the admin with the dashboard and a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Category.objects.get(pk=coiffure.pk).search_terms == ""


def test_an_anonymous_visitor_is_sent_to_the_login(client, coiffure):
    response = add(client, "barbier", f"categorie-{coiffure.pk}")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert Category.objects.get(pk=coiffure.pk).search_terms == ""

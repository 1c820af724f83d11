"""A page asks for its view restrictions (Wagtail's two queries at every visit) only when
some page of the site has one (core.visibility.ViewRestrictionsFromCache)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.pages import SitePage
from tests.factories import HomePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

# The project's own apps: those beside core in the repository.
PROJECT = str(apps.get_app_config("core").path).rsplit("/", 1)[0]


@pytest.fixture
def about(settings):
    settings.PAGE_CACHE = False  # every visit rendered, and checked
    home = HomePageFactory()
    return StandardPageFactory(parent=home, title="À propos", slug="a-propos")


def restriction_queries(queries):
    return [
        query["sql"]
        for query in queries
        if "wagtailcore_pageviewrestriction" in query["sql"] or '"alias_of_id"' in query["sql"]
    ]


def test_every_page_type_of_the_site_is_a_site_page():
    page_types = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model.__module__.split(".")[0] in own_apps()
    ]
    assert len(page_types) >= 10
    assert [model for model in page_types if not issubclass(model, SitePage)] == []


def own_apps():
    return {
        config.name for config in apps.get_app_configs() if config.path.rsplit("/", 1)[0] == PROJECT
    }


def test_a_page_is_served_without_asking_for_restrictions_when_there_are_none(client, about):
    client.get(about.url)  # reads the restricted pages into the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(about.url).status_code == 200
    assert restriction_queries(queries) == []


def test_a_restriction_added_refuses_the_page_at_the_next_visit(client, about):
    assert client.get(about.url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.url)
    assert response.status_code == 302
    assert "next=/a-propos/" in response["Location"]
    PageViewRestriction.objects.all().delete()
    assert client.get(about.url).status_code == 200


def test_a_restriction_on_an_ancestor_refuses_the_page(client, about):
    assert client.get(about.url).status_code == 200
    PageViewRestriction.objects.create(
        page=about.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(about.url).status_code == 302


def test_an_alias_of_a_restricted_page_is_refused(client, about):
    home = about.get_parent()
    alias = about.create_alias(parent=home, update_slug="a-propos-bis")
    other = StandardPageFactory(parent=home, title="Contact", slug="contact")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302
    assert client.get(other.url).status_code == 200

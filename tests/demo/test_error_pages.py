"""Error pages: same look as the site, a way forward, never a stack trace."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from tests.html import validate_html
from vitrine.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("casse/", broken_view), *site_urlpatterns]


def test_missing_page_answers_404_with_a_search_box_and_the_site_frame(demo_site, client):
    response = client.get("/commerces/boulangerie-qui-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Cette page est introuvable" in html
    assert 'action="/commerces/"' in html  # the directory search box
    assert 'class="site-header"' in html
    assert "Vilvèze" in html  # the footer's contact comes from the site settings


def test_bad_host_answers_400_with_the_site_look(demo_site, client):
    response = client.get("/", headers={"host": "attaquant.example"})
    assert response.status_code == 400
    assert "Nous n'avons pas compris cette demande" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_has_the_site_look_and_needs_no_database(client):
    client.raise_request_exception = False
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/casse/")
    # Only the request's own transaction (ATOMIC_REQUESTS) touches the database.
    assert [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]] == []
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le site a rencontré un problème" in html
    assert 'class="site-header"' in html
    assert "boom" not in html
    assert validate_html({"500": html}) == []


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=" + "é" * 5000,
        "q[]=pain&q=",
        "q=%ZZ",
        "page=1&q=%3Cscript%3E",
        "%FF%FE=1",
    ],
)
def test_strange_query_strings_never_break_a_public_page(demo_site, client, query):
    for url in ("/", "/commerces/", "/offres/", "/a-propos/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, (url, query)


def test_search_query_is_escaped_not_executed(demo_site, client):
    html = client.get("/commerces/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

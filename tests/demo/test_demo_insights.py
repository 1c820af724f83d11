"""Counting on the demo site: every demo page's own beacon is accepted, counted once and
sets no cookie (tests/demo/test_demo_content.py checks the pages themselves); the demo's
90 days of counts fill the report; the privacy page says what is counted."""

import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Max, Min, Sum
from django.test import override_settings
from django.utils import timezone

from directory.models import ShopPage
from insights.models import DailyCount, DailySearch
from tests.demo.test_demo_content import public_urls
from tests.insights.test_script import counting_script, parse

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def total():
    return DailyCount.objects.aggregate(total=Sum("count"))["total"] or 0


def beacon(client, endpoint, payload):
    return client.post(
        endpoint,
        json.dumps(payload),
        content_type="text/plain;charset=UTF-8",
        HTTP_USER_AGENT=BROWSER,
    )


@override_settings(INSIGHTS_RATE_LIMIT=(10_000, 600))  # one address sends them all
def test_every_demo_page_counts_its_view_once_and_no_beacon_sets_a_cookie(demo_site, client):
    for url in public_urls(demo_site):
        response = client.get(url)
        script = counting_script(response)
        assert script is not None, url
        assert not response.cookies, url
        page_id = int(script["data-page"])
        payloads = []
        if script["data-view"] == "true":
            payloads.append({"page": page_id, "kind": "view", "via": "/"})
        payloads += [
            {"page": int(link.get("data-shop") or page_id), "kind": link["data-intent"],
             "from": page_id}
            for link in parse(response).intents
        ]  # fmt: skip
        for payload in payloads:
            before = total()
            answer = beacon(client, script["data-endpoint"], payload)
            assert answer.status_code == 204, (url, payload)
            assert not answer.cookies, (url, payload)
            assert "Set-Cookie" not in answer.headers, (url, payload)
            assert total() == before + 1, (url, payload)


def test_the_demo_has_90_days_of_counts_for_every_demo_shop(demo_site):
    today = timezone.localdate()
    days = DailyCount.objects.aggregate(first=Min("day"), last=Max("day"))
    assert (days["first"], days["last"]) == (today - timedelta(days=89), today)
    shops = ShopPage.objects.live().exclude(slug__startswith="commerce-")
    counted = set(DailyCount.objects.filter(kind="view").values_list("page_id", flat=True))
    assert set(shops.values_list("pk", flat=True)) <= counted
    assert DailyCount.objects.exclude(kind="view").exists()
    assert DailyCount.objects.exclude(source_page_id=0).exists()
    assert DailySearch.objects.filter(found=False).exists()
    assert DailySearch.objects.filter(found=True).exists()


def test_seeding_again_adds_no_count(demo_site):
    before = (DailyCount.objects.count(), DailySearch.objects.count(), total())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert (DailyCount.objects.count(), DailySearch.objects.count(), total()) == before


def test_the_demo_report_has_something_in_every_counted_table(demo_site, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get("/admin/reports/frequentation/", {"periode": "90"})
    assert response.status_code == 200
    report = response.context["report"]
    assert all(table.rows for table in report.shops)
    offers, stories, campaigns = report.sources
    assert offers.rows
    assert stories.rows
    assert campaigns.rows
    # The demo's stories send readers on to the shops they feature.
    assert all(row[3] > 0 for row in stories.rows)
    assert all(table.rows for table in report.searches)
    assert report.totals.rows[0][1] > 0


def test_the_privacy_page_says_what_is_counted(demo_site, client):
    page = client.get("/vie-privee/").content.decode()
    assert "Ce que le site compte" in page
    assert "ni votre adresse IP" in page
    assert "Itinéraire" in page

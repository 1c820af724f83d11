"""The front cache in the whole stack (scripts/with-stack): Varnish in front of two gunicorn
app servers sharing PostgreSQL and Redis. A page is kept and served from the cache; a
merchant's publication purges the pages that show it, and neither app server nor the
cache shows the old version afterwards; a shop's status line flips at its closing time
with no purge; the counting beacon and logged-in visitors pass through."""

import re
import time
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import requests
from wagtail.test.utils.form_data import querydict_from_html

BRUSSELS = ZoneInfo("Europe/Brussels")
SHOP_SLUG = "boulangerie-du-beffroi"
MERCHANT = ("beffroi", "vitrine-beffroi")  # demo.accounts, published with the demo
# Production settings trust this header from the front cache: the admin's secure cookies
# and CSRF checks then work over loopback's plain http.
HTTPS = {"X-Forwarded-Proto": "https"}

FACTS = f"""
import json
from core.clock import today
from directory.models import ShopPage
from offers.current import current_offers

shop = ShopPage.objects.get(slug="{SHOP_SLUG}")
offer = current_offers(today(), ShopPage.objects.filter(pk=shop.pk)).first()
print(json.dumps({{
    "shop_url": shop.url, "offer_id": offer.pk, "offer_url": offer.url,
    "offer_title": offer.title,
}}))
"""


@pytest.fixture(scope="module")
def facts(stack):
    return stack.python(FACTS)


def get(url, **kwargs):
    answer = requests.get(url, allow_redirects=False, timeout=30, **kwargs)
    assert answer.status_code == 200, f"{url}: {answer.status_code}"
    return answer


def twice(url, **kwargs):
    return get(url, **kwargs), get(url, **kwargs)


def kept(url):
    """The page at `url` once the front cache keeps it for a few seconds at least: a shop
    of the demo may open or close right now, which ends the page's lifetime (and a hit's
    chance) at once. Then a second request, which the cache answers."""
    for _ in range(3):
        first = get(url)
        lifetime = s_maxage(first) or 0  # none in the last second before a change
        if lifetime >= 5:
            return first, get(url)
        time.sleep(lifetime + 1)
    raise AssertionError(f"{url} is never kept for five seconds")


def s_maxage(answer):
    found = re.search(r"s-maxage=(\d+)", answer.headers.get("Cache-Control", ""))
    return int(found.group(1)) if found else None


def status_line(answer):
    return re.search(r'<p class="shop__status">([^<]*)</p>', answer.text).group(1)


class Merchant:
    """A merchant in the admin, through the front cache (which passes /admin/)."""

    def __init__(self, stack, username, password):
        self.stack = stack
        self.cookies = {}
        login = self.get("/admin/login/")
        form = querydict_from_html(login.text, form_index=0, exclude_csrf=False)
        form.update({"username": username, "password": password})
        answer = self.post("/admin/login/", form)
        assert answer.status_code == 302, answer.text[:2000]
        assert "sessionid" in self.cookies

    def _keep_cookies(self, answer):
        # By hand: the session cookie is Secure (https in production), which a cookie jar
        # would not send back over loopback's http.
        self.cookies.update(answer.cookies.get_dict())
        return answer

    def get(self, path):
        return self._keep_cookies(
            requests.get(
                self.stack.url + path,
                cookies=self.cookies,
                headers=HTTPS,
                allow_redirects=False,
                timeout=30,
            )
        )

    def post(self, path, data):
        origin = self.stack.url.replace("http://", "https://")
        return self._keep_cookies(
            requests.post(
                self.stack.url + path,
                data=data,
                cookies=self.cookies,
                headers={**HTTPS, "Origin": origin, "Referer": origin + path},
                allow_redirects=False,
                timeout=30,
            )
        )

    def publish_title(self, page_id, title):
        """Give the page a new title and tap "Publier", as in the admin's editor."""
        path = f"/admin/pages/{page_id}/edit/"
        form = querydict_from_html(
            self.get(path).text, form_id="page-edit-form", exclude_csrf=False
        )
        form.update({"title": title, "action-publish": "action-publish"})
        answer = self.post(path, form)
        assert answer.status_code == 302, answer.text[:2000]


@pytest.fixture(scope="module")
def merchant(stack):
    return Merchant(stack, *MERCHANT)


def test_an_anonymous_page_is_kept_and_served_by_the_front_cache(front_cache, facts):
    for path in ("/", "/commerces/", facts["shop_url"], "/offres/", "/commerces/?q=pain"):
        first, second = kept(front_cache.url + path)
        assert second.headers["X-Cache"] == "hit", path
        assert second.text == first.text
        assert "public" in first.headers["Cache-Control"]
        assert s_maxage(first) > 0
        assert "Set-Cookie" not in first.headers
        # The purge keys stay between Django and the cache.
        assert not {"Surrogate-Key", "xkey"} & set(first.headers)


def test_a_merchants_publish_purges_every_page_showing_the_offer(front_cache, facts, merchant):
    # The feed of the bakeries' offers, the shop's page (its offers) and the offer's.
    pages = ["/offres/?categorie=boulangerie", facts["shop_url"], facts["offer_url"]]
    for path in pages:
        first, second = kept(front_cache.url + path)
        assert facts["offer_title"] in first.text, path
        assert second.headers["X-Cache"] == "hit"

    new_title = f"Pains au chocolat {uuid.uuid4().hex[:6]}"
    merchant.publish_title(facts["offer_id"], new_title)

    for path in pages:
        first = get(front_cache.url + path)
        assert first.headers["X-Cache"] == "miss", path
        assert new_title in first.text, path
        # Either app server, asked directly: the caches they share (Redis) were dropped
        # too, so neither serves the page as it was.
        for app_url in front_cache.app_urls:
            assert new_title in get(app_url + path).text, (app_url, path)


def test_a_shops_status_line_flips_at_its_closing_time_without_a_purge(front_cache, facts):
    now = datetime.now(BRUSSELS)
    if now.hour == 23 and now.minute >= 58:
        time.sleep((60 - now.second) + 60 * (59 - now.minute) + 1)  # past midnight
    # Special hours for today that end in a few seconds (saved, they purge the page).
    closes_at = front_cache.python(f"""
import json
from datetime import datetime, time, timedelta
from core.clock import BRUSSELS
from directory.models import ShopPage, SpecialHours

shop = ShopPage.objects.get(slug="{SHOP_SLUG}")
now = datetime.now(BRUSSELS)
closes = (now + timedelta(seconds=8)).replace(microsecond=0)
SpecialHours.objects.create(
    shop=shop, start_date=now.date(), end_date=now.date(), label="Test",
    closed=False, opens=time.min, closes=closes.time(),
)
print(json.dumps(closes.isoformat()))
""")
    closes = datetime.fromisoformat(closes_at)
    url = front_cache.url + facts["shop_url"]

    first, second = twice(url)
    assert status_line(first).startswith("Ouvert")
    assert s_maxage(first) <= (closes - datetime.now(BRUSSELS)).total_seconds() + 1
    if s_maxage(first) >= 2:  # no other shop of the demo opening or closing meanwhile
        assert second.headers["X-Cache"] == "hit"

    time.sleep(max(0, (closes - datetime.now(BRUSSELS)).total_seconds()) + 1.5)
    after = get(url)
    assert after.headers["X-Cache"] == "miss"
    assert status_line(after).startswith("Fermé")


def test_the_counting_beacon_passes_through_to_django(front_cache, facts):
    shop_id = front_cache.python(
        f"import json; from directory.models import ShopPage; "
        f'print(json.dumps(ShopPage.objects.get(slug="{SHOP_SLUG}").pk))'
    )
    for _ in range(2):
        answer = requests.post(
            front_cache.url + "/frequentation/compter/",
            json={"page": shop_id, "kind": "view"},
            headers={"Sec-Fetch-Site": "same-origin"},
            timeout=30,
        )
        assert answer.status_code == 204
        assert answer.headers["X-Cache"] == "miss"
        assert "no-cache" in answer.headers["Cache-Control"]


def test_a_logged_in_visitor_gets_pages_nobody_else_is_served(front_cache, facts, merchant):
    anonymous, _ = kept(front_cache.url + facts["shop_url"])
    for _ in range(2):
        answer = merchant.get(facts["shop_url"])
        assert answer.status_code == 200
        assert answer.headers["X-Cache"] == "miss"
        assert "private" in answer.headers["Cache-Control"]
        assert "no-store" in answer.headers["Cache-Control"]
    # What the merchant got was neither taken from nor left in the cache.
    assert "private" not in anonymous.headers["Cache-Control"]
    assert get(front_cache.url + facts["shop_url"]).headers["X-Cache"] == "hit"

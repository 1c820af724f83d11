"""The staff's "Fréquentation" report: who may see it, the period, the figures, the CSV
exports, and a bounded number of SQL queries with 200 shops and 90 days of data."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import today
from insights import health, reports, search_gaps, traffic
from insights.counting import add_count, add_search
from insights.models import DailyCount
from insights.period import last_days, parse_period
from tests.factories import OfferPageFactory, ShopPageFactory
from tests.wide_fixtures import check_deferred_constraints

# The clock stands still: a test adding today's counts and then reading the report must
# not see "today" change at midnight between the two.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

URL = "/admin/reports/frequentation/"


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def menu_props(client):
    """The admin's sidebar menu, which Wagtail renders as JSON for its script."""
    page = client.get("/admin/").content.decode()
    start = page.index('id="wagtail-sidebar-props"')
    return page[start : page.index("</script>", start)]


def test_the_report_has_its_address_and_is_in_the_reports_menu(staff):
    assert reverse("insights_report") == URL
    response = staff.get(URL)
    assert response.status_code == 200
    assert "Fréquentation" in response.content.decode()
    assert '"name": "frequentation"' in menu_props(staff)


def test_a_merchant_may_not_see_the_report(client, merchant_a):
    client.force_login(merchant_a.user)
    # Not a view merchants reach (offers.admin_access): a plain refusal.
    for params in [{}, {"export": "commerces-vues"}]:
        assert client.get(URL, params).status_code == 403
    assert '"name": "frequentation"' not in menu_props(client)


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("params", "days", "notices"),
    [
        ({}, 30, 0),
        ({"periode": "7"}, 7, 0),
        ({"periode": "90"}, 90, 0),
        ({"periode": "12"}, 30, 1),
        ({"du": "2026-13-40", "au": "2026-01-01"}, 30, 1),
        ({"du": "pas une date"}, 30, 1),
    ],
)
def test_the_period_comes_from_the_query_string(params, days, notices):
    choice = parse_period(params, today())
    assert choice.period.days == days
    assert choice.period.end == today()
    assert len(choice.notices) == notices


def test_chosen_dates_win_over_a_number_of_days():
    start, end = today() - timedelta(days=20), today() - timedelta(days=10)
    choice = parse_period({"periode": "7", "du": start.isoformat(), "au": end.isoformat()}, today())
    assert (choice.period.start, choice.period.end, choice.days) == (start, end, None)
    previous = choice.period.previous()
    assert (previous.start, previous.end) == (start - timedelta(days=11), start - timedelta(1))


@pytest.mark.parametrize(
    ("start", "end"), [(5, 10), (-1, 0), (400, 0)], ids=["reversed", "future", "too-long"]
)
def test_unusable_dates_fall_back_with_a_notice(start, end):
    params = {
        "du": (today() - timedelta(days=start)).isoformat(),
        "au": (today() - timedelta(days=end)).isoformat(),
    }
    choice = parse_period(params, today())
    assert choice.period.days == 30
    assert choice.notices


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(["periode", "du", "au", "export"]), st.text(max_size=30), max_size=4
    )
)
def test_any_query_string_gets_a_page_or_a_404_never_an_error(staff, params):
    assert staff.get(URL, params).status_code in (200, 404)


def test_totals_compare_the_period_with_the_one_before(staff):
    shop = ShopPageFactory()
    add_count(today(), shop.pk, "view", amount=15)
    add_count(today() - timedelta(days=10), shop.pk, "view", amount=5)
    add_count(today() - timedelta(days=8), shop.pk, "directions", amount=2)
    add_count(today() - timedelta(days=9), shop.pk, "view", amount=10)  # previous week
    add_search(today(), "fleuriste", found=False, amount=3)
    add_search(today(), "pain", found=True, amount=1)
    table = traffic.totals_table(last_days(7, today()))
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Pages vues"] == [15, 15, "+0 %"]
    assert rows["Intentions de visite (toutes)"] == [0, 2, "−100 %"]
    assert rows["Recherches dans l'annuaire"] == [4, 0, "nouveau"]
    assert rows["Recherches sans résultat"] == [3, 0, "nouveau"]


def test_the_daily_series_has_every_day_of_the_period():
    shop = ShopPageFactory()
    add_count(today() - timedelta(days=2), shop.pk, "view", amount=4)
    add_count(today() - timedelta(days=2), shop.pk, "call", amount=1)
    series = traffic.daily_series(last_days(7, today()))
    assert len(series) == 7
    assert [(day.views, day.intents) for day in series] == [(0, 0)] * 4 + [(4, 1)] + [(0, 0)] * 2


def test_the_report_ranks_shops_and_credits_offers_with_the_intents_they_led_to(staff):
    popular, quiet = ShopPageFactory(title="Le Populaire"), ShopPageFactory(title="Le Discret")
    offer = OfferPageFactory(parent=quiet, title="Bouquet du vendredi")
    add_count(today(), popular.pk, "view", amount=50)
    add_count(today(), quiet.pk, "view", amount=5)
    add_count(today(), offer.pk, "view", amount=9)
    add_count(today(), quiet.pk, "view", source_page_id=offer.pk, amount=4)
    add_count(today(), quiet.pk, "directions", source_page_id=offer.pk, amount=3)
    period = last_days(30, today())
    by_views = traffic.top_shops_table(period, "views")
    assert [row[0].text for row in by_views.rows] == ["Le Populaire", "Le Discret"]
    by_intents = traffic.top_shops_table(period, "intents")
    assert [(row[0].text, row[2]) for row in by_intents.rows] == [("Le Discret", 3)]
    (offers,) = traffic.source_tables(period, only="offres")
    assert [(row[0].text, row[1].text, *row[2:]) for row in offers.rows] == [
        ("Bouquet du vendredi", "Le Discret", 9, 4, 3)
    ]
    page = staff.get(URL).content.decode()
    assert "Bouquet du vendredi" in page
    assert "Le Populaire" in page


def test_searches_most_made_and_without_result():
    add_search(today(), "boulangerie", found=True, amount=8)
    add_search(today(), "cordonnier", found=False, amount=5)
    add_search(today() - timedelta(days=1), "cordonnier", found=False, amount=2)
    period = last_days(7, today())
    assert traffic.searches_table(period).rows == [["boulangerie", 8], ["cordonnier", 7]]
    assert traffic.searches_table(period, without_result=True).rows == [["cordonnier", 7]]


def test_directory_health(merchant_a):
    from directory.models import ShopPage

    ShopPage.objects.filter(pk=merchant_a.shop.pk).update(hours_confirmed_on=today())
    ShopPageFactory(title="Sans nouvelles")  # no photo, no offer, hours never confirmed
    get_user_model().objects.filter(pk=merchant_a.user.pk).update(
        last_login=timezone.now() - timedelta(days=45)
    )
    rows = dict(health.health_table(today()).rows)
    assert rows["Commerces publiés"] == 2
    assert rows["Horaires confirmés ces 90 derniers jours"] == "50 %"
    assert rows["Commerces sans photo"] == 2
    assert rows["Commerces sans offre ces 4 dernières semaines"] == 1
    assert rows["Commerçants non connectés depuis 30 jours"] == 1
    without_offer = reports.report_table("commerces-sans-offre", None, today())
    assert [row[0].text for row in without_offer.rows] == ["Sans nouvelles"]
    (merchant_row,) = health.inactive_merchants_table(today()).rows
    assert merchant_row[3] == merchant_a.shop.title


def test_every_table_exports_to_csv(staff):
    shop = ShopPageFactory(title='=HYPERLINK("http://evil.example")')
    add_count(today(), shop.pk, "view", amount=3)
    add_search(today(), "pain", found=True)
    page = staff.get(URL).content.decode()
    slugs = [
        "totaux", "jours", "commerces-vues", "commerces-intentions", "offres", "histoires",
        "campagnes", "recherches", "recherches-sans-resultat", "sante",
        "commerces-sans-photo", "commerces-sans-offre", "commercants-inactifs",
    ]  # fmt: skip
    for slug in slugs:
        assert f"export={slug}" in page, slug
        response = staff.get(URL, {"periode": "7", "export": slug})
        assert response.status_code == 200, slug
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert f"frequentation-{slug}-" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0], slug
    rows = list(
        csv.reader(
            io.StringIO(staff.get(URL, {"export": "commerces-vues"}).content.decode("utf-8-sig"))
        )
    )
    assert rows[1][:2] == ['\'=HYPERLINK("http://evil.example")', "3"]
    assert staff.get(URL, {"export": "inconnu"}).status_code == 404


def test_the_chart_is_an_accessible_svg_with_a_table_of_its_figures(staff):
    shop = ShopPageFactory()
    add_count(today(), shop.pk, "view", amount=12)
    page = staff.get(URL, {"periode": "7"}).content.decode()
    assert 'role="img" aria-labelledby="chart-svg-title chart-svg-desc"' in page
    assert '<desc id="chart-svg-desc">' in page
    assert "12 pages vues" in page
    assert "<summary>Les chiffres du graphique, jour par jour</summary>" in page


# --- Offers name their shop; "… et N autres lignes" is what the export adds ----------


def test_offer_rows_name_their_shop(staff):
    beffroi, vieux_port = ShopPageFactory(title="Au Beffroi"), ShopPageFactory(title="Vieux Port")
    for shop, views in ((beffroi, 5), (vieux_port, 3)):
        offer = OfferPageFactory(parent=shop, title="Bouquet de saison")
        add_count(today(), offer.pk, "view", amount=views)
    (offers,) = traffic.source_tables(last_days(7, today()), only="offres")
    assert offers.columns[:2] == ["Offres", "Commerce"]
    assert [(row[0].text, row[1].text) for row in offers.rows] == [
        ("Bouquet de saison", "Au Beffroi"),
        ("Bouquet de saison", "Vieux Port"),
    ]
    exported = export_rows(staff, "offres")
    assert [row[:3] for row in exported[1:]] == [
        ["Bouquet de saison", "Au Beffroi", "5"],
        ["Bouquet de saison", "Vieux Port", "3"],
    ]


def test_story_rows_have_no_shop_column():
    (stories,) = traffic.source_tables(last_days(7, today()), only="histoires")
    assert "Commerce" not in stories.columns


def export_rows(client, slug):
    response = client.get(URL, {"periode": "7", "export": slug})
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def shown_table(page, slug):
    """(rows shown, N of "… et N autres lignes", or 0) of the report's table `slug`."""
    start = page.index(f'aria-labelledby="table-{slug}"')
    section = page[start : page.index("</section>", start)]
    tbody = section[section.index("<tbody>") : section.index("</tbody>")]
    more = re.search(r"… et (\d+) autres? lignes? dans l'export", section)
    return tbody.count("<tr>"), int(more.group(1)) if more else 0


MANY = 23  # more than the report's 10 rows, and more than 10 + 1


@pytest.fixture
def many_rows():
    """MANY of everything the long tables list: shops seen and visited (none with a
    photo or an offer), offers seen, searches with and without result."""
    shops = [ShopPageFactory(title=f"Commerce {number:02d}") for number in range(MANY)]
    for number, shop in enumerate(shops):
        add_count(today(), shop.pk, "view", amount=number + 1)
        add_count(today(), shop.pk, "directions", amount=number + 1)
        add_search(today(), f"trouvé {number}", found=True, amount=number + 1)
        add_search(today(), f"introuvable {number}", found=False, amount=number + 1)
    for number, shop in enumerate(shops[:12]):
        # Ended weeks ago: the shop has had no offer in the last four weeks.
        offer = OfferPageFactory(
            parent=shop,
            start_date=today() - timedelta(days=60),
            end_date=today() - timedelta(days=40),
        )
        add_count(today(), offer.pk, "view", amount=number + 1)
    return shops


@pytest.mark.parametrize(
    ("slug", "rows"),
    [
        ("commerces-vues", MANY),
        ("commerces-intentions", MANY),
        ("offres", 12),
        ("recherches", 2 * MANY),
        ("recherches-sans-resultat", MANY),
        ("commerces-sans-photo", MANY),
        ("commerces-sans-offre", MANY),
    ],
)
def test_the_rows_left_out_are_the_ones_the_export_adds(staff, many_rows, slug, rows):
    page = staff.get(URL, {"periode": "7"}).content.decode()
    shown, more = shown_table(page, slug)
    exported = export_rows(staff, slug)[1:]
    assert len(exported) == rows
    assert (shown, more) == (10, rows - 10)


def test_no_more_line_when_every_row_is_shown(staff):
    shop = ShopPageFactory()
    add_count(today(), shop.pk, "view")
    page = staff.get(URL, {"periode": "7"}).content.decode()
    assert shown_table(page, "commerces-vues") == (1, 0)
    assert "dans l'export" not in page


# --- 200 shops, 90 days -------------------------------------------------------------


@pytest.fixture(scope="module")
def busy_directory(django_db_setup, django_db_blocker):
    """200 generated shops with 90 days of views and intents, a few offers credited with
    intents, and searches: written in bulk once for the module, rolled back after."""
    from django.db import transaction

    from demo.runner import DemoReport
    from demo.shops.generated import add_generated_shops
    from directory.models import ShopPage
    from insights.models import DailySearch
    from tests.factories import DirectoryPageFactory, HomePageFactory

    with django_db_blocker.unblock(), transaction.atomic():
        DirectoryPageFactory(parent=HomePageFactory())
        add_generated_shops(200, DemoReport())
        shops = list(ShopPage.objects.values_list("pk", flat=True))
        offers = [OfferPageFactory(parent=ShopPage.objects.get(pk=pk)).pk for pk in shops[:5]]
        rows, searches = [], []
        for offset in range(90):
            day = today() - timedelta(days=offset)
            for index, shop in enumerate(shops):
                rows.append(DailyCount(day=day, page_id=shop, kind="view", count=index % 7 + 1))
                if index % 3 == 0:
                    rows.append(DailyCount(day=day, page_id=shop, kind="directions", count=1))
            for offer in offers:
                rows.append(DailyCount(day=day, page_id=offer, kind="view", count=2))
                rows.append(
                    DailyCount(
                        day=day, page_id=shops[0], kind="call", source_page_id=offer, count=1
                    )
                )
            searches.append(
                DailySearch(day=day, query=f"recherche {offset}", found=bool(offset % 4), count=3)
            )
        DailyCount.objects.bulk_create(rows, batch_size=2000)
        DailySearch.objects.bulk_create(searches)
        check_deferred_constraints()
        yield len(shops)
        transaction.set_rollback(True)


@pytest.mark.long_running
def test_the_report_makes_a_bounded_number_of_queries_with_200_shops_and_90_days(
    busy_directory, staff_user, client, django_assert_max_num_queries
):
    assert busy_directory == 200
    client.force_login(staff_user)
    client.get(URL)  # warms the admin's caches (menus, site, content types)
    # 27 today: the report's grouped queries plus the admin's own (session, user, menus);
    # and one search of the directory for each search without result run again, of which
    # there are at most search_gaps.CHECKED (23 here): two queries each at most, all the
    # words, then the partial matches when no shop has them all.
    with django_assert_max_num_queries(30 + 2 * search_gaps.CHECKED):
        response = client.get(URL, {"periode": "90"})
    assert response.status_code == 200
    assert response.context["report"].daily.rows[-1][1] > 0

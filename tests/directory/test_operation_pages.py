"""The operations' public pages: the section lists the coming operations before the
past ones; an operation's page lists and maps its shops as they are on its day, with
their current offers, in a number of queries that does not grow with them."""

import re
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from core.clock import BRUSSELS
from directory.models import OperationKind, OperationPage
from tests.factories import (
    ALL_WEEK,
    ImageFactory,
    OfferPageFactory,
    OperationPageFactory,
    ShopPageFactory,
)
from tests.html import VALIDATES_HTML, inline_code, validate_html
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

SUNDAY_OPENING = date(2026, 12, 20)  # the clock stands on Tuesday 24 November 2026
WEEKDAYS_ONLY = [(day, "09:00", "18:00") for day in range(6)]


def count_queries(client, url):
    # The first request makes the renditions, which starts a new generation of the
    # kept cards (directory.shop_cache); the second keeps them.
    client.get(url)
    client.get(url)
    with counted_rendering() as context:
        assert client.get(url).status_code == 200
    return len([query for query in context if "SAVEPOINT" not in query["sql"]])


def sunday_opening(**fields):
    return OperationPageFactory(
        title="Dimanche shopping",
        days=[(SUNDAY_OPENING, "10:00", "18:00")],
        **fields,
    )


def test_section_lists_coming_operations_before_past_ones(client, now, operations_index):
    OperationPageFactory(title="Braderie d'été", days=[(date(2026, 6, 14), "08:00", "18:00")])
    sunday_opening()
    OperationPageFactory(
        title="Chèques commerce",
        kind=OperationKind.SCHEME,
        start_date=date(2026, 11, 1),
        end_date=date(2027, 1, 31),
    )
    html = client.get("/operations/").content.decode()
    coming = html.index("Opérations en cours et à venir")
    past = html.index("Opérations passées")
    assert coming < html.index("Chèques commerce") < html.index("Dimanche shopping") < past
    assert past < html.index("Braderie d&#x27;été")


def test_section_links_to_who_is_open_on_sunday(client, now, operations_index):
    html = client.get("/operations/").content.decode()
    assert 'href="/operations/qui-est-ouvert-dimanche/"' in html


def test_operation_page_lists_the_shops_taking_part_and_only_them(client, now, operations_index):
    joined = ShopPageFactory(title="Fleurs de la Place", hours=ALL_WEEK)
    ShopPageFactory(title="Cycles du Pont", hours=ALL_WEEK)
    operation = sunday_opening(shops=[joined])
    html = client.get(operation.url).content.decode()
    assert "Fleurs de la Place" in html
    assert "Cycles du Pont" not in html
    assert "1 commerce participant" in html


def test_operation_page_says_each_shop_s_hours_on_the_coming_day(client, now, operations_index):
    operation = sunday_opening(shops=[ShopPageFactory(title="Fleurs", hours=ALL_WEEK)])
    html = client.get(operation.url).content.decode()
    assert "Les commerces ouverts le dimanche 20 décembre" in html
    # The opening day's hours replace the shop's usual Sunday (09:00–18:00).
    assert "Ouvert ce jour-là : 10:00–18:00" in html


def test_operation_page_says_the_live_status_on_the_day_itself(client, clock, operations_index):
    operation = sunday_opening(shops=[ShopPageFactory(title="Fleurs", hours=ALL_WEEK)])
    clock(datetime(2026, 12, 20, 17, 0, tzinfo=BRUSSELS))
    html = client.get(operation.url).content.decode()
    assert "Les commerces ouverts aujourd'hui" in html
    assert "Ouvert · ferme à 18:00" in html


def test_operation_page_says_a_shop_closed_that_day_is_closed(client, now, operations_index):
    shop = ShopPageFactory(
        title="Fleurs",
        hours=ALL_WEEK,
        special=[
            {
                "start_date": SUNDAY_OPENING,
                "end_date": SUNDAY_OPENING,
                "closed": True,
                "label": "Congés",
            }
        ],
    )
    html = client.get(sunday_opening(shops=[shop]).url).content.decode()
    assert "Fermé ce jour-là" in html


def test_operation_page_shows_a_shop_s_current_offer(client, now, operations_index):
    shop = ShopPageFactory(title="Fleurs", hours=ALL_WEEK)
    OfferPageFactory(parent=shop, title="Bouquet offert")
    html = client.get(sunday_opening(shops=[shop]).url).content.decode()
    assert "Offre en cours" in html


def test_operation_page_leaves_out_a_shop_taken_offline(client, now, operations_index):
    shop = ShopPageFactory(title="Fleurs", hours=ALL_WEEK)
    operation = sunday_opening(shops=[shop])
    shop.unpublish()
    assert "Fleurs" not in client.get(operation.url).content.decode()


def test_operation_page_maps_its_shops_for_the_script_and_lists_them_without(
    client, now, operations_index
):
    shops = [ShopPageFactory(title=f"Commerce {n}", hours=ALL_WEEK) for n in range(2)]
    html = client.get(sunday_opening(shops=shops).url).content.decode()
    assert html.count('class="shops-map__point"') == 2
    assert re.search(r'id="shops-map"[^>]* hidden', html)
    assert "js/shops-map" in html


def test_operation_page_shows_its_dates_partners_and_calendar_link(client, now, operations_index):
    operation = sunday_opening(partners=[{"name": "Association des commerçants"}])
    html = client.get(operation.url).content.decode()
    assert "dimanche 20 décembre 2026 (10:00–18:00)" in html
    assert "Association des commerçants" in html
    assert f'href="{operation.url}agenda.ics"' in html
    assert "Ajouter à mon agenda" in html


def test_scheme_page_lists_its_shops_without_hours(client, now, operations_index):
    operation = OperationPageFactory(
        title="Chèques commerce",
        kind=OperationKind.SCHEME,
        start_date=date(2026, 11, 1),
        end_date=date(2027, 1, 31),
        shops=[ShopPageFactory(title="Fleurs", hours=ALL_WEEK)],
    )
    html = client.get(operation.url).content.decode()
    assert "Du 1 novembre 2026 au 31 janvier 2027" in html
    assert "Les commerces participants" in html
    assert "Ouvert · ferme à 18:00" in html  # as it is now


def test_operation_page_queries_do_not_grow_with_its_shops(client, now, operations_index):
    def operation_with(count, prefix):
        shops = []
        for number in range(count):
            shop = ShopPageFactory(title=f"{prefix} {number}", hours=ALL_WEEK, logo=ImageFactory())
            OfferPageFactory(parent=shop, title=f"Offre {prefix} {number}")
            shops.append(shop)
        return OperationPageFactory(
            title=f"Opération {prefix}",
            days=[(SUNDAY_OPENING, "10:00", "18:00")],
            partners=[{"name": "Partenaire", "logo": ImageFactory()}],
            image=ImageFactory(),
            image_alt="Une rue commerçante",
            shops=shops,
        )

    small = operation_with(1, "petite")
    big = operation_with(6, "grande")
    assert count_queries(client, big.url) == count_queries(client, small.url)


def test_operation_slug_may_not_take_the_standing_page_s_address(operations_index):
    operation = OperationPage(title="Qui est ouvert dimanche ?", slug="qui-est-ouvert-dimanche")
    with pytest.raises(ValidationError) as error:
        operations_index.add_child(instance=operation)
    assert "slug" in error.value.message_dict


def test_a_shop_closed_on_sundays_that_joined_is_open_that_day(client, now, operations_index):
    shop = ShopPageFactory(title="Quincaillerie", hours=WEEKDAYS_ONLY)
    html = client.get(sunday_opening(shops=[shop]).url).content.decode()
    assert "Ouvert ce jour-là : 10:00–18:00" in html


def test_a_shop_s_own_hours_for_the_day_are_shown(client, now, operations_index):
    from datetime import time

    from directory.models import OperationParticipation

    shop = ShopPageFactory(title="Quincaillerie", hours=WEEKDAYS_ONLY)
    operation = sunday_opening()
    OperationParticipation.objects.create(
        operation=operation, shop=shop, opens=time(13, 0), closes=time(17, 0)
    )
    assert "Ouvert ce jour-là : 13:00–17:00" in client.get(operation.url).content.decode()


@VALIDATES_HTML
def test_operations_pages_are_valid_html_without_inline_code(client, now, operations_index):
    shop = ShopPageFactory(title="Fleurs", hours=ALL_WEEK, logo=ImageFactory())
    OfferPageFactory(parent=shop)
    operation = sunday_opening(
        shops=[shop],
        image=ImageFactory(),
        image_alt="Une rue commerçante",
        partners=[{"name": "Association", "url": "https://asso.example", "logo": ImageFactory()}],
    )
    documents = {
        url: client.get(url).content.decode()
        for url in ["/", "/operations/", operation.url, "/operations/qui-est-ouvert-dimanche/"]
    }
    assert validate_html(documents) == []
    assert [inline_code(html) for html in documents.values()] == [[]] * 4


def test_an_unsaved_operation_previews_with_its_days(rf, now, operations_index):
    from datetime import time

    from directory.models import OperationDay

    operation = OperationPage(title="Nocturne", slug="nocturne", intro="<p>Le soir.</p>")
    operation.days = [OperationDay(date=SUNDAY_OPENING, opens=time(18), closes=time(22))]
    request = rf.get("/")
    request.is_preview = True
    response = operation.serve_preview(request, "")
    html = response.render().content.decode()
    assert "dimanche 20 décembre 2026 (18:00–22:00)" in html
    assert "Aucun commerce inscrit pour l'instant." in html

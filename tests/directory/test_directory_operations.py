"""The directory and the city's operations: the operation= filter, a service a scheme
took over, "ouvert=" on an opening day, and the operations' badges."""

from datetime import date, time

import pytest

from directory.models import OperationKind, OperationParticipation
from directory.operations import badges_of_shops, participations_on, shops_taking_part
from tests.factories import (
    CategoryFactory,
    OperationPageFactory,
    ShopPageFactory,
    published_shops,
)
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

SUNDAY = date(2026, 11, 29)
WEEKDAYS = [(day, "09:00", "18:00") for day in range(6)]


def titles(response):
    return [card.shop.title for card in response.context["result"].page.object_list]


@pytest.fixture
def sunday_opening(clock):
    return OperationPageFactory(
        title="Dimanche shopping", slug="dimanche-shopping", days=[(SUNDAY, "10:00", "18:00")]
    )


@pytest.fixture
def cheques(clock):
    return OperationPageFactory(
        title="Chèques commerce",
        slug="cheques-commerce",
        kind=OperationKind.SCHEME,
        start_date=date(2026, 1, 1),
        replaces_service="cheques-commerce-de-la-ville-acceptes",
    )


@pytest.fixture
def bakery(directory):
    return ShopPageFactory(title="Boulangerie", hours=WEEKDAYS, parent=directory)


@pytest.fixture
def florist(directory):
    return ShopPageFactory(title="Fleuriste", hours=WEEKDAYS, parent=directory)


def test_operation_filter_lists_the_shops_taking_part(client, bakery, florist, cheques):
    OperationParticipation.objects.create(shop=bakery, operation=cheques)
    response = client.get("/commerces/?operation=cheques-commerce")
    assert titles(response) == ["Boulangerie"]
    assert "Commerces participant à « Chèques commerce »." in response.text


@pytest.mark.parametrize("value", ["inconnue", "x" * 500, "a\x00b", "../admin", "%00"])
def test_unknown_operation_is_ignored_with_a_notice(client, bakery, value):
    response = client.get("/commerces/", {"operation": value})
    assert response.status_code == 200
    assert titles(response) == ["Boulangerie"]
    assert any("Opération inconnue" in notice for notice in response.context["query"].notices)


def test_a_draft_operation_is_unknown_to_the_filter(client, bakery, cheques):
    OperationParticipation.objects.create(shop=bakery, operation=cheques)
    cheques.unpublish()
    response = client.get("/commerces/?operation=cheques-commerce")
    assert any("Opération inconnue" in notice for notice in response.context["query"].notices)


def test_the_service_a_scheme_took_over_leads_to_its_shops(client, bakery, florist, cheques):
    OperationParticipation.objects.create(shop=florist, operation=cheques)
    response = client.get("/commerces/?service=cheques-commerce-de-la-ville-acceptes")
    assert titles(response) == ["Fleuriste"]
    assert response.context["query"].notices == []


def test_open_at_finds_the_shop_inside_its_own_hours_for_the_opening_day(
    client, bakery, florist, sunday_opening
):
    OperationParticipation.objects.create(
        shop=bakery, operation=sunday_opening, opens=time(13), closes=time(17)
    )
    OperationParticipation.objects.create(shop=florist, operation=sunday_opening)
    assert titles(client.get("/commerces/?ouvert=2026-11-29T11:00")) == ["Fleuriste"]
    assert titles(client.get("/commerces/?ouvert=2026-11-29T16:30")) == [
        "Boulangerie",
        "Fleuriste",
    ]
    assert titles(client.get("/commerces/?ouvert=2026-11-29T17:30")) == ["Fleuriste"]


def test_card_says_the_shop_is_open_on_the_opening_day(client, clock, bakery, sunday_opening):
    clock(clock.now.replace(day=29, hour=12))
    OperationParticipation.objects.create(shop=bakery, operation=sunday_opening)
    response = client.get("/commerces/")
    card = response.context["result"].page.object_list[0]
    assert card.status == "Ouvert · ferme à 18:00"
    assert [badge.title for badge in card.operations] == ["Dimanche shopping"]


def test_joining_shows_at_once_on_a_card_already_kept(client, clock, bakery, sunday_opening):
    clock(clock.now.replace(day=29, hour=12))
    client.get("/commerces/")  # the card is kept, closed on Sundays
    OperationParticipation.objects.create(shop=bakery, operation=sunday_opening)
    card = client.get("/commerces/").context["result"].page.object_list[0]
    assert card.status == "Ouvert · ferme à 18:00"


def test_shop_page_shows_its_operations_and_the_opening_day(
    client, bakery, cheques, sunday_opening
):
    OperationParticipation.objects.create(shop=bakery, operation=cheques)
    OperationParticipation.objects.create(shop=bakery, operation=sunday_opening)
    response = client.get(bakery.url)
    assert '<span class="badge">Chèques commerce</span>' in response.text
    assert '<span class="badge">Dimanche shopping</span>' in response.text


def test_a_shop_joining_or_leaving_an_operation_shows_it_on_its_page_at_once(
    client, bakery, cheques
):
    # Rendered at each request (the page cache off): the badges kept for the day are
    # what is checked.
    with counted_rendering():
        assert "Chèques commerce" not in client.get(bakery.url).text
        taking_part = OperationParticipation.objects.create(shop=bakery, operation=cheques)
        assert '<span class="badge">Chèques commerce</span>' in client.get(bakery.url).text
        taking_part.delete()
        assert "Chèques commerce" not in client.get(bakery.url).text


def test_the_badge_of_an_opening_day_leaves_the_shop_page_the_day_after(
    client, clock, bakery, sunday_opening
):
    OperationParticipation.objects.create(shop=bakery, operation=sunday_opening)
    with counted_rendering():
        clock(clock.now.replace(day=29, hour=12))
        assert '<span class="badge">Dimanche shopping</span>' in client.get(bakery.url).text
        clock(clock.now.replace(day=30, hour=12))
        assert "Dimanche shopping" not in client.get(bakery.url).text


def test_an_operation_over_gives_no_badge(bakery, sunday_opening):
    OperationParticipation.objects.create(shop=bakery, operation=sunday_opening)
    assert badges_of_shops([bakery.pk], SUNDAY)[bakery.pk][0].title == "Dimanche shopping"
    assert badges_of_shops([bakery.pk], date(2026, 11, 30)) == {}


def test_participations_of_a_day_hold_opening_days_and_running_schemes(
    bakery, florist, cheques, sunday_opening
):
    OperationParticipation.objects.create(shop=bakery, operation=sunday_opening)
    OperationParticipation.objects.create(shop=florist, operation=cheques)
    assert {row.shop_id for row in participations_on(SUNDAY)} == {bakery.pk, florist.pk}
    assert {row.shop_id for row in participations_on(date(2026, 11, 30))} == {florist.pk}


def test_shops_taking_part_are_the_live_ones(bakery, florist, cheques):
    OperationParticipation.objects.create(shop=bakery, operation=cheques)
    OperationParticipation.objects.create(shop=florist, operation=cheques)
    florist.unpublish()
    assert list(shops_taking_part(cheques)) == [bakery]


def test_operation_filter_stays_within_the_directorys_budget(client, clock, directory):
    operation = OperationPageFactory(
        title="Dimanche shopping", slug="dimanche-shopping", days=[(SUNDAY, "10:00", "18:00")]
    )
    category = CategoryFactory(name="Boulangerie", slug="boulangerie")
    shops = published_shops(25, title="Boulangerie {number:02d}", category=category, hours=WEEKDAYS)
    for shop in shops:
        OperationParticipation.objects.create(shop=shop, operation=operation)
    url = "/commerces/?operation=dimanche-shopping&ouvert=2026-11-29T11:00&categorie=boulangerie"
    client.get(url)  # warm the caches
    with counted_rendering() as context:
        response = client.get(url)
    assert len(response.context["result"].page.object_list) == 20
    assert len([query for query in context if "SAVEPOINT" not in query["sql"]]) <= 12


def test_operations_open_to_joining_come_soonest_first_without_those_closed_or_over(clock):
    from directory.operations import open_to_joining

    OperationPageFactory(title="Braderie", days=[(date(2027, 6, 6), "09:00", "19:00")])
    OperationPageFactory(title="Dimanche", days=[(SUNDAY, "10:00", "18:00")])
    OperationPageFactory(title="Chèques", kind=OperationKind.SCHEME, start_date=date(2026, 1, 1))
    OperationPageFactory(
        title="Inscriptions closes",
        days=[(SUNDAY, "10:00", "18:00")],
        joining_closes_on=date(2026, 11, 20),
    )
    OperationPageFactory(title="Passée", days=[(date(2026, 11, 1), "10:00", "18:00")])
    titles = [operation.title for operation in open_to_joining(date(2026, 11, 24))]
    assert titles == ["Chèques", "Dimanche", "Braderie"]

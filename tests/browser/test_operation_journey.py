"""A Sunday opening, end to end: a merchant joins it from the dashboard with their own
hours; a resident then finds the shop open that Sunday, at a time inside those hours, and
on the operation's page with those hours."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.clock import today
from directory.models import OperationParticipation
from offers import merchants
from tests.factories import HomePageFactory, OperationPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WEEKDAYS = [(day, "09:00", "18:00") for day in range(6)]


def next_sunday():
    day = today() + timedelta(days=1)
    return day + timedelta(days=(6 - day.weekday()) % 7)


@pytest.fixture
def merchant():
    HomePageFactory()
    shop = ShopPageFactory(title="Boulangerie du Beffroi", hours=WEEKDAYS)
    ShopPageFactory(title="Fleuriste fermé le dimanche", hours=WEEKDAYS)
    user, _created = merchants.grant_access(shop, "Marie Dupont", "marie@example.be")
    user.set_password("un-mot-de-passe")
    user.save()
    return user, shop


def test_merchant_joins_the_sunday_opening_and_residents_find_the_shop_open(page, merchant):
    user, shop = merchant
    sunday = next_sunday()
    operation = OperationPageFactory(title="Dimanche shopping", days=[(sunday, "10:00", "18:00")])

    page.goto("/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("un-mot-de-passe")
    page.locator("form button[type=submit]").click()
    section = page.locator("#operations")
    expect(section).to_contain_text("Dimanche shopping")
    section.get_by_label("Ouvre à").fill("12:00")
    section.get_by_label("Ferme à").fill("16:00")
    section.get_by_role("button", name="Participer").click()
    expect(page.locator(".messages")).to_contain_text(
        "« Boulangerie du Beffroi » participe à « Dimanche shopping »."
    )
    joined = OperationParticipation.objects.get(shop=shop, operation=operation)
    assert (f"{joined.opens:%H:%M}", f"{joined.closes:%H:%M}") == ("12:00", "16:00")

    page.context.clear_cookies()
    page.goto(f"/commerces/?ouvert={sunday.isoformat()}T13:00")
    results = page.locator(".card--shop")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Boulangerie du Beffroi")
    page.goto(f"/commerces/?ouvert={sunday.isoformat()}T11:00")
    expect(page.locator(".card--shop")).to_have_count(0)

    page.goto(operation.url)
    expect(page.get_by_role("link", name="Boulangerie du Beffroi", exact=True)).to_be_visible()
    expect(page.get_by_text("Ouvert ce jour-là : 12:00–16:00")).to_be_visible()
    expect(page.get_by_role("link", name="Fleuriste fermé le dimanche")).to_have_count(0)

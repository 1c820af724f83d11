"""The holiday rule in the shop's hours tab, as a merchant edits it: what it accepts,
what it refuses (a form error, never a 500), and only on their own shop."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from directory.models import HolidayRule, ShopPage, Weekday

pytestmark = pytest.mark.django_db


def edit_url(shop):
    return reverse("wagtailadmin_pages:edit", args=[shop.pk])


def form_data(client, shop):
    html = client.get(edit_url(shop)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    return data


def with_holiday_row(data, opens="10:00", closes="13:00"):
    """`data` with hours on the "jours fériés" line of the merchant's week."""
    day = Weekday.PUBLIC_HOLIDAY.value
    data[f"week_hours-{day}-0-opens"] = opens
    data[f"week_hours-{day}-0-closes"] = closes
    return data


def test_merchant_gives_their_shop_its_own_holiday_hours(client, merchant_a):
    client.force_login(merchant_a.user)
    data = with_holiday_row(form_data(client, merchant_a.shop))
    data["public_holidays"] = HolidayRule.OWN_HOURS
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.status_code == 302
    shop = ShopPage.objects.get(pk=merchant_a.shop.pk)
    assert shop.public_holidays == HolidayRule.OWN_HOURS
    assert [(row.opens.hour, row.closes.hour) for row in shop.opening_hours.filter(weekday=7)] == [
        (10, 13)
    ]


def test_own_hours_without_a_holiday_row_is_a_form_error(client, merchant_a):
    client.force_login(merchant_a.user)
    data = form_data(client, merchant_a.shop)
    data["public_holidays"] = HolidayRule.OWN_HOURS
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.status_code == 200
    assert "au moins une ligne au jour « jours fériés »" in response.content.decode()
    assert ShopPage.objects.get(pk=merchant_a.shop.pk).public_holidays == HolidayRule.CLOSED


def test_holiday_rows_on_a_shop_closed_on_holidays_is_a_form_error(client, merchant_a):
    client.force_login(merchant_a.user)
    data = with_holiday_row(form_data(client, merchant_a.shop))
    data["public_holidays"] = HolidayRule.CLOSED
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.status_code == 200
    assert "choisissez « horaires propres »" in response.content.decode()
    assert not ShopPage.objects.get(pk=merchant_a.shop.pk).opening_hours.filter(weekday=7)


@pytest.mark.parametrize("value", ["parfois", "", "own\x00", "9" * 50])
def test_unknown_holiday_rule_is_a_form_error(client, merchant_a, value):
    client.force_login(merchant_a.user)
    data = form_data(client, merchant_a.shop)
    data["public_holidays"] = value
    response = client.post(edit_url(merchant_a.shop), data)
    assert response.status_code == 200
    assert ShopPage.objects.get(pk=merchant_a.shop.pk).public_holidays == HolidayRule.CLOSED


def test_merchant_cannot_set_the_holiday_rule_of_another_shop(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    data = with_holiday_row(form_data(client, merchant_a.shop))
    data["public_holidays"] = HolidayRule.OWN_HOURS
    response = client.post(edit_url(merchant_b.shop), data)
    assert response.status_code in (302, 403)
    other = ShopPage.objects.get(pk=merchant_b.shop.pk)
    assert other.public_holidays == HolidayRule.CLOSED
    assert not other.opening_hours.filter(weekday=7)

"""The hours tab in the merchant's words (issue 16): the week as a grid or on one line,
a lunch break and a holiday closure in one action each, "Mes horaires sont à jour";
staff keep the inline rows. Bad input is a form error naming what is wrong, and the
rows stay as they were."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from core.clock import today
from directory.models import HolidayRule, ShopPage, SpecialHours

pytestmark = pytest.mark.django_db


def edit_url(shop):
    return reverse("wagtailadmin_pages:edit", args=[shop.pk])


def form_data(client, shop):
    html = client.get(edit_url(shop)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["action-publish"] = "action-publish"
    return data


def week_of(shop):
    shop = ShopPage.objects.get(pk=shop.pk)
    return [
        (row.weekday, f"{row.opens:%H:%M}", f"{row.closes:%H:%M}")
        for row in shop.opening_hours.order_by("weekday", "opens")
    ]


@pytest.fixture
def merchant(client, merchant_a):
    client.force_login(merchant_a.user)
    return merchant_a


def test_merchant_sets_the_week_on_one_line(client, merchant):
    data = form_data(client, merchant.shop)
    data["hours_line"] = "Mo-Fr 09:00-18:00; Sa 10:00-17:00"
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 302
    assert week_of(merchant.shop) == [
        *((day, "09:00", "18:00") for day in range(5)),
        (5, "10:00", "17:00"),
    ]


def test_one_line_with_a_lunch_break_splits_every_open_day(client, merchant):
    data = form_data(client, merchant.shop)
    data["hours_line"] = "Mo-Fr 09:00-18:00; Sa 10:00-12:00"
    data["lunch_start"], data["lunch_end"] = "12:30", "13:30"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    assert week_of(merchant.shop)[:2] == [(0, "09:00", "12:30"), (0, "13:30", "18:00")]
    assert (5, "10:00", "12:00") in week_of(merchant.shop)
    assert len(week_of(merchant.shop)) == 11


def test_merchant_sets_a_day_in_the_grid(client, merchant):
    data = form_data(client, merchant.shop)
    data["week_hours-2-0-opens"], data["week_hours-2-0-closes"] = "08:30", "12:00"
    data["week_hours-2-1-opens"], data["week_hours-2-1-closes"] = "14h", "18:30"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    assert week_of(merchant.shop) == [(2, "08:30", "12:00"), (2, "14:00", "18:30")]


def test_the_grid_shows_the_week_and_an_unchanged_form_keeps_it(client, merchant):
    shop = merchant.shop
    shop.opening_hours = [
        shop.opening_hours.model(weekday=0, opens=time(9), closes=time(12)),
        shop.opening_hours.model(weekday=0, opens=time(13), closes=time(18)),
        shop.opening_hours.model(weekday=4, opens=time(22), closes=time(2)),
    ]
    shop.save_revision().publish()
    data = form_data(client, shop)
    assert data["week_hours-0-1-opens"] == "13:00"
    assert data["hours_line"] == "Mo 09:00-12:00,13:00-18:00; Fr 22:00-02:00; PH off"
    assert client.post(edit_url(shop), data).status_code == 302
    assert week_of(shop) == [(0, "09:00", "12:00"), (0, "13:00", "18:00"), (4, "22:00", "02:00")]


# The form refuses the line before anything is written: which message it gives is the
# form's Python, the same on every engine (the accepted forms' writes run on both).
FORM_ERROR = pytest.mark.engine_independent("a form error, decided before any write")


@FORM_ERROR
@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Lu-Ve 09:00-18:00", "jour inconnu « Lu »"),
        ("Mo-Fr 9-18", "heure invalide « 9 »"),
        ("Mo-Fr 09:00-18:00; Sa", "indiquez les heures après les jours"),
        ('Mo-Fr 09:00-18:00 "oups', "pas refermé"),
    ],
)
def test_an_unreadable_line_is_a_form_error_naming_the_fault(client, merchant, line, message):
    shop = merchant.shop
    shop.opening_hours = [shop.opening_hours.model(weekday=1, opens=time(9), closes=time(17))]
    shop.save_revision().publish()
    data = form_data(client, shop)
    data["hours_line"] = line
    response = client.post(edit_url(shop), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert week_of(shop) == [(1, "09:00", "17:00")]


@FORM_ERROR
@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        ("09:00", "", "ou aucune des deux"),
        ("25:00", "18:00", "n&#x27;est pas une heure"),
        ("09:00", "09:00", "même heure"),
    ],
)
def test_a_bad_grid_line_is_a_form_error_naming_the_day(client, merchant, opens, closes, message):
    data = form_data(client, merchant.shop)
    data["week_hours-3-0-opens"], data["week_hours-3-0-closes"] = opens, closes
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jeudi : " in content
    assert message in content
    assert week_of(merchant.shop) == []


def test_overlapping_ranges_of_a_day_are_a_form_error(client, merchant):
    data = form_data(client, merchant.shop)
    data["week_hours-0-0-opens"], data["week_hours-0-0-closes"] = "09:00", "14:00"
    data["week_hours-0-1-opens"], data["week_hours-0-1-closes"] = "13:00", "18:00"
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 200
    assert "Lundi : des plages se chevauchent." in response.content.decode()


def test_a_lunch_break_ending_before_it_starts_is_a_form_error(client, merchant):
    data = form_data(client, merchant.shop)
    data["hours_line"] = "Mo-Fr 09:00-18:00"
    data["lunch_start"], data["lunch_end"] = "13:00", "12:00"
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 200
    assert "la fin après le début" in response.content.decode()
    assert week_of(merchant.shop) == []


def test_a_line_naming_holidays_sets_the_holiday_rule(client, merchant):
    data = form_data(client, merchant.shop)
    data["hours_line"] = "Mo-Sa 09:00-18:00; PH 10:00-12:00"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    shop = ShopPage.objects.get(pk=merchant.shop.pk)
    assert shop.public_holidays == HolidayRule.OWN_HOURS
    assert (7, "10:00", "12:00") in week_of(shop)


def test_a_holiday_closure_is_one_closed_special_hours_row(client, merchant):
    start = today() + timedelta(days=10)
    data = form_data(client, merchant.shop)
    data["closure_start"] = start.isoformat()
    data["closure_end"] = (start + timedelta(days=6)).isoformat()
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    closure = SpecialHours.objects.get(shop=merchant.shop)
    assert (closure.start_date, closure.end_date) == (start, start + timedelta(days=6))
    assert (closure.closed, closure.label) == (True, "Congés")


def test_the_same_closure_sent_twice_is_added_once(client, merchant):
    """The editor's autosave posts the form again and again, closure fields filled."""
    start = today() + timedelta(days=3)
    data = form_data(client, merchant.shop)
    data["closure_start"] = data["closure_end"] = start.isoformat()
    data["closure_label"] = "Inventaire"
    del data["action-publish"]
    client.post(edit_url(merchant.shop), data)
    again = form_data(client, merchant.shop)
    again.update({key: data[key] for key in ("closure_start", "closure_end", "closure_label")})
    again["special_hours-0-closed"] = "on"  # as a browser sends a ticked box
    assert client.post(edit_url(merchant.shop), again).status_code == 302
    shop = ShopPage.objects.get(pk=merchant.shop.pk)
    draft = shop.get_latest_revision_as_object()
    assert [row.label for row in draft.special_hours.all()] == ["Inventaire"]


@FORM_ERROR
@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("", "2099-01-05", "le premier et le dernier jour"),
        ("2099-01-05", "2099-01-01", "précède le premier"),
        ("2001-01-01", "2001-01-05", "déjà passés"),
        ("2099-02-30", "2099-03-01", "Saisissez une date valide"),
    ],
)
def test_a_bad_closure_is_a_form_error(client, merchant, start, end, message):
    data = form_data(client, merchant.shop)
    data["closure_start"], data["closure_end"] = start, end
    response = client.post(edit_url(merchant.shop), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SpecialHours.objects.filter(shop=merchant.shop).exists()


def test_hours_confirmed_sets_today(client, merchant):
    data = form_data(client, merchant.shop)
    data["hours_confirmed"] = "on"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    assert ShopPage.objects.get(pk=merchant.shop.pk).hours_confirmed_on == today()


def test_merchant_cannot_type_a_confirmation_date(client, merchant):
    data = form_data(client, merchant.shop)
    data["hours_confirmed_on"] = "2099-01-01"
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    assert ShopPage.objects.get(pk=merchant.shop.pk).hours_confirmed_on is None


def test_merchant_inline_rows_in_a_crafted_post_are_ignored(client, merchant):
    data = form_data(client, merchant.shop)
    data.update(
        {
            "opening_hours-TOTAL_FORMS": "1",
            "opening_hours-INITIAL_FORMS": "0",
            "opening_hours-0-weekday": "6",
            "opening_hours-0-opens": "01:00",
            "opening_hours-0-closes": "02:00",
        }
    )
    assert client.post(edit_url(merchant.shop), data).status_code == 302
    assert week_of(merchant.shop) == []


def test_a_post_without_the_grid_keeps_the_week(client, merchant):
    shop = merchant.shop
    shop.opening_hours = [shop.opening_hours.model(weekday=1, opens=time(9), closes=time(17))]
    shop.save_revision().publish()
    data = form_data(client, shop)
    for key in [key for key in data if key.startswith("week_hours-")]:
        del data[key]
    assert client.post(edit_url(shop), data).status_code == 302
    assert week_of(shop) == [(1, "09:00", "17:00")]


def test_merchant_cannot_edit_another_shops_hours(client, merchant, merchant_b):
    data = form_data(client, merchant.shop)
    data["hours_line"] = "Mo-Su 00:00-24:00"
    data["closure_start"] = data["closure_end"] = "2099-01-01"
    response = client.post(edit_url(merchant_b.shop), data)
    assert response.status_code in (302, 403)
    assert week_of(merchant_b.shop) == []
    assert not SpecialHours.objects.filter(shop=merchant_b.shop).exists()


def test_staff_keep_the_inline_rows_and_the_date(client, staff_user, merchant_a):
    client.force_login(staff_user)
    content = client.get(edit_url(merchant_a.shop)).content.decode()
    assert 'name="opening_hours-TOTAL_FORMS"' in content
    assert 'name="hours_confirmed_on"' in content
    assert "week_hours-0-0-opens" not in content
    assert 'name="hours_line"' not in content


def test_staff_set_the_confirmation_date(client, staff_user, merchant_a):
    client.force_login(staff_user)
    data = form_data(client, merchant_a.shop)
    data["hours_confirmed_on"] = "2026-01-02"
    assert client.post(edit_url(merchant_a.shop), data).status_code == 302
    assert ShopPage.objects.get(pk=merchant_a.shop.pk).hours_confirmed_on == date(2026, 1, 2)


def test_the_grid_wins_while_the_line_is_as_shown(client, merchant):
    shop = merchant.shop
    shop.opening_hours = [shop.opening_hours.model(weekday=1, opens=time(9), closes=time(17))]
    shop.save_revision().publish()
    data = form_data(client, shop)
    assert data["initial-hours_line"] == data["hours_line"] == "Tu 09:00-17:00; PH off"
    data["week_hours-1-0-closes"] = "19:00"
    assert client.post(edit_url(shop), data).status_code == 302
    assert week_of(shop) == [(1, "09:00", "19:00")]

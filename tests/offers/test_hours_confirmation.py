""" "Mes horaires sont à jour" on the merchant's dashboard (issue 16): one POST sets
the shop's confirmation date to today, for the merchant's own shop only, without
publishing or losing a draft."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from core.clock import today
from directory.models import ShopPage
from tests.merchants import set_moderation

pytestmark = pytest.mark.django_db


def confirm_url(shop):
    return reverse("offers_hours_confirmed", args=[shop.pk])


def confirmed_on(shop):
    return ShopPage.objects.get(pk=shop.pk).hours_confirmed_on


def test_the_dashboard_has_the_button_of_each_shop(client, merchant_a):
    client.force_login(merchant_a.user)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'action="{confirm_url(merchant_a.shop)}"' in content
    assert "Mes horaires sont à jour" in content


def test_merchant_confirms_their_hours_today(client, merchant_a):
    client.force_login(merchant_a.user)
    response = client.post(confirm_url(merchant_a.shop), follow=True)
    assert confirmed_on(merchant_a.shop) == today()
    shop = ShopPage.objects.get(pk=merchant_a.shop.pk)
    assert (shop.live, shop.has_unpublished_changes) == (True, False)
    assert "sont confirmés aujourd&#x27;hui" in response.content.decode()


def test_merchant_cannot_confirm_another_shops_hours(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    assert client.post(confirm_url(merchant_b.shop)).status_code == 403
    assert confirmed_on(merchant_b.shop) is None


def test_a_get_confirms_nothing(client, merchant_a):
    client.force_login(merchant_a.user)
    assert client.get(confirm_url(merchant_a.shop)).status_code == 405
    assert confirmed_on(merchant_a.shop) is None


def test_a_post_without_csrf_is_refused(merchant_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(merchant_a.user)
    assert client.post(confirm_url(merchant_a.shop)).status_code == 403
    assert confirmed_on(merchant_a.shop) is None


def test_anonymous_visitor_is_sent_to_the_login(client, merchant_a):
    response = client.post(confirm_url(merchant_a.shop))
    assert response.status_code == 302
    assert confirmed_on(merchant_a.shop) is None


def test_a_shop_with_a_draft_keeps_it_and_is_not_confirmed(client, merchant_a):
    draft = ShopPage.objects.get(pk=merchant_a.shop.pk)
    draft.short_description = "Un brouillon pas encore publié."
    draft.save_revision(user=merchant_a.user)
    client.force_login(merchant_a.user)
    response = client.post(confirm_url(merchant_a.shop), follow=True)
    assert "pas encore publiées" in response.content.decode()
    shop = ShopPage.objects.get(pk=merchant_a.shop.pk)
    assert shop.hours_confirmed_on is None
    assert shop.get_latest_revision_as_object().short_description == draft.short_description


def test_under_moderation_the_confirmation_awaits_validation(client, merchant_a):
    set_moderation(True)
    client.force_login(merchant_a.user)
    client.post(confirm_url(merchant_a.shop))
    shop = ShopPage.objects.get(pk=merchant_a.shop.pk)
    assert shop.hours_confirmed_on is None
    assert shop.get_latest_revision_as_object().hours_confirmed_on == today()
    assert WorkflowState.objects.active().filter(object_id=str(shop.pk)).exists()


def test_staff_may_confirm_a_shops_hours(client, staff_user, merchant_a):
    ShopPage.objects.filter(pk=merchant_a.shop.pk).update(hours_confirmed_on=date(2020, 1, 1))
    client.force_login(staff_user)
    client.post(confirm_url(merchant_a.shop))
    assert confirmed_on(merchant_a.shop) == today()

"""Giving a merchant access to a shop, the invitation, withdrawing it, and what a
merchant may not do to the shop itself."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from offers import merchants
from offers.models import OfferPage
from tests.factories import ShopPageFactory
from tests.offers.merchant_fixtures import (  # noqa: F401
    merchant_a_fixture,
    merchant_b_fixture,
    staff_user_fixture,
)


@pytest.mark.django_db
def test_grant_access_creates_user_group_collection_and_sends_invitation(
    django_capture_on_commit_callbacks,
):
    shop = ShopPageFactory(title="Fleurs de Lys")
    with django_capture_on_commit_callbacks(execute=True):
        user, created = merchants.grant_access(shop, "Léa Martin", "lea@example.be")
    assert created
    assert not user.has_usable_password()
    assert user.first_name == "Léa"
    access = shop.merchant_access
    assert access.group.name == "Commerçant — Fleurs de Lys"
    assert user.groups.filter(pk=access.group.pk).exists()
    assert user.has_perm("wagtailadmin.access_admin")
    assert access.collection.get_parent().name == merchants.MERCHANTS_COLLECTION
    assert shop.permissions_for_user(user).can_add_subpage()
    assert shop.permissions_for_user(user).can_publish()
    assert [message.to for message in mail.outbox] == [["lea@example.be"]]
    assert "Fleurs de Lys" in mail.outbox[0].subject


@pytest.mark.django_db
def test_invitation_link_lets_the_merchant_choose_a_password_and_log_in(
    client, django_capture_on_commit_callbacks
):
    shop = ShopPageFactory(title="Fleurs de Lys")
    with django_capture_on_commit_callbacks(execute=True):
        user, _created = merchants.grant_access(shop, "Léa Martin", "lea@example.be")
    link = re.search(r"http\S+/password_reset/confirm/\S+", mail.outbox[0].body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "Un-mot-de-passe-solide-42",
            "new_password2": "Un-mot-de-passe-solide-42",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_password_reset_complete")
    assert client.login(username=user.username, password="Un-mot-de-passe-solide-42")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_grant_access_reuses_user_by_email_for_a_second_shop(merchant_a):
    other_shop = ShopPageFactory(title="Deuxième boutique")
    user, created = merchants.grant_access(other_shop, "X", "MARCHAND-A@example.be")
    assert not created
    assert user == merchant_a.user
    assert list(merchants.merchant_shops(user)) == [merchant_a.shop, other_shop]


@pytest.mark.django_db
def test_a_shop_may_have_several_merchants(merchant_a):
    second, _created = merchants.grant_access(merchant_a.shop, "Associé", "associe@example.be")
    assert set(merchants.shop_merchants(merchant_a.shop)) == {merchant_a.user, second}
    assert merchant_a.offer.permissions_for_user(second).can_edit()


@pytest.mark.django_db
def test_withdrawn_merchant_loses_the_shop(client, merchant_a):
    merchants.withdraw_access(merchant_a.shop, merchant_a.user)
    assert not merchants.merchant_shops(merchant_a.user).exists()
    client.force_login(merchant_a.user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[merchant_a.shop.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_staff_give_and_withdraw_access_from_the_admin(
    client, staff_user, django_capture_on_commit_callbacks
):
    shop = ShopPageFactory(title="Librairie du Pont")
    client.force_login(staff_user)
    url = reverse("offers_shop_access", args=[shop.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Paul Durand", "email": "paul@example.be"})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="paul@example.be")
    assert "paul@example.be" in client.get(url).content.decode()
    client.post(reverse("offers_withdraw_access", args=[shop.pk, user.pk]))
    assert not merchants.merchant_shops(user).exists()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_access_button_is_on_the_shop_for_staff_only(client, merchant_a, staff_user):
    access_url = reverse("offers_shop_access", args=[merchant_a.shop.pk])
    explore = reverse("wagtailadmin_explore", args=[merchant_a.shop.get_parent().pk])
    client.force_login(staff_user)
    assert access_url in client.get(explore).content.decode()
    client.force_login(merchant_a.user)
    # Not a view merchants reach (offers.admin_access): a plain refusal.
    assert client.get(access_url).status_code == 403


@pytest.mark.django_db
def test_merchant_cannot_delete_or_move_their_shop(client, merchant_a):
    client.force_login(merchant_a.user)
    merchant_a.offer.delete()
    directory = merchant_a.shop.get_parent()
    # Wagtail's admin answers a refusal by sending the user back to the dashboard...
    url = reverse("wagtailadmin_pages:delete", args=[merchant_a.shop.pk])
    for response in (client.get(url), client.post(url)):
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    # ...but a destination outside their shops is refused before (offers.admin_access).
    url = reverse("wagtailadmin_pages:move_confirm", args=[merchant_a.shop.pk, directory.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
    assert type(merchant_a.shop).objects.filter(pk=merchant_a.shop.pk).exists()


@pytest.mark.django_db
def test_merchant_deletes_their_own_offer(client, merchant_a):
    client.force_login(merchant_a.user)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[merchant_a.offer.pk]))
    assert response.status_code == 302
    assert not OfferPage.objects.filter(pk=merchant_a.offer.pk).exists()


@pytest.mark.django_db
def test_merchant_menu_keeps_pages_and_images_only(client, merchant_a):
    client.force_login(merchant_a.user)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nouvelle offre" in body
    assert (
        reverse("wagtailadmin_pages:add", args=["offers", "offerpage", merchant_a.shop.pk]) in body
    )
    assert "Offre secrète A" in body
    assert reverse("wagtailadmin_reports:locked_pages") not in body
    assert reverse("wagtailimages:index") in body


@pytest.mark.django_db
def test_merchant_given_a_second_shop_keeps_their_password(
    merchant_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        merchants.grant_access(
            ShopPageFactory(title="Deuxième boutique"), "A", "marchand-a@example.be"
        )
    (message,) = mail.outbox
    assert "Deuxième boutique" in message.subject
    assert "password_reset" not in message.body
    assert merchant_a.user.username in message.body

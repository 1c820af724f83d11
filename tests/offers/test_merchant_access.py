"""Giving a merchant access to a shop, the invitation, withdrawing it, and what a
merchant may not do to the shop itself."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from offers import merchants
from offers.models import OfferPage
from tests.factories import ShopPageFactory


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
    client, django_capture_on_commit_callbacks, log_in
):
    shop = ShopPageFactory(title="Fleurs de Lys")
    with django_capture_on_commit_callbacks(execute=True):
        user, _created = merchants.grant_access(shop, "Léa Martin", "lea@example.be")
    link = re.search(r"http\S+/password_reset/confirm/\S+", mail.outbox[0].body).group(0)
    path = link.removeprefix("http://testserver")
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
    assert log_in(client, user.username, "Un-mot-de-passe-solide-42").status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_grant_access_gives_a_second_shop_to_the_confirmed_account(merchant_a):
    other_shop = ShopPageFactory(title="Deuxième boutique")
    user, created = merchants.grant_access(
        other_shop, "X", "MARCHAND-A@example.be", existing_account=merchant_a.user
    )
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
            ShopPageFactory(title="Deuxième boutique"),
            "A",
            "marchand-a@example.be",
            existing_account=merchant_a.user,
        )
    (message,) = mail.outbox
    assert "Deuxième boutique" in message.subject
    assert "password_reset" not in message.body
    assert merchant_a.user.username in message.body


# --- An address that is already an account's ---------------------------------------


def in_shop_group(user, shop):
    return user.groups.filter(shop_access__shop=shop).exists()


@pytest.mark.django_db
def test_grant_access_to_an_existing_address_asks_to_confirm_its_account(merchant_a, merchant_b):
    with pytest.raises(merchants.AccountNeedsConfirmation) as refusal:
        merchants.grant_access(merchant_a.shop, "Qui que ce soit", "MARCHAND-B@Example.BE")
    assert refusal.value.account == merchant_b.user
    assert not in_shop_group(merchant_b.user, merchant_a.shop)


@pytest.mark.django_db
def test_grant_access_refuses_a_confirmed_account_that_does_not_have_the_address(
    merchant_a, merchant_b
):
    shop = ShopPageFactory(title="Troisième boutique")
    with pytest.raises(merchants.AccountNeedsConfirmation) as refusal:
        merchants.grant_access(shop, "B", "marchand-a@example.be", existing_account=merchant_b.user)
    assert refusal.value.account == merchant_a.user
    assert not in_shop_group(merchant_a.user, shop)
    assert not in_shop_group(merchant_b.user, shop)


@pytest.mark.django_db
def test_grant_access_refuses_a_confirmed_account_for_an_address_nobody_has(merchant_a):
    shop = ShopPageFactory(title="Troisième boutique")
    with pytest.raises(merchants.AccountNeedsConfirmation) as refusal:
        merchants.grant_access(shop, "A", "inconnu@example.be", existing_account=merchant_a.user)
    assert refusal.value.account is None
    assert not get_user_model().objects.filter(email="inconnu@example.be").exists()


@pytest.mark.django_db
def test_grant_access_to_an_address_another_account_claims_meanwhile_asks_to_confirm_it(
    address_claimed_meanwhile,
):
    shop = ShopPageFactory(title="Librairie du Pont")
    other = address_claimed_meanwhile("paul@example.be")
    with pytest.raises(merchants.AccountNeedsConfirmation) as refusal:
        merchants.grant_access(shop, "Paul Durand", "Paul@Example.be")
    assert refusal.value.account.username == other
    assert not in_shop_group(refusal.value.account, shop)
    assert get_user_model().objects.filter(email__iexact="paul@example.be").count() == 1


def access_url(shop):
    return reverse("offers_shop_access", args=[shop.pk])


@pytest.mark.django_db
def test_staff_are_shown_the_account_an_existing_address_belongs_to(
    client, staff_user, merchant_a, merchant_b
):
    client.force_login(staff_user)
    mail.outbox.clear()
    response = client.post(
        access_url(merchant_a.shop), {"name": "Nouveau", "email": "MARCHAND-B@Example.BE"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Marchand B" in body
    assert merchant_b.user.username in body
    assert "marchand-b@example.be" in body
    assert "Commerce B" in body  # the shops the account already has
    assert f'name="account" value="{merchant_b.user.pk}"' in body
    assert not in_shop_group(merchant_b.user, merchant_a.shop)
    assert mail.outbox == []


@pytest.mark.django_db
def test_staff_give_the_shop_to_an_existing_account_once_they_confirm_it(
    client, staff_user, merchant_a, merchant_b, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            access_url(merchant_a.shop),
            {"name": "Nouveau", "email": "MARCHAND-B@Example.BE", "account": merchant_b.user.pk},
        )
    assert (response.status_code, response.url) == (302, access_url(merchant_a.shop))
    assert in_shop_group(merchant_b.user, merchant_a.shop)
    assert [message.to for message in mail.outbox] == [["marchand-b@example.be"]]


@pytest.mark.django_db
def test_a_crafted_confirmation_naming_another_account_gives_the_shop_to_nobody(
    client, staff_user, merchant_a, merchant_b
):
    shop = ShopPageFactory(title="Troisième boutique")
    client.force_login(staff_user)
    response = client.post(
        access_url(shop),
        {"name": "B", "email": "marchand-a@example.be", "account": merchant_b.user.pk},
    )
    # The answer is the confirmation step again, for the account that has the address.
    assert response.status_code == 200
    assert f'name="account" value="{merchant_a.user.pk}"' in response.content.decode()
    assert not in_shop_group(merchant_a.user, shop)
    assert not in_shop_group(merchant_b.user, shop)


@pytest.mark.django_db
def test_a_crafted_account_id_that_does_not_exist_is_a_form_error(client, staff_user):
    shop = ShopPageFactory(title="Troisième boutique")
    client.force_login(staff_user)
    response = client.post(
        access_url(shop), {"name": "X", "email": "x@example.be", "account": "999999"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["account"]
    assert not get_user_model().objects.filter(email="x@example.be").exists()


@pytest.mark.django_db
def test_confirming_an_account_whose_address_changed_meanwhile_asks_again(
    client, staff_user, merchant_a
):
    shop = ShopPageFactory(title="Troisième boutique")
    client.force_login(staff_user)
    first = client.post(access_url(shop), {"name": "A", "email": "marchand-a@example.be"})
    assert first.status_code == 200
    merchant_a.user.email = "ailleurs@example.be"
    merchant_a.user.save()
    response = client.post(
        access_url(shop),
        {"name": "A", "email": "marchand-a@example.be", "account": merchant_a.user.pk},
    )
    assert response.status_code == 200
    assert "n'est plus celle du compte affiché" in html.unescape(response.content.decode())
    assert not in_shop_group(merchant_a.user, shop)
    assert not get_user_model().objects.filter(email="marchand-a@example.be").exists()


@pytest.mark.django_db
def test_a_new_address_still_creates_an_account_in_one_step(
    client, staff_user, django_capture_on_commit_callbacks
):
    shop = ShopPageFactory(title="Librairie du Pont")
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(access_url(shop), {"name": "Paul", "email": "Paul@Example.BE"})
    assert response.status_code == 302
    user = get_user_model().objects.get(email__iexact="paul@example.be")
    assert user.email == "Paul@example.be"
    assert in_shop_group(user, shop)


@pytest.mark.django_db
def test_staff_granting_an_address_another_account_claims_meanwhile_are_asked_to_confirm(
    client, staff_user, address_claimed_meanwhile
):
    shop = ShopPageFactory(title="Librairie du Pont")
    other = address_claimed_meanwhile("paul@example.be")
    client.force_login(staff_user)
    response = client.post(access_url(shop), {"name": "Paul", "email": "paul@example.be"})
    assert response.status_code == 200
    assert other in response.content.decode()
    assert not get_user_model().objects.filter(groups__shop_access__shop=shop).exists()


# --- The invitation's link --------------------------------------------------------


def invitation_link(message):
    link = re.search(r"http\S+/password_reset/confirm/(\S+)/(\S+)/", message.body)
    return link.group(1), link.group(2)


def set_password_with(client, uidb64, token):
    """Follow an invitation's link and choose a password; the response of the POST."""
    url = reverse("wagtailadmin_password_reset_confirm", args=[uidb64, token])
    form_page = client.get(url, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else url,
        {
            "new_password1": "Un-mot-de-passe-solide-42",
            "new_password2": "Un-mot-de-passe-solide-42",
        },
    )


@pytest.fixture
def invited(db, django_capture_on_commit_callbacks):
    """A new merchant's account and the (uidb64, token) of their invitation."""
    shop = ShopPageFactory(title="Fleurs de Lys")
    with django_capture_on_commit_callbacks(execute=True):
        user, _created = merchants.grant_access(shop, "Léa Martin", "lea@example.be")
    return user, invitation_link(mail.outbox[-1])


def test_the_invitation_stops_working_once_the_accounts_address_changes(client, invited):
    user, (uidb64, token) = invited
    user.email = "quelquun-d-autre@example.be"
    user.save()
    response = set_password_with(client, uidb64, token)
    assert response.status_code == 200  # the "invalid link" page, no password set
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_the_invitation_is_not_usable_for_another_account(client, invited, merchant_a):
    _user, (_uidb64, token) = invited
    other_uidb64 = urlsafe_base64_encode(force_bytes(merchant_a.user.pk))
    response = set_password_with(client, other_uidb64, token)
    assert response.status_code == 200
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.check_password("secret")


def test_the_invitation_token_covers_the_address_as_django_promises(invited):
    # Pins Django's PasswordResetTokenGenerator hashing the address (since Django 3.1):
    # the two tests above rely on it.
    user, (_uidb64, token) = invited
    assert default_token_generator.check_token(user, token)
    user.email = "LEA@example.be"
    assert not default_token_generator.check_token(user, token)

"""The demo's merchant accounts: two bakers, each given access to their shop the way
staff do it (offers.merchants.grant_access), without the invitation email. A step of
`demo.runner.seed_demo`, after the shops."""

from django.contrib.auth import get_user_model

from demo.accounts import MERCHANT_ACCOUNTS
from directory.models import ShopPage
from offers import merchants

# Demo username -> the slug of their shop in demo.shops.content.
MERCHANT_SHOPS = {
    "beffroi": "boulangerie-du-beffroi",
    "fournil": "au-fournil-de-la-veze",
}


def seed_merchants(report):
    user_model = get_user_model()
    for account in MERCHANT_ACCOUNTS:
        shop = ShopPage.objects.filter(slug=MERCHANT_SHOPS[account.username]).first()
        if shop is None:
            continue
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = user_model.objects.create_user(
                account.username,
                email=f"{account.username}@commerces.vilveze.example",
                password=account.password,
                first_name=shop.title,
            )
            report.add(f"compte « {account.username} »")
        if not merchants.merchant_shops(user).filter(pk=shop.pk).exists():
            merchants.grant_access(
                shop, shop.title, user.email, invite=False, existing_account=user
            )
        report.accounts.append(account)

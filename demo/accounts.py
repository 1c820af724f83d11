"""The demo's accounts, whose passwords are published (README, `seed_demo`'s output):
the administrator (made by `demo.site`) and two merchants (made by `demo.merchants`)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str


ADMIN_ACCOUNT = DemoAccount("admin", "vitrine-admin", "administrateur (équipe communication)")
MERCHANT_ACCOUNTS = [
    DemoAccount("beffroi", "vitrine-beffroi", "commerçant (Boulangerie du Beffroi)"),
    DemoAccount("fournil", "vitrine-fournil", "commerçant (Au Fournil de la Vèze)"),
]

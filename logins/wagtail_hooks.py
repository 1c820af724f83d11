from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from logins import views
from offers.staff_menu import StaffMenuItem


@hooks.register("register_admin_urls")
def login_admin_urls():
    return [
        path(
            "connexion/double-authentification/",
            views.two_factor_overview,
            name="logins_two_factor",
        ),
        path(
            "connexion/double-authentification/activer/",
            views.two_factor_setup,
            name="logins_two_factor_setup",
        ),
        path(
            "connexion/double-authentification/code/",
            views.two_factor_verify,
            name="logins_two_factor_verify",
        ),
        path(
            "connexion/double-authentification/codes-de-secours/",
            views.two_factor_backup_codes,
            name="logins_two_factor_backup_codes",
        ),
        path(
            "connexion/double-authentification/desactiver/",
            views.two_factor_disable,
            name="logins_two_factor_disable",
        ),
        path("connexion/bloquees/", views.locked_logins, name="logins_locked_logins"),
        path("connexion/bloquees/debloquer/", views.unlock, name="logins_unlock"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("logins_two_factor"),
        "label": _("Double authentification"),
        "help_text": _("Un code de votre téléphone en plus du mot de passe, à chaque connexion."),
    }


@hooks.register("register_settings_menu_item")
def locked_logins_menu_item():
    return StaffMenuItem(
        _("Connexions bloquées"),
        reverse("logins_locked_logins"),
        name="locked-logins",
        icon_name="lock",
        order=900,
    )

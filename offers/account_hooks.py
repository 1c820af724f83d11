"""The account settings' e-mail panel and the page its confirmation link opens.

Registered from offers.wagtail_hooks (Wagtail reads hooks from modules of that name
only). WAGTAIL_EMAIL_MANAGEMENT_ENABLED is off, so Wagtail's "Nom et adresse e-mail"
panel keeps the name only; this panel asks for a new address instead of setting it
(offers.accounts)."""

from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel

from offers import views_admin
from offers.forms import EmailChangeForm


class EmailChangePanel(BaseSettingsPanel):
    name = "email_change"
    title = gettext_lazy("Adresse e-mail")
    order = 110  # just after Wagtail's name panel (100)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return EmailChangeForm(data, user=self.user, request=self.request, prefix=self.name)


@hooks.register("register_account_settings_panel")
def email_change_panel(request, user, profile):
    return EmailChangePanel(request, user, profile)


@hooks.register("register_admin_urls")
def account_urls():
    return [
        path(
            "compte/adresse/<str:token>/",
            views_admin.confirm_email,
            name="offers_confirm_email",
        ),
    ]

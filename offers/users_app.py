"""Wagtail's users app, with the account admin of offers.user_admin.

Wagtail lets a project change its user admin through the users app's configuration
(`user_viewset`); settings list this class in INSTALLED_APPS instead of "wagtail.users".
This module imports nothing of Django's models: INSTALLED_APPS imports it first."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "offers.user_admin.AccountViewSet"

    def ready(self):
        super().ready()
        from offers import user_admin  # noqa: F401 (registers the system check)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des commerces")

    def ready(self):
        from directory import choices, signals

        choices.connect()
        signals.connect()

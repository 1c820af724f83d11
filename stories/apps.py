from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Histoires")

    def ready(self):
        from stories import signals

        signals.connect()

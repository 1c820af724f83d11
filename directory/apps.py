from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des commerces")

    def ready(self):
        from django.db.models.signals import post_migrate

        from directory import choices, search_index, shop_cache, signals

        choices.connect()
        shop_cache.connect()
        signals.connect()
        post_migrate.connect(search_index.analyse_search_index, sender=self)

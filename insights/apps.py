from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Fréquentation")

    def ready(self):
        from core import caching, purges
        from directory.shop_cache import SHOP_PAGES, forget_shop_pages
        from insights.counting import forget_page_lookups
        from insights.models import InsightsSettings

        caching.register("insights-settings", InsightsSettings.forget, models=(InsightsSettings,))
        # The front cache: whether every page carries the counting script.
        purges.register_rows(InsightsSettings, purges.everything)
        # Whether the kept shop pages include the counting script.
        caching.register(SHOP_PAGES, forget_shop_pages, models=(InsightsSettings,))
        # The type of a page a beacon counts (the lookups by path expire by themselves).
        caching.register(
            "insights-page-types",
            forget_page_lookups,
            pages=(caching.PUBLISHED, caching.UNPUBLISHED, caching.MOVED),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et pages")

    def ready(self):
        from wagtail.models import PageViewRestriction, Site

        from core import caching, purges
        from home.models import SiteSettings
        from home.navigation import forget_navigation

        # The menus and the sections follow the page tree, the sites' root pages and
        # which pages are public.
        caching.register(
            "navigation",
            forget_navigation,
            models=(Site, PageViewRestriction),
            pages=caching.PAGE_CHANGES,
        )
        caching.register("site-settings", SiteSettings.forget, models=(SiteSettings,))
        # The front cache: the settings show on every page (the city, its contact).
        purges.register_rows(SiteSettings, purges.everything)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site's kernel: services every app uses (the clock, tree paths, visibility,
    caching, sites, CSP...). It has no models; the apps above it plug into it."""

    name = "core"
    verbose_name = _("Noyau du site")

    def ready(self):
        from wagtail.models import PageViewRestriction, Site

        from core import caching, compat, sites, visibility

        compat.find_site_for_request_with(sites.find_for_request)
        caching.register(
            sites.CACHE_ENTRY, sites.forget_sites, models=(Site,), pages=caching.PAGE_CHANGES
        )
        caching.register(
            visibility.CACHE_ENTRY,
            visibility.forget_restricted_paths,
            models=(PageViewRestriction,),
            pages=(caching.MOVED,),
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site's kernel: services every app uses (the clock, tree paths, visibility,
    caching, sites, CSP...). It has no models; the apps above it plug into it."""

    name = "core"
    verbose_name = _("Noyau du site")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.models import PageViewRestriction, Site

        from core import (
            caching,
            checks,  # noqa: F401  (registers the SITE_URL checks)
            compat,
            purges,
            site_url,
            sites,
            visibility,
        )

        compat.find_site_for_request_with(sites.find_for_request)
        # Once per `migrate`: core has no models, so it gets no post_migrate of its own.
        post_migrate.connect(
            site_url.sync_after_migrate,
            sender=apps.get_app_config("wagtailcore"),
            dispatch_uid="core.site_url.sync_after_migrate",
        )
        caching.register(
            sites.CACHE_ENTRY, sites.forget_sites, models=(Site,), pages=caching.PAGE_CHANGES
        )
        caching.register(
            visibility.CACHE_ENTRY,
            visibility.forget_restricted_paths,
            models=(PageViewRestriction,),
            pages=(caching.MOVED,),
        )
        # The front cache: every page change, and what every page shows (the sites, who
        # may see what).
        purges.connect()
        for model in (Site, PageViewRestriction):
            purges.register_rows(model, purges.everything)
        purges.register_rows(Redirect, purges.missing)

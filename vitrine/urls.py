from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core import front_cache
from logins import urls as logins_urls
from offers.admin_access import merchants_reach_only_listed_views

# Every admin view (Wagtail's, the login throttle's password reset form before Wagtail's,
# and those the apps register with the `register_admin_urls` hook) gets the admin's own
# CSP and answers a merchant only if offers.admin_access lists it: deny by default. A
# view served under /admin/ must be in these patterns.
admin_urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(
        logins_urls.admin_overrides + wagtailadmin_urls.urlpatterns,
        csp_override(settings.ADMIN_CSP),
    ),
    merchants_reach_only_listed_views,
)

urlpatterns = [
    path("admin/", include(admin_urlpatterns)),
    # Documents are served as they are, to whoever may see their collection: not kept by
    # a front cache, which no change to a document or a collection would purge.
    path("documents/", include(decorate_urlpatterns(wagtaildocs_urls.urlpatterns, never_cache))),
    # Every live, public page of the requested site, for search engines.
    path("sitemap.xml", front_cache.showing(front_cache.SITEMAP)(sitemap), name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The pages' calendars and the directory's data files (their names have dots, which
# Wagtail's page URLs don't),
# the reminders' opt-out link (no login), the pages' counting beacon, then everything
# else is a page of Wagtail's tree; this must come last.
urlpatterns += [
    path("", include("core.urls")),
    path("", include("directory.urls")),
    path("", include("offers.reminder_urls")),
    path("", include("insights.urls")),
    path("", include(wagtail_urls)),
]

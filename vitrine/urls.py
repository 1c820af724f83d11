from django.conf import settings
from django.urls import include, path
from django.views.decorators.csp import csp_override
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from logins import urls as logins_urls

urlpatterns = [
    path(
        "admin/",
        include(
            decorate_urlpatterns(
                # The password reset form, counted by the login throttle, before Wagtail's.
                logins_urls.admin_overrides + wagtailadmin_urls.urlpatterns,
                csp_override(settings.ADMIN_CSP),
            )
        ),
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Every live, public page of the requested site, for search engines.
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The directory's data files (their names have dots, which Wagtail's page URLs don't),
# the reminders' opt-out link (no login), the pages' counting beacon, then everything
# else is a page of Wagtail's tree; this must come last.
urlpatterns += [
    path("", include("directory.urls")),
    path("", include("offers.reminder_urls")),
    path("", include("insights.urls")),
    path("", include(wagtail_urls)),
]

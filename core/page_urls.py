"""A page's address, worked out once per process for each set of what it depends on.

Every link to a page (`{% pageurl %}`, `page.url`, the canonical address, the JSON-LD)
goes through Wagtail's `Page.get_url_parts`, which reverses Wagtail's serving URL
pattern for the page's path at each call: a list of twenty offer cards does it forty
times per rendering. Its answer depends only on the page's `url_path`, the sites' root
paths, the current site, the URL configuration and script prefix, and the language, so
it is remembered under all of these: a page moved or renamed has another `url_path`, a
site changed has other root paths (Wagtail drops them from its cache), and the answer
for the new ones is worked out again. Wagtail invites page types to override
`get_url_parts`; this one asks Wagtail's for anything it has not seen.
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from wagtail.models import Site

from core import compat

# Far more than a site's pages linked from one page; past it the memory starts again.
MAX_REMEMBERED = 20_000
_remembered = {}
_NOT_ROUTABLE = object()


class PageUrlsRemembered:
    """Mixed into the site's page types, before Page (core.pages.SitePage)."""

    def get_url_parts(self, request=None):
        if request is None:
            # Without a request Wagtail reads the root paths from the cache each time;
            # remembering would save nothing of that.
            return super().get_url_parts(request)
        site = Site.find_for_request(request)
        key = (
            self.url_path,
            tuple(compat.site_root_paths(self, request)),
            site.pk if site is not None else None,
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            get_language(),
            getattr(settings, "WAGTAIL_I18N_ENABLED", False),
        )
        parts = _remembered.get(key)
        if parts is None:
            parts = super().get_url_parts(request)
            if len(_remembered) >= MAX_REMEMBERED:
                _remembered.clear()
            _remembered[key] = _NOT_ROUTABLE if parts is None else parts
        return None if parts is _NOT_ROUTABLE else parts

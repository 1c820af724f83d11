"""What every page type of the site shares, mixed in before Wagtail's Page."""

from core.page_urls import PageUrlsRemembered
from core.visibility import ViewRestrictionsFromCache


class SitePage(ViewRestrictionsFromCache, PageUrlsRemembered):
    """A page type of the site: it asks for its view restrictions only when some page
    has one (core.visibility), and works its address out once (core.page_urls)."""

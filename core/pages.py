"""What every page type of the site shares, mixed in before Wagtail's Page."""

from core import compat
from core.page_urls import PageUrlsRemembered
from core.visibility import ViewRestrictionsFromCache


class SitePage(ViewRestrictionsFromCache, PageUrlsRemembered):
    """A page type of the site: it asks for its view restrictions only when some page
    has one (core.visibility), works its address out once (core.page_urls), and is read
    from the database without the constructors that only concern a new page
    (core.compat.page_from_db): a list of twenty offer cards reads forty pages."""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        return compat.page_from_db(cls, db, field_names, values, **kwargs)

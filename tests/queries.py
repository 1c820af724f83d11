"""Counting the queries of a page's rendering."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings


@contextmanager
def counted_rendering():
    """Capture the queries of the requests made inside, each rendered by its view: the
    page cache (core.page_cache), which answers a page asked for before without any
    query, is off. Query budgets are the rendering's."""
    with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as context:
        yield context

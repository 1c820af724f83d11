"""The kernel's part in serving a page: what the front cache keys it by."""

from wagtail import hooks

from core import front_cache


@hooks.register("before_serve_page")
def key_the_page(page, request, serve_args, serve_kwargs):
    """A page carries its own key and those of the pages above it (core.front_cache)."""
    front_cache.shows(*front_cache.page_keys(page))

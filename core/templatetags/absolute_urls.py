"""`{% absolute_url path %}`: a path on the site's address (core.site_url), for the
templates that write an absolute link to something that is not a page (robots.txt's
sitemap). Pages use `{% fullpageurl %}`, from the same setting through the Site."""

from django import template

from core.site_url import absolute_url as _absolute_url

register = template.Library()


@register.simple_tag
def absolute_url(path):
    return _absolute_url(str(path))

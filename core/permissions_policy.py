"""The Permissions-Policy header: which browser features the site's pages may use.

Django's SecurityMiddleware does not write it. The site uses geolocation (the
directory's "Autour de moi" button) from its own pages only, and nothing else on the
list: a script that got in somehow, or a page that frames one of ours, cannot turn on
the camera or start a payment."""

from django.conf import settings

KEYWORDS = {"self", "src", "*"}


def header_value(policy):
    """`{"geolocation": ["self"], "camera": []}` as `geolocation=(self), camera=()`, in
    the header's structured-field syntax (an origin is a quoted string)."""
    return ", ".join(
        f"{feature}=({' '.join(_item(origin) for origin in allowlist)})"
        for feature, allowlist in policy.items()
    )


def _item(origin):
    return origin if origin in KEYWORDS else f'"{origin}"'


class PermissionsPolicyMiddleware:
    """Adds settings.PERMISSIONS_POLICY to every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = header_value(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response

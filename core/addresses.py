"""The visitor's address, one answer for everything that counts per address: the
counting beacon's rate limit (insights.visitors) and the failed-login throttle
(django-axes, through AXES_CLIENT_IP_CALLABLE)."""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    """The visitor's IP address, or None when the request carries no usable one.

    Behind a reverse proxy every request comes from the proxy, so
    settings.INSIGHTS_ADDRESS_HEADER names the header it writes the visitor's address in
    (e.g. HTTP_X_FORWARDED_FOR): its last entry, the one the proxy itself added (earlier
    entries are whatever the client claimed). A value that is not an address (a client
    writing the header itself when no proxy is in front) falls back to REMOTE_ADDR:
    axes stores the address in an `inet` column, which refuses anything else."""
    header = getattr(settings, "INSIGHTS_ADDRESS_HEADER", "")
    forwarded = request.META.get(header, "") if header else ""
    if forwarded:
        address = _valid(forwarded.split(",")[-1])
        if address:
            return address
    return _valid(request.META.get("REMOTE_ADDR", ""))

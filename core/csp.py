"""Content-Security-Policy helpers: the origins a map tile URL loads from, and a policy
that also allows them as images (home.map_tiles adds the site's tile server to each
HTML response with these)."""

import re
from urllib.parse import urlsplit

# Leaflet's default subdomains for a {s} in the tile URL ("https://{s}.tile.example.org").
TILE_SUBDOMAINS = ("a", "b", "c")
# A host name or IPv4 address with an optional port: nothing that could end the
# directive or add another one to the policy (spaces, ";", quotes, "*"...).
_HOST = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$")


def tile_origins(tile_url):
    """The origins a tile URL template loads from, e.g. ["https://tile.example.org"];
    an empty list for anything that is not a well-formed http(s) URL."""
    if not isinstance(tile_url, str):
        return []
    try:
        parts = urlsplit(tile_url.strip())
    except ValueError:
        return []
    if parts.scheme not in ("http", "https"):
        return []
    hosts = (
        [parts.netloc.replace("{s}", subdomain) for subdomain in TILE_SUBDOMAINS]
        if "{s}" in parts.netloc
        else [parts.netloc]
    )
    hosts = [host.lower() for host in hosts]
    if not all(_HOST.match(host) for host in hosts):
        return []
    return [f"{parts.scheme}://{host}" for host in hosts]


def with_image_origins(config, origins):
    """A copy of the CSP `config` whose img-src also allows `origins`."""
    image_sources = list(config.get("img-src", config.get("default-src", [])))
    return {
        **config,
        "img-src": [*image_sources, *(o for o in origins if o not in image_sources)],
    }

"""schema.org JSON-LD of the site as a whole: the city that runs it (an Organization,
with its logo, named as the publisher of the stories and the organiser of operations)
and the site itself (a WebSite, whose search is the directory's `?q=`).

See https://developers.google.com/search/docs/appearance/structured-data/organization
and https://developers.google.com/search/docs/appearance/site-names.
"""

from django.templatetags.static import static
from django.utils.translation import gettext as _

from core.images import rendition_of
from core.phone import e164
from core.site_url import absolute_url
from core.structured_data import without_empty

# The city's logo when staff set none in the site settings (drawn for Vitrine).
FALLBACK_LOGO = "img/city-logo.svg"
FALLBACK_LOGO_SIZE = 512
# Google asks for a logo of 112×112 pixels at least; this keeps its proportions.
LOGO_FILTER = "max-512x512|format-png"


def city_id():
    """The @id of the city's Organization: the site's home + "#ville"."""
    return absolute_url("/#ville")


def city_logo(settings):
    """The city's logo as an ImageObject: the one in the site settings, else Vitrine's."""
    if settings.logo is not None:
        rendition = rendition_of(settings.logo, LOGO_FILTER)
        url, width, height = absolute_url(rendition.url), rendition.width, rendition.height
    else:
        url = absolute_url(static(FALLBACK_LOGO))
        width = height = FALLBACK_LOGO_SIZE
    return {"@type": "ImageObject", "url": url, "width": width, "height": height}


def city_organization(settings):
    """The city as the GovernmentOrganization (an Organization) that runs the site, from
    its site settings: name, logo and how to reach it."""
    return without_empty(
        {
            "@type": "GovernmentOrganization",
            "@id": city_id(),
            "name": settings.city_name or _("la ville"),
            "url": absolute_url("/"),
            "logo": city_logo(settings),
            "address": ", ".join(
                line.strip() for line in settings.contact_address.splitlines() if line.strip()
            ),
            "telephone": e164(settings.contact_phone),
            "email": settings.contact_email,
            "sameAs": [url for url in (settings.facebook_url, settings.instagram_url) if url],
        }
    )


def website_json_ld(*, name, home_url, search_url, settings):
    """The home page's document: the WebSite, published by the city, whose search box
    is the directory's (`search_url?q=…`), and the city itself."""
    website = {
        "@type": "WebSite",
        "@id": f"{home_url}#site",
        "name": name,
        "url": home_url,
        "inLanguage": "fr-BE",
        "publisher": {"@id": city_id()},
    }
    if search_url:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{absolute_url(search_url)}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        }
    return {"@context": "https://schema.org", "@graph": [website, city_organization(settings)]}

"""The shop editor's lookup of a typed address in the city's register, as the merchant
types (static/js/admin-address-lookup.js): the same answer the form gives on save."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from directory.address_register import locate

# Longer than any street's name with its number: what is beyond is not an address.
MAX_LENGTH = 200


@require_GET
def address_lookup(request):
    """{"found", "latitude", "longitude", "message"} for ?street=&postcode=&locality=."""
    street, postcode, locality = (
        request.GET.get(name, "")[:MAX_LENGTH] for name in ("street", "postcode", "locality")
    )
    location = locate(street, postcode, locality)
    point = location.point
    return JsonResponse(
        {
            "found": location.found,
            "outcome": location.outcome.value,
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "message": location.message,
        }
    )

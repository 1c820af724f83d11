"""The demo town's address register, so that the shop editor finds the demo's addresses
as it would a real city's: every street of demo.shops.content, numbered 1 to 150, made
into the BeSt Address extract a city downloads and loaded by the same function as
`manage.py load_addresses` (directory.address_file).

Vilvèze is fictional, so its streets are drawn: each runs straight out from its
district's centre, the streets of a district spread around it like spokes, odd numbers
on one side and even numbers on the other, a house every 12 metres. The demo shops
stand at their addresses' points (`address_point`)."""

import csv
import io
import math
import random
from functools import cache

from demo.shops.content import DISTRICTS, KM_PER_DEGREE, LOCALITY, POSTCODE
from directory.address_file import BEST_ADDRESS_COLUMNS, load_address_register
from directory.models import AddressPoint

NUMBERS = range(1, 151)
# Where a street's first house stands from its district's centre, how far apart houses
# of the same side are, and how far each side is from the street's middle (metres).
FIRST_HOUSE_M = 20
HOUSE_WIDTH_M = 12
HALF_STREET_M = 6
# A few demo addresses are boxes of one building, as shops above a shop are.
BOXES = {("Grand-Place", 7): ("1", "2"), ("Rue de la Station", 12): ("A", "B")}


@cache
def _bearing(district, street_index):
    """The direction (radians from north) of the district's `street_index`th street."""
    first = random.Random(district.slug).random() * 2 * math.pi
    return first + street_index * 2 * math.pi / len(district.streets)


def address_point(district, street_index, number):
    """The (latitude, longitude) of `number` on the district's `street_index`th street."""
    bearing = _bearing(district, street_index)
    along = FIRST_HOUSE_M + (number - 1) // 2 * HOUSE_WIDTH_M
    across = HALF_STREET_M if number % 2 else -HALF_STREET_M
    north = along * math.cos(bearing) - across * math.sin(bearing)
    east = along * math.sin(bearing) + across * math.cos(bearing)
    metres_per_degree = KM_PER_DEGREE * 1000
    latitude = district.latitude + north / metres_per_degree
    longitude = district.longitude + east / (
        metres_per_degree * math.cos(math.radians(district.latitude))
    )
    return round(latitude, 6), round(longitude, 6)


def demo_register_csv():
    """The demo's addresses as the bytes of a BeSt Address extract."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, BEST_ADDRESS_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    address_id = 0
    for district in DISTRICTS:
        for street_index, street in enumerate(district.streets):
            for number in NUMBERS:
                latitude, longitude = address_point(district, street_index, number)
                for box in BOXES.get((street, number), ("",)):
                    address_id += 1
                    writer.writerow(
                        {
                            "EPSG:4326_lat": latitude,
                            "EPSG:4326_lon": longitude,
                            "address_id": address_id,
                            "box_number": box,
                            "house_number": number,
                            "municipality_name_fr": LOCALITY,
                            "postcode": POSTCODE,
                            "postname_fr": LOCALITY,
                            "streetname_fr": street,
                            "region_code": "BE-WAL",
                            "status": "current",
                        }
                    )
    return buffer.getvalue().encode()


def seed_addresses(report):
    """Load the demo's register, unless the town's addresses are already loaded."""
    if AddressPoint.objects.filter(postcode=POSTCODE).exists():
        return
    loaded = load_address_register(io.BytesIO(demo_register_csv())).loaded
    report.add(f"registre des adresses ({loaded} adresses)")

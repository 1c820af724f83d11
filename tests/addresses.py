"""A BeSt Address extract made for the tests: its columns, rows and a small register of
the fictional Vilvèze."""

import csv
import io

from directory.address_file import BEST_ADDRESS_COLUMNS as BEST_COLUMNS


def best_row(
    street,
    number,
    lat,
    lon,
    *,
    box="",
    postcode="5999",
    municipality="Vilvèze",
    postname="",
    street_nl="",
    status="current",
):
    """One row of a BeSt Address extract, as opendata.bosa.be writes it."""
    return {
        "EPSG:31370_x": "185000.0",
        "EPSG:31370_y": "128000.0",
        "EPSG:4326_lat": str(lat),
        "EPSG:4326_lon": str(lon),
        "address_id": "1",
        "box_number": box,
        "house_number": number,
        "municipality_id": "99999",
        "municipality_name_fr": municipality,
        "postcode": postcode,
        "postname_fr": postname,
        "street_id": "1",
        "streetname_fr": street,
        "streetname_nl": street_nl,
        "region_code": "BE-WAL",
        "status": status,
    }


def best_csv(rows, columns=BEST_COLUMNS):
    """The bytes of a BeSt Address CSV holding `rows` (dicts, or raw lines as str)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        if isinstance(row, str):
            buffer.write(row + "\n")
        else:
            writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode()


# The small register of the tests: a few streets of the fictional Vilvèze (5999) and of
# its neighbour Montaubois (5998), numbers along each street 10 m apart.
TEST_REGISTER = [
    *(
        best_row("Rue de la Station", str(n), 50.4700 + n * 0.0001, 4.8600)
        for n in (1, 2, 3, 4, 8, 10)
    ),
    best_row("Rue de la Station", "12", 50.4712, 4.8600),
    best_row("Rue de la Station", "12A", 50.4713, 4.8601),
    best_row("Rue de la Station", "14", 50.4714, 4.8600, box="1"),
    best_row("Rue de la Station", "14", 50.47145, 4.86005, box="3"),
    best_row("Avenue des Combattants", "5", 50.4690, 4.8650),
    best_row("Avenue des Combattants", "7", 50.4691, 4.8651),
    best_row("Chaussée de Bruxelles", "120", 50.4738, 4.8796),
    best_row("Rue de l'Hôtel de Ville", "3", 50.4662, 4.8702),
    best_row("Place Saint-Roch", "1", 50.4740, 4.8800, street_nl="Sint-Rochusplein"),
    best_row("Rue du Moulin", "9", 50.4612, 4.8771, status="retired"),
    best_row("Rue du Moulin", "4", 50.4500, 4.8500, postcode="5998", municipality="Montaubois"),
]


def best_file(rows, columns=BEST_COLUMNS):
    """`best_csv` as the binary stream the loader reads."""
    return io.BytesIO(best_csv(rows, columns))

"""Loading the address register from the BeSt Address extract: `manage.py load_addresses`
and directory.address_file, with files made for the tests (tests/addresses.py)."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from directory.address_file import AddressFileError, load_address_register
from directory.models import AddressPoint
from tests.addresses import BEST_COLUMNS, TEST_REGISTER, best_csv, best_file, best_row

pytestmark = pytest.mark.django_db

STATION_12 = best_row("Rue de la Station", "12", 50.4712, 4.86)


def test_a_file_loads_its_current_addresses(address_register):
    # TEST_REGISTER has one retired address, left out.
    assert AddressPoint.objects.count() == len(TEST_REGISTER) - 1
    assert address_register.loaded == len(TEST_REGISTER) - 1
    assert address_register.not_current == 1


def test_a_loaded_address_keeps_its_names_numbers_and_point(address_register):
    address = AddressPoint.objects.get(street="Rue de la Station", house_number="12A")
    assert (address.postcode, address.municipality) == ("5999", "Vilvèze")
    assert (address.number, address.number_key) == (12, "12a")
    assert address.point == (50.4713, 4.8601)


def test_french_names_come_first_and_dutch_is_kept_for_lookup(address_register):
    place = AddressPoint.objects.get(street="Place Saint-Roch")
    assert place.other_street_key == "sint rochusplein"


def test_a_dutch_only_street_takes_its_dutch_name(db):
    row = best_row("", "3", 50.9, 4.4, street_nl="Kerkstraat", municipality="")
    row["municipality_name_nl"] = "Grimbergen"
    load_address_register(best_file([row]))
    address = AddressPoint.objects.get()
    assert (address.street, address.municipality) == ("Kerkstraat", "Grimbergen")


def test_the_postcode_option_keeps_only_its_addresses(db):
    report = load_address_register(best_file(TEST_REGISTER), postcodes=["5998"])
    assert list(AddressPoint.objects.values_list("street", flat=True)) == ["Rue du Moulin"]
    assert report.other_places == len(TEST_REGISTER) - 2


def test_the_municipality_option_matches_its_name_in_any_case_or_accent(db):
    load_address_register(best_file(TEST_REGISTER), municipalities=["VILVEZE"])
    assert set(AddressPoint.objects.values_list("postcode", flat=True)) == {"5999"}


def test_a_second_load_replaces_the_register(address_register):
    load_address_register(best_file([STATION_12]))
    assert [str(a) for a in AddressPoint.objects.all()] == ["Rue de la Station 12, 5999 Vilvèze"]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"EPSG:4326_lat": "nord"}, "« epsg:4326_lat » n'est pas un nombre : « nord »"),
        ({"EPSG:4326_lat": ""}, "« epsg:4326_lat » n'est pas un nombre"),
        ({"EPSG:4326_lat": "4.86", "EPSG:4326_lon": "50.47"}, "hors de la Belgique"),
        ({"house_number": ""}, "house_number vide"),
        ({"streetname_fr": ""}, "streetname_fr/nl/de vide"),
        ({"postcode": ""}, "postcode vide"),
    ],
)
def test_a_bad_row_is_named_by_its_line_and_nothing_is_written(address_register, row, reason):
    before = set(AddressPoint.objects.values_list("pk", flat=True))
    bad = {**STATION_12, **row}
    with pytest.raises(AddressFileError) as refusal:
        load_address_register(best_file([STATION_12, STATION_12, bad, STATION_12]))
    assert str(refusal.value).startswith("Ligne 4 : ")
    assert reason in str(refusal.value)
    assert set(AddressPoint.objects.values_list("pk", flat=True)) == before


def test_a_bad_row_past_the_first_batch_still_writes_nothing(db, monkeypatch):
    monkeypatch.setattr("directory.address_file.BATCH_SIZE", 2)
    bad = {**STATION_12, "EPSG:4326_lon": "est"}
    with pytest.raises(AddressFileError, match="Ligne 7 : "):
        load_address_register(best_file([STATION_12] * 5 + [bad]))
    assert not AddressPoint.objects.exists()


def test_a_bad_row_of_another_postcode_is_left_aside_with_it(db):
    bad = {**STATION_12, "postcode": "1000", "EPSG:4326_lat": "nord"}
    load_address_register(best_file([STATION_12, bad]), postcodes=["5999"])
    assert AddressPoint.objects.count() == 1


def test_a_row_with_too_few_cells_is_named(db):
    with pytest.raises(AddressFileError, match="Ligne 3 : 3 cellules au lieu de 20"):
        load_address_register(best_file([STATION_12, "1,2,3"]))


def test_a_row_that_is_not_utf8_is_named(db):
    data = best_csv([STATION_12]) + "1,2,Chauss\xe9e\n".encode("cp1252")
    with pytest.raises(AddressFileError, match="Ligne 3 : le texte n'est pas en UTF-8"):
        load_address_register(io.BytesIO(data))


def test_a_file_without_the_columns_of_the_extract_is_refused(db):
    data = b"reference,name,latitude,longitude\nB-1,Dupont,50.4,4.8\n"
    with pytest.raises(AddressFileError, match="Ce n'est pas un extrait BeSt Address"):
        load_address_register(io.BytesIO(data))


def test_an_empty_file_is_refused(db):
    with pytest.raises(AddressFileError, match="Le fichier est vide"):
        load_address_register(io.BytesIO(b""))


def test_a_filter_that_keeps_nothing_leaves_the_register_as_it_was(address_register):
    with pytest.raises(AddressFileError, match="Aucune adresse"):
        load_address_register(best_file(TEST_REGISTER), postcodes=["1000"])
    assert AddressPoint.objects.count() == len(TEST_REGISTER) - 1


def test_columns_in_another_order_with_semicolons_and_a_bom_load(db):
    columns = list(reversed(BEST_COLUMNS))
    data = best_csv([STATION_12], columns).decode().replace(",", ";")
    load_address_register(io.BytesIO(("\ufeff" + data).encode()))
    assert AddressPoint.objects.get().point == (50.4712, 4.86)


# --- The command ---------------------------------------------------------------------


def test_the_command_loads_the_zip_bosa_publishes(db, tmp_path):
    archive = tmp_path / "openaddress-bewal.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("openaddress-bewal.csv", best_csv(TEST_REGISTER))
    out = io.StringIO()
    call_command("load_addresses", str(archive), "--postcode", "5999,5998", stdout=out)
    assert AddressPoint.objects.count() == len(TEST_REGISTER) - 1
    assert f"{len(TEST_REGISTER) - 1} adresses chargées" in out.getvalue()


def test_the_command_loads_a_csv_for_a_municipality(db, tmp_path):
    path = tmp_path / "adresses.csv"
    path.write_bytes(best_csv(TEST_REGISTER))
    call_command("load_addresses", str(path), "--municipality", "Montaubois", stdout=io.StringIO())
    assert AddressPoint.objects.get().street == "Rue du Moulin"


def test_the_command_names_the_bad_line_and_says_nothing_was_written(address_register, tmp_path):
    path = tmp_path / "adresses.csv"
    path.write_bytes(best_csv([STATION_12, {**STATION_12, "house_number": ""}]))
    with pytest.raises(CommandError, match=r"Ligne 3 : house_number vide.*Rien n'a été écrit"):
        call_command("load_addresses", str(path), stdout=io.StringIO())
    assert AddressPoint.objects.count() == len(TEST_REGISTER) - 1


def test_the_command_says_when_the_file_cannot_be_read(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_addresses", str(tmp_path / "absent.csv"), stdout=io.StringIO())

"""Finding a shop's point from the address a merchant types (directory.address_register),
against the tests' small register (tests/addresses.py)."""

import pytest

from directory.address_register import (
    Outcome,
    TypedAddress,
    locate,
    number_key,
    parse_street_line,
    street_key,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("line", "typed"),
    [
        ("Rue de la Station 12", TypedAddress("rue de la station", "12")),
        ("r. de la Station, 12A", TypedAddress("r de la station", "12a")),
        ("Rue de la Station 12 a", TypedAddress("rue de la station", "12a")),
        ("Rue de la Station 12 bte 3", TypedAddress("rue de la station", "12", "3")),
        ("Rue de la Station 12 boîte 3", TypedAddress("rue de la station", "12", "3")),
        ("Rue de la Station 12/3", TypedAddress("rue de la station", "12", "3")),
        ("Rue de la Station 12A/3", TypedAddress("rue de la station", "12a", "3")),
        ("Rue de la Station 12 b3", TypedAddress("rue de la station", "12", "3")),
        ("Rue de la Station 12-14", TypedAddress("rue de la station", "12")),
        ("Rue de la Station 12 bis", TypedAddress("rue de la station", "12bis")),
        ("12, rue de la Station", TypedAddress("rue de la station", "12")),
        ("Rue du 11 Novembre 5", TypedAddress("rue du 11 novembre", "5")),
        ("Rue du 11 Novembre", TypedAddress("rue du 11 novembre")),
        ("Grand-Place", TypedAddress("grand place")),
    ],
)
def test_a_typed_line_splits_into_street_number_and_box(line, typed):
    assert parse_street_line(line) == typed


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("av. des Combattants", "Avenue des Combattants"),
        ("AVENUE DES COMBATTANTS", "Avenue des Combattants"),
        ("Chée de Bruxelles", "Chaussée de Bruxelles"),
        ("ch. de Bruxelles", "Chaussée de Bruxelles"),
        ("bd Saint-Michel", "Boulevard Saint-Michel"),
        ("Pl. St-Roch", "Place Saint-Roch"),
        ("rue de l'hotel de ville", "Rue de l'Hôtel de Ville"),
        ("R. de l’Hôtel-de-Ville", "Rue de l'Hôtel de Ville"),
    ],
)
def test_abbreviations_case_and_accents_give_the_official_names_key(typed, official):
    assert street_key(typed) == street_key(official)


def test_a_house_number_key_ignores_case_and_spaces():
    assert number_key("12 A") == number_key("12a") == "12a"


def test_an_exact_address_gives_its_point(address_register):
    location = locate("Rue de la Station 12", "5999", "Vilvèze")
    assert location.outcome is Outcome.EXACT
    assert location.point == (50.4712, 4.86)


def test_an_abbreviated_unaccented_address_is_found(address_register):
    location = locate("chee de bruxelles 120", "5999")
    assert location.outcome is Outcome.EXACT
    assert location.point == (50.4738, 4.8796)


def test_a_number_with_a_letter_is_not_the_plain_number(address_register):
    assert locate("Rue de la Station 12A", "5999").point == (50.4713, 4.8601)


def test_a_box_takes_its_own_point_when_the_register_has_it(address_register):
    assert locate("Rue de la Station 14 bte 3", "5999").point == (50.47145, 4.86005)
    assert locate("Rue de la Station 14/3", "5999").point == (50.47145, 4.86005)


def test_an_unknown_box_takes_the_buildings_point(address_register):
    location = locate("Rue de la Station 14 bte 9", "5999")
    assert location.outcome is Outcome.EXACT
    assert location.address.house_number == "14"


def test_a_missing_number_takes_the_nearest_on_the_same_side_and_says_so(address_register):
    # 6 is not in the register; 4 and 8 are as near, and both on its side.
    location = locate("Rue de la Station 7", "5999")
    assert location.outcome is Outcome.NEAREST
    assert location.address.house_number == "8"
    assert "Le numéro 7 n'est pas dans le registre" in location.message
    assert "Rue de la Station 8" in location.message


def test_the_nearest_number_prefers_the_same_side_of_the_street(address_register):
    # 5 and 3 are on the odd side; 4 is nearer to 5 by count, but across the street.
    assert locate("Rue de la Station 5", "5999").address.house_number == "3"


def test_a_number_past_the_end_of_the_street_takes_its_last_number(address_register):
    assert locate("Rue de la Station 250", "5999").address.house_number == "14"


def test_a_street_without_a_number_is_placed_at_its_middle_and_says_so(address_register):
    location = locate("Avenue des Combattants", "5999")
    assert location.outcome is Outcome.NO_NUMBER
    assert location.point is not None
    assert "Sans numéro" in location.message


def test_an_unknown_street_is_not_found_and_the_message_points_to_the_map(address_register):
    location = locate("Rue Imaginaire 3", "5999")
    assert location.outcome is Outcome.NOT_FOUND
    assert location.point is None
    assert "« Rue Imaginaire 3 » n'est pas dans le registre" in location.message
    assert "placez le commerce en cliquant sur la carte" in location.message


def test_a_misspelt_street_is_found_under_its_register_name_and_says_so(address_register):
    location = locate("Rue de la Staion 12", "5999")
    assert location.point == (50.4712, 4.86)
    assert "« Rue de la Station »" in location.message


def test_a_street_of_another_postcode_is_not_found_in_this_one(address_register):
    assert locate("Rue du Moulin 4", "5999").outcome is Outcome.NOT_FOUND
    assert locate("Rue du Moulin 4", "5998").outcome is Outcome.EXACT


def test_without_a_postcode_the_locality_is_the_scope(address_register):
    assert locate("Rue du Moulin 4", "", "Montaubois").outcome is Outcome.EXACT


def test_a_wrong_postcode_falls_back_to_the_locality(address_register):
    assert locate("Rue du Moulin 4", "1234", "montaubois").outcome is Outcome.EXACT


def test_a_street_is_found_by_its_name_in_the_other_language(address_register):
    assert locate("Sint-Rochusplein 1", "5999").point == (50.474, 4.88)


def test_a_retired_address_is_not_in_the_register(address_register):
    assert locate("Rue du Moulin 9", "5999").outcome is Outcome.NOT_FOUND


def test_a_postcode_the_register_does_not_hold_is_not_covered(address_register):
    location = locate("Rue de la Loi 16", "1000", "Bruxelles")
    assert location.outcome is Outcome.NOT_COVERED
    assert "ne sont pas chargées" in location.message


def test_without_a_register_nothing_is_covered(db):
    assert locate("Rue de la Station 12", "5999", "Vilvèze").outcome is Outcome.NOT_COVERED


def test_an_empty_street_asks_for_one(address_register):
    assert locate("  ", "5999").outcome is Outcome.EMPTY

"""CSV cells that a spreadsheet shows as text and never runs as a formula."""

import pytest

from core.spreadsheet import safe_cell, text_cell


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://example.org/x","Cliquez")',
        "@SUM(A1:A9)",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("phone", ["+32 81 00 00 00", "+32 (0)81 00.00.00", "+3281000000"])
def test_a_phone_number_stays_dialable(phone):
    assert safe_cell(phone) == phone


def test_plain_text_is_left_alone():
    assert safe_cell("Boulangerie Dupont") == "Boulangerie Dupont"


def test_a_flemish_name_keeps_its_apostrophe_both_ways():
    assert safe_cell("'t Winkeltje") == "'t Winkeltje"
    assert text_cell("'t Winkeltje") == "'t Winkeltje"


@pytest.mark.parametrize(
    "value", ["=1+1", "@A1", "+cmd|x", "-2+3", "\t=1", "'=1", "''", "'t Winkeltje", "+32 81"]
)
def test_reading_a_safe_cell_gives_back_the_value(value):
    assert text_cell(safe_cell(value)) == value

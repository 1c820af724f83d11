"""core.phone: Belgian phone numbers as written, in E.164."""

import pytest

from core.phone import e164


@pytest.mark.parametrize(
    ("written", "international"),
    [
        ("071 12 34 56", "+3271123456"),
        ("071/12.34.56", "+3271123456"),
        ("02 123 45 67", "+3221234567"),
        ("0471/12.34.56", "+32471123456"),
        ("0471 12 34 56", "+32471123456"),
        ("0471-12-34-56", "+32471123456"),
        ("+32 71 12 34 56", "+3271123456"),
        ("+32 (0)71 12 34 56", "+3271123456"),
        ("+32 471 12 34 56", "+32471123456"),
        ("0032 71 12 34 56", "+3271123456"),
        ("0032471123456", "+32471123456"),
        ("081 00 10 11", "+3281001011"),
    ],
)
def test_belgian_numbers_in_their_common_written_forms_become_e164(written, international):
    assert e164(written) == international


def test_a_foreign_number_written_internationally_is_kept():
    assert e164("+33 1 23 45 67 89") == "+33123456789"
    assert e164("0033 1 23 45 67 89") == "+33123456789"


@pytest.mark.parametrize(
    "written",
    [
        "",
        None,
        "12 34 56",
        "071 12 34",
        "0471 12 34 56 78",
        "+32 071 12 34 56",
        "appelez-nous",
        "071 12 34 5x",
        "+٣٢٧١١٢٣٤٥٦",
    ],
)
def test_what_cannot_be_a_number_gives_nothing(written):
    assert e164(written) == ""

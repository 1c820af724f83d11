"""Weekly hours written the OpenStreetMap way: "Mo-Fr 09:00-18:00; Sa 10:00-17:00"."""

from datetime import time

import pytest

from directory.osm_hours import format_opening_hours, parse_opening_hours


def rows(*triples):
    return [
        (day, time.fromisoformat(opens), time.fromisoformat(closes))
        for day, opens, closes in triples
    ]


def test_day_range_gives_one_row_per_day():
    assert parse_opening_hours("Mo-Fr 09:00-18:00") == rows(
        *((day, "09:00", "18:00") for day in range(5))
    )


def test_rules_are_separated_by_semicolons():
    assert parse_opening_hours("Mo 09:00-18:00; Sa 10:00-17:00") == rows(
        (0, "09:00", "18:00"), (5, "10:00", "17:00")
    )


def test_day_list_with_commas():
    assert parse_opening_hours("Mo,We,Fr 08:00-12:00") == rows(
        (0, "08:00", "12:00"), (2, "08:00", "12:00"), (4, "08:00", "12:00")
    )


def test_day_list_mixing_ranges_and_single_days():
    assert [day for day, _, _ in parse_opening_hours("Mo-We,Sa 10:00-12:00")] == [0, 1, 2, 5]


def test_several_ranges_a_day_for_a_lunch_break():
    assert parse_opening_hours("Tu 09:00-12:30,13:30-18:30") == rows(
        (1, "09:00", "12:30"), (1, "13:30", "18:30")
    )


def test_day_off_gives_no_row():
    assert parse_opening_hours("Sa 10:00-17:00; Su off") == rows((5, "10:00", "17:00"))


def test_later_rule_replaces_earlier_one_for_its_days():
    assert [day for day, _, _ in parse_opening_hours("Mo-Fr 09:00-18:00; We off")] == [0, 1, 3, 4]


def test_range_past_midnight_belongs_to_the_day_it_starts():
    assert parse_opening_hours("Fr 22:00-02:00") == rows((4, "22:00", "02:00"))


def test_extended_closing_time_is_read_as_the_next_day():
    assert parse_opening_hours("Fr 22:00-26:00") == rows((4, "22:00", "02:00"))


def test_closing_at_24_00_is_midnight():
    assert parse_opening_hours("Sa 18:00-24:00") == rows((5, "18:00", "00:00"))


def test_day_range_may_wrap_around_the_weekend():
    assert [day for day, _, _ in parse_opening_hours("Fr-Mo 10:00-18:00")] == [0, 4, 5, 6]


def test_always_open():
    assert parse_opening_hours("24/7") == rows(*((day, "00:00", "00:00") for day in range(7)))


def test_rule_without_days_applies_to_every_day():
    assert len(parse_opening_hours("10:00-16:00")) == 7


def test_empty_text_means_no_hours():
    assert parse_opening_hours("") == []
    assert parse_opening_hours("  ") == []


def test_spaces_around_separators_and_dashes_from_a_word_processor_are_accepted():
    assert parse_opening_hours("Mo – Fr 09:00 – 12:00 , 14:00-18:00 ;") == parse_opening_hours(
        "Mo-Fr 09:00-12:00,14:00-18:00"
    )


def test_single_digit_hour_is_accepted():
    assert parse_opening_hours("Mo 9:00-18:00") == rows((0, "09:00", "18:00"))


def test_unknown_day_is_named_in_french():
    with pytest.raises(ValueError, match="jour inconnu « Lu »"):
        parse_opening_hours("Lu-Ve 09:00-18:00")


def test_hour_out_of_range_is_reported():
    with pytest.raises(ValueError, match="heure invalide « 25:00 »"):
        parse_opening_hours("Mo 25:00-26:00")


def test_time_without_minutes_is_reported():
    with pytest.raises(ValueError, match="heure invalide « 9 »"):
        parse_opening_hours("Mo 9-18")


def test_days_without_hours_are_reported():
    with pytest.raises(ValueError, match="indiquez les heures"):
        parse_opening_hours("Mo-Fr")


def test_range_without_closing_time_is_reported():
    with pytest.raises(ValueError, match="n'est pas une plage"):
        parse_opening_hours("Mo 09:00")


def test_range_opening_and_closing_at_the_same_time_is_reported():
    with pytest.raises(ValueError, match="ouvre et ferme à la même heure"):
        parse_opening_hours("Mo 09:00-09:00")


def test_range_longer_than_a_day_is_reported():
    with pytest.raises(ValueError, match="plus de 24 heures"):
        parse_opening_hours("Mo 09:00-34:00")


def test_overlapping_ranges_are_reported():
    with pytest.raises(ValueError, match="se chevauchent"):
        parse_opening_hours("Mo 09:00-13:00,12:00-18:00")


def test_range_after_one_running_past_midnight_overlaps_it():
    with pytest.raises(ValueError, match="se chevauchent"):
        parse_opening_hours("Fr 22:00-02:00,23:00-23:30")


def test_error_quotes_the_faulty_rule():
    with pytest.raises(ValueError, match="« Sa 10h-17h »"):
        parse_opening_hours("Mo-Fr 09:00-18:00; Sa 10h-17h")


def test_format_groups_consecutive_days_with_the_same_hours():
    assert (
        format_opening_hours(rows(*((day, "09:00", "18:00") for day in range(5))))
        == "Mo-Fr 09:00-18:00"
    )


def test_format_groups_separate_days_with_the_same_hours():
    assert (
        format_opening_hours(
            rows((0, "09:00", "12:00"), (2, "09:00", "12:00"), (4, "09:00", "12:00"))
        )
        == "Mo,We,Fr 09:00-12:00"
    )


def test_format_writes_two_consecutive_days_as_a_list():
    assert (
        format_opening_hours(rows((5, "10:00", "17:00"), (6, "10:00", "17:00")))
        == "Sa,Su 10:00-17:00"
    )


def test_format_orders_rules_by_their_first_day_and_ranges_by_time():
    assert (
        format_opening_hours(
            rows((5, "10:00", "17:00"), (0, "13:30", "18:30"), (0, "09:00", "12:30"))
        )
        == "Mo 09:00-12:30,13:30-18:30; Sa 10:00-17:00"
    )


def test_format_writes_midnight_closing_as_24_00():
    assert format_opening_hours(rows((5, "18:00", "00:00"))) == "Sa 18:00-24:00"


def test_format_writes_a_full_day_from_its_opening_time_as_extended_time():
    assert format_opening_hours(rows((4, "09:00", "09:00"))) == "Fr 09:00-33:00"


def test_format_of_every_day_open_all_day_is_24_7():
    assert format_opening_hours(rows(*((day, "00:00", "00:00") for day in range(7)))) == "24/7"


def test_format_of_no_rows_is_empty():
    assert format_opening_hours([]) == ""


def test_format_ignores_seconds():
    assert format_opening_hours([(0, time(9, 0, 30), time(18, 0, 59))]) == "Mo 09:00-18:00"


@pytest.mark.parametrize(
    "text",
    [
        "Mo-Fr 09:00-18:00; Sa 10:00-17:00",
        "Mo,We,Fr 08:00-12:00",
        "Mo-Fr 09:00-12:30,13:30-18:30; Sa 10:00-17:00",
        "Tu-Sa 10:00-18:00; Su 10:00-13:00",
        "Fr 22:00-02:00; Sa 22:00-04:00",
        "Mo-We,Fr 09:00-24:00",
        "Th 09:00-33:00",
        "24/7",
        "",
    ],
)
def test_canonical_text_round_trips(text):
    assert format_opening_hours(parse_opening_hours(text)) == text


def test_rows_round_trip_through_text():
    weekly = rows(
        (0, "09:00", "12:30"),
        (0, "13:30", "18:30"),
        (1, "09:00", "12:30"),
        (1, "13:30", "18:30"),
        (3, "09:00", "18:00"),
        (4, "22:00", "02:00"),
        (6, "10:00", "00:00"),
    )
    assert parse_opening_hours(format_opening_hours(weekly)) == weekly

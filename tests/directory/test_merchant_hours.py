"""The merchant's hours editor's plain functions (directory.merchant_hours)."""

from datetime import date, time

from directory import merchant_hours
from directory.osm_hours import DatedHours


def test_a_lunch_break_splits_a_range_that_spans_it():
    rows = [(0, time(9), time(18))]
    assert merchant_hours.with_lunch_break(rows, time(12), time(13)) == [
        (0, time(9), time(12)),
        (0, time(13), time(18)),
    ]


def test_a_lunch_break_applied_twice_changes_nothing_more():
    once = merchant_hours.with_lunch_break([(2, time(9), time(18))], time(12), time(13))
    assert merchant_hours.with_lunch_break(once, time(12), time(13)) == once


def test_a_lunch_break_leaves_mornings_and_nights_alone():
    rows = [(0, time(8), time(12)), (4, time(22), time(2)), (5, time(14), time(18))]
    assert merchant_hours.with_lunch_break(rows, time(12), time(13)) == rows


def test_a_break_at_opening_time_only_delays_the_opening():
    assert merchant_hours.with_lunch_break([(0, time(12), time(18))], time(12), time(13)) == [
        (0, time(13), time(18))
    ]


def test_ranges_running_past_midnight_overlap_what_follows():
    assert merchant_hours.overlapping([(time(9), time(12)), (time(11), time(14))])
    assert merchant_hours.overlapping([(time(20), time(2)), (time(22), time(23))])
    assert not merchant_hours.overlapping([(time(9), time(12)), (time(12), time(18))])


def test_the_grid_holds_every_day_and_public_holidays():
    grid = merchant_hours.grid_of([(7, time(10), time(12)), (0, time(14), time(18))])
    assert sorted(grid) == list(range(8))
    assert merchant_hours.rows_of(grid) == [(0, time(14), time(18)), (7, time(10), time(12))]


def test_the_line_is_written_as_the_csv_export_writes_it():
    rows = [(day, time(9), time(18)) for day in range(5)]
    assert merchant_hours.one_line(rows, "closed") == "Mo-Fr 09:00-18:00; PH off"


def test_dated_rules_become_special_hours():
    dated = [
        DatedHours(
            date(2026, 12, 24), date(2026, 12, 24), "Réveillon", ranges=((time(9), time(12)),)
        ),
        DatedHours(date(2026, 12, 25), date(2026, 12, 26), closed=True),
    ]
    rows = merchant_hours.special_rows_of(dated)
    assert [(row["start_date"].day, row["closed"], row["opens"]) for row in rows] == [
        (24, False, time(9)),
        (25, True, None),
    ]


def test_a_closure_without_label_is_called_conges():
    fields = merchant_hours.closure_fields(date(2026, 8, 1), date(2026, 8, 15), "")
    assert (fields["label"], fields["closed"]) == ("Congés", True)

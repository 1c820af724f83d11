"""Public holidays and dated rules in the shops' CSV (`opening_hours`, OpenStreetMap
syntax): what the import makes of them, what it refuses, and the round trip."""

import io
from datetime import date, time

import pytest

from directory.models import Category, HolidayRule, ShopPage, SpecialHours
from directory.shop_csv import exported_shops, import_shops, read_records, write_csv
from tests.factories import CategoryFactory, DirectoryPageFactory, HomePageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

HEADER = "reference,name,category,latitude,longitude,opening_hours"


@pytest.fixture
def directory(clock):
    """The directory, on Tuesday 24 November 2026 (the frozen clock)."""
    return DirectoryPageFactory(parent=HomePageFactory())


def csv_bytes(*lines):
    return ("\r\n".join(lines) + "\r\n").encode()


def import_hours(text, reference="H-1"):
    cell = '"' + text.replace('"', '""') + '"'
    return import_shops(csv_bytes(HEADER, f"{reference},Halle,Épicerie,50.4,4.8,{cell}"))


def shop(reference="H-1"):
    return ShopPage.objects.get(reference=reference)


def export_text():
    stream = io.StringIO()
    write_csv(exported_shops(), stream)
    return stream.getvalue()


def exported_hours():
    return {
        record["reference"]: record["opening_hours"] for _, record in read_records(export_text())[1]
    }


def weekly(shop):
    return sorted(
        (row.weekday, f"{row.opens:%H:%M}", f"{row.closes:%H:%M}")
        for row in shop.opening_hours.all()
    )


def special(shop):
    return sorted(
        (row.start_date, row.end_date, row.label, row.closed, row.opens, row.closes)
        for row in shop.special_hours.all()
    )


def test_new_shop_without_a_holiday_rule_is_closed_on_holidays(directory):
    import_hours("Mo-Sa 09:00-18:00")
    assert shop().public_holidays == HolidayRule.CLOSED


def test_ph_off_closes_on_holidays(directory):
    import_hours("Mo-Sa 09:00-18:00; PH off")
    assert shop().public_holidays == HolidayRule.CLOSED
    assert len(weekly(shop())) == 6


def test_ph_with_hours_gives_the_shop_its_own_holiday_hours(directory):
    import_hours("Mo-Sa 09:00-18:00; PH 10:00-12:00")
    assert shop().public_holidays == HolidayRule.OWN_HOURS
    assert weekly(shop())[-1] == (7, "10:00", "12:00")


def test_ph_alone_is_a_shop_open_only_on_holidays(directory):
    import_hours("PH 10:00-12:00")
    assert weekly(shop()) == [(7, "10:00", "12:00")]


def test_round_the_clock_shop_keeps_its_hours_on_holidays(directory):
    import_hours("24/7")
    assert shop().public_holidays == HolidayRule.USUAL_HOURS
    assert len(weekly(shop())) == 7


def test_dated_rules_are_the_next_such_dates_with_their_comment(directory):
    import_hours('Mo-Sa 09:00-18:00; Dec 24 09:00-12:00 "Réveillon"; Dec 25 off; Jan 02 off')
    assert special(shop()) == [
        (date(2026, 12, 24), date(2026, 12, 24), "Réveillon", False, time(9), time(12)),
        (date(2026, 12, 25), date(2026, 12, 25), "", True, None, None),
        (date(2027, 1, 2), date(2027, 1, 2), "", True, None, None),
    ]


def test_a_comment_on_a_weekly_rule_is_accepted(directory):
    report = import_hours('Mo-Fr 09:00-18:00 "sur rendez-vous le samedi"')
    assert not report.problems
    assert len(weekly(shop())) == 5


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("SH off", "jour inconnu « SH »"),
        ("Dec 32 off", "cette date n'existe pas"),
        ("Foo 24 off", "jour inconnu"),
        ("Dec 24", "indiquez les heures après la date"),
        ('Mo-Fr 09:00-18:00 "sans fin', "n'est pas refermé"),
        ('Mo-Fr "rdv" 09:00-18:00', "se met à la fin de la règle"),
        ('Dec 24 off "' + "x" * 61 + '"', "dépasse 60 caractères"),
        ("PH 25:00-26:00", "heure invalide"),
        ("2026 Dec 26-24 off", "la fin précède le début"),
        ("Dec 24 sometimes", "n'est pas une plage"),
    ],
)
def test_bad_hours_are_a_line_error_and_nothing_is_written(directory, text, reason):
    report = import_hours(text)
    (problem,) = report.problems
    assert problem.line == 2
    assert reason in " ".join(problem.reasons)
    assert str(problem).startswith("Ligne 2")
    assert not ShopPage.objects.filter(reference="H-1").exists()


def test_cell_without_ph_leaves_the_holiday_rule_and_rows_alone(directory):
    ShopPageFactory(
        reference="H-1",
        hours=[(0, "09:00", "18:00"), (7, "10:00", "13:00")],
        public_holidays=HolidayRule.OWN_HOURS,
    )
    import_hours("Mo-Tu 09:00-18:00")
    assert shop().public_holidays == HolidayRule.OWN_HOURS
    assert weekly(shop()) == [(0, "09:00", "18:00"), (1, "09:00", "18:00"), (7, "10:00", "13:00")]


def test_cell_without_dated_rules_leaves_the_special_hours_alone(directory):
    ShopPageFactory(
        reference="H-1",
        hours=[(0, "09:00", "18:00")],
        special=[dict(start_date=date(2026, 12, 31), end_date=date(2026, 12, 31), closed=True)],
    )
    import_hours("Mo 09:00-18:00; PH off")
    assert len(special(shop())) == 1


def test_dated_rules_replace_the_special_hours_to_come_and_keep_the_past_ones(directory):
    ShopPageFactory(
        reference="H-1",
        hours=[(0, "09:00", "18:00")],
        special=[
            dict(start_date=date(2026, 11, 2), end_date=date(2026, 11, 3), closed=True),
            dict(start_date=date(2026, 12, 31), end_date=date(2026, 12, 31), closed=True),
        ],
    )
    import_hours("Mo 09:00-18:00; PH off; Dec 24 off")
    assert [(row[0], row[3]) for row in special(shop())] == [
        (date(2026, 11, 2), True),
        (date(2026, 12, 24), True),
    ]


@pytest.fixture
def shops_with_every_rule(directory):
    cheese = CategoryFactory(name="Fromagerie")
    ShopPageFactory(
        reference="C-1", category=cheese, hours=[(day, "09:00", "18:00") for day in range(6)]
    )
    ShopPageFactory(
        reference="O-1",
        category=cheese,
        hours=[(4, "22:00", "02:00"), (7, "10:00", "13:00"), (7, "15:00", "18:00")],
        public_holidays=HolidayRule.OWN_HOURS,
        special=[
            dict(
                start_date=date(2026, 12, 24),
                end_date=date(2026, 12, 24),
                label="Réveillon",
                opens="07:00",
                closes="11:00",
            ),
            dict(
                start_date=date(2026, 12, 24),
                end_date=date(2026, 12, 24),
                label="Réveillon",
                opens="15:00",
                closes="16:00",
            ),
            dict(
                start_date=date(2026, 12, 30),
                end_date=date(2027, 1, 2),
                label="Congés",
                closed=True,
            ),
            dict(start_date=date(2026, 11, 2), end_date=date(2026, 11, 3), closed=True),
        ],
    )
    ShopPageFactory(
        reference="A-1",
        category=cheese,
        hours=[(day, "00:00", "00:00") for day in range(7)],
        public_holidays=HolidayRule.USUAL_HOURS,
    )
    ShopPageFactory(reference="U-1", category=cheese, hours=[])


def test_export_writes_the_holiday_rule_and_the_special_hours_to_come(shops_with_every_rule):
    assert exported_hours() == {
        "C-1": "Mo-Sa 09:00-18:00; PH off",
        "O-1": (
            "Fr 22:00-02:00; PH 10:00-13:00,15:00-18:00; 2026 Dec 24 07:00-11:00,15:00-16:00 "
            '"Réveillon"; 2026 Dec 30-2027 Jan 02 off "Congés"'
        ),
        "A-1": "24/7",
        "U-1": "",
    }


def test_export_imported_back_changes_nothing(shops_with_every_rule):
    report = import_shops(export_text().encode())
    assert not report.problems
    assert (report.created, report.updated) == ([], [])
    assert len(report.unchanged) == 4


def test_export_imported_on_an_empty_site_reproduces_the_hours(shops_with_every_rule):
    before = exported_hours()
    exported = export_text()
    ShopPage.objects.all().delete()
    SpecialHours.objects.all().delete()
    Category.objects.all().delete()

    report = import_shops(exported.encode())

    assert not report.problems
    assert exported_hours() == before
    assert shop("O-1").public_holidays == HolidayRule.OWN_HOURS

"""The shops' CSV (export_shops and /commerces/donnees.csv) opens in a spreadsheet as
text: no cell runs as a formula, and the export imported back changes nothing."""

import csv
import io

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from directory.shop_csv import exported_shops, import_shops, write_csv
from tests.factories import CategoryFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

DANGEROUS = {
    "title": '=HYPERLINK("http://example.org/x","Cliquez")',
    "short_description": "@SUM(A1:A9)",
    "street": "+cmd|' /C calc'!A0",
    "locality": "-2+3",
}


@pytest.fixture
def risky_shop(directory):
    return ShopPageFactory(
        parent=directory,
        reference="R-1",
        category=CategoryFactory(name="=1+1"),
        phone="+32 81 00 00 00",
        latitude=50.46,
        longitude=-4.87,
        **DANGEROUS,
    )


def export():
    stream = io.StringIO()
    write_csv(exported_shops(), stream)
    return stream.getvalue()


def exported_record(text):
    return next(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("column", "field"), [("name", "title")] + [(f, f) for f in DANGEROUS][1:])
def test_export_escapes_each_formula_start(risky_shop, column, field):
    assert exported_record(export())[column] == "'" + DANGEROUS[field]


def test_export_escapes_a_category_name(risky_shop):
    assert exported_record(export())["category"] == "'=1+1"


def test_export_escapes_a_tab_or_carriage_return_before_a_formula(directory):
    ShopPageFactory(parent=directory, reference="R-2", street="\t=1+1", locality="\r=1+1")

    record = exported_record(export())

    assert (record["street"], record["locality"]) == ("'\t=1+1", "'\r=1+1")


def test_export_keeps_a_phone_number_dialable(risky_shop):
    assert exported_record(export())["phone"] == "+32 81 00 00 00"


def test_export_keeps_a_negative_coordinate_a_number(risky_shop):
    assert exported_record(export())["longitude"] == "-4.87"


def test_open_data_csv_escapes_formulas(risky_shop, client):
    response = client.get("/commerces/donnees.csv")

    assert exported_record(response.content.decode())["name"] == "'" + DANGEROUS["title"]


def test_export_imported_back_changes_nothing_and_exports_the_same(risky_shop):
    first = export()
    revisions = Revision.objects.count()

    report = import_shops(first.encode())

    assert not report.problems
    assert [row.reference for row in report.unchanged] == ["R-1"]
    assert Revision.objects.count() == revisions
    assert export() == first


def test_export_command_imported_into_an_empty_site_reproduces_the_cells(risky_shop, tmp_path):
    path = tmp_path / "commerces.csv"
    call_command("export_shops", path, stdout=io.StringIO())
    first = path.read_bytes().decode()
    risky_shop.delete()

    import_shops(path.read_bytes())

    assert export() == first

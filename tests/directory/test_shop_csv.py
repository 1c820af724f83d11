"""Shops in and out of CSV files, as city staff's spreadsheets produce them."""

import io
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Revision

from directory.models import Category, District, ShopPage
from directory.shop_csv import (
    COLUMNS,
    ShopFileError,
    exported_shops,
    import_shops,
    read_records,
    write_csv,
)
from tests.factories import (
    CategoryFactory,
    DirectoryPageFactory,
    DistrictFactory,
    HomePageFactory,
    ServiceFactory,
    ShopPageFactory,
)

pytestmark = pytest.mark.django_db

HEADER = "reference,name,category,district,latitude,longitude,services,tags,opening_hours"
BAKERY = (
    "B-001,Boulangerie Dupont,Boulangerie,Centre,50.4669,4.8675,Livraison|Paiement par carte,"
    'pain|bio,"Mo-Fr 07:00-12:30,13:30-18:30; Sa 07:00-13:00"'
)
FLORIST = "B-002,Fleurs du Marché,Fleuriste,Gare,50.4701,4.8702,,,"


@pytest.fixture
def directory():
    return DirectoryPageFactory(parent=HomePageFactory())


def csv_bytes(*lines, encoding="utf-8", separator=","):
    text = "\r\n".join(lines) + "\r\n"
    if separator != ",":
        text = text.replace(",", separator)
    return text.encode(encoding)


def shop(reference):
    return ShopPage.objects.get(reference=reference)


def export_text():
    stream = io.StringIO()
    write_csv(exported_shops(), stream)
    return stream.getvalue()


# --- Reading what spreadsheets produce ------------------------------------------------


def test_import_creates_a_published_shop_under_the_directory(directory):
    report = import_shops(csv_bytes(HEADER, BAKERY))

    bakery = shop("B-001")
    assert [row.reference for row in report.created] == ["B-001"]
    assert bakery.live
    assert bakery.get_parent().specific == directory
    assert bakery.title == "Boulangerie Dupont"
    assert (bakery.latitude, bakery.longitude) == (50.4669, 4.8675)


def test_import_sets_category_district_services_tags_and_hours(directory):
    import_shops(csv_bytes(HEADER, BAKERY))

    bakery = shop("B-001")
    assert bakery.category.name == "Boulangerie"
    assert bakery.district.name == "Centre"
    assert sorted(service.name for service in bakery.services.all()) == [
        "Livraison",
        "Paiement par carte",
    ]
    assert sorted(tag.name for tag in bakery.tags.all()) == ["bio", "pain"]
    assert (0, time(7), time(12, 30)) in {
        (row.weekday, row.opens, row.closes) for row in bakery.opening_hours.all()
    }
    assert bakery.opening_hours.count() == 11


def test_import_creates_missing_categories_districts_and_services_with_slugs(directory):
    report = import_shops(csv_bytes(HEADER, BAKERY))

    assert Category.objects.get(name="Boulangerie").slug == "boulangerie"
    assert District.objects.get(name="Centre").slug == "centre"
    assert report.new_categories == ["Boulangerie"]
    assert report.new_services == ["Livraison", "Paiement par carte"]


def test_import_reuses_existing_category_whatever_its_case_or_accents(directory):
    category = CategoryFactory(name="Épicerie fine")
    line = "B-003,Chez Paul,epicerie fine,,50.1,4.1,,,"

    import_shops(csv_bytes(HEADER, line))

    assert shop("B-003").category == category
    assert Category.objects.count() == 1


def test_import_reuses_existing_services_and_districts(directory):
    service = ServiceFactory(name="Livraison")
    district = DistrictFactory(name="Centre")

    import_shops(csv_bytes(HEADER, BAKERY))

    bakery = shop("B-001")
    assert bakery.district == district
    assert service in bakery.services.all()


def test_semicolon_separated_file_with_decimal_commas(directory):
    data = (
        b"reference;name;category;latitude;longitude\r\n"
        b"B-010;Librairie Page;Librairie;50,4669;4,8675\r\n"
    )

    import_shops(data)

    assert shop("B-010").latitude == 50.4669


def test_semicolon_separated_file(directory):
    import_shops(csv_bytes(HEADER, FLORIST, separator=";"))

    assert shop("B-002").title == "Fleurs du Marché"


def test_utf8_file_with_bom(directory):
    import_shops(csv_bytes(HEADER, FLORIST, encoding="utf-8-sig"))

    assert shop("B-002").title == "Fleurs du Marché"


def test_windows_1252_file(directory):
    import_shops(csv_bytes(HEADER, FLORIST, encoding="cp1252", separator=";"))

    assert shop("B-002").title == "Fleurs du Marché"


def test_column_names_ignore_case_spaces_and_order(directory):
    data = csv_bytes(" Longitude ,LATITUDE,category,name,reference", "4.8,50.4,Fleuriste,Rose,R-1")

    import_shops(data)

    assert shop("R-1").longitude == 4.8


def test_unknown_columns_are_ignored_and_reported(directory):
    report = import_shops(csv_bytes(HEADER + ",notes", FLORIST + ",à rappeler"))

    assert report.ignored_columns == ["notes"]
    assert shop("B-002")


def test_quoted_value_over_several_lines_keeps_the_next_row_line_number(directory):
    lines = [
        "reference,name,category,latitude,longitude,description",
        'A-1,Atelier,Artisanat,50.1,4.1,"Première ligne\n\nDeuxième ligne"',
        "A-2,,Artisanat,50.1,4.1,",
    ]

    report = import_shops(csv_bytes(*lines))

    assert [problem.line for problem in report.problems] == [5]


def test_plain_text_description_becomes_paragraphs(directory):
    lines = [
        "reference,name,category,latitude,longitude,description",
        'A-1,Atelier,Artisanat,50.1,4.1,"Fruits & légumes\n\nLivrés le mardi"',
    ]

    import_shops(csv_bytes(*lines))

    description = shop("A-1").description
    assert "Fruits &amp; légumes</p>" in description
    assert "Livrés le mardi</p>" in description


def test_html_description_keeps_allowed_formatting_and_drops_the_rest(directory):
    lines = [
        "reference,name,category,latitude,longitude,description",
        'A-1,Atelier,Artisanat,50.1,4.1,"<p>Du <b>bon</b> pain<script>alert(1)</script></p>"',
    ]

    import_shops(csv_bytes(*lines))

    description = shop("A-1").description
    assert "<b>bon</b>" in description
    assert "<script>" not in description


def test_missing_short_description_is_made_from_category_and_locality(directory):
    lines = [
        "reference,name,category,latitude,longitude,locality,short_description",
        "A-1,Atelier,Artisanat,50.1,4.1,Vilvèze,",
    ]

    import_shops(csv_bytes(*lines))

    assert shop("A-1").short_description == "Artisanat à Vilvèze"


def test_website_without_scheme_gets_https(directory):
    lines = ["reference,name,category,latitude,longitude,website", "A-1,A,B,50,4,www.atelier.be"]

    import_shops(csv_bytes(*lines))

    assert shop("A-1").website == "https://www.atelier.be"


def test_hours_confirmed_on_in_iso_or_day_month_year(directory):
    lines = [
        "reference,name,category,latitude,longitude,hours_confirmed_on",
        "A-1,A,B,50,4,2026-03-01",
        "A-2,A,B,50,4,01/03/2026",
    ]

    import_shops(csv_bytes(*lines))

    assert shop("A-1").hours_confirmed_on == date(2026, 3, 1)
    assert shop("A-2").hours_confirmed_on == date(2026, 3, 1)


def test_two_new_shops_with_the_same_name_get_distinct_slugs(directory):
    lines = [
        "reference,name,category,latitude,longitude",
        "A-1,Atelier,B,50,4",
        "A-2,Atelier,B,50,4",
    ]

    import_shops(csv_bytes(*lines))

    assert {shop("A-1").slug, shop("A-2").slug} == {"atelier", "atelier-2"}


# --- Bad rows -------------------------------------------------------------------------


def reasons_of(lines):
    report = import_shops(csv_bytes(*lines))
    return {problem.line: " ; ".join(problem.reasons) for problem in report.problems}


def test_missing_name_is_reported_with_its_line(directory):
    assert "« name » manque" in reasons_of([HEADER, BAKERY, "B-5,,Fleuriste,,50,4,,,"])[3]


def test_missing_category_is_reported(directory):
    assert "« category » manque" in reasons_of([HEADER, "B-5,Rose,,,50,4,,,"])[2]


def test_missing_coordinates_are_reported(directory):
    reasons = reasons_of([HEADER, "B-5,Rose,Fleuriste,,,,,,"])[2]
    assert "« latitude » manque" in reasons
    assert "« longitude » manque" in reasons


def test_coordinates_out_of_range_are_reported(directory):
    reasons = reasons_of([HEADER, "B-5,Rose,Fleuriste,,95,4,,,"])[2]
    assert "« latitude » doit être comprise entre -90 et 90" in reasons


def test_coordinates_that_are_not_numbers_are_reported(directory):
    reasons = reasons_of([HEADER, "B-5,Rose,Fleuriste,,nord,4,,,"])[2]
    assert "« latitude » n'est pas un nombre : « nord »" in reasons


def test_bad_url_is_reported(directory):
    lines = ["reference,name,category,latitude,longitude,website", "A-1,A,B,50,4,http://"]
    assert "« website » n'est pas une adresse web valide" in reasons_of(lines)[2]


def test_bad_email_is_reported(directory):
    lines = ["reference,name,category,latitude,longitude,email", "A-1,A,B,50,4,dupont@"]
    assert "l'adresse e-mail « dupont@ » n'est pas valide" in reasons_of(lines)[2]


def test_bad_hours_are_reported_with_the_reason(directory):
    reasons = reasons_of([HEADER, "B-5,Rose,Fleuriste,,50,4,,,Lu-Ve 09:00-18:00"])[2]
    assert "jour inconnu « Lu »" in reasons


def test_bad_date_is_reported(directory):
    lines = ["reference,name,category,latitude,longitude,hours_confirmed_on", "A-1,A,B,50,4,hier"]
    assert "« hours_confirmed_on » n'est pas une date" in reasons_of(lines)[2]


def test_too_long_short_description_is_reported(directory):
    lines = [
        "reference,name,category,latitude,longitude,short_description",
        "A,A,B,50,4," + "x" * 161,
    ]
    assert "dépasse 160 caractères" in reasons_of(lines)[2]


def test_duplicate_reference_in_the_file_is_reported_on_its_second_line(directory):
    reasons = reasons_of([HEADER, BAKERY, FLORIST, BAKERY])
    assert list(reasons) == [4]
    assert "la référence « B-001 » est déjà utilisée ligne 2" in reasons[4]


def test_row_with_more_cells_than_columns_is_reported(directory):
    lines = ["reference,name,category,latitude,longitude", "A-1,A,B,50,4,5,6"]
    assert "plus de cellules que de colonnes" in reasons_of(lines)[2]


def test_every_bad_row_is_reported_and_nothing_is_written(directory):
    report = import_shops(csv_bytes(HEADER, BAKERY, "B-5,,Fleuriste,,50,4,,,", FLORIST, "B-6,Rose"))

    assert [problem.line for problem in report.problems] == [3, 5]
    assert not report.written
    assert not ShopPage.objects.exists()
    assert not Category.objects.exists()


def test_skip_invalid_imports_the_good_rows_and_reports_the_bad(directory):
    report = import_shops(
        csv_bytes(HEADER, BAKERY, "B-5,,Fleuriste,,50,4,,,", FLORIST), skip_invalid=True
    )

    assert [problem.line for problem in report.problems] == [3]
    assert sorted(ShopPage.objects.values_list("reference", flat=True)) == ["B-001", "B-002"]
    assert report.written


@pytest.fixture
def florist_refused_on_save(monkeypatch):
    """A rule of the page model the row checks do not know about rejects the florist."""
    clean = ShopPage.clean

    def refuse_florist(page):
        clean(page)
        if page.reference == "B-002":
            raise ValidationError({"street": "Adresse refusée."})

    monkeypatch.setattr(ShopPage, "clean", refuse_florist)


@pytest.mark.usefixtures("florist_refused_on_save")
def test_row_refused_on_saving_is_reported_and_nothing_is_written(directory):
    report = import_shops(csv_bytes(HEADER, BAKERY, FLORIST))

    assert [str(problem) for problem in report.problems] == [
        "Ligne 3 (B-002) : street : Adresse refusée."
    ]
    assert not report.written
    assert not ShopPage.objects.exists()


@pytest.mark.usefixtures("florist_refused_on_save")
def test_row_refused_on_saving_is_skipped_with_skip_invalid(directory):
    report = import_shops(csv_bytes(HEADER, BAKERY, FLORIST), skip_invalid=True)

    assert [problem.line for problem in report.problems] == [3]
    assert list(ShopPage.objects.values_list("reference", flat=True)) == ["B-001"]


def test_missing_required_column_stops_the_whole_file(directory):
    with pytest.raises(ShopFileError, match="Colonnes obligatoires absentes : latitude"):
        import_shops(csv_bytes("reference,name,category,longitude", "A,A,B,4"))


def test_empty_file_is_refused(directory):
    with pytest.raises(ShopFileError, match="vide"):
        import_shops(b"")


def test_site_without_directory_is_refused(db):
    with pytest.raises(ShopFileError, match="pas d'annuaire"):
        import_shops(csv_bytes(HEADER, FLORIST))


# --- Dry run and idempotence ----------------------------------------------------------


def test_dry_run_writes_nothing_and_says_what_it_would_create(directory):
    report = import_shops(csv_bytes(HEADER, BAKERY, FLORIST), dry_run=True)

    assert [row.reference for row in report.created] == ["B-001", "B-002"]
    assert report.new_categories == ["Boulangerie", "Fleuriste"]
    assert not report.written
    assert not ShopPage.objects.exists()
    assert not Category.objects.exists()


def test_dry_run_tells_updated_from_unchanged(directory):
    import_shops(csv_bytes(HEADER, BAKERY, FLORIST))
    renamed = FLORIST.replace("Fleurs du Marché", "Fleurs de la Place")

    report = import_shops(csv_bytes(HEADER, BAKERY, renamed), dry_run=True)

    assert [row.reference for row in report.updated] == ["B-002"]
    assert [row.reference for row in report.unchanged] == ["B-001"]
    assert shop("B-002").title == "Fleurs du Marché"


def test_second_identical_import_changes_nothing_and_creates_no_revision(directory):
    data = csv_bytes(HEADER, BAKERY, FLORIST)
    import_shops(data)
    revisions = Revision.objects.count()

    report = import_shops(data)

    assert not report.created
    assert not report.updated
    assert len(report.unchanged) == 2
    assert Revision.objects.count() == revisions
    assert not report.written


def test_reimport_of_a_full_row_with_description_and_links_changes_nothing(directory):
    lines = [",".join(COLUMNS), full_row()]
    import_shops(csv_bytes(*lines))
    revisions = Revision.objects.count()

    report = import_shops(csv_bytes(*lines))

    assert len(report.unchanged) == 1
    assert Revision.objects.count() == revisions


def full_row():
    values = {
        "reference": "F-1",
        "name": "Fromagerie Lambert",
        "short_description": "Fromages affinés sur place.",
        "description": '"Plus de <b>200</b> fromages.\n\nDégustation le samedi."',
        "category": "Fromagerie",
        "district": "Centre",
        "street": "Rue Haute 4",
        "postcode": "5999",
        "locality": "Vilvèze",
        "latitude": "50.4669",
        "longitude": "4.8675",
        "phone": "+32 81 00 00 00",
        "email": "bonjour@fromagerie.be",
        "website": "www.fromagerie.be",
        "online_shop_url": "https://boutique.fromagerie.be/",
        "booking_url": "https://fromagerie.be/reserver",
        "facebook_url": "https://facebook.com/fromagerie",
        "instagram_url": "https://instagram.com/fromagerie",
        "services": "Livraison|Click & collect",
        "tags": "fromage|bio",
        "opening_hours": '"Tu-Fr 09:00-12:30,13:30-18:30; Sa 09:00-17:00"',
        "hours_confirmed_on": "2026-02-01",
    }
    return ",".join(values[column] for column in COLUMNS)


def test_changed_row_publishes_a_new_revision_of_that_shop_only(directory):
    import_shops(csv_bytes(HEADER, BAKERY, FLORIST))
    florist_revisions = shop("B-002").revisions.count()
    bakery_revisions = shop("B-001").revisions.count()
    moved = FLORIST.replace("50.4701", "50.4800")

    report = import_shops(csv_bytes(HEADER, BAKERY, moved))

    assert [row.reference for row in report.updated] == ["B-002"]
    florist = shop("B-002")
    assert florist.latitude == 50.48
    assert florist.revisions.count() == florist_revisions + 1
    assert florist.live_revision == florist.latest_revision
    assert shop("B-001").revisions.count() == bakery_revisions


def test_update_replaces_hours_services_and_tags(directory):
    import_shops(csv_bytes(HEADER, BAKERY))
    changed = (
        "B-001,Boulangerie Dupont,Boulangerie,Centre,50.4669,4.8675,Livraison,pain,Sa 08:00-12:00"
    )

    import_shops(csv_bytes(HEADER, changed))

    bakery = shop("B-001")
    assert [service.name for service in bakery.services.all()] == ["Livraison"]
    assert [tag.name for tag in bakery.tags.all()] == ["pain"]
    assert [(row.weekday, row.opens) for row in bakery.opening_hours.all()] == [(5, time(8))]


def test_column_left_out_of_the_file_leaves_that_field_alone(directory):
    bakery = ShopPageFactory(reference="B-001", phone="081 00 00 00", title="Boulangerie")

    import_shops(csv_bytes("reference,name,category,latitude,longitude", "B-001,Dupont,Pain,50,4"))

    bakery.refresh_from_db()
    assert bakery.title == "Dupont"
    assert bakery.phone == "081 00 00 00"


def test_shop_without_reference_is_matched_by_its_slug(directory):
    existing = ShopPageFactory(title="Boucherie", slug="boucherie", reference="")

    report = import_shops(
        csv_bytes("reference,name,category,latitude,longitude", "boucherie,Boucherie,Viande,50,4")
    )

    assert [row.reference for row in report.updated] == ["boucherie"]
    existing.refresh_from_db()
    assert existing.reference == "boucherie"
    assert ShopPage.objects.count() == 1


# --- Export ---------------------------------------------------------------------------


def test_export_writes_every_column_in_order(directory):
    ShopPageFactory(reference="S-1")

    header, row = read_records(export_text())[0], read_records(export_text())[1][0][1]

    assert header == list(COLUMNS)
    assert row["reference"] == "S-1"


def test_export_writes_lists_and_hours_in_the_import_format(directory):
    ShopPageFactory(
        reference="S-1",
        services=[ServiceFactory(name="Livraison"), ServiceFactory(name="Click & collect")],
        tags=["pain", "bio"],
        hours=[(day, "09:00", "18:00") for day in range(5)],
    )

    record = read_records(export_text())[1][0][1]

    assert record["services"] == "Click & collect|Livraison"
    assert record["tags"] == "bio|pain"
    assert record["opening_hours"] == "Mo-Fr 09:00-18:00; PH off"


def test_export_leaves_out_shops_that_are_not_live(directory):
    ShopPageFactory(reference="S-1")
    draft = ShopPageFactory(reference="S-2")
    draft.unpublish()

    references = [record["reference"] for _, record in read_records(export_text())[1]]

    assert references == ["S-1"]


def test_export_then_import_on_an_empty_site_reproduces_the_shops(directory):
    lines = [",".join(COLUMNS), full_row()]
    import_shops(csv_bytes(*lines))
    ShopPageFactory(
        title="Bar de nuit",
        reference="N-1",
        category=CategoryFactory(name="Bar"),
        hours=[(4, "22:00", "02:00"), (5, "22:00", "04:00")],
        tags=["nuit"],
    )
    exported = export_text()
    before = [record for _, record in read_records(exported)[1]]
    ShopPage.objects.all().delete()
    Category.objects.all().delete()

    report = import_shops(exported.encode())

    assert len(report.created) == 2
    after = [record for _, record in read_records(export_text())[1]]
    assert after == before

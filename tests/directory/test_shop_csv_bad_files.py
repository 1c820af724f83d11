"""Files city staff get wrong: each mistake is named with its line, nothing is written,
and nothing raises."""

import pytest
from django.core.management import CommandError, call_command

from directory.models import ShopPage
from directory.shop_csv import ShopFileError, import_shops

pytestmark = pytest.mark.django_db

HEADER = "reference,name,category,latitude,longitude,description"


def csv_bytes(*lines):
    return ("\r\n".join(lines) + "\r\n").encode()


def problems_of(*lines):
    report = import_shops(csv_bytes(HEADER, *lines))
    assert not ShopPage.objects.exists()
    return [str(problem) for problem in report.problems]


def test_line_break_in_a_name_is_reported_on_the_row_line(directory):
    problems = problems_of('A-1,"Boulangerie\nDupont",Boulangerie,50,4,')

    assert problems == [
        "Ligne 2 (A-1) : « name » contient un retour à la ligne (Alt+Entrée dans le "
        "tableur ?) : cette colonne tient sur une ligne"
    ]


def test_line_break_in_a_reference_is_reported(directory):
    problems = problems_of('"A-\n1",Boulangerie,Boulangerie,50,4,')

    assert "« reference » contient un retour à la ligne" in problems[0]


def test_line_break_in_a_description_is_a_line_break(directory):
    import_shops(csv_bytes(HEADER, 'A-1,Boulangerie,Boulangerie,50,4,"Pain\nCroissants"'))

    description = ShopPage.objects.get().description
    assert "Pain<br/>Croissants" in description.replace("<br>", "<br/>")


def test_html_line_break_in_a_description_stays_in_its_paragraph(directory):
    import_shops(csv_bytes(HEADER, "A-1,Boulangerie,Boulangerie,50,4,<p>a<br>b</p>"))

    description = ShopPage.objects.get().description.replace("<br>", "<br/>")
    assert description.count("<p") == 1
    assert "a<br/>b" in description


def test_html_in_a_name_is_reported(directory):
    problems = problems_of("A-1,<p>a<br>b</p>,Boulangerie,50,4,")

    assert problems == [
        "Ligne 2 (A-1) : « name » contient une balise HTML (« <p> ») : seule la description "
        "peut être mise en forme"
    ]


@pytest.mark.parametrize("name", ["!!!", "€€€"])
def test_a_name_without_a_letter_or_digit_is_reported(directory, name):
    problems = problems_of(f"A-1,{name},Boulangerie,50,4,")

    assert problems == [f"Ligne 2 (A-1) : « name » ne contient ni lettre ni chiffre : « {name} »"]


def test_a_name_in_another_script_gets_a_transliterated_address(directory):
    import_shops(csv_bytes(HEADER, "A-1,日本,Épicerie,50,4,"))

    shop = ShopPage.objects.get()
    assert (shop.title, shop.slug) == ("日本", "riben")


def test_names_that_reduce_to_the_same_address_get_distinct_ones(directory):
    import_shops(csv_bytes(HEADER, "A-1,Ça Café,Café,50,4,", "A-2,ca cafe!,Café,50,4,"))

    assert sorted(ShopPage.objects.values_list("slug", flat=True)) == ["ca-cafe", "ca-cafe-2"]


def test_a_name_taken_by_an_existing_page_gets_the_next_address(directory):
    import_shops(csv_bytes(HEADER, "A-1,Atelier,Café,50,4,"))
    import_shops(csv_bytes(HEADER, "A-2,Atelier,Café,50,4,"))

    assert ShopPage.objects.get(reference="A-2").slug == "atelier-2"


def test_a_cell_longer_than_the_csv_limit_is_reported_with_its_line(directory):
    too_long = "x" * 131_073

    with pytest.raises(ShopFileError, match=r"^Ligne 3 : une cellule dépasse 131"):
        import_shops(csv_bytes(HEADER, "A-1,A,B,50,4,", f'A-2,B,B,50,4,"{too_long}"'))


def test_an_unterminated_quote_is_reported_with_its_line(directory):
    with pytest.raises(ShopFileError, match=r"^Ligne 3 : un guillemet ouvert n'est jamais refermé"):
        import_shops(csv_bytes(HEADER, "A-1,A,B,50,4,", 'A-2,"B,B,50,4,', "A-3,C,B,50,4,"))


def test_a_stray_quote_after_a_quoted_cell_is_reported_with_its_line(directory):
    with pytest.raises(ShopFileError, match=r"^Ligne 2 : un guillemet est suivi"):
        import_shops(csv_bytes(HEADER, 'A-1,"Chez "Jo"",B,50,4,'))


def test_a_nul_byte_is_reported_on_either_database(directory):
    problems = problems_of("A-1,Chez\x00Jo,Boulangerie,50,4,")

    assert problems == ["Ligne 2 (A-1) : « name » contient un caractère nul (octet 0)"]


def test_a_nul_byte_in_a_description_is_reported_too(directory):
    problems = problems_of("A-1,Chez Jo,Boulangerie,50,4,Pain\x00")

    assert problems == ["Ligne 2 (A-1) : « description » contient un caractère nul (octet 0)"]


def test_the_command_prints_the_line_of_an_unreadable_file_without_a_traceback(directory, tmp_path):
    path = tmp_path / "commerces.csv"
    path.write_bytes(csv_bytes(HEADER, 'A-1,"B,B,50,4,'))

    with pytest.raises(CommandError, match=r"^Ligne 2 : un guillemet ouvert"):
        call_command("import_shops", path)


def test_dry_run_finds_what_the_real_run_refuses(directory):
    lines = (HEADER, "A-1,Atelier,Café,50,4,", "A-2,Chez\x00Jo,Café,50,4,", "A-3,!!!,Café,50,4,")

    dry = import_shops(csv_bytes(*lines), dry_run=True)
    real = import_shops(csv_bytes(*lines))

    assert [str(problem) for problem in dry.problems] == [str(problem) for problem in real.problems]
    assert [problem.line for problem in dry.problems] == [3, 4]
    assert not ShopPage.objects.exists()


def test_badly_nested_html_in_a_description_is_reported(directory):
    problems = problems_of("A-1,Chez Jo,Boulangerie,50,4,<p><b>Pain</p></b>")

    assert problems == [
        "Ligne 2 (A-1) : « description » : HTML mal formé (une balise n'est pas refermée ?)"
    ]


def test_a_description_after_a_badly_nested_one_is_read_on_its_own(directory):
    # The rich text converter is reused from row to row: the bad row's open tags must
    # not leak into the next description.
    import_shops(
        csv_bytes(
            HEADER,
            "A-1,Chez Jo,Boulangerie,50,4,<p><b>Pain</p></b>",
            "A-2,Chez Lu,Boulangerie,50,4,<p>Croissants</p>",
        ),
        skip_invalid=True,
    )

    description = ShopPage.objects.get().description
    assert "Croissants" in description
    assert "<b>" not in description
    assert "Pain" not in description

"""manage.py import_shops and export_shops: thin wrappers printing the report."""

import io

import pytest
from django.core.management import CommandError, call_command

from directory.models import ShopPage
from tests.factories import DirectoryPageFactory, HomePageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "reference,name,category,latitude,longitude\r\nB-1,Boulangerie Dupont,Boulangerie,50.4,4.8\r\n"
)
BAD_ROW = "B-2,,Fleuriste,50.4,4.8\r\n"


@pytest.fixture
def directory():
    return DirectoryPageFactory(parent=HomePageFactory())


@pytest.fixture
def csv_file(tmp_path):
    def write(text, encoding="utf-8"):
        path = tmp_path / "commerces.csv"
        path.write_bytes(text.encode(encoding))
        return path

    return write


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_credits_the_given_account_in_the_pages_history(directory, csv_file):
    from django.contrib.auth import get_user_model
    from wagtail.models import PageLogEntry

    agent = get_user_model().objects.create_user("agent", "agent@example.org")
    run("import_shops", str(csv_file(GOOD)), "--user", "agent")

    shop = ShopPage.objects.get(reference="B-1")
    assert shop.latest_revision.user == agent
    # Newest first, as the page's history lists them: created, then published.
    assert list(PageLogEntry.objects.filter(page=shop).values_list("action", "user")) == [
        ("wagtail.publish", agent.pk),
        ("wagtail.create", agent.pk),
    ]


def test_import_refuses_an_unknown_account(directory, csv_file):
    with pytest.raises(CommandError, match="nobody"):
        run("import_shops", str(csv_file(GOOD)), "--user", "nobody")
    assert not ShopPage.objects.exists()


def test_import_prints_what_it_created(directory, csv_file):
    output = run("import_shops", csv_file(GOOD))

    assert "Créé : B-1 Boulangerie Dupont" in output
    assert "Commerces créés : 1 ; mis à jour : 0 ; inchangés : 0" in output
    assert ShopPage.objects.get(reference="B-1").live


def test_import_names_the_categories_it_created(directory, csv_file):
    assert "Nouvelles catégories : Boulangerie." in run("import_shops", csv_file(GOOD))


def test_import_with_a_bad_row_prints_it_fails_and_writes_nothing(directory, csv_file):
    out = io.StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_shops", csv_file(GOOD + BAD_ROW), stdout=out)

    assert "Ligne 3 (B-2) : « name » manque" in out.getvalue()
    assert not ShopPage.objects.exists()


def test_import_skip_invalid_imports_the_good_rows(directory, csv_file):
    output = run("import_shops", csv_file(GOOD + BAD_ROW), "--skip-invalid")

    assert "Ligne 3 (B-2)" in output
    assert list(ShopPage.objects.values_list("reference", flat=True)) == ["B-1"]


def test_import_dry_run_writes_nothing(directory, csv_file):
    output = run("import_shops", csv_file(GOOD), "--dry-run")

    assert "À créer : B-1 Boulangerie Dupont" in output
    assert "Simulation, rien n'a été écrit" in output
    assert not ShopPage.objects.exists()


def test_import_twice_reports_everything_unchanged(directory, csv_file):
    path = csv_file(GOOD)
    run("import_shops", path)

    output = run("import_shops", path)

    assert "Commerces créés : 0 ; mis à jour : 0 ; inchangés : 1" in output


def test_import_of_an_unusable_file_fails_with_the_reason(directory, csv_file):
    with pytest.raises(CommandError, match="Colonnes obligatoires absentes"):
        run("import_shops", csv_file("nom;adresse\r\nDupont;Rue Haute\r\n"))


def test_import_of_a_missing_file_fails(directory, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_shops", tmp_path / "absent.csv")


def test_export_writes_the_csv_to_stdout(directory):
    ShopPageFactory(reference="S-1", title="Boulangerie Dupont")

    output = run("export_shops")

    header, row = output.splitlines()
    assert header.startswith("reference,name,short_description,")
    assert row.startswith("S-1,Boulangerie Dupont,")


def test_export_writes_to_a_file_that_import_reads_back(directory, tmp_path):
    ShopPageFactory(reference="S-1", title="Épicerie Lambert", hours=[(0, "09:00", "18:00")])
    path = tmp_path / "export.csv"

    assert "Wrote 1 shops" in run("export_shops", path)
    output = run("import_shops", path)

    assert "Commerces créés : 0 ; mis à jour : 0 ; inchangés : 1" in output

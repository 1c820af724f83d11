"""The import writes in short transactions, yet the public sees all of it or none of it;
what it makes is what Wagtail itself makes of a published page."""

import pytest
from django.db import IntegrityError
from wagtail.models import Page, ReferenceIndex

from directory import bulk_pages
from directory.models import Category, ShopPage
from directory.shop_csv import import_shops
from tests.factories import CategoryFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

HEADER = "reference,name,category,latitude,longitude"


def csv_bytes(*lines):
    return ("\r\n".join(lines) + "\r\n").encode()


def rows(count, first=1, category="Fromagerie"):
    return [f"F-{n},Fromagerie {n:03d},{category},50.46,4.87" for n in range(first, first + count)]


@pytest.fixture
def late_row_refused(monkeypatch):
    """The database refuses the shop F-9 when its batch is written (after the real
    insert ran), as it would a constraint broken by a concurrent writer."""
    insert_shops = bulk_pages.insert_shops

    def insert_then_refuse(directory, pages, **kwargs):
        insert_shops(directory, pages, **kwargs)
        if any(page.reference == "F-9" for page in pages):
            raise IntegrityError("simulated refusal of F-9")

    monkeypatch.setattr(bulk_pages, "insert_shops", insert_then_refuse)


def test_an_imported_shop_is_live_with_a_published_revision(directory):
    import_shops(csv_bytes(HEADER, *rows(1)), batch_size=2)

    shop = ShopPage.objects.get()
    assert shop.live
    assert not shop.has_unpublished_changes
    assert shop.live_revision_id == shop.latest_revision_id is not None
    assert shop.first_published_at is not None
    assert shop.live_revision.as_object().title == "Fromagerie 001"


def test_an_imported_shop_answers_at_its_address(directory, client):
    import_shops(csv_bytes(HEADER, *rows(1)))

    response = client.get("/commerces/fromagerie-001/")

    assert response.status_code == 200
    assert "Fromagerie 001" in response.text


def test_an_imported_shop_is_found_by_the_directory_search(directory, client):
    import_shops(csv_bytes(HEADER, *rows(5)), batch_size=2)

    response = client.get("/commerces/", {"q": "fromagerie 004"})

    assert "Fromagerie 004" in response.text


def test_an_imported_shop_is_in_the_reference_index(directory):
    import_shops(csv_bytes(HEADER, *rows(1)))

    category = Category.objects.get(name="Fromagerie")
    assert [ref.object_id for ref in ReferenceIndex.get_references_to(category)] == [
        str(ShopPage.objects.get().pk)
    ]


def test_batches_leave_a_sound_page_tree(directory):
    ShopPageFactory(parent=directory, title="Déjà là")

    import_shops(csv_bytes(HEADER, *rows(7)), batch_size=3)

    assert Page.find_problems() == ([], [], [], [], [])
    assert directory.get_children().count() == 8
    assert ShopPage.objects.live().count() == 8


@pytest.mark.usefixtures("late_row_refused")
def test_a_refusal_in_a_late_batch_leaves_the_directory_as_it_was(directory):
    existing = ShopPageFactory(parent=directory, reference="F-1", title="Ancien nom")
    pages_before = Page.objects.count()

    report = import_shops(csv_bytes(HEADER, *rows(10)), batch_size=4)

    assert [str(problem) for problem in report.problems] == [
        "Ligne 10 (F-9) : la base de données refuse ce commerce (simulated refusal of F-9)"
    ]
    assert not report.written
    existing.refresh_from_db()
    assert existing.title == "Ancien nom"
    assert Page.objects.count() == pages_before
    assert not Category.objects.filter(name="Fromagerie").exists()
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.usefixtures("late_row_refused")
def test_a_refusal_in_a_late_batch_skips_only_that_row_with_skip_invalid(directory):
    report = import_shops(csv_bytes(HEADER, *rows(10)), batch_size=4, skip_invalid=True)

    assert [problem.line for problem in report.problems] == [10]
    assert len(report.created) == 9
    assert sorted(ShopPage.objects.live().values_list("reference", flat=True)) == sorted(
        f"F-{n}" for n in range(1, 11) if n != 9
    )


def test_an_import_killed_before_publishing_shows_nothing_and_a_rerun_completes_it(
    directory, monkeypatch, client, django_capture_on_commit_callbacks
):
    def killed(pages, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk_pages, "publish_new_shops", killed)
    with pytest.raises(KeyboardInterrupt):
        import_shops(csv_bytes(HEADER, *rows(5)), batch_size=2)

    assert not ShopPage.objects.live().exists()
    assert "Fromagerie 001" not in client.get("/commerces/", {"q": "fromagerie"}).text
    assert client.get("/commerces/fromagerie-001/").status_code == 404

    monkeypatch.undo()
    # Committed, as the command's transaction is: the publications are announced then,
    # which purges the 404 the page cache kept above.
    with django_capture_on_commit_callbacks(execute=True):
        report = import_shops(csv_bytes(HEADER, *rows(5)), batch_size=2)

    assert len(report.created) == 5
    assert ShopPage.objects.live().count() == ShopPage.objects.count() == 5
    assert client.get("/commerces/fromagerie-001/").status_code == 200


def test_an_updated_shop_is_found_by_its_new_name(directory, client):
    import_shops(csv_bytes(HEADER, *rows(2)))

    import_shops(csv_bytes(HEADER, "F-1,Crèmerie Lambert,Fromagerie,50.46,4.87"))

    assert "Crèmerie Lambert" in client.get("/commerces/", {"q": "cremerie"}).text


def test_after_an_import_a_shop_saved_in_the_admin_is_indexed_again(directory, client):
    import_shops(csv_bytes(HEADER, *rows(1)))
    import_shops(csv_bytes(HEADER, "F-1,Crèmerie Lambert,Fromagerie,50.46,4.87"))
    shop = ShopPage.objects.get()

    shop.title = "Laiterie Dubois"
    shop.save_revision().publish()

    assert "Laiterie Dubois" in client.get("/commerces/", {"q": "laiterie"}).text


def test_a_never_published_draft_of_the_file_is_published_by_the_import(directory):
    draft = ShopPage(
        title="Fromagerie 001",
        reference="F-1",
        short_description="Fromagerie",
        category=CategoryFactory(name="Fromagerie"),
        latitude=50.46,
        longitude=4.87,
        live=False,
    )
    directory.add_child(instance=draft)
    draft.save_revision()

    report = import_shops(csv_bytes(HEADER, *rows(1)))

    draft.refresh_from_db()
    assert [row.reference for row in report.created] == ["F-1"]
    assert draft.live
    assert draft.live_revision is not None

"""directory.bulk_pages leaves a shop as Wagtail's add_child + save_revision + publish
would: a differential test, so an upgrade of Wagtail or treebeard that changes what a
page needs (or the private helpers used) fails here."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from directory import bulk_pages
from directory.models import OpeningHours, ShopPage
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

COMPARED = (
    "depth",
    "numchild",
    "live",
    "has_unpublished_changes",
    "locale_id",
    "content_type_id",
    "draft_title",
    "latest_revision_id",
)


def new_shop(slug, category):
    return ShopPage(
        title=slug.title(),
        slug=slug,
        short_description="Une boutique.",
        category=category,
        latitude=50.46,
        longitude=4.87,
    )


def prepared_shop(slug, directory):
    """A new shop made ready to insert under `directory`, as the import plans one."""
    shop = new_shop(slug, CategoryFactory())
    position = bulk_pages.next_child_position(directory)
    bulk_pages.prepare_page(shop, directory, position, None, live=False)
    return shop


def summary(shop):
    shop = ShopPage.objects.get(pk=shop.pk)
    values = {name: bool(getattr(shop, name)) for name in COMPARED}
    values.update(
        url_path=shop.url_path.rsplit("/", 2)[0],
        live_is_latest=shop.live_revision_id == shop.latest_revision_id,
        published=shop.first_published_at is not None and shop.last_published_at is not None,
        revisions=shop.revisions.count(),
        history=[
            (entry.action, entry.content_changed, entry.revision_id is None)
            for entry in PageLogEntry.objects.filter(page=shop).order_by("pk")
        ],
        references=sorted(
            (ref.to_content_type_id, ref.to_object_id, ref.model_path, ref.content_path)
            for ref in ReferenceIndex.get_references_for_object(shop)
        ),
    )
    return values


def test_a_shop_inserted_unpublished_then_published_is_what_wagtail_makes(directory):
    category = CategoryFactory()
    by_wagtail = directory.add_child(instance=new_shop("par-wagtail", category))
    by_wagtail.save_revision().publish()
    directory.refresh_from_db()

    inserted = new_shop("en-bloc", category)
    bulk_pages.insert_shops(directory, [inserted], live=False, with_revisions=True)
    assert not ShopPage.objects.get(pk=inserted.pk).live
    bulk_pages.publish_new_shops([inserted])

    assert summary(inserted) == summary(by_wagtail)
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_page_added_by_wagtail_after_a_bulk_insert_takes_the_next_position(directory):
    bulk_pages.insert_shops(directory, [new_shop("en-bloc", CategoryFactory())])
    directory.refresh_from_db()

    added = directory.add_child(instance=new_shop("ensuite", CategoryFactory()))

    assert added.path > ShopPage.objects.get(slug="en-bloc").path
    assert Page.find_problems() == ([], [], [], [], [])


def test_clean_child_refuses_a_slug_a_sibling_holds(directory):
    sibling = directory.add_child(instance=new_shop("fleurs", CategoryFactory()))
    shop = prepared_shop("fleurs", directory)

    with pytest.raises(ValidationError) as refusal:
        bulk_pages.clean_child(shop, directory, {"fleurs": sibling.pk})

    assert list(refusal.value.error_dict) == ["slug"]


def test_clean_child_answers_the_slug_check_from_the_slugs_it_is_given(directory):
    # No page holds "fantome" in the database: a refusal shows that Wagtail's check went
    # through the hook clean_child answers (Page._slug_is_available), not a query.
    shop = prepared_shop("fantome", directory)

    with pytest.raises(ValidationError) as refusal:
        bulk_pages.clean_child(shop, directory, {"fantome": 1})

    assert list(refusal.value.error_dict) == ["slug"]


def test_clean_child_accepts_the_slug_the_page_itself_holds(directory):
    shop = directory.add_child(instance=new_shop("fleurs", CategoryFactory()))

    bulk_pages.clean_child(shop, directory, {"fleurs": shop.pk})


def test_clean_child_still_runs_the_shops_own_validation(directory):
    shop = prepared_shop("loin", directory)
    shop.latitude = 95

    with pytest.raises(ValidationError) as refusal:
        bulk_pages.clean_child(shop, directory, {})

    assert list(refusal.value.error_dict) == ["latitude"]


def shop_with_hours(slug, directory, weekdays):
    shop = prepared_shop(slug, directory)
    shop.opening_hours = [
        OpeningHours(weekday=day, opens=time(9), closes=time(18), sort_order=index)
        for index, day in enumerate(weekdays)
    ]
    return shop


def test_inserted_shops_hold_the_ids_of_their_own_hours_in_memory_and_in_their_revision(
    directory,
):
    shops = [
        shop_with_hours("premier", directory, [0, 1, 2]),
        shop_with_hours("second", directory, [3, 4]),
    ]
    bulk_pages.insert_shops(directory, shops, live=False, with_revisions=True)

    for shop, weekdays in zip(shops, ([0, 1, 2], [3, 4]), strict=True):
        saved = list(
            OpeningHours.objects.filter(shop_id=shop.pk)
            .order_by("sort_order")
            .values_list("pk", "weekday")
        )
        assert [day for _, day in saved] == weekdays
        assert [row.pk for row in shop.opening_hours.all()] == [pk for pk, _ in saved]
        revision = ShopPage.objects.get(pk=shop.pk).latest_revision
        assert [row["pk"] for row in revision.content["opening_hours"]] == [pk for pk, _ in saved]


def test_numbering_refuses_rows_it_finds_but_did_not_insert(directory):
    shop = shop_with_hours("deja", directory, [0])
    bulk_pages.insert_shops(directory, [shop])

    with pytest.raises(DatabaseError), transaction.atomic():
        bulk_pages.insert_numbered(
            OpeningHours,
            [OpeningHours(shop_id=shop.pk, weekday=1, opens=time(9), closes=time(18))],
            "shop_id",
        )

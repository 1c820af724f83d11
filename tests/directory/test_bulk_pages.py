"""directory.bulk_pages leaves a shop as Wagtail's add_child + save_revision + publish
would: a differential test, so an upgrade of Wagtail or treebeard that changes what a
page needs (or the private helpers used) fails here."""

import pytest
from wagtail.models import Page, ReferenceIndex

from directory import bulk_pages
from directory.models import ShopPage
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


def summary(shop):
    shop = ShopPage.objects.get(pk=shop.pk)
    values = {name: bool(getattr(shop, name)) for name in COMPARED}
    values.update(
        url_path=shop.url_path.rsplit("/", 2)[0],
        live_is_latest=shop.live_revision_id == shop.latest_revision_id,
        published=shop.first_published_at is not None and shop.last_published_at is not None,
        revisions=shop.revisions.count(),
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

"""The generated shops (`seed_demo --shops N`) written in several batches, committed: on
PostgreSQL by WRITERS threads, each with its own connection, the batches' tree positions
dealt out beforehand (demo.shops.generated); on SQLite one batch after another. Either
way the tree, the counts and the search index are as if written in one go."""

import pytest
from django.db import connection
from wagtail.models import Page

from demo.runner import DemoReport
from demo.shops import generated
from directory.models import DirectoryPage, ShopPage
from tests.factories import DirectoryPageFactory, HomePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def directory():
    return DirectoryPageFactory(parent=HomePageFactory())


def generated_shops():
    return ShopPage.objects.filter(slug__startswith=generated.GENERATED_PREFIX)


def test_batches_written_apart_make_one_valid_tree(directory, monkeypatch):
    monkeypatch.setattr(generated, "BATCH_SIZE", 4)
    threads = []
    write_in_threads = generated._write_in_threads

    def noted(*args):
        threads.append(True)
        return write_in_threads(*args)

    monkeypatch.setattr(generated, "_write_in_threads", noted)

    assert generated.add_generated_shops(19, DemoReport()) == 19

    # Five batches: shared among threads on PostgreSQL only.
    assert bool(threads) == (connection.vendor == "postgresql")
    directory.refresh_from_db()
    assert Page.find_problems() == ([], [], [], [], [])
    assert directory.numchild == directory.get_children().count() == 19
    shops = list(generated_shops().order_by("path"))
    assert [shop.title for shop in shops] == [f"Commerce {n:05d}" for n in range(1, 20)]
    assert all(shop.get_parent().pk == directory.pk for shop in shops)
    assert list(ShopPage.objects.search("commerce 00017")) == [shops[16]]

    # A second run finds them all and writes nothing; a larger one adds after them.
    assert generated.add_generated_shops(19, DemoReport()) == 0
    assert generated.add_generated_shops(23, DemoReport()) == 4
    directory.refresh_from_db()
    assert directory.numchild == 23
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_failing_batch_stops_the_writers_and_keeps_the_tree_valid(directory, monkeypatch):
    monkeypatch.setattr(generated, "BATCH_SIZE", 4)
    real_shop = generated.generated_shop

    def failing(number, *args):
        if number == 10:  # in the third batch
            raise RuntimeError("a shop that cannot be built")
        return real_shop(number, *args)

    monkeypatch.setattr(generated, "generated_shop", failing)

    with pytest.raises(RuntimeError, match="cannot be built"):
        generated.add_generated_shops(40, DemoReport())

    # The failed batch wrote nothing; what was committed is a valid tree whose counts
    # match its rows.
    directory = DirectoryPage.objects.get()
    assert not generated_shops().filter(title__in=["Commerce 00009", "Commerce 00012"]).exists()
    assert Page.find_problems() == ([], [], [], [], [])
    assert directory.numchild == directory.get_children().count() > 0

    # Run again, it writes the missing ones after the others.
    monkeypatch.setattr(generated, "generated_shop", real_shop)
    written = generated_shops().count()
    assert generated.add_generated_shops(40, DemoReport()) == 40 - written
    directory.refresh_from_db()
    assert directory.numchild == 40
    assert Page.find_problems() == ([], [], [], [], [])

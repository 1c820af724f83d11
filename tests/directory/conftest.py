import pytest


@pytest.fixture
def directory():
    """A site's home page with the shop directory under it, at /commerces/."""
    from tests.factories import DirectoryPageFactory, HomePageFactory

    return DirectoryPageFactory(parent=HomePageFactory(), slug="commerces")


@pytest.fixture
def address_register(db):
    """The tests' small register (tests/addresses.py), loaded as the city loads it."""
    from directory.address_file import load_address_register
    from tests.addresses import TEST_REGISTER, best_file

    return load_address_register(best_file(TEST_REGISTER))


@pytest.fixture
def operations_index(db):
    """A home page as the default site's root, with the shop directory at /commerces/
    and the operations at /operations/."""
    from tests.factories import DirectoryPageFactory, HomePageFactory, OperationsPageFactory

    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    return OperationsPageFactory(parent=home)


@pytest.fixture
def stored():
    """`stored(shops)`: the same shops read back from the database, in the same order,
    with their weekly and special hours read once (prefetched, as the directory's
    listings and the shop page read them) rather than at each call of is_open or
    status_line: the walks comparing them minute by minute would otherwise spend their
    time re-reading the same rows."""
    from directory.models import ShopPage

    def read(shops):
        by_pk = ShopPage.objects.prefetch_related("opening_hours", "special_hours").in_bulk(
            [shop.pk for shop in shops]
        )
        return [by_pk[shop.pk] for shop in shops]

    return read

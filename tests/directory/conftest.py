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

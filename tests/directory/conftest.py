import pytest


@pytest.fixture
def directory():
    """A site's home page with the shop directory under it, at /commerces/."""
    from tests.factories import DirectoryPageFactory, HomePageFactory

    return DirectoryPageFactory(parent=HomePageFactory(), slug="commerces")


@pytest.fixture
def operations_index(db):
    """A home page as the default site's root, with the shop directory at /commerces/
    and the operations at /operations/."""
    from tests.factories import DirectoryPageFactory, HomePageFactory, OperationsPageFactory

    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    return OperationsPageFactory(parent=home)

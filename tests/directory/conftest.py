import pytest


@pytest.fixture
def directory():
    """A site's home page with the shop directory under it, at /commerces/."""
    from tests.factories import DirectoryPageFactory, HomePageFactory

    return DirectoryPageFactory(parent=HomePageFactory(), slug="commerces")

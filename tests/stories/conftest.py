import pytest

from tests.factories import HomePageFactory, StoriesPageFactory


@pytest.fixture
def stories_index(db):
    """A home page as the default site's root, with the stories at /histoires/."""
    home = HomePageFactory()
    return StoriesPageFactory(parent=home, slug="histoires")

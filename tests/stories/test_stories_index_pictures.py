"""The index's first picture is in the first screen: it loads at once, the others lazily."""

import re

import pytest

from tests.factories import ImageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def test_the_first_story_picture_loads_at_once_and_the_others_lazily(client, stories_index):
    for title in ("Trois", "Deux", "Un"):
        StoryPageFactory(title=title, hero_image=ImageFactory())
    html = client.get("/histoires/").content.decode()
    pictures = re.findall(r'<img[^>]*class="story-card__image"[^>]*>', html)
    assert len(pictures) == 3
    first, *others = pictures
    assert 'fetchpriority="high"' in first
    assert "loading=" not in first
    for other in others:
        assert 'loading="lazy"' in other
        assert "fetchpriority" not in other

"""Responsive images (core.images): a picture's renditions at several widths."""

import pytest

from core.images import responsive_image
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_small_photo_is_offered_once_in_its_own_width():
    (photo,) = [responsive_image(ImageFactory(), "Le comptoir")]
    assert photo.srcset.count(" 40w") == 1
    assert (photo.width, photo.height) == (40, 30)

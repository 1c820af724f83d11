"""Text normalisation shared by indexing and querying."""

import re

from anyascii import anyascii
from django.utils.html import strip_tags

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text):
    """Lower-case ASCII words separated by single spaces: "Épicerie fine <b>Bio</b>" →
    "epicerie fine bio". Used on both the indexed text and the resident's query."""
    return _NON_WORD.sub(" ", anyascii(strip_tags(text or "")).lower()).strip()

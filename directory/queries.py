"""Query fragments shared by the directory's pages."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public_q():
    """Pages without a view restriction on themselves or an ancestor, in SQL: the same as
    PageQuerySet.public(), which costs a query of its own to read the restrictions."""
    restricted_ancestor = PageViewRestriction.objects.annotate(length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, F("length"))
    )
    return ~Exists(restricted_ancestor)

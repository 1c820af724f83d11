"""Where a page sits in Wagtail's page tree, said through its materialised path.

Wagtail stores the tree with django-treebeard's materialised paths: a page's `path` is
its parent's path plus one step of `Page.steplen` characters taken from
`Page.alphabet`, and its `depth` is the number of steps. So the pages below a page are
those whose path extends its own, its children those exactly one step deeper, and its
parent's path is its own less one step.

Wagtail's queryset methods (`descendant_of`, `child_of`, `ancestor_of`) say this for a
page object at hand. The helpers here say it for what they do not cover -- a path held
as a string, a path across a relation (`page__path`), the path of the outer query of a
subquery -- in one place, built on treebeard's public attributes (`steplen`,
`alphabet`), so no module counts characters or invents an upper bound of its own.

The path column is unique, hence indexed. The conditions are ranges on it (or
equalities), which both databases read from that index: SQLite does not use an index
for `LIKE 'prefix%'` on a case-sensitive column (its LIKE is case-insensitive), and a
prefix taken from another column (a correlated subquery) is not a constant at all.
The ranges rely on the database ordering the alphabet's characters as the alphabet
does, which Wagtail's own tree order (`order_by("path")`) and treebeard's
`get_children` rely on too; tests/core/test_tree.py checks them against Wagtail's
methods on both databases.
"""

from django.db.models import F, OuterRef, Q, Value
from django.db.models.functions import Concat, Length, Substr
from treebeard.exceptions import PathOverflow
from wagtail.models import Page

STEPLEN = Page.steplen
ALPHABET = Page.alphabet
# A child's step lies between these two, both included (treebeard's children interval).
FIRST_STEP = ALPHABET[0] * STEPLEN
LAST_STEP = ALPHABET[-1] * STEPLEN


def depth_of(path):
    """The depth of the page at `path` (the root page is at depth 1)."""
    return len(path) // STEPLEN


def parent_path(path):
    """The path of the parent of the page at `path` ("" for the tree's root)."""
    return path[:-STEPLEN]


def ancestor_paths(path):
    """The paths of every ancestor of the page at `path`, root first, itself excluded."""
    return [path[:length] for length in range(STEPLEN, len(path), STEPLEN)]


def child_path(path, position):
    """The path of the child at `position` (1 for the first) under the page at `path`:
    what treebeard's `add_child` gives the `position`-th child, for code that inserts
    pages in bulk."""
    step, rest = "", position
    while rest:
        rest, digit = divmod(rest, len(ALPHABET))
        step = ALPHABET[digit] + step
    if not step or len(step) > STEPLEN:
        # What add_child raises when a page has no room for another child.
        raise PathOverflow(f"No step of {STEPLEN} characters numbers child {position}.")
    return path + step.rjust(STEPLEN, ALPHABET[0])


def position_of(path):
    """Which child of its parent the page at `path` is, counting from 1 (the inverse of
    child_path)."""
    position = 0
    for character in path[-STEPLEN:]:
        position = position * len(ALPHABET) + ALPHABET.index(character)
    return position


def _after(path):
    """The smallest string of the alphabet greater than every path that starts with
    `path`, or None when there is none (a path of last characters only)."""
    for index in range(len(path) - 1, -1, -1):
        position = ALPHABET.index(path[index])
        if position + 1 < len(ALPHABET):
            return path[:index] + ALPHABET[position + 1]
    return None


def below_q(path, field="path"):
    """Pages strictly below the page at `path` (its descendants). `field` names the
    path column to test, e.g. "page__path" from a related model."""
    upper = _after(path)
    condition = Q(**{f"{field}__gt": path})
    return condition & Q(**{f"{field}__lt": upper}) if upper else condition


def at_or_below_q(path, field="path"):
    """The page at `path` and every page below it."""
    upper = _after(path)
    condition = Q(**{f"{field}__gte": path})
    return condition & Q(**{f"{field}__lt": upper}) if upper else condition


def children_q(path, field="path"):
    """The children of the page at `path`. `field` names the path column; the depth
    column is its sibling ("page__path" → "page__depth")."""
    depth_field = field.removesuffix("path") + "depth"
    return Q(
        **{
            f"{field}__range": (path + FIRST_STEP, path + LAST_STEP),
            depth_field: depth_of(path) + 1,
        }
    )


def children_of_outer_q():
    """In a subquery on pages: the children of the outer query's page (its `path` and
    `depth`). A range between its first and last possible child paths, which reads the
    index once per outer page, where a `startswith` on the outer path would be a LIKE
    scanning every page once per outer page."""
    return Q(
        path__range=(
            Concat(OuterRef("path"), Value(FIRST_STEP)),
            Concat(OuterRef("path"), Value(LAST_STEP)),
        ),
        depth=OuterRef("depth") + 1,
    )


def parent_of_outer_q():
    """In a subquery on pages: the parent of the outer query's page (an equality on the
    indexed path column)."""
    return Q(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEPLEN))


def at_or_above_outer_q(field="path"):
    """In a subquery: rows whose `field` (a path) is the outer query's page or one of
    its ancestors -- the outer page's path starts with it."""
    return Q(**{field: Substr(OuterRef("path"), 1, Length(F(field)))})

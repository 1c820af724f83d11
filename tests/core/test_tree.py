"""The tree-path conditions of core.tree pick the same pages as Wagtail's own queryset
methods and treebeard's, on the database at hand, including paths at the edges of the
alphabet (a step of "Z"s, where a naive upper bound would stop), and read the path
index rather than scan the page table."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, F, Func, IntegerField, Subquery
from treebeard.exceptions import PathOverflow
from wagtail.models import Locale, Page, PageViewRestriction

from core import tree

pytestmark = pytest.mark.django_db

# A subtree of its own (the test database's tree starts with "0001"), with steps at both
# ends of the alphabet: the last possible child ("ZZZZ"), children after a "Z" digit
# ("000Z" then "0010"), and a page whose path ends with "Z" followed by a sibling root.
CRAFTED_PATHS = [
    "Y000",
    "Y0000001",
    "Y00000010001",
    "Y000000Z",
    "Y000000Z0001",
    "Y0000010",
    "Y000ZZZY",
    "Y000ZZZZ",
    "Y000ZZZZ0001",
    "Y000ZZZZZZZZ",
    "Y00Z",
    "Y00Z0001",
    "Y010",
]


@pytest.fixture
def crafted_tree(db):
    """Pages at CRAFTED_PATHS, written as rows (treebeard would need 1.6 million
    children to reach a "ZZZZ" step)."""
    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.get_default()
    pages = [
        Page(
            title=path,
            slug=path.lower(),
            path=path,
            depth=tree.depth_of(path),
            numchild=sum(
                1 for other in CRAFTED_PATHS if tree.parent_path(other) == path and other != path
            ),
            url_path=f"/{path.lower()}/",
            content_type=content_type,
            locale=locale,
        )
        for path in CRAFTED_PATHS
    ]
    Page.objects.bulk_create(pages)
    return list(Page.objects.filter(path__in=CRAFTED_PATHS).order_by("path"))


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_parent_path_is_the_path_less_one_step():
    assert tree.parent_path("000100020003") == "00010002"


def test_ancestor_paths_are_every_step_above_root_first():
    assert tree.ancestor_paths("000100020003") == ["0001", "00010002"]


def test_depth_counts_the_steps():
    assert tree.depth_of("000100020003") == 3


def test_child_path_numbers_children_in_the_alphabet():
    assert tree.child_path("0001", 36) == "00010010"
    assert tree.position_of("00010010") == 36


def test_child_path_and_position_are_inverse_over_every_step():
    for position in (1, 2, 35, 36, 37, 1295, 1296, 36**4 - 1):
        assert tree.position_of(tree.child_path("0001", position)) == position


def test_no_child_path_beyond_the_last_step():
    with pytest.raises(PathOverflow, match="No step"):
        tree.child_path("0001", 36**4)


def test_child_paths_are_treebeards(crafted_tree):
    # add_child (public) places each new child at the next position.
    root = Page.get_first_root_node()
    parent = root.add_child(title="Parent", slug="parent")
    children = [parent.add_child(title=f"Child {n}", slug=f"child-{n}") for n in (1, 2, 3)]
    for number, child in enumerate(children, start=1):
        assert child.path == tree.child_path(parent.path, number)
        assert tree.position_of(child.path) == number


def test_below_is_wagtails_descendant_of(crafted_tree):
    for page in crafted_tree:
        assert ids(Page.objects.filter(tree.below_q(page.path))) == ids(
            Page.objects.descendant_of(page)
        ), page.path


def test_at_or_below_is_wagtails_inclusive_descendant_of(crafted_tree):
    for page in crafted_tree:
        assert ids(Page.objects.filter(tree.at_or_below_q(page.path))) == ids(
            Page.objects.descendant_of(page, inclusive=True)
        ), page.path


def test_children_are_wagtails_child_of(crafted_tree):
    for page in crafted_tree:
        assert ids(Page.objects.filter(tree.children_q(page.path))) == ids(
            Page.objects.child_of(page)
        ), page.path


def test_conditions_follow_a_relation(crafted_tree):
    # From a model pointing at pages, the path column is named through the relation.
    by_path = {page.path: page for page in crafted_tree}
    for path in ("Y000000Z", "Y000000Z0001", "Y0000010"):
        PageViewRestriction.objects.create(page=by_path[path], restriction_type="login")
    restrictions = PageViewRestriction.objects.all()
    below = restrictions.filter(tree.below_q("Y000", field="page__path"))
    children = restrictions.filter(tree.children_q("Y000", field="page__path"))
    assert set(below.values_list("page__path", flat=True)) == {
        "Y000000Z",
        "Y000000Z0001",
        "Y0000010",
    }
    assert set(children.values_list("page__path", flat=True)) == {"Y000000Z", "Y0000010"}


def _count(subquery):
    counted = subquery.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count")
    return Subquery(counted, output_field=IntegerField())


def test_children_of_outer_are_wagtails_child_of(crafted_tree):
    counts = dict(
        Page.objects.filter(path__in=CRAFTED_PATHS)
        .annotate(children=_count(Page.objects.filter(tree.children_of_outer_q())))
        .values_list("path", "children")
    )
    assert counts == {page.path: Page.objects.child_of(page).count() for page in crafted_tree}


def test_parent_of_outer_is_wagtails_parent_of(crafted_tree):
    parents = dict(
        Page.objects.filter(path__in=CRAFTED_PATHS)
        .annotate(parent=Subquery(Page.objects.filter(tree.parent_of_outer_q()).values("pk")))
        .values_list("path", "parent")
    )
    expected = {
        page.path: Page.objects.parent_of(page).values_list("pk", flat=True).first()
        for page in crafted_tree
    }
    assert parents == expected


def test_at_or_above_outer_is_wagtails_inclusive_ancestor_of(crafted_tree):
    counts = dict(
        Page.objects.filter(path__in=CRAFTED_PATHS)
        .annotate(above=_count(Page.objects.filter(tree.at_or_above_outer_q())))
        .values_list("path", "above")
    )
    assert counts == {
        page.path: Page.objects.ancestor_of(page, inclusive=True).count() for page in crafted_tree
    }


def plan(queryset):
    """The database's plan for `queryset`, told to avoid whole-table scans where it has
    a choice (PostgreSQL prefers one on a table this small)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def reads_path_index(text):
    if connection.vendor == "postgresql":
        return "Index" in text and "Seq Scan" not in text
    return "USING" in text and "INDEX" in text and "path>?" in text


def test_below_reads_the_path_index(crafted_tree):
    assert reads_path_index(plan(Page.objects.filter(tree.below_q("Y000")).values("pk")))


def test_children_of_outer_read_the_path_index(crafted_tree):
    outer = Page.objects.filter(path="Y000").filter(
        Exists(Page.objects.filter(tree.children_of_outer_q()))
    )
    text = plan(outer.values("pk"))
    assert reads_path_index(text), text

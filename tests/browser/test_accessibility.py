"""WCAG 2.1 AA, as far as a machine can tell (axe-core), on every kind of page."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    "url",
    ["/", "/commerces/?q=boulangerie", "/offres/", "/histoires/", "/a-propos/", "/nulle-part/"],
)
def test_page_has_no_wcag_21_aa_violation(url, demo, accessibility_violations):
    assert accessibility_violations(url) == []

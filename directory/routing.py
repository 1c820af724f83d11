"""Routing a URL to a child page in one query when every child has the same type."""

from django.http import Http404

from core import compat, tree


def route_to_child(parent, request, path_components):
    """Wagtail's Page.route for a parent whose children are all of one type (its
    subpage_types name one model, which the parent's app need not import): the child
    is fetched as that model directly, one query instead of a Page and then its specific
    row. Every shop and offer page is asked for this way, so the query saved counts."""
    if not path_components:
        return None
    (child_model,) = parent.clean_subpage_models()
    slug, remaining = path_components[0], path_components[1:]
    try:
        child = child_model.objects.get(tree.children_q(parent.path), slug=slug)
    except child_model.DoesNotExist as error:
        raise Http404 from error
    # As Page.route does: the child knows its parent without asking the database.
    compat.remember_parent(child, parent)
    return child.route(request, remaining)

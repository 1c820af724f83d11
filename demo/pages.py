"""Creating a demo page the way an editor would (add it, save a revision, publish),
only when its slug is missing."""


def child_page(parent, model, slug, report, **fields):
    """The child of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.add(f"page « {page.title} »")
    return page

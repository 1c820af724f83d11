"""Edit-form panels shared by the page types merchants edit.

The city's staff hold `STAFF_ONLY`; merchants do not. A `FieldPanel` with that
permission is left out of the *form* for anyone without it (Wagtail's PermissionedForm),
not only hidden: a crafted POST that sets the field is ignored. A panel group whose
fields are all left out is not shown, nor a tab whose panels are all hidden, so a
merchant's form has no "Promotion" tab and no scheduling at all.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PublishingPanel

# The permission of the city's staff (merchants lack it), declared by the merchants'
# accounts (offers.merchant_models.ShopAccess); named here, not imported.
STAFF_ONLY = "offers.manage_merchants"


class StaffSchedulingPanel(PublishingPanel):
    """Wagtail's go-live / expiry dates, for staff only: an expiry date would let a
    merchant unpublish their shop, which only staff may do (offers.permissions), and an
    offer's own first and last days already say when it shows. The permission sits on
    the fields, not only the panel, so a crafted POST cannot set them either."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            child.permission = STAFF_ONLY


def staff_promote_panels(*extra):
    """Wagtail's "Promotion" panels (slug, search engines' title and description, site
    menus), for staff only: a page's public address and how search engines show it are
    the city's, and a merchant never has to think of them (an offer's slug is made from
    its title). `extra` panels go after them, in the same tab."""
    return [
        MultiFieldPanel(
            [
                FieldPanel("slug", permission=STAFF_ONLY),
                FieldPanel("seo_title", permission=STAFF_ONLY),
                FieldPanel("search_description", permission=STAFF_ONLY),
            ],
            heading=_("Pour les moteurs de recherche"),
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus", permission=STAFF_ONLY)],
            heading=_("Pour les menus du site"),
        ),
        *extra,
    ]


class LabelledInlinePanel(InlinePanel):
    """An InlinePanel whose add button says what it adds in proper French
    (« Ajouter une photo »): Wagtail's own button reads "Add {label}", translated
    « Ajouter un(e) {label} » whatever the noun's gender and number."""

    def __init__(self, relation_name, *, add_label, **kwargs):
        super().__init__(relation_name, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "components/admin/labelled_inline_panel.html"

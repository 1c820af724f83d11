"""The shop editor's panel for the shop's point: no coordinates to type, a sentence
saying where the shop is placed and why, and the map to correct it."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from directory.address_register import point_status
from directory.widgets import MapPickerWidget

ADDRESS_FIELDS = ("street", "postcode", "locality")


def _point(form):
    try:
        return (float(form["latitude"].value()), float(form["longitude"].value()))
    except (TypeError, ValueError):
        return None


class ShopPointPanel(MultiFieldPanel):
    """Latitude and longitude as hidden inputs, set by the lookup of the typed address in
    the city's register (directory.address_register, on save and as the merchant types)
    or by a click on the map; above the map, what the register made of the address."""

    def __init__(self, children=(), *args, **kwargs):
        children = children or [
            FieldPanel("latitude", widget=MapPickerWidget()),
            FieldPanel("longitude", widget=forms.HiddenInput),
        ]
        kwargs.setdefault("heading", _("Position sur la carte"))
        super().__init__(children, *args, **kwargs)

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "directory/admin/shop_point_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            form = self.form
            fields = [name for name in ADDRESS_FIELDS if name in form.fields]
            address = {name: form[name].value() or "" for name in fields}
            context.update(
                latitude=form["latitude"],
                longitude=form["longitude"],
                status=point_status(
                    address.get("street", ""),
                    address.get("postcode", ""),
                    address.get("locality", ""),
                    _point(form),
                ),
                lookup_url=reverse("directory_address_lookup"),
                address_inputs={name: form[name].id_for_label for name in fields},
            )
            return context

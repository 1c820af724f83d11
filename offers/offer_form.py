"""The offer's admin form: images the editor may choose only (core.admin_forms), and a
slug merchants never see.

For a merchant the form has no slug field, so neither the form nor a crafted POST sets
it: the slug is made from the title (offers.slugs), numbered when another offer of the
shop has it, and follows the title until the offer is first published (its address is
public from then on, and stays). Staff keep the field and Wagtail's own check."""

from core.admin_forms import ChoosableMediaPageForm
from directory.models.shop import STAFF_ONLY
from offers.slugs import offer_slug


class OfferPageForm(ChoosableMediaPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and not self.for_user.has_perm(STAFF_ONLY):
            self.fields.pop("slug", None)

    @property
    def makes_its_slug(self):
        return "slug" not in self.fields

    def clean(self):
        cleaned_data = super().clean()
        title = cleaned_data.get("title")
        ever_published = self.instance.first_published_at is not None
        if self.makes_its_slug and title and not ever_published and self.parent_page:
            self.instance.slug = offer_slug(title, self.parent_page, self.instance)
        return cleaned_data

"""The image library's form (WAGTAILIMAGES_IMAGE_FORM_BASE): every upload, from the
library, its multiple uploader or a chooser, goes through it.

- Every uploaded photo is turned upright and scaled down to a sane size before it is
  stored (core.image_upload).
- Wagtail's "description" is what the site uses as the image's alternative text (an
  offer's picture): it says so.
- A merchant is asked for the file and that text only: the title is made from the
  file's name (the library lists images by it) and keywords are the staff's business.
  Staff keep Wagtail's whole form.
"""

import re
from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from core.image_upload import shrunk_upload
from offers import merchants

# Fields a merchant is not asked for; a crafted POST setting them is ignored.
NOT_FOR_MERCHANTS = ("tags",)


def title_from_filename(name):
    """ "devanture_ete-2026.JPG" -> "devanture ete 2026"."""
    words = re.sub(r"[\s_.\-]+", " ", PurePath(name).stem).strip()
    return words[:255] or str(_("Photo"))


class ImageForm(BaseImageForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.for_merchant = user is not None and merchants.is_merchant(user)
        if "description" in self.fields:
            self.fields["description"].label = _("Texte alternatif")
            self.fields["description"].help_text = _(
                "Ce que montre la photo, pour qui ne la voit pas (p. ex. « Trois croissants "
                "sur le comptoir »)."
            )
        if self.for_merchant:
            for name in NOT_FOR_MERCHANTS:
                self.fields.pop(name, None)
            if "title" in self.fields:
                # Kept as a hidden field: Wagtail's multiple uploader reads its length.
                self.fields["title"].required = False
                self.fields["title"].widget = forms.HiddenInput()

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            return shrunk_upload(uploaded) or uploaded
        return uploaded

    def clean(self):
        cleaned_data = super().clean()
        if self.for_merchant and "title" in self.fields and not cleaned_data.get("title"):
            named = cleaned_data.get("file") or self.instance.file
            cleaned_data["title"] = (
                title_from_filename(named.name) if named else self.instance.title or _("Photo")
            )
        return cleaned_data

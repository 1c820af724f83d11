"""`{% image %}` as Wagtail's tag writes it (same arguments, same <img>), with its
rendition found through core.images: the filter parsed once when the template is
compiled, the rendition read from what the picture holds or from the cache, never
written back (Wagtail's tag parses the filter and writes the rendition to the cache at
every rendering), and the <img> written by core.images.img_html. Load `image_tags`
instead of `wagtailimages_tags`."""

from django import template
from wagtail.images.templatetags import wagtailimages_tags

from core.images import image_filter, img_html, rendition_of

register = template.Library()


class ImageNode(wagtailimages_tags.ImageNode):
    def __init__(self, image_expr, filter_specs, output_var_name=None, attrs=None):
        super().__init__(image_expr, filter_specs, output_var_name=output_var_name, attrs=attrs)
        self.filter = image_filter("|".join(filter_specs))

    def get_filter(self):
        return self.filter

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        rendition = rendition_of(image, self.filter.spec)
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        attributes = {name: value.resolve(context) for name, value in self.attrs.items()}
        return img_html(rendition, attributes)


@register.tag
def image(parser, token):
    """Wagtail's `{% image picture spec... [attr="value"...] [as name] %}`."""
    node = wagtailimages_tags.image(parser, token)
    return ImageNode(
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )

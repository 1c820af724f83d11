"""Plain-text e-mails: rendered without HTML escaping.

Django's template engine escapes for HTML, which in a text e-mail shows a shop called
« Fleurs d'été » as « Fleurs d&#x27;été ». Text e-mail templates render with the
"text" engine of TEMPLATES (the same templates, `autoescape` off); pages keep the
escaping default engine. Panels rendered inside (`{% render_panel %}`) use the engine of
the template that includes them, so they are not escaped either.
"""

from django.template.loader import render_to_string

TEXT_ENGINE = "text"


def render_text(template_name, context=None):
    """The text of e-mail template `template_name`, with nothing HTML-escaped."""
    return render_to_string(template_name, context, using=TEXT_ENGINE)

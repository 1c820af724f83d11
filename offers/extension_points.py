"""Where the apps above offers plug into them: Wagtail hooks, registered in the upper
app's `wagtail_hooks.py` (the pattern of home.extension_points)."""

from home.extension_points import panels

# fn(user, shops, day) -> Panel | None
#   A part of the weekly reminder e-mail (plain text) to merchant `user`, about
#   `shops` (a ShopPage queryset: their shops) on `day`: the e-mail shows the panels
#   after its links, in the hooks' order. What a merchant sees there comes only from
#   `shops`, never from other shops.
REMINDER_EMAIL_PANELS = "offers_reminder_email_panels"


def reminder_email_panels(user, shops, day):
    return panels(REMINDER_EMAIL_PANELS, user, shops, day)

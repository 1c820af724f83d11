"""The insights in the admin: the staff's report in the Reports menu, and each
merchant's own figures on their dashboard and in their reminder e-mail."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from core import clock
from home.extension_points import Panel
from insights import merchant_figures, views_admin
from offers import merchants
from offers.extension_points import REMINDER_EMAIL_PANELS
from offers.staff_menu import StaffMenuItem


@hooks.register("register_admin_urls")
def insights_admin_urls():
    return [
        path(
            "reports/frequentation/",
            views_admin.frequentation_report,
            name="insights_report",
        ),
        path(
            "reports/frequentation/mots-des-habitants/",
            views_admin.add_search_term,
            name="insights_add_search_term",
        ),
    ]


@hooks.register("register_reports_menu_item")
def frequentation_menu_item():
    return StaffMenuItem(
        _("Fréquentation"),
        reverse("insights_report"),
        name="frequentation",
        icon_name="view",
        order=690,
    )


class MerchantFiguresPanel(Component):
    """A merchant's own figures on their dashboard (insights.merchant_figures)."""

    name = "merchant_figures"
    order = 20
    template_name = "insights/admin/merchant_figures_panel.html"

    class Media:
        css = {"all": ["css/merchant-admin.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = clock.today()
        recent, before = merchant_figures.periods(today)
        return {
            "shops": merchant_figures.shop_figures(merchants.merchant_shops(self.user), today),
            "recent": recent,
            "before": before,
        }


# After offers' hook, which leaves a merchant's dashboard with their shops only.
@hooks.register("construct_homepage_panels", order=100)
def merchant_figures_dashboard(request, panels):
    if merchants.is_merchant(request.user):
        panels.append(MerchantFiguresPanel(request.user))


@hooks.register(REMINDER_EMAIL_PANELS)
def reminder_email_figures(user, shops, day):
    """The merchant's figures in their reminder e-mail (offers.extension_points)."""
    return Panel(
        "insights/merchant_figures.txt", {"figures": merchant_figures.shop_figures(shops, day)}
    )

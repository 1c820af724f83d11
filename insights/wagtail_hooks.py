"""The insights in the admin: the staff's report in the Reports menu, and each
merchant's own figures on their dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from insights import views_admin
from offers import merchants


@hooks.register("register_admin_urls")
def insights_admin_urls():
    return [
        path(
            "reports/frequentation/",
            views_admin.frequentation_report,
            name="insights_report",
        )
    ]


class StaffReportMenuItem(MenuItem):
    def is_shown(self, request):
        return merchants.is_staff_member(request.user)


@hooks.register("register_reports_menu_item")
def frequentation_menu_item():
    return StaffReportMenuItem(
        _("Fréquentation"),
        reverse("insights_report"),
        name="frequentation",
        icon_name="view",
        order=690,
    )

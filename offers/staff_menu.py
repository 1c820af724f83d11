"""Admin menu items for the city's staff only (the merchant changes, the visits report,
the locked logins): merchants never see them, and each view checks again."""

from wagtail.admin.menu import MenuItem

from offers.merchants import is_staff_member


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)

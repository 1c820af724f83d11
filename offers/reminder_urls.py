"""Public addresses of merchants' reminders (outside the admin: they need no login)."""

from django.urls import path

from offers import views_reminders

urlpatterns = [
    # The link in the reminder email: a confirmation page, which posts to the next one.
    path(
        "rappels/arreter/<str:token>/",
        views_reminders.confirm_opt_out,
        name="offers_reminders_opt_out",
    ),
    path("rappels/arreter/", views_reminders.opt_out, name="offers_reminders_opt_out_done"),
]

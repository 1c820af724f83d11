"""Public addresses of merchants' reminders (outside the admin: they need no login)."""

from django.urls import path

from offers import views_reminders

urlpatterns = [
    path(
        "rappels/arreter/<str:token>/",
        views_reminders.opt_out,
        name="offers_reminders_opt_out",
    ),
]

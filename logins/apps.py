from django.apps import AppConfig


class LoginsConfig(AppConfig):
    """Logins: failed-login throttling (django-axes) and two-factor authentication
    (django-otp) for the admin. It sits above offers, whose rule says who is staff."""

    name = "logins"
    verbose_name = "Connexions"

"""For someone who lost both their phone and their backup codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from logins import two_factor


class Command(BaseCommand):
    help = (
        "Turn two-factor authentication off for an account (its authenticator app and "
        "backup codes), so its owner can log in with the password and enrol a new phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account is called {username!r}.") from None
        if not two_factor.is_enabled(user):
            self.stdout.write(f"{username} has no two-factor authentication; nothing to do.")
            return
        two_factor.disable(user)
        self.stdout.write(
            f"Two-factor authentication is off for {username}. They log in with their "
            "password alone and, if it is required for them, enrol a new phone at once."
        )

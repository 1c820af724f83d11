from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo import seed_demo


class Command(BaseCommand):
    help = (
        "Create the demo content (a fictional town, its pages and the dev accounts). "
        "Creates only what is missing, so it is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (it creates accounts with known passwords).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a real site, and the demo creates accounts "
                "with published passwords. Use --force if you really mean it."
            )
        with transaction.atomic():
            report = seed_demo()
        if report.created:
            self.stdout.write("Created: " + ", ".join(report.created) + ".")
        else:
            self.stdout.write("The demo content is already there; nothing to create.")
        self.stdout.write("Demo accounts (log in at /admin/):")
        for account in report.accounts:
            self.stdout.write(f"  {account.username} / {account.password}  ({account.role})")

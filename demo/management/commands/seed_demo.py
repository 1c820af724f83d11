import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.runner import DemoReport, seed_demo
from demo.shops.generated import add_generated_shops
from directory.search_index import analyse_search_index


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
        parser.add_argument(
            "--shops",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Also make sure N generated shops (« Commerce 00001 »...) exist, for "
                "measuring; they are written in bulk, so 100,000 take minutes, not hours."
            ),
        )

    def handle(self, *args, force=False, shops=0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a real site, and the demo creates accounts "
                "with published passwords. Use --force if you really mean it."
            )
        if shops < 0:
            raise CommandError("--shops takes a number of shops, 0 or more.")
        with transaction.atomic():
            report = seed_demo()
        if report.created:
            self.stdout.write("Created: " + ", ".join(report.created) + ".")
        else:
            self.stdout.write("The demo content is already there; nothing to create.")
        if shops:
            started = time.monotonic()
            # Each batch commits on its own, so an interrupted run keeps what it wrote and
            # the next run only adds the rest.
            created = add_generated_shops(shops, DemoReport())
            self.stdout.write(
                f"Generated shops: {created} created in {time.monotonic() - started:.1f} s "
                f"({shops - created} already there)."
            )
        analyse_search_index()
        self.stdout.write("Demo accounts (log in at /admin/):")
        for account in report.accounts:
            self.stdout.write(f"  {account.username} / {account.password}  ({account.role})")

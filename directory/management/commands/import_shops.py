from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directory.search_index import analyse_search_index
from directory.shop_csv import ShopFileError, import_shops


class Command(BaseCommand):
    help = (
        "Import shops from a CSV file (columns documented in the README), matching them on "
        "their reference: new shops are created and published, changed ones updated. "
        "Nothing is written when a row is bad, unless --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the good rows and report the bad ones instead of importing nothing.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Write nothing; report what the import would create, update or leave.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The account the pages' history credits with the import (none by default).",
        )

    def handle(self, *args, file, skip_invalid=False, dry_run=False, user=None, **options):
        if user is not None:
            try:
                user = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No account is called {user}.") from None
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = import_shops(data, skip_invalid=skip_invalid, dry_run=dry_run, user=user)
        except ShopFileError as error:
            raise CommandError(str(error)) from error
        if not dry_run:
            analyse_search_index()
        for line in report.lines():
            self.stdout.write(line)
        if report.problems and not skip_invalid:
            raise CommandError(
                "Some rows are bad and nothing was written; fix them, or use --skip-invalid "
                "to import the good rows."
            )

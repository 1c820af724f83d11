from pathlib import Path

from django.core.management.base import BaseCommand

from directory.shop_csv import exported_shops, write_csv


class Command(BaseCommand):
    help = (
        "Write every live shop as CSV, in the format import_shops reads, to FILE or to "
        "standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="Where to write (default: stdout).")

    def handle(self, *args, file=None, **options):
        if file is None:
            # The csv module writes each row in one call, ending in "\r\n", so stdout's
            # wrapper adds no newline of its own.
            write_csv(exported_shops(), self.stdout)
            return
        with file.open("w", encoding="utf-8", newline="") as stream:
            count = write_csv(exported_shops(), stream)
        self.stdout.write(f"Wrote {count} shops to {file}.")

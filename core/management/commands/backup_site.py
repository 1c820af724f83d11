from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back the site up into one archive (a new file; .tar.gz compresses it): a consistent "
        "snapshot of the database, taken while the site runs, the uploaded files and a "
        "manifest with their checksums. `restore_site` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive to write, e.g. site.tar.gz.")

    def handle(self, *args, archive, **options):
        try:
            manifest = create_backup(archive)
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"No backup written: {error}") from error
        media = manifest["media"]
        files = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Backed up the {manifest['database']['engine']} database and "
            + (
                f"{files} uploaded files"
                if media["included"]
                else f"no uploaded file (they are in {media['storage']}, whose own versioning "
                "keeps them)"
            )
            + f" to {archive}."
        )

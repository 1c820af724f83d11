from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup_site` into an empty site (no table in the "
        "database, no file in the media folder), then migrate it to this version of the "
        "code. The archive is checked whole before anything is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive backup_site wrote.")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Replace the database even though it is not empty, and add the files to a "
                "media folder that is not (files of the same name are replaced)."
            ),
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = restore_backup(archive, force=force)
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"Nothing restored: {error}") from error
        files = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (Vitrine "
            f"{manifest['vitrine_version']}, {manifest['database']['engine']}): the database "
            f"and {files} uploaded files."
        )
        if not manifest["media"]["included"]:
            self.stdout.write(
                f"The backup holds no uploaded file: they were in {manifest['media']['storage']}; "
                "the site finds them there if it uses the same bucket."
            )
        # The restored database may predate this code; what the cache holds describes
        # the site as it was before the restore.
        call_command("migrate", interactive=False, verbosity=max(0, options["verbosity"] - 1))
        cache.clear()
        self.stdout.write("Migrated and cleared the cache: the site is ready.")

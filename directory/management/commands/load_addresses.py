from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.address_file import AddressFileError, load_address_register, open_register_file


class Command(BaseCommand):
    help = (
        "Load the city's address register from the BeSt Address extract (CSV, or the ZIP "
        "opendata.bosa.be publishes), keeping the addresses of the postcodes or "
        "municipalities given. Replaces the whole register; writes nothing when a row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="openaddress-bewal.zip, or its CSV.")
        parser.add_argument(
            "--postcode",
            action="append",
            default=[],
            metavar="CODE",
            help="Keep this postcode's addresses (repeat for several, or separate by commas).",
        )
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            metavar="NAME",
            help="Keep this municipality's addresses (its name in French, Dutch or German).",
        )

    def handle(self, *args, file, postcode, municipality, **options):
        postcodes = [code for value in postcode for code in value.split(",")]
        if not postcodes and not municipality:
            self.stdout.write(
                "No --postcode nor --municipality: loading every address of the file."
            )
        try:
            with open_register_file(file) as stream:
                report = load_address_register(
                    stream, postcodes=postcodes, municipalities=municipality
                )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        except AddressFileError as error:
            raise CommandError(
                _("%(error)s Rien n'a été écrit : le registre est resté tel quel.")
                % {"error": error}
            ) from error
        for line in report.lines():
            self.stdout.write(line)

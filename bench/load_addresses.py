"""Benchmark of `manage.py load_addresses` and of the lookup the shop editor makes, with
a generated BeSt Address extract: a measurement, not a test.

    .venv/bin/python bench/load_addresses.py                          # a temporary SQLite file
    scripts/with-postgres .venv/bin/python bench/load_addresses.py    # a throwaway PostgreSQL

Like bench/run.py it never touches the site's own database. It writes a ZIP holding a CSV
in BeSt's layout of `--rows` addresses, a tenth of them in the postcode kept (a commune
in a region's file), times the command twice (the first load, then the same file again,
which replaces the register), then times `locate()` for typed addresses (exact, nearest
number, misspelt street). It prints the machine and a Markdown table; docs/benchmarks.md
keeps the figures.
"""

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_database, machine, versions  # noqa: E402

KEPT_POSTCODE = "5000"
STREET_WORDS = ("Rue", "Avenue", "Chaussée", "Place", "Boulevard", "Quai")
NAMES = ("des Tilleuls", "de la Gare", "du Moulin", "Saint-Roch", "de Fer", "de l'Ange")
NUMBERS_PER_STREET = 200


def address_rows(rows):
    """The rows of the generated extract: streets of 200 numbers, one in ten of them in
    the postcode kept."""
    from directory.address_file import BEST_ADDRESS_COLUMNS

    yield BEST_ADDRESS_COLUMNS
    for index in range(rows):
        street_number, number = divmod(index, NUMBERS_PER_STREET)
        postcode = KEPT_POSTCODE if street_number % 10 == 0 else str(5001 + street_number % 900)
        street = (
            f"{STREET_WORDS[street_number % 6]} {NAMES[street_number // 6 % 6]} {street_number}"
        )
        values = {
            "EPSG:4326_lat": f"{50.4 + (index % 1000) / 10000:.5f}",
            "EPSG:4326_lon": f"{4.8 + (index // 1000 % 1000) / 10000:.5f}",
            "address_id": str(index),
            "house_number": str(number + 1),
            "municipality_name_fr": "Namur" if postcode == KEPT_POSTCODE else "Ailleurs",
            "postcode": postcode,
            "streetname_fr": street,
            "status": "current",
        }
        yield [values.get(column, "") for column in BEST_ADDRESS_COLUMNS]


def write_zip(folder, rows):
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(address_rows(rows))
    path = Path(folder) / "openaddress-bench.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("openaddress-bench.csv", text.getvalue())
    return path


def timed_load(path):
    from django.core.management import call_command

    out = io.StringIO()
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("load_addresses", str(path), "--postcode", KEPT_POSTCODE, stdout=out)
    return time.perf_counter() - started, time.process_time() - cpu_started, out.getvalue()


def timed_lookups(typed, repeat=50):
    from directory.address_register import locate

    results = []
    for line in typed:
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            location = locate(line, KEPT_POSTCODE)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        results.append(
            (line, location.outcome.value, statistics.median(samples), samples[int(0.95 * repeat)])
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="addresses in the file")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vitrine.settings.test"
    with (
        tempfile.TemporaryDirectory(prefix="vitrine-bench-addresses-") as folder,
        bench_database() as engine,
    ):
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        path = write_zip(folder, args.rows)
        runs = []
        for label in ("first load", "same file again (replaces the register)"):
            load = os.getloadavg()[0]
            seconds, cpu, out = timed_load(path)
            runs.append((label, load, seconds, cpu, out.splitlines()[0]))
        lookups = timed_lookups(
            ["Rue des Tilleuls 0 12", "Rue des Tilleuls 0 250", "Rue des Tileuls 0 12"]
        )
        print(f"## load_addresses, {engine}, {date.today().isoformat()}\n")
        for name, value in machine().items():
            print(f"- {name}: {value}")
        print(f"- {versions()}")
        print(f"- the file: {args.rows} addresses, {path.stat().st_size} bytes zipped\n")
        print("| run | load (1 min) at its start | seconds | CPU seconds | the summary |")
        print("| --- | ---: | ---: | ---: | --- |")
        for label, load, seconds, cpu, summary in runs:
            print(f"| {label} | {load:.2f} | {seconds:.2f} | {cpu:.2f} | {summary} |")
        print("\n| typed address | outcome | median ms | p95 ms |")
        print("| --- | --- | ---: | ---: |")
        for line, outcome, median, p95 in lookups:
            print(f"| {line} | {outcome} | {median:.2f} | {p95:.2f} |")


if __name__ == "__main__":
    main()

"""Benchmark of `manage.py import_shops` with a generated file: a measurement, not a test.

    .venv/bin/python bench/import_shops.py                          # a temporary SQLite file
    scripts/with-postgres .venv/bin/python bench/import_shops.py    # a throwaway PostgreSQL
    .venv/bin/python bench/import_shops.py --rows 500 --profile first  # where the time goes

Like bench/run.py it never touches the site's own database (see `bench_database` there).
It migrates, seeds the demo town (its directory and ~60 shops), writes a CSV of `--rows`
fictional shops with every column filled in, then times the command three times: the
first import (every row a new shop), the same file again (every row unchanged) and a file
where every shop has changed (every row an update). It prints the machine and a Markdown
table; docs/benchmarks.md keeps the figures. `--profile first` (or `updates`) runs that
import under cProfile and prints the most expensive functions instead.
"""

import argparse
import cProfile
import csv
import io
import logging
import os
import pstats
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_database, machine, versions  # noqa: E402

STREETS = ("Rue de Fer", "Rue de l'Ange", "Place d'Armes", "Rue Godefroid", "Avenue Reine")
CATEGORIES = ("Boulangerie", "Fleuriste", "Librairie", "Épicerie", "Café", "Coiffeur")
DISTRICTS = ("Centre", "Gare", "Citadelle", "Bomel", "Salzinnes")
SERVICES = ("Livraison", "Paiement par carte", "Click & collect", "Accès PMR")
TAGS = ("bio", "local", "artisanal", "vrac", "fait maison", "terrasse")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="shops in the file")
    parser.add_argument(
        "--profile",
        choices=["first", "updates"],
        help="profile the first import, or the run where every shop changed",
    )
    parser.add_argument(
        "--profile-out",
        metavar="PATH",
        help="with --profile, also save the statistics there (for pstats or snakeviz)",
    )
    parser.add_argument(
        "--no-updates", action="store_true", help="leave out the run where every shop changed"
    )
    return parser.parse_args()


def shop_row(number, edition=1):
    """The CSV record of fictional shop `number`; a later `edition` changes its text."""
    category = CATEGORIES[number % len(CATEGORIES)]
    return {
        "reference": f"IMP-{number:05d}",
        "name": f"{category} {number:05d}",
        "short_description": f"{category} du quartier, édition {edition}",
        "description": f"Une adresse fictive.\n\nOuvert depuis {1950 + number % 70}, édition "
        f"{edition}.",
        "category": category,
        "district": DISTRICTS[number % len(DISTRICTS)],
        "street": f"{STREETS[number % len(STREETS)]} {1 + number % 120}",
        "postcode": "5000",
        "locality": "Vilvèze",
        "latitude": f"{50.45 + (number % 100) / 2000:.5f}",
        "longitude": f"{4.85 + (number // 100 % 100) / 2000:.5f}",
        "phone": f"+32 81 {number % 100:02d} {number // 100 % 100:02d} 00",
        "email": f"contact{number}@example.org",
        "website": f"https://commerce-{number}.example.org",
        "services": "|".join(SERVICES[: 1 + number % len(SERVICES)]),
        "tags": "|".join(TAGS[number % 3 : number % 3 + 2]),
        "opening_hours": "Mo-Fr 09:00-12:30,13:30-18:00; Sa 09:00-17:00",
        "hours_confirmed_on": "2026-11-01",
    }


def write_file(folder, name, rows, edition):
    path = Path(folder) / name
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(shop_row(1)))
        writer.writeheader()
        for number in range(1, rows + 1):
            writer.writerow(shop_row(number, edition))
    return path


class LastMessage(logging.Handler):
    """Keeps the import's last log message: how long its publishing transaction took."""

    message = ""

    def emit(self, record):
        LastMessage.message = record.getMessage()


def server_cpu_seconds():
    """User + system CPU seconds of the PostgreSQL backend serving this process's
    connection so far (it runs on this machine: /proc), or None on SQLite, which runs in
    this process and is counted in its own CPU time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    # Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_import(path):
    from django.core.management import call_command

    LastMessage.message = ""
    out = io.StringIO()
    server_started = server_cpu_seconds()
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("import_shops", str(path), stdout=out)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    server = server_cpu_seconds()
    server = None if server is None else server - server_started
    summary = out.getvalue().strip().splitlines()[-1]
    return seconds, cpu, server, f"{summary} {LastMessage.message}".strip()


def main():
    args = parse_args()
    os.chdir(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vitrine.settings.test"
    folder = tempfile.mkdtemp(prefix="vitrine-bench-import-")
    with bench_database() as engine:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from directory.models import ShopPage

        imports_log = logging.getLogger("directory.shop_csv.writing")
        imports_log.addHandler(LastMessage())
        imports_log.setLevel(logging.INFO)

        try:
            print(f"Seeding {engine} with the demo...", flush=True)
            call_command("migrate", verbosity=0, interactive=False)
            call_command("seed_demo", force=True, stdout=io.StringIO())
            first = write_file(folder, "first.csv", args.rows, edition=1)
            changed = write_file(folder, "changed.csv", args.rows, edition=2)
            if args.profile:
                if args.profile == "updates":
                    timed_import(first)
                profiler = cProfile.Profile()
                profiler.runcall(timed_import, first if args.profile == "first" else changed)
                if args.profile_out:
                    profiler.dump_stats(args.profile_out)
                stats = pstats.Stats(profiler).sort_stats("cumulative")
                stats.print_stats(40)
                stats.sort_stats("tottime").print_stats(25)
                return
            timings = []
            runs = [
                (f"first import, {args.rows} new shops", first),
                (f"same file again, {args.rows} unchanged", first),
                (f"every shop changed, {args.rows} updates", changed),
            ]
            for label, path in runs[:2] if args.no_updates else runs:
                print(f"  {label}...", flush=True)
                load = os.getloadavg()[0]
                seconds, cpu, server, summary = timed_import(path)
                timings.append((label, load, seconds, cpu, server, summary))
            print()
            print(f"## import_shops, {engine}, {date.today().isoformat()}")
            print()
            for name, value in machine().items():
                print(f"- {name}: {value}")
            print(f"- {versions()}")
            print(f"- live shops after the imports: {ShopPage.objects.live().count()}")
            print()
            # CPU time (user + system) says less about other loads on a shared machine
            # than wall time: this process's (Python, and SQLite, which runs in it) and,
            # on PostgreSQL, its server backend's.
            print(
                "| run | load (1 min) at its start | seconds | CPU seconds (this process)"
                " | CPU seconds (PostgreSQL backend) | the summary |"
            )
            print("| --- | ---: | ---: | ---: | ---: | --- |")
            for label, load, seconds, cpu, server, summary in timings:
                server = "" if server is None else f"{server:.1f}"
                row = f"{label} | {load:.2f} | {seconds:.1f} | {cpu:.1f} | {server} | {summary}"
                print(f"| {row} |")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark of the directory with 10,000 shops: a measurement, not a test.

    .venv/bin/python bench/run.py                          # a temporary SQLite file
    scripts/with-postgres .venv/bin/python bench/run.py    # a throwaway PostgreSQL cluster
    make bench                                             # both

It never touches the site's own database. Without DATABASE_URL it works in a temporary
SQLite file; with a PostgreSQL DATABASE_URL it creates a database of its own on that
server (`vitrine_bench_<pid>`) and drops it at the end. It migrates, seeds the demo plus
`--shops` generated shops (timed), then renders each URL in-process with Django's test
client: a warm-up, then `--requests` timed requests, and one more request under a query
counter. It prints the machine and a Markdown table (docs/benchmarks.md keeps the
figures). A page that fails (not written yet, or broken) is reported with its error
instead of stopping the run.

Each request is timed twice: on the wall clock (what a visitor waits) and in the CPU time
of this process (`time.process_time`), which the other work of a shared host barely
changes. Compare two commits on the CPU column when the host is busy.
"""

import argparse
import itertools
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
POINT = "50.466,4.87"
# Next Tuesday (a week ahead on a Tuesday) at 10:30, when the seeded bakeries are open,
# whatever day and hour the bench runs.
_DAYS_TO_TUESDAY = (1 - date.today().weekday()) % 7 or 7
OPEN_AT = f"{date.today() + timedelta(days=_DAYS_TO_TUESDAY):%Y-%m-%d}T10:30"
# Label, URL; {category} is the slug of the demo's bakeries, {open_at} next Tuesday at
# 10:30, {sunday_open} the demo's Sunday opening at 11:00, {shop} a generated shop,
# {new_shop} a different generated shop and {new_page} a
# different result page at each request.
URLS = [
    # "Open at" a fixed weekday morning rather than "open now": how many shops are open
    # now depends on the hour the bench runs (after 13:00 on a Sunday, no bakery is, and
    # the page has no cards to show).
    (
        "directory: text + category + open at + distance",
        "/commerces/?q=boul&categorie={category}&pres=" + POINT + "&tri=distance&ouvert={open_at}",
    ),
    ("directory: no filter", "/commerces/"),
    # A city operation (issue 17): the demo's Sunday opening (20 shops) at 11:00 on its
    # day, and its chèques commerce scheme (30 shops), among all the generated shops.
    (
        "directory: operation (Sunday opening) + open at",
        "/commerces/?operation=dimanche-shopping&ouvert={sunday_open}",
    ),
    ("directory: operation (a scheme)", "/commerces/?operation=cheques-commerce"),
    # Each request a result page not seen before: its shops' cards (directory.cards) are
    # not kept yet, as for the first search that lists them.
    ("directory: no filter, a new result page each time", "/commerces/?page={new_page}"),
    ("shop page (demo shop)", "/commerces/boulangerie-du-beffroi/"),
    # Rendered at each request (the page cache is off here), from the cached details
    # (directory.shop_cache). Until issue 19's third part the shop page kept its rendered
    # HTML, and this row measured that, with "rendered each time" (`?rendu=1`) beside it.
    ("shop page (generated shop)", "/commerces/{shop}/"),
    # Each request a shop not seen before: its cached details (directory.shop_cache) are
    # not there yet, as on a first visit; the rows above measure return visits.
    ("shop page, first visit (a different generated shop each time)", "/commerces/{new_shop}/"),
    ("map GeoJSON: text + distance", "/commerces/carte.geojson?q=boul&pres=" + POINT),
    # The floor every page pays (middleware, site, menus, base template), for comparison.
    ("baseline: a text page", "/a-propos/"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=10_000, help="generated shops to add")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per URL")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per URL first")
    return parser.parse_args()


# --- A database of our own --------------------------------------------------------


@contextmanager
def bench_database():
    """Point DATABASE_URL at a database created for this run, and remove it afterwards.
    Yields a short description of the engine."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        with postgres_database(url) as bench_url:
            os.environ["DATABASE_URL"] = bench_url
            yield "PostgreSQL"
    else:
        folder = tempfile.mkdtemp(prefix="vitrine-bench-")
        try:
            os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            yield "SQLite"
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgres_database(url):
    import psycopg

    parts = urlsplit(url)
    name = f"vitrine_bench_{os.getpid()}"
    # libpq reads the host from PGHOST when the URL has none (scripts/with-postgres).
    server = parts._replace(path=parts.path or "/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


# --- The machine ------------------------------------------------------------------


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    # Other processes on the machine skew the figures; the load average says how much.
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {"cores (nproc)": cores, "CPU": cpu, "RAM": memory, "load average (1, 5, 15 min)": load}


def versions():
    import django
    import wagtail
    from django.db import connection

    if connection.vendor == "postgresql":
        server = connection.pg_version
        database = f"PostgreSQL {server // 10000}.{server % 10000}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, {database}"
    )


# --- Seeding and measuring ---------------------------------------------------------


def seed(shops):
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("seed_demo", force=True, stdout=StringIO())
    timings["seed_demo (demo content, ~60 shops)"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("seed_demo", force=True, shops=shops, stdout=StringIO())
    timings[f"seed_demo --shops {shops}"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # A live database has its statistics and visibility map: autovacuum runs within
        # a minute of a bulk load. Without them the planner guesses (the search's query
        # took 21 ms instead of 12), and autovacuum would start in the middle of the
        # timed requests, on the same two cores.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        timings["VACUUM ANALYZE (as autovacuum does after a bulk load)"] = (
            time.perf_counter() - started
        )
    return timings


def describe_error(error):
    text = f"{type(error).__name__}: {error}".replace("\n", " ").replace("|", "/")
    return text if len(text) <= 90 else text[:87] + "..."


def page_queries(client, url):
    """The SQL queries of one request, as (seconds, sql) pairs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    # Savepoints are the transaction's bookkeeping (ATOMIC_REQUESTS), not the page's work.
    return [
        (float(query["time"]), query["sql"]) for query in context if "SAVEPOINT" not in query["sql"]
    ]


def measure(client, pages, requests, warmup):
    """{label: result} for `pages`, a list of (label, urls): the status, p50 and p95 in
    ms, the median CPU time in ms and the query count of each page, or the error it
    raises. `urls` yields the URL of each request: the same one, or a new one each time.

    Each page gets its first request and its warm-up, then the timed requests go round
    the pages in turn, one request each: a few slow seconds of a shared host then fall
    on every page a little, rather than on the whole sample of whichever page was being
    timed (in turn, the p95 of 50 requests measured those seconds as much as the page)."""
    results, timed = {}, []
    for label, urls in pages:
        try:
            response = client.get(next(urls))
        except Exception as error:  # the page under test may not be written yet
            results[label] = {"status": "error", "note": describe_error(error)}
            continue
        results[label] = {"status": response.status_code, "bytes": len(response.content)}
        if response.status_code != 200:
            results[label]["note"] = "not 200: timings are of the error response"
        for _ in range(warmup):
            client.get(next(urls))
        timed.append((label, urls))
    durations = {label: [] for label, _urls in timed}
    cpu_times = {label: [] for label, _urls in timed}
    for _ in range(requests):
        for label, urls in timed:
            url = next(urls)
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            durations[label].append((time.perf_counter() - started) * 1000)
            cpu_times[label].append((time.process_time() - started_cpu) * 1000)
    for label, urls in timed:
        result = results[label]
        result["p50"] = statistics.median(durations[label])
        result["p95"] = statistics.quantiles(durations[label], n=20, method="inclusive")[-1]
        # The wall clock counts the time the host gave to other processes; on a loaded
        # host it swung by 2x between two runs of one commit, where the CPU time moved
        # by a few per cent (docs/benchmarks.md, issue 14).
        result["cpu_p50"] = statistics.median(cpu_times[label])
        queries = page_queries(client, next(urls))
        result["queries"] = len(queries)
        result["slowest"] = max(queries, default=None)
    return results


def request_urls(url, category_slug, middle, shops):
    """The URL of each request: `url` with the bakeries' category slug, the generated
    shop number `middle`, for {new_shop} the next generated shop each time (from
    `middle` + 1, wrapping round after `shops`) and for {new_page} the next result page
    (from 2)."""
    from demo.shops.generated import generated_slug

    for number in itertools.count(middle):
        yield url.format(
            category=category_slug,
            open_at=OPEN_AT,
            sunday_open=sunday_open(),
            shop=generated_slug(middle),
            new_shop=generated_slug(1 + number % max(1, shops)),
            new_page=2 + number % max(1, shops // 20),
        )


def sunday_open():
    """The demo's Sunday opening (demo.operations) at 11:00, as `ouvert=` reads it."""
    from demo.operations import next_december_sunday

    return f"{next_december_sunday(date.today()):%Y-%m-%d}T11:00"


def table(rows):
    lines = [
        "| page | status | p50 (ms) | p95 (ms) | CPU p50 (ms) | SQL queries | size (kB) | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, url, result in rows:
        numbers = [
            f"{result['p50']:.1f}" if "p50" in result else "–",
            f"{result['p95']:.1f}" if "p95" in result else "–",
            f"{result['cpu_p50']:.1f}" if "cpu_p50" in result else "–",
            str(result.get("queries", "–")),
            f"{result['bytes'] / 1024:.1f}" if "bytes" in result else "–",
        ]
        lines.append(
            f"| {label} (`{url}`) | {result['status']} | "
            + " | ".join(numbers)
            + f" | {result.get('note', '')} |"
        )
    return "\n".join(lines)


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    # The test settings are production's minus what only slows tests: DEBUG is off, so
    # queries are not recorded except where we count them.
    os.environ["DJANGO_SETTINGS_MODULE"] = "vitrine.settings.test"
    # Every page rendered, from Django's warm caches: the page cache (core.page_cache)
    # would serve each request after the first whole (bench/callgrind.py and
    # bench/throughput.py measure it).
    os.environ["PAGE_CACHE"] = "false"
    with bench_database() as engine:
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client

        from demo.shops.generated import generated_slug
        from directory.models import Category, ShopPage

        try:
            print(f"Seeding {engine} with the demo and {args.shops} shops...", flush=True)
            timings = seed(args.shops)
            category = Category.objects.filter(schema_type="Bakery").first()
            client = Client()
            category_slug = category.slug if category else "boulangerie"
            middle = max(1, args.shops // 2)
            pages = [
                (label, request_urls(url, category_slug, middle, args.shops)) for label, url in URLS
            ]
            print(f"  {len(pages)} pages, {args.requests} rounds...", flush=True)
            results = measure(client, pages, args.requests, args.warmup)
            rows = [
                (
                    label,
                    url.format(
                        category=category_slug,
                        open_at=OPEN_AT,
                        sunday_open=sunday_open(),
                        shop=generated_slug(middle),
                        new_shop=generated_slug(middle + 1) + "…",
                        new_page=f"{2 + middle % max(1, args.shops // 20)}…",
                    ),
                    results[label],
                )
                for label, url in URLS
            ]

            print()
            print(f"## {engine}, {date.today().isoformat()}")
            print()
            for name, value in machine().items():
                print(f"- {name}: {value}")
            print(f"- {versions()}")
            print(f"- live shops: {ShopPage.objects.live().count()}")
            for name, seconds in timings.items():
                print(f"- {name}: {seconds:.1f} s")
            print(
                f"- {args.requests} timed requests per page after {args.warmup} warm-up,"
                " taken in turn (one request of each page per round)"
            )
            print()
            print(table(rows))
            print()
            print("Slowest query of each page (one request, timed by Django's debug cursor):")
            print()
            for label, _, result in rows:
                if result.get("slowest"):
                    seconds, sql = result["slowest"]
                    print(f"- {label}: {seconds * 1000:.0f} ms: `{sql[:300]}...`")
        finally:
            shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Instructions per request, counted by callgrind (issue 19): a count, not a timing.

    .venv/bin/python bench/callgrind.py                          # the demo town, SQLite
    .venv/bin/python bench/callgrind.py --shops 10000 --only directory
    scripts/with-postgres .venv/bin/python bench/callgrind.py    # PostgreSQL
    make bench-callgrind

The database is seeded once, outside valgrind, as bench/run.py does it (a temporary
SQLite file, or a database of its own on DATABASE_URL's PostgreSQL server; the demo plus
`--shops` generated shops). Then, for each URL, a child Python process makes the
requests in-process with Django's test client, under `valgrind --tool=callgrind`, twice:
set-up (Python, Django, the first client) and `--warmup` requests, then the same plus
`--requests` more. The difference of the two runs' instruction totals, divided by
`--requests`, is the cost of one warm request: start-up, imports and the first
requests' lazy work cancel out. The count does not depend on how busy the host is, so
two commits compare on a shared machine to well under 1 %.

Before the first valgrind run, each URL's child runs once without it: every page is
checked to answer 200, and what a first run writes on disk and in the database
(bytecode caches, image renditions) is written, so that the two counted runs start from
the same state.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "vitrine.settings.test"  # production's minus what only slows tests; DEBUG off
HOST = "testserver"  # in the test settings' ALLOWED_HOSTS, and their SITE_URL's host
DEMO_SHOP = "/commerces/boulangerie-du-beffroi/"
CACHED_HIT = "shop page, cached hit (page cache)"
# The targets, in millions of instructions per request, by label.
TARGETS = {
    "home": "≤ 55",
    "shop page, rendered each time": "≤ 40",
    "shop page, cached hit (page cache)": "≤ 1.6",
    "home, cached hit": "≤ 1.6",
    "story": "≤ 50",
    "campaign": "≤ 80",
    "offers feed": "≤ 60",
    "directory: text search": "≤ 60 at 10,000 shops",
}
# The children's media folder (the seeded images), passed from the parent.
MEDIA_VARIABLE = "VITRINE_CALLGRIND_MEDIA_ROOT"
PERF = "PYTHONPERFSUPPORT"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=0, help="generated shops to add")
    parser.add_argument("--requests", type=int, default=10, help="counted requests per URL")
    parser.add_argument("--warmup", type=int, default=3, help="requests in the baseline")
    parser.add_argument(
        "--only",
        default="",
        help="measure only the URLs whose label contains one of these words (comma-separated)",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=0,
        help=(
            "also print each page's N Python functions with the most instructions per "
            "request (the children then run with Python's perf trampolines, which add a "
            "little to every count)"
        ),
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep the callgrind output files in this folder (for callgrind_annotate)",
    )
    parser.add_argument(
        "--seeded",
        type=Path,
        help=(
            "a folder that keeps the seeded SQLite database and its media: seeded there "
            "when empty, reused (migrated only) when not, so that a second run at 100,000 "
            "shops skips minutes of seeding; a run changes what a request writes there "
            "(renditions, caches' rows), as a first run does"
        ),
    )
    # The child's side: make `--child-requests` requests of one URL, and nothing else.
    parser.add_argument("--child-url", help=argparse.SUPPRESS)
    parser.add_argument("--child-requests", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


# --- The child: requests in-process ------------------------------------------------


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()


def child(url, requests):
    setup_django()
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.test import Client

    # The test settings make a media folder per process; the child reads the parent's,
    # where the seeded images are.
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    settings.MEDIA_ROOT = os.environ[MEDIA_VARIABLE]
    assert default_storage.location == settings.MEDIA_ROOT
    client = Client()
    for _ in range(requests):
        response = client.get(url, HTTP_HOST=HOST)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}, not 200")


# --- The parent: seeding, then valgrind for each URL ---------------------------------


def pages(only):
    """(label, URL) of each page measured, from the seeded tree; with `only`, those whose
    label contains one of its comma-separated words."""
    from stories.models import CampaignPage, StoryPage

    story = StoryPage.objects.live().order_by("path").first()
    campaign = CampaignPage.objects.live().order_by("path").first()
    found = [
        ("home", "/"),
        # Rendered at each request (as every page but the cached hits: the page cache is
        # off), from the shop's cached details.
        ("shop page, rendered each time", DEMO_SHOP),
        # Served whole by the page cache (core.page_cache), after routing nothing.
        (CACHED_HIT, DEMO_SHOP),
        ("home, cached hit", "/"),
        ("story", story.url),
        ("campaign", campaign.url),
        ("offers feed", "/offres/"),
        ("directory: text search", "/commerces/?q=boul"),
        ("directory: no filter", "/commerces/"),
        # The floor every page pays (middleware, site, menus, base template).
        ("baseline: a text page", "/a-propos/"),
    ]
    words = [word.strip() for word in only.split(",") if word.strip()]
    return [(label, url) for label, url in found if not words or any(w in label for w in words)]


def child_command(url, requests):
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--child-url={url}",
        f"--child-requests={requests}",
    ]


def child_environment(media_root, python_names):
    environment = dict(os.environ)
    if python_names:
        # Python's perf support (-X perf): each Python function is entered through a
        # trampoline of its own, which callgrind counts as a function, and whose address
        # Python writes in /tmp/perf-<pid>.map.
        environment[PERF] = "1"
    # str and bytes hashes, hence dict and set orders and what the code does with them,
    # are the same in every run.
    environment["PYTHONHASHSEED"] = "0"
    environment["DJANGO_SETTINGS_MODULE"] = SETTINGS
    environment[MEDIA_VARIABLE] = str(media_root)
    return environment


def with_page_cache(environment, label):
    """The child's environment for the page `label`: the page cache (core.page_cache) on
    for a cached hit only; every other page is rendered at each request, from Django's
    other caches, warm."""
    return {**environment, "PAGE_CACHE": "true" if "cached hit" in label else "false"}


def run_plain(url, requests, environment):
    """The child's requests without valgrind: every page answers 200 before the long
    runs start, and what a first run writes is written before them."""
    # Without the trampolines, whose map only the counted runs need.
    environment = {name: value for name, value in environment.items() if name != PERF}
    done = subprocess.run(
        child_command(url, requests), env=environment, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"error: {url}: {done.stderr.strip()}")


def count_instructions(url, requests, environment, output):
    """The instructions a child making `requests` requests of `url` executes, start to
    end, as callgrind counts them."""
    command = [
        "valgrind",
        "--tool=callgrind",
        # Instructions only: no cache or branch simulation, which only slow the run.
        "--cache-sim=no",
        "--branch-sim=no",
        "--quiet",
        f"--callgrind-out-file={output}",
        *child_command(url, requests),
    ]
    done = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE, text=True)
    _, errors = done.communicate()
    if done.returncode != 0:
        sys.exit(f"error: {url} under valgrind: {errors.strip()}")
    # Under valgrind the program keeps the process id: its perf map is named after it.
    perf_map = Path(f"/tmp/perf-{done.pid}.map")
    if perf_map.exists():
        shutil.move(perf_map, f"{output}.map")
    return read_total(output)


def read_total(path):
    """The instruction total of a callgrind output file: its `totals:` line, or its
    `summary:` line (callgrind writes one or both)."""
    text = Path(path).read_text(errors="replace")
    for name in ("totals", "summary"):
        found = re.search(rf"^{name}:\s*(\d+)", text, re.MULTILINE)
        if found:
            return int(found.group(1))
    raise ValueError(f"{path}: no totals or summary line")


def measure(label, url, args, environment, folder):
    """Millions of instructions per request of `url`: (with K - baseline) / K; with
    `--top`, also its Python functions that cost the most per request."""
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    baseline, counted = folder / f"callgrind.{slug}.baseline", folder / f"callgrind.{slug}.counted"
    before = count_instructions(url, args.warmup, environment, baseline)
    after = count_instructions(url, args.warmup + args.requests, environment, counted)
    top = []
    if args.top:
        spent = python_functions(counted)
        spent.subtract(python_functions(baseline))
        top = [(name, count / args.requests / 1e6) for name, count in spent.most_common(args.top)]
    return (after - before) / args.requests / 1e6, top


def python_functions(output):
    """Instructions of each Python function in a callgrind output file, inclusive of
    what it calls, by name: its perf trampolines' costs as callgrind_annotate adds them
    up. Only a function's outermost call counts (callgrind names the calls it makes
    inside itself f'2, f'3...), so recursion is not counted twice."""
    names = {}
    for line in Path(f"{output}.map").read_text().splitlines():
        start, _size, name = line.split(" ", 2)
        # py::qualname:path, the path shortened to the project's or the package's.
        name = name.removeprefix("py::").replace(f"{ROOT}/", "")
        names[int(start, 16)] = re.sub(r"[^:]*/site-packages/", "", name)
    annotated = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(output)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    spent = Counter()
    for count, address in re.findall(
        r"^\s*([\d,]+) \([^)]*\)\s+\?\?\?:0x([0-9a-f]+) ", annotated, re.MULTILINE
    ):
        name = names.get(int(address, 16))
        if name:
            spent[name] += int(count.replace(",", ""))
    return spent


def table(rows):
    lines = [
        "| page | URL | M instructions per request | issue 19's target (M) |",
        "| --- | --- | ---: | ---: |",
    ]
    for label, url, (millions, _top) in rows:
        lines.append(f"| {label} | `{url}` | {millions:.2f} | {TARGETS.get(label, '')} |")
    return "\n".join(lines)


def main():
    args = parse_args()
    if args.child_url:
        child(args.child_url, args.child_requests)
        return
    if args.requests < 1 or args.warmup < 1:
        sys.exit("error: --requests and --warmup take 1 or more")
    if not shutil.which("valgrind"):
        sys.exit("error: valgrind is missing (apt-get install valgrind)")
    from run import versions

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    with database(args.seeded) as engine:
        setup_django()
        from django.conf import settings
        from django.db import connections

        from directory.models import ShopPage

        try:
            timings, media_root = seeded(args, engine, settings)
            measured = pages(args.only)
            live_shops = ShopPage.objects.live().count()
            description = versions()
            # The children have the database to themselves.
            connections.close_all()
            environment = child_environment(media_root, python_names=args.top > 0)
            folder = args.keep or Path(tempfile.mkdtemp(prefix="vitrine-callgrind-"))
            folder.mkdir(parents=True, exist_ok=True)
            for label, url in measured:
                run_plain(url, args.warmup + args.requests, with_page_cache(environment, label))
            rows = []
            try:
                for label, url in measured:
                    print(f"  {label} ({url})...", flush=True)
                    counted = measure(label, url, args, with_page_cache(environment, label), folder)
                    rows.append((label, url, counted))
            finally:
                if not args.keep:
                    shutil.rmtree(folder, ignore_errors=True)

            report(args, engine, description, live_shops, timings, rows)
        finally:
            shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@contextmanager
def database(kept):
    """bench/run.py's database of its own for this run, or, with `--seeded`, the SQLite
    file kept in that folder. Yields a short description of the engine."""
    from run import bench_database

    if kept is None:
        with bench_database() as engine:
            yield engine
        return
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("error: --seeded keeps a SQLite file only")
    kept.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{kept.resolve()}/{KEPT_DATABASE}"
    yield "SQLite"


KEPT_DATABASE = "bench.sqlite3"
KEPT_MEDIA = "media"


def seeded(args, engine, settings):
    """Seed the database, or with `--seeded`, reuse the one seeded there before (only
    migrated) when it has `--shops` shops: (timings by step, the media folder the
    children read, where the seeded images are, and their renditions are written)."""
    from django.core.management import call_command
    from run import seed

    kept = args.seeded
    if kept is not None and (kept / KEPT_DATABASE).exists() and (kept / "shops").exists():
        shops = int((kept / "shops").read_text())
        if shops != args.shops:
            sys.exit(f"error: {kept} holds {shops} generated shops, not --shops {args.shops}")
        print(f"Reusing the database seeded in {kept}...", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        return {}, kept / KEPT_MEDIA
    print(f"Seeding {engine} with the demo and {args.shops} shops...", flush=True)
    timings = seed(args.shops)
    if kept is None:
        return timings, settings.MEDIA_ROOT
    shutil.copytree(settings.MEDIA_ROOT, kept / KEPT_MEDIA, dirs_exist_ok=True)
    # Written last: a folder without it was not seeded to the end.
    (kept / "shops").write_text(str(args.shops))
    return timings, kept / KEPT_MEDIA


def report(args, engine, description, live_shops, timings, rows):
    from run import machine

    print()
    print(f"## {engine}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print()
    for name, value in machine().items():
        print(f"- {name}: {value}")
    print(f"- {description}, valgrind {valgrind_version()}")
    print(f"- engine: {engine}; live shops: {live_shops} (--shops {args.shops})")
    for name, seconds in timings.items():
        print(f"- {name}: {seconds:.1f} s")
    print(
        f"- per URL: (instructions of set-up + {args.warmup} + {args.requests} "
        f"requests - those of set-up + {args.warmup}) / {args.requests}"
    )
    if args.top:
        print("- the children ran with Python's perf trampolines (--top): counts ~10 % higher")
    print()
    print(table(rows))
    if not args.top:
        return
    for label, _url, (_millions, top) in rows:
        print()
        print(f"{label}: Python functions, M instructions per request (inclusive)")
        print()
        for name, millions in top:
            print(f"- {millions:.2f} `{name}`")


def valgrind_version():
    done = subprocess.run(["valgrind", "--version"], capture_output=True, text=True)
    return done.stdout.strip().removeprefix("valgrind-")


if __name__ == "__main__":
    main()

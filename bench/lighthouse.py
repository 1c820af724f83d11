"""Lighthouse (mobile) on the nine page types, against a production-like server: a
measurement, not a test (docs/lighthouse.md).

    make lighthouse
    .venv/bin/python bench/lighthouse.py [--performance] [--no-record] [--keep]

From a fresh clone it sets up what it needs:

1. Lighthouse, pinned (bench/lighthouse/package.json and its package-lock.json, every
   package checked against its sha512), installed with `npm ci` into
   .venv/share/lighthouse/<version>/ the first time. It needs Node.js and npm
   (`scripts/system-deps lighthouse` installs Debian's);
2. a throwaway folder holding a SQLite database (migrated, seeded with `seed_demo`),
   `collectstatic`'s output and the uploaded media;
3. gunicorn serving `vitrine.wsgi` with the production settings (DEBUG off, static files
   through WhiteNoise with hashed, compressed names) on a free port of 127.0.0.1, the
   media served as the web server in front would, and the map tiles from a stand-in on
   another loopback origin (bench/lighthouse_wsgi.py).

It then runs Lighthouse's mobile audits (accessibility, best practices, SEO; performance
with --performance) with Debian's Chromium on each page, prints every failing audit with
the elements it names, prints a Markdown table of the scores with the date, the machine
and the versions, and inserts that table at the top of docs/lighthouse.md's results
(unless --no-record). It stops the server and deletes the folder whatever happens
(unless --keep), and exits with 1 when a page scores below 100 in a category.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "bench" / "lighthouse"
DOCS = ROOT / "docs" / "lighthouse.md"
RESULTS_MARKER = "<!-- bench/lighthouse.py inserts each run below this line, newest first. -->"
CATEGORIES = ["accessibility", "best-practices", "seo"]
CATEGORY_TITLES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
# Lighthouse 12.8's own floor (its package.json's "engines").
NODE_MINIMUM = (18, 16)
# Variables of the calling shell that would point the throwaway server at something real.
INHERITED_BUT_IGNORED = [
    "DATABASE_URL",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "MEDIA_URL",
    "EMAIL_URL",
    "SECURE_PROXY_SSL_HEADER_NAME",
    "DJANGO_SETTINGS_MODULE",
]
# The audit a page that asks search engines not to index it fails by design.
NOINDEX_AUDIT = "is-crawlable"


class Failure(Exception):
    """Something the run cannot go on without; its message says what to do."""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--performance", action="store_true", help="also run the performance category"
    )
    parser.add_argument(
        "--no-record", action="store_true", help="print the table without adding it to the docs"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the throwaway folder (database, logs, Lighthouse's JSON and HTML reports)",
    )
    parser.add_argument(
        "--page",
        action="append",
        metavar="LABEL",
        help="only this page type (repeatable), e.g. --page shop --page 'offers feed'",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    return parser.parse_args()


# --- Lighthouse ----------------------------------------------------------------------


def pinned_version():
    return json.loads((PINS / "package.json").read_text())["dependencies"]["lighthouse"]


def node_version(node):
    output = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    return tuple(int(part) for part in output.stdout.strip().lstrip("v").split(".")[:2])


def ensure_lighthouse():
    """The path of Lighthouse's command-line script, installed from the lockfile when it is
    missing or the lockfile changed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise Failure(
            "Lighthouse needs Node.js and npm: run `scripts/system-deps lighthouse` "
            "(as root on Debian it installs them), or install them yourself."
        )
    if node_version(node) < NODE_MINIMUM:
        raise Failure(
            f"Lighthouse {pinned_version()} needs Node.js "
            f"{'.'.join(map(str, NODE_MINIMUM))} or newer; {node} is older."
        )
    home = ROOT / ".venv" / "share" / "lighthouse" / pinned_version()
    cli = home / "node_modules" / "lighthouse" / "cli" / "index.js"
    lockfile = (PINS / "package-lock.json").read_bytes()
    # The lockfile of the last install that finished: a half-done one is done again.
    installed = home / ".installed-lock.json"
    if cli.exists() and installed.exists() and installed.read_bytes() == lockfile:
        return node, cli
    print(f"Installing Lighthouse {pinned_version()} into {home.relative_to(ROOT)}...", flush=True)
    home.mkdir(parents=True, exist_ok=True)
    installed.unlink(missing_ok=True)
    shutil.copyfile(PINS / "package.json", home / "package.json")
    (home / "package-lock.json").write_bytes(lockfile)
    # `npm ci` installs exactly the lockfile (and fails if it does not match package.json),
    # checking each tarball against its sha512; none of these packages needs an install
    # script, so none is run.
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=home,
    )
    if done.returncode:
        raise Failure(f"`npm ci` could not install Lighthouse into {home} (see above)")
    installed.write_bytes(lockfile)
    return node, cli


# --- The server ------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(folder, port):
    environment = {
        key: value for key, value in os.environ.items() if key not in INHERITED_BUT_IGNORED
    }
    address = f"http://127.0.0.1:{port}"
    environment.update(
        {
            # What `gunicorn vitrine.wsgi` runs on a server: DEBUG off, WhiteNoise.
            "DJANGO_SETTINGS_MODULE": "vitrine.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": address,
            "WAGTAILADMIN_BASE_URL": address,
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            # Loopback has no TLS: production's redirect to https:// would send every
            # request to a port nothing listens on. Browsers, and Lighthouse's "uses
            # HTTPS", count http://127.0.0.1 as a secure origin; the HSTS header is only
            # ever sent over HTTPS, so it is not missed here.
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    return environment


def manage(environment, log, *arguments):
    command = [sys.executable, "manage.py", *arguments]
    with log.open("a") as output:
        output.write(f"$ {' '.join(command)}\n")
        output.flush()
        done = subprocess.run(command, cwd=ROOT, env=environment, stdout=output, stderr=output)
    if done.returncode:
        tail = "\n".join(log.read_text().splitlines()[-30:])
        raise Failure(f"`manage.py {' '.join(arguments)}` failed; the end of {log}:\n{tail}")


def prepare_site(environment, log):
    print("Migrating, seeding the demo and collecting static files...", flush=True)
    manage(environment, log, "migrate", "--noinput")
    # --force: DEBUG is off, and the demo's accounts have published passwords; this
    # database is deleted at the end and the server listens on loopback only.
    manage(environment, log, "seed_demo", "--force")
    manage(environment, log, "collectstatic", "--noinput")


def start_server(environment, port, workers, log):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "lighthouse_wsgi:application",
        "--pythonpath",
        str(ROOT / "bench"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        # gunicorn's control socket is one path per user: another gunicorn of this
        # user (a second run, bench/beacon.py) would take it over.
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    output = log.open("a")
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=output)
    output.close()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise Failure(f"gunicorn stopped at once; see {log}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/robots.txt")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise Failure(f"gunicorn did not answer within 90 s; see {log}")


def stop(process, timeout=30):
    """Stop a process this script started, by its PID: SIGTERM, then SIGKILL."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- The pages -------------------------------------------------------------------------


def prepare_pages(environment, port):
    """Points the maps at the tile stand-in (bench/lighthouse_wsgi.py) and returns
    (label, path, expects noindex) for the nine page types, chosen in the seeded demo."""
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from wagtail.models import Site

    from directory.models import Category, DirectoryPage, ShopPage
    from home.models import HomePage, SiteSettings

    for site in Site.objects.all():
        tiles = SiteSettings.for_site(site)
        # localhost, not 127.0.0.1: another origin than the pages', as a tile server is.
        tiles.map_tile_url = f"http://localhost:{port}/tuiles/{{z}}/{{x}}/{{y}}.png"
        tiles.save()
    from offers.models import OfferPage, OffersPage
    from stories.models import CampaignPage, StoriesPage, StoryPage

    def first(model, **filters):
        page = model.objects.live().public().filter(**filters).order_by("path").first()
        if page is None:
            raise Failure(f"the seeded demo has no live {model.__name__}")
        return page

    # The demo's showcase shop (photos, logo, special hours, an offer), else the first.
    showcase = ShopPage.objects.live().public().filter(slug="boulangerie-du-beffroi")
    shop = showcase.first() or first(ShopPage)
    its_offers = OfferPage.objects.live().public().descendant_of(shop).order_by("path")
    offer = its_offers.first() or first(OfferPage)
    directory = first(DirectoryPage).get_url()
    bakeries = Category.objects.filter(schema_type="Bakery").first()
    search = f"{directory}?q=pain" + (f"&categorie={bakeries.slug}" if bakeries else "")
    return [
        ("home", first(HomePage).get_url(), False),
        ("directory", directory, False),
        # A searched, filtered directory asks not to be indexed (issue 18).
        ("search", search, True),
        ("shop", shop.get_url(), False),
        ("offers feed", first(OffersPage).get_url(), False),
        ("offer", offer.get_url(), False),
        ("stories index", first(StoriesPage).get_url(), False),
        ("story", first(StoryPage).get_url(), False),
        ("campaign", first(CampaignPage).get_url(), False),
    ]


# --- Lighthouse's reports ---------------------------------------------------------------


def chromium():
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(path, os.X_OK):
        raise Failure(f"no Chromium at {path}: run `scripts/system-deps`, or set CHROMIUM=...")
    return path


def chromium_version(browser):
    done = subprocess.run([browser, "--version"], capture_output=True, text=True)
    return done.stdout.strip().split(" built on")[0] or "Chromium (version unknown)"


def run_lighthouse(node, cli, url, categories, output_base, browser):
    command = [
        node,
        str(cli),
        url,
        f"--only-categories={','.join(categories)}",
        "--form-factor=mobile",  # the default, said out loud: a phone, throttled
        f"--chrome-path={browser}",
        "--chrome-flags=--headless=new --no-sandbox --disable-background-networking",
        "--output=json",
        "--output=html",
        f"--output-path={output_base}",
        "--quiet",
    ]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    try:
        returncode = process.wait(timeout=300)
    except BaseException:
        # Lighthouse closes the Chromium it launched on SIGINT.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise
    report = Path(f"{output_base}.report.json")
    if returncode or not report.exists():
        raise Failure(f"Lighthouse failed on {url} (exit status {returncode})")
    return json.loads(report.read_text())


def category_score(report, category, without=()):
    """The category's score as Lighthouse computes it (the weighted mean of its scored
    audits; not applicable and manual ones left out), optionally without some audits."""
    total = weights = 0
    for reference in report["categories"][category]["auditRefs"]:
        audit = report["audits"][reference["id"]]
        if reference["id"] in without or audit["score"] is None or not reference["weight"]:
            continue
        total += audit["score"] * reference["weight"]
        weights += reference["weight"]
    return total / weights if weights else None


def failing_audits(report, categories):
    """(category, audit, weight) for each audit of `categories` that does not pass."""
    found = []
    for category in categories:
        for reference in report["categories"][category]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings") and (
                audit["score"] is not None and audit["score"] < 1
            ):
                found.append((category, audit, reference["weight"]))
    return found


def describe_value(value):
    if isinstance(value, dict):
        kind = value.get("type")
        if kind == "node":
            parts = [value.get("selector", ""), value.get("snippet", "")]
            if value.get("explanation"):
                parts.append("— " + " ".join(value["explanation"].split()))
            return " ".join(part for part in parts if part)
        if kind == "source-location":
            return f"{value.get('url')}:{value.get('line', 0) + 1}:{value.get('column', 0) + 1}"
        if kind in ("url", "code", "text"):
            return str(value.get("value", ""))
        if kind == "subitems":
            return "; ".join(describe_item(item) for item in value.get("items", []))
        return json.dumps(value, ensure_ascii=False)[:300]
    return str(value)


def describe_item(item):
    return " | ".join(
        f"{key}: {describe_value(value)}"
        for key, value in item.items()
        if value not in (None, "", [], {})
    )


def print_failures(label, url, report, categories, noindex_expected):
    failures = failing_audits(report, categories)
    if not failures:
        return
    print(f"\n### {label} ({url})")
    for category, audit, weight in failures:
        note = "" if weight else " (not scored)"
        if noindex_expected and audit["id"] == NOINDEX_AUDIT and blocked_by_noindex_only(report):
            note += " (intended: this page is noindex)"
        print(f"- [{category}] {audit['id']}: {audit['title']}{note}")
        for extra in ("displayValue", "explanation", "errorMessage"):
            if audit.get(extra):
                print(f"    {extra}: {audit[extra]}")
        for warning in audit.get("warnings") or []:
            print(f"    warning: {warning}")
        for item in (audit.get("details") or {}).get("items", [])[:20]:
            print(f"    * {describe_item(item)}")


# --- The record -------------------------------------------------------------------------


def machine():
    from run import machine as host  # bench/run.py reads the host for every benchmark

    found = host()
    return (
        f"{found['cores (nproc)']} cores ({found['CPU']}), "
        f"load average {found['load average (1, 5, 15 min)']}"
    )


def commit():
    def git(*arguments):
        done = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" with uncommitted changes" if git("status", "--porcelain") else "")


def percent(score):
    return "–" if score is None else str(round(score * 100))


def markdown(results, categories, started, versions):
    lines = [
        f"## {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"- commit {commit()}",
        f"- {machine()}",
        f"- {versions}",
        "",
        "| page | URL | "
        + " | ".join(CATEGORY_TITLES[category] for category in categories)
        + " | failing audits |",
        "| --- | --- | " + " | ".join("---:" for _ in categories) + " | --- |",
    ]
    notes, indexable = [], []
    for label, url, report, noindex_expected in results:
        if noindex_expected and passes(report, NOINDEX_AUDIT):
            indexable.append(label)
        cells = []
        for category in categories:
            cell = percent(report["categories"][category]["score"])
            if category == "seo" and noindex_expected and blocked_by_noindex_only(report):
                without = percent(category_score(report, "seo", without={NOINDEX_AUDIT}))
                cell += f" ({without} without `{NOINDEX_AUDIT}`)¹"
                notes.append(label)
            cells.append(cell)
        failing = ", ".join(
            f"`{audit['id']}`" + ("" if weight else " (not scored)")
            for _, audit, weight in failing_audits(report, categories)
        )
        lines.append(f"| {label} | `{url}` | " + " | ".join(cells) + f" | {failing or '—'} |")
    if notes:
        lines += [
            "",
            f"¹ The {', '.join(notes)} page carries `noindex`, as issue 18 asks of searched "
            f"and filtered pages, and Lighthouse fails `{NOINDEX_AUDIT}` on any page that asks "
            "not to be indexed, whatever else it does right. The score in brackets is "
            "Lighthouse's weighted mean of the other SEO audits.",
        ]
    if indexable:
        lines += [
            "",
            f"The {', '.join(indexable)} page is indexable: issue 18 wants searched and "
            "filtered pages `noindex, follow`.",
        ]
    return "\n".join(lines) + "\n"


def passes(report, audit_id):
    return report["audits"][audit_id]["score"] == 1


def blocked_by_noindex_only(report):
    """Whether `is-crawlable` fails, and only because of a `noindex` (a robots meta tag or
    X-Robots-Tag header), not because robots.txt disallows the page."""
    audit = report["audits"][NOINDEX_AUDIT]
    sources = [item.get("source") for item in (audit.get("details") or {}).get("items", [])]
    return (
        audit["score"] == 0
        and bool(sources)
        and all("noindex" in describe_value(source) for source in sources)
    )


def record(section):
    text = DOCS.read_text()
    if RESULTS_MARKER not in text:
        raise Failure(f"{DOCS.relative_to(ROOT)} lost its marker line: {RESULTS_MARKER}")
    DOCS.write_text(text.replace(RESULTS_MARKER, f"{RESULTS_MARKER}\n\n{section.rstrip()}", 1))
    print(f"Recorded in {DOCS.relative_to(ROOT)}.")


def below_target(results, categories):
    """(label, category) of each score under 100, the intended noindex set aside."""
    misses = []
    for label, _url, report, noindex_expected in results:
        for category in categories:
            score = report["categories"][category]["score"]
            if category == "seo" and noindex_expected and blocked_by_noindex_only(report):
                score = category_score(report, "seo", without={NOINDEX_AUDIT})
            if score is None or score < 1:
                misses.append((label, category))
    return misses


# --- Main -------------------------------------------------------------------------------


def main():
    args = parse_args()
    categories = (["performance"] if args.performance else []) + CATEGORIES
    started = datetime.now(UTC)
    # A SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so the server is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    node, cli = ensure_lighthouse()
    browser = chromium()
    folder = Path(tempfile.mkdtemp(prefix="vitrine-lighthouse-"))
    log = folder / "server.log"
    server = None
    results = []
    try:
        port = free_port()
        environment = server_environment(folder, port)
        prepare_site(environment, log)
        targets = prepare_pages(environment, port)
        if args.page:
            unknown = set(args.page) - {label for label, _, _ in targets}
            if unknown:
                raise Failure(f"no page type {', '.join(sorted(unknown))}")
            targets = [target for target in targets if target[0] in args.page]
        server = start_server(environment, port, args.workers, log)
        print(f"gunicorn (PID {server.pid}) on http://127.0.0.1:{port}/", flush=True)
        for label, path, noindex_expected in targets:
            url = f"http://127.0.0.1:{port}{path}"
            print(f"Lighthouse: {label} ({path})...", flush=True)
            base = folder / label.replace(" ", "-")
            report = run_lighthouse(node, cli, url, categories, base, browser)
            results.append((label, path, report, noindex_expected))
    finally:
        if server is not None:
            stop(server)
            print(f"Stopped gunicorn (PID {server.pid}).", flush=True)
        if args.keep:
            print(f"Kept {folder} (database, server log, Lighthouse's reports).")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    print("\n## Failing audits")
    if not any(failing_audits(report, categories) for _, _, report, _ in results):
        print("\nNone.")
    for label, path, report, noindex_expected in results:
        print_failures(label, path, report, categories, noindex_expected)
        if noindex_expected and passes(report, NOINDEX_AUDIT):
            print(f"\nNote: the {label} page ({path}) is indexable; issue 18 wants it noindex.")
    lighthouse = results[0][2]
    versions = (
        f"Lighthouse {lighthouse['lighthouseVersion']} (form factor "
        f"{lighthouse['configSettings']['formFactor']}, "
        f"{lighthouse['configSettings']['throttlingMethod']}d throttling), "
        f"{chromium_version(browser)}, "
        f"Node.js {'.'.join(map(str, node_version(node)))}, "
        f"gunicorn ({args.workers} workers) with vitrine.settings.production"
    )
    section = markdown(results, categories, started, versions)
    print()
    print(section)
    if not args.no_record:
        record(section)
    misses = below_target(results, categories)
    if misses:
        print("Below 100: " + ", ".join(f"{label} ({category})" for label, category in misses))
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        sys.exit(f"error: {failure}")

"""Requests per second through the stack, three ways, beside a static file: a measurement,
not a test.

    make bench-throughput     # scripts/with-stack .venv/bin/python bench/throughput.py

Run inside scripts/with-stack (the demo town, Varnish in front of two gunicorn app servers
with the production settings, PostgreSQL, Redis), it drives `wrk` (Debian's package) at:

- the front cache (Varnish), every page a hit: what residents get;
- one app server directly, with Django's own caches warm (Redis: the page cache,
  core.page_cache, which serves each page after its first request whole): what a site
  without a front cache gets;
- a third app server started here with `CACHE_URL=dummycache://`, which keeps nothing:
  every page rendered from the database, as on its first visit;

for the home page, a shop's page and a search, and a static file served the same ways
(WhiteNoise behind gunicorn; Varnish): the machine's ceiling. The load generator shares
the machine's cores with the servers, so the figures are a floor; the ratios between the
rows are what to compare. It prints the machine and a Markdown table
(docs/benchmarks.md keeps the figures).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import machine  # noqa: E402  (the bench's own helpers, beside it)

PAGES = [
    ("home", "/"),
    ("shop page", "/commerces/boulangerie-du-beffroi/"),
    ("search", "/commerces/?q=pain"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="load per URL and way")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    return parser.parse_args()


def stack_environment():
    environment = dict(os.environ)
    for line in Path(os.environ["STACK_ENV"]).read_text().splitlines():
        name, _, value = line.partition("=")
        environment[name] = value
    return environment


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url):
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def static_path(base_url):
    """The site's stylesheet, as its pages link it (a hashed name)."""
    html = urllib.request.urlopen(base_url + "/", timeout=30).read().decode()
    return re.search(r'href="(/static/[^"]+\.css)"', html).group(1)


def requests_per_second(url, args):
    for _ in range(3):  # warm: the caches fill, the workers import what they need
        urllib.request.urlopen(url, timeout=30).read()
    done = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{done.stdout}")
    return float(found.group(1))


def main():
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: scripts/system-deps bench")
    if "STACK_URL" not in os.environ:
        raise SystemExit("Run it through scripts/with-stack (make bench-throughput).")
    front = os.environ["STACK_URL"]
    app = os.environ["STACK_APP_URLS"].split()[0]

    port = free_port()
    environment = stack_environment()
    environment.update(
        {
            "CACHE_URL": "dummycache://",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
        }
    )
    uncached_server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
    )
    try:
        uncached = f"http://127.0.0.1:{port}"
        wait_for(uncached + "/robots.txt")
        rows = []
        for label, path in [*PAGES, ("static file (CSS)", static_path(front))]:
            ways = [front, app] if path.startswith("/static/") else [front, app, uncached]
            rows.append((label, path, [requests_per_second(base + path, args) for base in ways]))
    finally:
        uncached_server.terminate()
        uncached_server.wait(timeout=30)

    print("Machine: " + ", ".join(f"{key}: {value}" for key, value in machine().items()))
    print(f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"wrk: {args.threads} threads, {args.connections} connections, {args.seconds} s "
        "per URL; two gunicorn sync workers per app server\n"
    )
    print("| page | front cache (req/s) | Django, caches warm | Django, nothing cached |")
    print("| --- | ---: | ---: | ---: |")
    for label, path, figures in rows:
        cells = [f"{figure:,.0f}" for figure in figures] + ["n/a"] * (3 - len(figures))
        print(f"| {label} (`{path}`) | {' | '.join(cells)} |")
    print()
    print("| page | front cache ÷ Django warm | Django warm ÷ nothing cached |")
    print("| --- | ---: | ---: |")
    for label, _path, figures in rows:
        warm_ratio = f"{figures[1] / figures[2]:.1f}×" if len(figures) == 3 else "n/a"
        print(f"| {label} | {figures[0] / figures[1]:.1f}× | {warm_ratio} |")


if __name__ == "__main__":
    main()

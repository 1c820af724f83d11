"""Benchmark of the counting beacon (POST /frequentation/compter/) under a local load: a
measurement, not a test.

    .venv/bin/python bench/beacon.py                          # a temporary SQLite file
    scripts/with-postgres .venv/bin/python bench/beacon.py    # a throwaway PostgreSQL

Like bench/run.py it never touches the site's database (it reuses run.py's temporary
database). It migrates and seeds the demo, starts gunicorn (`--workers`, sync workers,
as `gunicorn vitrine.wsgi` in production) on a free local port with
bench/beacon_settings.py (the test settings with an unreachable rate limit: all the
load comes from 127.0.0.1), then `--clients` threads post beacons as the pages' script
does, as fast as the server answers, for `--seconds` per scenario:

- "mixed": views of shops, offers, stories, campaigns and the directory, intents on
  shops (some credited to an offer or story by `via`/`from`), searches;
- "one hot row": every request adds to the same shop's views of the day, the worst case
  for the upsert (one row, every writer on it).

It then checks that the totals in the database grew by exactly the number of accepted
requests (no increment lost under concurrency) and prints the machine and a Markdown
table (docs/benchmarks.md keeps the figures). The load generator runs on the same
machine and takes its share of the CPU: the figures are a floor, not a ceiling.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATH = "/frequentation/compter/"
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="load time per scenario")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    return parser.parse_args()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def payloads():
    """What the demo's pages would send, as (weight, payload) lists per scenario."""
    from directory.models import DirectoryPage, ShopPage
    from offers.current import current_offers
    from stories.models import CampaignPage, StoryPage

    shops = list(ShopPage.objects.live().values_list("pk", flat=True))
    offers = [(offer.pk, offer.get_url()) for offer in current_offers()]
    stories = [(page.pk, page.get_url()) for page in StoryPage.objects.live()]
    stories += [(page.pk, page.get_url()) for page in CampaignPage.objects.live()]
    directory = DirectoryPage.objects.live().first().pk
    rng = random.Random(1)
    mixed = []
    for _ in range(2000):
        roll = rng.random()
        shop = rng.choice(shops)
        if roll < 0.45:
            mixed.append({"page": shop, "kind": "view", "via": "/commerces/"})
        elif roll < 0.55 and offers:
            mixed.append({"page": rng.choice(offers)[0], "kind": "view", "via": "/offres/"})
        elif roll < 0.62 and stories:
            mixed.append({"page": rng.choice(stories)[0], "kind": "view", "via": "/"})
        elif roll < 0.70:
            mixed.append({"page": directory, "kind": "view", "via": "/"})
        elif roll < 0.80:
            source = rng.choice(stories or offers or [(shop, "/")])
            mixed.append({"page": shop, "kind": "view", "via": source[1]})
        elif roll < 0.92:
            kind = rng.choice(["directions", "directions", "call", "website"])
            mixed.append({"page": shop, "kind": kind, "from": shop})
        else:
            query = rng.choice(["pain", "fleuriste", "boulangerie", "cordonnier", "velo"])
            mixed.append({"page": directory, "kind": "search", "q": query, "found": True})
    hot = [{"page": shops[0], "kind": "view"}]
    return {"mixed": mixed, "one hot row": hot}


def totals():
    from django.db.models import Sum

    from insights.models import DailyCount, DailySearch

    return sum(
        model.objects.aggregate(total=Sum("count"))["total"] or 0
        for model in (DailyCount, DailySearch)
    )


def start_server(port, workers, environment):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "vitrine.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", PATH)
            if connection.getresponse().status == 405:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def load(port, bodies, clients, seconds):
    """Post `bodies` round-robin from `clients` threads for `seconds`; returns the
    statuses (Counter), the latencies in ms and the elapsed time."""
    statuses, latencies, lock = Counter(), [], threading.Lock()
    stop_at = time.monotonic() + seconds
    headers = {
        "Content-Type": "text/plain;charset=UTF-8",
        "User-Agent": BROWSER,
        "Sec-Fetch-Site": "same-origin",
    }

    def client(offset):
        mine_statuses, mine_latencies = Counter(), []
        index = offset
        while time.monotonic() < stop_at:
            body = bodies[index % len(bodies)]
            index += clients
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("POST", PATH, body=body, headers=headers)
                status = connection.getresponse().status
                connection.close()
            except OSError as error:
                status = type(error).__name__
            mine_latencies.append((time.perf_counter() - started) * 1000)
            mine_statuses[status] += 1
        with lock:
            statuses.update(mine_statuses)
            latencies.extend(mine_latencies)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, latencies, time.monotonic() - started


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.chdir(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.beacon_settings"
    from run import bench_database, machine, versions

    with bench_database() as engine:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        server = None
        try:
            print(f"Seeding {engine} with the demo...", flush=True)
            call_command("migrate", verbosity=0, interactive=False)
            call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
            scenarios = payloads()
            port = free_port()
            server = start_server(port, args.workers, dict(os.environ))
            rows = []
            for name, bodies in scenarios.items():
                encoded = [json.dumps(body) for body in bodies]
                print(f"  {name}: {args.clients} clients for {args.seconds:g} s...", flush=True)
                before = totals()
                statuses, latencies, elapsed = load(port, encoded, args.clients, args.seconds)
                time.sleep(0.5)
                counted = totals() - before
                rows.append((name, statuses, latencies, elapsed, counted))
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)

        print()
        print(f"## Beacon, {engine}, {date.today().isoformat()}")
        print()
        for name, value in machine().items():
            print(f"- {name}: {value}")
        print(f"- {versions()}")
        print(
            f"- gunicorn, {args.workers} sync workers; {args.clients} client threads on the "
            f"same machine; {args.seconds:g} s per scenario"
        )
        print()
        print(
            "| scenario | requests | accepted/s | p50 (ms) | p95 (ms) | p99 (ms) | "
            "statuses | counted | lost |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
        for name, statuses, latencies, elapsed, counted in rows:
            accepted = statuses.get(204, 0)
            latencies.sort()
            cuts = statistics.quantiles(latencies, n=100, method="inclusive")
            status_text = ", ".join(
                f"{key}: {value}" for key, value in sorted(statuses.items(), key=str)
            )
            print(
                f"| {name} | {sum(statuses.values())} | {accepted / elapsed:.0f} | "
                f"{cuts[49]:.1f} | {cuts[94]:.1f} | {cuts[98]:.1f} | {status_text} | "
                f"{counted} | {accepted - counted} |"
            )


if __name__ == "__main__":
    main()

"""Benchmark of the synonyms' costs with 10,000 shops: a measurement, not a test.

    .venv/bin/python bench/synonyms.py                          # a temporary SQLite file
    scripts/with-postgres .venv/bin/python bench/synonyms.py    # a throwaway PostgreSQL

In a database of its own (bench/run.py's), with the demo plus `--shops` generated
shops, it times: the words of every shop at once (`search_terms_by_shop`, as bulk
indexing reads them), re-indexing a category's shops after its words change (what
saving the category costs), and the report's "would now find" over 30 searches without
result (`insights.search_gaps`). Figures go to docs/benchmarks.md.
"""

import argparse
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_database, machine, seed, versions  # noqa: E402

# Searches residents made that found nothing in the demo, and made-up ones.
QUERIES = ["cordonnier", "poissonnerie", "bricolage", "laverie", "vegan"] + [
    f"introuvable{number}" for number in range(25)
]


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=10_000, help="generated shops to add")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vitrine.settings.test"
    with bench_database() as engine:
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from core.clock import today
        from directory.models import Category, ShopPage
        from directory.synonyms import search_terms_by_shop
        from insights.counting import add_search
        from insights.period import last_days
        from insights.search_gaps import search_gaps

        try:
            print(f"Seeding {engine} with the demo and {args.shops} shops...", flush=True)
            seed(args.shops)
            print(f"\n## {engine}, {date.today().isoformat()}\n")
            for name, value in machine().items():
                print(f"- {name}: {value}")
            print(f"- {versions()}")
            print(f"- live shops: {ShopPage.objects.live().count()}")

            shops = list(
                ShopPage.objects.select_related("category").prefetch_related("tags", "services")
            )
            with CaptureQueriesContext(connection) as queries:
                seconds, _words = timed(lambda: search_terms_by_shop(shops))
            print(
                f"- words of {len(shops)} shops (prefetched): {seconds * 1000:.0f} ms, "
                f"{len(queries)} queries"
            )
            bare = list(ShopPage.objects.all())
            with CaptureQueriesContext(connection) as queries:
                seconds, _words = timed(lambda: search_terms_by_shop(bare))
            print(
                f"- words of {len(bare)} shops (nothing prefetched): {seconds * 1000:.0f} ms, "
                f"{len(queries)} queries"
            )

            category = max(Category.objects.all(), key=lambda item: item.shops.count())
            count = category.shops.count()
            category.search_terms += ", mot-nouveau"
            seconds, _none = timed(category.save)
            print(f"- saving a category of {count} shops with new words: {seconds:.2f} s")

            for query in QUERIES:
                add_search(today(), query, found=False, amount=2)
            period = last_days(30, today())
            seconds, gaps = timed(lambda: search_gaps(period))
            print(
                f"- report's 'would now find' for {len(gaps.gaps)} searches: "
                f"{seconds * 1000:.0f} ms"
            )
        finally:
            shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Relevance of the directory's search over the demo town: a measurement, not a test.

    .venv/bin/python bench/search_relevance.py                          # SQLite
    scripts/with-postgres .venv/bin/python bench/search_relevance.py    # PostgreSQL

Seeds the demo (about 60 shops and their offers) in a database of its own (as
`bench/run.py` does: a temporary SQLite file, or a throwaway PostgreSQL database), then
asks the directory each query below as a resident would (`q=` only) and prints, per
query, the rank of the first relevant shop and the recall in the first five results,
then the mean recall@5 and the mean reciprocal rank (MRR). The relevant shops are
judged by hand: a category (every shop of it), titles, or the shops whose current offer
has a word. It only uses `parse_query` and `search`, so it runs on older commits too
(docs/benchmarks.md, "Search relevance", compares them).
"""

import argparse
import os
import sys
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = 5

# (query, relevant): "category:<slug>", "offer:<word>" or shop titles.
QUERIES = [
    ("coiffeur", "category:coiffure"),
    ("coiffeuse", "category:coiffure"),
    ("coifure", "category:coiffure"),
    ("barbier", ["Barbier de la Gare"]),
    ("coupe homme", ["Barbier de la Gare", "Salon Capucine"]),
    ("pain au levain", ["Boulangerie du Beffroi"]),
    ("pain levain", ["Boulangerie du Beffroi"]),
    ("levain pain", ["Boulangerie du Beffroi"]),
    ("boulangrie", "category:boulangerie"),
    ("boulanger", "category:boulangerie"),
    ("boulangerie bio", ["Au Fournil de la Vèze", "Le Pain de Champ-Fleuri"]),
    ("sans gluten", ["Le Pain de Champ-Fleuri"]),
    ("gateau anniversaire", ["La Mie Vilvézienne"]),
    ("pralines", ["Pâtisserie Hautot"]),
    ("galette", "offer:galette"),
    ("fleuriset", "category:fleuriste"),
    ("fleurs", "category:fleuriste"),
    ("plante", ["Au Jardin de la Gare", "Végétal & Cie"]),
    ("bouquet mariage", ["Fleuriste du Château d'Eau"]),
    ("couronne", "offer:couronne"),
    ("opticien", "category:optique"),
    ("lunette", "category:optique"),
    ("lentille", ["Optique & Audition du Centre", "Vision Champ-Fleuri"]),
    ("appareil auditif", ["Optique & Audition du Centre"]),
    ("velo electrique", ["Cycles de la Vèze"]),
    ("reparation velo", ["Cycles de la Vèze", "L'Atelier à Rayons", "Bicyclerie du Haut"]),
    ("velos cargo", ["Cargo & Co", "Cycles de la Vèze"]),
    ("boucher", "category:boucherie"),
    ("bouchere", "category:boucherie"),
    ("poulet", ["Volailles Saint-Roch"]),
    ("barbecue", ["Boucherie-charcuterie du Marché"]),
    ("livres", "category:librairie"),
    ("librarie", "category:librairie"),
    ("bande dessinee", ["Librairie La Page Tournée", "Bulles & Cases"]),
    ("mangas", ["Bulles & Cases"]),
    ("retouche", ["Maison Berthe", "Atelier Fil Rouge"]),
    ("vetement enfant", ["Les P'tits Loups", "Le Vestiaire Solidaire"]),
    ("bieres", ["Café de la Grand-Place", "Le Quai 12"]),
    ("jeux de societe", ["La Tasse Ronde"]),
    ("fromage", ["Épicerie fine de la Vèze"]),
    ("epices", ["Épicerie du Monde"]),
    ("vrac", ["Le Vrac de Vilvèze"]),
]


def relevant_titles(relevant, today):
    from directory.models import ShopPage
    from offers.current import current_offers

    if isinstance(relevant, list):
        return set(relevant)
    kind, value = relevant.split(":", 1)
    if kind == "category":
        return set(
            ShopPage.objects.live().filter(category__slug=value).values_list("title", flat=True)
        )
    shop_ids = {
        shop_id
        for shop_id, title, text in current_offers(today).values_list(
            "shop_id", "title", "short_text"
        )
        if value in f"{title} {text}".lower()
    }
    return set(ShopPage.objects.filter(pk__in=shop_ids).values_list("title", flat=True))


def evaluate():
    from core.clock import today
    from directory.search import parse_query, search

    rows, recalls, reciprocal_ranks = [], [], []
    for text, relevant in QUERIES:
        wanted = relevant_titles(relevant, today())
        result = search(parse_query({"q": text}))
        titles = [card.shop.title for card in result.page.object_list]
        rank = next((at for at, title in enumerate(titles, 1) if title in wanted), None)
        recall = len(wanted & set(titles[:TOP])) / min(len(wanted), TOP) if wanted else 0.0
        recalls.append(recall)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        rows.append((text, len(wanted), result.total, rank, recall))
    return rows, sum(recalls) / len(recalls), sum(reciprocal_ranks) / len(reciprocal_ranks)


def vocabulary_cost(shops):
    """After adding `shops` generated shops: the time to read the search vocabulary
    again (as after any change) and its size, or None before it existed."""
    import time

    from django.core.management import call_command

    try:
        from directory import search_vocabulary
        from directory.models import ShopPage
        from directory.search_words import Term
    except ImportError:
        return None
    call_command("seed_demo", force=True, shops=shops, stdout=StringIO())
    search_vocabulary.invalidate()
    started = time.perf_counter()
    vocabulary = search_vocabulary.vocabulary()
    built = time.perf_counter() - started
    started = time.perf_counter()
    for word in ("boulangrie", "fleuriset", "coifure", "librarie", "opticein"):
        vocabulary.correction(Term.of(word))
    corrected = (time.perf_counter() - started) / 5
    return built, len(vocabulary.words), ShopPage.objects.live().count(), corrected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shops", type=int, default=0, help="then add this many shops and time the vocabulary"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.chdir(ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vitrine.settings.test"
    from run import bench_database

    with bench_database() as engine:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        call_command("seed_demo", force=True, stdout=StringIO())
        rows, recall, mrr = evaluate()
        print(f"## {engine}, {date.today().isoformat()}: {len(rows)} queries")
        print()
        print("| query | relevant | found | first relevant at | recall@5 |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for text, wanted, total, rank, at_five in rows:
            print(f"| `{text}` | {wanted} | {total} | {rank or '–'} | {at_five:.2f} |")
        print()
        print(f"recall@5: {recall:.3f}; MRR: {mrr:.3f}")
        if args.shops:
            cost = vocabulary_cost(args.shops)
            if cost:
                built, words, shops, corrected = cost
                print(
                    f"With {shops} live shops: the vocabulary ({words} words) read in "
                    f"{built * 1000:.0f} ms; a word corrected in {corrected * 1000:.1f} ms."
                )


if __name__ == "__main__":
    main()

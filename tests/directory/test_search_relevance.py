"""What residents type, and the shop they must find among the first five results: a
relevance set over a small factory-built town (plurals, genders, prefixes, typos,
several words, synonyms, offers' words, and queries that must find nothing).

The expectations are fixed, so the same file run on SQLite and on PostgreSQL checks
that both databases give the same answers.
"""

import pytest
from django.db import transaction
from taggit.models import Tag

from directory.models import TagSearchTerms
from directory.search import parse_query, search
from tests.factories import (
    CategoryFactory,
    OfferPageFactory,
    ServiceFactory,
    ShopPageFactory,
)
from tests.wide_fixtures import check_deferred_constraints

pytestmark = pytest.mark.django_db

TOP = 5

# (title, category, its synonyms, description, tags, services)
TOWN = [
    ("Boulangerie du Beffroi", "Boulangerie", "Pains au levain, viennoiseries et tartes maison."),
    ("Au Fournil de la Vèze", "Boulangerie", "Baguettes tradition cuites sur place."),
    ("Salon Élégance", "Coiffure", "Coupes femmes, hommes et enfants, colorations."),
    ("Barbier Hector", "Coiffure", "Taille de barbe et rasage à l'ancienne."),
    ("Optique Lambert", "Optique", "Montures et verres progressifs, examen de la vue."),
    ("Vision Plus", "Optique", "Lunettes de soleil et lentilles de contact."),
    ("Audition Santé", "Audition", "Appareils auditifs, bilans gratuits."),
    ("Fleurs de Vèze", "Fleuriste", "Bouquets de saison, compositions pour mariages."),
    ("Pharmacie Centrale", "Pharmacie", "Conseils, homéopathie, matériel médical."),
    ("Librairie La Page", "Librairie", "Romans, bandes dessinées et albums pour enfants."),
    ("Boucherie Martin", "Boucherie", "Viande de la région, charcuterie artisanale."),
    ("Épicerie fine Lemaire", "Épicerie", "Produits locaux, fromages et vins."),
    ("Cycles Dubois", "Vélos", "Vente et réparation de vélos, vélos électriques."),
    ("Le Petit Cordonnier", "Cordonnerie", "Réparation de chaussures, clés minute."),
    ("Chaussures Marchal", "Chaussures", "Bottes et baskets pour toute la famille."),
    ("Café du Marché", "Café", "Petite restauration, terrasse au soleil."),
    ("Fromagerie Dupuis", "Fromagerie", "Fromages affinés, plateaux."),
    ("Pâtisserie Delcourt", "Pâtisserie", "Gâteaux d'anniversaire, macarons, chocolats."),
    ("Bijouterie Lenoir", "Bijouterie", "Montres et bijoux, réparation de montres."),
    ("Jardinerie Verte", "Jardinerie", "Plantes, graines, outils de jardin."),
]

SYNONYMS = {
    "Boulangerie": "boulanger, pain, croissant, viennoiseries",
    "Coiffure": "coiffeur, coiffeuse, salon, barbier",
    "Optique": "opticien, lunettes",
    "Audition": "audioprothésiste, appareil auditif, sourd",
    "Fleuriste": "fleurs",
    "Pharmacie": "pharmacien, médicaments",
    "Librairie": "livres, libraire, BD",
    "Boucherie": "boucher, viande",
    "Épicerie": "épicier, alimentation",
    "Vélos": "vélo, cycliste, bicyclette",
    "Cordonnerie": "cordonnier",
    "Bijouterie": "bijoutier, horloger",
}


@pytest.fixture(scope="module")
def _town_for_this_module(django_db_setup, django_db_blocker):
    """The town, built once per module (it takes seconds) inside a transaction rolled
    back after the module's last test; each test runs in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        town = build_town()
        check_deferred_constraints()
        yield town
        transaction.set_rollback(True)


@pytest.fixture
def town(_town_for_this_module, db):
    return _town_for_this_module


def build_town():
    # The keyword's synonyms first: its shops are indexed with them when published.
    TagSearchTerms.objects.create(
        tag=Tag.objects.create(name="bio", slug="bio"), search_terms="biologique"
    )
    categories = {}
    for _title, category, _text in TOWN:
        if category not in categories:
            categories[category] = CategoryFactory(
                name=category, search_terms=SYNONYMS.get(category, "")
            )
    delivery = ServiceFactory(name="Livraison à domicile", search_terms="livrer")
    repairs = ServiceFactory(name="Réparation", search_terms="réparer, dépannage")
    extras = {
        "Boulangerie du Beffroi": {"tags": ["bio"]},
        "Épicerie fine Lemaire": {"tags": ["bio", "vrac"], "services": [delivery]},
        "Cycles Dubois": {"services": [repairs]},
        "Pharmacie Centrale": {"services": [delivery]},
    }
    shops = {
        title: ShopPageFactory(
            title=title,
            category=categories[category],
            short_description=text,
            **extras.get(title, {}),
        )
        for title, category, text in TOWN
    }
    OfferPageFactory(
        parent=shops["Boulangerie du Beffroi"],
        title="Le croissant du dimanche",
        short_text="2 croissants achetés, le 3e offert.",
    )
    OfferPageFactory(
        parent=shops["Fromagerie Dupuis"],
        title="Semaine de la raclette",
        short_text="-20 % sur le fromage à raclette.",
    )
    return shops


def found(text):
    result = search(parse_query({"q": text}))
    return [card.shop.title for card in result.page.object_list], result.reading


def misses(cases):
    """The cases whose expected shop is not among the first five results, with what came
    instead."""
    wrong = []
    for text, expected in cases:
        titles, _reading = found(text)
        if expected not in titles[:TOP]:
            wrong.append((text, expected, titles[:TOP]))
    return wrong


WORDS_AND_PLURALS = [
    ("boulangerie", "Boulangerie du Beffroi"),
    ("boulangeries", "Boulangerie du Beffroi"),
    ("boulangeries", "Au Fournil de la Vèze"),
    ("pain", "Boulangerie du Beffroi"),
    ("pains", "Boulangerie du Beffroi"),
    ("pain au levain", "Boulangerie du Beffroi"),
    ("pains au levain", "Boulangerie du Beffroi"),
    ("pain levain", "Boulangerie du Beffroi"),
    ("levain pain", "Boulangerie du Beffroi"),
    ("baguette", "Au Fournil de la Vèze"),
    ("bouquet", "Fleurs de Vèze"),
    ("fleur", "Fleurs de Vèze"),
    ("lunette", "Vision Plus"),
    ("fromage", "Fromagerie Dupuis"),
    ("fromages", "Épicerie fine Lemaire"),
    ("macaron", "Pâtisserie Delcourt"),
    ("gateau", "Pâtisserie Delcourt"),
    ("montre", "Bijouterie Lenoir"),
    ("plante", "Jardinerie Verte"),
    ("vin", "Épicerie fine Lemaire"),
    ("ÉPICERIE", "Épicerie fine Lemaire"),
    ("velo electrique", "Cycles Dubois"),
]

GENDERS = [
    ("coiffeur", "Salon Élégance"),
    ("coiffeuse", "Salon Élégance"),
    ("coiffeuses", "Salon Élégance"),
    ("opticienne", "Optique Lambert"),
    ("opticiens", "Vision Plus"),
    ("boulangere", "Boulangerie du Beffroi"),
    ("bouchère", "Boucherie Martin"),
    ("pharmacienne", "Pharmacie Centrale"),
    ("bijoutière", "Bijouterie Lenoir"),
]

PREFIXES = [
    ("boul", "Boulangerie du Beffroi"),
    ("coif", "Salon Élégance"),
    ("pharm", "Pharmacie Centrale"),
    ("pain lev", "Boulangerie du Beffroi"),
    ("chaus", "Chaussures Marchal"),
]

TYPOS = [
    ("boulangrie", "Boulangerie du Beffroi"),
    ("fleuriset", "Fleurs de Vèze"),
    ("coifeur", "Salon Élégance"),
    ("pharmacei", "Pharmacie Centrale"),
    ("librarie", "Librairie La Page"),
    ("bouchrie", "Boucherie Martin"),
    ("fromagerei", "Fromagerie Dupuis"),
    ("chaussures marchall", "Chaussures Marchal"),
]

SYNONYM_QUERIES = [
    ("barbier", "Salon Élégance"),
    ("salon", "Salon Élégance"),
    ("lunettes", "Optique Lambert"),
    ("opticien", "Optique Lambert"),
    ("viennoiseries", "Boulangerie du Beffroi"),
    ("audioprothésiste", "Audition Santé"),
    ("appareil auditif", "Audition Santé"),
    ("sourd", "Audition Santé"),
    ("livres", "Librairie La Page"),
    ("bd", "Librairie La Page"),
    ("viande", "Boucherie Martin"),
    ("bicyclette", "Cycles Dubois"),
    ("cordonnier", "Le Petit Cordonnier"),
    ("horloger", "Bijouterie Lenoir"),
    ("médicaments", "Pharmacie Centrale"),
    ("bio", "Épicerie fine Lemaire"),
    ("biologique", "Boulangerie du Beffroi"),
    ("livraison", "Pharmacie Centrale"),
    ("livrer", "Épicerie fine Lemaire"),
    ("réparer", "Cycles Dubois"),
    ("depannage", "Cycles Dubois"),
]

OFFER_WORDS = [
    ("croissants", "Boulangerie du Beffroi"),
    ("raclette", "Fromagerie Dupuis"),
    ("raclette fromage", "Fromagerie Dupuis"),
]

SEVERAL_WORDS = [
    ("boulangerie bio", "Boulangerie du Beffroi"),
    ("bio boulangerie", "Boulangerie du Beffroi"),
    ("coiffure enfants", "Salon Élégance"),
    ("réparation chaussures", "Le Petit Cordonnier"),
    ("velo reparation", "Cycles Dubois"),
    ("fromage vin", "Épicerie fine Lemaire"),
    ("tartes maison boulangerie", "Boulangerie du Beffroi"),
    ("opticien soleil", "Vision Plus"),
]

NOTHING = ["xylophone", "qwerty", "notaire", "assurance vie", "zz"]


def test_words_match_their_plurals_and_any_order(town):
    assert misses(WORDS_AND_PLURALS) == []


def test_words_match_their_feminine_and_masculine(town):
    assert misses(GENDERS) == []


def test_the_last_word_completes(town):
    assert misses(PREFIXES) == []


def test_typos_are_corrected_to_an_indexed_word(town):
    assert misses(TYPOS) == []


def test_synonyms_of_categories_services_and_tags_find_their_shops(town):
    assert misses(SYNONYM_QUERIES) == []


def test_current_offers_words_find_their_shop(town):
    assert misses(OFFER_WORDS) == []


def test_several_words_must_all_match(town):
    assert misses(SEVERAL_WORDS) == []
    titles, reading = found("reparation chaussures")
    assert titles == ["Le Petit Cordonnier"]
    assert not reading.partial


def test_when_no_shop_has_every_word_the_last_word_no_longer_completes(town):
    # "vie" starts "viennoiseries", but among partial matches only whole words count.
    assert found("assurance vie")[0] == []
    assert found("croissant lic")[0][:2] == ["Au Fournil de la Vèze", "Boulangerie du Beffroi"]


def test_queries_about_nothing_in_town_find_nothing(town):
    assert {text: found(text)[0] for text in NOTHING} == {text: [] for text in NOTHING}


def test_the_set_has_sixty_queries_or_more():
    sets = [WORDS_AND_PLURALS, GENDERS, PREFIXES, TYPOS, SYNONYM_QUERIES, OFFER_WORDS]
    assert sum(map(len, sets)) + len(SEVERAL_WORDS) + len(NOTHING) >= 60


def test_a_match_on_the_name_ranks_before_the_synonyms(town):
    assert found("barbier")[0][:2] == ["Barbier Hector", "Salon Élégance"]


def test_a_match_on_the_category_ranks_before_the_description(town):
    # "Fromagerie Dupuis" has it in its name; "Épicerie fine Lemaire" says "fromages"
    # in its description only.
    assert found("fromage")[0][:2] == ["Fromagerie Dupuis", "Épicerie fine Lemaire"]


def test_a_corrected_word_is_said(town):
    _titles, reading = found("boulangrie")
    assert reading.corrections == {"boulangrie": "boulangerie"}
    assert reading.corrected_text == "boulangerie"


def test_a_word_that_matches_is_never_corrected(town):
    # "bouche" completes "boucherie": it matches, so it stays as typed.
    assert found("bouche")[1].corrections == {}
    assert found("montre")[1].corrections == {}


def test_without_a_shop_having_every_word_the_most_words_come_first(town):
    titles, reading = found("croissant licorne")
    assert reading.partial
    assert set(titles) == {"Boulangerie du Beffroi", "Au Fournil de la Vèze"}
    titles, reading = found("boulangerie bio velo")
    assert reading.partial
    assert titles[0] == "Boulangerie du Beffroi"  # two words of three


def test_the_page_says_what_was_corrected_and_when_only_some_words_match(town, client):
    html = client.get("/commerces/", {"q": "boulangrie"}).content.decode()
    assert "Résultats pour <em>boulangerie</em> (au lieu de <em>boulangrie</em>)" in html
    html = client.get("/commerces/", {"q": "croissant licorne"}).content.decode()
    assert "Aucun commerce n'a tous ces mots" in html

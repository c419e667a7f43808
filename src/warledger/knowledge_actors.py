"""Actor knowledge: countries, armed groups, generic actors and news outlets, read from data files.

The packaged file is `data/actors.json`; its `_format` key documents the schema. A user who follows
another conflict writes a profile file in the same format with any subset of the keys and passes it
as `extra_files`. Profile entries replace packaged entries with the same key (a country's `iso3`, a
group's or an outlet's `name`, a generic actor's kind, a claimant phrase); profile word lists are
added to the packaged ones. After merging, no lookup key may mean two different entries: a profile
that reuses an alias of another group must override that group too.

Lookups come in two kinds. Case-insensitive ones are keyed by `normalize_phrase(text)`. Exact ones
hold `exact_aliases`, short forms whose lowercase spelling is an ordinary word ("US", "IS", "AA"),
so they only match with the case written in the file.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from warledger.records import Actor

PACKAGED_ACTORS_FILE = Path(__file__).parent / "data" / "actors.json"

# ACLED's inter codes; the keys are the only values a file may use for "inter".
INTER_CODES: Mapping[int, str] = MappingProxyType(
    {
        1: "state forces",
        2: "rebel groups",
        3: "political militias",
        4: "identity militias",
        5: "rioters",
        6: "protesters",
        7: "civilians",
        8: "external/other forces",
    }
)
STATE_INTER = 1
EXTERNAL_INTER = 8
# The generic actors the matcher relies on; a merged knowledge base without one of them is an error.
REQUIRED_GENERIC_KINDS = ("civilians", "protesters", "rioters", "unidentified")
STATE_BRANCHES = ("military", "police", "government")

_ISO3 = re.compile(r"[A-Z]{3}")
_SIDE = re.compile(r"[A-Z][A-Z0-9]{1,11}")
_COUNTRY_SIDE_PLACEHOLDER = "{iso3}"
_GENERIC_PLACEHOLDERS = frozenset({"country", "iso3"})
_CLAIMANT_PLACEHOLDERS = frozenset({"country", "the_country", "iso3"})
_WORD_LIST_KEYS = ("military_words", "police_words", "government_words", "enemy_words")
_TOP_LEVEL_KEYS = ("countries", "groups", "generic", *_WORD_LIST_KEYS, "claimant_words", "outlets")
# A profile file carries knowledge for every stage; these keys belong to the gazetteer, the trigger
# lexicon and the cleaner, which read them from the same file.
PROFILE_KEYS_OF_OTHER_STAGES = ("places", "place_aliases", "triggers", "boilerplate")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def normalize_phrase(text: str) -> str:
    """Key for the case-insensitive lookups: casefolded, straight apostrophes, single spaces."""
    return " ".join(text.translate(_APOSTROPHES).casefold().split())


@dataclass(slots=True, frozen=True)
class CountryEntry:
    """A state: its names, demonyms, and the ACLED names of its forces and government."""

    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    government_metonyms: tuple[str, ...]
    military: str
    police: str
    government: str
    article: str = ""
    exact_aliases: tuple[str, ...] = ()
    source: str = field(default="", compare=False)

    @property
    def formal_name(self) -> str:
        """The name as it reads after "of": "the United States", "Azerbaijan"."""
        return f"{self.article} {self.name}" if self.article else self.name

    def fill(self, pattern: str) -> str:
        """Fill a label pattern's {country}, {the_country} and {iso3} with this country."""
        return pattern.format(country=self.name, the_country=self.formal_name, iso3=self.iso3)

    def actor(self, branch: str, abroad: bool = False) -> Actor:
        """The state actor for "military", "police" or "government".

        ACLED codes a state's forces operating in another country as external (8), so the caller says
        whether the event lies abroad.
        """
        if branch not in STATE_BRANCHES:
            raise ValueError(f"unknown state branch {branch!r}; allowed: {', '.join(STATE_BRANCHES)}")
        name: str = getattr(self, branch)
        return Actor(name, EXTERNAL_INTER if abroad else STATE_INTER, self.iso3)


@dataclass(slots=True, frozen=True)
class GroupEntry:
    """A non-state armed group, separatist authority, or peacekeeping/intergovernmental force."""

    name: str
    side: str
    inter: int
    aliases: tuple[str, ...]
    country: str | None
    exact_aliases: tuple[str, ...] = ()
    notes: str = ""
    source: str = field(default="", compare=False)
    # words that name the group only in reports on its own country ("Maoists" are India's CPI (Maoist) in
    # Chhattisgarh, Nepal's CPN-M in Rolpa, the New People's Army on Mindanao)
    local_aliases: tuple[str, ...] = ()
    # short forms, exact case, that another entry bears too ("UPDF": Uganda's army, and Bangladesh's United
    # People's Democratic Front; "SNA": Somalia's army, and the Syrian National Army): this group's reading
    # where the report's places or parties lie in its own country and not in the other entry's
    shared_aliases: tuple[str, ...] = ()
    # the state its own statements call "the enemy" where that is not the state it is in (Hezbollah's and
    # Hamas's: Israel); without it, the enemy of a group's bulletin is the report's other party
    enemy: str | None = None

    def actor(self) -> Actor:
        return Actor(self.name, self.inter, self.side)


@dataclass(slots=True, frozen=True)
class GenericActor:
    """One of ACLED's generic actors, e.g. "Civilians ({country})", and the words that signal it."""

    kind: str
    pattern: str
    inter: int
    side: str
    words: tuple[str, ...]
    source: str = field(default="", compare=False)

    def actor(self, country: CountryEntry) -> Actor:
        side = country.iso3 if self.side == _COUNTRY_SIDE_PLACEHOLDER else self.side
        return Actor(self.pattern.format(country=country.name, iso3=country.iso3), self.inter, side)


@dataclass(slots=True, frozen=True)
class OutletEntry:
    """A news agency or outlet that relays claims.

    `side` is the party it speaks for: its country when it is state media, a group's side for a
    party's own channel (e.g. Al-Manar for Hezbollah), otherwise None.
    """

    name: str
    aliases: tuple[str, ...]
    country: str | None
    state_media: bool
    side: str | None
    exact_aliases: tuple[str, ...] = ()
    notes: str = ""
    source: str = field(default="", compare=False)


@dataclass(slots=True, frozen=True, eq=False)
class ActorKnowledge:
    """The merged actor knowledge and its lookup tables (all read-only).

    Case-insensitive tables are keyed by `normalize_phrase`; `*_by_exact_alias` tables by the exact
    spelling. `iso3_by_name` holds names and government metonyms, as a matcher meets both where a
    country is named; `iso3_by_metonym` holds the metonyms alone.
    """

    countries: tuple[CountryEntry, ...]
    groups: tuple[GroupEntry, ...]
    generic: Mapping[str, GenericActor]
    military_words: tuple[str, ...]
    police_words: tuple[str, ...]
    government_words: tuple[str, ...]
    # "the enemy" in a party's own bulletin: the report's other party (see annotate)
    enemy_words: tuple[str, ...]
    claimant_words: Mapping[str, str]
    outlets: tuple[OutletEntry, ...]
    sources: tuple[str, ...]
    country_by_iso3: Mapping[str, CountryEntry]
    iso3_by_demonym: Mapping[str, str]
    iso3_by_name: Mapping[str, str]
    iso3_by_metonym: Mapping[str, str]
    iso3_by_exact_alias: Mapping[str, str]
    group_by_name: Mapping[str, GroupEntry]
    group_by_alias: Mapping[str, GroupEntry]
    group_by_exact_alias: Mapping[str, GroupEntry]
    outlet_by_alias: Mapping[str, OutletEntry]
    outlet_by_exact_alias: Mapping[str, OutletEntry]
    # a side's enemy as its first group entry with an `enemy` names it; the sides of the groups based in a country
    enemy_by_side: Mapping[str, str]
    group_sides_by_country: Mapping[str, frozenset[str]]

    def find_country(self, phrase: str) -> CountryEntry | None:
        """The country a name, metonym, demonym or exact alias refers to."""
        iso3 = self.iso3_by_exact_alias.get(" ".join(phrase.split()))
        if iso3 is None:
            key = normalize_phrase(phrase)
            iso3 = self.iso3_by_name.get(key) or self.iso3_by_demonym.get(key)
        return self.country_by_iso3[iso3] if iso3 else None

    def find_group(self, phrase: str) -> GroupEntry | None:
        """The group an alias (exact spelling first, then any case) refers to."""
        exact = self.group_by_exact_alias.get(" ".join(phrase.split()))
        return exact or self.group_by_alias.get(normalize_phrase(phrase))

    def find_outlet(self, phrase: str) -> OutletEntry | None:
        """The outlet an alias (exact spelling first, then any case) refers to."""
        exact = self.outlet_by_exact_alias.get(" ".join(phrase.split()))
        return exact or self.outlet_by_alias.get(normalize_phrase(phrase))

    def claimant_label(self, phrase: str, iso3: str) -> str | None:
        """Label for a claimant phrase of a country, e.g. ("defense ministry", "AZE")."""
        pattern = self.claimant_words.get(normalize_phrase(phrase))
        country = self.country_by_iso3.get(iso3)
        return country.fill(pattern) if pattern and country else None

    def generic_actor(self, kind: str, iso3: str) -> Actor:
        """A generic actor of a country, e.g. ("civilians", "ARM") -> Civilians (Armenia)."""
        if kind not in self.generic:
            raise ValueError(f"unknown generic actor kind {kind!r}; known: {', '.join(sorted(self.generic))}")
        if iso3 not in self.country_by_iso3:
            raise ValueError(f"unknown country code {iso3!r}")
        return self.generic[kind].actor(self.country_by_iso3[iso3])


def load_actor_knowledge(extra_files: Sequence[Path] = ()) -> ActorKnowledge:
    """Load the packaged actor file, merge the profile files over it in order, and index the result.

    Raises ValueError with one line naming the file, the entry and the key when a file is malformed,
    or naming both entries when two of them claim the same lookup key.
    """
    files = [_read_cached(PACKAGED_ACTORS_FILE)] + [_read_cached(Path(p)) for p in extra_files]
    return _merge(files)


# --- reading and validating one file ---------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _ActorFile:
    """One validated file; a key the file leaves out is an empty tuple."""

    path: str
    countries: tuple[CountryEntry, ...]
    groups: tuple[GroupEntry, ...]
    generic: tuple[GenericActor, ...]
    word_lists: tuple[tuple[str, tuple[str, ...]], ...]
    claimant_words: tuple[tuple[str, str], ...]
    outlets: tuple[OutletEntry, ...]


def _read_cached(path: Path) -> _ActorFile:
    resolved = path.expanduser().resolve()
    try:
        stat = resolved.stat()
    except OSError as error:
        raise ValueError(f"{path}: cannot read actor file: {error.strerror}") from None
    # The modification time and size are part of the key so that an edited profile is read again.
    return _read_actor_file(resolved, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read_actor_file(path: Path, mtime_ns: int, size: int) -> _ActorFile:
    """Parse and validate one file. Returns only immutable values, so sharing the cached result is safe."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ValueError(f"{path}: cannot read actor file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{path}: not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    where = str(path)
    if not isinstance(raw, dict):
        raise ValueError(
            f"{where}: the top level must be a JSON object with keys {', '.join(_TOP_LEVEL_KEYS)}"
        )
    _check_keys(raw, (), (*_TOP_LEVEL_KEYS, *PROFILE_KEYS_OF_OTHER_STAGES), where)
    word_lists = tuple(
        (key, tuple(_str_list(raw, key, where, required=True))) for key in _WORD_LIST_KEYS if key in raw
    )
    return _ActorFile(
        path=where,
        countries=tuple(_entries(raw, "countries", where, _country)),
        groups=tuple(_entries(raw, "groups", where, _group)),
        generic=tuple(_generic(raw.get("generic", {}), where)),
        word_lists=word_lists,
        claimant_words=tuple(_claimant_words(raw.get("claimant_words", {}), where)),
        outlets=tuple(_entries(raw, "outlets", where, _outlet)),
    )


def _entries(
    raw: dict[str, Any], key: str, where: str, parse: Callable[[dict[str, Any], str, str], Any]
) -> list[Any]:
    items = raw.get(key, [])
    if not isinstance(items, list):
        raise ValueError(f"{where}: key '{key}' must be a list of objects")
    parsed = []
    for index, item in enumerate(items):
        label = f"{where}: {key}[{index}]"
        if not isinstance(item, dict):
            raise ValueError(f"{label}: each entry must be a JSON object")
        name = item.get("name") or item.get("iso3")
        if isinstance(name, str):
            label += f" {name!r}"
        parsed.append(parse(item, label, where))
    return parsed


def _country(item: dict[str, Any], where: str, source: str) -> CountryEntry:
    required = ("iso3", "name", "names", "demonyms", "capital", "government_metonyms", *STATE_BRANCHES)
    _check_keys(item, required, ("article", "exact_aliases"), where)
    article = item.get("article", "")
    if article not in ("", "the"):
        raise ValueError(f'{where}: key \'article\' must be "the" or ""; got {article!r}')
    return CountryEntry(
        iso3=_code(item, "iso3", _ISO3, "three capital letters (ISO 3166 alpha-3)", where),
        name=_text(item, "name", where),
        names=tuple(_str_list(item, "names", where, required=True)),
        demonyms=tuple(_str_list(item, "demonyms", where, required=True)),
        capital=_text(item, "capital", where),
        government_metonyms=tuple(_str_list(item, "government_metonyms", where, required=True)),
        military=_text(item, "military", where),
        police=_text(item, "police", where),
        government=_text(item, "government", where),
        article=article,
        exact_aliases=tuple(_str_list(item, "exact_aliases", where, required=False)),
        source=source,
    )


def _group(item: dict[str, Any], where: str, source: str) -> GroupEntry:
    _check_keys(item, ("name", "side", "inter", "aliases", "country"),
                ("exact_aliases", "notes", "local_aliases", "shared_aliases", "enemy"), where)
    return GroupEntry(
        name=_text(item, "name", where),
        side=_code(item, "side", _SIDE, "2-12 capital letters or digits, starting with a letter", where),
        inter=_inter(item, where),
        aliases=tuple(_str_list(item, "aliases", where, required=True)),
        country=_optional_iso3(item, where),
        exact_aliases=tuple(_str_list(item, "exact_aliases", where, required=False)),
        notes=_text(item, "notes", where) if "notes" in item else "",
        source=source,
        local_aliases=tuple(_str_list(item, "local_aliases", where, required=False)),
        shared_aliases=tuple(_str_list(item, "shared_aliases", where, required=False)),
        enemy=_code(item, "enemy", _ISO3, "an ISO 3166 alpha-3 code", where) if "enemy" in item else None,
    )


def _outlet(item: dict[str, Any], where: str, source: str) -> OutletEntry:
    _check_keys(
        item, ("name", "aliases", "country", "state_media"), ("exact_aliases", "side", "notes"), where
    )
    country = _optional_iso3(item, where)
    state_media = item["state_media"]
    if not isinstance(state_media, bool):
        raise ValueError(f"{where}: key 'state_media' must be true or false; got {state_media!r}")
    side = None
    if item.get("side") is not None:
        side = _code(item, "side", _SIDE, "2-12 capital letters or digits, starting with a letter", where)
    elif state_media:
        if country is None:
            raise ValueError(f"{where}: key 'country' must be set for state media (it is the outlet's side)")
        side = country
    return OutletEntry(
        name=_text(item, "name", where),
        aliases=tuple(_str_list(item, "aliases", where, required=True)),
        country=country,
        state_media=state_media,
        side=side,
        exact_aliases=tuple(_str_list(item, "exact_aliases", where, required=False)),
        notes=_text(item, "notes", where) if "notes" in item else "",
        source=source,
    )


def _generic(raw: Any, where: str) -> Iterable[GenericActor]:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: key 'generic' must be an object mapping a kind to its pattern")
    for kind, item in raw.items():
        if kind.startswith("_"):
            continue
        label = f"{where}: generic {kind!r}"
        if not isinstance(item, dict):
            raise ValueError(f"{label}: must be a JSON object")
        _check_keys(item, ("pattern", "inter", "side", "words"), ("modifiers", "heads"), label)
        pattern = _pattern(item, "pattern", _GENERIC_PLACEHOLDERS, label)
        if "{country}" not in pattern:
            raise ValueError(f"{label}: key 'pattern' must contain {{country}}; got {pattern!r}")
        side = item["side"]
        if side != _COUNTRY_SIDE_PLACEHOLDER:
            side = _code(item, "side", _SIDE, "a side code or {iso3}", label)
        yield GenericActor(
            kind=kind,
            pattern=pattern,
            inter=_inter(item, label),
            side=side,
            words=(*_str_list(item, "words", label, required=True), *_word_pairs(item, label)),
            source=where,
        )


def _word_pairs(item: dict[str, Any], where: str) -> list[str]:
    """Every modifier before every head noun ("terrorist" x "column"): the phrases a kind's words
    list would otherwise spell out one by one."""
    modifiers, heads = _str_list(item, "modifiers", where, required=False), _str_list(item, "heads", where,
                                                                                    required=False)
    if bool(modifiers) != bool(heads):
        raise ValueError(f"{where}: 'modifiers' and 'heads' go together")
    return [f"{m} {h}" for m in modifiers for h in heads]


def _claimant_words(raw: Any, where: str) -> Iterable[tuple[str, str]]:
    if not isinstance(raw, dict):
        raise ValueError(
            f"{where}: key 'claimant_words' must be an object mapping a phrase to a label pattern"
        )
    for phrase, _ in raw.items():
        if phrase.startswith("_"):
            continue
        label = f"{where}: claimant_words {phrase!r}"
        if not phrase.strip():
            raise ValueError(f"{label}: the phrase must not be empty")
        yield normalize_phrase(phrase), _pattern(raw, phrase, _CLAIMANT_PLACEHOLDERS, label)


# --- small validators; each error names the key ---------------------------------------------------------


def _check_keys(item: dict[str, Any], required: Sequence[str], optional: Sequence[str], where: str) -> None:
    allowed = (*required, *optional)
    for key in item:
        if not key.startswith("_") and key not in allowed:
            raise ValueError(f"{where}: unknown key {key!r}; allowed keys: {', '.join(allowed)}")
    for key in required:
        if key not in item:
            raise ValueError(f"{where}: missing key {key!r}")


def _text(item: dict[str, Any], key: str, where: str) -> str:
    value = item[key]
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise ValueError(
            f"{where}: key '{key}' must be a non-empty string without outer spaces; got {value!r}"
        )
    return value


def _str_list(item: dict[str, Any], key: str, where: str, required: bool) -> list[str]:
    if key not in item and not required:
        return []
    value = item[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: key '{key}' must be a list of non-empty strings; got {value!r}")
    return [v.strip() for v in value]


def _code(item: dict[str, Any], key: str, form: re.Pattern[str], described: str, where: str) -> str:
    value = item[key]
    if not isinstance(value, str) or not form.fullmatch(value):
        raise ValueError(f"{where}: key '{key}' must be {described}; got {value!r}")
    return value


def _optional_iso3(item: dict[str, Any], where: str) -> str | None:
    if item["country"] is None:
        return None
    return _code(item, "country", _ISO3, "an ISO 3166 alpha-3 code or null", where)


def _inter(item: dict[str, Any], where: str) -> int:
    value = item["inter"]
    if isinstance(value, bool) or not isinstance(value, int) or value not in INTER_CODES:
        allowed = ", ".join(f"{code} {meaning}" for code, meaning in INTER_CODES.items())
        raise ValueError(f"{where}: key 'inter' must be an integer 1..8 ({allowed}); got {value!r}")
    return value


def _pattern(item: dict[str, Any], key: str, placeholders: frozenset[str], where: str) -> str:
    value = _text(item, key, where)
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise ValueError(f"{where}: key '{key}' is not a valid pattern ({error}); got {value!r}") from None
    unknown = fields - placeholders
    if unknown:
        raise ValueError(
            f"{where}: key '{key}' may only use {', '.join('{' + p + '}' for p in sorted(placeholders))}; "
            f"got {value!r}"
        )
    return value


# --- merging files and building the lookups -------------------------------------------------------------

_Entry = TypeVar("_Entry", CountryEntry, GroupEntry, OutletEntry)


def _merge(files: Sequence[_ActorFile]) -> ActorKnowledge:
    countries: dict[str, CountryEntry] = {}
    groups: dict[str, GroupEntry] = {}
    outlets: dict[str, OutletEntry] = {}
    generic: dict[str, GenericActor] = {}
    words: dict[str, dict[str, None]] = {key: {} for key in _WORD_LIST_KEYS}
    claimants: dict[str, str] = {}
    for data in files:
        countries.update((c.iso3, c) for c in data.countries)
        groups.update((g.name, g) for g in data.groups)
        outlets.update((o.name, o) for o in data.outlets)
        generic.update((g.kind, g) for g in data.generic)
        for key, values in data.word_lists:
            words[key].update(dict.fromkeys(values))  # a dict keeps first-seen order without duplicates
        claimants.update(data.claimant_words)

    missing = [kind for kind in REQUIRED_GENERIC_KINDS if kind not in generic]
    if missing:
        raise ValueError(f"{files[0].path}: generic actors missing: {', '.join(missing)}")
    placed: list[GroupEntry | OutletEntry] = [*groups.values(), *outlets.values()]
    for entry in placed:
        if entry.country is not None and entry.country not in countries:
            raise ValueError(
                f"{entry.source}: {entry.name!r}: key 'country' {entry.country!r} is not a known country"
            )
    for group in groups.values():
        if group.enemy is not None and group.enemy not in countries:
            raise ValueError(f"{group.source}: {group.name!r}: key 'enemy' {group.enemy!r} is not a known country")

    by_demonym: dict[str, CountryEntry] = {}
    by_name: dict[str, CountryEntry] = {}
    by_metonym: dict[str, CountryEntry] = {}
    by_exact: dict[str, CountryEntry] = {}
    for country in countries.values():
        _index(by_demonym, country.demonyms, country, normalize_phrase)
        _index(
            by_name, (country.name, *country.names, *country.government_metonyms), country, normalize_phrase
        )
        _index(by_metonym, country.government_metonyms, country, normalize_phrase)
        _index(by_exact, country.exact_aliases, country, _exact)
    group_by_alias: dict[str, GroupEntry] = {}
    group_by_exact: dict[str, GroupEntry] = {}
    for group in groups.values():
        _index(group_by_alias, (group.name, *group.aliases), group, normalize_phrase)
        _index(group_by_exact, group.exact_aliases, group, _exact)
    enemy_by_side: dict[str, str] = {}
    sides_by_country: dict[str, set[str]] = {}
    for group in groups.values():
        if group.enemy is not None:
            enemy_by_side.setdefault(group.side, group.enemy)
        if group.country is not None:
            sides_by_country.setdefault(group.country, set()).add(group.side)
    outlet_by_alias: dict[str, OutletEntry] = {}
    outlet_by_exact: dict[str, OutletEntry] = {}
    for outlet in outlets.values():
        _index(outlet_by_alias, (outlet.name, *outlet.aliases), outlet, normalize_phrase)
        _index(outlet_by_exact, outlet.exact_aliases, outlet, _exact)

    return ActorKnowledge(
        countries=tuple(countries.values()),
        groups=tuple(groups.values()),
        generic=MappingProxyType(generic),
        military_words=tuple(words["military_words"]),
        police_words=tuple(words["police_words"]),
        government_words=tuple(words["government_words"]),
        enemy_words=tuple(words["enemy_words"]),
        claimant_words=MappingProxyType(claimants),
        outlets=tuple(outlets.values()),
        sources=tuple(data.path for data in files),
        country_by_iso3=MappingProxyType(countries),
        iso3_by_demonym=_iso3_table(by_demonym),
        iso3_by_name=_iso3_table(by_name),
        iso3_by_metonym=_iso3_table(by_metonym),
        iso3_by_exact_alias=_iso3_table(by_exact),
        group_by_name=MappingProxyType(groups),
        group_by_alias=MappingProxyType(group_by_alias),
        group_by_exact_alias=MappingProxyType(group_by_exact),
        outlet_by_alias=MappingProxyType(outlet_by_alias),
        outlet_by_exact_alias=MappingProxyType(outlet_by_exact),
        enemy_by_side=MappingProxyType(enemy_by_side),
        group_sides_by_country=MappingProxyType({c: frozenset(s) for c, s in sides_by_country.items()}),
    )


def _exact(text: str) -> str:
    return " ".join(text.split())


def _iso3_table(table: Mapping[str, CountryEntry]) -> Mapping[str, str]:
    return MappingProxyType({key: country.iso3 for key, country in table.items()})


def _index(
    table: dict[str, _Entry], phrases: Iterable[str], entry: _Entry, key_of: Callable[[str], str]
) -> None:
    """Add an entry's phrases to a lookup table; a phrase another entry holds is an error naming both."""
    for phrase in phrases:
        held = table.setdefault(key_of(phrase), entry)
        if held is not entry:
            raise ValueError(
                f"{entry.source}: {_describe(entry)}: {phrase!r} is already used by {_describe(held)} "
                f"({held.source}); each name and alias must belong to one entry"
            )


def _describe(entry: CountryEntry | GroupEntry | OutletEntry) -> str:
    if isinstance(entry, CountryEntry):
        return f"country {entry.iso3}"
    return f"{'group' if isinstance(entry, GroupEntry) else 'outlet'} {entry.name!r}"

"""The vocabulary of the pipeline: small typed records passed from stage to stage.

Every extracted value carries where it came from (a character span in the document's
original text) and how precise it is, so that a row of the dataset can always be traced back
to the sentence that produced it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# ACLED's event taxonomy: event type -> its sub-event types, higher line wins on co-occurrence.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    "Protests": (
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: kind for kind, subs in EVENT_TYPES.items() for sub in subs}
# The event types of political violence, Battles first: ACLED codes what was done to people before the
# property or the strategic change that came with it.
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# The sub-types of ground changing hands, told from a place and who took it.
TERRITORIAL = frozenset({"Non-violent transfer of territory", "Government regains territory",
                         "Non-state actor overtakes territory"})
# Sub-types that differ only in who acted: ACLED's "Government regains territory" and "Non-state actor
# overtakes territory" are one wording with a state or a non-state actor as the taker, which the actors decide
# (resolve.territory_sub), whether the rules or the sentence classifier read the words.
ACTOR_DECIDED = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# ACLED's disorder types, derived from the event type.
DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@dataclass(slots=True, frozen=True)
class Span:
    """Half-open character range [start, end) in a document's original text."""

    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Document:
    """One input article and its metadata.

    `published_source` says where the publication date came from: "metadata" (the input
    record), "sidecar" (NAME.meta.json), "option" (--date), "page" (HTML metadata),
    "text" (inferred from the article's own words) or "none".
    """

    id: str
    text: str
    published: dt.date | None
    published_source: str = "metadata"
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    language: str | None = None
    origin: str = ""


@dataclass(slots=True, frozen=True)
class Skipped:
    """An input that could not be read, with a one-line reason for the user."""

    origin: str
    reason: str


@dataclass(slots=True, frozen=True)
class DateSpan:
    """A calendar span with ACLED time precision.

    precision: 1 day, 2 week, 3 month, 4 season or year, 5 several years. ACLED codes only
    1-3; 4 and 5 occur for background events, which keep their own coarse dates.
    """

    start: dt.date
    end: dt.date
    precision: int
    best: dt.date

    @classmethod
    def day(cls, d: dt.date) -> DateSpan:
        return cls(d, d, 1, d)


@dataclass(slots=True, frozen=True)
class Place:
    """A gazetteer entry chosen for a mention.

    geo_precision: 1 the town itself, 2 near a town or a small area, 3 a region.
    `source` is "geonames", "supplement", "admin" (admin_areas.tsv) or "profile"; `feature` is "city", "village",
    "height", "district", "region", "border", "country".
    """

    key: str
    name: str
    country: str
    latitude: float
    longitude: float
    geo_precision: int
    feature: str = "city"
    admin1: str | None = None
    population: int = 0
    source: str = "geonames"
    parent: str | None = None


@dataclass(slots=True, frozen=True)
class Actor:
    """A canonical actor: ACLED-style name, inter code, and side code (ISO3, NKR, CIV...)."""

    name: str
    inter: int
    side: str


@dataclass(slots=True, frozen=True)
class Claim:
    """Who asserts an event or a figure, and through which outlet."""

    claimant: str
    side: str | None
    statement: str
    source_id: str
    span: Span
    fatalities: int | None = None
    fatalities_side: str | None = None
    outlet: str | None = None
    # the claimant says the event did not happen ("does not correspond to reality", "denied")
    denies: bool = False


@dataclass(slots=True, frozen=True)
class Repost:
    """A document that copies another report (reposts.py): it never counts as a source of its own."""

    document: str
    original: str
    outlet: str | None = None
    original_outlet: str | None = None


# What corroborates an event (corroboration.py), weakest first.
CORROBORATION = ("one party", "both parties", "independent", "disputed")


@dataclass(slots=True)
class Mention:
    """One event as one sentence of one document states it."""

    doc_id: str
    sentence: int
    paragraph: int
    span: Span
    trigger: str
    trigger_span: Span
    event_type: str
    sub_event_type: str
    actor1: Actor | None
    actor2: Actor | None
    sides: tuple[str, ...]
    place: Place | None
    place_span: Span | None
    date: DateSpan
    date_span: Span | None
    historical: bool
    claims: list[Claim] = field(default_factory=list)
    # deaths per side stated in this sentence; the key "?" holds a total with no side
    fatalities_by_side: dict[str, int] = field(default_factory=dict)
    text: str = ""
    # the words that gave each field: (field, span in the original text); fields are trigger,
    # actor1, actor2, place, date, fatalities and claimant
    marks: list[tuple[str, Span]] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """A row of the dataset: a cluster of mentions of one real-world event."""

    event_id: str
    mentions: list[Mention]
    event_type: str
    sub_event_type: str
    actor1: Actor | None
    actor2: Actor | None
    sides: tuple[str, ...]
    place: Place | None
    date: DateSpan
    historical: bool
    fatalities: int | None
    fatalities_by_side: dict[str, int]
    claims: list[Claim]
    sources: list[str]
    outlets: list[str]
    notes: str
    # documents among `sources` that copy another report, and who corroborates the event (corroboration.py)
    reposts: list[Repost] = field(default_factory=list)
    corroboration: str = CORROBORATION[0]

    def shown_sources(self) -> list[str]:
        """The event's sources counting each report once: its originals, and a repost only where the event
        does not have its original (the copy's sentences then stand for the report)."""
        return sorted(s for s in self.sources if self.counted(s))

    def counted(self, document_id: str) -> bool:
        """Whether a document's claims and sentences are shown: not those of a repost whose original the
        event already has (they would only repeat it)."""
        original = next((r.original for r in self.reposts if r.document == document_id), None)
        return original is None or original not in self.sources

    def as_contract(self) -> dict[str, Any]:
        """The event as a JSON object: the output contract that docs/output-contract.md describes."""
        inter1 = self.actor1.inter if self.actor1 else None
        inter2 = self.actor2.inter if self.actor2 else None
        codes = sorted(c for c in (inter1, inter2) if c)
        place = self.place
        return {
            "event_id": self.event_id,
            "event_date": self.date.best.isoformat(),
            "date_start": self.date.start.isoformat(),
            "date_end": self.date.end.isoformat(),
            "time_precision": min(self.date.precision, 3),
            "date_precision": self.date.precision,
            "disorder_type": DISORDER_TYPES[self.event_type],
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name if self.actor1 else None,
            "actor2": self.actor2.name if self.actor2 else None,
            "inter1": inter1,
            "inter2": inter2,
            "interaction": int("".join(map(str, codes))) if codes else None,
            "civilian_targeting": "Civilian targeting" if self.actor2 and self.actor2.side == "CIV" else None,
            "sides": list(self.sides),
            "location": place.name if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "geo_precision": place.geo_precision if place else None,
            "place_source": place.source if place else None,
            "fatalities": self.fatalities,
            "fatalities_by_side": dict(self.fatalities_by_side),
            "historical": self.historical,
            "claimants": sorted({c.claimant for c in self.claims
                                 if c.claimant != "reporter" and self.counted(c.source_id)}),
            "claims": [
                {
                    "claimant": c.claimant,
                    "side": c.side,
                    "statement": c.statement,
                    "fatalities": c.fatalities,
                    "fatalities_side": c.fatalities_side,
                    "source": c.source_id,
                    "outlet": c.outlet,
                    "span": [c.span.start, c.span.end],
                    "denies": c.denies,
                }
                for c in self.claims
                if self.counted(c.source_id)
            ],
            "disputed": _disputed(self.claims),
            "corroboration": self.corroboration,
            "sources": self.shown_sources(),
            "reposts": [
                {"document": r.document, "original": r.original, "outlet": r.outlet,
                 "original_outlet": r.original_outlet}
                for r in sorted(self.reposts, key=lambda r: (r.original, r.document))
            ],
            "outlets": list(self.outlets),
            "notes": self.notes,
            "evidence": [
                {
                    "source": m.doc_id,
                    "span": [m.span.start, m.span.end],
                    "text": m.text,
                    "marks": [{"field": name, "span": [s.start, s.end]} for name, s in m.marks],
                }
                for m in self.mentions
                if self.counted(m.doc_id)
            ],
        }


def _disputed(claims: list[Claim]) -> bool:
    """Two claimants giving different figures for the same side's losses."""
    seen: dict[str | None, set[int]] = {}
    for c in claims:
        if c.fatalities is not None:
            seen.setdefault(c.fatalities_side, set()).add(c.fatalities)
    return any(len(v) > 1 for v in seen.values())


def mention_to_json(m: Mention) -> dict[str, Any]:
    """A mention as plain JSON, so that a store can keep it and merge again later without re-parsing."""

    def actor(a: Actor | None) -> list[Any] | None:
        return [a.name, a.inter, a.side] if a else None

    def span(s: Span | None) -> list[int] | None:
        return [s.start, s.end] if s else None

    place = m.place
    return {
        "doc_id": m.doc_id, "sentence": m.sentence, "paragraph": m.paragraph, "span": span(m.span),
        "trigger": m.trigger, "trigger_span": span(m.trigger_span), "event_type": m.event_type,
        "sub_event_type": m.sub_event_type, "actor1": actor(m.actor1), "actor2": actor(m.actor2),
        "sides": list(m.sides),
        "place": None if place is None else {
            "key": place.key, "name": place.name, "country": place.country, "latitude": place.latitude,
            "longitude": place.longitude, "geo_precision": place.geo_precision, "feature": place.feature,
            "admin1": place.admin1, "population": place.population, "source": place.source,
            "parent": place.parent},
        "place_span": span(m.place_span),
        "date": [m.date.start.isoformat(), m.date.end.isoformat(), m.date.precision, m.date.best.isoformat()],
        "date_span": span(m.date_span), "historical": m.historical,
        "claims": [{"claimant": c.claimant, "side": c.side, "statement": c.statement, "source_id": c.source_id,
                    "span": span(c.span), "fatalities": c.fatalities, "fatalities_side": c.fatalities_side,
                    "outlet": c.outlet, "denies": c.denies} for c in m.claims],
        "fatalities_by_side": dict(m.fatalities_by_side), "text": m.text,
        "marks": [[name, s.start, s.end] for name, s in m.marks],
    }


def mention_from_json(d: dict[str, Any]) -> Mention:
    """The inverse of mention_to_json."""

    def actor(v: list[Any] | None) -> Actor | None:
        return Actor(v[0], int(v[1]), v[2]) if v else None

    def span(v: list[int] | None) -> Span | None:
        return Span(int(v[0]), int(v[1])) if v else None

    start, end, precision, best = d["date"]
    # stores written before denials were kept have none
    claims = [Claim(c["claimant"], c["side"], c["statement"], c["source_id"], Span(*c["span"]), c["fatalities"],
                    c["fatalities_side"], c["outlet"], bool(c.get("denies", False))) for c in d["claims"]]
    return Mention(
        doc_id=d["doc_id"], sentence=d["sentence"], paragraph=d["paragraph"], span=Span(*d["span"]),
        trigger=d["trigger"], trigger_span=Span(*d["trigger_span"]), event_type=d["event_type"],
        sub_event_type=d["sub_event_type"], actor1=actor(d["actor1"]), actor2=actor(d["actor2"]),
        sides=tuple(d["sides"]), place=Place(**d["place"]) if d["place"] else None,
        place_span=span(d["place_span"]),
        date=DateSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end), int(precision),
                      dt.date.fromisoformat(best)),
        date_span=span(d["date_span"]), historical=d["historical"], claims=claims,
        fatalities_by_side=dict(d["fatalities_by_side"]), text=d["text"],
        # stores written before marks existed have none
        marks=[(name, Span(int(start), int(end))) for name, start, end in d.get("marks", ())],
    )

"""Per-sentence annotations: places, actors, dates, death figures and speakers.

Everything a later stage needs to know about a sentence is gathered here once, so that
detect and resolve work on plain records rather than re-reading the text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from warledger.actors import ActorMatcher, ActorMention, output_side, phrase_head
from warledger.claims import Attribution, SpeakerMemory, find_attributions
from warledger.dates import DateMention, find_dates
from warledger.fatalities import Figure, find_figures
from warledger.knowledge_actors import ActorKnowledge
from warledger.places import Gazetteer, PlaceMatch
from warledger.records import Place
from warledger.segment import Segmented

# Weight of a country named in the title or first paragraph against one named further down,
# when choosing among places of the same name (a report is about what its lead names).
LEAD_WEIGHT = 3.0
# Nouns whose compound modifier names a document, not a place ("the Minsk agreements").
AGREEMENT_NAMES = frozenset({"protocol", "agreement", "accord", "declaration", "treaty", "format", "process",
                             "memorandum", "deal", "talks", "group", "summit", "convention"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "at", "into", "outside", "around", "across", "throughout", "from",
                                   "to", "towards", "toward", "inside", "within", "over", "on", "through", "along",
                                   "off", "beyond", "past", "via"})
# Nouns for a part of a place: "the outskirts of Kyiv" is in Kyiv, whatever Kyiv stands for elsewhere.
PART_NOUNS = frozenset({"area", "outskirts", "suburb", "suburbs", "centre", "center", "district", "neighbourhood",
                        "neighborhood", "part", "north", "south", "east", "west", "northeast", "northwest",
                        "southeast", "southwest", "edge", "streets", "street", "heart", "downtown", "outskirt"})
DIRECTIONS = frozenset({"southern", "northern", "eastern", "western", "central", "northeastern", "northwestern",
                        "southeastern", "southwestern", "south", "north", "east", "west"})
# Prepositions after which a capitalised name is almost always a place ("in", "near", "outside Kherson").
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "inside", "at"})
# Present-time cues: a paragraph with one of these is news of the day, not background.
CURRENT_CUES = re.compile(
    r"\b(?:today|tonight|yesterday|this (?:morning|week|evening)|on (?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)|is|are|has|have|continues?)\b")


@dataclass(slots=True)
class PlaceNote:
    """A place named in a sentence and the gazetteer entry chosen for it."""

    start: int  # char offset in the clean text
    end: int
    surface: str
    place: Place
    token_start: int
    in_speaker: bool = False


@dataclass(slots=True)
class SentenceNotes:
    index: int
    paragraph: int
    token_start: int
    token_end: int
    char_start: int
    char_end: int
    text: str
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceNote] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    speakers: list[Attribution] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # tokens inside the clauses of the sentence's triggers, when it has several (set by resolve)
    claimed_tokens: set[int] = field(default_factory=set)

    @property
    def words(self) -> tuple[int, int]:
        """The sentence's range in the clean text without the spaces and line breaks around it."""
        start = self.char_start + len(self.text) - len(self.text.lstrip())
        return start, self.char_start + len(self.text.rstrip())


@dataclass(slots=True)
class Annotated:
    """A document's sentences with their notes, and what the whole document is about."""

    segmented: Segmented
    sentences: list[SentenceNotes]
    published: dt.date
    main_sides: tuple[str, ...]
    countries: dict[str, float]
    lead_places: list[Place]
    mentions_border: bool = False

    @property
    def lead_country(self) -> str | None:
        """The country of the lead's first place: where the report's news happens."""
        return self.lead_places[0].country if self.lead_places else None


def annotate(segmented: Segmented, published: dt.date, gazetteer: Gazetteer, matcher: ActorMatcher,
             knowledge: ActorKnowledge) -> Annotated:
    doc = segmented.doc
    actor_mentions = matcher.find(doc)
    notes: list[SentenceNotes] = []
    for sentence in segmented.sentences:
        span = sentence.span
        notes.append(SentenceNotes(sentence.index, sentence.paragraph, span.start, span.end, span.start_char,
                                   span.end_char, span.text))
    # actors per sentence
    cursor = 0
    for mention in actor_mentions:
        while cursor < len(notes) and mention.start >= notes[cursor].token_end:
            cursor += 1
        if cursor < len(notes) and mention.start >= notes[cursor].token_start:
            notes[cursor].actors.append(mention)
    matches = [gazetteer.find(note.text) for note in notes]
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    countries = _context_countries(notes, actor_mentions, matches, knowledge)
    main_sides = _main_sides(notes)
    memory = SpeakerMemory(main_sides=main_sides)
    lead_places: list[Place] = []
    for note in notes:
        note.dates = find_dates(note.text, published, offset=note.char_start)
        for match in matches[note.index]:
            start = note.char_start + match.start
            token = doc.char_span(start, note.char_start + match.end, alignment_mode="expand")
            token_start = token.start if token is not None else note.token_start
            if token is not None:
                word = phrase_head(token.root)
                if word.dep_ == "pobj" and word.head.lower_ in PLACE_PREPOSITIONS:
                    match = dataclasses.replace(match, located=True)
            place = gazetteer.resolve(match, countries)
            if place is None:
                continue
            if _inside_actor(token_start, note.actors, doc) or _names_a_clock(note.text, match.end):
                continue
            if _inside_longer_person(persons, start, note.char_start + match.end):
                continue
            if _names_a_document(doc, token_start):
                continue
            note.places.append(PlaceNote(start, note.char_start + match.end, match.surface, place, token_start))
        note.speakers = find_attributions(doc, note.token_start, note.token_end, note.actors, knowledge, memory)
        for speaker in note.speakers:
            for place_note in note.places:
                if speaker.token_start <= place_note.token_start < speaker.token_end:
                    place_note.in_speaker = True
        note.figures = find_figures(doc, note.token_start, note.token_end, note.actors)
        if note.paragraph <= 1:
            lead_places.extend(p.place for p in note.places if p.place.feature != "country" and not p.in_speaker)
    mentions_border = any("border" in note.text.lower() for note in notes)
    return Annotated(segmented, notes, published, main_sides, countries, lead_places, mentions_border)


def _inside_actor(token: int, actors: list[ActorMention], doc: Doc) -> bool:
    """A place word that names an actor is no location: "the army of X", "Baku said". A capital after
    "in"/"near" stays a place ("gathered in Yerevan"), and so does the place an actor is named with
    ("clashed with police in Nairobi", "the authorities in Yerevan", who may also be speaking)."""
    for actor in actors:
        if not actor.start <= token < actor.end:
            continue
        if actor.kind in ("country", "metonym", "people", "adjective"):
            word = phrase_head(doc[actor.start:actor.end].root)
            if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lemma_.lower() in PART_NOUNS:
                return False  # "the Pétion-Ville area of Port-au-Prince", "the outskirts of Kyiv"
            if any(c.dep_ == "amod" and c.lower_ in DIRECTIONS for c in word.children):
                return False  # "attacked southern Israel": a part of the country, where it happened
            return not (word.dep_ == "pobj" and word.head.lower_ in LOCATIVE_PREPOSITIONS)
        word = phrase_head(doc[token])
        return not (word.dep_ == "pobj" and word.head.lower_ in LOCATIVE_PREPOSITIONS and word.head.i >= actor.start)
    return False


def _inside_longer_person(persons: list[tuple[int, int]], start: int, end: int) -> bool:
    """"Aung San" inside "Aung San Suu Kyi": a place name that is part of a longer person's name.
    A person entity that is exactly the place name is not trusted (the model tags Lachin as a person)."""
    return any(p_start <= start and end <= p_end and (p_end - p_start) > (end - start) for p_start, p_end in persons)


def _names_a_document(doc: Doc, token: int) -> bool:
    """"the Bishkek Protocol", "the Minsk agreements": a place in an agreement's name is not where an
    event happened."""
    word = doc[token]
    while word.dep_ == "compound" and word.head.i != word.i:
        word = word.head
    return word.i != token and word.lemma_.lower() in AGREEMENT_NAMES


def _names_a_clock(text: str, end: int) -> bool:
    """"07:00 Moscow time" names a time zone, not a place."""
    return text[end:end + 6].lower().startswith((" time", "-time"))


def _context_countries(notes: list[SentenceNotes], mentions: list[ActorMention],
                       matches: list[list[PlaceMatch]], knowledge: ActorKnowledge | None = None) -> dict[str, float]:
    """Countries the report is about: its actors, and places whose name has a single reading."""
    weights: dict[str, float] = defaultdict(float)
    for note, found in zip(notes, matches, strict=True):
        weight = LEAD_WEIGHT if note.paragraph <= 1 else 1.0
        for match in found:
            countries = {c.country for c in match.candidates if c.country}
            if len(countries) == 1:
                weights[countries.pop()] += weight
    lead_end = next((n.token_end for n in notes if n.paragraph > 1), notes[-1].token_end if notes else 0)
    for m in mentions:
        side = m.side
        if side and knowledge is not None and m.kind == "group":
            side = output_side(side, knowledge)  # an armed group stands for the country it fights in
        if side and len(side) == 3 and side != "CIV" and side.isupper():
            weights[side] += LEAD_WEIGHT if m.start < lead_end else 1.0
    return dict(weights)


def _main_sides(notes: list[SentenceNotes]) -> tuple[str, ...]:
    """The two parties the report is mostly about, by how often they are named as actors."""
    counts: dict[str, float] = defaultdict(float)
    for note in notes:
        weight = LEAD_WEIGHT if note.paragraph <= 1 else 1.0
        for m in note.actors:
            if m.side and m.side != "CIV" and m.kind not in ("outlet", "claimant"):
                counts[m.side] += weight
    return tuple(sorted(counts, key=lambda side: -counts[side])[:2])


def is_current_paragraph(text: str) -> bool:
    return bool(CURRENT_CUES.search(text))

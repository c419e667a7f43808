"""Per-sentence annotations: places, actors, dates, death figures and speakers.

Everything a later stage needs to know about a sentence is gathered here once, so that
detect and resolve work on plain records rather than re-reading the text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from warledger.actors import ActorMatcher, ActorMention, group_mention, output_side, phrase_head
from warledger.claims import Attribution, SpeakerMemory, find_attributions, informs_from_afar, speaker_phrases
from warledger.dates import MONTHS, WEEKDAYS, DateMention, find_dates
from warledger.fatalities import Figure, find_figures
from warledger.knowledge_actors import ActorKnowledge
from warledger.places import (
    LEADING_CONTEXT_SHARE,
    SPELLING_POPULATION_FACTOR,
    Gazetteer,
    PlaceMatch,
    datelines,
    distance_km,
    name_key,
)
from warledger.records import Actor, Place
from warledger.segment import Entities, Segmented

# Weight of a country named in the title or first paragraph against one named further down,
# when choosing among places of the same name (a report is about what its lead names).
LEAD_WEIGHT = 3.0
# Nouns whose compound modifier names a document, not a place ("the Minsk agreements").
AGREEMENT_NAMES = frozenset({"protocol", "agreement", "accord", "declaration", "treaty", "format", "process",
                             "memorandum", "deal", "talks", "group", "summit", "convention", "roadmap", "framework",
                             "communique", "communiqué", "charter", "initiative"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "at", "into", "outside", "around", "across", "throughout", "from",
                                   "to", "towards", "toward", "inside", "within", "over", "on", "through", "along",
                                   "off", "beyond", "past", "via"})
# Nouns for a part of a place: "the outskirts of Kyiv" is in Kyiv, whatever Kyiv stands for elsewhere.
PART_NOUNS = frozenset({"area", "outskirts", "suburb", "suburbs", "centre", "center", "district", "neighbourhood",
                        "neighborhood", "part", "north", "south", "east", "west", "northeast", "northwest",
                        "southeast", "southwest", "edge", "streets", "street", "heart", "downtown", "outskirt"})
# A name followed by these words is a part of a town ("the Atalaya neighbourhood of Cúcuta", "the Nueva
# Esperanza neighbourhood", "the Bellavista prison in Santo Domingo"), not a namesake town abroad.
_PART_OF_NEXT = re.compile(r"\s+(?:(?:quarter|district|area)\s+of\s+(?:the\s+)?[A-Z]|"
                           r"(?:neighbou?rhoods?|suburbs?|sectors?|barrios?|colonias?|ciudadelas?|estates?|prisons?|"
                           r"penitentiary|jail)\b)")
# "Baghdad's (heavily fortified) Green Zone": what follows a town's possessive is inside that town.
_AFTER_POSSESSIVE = re.compile(r"['’]s(?:\s+[a-z][\w-]*){0,3}\s+")
# Head words of an armed group's or party's proper name: a place name inside such a name ("the Sultan Murad
# Division", "Turkistan Islamic Party", "Comandos de la Frontera") names the group, not where it acted.
GROUP_NAME_HEADS = frozenset({"division", "brigade", "brigades", "battalion", "battalions", "regiment", "corps",
                              "party", "front", "movement", "army", "commandos", "comandos", "militia", "militias",
                              "legion", "frente", "ejército", "guard", "guards", "liwa", "jaish", "kataib",
                              "katibat", "jabhat", "harakat", "ahrar", "ansar", "saraya", "faylaq"})
# the capitalised words of such a name, and the particles that join them ("Frente de Liberación")
_NAME_WORD = re.compile(r"[A-Z][\w'’`-]*|ej[ée]rcito")
_NAME_PARTICLES = frozenset({"de", "la", "del", "al", "el", "of", "the", "for", "du", "des", "los", "las"})
# lower-case words inside people's names ("Osama bin Laden", "Ahmad Shah al-Masoud")
_PERSON_PARTICLES = frozenset({"bin", "ibn", "bint", "al", "el", "de", "da", "van", "von", "-"})
# roles written in lower case before a person's name ("opposition leader Raila Odinga"); titles
# ("President", "Colonel") are the gazetteer's person_titles, in any case
PERSON_ROLES = frozenset({"leader", "commander", "counsellor", "councillor", "spokesman", "spokeswoman",
                          "spokesperson", "chief", "head", "emir", "founder", "activist", "journalist", "cleric"})
# People of a place: "residents of Mpeketoni" live in a place of that name.
RESIDENT_NOUNS = frozenset({"resident", "inhabitant", "villager", "townspeople", "population", "people"})
# Places a city's possessive names: "Yerevan's main square" is in Yerevan, "Yerevan's decision" is Armenia's.
POSSESSED_PLACES = frozenset({"square", "camp", "market", "airport", "port", "station", "hospital", "university",
                              "quarter", "suburb", "neighbourhood", "district", "centre", "outskirts", "road",
                              "avenue", "bridge", "stadium", "prison", "cemetery", "mosque", "church", "base"})
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
    # the list of places the name stands in ("shelled Movses, Aygepar and Nerkin Karmiraghbyur"), by a
    # number shared with the others of the list; -1 outside any list
    group: int = -1


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
    # the character spans of the wire datelines ("BANGUI, March 12 -"): where and when it was filed
    filed_at: list[tuple[int, int]] = field(default_factory=list)

    @property
    def lead_country(self) -> str | None:
        """The country of the lead's first place: where the report's news happens."""
        return self.lead_places[0].country if self.lead_places else None


def annotate(segmented: Segmented, published: dt.date, gazetteer: Gazetteer, matcher: ActorMatcher,
             knowledge: ActorKnowledge) -> Annotated:
    doc = segmented.doc
    filed_at = datelines(doc.text)
    # "JUBA, Dec 20 -", "BENGHAZI, Libya, Nov 20 -": where the report was filed, not a government acting
    actor_mentions = [m for m in matcher.find(doc) if m.kind not in ("metonym", "country") or
                      not any(a <= doc[m.start].idx < b for a, b in filed_at)]
    actor_mentions = [m for m in actor_mentions if not _only_a_venue_or_a_broker(doc[m.start:m.end], m.kind)]
    # "Latin America" is no state; "Central America's largest gangs" are of no country yet
    actor_mentions = [_of_no_state(m) if _part_of_a_continent(doc[m.start:m.end]) else m for m in actor_mentions
                      if not (m.kind == "country" and _part_of_a_continent(doc[m.start:m.end]))]
    notes: list[SentenceNotes] = []
    for sentence in segmented.sentences:
        span = sentence.span
        notes.append(SentenceNotes(sentence.index, sentence.paragraph, span.start, span.end, span.start_char,
                                   span.end_char, span.text))
    # (a place in a group's or an agreement's name votes for no country: "the Luanda roadmap" of a declaration in
    # Bangui is no report on Angola)
    matches = [[m for m in gazetteer.find(note.text) if (not _in_group_name(note.text, m.start, m.end)
                or any(c.feature == "country" for c in m.candidates))
                and not _names_a_document_at(doc, note.char_start + m.start, note.char_start + m.end)
                and not _quoted_name_of_a_thing(note.text, m.start, m.end)]
               for note in notes]
    actor_mentions = _homonyms_in_context(notes, actor_mentions, matches, knowledge, gazetteer)
    # actors per sentence
    cursor = 0
    for mention in actor_mentions:
        while cursor < len(notes) and mention.start >= notes[cursor].token_end:
            cursor += 1
        if cursor < len(notes) and mention.start >= notes[cursor].token_start:
            notes[cursor].actors.append(mention)
    countries = _context_countries(notes, actor_mentions, matches, knowledge, gazetteer,
                                   cues=_administrative_words(doc.text))
    countries = _local_names_abroad(notes, actor_mentions, matches, knowledge, gazetteer, countries)
    front = FRONT_CUES.search(doc.text) is not None
    for country, weight in list(countries.items()) if front else ():
        rivals = gazetteer.rivals(country)
        for rival in rivals if len(rivals) == 1 else ():
            # a border report names the attacker; the villages hit are across the contested border
            countries[rival] = max(countries.get(rival, 0.0), weight * RIVAL_WEIGHT)
    in_context = [c for c, weight in sorted(countries.items(), key=lambda item: -item[1]) if weight > 0]
    # the regions and districts the report names: a town's namesakes elsewhere in the country give way
    # to the one inside them ("Calamar (Guaviare)", not Calamar in Bolívar)
    regions = [p for found in matches for m in found for p in m.candidates
               if p.feature in ("region", "district") and (len(m.candidates) == 1 or m.designated)]
    # spellings are tried in the report's leading countries only: a skeleton index is built per country
    # (0.8 s for the United States), and a country named once in passing is rarely where a village is
    top = max(countries.values(), default=0.0)
    leading = [c for c in in_context if countries[c] >= LEADING_CONTEXT_SHARE * top]
    for note in notes:
        matches[note.index] = _with_spelling_variants(note.text, matches[note.index], leading, gazetteer)
    filed_in = _filed_in(notes, matches, filed_at)
    # the countries the report's own place names vote for, its parties aside (a capital that stands for a
    # government, "Ankara regards the YBS as ...", places nothing)
    named = [(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in actor_mentions]
    own = [[m for m in found if not any(a < note.char_start + m.end and note.char_start + m.start < b
                                        for a, b in named)] for note, found in zip(notes, matches, strict=True)]
    placed = {c for c, weight in _context_countries(notes, [], own, knowledge, gazetteer).items() if weight > 0}
    # each sentence's names less those the areas stated after them drop; a name so dropped ("the village of Solhan
    # (Yagha province)", where GeoNames' only Solhan is Turkish) is that namesake nowhere else in the report either
    stated = [_within_stated_areas(note.text, matches[note.index], countries, gazetteer, regions) for note in notes]
    elsewhere: set[str] = set()
    for found, kept in zip(matches, stated, strict=True):
        spans = {(k.start, k.end) for k in kept}
        elsewhere.update(name_key(m.surface) for m in found if (m.start, m.end) not in spans)
    main_sides = _main_sides(notes)
    memory = SpeakerMemory(main_sides=main_sides)
    lead_places: list[Place] = []
    filed: list[Place] = []  # the places of the datelines
    namesakes: dict[int, tuple[Place, ...]] = {}  # per place named, the other towns of its name in its country
    paragraph_places: list[PlaceNote] = []  # the places of the paragraph's sentences so far
    for note in notes:
        note.dates = find_dates(note.text, published, offset=note.char_start)
        variants: set[int] = set()  # the places of this sentence read from a spelling skeleton
        owner_place: Place | None = None  # the sentence's place named last, and where its name ends
        owner_end = 0
        for match in _whole_names(note.text, stated[note.index], countries):
            if name_key(match.surface) in elsewhere:
                continue
            home = filed_in.get(name_key(match.surface))
            if home is not None and any(c.country == home for c in match.candidates):
                match = dataclasses.replace(match, candidates=tuple(c for c in match.candidates if c.country == home))
            elif home is not None:
                continue  # "BENI, Nepal": a town the gazetteer lacks there, not Congo's Beni
            start = note.char_start + match.start
            token = doc.char_span(start, note.char_start + match.end, alignment_mode="expand")
            token_start = token.start if token is not None else note.token_start
            if token is not None:
                word = phrase_head(token.root)
                if word.dep_ == "pobj" and (word.head.lower_ in PLACE_PREPOSITIONS or word.head.lower_ == "of"
                                            and word.head.head.lemma_.lower() in PART_NOUNS | RESIDENT_NOUNS):
                    match = dataclasses.replace(match, located=True)
            place = gazetteer.resolve(match, countries, placed)
            owner = owner_place if owner_place is not None and \
                _AFTER_POSSESSIVE.fullmatch(note.text, owner_end, match.start) else None
            owner_place, owner_end = place, match.end - 2 if match.surface.endswith(("'s", "’s")) else match.end
            if place is None:
                continue
            if owner is not None and owner.country != place.country and place.feature != "country":
                continue  # "Baghdad's Green Zone" is no Green County of the United States
            if place.feature != "country" and _in_group_name(note.text, match.start, match.end):
                continue  # "the Sultan Murad Division", "Turkistan Islamic Party", "Comandos de la Frontera"
            if not countries.get(place.country) and _PART_OF_NEXT.match(note.text, match.end):
                continue  # "the Atalaya neighbourhood of Cúcuta" is in Cúcuta, not a namesake abroad
            if _inside_actor(token_start, note.actors, doc) or _names_a_clock(note.text, match.end):
                continue
            if token is not None and _inside_longer_person(token, gazetteer, segmented.entities):
                continue
            if _names_a_document(doc, token_start):
                continue
            if countries.get(place.country, 0.0) < top and token is not None and _names_a_people(token):
                continue  # "Kuki militants" in Manipur are no men of Kuki, Japan; "Kara fighters" none of Togo
            if any(a <= start < b for a, b in filed_at):
                # where the report was filed: the report's place only when no sentence of its lead names one
                filed.append(place)
                continue
            note.places.append(PlaceNote(start, note.char_start + match.end, match.surface, place, token_start))
            namesakes[id(note.places[-1])] = tuple(
                c for c in match.candidates if c.country == place.country and c.key != place.key
                and c.feature in POINT_FEATURES and place.feature in POINT_FEATURES)
            if match.variant:
                variants.add(len(note.places) - 1)
        _drop_far_variants(note, variants)
        _drop_outside_container(note)
        _the_capital(note, doc, gazetteer, knowledge, leading)
        note.actors = [a for a in note.actors if not _inside_longer_place(a, note.places, doc)]
        _place_lists(note, doc, gazetteer, paragraph_places)
        paragraph_places = [*paragraph_places, *note.places] if note.index + 1 < len(notes) and \
            notes[note.index + 1].paragraph == note.paragraph else []
        phrases = speaker_phrases(doc, note.token_start, note.token_end, note.actors)
        note.speakers = find_attributions(doc, segmented.entities, note.token_start, note.token_end, note.actors,
                                          knowledge, memory, phrases, [(p.start, p.end) for p in note.places])
        spoken = [(s.token_start, s.token_end) for s in note.speakers] + [
            phrase for phrase in phrases if informs_from_afar(doc, phrase)]
        for place_note in note.places:
            if any(start <= place_note.token_start < end for start, end in spoken):
                place_note.in_speaker = True
        _name_the_enemy(note, main_sides, gazetteer, knowledge, doc)
        note.figures = find_figures(doc, note.token_start, note.token_end, note.actors)
    _nearest_namesakes(notes, namesakes)
    for note in notes:
        if note.paragraph <= 1:
            lead_places.extend(p.place for p in note.places if p.place.feature != "country" and not p.in_speaker)
    if not lead_places:
        lead_places.extend(p for p in filed if p.feature != "country")
    mentions_border = any("border" in note.text.lower() for note in notes)
    return Annotated(segmented, notes, published, main_sides, countries, lead_places, mentions_border, filed_at)


# A capitalised name after a preposition of place or a place noun ("in Aita al-Shaab", "the village of
# Tal Rifaat"), up to four words with the article particles of transliterated names between them.
_NAME_AFTER_PLACE_WORD = re.compile(
    r"\b(?:in|near|at|outside|around|towards?|into|from|on|(?:villages?|towns?|city|cities|areas?|outskirts|"
    r"districts?|suburbs?|neighbou?rhoods?|region|province|governorate|camp|countryside|vicinity|settlements?|"
    r"communities|localities) of)\s+"
    r"((?:[A-Z][\w'’`]*)(?:(?:\s|-)(?:(?:al|el|ash|as|ad|ar|at|az|an|ed|es|ez|en|bin|ibn)(?:\s|-))?[A-Z][\w'’`]*){0,3})")


# A name as _NAME_AFTER_PLACE_WORD reads it, and what joins the names of a list of places: "Movses,
# Aygepar and Nerkin Karmiraghbyur", "fell on the town and on nearby Margaliot".
_NAME = (r"[A-Z][\w'’`]*(?:(?:\s|-)(?:(?:al|el|ash|as|ad|ar|at|az|an|ed|es|ez|en|bin|ibn)(?:\s|-))?"
         r"[A-Z][\w'’`]*){0,3}")
_LIST_JOIN = re.compile(r"(\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:in|on|near|at)\s+)?"
                        r"(?:(?:the\s+)?(?:nearby|neighbouring)\s+)?"
                        r"(?:(?:the\s+)?(?:outskirts|vicinity|areas?|towns?|villages?|city|suburbs?|countryside)\s+of\s+"
                        rf"(?:the\s+)?)?({_NAME})")
# "the Chatakh and Yanigli villages": names before a plural place noun
_NAMES_BEFORE_PLACE_NOUN = re.compile(rf"\b({_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NAME})+)(\s+"
                                      r"(?:villages|towns|settlements|communities|localities|hamlets))\b")
# where a list's area follows it: "... and Zaroumdareye in the Ouallam department", "... of the Tovuz region"
_AREA_AFTER = re.compile(r"\s*,?\s*(?:in|of)\s+(?:the\s+)?")
_SETTLEMENTS = frozenset({"city", "village", "height"})


# "in the capital", "outside the Somali capital": the capital city of the country named before it, or of the
# report's leading country; not when the capital's name follows ("the capital, Mogadishu") or an "of"
_THE_CAPITAL = re.compile(r"\b(?i:in|near|outside|around|across|into|inside|at|on|to|hit|struck|shelled)\s+the\s+"
                          r"(?:(?P<adjective>[A-Z][\w'’-]+)\s+)?capital\b(?!\s*(?:,\s*|\()?[A-Z]|\s+(?:of|city of)\b)")


def _the_capital(note: SentenceNotes, doc: Doc, gazetteer: Gazetteer, knowledge: ActorKnowledge,
                 leading: list[str]) -> None:
    """ "Mortar rounds landed in the capital": the report's country's capital city, as a place of the sentence
    (a capital the sentence names by its own name is found by the gazetteer)."""
    for m in _THE_CAPITAL.finditer(note.text):
        adjective = m.group("adjective")
        country = knowledge.find_country(adjective) if adjective else None
        iso3 = country.iso3 if country is not None else (leading[0] if len(leading) == 1 and not adjective else None)
        city = gazetteer.capital(iso3) if iso3 else None
        if city is None:
            continue
        start, end = note.char_start + m.start("adjective") if adjective else note.char_start + m.end() - 7, \
            note.char_start + m.end()
        token = doc.char_span(start, end, alignment_mode="expand")
        note.places.append(PlaceNote(start, end, doc.text[start:end], dataclasses.replace(city, geo_precision=1),
                                     token.start if token is not None else note.token_start))


def _place_lists(note: SentenceNotes, doc: Doc, gazetteer: Gazetteer, context: list[PlaceNote]) -> None:
    """Lists of places, and the names in them that no gazetteer knows.

    ACLED codes one event per place: "shelled Movses, Aygepar and Nerkin Karmiraghbyur" is three
    shellings, though the gazetteer may know only two of the villages. A list is names joined by commas
    and a final "and"; each name in it is numbered with its list (PlaceNote.group). A name that no
    gazetteer knows, listed with known places or standing after a preposition of place or a place noun
    ("near Diafarabé (Ténenkou cercle, Mopti region)"), becomes a place of its own (source "text") at
    the coordinates of the area the text gives it: the bracketed or following area, a known village of
    the same list, or a district or region the sentence (else its paragraph, before it) names. Without
    any, it is left out: the text does not say where it is."""
    text, base = note.text, note.char_start
    known = {(p.start - base, p.end - base): p for p in note.places}

    def known_at(span: tuple[int, int]) -> PlaceNote | None:
        return next((p for (s, e), p in known.items() if s < span[1] and span[0] < e), None)

    chains: list[list[tuple[int, int]]] = []
    # a list starts after a preposition of place or a place noun: "Somaliland and SSC-Khatumo handed
    # over ..." names two parties, and "the road between Kayes and Diboli" one road
    # after a place noun ("the village of Let Yet Kone") a name is a place's even when made of English words
    designated = {m.span(1) for m in _NAME_AFTER_PLACE_WORD.finditer(text)
                  if text[:m.start(1)].rstrip().endswith(" of")}
    for first in sorted({m.span(1) for m in _NAME_AFTER_PLACE_WORD.finditer(text)}):
        chain, joins = [first], []
        while (m := _LIST_JOIN.match(text, chain[-1][1])) is not None:
            joins.append(m.group(1))
            chain.append(m.span(2))
        while joins and "and" not in joins[-1]:  # "in Kano, Nigeria" is a place and its country, not a list
            joins.pop()
            chain.pop()
        chains.append(chain)
        if first in designated:  # "the villages of Kaung Pyin, Zee Pin Kone and ..."
            designated.update(chain)
    ends = {}  # where a list's words end: after the place noun that follows its names
    for m in _NAMES_BEFORE_PLACE_NOUN.finditer(text):
        chains.append([(m.start(1) + n.start(), m.start(1) + n.end()) for n in re.finditer(_NAME, m.group(1))])
        ends[len(chains) - 1] = m.end(2)
        designated.update(chains[-1])
    next_group = 0
    for number, chain in enumerate(chains):
        if len(chain) < 2 and known_at(chain[0]) is not None:
            continue
        members = [known_at(span) for span in chain]
        group = next((p.group for p in members if p is not None and p.group >= 0), -1)
        if len(chain) >= 2 and group < 0:
            group, next_group = next_group, next_group + 1
        siblings = [p for p in members if p is not None and p.place.feature in _SETTLEMENTS]
        for span, member in zip(chain, members, strict=True):
            if member is not None:
                if len(chain) >= 2 and member.place.feature in _SETTLEMENTS:
                    member.group = group
                continue
            place = _unlisted(note, doc, gazetteer, span, ends.get(number, chain[-1][1]), siblings, context,
                              span in designated)
            if place is not None:
                token = doc.char_span(base + span[0], base + span[1], alignment_mode="expand")
                note.places.append(PlaceNote(base + span[0], base + span[1], text[span[0]:span[1]], place,
                                             token.start if token is not None else note.token_start,
                                             group=group if len(chain) >= 2 else -1))
                known[span] = note.places[-1]
    note.places.sort(key=lambda p: p.start)


def _unlisted(note: SentenceNotes, doc: Doc, gazetteer: Gazetteer, span: tuple[int, int], list_end: int,
              siblings: list[PlaceNote], context: list[PlaceNote], designated: bool) -> Place | None:
    """The place a name no gazetteer knows stands for, at its area's coordinates; None when it may not
    name a place or the text gives it no area."""
    base = note.char_start
    surface = note.text[span[0]:span[1]]
    tokens = doc.char_span(base + span[0], base + span[1], alignment_mode="expand")
    if tokens is None or tokens[-1].pos_ != "PROPN" or not (designated or gazetteer.could_be_unlisted(surface)):
        return None
    if any(a.start < tokens.end and tokens.start < a.end for a in note.actors):
        return None
    areas = [p for p in note.places if p.place.source != "text"]

    def starting_at(offset: int) -> PlaceNote | None:
        return next((p for p in areas if p.start - base == offset), None)

    area, stated = None, False
    for end in dict.fromkeys((span[1], list_end)):
        bracket = STATED_AREAS.match(note.text, end)
        if bracket is not None:
            inside = [p for p in areas if bracket.start(1) <= p.start - base < bracket.end(1)
                      and p.place.feature not in ("country", "border")]
            if inside:
                area, stated = inside[0], True
                break
        after = _AREA_AFTER.match(note.text, end)
        found = starting_at(after.end()) if after is not None else None
        if found is not None and found.place.feature not in ("country", "border"):
            area, stated = found, True
            break
    named = next((p for p in [*areas, *reversed(context)] if p.place.feature in ("district", "region")), None)
    if named is not None:  # a known village of the list that lies elsewhere is a namesake
        siblings = [p for p in siblings if gazetteer.contains(named.place, p.place)]
    if area is None and siblings:
        area = min(siblings, key=lambda p: abs(p.start - base - span[0]))
    if area is None and named is not None:
        area, stated = named, True
    if area is None:
        return None
    where = area.place
    # "Tabayin township": a name with an area word after it names an area, told no closer than a region
    named_area = re.match(r"\s+(?:township|district|county|cercle|department|province|region|commune|"
                          r"municipality|oblast|raion|governorate|state|prefecture|sub-county)\b",
                          note.text[span[1]:]) is not None
    precision = 3 if where.feature == "region" or named_area else 2
    return Place(f"text:{where.key}:{name_key(surface)}", surface, where.country, where.latitude, where.longitude,
                 precision, "district" if named_area else "village", where.admin1, 0, "text",
                 where.key if stated else None)


# A place read from its spelling skeleton must lie this close to a place the same sentence names by its
# own spelling ("Nevelske near Pokrovsk" is no Nevel'sk on Sakhalin).
VARIANT_NEIGHBOUR_KM = 300.0


def _nearest_namesakes(notes: list[SentenceNotes], namesakes: dict[int, tuple[Place, ...]]) -> None:
    """A town name that several towns of one country bear is the one among the report's other towns:
    "Bijapur" beside Sukma and Dantewara is Bijapur in Chhattisgarh, not the bigger Vijayapura, once
    Bijapur, 700 km away in Karnataka. The other towns are those whose names no other town of the
    country bears; the namesake is swapped only when it lies near one of them and the first reading far
    from all."""
    named = [p for note in notes for p in note.places]
    anchors = [p.place for p in named if p.place.feature in POINT_FEATURES and not namesakes.get(id(p))]
    if not anchors:
        return

    def nearest(place: Place) -> float:
        return min((distance_km(place.latitude, place.longitude, a.latitude, a.longitude)
                    for a in anchors if a.key != place.key), default=math.inf)

    chosen: dict[str, Place] = {}  # one reading per name in a report
    for place_note in named:
        others = namesakes.get(id(place_note))
        if not others:
            continue
        if place_note.place.key not in chosen:
            best = min(others, key=nearest)
            if nearest(best) <= NAMESAKE_NEAR_KM and nearest(place_note.place) > NAMESAKE_FAR_KM:
                chosen[place_note.place.key] = best
            else:
                chosen[place_note.place.key] = place_note.place
        place_note.place = chosen[place_note.place.key]


# What joins a place to the town it lies in: "the Alameda in Santiago", "the Old Bridge (Stari Most) in Mostar"
# (not a comma, which also joins the towns of a list: "drones struck Belgorod, Kharkiv and Sumy").
_INSIDE_NEXT = re.compile(r"\s*(?:\([^()]{1,60}\)\s*)?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|"
                          r"old|downtown)\w*\s+)?")
# ... or next to it: "in West Village, near Krugersdorp", "at Kamu, 20 km north of Gulu", "outside Bunia"
_NEAR_NEXT = re.compile(r",?\s+(?:just\s+|close\s+)?(?:near|outside|close to|next to|(?:north|south|east|west)"
                        r"(?:-?(?:east|west))?\s+of|\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?"
                        r"(?:of|from))\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?")


def _drop_outside_container(note: SentenceNotes) -> None:
    """Drop a place the text puts inside the next one, or next to it, when the gazetteer puts it in another
    country: the name is a site the gazetteer lacks that a town abroad shares ("the Alameda in Santiago" is no
    Alameda of California, "the Old Bridge in Mostar" no Old Bridge of New Jersey, "a mine dump in West Village,
    near Krugersdorp" no West Village of Michigan)."""
    keep = []
    for i, here in enumerate(note.places):
        there = note.places[i + 1] if i + 1 < len(note.places) else None
        if there is not None and here.place.feature != "country" and here.place.country != there.place.country \
                and here.end <= there.start and \
                (_INSIDE_NEXT.fullmatch(note.text, here.end - note.char_start, there.start - note.char_start) or
                 (there.place.feature != "country" and  # "Banki, near the Cameroonian border" is Nigeria's
                  _NEAR_NEXT.fullmatch(note.text, here.end - note.char_start, there.start - note.char_start))):
            continue
        keep.append(here)
    note.places = keep


def _drop_far_variants(note: SentenceNotes, variants: set[int]) -> None:
    if not variants:
        return
    exact = [p.place for i, p in enumerate(note.places) if i not in variants and p.place.feature != "country"]
    if not exact:
        return
    note.places = [p for i, p in enumerate(note.places) if i not in variants or any(
        distance_km(p.place.latitude, p.place.longitude, e.latitude, e.longitude) <= VARIANT_NEIGHBOUR_KM
        for e in exact)]


def _with_spelling_variants(text: str, found: list[PlaceMatch], countries: list[str],
                            gazetteer: Gazetteer) -> list[PlaceMatch]:
    """Names after a preposition of place that no spelling in the gazetteer matches, looked up by their
    transliteration skeleton in the report's own countries ("Tal Rifaat" is GeoNames' "Tall Rif`at")."""
    if not countries:
        return found
    added: list[PlaceMatch] = []
    replaced: set[int] = set()
    for name in _NAME_AFTER_PLACE_WORD.finditer(text):
        start, end = name.span(1)
        overlapping = [i for i, m in enumerate(found) if m.start < end and start < m.end]
        if any(found[i].end - found[i].start >= end - start for i in overlapping):
            continue  # the gazetteer knows the whole name (or more) as it is written
        readings = gazetteer.variants(name.group(1), countries)
        if readings:
            # "Tal Rifaat" over a reading of "Tal" alone
            replaced.update(overlapping)
            added.append(PlaceMatch(start, end, name.group(1), readings, located=True, variant=True))
    if not added:
        return found
    return sorted([*(m for i, m in enumerate(found) if i not in replaced), *added], key=lambda m: m.start)


# "Boni (Douentza, Mopti)": ACLED's notes and many local reports give a place's district and region in
# brackets right after it.
STATED_AREAS = re.compile(r"\s*\(([^()]{2,80})\)")
# ... or after a comma, with the word that makes it an area: "near Alibeyli, Tovuz district"
STATED_AREA_AFTER_COMMA = re.compile(r",\s*((?:the\s+)?[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}\s+(?i:district|province|"
                                     r"region|state|county|oblast|governorate|department|prefecture|territory|"
                                     r"township|municipality|raion|rayon)s?)\b")


def _within_stated_areas(text: str, found: list[PlaceMatch], countries: dict[str, float],
                         gazetteer: Gazetteer, regions: list[Place]) -> list[PlaceMatch]:
    """Matches whose readings lie in the country of the areas bracketed after them: a name followed by
    its district and region is never a namesake abroad (Boni in Mali, not Bonn). A name with no reading
    there is dropped, and the bracketed areas stand for it. Of several readings, those inside a region
    the report names are kept."""
    found = _bracketed_aliases(text, found, countries)
    out: list[PlaceMatch] = []
    for match in found:
        if len(match.candidates) > 1 and regions and not match.designated:
            inside = tuple(c for c in match.candidates if c.feature not in ("region", "district", "country")
                           and any(r.country == c.country and gazetteer.contains(r, c) for r in regions))
            if inside:
                match = dataclasses.replace(match, candidates=inside)
        areas = STATED_AREAS.match(text, match.end) or STATED_AREA_AFTER_COMMA.match(text, match.end)
        if areas is None:
            out.append(match)
            continue
        # only whole names state an area: "Tana" of "(Tana River)" is not Antananarivo
        inner = _whole_names(text, [m for m in found if areas.start(1) <= m.start < areas.end(1)], countries)
        bracketed = [gazetteer.resolve(m, countries) for m in inner]
        stated = {p.country for p in bracketed if p is not None}
        if len(stated) != 1:
            out.append(match)
            continue
        country = stated.pop()
        readings = tuple(c for c in match.candidates if c.country == country)
        # "Pervomaisk, Luhansk region": a reading outside the stated district or region is a namesake
        holding = [p for p in bracketed if p is not None and p.feature in ("district", "region")]
        if holding and readings:
            readings = tuple(c for c in readings if any(gazetteer.contains(a, c) for a in holding))
        if readings:
            out.append(dataclasses.replace(match, candidates=readings, designated=True))
    return out


def _bracketed_aliases(text: str, found: list[PlaceMatch], countries: dict[str, float]) -> list[PlaceMatch]:
    """A name with another name of the same place in brackets after it ("Derry (Londonderry)", "Bakhmut
    (Artemivsk)") means that place, and so does the bracketed name: neither is a namesake that bears only
    one of the two names (Derry and Londonderry in New Hampshire)."""
    narrowed: dict[int, tuple[Place, ...]] = {}
    for k, match in enumerate(found):
        bracket = STATED_AREAS.match(text, match.end)
        if bracket is None:
            continue
        inner = [(n, m) for n, m in enumerate(found) if bracket.start(1) <= m.start < bracket.end(1)]
        if len(inner) != 1 or _whole_names(text, [inner[0][1]], countries) != [inner[0][1]]:
            continue
        n, other = inner[0]
        keys = {c.key for c in other.candidates}
        shared = tuple(c for c in match.candidates if c.key in keys)
        if shared:
            narrowed[k] = shared
            narrowed[n] = tuple(c for c in other.candidates if c.key in {p.key for p in shared})
    return [dataclasses.replace(m, candidates=narrowed[k]) if k in narrowed else m for k, m in enumerate(found)]


# Words that may follow a place's name as part of a longer name of the same place ("Lachin District",
# "Sagaing Region", "Tripoli Port").
NAME_TAILS = frozenset({"district", "region", "province", "oblast", "state", "governorate", "county", "township",
                        "valley", "sector", "corridor", "city", "village", "town", "department", "prefecture", "raion",
                        "rayon", "territory", "municipality", "community", "area", "zone", "division", "camp",
                        "airport", "port", "base", "governorate's", "countryside", "front", "axis", "direction",
                        # a district named for its town and a compass point: "Imphal West", "Kasai Central"
                        "north", "south", "east", "west", "central"})
# ... and words after a name that begin no longer name: a day or a month told right after the place, as wire copy
# and translated notes do ("took him from a cafe in Zawiya Sunday", "clashes in Kabul Tuesday").
CALENDAR_WORDS = frozenset([*WEEKDAYS, *(m for m in MONTHS if len(m) > 3 or m == "may")])
NAME_ENDERS = NAME_TAILS | CALENDAR_WORDS


# Words after a name that make it a site inside a town ("Svobody Square", "Riverside Drive").
SITE_WORDS = frozenset({"square", "street", "avenue", "road", "boulevard", "drive", "bridge", "market", "hospital",
                        "mosque", "church", "cathedral", "school", "university", "stadium", "park", "roundabout",
                        "junction", "hotel", "mall", "prison", "cemetery", "highway", "motorway"})


# A town's name before one of these, with up to two of the qualifiers between, names a building of that town:
# "Tari Secondary School", "Kabul Central Prison", "Juba Teaching Hospital" (a street or a cemetery is often named
# after a place elsewhere: "London Road" in Alexandra, "Monaghan Street" in Newry).
TOWN_BUILDINGS = ("school", "college", "hospital", "clinic", "mosque", "church", "cathedral", "university", "stadium",
                  "prison", "jail", "market", "hotel", "mall", "hall", "courthouse")
SITE_QUALIFIERS = ("secondary", "primary", "high", "general", "central", "district", "provincial", "regional",
                   "referral", "teaching", "national", "main", "municipal", "public", "state", "police", "military",
                   "city", "grand")
_SITE_AFTER = re.compile(rf"(?:[ ](?:{'|'.join(w.title() for w in SITE_QUALIFIERS)})){{0,2}}"
                         rf"[ ](?:{'|'.join(w.title() for w in TOWN_BUILDINGS)})\b")


# ... and words before a name that make it a site named after a place ("Plaza de Bolívar", "Rue de Paris")
_SITE_BEFORE = re.compile(r"\b(?:[Pp]laza|[Aa]venida|[Cc]alle|[Pp]arque|[Rr]ue|[Pp]iazza|[Pp]raça)"
                          r"(?:[ ](?:de|del|de la|la|el|du|des|de l'|di|da|do|dos))?[ ]$")


def _whole_names(text: str, found: list[PlaceMatch], countries: dict[str, float]) -> list[PlaceMatch]:
    """A match that is only part of a longer capitalised name ("Riverside" of "Riverside Drive", "Verin" of
    "Verin Shorzha", "Juba" of "Middle Juba", "Jisr" of "Jisr al-Shughur") names some other place: it keeps
    only its readings in the report's own countries, and is dropped without one."""
    out: list[PlaceMatch] = []
    for match in found:
        after = _NEXT_NAME.match(text, match.end)
        if after is not None and after.group(1).lower() in SITE_WORDS and \
                re.match(r"(?:\s+(?:in|of)\s+|,\s*)[A-Z]", text[after.end():]):
            continue  # "Svobody Square in Kherson": a site in the town named next, not a village
        if _SITE_BEFORE.search(text, 0, match.start):
            continue  # "the Plaza de Bolívar", "Avenida Bolívar": a site named after a place
        if _part_of_longer_name(text, match, buildings_end_names=True):
            top = max(countries.values(), default=0.0)
            readings = tuple(c for c in match.candidates
                             if top and countries.get(c.country, 0.0) >= LEADING_CONTEXT_SHARE * top)
            if not readings:
                continue
            match = dataclasses.replace(match, candidates=readings)
        out.append(match)
    return out


# the capitalised word after a name, with a particle between ("Plaza de Bolívar", "Jisr al-Shughur")
_NEXT_NAME = re.compile(r"(?:[ ](?:de|del|de la|la|el|al|du|des|di|da|do|dos))?[ ]"
                        r"((?:(?:al|el|ash|as|ad|ar|at|az|an|ed|es|ez|en)-)?[A-Z][\w'’-]+)")


def _part_of_longer_name(text: str, match: PlaceMatch, sites_end_names: bool = False,
                         buildings_end_names: bool = False) -> bool:
    """Whether the match is only part of a longer capitalised name (see _whole_names). With
    `sites_end_names`, a site word after it ends no longer name: "Mogadishu Stadium" is in Mogadishu (but
    "Dhaka Medical College Hospital" is no hospital of a town called College). With `buildings_end_names`, a
    building of the town does ("Tari Secondary School"; see _SITE_AFTER), a street does not ("London Road")."""
    # "Plaza de Bolívar" is longer than "Plaza"; "Yerevan's Republic Square" is Yerevan's
    after = _NEXT_NAME.match(text, match.end)
    if _ends_in_a_common_word(match.surface):
        after = None  # "the Feni district Awami League office": a name ending in "district" goes on no further
    if re.match(r"['’]s?\b", text[match.end:]) or re.search(r"['’]s?$", match.surface) or \
            (sites_end_names and after is not None and after.group(1).lower() in SITE_WORDS) or \
            (buildings_end_names and _SITE_AFTER.match(text, match.end)):
        after = None
    before = re.search(r"(?:^|[^.!?:;,(\n]\s)([A-Z][\w'’-]+)[ ](?:(?:del|de|la|el|al|du|des|di|da) )?$",
                       text[:match.start])
    return (after is not None and after.group(1).lower() not in NAME_ENDERS) or \
        (before is not None and before.group(1).lower() not in DIRECTIONS | STOP_WORDS
         and not before.group(1).isupper())


def _name_the_enemy(note: SentenceNotes, main_sides: tuple[str, ...], gazetteer: Gazetteer,
                    knowledge: ActorKnowledge | None, doc: Doc) -> None:
    """A party's bulletin names the other side "the enemy" and its own "our positions". The enemy is the
    state a group's dictionary entry names as its enemy (Hezbollah's Israel, not the Lebanon it is in), else
    the report's other party; where the report names no other, the one state with which the speaker's has
    a contested border. "Our" forces are the speaker's, or, in a bulletin that names only the attacker,
    the attacker's contested neighbour. Left unnamed when neither says."""
    if knowledge is None:
        return
    ours = [a for a in note.actors if a.kind == "military" and a.side is None and a.start > 0
            and doc[a.start - 1].lower_ == "our"]
    if not ours and not any(a.kind == "enemy" for a in note.actors):
        return
    speaker = next((s.side for s in note.speakers if s.side), None)
    named = [a.side for a in note.actors if a.side and a.side != "CIV" and a.kind in ("military", "government",
                                                                                    "country", "adjective")]

    def only_rival(side: str | None) -> str | None:
        rivals = gazetteer.rivals(side) if side else ()
        return rivals[0] if len(rivals) == 1 else None

    own = speaker or (only_rival(named[0]) if ours and named else None) or \
        next((p.place.country for p in note.places if not p.in_speaker), None) or \
        (named[0] if named else None) or (main_sides[0] if main_sides else None)
    if own is None:
        return
    other = knowledge.enemy_by_side.get(own)
    if other is None:
        # ... and a group of the speaker's own country is not the state's enemy ("the hostile artillery bombarded
        # Aitaroun", told in Lebanon, is not Hezbollah's)
        at_home = knowledge.group_sides_by_country.get(own, frozenset())
        other = next((s for s in main_sides if s != own and s != "CIV" and s not in at_home), None) or \
            only_rival(own)

    def state(side: str | None, mention: ActorMention) -> ActorMention:
        country = knowledge.country_by_iso3.get(side) if side else None
        if country is None or side is None:
            return mention
        return ActorMention(mention.start, mention.end, "military", side, Actor(country.military, 1, side),
                            mention.text)

    note.actors = [state(other, a) if a.kind == "enemy" else state(own, a) if a in ours else a
                   for a in note.actors]


def _inside_longer_place(actor: ActorMention, places: list[PlaceNote], doc: Doc) -> bool:
    """"Praia" of "Mocímboa da Praia": a capital or country named inside a longer place's name speaks for
    no government."""
    if actor.kind not in ("metonym", "country"):
        return False
    start, end = doc[actor.start].idx, doc[actor.end - 1].idx + len(doc[actor.end - 1])
    return any(p.start <= start and end <= p.end and p.end - p.start > end - start for p in places)


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
            if word.dep_ == "appos" and word.head.lemma_.lower() in ("capital", "city", "town"):
                return False  # "clashed in the capital, Khartoum"
            if word.dep_ == "poss" and (word.head.pos_ == "PROPN" or word.head.lemma_.lower() in PART_NOUNS
                                        | POSSESSED_PLACES):
                return False  # "Yerevan's Republic Square", "Gaza's Jabalia camp", "Kharkiv's outskirts"
            return not (word.dep_ == "pobj" and word.head.lower_ in LOCATIVE_PREPOSITIONS)
        word = phrase_head(doc[token])
        return not (word.dep_ == "pobj" and word.head.lower_ in LOCATIVE_PREPOSITIONS and word.head.i >= actor.start)
    return False


def _ends_in_a_common_word(name: str) -> bool:
    """Whether a place's name as written ends in a lower-case word ("Feni district", "Bong county"): it goes on into
    no longer capitalised name."""
    return not name.split()[-1][:1].isupper()


def _in_group_name(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands inside a capitalised run of words (up to four on each
    side, joined by particles such as "de la") that holds a GROUP_NAME_HEADS word. A name that ends in a
    lower-case word stands in no such run: "the Feni district Awami League office" is in Feni."""
    if _ends_in_a_common_word(text[start:end]):
        return False
    after = text[end:].split()[:5]
    before = text[:start].split()[-5:][::-1]
    for words in (after, before):
        for word in words:
            bare = word.strip(",.;:()\"'“”")
            if bare.lower() in GROUP_NAME_HEADS and bare[:1].isupper():
                return True
            if bare != word or not (_NAME_WORD.fullmatch(bare) or bare in _NAME_PARTICLES):
                break  # punctuation or a lower-case word ends the name
    return False


def _inside_longer_person(name: Span, gazetteer: Gazetteer, entities: Entities) -> bool:
    """"Aung San" of "State Counsellor Aung San Suu Kyi", "Ivanov" of "Deputy Defence Minister Timur
    Ivanov", "Abu" of "Abu Bakr": a place name inside a longer person's name. A capitalised word right
    after a title is no place in the gazetteer already ("President Aliyev"); here a run of proper nouns
    is a person's when a title or role stands before the place in it or just before it ("deputy leader
    Naim Qassem"), and otherwise when the entity recogniser reads a person there. It is asked only for
    such runs: a person entity that is exactly the place name is not trusted (the model tags Lachin as
    a person), and a headline's capitals make no name ("Army Chief Visits Donetsk Front")."""
    doc = name.doc
    first = name.start
    while first > 0 and (_proper(doc[first - 1]) or doc[first - 1].lower_ in _PERSON_PARTICLES):
        first -= 1
    last = name.end
    while last < len(doc) and _proper(doc[last]):
        last += 1
    if not any(_proper(t) for t in [*doc[first:name.start], *doc[name.end:last]]) or _title_case(name.sent):
        return False  # no other name beside it ("al-Bab" is a town's whole name)
    if any(gazetteer.is_person_title(t.text) or t.lower_ in PERSON_ROLES for t in doc[max(0, first - 1):name.start]):
        return True
    return any(start <= name.start and name.end <= end and end - start > len(name) and label == "PERSON"
               for start, end, label in entities.starting_in(name.sent.start, name.start + 1))


def _proper(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _title_case(sentence: Span) -> bool:
    """A headline written with capitals on its words: no word of four letters or more in lower case."""
    return not any(t.is_alpha and len(t) > 3 and t.text.islower() for t in sentence)


def _names_a_document(doc: Doc, token: int) -> bool:
    """"the Bishkek Protocol", "the Minsk agreements": a place in an agreement's name is not where an
    event happened."""
    word = doc[token]
    while word.dep_ == "compound" and word.head.i != word.i:
        word = word.head
    # ... "the Chapultepec Peace Accords": a name's plural the lemmatiser leaves as it is
    return word.i != token and (word.lemma_.lower() in AGREEMENT_NAMES or
                                word.lower_.removesuffix("s") in AGREEMENT_NAMES)


# A name in quotes that a common noun follows: "the 'Santa Catalina' transport company".
_QUOTED_THING = re.compile(r"['‘’\"“”]\s+[a-z]")


# ... or that the word "operation" comes before: "in the operation 'Fortaleza 14', executed in Machala".
_OPERATION_BEFORE = re.compile(r"\boperation\s*$", re.I)


def _quoted_name_of_a_thing(text: str, start: int, end: int) -> bool:
    """"at the depot of the 'Santa Catalina' transport company", "the operation 'Fortaleza 14'": a place's name in
    quotes before a common noun, or after "operation", names a company, a ship or an operation, not where anything
    happened."""
    return start > 0 and text[start - 1] in "'‘’\"“”" and (
        bool(_QUOTED_THING.match(text, end)) or bool(_OPERATION_BEFORE.search(text, 0, start - 1)))


def _names_a_document_at(doc: Doc, start_char: int, end_char: int) -> bool:
    """_names_a_document for the name at those characters of the text."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return span is not None and _names_a_document(doc, span.start)


def _only_a_venue_or_a_broker(span: Span, kind: str) -> bool:
    """"signed a peace agreement in Addis Ababa": a capital after "in" is where, not a government that signed;
    "swapped 15 detainees under Russian and Turkish supervision": the supervisors are no party to the swap."""
    word = phrase_head(span.root)
    if kind == "metonym" and word.dep_ == "pobj" and word.head.lower_ in ("in", "at"):
        return True
    head = word
    while head.dep_ in ("amod", "compound", "conj", "cc") and head.head.i != head.i:
        head = head.head
    return head.lemma_.lower() in BROKERING and head.dep_ == "pobj" and head.head.lower_ in ("under", "with")


# The words before "America" that make it a continent or a part of one, no state
CONTINENT_PARTS = frozenset({"latin", "south", "central", "north"})


def _part_of_a_continent(span: Span) -> bool:
    """"one of Latin America's most stable countries", "Central America's largest gangs": no word of the United
    States."""
    return span[0].lower_ == "america" and span.start > 0 and span.doc[span.start - 1].lower_ in CONTINENT_PARTS


def _of_no_state(mention: ActorMention) -> ActorMention:
    """A generic actor a part of a continent qualifies ("Central America's largest gangs"): of no country yet."""
    return dataclasses.replace(mention, side=None, actor=None)


def _names_a_people(span: Span) -> bool:
    """A name before a word for a group's members or bodies ("Kuki militants", "Goula and Kara fighters",
    "Meitei village volunteers"): a people's name, unless it is a place of the report's own countries."""
    word = span.root
    while word.dep_ == "conj":  # "Goula and Kara fighters"
        word = word.head
    if word.dep_ not in ("compound", "amod"):
        return False
    owner = word.head
    while owner.dep_ == "compound" and owner.head.i != owner.i:  # "Kuki village volunteers"
        owner = owner.head
    return owner.lemma_.lower() in GROUP_MEMBERS


def _names_a_clock(text: str, end: int) -> bool:
    """"07:00 Moscow time" names a time zone, not a place."""
    return text[end:end + 6].lower().startswith((" time", "-time"))


# What a third party does for a deal it is no party to: "under Russian and Turkish supervision".
BROKERING = frozenset({"supervision", "mediation", "auspices", "guarantee", "sponsorship", "facilitation",
                       "brokerage", "oversight"})
# Words for a group's members or bodies that a people's name stands before ("Kuki militants").
GROUP_MEMBERS = frozenset({"militant", "fighter", "rebel", "insurgent", "militia", "militiaman", "volunteer",
                           "gunman", "man", "woman", "youth", "group", "community", "organisation", "organization",
                           "leader", "family", "tribe", "clan", "people", "villager", "resident", "herder",
                           "underground", "outfit", "cadre"})
# Towns and villages, whose namesakes proximity may tell apart (not districts, regions or countries).
POINT_FEATURES = frozenset({"city", "village", "height"})
# A namesake of a town within this distance of another town of the report wins over a first reading
# that lies farther than NAMESAKE_FAR_KM from all of them.
NAMESAKE_NEAR_KM = 150.0
NAMESAKE_FAR_KM = 400.0
# A village's name says little of a report's country: many are shared with villages far away ("Kone"
# in "Let Yet Kone" is Koné in New Caledonia). Only towns of this size, and curated places, vote.
VOTING_TOWN_POPULATION = 10_000
# ... and a town this big votes even for a country far from the report's parties (a capital abroad)
FAR_VOTING_TOWN_POPULATION = 100_000
# A name several places bear votes for its biggest reading when that one is a town of
# FAR_VOTING_TOWN_POPULATION and this many times as big as the next (Dhaka, not Dhāka in India; Tripoli
# of Libya is five times Tripoli of Lebanon and votes for neither)
DOMINANT_READING_FACTOR = 20
# The weight of the country most of a report's place names can be in, when nothing else votes: a vote
# of the least kind (below a second-paragraph town's)
SHARED_COUNTRY_WEIGHT = 0.5


# Words for an administrative unit or a kind of settlement that only a few countries use, as their own
# administrations and press write them in English: a weak vote for those countries, so that "the colonia
# Bellavista" is not Bellavista in Peru, nor "Ruma upazila" the Serbian Ruma. A word's vote is shared among its
# countries; words that many countries use (district, county, commune, governorate, township) are left out.
# Source: our reading of each country's administrative divisions (facts, checked against GeoNames' admin names).
ADMINISTRATIVE_WORDS: dict[str, tuple[str, ...]] = {
    "upazila": ("BGD",), "upazilla": ("BGD",), "union parishad": ("BGD",),
    "village development committee": ("NPL",), "vdc": ("NPL",), "gaunpalika": ("NPL",),
    "tehsil": ("IND", "PAK"), "tahsil": ("IND", "PAK"), "taluka": ("IND", "PAK"), "taluk": ("IND",),
    "mandal": ("IND",), "panchayat": ("IND", "NPL"),
    "barangay": ("PHL",), "sitio": ("PHL",), "purok": ("PHL",),
    "kebele": ("ETH",), "woreda": ("ETH",),
    "hromada": ("UKR",), "oblast": ("UKR", "RUS", "KAZ", "KGZ", "BLR"), "krai": ("RUS",), "okrug": ("RUS",),
    "stanitsa": ("RUS",), "jamoat": ("TJK",), "mahalla": ("UZB", "TJK"), "aiyl": ("KGZ",), "oblys": ("KAZ",),
    "wilaya": ("DZA", "MRT", "MAR", "TUN"), "daira": ("DZA",), "daïra": ("DZA",),
    "local government area": ("NGA",), "lga": ("NGA",),
    "colonia": ("MEX", "HND", "GTM", "SLV"), "ejido": ("MEX",),
    "favela": ("BRA",), "complexo": ("BRA",), "morro": ("BRA",),
    "vereda": ("COL",), "corregimiento": ("COL", "PAN"), "parroquia": ("VEN", "ECU"),
    "asentamiento humano": ("PER",), "centro poblado": ("PER",), "pueblo joven": ("PER",),
    "payam": ("SSD",), "cercle": ("MLI",),
    "groupement": ("COD",), "chefferie": ("COD",), "territoire": ("COD",),
    "amphoe": ("THA",), "tambon": ("THA",), "changwat": ("THA",),
    "kabupaten": ("IDN",), "kecamatan": ("IDN",), "regency": ("IDN",), "distrik": ("IDN",),
    "shahrestan": ("IRN",), "dehestan": ("IRN",), "bakhsh": ("IRN",),
    "aimag": ("MNG",), "moshav": ("ISR",), "kibbutz": ("ISR",), "sub-county": ("UGA", "KEN"),
    "chiefdom": ("SLE", "SWZ"), "ilçe": ("TUR",),
}
_ADMINISTRATIVE_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in ADMINISTRATIVE_WORDS),
                                                          key=len, reverse=True)) + r")s?\b", re.I)
# The whole vote of one such word (less than a town's of the lead: a cue, not a place).
ADMINISTRATIVE_WEIGHT = 1.0


def _administrative_words(text: str) -> dict[str, float]:
    """The countries the report's administrative words point to, each distinct word once ("VDC" is matched only
    in capitals, "Morro" and "Complexo" only with a capital, as names' heads, and "regency" only in lower case:
    "Nduga regency", not a "Hyatt Regency" hotel)."""
    votes: dict[str, float] = defaultdict(float)
    seen: set[str] = set()
    for found in _ADMINISTRATIVE_RE.finditer(text):
        word = found.group(1)
        key = word.lower()
        if key in seen or (key in ("vdc", "lga") and not word.isupper()) or \
                (key in ("morro", "complexo") and not word[:1].isupper()) or (key == "regency" and word != key):
            continue
        seen.add(key)
        countries = ADMINISTRATIVE_WORDS[key]
        for country in countries:
            votes[country] += ADMINISTRATIVE_WEIGHT / len(countries)
    return dict(votes)
# The share of a state's weight its one contested neighbour gets (borders.json): enough to read a small
# village there ("fired on our positions near Gizilhajili", in a bulletin that names only Armenia),
# too little to lead the reading of a name both countries have.
RIVAL_WEIGHT = 0.2
# Words of front-line reporting, where a state's bulletin names villages across a contested border.
FRONT_CUES = re.compile(r"\b(?:positions?|border|frontier|line of (?:contact|control)|front ?line|ceasefire|"
                        r"cease-fire|shelled|shelling|fired)\b", re.I)


def _homonyms_in_context(notes: list[SentenceNotes], mentions: list[ActorMention], matches: list[list[PlaceMatch]],
                         knowledge: ActorKnowledge, gazetteer: Gazetteer) -> list[ActorMention]:
    """A short form several groups bear ("UPDF", "SNA") read as the one whose country the report's other
    parties and places lie in, when the first reading's country is not among them: the UPDF of a report on
    the Chittagong Hill Tracts is Bangladesh's United People's Democratic Front, not Uganda's army. Where
    the context names no country, the countries its place names may lie in stand for it; where it names
    neither reading's country, or both, the first reading stays."""
    if not any(m.homonyms for m in mentions):
        return mentions
    found = {c for c, weight in _context_countries(notes, [m for m in mentions if not m.homonyms], matches,
                                                   knowledge, gazetteer).items() if weight > 0}
    # where the context names no country, the countries the report's place names may lie in: "a patrol of the UPC
    # El Recreo ..., canton Durán" (Durán of Ecuador, or of the Philippines or France) is no report on the
    # Central African Republic
    readable = found or {c.country for found_here in matches for m in found_here for c in m.candidates}
    out = []
    for m in mentions:
        group = knowledge.group_by_name.get(m.actor.name) if m.homonyms and m.actor is not None else None
        if group is not None and group.country not in readable:
            other = next((g for name in m.homonyms if (g := knowledge.group_by_name.get(name)) is not None
                          and g.country in readable), None)
            m = group_mention(other, m.start, m.end, m.text) if other is not None else m
        out.append(m)
    return out


def _local_names_abroad(notes: list[SentenceNotes], mentions: list[ActorMention], matches: list[list[PlaceMatch]],
                        knowledge: ActorKnowledge, gazetteer: Gazetteer, countries: dict[str, float]
                        ) -> dict[str, float]:
    """A group named by a word that names it only at home ("Maoists"), in a report whose places and
    parties are all in another country, is an unidentified armed group of that country: Nepal's Maoists
    are no Indian party. Changes the sentences' actors in place; returns the report's countries."""
    homes: set[str | None] = set()
    for m in mentions:
        group = knowledge.group_by_name.get(m.actor.name) if m.local and m.actor is not None else None
        if group is not None:
            homes.add(group.country)
    if not homes:
        return countries
    others = _context_countries(notes, [m for m in mentions if not m.local], matches, knowledge, gazetteer)
    found = {c for c, weight in others.items() if weight > 0}
    if not found or found & homes:
        return countries
    for note in notes:
        note.actors = [ActorMention(m.start, m.end, "unidentified", None, None, m.text) if m.local else m
                       for m in note.actors]
    return others


def _context_countries(notes: list[SentenceNotes], mentions: list[ActorMention],
                       matches: list[list[PlaceMatch]], knowledge: ActorKnowledge | None = None,
                       gazetteer: Gazetteer | None = None, cues: Mapping[str, float] | None = None
                       ) -> dict[str, float]:
    """Countries the report is about: its actors, places whose name has a single reading, and `cues` (the
    countries of its administrative words); a report with none of them, the country most of its names share.

    A town's vote does not count for a country far from the parties a report names, when it names two
    or more: "the border village of Kiunga" in a report on al-Shabaab and Kenyan troops is no vote for
    Papua New Guinea, where GeoNames' only Kiunga lies (the town then falls back to the report's own
    countries). A report that names one foreign force ("French troops in Menaka") keeps the votes."""
    weights: dict[str, float] = defaultdict(float)
    lead_end = next((n.token_end for n in notes if n.paragraph > 1), notes[-1].token_end if notes else 0)
    for m in mentions:
        side = m.side
        if side and knowledge is not None and m.kind == "group":
            side = output_side(side, knowledge)  # an armed group stands for the country it fights in
        if side and len(side) == 3 and side != "CIV" and side.isupper():
            weights[side] += LEAD_WEIGHT if m.start < lead_end else 1.0
    parties = set(weights)

    def far(country: str) -> bool:
        return gazetteer is not None and len(parties) >= 2 and country not in parties and \
            not gazetteer.next_to(country, parties)

    for note, found in zip(notes, matches, strict=True):
        weight = LEAD_WEIGHT if note.paragraph <= 1 else 1.0
        for match in found:
            countries = {c.country for c in match.candidates if c.country}
            if match.area_unmet:
                continue  # "the Gedo region" is no vote for the town of Gēdo's country
            if all(c.source == "geonames" for c in match.candidates) and \
                    _part_of_longer_name(note.text, match, sites_end_names=True):  # "Mogadishu Stadium" votes
                continue  # "Jisr" of "Jisr al-Shughur" is no vote for the Israeli town of Jisr ez Zarqa
            if len(countries) != 1:
                # a name whose biggest reading dwarfs the others votes for it: "DHAKA, Oct 30 -" is
                # Bangladesh's capital, not the Indian town of Dhāka
                biggest = max(match.candidates, key=lambda c: c.population)
                second = max((c.population for c in match.candidates if c is not biggest), default=0)
                if biggest.population < FAR_VOTING_TOWN_POPULATION or \
                        biggest.population < DOMINANT_READING_FACTOR * max(second, 1) or \
                        name_key(biggest.name) != name_key(match.surface) or \
                        any(c.source != "geonames" for c in match.candidates) or \
                        _part_of_longer_name(note.text, match):
                    continue
                countries = {biggest.country}
            country = countries.pop()
            if country not in parties and gazetteer is not None and \
                    not (parties and gazetteer.next_to(country, parties)) and not match.designated and \
                    all(c.source == "geonames" and name_key(c.name) != name_key(match.surface)
                        for c in match.candidates):
                continue  # "Chai", one of the Turkish Çey's other names, in a report on Mozambique
            if any(c.source != "geonames" for c in match.candidates) or any(
                    c.population >= FAR_VOTING_TOWN_POPULATION for c in match.candidates) or (
                    any(c.population >= VOTING_TOWN_POPULATION for c in match.candidates) and not far(country)):
                weights[country] += weight
    for country, weight in (cues or {}).items():
        weights[country] += weight
    if not weights and gazetteer is not None:
        weights.update(_shared_country(notes, matches, gazetteer))
    return dict(weights)


def _shared_country(notes: list[SentenceNotes], matches: list[list[PlaceMatch]], gazetteer: Gazetteer
                    ) -> dict[str, float]:
    """A report that names no party and no place big enough to vote: the one country where more of its
    place names can lie than anywhere else ("near Buin ... BUKA": the small towns of Bougainville, both in
    Papua New Guinea, not Buin in Chile and Bo'ka in Uzbekistan). A name can lie where a town has it as
    its own name and where its reading with no context lies (Basra is Iraq's Al Basrah, and a Pakistani
    Basra's own name). Each name counts once, and a tie says nothing."""
    tally: dict[str, float] = defaultdict(float)
    seen: set[str] = set()
    for note, found in zip(notes, matches, strict=True):
        for match in found:
            said = name_key(match.surface)
            if match.area_unmet or said in seen or _part_of_longer_name(note.text, match, buildings_end_names=True):
                continue
            seen.add(said)
            own = [c for c in match.candidates if c.country and c.feature != "country" and
                   (c.source != "geonames" or name_key(c.name) == said)]
            own_countries = {c.country for c in own}
            for country in own_countries:
                tally[country] += 1.0
            alone = gazetteer.resolve(match, {})
            if alone is not None and alone.country and alone.feature != "country" and \
                    alone.country not in own_countries:
                # the reading by another of its names counts in full where it is a far bigger town than
                # those of the name itself (Al Basrah), by half where it is the only reading (Hela is Hel's)
                bigger = bool(own) and alone.population >= SPELLING_POPULATION_FACTOR * max(
                    max(c.population for c in own), 1)
                tally[alone.country] += 1.0 if bigger else 0.5
    ranked = sorted(tally.items(), key=lambda item: -item[1])[:2]
    if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return {}
    return {ranked[0][0]: SHARED_COUNTRY_WEIGHT}


def _filed_in(notes: list[SentenceNotes], matches: list[list[PlaceMatch]], filed_at: list[tuple[int, int]]
              ) -> dict[str, str]:
    """The towns of datelines that name their country ("SAN LORENZO, Ecuador, March 10 -"), by name key, with
    that country: the town and every later mention of its name are in it, not a namesake across the border."""
    found: dict[str, str] = {}
    for note, note_matches in zip(notes, matches, strict=True):
        for a, b in filed_at:
            inside = [m for m in note_matches if a <= note.char_start + m.start < b]
            country = next((c.country for m in inside for c in m.candidates
                            if c.feature == "country" and len(m.candidates) == 1), None)
            if country is None:
                continue
            for m in inside:
                if not any(c.feature == "country" for c in m.candidates):
                    found[name_key(m.surface)] = country
    return found


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

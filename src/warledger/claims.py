"""Attributions: who asserts what a sentence reports, and which outlet relayed it.

"Azerbaijan's defense ministry said", "according to the ministry", "the authorities in Yerevan
reported", "writes AFP": the speaker becomes the claimant (a party with a side code where the
text allows), the news agency becomes the outlet. Speakers referred to again ("the ministry",
"the country's Ministry of Defense") are resolved to the last such speaker or country named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from warledger import civilians
from warledger.actors import ActorMention, group_for_side
from warledger.detect import FALSE_REPORT
from warledger.knowledge_actors import ActorKnowledge, normalize_phrase
from warledger.records import Claim, Document, Mention, Span
from warledger.segment import Entities

if TYPE_CHECKING:
    from warledger.annotate import SentenceNotes

SPEECH_VERBS = frozenset({
    "say", "report", "announce", "claim", "state", "inform", "tell", "note", "add", "accuse", "write",
    "quote", "confirm", "deny", "allege", "insist", "declare", "specify", "stress", "publish", "assert",
    "blame", "reveal", "cite", "post", "show",
})
# Verbs that always report what someone said; the other speech verbs ("declare", "show") need a
# reported clause, since "declared independence" is an act, not a statement about one.
REPORTING_VERBS = frozenset({
    "say", "report", "announce", "claim", "state", "inform", "tell", "write", "quote", "confirm", "accuse",
    "blame", "allege", "deny", "note", "add", "stress", "specify",
})
# Speakers who tell from an office what happened elsewhere: the town they are in is not the event's.
INFORMANTS = frozenset({
    "source", "official", "spokesman", "spokeswoman", "spokesperson", "correspondent", "reporter",
    "journalist", "diplomat", "analyst",
})
# "Both sides said" speaks for the two main belligerents of the report.
BOTH_WORDS = frozenset({"both", "each"})
BOTH_NOUNS = frozenset({"camp", "camps", "side", "sides", "party", "parties", "countries"})


@dataclass(slots=True, frozen=True)
class Attribution:
    """A speaker in one sentence: a party (with side) or an outlet."""

    claimant: str
    side: str | None
    outlet: str | None
    token_start: int
    token_end: int


@dataclass(slots=True)
class SpeakerMemory:
    """What "the ministry" or "the country" refers to: the last ones named in this document."""

    last_country: str | None = None
    last_claimant: Attribution | None = None
    main_sides: tuple[str, ...] = ()


def find_attributions(doc: Doc, entities: Entities, sent_start: int, sent_end: int, mentions: list[ActorMention],
                      knowledge: ActorKnowledge, memory: SpeakerMemory, phrases: Sequence[tuple[int, int]],
                      places: Sequence[tuple[int, int]] = ()) -> list[Attribution]:
    """Speakers of the sentence spanning tokens [sent_start, sent_end), whose speaker phrases are `phrases`
    (see speaker_phrases); `entities`: the document's (a speaker no party or body stands for is taken by the
    person the recogniser finds); `places`: the character spans of the sentence's place names, which name
    no person."""
    found: list[Attribution] = []
    for phrase in phrases:
        found.extend(_resolve_phrase(doc, entities, phrase, mentions, knowledge, memory, places))
    for m in mentions:
        if sent_start <= m.start < sent_end and m.side:
            memory.last_country = m.side if len(m.side) == 3 and m.side != "CIV" else memory.last_country
    return found


def speaker_phrases(doc: Doc, sent_start: int, sent_end: int, mentions: list[ActorMention]) -> list[tuple[int, int]]:
    """The token ranges of the sentence's speakers ("the ministry said", "according to residents")."""
    found = []
    for token in doc[sent_start:sent_end]:
        phrase: tuple[int, int] | None = None
        if token.lemma_ == "accord" and token.i + 1 < sent_end and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                phrase = _subtree_range(objects[0])
        elif token.lemma_ in SPEECH_VERBS and token.pos_ in ("VERB", "AUX") and _reports_speech(token, mentions):
            phrase = _speaker_phrase(token)
        if phrase is not None:
            found.append(phrase)
    return found


def informs_from_afar(doc: Doc, phrase: tuple[int, int]) -> bool:
    """Whether a speaker phrase names an informant who speaks from an office, not from the scene: "a
    military source in Sabha", "officials in Kano" (residents and witnesses of a town are where it
    happened)."""
    start, end = phrase
    heads = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    return any(t.lemma_.lower() in INFORMANTS for t in heads)


def _reports_speech(verb: Token, mentions: list[ActorMention]) -> bool:
    """A speech verb that reports what someone said: it has a clause ("said that ...", "..., the
    ministry said"), reports an accusation, or has a news outlet or "this"/"it" as its subject
    ("RIA Novosti reports", "This was reported in the ministry")."""
    if any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or verb.dep_ in ("parataxis",):
        return True
    if verb.lemma_ in REPORTING_VERBS:
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s.lower_ in ("this", "it") for s in subjects):
        return True
    return any(m.kind == "outlet" and s.left_edge.i <= m.start <= s.right_edge.i
               for s in subjects for m in mentions)


def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _speaker_phrase(verb: Token) -> tuple[int, int] | None:
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)
    if not has_subject and verb.lemma_ in ("write", "report", "quote", "say"):
        # "..., writes AFP": the parser takes the inverted subject for an object
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ == "PROPN":
                return _subtree_range(child)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in ("it", "this", "that", "which", "he", "she"):
            return _subtree_range(child)
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _subtree_range(objects[0])
    for child in verb.children:
        # "This was reported in the country's Ministry of Defense", "stated in the statement of X"
        if child.dep_ == "prep" and child.lower_ in ("in", "by", "from", "on"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _subtree_range(objects[0])
    return None


def _resolve_phrase(doc: Doc, entities: Entities, phrase: tuple[int, int], mentions: list[ActorMention],
                    knowledge: ActorKnowledge, memory: SpeakerMemory,
                    places: Sequence[tuple[int, int]] = ()) -> list[Attribution]:
    start, end = phrase
    inside = [m for m in mentions if start <= m.start < end]
    words = {t.lower_ for t in doc[start:end]}
    out: list[Attribution] = []
    outlet = next((m for m in inside if m.kind == "outlet"), None)
    if outlet is not None:
        entry = knowledge.find_outlet(outlet.text)
        name = entry.name if entry else outlet.text
        out.append(Attribution(name, entry.country if entry and entry.state_media else None, name, start, end))
    if words & BOTH_WORDS and words & BOTH_NOUNS and memory.main_sides:
        for side in memory.main_sides:
            out.append(Attribution(_government_name(side, knowledge), side, None, start, end))
        return out
    role = next((m for m in inside if m.kind == "claimant"), None)
    countries = [m.side for m in inside if m.side and m.kind != "outlet" and m.side != "CIV"]
    if role is not None:
        iso3 = countries[0] if countries else None
        if iso3 is None and words & {"country", "country's", "its"}:
            iso3 = memory.last_country
        if iso3 is None and memory.last_claimant is not None and memory.last_claimant.side:
            iso3 = memory.last_claimant.side
        label = _claimant_label(doc[start:end].text, iso3, knowledge) if iso3 else None
        if label is None and iso3 is None:
            # "the Gaza health ministry": a body of no state we know; it speaks under its own name
            label = " ".join(t.text for t in doc[start:end] if t.dep_ != "det").strip(" ,")
        if label:
            attribution = Attribution(label, iso3, None, start, end)
            memory.last_claimant = attribution
            out.append(attribution)
        return out
    # "a Zimbabwean shopkeeper", "Somali traders": a civilian, who speaks for no side
    inside = [m for m in inside if not (m.kind in ("adjective", "people", "country") and
                                        doc[m.end - 1].dep_ in ("amod", "compound") and
                                        doc[m.end - 1].head.lemma_.lower() in civilians.PEOPLE)]
    party = next((m for m in inside if m.kind in ("government", "military", "country", "people", "group", "metonym")
                  and m.side), None)
    if party is None:
        adjective = next((m for m in inside if m.kind == "adjective" and m.side), None)
        if adjective is not None:
            # "the Palestinian prisoners' society": the body itself speaks, from its side
            label = " ".join(t.text for t in doc[start:end] if t.dep_ not in ("det",)).strip(" ,")
            attribution = Attribution(label, adjective.side, None, start, end)
            out.append(attribution)
            return out
    if party is not None and party.side:
        label = party.actor.name if party.actor and party.kind == "group" else _government_name(party.side, knowledge)
        if party.kind == "military" and party.actor:
            label = party.actor.name
        attribution = Attribution(label, party.side, None, start, end)
        memory.last_claimant = attribution
        out.append(attribution)
        return out
    if out:
        return out
    # a person's name is a proper noun that names no party and no place ("he said", "officials told",
    # "Armenian sources reported", "a security official in Wana said" need no recogniser)
    named = any(t.pos_ == "PROPN" and not any(m.start <= t.i < m.end for m in inside)
                and not any(p_start <= t.idx < p_end for p_start, p_end in places) for t in doc[start:end])
    person = next(((first, last) for first, last, label in entities.starting_in(start, end) if label == "PERSON"),
                  None) if named else None
    if person is not None:
        out.append(Attribution(doc[person[0]:person[1]].text, None, None, start, end))
    elif words & {"ministry", "department", "military"} and memory.last_claimant is not None:
        out.append(memory.last_claimant)
    return out


def _government_name(iso3: str, knowledge: ActorKnowledge) -> str:
    country = knowledge.country_by_iso3.get(iso3)
    if country is not None:
        return country.government
    group = group_for_side(iso3, knowledge)
    return group.name if group else iso3


def _claimant_label(phrase: str, iso3: str, knowledge: ActorKnowledge) -> str | None:
    """The label of the longest claimant phrase inside a speaker phrase ("Azerbaijan's defense ministry")."""
    text = " " + normalize_phrase(phrase) + " "
    keys = [k for k in knowledge.claimant_words if f" {k} " in text]
    if not keys:
        return None
    return knowledge.claimant_label(max(keys, key=len), iso3)


# A sentence that says an event did not happen: "denied that its forces opened fire", "rejected the
# claims", or a report called untrue (detect.FALSE_REPORT: "does not correspond to reality"). The detector
# finds no event in such a sentence; its speaker's denial is kept as a claim of the event it denies.
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing))\b|"
    r"\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?)\s+(?:the |these |those |such |as )?(?:\w+ )?"
    r"(?:claims?|reports?|allegations?|accusations?|information|false|fake|lies|untrue)\b", re.I)


def attach_denials(document: Document, sentences: Sequence[SentenceNotes], mentions: list[Mention],
                   to_original: Callable[..., int]) -> list[Mention]:
    """Give each denial by a party (a sentence that says an event did not happen, with a speaker of known
    side and no event of its own) to the event it denies: the nearest mention of the report, earlier
    first, whose sides include the speaker's. Its claim has `denies` set."""
    told = {m.sentence for m in mentions}
    for note in sentences:
        if note.index in told or not (DENIAL.search(note.text) or FALSE_REPORT.search(note.text)):
            continue
        for speaker in note.speakers:
            if speaker.side is None or speaker.outlet is not None:
                continue
            side = speaker.side
            target = _denied_mention(mentions, note.index, side)
            if target is None:
                continue
            start, end = note.words
            span = Span(to_original(start), to_original(end, end=True))
            claim = Claim(speaker.claimant, side, note.text.strip(), document.id, span,
                          outlet=document.outlet, denies=True)
            if claim not in target.claims:
                target.claims.append(claim)
    return mentions


def _denied_mention(mentions: Sequence[Mention], sentence: int, side: str) -> Mention | None:
    involved = [m for m in mentions if not m.historical and (side in m.sides or side in _actor_sides(m))]
    if not involved:
        return None
    return min(involved, key=lambda m: (m.sentence > sentence, abs(m.sentence - sentence), m.span.start))


def _actor_sides(mention: Mention) -> set[str]:
    return {a.side for a in (mention.actor1, mention.actor2) if a is not None}

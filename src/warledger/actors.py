"""Actor mentions: who fights, who is hit, who speaks, named the way ACLED names them.

Actors come from dictionary matching over the parse (spaCy's NER is not trusted for them):
a country, a demonym or a capital used for its state ("Baku said"), a role word next to it
("Azerbaijani army", "armed forces of Armenia", "the authorities in Yerevan"), named armed
groups from the actor dictionary, and ACLED's generic actors (civilians, protesters, gunmen).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from warledger.knowledge_actors import ActorKnowledge, GroupEntry
from warledger.records import Actor

LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "at", "into", "outside", "around", "across", "throughout", "to",
                                   "towards", "toward", "inside", "within", "on", "against"})
# How many tokens may stand between a demonym and its role word ("Azerbaijani special forces").
ROLE_WINDOW = 3

KINDS_BELLIGERENT = ("military", "police", "group", "country", "people", "unidentified", "metonym", "enemy")


@dataclass(slots=True, frozen=True)
class ActorMention:
    """An actor named in the text, with its token range in the parsed document."""

    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # military, police, government, civilians, protesters, rioters, unidentified, group,
    # country, people, claimant, outlet
    side: str | None  # ISO3, NKR, CIV, UN... or None when the text does not say
    actor: Actor | None
    text: str
    local: bool = False  # a group named by a word that names it only in its own country's reports ("Maoists")
    # the other groups the same short form names in other countries ("UPDF"), for the report's context to choose
    homonyms: tuple[str, ...] = ()

    def with_country(self, iso3: str, knowledge: ActorKnowledge) -> ActorMention:
        """Fill a generic actor's country from context (the event's place)."""
        if self.actor is not None or self.kind not in ("civilians", "protesters", "rioters", "unidentified"):
            return self
        actor = generic_actor(self.kind, iso3, knowledge)
        side = "CIV" if self.kind == "civilians" else iso3
        return ActorMention(self.start, self.end, self.kind, side, actor, self.text)


@dataclass(slots=True)
class ActorMatcher:
    """Phrase matchers built once from the actor knowledge for one spaCy vocabulary."""

    knowledge: ActorKnowledge
    matcher: PhraseMatcher
    exact: PhraseMatcher
    _government_words: frozenset[str] = frozenset()

    @classmethod
    def build(cls, nlp: Language, knowledge: ActorKnowledge) -> ActorMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")

        def add(label: str, phrases: Iterable[str], target: PhraseMatcher = matcher) -> None:
            docs = [nlp.make_doc(p) for p in sorted(set(phrases)) if p.strip()]
            if docs:
                target.add(label, docs)

        for country in knowledge.countries:
            add(f"COUNTRY|{country.iso3}", country.names)
            add(f"DEMONYM|{country.iso3}", country.demonyms)
            add(f"METONYM|{country.iso3}", country.government_metonyms)
            add(f"COUNTRY|{country.iso3}", country.exact_aliases, exact)
        for group in knowledge.groups:
            add(f"GROUP|{group.name}", [group.name, *group.aliases, *group.local_aliases])
            add(f"GROUP|{group.name}", group.exact_aliases, exact)
            add(f"SHARED|{group.name}", group.shared_aliases, exact)
        for outlet in knowledge.outlets:
            add(f"OUTLET|{outlet.name}", [outlet.name, *outlet.aliases])
            add(f"OUTLET|{outlet.name}", outlet.exact_aliases, exact)
        add("ROLE|military", knowledge.military_words)
        add("ROLE|police", knowledge.police_words)
        add("ROLE|government", knowledge.government_words)
        add("ROLE|enemy", knowledge.enemy_words)
        add("ROLE|claimant", knowledge.claimant_words.keys())
        for key, generic in knowledge.generic.items():
            add(f"ROLE|{key}", generic.words)
        return cls(knowledge, matcher, exact, frozenset(w.lower() for w in knowledge.government_words))

    def find(self, doc: Doc) -> list[ActorMention]:
        """All actor mentions in a parsed document, left to right, non-overlapping."""
        raw = []
        for match_id, start, end in [*self.matcher(doc), *self.exact(doc)]:
            label = doc.vocab.strings[match_id]
            kind, _, value = label.partition("|")
            # Names and demonyms are capitalised; role words are not required to be.
            if kind in ("COUNTRY", "DEMONYM", "METONYM", "OUTLET") and not doc[start].text[:1].isupper():
                continue
            raw.append((start, end, kind, value))
        # a short form several groups bear is read as one of them, the others kept for the context to choose
        homonyms: dict[tuple[int, int], list[str]] = {}
        for start, end, kind, value in sorted(raw, key=lambda r: r[2] != "GROUP"):
            if kind in ("GROUP", "SHARED"):
                homonyms.setdefault((start, end), []).append(value)
        raw = [(start, end, "GROUP" if kind == "SHARED" else kind, value) for start, end, kind, value in raw
               if kind != "SHARED" or homonyms[(start, end)][0] == value]
        named = {t for start, end, _, _ in raw for t in range(start, end)}
        # "an armed PKK group" is the PKK: a name inside keeps its own reading
        raw.extend(a for a in (*_armed_people(doc), *_named_bands(doc)) if not named.intersection(range(a[0], a[1])))
        raw = _longest_first(raw)
        return [dataclasses.replace(m, homonyms=tuple(n for n in homonyms[(m.start, m.end)] if n != m.actor.name))
                if m.actor is not None and len(homonyms.get((m.start, m.end), ())) > 1 else m
                for m in self._compose(doc, raw)]

    def _compose(self, doc: Doc, raw: list[tuple[int, int, str, str]]) -> list[ActorMention]:
        knowledge = self.knowledge
        out: list[ActorMention] = []
        used: set[int] = set()
        for i, (start, end, kind, value) in enumerate(raw):
            if i in used:
                continue
            if kind == "GROUP":
                group = knowledge.group_by_name[value]
                text = doc[start:end].text
                local = bool(group.local_aliases) and text.lower() in map(str.lower, group.local_aliases)
                out.append(group_mention(group, start, end, text, local))
                continue
            if kind == "OUTLET":
                out.append(ActorMention(start, end, "outlet", None, None, doc[start:end].text))
                continue
            if kind in ("COUNTRY", "DEMONYM", "METONYM"):
                iso3 = value
                if end < len(doc) and doc[end].lower_ == "time":
                    continue  # "Moscow time", "Polish time": a clock, not a party
                role = _role_after(raw, i, doc)
                if role is not None:
                    j, role_kind = role
                    used.add(j)
                    out.append(self._with_role(doc, start, raw[j][1], iso3, role_kind))
                    continue
                role_before = _role_before(raw, i, doc, out)
                if role_before is not None:
                    # "armed forces of Azerbaijan", "the authorities in Yerevan": merge into the role mention
                    prev = out.pop()
                    out.append(self._with_role(doc, prev.start, end, iso3, role_before))
                    continue
                if kind == "COUNTRY":
                    word = phrase_head(doc[start:end].root)
                    if word.dep_ == "pobj" and word.head.lower_ in ("in", "inside", "across", "throughout", "within",
                                                                   "near", "into"):
                        continue  # "in northern Burkina Faso": the country as a place, not its state
                base = "people" if kind == "DEMONYM" and doc[start].tag_ in ("NNPS", "NNS") else "country"
                if kind == "METONYM":
                    base = "metonym"
                    word = phrase_head(doc[start:end].root)
                    if word.dep_ == "pobj" and word.head.lower_ in LOCATIVE_PREPOSITIONS:
                        continue  # "gathered in Yerevan": the capital as a place, not the state
                    if word.dep_ in ("dobj", "nsubjpass") and word.head.lemma_.lower() in PLACE_VERBS:
                        continue  # "missiles struck Kyiv", "the rebels captured Monrovia": the city, not the state
                    root = doc[start:end].root
                    if root.dep_ == "compound" and root.head.lower_ not in self._government_words:
                        continue  # "the Bishkek Protocol", "the Minsk agreements": a name, not a party
                if kind == "DEMONYM" and base == "country" and doc[start].pos_ == "ADJ":
                    base = "adjective"
                out.append(ActorMention(start, end, base, iso3, None, doc[start:end].text))
                continue
            if kind == "ROLE":
                if value == "government" and doc[end - 1].dep_ == "compound" and \
                        doc[end - 1].head.lemma_.lower() in ADMINISTRATIVE_AREAS:
                    continue  # "three local government areas of Zamfara": an administrative area, not a party
                out.append(ActorMention(start, end, value if value != "claimant" else "claimant", None, None,
                                        doc[start:end].text))
        return out

    def _with_role(self, doc: Doc, start: int, end: int, iso3: str, role: str) -> ActorMention:
        text = doc[start:end].text
        country = self.knowledge.country_by_iso3.get(iso3)
        if role in ("civilians", "protesters", "rioters", "unidentified"):
            actor = generic_actor(role, iso3, self.knowledge)
            side = "CIV" if role == "civilians" else iso3
            return ActorMention(start, end, role, side, actor, text)
        if country is None:
            return ActorMention(start, end, role, iso3, None, text)
        if role == "military":
            return ActorMention(start, end, "military", iso3, Actor(country.military, 1, iso3), text)
        if role == "police":
            return ActorMention(start, end, "police", iso3, Actor(country.police, 1, iso3), text)
        if role == "government":
            return ActorMention(start, end, "government", iso3, Actor(country.government, 1, iso3), text)
        return ActorMention(start, end, role, iso3, None, text)


def group_mention(group: GroupEntry, start: int, end: int, text: str, local: bool = False) -> ActorMention:
    """A mention of a group of the actor dictionary; a state's own forces under their own name (FARDC, IDF)
    act as its military or police."""
    kind = "police" if group.name.startswith("Police Forces of") else \
        "military" if group.name.startswith("Military Forces of") and group.inter == 1 else "group"
    return ActorMention(start, end, kind, group.side, Actor(group.name, group.inter, group.side), text, local)


def generic_actor(kind: str, iso3: str, knowledge: ActorKnowledge) -> Actor | None:
    """ACLED's generic actor for a country: "Civilians (Armenia)", "Protesters (Armenia)"."""
    try:
        return knowledge.generic_actor(kind, iso3)
    except ValueError:
        return None


# Verbs whose object is a place when it is a capital's name: struck, taken, entered or left (not "accused Kyiv",
# "urged Moscow")
PLACE_VERBS = frozenset({"strike", "hit", "bomb", "shell", "pound", "bombard", "attack", "raid", "target", "storm",
                         "capture", "seize", "take", "retake", "recapture", "overrun", "liberate", "occupy", "enter",
                         "reach", "leave", "abandon", "evacuate", "encircle", "surround", "besiege", "blockade",
                         "control", "hold", "defend", "rock", "shake", "flee"})
# Nouns for which "government" names a kind of administrative area, not a party ("local government area", the
# district of Nigeria's states).
ADMINISTRATIVE_AREAS = frozenset({"area", "areas", "council", "councils"})
CIVILIANS = "CIV"
# Side codes the output keeps as they are; other non-state codes are reported as the group's country.
PARTY_CODES = frozenset({"NKR", "ABK", "SOS", "CIV", "UN", "EU", "AU", "CSTO", "OSCE", "NATO"})


def output_side(side: str, knowledge: ActorKnowledge) -> str | None:
    """The side code the dataset reports: ISO3 of a state, or one of PARTY_CODES.

    Armed groups carry a code of their own inside the pipeline (RSF, HAMAS) so that a battle of a
    state against a group in its own country still has two sides; rows report the country. A group
    with no country of its own (unidentified gunmen) adds no side: the place's country stands in.
    """
    if side in knowledge.country_by_iso3 or side in PARTY_CODES:
        return side
    countries = {g.country for g in knowledge.groups if g.side == side}
    # one code for groups in several countries (IS: every Islamic State branch) says no country
    return countries.pop() if len(countries) == 1 else None


def group_for_side(side: str, knowledge: ActorKnowledge) -> GroupEntry | None:
    """The armed group that stands for a side code with no state (NKR: Karabakh's forces)."""
    return next((g for g in knowledge.groups if g.side == side and g.inter in (1, 2)), None)


def state_actor(iso3: str, role: str, knowledge: ActorKnowledge) -> Actor | None:
    """The state actor of a country in a role: military, police or government.

    CIV is the civilians' side code in our data (as in the gold format), although ISO 3166 gives it
    to Côte d'Ivoire; as a side it always means civilians here.
    """
    country = knowledge.country_by_iso3.get(iso3) if iso3 != CIVILIANS else None
    if country is None:
        return None
    name = {"military": country.military, "police": country.police}.get(role, country.government)
    return Actor(name, 1, iso3)


def phrase_head(token: Token) -> Token:
    """"Kyiv city", "Port-au-Prince": the noun the name belongs to, which carries the preposition."""
    while token.dep_ in ("compound", "nmod", "amod") and token.head.i != token.i:
        token = token.head
    return token


# People that "armed", "masked" or "hooded" before them make an armed group the text does not name ("armed and
# hooded men", "members of an armed Baluch group", "armed KNF men").
ARMED_PEOPLE = frozenset({"man", "men", "youth", "group", "member", "individual", "person", "people", "band",
                          # "armed supporters of a defeated candidate", "armed villagers", "armed herders"
                          "supporter", "villager", "civilian", "resident", "tribesman", "clansman", "herder",
                          "herdsman", "farmer", "vigilante"})
ARMED_WORDS = frozenset({"armed", "masked", "hooded", "balaclava-clad", "gun-toting", "heavily-armed"})


def _armed_people(doc: Doc) -> list[tuple[int, int, str, str]]:
    """Spans of people told as armed, from the first such word to the noun: unidentified armed actors."""
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in ARMED_PEOPLE:
            continue
        marks = [c for c in token.children if c.dep_ == "amod" and c.lower_ in ARMED_WORDS and c.i < token.i]
        if not marks:
            continue
        start = min(m.i for m in marks)
        while start > 0 and doc[start - 1].lower_ in ARMED_WORDS | {"and", ","}:
            start -= 1  # "armed and hooded men"
        while doc[start].lower_ not in ARMED_WORDS:
            start += 1
        found.append((start, token.i + 1, "ROLE", "unidentified"))
    return found


# Nouns that make a name before them an armed band's: "the TPNPB group", "the Sikin militia", "the Barrio 18 gang".
BAND_NOUNS = frozenset({"group", "militia", "gang", "faction", "cartel", "brigade", "battalion", "guerrilla",
                        "guerrillas", "rebels", "fighters", "insurgents", "militants"})


def _named_bands(doc: Doc) -> list[tuple[int, int, str, str]]:
    """Spans of a band the actor dictionary does not know, named by a capitalised name before a word for an armed
    band ("the TPNPB group in Intan Jaya has blocked the airstrip"): an armed actor of the place's country."""
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lower_ not in BAND_NOUNS:
            continue
        names = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.pos_ == "PROPN"
                 and c.text[:1].isupper()]
        if names:
            found.append((min(t.i for n in names for t in n.subtree), token.i + 1, "ROLE", "unidentified"))
    return found


def _longest_first(raw: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Keep non-overlapping matches, longer ones first, returned in text order."""
    chosen: list[tuple[int, int, str, str]] = []
    taken: set[int] = set()
    for item in sorted(raw, key=lambda r: (-(r[1] - r[0]), r[0])):
        if any(t in taken for t in range(item[0], item[1])):
            continue
        chosen.append(item)
        taken.update(range(item[0], item[1]))
    return sorted(chosen)


def _role_after(raw: list[tuple[int, int, str, str]], i: int, doc: Doc) -> tuple[int, str] | None:
    """A role word right after a country or demonym: "Azerbaijani army", "Armenia's defense ministry"."""
    end = raw[i][1]
    for j in range(i + 1, min(i + 3, len(raw))):
        start_j, _, kind_j, value_j = raw[j]
        if kind_j != "ROLE":
            return None
        gap = doc[end:start_j]
        if len(gap) > ROLE_WINDOW or any(t.is_punct and t.text not in ("'s", "’s", "'", "’") for t in gap):
            return None
        if any(t.lower_ in ("and", "or", "of", "in", "with", "against", "from", "by", "to", "on") for t in gap):
            return None
        if any(t.pos_ in ("VERB", "AUX", "NOUN", "ADP") for t in gap):
            # "Russian drones struck residential buildings": the buildings are not Russian; "in Tegucigalpa during
            # a protest": no protesters of the capital
            return None
        return j, value_j
    return None


def _role_before(raw: list[tuple[int, int, str, str]], i: int, doc: Doc,
                 out: list[ActorMention]) -> str | None:
    """A role word before "of"/"in" and the country: "armed forces of Armenia", "authorities in Baku"."""
    if not out:
        return None
    prev = out[-1]
    if prev.side is not None or prev.kind not in ("government", "military", "police", "claimant"):
        return None  # "protesters in Nairobi" names a place, "the authorities in Yerevan" a government
    gap = doc[prev.end:raw[i][0]]
    words = [t.lower_ for t in gap]
    if not words or words[0] not in ("of", "in", "from") or len(words) > 3:
        return None
    return prev.kind


def belligerent(mention: ActorMention) -> bool:
    """Whether the mention can be a party to a fight (not a speaker, an outlet or a bystander)."""
    return mention.kind in KINDS_BELLIGERENT or (mention.kind == "adjective" and mention.side is not None)

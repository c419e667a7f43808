"""Event mentions: a trigger word, its ACLED type, and the words around it that fill the roles.

A trigger from the lexicon (data/triggers.json) becomes a candidate event only when the clause
reports it as having happened: not planned ("is due to arrive"), feared ("fears of a
resurgence of war"), demanded, negated ("no comments on the offensive"), habitual ("on several
occasions") or merely referred back to ("died during the fighting", which adds deaths to an
event already reported rather than making a new one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from warledger.records import SUB_EVENT_TYPES

# Verbs and nouns that, above a trigger, make it unreal: plans, fears, requests, obligations.
IRREALIS_HEADS = frozenset({
    "threaten", "plan", "intend", "prepare", "warn", "want", "seek", "hope", "fear", "risk", "prevent",
    "avoid", "request", "ask", "demand", "call", "urge", "petition", "propose", "offer", "foresee", "envisage",
    "stipulate", "refuse", "ready", "able", "possibility", "prospect", "danger", "threat", "spectre",
    "resurgence", "likely", "expect", "aim", "try", "allow", "permit", "grant", "consider", "discuss",
    "delay", "postpone", "deny", "provision", "obligation", "must", "need", "attempt", "willing",
})
# Modal auxiliaries that put the clause in the future or the hypothetical.
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll"})
# Sentence cues of habitual or ongoing states, which ACLED does not code as events.
HABITUAL = re.compile(
    r"\b(?:on (?:several|many|numerous) occasions|each time|every time|from time to time|repeatedly|regularly|"
    r"for (?:decades|years|centuries|months)|at times|time and again|periodically)\b", re.I)
# Heads that end or stop the event named as their object: "a declaration to end the war".
ENDING_HEADS = frozenset({"end", "halt", "stop", "conclude", "finish", "resolve", "settle"})
# Prepositions that introduce a reference back to an event already told ("during the fighting").
REFERENCE_PREPS = frozenset({"during", "in", "since", "after", "throughout", "amid", "before", "following",
                             "from", "of"})
AGREEMENT_NOUNS = frozenset({"agreement", "declaration", "truce", "deal", "accord", "protocol", "treaty",
                             "ceasefire", "cease-fire", "armistice", "memorandum"})
AGREEMENT_CUES = re.compile(
    r"\b(?:agreement|declaration|deal|accord|under the terms|in accordance|handover|handed over|hand over|"
    r"peace (?:plan|deal)|ceasefire|truce|treaty|as agreed)\b", re.I)
NOT_TERRITORY = frozenset({"power", "weapon", "ammunition", "arm", "drug", "asset", "initiative", "equipment",
                           "vehicle", "tank", "document", "opportunity", "attention", "prisoner", "hostage"})
DEPLOY_OBJECTS = frozenset({"peacekeeper", "troop", "force", "contingent", "soldier", "unit", "battalion",
                            "brigade", "mission", "observer", "system", "plane", "ship", "warship", "personnel",
                            "reinforcement", "military", "monitor", "police"})
WEAPON_OBJECTS = frozenset({"drone", "missile", "rocket", "uav", "aircraft", "plane", "helicopter", "jet",
                            "projectile", "shell", "mine", "device", "ied", "bomb", "warplane"})
CIVILIAN_WORDS = frozenset({"civilian", "resident", "villager", "inhabitant", "people", "child", "woman",
                            "farmer", "worker", "refugee", "passenger", "student", "journalist", "family",
                            "man", "village", "town", "settlement", "city", "home", "house", "hospital",
                            "school", "market", "neighborhood", "neighbourhood", "shepherd", "camp", "tent",
                            "hostage", "worshipper", "patient", "displace", "tourist", "visitor", "pilgrim",
                            "commuter", "shopper", "bystander", "guest", "teacher", "doctor", "nurse",
                            "bus", "minibus", "ambulance", "mosque", "church", "monastery", "apartment", "shop",
                            "chief", "elder", "leader", "official", "mayor", "councillor", "councilor", "politician",
                            "lawmaker", "pastor", "priest", "imam", "businessman", "activist", "trader", "driver",
                            "herder", "fisherman", "miner", "boy", "girl", "baby"})
TOWN_WORDS = frozenset({"town", "city", "settlement"})
# Unarmed crowds: when they clash with police, it is a riot.
CROWD_WORDS = frozenset({"supporter", "protester", "protestor", "demonstrator", "student", "resident", "villager",
                         "crowd", "youth", "fan", "worker", "farmer", "people", "activist", "mourner", "trader"})
# Verbs that say an attack met resistance: whatever its target, it was a fight.
RESISTED = frozenset({"repel", "repulse", "thwart", "foil", "beat", "fend", "fight", "resist"})
COMBATANT_WORDS = frozenset({"soldier", "serviceman", "servicemen", "troop", "fighter", "militant", "rebel",
                             "insurgent", "combatant", "militiaman", "guard", "officer", "policeman",
                             "position", "post", "base", "army", "force", "unit", "personnel", "military",
                             "front", "checkpoint", "convoy", "garrison", "trench", "frontline", "line"})
# Objects that make "fight", "battle" or "war" a figure of speech.
FIGURATIVE_OBJECTS = frozenset({
    "challenge", "charge", "allegation", "election", "result", "corruption", "poverty", "disease", "virus",
    "pandemic", "inflation", "drug", "case", "court", "bill", "law", "vote", "wildfire", "flame", "blaze", "cancer",
    "crime", "impunity", "hunger", "climate", "extradition", "ruling", "decision", "price", "trade", "tariff",
    "word", "narrative", "title", "championship", "cup", "match", "seat", "nomination", "ban", "deportation",
})
# What a "strike" was made with decides its sub-event type.
MISSILE_WORDS = frozenset({"missile", "rocket", "artillery", "mortar", "ballistic", "cruise", "tank", "shell"})
AIR_WORDS = frozenset({"air", "drone", "aerial", "airstrike", "helicopter", "uav", "kamikaze"})
QUANTITY_WORDS = frozenset({"hundreds", "dozens", "thousands", "scores", "tens", "several", "many", "some",
                            "dozen", "hundred", "thousand", "number", "group", "handful"})
INTERVENTION = re.compile(r"\b(?:dispers\w*|tear ?gas|water cannon|rubber bullets|arrest\w*|detain\w*|"
                          r"police (?:intervened|blocked|broke up))\b", re.I)
EXCESSIVE = re.compile(r"\b(?:live (?:fire|ammunition|rounds)|opened fire on (?:the )?(?:protesters|demonstrators|"
                       r"crowd)|killed (?:\w+ )?(?:protesters|demonstrators))\b", re.I)
RIOT_CUES = re.compile(r"\b(?:threw (?:stones|rocks|molotov)|set fire to|torched|smashed|vandali[sz]ed|"
                       r"clash(?:ed|es)? with (?:the )?(?:riot )?police|stormed|"
                       r"clash(?:ed|es)? with (?:the )?(?:protesters|demonstrators|crowds?))\b", re.I)


@dataclass(slots=True, frozen=True)
class TriggerRule:
    """One lexicon entry: how a matched phrase maps to ACLED types."""

    rule_id: str
    event_type: str
    sub_event_type: str
    kind: str
    governors: frozenset[str]
    context: re.Pattern[str] | None
    pattern: tuple[dict, ...]


@dataclass(slots=True)
class Candidate:
    """A trigger accepted as a reported event, before dates, places and actors are resolved."""

    sentence: int
    trigger: Token
    trigger_end: int
    rule: TriggerRule
    event_type: str
    sub_event_type: str
    reference: bool = False


class LexiconError(ValueError):
    """A trigger lexicon file is malformed."""


def _rule_from(entry: dict, origin: str) -> TriggerRule:
    for key in ("id", "pattern", "type", "sub"):
        if key not in entry:
            raise LexiconError(f"{origin}: trigger entry {entry.get('id', '?')!r} lacks the key {key!r}")
    if SUB_EVENT_TYPES.get(entry["sub"]) != entry["type"]:
        raise LexiconError(f"{origin}: trigger {entry['id']!r}: {entry['sub']!r} is not a sub-event type of "
                           f"{entry['type']!r}; allowed: {', '.join(sorted(SUB_EVENT_TYPES))}")
    context = re.compile(entry["context"], re.I) if entry.get("context") else None
    return TriggerRule(entry["id"], entry["type"], entry["sub"], entry.get("kind", ""),
                       frozenset(entry.get("governors", ())), context, tuple(entry["pattern"]))


@lru_cache(maxsize=1)
def _packaged_lexicon() -> tuple[TriggerRule, ...]:
    text = resources.files("warledger").joinpath("data/triggers.json").read_text(encoding="utf-8")
    return tuple(_rule_from(e, "triggers.json") for e in json.loads(text)["triggers"])


def load_triggers(extra_files: Sequence[Path] = ()) -> tuple[TriggerRule, ...]:
    """The packaged lexicon plus the "triggers" lists of user profile files (same ids replace)."""
    rules = {r.rule_id: r for r in _packaged_lexicon()}
    for path in extra_files:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise LexiconError(f"{path}: cannot read profile: {error}") from error
        for entry in data.get("triggers", []) if isinstance(data, dict) else []:
            rule = _rule_from(entry, str(path))
            rules[rule.rule_id] = rule
    return tuple(rules.values())


class Detector:
    """Finds candidate events in parsed sentences."""

    def __init__(self, nlp: Language, rules: Sequence[TriggerRule]):
        self.rules = {r.rule_id: r for r in rules}
        self.matcher = Matcher(nlp.vocab)
        # One-word triggers are looked up by lemma in a dict; spaCy's Matcher, which tests every
        # pattern at every token, runs only the multi-word ones (it was most of the pipeline's own time).
        self.by_lemma: dict[str, list[tuple[TriggerRule, frozenset[str] | None]]] = {}
        for rule in rules:
            single = _single_word(rule.pattern)
            if single is not None:
                lemmas, pos = single
                for lemma in lemmas:
                    self.by_lemma.setdefault(lemma, []).append((rule, pos))
                continue
            try:
                # lemmas are lower-cased by segment's pipeline component, as the lexicon is
                self.matcher.add(rule.rule_id, [list(rule.pattern)])
            except ValueError as error:
                raise LexiconError(f"trigger {rule.rule_id!r}: bad spaCy pattern: {error}") from error

    def _matches(self, doc: Doc) -> list[tuple[int, int, TriggerRule]]:
        found = [(start, end, self.rules[doc.vocab.strings[match_id]]) for match_id, start, end in self.matcher(doc)]
        for token in doc:
            for rule, pos in self.by_lemma.get(token.lemma_, ()):
                if pos is None or token.pos_ in pos:
                    found.append((token.i, token.i + 1, rule))
        return found

    def find(self, doc: Doc, sentences: Sequence[tuple[int, int, int, int]]) -> list[Candidate]:
        """Candidates for sentences given as (index, paragraph, first token, end token)."""
        matches = sorted(self._matches(doc), key=lambda m: (m[0], -(m[1] - m[0]), m[2].rule_id))
        by_sentence: dict[int, list[tuple[int, int, TriggerRule]]] = {}
        bounds = list(sentences)
        cursor = 0
        for start, end, rule in matches:
            while cursor < len(bounds) and start >= bounds[cursor][3]:
                cursor += 1
            if cursor < len(bounds) and start >= bounds[cursor][2]:
                by_sentence.setdefault(bounds[cursor][0], []).append((start, end, rule))
        out: list[Candidate] = []
        paragraph_start = 0
        for position, (index, paragraph, s_start, s_end) in enumerate(bounds):
            if position == 0 or bounds[position - 1][1] != paragraph:
                paragraph_start = s_start
            found = by_sentence.get(index)
            if not found:
                continue
            sentence_text = doc[s_start:s_end].text
            # what the paragraph said before this sentence (an agreement named there governs a handover here)
            earlier = doc[paragraph_start:s_start].text
            seen_tokens: set[int] = set()
            for start, end, rule in found:
                if start in seen_tokens:
                    continue
                seen_tokens.update(range(start, end))
                candidate = self._accept(doc, start, end, rule, index, sentence_text, earlier)
                if candidate is not None:
                    out.append(candidate)
        return _one_per_type(out)

    def _accept(self, doc: Doc, start: int, end: int, rule: TriggerRule, index: int,
                sentence_text: str, previous: str) -> Candidate | None:
        span = doc[start:end]
        head = span.root
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # "the ceasefire agreement": the phrase's head carries its clause
        if _irrealis(head) or _negated(head) or _habitual(head):
            return None
        if rule.governors and not _governed(head, rule.governors):
            if not (rule.context and rule.context.search(sentence_text)):
                return None
        if head.dep_ in ("dobj", "pobj", "nsubjpass") and head.head.lemma_ in ENDING_HEADS and rule.kind != "agreement":
            return None
        candidate = Candidate(index, head, end, rule, rule.event_type, rule.sub_event_type)
        if rule.event_type in ("Battles", "Explosions/Remote violence") and head.pos_ == "NOUN" and \
                _is_reference(head):
            candidate.reference = True  # "died in the clashes": deaths of a fight already told
        if candidate.event_type == "Battles" and _figurative(head):
            return None  # "fought off a challenge", "the fight against corruption"
        kind = rule.kind
        if rule.rule_id == "offensive" and head.dep_ == "nsubj" and _victims(head.head) == "civilians":
            # "a militant attack killed 26 tourists": the attack is on civilians
            candidate.event_type, candidate.sub_event_type = "Violence against civilians", "Attack"
        if kind == "agreement-verb":
            if not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in AGREEMENT_NOUNS for c in head.children):
                return None
        elif kind == "agreement":
            if head.lemma_.lower() not in AGREEMENT_NOUNS | {"silence"}:
                return None  # "ceasefire talks", "a truce proposal", "ceasefire violations": no agreement yet
            if head.dep_ == "pobj" and head.head.lower_ in ("under", "per", "despite"):
                return None  # "under the agreement": one already made, referred to
            if head.dep_ == "pobj" and head.head.lower_ in ("of", "under", "to", "with", "by") and \
                    head.head.head.lemma_.lower() in ("violation", "violate", "term", "accordance", "according",
                                                      "accord", "under", "breach"):
                return None
            if head.lemma_ in ("document", "statement"):
                return None
        elif kind == "handover":
            if not AGREEMENT_CUES.search(sentence_text):
                return None
        elif kind in ("territory", "territory-lost"):
            if head.dep_ in ("acl", "amod") and head.tag_ == "VBN":
                return None  # "the territory conquered by X": a past state described, not an event
            if any(c.dep_ == "dobj" and c.lemma_.lower() in NOT_TERRITORY for c in head.children):
                return None  # "seized power", "captured weapons": no place changed hands
            if AGREEMENT_CUES.search(sentence_text) or AGREEMENT_CUES.search(previous):
                candidate.event_type = "Strategic developments"
                candidate.sub_event_type = "Non-violent transfer of territory"
            # Battles sub-type (government regains / non-state overtakes) is decided once the actor and the
            # place are known, in resolve.
        elif kind == "deploy":
            objects = [c for c in head.subtree if c.lemma_.lower() in DEPLOY_OBJECTS]
            if not objects:
                return None
            if not any(o.lemma_.lower() in ("peacekeeper", "contingent", "mission", "base") for o in objects):
                candidate.sub_event_type = "Other"
        elif kind == "disrupt":
            if not any(c.lemma_.lower() in WEAPON_OBJECTS for c in head.subtree):
                return None
        elif kind == "kill":
            victims = _victims(head)
            if victims is None:
                return None
            if victims == "combatants":
                candidate.event_type, candidate.sub_event_type = "Battles", "Armed clash"
        elif kind == "attack" or rule.rule_id == "offensive":
            # "an attack on a market" says whom it hit; "an offensive on the town" does not make it one on
            # civilians, and neither does an attack on a town, which its garrison may hold
            victims = _victims(head, towns=False) if kind == "attack" or head.lemma_.lower() in ("attack", "raid") \
                else None
            if head.head.lemma_.lower() in RESISTED:
                victims = "combatants"  # "the army repelled an attack on the town": someone fought back
            if victims is None and head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "VERB":
                # "twelve villagers were killed in an attack", "died in a raid": those the verb names were hit
                victims = _victims(head.head.head)
            if victims == "civilians":
                candidate.event_type, candidate.sub_event_type = "Violence against civilians", "Attack"
        elif kind == "remote" or candidate.event_type == "Explosions/Remote violence":
            modifiers = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod")}
            if modifiers & MISSILE_WORDS:
                candidate.sub_event_type = "Shelling/artillery/missile attack"
            elif modifiers & AIR_WORDS:
                candidate.sub_event_type = "Air/drone strike"
        if kind == "protest" and head.lemma_.lower() == "demonstrate" and \
                any(c.dep_ in ("dobj", "ccomp") for c in head.children):
            return None  # "demonstrated its resolve", "demonstrated that...": showed, not protested
        if rule.rule_id == "clash" and any(c.dep_ == "nsubj" and c.lemma_.lower() in CROWD_WORDS
                                           for c in head.children) and RIOT_CUES.search(sentence_text):
            # "supporters of the former prime minister clashed with police": a riot, not a battle
            candidate.event_type, candidate.sub_event_type = "Riots", "Violent demonstration"
        if kind == "protest":
            if RIOT_CUES.search(sentence_text):
                candidate.event_type, candidate.sub_event_type = "Riots", "Violent demonstration"
            elif EXCESSIVE.search(sentence_text):
                candidate.event_type, candidate.sub_event_type = "Protests", "Excessive force against protesters"
            elif INTERVENTION.search(sentence_text) and candidate.event_type == "Protests":
                candidate.sub_event_type = "Protest with intervention"
        return candidate


def _single_word(pattern: tuple[dict, ...]) -> tuple[frozenset[str], frozenset[str] | None] | None:
    """(lemmas, parts of speech) of a one-token pattern on LEMMA (and POS) only, else None."""
    if len(pattern) != 1 or set(pattern[0]) - {"LEMMA", "POS"} or "LEMMA" not in pattern[0]:
        return None
    lemma, pos = pattern[0]["LEMMA"], pattern[0].get("POS")

    def values(spec: object) -> frozenset[str] | None:
        if isinstance(spec, str):
            return frozenset({spec})
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return frozenset(spec["IN"])
        return None

    lemmas = values(lemma)
    parts = values(pos) if pos is not None else None
    if lemmas is None or (pos is not None and parts is None):
        return None
    return lemmas, parts


def _ancestors(token: Token, limit: int = 4) -> list[Token]:
    out = []
    node = token
    for _ in range(limit):
        if node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def _irrealis(token: Token) -> bool:
    """Planned, feared, demanded, conditional or obliged rather than reported as done."""
    chain = [token, *_ancestors(token, 3)]
    for node in chain:
        if node.i != token.i and node.lemma_.lower() in IRREALIS_HEADS:
            return True
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "provided", "providing", "lest"):
                return True
            if child.dep_ in ("aux", "auxpass") and child.lower_ == "to" and node.head.lemma_ in ("have", "be") \
                    and node.head.lower_ in ("had", "has", "have", "is", "are", "was", "were"):
                # "had to liberate", "is to withdraw", "is due to arrive"
                return True
        if node.lower_ in ("due", "provided") or any(c.lower_ == "due" for c in node.children):
            return True
    return False


def _figurative(token: Token) -> bool:
    """A fight whose object or aim is no armed enemy: a challenge, corruption, a fire, a court case."""
    words: set[str] = set()
    for child in token.children:
        if child.dep_ in ("dobj", "pobj", "attr"):
            words.add(child.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ in ("against", "on", "over", "for", "of"):
            words.update(c.lemma_.lower() for c in child.children if c.dep_ == "pobj")
    return bool(words & FIGURATIVE_OBJECTS)


def _habitual(token: Token) -> bool:
    """"from time to time armed clashes broke out": a habit of the clause, not one event."""
    clause = token
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    # the clause without clauses joined to it ("..., but from time to time clashes broke out")
    joined = {t.i for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    text = " ".join(t.text for t in clause.subtree if t.i not in joined)
    if HABITUAL.search(text):
        return True
    # "Ukraine has repeatedly accused Russia of shelling the plant": the habit sits on the governing verb
    governing = [a for a in _ancestors(token, 3) if a.pos_ in ("VERB", "AUX")][:2]
    return any(c.dep_ == "advmod" and HABITUAL.search(c.text) for verb in governing for c in verb.children)


def _negated(token: Token) -> bool:
    """"did not attack", "no comments on the clashes": a negation on the trigger or on the words it
    hangs from, up to the nearest verb."""
    for node in [token, *_ancestors(token, 3)]:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
        if node.i != token.i and node.pos_ in ("VERB", "AUX"):
            break
    return False


def _governed(token: Token, governors: frozenset[str]) -> bool:
    """A governing verb (or a verbal noun such as "signing") from the rule's list above the trigger,
    or one attached to it ("the truce agreed on Monday")."""
    for node in _ancestors(token, 3):
        verbal = node.pos_ in ("VERB", "AUX") or (node.pos_ == "NOUN" and node.lower_.endswith("ing"))
        if verbal and _forms(node) & governors and node.dep_ != "compound":
            return True
    for child in token.children:
        attached = child.dep_ in ("acl", "relcl", "amod")
        if attached and _forms(child) & governors and child.pos_ in ("VERB", "AUX", "ADJ"):
            return True
    return token.pos_ == "VERB" and bool(_forms(token) & governors)


def _forms(token: Token) -> set[str]:
    """A verb's lemma and the stems its inflected form suggests: the model lemmatises some verbs
    wrongly ("staged" -> "stag"), so "stage" is found from "staged" as well."""
    word = token.lower_
    forms = {token.lemma_, word}
    for suffix in ("ed", "d", "es", "s", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)])
    return forms


def _is_reference(noun: Token) -> bool:
    """"during the fighting", "in the conflict": a definite noun in a prepositional phrase."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in REFERENCE_PREPS:
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
               for c in noun.children)


def _victims(head: Token, towns: bool = True) -> str | None:
    """Who was killed or attacked: "civilians", "combatants" or None when the clause does not say.
    With `towns` false, a town or city named as the target says nothing either way."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
    if head.lemma_.lower() in ("die", "perish"):
        objects += [c for c in head.children if c.dep_ == "nsubj"]  # "five civilians died"
    if head.dep_ in ("acl", "amod", "relcl"):
        objects.append(head.head)
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "in")):
        objects.extend(c for c in prep.children if c.dep_ == "pobj")
    for obj in objects:
        if obj.like_num or obj.lower_ in QUANTITY_WORDS:
            # "killed hundreds of civilians": the people are after "of"
            obj = next((p for c in obj.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), obj)
        # the object's head noun and its compounds ("a village", "army positions"), not its whole phrase
        words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod"))}
        if words & COMBATANT_WORDS:
            return "combatants"
        if words & (CIVILIAN_WORDS if towns else CIVILIAN_WORDS - TOWN_WORDS):
            return "civilians"
    return None


# ACLED's priority inside an event type: the earlier sub-event type wins when tactics co-occur.
def _one_per_type(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per sentence and event type, after the rules below on which trigger tells the event."""
    by_key: dict[tuple[int, str], Candidate] = {}
    # a killing beside a generic attack or raid says what the attack was: "jihadists killed 12 villagers
    # in an attack" is violence against civilians, "troops raided the camp, killing three militants" a battle
    # ... but not "troops attacked the posts and seven soldiers were killed": a killing with no one named
    # as its doer only counts the attack's dead
    killings = {c.sentence for c in candidates if c.rule.kind == "kill" and not _agentless_passive(c.trigger)}
    violent = {c.sentence for c in candidates if c.rule.kind != "kill" and not _generic_attack(c)
               and c.event_type in ("Battles", "Explosions/Remote violence")}
    rioting = {c.sentence for c in candidates if c.event_type == "Riots"}
    # "police clashed with protesters": a demonstration met by force, not a battle of armed groups
    demonstrating = {c.sentence for c in candidates if c.event_type in ("Protests", "Riots")}
    remote_heads = {c.trigger.head.i for c in candidates if c.event_type == "Explosions/Remote violence"}
    # "shot down 40 of 56 drones launched by Russia": the drones stopped are not a strike of their own
    stopped = {t.i for c in candidates if c.rule.kind == "disrupt" for t in c.trigger.subtree if t.i != c.trigger.i}
    remote_triggers = {c.trigger.i for c in candidates if c.event_type == "Explosions/Remote violence"}
    for c in candidates:
        if c.event_type == "Explosions/Remote violence" and c.trigger.i in stopped:
            continue
        if _generic_attack(c) and any(w.i in remote_triggers for w in c.trigger.children if w.dep_ == "nsubj"):
            continue  # "a Russian UAV attacked a bus": the drone strike is the event
        if _generic_attack(c) and c.sentence in killings and c.sentence not in violent:
            continue
        if c.rule.rule_id in ("fire-at", "open-fire") and c.trigger.i in remote_heads:
            continue  # "Grad rockets were fired at Stepanakert": the rockets tell the attack
        if c.rule.kind == "kill" and c.sentence in violent:
            continue  # "killed in shelling": the shelling is the event
        if c.sentence in rioting and c.rule.kind in ("attack", "kill"):
            continue  # "a mob attacked and lynched a man": the riot is the event
        if c.sentence in demonstrating and c.event_type == "Battles" and c.rule.kind not in ("territory",):
            continue
        key = (c.sentence, c.event_type)
        kept = by_key.get(key)
        if kept is None or _priority(c) < _priority(kept) or (kept.reference and not c.reference) or \
                (_priority(c) == _priority(kept) and _agentless_kill(kept) and not _agentless_kill(c)):
            # "twelve villagers were killed in an attack by jihadists": the attack names who did it
            by_key[key] = c
    return sorted(by_key.values(), key=lambda c: (c.sentence, c.trigger.i))


def _agentless_passive(token: Token) -> bool:
    """'Seven soldiers were killed' (no 'by ...'): the verb's subject is its victim and no doer is named."""
    children = {c.dep_ for c in token.children}
    return "nsubjpass" in children and "agent" not in children


def _agentless_kill(c: Candidate) -> bool:
    return c.rule.kind == "kill" and _agentless_passive(c.trigger)


def _generic_attack(c: Candidate) -> bool:
    """An attack, raid or assault named with no weapon: what it was depends on whom it hit."""
    return c.rule.rule_id == "offensive" or c.rule.kind == "attack"


def _priority(c: Candidate) -> int:
    from warledger.records import EVENT_TYPES

    order = EVENT_TYPES[c.event_type]
    # territory rules carry "Armed clash" until resolve decides; rank them as territory changes
    if c.rule.kind in ("territory", "territory-lost") and c.event_type == "Battles":
        return 0
    return order.index(c.sub_event_type)

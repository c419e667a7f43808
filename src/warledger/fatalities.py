"""Death figures in a sentence: how many, and whose.

Only numbers the text gives are taken. ACLED's conventions turn vague words into figures
("several" 3, "dozens" 12, "hundreds" 100); "casualties" alone is not a death count, and
the wounded are never counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from warledger import civilians
from warledger.actors import ActorMention

# The civilians' word list's people-as-targets that count one dead each ("nine guests"), not a group ("one
# family", "the population").
COUNTED_TARGETS = civilians.PEOPLE_AS_TARGETS - {"family", "population", "displace", "people"}
PERSON_NOUNS = frozenset({
    "people", "person", "persons", "soldier", "serviceman", "servicemen", "troop", "fighter", "civilian",
    "militant", "man", "woman", "child", "policeman", "officer", "member", "rebel", "insurgent",
    "protester", "demonstrator", "resident", "villager", "combatant", "militiaman", "guard", "worker",
    "student", "journalist", "military", "personnel", "individual", "pilot", "crew", "volunteer",
    "peacekeeper", "recruit", "conscript", "citizen", "inhabitant", "refugee", "passenger", "farmer",
    "tourist", "visitor", "pilgrim", "worshipper", "commuter", "bystander", "teacher", "doctor", "nurse",
    "patient", "hostage", "militiamen", "jihadist", "gunman", "attacker", "assailant", "bandit",
    "shepherd", "herder", "fisherman", "driver", "motorist", "trader", "miner", "pupil", "medic", "paramedic",
    "activist", "priest", "imam", "monk", "boy", "girl", "baby", "infant",
})
# Nouns of attacks: a demonym on one of them names the attacker ("a Russian drone attack").
ATTACK_NOUNS = frozenset({"attack", "strike", "airstrike", "shelling", "drone", "missile", "rocket", "offensive",
                          "raid", "ambush", "bombardment", "fire", "assault", "artillery", "mortar", "bombing"})
COMBATANT_NOUNS = frozenset({
    "soldier", "serviceman", "servicemen", "troop", "fighter", "militant", "combatant", "militiaman", "guard",
    "officer", "policeman", "rebel", "insurgent", "personnel", "pilot", "peacekeeper", "recruit", "conscript",
    "military", "death", "fatality", "dead", "gunman", "jihadist", "attacker",
})
# "martyrs" are dead by the word itself, in the copy of outlets close to an armed group
DEATH_NOUNS = frozenset({"death", "dead", "fatality", "body", "corpse", "life", "martyr"})
DEATH_VERBS = frozenset({
    "die", "kill", "perish", "murder", "execute", "slay", "behead", "massacre", "lose", "claim",
    "shoot", "lynch", "bury",
})
# "a family of six": the number after "of" counts its members
HOUSEHOLDS = frozenset({"family", "household"})
INJURY_WORDS = frozenset({"injure", "wound", "hurt", "injured", "wounded", "injury", "missing", "capture",
                          "detain", "arrest", "displace", "flee", "evacuate", "rescue"})
VAGUE_NUMBERS = {"several": 3, "a few": 3, "few": 3, "dozens": 12, "scores": 12, "hundreds": 100,
                 "a dozen": 12, "dozen": 12}
WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "hundred": 100}


# The side of "government soldiers": the state of the event's place, known once the place is (resolve).
GOVERNMENT = "GOV"


@dataclass(slots=True, frozen=True)
class Figure:
    """A death figure: count, side of the dead (None when unsaid), token range of the number."""

    count: int
    side: str | None
    start: int
    end: int
    civilian: bool


def parse_number(tokens: list[Token]) -> int | None:
    """'2,783' -> 2783; '30 thousand' -> 30000; '6.6 thousand' -> 6600; 'two' -> 2; 'dozens' -> 12."""
    text = " ".join(t.lower_ for t in tokens)
    if text in VAGUE_NUMBERS:
        return VAGUE_NUMBERS[text]
    value: float | None = None
    for t in tokens:
        word = t.lower_.replace(",", "")
        if word in MULTIPLIERS and value is not None:
            value *= MULTIPLIERS[word]
        elif re.fullmatch(r"\d+(?:\.\d+)?", word):
            value = float(word) if value is None else value + float(word)
        elif word in WORD_NUMBERS:
            value = WORD_NUMBERS[word] if value is None else value + WORD_NUMBERS[word]
        elif word in VAGUE_NUMBERS:
            value = VAGUE_NUMBERS[word]
    return int(round(value)) if value is not None else None


def _number_tokens(token: Token) -> list[Token]:
    """The number token with its compound parts ("30 thousand", "6.6 thousand")."""
    parts = [token]
    for child in token.children:
        if child.dep_ in ("compound", "quantmod", "nummod") and (child.like_num or child.lower_ in MULTIPLIERS):
            parts.append(child)
    head = token.head
    if head.lower_ in MULTIPLIERS and head.i == token.i + 1:
        parts.append(head)
    return sorted(parts, key=lambda t: t.i)


def _is_death_context(noun: Token) -> bool:
    """Whether a counted noun is said to have died."""
    after = [t for t in noun.doc[noun.i + 1 : noun.i + 4] if t.lemma_.lower() not in ("be", "also", "reportedly")]
    if after and after[0].lemma_.lower() in INJURY_WORDS:
        return False  # "several civilians were wounded", whatever the parser attached them to
    if noun.lemma_.lower() in DEATH_NOUNS:
        return not any(c.lemma_.lower() in INJURY_WORDS for c in noun.children)
    node: Token | None = noun
    for _ in range(4):
        if node is None:
            break
        lemma = node.lemma_.lower()
        if lemma in INJURY_WORDS:
            return False
        if lemma in DEATH_VERBS and node.pos_ in ("VERB", "AUX", "ADJ"):
            if lemma == "lose" and not any(c.lemma_ == "life" for c in node.children):
                return False
            return True
        if node.pos_ == "VERB" and _to_death(node):
            return True  # "hacked 12 civilians to death", "were stabbed to death"
        if lemma in DEATH_NOUNS and node.pos_ == "NOUN":
            return True
        if node.pos_ == "VERB" and node.dep_ == "conj" and lemma not in DEATH_VERBS:
            return False  # "killing 1,200 people and taking 251 hostages": the hostages are the taking's
        for child in node.children:
            if child.dep_ in ("acl", "relcl", "amod") and child.lemma_.lower() in DEATH_VERBS | {"dead"}:
                return True
            if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and child.lower_ == "dead":
                return True  # "left two soldiers dead"
        if node.dep_ in ("ROOT",):
            break
        node = node.head
    return False


def _to_death(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "death" for o in c.children)
               for c in verb.children)


def find_figures(doc: Doc, start: int, end: int, mentions: list[ActorMention]) -> list[Figure]:
    """Death figures in tokens [start, end) of a parsed document."""
    figures: list[Figure] = []
    seen: set[int] = set()
    for token in doc[start:end]:
        if token.i in seen:
            continue
        is_number = token.like_num or token.lower_ in VAGUE_NUMBERS
        # "and a civilian"; "killing a conscript", "a woman was killed": one person
        is_article = token.lower_ in ("a", "an") and token.dep_ == "det" and (
            token.head.dep_ == "conj" or (token.head.lemma_.lower() in PERSON_NOUNS | {"martyr"} and
                                          token.head.dep_ in ("dobj", "nsubjpass", "nsubj")))
        if not (is_number or is_article):
            continue
        if token.lower_ in MULTIPLIERS and token.head.like_num:
            continue
        noun = token.head if token.dep_ in ("nummod", "det", "quantmod", "compound", "amod") else token
        if noun.lower_ in MULTIPLIERS:
            noun = noun.head
        if noun.lower_ == "of" or (noun.lemma_.lower() not in PERSON_NOUNS | DEATH_NOUNS
                                   and (noun.lower_ in VAGUE_NUMBERS or noun.like_num)):
            # "dozens of soldiers": the people are after "of"
            preps = [noun] if noun.lower_ == "of" else [c for c in noun.children if c.lower_ == "of"]
            objects = [p for prep in preps for p in prep.children if p.dep_ == "pobj"]
            noun = objects[0] if objects else noun
        household = token.dep_ == "pobj" and token.head.lower_ == "of" and \
            token.head.head.lemma_.lower() in HOUSEHOLDS
        if household:
            noun = token.head.head  # "killing a family of six": six people ("8 martyrs of one family": 8)
        people = any(m.kind == "people" and m.start <= noun.i < m.end for m in mentions)  # "30,000 Palestinians"
        # "killed 12" counts people; "shot down 40 of 56 drones" and "shot down 40" count machines
        bare_kill = noun.i == token.i and token.dep_ == "dobj" and token.head.lemma_ in DEATH_VERBS and \
            not any(c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in token.head.children)
        # "the clashes left dozens dead"
        bare_kill = bare_kill or (noun.i == token.i and token.dep_ in ("dobj", "nsubj") and
                                  token.head.lemma_ == "leave" and
                                  any(c.lower_ == "dead" for c in (*token.head.children, *token.children)))
        if noun.lemma_.lower() not in PERSON_NOUNS | DEATH_NOUNS | civilians.PEOPLE | COUNTED_TARGETS \
                and not people and not bare_kill and not household:  # "killing nine guests", "three travellers"
            continue
        if not _is_death_context(noun if noun.i != token.i else token):
            continue
        if _is_subset(noun):
            continue  # "7 people, including 3 children": the 3 are among the 7
        parts = _number_tokens(token)
        count = parse_number(parts)
        if count is None or count <= 0:
            continue
        seen.update(t.i for t in parts)
        side, civilian = _side_of(noun, mentions)
        if side is None:
            # the one party a sentence names owns its dead only when they are fighters ("105 military
            # deaths", "soldiers"); "killing one person" in a Russian strike is no Russian death
            combatant = noun.lemma_.lower() in COMBATANT_NOUNS or noun.lower_ in ("military",)
            side = "CIV" if civilian else _only_side(doc, mentions, start, end) if combatant else None
            if side is None and combatant and any(c.lemma_.lower() in ("government", "regime", "state")
                                                  for c in noun.children if c.dep_ in ("compound", "amod")):
                side = GOVERNMENT  # "40 government soldiers": the forces of the state where it happens
        figures.append(Figure(count, side, parts[0].i, parts[-1].i + 1, civilian))
    return figures


def _side_of(noun: Token, mentions: list[ActorMention]) -> tuple[str | None, bool]:
    """Whose dead: a demonym on the noun, or "in the armed forces of X" after it."""
    civilian = noun.lemma_.lower() in civilians.PEOPLE
    lo, hi = noun.left_edge.i, noun.right_edge.i + 1
    # a death noun counts people named after "of": "the deaths of two Armenian fighters"
    for m in mentions:
        if lo <= m.start < hi and m.side and m.kind not in ("outlet", "claimant"):
            return m.side, civilian or m.side == "CIV"
    if noun.head.lemma_ in DEATH_NOUNS:
        head = noun.head
        for m in mentions:
            if head.left_edge.i <= m.start <= head.right_edge.i and m.side and m.kind not in ("outlet", "claimant"):
                return m.side, civilian
    return None, civilian


def _only_side(doc: Doc, mentions: list[ActorMention], start: int, end: int) -> str | None:
    """The one party a sentence names, if it names only one ("On the side of Armenia, ... 105 deaths").
    A party named as the author of the attack ("a Russian drone attack") is the killer, not the dead."""
    sides = {m.side for m in mentions if start <= m.start < end and m.side and m.side != "CIV"
             and m.kind != "outlet" and doc[m.start].head.lemma_.lower() not in ATTACK_NOUNS
             and not _killer(doc, m)}
    return sides.pop() if len(sides) == 1 else None


def _killer(doc: Doc, mention: ActorMention) -> bool:
    """Whether the party is the subject of a killing ("the M23 claimed to have killed 40 soldiers")."""
    root = doc[mention.start:mention.end].root
    if root.dep_ != "nsubj":
        return False
    verb = root.head
    return verb.lemma_.lower() in DEATH_VERBS or any(
        c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in DEATH_VERBS for c in verb.children)


def _is_subset(noun: Token) -> bool:
    """A count introduced by "including"/"among them" is part of a total already counted."""
    for node in (noun, noun.head):
        if node.lower_ in ("including", "among") or node.head.lower_ in ("including", "among"):
            return True
    return False

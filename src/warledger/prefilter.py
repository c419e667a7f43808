"""Before stage 2: does a text hold any word that stage 4 (detect) could take for a trigger?

A text without one cannot give an event, so the pipeline skips spaCy's parse of it, by far the
dearest stage, and gives it no events, as the full run would. The test is cheap (a regular
expression, then spaCy's tokenizer alone) and errs only on the side of parsing: it is built from
the detector's own lexicon (the packaged triggers and the profiles' ones) and from the model's own
lemmatizer tables, so that every token whose lemma can be a trigger's passes it.

A token's lemma is the token itself (lower-cased), one suffix rule applied to it ("clashed" ->
"clash", "rallies" -> "rally"), an entry of the lemmatizer's exception table ("fought" -> "fight"),
or what the attribute ruler sets for a word it names. So the words that can carry a lemma L are a
short list: L, L with one rule undone, L's exceptions (and, for detect's own fallback on past forms,
L + "d" and L + "ed"). A text passes when, for some trigger pattern, each token the pattern needs is
among its tokens ("opened" alone does not make "open fire").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from warledger.detect import TriggerRule

# Token attributes whose value is (a lower-case form of) the token's own text.
_TEXT_ATTRIBUTES = ("LOWER", "ORTH", "TEXT")
# Operators under which a pattern token must be present for the pattern to match.
_REQUIRED_OPS = (None, "1", "+")


class TriggerWords:
    """Whether a text has the tokens that a trigger of the lexicon could match."""

    def __init__(self, nlp: Language, rules: Iterable[TriggerRule]):
        self._tokenizer = nlp.tokenizer
        self.everything = False  # a pattern the test cannot read: every text is parsed
        suffix_rules, exceptions = _lemmatizer_tables(nlp)
        if suffix_rules is None:
            self.everything, suffix_rules = True, []
        # each pattern as the words that can fill each token it cannot match without
        patterns: list[list[frozenset[str]]] = []
        for rule in rules:
            needed = _required_tokens(rule.pattern)
            if not needed:
                self.everything = True
                continue
            pattern = []
            for attribute, values in needed:
                words = {v.lower() for v in values}
                if attribute == "LEMMA":
                    ruled = _ruler_words(nlp, words)
                    if ruled is None:
                        self.everything = True
                        ruled = set()
                    words = _lemma_words(words, suffix_rules, exceptions) | ruled
                pattern.append(frozenset(words))
            patterns.append(pattern)
        self._patterns = patterns
        self._words = frozenset().union(*(words for pattern in patterns for words in pattern))
        alternatives = "|".join(re.escape(w) for w in sorted(self._words, key=lambda w: (-len(w), w)))
        self._anywhere = re.compile(alternatives or r"(?!)", re.IGNORECASE)

    def can_hold_event(self, text: str) -> bool:
        return self.screen(text) is not None

    def screen(self, text: str) -> str | Doc | None:
        """None when the text cannot hold an event; otherwise what spaCy's pipeline is to parse: the text as
        the test tokenized it (the pipeline takes a Doc in place of its text and skips its own tokenizer,
        which gives the same tokens), or the text itself when the test did not need its tokens."""
        if self.everything:
            return text
        if not self._anywhere.search(text):  # most texts without a trigger word end here
            return None
        tokens = self._tokenizer(text)
        present = {token.lower_ for token in tokens} & self._words
        return tokens if any(all(words & present for words in pattern) for pattern in self._patterns) else None


def _lemma_words(lemmas: set[str], suffix_rules: list[tuple[str, str]],
                 exceptions: dict[str, set[str]]) -> set[str]:
    """Every lower-case word whose lemma can be one of `lemmas`."""
    words = set(lemmas)
    for lemma in lemmas:
        words.update((lemma + "d", lemma + "ed"))  # detect's fallback for mis-lemmatised past forms
        for old, new in suffix_rules:
            if lemma.endswith(new) and len(lemma) > len(new):
                words.add(lemma[: len(lemma) - len(new)] + old)
    words.update(word for word, of in exceptions.items() if of & lemmas)
    return words


def _required_tokens(pattern: tuple[dict[str, Any], ...]) -> list[tuple[str, set[str]]]:
    """The attribute and the values of each token a pattern cannot match without, where that token is
    fixed by its lemma or its text. Empty when there is none (then any text may match)."""
    needed = []
    for token in pattern:
        if token.get("OP") not in _REQUIRED_OPS:
            continue
        for attribute in ("LEMMA", *_TEXT_ATTRIBUTES):
            values = _values(token.get(attribute))
            if values is not None:
                needed.append((attribute, values))
                break
    return needed


def _values(spec: object) -> set[str] | None:
    if isinstance(spec, str):
        return {spec}
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        return set(spec["IN"])
    return None  # REGEX, NOT_IN, FUZZY...: not a fixed set of words


def _lemmatizer_tables(nlp: Language) -> tuple[list[tuple[str, str]] | None, dict[str, set[str]]]:
    """The suffix rules (old ending, new ending) of every part of speech and the exceptions (word ->
    its lemmas) of the model's rule-based lemmatizer; (None, {}) when it has another kind."""
    if "lemmatizer" not in nlp.pipe_names:
        return [], {}
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule":
        return None, {}
    tables = lemmatizer.lookups
    rules = [(old, new) for by_pos in tables.get_table("lemma_rules", {}).values() for old, new in by_pos]
    exceptions: dict[str, set[str]] = {}
    for by_pos in tables.get_table("lemma_exc", {}).values():
        for word, forms in by_pos.items():
            exceptions.setdefault(word.lower(), set()).update(f.lower() for f in forms)
    return rules, exceptions


def _ruler_words(nlp: Language, lemmas: set[str]) -> set[str] | None:
    """Words to which the attribute ruler gives one of the lemmas outright; None when a rule gives one
    to tokens that it does not name by their text."""
    if "attribute_ruler" not in nlp.pipe_names:
        return set()
    ruler: Any = nlp.get_pipe("attribute_ruler")
    words: set[str] = set()
    for entry in ruler.patterns:
        lemma = entry.get("attrs", {}).get("LEMMA")
        if not isinstance(lemma, str) or lemma.lower() not in lemmas:
            continue
        for pattern in entry["patterns"]:
            named = [values for token in pattern for attribute in _TEXT_ATTRIBUTES
                     if (values := _values(token.get(attribute)))]
            if not named:
                return None
            for values in named:
                words.update(v.lower() for v in values)
    return words

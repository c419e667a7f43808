"""Stage 2, clean: drop boilerplate lines (ad markers, comment forms, photo credits, teasers).

Cleaning works on whole lines and never edits the lines it keeps, so the clean text is the
original with some lines cut out. `CleanText.to_original` maps an offset in the clean text back to
the original text, which is what every span in the dataset refers to.

The rules live in data/boilerplate.json, a list of objects:
  pattern        a Python regular expression, searched in the line stripped of surrounding spaces
  reason         why such a line is dropped, as the user sees it
  max_words      optional: the rule applies only to lines of at most this many words
  unpunctuated   optional: the rule applies only to lines that do not end like a sentence
  skip_headline  optional: the rule never applies to the first kept line (headlines such as
                 "Army enters the region / OUTLET" look like photo credits)
Rules without max_words are explicit phrases; only they can drop a long line ending in a period.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

RULES_RESOURCE = "boilerplate.json"
# A line that ends like a sentence and is longer than this is prose: rules with max_words (the
# heuristic ones) never drop it. Boilerplate ending in a period is short (7 words at most in the
# seed reports, "Your email address ..."); 12 leaves a margin and protects every longer sentence.
SENTENCE_GUARD_WORDS = 12
_RULE_KEYS = frozenset({"pattern", "reason", "max_words", "unpunctuated", "skip_headline"})
# Closing quotes and brackets that may follow the final punctuation of a sentence.
_CLOSERS = "\"'”’»)]"
_SENTENCE_END = (".", "!", "?", "…")
# The reason of the packaged rules that drop a teaser for another story (see `teasers`).
TEASER = "teaser for another story"
# The longest bare label of a teaser ("READ ALSO:", "Do not miss") that the parser cuts off as a sentence.
TEASER_LABEL_WORDS = 3


@dataclass(slots=True, frozen=True)
class BoilerplateRule:
    """One kind of boilerplate line and why it is dropped."""

    pattern: re.Pattern[str]
    reason: str
    max_words: int | None = None
    unpunctuated: bool = False
    skip_headline: bool = False

    def matches(self, line: str, word_count: int, ends_sentence: bool, is_headline: bool) -> bool:
        """Whether this rule drops `line` (already stripped of surrounding spaces)."""
        if self.max_words is not None and (
            word_count > self.max_words or (ends_sentence and word_count > SENTENCE_GUARD_WORDS)
        ):
            return False
        if self.unpunctuated and ends_sentence:
            return False
        if self.skip_headline and is_headline:
            return False
        return self.pattern.search(line) is not None


@dataclass(slots=True, frozen=True)
class CleanText:
    """The text without its boilerplate lines, and where those lines were in the original.

    `removed` holds (original start, original end, reason) for each dropped line, in order; a
    dropped line includes its newline.
    """

    text: str
    removed: tuple[tuple[int, int, str], ...]
    # Clean-text offset at which each removed line was cut out, and the original characters
    # removed up to and including it: the two sorted arrays `to_original` bisects.
    _cut_at: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _shift_after: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cut_at: list[int] = []
        shift_after: list[int] = []
        shift = 0
        for start, end, _ in self.removed:
            cut_at.append(start - shift)
            shift += end - start
            shift_after.append(shift)
        object.__setattr__(self, "_cut_at", tuple(cut_at))
        object.__setattr__(self, "_shift_after", tuple(shift_after))

    def to_original(self, offset: int, *, end: bool = False) -> int:
        """The original-text offset of clean-text `offset`, in O(log n).

        An offset where lines were cut out maps past them, which is right for the start of a
        span; pass end=True for the (exclusive) end of a span, so that it stops before them.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the clean text (length {len(self.text)})")
        if end:
            index = bisect.bisect_left(self._cut_at, offset)
        else:
            index = bisect.bisect_right(self._cut_at, offset)
        return offset + (self._shift_after[index - 1] if index else 0)


def clean(text: str, extra_rules: Sequence[BoilerplateRule] = ()) -> CleanText:
    """Drop boilerplate lines from `text`, using the packaged rules plus `extra_rules`."""
    rules = default_rules() + tuple(extra_rules)
    kept: list[str] = []
    removed: list[tuple[int, int, str]] = []
    headline_seen = False
    start = 0
    while start < len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline + 1
        line = text[start:end]
        content = line.strip()
        reason = _boilerplate_reason(content, rules, is_headline=not headline_seen) if content else None
        if reason is None:
            kept.append(line)
            headline_seen = headline_seen or bool(content)
        else:
            removed.append((start, end, reason))
        start = end
    return CleanText("".join(kept), tuple(removed))


def _boilerplate_reason(line: str, rules: Sequence[BoilerplateRule], is_headline: bool) -> str | None:
    word_count = len(line.split())
    ends_sentence = line.rstrip(_CLOSERS).endswith(_SENTENCE_END)
    for rule in rules:
        if rule.matches(line, word_count, ends_sentence, is_headline):
            return rule.reason
    return None


def teasers(sentences: Sequence[str]) -> set[int]:
    """The positions of the sentences that are teasers for another story ("Read also: Kina weakens against US
    dollar"), as the packaged rules of that reason (TEASER) drop one on a line of its own, and of a bare label of
    them ("READ ALSO:", which the parser may cut off) with the sentence after it: a repost that runs its teasers
    into the paragraph keeps them past the line rules, and their words then spoke for the report (a riot on a market
    page read as politics or markets; the teaser's own killing an event; its note one sentence longer)."""
    found: set[int] = set()
    for i, sentence in enumerate(sentences):
        text = sentence.strip()
        if _teaser(text):
            found.add(i)
        elif i + 1 < len(sentences) and len(text.split()) <= TEASER_LABEL_WORDS and \
                _teaser(f"{text} {sentences[i + 1].strip()}"):
            found |= {i, i + 1}
    return found


def _teaser(text: str) -> bool:
    return any(rule.pattern.search(text) for rule in _teaser_rules())


@functools.lru_cache(maxsize=1)
def _teaser_rules() -> tuple[BoilerplateRule, ...]:
    """The packaged rules of reason TEASER, picked once (every sentence of every report is asked about)."""
    return tuple(rule for rule in default_rules() if rule.reason == TEASER)


@functools.lru_cache(maxsize=1)
def default_rules() -> tuple[BoilerplateRule, ...]:
    """The rules shipped in warledger/data/boilerplate.json, parsed once."""
    resource = resources.files("warledger") / "data" / RULES_RESOURCE
    return parse_rules(json.loads(resource.read_text(encoding="utf-8")), source=RULES_RESOURCE)


def parse_rules(items: Any, source: str = "rules") -> tuple[BoilerplateRule, ...]:
    """Rules from decoded JSON (a list of objects, as in boilerplate.json).

    Raises ValueError naming the rule and the key at fault.
    """
    if not isinstance(items, list):
        raise ValueError(f"{source}: expected a list of rules, got {type(items).__name__}")
    return tuple(_parse_rule(item, f"{source}: rule {number}") for number, item in enumerate(items, 1))


def _parse_rule(item: Any, where: str) -> BoilerplateRule:
    if not isinstance(item, Mapping):
        raise ValueError(f"{where}: expected an object, got {type(item).__name__}")
    unknown = sorted(set(item) - _RULE_KEYS)
    if unknown:
        allowed = ", ".join(sorted(_RULE_KEYS))
        raise ValueError(f"{where}: unknown key {unknown[0]!r}; allowed keys: {allowed}")
    pattern, reason = item.get("pattern"), item.get("reason")
    if not isinstance(pattern, str) or not pattern:
        raise ValueError(f"{where}: 'pattern' must be a non-empty string")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"{where}: 'reason' must be a non-empty string")
    max_words = item.get("max_words")
    valid_count = isinstance(max_words, int) and not isinstance(max_words, bool) and max_words >= 1
    if max_words is not None and not valid_count:
        raise ValueError(f"{where}: 'max_words' must be a positive integer, got {max_words!r}")
    flags = {}
    for key in ("unpunctuated", "skip_headline"):
        value = item.get(key, False)
        if not isinstance(value, bool):
            raise ValueError(f"{where}: {key!r} must be true or false, got {value!r}")
        flags[key] = value
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise ValueError(f"{where}: bad pattern {pattern!r}: {error}") from None
    return BoilerplateRule(
        compiled,
        reason.strip(),
        max_words,
        unpunctuated=flags["unpunctuated"],
        skip_headline=flags["skip_headline"],
    )

"""Reposts: copies of one report (reposted under a new title, lightly rewritten, machine-translated,
padded with a content farm's ads) found and traced to the report they copy.

Each report gets a fingerprint from its cleaned text (boilerplate lines already cut by clean.py):
its lead, the first LEAD_WORDS words after the headline. Two reports are one report when their leads
share at least REPOST_JACCARD of their lower-cased character 5-grams (for short leads, where templated
bulletins of different events share much by chance, SHORT_REPOST_JACCARD and the same names and numbers). Copies
change the title and add farm text around the story but keep its lead; different reports of one
event share names, places and figures but not the wording of the lead, and reports that repeat
one background paragraph (as the seed reports do) differ in their leads, which tell the news.

Comparing every pair is quadratic, so candidates are found by MinHash locality-sensitive hashing
(datasketch's MinHash) over the lead's content words: the signature is cut into BANDS bands of
ROWS values, and reports that share a band's hash are compared exactly. A store keeps each report's
band hashes in an indexed table and looks a new report's candidates up there.

Only reports published within WINDOW_DAYS of each other are compared. A group of reports joined by
such pairs (through any chain of them) is one report: its original is
the earliest published, then the smallest id; every other member is a repost of it. The grouping
does not depend on the order the reports arrive in.

Thresholds were measured on tests/data/reposts/ (see tests/test_reposts.py, which keeps them honest).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS

# Words of a report's lead compared: the news a copy keeps, before the background that different
# reports repeat (the seed reports share whole background paragraphs further down). At 150 words the
# team's pairs separated best (copies, rewrites and translations at Jaccard 0.34 or more, different
# reports of one event at 0.21 or less); the whole text let two seed reports that share background
# reach 0.47.
LEAD_WORDS = 150
# Character n-grams compared exactly: 5 kept translations (other synonyms, other word order) above
# 0.34 while different reports stayed at 0.21 or below; word bigrams and trigrams lose translations.
GRAM_CHARS = 5
# Two leads with at least this Jaccard similarity of their 5-grams are one report: the midpoint
# between the lowest pair of one report (0.34, a rewrite and a translation of it) and the highest
# pair of different reports (0.21) in tests/data/reposts, rounded down; the team corpus's 1,376
# reports have no pair of ordinary length above it.
REPOST_JACCARD = 0.28
# A lead with fewer 5-grams than this (about 60 words) is a short bulletin: templated bulletins of
# different events ("On 3 April, Russian forces dropped ...") reach 0.41 in the team corpus, and a
# template filled in with another town, day and toll 0.87 (tests/crash.py's reports). So short leads must
# share far more to be one report, and the same facts: the same names and numbers (facts()).
SHORT_LEAD_GRAMS = 400
SHORT_REPOST_JACCARD = 0.6
# MinHash over the lead's content words (stop words dropped), in BANDS bands of ROWS rows. Content-word
# sets of one report's versions have Jaccard 0.45 or more in the team pairs (0.7 and more but for
# translations), where a band collides with probability 1 - (1 - 0.45**4)**40 = 0.81 (0.99 at 0.6), and a
# translation missed this way still joins its group through the original's other copies; every pair of
# one report in tests/data/reposts shares a band. Three rows a band found every pair too, but compared 12
# times more candidates on bench/bench_reposts.py's reports (1.25% of pairs against 0.09%).
ROWS = 4
BANDS = 40
NUM_PERM = ROWS * BANDS
# Reports published further apart than this are never versions of one report: farms repost and
# translate within days. It keeps templated bulletins of later weeks and yearly copies apart, and a
# store compares a new report only with the reports of its weeks.
WINDOW_DAYS = 30
# Fixed so that signatures stored today match those computed tomorrow.
MINHASH_SEED = 1

_WORD = re.compile(r"\w+")
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "»")
# A first line this short that does not end like a sentence is a headline, which copies change.
HEADLINE_MAX_WORDS = 25


@dataclass(slots=True, frozen=True)
class Fingerprint:
    """What a report is compared by: its lead (its words, one space apart) and the MinHash signature of
    the lead's content words."""

    lead: str
    signature: tuple[int, ...]

    def bands(self) -> list[int]:
        """One hash per band of the signature, as a signed 64-bit integer (an SQL BIGINT)."""
        out = []
        for band in range(BANDS):
            rows = self.signature[band * ROWS : (band + 1) * ROWS]
            digest = hashlib.blake2b(repr((band, rows)).encode("ascii"), digest_size=8).digest()
            out.append(int.from_bytes(digest, "big", signed=True))
        return out

    def signature_hex(self) -> str:
        """The signature as text: eight hexadecimal digits per value."""
        return "".join(f"{value:08x}" for value in self.signature)


def within_window(a: dt.date | None, b: dt.date | None) -> bool:
    """Whether two publication dates are close enough for one report to copy the other."""
    return a is not None and b is not None and abs((a - b).days) <= WINDOW_DAYS


@dataclass(slots=True, frozen=True)
class Report:
    """A report as grouping needs it: its id, publication date and fingerprint."""

    id: str
    published: dt.date | None
    fingerprint: Fingerprint


def lead_words(clean_text: str) -> list[str]:
    """The first LEAD_WORDS words of a cleaned text, after its headline."""
    lines = [line.strip() for line in clean_text.splitlines() if line.strip()]
    if len(lines) > 1 and len(lines[0].split()) <= HEADLINE_MAX_WORDS and not lines[0].endswith(_SENTENCE_END):
        lines = lines[1:]
    return _WORD.findall(" ".join(lines))[:LEAD_WORDS]


def fingerprint(clean_text: str) -> Fingerprint:
    """The fingerprint of a report's cleaned text (clean.clean(text).text)."""
    words = lead_words(clean_text)
    lowered = [w.lower() for w in words]
    content = {w for w in lowered if w not in STOP_WORDS} or set(lowered)
    minhash = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    minhash.update_batch([w.encode("utf-8") for w in sorted(content)])
    return Fingerprint(" ".join(words), tuple(int(v) for v in minhash.hashvalues))


def signature_from_hex(text: str) -> tuple[int, ...]:
    """The inverse of Fingerprint.signature_hex."""
    return tuple(int(text[i : i + 8], 16) for i in range(0, len(text), 8))


def grams(lead: str) -> set[str]:
    """The character 5-grams of a lead, lower-cased."""
    lowered = lead.lower()
    return {lowered[i : i + GRAM_CHARS] for i in range(max(1, len(lowered) - GRAM_CHARS + 1))}


def facts(lead: str) -> set[str]:
    """The names and numbers of a lead: its words that start with a capital or a digit, stop words
    ("The", "On") left out, lower-cased. A copy keeps them; a template filled in for another event does not."""
    return {w.lower() for w in lead.split() if (w[0].isupper() or w[0].isdigit()) and w.lower() not in STOP_WORDS}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of two leads' character 5-grams."""
    ga, gb = grams(a), grams(b)
    union = len(ga | gb)
    return len(ga & gb) / union if union else 0.0


def same_report(a: str, b: str, a_grams: set[str] | None = None) -> bool:
    """Whether two leads are versions of one report (`a_grams`: grams(a), when the caller has it)."""
    if not a or not b:
        return False
    ga = grams(a) if a_grams is None else a_grams
    gb = grams(b)
    union = len(ga | gb)
    if min(len(ga), len(gb)) < SHORT_LEAD_GRAMS:
        return len(ga & gb) / union >= SHORT_REPOST_JACCARD and facts(a) == facts(b)
    return len(ga & gb) / union >= REPOST_JACCARD


def first_published(reports: Iterable[Report]) -> Report:
    """The original of a group: the earliest published report (undated ones last), then the smallest id."""
    return min(reports, key=lambda r: (r.published is None, r.published or dt.date.min, r.id))


def group_reports(reports: Sequence[Report]) -> dict[str, str]:
    """Every report's original (its own id for an original), for reports held in memory: the same
    grouping a store makes one report at a time."""
    buckets: dict[tuple[int, int], list[int]] = {}
    for index, report in enumerate(reports):
        for band, value in enumerate(report.fingerprint.bands()):
            buckets.setdefault((band, value), []).append(index)
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    compared: set[tuple[int, int]] = set()
    for members in buckets.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if (i, j) in compared:
                    continue
                compared.add((i, j))
                if within_window(reports[i].published, reports[j].published) and \
                        same_report(reports[i].fingerprint.lead, reports[j].fingerprint.lead):
                    parent[root(i)] = root(j)
    groups: dict[int, list[Report]] = {}
    for index, report in enumerate(reports):
        groups.setdefault(root(index), []).append(report)
    originals: dict[str, str] = {}
    for group in groups.values():
        original = first_published(group).id
        originals.update((r.id, original) for r in group)
    return originals


@dataclass(slots=True, frozen=True)
class Origin:
    """Where a repost comes from: the original report and the outlets of both."""

    original: str
    outlet: str | None = None
    original_outlet: str | None = None


def summary(reposts: Sequence[Mapping[str, object]]) -> list[str]:
    """What an event shows of its reposts, one phrase per original: "3 reposts of one report by Reuters"."""
    by_original: dict[str, list[Mapping[str, object]]] = {}
    for item in reposts:
        by_original.setdefault(str(item["original"]), []).append(item)
    phrases = []
    for original, items in sorted(by_original.items()):
        count = len(items)
        outlet = items[0].get("original_outlet")
        noun = "repost" if count == 1 else "reposts"
        phrases.append(f"{count} {noun} of one report by {outlet}" if outlet else
                       f"{count} {noun} of report {original}")
    return phrases

"""Distinct ~500-word reports for the benchmarks, made from the team's development corpus.

Each report takes one conflict of tests/data/corpus, a headline of one of its long reports, and
paragraphs drawn at random from that conflict's long reports and short texts until it holds about
500 words. No two reports have the same text, so no cache of ours or spaCy's sees a text twice; all
the words are the team's own (tests/data/corpus/README.md), none a third party's.

    python bench/reports.py 300 > reports.jsonl    # JSON Lines that `warledger extract` reads
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
TARGET_WORDS = (480, 560)


def _rows(kind: str) -> list[dict[str, Any]]:
    rows = []
    for path in sorted((CORPUS / kind).glob("*.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


def reports(count: int, seed: int = 10) -> list[dict[str, Any]]:
    """`count` distinct reports as JSON Lines records (id, title, text, date), the same for a given seed."""
    paragraphs: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _rows("long"):
        titles[row["conflict"]].append((row.get("title") or "", row["pub_date"]))
        paragraphs[row["conflict"]].extend(p.strip() for p in row["text"].split("\n\n") if len(p.split()) >= 8)
    for row in _rows("short"):
        paragraphs[row["conflict"]].append(row["text"].strip())
    conflicts = sorted(titles)
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    while len(out) < count:
        conflict = conflicts[len(out) % len(conflicts)]
        title, published = rng.choice(titles[conflict])
        body: list[str] = []
        words = 0
        for paragraph in rng.sample(paragraphs[conflict], len(paragraphs[conflict])):
            size = len(paragraph.split())
            if words + size > TARGET_WORDS[1]:
                continue
            body.append(paragraph)
            words += size
            if words >= TARGET_WORDS[0]:
                break
        text = "\n\n".join(body)
        if text in seen:
            continue
        seen.add(text)
        out.append({"id": f"bench-{len(out):05d}", "title": title, "text": text, "date": published})
    return out


if __name__ == "__main__":
    for record in reports(int(sys.argv[1]) if len(sys.argv) > 1 else 300):
        print(json.dumps(record, ensure_ascii=False))

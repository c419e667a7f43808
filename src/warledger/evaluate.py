"""Check extracted events against an analyst's own hand-coded sample.

The gold format is described in docs/output-contract.md: one JSON object per report with its
events (date span, type, sides, place with a radius, fatalities). A system event stands for a gold
event of the same report when its best date falls in the gold span (one day of slack), the two
share a side, the event types are equal and the place lies within the gold radius (plus a
tolerance). Pairs are chosen greedily, closest first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from warledger.places import distance_km

# Kilometres added to a gold radius: geocoding the same town from two gazetteers differs this much.
RADIUS_TOLERANCE_KM = 15.0
DEFAULT_RADIUS_KM = 25.0
# Side codes that stand for the same party when matching (Karabakh forces are often called Armenian).
SAME_PARTY = {"NKR": "ARM"}


class EvaluationError(ValueError):
    """The gold or events file cannot be read."""


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as error:
                        raise EvaluationError(f"{path}:{number}: not JSON: {error.msg}") from None
    except OSError as error:
        raise EvaluationError(f"cannot read {path}: {error.strerror}") from None
    return rows


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _parties(codes: Any) -> set[str]:
    return {SAME_PARTY.get(str(c), str(c)) for c in codes or [] if c}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _meets(system: dict[str, Any], gold: dict[str, Any]) -> bool | None:
    """Whether a system event's day falls in the gold span (one day of slack) and the two share a side:
    None when they do not meet, else whether the day is inside the span itself."""
    best, start = _day(system.get("event_date")), _day(gold.get("date_start"))
    end = _day(gold.get("date_end")) or start
    if best is None or start is None or end is None:
        return None
    if not (start - dt.timedelta(days=1) <= best <= end + dt.timedelta(days=1)):
        return None
    gold_sides, system_sides = _parties(gold.get("sides")), _parties(system.get("sides"))
    if gold_sides and not (gold_sides & system_sides):
        return None
    return start <= best <= end


def _closeness(system: dict[str, Any], gold: dict[str, Any]) -> float | None:
    inside = _meets(system, gold)
    if inside is None:
        return None
    if (system.get("event_type") or "").lower() != (gold.get("event_type") or "").lower():
        return None
    score = 3.0 - (0.5 if not inside else 0.0)
    if gold.get("lat") is not None:
        if system.get("latitude") is None:
            return None
        distance = distance_km(system["latitude"], system["longitude"], gold["lat"], gold["lon"])
        if distance > gold.get("radius_km", DEFAULT_RADIUS_KM) + RADIUS_TOLERANCE_KM:
            return None
        score += 1.0 / (1.0 + distance / 25.0)
    subs = [s.lower() for s in _as_list(gold.get("sub_event_type"))]
    if (system.get("sub_event_type") or "").lower() in subs:
        score += 1.0
    return score


def evaluate(gold_rows: list[dict[str, Any]], system_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and field accuracies of system events against gold annotations."""
    for number, row in enumerate(gold_rows, 1):
        if "doc" not in row or not isinstance(row.get("events", []), list):
            raise EvaluationError(f"gold line {number}: needs 'doc' and an 'events' list (see docs/output-contract.md)")
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in system_rows:
        for doc in _as_list(event.get("sources")):
            by_doc[str(doc)].append(event)
    gold_docs = {row["doc"] for row in gold_rows}
    counts: dict[str, int] = defaultdict(int)
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    keys_of_event: dict[str, set[str]] = defaultdict(set)
    for row in gold_rows:
        golds = [g for g in row.get("events", [])]
        mine = by_doc.get(row["doc"], [])
        counts["system_mentions"] += len(mine)
        pairs = sorted(((score, i, j) for i, s in enumerate(mine) for j, g in enumerate(golds)
                        if (score := _closeness(s, g)) is not None), reverse=True)
        used_s: set[int] = set()
        used_g: set[int] = set()
        for _, i, j in pairs:
            if i in used_s or j in used_g:
                continue
            used_s.add(i)
            used_g.add(j)
            system, gold = mine[i], golds[j]
            counts["matched"] += 1
            keys_of_event[str(system.get("event_id"))].add(gold.get("key") or f"{row['doc']}#{j}")
            if gold.get("historical") or gold.get("optional"):
                continue
            subs = [s.lower() for s in _as_list(gold.get("sub_event_type"))]
            fields["sub_event_type"][0] += (system.get("sub_event_type") or "").lower() in subs
            fields["sub_event_type"][1] += 1
            if gold.get("fatalities") is not None:
                fields["fatalities"][0] += system.get("fatalities") == gold["fatalities"]
                fields["fatalities"][1] += 1
            elif system.get("fatalities"):
                counts["invented_fatalities"] += 1
        for j, gold in enumerate(golds):
            if gold.get("optional"):
                continue
            kind = "historical" if gold.get("historical") else "current"
            counts[f"{kind}_gold"] += 1
            counts[f"{kind}_found"] += j in used_g
    counts["system_mentions"] += sum(1 for e in system_rows
                                     if not set(map(str, _as_list(e.get("sources")))) & gold_docs)
    precision = counts["matched"] / counts["system_mentions"] if counts["system_mentions"] else 0.0
    recall = counts["current_found"] / counts["current_gold"] if counts["current_gold"] else 0.0
    all_keys = [k for ks in keys_of_event.values() for k in ks]
    return {
        "precision": round(precision, 3),
        "recall_current": round(recall, 3),
        "f1_current": round(2 * precision * recall / (precision + recall), 3) if precision and recall else 0.0,
        "recall_historical": round(counts["historical_found"] / counts["historical_gold"], 3)
        if counts["historical_gold"] else None,
        "duplicates": len(keys_of_event) - len(set(all_keys)) if keys_of_event else 0,
        "invented_fatalities": counts["invented_fatalities"],
        "fields": {k: {"accuracy": round(a / n, 3), "n": n} for k, (a, n) in sorted(fields.items()) if n},
        "counts": dict(counts),
    }


def render(report: dict[str, Any]) -> str:
    lines = [
        f"precision {report['precision']:.3f}  recall (current) {report['recall_current']:.3f}  "
        f"F1 {report['f1_current']:.3f}  recall (historical) {report['recall_historical']}",
        f"duplicates {report['duplicates']}  invented fatalities {report['invented_fatalities']}",
    ]
    for name, value in report["fields"].items():
        lines.append(f"  {name:16s} {value['accuracy']:.3f}  (n={value['n']})")
    return "\n".join(lines)


def _place_ok(system: dict[str, Any], gold: dict[str, Any]) -> bool:
    if gold.get("lat") is None:
        return True
    if system.get("latitude") is None:
        return False
    distance = distance_km(system["latitude"], system["longitude"], gold["lat"], gold["lon"])
    return distance <= gold.get("radius_km", DEFAULT_RADIUS_KM) + RADIUS_TOLERANCE_KM


def _same_event(system: dict[str, Any], gold: dict[str, Any]) -> float | None:
    """How well a system event stands for a gold one by date and sides, whatever its type and place: the
    reference scorer's loose matching. Where it happened is scored by the strict F1; a nearer place
    only breaks ties here."""
    inside = _meets(system, gold)
    if inside is None:
        return None
    subs = [s.lower() for s in _as_list(gold.get("sub_event_type"))]
    score = 1.0 - (0.25 if not inside else 0.0) + 0.5 * _place_ok(system, gold)
    score += 2.0 * ((system.get("sub_event_type") or "").lower() in subs)
    score += 1.0 * ((system.get("event_type") or "").lower() == (gold.get("event_type") or "").lower())
    return score


def by_sub_type(gold_rows: list[dict[str, Any]], system_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and F1 per ACLED sub-event type, and their support-weighted F1.

    A system event is paired with a gold event of its report by date and sides alone, so a
    found event with the wrong sub-type counts against both types (a miss for the gold's, a false
    alarm for the system's). Optional gold events neither count nor are counted against, and neither
    do background (historical) ones: the system event that stands for a background event the gold
    codes is scored by the historical recall, not here; one that stands for nothing is a false alarm.
    Also: the share of texts with events that give at least one event, and of texts with none that
    give none.
    """
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in system_rows:
        for doc in _as_list(event.get("sources")):
            by_doc[str(doc)].append(event)
    hits: dict[str, int] = defaultdict(int)
    false_alarms: dict[str, int] = defaultdict(int)
    support: dict[str, int] = defaultdict(int)
    texts = {"with_events": 0, "with_events_found": 0, "without_events": 0, "without_events_empty": 0}
    for row in gold_rows:
        background = [g for g in row.get("events", []) if g.get("historical")]
        golds = [g for g in row.get("events", []) if not g.get("historical")]
        mine = by_doc.get(row["doc"], [])
        required = [g for g in golds if not g.get("optional")]
        if required:
            texts["with_events"] += 1
            texts["with_events_found"] += bool(mine)
        elif not golds and not row.get("events"):
            texts["without_events"] += 1
            texts["without_events_empty"] += not mine
        pairs = sorted(((score, i, j) for i, s in enumerate(mine) for j, g in enumerate(golds)
                        if (score := _same_event(s, g)) is not None), reverse=True)
        used_s: set[int] = set()
        used_g: set[int] = set()
        paired: dict[int, int] = {}
        for _, i, j in pairs:
            if i not in used_s and j not in used_g:
                used_s.add(i)
                used_g.add(j)
                paired[j] = i
        for j, gold in enumerate(golds):
            if gold.get("optional"):
                continue
            label = str(_as_list(gold.get("sub_event_type"))[0])
            support[label] += 1
            if j not in paired:
                continue
            said = mine[paired[j]].get("sub_event_type") or ""
            if said.lower() in [s.lower() for s in _as_list(gold.get("sub_event_type"))]:
                hits[label] += 1
            else:
                false_alarms[said] += 1
        optional_pairs = {paired[j] for j, g in enumerate(golds) if g.get("optional") and j in paired}
        # the events left over that stand for the report's background events, one each
        told_before = sorted(((score, i, j) for i, s in enumerate(mine) if i not in used_s
                              for j, g in enumerate(background) if (score := _same_event(s, g)) is not None),
                             reverse=True)
        used_b: set[int] = set()
        for _, i, j in told_before:
            if i not in used_s and j not in used_b:
                used_s.add(i)
                used_b.add(j)
        for i, event in enumerate(mine):
            if i not in used_s and i not in optional_pairs:
                false_alarms[event.get("sub_event_type") or ""] += 1
    per_type: dict[str, dict[str, Any]] = {}
    for label in sorted(set(support) | set(false_alarms)):
        tp, fp, n = hits[label], false_alarms[label], support[label]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / n if n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        per_type[label] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                           "support": n, "predicted": tp + fp}
    total = sum(support.values())
    weighted = sum(per_type[t]["f1"] * support[t] for t in support) / total if total else 0.0
    return {
        "weighted_f1": round(weighted, 3),
        "per_type": per_type,
        "events_found": round(texts["with_events_found"] / texts["with_events"], 3) if texts["with_events"] else None,
        "no_event_kept_empty": round(texts["without_events_empty"] / texts["without_events"], 3)
        if texts["without_events"] else None,
        "texts": texts,
    }

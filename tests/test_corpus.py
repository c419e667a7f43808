"""The team's development corpus (tests/data/corpus) and the per-type scores `make eval` prints.

The corpus is data the extractor is steered by, so its shape is a contract: enough texts of every
ACLED sub-event type, from enough wars, split by conflict so that the held-out half never shares a war
with the half rules are tuned on.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from warledger import devcorpus
from warledger.devcorpus import CorpusError, census, check_line, label, load
from warledger.evaluate import by_sub_type
from warledger.pipeline import Pipeline
from warledger.records import SUB_EVENT_TYPES

ROOT = Path(__file__).parent / "data" / "corpus"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return load(ROOT)


@pytest.mark.issue(9)
def test_the_corpus_has_the_size_the_issue_asks_for(rows: list[dict]) -> None:
    counts = census(rows)["all"]
    assert counts["short_with_events"] >= 600
    assert counts["no_event_texts"] >= 150
    assert counts["long_reports"] >= 40
    assert counts["conflicts"] >= 12
    thin = {sub: n for sub, n in counts["sub_event_types"].items() if n < 20}
    assert thin == {}, f"sub-event types with fewer than 20 required events: {thin}"
    registers = set(counts["registers"])
    assert {"bulletin", "wire", "note", "local", "repost", "snippet", "report"} <= registers


@pytest.mark.issue(9)
def test_the_halves_share_no_conflict_and_both_cover_every_type(rows: list[dict]) -> None:
    splits = json.loads((ROOT / "splits.json").read_text(encoding="utf-8"))
    assert not set(splits["dev"]) & set(splits["heldout"])
    for half in ("dev", "heldout"):
        subs = Counter(label(e) for r in rows if r["split"] == half for e in r["events"] if not e.get("optional"))
        assert set(SUB_EVENT_TYPES) <= set(subs), f"{half} lacks {set(SUB_EVENT_TYPES) - set(subs)}"


@pytest.mark.issue(9)
def test_every_evidence_is_words_of_its_text(rows: list[dict]) -> None:
    def squeeze(text: str) -> str:
        return " ".join(text.replace("...", " ").split()).lower()

    missing = [r["doc"] for r in rows for e in r["events"]
               if not all(part.strip().lower() in squeeze(r["text"])
                          for part in e["evidence"].split("...") if part.strip())]
    assert missing == []


def test_a_malformed_line_is_named_with_its_problem() -> None:
    line = {"doc": "x-001", "conflict": "x", "register": "wire", "pub_date": "2024-01-02", "text": "A text.",
            "events": [{"key": "k", "historical": False, "date_start": "2024-01-05", "date_end": "2024-01-05",
                        "event_type": "Battles", "sub_event_type": "Air/drone strike", "sides": ["UKR"],
                        "actor1": None, "actor2": None, "location": "Kyiv", "country": "UKR", "lat": 50.45,
                        "lon": 30.52, "radius_km": 10, "fatalities": None, "fatalities_by_side": {},
                        "claimants": [], "evidence": "A text"}]}
    problems = check_line(line, "x.jsonl:1", long=False)
    assert any("belongs to 'Explosions/Remote violence'" in p for p in problems)
    assert any("after the text was published" in p for p in problems)


def test_a_corpus_with_a_bad_line_does_not_load(tmp_path: Path) -> None:
    (tmp_path / "short").mkdir()
    (tmp_path / "long").mkdir()
    (tmp_path / "splits.json").write_text('{"dev": ["x"], "heldout": []}', encoding="utf-8")
    (tmp_path / "short" / "x.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not JSON"):
        load(tmp_path)


def _gold(doc: str, sub: str, kind: str, **extra: object) -> dict:
    event = {"date_start": "2024-03-05", "date_end": "2024-03-05", "event_type": kind, "sub_event_type": sub,
             "sides": ["UKR"], "lat": 50.0, "lon": 36.23, "radius_km": 10, **extra}
    return {"doc": doc, "events": [event]}


def _system(doc: str, sub: str, kind: str, lat: float = 50.0) -> dict:
    return {"sources": [doc], "event_date": "2024-03-05", "event_type": kind, "sub_event_type": sub,
            "sides": ["UKR", "RUS"], "latitude": lat, "longitude": 36.23}


def test_a_found_event_of_the_wrong_sub_type_counts_against_both_types() -> None:
    gold = [_gold("a", "Air/drone strike", "Explosions/Remote violence"),
            _gold("b", "Air/drone strike", "Explosions/Remote violence"),
            {"doc": "c", "events": []}]
    system = [_system("a", "Air/drone strike", "Explosions/Remote violence"),
              _system("b", "Shelling/artillery/missile attack", "Explosions/Remote violence"),
              _system("c", "Armed clash", "Battles")]
    report = by_sub_type(gold, system)
    air = report["per_type"]["Air/drone strike"]
    assert (air["precision"], air["recall"], air["support"]) == (1.0, 0.5, 2)
    assert report["per_type"]["Shelling/artillery/missile attack"]["precision"] == 0.0
    assert report["per_type"]["Armed clash"]["predicted"] == 1
    assert report["weighted_f1"] == pytest.approx(0.667, abs=0.001)
    assert report["events_found"] == 1.0
    assert report["no_event_kept_empty"] == 0.0


def test_the_type_is_scored_wherever_the_event_was_placed() -> None:
    # placing is the strict F1's business; of two events, the nearer one is paired
    gold = [_gold("a", "Air/drone strike", "Explosions/Remote violence")]
    system = [_system("a", "Shelling/artillery/missile attack", "Explosions/Remote violence", lat=48.0),
              _system("a", "Air/drone strike", "Explosions/Remote violence", lat=50.0)]
    report = by_sub_type(gold, system)
    assert report["per_type"]["Air/drone strike"]["recall"] == 1.0
    assert report["per_type"]["Shelling/artillery/missile attack"]["precision"] == 0.0
    wrong_day = [dict(system[1], event_date="2024-03-09")]
    assert by_sub_type(gold, wrong_day)["per_type"]["Air/drone strike"]["recall"] == 0.0


def test_a_background_event_told_is_neither_hit_nor_false_alarm() -> None:
    # the gold codes a background battle of 1992 and today's strike; the system gives both, and a
    # background shelling the gold does not have
    gold = _gold("a", "Air/drone strike", "Explosions/Remote violence")
    gold["events"].append({**gold["events"][0], "historical": True, "date_start": "1992-02-26",
                           "date_end": "1992-02-26", "event_type": "Battles", "sub_event_type": "Armed clash"})
    system = [_system("a", "Air/drone strike", "Explosions/Remote violence"),
              dict(_system("a", "Armed clash", "Battles"), event_date="1992-02-26", historical=True),
              dict(_system("a", "Shelling/artillery/missile attack", "Explosions/Remote violence"),
                   event_date="1994-05-01", historical=True)]
    report = by_sub_type([gold], system)
    assert "Armed clash" not in report["per_type"]  # scored by the historical recall, not here
    assert report["per_type"]["Shelling/artillery/missile attack"]["predicted"] == 1  # stands for nothing
    assert report["per_type"]["Air/drone strike"]["f1"] == 1.0


@pytest.mark.issue(9)
def test_out_of_fold_scores_each_fold_with_a_model_that_never_saw_its_wars(
        rows: list[dict], pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    dev_wars = sorted({r["conflict"] for r in rows if r["split"] == "dev"})[:4]
    few = [r for war in dev_wars for r in [x for x in rows if x["conflict"] == war and not x["long"]][:12]]
    held_out = [r for r in rows if r["split"] == "heldout" and not r["long"] and r["events"]][:3]
    trained_on: list[set[str]] = []
    extracted_from: list[set[str]] = []
    train, extract = devcorpus.train_classifier, devcorpus.extract

    def spy_train(part: list[dict], out: Path) -> int:
        trained_on.append({r["conflict"] for r in part if r["split"] == "dev"})
        return train(part, out)

    def spy_extract(part: list[dict], used: Pipeline) -> list[dict]:
        extracted_from.append({r["conflict"] for r in part})
        return extract(part, used)

    monkeypatch.setattr(devcorpus, "train_classifier", spy_train)
    monkeypatch.setattr(devcorpus, "extract", spy_extract)
    packaged = pipeline.classifier
    events = devcorpus.out_of_fold(few + held_out, pipeline, folds=2)
    assert pipeline.classifier is packaged
    assert [a & b for a, b in zip(trained_on, extracted_from, strict=True)] == [set(), set()]
    assert set().union(*extracted_from) == set(dev_wars)
    held_out_docs = {r["doc"] for r in held_out}
    assert events and not any(held_out_docs & set(e["sources"]) for e in events)

"""Issue 12, done when: reposts found at ingest against the store, in any order, and each event's
corroboration in the store, its filter, the CLI and the API; on SQLite and PostgreSQL.

The corpus is built here, in our own words: one report of a shelling near Tegh, three reposts of it by
content farms (new titles, ads and boilerplate), a light rewrite of it, a second report written on its
own by another outlet in its own voice, and a report that carries the other side's denial.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

import pytest
from conftest import RunCli, live_server

from warledger.api import Settings
from warledger.ingest import ingest_documents
from warledger.pipeline import Pipeline
from warledger.records import Document
from warledger.store import EventFilter, Store, StoreError

LEAD = [
    "Azerbaijani forces shelled Armenian army positions near the village of Tegh in Syunik province on Monday "
    "evening, killing two Armenian soldiers, Armenia's defence ministry said on Tuesday.",
    "The shelling began at about 9 pm and went on for nearly two hours, with mortars and large-calibre machine "
    "guns firing at posts on the eastern edge of the village, the ministry said.",
    "It named the dead as two conscripts serving their first year and said three wounded soldiers had been "
    "taken to a hospital in Goris, where their condition was stable.",
    "Residents of Tegh told local television that several houses near the border road had broken windows and "
    "that families had spent the night in basements.",
]
FARM = ("[ad_1]\n\nAdvertisement\n\nAlso read: Seven simple habits that quietly drain your phone battery\n\n"
        "Disclaimer: This story is auto-aggregated by a computer program and has not been created or edited "
        "by our staff.\n\nFollow us on Telegram for the latest updates\n\nTags: world, news, conflict")
REWRITE = (
    "Armenia's defence ministry said on Tuesday that Azerbaijani forces shelled Armenian army positions near "
    "the village of Tegh in Syunik province on Monday evening, killing two Armenian soldiers.\n\n"
    "According to the ministry, the shelling started at around 9 pm and lasted almost two hours, with mortars "
    "and large-calibre machine guns firing at posts on the eastern edge of the village.\n\n"
    "The dead were two conscripts in their first year of service, the ministry said, and three wounded "
    "soldiers were taken to hospital in Goris, where they were in a stable condition.\n\n"
    "Residents of Tegh told local television that several houses near the border road had their windows "
    "broken and that families spent the night in basements.")
OWN_ACCOUNT = (
    "Azerbaijani forces shelled Armenian army positions near Tegh on Monday evening.\n\n"
    "Explosions shook the village for almost two hours and lit up the hills to the east, and the glass of "
    "several houses by the border road was blown out. Families from the border streets slept in the school "
    "basement, and on Tuesday morning craters could be seen in the fields beyond the last houses.")
DENIAL = (
    "Armenia's defence ministry accused Azerbaijani forces of shelling Armenian positions near Tegh on Monday "
    "evening.\n\n"
    "Azerbaijan's defence ministry said the information that its units fired on Armenian positions near Tegh "
    "does not correspond to reality.")
TITLES = ["BREAKING: Deadly border shelling - what we know so far", "You won't believe what happened on the border",
          "Border news: the full story"]


def corpus(with_denial: bool = True) -> list[Document]:
    monday = dt.date(2023, 4, 10)
    day = dt.timedelta(days=1)
    text = "\n\n".join(LEAD)
    documents = [Document("tegh-report", "Two soldiers killed in shelling near Tegh\n\n" + text, monday + day,
                          outlet="Caucasus Monitor")]
    for number, title in enumerate(TITLES, 1):
        half = len(LEAD) // 2
        farm_text = (title + "\n\n" + FARM.split("\n\nAlso")[0] + "\n\n" + "\n\n".join(LEAD[:half])
                     + "\n\nAdvertisement\n\n" + "\n\n".join(LEAD[half:]) + "\n\n" + FARM)
        documents.append(Document(f"farm-copy-{number}", farm_text, monday + 2 * day, outlet=f"farm{number}.example"))
    documents.append(Document("rewrite", "Armenia says two soldiers died in shelling\n\n" + REWRITE, monday + 2 * day,
                              outlet="newsroundup.example"))
    documents.append(Document("own-account", OWN_ACCOUNT, monday + day, outlet="Eurasia Wire"))
    if with_denial:
        documents.append(Document("denial", DENIAL, monday + day, outlet="Baku Post"))
    return documents


COPIES = ["farm-copy-1", "farm-copy-2", "farm-copy-3", "rewrite"]


def _ingest(store: Store, pipeline: Pipeline, documents: Sequence[Document], batch_size: int = 100) -> None:
    ingest_documents(pipeline, store, documents, batch_size=batch_size)


def _events(store: Store) -> list[dict[str, Any]]:
    return store.query(EventFilter())


def _tegh(events: list[dict[str, Any]]) -> dict[str, Any]:
    [event] = [e for e in events if e["location"] == "Tegh" and e["event_type"] == "Explosions/Remote violence"]
    return event


@pytest.mark.issue(12)
def test_one_report_its_copies_an_independent_report_and_a_denial(pipeline: Pipeline, store_url: str) -> None:
    with Store.open(store_url) as store:
        _ingest(store, pipeline, corpus())
        events = _events(store)
    event = _tegh(events)
    # one original of the copied report; the independent report and the denial's report are sources of their own
    assert event["sources"] == ["denial", "own-account", "tegh-report"]
    assert [(r["document"], r["original"]) for r in event["reposts"]] == [(c, "tegh-report") for c in COPIES]
    assert {r["original_outlet"] for r in event["reposts"]} == {"Caucasus Monitor"}
    assert "4 reposts of one report by Caucasus Monitor" in event["notes"]
    # the copies' sentences and claims are not shown again
    assert {e["source"] for e in event["evidence"]} <= {"denial", "own-account", "tegh-report"}
    assert {c["source"] for c in event["claims"]} <= {"denial", "own-account", "tegh-report"}
    # Azerbaijan denies what Armenia says and a report of its own confirms: disputed
    assert [c["claimant"] for c in event["claims"] if c["denies"]] == ["Ministry of Defence of Azerbaijan"]
    assert event["corroboration"] == "disputed"
    # no other event cites a copy as a source
    assert all(not set(e["sources"]) & set(COPIES) for e in events)


@pytest.mark.issue(12)
def test_without_the_denial_an_outlets_own_account_makes_it_independent(pipeline: Pipeline, store_url: str) -> None:
    with Store.open(store_url) as store:
        _ingest(store, pipeline, corpus(with_denial=False))
        event = _tegh(_events(store))
        assert event["corroboration"] == "independent"
        assert event["sources"] == ["own-account", "tegh-report"]
        assert store.query(EventFilter(corroboration="independent")) == [event]
        assert store.query(EventFilter(corroboration="disputed")) == []


@pytest.mark.issue(12)
def test_the_report_and_its_copies_alone_are_one_party(pipeline: Pipeline, store_url: str) -> None:
    """Four copies of what Armenia's ministry says are still only Armenia saying it."""
    with Store.open(store_url) as store:
        _ingest(store, pipeline, [d for d in corpus(with_denial=False) if d.id != "own-account"])
        event = _tegh(_events(store))
    assert event["corroboration"] == "one party"
    assert event["sources"] == ["tegh-report"] and len(event["reposts"]) == 4


ORDERS = {
    "reversed": lambda items: list(reversed(items)),
    "shuffled 1": lambda items: random.Random(1).sample(items, len(items)),
    "shuffled 2": lambda items: random.Random(2).sample(items, len(items)),
}


@pytest.mark.issue(12)
@pytest.mark.parametrize("order", list(ORDERS))
def test_one_by_one_in_any_order_gives_the_events_of_all_at_once(pipeline: Pipeline, new_store_url: Any,
                                                                 order: str) -> None:
    """The original arriving after its copies becomes the original all the same, and the events are those
    of one ingest of everything."""
    with Store.open(new_store_url()) as store:
        _ingest(store, pipeline, corpus())
        expected = _events(store)
    with Store.open(new_store_url()) as store:
        for document in ORDERS[order](corpus()):
            _ingest(store, pipeline, [document])
        assert _events(store) == expected
        originals = dict(store._execute("SELECT document_id, original_id FROM document_fingerprints").fetchall())
    assert {d: o for d, o in originals.items() if d != o} == {c: "tegh-report" for c in COPIES}


@pytest.mark.issue(12)
def test_an_earlier_copy_found_later_becomes_the_original(pipeline: Pipeline, store_url: str) -> None:
    documents = corpus(with_denial=False)
    report = next(d for d in documents if d.id == "tegh-report")
    earlier = Document("early-scoop", report.text, report.published - dt.timedelta(days=1), outlet="Scoop Daily")
    with Store.open(store_url) as store:
        _ingest(store, pipeline, documents)
        _ingest(store, pipeline, [earlier])
        event = _tegh(_events(store))
    assert event["sources"] == ["early-scoop", "own-account"]
    assert sorted(r["document"] for r in event["reposts"]) == sorted([*COPIES, "tegh-report"])
    assert {r["original"] for r in event["reposts"]} == {"early-scoop"}
    assert "5 reposts of one report by Scoop Daily" in event["notes"]


@pytest.mark.issue(12)
def test_a_report_stored_again_with_other_text_leaves_its_group(pipeline: Pipeline, store_url: str) -> None:
    documents = corpus(with_denial=False)
    with Store.open(store_url) as store:
        _ingest(store, pipeline, documents)
        other_story = ("Hundreds of people marched through central Yerevan on Tuesday evening to demand that the "
                       "government publish the terms of the border talks, and the march ended without incident.")
        changed = Document("tegh-report", "Yerevan march\n\n" + other_story, dt.date(2023, 4, 11),
                           outlet="Caucasus Monitor")
        _ingest(store, pipeline, [changed])
        originals = dict(store._execute("SELECT document_id, original_id FROM document_fingerprints").fetchall())
        event = _tegh(_events(store))
    # the copies stay one report, now without it: the earliest of them is their original
    assert {d: originals[d] for d in COPIES} == {c: "farm-copy-1" for c in COPIES}
    assert originals["tegh-report"] == "tegh-report"
    assert "farm-copy-1" in event["sources"]


@pytest.mark.issue(12)
def test_a_store_from_before_reposts_is_fingerprinted_by_its_migration(pipeline: Pipeline, store_url: str) -> None:
    documents = corpus(with_denial=False)
    with Store.open(store_url) as store:
        _ingest(store, pipeline, documents)
        expected = _events(store)
        # what an older version left: no fingerprints, and the migration not applied
        store._execute("DELETE FROM fingerprint_bands")
        store._execute("DELETE FROM document_fingerprints")
        store._execute("DELETE FROM migrations WHERE name = '0007_reposts'")
        store._execute("DROP TABLE fingerprint_bands")
        store._execute("DROP TABLE document_fingerprints")
        store._execute("DROP INDEX events_by_corroboration")
        store._execute("ALTER TABLE events DROP COLUMN corroboration")
    with Store.open(store_url) as store:
        originals = dict(store._execute("SELECT document_id, original_id FROM document_fingerprints").fetchall())
        assert {d: o for d, o in originals.items() if d != o} == {c: "tegh-report" for c in COPIES}
        # the next ingest merges every stored cluster again, and the rows are those of a new store
        _ingest(store, pipeline, [Document("unrelated", "Nothing happened.", dt.date(2023, 5, 1))])
        assert _events(store) == expected


def test_an_unknown_corroboration_filter_is_refused(store_url: str) -> None:
    with Store.open(store_url) as store, pytest.raises(StoreError, match="unknown corroboration 'sure'"):
        store.query(EventFilter(corroboration="sure"))


@pytest.mark.issue(12)
def test_events_command_and_api_filter_by_corroboration(pipeline: Pipeline, run_cli: RunCli, tmp_path: Any) -> None:
    db = str(tmp_path / "store.db")
    with Store.open(db) as store:
        _ingest(store, pipeline, corpus())
    result = run_cli("events", "--db", db, "--corroboration", "disputed", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["location"] for r in rows] == ["Tegh"] and rows[0]["corroboration"] == "disputed"
    assert run_cli("events", "--db", db, "--corroboration", "independent", "--format", "jsonl").stdout == ""
    result = run_cli("events", "--db", db, "--corroboration", "sure")
    assert result.exit_code == 2 and "'sure' is not one of" in result.output
    result = run_cli("events", "--db", db, "--format", "csv")
    header, *lines = result.stdout.splitlines()
    assert "corroboration" in header.split(",") and "reposts" in header.split(",")
    with live_server(Settings(db=db)) as url:
        with urllib.request.urlopen(f"{url}/api/events?corroboration=disputed", timeout=60) as response:
            page = json.loads(response.read())
        assert [e["location"] for e in page["events"]] == ["Tegh"]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{url}/api/events?corroboration=sure", timeout=60)
        assert refused.value.code in (400, 422)


@pytest.mark.issue(12)
def test_extract_finds_the_reposts_among_its_inputs(run_cli: RunCli, tmp_path: Any) -> None:
    """`extract` (no store of the user's) writes the same reposts and corroboration into its JSON Lines."""
    inputs = tmp_path / "reports.jsonl"
    inputs.write_text("".join(json.dumps({"id": d.id, "date": str(d.published), "outlet": d.outlet, "text": d.text})
                              + "\n" for d in corpus()), encoding="utf-8")
    written = [json.loads(line) for line in run_cli("extract", inputs).stdout.splitlines()]
    event = _tegh(written)
    assert event["sources"] == ["denial", "own-account", "tegh-report"]
    assert [r["document"] for r in event["reposts"]] == COPIES
    assert event["corroboration"] == "disputed"


@pytest.mark.issue(12)
def test_the_brief_shows_the_original_its_reposts_and_the_dispute(pipeline: Pipeline, store_url: str) -> None:
    """Done when: the brief over the corpus above shows its one original, the copies traced to it and the
    status the texts warrant."""
    from warledger.brief import build_brief, render_markdown

    with Store.open(store_url) as store:
        _ingest(store, pipeline, corpus())
        event = _tegh(_events(store))
        brief = build_brief(store, EventFilter(since=dt.date(2023, 4, 1), until=dt.date(2023, 4, 30)))
    assert brief.corroboration.get("disputed", 0) >= 1
    [group] = [g for g in brief.reposts if g.original == "tegh-report"]
    assert sorted(group.copies) == COPIES
    markdown = render_markdown(brief)
    assert "4 reposts of one report by Caucasus Monitor" in markdown
    assert event["corroboration"] == "disputed"

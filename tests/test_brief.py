"""The brief (`warledger brief`), made for real from a store the tests build from the project's examples.

The PDF is read back the way a person would see it: poppler's pdftoppm turns its pages into pictures,
which must exist and not be blank, and pdftotext gives its words, which must hold the headline numbers
that the stored events add up to. Without pango or poppler-utils those checks are skipped, saying why,
except under CI (the CI variable set), where .ci/run installs them and their absence is a failure
(brief_support.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from brief_support import PDFTOPPM, PDFTOTEXT, requires_pdf_libraries, requires_poppler
from conftest import REPOSITORY, RunCli
from PIL import Image, ImageStat

from warledger.brief import build_brief, render_html, render_markdown
from warledger.store import EventFilter, Store

EXAMPLES = REPOSITORY / "examples"
PERIOD = ("--since", "2023-01-01", "--until", "2025-12-31")
SINCE, UNTIL = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
# The map's sea colour (brief_charts.map_png): a page showing the map has many pixels of it.
SEA = (0xDF, 0xEA, 0xF2)


def assert_one_error_line(stderr: str, *words: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warledger: error: "), stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(scope="module")
def examples_store(run_cli: RunCli, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's example reports through the real pipeline into a store; tests only read it."""
    db = tmp_path_factory.mktemp("brief") / "examples.db"
    result = run_cli("ingest", EXAMPLES, "--db", db)
    assert result.exit_code == 0, result.stderr
    return db


def stored_events(db: Path) -> list[dict[str, Any]]:
    with Store.open(str(db)) as store:
        return store.query()


def in_period(events: list[dict[str, Any]], historical: bool) -> list[dict[str, Any]]:
    return [e for e in events if e["historical"] is historical
            and SINCE.isoformat() <= e["event_date"] <= UNTIL.isoformat()]


def expected_headline(current: list[dict[str, Any]]) -> str:
    deaths = sum(e["fatalities"] or 0 for e in current)
    return (f"{len(current)} event{'' if len(current) == 1 else 's'}, "
            f"{deaths} death{'' if deaths == 1 else 's'} by the lowest credible figures")


def test_the_pdf_has_pages_that_are_not_blank_and_the_headline_numbers(run_cli: RunCli, examples_store: Path,
                                                                       tmp_path: Path) -> None:
    requires_pdf_libraries()
    requires_poppler()
    events = stored_events(examples_store)
    current, background = in_period(events, False), in_period(events, True)
    # the examples tell background events inside the period too: the brief must leave them out
    assert current and background
    pdf = tmp_path / "brief.pdf"
    result = run_cli("brief", "--db", examples_store, *PERIOD, "-o", pdf)
    assert result.exit_code == 0, result.stderr
    assert f"brief of {len(current)} events written to {pdf}" in result.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")

    subprocess.run([str(PDFTOPPM), "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2  # the numbers, map and chart, then the main events
    for page in pages:
        with Image.open(page) as image:
            grey = image.convert("L")
            assert ImageStat.Stat(grey).var[0] > 100, f"{page.name} is blank"
    with Image.open(pages[0]) as first:
        colours = first.convert("RGB").getcolors(maxcolors=1 << 20) or []
    sea = sum(n for n, rgb in colours if all(abs(a - b) <= 6 for a, b in zip(rgb, SEA, strict=True)))
    assert sea > 0.02 * first.width * first.height, "the first page has no map"

    text = " ".join(subprocess.run([str(PDFTOTEXT), str(pdf), "-"], check=True, capture_output=True, text=True,
                                   timeout=120).stdout.split())
    assert expected_headline(current) in text
    disputed = sum(1 for e in current if e["disputed"])
    assert f"{disputed} with disputed figures" in text
    assert f"{len(background)} background event" in text
    assert "Conflict brief · 1 Jan 2023 – 31 Dec 2025" in text
    # the main events: the Uri clash with each army's figure for Indian losses side by side
    uri = next(e for e in current if e["location"] == "Uri")
    assert uri["disputed"]
    assert "Military Forces of Pakistan Military Forces of India" in text or \
        "Military Forces of India Military Forces of Pakistan" in text
    assert "IND disputed" in text


def test_background_deaths_never_reach_the_headline(examples_store: Path, tmp_path: Path) -> None:
    with Store.open(str(examples_store)) as source:
        documents = list(source.documents())
        events = source.query()
    background = next(e for e in events if e["historical"])
    # a background war with a death toll, dated inside the period: still left out of every number
    loud = background | {"fatalities": 5000, "fatalities_by_side": {"ARM": 5000}, "event_date": "2024-06-01"}
    rows = [loud if e["event_id"] == background["event_id"] else e for e in events]
    current = [e for e in rows if not e["historical"] and SINCE.isoformat() <= e["event_date"] <= UNTIL.isoformat()]
    with Store.open(str(tmp_path / "loud.db")) as store:
        store.save_batch(documents, rows)
        brief = build_brief(store, EventFilter(since=SINCE, until=UNTIL))
        # the brief is of current events whatever the view asked for
        background_view = build_brief(store, EventFilter(since=SINCE, until=UNTIL, historical=True))
    assert brief.events == len(current)
    assert brief.deaths == sum(e["fatalities"] or 0 for e in current) < 5000
    assert "ARM" not in brief.deaths_by_side or brief.deaths_by_side["ARM"] < 5000
    assert brief.background == sum(1 for e in rows if e["historical"]
                                   and SINCE.isoformat() <= e["event_date"] <= UNTIL.isoformat())
    assert background["event_id"] not in {e["event_id"] for e in brief.main}
    assert (background_view.events, background_view.deaths) == (brief.events, brief.deaths)


def test_corroboration_and_reposts_are_shown_when_the_events_carry_them(examples_store: Path,
                                                                        tmp_path: Path) -> None:
    """The events gain `corroboration` and `reposts` from the store (issue 12, items 1 and 2); the brief
    counts the one and traces the other to its original report."""
    with Store.open(str(examples_store)) as source:
        documents = list(source.documents())
        events = source.query()
    uri = next(e for e in events if e["location"] == "Uri" and not e["historical"])
    original = uri["sources"][0]
    copies = [dataclasses.replace(documents[0], id=f"farm-{n}.txt", outlet=f"Content Farm {n}",
                                  title=f"SHOCKING: Kashmir clash ({n})", url=None) for n in (1, 2, 3)]
    statuses = iter(["independent", "one party", "one party", "both parties", "disputed"] * 4)
    rows = []
    for event in events:
        event = event | {"corroboration": next(statuses)}
        if event["event_id"] == uri["event_id"]:
            event |= {"corroboration": "disputed", "sources": sorted([original, *(c.id for c in copies)]),
                      "reposts": [{"document": c.id, "original": original, "outlet": c.outlet} for c in copies]}
        rows.append(event)
    with Store.open(str(tmp_path / "reposts.db")) as store:
        store.save_batch([*documents, *copies], rows)
        brief = build_brief(store, EventFilter(since=SINCE, until=UNTIL))
    current = [e for e in rows if not e["historical"] and SINCE.isoformat() <= e["event_date"] <= UNTIL.isoformat()]
    expected: dict[str, int] = {}
    for event in current:
        expected[event["corroboration"]] = expected.get(event["corroboration"], 0) + 1
    assert brief.corroboration == expected
    [group] = brief.reposts
    assert (group.original, group.copies) == (original, ("farm-1.txt", "farm-2.txt", "farm-3.txt"))
    markdown = render_markdown(brief)
    assert "Corroboration: " + ", ".join(f"{s} {n}" for s, n in brief.corroboration.items()) in markdown
    assert "3 reposts of one report by Example Wire" in markdown
    assert "repost of kashmir-uri-clash.txt" in markdown
    page = render_html(brief)
    assert "3 reposts of one report by Example Wire" in page
    assert "source reports (3 of them reposts)" in page
    assert '<span class="badge status">disputed</span>' in page


def test_the_html_is_self_contained_and_shows_report_markup_as_text(run_cli: RunCli, example_db: Path,
                                                                    tmp_path: Path) -> None:
    """example_db holds the examples and a report whose outlet, title and text carry markup and script."""
    page_file = tmp_path / "brief.html"
    result = run_cli("brief", "--db", example_db, "-o", page_file)
    assert result.exit_code == 0, result.stderr
    page = page_file.read_text(encoding="utf-8")
    assert page.count("<img ") == 2 and page.count('src="data:image/png;base64,') == 2
    assert "<script" not in page and "http" not in page.split("<h2>Sources</h2>")[0]
    assert "&lt;script&gt;window.__pwned" in page
    assert "Example &lt;b&gt;Bold&lt;/b&gt; News" in page
    assert "<b>Bold</b>" not in page
    # sources link to the web only: the hostile report's javascript: URL stays text
    assert '<a href="https://example-wire.invalid/asia/kashmir-uri-clash">' in page
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page


def test_markdown_gets_its_pictures_beside_it(run_cli: RunCli, examples_store: Path, tmp_path: Path) -> None:
    result = run_cli("brief", "--db", examples_store, "--country", "UKR", "-o", tmp_path / "week.md")
    assert result.exit_code == 0, result.stderr
    markdown = (tmp_path / "week.md").read_text(encoding="utf-8")
    for name in ("week-map.png", "week-timeline.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert f"]({name})" in markdown
    ukraine = [e for e in stored_events(examples_store) if e["country"] == "UKR" and not e["historical"]]
    assert ukraine
    assert markdown.startswith("# Conflict brief · UKR · ")
    assert f"**{expected_headline(ukraine)}" in markdown
    assert markdown.count("\n### ") == len(ukraine)


@pytest.mark.parametrize(("args", "words"), [
    (("-o", "brief.docx"), ("the brief is written as .md, .html or .pdf", "not .docx")),
    (("-o", "brief"), ("chosen by the file's suffix, and this name has none",)),
    (("--since", "2025-02-01", "--until", "2025-01-01", "-o", "brief.md"), ("is after --until",)),
    (("--since", "last week", "-o", "brief.md"), ("not a date in the form YYYY-MM-DD",)),
])
def test_bad_options_are_one_line_and_write_nothing(run_cli: RunCli, examples_store: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...],
                                                   words: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("brief", "--db", examples_store, *args)
    assert result.exit_code in (1, 2)
    if result.exit_code == 1:
        assert_one_error_line(result.stderr, *words)
    else:  # click's own usage error for a malformed value
        assert all(word in result.stderr for word in words)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_store_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("brief", "--db", tmp_path / "missing.db", "-o", tmp_path / "brief.md")
    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "no store at", "warledger ingest")
    assert list(tmp_path.iterdir()) == []


def test_missing_pdf_libraries_are_one_line_saying_what_to_install(examples_store: Path, tmp_path: Path) -> None:
    """A machine without pango: the dynamic loader finds broken copies of the libraries first."""
    broken = tmp_path / "lib"
    broken.mkdir()
    for name in ("libgobject-2.0.so.0", "libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz.so.0",
                 "libfontconfig.so.1"):
        (broken / name).write_bytes(b"not a library")
    env = os.environ | {"LD_LIBRARY_PATH": str(broken)}
    done = subprocess.run([sys.executable, "-c", "from warledger.cli import main; main()", "brief", "--db",
                           str(examples_store), "-o", str(tmp_path / "brief.pdf")],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1
    assert done.stdout == ""
    assert_one_error_line(done.stderr, "the PDF needs system libraries that are missing",
                          "apt-get install libpango-1.0-0", "make brief-deps")
    assert not (tmp_path / "brief.pdf").exists()

"""Tests for the read stage: every input kind, every way an input can be bad."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from warledger.read import MAX_INPUT_BYTES, date_from_text, parse_date, read_inputs
from warledger.records import Document, Skipped

REPORT = (
    "Shelling hits the river port\n"
    "\n"
    "Artillery fire struck the river port on Tuesday night, the regional administration said.\n"
    "Two warehouses burned and one guard was wounded, according to the port authority.\n"
)

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Convoy crosses into the valley | Highland Ledger</title>
<meta property="og:title" content="Convoy crosses into the valley">
<meta property="og:url" content="https://www.highlandledger.example/world/convoy-valley">
<meta property="og:site_name" content="Highland Ledger">
<meta property="article:published_time" content="2022-09-14T08:15:00+03:00">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">Highland Ledger</div></header>
<main>
<article>
<h1>Convoy crosses into the valley</h1>
<p>A column of armoured vehicles crossed the bridge into the valley on Wednesday morning, local officials
said, a day after the two sides agreed to a pause in the fighting around the reservoir.</p>
<p>The officials said the convoy carried engineers who were to clear mines from the road to the dam.
Residents of the nearest village watched the vehicles pass and said the shelling had stopped overnight.</p>
<p>A spokesman for the defence ministry said the engineers would stay in the valley for at least a week and
that observers from a neutral country were expected to arrive on Friday to monitor the pause.</p>
</article>
</main>
<aside><h3>Most read</h3><ul><li><a href="/a">Ten tips for a cosy winter kitchen</a></li></ul></aside>
<footer><p>Copyright 2022 Highland Ledger. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a></p></footer>
</body>
</html>
"""


def read_all(*inputs: str | Path, **options: object) -> list[Document | Skipped]:
    return list(read_inputs([str(item) for item in inputs], **options))  # type: ignore[arg-type]


def only_document(results: list[Document | Skipped]) -> Document:
    assert len(results) == 1, results
    assert isinstance(results[0], Document), results[0]
    return results[0]


def only_skipped(results: list[Document | Skipped]) -> Skipped:
    assert len(results) == 1, results
    assert isinstance(results[0], Skipped), results[0]
    return results[0]


# --- plain text ----------------------------------------------------------------------------------


def test_text_with_sidecar_takes_date_and_metadata_from_it(tmp_path: Path) -> None:
    article = tmp_path / "port.txt"
    article.write_text(REPORT, encoding="utf-8")
    sidecar = {
        "date_publish": "2022-09-14 10:31:00",
        "url": "https://www.rivernews.example/port-shelling",
        "language": "en",
    }
    (tmp_path / "port.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")

    doc = only_document(read_all(article, default_date=dt.date(2023, 1, 1)))

    assert doc.id == "port.txt"
    assert doc.published == dt.date(2022, 9, 14)
    assert doc.published_source == "sidecar"  # the sidecar wins over --date
    assert doc.url == "https://www.rivernews.example/port-shelling"
    assert doc.outlet == "rivernews.example"
    assert doc.language == "en"
    assert doc.title == "Shelling hits the river port"
    assert doc.origin == str(article)
    assert doc.text == REPORT


def test_sidecar_named_after_the_stem_is_found_and_its_title_and_outlet_win(tmp_path: Path) -> None:
    (tmp_path / "port.txt").write_text(REPORT, encoding="utf-8")
    sidecar = {"date": "14 September 2022", "title": "Port shelled", "outlet": "River News"}
    (tmp_path / "port.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")

    doc = only_document(read_all(tmp_path / "port.txt"))

    assert (doc.published, doc.published_source) == (dt.date(2022, 9, 14), "sidecar")
    assert doc.title == "Port shelled"
    assert doc.outlet == "River News"


def test_broken_sidecar_skips_the_document_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "port.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "port.txt.meta.json").write_text('{"date": "last Tuesday"}', encoding="utf-8")

    skipped = only_skipped(read_all(tmp_path / "port.txt"))

    assert "port.txt.meta.json" in skipped.reason
    assert "bad date" in skipped.reason


def test_text_with_date_option(tmp_path: Path) -> None:
    article = tmp_path / "port.txt"
    article.write_text(REPORT, encoding="utf-8")

    doc = only_document(read_all(article, default_date=dt.date(2022, 9, 14)))

    assert (doc.published, doc.published_source) == (dt.date(2022, 9, 14), "option")
    assert doc.url is None and doc.outlet is None


def test_text_with_dateline_dates_itself(tmp_path: Path) -> None:
    article = tmp_path / "dam.md"
    article.write_text(
        "Engineers reach the dam\n\n"
        "RIVERTON, 14 September 2022 — Engineers reached the dam on Wednesday, officials said.\n",
        encoding="utf-8",
    )

    doc = only_document(read_all(article))

    assert (doc.published, doc.published_source) == (dt.date(2022, 9, 14), "text")
    assert doc.title == "Engineers reach the dam"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title here\nPublished on Wednesday, September 14, 2022, 10:31\nBody.", dt.date(2022, 9, 14)),
        ("Title here\n2022-09-14\nBody.", dt.date(2022, 9, 14)),
        ("Kyiv, Sept. 14, 2022 (Wire Agency) - Sirens sounded over the city.", dt.date(2022, 9, 14)),
        # A full date inside a sentence dates an event, not the article.
        ("Title\nThe war that began on 27 September 2020 ended after six weeks of heavy fighting.", None),
        # A dateline without a year cannot date the article.
        ("KYIV, Sept 14 (Wire Agency) - Sirens sounded.", None),
        # 31 September does not exist.
        ("Title\nPublished 31 September 2022", None),
    ],
)
def test_date_from_text(text: str, expected: dt.date | None) -> None:
    assert date_from_text(text) == expected


def test_text_without_any_date_has_none(tmp_path: Path) -> None:
    article = tmp_path / "port.txt"
    article.write_text(REPORT, encoding="utf-8")

    doc = only_document(read_all(article))

    assert (doc.published, doc.published_source) == (None, "none")


def test_first_line_ending_in_a_period_is_not_a_title(tmp_path: Path) -> None:
    article = tmp_path / "plain.txt"
    article.write_text("The ministry reported shelling near the border.\nNothing else was said.\n")

    assert only_document(read_all(article)).title is None


def test_text_is_normalised_to_nfc_and_unix_newlines_and_nothing_else(tmp_path: Path) -> None:
    article = tmp_path / "crlf.txt"
    # "e" + combining acute accent, Windows newlines, a byte-order mark, trailing spaces kept.
    article.write_bytes("\ufeffCafe\u0301 shelled  \r\n\r\nA second line.\r\n".encode())

    doc = only_document(read_all(article))

    assert doc.text == "Caf\u00e9 shelled  \n\nA second line.\n"


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "report.article").write_text(REPORT, encoding="utf-8")
    (tmp_path / "braces.article").write_text("{{Infobox}} is wiki markup, not JSON.\n", encoding="utf-8")
    (tmp_path / "feed.dump").write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")

    results = read_all(tmp_path / "report.article", tmp_path / "braces.article", tmp_path / "feed.dump")

    assert [r.text for r in results if isinstance(r, Document)] == [
        REPORT,
        "{{Infobox}} is wiki markup, not JSON.\n",
        "One.",
        "Two.",
    ]


# --- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_with_our_fields_and_news_please_fields_and_bad_lines(tmp_path: Path) -> None:
    ours = {
        "id": "a1",
        "date": "2022-09-14",
        "url": "https://www.rivernews.example/a1",
        "title": "Port shelled",
        "text": "Artillery hit the port.\r\nTwo warehouses burned.",
        "language": "en",
        "outlet": "River News",
    }
    news_please = {
        "maintext": "Drones struck a depot near the airfield.",
        "date_publish": "2022-09-15 10:31:00",
        "title": "Depot struck",
        "url": "https://example.org/depot",
        "language": "en",
        "source_domain": "www.steppe-wire.example",
        "description": "A short lead.",
    }
    lines = [
        json.dumps(ours),
        "",  # blank lines are not records
        json.dumps(news_please),
        '{"text": "unterminated',
        json.dumps({"title": "No body"}),
        json.dumps({"text": "Some text.", "date": "the other day"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Last record still read.", "date_publish": None}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    results = read_all(path, default_date=dt.date(2022, 9, 20))

    assert [r.origin for r in results] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7, 8)]
    first, second, malformed, no_text, bad_date, not_object, last = results
    assert isinstance(first, Document) and isinstance(second, Document) and isinstance(last, Document)
    assert first.id == "a1"
    assert first.text == "Artillery hit the port.\nTwo warehouses burned."
    assert (first.published, first.published_source) == (dt.date(2022, 9, 14), "metadata")
    assert (first.title, first.outlet, first.language) == ("Port shelled", "River News", "en")

    assert second.id == "feed.jsonl:3"
    assert second.text == "Drones struck a depot near the airfield."  # maintext, not the description
    assert (second.published, second.published_source) == (dt.date(2022, 9, 15), "metadata")
    assert second.outlet == "steppe-wire.example"
    assert second.url == "https://example.org/depot"

    assert isinstance(malformed, Skipped) and malformed.reason.startswith("malformed JSON")
    assert isinstance(no_text, Skipped) and "no text" in no_text.reason
    assert isinstance(bad_date, Skipped) and "bad date" in bad_date.reason
    assert isinstance(not_object, Skipped) and "not a JSON object" in not_object.reason
    assert (last.published, last.published_source) == (dt.date(2022, 9, 20), "option")
    assert all("\n" not in r.reason for r in results if isinstance(r, Skipped))


def test_jsonl_line_longer_than_the_limit_is_skipped_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    long_record = json.dumps({"text": "word " * 200})
    short_record = json.dumps({"text": "Short report."})
    path.write_text(f"{short_record}\n{long_record}\n{short_record}\n", encoding="utf-8")

    results = read_all(path, max_bytes=100)

    assert [type(r) for r in results] == [Document, Skipped, Document]
    assert results[1].origin == f"{path}:2" and "too large" in results[1].reason
    assert results[2].origin == f"{path}:3"


def test_jsonl_line_with_invalid_utf8_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "fine"}\n')

    results = read_all(path)

    assert isinstance(results[0], Skipped) and "not valid UTF-8" in results[0].reason
    assert isinstance(results[1], Document) and results[1].text == "fine"


def test_pretty_printed_json_file_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps({"text": "A single report.", "date": "2022-09-14"}, indent=2), encoding="utf-8"
    )

    doc = only_document(read_all(path))

    assert (doc.id, doc.text, doc.published) == ("one.json", "A single report.", dt.date(2022, 9, 14))


def test_jsonl_is_streamed_with_flat_memory(tmp_path: Path) -> None:
    # ~8 MB of records; holding the file or the documents would need far more than the bound below.
    path = tmp_path / "big.jsonl"
    record = json.dumps({"text": "Shelling was reported near the river. " * 50})
    with path.open("w", encoding="utf-8") as stream:
        for _ in range(4000):
            stream.write(record + "\n")

    tracemalloc.start()
    try:
        count = 0
        for result in read_inputs([str(path)]):
            assert isinstance(result, Document)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 4000
    assert peak < 1_000_000, peak


# --- HTML ----------------------------------------------------------------------------------------


def test_html_page_main_text_title_and_date(tmp_path: Path) -> None:
    page = tmp_path / "convoy.html"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")

    doc = only_document(read_all(page, default_date=dt.date(2023, 1, 1)))

    assert "A column of armoured vehicles crossed the bridge" in doc.text
    assert "observers from a neutral country" in doc.text
    for chrome in ("Home", "Most read", "cosy winter kitchen", "Privacy policy", "All rights reserved"):
        assert chrome not in doc.text
    assert doc.title == "Convoy crosses into the valley"
    assert (doc.published, doc.published_source) == (dt.date(2022, 9, 14), "page")
    assert doc.url == "https://www.highlandledger.example/world/convoy-valley"
    assert doc.outlet == "highlandledger.example"
    assert doc.id == "convoy.html"


def test_html_is_sniffed_in_a_txt_file(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")

    doc = only_document(read_all(page))

    assert "<p>" not in doc.text and "armoured vehicles" in doc.text


def test_html_page_without_main_text_is_skipped(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Gallery</title></head><body><img src='a.jpg'></body></html>")

    assert only_skipped(read_all(page)).reason == "HTML page has no main text"


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    html = ARTICLE_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Friday", "Friday – café"
    )
    page.write_bytes(html.encode("windows-1252"))

    assert "Friday – café" in only_document(read_all(page)).text


# --- directories ---------------------------------------------------------------------------------


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text(REPORT)
    (tmp_path / "a" / "deep" / "one.txt").write_text(REPORT)
    (tmp_path / "a" / "deep" / "one.txt.meta.json").write_text('{"date": "2022-09-14"}')
    (tmp_path / "a" / "zero.txt").write_text(REPORT)
    (tmp_path / ".hidden.txt").write_text(REPORT)
    (tmp_path / ".git" / "config.txt").write_text(REPORT)
    (tmp_path / "b" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    results = read_all(tmp_path)

    origins = [Path(r.origin).relative_to(tmp_path).as_posix() for r in results]
    assert origins == ["a/zero.txt", "a/deep/one.txt", "b/map.png", "b/two.txt"]
    assert isinstance(results[1], Document) and results[1].published_source == "sidecar"
    assert isinstance(results[2], Skipped) and results[2].reason == "not a text file (.png)"


# --- bad input -----------------------------------------------------------------------------------


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n \n")

    results = read_all(
        *(tmp_path / name for name in ("empty.txt", "blank.txt", "empty.jsonl", "blank.jsonl"))
    )

    assert [(type(r), r.reason) for r in results] == [(Skipped, "empty file")] * 4


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"Some words\x00\x01\x02 and more")

    assert only_skipped(read_all(path)).reason == "binary file, not text"


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Troops entered the café".encode("latin-1"))

    assert only_skipped(read_all(path)).reason == "not valid UTF-8 text (byte 22)"


@pytest.mark.issue(11)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    if encoding == "utf-16-be-bom":
        path.write_bytes(codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"))
    else:
        path.write_bytes(REPORT.encode(encoding))  # Python writes the little-endian mark first

    (document,) = read_all(path)
    assert isinstance(document, Document) and document.text == REPORT


def test_utf16_without_a_byte_order_mark_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(REPORT.encode("utf-16-le"))

    assert "UTF-16 text without a byte-order mark" in only_skipped(read_all(path)).reason


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("x" * 3000)

    reason = only_skipped(read_all(path, max_bytes=1024)).reason

    assert reason == "file too large: 2.9 KB > limit 1 KB"
    assert MAX_INPUT_BYTES == 20 * 1024 * 1024


def test_missing_path_and_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    missing, pipe = read_all(tmp_path / "nowhere.txt", fifo)

    assert missing == Skipped(str(tmp_path / "nowhere.txt"), "no such file or directory")
    assert isinstance(pipe, Skipped) and pipe.reason == "not a regular file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(REPORT)
    path.chmod(0)

    assert only_skipped(read_all(path)).reason.startswith("cannot read")


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")

    results = read_all(tmp_path / "bad.txt", tmp_path / "missing", tmp_path / "good.txt")

    assert [type(r) for r in results] == [Skipped, Skipped, Document]


# --- standard input ------------------------------------------------------------------------------


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" + REPORT))

    doc = only_document(read_all("-", default_date=dt.date(2022, 9, 14)))

    assert doc.id == "stdin"
    assert doc.text == "\n" + REPORT
    assert doc.title == "Shelling hits the river port"
    assert doc.published_source == "option"


def test_stdin_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"text": "First report."}, {"id": "x", "text": "Second report."}]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(json.dumps(r) for r in records)))

    results = read_all("-")

    assert [(r.id, r.text) for r in results if isinstance(r, Document)] == [
        ("stdin:1", "First report."),
        ("x", "Second report."),
    ]


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE_PAGE))

    doc = only_document(read_all("-"))

    assert doc.id == "stdin" and "armoured vehicles" in doc.text and doc.published_source == "page"


def test_stdin_empty_and_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n  \n"))
    assert only_skipped(read_all("-")).reason == "empty input"

    monkeypatch.setattr(sys, "stdin", io.StringIO("short line\n" + "y" * 5000))
    assert "too large" in only_skipped(read_all("-", max_bytes=1000)).reason


# --- dates in metadata ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2022-09-14",
        "2022-09-14 10:31:00",
        "2022-09-14T23:10:00+03:00",
        "2022-09-14T10:31:00Z",
        "Wed, 14 Sep 2022 10:31:00 GMT",
        "14 September 2022",
        "September 14, 2022",
        "14.09.2022",
    ],
)
def test_parse_date_accepts_common_metadata_forms(value: str) -> None:
    assert parse_date(value) == dt.date(2022, 9, 14)


@pytest.mark.parametrize("value", ["", "yesterday", "September 2022", "2022-13-45"])
def test_parse_date_rejects_incomplete_or_impossible_dates(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)

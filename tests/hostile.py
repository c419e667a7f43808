"""A corpus of hostile inputs, made on the spot: nothing of it is kept in the repository.

Each case is a file (or a few lines of one) that a crawler could bring back, and what warledger must
do with it: skip it naming the reason, or read it. Used by tests/test_hostile.py and by
bench/reliability.py, which runs the whole corpus through the installed command.
"""

from __future__ import annotations

import codecs
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# A report every batch carries beside the hostile input: it must be stored whatever the other did.
GOOD_RECORD = {
    "id": "good-kharkiv",
    "date": "2022-05-05",
    "outlet": "Wire Desk",
    "text": "Russian forces shelled the city of Kharkiv on Wednesday, killing two civilians, the regional "
            "governor said.",
}
GOOD_TEXT = (
    "Azerbaijani troops attacked Armenian positions near Jermuk on Monday night, Armenia's defence "
    "ministry said on Tuesday, adding that three Armenian soldiers were killed in the fighting.\n"
)
# Fields of a JSON Lines record and values of the wrong type for each.
RECORD_FIELDS = ("id", "text", "maintext", "description", "date", "date_publish", "published", "url", "title",
                 "outlet", "source_domain", "language")
WRONG_VALUES: tuple[object, ...] = (["a", "list"], {"an": "object"}, 12.5, True)


@dataclass(frozen=True)
class Case:
    """One hostile input. `reason` is a words of the one-line reason it is skipped with (None: it is
    read and stored); `lines` is how many skip lines it gives (a JSON Lines file gives one per bad line);
    `stored` the document ids it must leave in the store."""

    name: str
    write: Callable[[Path], None]
    reason: str | None
    lines: int = 1
    stored: tuple[str, ...] = ()
    # the largest cases are left to the out-of-process run (bench/reliability.py, test_hostile's
    # whole-corpus test): they take seconds to write and to read
    large: bool = False


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


def _lines(records: list[object]) -> Callable[[Path], None]:
    return _text("".join(json.dumps(r) + "\n" for r in records))


def _random_bytes(size: int) -> bytes:
    return random.Random(11).randbytes(size)


def _wrong_types() -> list[object]:
    records: list[object] = []
    for key in RECORD_FIELDS:
        for value in WRONG_VALUES:
            record: dict[str, object] = {"text": GOOD_TEXT, "date": "2022-09-13"}
            record[key] = value
            records.append(record)
    return records


def _entity_bomb() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (f'<?xml version="1.0"?><!DOCTYPE html [{"".join(entities)}]><html><head><title>Bomb</title>'
            '<meta property="article:published_time" content="2022-09-13"></head>'
            f"<body><article><p>&lol9;</p><p>{GOOD_TEXT}</p></article></body></html>")


def _scripted_page() -> str:
    return ("<!doctype html><html><head><title>Clash near Jermuk</title>"
            "<script>window.__pwned = 'head'</script></head><body><article><h1>Clash near Jermuk</h1>"
            '<time datetime="2022-09-13">13 September 2022</time>'
            f"<p>{GOOD_TEXT}</p><script>document.write('pwned')</script>"
            '<p><a href="javascript:alert(1)">Read more</a> <a href="JaVaScRiPt:alert(2)">and more</a></p>'
            "</article></body></html>")


def _with_date(text: str, name: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    """The text in a file of its own (Python's "utf-16" writes a byte-order mark), dated by a sidecar."""

    def write(path: Path) -> None:
        path.write_bytes(text.encode(encoding))
        path.with_name(name + ".meta.json").write_text(json.dumps({"date": "2022-09-13"}), encoding="utf-8")
    return write


def _one_line(path: Path, size: int, prefix: bytes) -> None:
    with path.open("wb") as out:
        out.write(prefix)
        block = b"x" * (1 << 20)
        written = len(prefix)
        while written < size:
            out.write(block)
            written += len(block)


CASES = (
    Case("random.dat", _bytes(_random_bytes(64 * 1024)), "binary file"),
    Case("random.txt", _bytes(_random_bytes(4096)), "binary file"),
    Case("photo.png", _bytes(b"\x89PNG\r\n\x1a\n" + _random_bytes(1024)), "not a text file"),
    Case("empty.txt", _bytes(b""), "empty file"),
    Case("truncated-utf8.txt", _bytes(GOOD_TEXT.encode("utf-8") + "Ş".encode()[:1]), "not valid UTF-8"),
    Case("invalid-utf8.txt", _bytes(b"Shelling in Kharkiv \xc3\x28 and \xff\xfe more."), "not valid UTF-8"),
    Case("nul-bytes.txt", _bytes(GOOD_TEXT.encode("utf-8") + b"\x00\x00" + GOOD_TEXT.encode("utf-8")),
         "binary file"),
    Case("utf16-no-bom.txt", _bytes(GOOD_TEXT.encode("utf-16-le")), "UTF-16 text without a byte-order mark"),
    Case("utf16-le.txt", _with_date(GOOD_TEXT, "utf16-le.txt", "utf-16"), None, 0, ("utf16-le.txt",)),
    Case("utf16-be.jsonl",
         _bytes(codecs.BOM_UTF16_BE + (json.dumps({**GOOD_RECORD, "id": "utf16-be"}) + "\n").encode("utf-16-be")),
         None, 0, ("utf16-be",)),
    Case("utf32.html", _bytes(codecs.BOM_UTF32_LE + _scripted_page().encode("utf-32-le")), None, 0, ("utf32.html",)),
    Case("utf16-bad.txt", _bytes(codecs.BOM_UTF16_LE + b"\x00\xd8A\x00"), "not valid UTF-16"),
    Case("deep-array.json", _text("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    Case("deep-object.jsonl", _text('{"text": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001 + "\n"),
         "nested too deeply"),
    Case("wrong-types.jsonl", _lines(_wrong_types()), "must be", lines=len(_wrong_types())),
    Case("not-objects.jsonl", _text('[1, 2]\nnull\n"text"\n42\n{"text": NaN}\n{\n'), "", lines=6),
    Case("nested-10000.html", _text("<html><body>" + "<div>" * 10_000 + f"<p>{GOOD_TEXT}</p>"
                                    + "</div>" * 10_000 + "</body></html>"), "nests elements"),
    Case("entity-bomb.html", _text(_entity_bomb()), None, 0, ("entity-bomb.html",)),
    Case("entity-bomb.xhtml", _text(_entity_bomb()), None, 0, ("entity-bomb.xhtml",)),
    Case("scripts.html", _text(_scripted_page()), None, 0, ("scripts.html",)),
    Case("script-only.html", _text("<html><body><script>alert(1)</script></body></html>"), "no main text"),
    Case("odd-dates.jsonl", _lines([
        {"id": "day-99999", "date": "2024-03-10",
         "text": "On 99999 March Russian forces shelled Kharkiv, killing two civilians, officials said."},
        {"id": "year-zero-in-text", "date": "2024-03-10",
         "text": "In the year 0, on 1 January 0000 and in 10000 AD Russian forces shelled Kharkiv, killing two."},
        {"id": "year-zero", "date": "0000-01-01", "text": GOOD_TEXT},
        {"id": "year-one", "date": "0001-01-01", "text": GOOD_TEXT},
        {"id": "year-9999", "date": "9999-12-31", "text": GOOD_TEXT},
        {"id": "february-31", "date": "2024-02-31", "text": GOOD_TEXT},
    ]), "date", lines=4, stored=("day-99999", "year-zero-in-text")),
    Case("one-word-1mb.txt", _with_date("attack " * 150_000, "one-word-1mb.txt"), None, 0, ("one-word-1mb.txt",),
         large=True),
    Case("one-word-1mb-unbroken.txt", _with_date("shelling" * 131_072, "one-word-1mb-unbroken.txt"), None, 0,
         ("one-word-1mb-unbroken.txt",), large=True),
    Case("one-line-100mb.txt", lambda p: _one_line(p, 100 << 20, b"Shelling "), "file too large", large=True),
    Case("one-line-100mb.jsonl", lambda p: _one_line(p, 100 << 20, b'{"text": "'), "line too large", large=True),
)


def write_good(folder: Path) -> Path:
    """The good report of a batch, as JSON Lines; returns its path."""
    path = folder / "good.jsonl"
    path.write_text(json.dumps(GOOD_RECORD) + "\n", encoding="utf-8")
    return path


def write_case(case: Case, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.name
    case.write(path)
    return path

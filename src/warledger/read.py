"""Stage 1, read: turn input paths (files, directories, "-" for stdin) into Documents.

This is the only stage that reads files. It accepts plain text (with an optional
NAME.meta.json sidecar), JSON Lines (our field names or news-please's) and HTML pages.
Bad input never raises out of `read_inputs`: each unreadable file, page or line becomes a
`Skipped` record with a one-line reason, and the batch goes on.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import io
import itertools
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warledger.records import Document, Skipped

# Larger than any news article saved as text or HTML by a wide margin (a long feature with
# inline scripts is ~2 MB); anything bigger is almost surely a mistaken input. JSON Lines files are
# streamed, so for them this limits a single line, not the file.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# Titles of news articles run well under 200 characters; a longer first line is a paragraph.
TITLE_MAX_CHARS = 200
# A publication date in the text sits in the headline block: title, date line, byline, dateline.
# Five non-blank lines cover that block in every layout we have seen without reaching the body.
DATE_SEARCH_LINES = 5
# A date line ("Published on Wednesday, 14 September 2022, 10:31 GMT") has a handful of words;
# a longer line with a date in it is a sentence about an event, not a publication date.
DATE_LINE_MAX_WORDS = 8
# Enough to sniff the format of a file and to find NUL bytes in binary files.
SNIFF_BYTES = 8192
# Publication dates outside these years are typos (year 0, 99999) or placeholders (9999-12-31), and
# dates resolved against them ("yesterday", "last year") would fall off Python's calendar.
FIRST_PUBLISHED_YEAR = 1800
LAST_PUBLISHED_YEAR = 2200
# lxml (under trafilatura) reads HTML elements nested at most this deep and drops what lies deeper.
HTML_MAX_DEPTH = 255
# Elements that never take a closing tag, for the nesting count of a page that gave no text.
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Extensions that are never text: files with these are skipped with a reason, not decoded.
NOT_TEXT_SUFFIXES = frozenset(
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg", ".ico", ".heic",
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".epub",
        ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".zst",
        ".mp3", ".mp4", ".wav", ".ogg", ".avi", ".mov", ".mkv", ".webm",
        ".exe", ".dll", ".so", ".bin", ".pyc", ".db", ".sqlite", ".parquet",
    }
)  # fmt: skip
SIDECAR_SUFFIX = ".meta.json"
STDIN_NAME = "stdin"

_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Full dates only (day, month and year): a date without a year cannot date a document.
_FULL_DATE = re.compile(
    rf"\b(?:(?P<dmy_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_month>{_MONTH}),?\s+(?P<dmy_year>\d{{4}})"
    rf"|(?P<mdy_month>{_MONTH})\s+(?P<mdy_day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_year>\d{{4}})"
    r"|(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})"
    r"|(?P<dot_day>\d{1,2})\.(?P<dot_month>\d{1,2})\.(?P<dot_year>\d{4}))\b",
    re.IGNORECASE,
)
# "KYIV, 14 September 2022 -" or "Kyiv, September 14, 2022 (Reuters) -": a place of a few words,
# a comma, the date, then an optional agency and a dash.
_DATELINE = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3},\s*(?P<date>[^,]{6,25}?(?:,\s*\d{4})?)\s*(?:\([^)]{1,30}\)\s*)?[-–—:]"
)
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|article)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Byte-order marks of the wide Unicode encodings, UTF-32 first: its little-endian mark begins with
# UTF-16's. Text saved so (Windows editors, some crawlers) is decoded and read as UTF-8 would be.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text in UTF-16 without a byte-order mark has a NUL in every other byte wherever it is ASCII; a
# binary file has NULs too, but seldom in so regular a pattern over most of its first bytes.
UTF16_NUL_SHARE = 0.4


class _InputError(Exception):
    """A problem with one input; its message is the one-line reason given to the user."""


@dataclass(slots=True, frozen=True)
class _Metadata:
    """What an input says about itself besides its text."""

    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    language: str | None = None


# --- public entry point ------------------------------------------------------------------------


def read_inputs(
    inputs: Sequence[str],
    default_date: dt.date | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Iterator[Document | Skipped]:
    """Yield a Document for each article found in `inputs`, or a Skipped with the reason.

    Each input is a file, a directory (walked recursively in sorted order, hidden files and
    sidecars left out) or "-" for standard input. `default_date` (the CLI's --date) dates
    documents whose own metadata gives no date; it comes before a date guessed from the text.
    """
    if isinstance(inputs, str):
        raise TypeError("read_inputs takes a sequence of paths, not a single string")
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    for item in inputs:
        if item == "-":
            yield from _read_stdin(default_date, max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for found in _walk(path):
                if isinstance(found, Skipped):
                    yield found
                else:
                    yield from _read_file(found, default_date, max_bytes)
        else:
            yield from _read_file(path, default_date, max_bytes)


# --- files and directories ---------------------------------------------------------------------


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Files under `root` in sorted order, without hidden files, hidden folders and sidecars."""
    errors: list[OSError] = []
    for folder, subfolders, names in os.walk(root, onerror=errors.append):
        while errors:
            error = errors.pop(0)
            yield Skipped(str(error.filename or folder), f"cannot read folder: {error.strerror or error}")
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX):
                yield Path(folder) / name
    for error in errors:
        yield Skipped(str(error.filename or root), f"cannot read folder: {error.strerror or error}")


def _read_file(path: Path, default_date: dt.date | None, max_bytes: int) -> Iterator[Document | Skipped]:
    origin = str(path)
    try:
        if not path.exists():
            raise _InputError("no such file or directory")
        if not path.is_file():
            raise _InputError("not a regular file")
        suffix = path.suffix.lower()
        if suffix in NOT_TEXT_SUFFIXES:
            raise _InputError(f"not a text file ({suffix})")
        size = path.stat().st_size
        if size == 0:
            raise _InputError("empty file")
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
        transcoded: bytes | None = None
        if _wide_encoding(head) is not None:
            # UTF-16 or UTF-32 is read whole and turned into UTF-8; the readers below see only that.
            if size > max_bytes:
                raise _InputError(f"file too large: {_size(size)} > limit {_size(max_bytes)}")
            transcoded = _transcode(path.read_bytes())
            head = transcoded[:SNIFF_BYTES]
        kind = _kind(suffix, head)
        if kind != "jsonl" or not any(line.lstrip(b"\xef\xbb\xbf \t\r").startswith(b"{") for line in head.split(b"\n")):
            # JSON Lines with records in them are checked line by line: a NUL in one row loses only that row
            _check_not_binary(head)
        if kind == "jsonl":
            yield from _read_jsonl_file(path, head, default_date, max_bytes, transcoded)
            return
        if size > max_bytes:
            raise _InputError(f"file too large: {_size(size)} > limit {_size(max_bytes)}")
        data = path.read_bytes() if transcoded is None else transcoded
        sidecar = _read_sidecar(path, max_bytes)
        if kind == "html":
            html = _decode(data) if transcoded is not None else _decode_html(data)
            yield _html_document(html, path.name, origin, sidecar, default_date)
        else:
            text = _decode(data)
            yield _document(text, path.name, origin, sidecar, "sidecar", default_date, _title_from_text(text))
    except _InputError as error:
        yield Skipped(origin, str(error))
    except OSError as error:
        yield Skipped(origin, f"cannot read: {error.strerror or error}")


def _kind(suffix: str, head: bytes) -> str:
    """Which reader: "jsonl", "html" or "text", from the extension and, where it says nothing, the content."""
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if suffix in HTML_SUFFIXES or _HTML_START.match(start.decode("utf-8", "replace")):
        return "html"
    if suffix not in TEXT_SUFFIXES and _first_line_is_object(start):
        return "jsonl"
    return "text"


def _read_sidecar(path: Path, max_bytes: int) -> _Metadata:
    """The metadata in NAME.meta.json (or STEM.meta.json) beside `path`; empty when there is none.

    A sidecar that exists but cannot be used skips the document: its date would silently be lost.
    """
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if not candidate.is_file():
            continue
        if candidate.stat().st_size > max_bytes:
            raise _InputError(f"sidecar {candidate.name} is too large")
        try:
            record = _load_json(candidate.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, _InputError) as error:
            raise _InputError(f"sidecar {candidate.name} is not valid JSON: {error}") from None
        if not isinstance(record, dict):
            raise _InputError(f"sidecar {candidate.name} is not a JSON object")
        try:
            return _metadata(record)
        except _InputError as error:
            raise _InputError(f"sidecar {candidate.name}: {error}") from None
    return _Metadata()


# --- standard input ----------------------------------------------------------------------------


def _read_stdin(default_date: dt.date | None, max_bytes: int) -> Iterator[Document | Skipped]:
    buffer = getattr(sys.stdin, "buffer", None)
    # A text stream without a byte buffer (a test's StringIO, an embedding app) is re-encoded.
    stream: IO[bytes] = buffer if buffer is not None else io.BytesIO(sys.stdin.read().encode("utf-8"))
    try:
        if _wide_encoding(_peek(stream, 4)) is not None:
            raw = stream.read(max_bytes + 1)
            if len(raw) > max_bytes:
                raise _InputError(f"input too large: more than {_size(max_bytes)}")
            stream = io.BytesIO(_transcode(raw))
        # Sniff the format on the first non-blank line, keeping what was read so nothing is lost.
        lines = _bounded_lines(stream, max_bytes)
        head: list[tuple[int, bytes | None]] = []
        first = b""
        for number, line in lines:
            head.append((number, line))
            if line is None:
                raise _InputError(f"input too large: more than {_size(max_bytes)}")
            if line.strip():
                first = line.lstrip(b"\xef\xbb\xbf \t")
                break
        if not first:
            raise _InputError("empty input")
        if first.startswith(b"{"):
            records = itertools.chain(head, lines)
            yield from _jsonl_documents(records, STDIN_NAME, STDIN_NAME, default_date, max_bytes)
            return
        # Text and HTML are read whole, up to the size limit.
        data = b"".join(line for _, line in head if line is not None)
        data += stream.read(max_bytes + 1 - len(data))
        if len(data) > max_bytes:
            raise _InputError(f"input too large: more than {_size(max_bytes)}")
        if first.startswith(b"<"):
            yield _html_document(_decode_html(data), STDIN_NAME, STDIN_NAME, _Metadata(), default_date)
        else:
            text = _decode(data)
            title = _title_from_text(text)
            yield _document(text, STDIN_NAME, STDIN_NAME, _Metadata(), "none", default_date, title)
    except _InputError as error:
        yield Skipped(STDIN_NAME, str(error))
    except OSError as error:
        yield Skipped(STDIN_NAME, f"cannot read: {error.strerror or error}")


# --- JSON Lines --------------------------------------------------------------------------------


def _read_jsonl_file(
    path: Path, head: bytes, default_date: dt.date | None, max_bytes: int, transcoded: bytes | None = None
) -> Iterator[Document | Skipped]:
    """`transcoded`: the file's content already turned into UTF-8 (it was UTF-16 or UTF-32)."""
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() == ".json" and not _first_line_is_object(first):
        # A .json file that is one pretty-printed object or an array, not one object per line.
        yield from _read_whole_json(path, default_date, max_bytes, transcoded)
        return
    with path.open("rb") if transcoded is None else io.BytesIO(transcoded) as stream:
        lines = _bounded_lines(stream, max_bytes)
        yield from _jsonl_documents(lines, path.name, str(path), default_date, max_bytes)


def _first_line_is_object(first: bytes) -> bool:
    line = first.split(b"\n", 1)[0]
    if not line.startswith(b"{"):
        return False
    if len(line) >= SNIFF_BYTES - 1:
        return True  # a long first line: a JSON Lines record that did not fit in the sniffed bytes
    try:
        return isinstance(_load_json(line), dict)
    except (ValueError, _InputError):
        return False


def _read_whole_json(
    path: Path, default_date: dt.date | None, max_bytes: int, transcoded: bytes | None = None
) -> Iterator[Document | Skipped]:
    size = path.stat().st_size
    if size > max_bytes:
        limit = _size(max_bytes)
        raise _InputError(f"file too large: {_size(size)} > limit {limit} (use JSON Lines to stream it)")
    try:
        content = _load_json(_decode(path.read_bytes() if transcoded is None else transcoded))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise _InputError(f"malformed JSON: {error.msg} ({where})") from None
    records = content if isinstance(content, list) else [content]
    for index, record in enumerate(records, start=1):
        origin = f"{path}:{index}" if isinstance(content, list) else str(path)
        fallback_id = f"{path.name}:{index}" if isinstance(content, list) else path.name
        try:
            yield _record_document(record, fallback_id, origin, default_date)
        except _InputError as error:
            yield Skipped(origin, str(error))


def _bounded_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line longer than `max_bytes` comes as None and is never held whole."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line in bounded pieces
                rest = stream.readline(SNIFF_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def _jsonl_documents(
    lines: Iterable[tuple[int, bytes | None]],
    name: str,
    origin: str,
    default_date: dt.date | None,
    max_bytes: int,
) -> Iterator[Document | Skipped]:
    blank = True
    for number, line in lines:
        line_origin = f"{origin}:{number}"
        try:
            blank = blank and line is not None and not line.strip()
            if line is None:
                raise _InputError(f"line too large: more than {_size(max_bytes)}")
            if b"\x00" in line:
                raise _InputError("binary data, not text")
            try:
                decoded = line.decode("utf-8")
            except UnicodeDecodeError as error:
                raise _InputError(f"not valid UTF-8 text (byte {error.start} of the line)") from None
            decoded = decoded.lstrip("\ufeff")
            if not decoded.strip():
                continue
            try:
                record = _load_json(decoded)
            except json.JSONDecodeError as error:
                raise _InputError(f"malformed JSON: {error.msg} (column {error.colno})") from None
            yield _record_document(record, f"{name}:{number}", line_origin, default_date)
        except _InputError as error:
            yield Skipped(line_origin, str(error))
    if blank:
        yield Skipped(origin, "empty file")


def read_records(
    records: Iterable[Any], origin: str, default_date: dt.date | None = None
) -> Iterator[Document | Skipped]:
    """Documents from JSON records already parsed (an HTTP request's body, say), in the JSON Lines
    input's record format. A bad record becomes a Skipped item named `origin:N` (N counted from 1)."""
    for number, record in enumerate(records, start=1):
        record_origin = f"{origin}:{number}"
        try:
            yield _record_document(record, record_origin, record_origin, default_date)
        except _InputError as error:
            yield Skipped(record_origin, str(error))


def _record_document(record: Any, fallback_id: str, origin: str, default_date: dt.date | None) -> Document:
    """A Document from one JSON object with our field names or news-please's."""
    if not isinstance(record, dict):
        raise _InputError(f"not a JSON object but {type(record).__name__}")
    # news-please keeps the article in "maintext"; "description" is its lead, used only without one.
    text = _string_field(record, "text", "maintext", "description", strip=False)
    if text is None:
        raise _InputError("record has no text (fields text, maintext or description)")
    raw_id = record.get("id")
    # bool is an int to Python, but true is no document id
    if raw_id is not None and (not isinstance(raw_id, str | int) or isinstance(raw_id, bool)):
        raise _InputError(f"field 'id' must be a string or a number, got {type(raw_id).__name__}")
    doc_id = str(raw_id).strip() if raw_id is not None and str(raw_id).strip() else fallback_id
    metadata = _metadata(record)
    return _document(_normalise(text), doc_id, origin, metadata, "metadata", default_date, None)


def _metadata(record: dict[str, Any]) -> _Metadata:
    published = None
    date_value = _string_field(record, "date", "date_publish", "published")
    if date_value is not None:
        try:
            published = parse_date(date_value)
        except ValueError:
            raise _InputError(f"bad date {_quote(date_value)}") from None
    return _Metadata(
        published=published,
        url=_string_field(record, "url"),
        title=_string_field(record, "title"),
        outlet=_string_field(record, "outlet", "source_domain"),
        language=_string_field(record, "language"),
    )


def _string_field(record: dict[str, Any], *keys: str, strip: bool = True) -> str | None:
    """The first of `keys` that holds a non-blank string. A value of another type in any of them is an
    error, even behind a good one: a record that gets a field wrong may have got the others wrong."""
    found = None
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _InputError(f"field {key!r} must be a string, got {type(value).__name__}")
        if found is None and value.strip():
            found = value.strip() if strip else value
    return found


# --- HTML ----------------------------------------------------------------------------------------


def _html_document(
    html: str,
    doc_id: str,
    origin: str,
    sidecar: _Metadata,
    default_date: dt.date | None,
) -> Document:
    # Imported here: trafilatura pulls in lxml and its own models, which text-only runs never need.
    import htmldate
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # The date in the page's markup only; a text-wide search picks up dates of past events.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as error:  # lxml and trafilatura raise many kinds; one broken page must not stop a batch
        raise _InputError(f"HTML page could not be parsed: {type(error).__name__}") from None
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(text, str) or not text.strip():
        depth = _nesting_depth(html)
        if depth > HTML_MAX_DEPTH:
            raise _InputError(f"HTML page nests elements {depth} deep; its text lies past the parser's "
                              f"limit of {HTML_MAX_DEPTH}")
        raise _InputError("HTML page has no main text")
    page_date = getattr(extracted, "date", None)
    if not page_date:
        # No publication date in the markup: the page's last-modified date is the next best thing.
        tree = trafilatura.load_html(html)
        if tree is not None:
            page_date = htmldate.find_date(tree, extensive_search=False, original_date=False)
    published = None
    if isinstance(page_date, str):
        try:
            published = parse_date(page_date)
        except ValueError:
            published = None
    url = sidecar.url or _str_or_none(getattr(extracted, "url", None))
    merged = _Metadata(
        published=sidecar.published or published,
        url=url,
        title=sidecar.title or _str_or_none(getattr(extracted, "title", None)),
        # The host, like news-please's source_domain, so one outlet has one name across input kinds;
        # the site's display name only when the page gives no URL.
        outlet=sidecar.outlet or _host(url) or _str_or_none(getattr(extracted, "sitename", None)),
        language=sidecar.language or _str_or_none(getattr(extracted, "language", None)),
    )
    source = "sidecar" if sidecar.published else "page"
    return _document(_normalise(text), doc_id, origin, merged, source, default_date, None)


def _decode_html(data: bytes) -> str:
    """Decode with the charset the page declares, else as UTF-8."""
    _check_not_binary(data)
    declared = _META_CHARSET.search(data[:SNIFF_BYTES])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = "utf-8"
        if codec != "utf-8":
            try:
                return _nonblank(_normalise(data.decode(codec)))
            except UnicodeDecodeError as error:
                reason = f"not valid {name} text, the charset the page declares (byte {error.start})"
                raise _InputError(reason) from None
    return _decode(data)


def _nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counted from its tags (unclosed ones count as open)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID_ELEMENTS or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _str_or_none(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


# --- shared helpers ------------------------------------------------------------------------------


def _document(
    text: str,
    doc_id: str,
    origin: str,
    meta: _Metadata,
    metadata_source: str,
    default_date: dt.date | None,
    fallback_title: str | None,
) -> Document:
    """Assemble a Document; the date comes from metadata, else --date, else the text, else none."""
    published: dt.date | None
    if meta.published is not None:
        published, source = meta.published, metadata_source
    elif default_date is not None:
        published, source = default_date, "option"
    else:
        published = date_from_text(text)
        source = "text" if published is not None else "none"
    if published is not None and not FIRST_PUBLISHED_YEAR <= published.year <= LAST_PUBLISHED_YEAR:
        raise _InputError(f"publication date {published.isoformat()} is outside the years "
                          f"{FIRST_PUBLISHED_YEAR}-{LAST_PUBLISHED_YEAR}")
    return Document(
        id=doc_id,
        text=text,
        published=published,
        published_source=source,
        url=meta.url,
        title=meta.title or fallback_title,
        outlet=meta.outlet.removeprefix("www.") if meta.outlet else _host(meta.url),
        language=meta.language,
        origin=origin,
    )


def _check_not_binary(data: bytes) -> None:
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise _InputError("UTF-16 text without a byte-order mark; save it with one, or as UTF-8")
        raise _InputError("binary file, not text")


def _looks_like_utf16(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    nul_share = max(head[0::2].count(0), head[1::2].count(0)) / max(len(head) // 2, 1)
    return nul_share >= UTF16_NUL_SHARE


def _wide_encoding(head: bytes) -> str | None:
    """"utf-16" or "utf-32" when `head` opens with that encoding's byte-order mark, else None."""
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return encoding
    return None


def _transcode(data: bytes) -> bytes:
    """UTF-16 or UTF-32 text with its byte-order mark, as UTF-8 without one."""
    encoding = _wide_encoding(data)
    assert encoding is not None
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as error:
        raise _InputError(f"not valid {encoding.upper()} text (byte {error.start})") from None


def _peek(stream: IO[bytes], count: int) -> bytes:
    """The next `count` bytes of `stream` (fewer at its end), left in it to be read."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(count)[:count])
    position = stream.tell()
    head = stream.read(count)
    stream.seek(position)
    return head


def _load_json(text: str | bytes) -> Any:
    """json.loads, with nesting too deep for the parser turned into a reason instead of a crash."""
    try:
        return json.loads(text)
    except RecursionError:
        raise _InputError("malformed JSON: nested too deeply") from None


def _decode(data: bytes) -> str:
    _check_not_binary(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _InputError(f"not valid UTF-8 text (byte {error.start})") from None
    return _nonblank(_normalise(text))


def _nonblank(text: str) -> str:
    if not text.strip():
        raise _InputError("empty file")
    return text


def _normalise(text: str) -> str:
    """NFC and Unix newlines; everything else stays as written (cleaning is the next stage)."""
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n"))


def _title_from_text(text: str) -> str | None:
    """The first line, when it reads like a headline: short and without a final period."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) < TITLE_MAX_CHARS and not line.endswith(".") else None
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{count} bytes"


def _quote(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "...")


# --- dates ---------------------------------------------------------------------------------------


def parse_date(value: str) -> dt.date:
    """A calendar date from a metadata value: ISO 8601, RFC 2822, or a full written date.

    Raises ValueError when `value` holds no complete date (day, month and year).
    """
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    match = _FULL_DATE.search(value)
    if match:
        found = _date_from_match(match)
        if found is not None:
            return found
    raise ValueError(f"not a date: {value!r}")


def date_from_text(text: str) -> dt.date | None:
    """The publication date written in the headline block of `text`, if there is one.

    Only a short date line ("Published 14 September 2022") or a dateline opening a paragraph
    ("KYIV, 14 September 2022 -") counts: a full date inside a sentence usually dates an event.
    """
    seen = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > DATE_SEARCH_LINES:
            break
        candidates = []
        if len(line.split()) <= DATE_LINE_MAX_WORDS:
            candidates.append(line)
        dateline = _DATELINE.match(line)
        if dateline:
            candidates.append(dateline.group("date"))
        for candidate in candidates:
            match = _FULL_DATE.search(candidate)
            found = _date_from_match(match) if match else None
            if found is not None:
                return found
    return None


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    for style in ("dmy", "mdy", "iso", "dot"):
        if groups[f"{style}_year"] is None:
            continue
        month_text = groups[f"{style}_month"]
        if month_text.isdigit():
            month = int(month_text)
        else:
            month = _MONTH_NUMBERS[month_text[:3].lower()]
        try:
            return dt.date(int(groups[f"{style}_year"]), month, int(groups[f"{style}_day"]))
        except ValueError:  # 31 September and the like
            return None
    return None

"""Fuzz target for the readers (issue 11): atheris (libFuzzer) mutates bytes, which are read as each
kind of input file and as standard input; anything but a Document or a Skipped, any exception, is a
crash. The readers and the cleaning stage are instrumented so that the fuzzer follows their branches.

    python tests/fuzz_read.py -max_total_time=60 [SEED_FOLDER]

tests/test_fuzz.py runs it for a bounded time in CI, seeded with the hostile corpus of tests/hostile.py.
A crash leaves its input in crash-* files: add it to REGRESSIONS in tests/test_fuzz.py.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["warledger"]):
    from warledger.clean import clean
    from warledger.read import MAX_INPUT_BYTES, date_from_text, parse_date, read_inputs
    from warledger.records import Document, Skipped

SUFFIXES = (".txt", ".jsonl", ".json", ".html", ".xhtml", "", ".md")
# A small size limit lets the fuzzer reach the too-large paths with short inputs.
FUZZ_MAX_BYTES = 4096
# In the working folder (the test's temporary one): libFuzzer ends the process without Python's clean-up.
WORK = Path(tempfile.mkdtemp(prefix="warledger-fuzz-", dir=Path.cwd()))


def read_bytes(data: bytes, suffix: str) -> list[Document | Skipped]:
    """Read `data` as a file with `suffix`, and as standard input."""
    path = WORK / f"input{suffix}"
    path.write_bytes(data)
    found = list(read_inputs([str(path)], max_bytes=FUZZ_MAX_BYTES))
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        found += read_inputs(["-"], max_bytes=FUZZ_MAX_BYTES)
    finally:
        sys.stdin = stdin
    return found


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    suffix = SUFFIXES[provider.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    payload = provider.ConsumeBytes(provider.remaining_bytes())
    for item in read_bytes(payload, suffix):
        if isinstance(item, Document):
            cleaned = clean(item.text)
            for offset in (0, len(cleaned.text)):
                cleaned.to_original(offset)
            date_from_text(item.text)
        elif not isinstance(item, Skipped) or not item.reason or "\n" in item.reason:
            raise AssertionError(f"not a Document or a one-line Skipped: {item!r}")
    text = payload.decode("utf-8", "replace")
    try:
        parse_date(text)
    except ValueError:
        pass


def main() -> None:
    assert FUZZ_MAX_BYTES < MAX_INPUT_BYTES
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

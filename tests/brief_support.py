"""What the brief's tests need from the machine: WeasyPrint's system libraries (Debian's pango) to print
a PDF, and poppler-utils (pdftoppm, pdftotext) to read one back. `make brief-deps` installs both, and
.ci/run does under CI, where their absence fails the tests; elsewhere the tests needing them are
skipped, saying what to install."""

from __future__ import annotations

import os
import shutil

import pytest

from warledger.brief import BriefError, load_weasyprint

PDFTOPPM, PDFTOTEXT = shutil.which("pdftoppm"), shutil.which("pdftotext")


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        raise RuntimeError(f"CI needs it (.ci/run installs it): {reason}")
    pytest.skip(reason)


def requires_pdf_libraries() -> None:
    try:
        load_weasyprint()
    except BriefError as error:
        _missing(str(error))


def requires_poppler() -> None:
    if not (PDFTOPPM and PDFTOTEXT):
        _missing("no pdftoppm/pdftotext: apt-get install poppler-utils (or `make brief-deps`) to read the PDF back")

"""Shared fixtures and helpers of the per-stage tests (test_segment.py ... test_merge.py).

The stage tests load the spaCy model, the gazetteer and the lexicons once per session (about 5 s and
300 MB) through the `stage_pipeline` fixture. Each stage test module names this file in its
`pytest_plugins`, so pytest registers it once as a plugin and every module shares the one fixture;
importing the fixture function into each module would instead give each module its own copy.
The modules import the helpers below before pytest registers the plugin, too late for pytest to rewrite
its asserts, so the marker PYTEST_DONT_REWRITE says so (and silences pytest's warning); the one assert
here carries its own message.

Every text the tests feed in is written for the tests, in the style of wire copy about several wars.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from warledger.annotate import Annotated, annotate
from warledger.detect import Candidate
from warledger.pipeline import Pipeline
from warledger.records import Actor, Claim, DateSpan, Document, Event, Mention, Place, Span
from warledger.segment import Segmented, reparse_datelines, segment

# A Wednesday: reports dated to it say "on Wednesday" for the day itself, "on Tuesday" for the day before.
WEDNESDAY = dt.date(2024, 3, 13)


@pytest.fixture(scope="session")
def stage_pipeline(pipeline: Pipeline) -> Pipeline:
    """The session's one pipeline (conftest.py), with the packaged knowledge and no profile."""
    return pipeline


def parse(pipeline: Pipeline, text: str) -> Segmented:
    """Stage 2: the parsed text cut into paragraphs and sentences."""
    return segment(reparse_datelines(pipeline.nlp, pipeline.nlp(text)), pipeline.recognise)


def annotated(pipeline: Pipeline, text: str, published: dt.date = WEDNESDAY) -> Annotated:
    """Stages 2-3: the text's sentences with their places, actors, dates, figures and speakers."""
    return annotate(parse(pipeline, text), published, pipeline.gazetteer, pipeline.matcher,
                    pipeline.knowledge)


def candidates(pipeline: Pipeline, text: str) -> list[Candidate]:
    """Stages 2 and 4: the triggers the detector accepts as reported events."""
    segmented = parse(pipeline, text)
    bounds = [(s.index, s.paragraph, s.span.start, s.span.end) for s in segmented.sentences]
    return pipeline.detector.find(segmented.doc, bounds)


def detected(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    """(event type, sub-event type) of each candidate the detector accepts."""
    return [(c.event_type, c.sub_event_type) for c in candidates(pipeline, text)]


def extract(pipeline: Pipeline, *texts: str, published: dt.date = WEDNESDAY) -> list[Event]:
    """All stages over one document per text, all published on the same day."""
    documents = [Document(f"doc{i}", text, published, origin=f"doc{i}") for i, text in enumerate(texts)]
    events, skipped = pipeline.extract(documents)
    assert skipped == [], skipped
    return events


def kinds(events: Sequence[Event]) -> list[tuple[str, str]]:
    return [(e.event_type, e.sub_event_type) for e in events]


def quoted(text: str, span: Span | None) -> str | None:
    """The words of the original text a span points to."""
    return None if span is None else text[span.start:span.end]


def mention(
    doc_id: str,
    day: dt.date,
    sides: tuple[str, ...],
    *,
    event_type: str = "Battles",
    sub_event_type: str = "Armed clash",
    actors: tuple[Actor | None, Actor | None] = (None, None),
    place: Place | None = None,
    fatalities_by_side: dict[str, int] | None = None,
) -> Mention:
    """A mention built by hand, as resolve would give it, for merge tests that must not depend on parsing."""
    span = Span(0, 40)
    claim = Claim("reporter", None, "a sentence of the report", doc_id, span)
    return Mention(
        doc_id=doc_id, sentence=0, paragraph=0, span=span, trigger="clashed", trigger_span=Span(10, 17),
        event_type=event_type, sub_event_type=sub_event_type, actor1=actors[0], actor2=actors[1], sides=sides,
        place=place, place_span=None, date=DateSpan.day(day), date_span=Span(30, 39), historical=False,
        claims=[claim], fatalities_by_side=dict(fatalities_by_side or {}), text="a sentence of the report",
    )

"""Stage 3, fatalities: how many died, and on whose side; the wounded and "casualties" are no deaths."""

from __future__ import annotations

import pytest
from stage_fixtures import annotated, extract

from warledger.pipeline import Pipeline

pytest_plugins = ["stage_fixtures"]


def figures(pipeline: Pipeline, text: str) -> list[tuple[int, str | None]]:
    """(count, side) of every death figure in the text."""
    return [(f.count, f.side) for note in annotated(pipeline, text).sentences for f in note.figures]


@pytest.mark.parametrize(("text", "expected"), [
    # the wounded are never counted
    ("An RSF drone hit a market in El Obeid, killing 2 civilians and wounding 5.", [(2, "CIV")]),
    ("Russian missiles struck Odesa, killing 2 civilians and wounding 5 others.", [(2, "CIV")]),
    # a count introduced by "including" is part of the total already counted
    ("A Sudanese air strike killed 7 people, including 3 children, in Nyala.", [(7, None)]),
    ("Shelling killed 7 people, including 3 children, in Goma on Monday.", [(7, None)]),
    # each side's dead, by the demonym or group on the counted noun
    ("At least two Armenian fighters and an Azerbaijani soldier were killed in the clash.",
     [(2, "ARM"), (1, "AZE")]),
    ("The fighting left at least two M23 fighters and a Congolese soldier dead.", [(2, "M23"), (1, "COD")]),
    ("At least two Hamas fighters and an Israeli soldier were killed in the clash.",
     [(2, "HAMAS"), (1, "ISR")]),
    # ACLED's figures for vague words
    ("Dozens of villagers were killed when gunmen stormed the village.", [(12, "CIV")]),
    ("Several soldiers were killed in the ambush near Djibo.", [(3, None)]),
    ("Hundreds of civilians died in the siege of El Fasher.", [(100, "CIV")]),
    # written numbers and multipliers
    ("During the war, 30 thousand people died.", [(30000, None)]),
    ("More than 2,783 soldiers died in the war.", [(2783, None)]),
    ("Junta troops killed twelve villagers in Sagaing.", [(12, "CIV")]),
    # a household counted by its members; "of one family" counts none beside the figure before it
    ("A Russian missile struck a block of flats in Dnipro, killing a family of four.", [(4, None)]),
    ("Eight martyrs of one family were killed when warplanes struck a house in Douris.", [(8, None)]),
])
def test_death_figures(stage_pipeline: Pipeline, text: str, expected: list[tuple[int, str | None]]) -> None:
    assert figures(stage_pipeline, text) == expected


@pytest.mark.parametrize("text", [
    "The shelling caused casualties in Kramatorsk.",
    "There were casualties among the civilians in Rafah.",
    "Twelve soldiers were wounded in the ambush near Menaka.",
    "Two fighters were captured near Sake.",
    "About 300 civilians were evacuated from Avdiivka.",
])
def test_no_death_figure(stage_pipeline: Pipeline, text: str) -> None:
    assert figures(stage_pipeline, text) == []


def test_the_events_deaths_leave_out_the_wounded(stage_pipeline: Pipeline) -> None:
    text = "Russian missiles struck Odesa on Monday, killing 2 civilians and wounding 5 others."
    [event] = extract(stage_pipeline, text)
    assert (event.fatalities, event.fatalities_by_side) == (2, {"CIV": 2})


def test_a_total_with_no_side_counts_once_with_its_subset(stage_pipeline: Pipeline) -> None:
    text = "A Sudanese air strike killed 7 people, including 3 children, in Nyala on Monday."
    [event] = extract(stage_pipeline, text)
    assert (event.fatalities, event.fatalities_by_side) == (7, {})


def test_casualties_alone_leave_the_events_deaths_unknown(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Russian shelling of Kramatorsk on Monday caused casualties.")
    assert event.fatalities is None

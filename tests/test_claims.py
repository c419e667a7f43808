"""Stage 3, claims: who asserts what a sentence reports, and which outlet relayed it."""

from __future__ import annotations

import pytest
from stage_fixtures import annotated, extract

from warledger.pipeline import Pipeline

pytest_plugins = ["stage_fixtures"]


def speakers(pipeline: Pipeline, text: str) -> list[list[tuple[str, str | None, str | None]]]:
    """(claimant, side, outlet) of each speaker, sentence by sentence."""
    notes = annotated(pipeline, text).sentences
    return [[(a.claimant, a.side, a.outlet) for a in note.speakers] for note in notes]


@pytest.mark.parametrize(("text", "claimant", "side"), [
    ("Azerbaijan's defense ministry said that Armenian units fired on its positions.",
     "Ministry of Defence of Azerbaijan", "AZE"),
    ("Sudan's defence ministry said that RSF fighters shelled a camp in El Fasher.",
     "Ministry of Defence of Sudan", "SDN"),
    ("Russia's defense ministry claimed that its forces captured Krynky.",
     "Ministry of Defence of Russia", "RUS"),
    ("Ukraine's General Staff said that 30 Russian drones were shot down.",
     "General Staff of the Armed Forces of Ukraine", "UKR"),
    ("The authorities in Yerevan reported that Azerbaijani drones struck Jermuk.",
     "Government of Armenia", "ARM"),
])
def test_a_state_body_that_speaks_becomes_a_claimant_with_its_side(
        stage_pipeline: Pipeline, text: str, claimant: str, side: str) -> None:
    assert speakers(stage_pipeline, text) == [[(claimant, side, None)]]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a demonym on a civilian's noun makes no party of the one who speaks
    ('"They burned everything we had," said an Ethiopian shopkeeper in Thokoza.', [[]]),
    ("A Ukrainian farmer said that Russian drones struck his barn.", [[]]),
    # ... as it does on an official
    ("A Ukrainian official said that Russian drones struck a barn.", [[("Government of Ukraine", "UKR", None)]]),
])
def test_a_civilian_with_a_nationality_speaks_for_no_side(stage_pipeline: Pipeline, text: str,
                                                          expected: list) -> None:
    assert speakers(stage_pipeline, text) == expected


def test_a_body_of_no_known_state_speaks_under_its_own_name(stage_pipeline: Pipeline) -> None:
    assert speakers(stage_pipeline, "The Gaza health ministry said that 20 people were killed.") == [
        [("Gaza health ministry", None, None)]]


@pytest.mark.parametrize(("text", "claimant", "side"), [
    ("Armenia's defence ministry said that Azerbaijani troops opened fire. Azerbaijan's defence ministry "
     "said that Armenian units fired first. According to the ministry, one soldier was wounded.",
     "Ministry of Defence of Azerbaijan", "AZE"),
    ("Azerbaijan's defence ministry said that Armenian units fired first. Armenia's defence ministry "
     "said that Azerbaijani troops opened fire. According to the ministry, one soldier was wounded.",
     "Ministry of Defence of Armenia", "ARM"),
])
def test_according_to_the_ministry_refers_to_the_last_ministry_named(
        stage_pipeline: Pipeline, text: str, claimant: str, side: str) -> None:
    assert speakers(stage_pipeline, text)[2] == [(claimant, side, None)]


@pytest.mark.parametrize(("text", "outlet"), [
    ("Fighting resumed near Goma on Tuesday, writes AFP.", "AFP"),
    ("Israeli tanks shelled Rafah overnight, writes Reuters.", "Reuters"),
])
def test_writes_an_agency_names_the_outlet(stage_pipeline: Pipeline, text: str, outlet: str) -> None:
    assert speakers(stage_pipeline, text) == [[(outlet, None, outlet)]]


def test_a_party_and_the_outlet_relaying_it_are_both_kept(stage_pipeline: Pipeline) -> None:
    text = "Mali's army said that jihadists attacked a convoy near Gao, Reuters reported."
    assert speakers(stage_pipeline, text) == [
        [("Military Forces of Mali", "MLI", None), ("Reuters", None, "Reuters")]]


@pytest.mark.parametrize("text", [
    "In 1991, Nagorno-Karabakh declared independence from Azerbaijan.",
    "The region declared independence from Azerbaijan, and war followed.",
    "The junta declared martial law in Myanmar in 2021.",
])
def test_a_speech_verb_with_no_reported_clause_is_no_attribution(stage_pipeline: Pipeline, text: str) -> None:
    assert speakers(stage_pipeline, text) == [[]]


def test_the_events_claim_names_claimant_side_and_outlet(stage_pipeline: Pipeline) -> None:
    text = ("Sudan's defence ministry said that RSF fighters shelled a camp in El Fasher on Tuesday, "
            "writes AFP.")
    [event] = extract(stage_pipeline, text)
    assert [(c.claimant, c.side, c.outlet, c.source_id) for c in event.claims] == [
        ("Ministry of Defence of Sudan", "SDN", "AFP", "doc0")]
    assert event.outlets == ["AFP"]
    [claim] = event.claims
    assert text[claim.span.start:claim.span.end] == text


def test_a_report_in_its_own_voice_is_claimed_by_the_reporter(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Junta jets bombed a village in Sagaing on Tuesday.")
    assert [(c.claimant, c.side) for c in event.claims] == [("reporter", None)]


def test_a_claimant_with_a_figure_has_one_claim_not_a_bare_repeat(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Pakistan's army said Indian troops shelled its posts near Uri on Tuesday, "
                                      "killing seven Indian soldiers in the return fire.")
    assert [(c.claimant, c.side, c.fatalities, c.fatalities_side) for c in event.claims] == [
        ("Military Forces of Pakistan", "PAK", 7, "IND")]


@pytest.mark.parametrize(("text", "claimant", "recognised"), [
    # a person the recogniser finds speaks under the name
    ("Colonel-General Anna Petrova said on Monday that rebels shelled Goma.", "Anna Petrova", True),
    # a speaker phrase whose only proper noun is a place names no person: the recogniser is not run
    ("A security official in Beni said on Monday that rebels shelled Goma.", None, False),
    ("Officials said on Monday that rebels shelled Goma.", None, False),
])
def test_a_person_is_looked_for_only_where_a_proper_noun_names_no_party_or_place(
        stage_pipeline: Pipeline, text: str, claimant: str | None, recognised: bool) -> None:
    result = annotated(stage_pipeline, text)
    [note] = result.sentences
    assert [s.claimant for s in note.speakers] == ([claimant] if claimant else [])
    assert bool(result.segmented.entities._by_sentence) == recognised


@pytest.mark.parametrize(("text", "in_speaker"), [
    # an informant speaks from an office: his town is not where the fighting was ...
    ("Soldiers fought the attackers for an hour, a military source in Sabha told our correspondent.", True),
    ("Gunmen killed two farmers, officials in Kano said.", True),
    # ... residents and witnesses speak from the scene
    ("Gunmen killed two farmers, residents of Kano said.", False),
])
def test_the_town_of_an_informant_is_not_the_events_place(
        stage_pipeline: Pipeline, text: str, in_speaker: bool) -> None:
    [note] = annotated(stage_pipeline, text).sentences
    assert [p.in_speaker for p in note.places] == [in_speaker]

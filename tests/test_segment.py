"""Stage 2, segment: paragraphs and sentences of a parsed text."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from stage_fixtures import parse

from warledger.pipeline import Pipeline
from warledger.places import datelines
from warledger.segment import entity_label, parse_after_dateline, reparse_datelines

pytest_plugins = ["stage_fixtures"]


def sentences(pipeline: Pipeline, text: str) -> list[tuple[int, str]]:
    """(paragraph, words) of each sentence."""
    return [(s.paragraph, s.text.strip()) for s in parse(pipeline, text).sentences]


def test_a_line_break_ends_a_sentence_that_has_no_full_stop(stage_pipeline: Pipeline) -> None:
    # a headline and a dateline carry no full stop; without the rule the parser runs them into the story
    text = "Drone strike hits Kharkiv\nKHARKIV, Ukraine\nRussian drones struck an apartment block on Monday."
    assert sentences(stage_pipeline, text) == [
        (0, "Drone strike hits Kharkiv"),
        (1, "KHARKIV, Ukraine"),
        (2, "Russian drones struck an apartment block on Monday."),
    ]


def test_a_line_break_inside_a_clause_still_starts_a_new_sentence(stage_pipeline: Pipeline) -> None:
    text = "Junta troops advanced towards\nthe town of Lashio on Monday."
    assert [words for _, words in sentences(stage_pipeline, text)] == [
        "Junta troops advanced towards", "the town of Lashio on Monday."]


def test_sentences_of_one_line_share_its_paragraph(stage_pipeline: Pipeline) -> None:
    text = "RSF fighters shelled a camp near El Fasher. Aid workers fled. The army denied losses."
    segmented = parse(stage_pipeline, text)
    assert [s.paragraph for s in segmented.sentences] == [0, 0, 0]
    assert segmented.paragraph_count == 1


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n\n", "   \n  ", "\r\n", "\r\n\r\n"])
def test_single_and_blank_line_breaks_both_end_a_paragraph(stage_pipeline: Pipeline, gap: str) -> None:
    text = f"Clashes near Goma.{gap}The army sent reinforcements. Residents fled.{gap}Talks stalled."
    segmented = parse(stage_pipeline, text)
    assert [(s.paragraph, s.text.strip()) for s in segmented.sentences] == [
        (0, "Clashes near Goma."),
        (1, "The army sent reinforcements."),
        (1, "Residents fled."),
        (2, "Talks stalled."),
    ]
    assert segmented.paragraph_count == 3


def test_sentence_indices_run_through_the_text_and_skip_blank_lines(stage_pipeline: Pipeline) -> None:
    segmented = parse(stage_pipeline, "\n\nGaza truce holds\n\n\nNo strikes were reported overnight.\n")
    assert [s.index for s in segmented.sentences] == [0, 1]
    assert [s.text.strip() for s in segmented.sentences] == [
        "Gaza truce holds", "No strikes were reported overnight."]
    assert segmented.paragraph_count == 2


def test_sentence_offsets_select_their_words(stage_pipeline: Pipeline) -> None:
    text = "Border clashes resume\n\nArmenian and Azerbaijani troops exchanged fire overnight."
    for sentence in parse(stage_pipeline, text).sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_an_empty_text_has_no_paragraphs(stage_pipeline: Pipeline) -> None:
    segmented = parse(stage_pipeline, "")
    assert (segmented.sentences, segmented.paragraph_count) == ((), 0)


@pytest.mark.xfail(strict=True, reason="after a line break the parser splits a sentence after its first word "
                                       "when that word is an acronym: 'M23' | 'rebels seized Rutshuru.'")
@pytest.mark.parametrize("text", [
    "Clashes in Congo\nM23 rebels seized Rutshuru.",
    "Fighting rages in Sudan\nRSF fighters shelled a camp.",
])
def test_a_line_after_a_line_break_is_not_cut_after_its_first_word(
        stage_pipeline: Pipeline, text: str) -> None:
    assert len(parse(stage_pipeline, text).sentences) == 2


# texts of our own: names of people, places, dates and figures near sentence edges
ENTITY_TEXTS = [
    "Defence Minister Ilham Karimov said on Monday that rebels shelled Kargil. Colonel Anna Petrova denied it.\n"
    "Three soldiers died near Lake Chad on 4 March 2021. Reuters reported the figure.",
    "On Friday, President Win Myint met Aung San Suu Kyi in Naypyidaw.\n\nThe army said 40 percent of the "
    "district was taken by 06:45, and $5 million was pledged by the World Bank.",
]


@pytest.mark.parametrize("text", ENTITY_TEXTS)
def test_entities_recognised_on_demand_are_those_of_a_whole_text_pass(stage_pipeline: Pipeline, text: str) -> None:
    segmented = parse(stage_pipeline, text)
    assert not segmented.doc.ents  # the recogniser does not run with the parse
    whole = stage_pipeline.recognise(stage_pipeline.nlp(text))
    expected = [(e.start, e.end, e.label_) for e in whole.ents]
    assert expected  # the texts hold entities
    assert segmented.entities.starting_in(0, len(segmented.doc)) == expected


def test_entities_are_recognised_only_in_the_sentences_asked_for(stage_pipeline: Pipeline) -> None:
    segmented = parse(stage_pipeline, ENTITY_TEXTS[0])
    second = segmented.sentences[1].span
    found = segmented.entities.starting_in(second.start, second.end)
    assert [(segmented.doc[s:e].text, label) for s, e, label in found] == [("Anna Petrova", "PERSON")]
    assert list(segmented.entities._by_sentence) == [second.start]  # the other sentences were not run
    assert entity_label(segmented.doc[second.start + 1]) == "PERSON"  # "Anna"
    assert entity_label(segmented.doc[second.end - 2]) == ""  # "it"


def test_the_parse_leaves_the_recogniser_loaded_but_off(stage_pipeline: Pipeline) -> None:
    assert "ner" not in stage_pipeline.nlp.pipe_names
    assert "ner" in stage_pipeline.nlp.component_names


def _dateline_parse(pipeline: Pipeline, text: str) -> tuple[Doc, Doc]:
    doc = pipeline.nlp(text)
    return doc, parse_after_dateline(pipeline.nlp, doc, datelines(text)[0][1])


@pytest.mark.issue(9)
def test_a_datelines_sentence_is_parsed_as_without_it(stage_pipeline: Pipeline) -> None:
    text = ("KANDAHAR, Afghanistan, May 14 - A teacher who had run a girls' school for ten years was shot dead in "
            "Spin Boldak on Tuesday evening, police said. Schools in the district stayed shut on Wednesday.")
    before, after = _dateline_parse(stage_pipeline, text)
    # the dateline's place is no longer the subject: the teacher is, of the verb of the shooting
    assert [t.text for t in before if t.dep_ == "nsubjpass"] != ["teacher"]
    subject = next(t for t in after if t.dep_ == "nsubjpass")
    assert (subject.text, subject.head.text) == ("teacher", "shot")
    # the dateline hangs from the sentence's root; words, sentences and the next sentence's parse stay
    assert after[0].dep_ == "npadvmod" and after[0].head.dep_ == "ROOT"
    assert [t.text for t in after] == [t.text for t in before]
    assert [s.text for s in after.sents] == [s.text for s in before.sents]
    second = list(before.sents)[1]
    assert [(t.dep_, t.head.i) for t in after[second.start:second.end]] == \
        [(t.dep_, t.head.i) for t in second]


@pytest.mark.issue(9)
def test_a_text_whose_parser_already_ended_the_dateline_is_left_alone(stage_pipeline: Pipeline) -> None:
    before, after = _dateline_parse(stage_pipeline, "KABUL, May 14 -\nGunmen shot dead a teacher on Tuesday.")
    assert after is before


@pytest.mark.issue(9)
def test_a_bulletins_source_before_a_colon_is_parsed_apart(stage_pipeline: Pipeline) -> None:
    text = ("Ministry of Defence of the Kyrgyz Republic: on 15 September, units of the armed forces of Tajikistan, "
            "supported by tanks, seized the border outpost and entered the village.")
    after = reparse_datelines(stage_pipeline.nlp, stage_pipeline.nlp(text))
    # the units seized the outpost, not the ministry that tells it
    assert [t.text for t in after if t.dep_ == "nsubj" and t.head.text == "seized"] == ["units"]
    assert [t.text for t in after] == [t.text for t in stage_pipeline.nlp(text)]


@pytest.mark.issue(9)
def test_a_saying_before_a_colon_keeps_its_parse(stage_pipeline: Pipeline) -> None:
    text = "The spokesman said: our units repelled the attack near the village."
    before = stage_pipeline.nlp(text)
    after = reparse_datelines(stage_pipeline.nlp, before)
    assert [(t.dep_, t.head.i) for t in after] == [(t.dep_, t.head.i) for t in before]

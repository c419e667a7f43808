"""Tests for the clean stage: what is dropped, what is kept, and the map back to the original."""

from __future__ import annotations

import re

import pytest
from conftest import SHARED, requires_shared

from warledger.clean import CleanText, clean, default_rules, parse_rules, teasers

SEEDS = SHARED / "seeds"

# Written for these tests in the style of a content-farm repost.
FARM_POST = """Rebels say they took the hill above Dorvan / VALLEY WIRE



[ad_1]

Rebel commanders said on Monday that their fighters had taken the hill above Dorvan after a long fight.

Advertisement

The army denied losing the position and said its guns were still shelling rebel trenches by the road.

Soldiers load shells into a truck near Dorvan NORTH PRESS / AGENCY WIRE / MARA KELLEN

Photo: Valley Wire / Telegram

See also\u00a0 Ten facts about the city's oldest bridge

A local official said 14 civilians had fled the village of Tessa since Saturday and two were wounded.

Share this:

Publisher: VW

[ad_2]

Leave a Reply

Your email address will not be published. Required fields are marked *"""

REAL_SENTENCES = (
    "Rebel commanders said on Monday that their fighters had taken the hill above Dorvan after a long fight.",
    "The army denied losing the position and said its guns were still shelling rebel trenches by the road.",
    "A local official said 14 civilians had fled the village of Tessa since Saturday and two were wounded.",
)


def dropped(result: CleanText, original: str) -> dict[str, str]:
    """The dropped lines (stripped) and why."""
    return {original[start:end].strip(): reason for start, end, reason in result.removed}


def test_content_farm_boilerplate_is_dropped_with_reasons() -> None:
    result = clean(FARM_POST)

    assert dropped(result, FARM_POST) == {
        "[ad_1]": "ad marker",
        "Advertisement": "ad marker",
        "Soldiers load shells into a truck near Dorvan NORTH PRESS / AGENCY WIRE / MARA KELLEN": (
            "photo caption with agency credit"
        ),
        "Photo: Valley Wire / Telegram": "photo or video credit",
        "See also\u00a0 Ten facts about the city's oldest bridge": "teaser for another story",
        "Share this:": "share buttons",
        "Publisher: VW": "byline",
        "[ad_2]": "ad marker",
        "Leave a Reply": "comment prompt",
        "Your email address will not be published. Required fields are marked *": "comment form",
    }


def test_real_sentences_and_the_headline_stay() -> None:
    result = clean(FARM_POST)

    for sentence in REAL_SENTENCES:
        assert sentence + "\n" in result.text
    # The headline ends in " / OUTLET" like a photo credit, but it is the headline.
    assert result.text.startswith("Rebels say they took the hill above Dorvan / VALLEY WIRE\n")
    # Paragraph breaks are kept.
    assert "\n\n" in result.text


def test_kept_text_is_the_original_with_the_dropped_lines_cut_out() -> None:
    result = clean(FARM_POST)

    rebuilt, position = [], 0
    for start, end, _ in result.removed:
        assert start >= position  # in order, not overlapping
        rebuilt.append(FARM_POST[position:start])
        position = end
    rebuilt.append(FARM_POST[position:])
    assert "".join(rebuilt) == result.text


def test_to_original_maps_spans_of_words_to_the_same_words() -> None:
    result = clean(FARM_POST)

    words = list(re.finditer(r"\S+", result.text))
    assert len(words) > 50
    for word in words:
        start = result.to_original(word.start())
        end = result.to_original(word.end(), end=True)
        assert FARM_POST[start:end] == word.group()
    for sentence in REAL_SENTENCES:
        clean_start = result.text.index(sentence)
        start = result.to_original(clean_start)
        end = result.to_original(clean_start + len(sentence), end=True)
        assert FARM_POST[start:end] == sentence
        assert start == FARM_POST.index(sentence)


def test_to_original_at_a_cut_start_maps_past_it_and_end_maps_before_it() -> None:
    original = "First line.\n[ad_1]\nSecond line.\n"
    result = clean(original)

    assert result.text == "First line.\nSecond line.\n"
    boundary = len("First line.\n")
    assert result.to_original(boundary) == original.index("Second")
    assert result.to_original(boundary, end=True) == boundary
    assert result.to_original(len(result.text)) == len(original)
    with pytest.raises(ValueError, match="outside the clean text"):
        result.to_original(len(result.text) + 1)


def test_text_without_boilerplate_is_unchanged() -> None:
    text = "Troops crossed the river.\n\nThe mayor said the bridge was intact.\n"

    result = clean(text)

    assert result.text == text and result.removed == ()
    assert result.to_original(10) == 10


def test_last_line_without_newline_and_adjacent_drops() -> None:
    original = "Shelling resumed at dawn.\nAdvertisement\n[ad_1]\nComments"

    result = clean(original)

    assert result.text == "Shelling resumed at dawn.\n"
    assert [reason for _, _, reason in result.removed] == ["ad marker", "ad marker", "comment prompt"]
    assert result.removed[-1][1] == len(original)


@pytest.mark.parametrize(
    "line",
    [
        # Long sentences that end in a period survive even with a slash, a colon or a credit-like start.
        "Photo: a resident said the drone flew low over the market and hit a parked van near the school.",
        "The ministry said the strike on the depot / fuel store was carried out by two drones at night.",
        "Source: officials in the regional administration told reporters that the water supply was cut.",
        # A subheading is not boilerplate.
        "Fighting along the northern front",
        # Words that only begin like a label.
        "Comments by the governor were broadcast on local television late on Sunday evening, hours later.",
        "Sponsored by the regional council, the talks opened in the capital on Tuesday morning.",
        "Related fighting was reported in the hills east of the town, where the army holds a ridge.",
    ],
)
def test_real_lines_that_look_like_boilerplate_are_kept(line: str) -> None:
    text = f"Headline of the report\n\n{line}\n"

    assert clean(text).text == text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("ADVERTISEMENT", "ad marker"),
        ("Sponsored", "ad marker"),
        ("VIDEO", "section label"),
        ("Read also", "section label"),
        ("READ MORE: Army chief visits the front line", "teaser for another story"),
        ("Related: Ceasefire talks stall again", "teaser for another story"),
        ("Video: District council / YouTube", "photo or video credit"),
        ("Main photo source: Wire agency", "photo or video credit"),
        (
            "Armoured vehicles on the bridge Facebook / Ministry of Defence",
            "photo or video caption with credit",
        ),
        ("Leave a Comment", "comment prompt"),
        ("Click to share on Telegram (Opens in new window)", "share buttons"),
        ("Source: Valley Wire", "byline"),
        ("This website uses cookies to improve your experience. Accept if you agree.", "cookie notice"),
    ],
)
def test_each_kind_of_boilerplate_line(line: str, reason: str) -> None:
    text = f"Headline of the report\n\nThe army said the road was open again.\n{line}\n"

    result = clean(text)

    assert result.text == "Headline of the report\n\nThe army said the road was open again.\n"
    assert [r for _, _, r in result.removed] == [reason]


def test_extra_rules_are_applied_after_the_packaged_ones() -> None:
    extra = parse_rules(
        [{"pattern": r"^Listen to this article$", "reason": "audio player"}], source="profile"
    )
    text = "Listen to this article\nThe bridge was hit twice.\n[ad_1]\n"

    result = clean(text, extra_rules=extra)

    assert result.text == "The bridge was hit twice.\n"
    assert [r for _, _, r in result.removed] == ["audio player", "ad marker"]
    assert clean(text).text.startswith("Listen to this article\n")  # not a packaged rule


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ({"pattern": "x"}, "expected a list"),
        ([{"pattern": "(", "reason": "r"}], "rule 1: bad pattern"),
        ([{"pattern": "x", "reason": "r", "max_word": 3}], "unknown key 'max_word'"),
        ([{"pattern": "x", "reason": "r", "max_words": 0}], "'max_words' must be a positive integer"),
        ([{"pattern": "x", "reason": ""}], "'reason' must be a non-empty string"),
        ([{"pattern": "x", "reason": "r", "unpunctuated": "yes"}], "'unpunctuated' must be true or false"),
    ],
)
def test_bad_rules_are_one_clear_error(items: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_rules(items, source="my-rules.json")


def test_packaged_rules_load_once() -> None:
    assert default_rules() is default_rules()
    assert len(default_rules()) > 10


@requires_shared("seeds", purpose="the raw seed reports are cleaned and checked line by line")
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_reports(name: str) -> None:
    original = (SEEDS / name).read_text(encoding="utf-8")

    result = clean(original)

    kept_lines = result.text.split("\n")
    for line in kept_lines:
        assert not line.startswith(("[ad_", "Leave a", "Your email address")), line
    for line in original.split("\n"):
        if line.rstrip().endswith(".") and len(line.split()) > 12:
            assert line in kept_lines
    for word in re.finditer(r"\S+", result.text):
        start, end = result.to_original(word.start()), result.to_original(word.end(), end=True)
        assert original[start:end] == word.group()


@pytest.mark.issue(9)
@pytest.mark.parametrize("line", [
    "By Newsroom | 26 February 2024 | Reading of 3 min",
    "Posted by Staff Writer | April 21, 2022 | World News | 4 min read",
    "5 min read",
    "Reading time: 4 minutes",
])
def test_reading_time_bylines_are_dropped(line: str) -> None:
    # a content farm's byline with its reading time: "Reading" is no English town
    text = f"Troops clash with gang\n\n{line}\n\nSoldiers fought a gang in Duran on Thursday."
    assert dropped(clean(text), text) == {line: "byline"}


def test_a_sentence_that_ends_in_minutes_stays() -> None:
    text = "Troops read the statement for 5 min\n\nSoldiers fought a gang in Duran on Thursday."
    assert dropped(clean(text), text) == {}


@pytest.mark.issue(9)
@pytest.mark.parametrize(("sentences", "found"), [
    (["Read also: Leone weakens against the US dollar"], {0}),
    (["Rebels burned a school.", "READ ALSO:", "Ten arrested after riot in Kenema"], {1, 2}),
    (["See also: the full list of polling stations", "Police said it was calm."], {0}),
    (["Related: Freetown market reopens"], {0}),
    (["Police said they would read all the statements again.", "Also, rebels burned the office in Kailahun."], set()),
])
def test_a_teaser_is_told_by_the_packaged_teaser_rules(sentences: list[str], found: set[int]) -> None:
    assert teasers(sentences) == found

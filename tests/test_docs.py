"""The output contract in docs/output-contract.md against the code: every field the program writes,
every export column, the taxonomy and the inter codes are documented, and the help points there."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from click.testing import Result
from conftest import REPOSITORY

from warledger.export import ACLED_COLUMNS, FLAT_COLUMNS
from warledger.knowledge_actors import INTER_CODES
from warledger.records import (
    EVENT_TYPES,
    SUB_EVENT_TYPES,
    Actor,
    Claim,
    DateSpan,
    Event,
    Mention,
    Place,
    Repost,
    Span,
)

RunCli = Callable[..., Result]  # the `run_cli` fixture of conftest.py

CONTRACT_DOC = REPOSITORY / "docs" / "output-contract.md"
CONTRACT_PATH = "docs/output-contract.md"


@pytest.fixture(scope="module")
def contract() -> str:
    return CONTRACT_DOC.read_text(encoding="utf-8")


def a_full_event() -> dict[str, object]:
    """An event with every part filled (actors, place, a claim, a mention with a mark)."""
    day = DateSpan.day(dt.date(2022, 9, 12))
    army, civilians = Actor("Military Forces of Azerbaijan", 1, "AZE"), Actor("Civilians (Armenia)", 7, "CIV")
    place = Place("geonames:616629", "Jermuk", "ARM", 39.84, 45.67, 1, admin1="Vayots Dzor")
    claim = Claim("Ministry of Defence of Armenia", "ARM", "Three were killed.", "doc-1", Span(0, 18), 3, "ARM")
    mention = Mention(
        doc_id="doc-1", sentence=0, paragraph=0, span=Span(0, 18), trigger="killed", trigger_span=Span(11, 17),
        event_type="Battles", sub_event_type="Armed clash", actor1=army, actor2=civilians, sides=("ARM", "AZE"),
        place=place, place_span=None, date=day, date_span=None, historical=False, claims=[claim],
        marks=[("trigger", Span(11, 17))],
    )  # fmt: skip
    return Event(
        event_id="ev-1", mentions=[mention], event_type="Battles", sub_event_type="Armed clash", actor1=army,
        actor2=civilians, sides=("ARM", "AZE"), place=place, date=day, historical=False, fatalities=3,
        fatalities_by_side={"ARM": 3}, claims=[claim], sources=["doc-1"], outlets=[], notes="",
        reposts=[Repost("doc-2", "doc-1", "A Farm", "A Wire")],
    ).as_contract()  # fmt: skip


def documented_row(contract: str, name: str) -> bool:
    """Whether a table row of the contract starts with the field `name`."""
    return re.search(rf"^\| `{re.escape(name)}` \|", contract, re.MULTILINE) is not None


def listed_columns(contract: str, heading: str) -> tuple[str, ...]:
    """The comma-separated column list that follows `heading` (the first paragraph ending in '.')."""
    section = contract.split(heading, 1)[1]
    paragraph = next(p for p in section.split("\n\n") if re.fullmatch(r"[a-z0-9_,\s]+\.", p.strip()))
    return tuple(re.split(r",\s*", paragraph.strip().rstrip(".")))


def test_every_field_an_event_carries_is_documented(contract: str) -> None:
    event = a_full_event()
    claims, evidence = event["claims"], event["evidence"]
    assert isinstance(claims, list) and isinstance(evidence, list)
    reposts = event["reposts"]
    assert isinstance(reposts, list)
    nested = [*claims[0], *evidence[0], *evidence[0]["marks"][0], *reposts[0]]
    missing = [name for name in [*event, *nested] if not documented_row(contract, name)]
    assert not missing, f"{CONTRACT_PATH} has no row for {missing}"


def test_fields_are_documented_in_output_order(contract: str) -> None:
    section = contract.split("## The event, field by field", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    assert rows == list(a_full_event())


def test_export_columns_are_listed_in_order(contract: str) -> None:
    assert listed_columns(contract, "### csv") == FLAT_COLUMNS
    assert listed_columns(contract, "### acled") == ACLED_COLUMNS


def test_taxonomy_is_documented_in_order(contract: str) -> None:
    rows = re.findall(r"^\| ([A-Z][\w /-]+?) \| ([A-Z][\w /-]+?) \| ", contract, re.MULTILINE)
    taxonomy = [(kind, sub) for kind, sub in rows if sub in SUB_EVENT_TYPES]
    assert taxonomy == [(kind, sub) for kind, subs in EVENT_TYPES.items() for sub in subs]
    assert (len(EVENT_TYPES), len(SUB_EVENT_TYPES)) == (6, 25)


def test_inter_codes_are_documented(contract: str) -> None:
    section = contract.split("## Inter codes", 1)[1].split("\n## ", 1)[0]
    assert [int(code) for code in re.findall(r"^\| (\d) \|", section, re.MULTILINE)] == list(INTER_CODES)


@pytest.mark.parametrize("command", [(), ("extract",), ("events",), ("show",), ("eval",)])
def test_help_points_to_the_contract_in_the_project(run_cli: RunCli, command: tuple[str, ...]) -> None:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    assert CONTRACT_PATH in result.stdout
    assert "shared" not in result.stdout

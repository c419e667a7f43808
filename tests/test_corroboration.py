"""Issue 12: each event's corroboration status, from its claims and sources."""

from __future__ import annotations

import datetime as dt

import pytest

from warledger.corroboration import status
from warledger.pipeline import Pipeline
from warledger.records import Claim, Document, Span

PARTIES = {"ARM", "AZE"}
STATE_MEDIA = {"Armenpress": "ARM", "Trend": "AZE"}


def _claim(claimant: str, side: str | None, source: str, outlet: str | None = "Wire", denies: bool = False) -> Claim:
    return Claim(claimant, side, "a sentence", source, Span(0, 10), outlet=outlet, denies=denies)


def _status(*claims: Claim) -> str:
    return status(claims, PARTIES, STATE_MEDIA.get)


def test_one_side_alone_or_relayed_is_one_party() -> None:
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a")) == "one party"
    # an outlet relaying the ministry, in a second report and in its own voice beside the ministry
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a"),
                   _claim("Ministry of Defence of Armenia", "ARM", "b"),
                   _claim("reporter", None, "b")) == "one party"
    # a party's state media telling it in its own voice speaks for that party
    assert _status(_claim("reporter", None, "a", outlet="Armenpress")) == "one party"


def test_each_side_asserting_it_is_both_parties() -> None:
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a"),
                   _claim("Ministry of Defence of Azerbaijan", "AZE", "b")) == "both parties"
    assert _status(_claim("reporter", None, "a", outlet="Armenpress"),
                   _claim("reporter", None, "b", outlet="Trend")) == "both parties"


def test_a_body_or_outlet_of_no_party_on_its_own_account_is_independent() -> None:
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a"),
                   _claim("OSCE: Organization for Security and Co-operation in Europe", "OSCE", "b")) == "independent"
    # a named third party counts even in a report that also quotes a ministry
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a"),
                   _claim("Government of France", "FRA", "a")) == "independent"
    # an outlet's own voice in a report that cites no party
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a"), _claim("reporter", None, "b")) == "independent"
    assert _status(_claim("Reuters", None, "b", outlet="Reuters")) == "independent"


def test_a_party_denying_it_is_disputed() -> None:
    denial = _claim("Ministry of Defence of Azerbaijan", "AZE", "c", denies=True)
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a"), denial) == "disputed"
    assert _status(_claim("OSCE", "OSCE", "b"), _claim("Ministry of Defence of Armenia", "ARM", "a"),
                   denial) == "disputed"
    # a speaker of no party "denying" is no dispute between the parties
    outsider = _claim("Government of France", "FRA", "c", denies=True)
    assert _status(_claim("Ministry of Defence of Armenia", "ARM", "a"), outsider) == "one party"


@pytest.mark.issue(12)
@pytest.mark.parametrize("denial", [
    "Azerbaijan's defence ministry denied that its forces had opened fire.",
    "Azerbaijan's defence ministry said the information that its units fired on Armenian positions does not "
    "correspond to reality.",
])
def test_a_denial_reaches_the_event_it_denies(pipeline: Pipeline, denial: str) -> None:
    text = ("Azerbaijani forces shelled Armenian positions near Tegh on Monday, killing two soldiers, Armenia's "
            "defence ministry said. " + denial)
    document = Document("denial", text, dt.date(2023, 4, 11), outlet="Eurasia Wire")
    clusters = [c for r in pipeline.documents([document]) for c in r.clusters]
    [event] = [e.as_contract() for e in pipeline.merge(clusters)]
    denials = [c for c in event["claims"] if c["denies"]]
    assert [(c["claimant"], c["side"]) for c in denials] == [("Ministry of Defence of Azerbaijan", "AZE")]
    assert text[slice(*denials[0]["span"])] == denial
    assert event["corroboration"] == "disputed"
    assert "denied by Ministry of Defence of Azerbaijan" in event["notes"]
    assert "Ministry of Defence of Azerbaijan" not in event["notes"].split("; denied by")[0]


def test_a_denial_of_something_else_is_not_attached(pipeline: Pipeline) -> None:
    """The denying side must be one of the event's: a third state's denial of its own role attaches nowhere."""
    text = ("Azerbaijani forces shelled Armenian positions near Tegh on Monday, Armenia's defence ministry said. "
            "Turkey's foreign ministry denied reports that Turkish advisers were in the area.")
    document = Document("other-denial", text, dt.date(2023, 4, 11))
    clusters = [c for r in pipeline.documents([document]) for c in r.clusters]
    [event] = [e.as_contract() for e in pipeline.merge(clusters)]
    assert not any(c["denies"] for c in event["claims"])
    assert event["corroboration"] == "one party"

"""Corroboration: who says an event happened, and is anyone independent saying it too?

After the merge, each event gets one of four statuses (records.CORROBORATION), from its claims and
its sources, reposts left out (a repost only repeats its original):

  disputed      a party to the event says it did not happen (a denial claim by one of its sides)
  independent   a report tells it on its own account, not as a relay of a party: a named body not
                party to the event (a third state, the UN, the OSCE, a rights group with a side code)
                says so, or an outlet not speaking for a party tells it in its own voice in a report
                that cites no party for it
  both parties  two of the event's sides each assert it in their own account
  one party     only one side asserts it, or outlets relay what one side says

The parties of an event are the sides of its actors and its sides (civilians are not a party). An
outlet's own voice counts as the side it speaks for when it is a party's state media or channel
(knowledge: OutletEntry.side): Armenpress stating an Azerbaijani shelling is Armenia's account.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from warledger.merge import notes
from warledger.records import CORROBORATION, Claim, Event, Repost
from warledger.reposts import Origin

ONE_PARTY, BOTH_PARTIES, INDEPENDENT, DISPUTED = CORROBORATION
# Sides that are never a party of an event: the civilians it hits.
NOT_PARTIES = frozenset({"CIV"})
# The claimant of a sentence the outlet states in its own voice (resolve.REPORTER).
REPORTER = "reporter"

OutletSide = Callable[[str], "str | None"]


def corroborate(events: Sequence[Event], origins: Mapping[str, Origin], outlet_side: OutletSide) -> list[Event]:
    """The events with their reposts (documents of `origins`, keyed by document id) and status set."""
    for event in events:
        event.reposts = [Repost(d, origins[d].original, origins[d].outlet, origins[d].original_outlet)
                         for d in event.sources if d in origins]
        shown = [c for c in event.claims if event.counted(c.source_id)]
        event.corroboration = status(shown, parties(event), outlet_side)
        event.notes = notes(event)
    return list(events)


def parties(event: Event) -> set[str]:
    """The sides an event involves as parties: its actors' sides (an armed group's own code, such as RSF)
    and the sides of its rows (the group's country)."""
    found = set(event.sides)
    for mention in event.mentions:
        found.update(a.side for a in (mention.actor1, mention.actor2) if a is not None)
        found.update(mention.sides)
    return found - NOT_PARTIES


def status(claims: Sequence[Claim], event_parties: set[str], outlet_side: OutletSide) -> str:
    """The corroboration status of an event from its claims (reposts already left out)."""
    by_document: dict[str, list[Claim]] = {}
    for claim in claims:
        by_document.setdefault(claim.source_id, []).append(claim)
    asserting: set[str] = set()
    independent = False
    for document_claims in by_document.values():
        sides = [(_side(c, outlet_side), c) for c in document_claims]
        if any(c.denies and side in event_parties for side, c in sides):
            return DISPUTED
        party_claims = {side for side, c in sides if side in event_parties and not c.denies}
        asserting |= party_claims
        for side, claim in sides:
            if claim.denies or side in event_parties:
                continue
            if _own_voice(claim):
                independent = independent or not party_claims  # a relay when the report cites a party
            elif side is not None:
                independent = True  # a named body of no party to the event: a third state, the UN
    if independent:
        return INDEPENDENT
    return BOTH_PARTIES if len(asserting) >= 2 else ONE_PARTY


def _own_voice(claim: Claim) -> bool:
    """A claim the outlet makes itself: the reporter's voice, or the outlet named as the speaker."""
    return claim.claimant == REPORTER or (claim.outlet is not None and claim.claimant == claim.outlet)


def _side(claim: Claim, outlet_side: OutletSide) -> str | None:
    if claim.side is None and _own_voice(claim) and claim.outlet:
        return outlet_side(claim.outlet)
    return claim.side

"""Who and what counts as civilian: one word list (data/civilians.json) for every stage that asks.

detect reads an attack on any of them as violence against civilians, resolve makes them the actor2
of a strike that hits them, and fatalities counts the dead of `PEOPLE` as civilian deaths.
"""

from __future__ import annotations

import json
from importlib import resources

_DATA = json.loads(resources.files("warledger").joinpath("data/civilians.json").read_text(encoding="utf-8"))

# People who are civilians by the word itself: their dead are civilian deaths.
PEOPLE: frozenset[str] = frozenset(_DATA["people"])
# Towns and cities: a garrison may hold them, so an attack on one says nothing of civilians by itself.
SETTLEMENTS: frozenset[str] = frozenset(_DATA["settlements"])
# People who are civilians when hit, though the word alone does not say so (a leader, a family, guests).
PEOPLE_AS_TARGETS: frozenset[str] = frozenset(_DATA["people_as_targets"])
# Unarmed bodies whose members are civilians: "a member of the opposition", "members of a family".
MEMBER_OF: frozenset[str] = frozenset(_DATA["member_of"])
# Everyone and everything whose being hit makes an attack one on civilians.
TARGETS: frozenset[str] = PEOPLE | PEOPLE_AS_TARGETS | frozenset(_DATA["places"]) | SETTLEMENTS

"""Mentions of one real-world event become one row: first inside a report, then across reports.

Two mentions are one event when ACLED would code them as one: the same event type, dates that
meet, at least one party in common, and places that agree (the same place, one inside the other,
or a few kilometres apart). Across reports, mentions dated to the day are grouped first; vaguer
ones ("in 2020", "the fall of 2020") then join the single group that fits them best, so a vague
mention never chains two distinct dated events together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from warledger.places import Gazetteer, distance_km
from warledger.records import (
    EVENT_TYPES,
    VIOLENT_TYPES,
    Actor,
    Claim,
    DateSpan,
    Event,
    Mention,
    Place,
    mention_to_json,
)
from warledger.reposts import summary as repost_summary

# Event types whose sub-types are different events when one report tells both (a territory taken and
# a clash elsewhere on the front; an agreement and an arrest). Protests, riots and remote violence told
# twice are one event whose higher sub-type wins.
SUB_TYPE_SEPARATES = frozenset({"Battles", "Strategic developments", "Violence against civilians"})
# Tie-breakers for a cluster that fits several groups: small next to the side and date terms, which
# decide; set so that ten reports (0.1) never outweigh a shared trigger word (0.2).
WORD_BONUS = 0.2
REPORT_BONUS = 0.01
# Places closer than this are one location for merging (ACLED codes "near a town" to the town).
SAME_PLACE_KM = 25.0
# Dates this many days apart still meet (reports date night fighting to either day).
DATE_SLACK_DAYS = 1


def merge_document(mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[list[Mention]]:
    """Clusters of one document's mentions that tell the same event."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    members = {i: [m] for i, m in enumerate(mentions)}
    for i, a in enumerate(mentions):
        for j in range(i):
            b = mentions[j]
            if find(i) == find(j):
                continue
            if _same_event(a, b, gazetteer, same_document=True) and \
                    _towns_agree(members[find(i)], members[find(j)], gazetteer):
                root, other = find(j), find(i)
                parent[other] = root
                members[root] += members.pop(other)
    clusters: dict[int, list[Mention]] = {}
    for i, m in enumerate(mentions):
        clusters.setdefault(find(i), []).append(m)
    return _without_side_destruction(_without_retold_fights(list(clusters.values()), gazetteer))


def _towns_agree(a: Sequence[Mention], b: Sequence[Mention], gazetteer: Gazetteer) -> bool:
    """Whether two clusters of one report may join without putting two towns apart in one event: a mention
    placed only in a region agrees with every town in it, and must not chain them ("the occupiers shelled 14
    settlements of Kharkiv region" beside a shelling in Kupiansk, a drone in Velykyi Burluk and a mine near
    Balakliia: three events, not one). Two strikes at two towns are two events however close the towns (ACLED
    codes one per place hit); a fight may be told by the villages around it, so for one the towns need only be
    near."""
    strikes = all(m.event_type == "Explosions/Remote violence" for m in (*a, *b))
    return all(x.place.key == y.place.key if strikes else _places_agree(x.place, y.place, gazetteer)
               for x in a for y in b if x.place is not None and y.place is not None and x.place.geo_precision == 1
               and y.place.geo_precision == 1)


def _without_side_destruction(clusters: list[list[Mention]]) -> list[list[Mention]]:
    """Homes burnt or looted in the sentence that tells an attack or a fight ("RSF fighters stormed the
    village, looting homes and killing 100 villagers") are part of that event, as ACLED codes it: the
    destruction is no event of its own."""
    violent = {(m.doc_id, m.sentence, m.date.best) for c in clusters for m in c
               if m.event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence")
               and not m.sub_event_type.endswith("territory")}  # a town taken, then looted: two events
    return [c for c in clusters if not all(
        m.sub_event_type == "Looting/property destruction" and (m.doc_id, m.sentence, m.date.best) in violent
        for m in c)]


def _faceless_fight(cluster: Sequence[Mention]) -> bool:
    return all(m.event_type == "Battles" and m.actor1 is None and m.actor2 is None and not m.historical
               for m in cluster)


def _without_retold_fights(clusters: list[list[Mention]], gazetteer: Gazetteer) -> list[list[Mention]]:
    """A fight in which the report names no one ("officers had come under fire first", "the fighting"),
    told the same day at the same place as an event of another type whose actors it names, is that
    event told again: ACLED codes the police shooting at a vigil, not also a battle beside it. A town
    won back "after a gun battle" is the territory won, and the fight's dead are its dead."""
    told = [c for c in clusters if not _faceless_fight(c) and
            any(m.actor1 is not None or m.actor2 is not None for m in c)]
    kept: list[list[Mention]] = []
    for cluster in clusters:
        if not _faceless_fight(cluster):
            kept.append(cluster)
            continue
        same = [o for o in told if _dates_meet(cluster[0].date, o[0].date, precise_only=False) and
                _places_agree(cluster[0].place, o[0].place, gazetteer)]
        won = next((o for o in same if o[0].sub_event_type.endswith("territory") and o[0].event_type == "Battles"),
                   None)
        if won is not None:
            won.extend(cluster)
        elif not any(o[0].event_type != "Battles" for o in same):
            kept.append(cluster)
    return kept


def merge_corpus(clusters: Sequence[list[Mention]], gazetteer: Gazetteer) -> list[Event]:
    """Events across documents from per-document clusters.

    Groups are indexed by event type and year, so a cluster is compared only with groups whose dates
    could meet its own: the cost grows with the corpus, not with its square.
    """
    ordered = sorted(clusters, key=lambda c: (_best_precision(c), _first_key(c), _mention_keys(c)))
    groups: list[list[Mention]] = []
    summaries: list[_Summary] = []  # what _fit reads of each group, kept up to date as it grows
    index: dict[tuple[str, int], list[int]] = {}
    for cluster in ordered:
        best_index, best_score = -1, 0.0
        mine = _Summary.of(cluster)
        vague = _best_precision(cluster) > 2
        nearby = sorted({g for key in _index_keys(cluster) for g in index.get(key, ())})
        for group_index in nearby:
            group = summaries[group_index]
            if group.documents & mine.documents:
                continue  # one report's separate events stay separate
            score = _fit(mine, group, gazetteer)
            if score and vague and not group.historical:
                # a vague recap ("the 2020 war") never folds into one day's news report
                score = 0.0
            if score > best_score:
                best_index, best_score = group_index, score
        if best_index < 0:
            best_index = len(groups)
            groups.append([])
            summaries.append(mine)
        else:
            summaries[best_index].add(mine)
        groups[best_index].extend(cluster)
        for key in _index_keys(cluster):
            index.setdefault(key, []).append(best_index)
    return sorted((build_event(g) for g in groups), key=lambda e: (e.date.best, e.event_id))


def _index_keys(cluster: Sequence[Mention]) -> set[tuple[str, int]]:
    """(event type, year) for every year a cluster's dates touch, one day of slack either side."""
    keys: set[tuple[str, int]] = set()
    for m in cluster:
        first = (m.date.start - dt.timedelta(days=DATE_SLACK_DAYS)).year
        last = (m.date.end + dt.timedelta(days=DATE_SLACK_DAYS)).year
        keys.update((m.event_type, year) for year in range(first, last + 1))
    return keys


def _best_precision(cluster: Sequence[Mention]) -> int:
    return min(m.date.precision for m in cluster)


def _first_key(cluster: Sequence[Mention]) -> str:
    return min(f"{m.doc_id}:{m.span.start:08d}" for m in cluster)


def _mention_order(mention: Mention) -> tuple[str, int, int, str]:
    """Where a mention stands in its report, then all it holds. Mentions of one sentence share its
    span, and one trigger can give two mentions (two places): the events must not depend on the order
    the reports came in."""
    return (mention.doc_id, mention.span.start, mention.trigger_span.start,
            json.dumps(mention_to_json(mention), sort_keys=True, ensure_ascii=False))


def _mention_keys(cluster: Sequence[Mention]) -> list[tuple[str, int, int, str]]:
    return sorted(_mention_order(m) for m in cluster)


def _representative(cluster: Sequence[Mention]) -> Mention:
    return min(cluster, key=_representative_key)


def _representative_key(mention: Mention) -> tuple[int, tuple[int, int]]:
    return (mention.date.precision, _place_rank(mention.place))


@dataclass(slots=True)
class _Summary:
    """What _fit reads of a cluster or a group of clusters: merge_corpus keeps one per group and adds each
    cluster it takes, instead of reading every mention of the group at each comparison."""

    representative: Mention
    parties: set[str]
    triggers: set[str]
    documents: set[str]
    historical: bool

    @classmethod
    def of(cls, mentions: Sequence[Mention]) -> _Summary:
        return cls(_representative(mentions), set().union(*(_parties(m.sides) for m in mentions)),
                   {m.trigger.lower() for m in mentions}, {m.doc_id for m in mentions},
                   any(m.historical for m in mentions))

    def add(self, other: _Summary) -> None:
        """The summary of this group with the other's mentions after its own."""
        # min() keeps the first of equals: the group's representative gives way only to a better one
        if _representative_key(other.representative) < _representative_key(self.representative):
            self.representative = other.representative
        self.parties |= other.parties
        self.triggers |= other.triggers
        self.documents |= other.documents
        self.historical = self.historical or other.historical


def _fit(cluster: _Summary, group: _Summary, gazetteer: Gazetteer) -> float:
    a, b = cluster.representative, group.representative
    if not _same_event(a, b, gazetteer, same_document=False):
        return 0.0
    # the parties of everything each side has gathered, not of one representative mention
    ours, theirs = cluster.parties, group.parties
    shared = len(ours & theirs) / max(1, len(ours | theirs))
    precise = 1.0 if a.date.precision <= 2 and b.date.precision <= 2 else 0.5
    # between groups that fit equally, the one more reports tell and whose words are the same ("war",
    # "conflict") is the event a vague recap means
    words = cluster.triggers & group.triggers
    reports = len(group.documents)
    return 1.0 + shared + precise + (WORD_BONUS if words else 0.0) + min(reports, 10) * REPORT_BONUS


# A destruction told with no doer: "several homes were burned", "houses were also torched".
DESTROYED_BY_NO_ONE = re.compile(r"\b(?:was|were|been)\s+(?:also\s+)?(?:\w+\s+)?(?:burn(?:ed|t)|torched|set|destroyed|"
                                 r"razed|looted|pillaged|ransacked|demolished|vandali[sz]ed|smashed|wrecked|"
                                 r"gutted)\b", re.I)
# ... or by the doers of the attack told just before, named again: "The attackers drove off with the women's
# donkeys and carts".
DESTROYED_BY_THE_SAME = re.compile(r"^\W*The (?:attackers|assailants|gunmen|raiders|militants|mob|crowd|rioters)\b")
# The types of an event that takes in the property destroyed with it (see _destruction_in_attack), and that a
# merged row takes its type from (see build_event).
TAKES_IN_DESTRUCTION = (*VIOLENT_TYPES, "Riots")
# Event types with a direction: who struck whom. Two of them with different attackers are different events.
ONE_WAY_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def _parties(sides: Sequence[str]) -> set[str]:
    return {s for s in sides if s != "CIV"}


def _destruction_in_attack(a: Mention, b: Mention) -> bool:
    """"killed at least 30 civilians in and around Aigbado ... Several homes were burned": ACLED codes the
    property destroyed in an attack (or a riot, or a fight between villagers) as part of it. Only a destruction told
    in the passive, with no doer and no day of its own, in the attack's sentence or the next, folds in, or one the
    next sentence gives to "the attackers" (or "the mob") again: "On Sunday the same group came back and burned his
    house", "they then torched 40 huts in the next village" are events of their own."""
    for loss, hit in ((a, b), (b, a)):
        if loss.sub_event_type == "Looting/property destruction" and hit.event_type in TAKES_IN_DESTRUCTION and \
                loss.date_span is None and 0 <= loss.sentence - hit.sentence <= 1 and (
                    (loss.actor1 is None and DESTROYED_BY_NO_ONE.search(loss.text)) or
                    (loss.sentence == hit.sentence + 1 and DESTROYED_BY_THE_SAME.match(loss.text))):
            return True
    return False


def _battle_with_shelling(a: Mention, b: Mention) -> bool:
    """A clash and a shelling by the same two parties on the same day at the same place, told in one
    report: ACLED codes a battle with shelling as one Battles event."""
    kinds = {(a.event_type, a.sub_event_type), (b.event_type, b.sub_event_type)}
    if kinds != {("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack")}:
        return False
    pa, pb = _parties(a.sides), _parties(b.sides)
    return len(pa) >= 2 and pa == pb and a.place is not None and b.place is not None and a.place.key == b.place.key


def _same_event(a: Mention, b: Mention, gazetteer: Gazetteer, same_document: bool) -> bool:
    folded = same_document and _destruction_in_attack(a, b)
    if a.event_type != b.event_type and not (same_document and _battle_with_shelling(a, b)) and not folded:
        return False
    if a.event_type == "Strategic developments" and a.sub_event_type != b.sub_event_type and not folded:
        return False
    if same_document and a.sub_event_type != b.sub_event_type and a.event_type in SUB_TYPE_SEPARATES and not folded:
        return False
    if not _dates_meet(a.date, b.date, precise_only=not same_document):
        return False
    if same_document and a.sub_event_type != b.sub_event_type and a.place is not None and b.place is not None and \
            a.place.key != b.place.key and a.place.geo_precision == 1 and b.place.geo_precision == 1:
        return False  # "Myropillia: mortar fire. Yunakivka: a drone attack on a car": two strikes, two villages
    if same_document and a.sentence == b.sentence and a.place is not None and b.place is not None and \
            a.place.key != b.place.key and a.event_type == b.event_type:
        return False  # "shelled Nikopol and Marhanets": one sentence's places were split on purpose
    if same_document and a.date_span is not None and b.date_span is not None and a.date.precision == 1 \
            and b.date.precision == 1 and a.date.start != b.date.start and a.date.end != b.date.end:
        return False  # a report that gives each its own day ("on Monday", "a day earlier") tells two events
    pa, pb = _parties(a.sides), _parties(b.sides)
    if pa and pb and not (pa & pb):
        return False
    if a.event_type in ONE_WAY_TYPES and a.actor1 is not None and b.actor1 is not None and \
            a.actor1.side != b.actor1.side and a.place is not None and b.place is not None and \
            a.place.key != b.place.key and a.place.geo_precision == 1 and b.place.geo_precision == 1:
        # Israeli strikes on Gaza and Hamas missiles at a tank at Khan Younis: two attacks in two towns.
        # (Each side blaming the other for shelling in one place is one exchange of fire, claimed twice.)
        return False
    if not same_document and (a.place is None or b.place is None):
        return False  # an unplaced event of another report may have happened anywhere
    return _places_agree(a.place, b.place, gazetteer)


def _dates_meet(a: DateSpan, b: DateSpan, precise_only: bool) -> bool:
    if a.precision <= 2 and b.precision <= 2:
        slack = DATE_SLACK_DAYS
        return abs((a.best - b.best).days) <= slack or (a.start <= b.end and b.start <= a.end)
    # a vague date meets a precise one that falls inside it, or another vague one that overlaps it
    return a.start <= b.end and b.start <= a.end


def _places_agree(a: Place | None, b: Place | None, gazetteer: Gazetteer) -> bool:
    if a is None or b is None:
        return True
    if a.key == b.key:
        return True
    if gazetteer.contains(a, b) or gazetteer.contains(b, a):
        return True
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= SAME_PLACE_KM


def _place_rank(place: Place | None) -> tuple[int, int]:
    if place is None:
        return (9, 0)
    feature_rank = {"village": 0, "height": 0, "city": 1, "district": 2, "border": 3, "region": 3, "country": 4}
    return (place.geo_precision, feature_rank.get(place.feature, 2))


def build_event(mentions: Sequence[Mention]) -> Event:
    """One dataset row from its mentions."""
    mentions = sorted(mentions, key=_mention_order)
    kinds = Counter(m.event_type for m in mentions)
    # a battle with shelling is one battle (see _battle_with_shelling), an attack with the houses it burned
    # one attack, a riot with the cars it smashed one riot (see _destruction_in_attack)
    event_type = next((t for t in TAKES_IN_DESTRUCTION if t in kinds), kinds.most_common(1)[0][0])
    of_type = [m for m in mentions if m.event_type == event_type]
    order = EVENT_TYPES[event_type]
    sub = min((m.sub_event_type for m in of_type), key=order.index)
    # a date told in the text before one assumed from the publication day, then the most precise
    dated = min(of_type, key=lambda m: (m.date_span is None, m.date.precision, (m.date.end - m.date.start).days))
    placed = [m for m in of_type if m.place is not None]
    place = min((m.place for m in placed), key=_place_rank) if placed else None
    actor1, actor2 = _choose_actors(of_type)
    sides = sorted({s for m in mentions for s in m.sides})
    fatalities, by_side = _fatalities(mentions)
    claims: list[Claim] = []
    seen: set[tuple] = set()
    for m in mentions:
        for c in m.claims:
            key = (c.claimant, c.source_id, c.span, c.fatalities, c.fatalities_side, c.denies)
            if key not in seen:
                seen.add(key)
                claims.append(c)
    sources = list(dict.fromkeys(m.doc_id for m in mentions))
    outlets = sorted({c.outlet for c in claims if c.outlet})
    anchor = mentions[0]
    identity = f"{_first_key(mentions)}|{event_type}|{sub}|{place.key if place else ''}|{anchor.trigger}"
    event_id = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16]
    historical = all(m.historical for m in mentions)
    event = Event(event_id, list(mentions), event_type, sub, actor1, actor2, tuple(sides), place, dated.date,
                  historical, fatalities, by_side, claims, sources, outlets, "")
    event.notes = notes(event)
    return event


def _choose_actors(mentions: Sequence[Mention]) -> tuple[Actor | None, Actor | None]:
    pairs = Counter((m.actor1, m.actor2) for m in mentions if m.actor1 is not None)
    if not pairs:
        second = Counter(m.actor2 for m in mentions if m.actor2 is not None)
        return None, second.most_common(1)[0][0] if second else None
    (actor1, actor2), _ = pairs.most_common(1)[0]
    if actor2 is None:
        others = Counter(m.actor2 for m in mentions if m.actor2 is not None and m.actor2 != actor1)
        if others:
            actor2 = others.most_common(1)[0][0]
    return actor1, actor2


def _fatalities(mentions: Sequence[Mention]) -> tuple[int | None, dict[str, int]]:
    """ACLED's lowest credible figure: per side the lowest claim, summed over sides."""
    per_side: dict[str, int] = {}
    for m in mentions:
        for side, count in m.fatalities_by_side.items():
            per_side[side] = min(per_side.get(side, count), count)
    if not per_side:
        return None, {}
    total_unknown = per_side.pop("?", None)
    by_sides = sum(per_side.values())
    if total_unknown is None:
        return by_sides, per_side
    return max(by_sides, total_unknown), per_side


# How a note tells each sub-event type; {a1}, {a2} are the actors, {where} the place.
NOTE_PHRASES = {
    "Armed clash": "{a1} clashed with {a2} {where}",
    "Government regains territory": "{a1} regained control {where} from {a2}",
    "Non-state actor overtakes territory": "{a1} took control {where} from {a2}",
    "Shelling/artillery/missile attack": "{a1} shelled or fired missiles {where}, hitting {a2}",
    "Air/drone strike": "{a1} carried out an air or drone strike {where}, hitting {a2}",
    "Remote explosive/landmine/IED": "an explosive device went off {where}, hitting {a2}",
    "Suicide bomb": "a suicide bomber struck {where}, hitting {a2}",
    "Attack": "{a1} attacked {a2} {where}",
    "Abduction/forced disappearance": "{a1} abducted {a2} {where}",
    "Peaceful protest": "{a1} demonstrated {where}",
    "Protest with intervention": "{a1} demonstrated {where}; {a2} intervened",
    "Excessive force against protesters": "{a2} used force against {a1} {where}",
    "Violent demonstration": "{a1} rioted {where}",
    "Mob violence": "{a1} attacked {a2} {where}",
    "Agreement": "{a1} and {a2} reached an agreement {where}",
    "Arrests": "{a1} made arrests {where}",
    "Non-violent transfer of territory": "{a1} took over {where} from {a2} without fighting",
    "Disrupted weapons use": "{a1} intercepted or defused weapons of {a2} {where}",
    "Headquarters or base established": "{a1} deployed or set up a base {where}",
    "Looting/property destruction": "{a1} looted or destroyed property {where}",
}


def notes(event: Event) -> str:
    """One sentence in the manner of ACLED's notes: when, who did what to whom, where, deaths, per whom
    (a claimant who denies the event is not one), and the reports it copies ("3 reposts of one report by X")."""
    if event.date.precision == 1:
        date = f"On {event.date.best.day} {event.date.best:%B %Y}"
    elif event.date.precision <= 3:
        date = f"Between {event.date.start.isoformat()} and {event.date.end.isoformat()}"
    else:
        date = f"In {event.date.start.year}" if event.date.start.year == event.date.end.year else \
            f"Between {event.date.start.year} and {event.date.end.year}"
    a1 = event.actor1.name if event.actor1 else "unidentified actors"
    a2 = event.actor2.name if event.actor2 else "civilians" if "CIV" in event.sides else "others"
    where = f"in {event.place.name}" if event.place else "at an unreported place"
    phrase = NOTE_PHRASES.get(event.sub_event_type, "{a1}: " + event.sub_event_type.lower() + " {where}")
    text = f"{date}, " + phrase.format(a1=a1, a2=a2, where=where).replace(", hitting others", "")
    text = text.replace(" from others", "").replace("; others intervened", "").replace(" of others", "")
    if event.fatalities is not None:
        text += f". Fatalities: {event.fatalities}"
        if event.fatalities_by_side:
            by_side = sorted(event.fatalities_by_side.items())
            text += " (" + ", ".join(f"{side} {count}" for side, count in by_side) + ")"
    claimants = sorted({c.claimant for c in event.claims if c.side and not c.denies})
    if claimants:
        text += f"; according to {', '.join(claimants)}"
    deniers = sorted({c.claimant for c in event.claims if c.side and c.denies})
    if deniers:
        text += f"; denied by {', '.join(deniers)}"
    if event.historical:
        text += "; told as background"
    for phrase in repost_summary([{"original": r.original, "original_outlet": r.original_outlet}
                                  for r in event.reposts]):
        text += f"; {phrase}"
    return text + "."


# -- incremental merging -----------------------------------------------------------------------------
#
# merge_corpus decides each cluster's group from the groups whose representative mention it can meet
# under _same_event. So clusters that no chain of such meetings links are merged independently: the
# events of a set of clusters closed under `could_meet` are exactly the events the whole corpus gives
# for them. A store uses this to merge a new report with only the stored clusters it could reach.


def date_window(mention: Mention) -> tuple[dt.date, dt.date]:
    """The days a mention's date could meet another's on, slack included: a store looks up the clusters
    to compare a new one with by this window (and the event type), since _dates_meet needs the windows
    of the two mentions to overlap (precise dates within DATE_SLACK_DAYS of their best day, vague
    ones by overlapping)."""
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    date = mention.date
    return min(date.start, date.best) - slack, max(date.end, date.best) + slack


def could_meet(cluster: Sequence[Mention], other: Sequence[Mention], gazetteer: Gazetteer) -> bool:
    """Whether two reports' clusters could ever be compared into one event: some mention of one is the
    same event as some mention of the other under the cross-report rules (type, dates, parties, place)."""
    return any(
        _same_event(a, b, gazetteer, same_document=False) or _same_event(b, a, gazetteer, same_document=False)
        for a in cluster
        for b in other
    )

"""Stage 6, merge: mentions of one real-world event become one row, inside a report and across reports."""

from __future__ import annotations

import datetime as dt

import pytest
from stage_fixtures import WEDNESDAY, extract, kinds, mention

from warledger.merge import merge_corpus, merge_document
from warledger.pipeline import Pipeline
from warledger.records import Actor, Event, Place

pytest_plugins = ["stage_fixtures"]

ISRAEL = Actor("Military Forces of Israel", 8, "ISR")
HAMAS = Actor("Hamas Movement", 2, "HAMAS")
# GeoNames' Khan Yunis (Gaza Strip)
KHAN_YOUNIS = Place("geonames:281124", "Khān Yūnis", "PSE", 31.34018, 34.30627, 1)


def battles(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type == "Battles"]


# --- the same event told twice ---------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "second"), [
    ("Sudanese troops and RSF fighters clashed in Omdurman on Tuesday, residents said.",
     "The RSF said its fighters fought the army in Omdurman on Tuesday, killing 12 soldiers."),
    ("M23 rebels clashed with Congolese troops in Sake on Tuesday.",
     "Congo's army said it fought M23 rebels in Sake on Tuesday."),
])
def test_two_reports_of_one_battle_are_one_event_with_both_sources(
        stage_pipeline: Pipeline, first: str, second: str) -> None:
    [event] = extract(stage_pipeline, first, second)
    assert event.event_type == "Battles"
    assert event.sources == ["doc0", "doc1"]
    assert len(event.mentions) == 2


@pytest.mark.parametrize("second", [
    "Sudanese troops and RSF fighters clashed in El Fasher on Tuesday, residents said.",  # 800 km away
    "Sudanese troops and RSF fighters clashed in Omdurman on Friday, residents said.",  # four days before
])
def test_battles_in_other_places_or_on_other_days_stay_apart(stage_pipeline: Pipeline, second: str) -> None:
    first = "Sudanese troops and RSF fighters clashed in Omdurman on Tuesday, residents said."
    found = battles(extract(stage_pipeline, first, second))
    assert sorted(e.sources for e in found) == [["doc0"], ["doc1"]]


@pytest.mark.parametrize("second", [
    "Gunmen killed five villagers on Tuesday.",  # no place either
    "Gunmen killed five villagers in Zamfara on Tuesday.",
])
def test_an_unplaced_attack_is_not_merged_with_another_reports(stage_pipeline: Pipeline, second: str) -> None:
    # a report that names no place may be about anywhere: its event stands alone
    found = extract(stage_pipeline, "Gunmen killed three farmers on Tuesday.", second)
    assert sorted(e.sources for e in found) == [["doc0"], ["doc1"]]


@pytest.mark.parametrize(("text", "kinds_found"), [
    # homes burned in the attack, told with no doer and no day of their own: the attack
    ("Gunmen killed nine villagers in Bokkos on Tuesday. Several houses were also torched.",
     [("Violence against civilians", "Attack")]),
    # a destruction on a day of its own is an event of its own
    ("Gunmen hacked a trader to death in Boda on Saturday. On Sunday the same group came back and burned his "
     "house and two shops.",
     [("Strategic developments", "Looting/property destruction"), ("Violence against civilians", "Attack")]),
])
def test_property_destroyed_in_an_attack_is_the_attack(stage_pipeline: Pipeline, text: str,
                                                       kinds_found: list[tuple[str, str]]) -> None:
    assert sorted(kinds(extract(stage_pipeline, text))) == kinds_found


def test_one_report_telling_a_battle_twice_gives_one_event(stage_pipeline: Pipeline) -> None:
    text = ("Sudanese troops and RSF fighters clashed in Omdurman on Tuesday.\n\n"
            "The fighting in Omdurman on Tuesday was the heaviest in weeks, residents said.")
    [event] = extract(stage_pipeline, text)
    assert [m.sentence for m in event.mentions] == [0, 1]


@pytest.mark.issue(9)
@pytest.mark.issue(9)
def test_an_event_told_over_days_keeps_the_days_the_text_gives_over_a_day_assumed(stage_pipeline: Pipeline) -> None:
    # the lead gives Friday to Sunday; the later sentences give no day and stand on the report's: the event
    # keeps the days told
    text = ("Government troops and al-Shabaab fighters fought around Bulo Burde between Friday and Sunday, killing "
            "four soldiers, officials said.\n\nThe militants opened fire on the army post with machine guns. The "
            "army said the fighters battled its troops for hours before they withdrew.\n\nResidents said the town "
            "was calm. Schools were closed.")
    [event] = extract(stage_pipeline, text)
    assert (event.date.start, event.date.end) == (dt.date(2024, 3, 8), dt.date(2024, 3, 10))


def test_a_summary_of_a_regions_day_does_not_chain_its_towns_into_one_event(stage_pipeline: Pipeline) -> None:
    text = ("Russian forces shelled 11 settlements of Zaporizhzhia region on Tuesday, the governor said.\n\n"
            "In Orikhiv, artillery shells hit the market, killing a woman.\n\n"
            "In Huliaipole, a Russian drone dropped a grenade on a car, wounding its driver.\n\n"
            "Near Stepnohirsk, a farmer was wounded when his tractor hit an anti-tank mine.")
    events = extract(stage_pipeline, text)
    towns = {e.place.name: e.sub_event_type for e in events if e.place is not None and e.place.geo_precision == 1}
    assert sorted(towns.values()) == ["Air/drone strike", "Remote explosive/landmine/IED",
                                      "Shelling/artillery/missile attack"], towns


def test_the_same_background_war_in_two_reports_is_one_event(stage_pipeline: Pipeline) -> None:
    first = "Armenian and Azerbaijani forces fought a war over Nagorno-Karabakh in 1988-1994."
    second = ("In 1991, Nagorno-Karabakh declared independence. Armenian and Azerbaijani forces then fought "
              "hostilities that lasted until 1994.")
    [war] = battles(extract(stage_pipeline, first, second))
    assert war.sources == ["doc0", "doc1"]
    assert war.historical
    assert war.date.start.year >= 1988 and war.date.end.year <= 1994


# --- distinct events stay apart --------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "second", "published", "days"), [
    ("Israel and Hamas agreed a ceasefire in Gaza on November 21, 2023.",
     "Israel and Hamas agreed a ceasefire in Gaza on January 15, 2025.", dt.date(2025, 1, 20),
     ["2023-11-21", "2025-01-15"]),
    ("A truce between the army and the RSF came into force in Khartoum on May 22, 2023.",
     "A truce between the army and the RSF came into force in Khartoum on June 10, 2023.",
     dt.date(2023, 6, 12), ["2023-05-22", "2023-06-10"]),
])
def test_two_ceasefires_on_different_days_are_two_events(
        stage_pipeline: Pipeline, first: str, second: str, published: dt.date, days: list[str]) -> None:
    found = extract(stage_pipeline, first, second, published=published)
    assert [(e.sub_event_type, e.date.best.isoformat()) for e in found] == [
        ("Agreement", day) for day in days]


@pytest.mark.parametrize(("news", "recap", "published"), [
    ("Armenian and Azerbaijani forces clashed near Hadrut on October 12, 2020.",
     "Armenia and Azerbaijan fought a war over Nagorno-Karabakh in 2020.", dt.date(2020, 10, 13)),
    ("M23 rebels and Congolese troops clashed in Sake on February 7, 2024.",
     "M23 rebels and Congolese troops fought in North Kivu in 2024.", dt.date(2024, 2, 8)),
])
def test_a_vague_recap_does_not_fold_into_a_days_battle(
        stage_pipeline: Pipeline, news: str, recap: str, published: dt.date) -> None:
    found = battles(extract(stage_pipeline, news, recap, published=published))
    day = [e for e in found if e.date.precision == 1]
    assert [e.sources for e in day] == [["doc0"]]
    # the recap, where it is kept, is an event of its own (the classifier reads a war told by its year as no event)
    assert [e.sources for e in found if e not in day] in ([], [["doc1"]])


# --- fatalities across claims ----------------------------------------------------------------------------


def test_deaths_are_the_lowest_claim_per_side_summed_across_sides(stage_pipeline: Pipeline) -> None:
    militants = ("Israeli troops and Hamas fighters clashed in Khan Younis on Tuesday, killing 9 Israeli "
                 "soldiers and 40 Hamas fighters, the militants said.")
    army = ("Israeli troops and Hamas fighters clashed in Khan Younis on Tuesday, killing 2 Israeli soldiers "
            "and 60 Hamas fighters, the army said.")
    [event] = extract(stage_pipeline, militants, army)
    assert event.fatalities_by_side == {"ISR": 2, "HAMAS": 40}
    assert event.fatalities == 42
    assert event.as_contract()["disputed"]


def test_merge_keeps_per_side_minimums_of_hand_built_mentions(stage_pipeline: Pipeline) -> None:
    tuesday = WEDNESDAY - dt.timedelta(days=1)
    one = mention("report-a", tuesday, ("ISR", "PSE"), actors=(ISRAEL, HAMAS), place=KHAN_YOUNIS,
                  fatalities_by_side={"ISR": 9, "HAMAS": 40})
    other = mention("report-b", tuesday, ("ISR", "PSE"), actors=(ISRAEL, HAMAS), place=KHAN_YOUNIS,
                    fatalities_by_side={"ISR": 2, "HAMAS": 60})
    [event] = merge_corpus([[one], [other]], stage_pipeline.gazetteer)
    assert (event.fatalities, event.fatalities_by_side) == (42, {"ISR": 2, "HAMAS": 40})
    assert event.sources == ["report-a", "report-b"]


def test_hand_built_mentions_merge_only_when_their_parties_meet(stage_pipeline: Pipeline) -> None:
    tuesday = WEDNESDAY - dt.timedelta(days=1)
    # one place for both, so that only the parties keep them apart
    gaza = mention("report-a", tuesday, ("ISR", "PSE"), place=KHAN_YOUNIS)
    donbas = mention("report-b", tuesday, ("RUS", "UKR"), place=KHAN_YOUNIS)
    assert len(merge_corpus([[gaza], [donbas]], stage_pipeline.gazetteer)) == 2
    assert len(merge_document([gaza, mention("report-a", tuesday, ("ISR",))], stage_pipeline.gazetteer)) == 1


def test_attacks_by_opposite_sides_on_two_towns_stay_two_events(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Israeli air strikes killed 20 Palestinians in Gaza on Tuesday, the civil "
                                     "defence agency said.\n\nHamas said its fighters fired anti-tank missiles at "
                                     "an Israeli tank in Khan Younis.")
    assert sorted((e.actor1 and e.actor1.name, e.place and e.place.name) for e in events) == [
        ("Hamas Movement", "Khān Yūnis"), ("Military Forces of Israel", "Gaza")]


def test_three_wordings_of_one_drone_strike_are_one_event(stage_pipeline: Pipeline) -> None:
    # published on Wednesday 13 March 2024; all three tell Tuesday's strike
    events = extract(stage_pipeline,
                     "A Russian drone strike killed three civilians in the city of Kherson on Tuesday, the regional "
                     "governor said.",
                     "Three people were killed when a Russian drone hit a bus in Kherson on March 12, local "
                     "authorities said.",
                     "Ukrainian officials reported that a Russian UAV attacked a passenger bus in Kherson region "
                     "yesterday, leaving 3 people dead.")
    assert [(e.sub_event_type, e.place and e.place.name, e.fatalities, sorted(e.sources)) for e in events] == [
        ("Air/drone strike", "Kherson", 3, ["doc0", "doc1", "doc2"])]


@pytest.mark.issue(9)
def test_a_gun_battle_before_a_town_is_won_back_is_the_territory_event(stage_pipeline: Pipeline) -> None:
    text = ("Soldiers regained control of an illegal mining area in the hills above Zaruma on Wednesday after a gun "
            "battle with members of Los Lobos who had held the tunnels for almost a year, the army said. Two gang "
            "members were killed and 14 were captured.")
    events = extract(stage_pipeline, text)
    # one event, the ground won back, with the fight's dead
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Government regains territory", 2)]


@pytest.mark.issue(9)
def test_strikes_on_two_nearby_towns_of_one_report_stay_two_events(stage_pipeline: Pipeline) -> None:
    # ACLED codes one strike per town hit, however close the towns; a fight may be told by its nearby villages
    text = ("IDLIB, Syria, Dec 2 - Russian warplanes struck a market in Saraqib on Tuesday, killing three civilians, "
            "rescuers said. Another air strike hit a bakery in Sarmin on Tuesday, wounding five people.")
    events = extract(stage_pipeline, text)
    assert sorted((e.sub_event_type, e.place.name if e.place else None) for e in events) == [
        ("Air/drone strike", "Saraqib"), ("Air/drone strike", "Sarmīn")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # houses wrecked in a fight between villagers are part of it
    ("On 12 April 2023, around 300 villagers of two rival groups in Daru fought each other with machetes and sticks "
     "over a fishing pond. One man was killed and at least 12 houses were vandalised.", ("Riots", "Mob violence")),
    # ... and what "the attackers" carried off, told next, is part of their attack
    ("Armed men stopped a group of women gathering firewood near Kailahun on Wednesday and sexually assaulted six of "
     "them. The attackers drove off with the women's goats and carts.",
     ("Violence against civilians", "Sexual violence")),
])
def test_destruction_in_a_riot_or_by_the_same_attackers_is_part_of_it(stage_pipeline: Pipeline, text: str,
                                                                       expected: tuple[str, str]) -> None:
    assert kinds(extract(stage_pipeline, text)) == [expected]

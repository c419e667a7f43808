"""Stage behaviour on hand-written sentences: segment, actors, claims, fatalities, detect, resolve, merge.

Every report here is written for the test, in the style of wire copy about several wars. Each test
runs the real stages through one shared Pipeline (spaCy model, gazetteer, lexicons).
"""

from __future__ import annotations

import datetime as dt

import pytest

from warledger.annotate import annotate
from warledger.pipeline import Pipeline
from warledger.records import Document, Event
from warledger.segment import segment

WEDNESDAY = dt.date(2022, 9, 14)


def events(pipeline: Pipeline, *texts: str, published: dt.date = WEDNESDAY) -> list[Event]:
    documents = [Document(f"doc{i}", text, published, origin=f"doc{i}") for i, text in enumerate(texts)]
    found, skipped = pipeline.extract(documents)
    assert skipped == []
    return found


def kinds(found: list[Event]) -> list[tuple[str, str]]:
    return [(e.event_type, e.sub_event_type) for e in found]


def notes_of(pipeline: Pipeline, text: str, published: dt.date = WEDNESDAY):  # type: ignore[no-untyped-def]
    return annotate(segment(pipeline.nlp(text), pipeline.recognise), published, pipeline.gazetteer, pipeline.matcher,
                    pipeline.knowledge)


# --- segment -------------------------------------------------------------------------------------------


def test_line_breaks_end_sentences_and_paragraphs(pipeline: Pipeline) -> None:
    segmented = segment(pipeline.nlp("Border clashes resume\nTroops exchanged fire overnight.\n\nTalks stalled."))
    assert [s.text.strip() for s in segmented.sentences] == [
        "Border clashes resume", "Troops exchanged fire overnight.", "Talks stalled."]
    assert [s.paragraph for s in segmented.sentences] == [0, 1, 2]


# --- actors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name", "inter", "side"), [
    ("The Azerbaijani army said nothing.", "Military Forces of Azerbaijan", 1, "AZE"),
    ("Officials spoke of the armed forces of Armenia.", "Military Forces of Armenia", 1, "ARM"),
    ("Armenian civilians fled.", "Civilians (Armenia)", 7, "CIV"),
    ("Fighters of the RSF advanced.", "Rapid Support Forces", 2, "RSF"),
])
def test_actor_names_follow_acled(pipeline: Pipeline, text: str, name: str, inter: int, side: str) -> None:
    found = pipeline.matcher.find(pipeline.nlp(text))
    actors = [m.actor for m in found if m.actor is not None]
    assert (actors[0].name, actors[0].inter, actors[0].side) == (name, inter, side)


def test_authorities_in_a_capital_are_its_government(pipeline: Pipeline) -> None:
    found = pipeline.matcher.find(pipeline.nlp("The authorities in Yerevan reported losses."))
    assert [(m.kind, m.side) for m in found] == [("government", "ARM")]


def test_a_clock_is_no_actor_and_a_capital_after_in_is_a_place(pipeline: Pipeline) -> None:
    annotated = notes_of(pipeline, "Crowds gathered in Yerevan at 07:00 Moscow time.")
    note = annotated.sentences[0]
    assert [p.place.name for p in note.places] == ["Yerevan"]
    assert all(m.side != "RUS" for m in note.actors)


def test_a_village_named_like_a_town_far_from_every_party_is_not_that_town(pipeline: Pipeline) -> None:
    # GeoNames' only Kiunga is in Papua New Guinea; a report on al-Shabaab and Kenyan troops does not
    # vote for it, so the namesake is refused
    text = ("Al-Shabaab fighters overran a police post at the border village of Kiunga on Tuesday before "
            "Kenyan troops drove them out.")
    [note] = notes_of(pipeline, text).sentences
    assert all(p.place.country != "PNG" for p in note.places)
    # a report that names one foreign force keeps the town's own vote
    [note] = notes_of(pipeline, "French troops killed six jihadists near Menaka on Tuesday.").sentences
    assert [(p.place.name, p.place.country) for p in note.places] == [("Ménaka", "MLI")]


@pytest.mark.issue(9)
def test_a_foreign_towns_other_name_casts_no_vote(pipeline: Pipeline) -> None:
    # "Chai" is one of the names GeoNames gives the Turkish village of Çey: in a report on Mozambique it
    # neither pulls the report towards Turkey nor becomes that village
    text = "Mozambican troops have regained control of Chai, a village in Macomia district, the army said."
    [note] = notes_of(pipeline, text).sentences
    assert [(p.place.name, p.place.country) for p in note.places] == [("Macomia", "MOZ")]


@pytest.mark.issue(9)
def test_a_place_near_another_in_another_country_is_a_namesake(pipeline: Pipeline) -> None:
    # GeoNames' only West Village is in Michigan, its only Kamenica in Serbia: "near Krugersdorp", "10 km north
    # of Zavidovici" say where they are
    text = "Gunmen raped eight women at a mine dump in West Village, near Krugersdorp, on Thursday."
    [note] = notes_of(pipeline, text).sentences
    assert [(p.place.name, p.place.country) for p in note.places] == [("Krugersdorp", "ZAF")]
    [note] = notes_of(pipeline, "Rebels attacked a camp at Kamenica, 10 km north of Zavidovici, on Monday.").sentences
    assert [p.place.country for p in note.places] == ["BIH"]


@pytest.mark.issue(9)
def test_a_report_with_no_party_is_in_the_country_its_small_towns_share(pipeline: Pipeline) -> None:
    # neither town is big enough to vote; Buin is also a bigger town in Chile, but Wakunai and Buin are
    # both Bougainville's
    text = "Gunmen ambushed a truck on the road from Wakunai to Buin on Friday, killing the driver, police said."
    [note] = notes_of(pipeline, text).sentences
    assert [(p.place.name, p.place.country) for p in note.places] == [("Wakunai", "PNG"), ("Buin", "PNG")]
    # a name that is the spelling of a far bigger town (Al Basrah) counts for it as for a town of its own name
    [note] = notes_of(pipeline, "Hundreds of people marched in Basra on Friday to demand jobs.").sentences
    assert [p.place.country for p in note.places] == ["IRQ"]


@pytest.mark.parametrize(("text", "places"), [
    # a title or role before a run of names makes it a person's, whatever towns its words name
    ("Soldiers detained State Counsellor Aung San Suu Kyi in Naypyidaw on Monday.", ["Nay Pyi Taw"]),
    ("Police detained Deputy Defence Minister Timur Ivanov in Moscow on Tuesday.", ["Moscow"]),
    # no title: the entity recogniser, asked for this sentence only, reads a person
    ("Troops killed Abu Bakr, a senior ISWAP commander, near Monguno on Monday.", ["Monguno"]),
    # an article joins no other name to the town: al-Bab is the town's whole name
    ("Syrian rebels shelled a market in al-Bab on Monday.", ["Al Bāb"]),
    # a compass point after a town names its district, not some longer name we do not know
    ("Police fired tear gas to disperse a rally in Imphal West on Monday.", ["Imphal"]),
])
def test_a_place_name_inside_a_persons_name_is_no_place(pipeline: Pipeline, text: str, places: list[str]) -> None:
    [note] = notes_of(pipeline, text).sentences
    assert [p.place.name for p in note.places] == places


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "place"), [
    # a site the text puts inside a town is no namesake abroad: not Alameda County, California
    ("Thousands of women marched down the Alameda in Santiago on Sunday.", "Santiago"),
    ("HVO forces fired tank rounds at the Old Bridge (Stari Most) in Mostar on Tuesday, bringing it down.",
     "Mostar"),
    # where something came from abroad is not where it was seized
    ("Police found 60 assault rifles hidden in a shipment of heaters from Miami at Rio de Janeiro's airport on "
     "Thursday.",
     "Rio de Janeiro"),
])
def test_a_site_inside_a_town_and_an_origin_abroad_are_not_the_events_place(pipeline: Pipeline, text: str,
                                                                            place: str) -> None:
    [event] = events(pipeline, text)
    assert event.place is not None and event.place.name == place


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "country"), [
    # a second name of the same town in brackets is not the area it lies in: not Derry, New Hampshire
    ("Soldiers opened fire on marchers in the Bogside area of Derry (Londonderry) on Sunday.", "GBR"),
    ("Artillery shelled Bakhmut (Artemivsk) overnight, the regional governor said.", "UKR"),
])
def test_a_town_and_its_other_name_in_brackets_are_one_place(pipeline: Pipeline, text: str, country: str) -> None:
    [note] = notes_of(pipeline, text).sentences
    assert {p.place.country for p in note.places} == {country}


@pytest.mark.issue(9)
def test_a_name_its_stated_area_puts_elsewhere_is_no_namesake_anywhere_in_the_report(pipeline: Pipeline) -> None:
    # GeoNames' only Fishtown is in Philadelphia; the county in brackets says this one is Liberian, and the
    # headline's bare "Fishtown" is the same village
    text = ("Fishtown: the rebels have massacred the population! On Saturday, armed individuals attacked the village "
            "of Fishtown (River Gee county), killing at least 30 civilians and burning houses.")
    annotated = notes_of(pipeline, text)
    assert {p.place.country for note in annotated.sentences for p in note.places} == {"LBR"}


@pytest.mark.issue(9)
def test_an_area_named_before_a_partys_name_is_the_place(pipeline: Pipeline) -> None:
    # a name that ends in "district" goes on no further: the party's office is in the district
    [note] = notes_of(pipeline, "Unidentified men torched the Bong county Unity Party office on Tuesday.").sentences
    assert [(p.surface, p.place.country) for p in note.places] == [("Bong county", "LBR")]


@pytest.mark.issue(9)
def test_a_place_in_an_agreements_name_tells_no_country(pipeline: Pipeline) -> None:
    # the accord was signed in Abuja; the ceasefire it brings is declared elsewhere, not in Nigeria
    annotated = notes_of(pipeline, "In application of the Abuja accord, the President of the Republic declared on "
                                   "Friday a unilateral ceasefire on the entire national territory.")
    assert "NGA" not in annotated.countries
    assert all(not note.places for note in annotated.sentences)


@pytest.mark.issue(9)
def test_a_place_in_the_plural_name_of_accords_is_no_event_place(pipeline: Pipeline) -> None:
    # "Accords" as a name keeps its plural in the lemmatiser: the accords were signed in Mexico City, not Chapultepec
    [event] = events(pipeline, "The Salvadoran government and the FMLN signed the Chapultepec Peace Accords in "
                               "Mexico City on 16 January 1992.")
    assert event.sub_event_type == "Agreement"
    assert event.place is not None and event.place.name == "Mexico City"


def test_the_towns_of_a_list_in_two_countries_all_stay(pipeline: Pipeline) -> None:
    # a comma joins a list's towns as well as a site to its town: a town abroad in a list is no site
    [note] = notes_of(pipeline, "Shelling hit Belgorod, Kharkiv and Sumy on Tuesday.").sentences
    assert [(p.surface, p.place.country) for p in note.places] == [("Belgorod", "RUS"), ("Kharkiv", "UKR"),
                                                                   ("Sumy", "UKR")]


# --- claims --------------------------------------------------------------------------------------------


def test_ministry_claim_and_outlet(pipeline: Pipeline) -> None:
    annotated = notes_of(pipeline, "Ukraine's defence ministry said that Russian troops shelled Kupiansk, writes AFP.")
    speakers = annotated.sentences[0].speakers
    assert ("Ministry of Defence of Ukraine", "UKR") in [(s.claimant, s.side) for s in speakers]
    assert "AFP" in [s.outlet for s in speakers]


def test_the_ministry_refers_back_and_declaring_independence_is_no_speech(pipeline: Pipeline) -> None:
    annotated = notes_of(pipeline, "Armenia's defence ministry reported shelling. According to the ministry, "
                                   "two soldiers died.\n\nIn 1991, the region declared independence.")
    second, third = annotated.sentences[1], annotated.sentences[2]
    assert [s.side for s in second.speakers] == ["ARM"]
    assert third.speakers == []


# --- fatalities ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "by_side", "total"), [
    ("Shelling hit the town of Nikopol on Monday, killing 2 civilians and wounding 5 others.", {"CIV": 2}, 2),
    # a total with no side named stays out of the per-side figures
    ("An air strike killed 7 people, including 3 children, in Rafah on Monday.", {}, 7),
    ("Clashes on Monday left at least two Armenian fighters and an Azeri soldier dead.", {"ARM": 2, "AZE": 1}, 3),
    # a figure with no noun, left dead: ACLED's "dozens" is 12
    ("Clashes between the army and rebels near Goma on Monday left dozens dead.", {}, 12),
    ("Rival supporters fought with machetes in Zinder on Monday, leaving one dead and a dozen injured.", {}, 1),
])
def test_death_figures(pipeline: Pipeline, text: str, by_side: dict[str, int], total: int) -> None:
    [event] = events(pipeline, text)
    assert (event.fatalities_by_side, event.fatalities) == (by_side, total)


def test_casualties_and_wounded_are_no_deaths(pipeline: Pipeline) -> None:
    found = events(pipeline, "Russian shelling of Kharkiv on Monday caused casualties and wounded 12 people.")
    assert [e.fatalities for e in found] == [None]


def test_vague_and_written_numbers(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "Dozens of soldiers were killed in fighting near Bakhmut on Monday.")
    assert event.fatalities == 12
    [war] = events(pipeline, "In 1991 a war broke out between Armenia and Azerbaijan. During the war, "
                             "more than 30 thousand people died.")
    assert war.fatalities == 30000


# --- detect --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Sudanese troops clashed with RSF fighters in El Fasher on Monday.", ("Battles", "Armed clash")),
    ("Russian forces shelled Kherson on Monday.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("An Israeli air strike hit a house in Rafah on Monday.", ("Explosions/Remote violence", "Air/drone strike")),
    ("A roadside bomb exploded near a convoy in Mogadishu on Monday.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Gunmen abducted 15 students from a school in Kaduna on Monday.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Thousands of demonstrators rallied in Tbilisi on Monday.", ("Protests", "Peaceful protest")),
    ("Rioters torched cars in Dakar on Monday.", ("Riots", "Violent demonstration")),
    ("Police arrested 20 activists in Kampala on Monday.", ("Strategic developments", "Arrests")),
    ("Ukrainian air defences shot down 12 drones over Kyiv on Monday.",
     ("Strategic developments", "Disrupted weapons use")),
])
def test_each_kind_of_event(pipeline: Pipeline, text: str, expected: tuple[str, str]) -> None:
    assert expected in kinds(events(pipeline, text))


@pytest.mark.parametrize("text", [
    "Azerbaijan will launch an offensive next week, an official warned.",
    "The observer mission is due to arrive in Yerevan on Thursday.",
    "The move sparked fears of a resurgence of war in the region.",
    "Armenia threatened to strike back if attacked.",
    "There were no comments on the offensive from the ministry.",
    "Since the truce, from time to time clashes broke out between the parties.",
    "Multiple Grad rocket systems were deployed along the corridor.",
])
def test_not_events(pipeline: Pipeline, text: str) -> None:
    found = events(pipeline, text)
    assert [e for e in found if e.event_type != "Strategic developments"] == []


def test_a_declaration_to_end_the_war_is_an_agreement_not_a_battle(pipeline: Pipeline) -> None:
    found = events(pipeline, "On Monday, Armenia and Azerbaijan signed a declaration to end the war.")
    assert kinds(found) == [("Strategic developments", "Agreement")]


# --- resolve: dates ------------------------------------------------------------------------------------


def test_wednesday_in_a_wednesday_report_and_background_years(pipeline: Pipeline) -> None:
    text = ("Azerbaijani troops shelled Armenian positions near Jermuk on Wednesday, the ministry said.\n\n"
            "In 1991, the region declared independence. This led to hostilities that lasted until 1994.\n\n"
            "Fighting continues on several fronts, officials say.")
    found = events(pipeline, text)
    dated = {(e.event_type, e.date.best.isoformat(), e.historical) for e in found}
    assert ("Explosions/Remote violence", "2022-09-14", False) in dated
    background = [e for e in found if e.event_type == "Battles" and e.historical]
    assert [(e.date.start.year, e.date.end.year) for e in background] == [(1991, 1994)]


def test_planned_event_is_not_dated_as_news(pipeline: Pipeline) -> None:
    assert events(pipeline, "A CSTO mission is due to arrive on Thursday.") == []


# --- resolve: territory, places, attachments ---------------------------------------------------------------


def test_territory_sub_types_by_whose_land(pipeline: Pipeline) -> None:
    own = events(pipeline, "The Azerbaijani army took control of Shusha on Monday.")
    foreign = events(pipeline, "Russian forces took control of Avdiivka on Monday.")
    agreed = events(pipeline, "Under the terms of the agreement, Azerbaijani troops entered Lachin on Monday.")
    assert ("Battles", "Government regains territory") in kinds(own)
    assert ("Battles", "Non-state actor overtakes territory") in kinds(foreign)
    assert ("Strategic developments", "Non-violent transfer of territory") in kinds(agreed)


@pytest.mark.xfail(strict=True, reason="the embedding classifier of stop 46 reads 'Azerbaijan has already taken "
                   "over the Kelbajar and Aghdam regions.' as no event at 0.78 and drops it; NO_EVENT_DROP 0.6 was "
                   "5 texts better and 17 worse out of fold")
def test_two_regions_handed_over_are_two_events(pipeline: Pipeline) -> None:
    text = ("Under the ceasefire declaration, Armenia withdrew its troops. "
            "Azerbaijan has already taken over the Kelbajar and Aghdam regions.")
    found = [e for e in events(pipeline, text) if e.sub_event_type == "Non-violent transfer of territory"]
    assert sorted(e.place.name for e in found if e.place) == ["Aghdam District", "Kalbajar District"]


def test_lead_place_and_border_fallback(pipeline: Pipeline) -> None:
    lead = events(pipeline, "Fighting flares in Nagorno-Karabakh\n\nThe Armenian army fired at Azerbaijani "
                            "positions on Tuesday, the ministry said.")
    assert {e.place.name for e in lead if e.place} == {"Nagorno-Karabakh"}
    border = events(pipeline, "Armenian and Azerbaijani troops exchanged fire in border areas on Tuesday.")
    assert [e.place.feature for e in border if e.place] == ["border"]


def test_deaths_told_later_attach_to_the_battle(pipeline: Pipeline) -> None:
    text = ("Heavy fighting broke out between Armenian and Azerbaijani forces on Monday.\n\n"
            "According to Azerbaijan's defence ministry, 50 Azerbaijani soldiers died during the fighting.")
    [battle] = events(pipeline, text)
    assert battle.fatalities_by_side == {"AZE": 50}


# --- merge ---------------------------------------------------------------------------------------------


def test_two_reports_of_one_battle_are_one_row(pipeline: Pipeline) -> None:
    first = "Azerbaijani troops attacked Armenian positions near Sotk on Tuesday, Armenia's ministry said."
    second = "Armenia said Azerbaijani forces attacked its positions near Sotk on Tuesday, killing 3 soldiers."
    [event] = events(pipeline, first, second)
    assert event.sources == ["doc0", "doc1"]


def test_a_fight_with_no_one_named_beside_the_event_it_retells_is_no_row_of_its_own(pipeline: Pipeline) -> None:
    text = ("Police fired live ammunition at protesters during a vigil in Cali on Monday night, killing three "
            "people. The police said officers had come under fire first.")
    [event] = events(pipeline, text)
    assert event.sub_event_type == "Excessive force against protesters"
    # ... but a fight elsewhere, or one whose sides are named, stays
    text = ("Police fired live ammunition at protesters in Cali on Monday, killing three people. "
            "Fighting broke out the same day in Medellin.")
    assert sorted(e.event_type for e in events(pipeline, text)) == ["Battles", "Protests"]


def test_background_war_told_twice_is_one_row(pipeline: Pipeline) -> None:
    first = "The bloodiest clashes between Armenians and Azeris over Nagorno-Karabakh took place in 1988-1994."
    second = ("In 1991, Nagorno-Karabakh declared independence from Azerbaijan. This led to hostilities that "
              "lasted until 1994.")
    wars = [e for e in events(pipeline, first, second) if e.event_type == "Battles"]
    assert len(wars) == 1 and wars[0].sources == ["doc0", "doc1"]


def test_ceasefires_on_different_days_stay_apart(pipeline: Pipeline) -> None:
    first = "A ceasefire between Armenia and Azerbaijan came into force in Nagorno-Karabakh on October 10, 2020."
    second = "A ceasefire between Armenia and Azerbaijan came into force in Nagorno-Karabakh on October 26, 2020."
    found = events(pipeline, first, second, published=dt.date(2020, 11, 1))
    assert sorted(e.date.best.isoformat() for e in found) == ["2020-10-10", "2020-10-26"]


def test_vague_recap_does_not_join_a_days_news(pipeline: Pipeline) -> None:
    news = "Armenian and Azerbaijani forces clashed in Nagorno-Karabakh on November 6, 2020."
    recap = "Armenia and Azerbaijan fought a war over Nagorno-Karabakh in 2020."
    found = events(pipeline, news, recap, published=dt.date(2020, 11, 7))
    battles = [e for e in found if e.event_type == "Battles"]
    # the day's battle keeps its own source alone; the recap, where it is kept (the classifier reads a war told
    # by its year as no event), is an event of its own
    assert sorted(e.sources for e in battles) in ([["doc0"]], [["doc0"], ["doc1"]])


def test_lowest_claim_per_side_summed_across_sides(pipeline: Pipeline) -> None:
    text = ("Clashes broke out between Armenian and Azerbaijani forces on Monday.\n\n"
            "Azerbaijan's defence ministry said 71 Azerbaijani soldiers died in the clashes.\n\n"
            "Armenia said 105 Armenian soldiers and 80 Azerbaijani soldiers died in the clashes.")
    [battle] = events(pipeline, text)
    assert battle.fatalities_by_side == {"AZE": 71, "ARM": 105}
    assert battle.fatalities == 176


def test_evidence_spans_point_into_the_original_text(pipeline: Pipeline) -> None:
    """Cleaning drops boilerplate lines; every span must still select the same words in the original."""
    text = ("[ad_1]\n\nRussian forces shelled Kherson on Monday, killing 3 civilians.\n\n"
            "See also: ten ways to save on heating\n\nUkrainian troops repelled an attack near Robotyne on Monday.")
    found = events(pipeline, text)
    assert len(found) == 2
    for event in found:
        for mention in event.mentions:
            assert text[mention.span.start:mention.span.end].strip() == mention.text
            assert text[mention.trigger_span.start:mention.trigger_span.end] == mention.trigger
            if mention.place_span is not None:
                assert event.place is not None
                assert text[mention.place_span.start:mention.place_span.end] in ("Kherson", "Robotyne")


@pytest.mark.parametrize("text", [
    "The president fought off a challenge from his party in Abuja on Tuesday.",
    "The opposition vowed to fight the election result in court on Tuesday.",
])
def test_figurative_fights_are_no_battles(pipeline: Pipeline, text: str) -> None:
    assert [e for e in events(pipeline, text) if e.event_type == "Battles"] == []


def test_police_clashing_with_protesters_is_a_riot_not_a_battle(pipeline: Pipeline) -> None:
    assert kinds(events(pipeline, "Police clashed with protesters in Nairobi on Tuesday.")) == [
        ("Riots", "Violent demonstration")]


def test_unnamed_rebels_face_the_army(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "Troops fought rebels near Goma on Tuesday.")
    assert event.actor2 is not None and event.actor2.name.startswith("Unidentified Armed Group")


def test_a_raid_that_kills_militants_is_one_battle(pipeline: Pipeline) -> None:
    found = events(pipeline, "Israeli troops raided the Jenin refugee camp on Wednesday, killing three "
                             "Palestinian militants, the health ministry said.")
    assert kinds(found) == [("Battles", "Armed clash")]
    assert found[0].fatalities == 3


def test_the_attacker_named_on_the_attack_does_not_own_the_dead(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "Two soldiers were killed in a Russian drone attack near Kupiansk on Tuesday.")
    assert "RUS" not in event.fatalities_by_side
    assert event.fatalities == 2


def test_the_documented_example_profile_works() -> None:
    """docs/profile-example.json, which the README points users to, must stay a valid profile."""
    from pathlib import Path

    profile = Path(__file__).resolve().parents[1] / "docs" / "profile-example.json"
    own = Pipeline([profile])
    text = ("Azerbaijani troops attacked the Highland Volunteers on Kestrel Ridge on Monday, the ministry said.\n"
            "Subscribe to our channel for more")
    [event] = events(own, text)
    assert event.place is not None and event.place.name == "Kestrel Ridge"
    assert event.actor2 is not None and event.actor2.name == "Highland Volunteer Battalion"
    assert all("Subscribe" not in m.text for m in event.mentions)


def test_withdrawals_name_the_taker_first_and_need_an_agreement(pipeline: Pipeline) -> None:
    [handover] = events(pipeline, "Under the agreement, Armenian troops withdrew from Aghdam on Friday, "
                                  "Azerbaijan's defence ministry said.", published=dt.date(2020, 11, 21))
    assert handover.sub_event_type == "Non-violent transfer of territory"
    assert handover.actor1 is not None and handover.actor1.side == "AZE"
    assert handover.actor2 is not None and handover.actor2.side == "ARM"
    retreat = events(pipeline, "The commander said on Saturday that units had withdrawn from Avdiivka to avoid "
                               "encirclement.", published=dt.date(2024, 2, 17))
    assert [e for e in retreat if e.sub_event_type == "Non-violent transfer of territory"] == []


@pytest.mark.issue(9)
def test_a_force_that_reinforces_itself_is_one_actor_its_own(pipeline: Pipeline) -> None:
    # a mobilisation is the forces' own act (not their government's), and "its positions" names no
    # second actor
    [event] = events(pipeline, "The army reinforced its positions around Tillaberi with 500 additional troops "
                               "on Tuesday.")
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Change to group/activity")
    assert event.actor1 is not None and event.actor1.name.startswith("Military Forces of Niger")
    assert event.actor2 is None


@pytest.mark.issue(9)
def test_two_kinds_of_strike_on_two_villages_are_two_events(pipeline: Pipeline) -> None:
    found = events(pipeline, "Over the past day Russian troops attacked border villages of Sumy region. "
                             "Myropillia: mortar fire (8 explosions). Yunakivka: an FPV drone attack on a car, "
                             "a civilian man was wounded.")
    strikes = sorted((e.sub_event_type, e.place.name) for e in found
                     if e.event_type == "Explosions/Remote violence" and e.place is not None)
    assert strikes == [("Air/drone strike", "Yunakivka"), ("Shelling/artillery/missile attack", "Myropillia")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "place"), [
    # "the capital" is the capital city of the country named before it, or of the report's one country
    ("Al-Shabaab militants fired several mortar rounds in the Somali capital on Monday, killing two civilians.",
     "Mogadishu"),
    ("Troops fought al-Shabaab near Ceelbuur on Sunday. In the capital, mortar rounds landed near the "
     "presidential palace on Monday.", "Mogadishu"),
    # ... and the capital's own name after it is a place, not the state it stands for
    ("RSF fighters clashed with the army in the capital, Khartoum, on Monday.", "Khartoum"),
])
def test_the_capital_is_a_place(pipeline: Pipeline, text: str, place: str) -> None:
    found = events(pipeline, text)
    assert place in [e.place.name for e in found if e.place is not None and e.date.best == dt.date(2022, 9, 12)]


@pytest.mark.issue(9)
def test_a_peoples_arrested_are_its_civilians(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "Israeli forces arrested 15 Palestinians in overnight raids across the West Bank "
                               "on Monday.")
    assert event.sub_event_type == "Arrests"
    assert event.actor2 is not None and event.actor2.name == "Civilians (Palestine)"


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "places"), [
    # a building named after its town is in that town, in a report that names nothing else
    ("Fighters torched the library of Kidal Secondary School overnight, the provincial adviser said.", ["Kidal"]),
    ("Gunmen stormed Bentiu Teaching Hospital on Monday.", ["Bentiu"]),
    ("War veterans marched to the Harare Town Hall on Friday.", ["Harare"]),
    # ... and a day or month told right after a town, as wire copy does, is no part of its name
    ("Rebels abducted two teachers from a school in Makeni Sunday.", ["Makeni"]),
    ("Riot police fired tear gas at students in Pristina Tuesday.", ["Pristina"]),
    # ... a street is often named after a town elsewhere, and a name joined to the word before is another name
    ("Crowds looted shops along London Road in Alexandra on Tuesday.", ["Alexandra"]),
])
def test_a_building_named_after_its_town_is_in_it(pipeline: Pipeline, text: str, places: list[str]) -> None:
    [note] = notes_of(pipeline, text).sentences
    assert [p.place.name for p in note.places] == places


@pytest.mark.issue(9)
def test_a_teaser_for_another_story_run_into_a_paragraph_tells_no_event(pipeline: Pipeline) -> None:
    arrest = "Police arrested three opposition activists at their party office in Makeni on Tuesday."
    teaser = " READ ALSO: Gunmen kill two traders in Kenema"
    assert kinds(events(pipeline, arrest + teaser)) == kinds(events(pipeline, arrest)) == [
        ("Strategic developments", "Arrests")]
    # ... the same words as the report's own sentence are an event
    assert ("Violence against civilians", "Attack") in kinds(events(
        pipeline, arrest + " Gunmen killed two traders in Kenema on Tuesday."))

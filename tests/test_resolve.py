"""Stage 5, resolve: each mention's date, place, actors and deaths, run through the whole pipeline over
hand-written reports with a fixed publication date (WEDNESDAY, 13 March 2024)."""

from __future__ import annotations

import datetime as dt

import pytest
from stage_fixtures import WEDNESDAY, extract, kinds, quoted

from warledger.annotate import _administrative_words
from warledger.pipeline import Pipeline
from warledger.records import Event

pytest_plugins = ["stage_fixtures"]

TRANSFER = ("Strategic developments", "Non-violent transfer of territory")


def battles(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type == "Battles"]


# --- dates -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("weekday", "day"), [
    ("Wednesday", WEDNESDAY),  # the day of publication itself, not a week before
    ("Tuesday", dt.date(2024, 3, 12)),
    ("Thursday", dt.date(2024, 3, 7)),  # a weekday after the publication day is last week's
])
def test_a_weekday_is_read_against_the_publication_day(
        stage_pipeline: Pipeline, weekday: str, day: dt.date) -> None:
    text = f"Russian drones struck Odesa on {weekday}, the regional governor said."
    [event] = extract(stage_pipeline, text)
    assert (event.date.best, event.date.precision, event.historical) == (day, 1, False)
    [mention] = event.mentions
    assert weekday in (quoted(text, mention.date_span) or "")


def test_a_sentence_with_no_date_is_news_of_the_publication_day(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Junta jets bombed a village in Sagaing, residents said.")
    assert (event.date.best, event.historical) == (WEDNESDAY, False)
    assert event.mentions[0].date_span is None


@pytest.mark.parametrize(("text", "year"), [
    ("Karabakh tensions flare\n\nIn 1991, Nagorno-Karabakh declared independence from Azerbaijan.\n\n"
     "Armenian and Azerbaijani forces fought for control of Shusha.", 1991),
    ("Resistance fighters attack army posts\n\nIn 2021, the military seized power in a coup.\n\n"
     "Resistance fighters attacked army posts across Sagaing.", 2021),
    # the same paragraph continues its own date
    ("In 1991, war broke out between Armenia and Azerbaijan. Heavy battles raged around Shusha.", 1991),
])
def test_a_past_tense_sentence_after_a_background_paragraph_continues_it(
        stage_pipeline: Pipeline, text: str, year: int) -> None:
    [battle] = battles(extract(stage_pipeline, text))
    assert (battle.date.start.year, battle.date.end.year, battle.historical) == (year, year, True)


@pytest.mark.parametrize("text", [
    "Karabakh tensions flare\n\nIn 1991, Nagorno-Karabakh declared independence from Azerbaijan.\n\n"
    "Armenian and Azerbaijani forces are fighting for control of Shusha, officials say.",
    "Resistance fighters attack army posts\n\nIn 2021, the military seized power in a coup.\n\n"
    "Resistance fighters are attacking army posts across Sagaing, residents say.",
])
def test_a_present_tense_sentence_after_a_background_paragraph_is_todays_news(
        stage_pipeline: Pipeline, text: str) -> None:
    [battle] = battles(extract(stage_pipeline, text))
    assert (battle.date.best, battle.date.precision, battle.historical) == (WEDNESDAY, 1, False)


# --- territory -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The Sudanese army took control of Wad Madani on Tuesday.",
    "The Congolese army took control of Rutshuru on Tuesday.",
    # Azerbaijan's own land (ACLED: Nagorno-Karabakh is land Azerbaijan claims)
    "The Azerbaijani army took control of Shusha on Tuesday.",
    # a French bulletin's word in translation, and the foe "who occupied it" is the loser, not the taker
    "On Tuesday, units of the Burkinabe army have reinvested the locality of Bourzanga after fierce combats against "
    "the terrorists who occupied it.",
])
def test_a_state_taking_a_place_in_its_own_country_regains_territory(
        stage_pipeline: Pipeline, text: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Government regains territory")
    assert event.actor1 is not None and event.actor1.inter == 1


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # control restored, or a place said to be now under someone's control, tells who took it
    ("Control over the town of Kidal has been fully restored, the Malian army said on Tuesday.",
     "Government regains territory"),
    ("On Tuesday the Kenyan army launched an operation near Lamu and after an exchange of fire the militants fled; "
     "the forest camp is now under the full control of the army.", "Government regains territory"),
    ("The Somali army said the town of Bulo Burde was back under state control on Tuesday.",
     "Government regains territory"),
    ("M23 rebels said on Tuesday that the town of Rutshuru was now under their full control.",
     "Non-state actor overtakes territory"),
])
def test_control_restored_or_now_held_is_territory_taken(stage_pipeline: Pipeline, text: str, expected: str) -> None:
    assert [e.sub_event_type for e in extract(stage_pipeline, text)] == [expected]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    pytest.param("Police said on Tuesday that the situation in Kisumu was now under control after a night of looting.",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "the classifier retrained on stop 46's texts finds Non-state actor overtakes territory at 0.51 "
                     "(0.46 before them), past the 0.5 at which it overrules the rules' turned-down ground taken"))),
    pytest.param("The fire at the fuel depot near Kherson was brought under control on Tuesday.",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "the embedding classifier of stop 46 finds Looting/property destruction at 0.58 where the "
                     "rules found none; a fire put out is no looting"))),
])
def test_a_situation_under_control_takes_no_place(stage_pipeline: Pipeline, text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.parametrize(("text", "inter"), [
    ("The Russian army took control of Avdiivka on Tuesday.", 8),  # a state's army abroad is external (8)
    ("The Armenian army took control of Shusha on Tuesday.", 8),
    ("M23 rebels took control of Rutshuru on Tuesday.", 2),
])
def test_a_foreign_army_or_a_rebel_group_overtakes_territory(
        stage_pipeline: Pipeline, text: str, inter: int) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Non-state actor overtakes territory")
    assert event.actor1 is not None and event.actor1.inter == inter


@pytest.mark.parametrize("text", [
    "Under the terms of the agreement, Azerbaijani forces took control of Lachin on Tuesday.",
    "Under the terms of the agreement, the Malian army took control of the camp in Tessalit on Tuesday.",
    "In accordance with the agreement, Azerbaijani troops entered Kalbajar on Tuesday.",
])
def test_territory_taken_under_an_agreement_is_a_non_violent_transfer(
        stage_pipeline: Pipeline, text: str) -> None:
    assert kinds(extract(stage_pipeline, text)) == [TRANSFER]


def test_a_handover_of_two_regions_is_two_events(stage_pipeline: Pipeline) -> None:
    text = ("In accordance with the agreement, Armenia handed over the Kelbajar and Aghdam regions to "
            "Azerbaijan.")
    found = extract(stage_pipeline, text)
    assert kinds(found) == [TRANSFER, TRANSFER]
    # each event points to its own place name ("Aghdam regions" may take the designator along)
    names = sorted((quoted(text, e.mentions[0].place_span) or "?").split()[0] for e in found)
    assert names == ["Aghdam", "Kelbajar"]
    assert len({e.place.key for e in found if e.place}) == 2
    assert {(e.actor1.side if e.actor1 else None, e.actor2.side if e.actor2 else None) for e in found} == {
        ("AZE", "ARM")}


# --- places ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lead", "story", "placed"), [
    ("Army and RSF battle for El Fasher",
     "Sudanese troops and RSF fighters clashed on Tuesday, residents said.",
     "Sudanese troops and RSF fighters clashed in El Fasher on Tuesday."),
    ("Tension grows in Sake", "M23 rebels and Congolese troops clashed on Tuesday, residents said.",
     "M23 rebels and Congolese troops clashed in Sake on Tuesday."),
])
def test_a_battle_with_no_place_named_takes_the_lead_paragraphs_place(
        stage_pipeline: Pipeline, lead: str, story: str, placed: str) -> None:
    [event] = extract(stage_pipeline, f"{lead}\n\n{story}")
    [expected] = extract(stage_pipeline, placed)
    assert event.place is not None and expected.place is not None
    assert event.place.key == expected.place.key


def test_a_sentence_that_names_no_place_takes_the_place_of_the_event_told_before_it(stage_pipeline: Pipeline) -> None:
    # not the last place the sentence before names: the event there was outside Villagrán, not in the
    # state capital Guanajuato, and the gun battle retells it
    events = extract(stage_pipeline, "Cartel gunmen ambushed a National Guard patrol outside Villagrán, in "
                     "Guanajuato, on Tuesday. The guardsmen returned fire in a gun battle of twenty minutes.")
    assert [(e.sub_event_type, e.place.name if e.place else None) for e in events] == [
        ("Armed clash", "Villagrán")]


@pytest.mark.parametrize(("text", "states"), [
    pytest.param("Armenia accused Azerbaijan of shelling border towns on Tuesday.", ("ARM", "AZE"),
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "the embedding classifier of stop 46 reads the accusation as no event at 0.52, seven times "
                     "its Shelling, and drops it; NO_EVENT_DROP 0.6 was 5 texts better and 17 worse out of fold"))),
    ("Sudanese troops clashed with South Sudanese troops in border villages on Tuesday.", ("SDN", "SSD")),
])
def test_border_places_between_two_states_are_their_border(
        stage_pipeline: Pipeline, text: str, states: tuple[str, str]) -> None:
    [event] = extract(stage_pipeline, text)
    border = stage_pipeline.gazetteer.border(*states)
    assert border is not None and event.place is not None
    assert (event.place.key, event.place.feature) == (border.key, "border")


def test_a_town_named_by_its_current_name_wins_over_an_old_name(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Russian and Ukrainian troops clashed near Pokrovsk on Tuesday.")
    assert event.place is not None and (event.place.name, event.place.country) == ("Pokrovsk", "UKR")


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "country"), [
    # a word for an administrative unit few countries use tells the country of a note that names no other
    ("Unknown men threw a grenade at the municipal police station in the colonia Bellavista on Saturday night, "
     "damaging two patrol cars.", "MEX"),
    ("Suspected KNF gunmen ambushed an army patrol near Ruma upazila on Tuesday, the ISPR said.", "BGD"),
    ("Gunmen killed two farmers in Barangay San Isidro on Monday, the police said.", "PHL"),
    ("Armed men torched two houses in the Morro da Providência favela on Sunday, residents said.", "BRA"),
])
def test_an_administrative_word_tells_the_country_of_a_note(stage_pipeline: Pipeline, text: str,
                                                             country: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.place is not None and event.place.country == country


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a hotel's name and an East African word for a livestock pen are no administrative words
    "Gunmen stormed the Hyatt Regency hotel in Kabul on Monday, killing four guests, police said.",
    "Cattle raiders attacked a boma near Lodwar on Sunday and drove off 300 cows.",
])
def test_a_hotel_named_regency_or_a_cattle_boma_votes_for_no_country(text: str) -> None:
    assert _administrative_words(text) == {}


# --- deaths told in passing ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "total", "by_side"), [
    ("Heavy fighting broke out between Armenian and Azerbaijani forces near Lachin on Monday.\n\n"
     "About 2,000 soldiers died during the fighting.", 2000, {}),
    ("Israeli troops and Hamas fighters clashed in Khan Younis on Monday.\n\n"
     "At least 3 Israeli soldiers died during the fighting, the army said.", 3, {"ISR": 3}),
])
def test_deaths_told_later_without_a_trigger_attach_to_the_battle(
        stage_pipeline: Pipeline, text: str, total: int, by_side: dict[str, int]) -> None:
    [battle] = extract(stage_pipeline, text)
    assert battle.event_type == "Battles"
    assert (battle.fatalities, battle.fatalities_by_side) == (total, by_side)
    assert len(battle.mentions) == 1  # the later sentence adds deaths, not an event


def test_an_armed_groups_dead_told_later_attach_to_the_battle(stage_pipeline: Pipeline) -> None:
    [battle] = extract(stage_pipeline, "M23 rebels and Congolese troops clashed near Sake on Monday.\n\n"
                                       "At least 30 M23 fighters died during the fighting.")
    assert battle.fatalities == 30


# --- evidence --------------------------------------------------------------------------------------------


def test_spans_point_into_the_original_text_around_removed_boilerplate(stage_pipeline: Pipeline) -> None:
    text = ("Subscribe to our newsletter\n\nRSF fighters shelled a camp near El Fasher on Tuesday, killing 4 "
            "civilians.\n\n[ad_1]\n\nThe army repelled an attack on Omdurman on Tuesday.")
    found = extract(stage_pipeline, text)
    assert len(found) == 2
    for event in found:
        [mention] = event.mentions
        assert quoted(text, mention.span) == mention.text
        assert quoted(text, mention.trigger_span) == mention.trigger
        assert quoted(text, mention.place_span) in ("El Fasher", "Omdurman")
        assert quoted(text, mention.date_span) == "Tuesday"


# --- attacks whose dead are told in a passive clause --------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # the attack names the doer; the passive killing only counts its dead
    ("Pakistan's army said that Indian troops attacked its posts near Uri on Tuesday and that seven Indian "
     "soldiers were killed.", ("Armed clash", "Military Forces of India", "Military Forces of Pakistan", 7)),
    ("Russian forces attacked Ukrainian positions near Bakhmut on Tuesday; three soldiers were killed.",
     ("Armed clash", "Military Forces of Russia", "Military Forces of Ukraine", 3)),
    # killed in an attack: the attack's victims are those the verb names
    ("Twelve villagers were killed in an attack by jihadists near Mopti on Tuesday.",
     ("Attack", "Unidentified Armed Group (Mali)", "Civilians (Mali)", 12)),
    ("Five civilians died in an attack on a market in Goma on Tuesday, the army said.",
     ("Attack", "Unidentified Armed Group (Democratic Republic of Congo)",
      "Civilians (Democratic Republic of Congo)", 5)),
    # nobody named as the doer: an unidentified armed group, never the victims or the one who tells it
    ("Two policemen were killed in an ambush near Bamako on Tuesday.",
     ("Armed clash", "Unidentified Armed Group (Mali)", "Police Forces of Mali", 2)),
    ("Four farmers were shot dead near Jos on Tuesday.",
     ("Attack", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", 4)),
    # the army that tells it did it, even when the text names no country for it
    ("The army said it killed 15 militants in an operation in North Waziristan on Tuesday.",
     ("Armed clash", "Military Forces of Pakistan", "Unidentified Armed Group (Pakistan)", 15)),
    # the one a speaker blames did it
    ("A drone strike on a wedding in a village near El Obeid killed 11 people on Tuesday, a medical group said, "
     "blaming the paramilitary Rapid Support Forces.",
     ("Air/drone strike", "Rapid Support Forces", "Civilians (Sudan)", 11)),
    ("A landmine killed two shepherds near Tartar on Tuesday.",
     ("Remote explosive/landmine/IED", "Unidentified Armed Group (Azerbaijan)", "Civilians (Azerbaijan)", 2)),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu on Tuesday, killing six soldiers.",
     ("Suicide bomb", "Unidentified Armed Group (Somalia)", "Military Forces of Somalia", 6)),
    ("Five soldiers were killed when their vehicle hit a landmine near Menaka on Tuesday.",
     ("Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)", "Military Forces of Mali", 5)),
    ("Gang members killed at least 15 people in the Pétion-Ville area of Port-au-Prince on Tuesday.",
     ("Attack", "Unidentified Armed Group (Haiti)", "Civilians (Haiti)", 15)),
    # "southern Israel" is where it happened; the hostages taken are not dead
    ("Hamas-led militants attacked southern Israel on Tuesday, killing about 1,200 people.",
     ("Attack", "Hamas Movement", "Civilians (Israel)", 1200)),
])
def test_an_attack_told_with_its_dead_in_a_passive_clause_is_one_event(
        stage_pipeline: Pipeline, text: str, expected: tuple) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.actor1 and event.actor1.name, event.actor2 and event.actor2.name,
            event.fatalities) == expected


def test_deaths_without_a_day_or_town_of_their_own_still_join_the_event_told_before(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Gunmen attacked a village near Mopti on Tuesday. Twelve civilians were killed.")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 12)]


@pytest.mark.parametrize(("text", "location", "actor2"), [
    # the place an actor is named with is where the event happened
    ("Protesters clashed with police in Nairobi on Tuesday.", "Nairobi", "Police Forces of Kenya"),
    ("Thousands marched through Tbilisi on Tuesday against the foreign agents bill.", "Tbilisi", None),
    # a town after "in" is taken even in a report that never names its country
    ("Russian shelling killed two civilians in Kherson on Tuesday.", "Kherson", "Civilians (Ukraine)"),
    # a bus is a civilian target
    ("An Azerbaijani drone strike hit a bus near Kapan on Tuesday.", "Kapan", "Civilians (Armenia)"),
    # "Pétion-Ville" is GeoNames' Pétionville, a commune of its own beside the capital: the named town,
    # not the city it is "an area of"; "Ville" alone is no town
    ("Gang members killed 15 people in the Pétion-Ville area of Port-au-Prince on Tuesday.", "Pétionville",
     "Civilians (Haiti)"),
    # an unknown hyphenated name: its last part is no town, and the city it is an area of is the place
    ("Gang members killed 15 people in the Solino-Nazon area of Port-au-Prince on Tuesday.",
     "Port-au-Prince", "Civilians (Haiti)"),
    # violence against civilians hits civilians, whatever demonym names them
    ("Israeli settlers attacked Palestinian homes in the village of Huwara on Tuesday.", "Huwara",
     "Civilians (Palestine)"),
    # tear gas is an intervention in a protest, by the force that fired it
    ("Police fired tear gas at opposition supporters in Dakar on Tuesday.", "Dakar", "Police Forces of Senegal"),
    # a wire dateline in capitals is where the report was filed: the place when the story names no other,
    # never an acronym, a month's "Nov" or a capital standing for its government
    ("BENGHAZI, March 13 - Gunmen shot dead a lawyer outside her office on Tuesday, her family said.",
     "Benghazi", "Civilians (Libya)"),
    ("JUBA, March 13 - Gunmen shot dead a lawyer outside her office on Tuesday, her family said.",
     "Juba", "Civilians (South Sudan)"),
    ("TRIPOLI, Libya, March 13 (Reuters) - Gunmen shot dead a lawyer outside her office on Tuesday.",
     "Tripoli", "Civilians (Libya)"),
    ("KYIV, March 13 - Russian missiles struck a hardware store in Kharkiv on Tuesday, killing two shoppers.",
     "Kharkiv", "Civilians (Ukraine)"),
    # a people's name before its fighters is no town abroad (Kara, Togo)
    ("FPRC fighters fought Goula and Kara fighters of the RPRC in Ndele on Tuesday.", "Ndélé",
     "Unidentified Armed Group (Central African Republic)"),
])
def test_the_place_and_target_of_a_one_sentence_report(stage_pipeline: Pipeline, text: str, location: str,
                                                        actor2: str | None) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.place and event.place.name, event.actor2 and event.actor2.name) == (location, actor2)


@pytest.mark.parametrize(("text", "sub_event_type", "sides"), [
    ("Gunmen killed five villagers on Tuesday.", "Attack", ("CIV",)),
    ("Unknown assailants shot dead three farmers on their way home on Tuesday.", "Attack", ("CIV",)),
    ("Police fired tear gas to disperse protesters on Tuesday.", "Protest with intervention", ()),
    ("Troops killed seven militants in a gun battle on Tuesday.", "Armed clash", ()),
    ("A roadside bomb exploded under a minibus on Tuesday.", "Remote explosive/landmine/IED", ()),
])
def test_an_event_in_a_text_that_names_no_place_and_no_country_stands_unplaced(
        stage_pipeline: Pipeline, text: str, sub_event_type: str, sides: tuple[str, ...]) -> None:
    # one-sentence snippets often name neither town nor country: the event is kept, with null place
    # fields, and civilians are its one known side where they are hit
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.place, event.sides, event.date.best) == (
        sub_event_type, None, sides, dt.date(2024, 3, 12))


def test_a_fight_with_nobody_named_in_no_known_place_gives_no_row(stage_pipeline: Pipeline) -> None:
    assert extract(stage_pipeline, "Fighting broke out near the border on Tuesday.") == []


@pytest.mark.parametrize(("text", "town", "latitude"), [
    # two Bijapurs: the small one in Chhattisgarh beside Sukma, not the city once called Bijapur in Karnataka
    ("Maoists attacked a police post in Bijapur on Tuesday, days after an ambush near Sukma and Dantewara.",
     "Bījāpur", 18.8),
    ("Police in Bijapur arrested two men on Tuesday.", "Vijayapura", 16.8),  # nothing else to go by
])
def test_a_town_name_two_towns_bear_is_the_one_near_the_reports_other_towns(
        stage_pipeline: Pipeline, text: str, town: str, latitude: float) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.place is not None and (event.place.name, round(event.place.latitude, 1)) == (town, latitude)


def test_a_place_in_the_name_of_a_roadmap_is_not_where_a_ceasefire_is_declared(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "In application of the Luanda roadmap, President Touadera declared on Tuesday "
                                      "a unilateral ceasefire across the Central African Republic.")
    assert (event.sub_event_type, event.place and event.place.name) == ("Agreement", "Bangui")


def test_a_place_name_in_quotes_before_a_common_noun_names_a_company(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "MAKENI. The torching of two buses at the depot of the 'Kenema' transport company "
                                     "in the early hours of Tuesday has left forty drivers without work.")
    assert [e.place and e.place.name for e in events] == ["Makeni"]


def test_drones_shot_down_are_a_disrupted_weapons_use_with_no_dead(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Ukraine's air force said on Tuesday it had shot down 40 of 56 drones "
                                      "launched by Russia overnight.")
    assert (event.sub_event_type, event.actor1 and event.actor1.name, event.actor2 and event.actor2.name,
            event.fatalities, event.place and event.place.country) == (
        "Disrupted weapons use", "Military Forces of Ukraine", "Military Forces of Russia", None, "UKR")


def test_a_town_is_read_in_the_attacked_country_even_when_the_attacker_is_named_more(
        stage_pipeline: Pipeline) -> None:
    # Pokrovsk is a Ukrainian town of 60,000 and a Siberian one of 10,000; Russia is named three times here
    events = extract(stage_pipeline, "Russian forces captured the village of Nevelske near Pokrovsk on Tuesday, "
                                     "Russia's defence ministry said. Ukraine did not comment.\n\n"
                                     "Russia has pressed its offensive for months.")
    captured = [e for e in events if e.event_type == "Battles"]
    assert [(e.sub_event_type, e.place and e.place.name, e.place and e.place.country) for e in captured] == [
        ("Non-state actor overtakes territory", "Pokrovsk", "UKR")]


@pytest.mark.parametrize(("text", "location"), [
    # a government's act for its whole country is coded to the capital, as ACLED does
    ("Martial law was introduced in Armenia on Tuesday.", "Yerevan"),
    ("The Armenian government lifted martial law on Tuesday.", "Yerevan"),
    ("The Azerbaijani parliament lifted martial law on Tuesday.", "Baku"),
])
def test_a_country_wide_political_act_is_placed_in_the_capital(stage_pipeline: Pipeline, text: str,
                                                                location: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.place and event.place.name, event.place and event.place.geo_precision) == (
        "Other", location, 3)


@pytest.mark.parametrize("text", [
    # an armed group's order or curfew somewhere in a country is no act of its capital
    "Men who said they belonged to ARSA ordered everyone in the camps in Myanmar to stay inside their shelters "
    "after 8 pm on Friday.",
    "The SPLA-IO commander imposed a dusk-to-dawn curfew in South Sudan on Friday.",
])
def test_an_armed_groups_act_in_a_country_stays_at_the_country(stage_pipeline: Pipeline, text: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.place and event.place.feature) == ("Other", "country")


def test_a_background_event_does_not_take_the_leads_town(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "A Russian missile struck Odesa on Tuesday, injuring four people.\n\n"
                                     "Russia launched its full-scale invasion of Ukraine in February 2022.")
    background = [e for e in events if e.historical]
    assert [(e.place and e.place.name) for e in background] == ["Ukraine"]


def test_hostages_taken_beside_a_killing_are_not_counted_dead(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Gunmen attacked a village near Mopti on Tuesday, killing 12 people and taking "
                                     "30 hostages.")
    # one event: an attack and an abduction at once is coded as the attack (the higher sub-event type)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 12)]


def test_a_report_of_glide_bombs_dated_by_the_event_not_by_the_saying(stage_pipeline: Pipeline) -> None:
    # published on Wednesday 13 March 2024
    events = extract(stage_pipeline, "Two people were killed and 15 wounded when Russian forces dropped guided "
                                     "aerial bombs on a residential district of Kharkiv late on Monday, the "
                                     "governor said on Tuesday.\n\nLast week, a similar strike on a hardware store "
                                     "in the city killed 19 people.")
    assert sorted((str(e.date.best), e.sub_event_type, e.actor1 and e.actor1.name, e.actor2 and e.actor2.name,
                   e.fatalities) for e in events) == [
        ("2024-03-07", "Air/drone strike", "Military Forces of Russia", "Civilians (Ukraine)", 19),  # mid-week
        ("2024-03-11", "Air/drone strike", "Military Forces of Russia", "Civilians (Ukraine)", 2),
    ]


def test_each_sides_figure_for_government_soldiers_and_the_lowest_one_counts(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Fierce fighting broke out on Tuesday between M23 rebels and the FARDC near "
                                     "Sake.\n\nAt least 7 soldiers of the FARDC lost their life and several civilians "
                                     "were wounded by stray bullets. The M23 claimed to have killed 40 government "
                                     "soldiers near Sake on Tuesday.")
    [clash] = [e for e in events if e.event_type == "Battles"]
    assert {clash.actor1 and clash.actor1.name, clash.actor2 and clash.actor2.name} == {
        "M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo"}
    # the wounded civilians are not dead; the M23's 40 and the governor's 7 are both Congolese soldiers
    assert (clash.fatalities, clash.fatalities_by_side) == (7, {"COD": 7})
    assert sorted(c.fatalities for c in clash.claims if c.fatalities_side == "COD") == [7, 40]


def test_arrests_with_no_one_named_are_made_by_the_police(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "The interior ministry said 14 people were detained in Tbilisi on Tuesday.")
    assert (event.sub_event_type, event.actor1 and event.actor1.name) == ("Arrests", "Police Forces of Georgia")


@pytest.mark.parametrize(("text", "actor1", "country"), [
    ("CODECO militiamen attacked an army post near Bunia on Tuesday.",
     "CODECO: Cooperative for Development of the Congo", "COD"),
    ("Ambazonian separatists attacked an army post near Bamenda on Tuesday.", "Ambazonian Separatists", "CMR"),
    # a group's country is the report's context: Nasir is a South Sudanese town, not a Turkish one
    ("SPLA-IO forces attacked an army post near Nasir on Tuesday.",
     "SPLA-IO: Sudan People's Liberation Army-In Opposition", "SSD"),
])
def test_armed_groups_of_other_wars_and_their_country(stage_pipeline: Pipeline, text: str, actor1: str,
                                                        country: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.actor1 and event.actor1.name, event.place and event.place.country) == (actor1, country)


def test_a_demonym_on_a_place_is_no_party_and_on_homes_names_civilians(stage_pipeline: Pipeline) -> None:
    [strike] = extract(stage_pipeline, "Unidentified drones attacked an oil refinery in the Russian region of "
                                       "Krasnodar on Tuesday.")
    assert (strike.actor1, strike.place and strike.place.country) == (None, "RUS")
    [demolition] = extract(stage_pipeline, "Israeli forces demolished 12 Palestinian homes in the village of "
                                           "Masafer Yatta on Tuesday.")
    assert (demolition.sub_event_type, demolition.actor2 and demolition.actor2.name,
            demolition.place and demolition.place.country) == (
        "Looting/property destruction", "Civilians (Palestine)", "PSE")


@pytest.mark.xfail(strict=True, reason="the embedding classifier of stop 46 reads 'The next day, Russian "
                   "missiles struck Odesa, killing four people.' as no event at 0.49 (Air/drone strike 0.23, Shelling "
                   "0.08) and drops it; NO_EVENT_DROP 0.6 was 5 texts better and 17 worse out of fold")
def test_the_day_before_and_after_count_from_the_day_just_told(stage_pipeline: Pipeline) -> None:
    # published on Wednesday 13 March 2024
    events = extract(stage_pipeline, "Russian shelling killed two civilians in Kherson on Monday.\n\n"
                                     "The next day, Russian missiles struck Odesa, killing four people.")
    assert sorted((str(e.date.best), e.place and e.place.name) for e in events) == [
        ("2024-03-11", "Kherson"), ("2024-03-12", "Odesa")]
    # each told with its own day, two strikes on one town are two events
    events = extract(stage_pipeline, "Russian shelling killed two civilians in Kherson on Monday.\n\n"
                                     "A day earlier, a Russian drone strike hit a bus in Kherson, killing three.")
    assert sorted((str(e.date.best), e.fatalities) for e in events) == [("2024-03-10", 3), ("2024-03-11", 2)]
    [event] = extract(stage_pipeline, "A day earlier, Russian missiles struck Odesa, killing four people.")
    assert str(event.date.best) == "2024-03-12"  # with no day told before, from the publication day


def test_a_force_deployed_is_the_actor_of_its_deployment(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Russian peacekeepers were deployed to Nagorno-Karabakh on Tuesday.")
    # the seed gold codes this deployment as a base established, ACLED.md as a redeployment of forces
    # (Change to group/activity), which the sentence classifier prefers in a one-line text
    assert event.sub_event_type in ("Headquarters or base established", "Change to group/activity")
    assert (event.actor1 and event.actor1.name, event.actor2) == (
        "Military Forces of Russia Peacekeeping Contingent", None)


# --- issue 9: the genre's bulletins, notes and reports ----------------------------------------------------


@pytest.mark.issue(9)
def test_each_village_of_a_list_is_an_event_and_keeps_no_share_of_the_deaths(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Azerbaijani forces shelled the villages of Sotk, Jermuk and Goris on "
                                     "Tuesday, killing two civilians, the Armenian defence ministry said.")
    places = sorted((e.place.name if e.place else None, e.fatalities) for e in events)
    assert places == [("Goris", None), ("Jermuk", None), ("Sotk", 2)]
    road = extract(stage_pipeline, "Gunmen abducted four traders on the Kaduna-Abuja highway on Tuesday.")
    assert len(road) == 1


@pytest.mark.issue(9)
def test_each_target_of_a_list_hit_at_its_own_town_is_an_event(stage_pipeline: Pipeline) -> None:
    # the parser hangs "a school" on Kharkiv as an apposition; each target and its town is one strike
    text = ("Russian drones struck a power plant on the outskirts of Kharkiv, a school near Izium and a fuel depot "
            "outside Kupiansk on Friday, the governor said.")
    assert sorted(e.place.name for e in extract(stage_pipeline, text) if e.place) == ["Izyum", "Kharkiv", "Kupyansk"]
    # ... but a town and the areas it lies in are one place
    [event] = extract(stage_pipeline, "On 7 August 2019, gunmen shot dead two farmers in the hamlet of "
                                      "Shevchenkove (Izium, Kharkiv).")
    assert event.place is not None and event.place.name == "Shevchenkove"


@pytest.mark.issue(9)
def test_each_clause_of_a_sentence_that_tells_a_hit_on_its_own_town_is_an_event(stage_pipeline: Pipeline) -> None:
    text = ("Russian forces shelled three towns of Sumy region on Friday. In Krasnopillia two shells hit a school; in "
            "Bilopillia a house was damaged and a woman was wounded; rounds also fell near the railway station in "
            "Vorozhba, the governor said.")
    assert sorted(e.place.name for e in extract(stage_pipeline, text) if e.place) == \
        ["Bilopillia", "Krasnopillya", "Vorozhba"]
    # ... not a town of a clause that tells no hit
    calm = extract(stage_pipeline, "Russian forces shelled Krasnopillia on Friday, killing two civilians; the town "
                                   "of Bilopillia was calm.")
    assert [e.place.name for e in calm if e.place] == ["Krasnopillya"]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "published", "start", "precision"), [
    ("Jaish al-Adl fighters have set up a permanent camp on a hill above Sarbaz since last week, residents said "
     "on Tuesday.", dt.date(2022, 9, 14), dt.date(2022, 9, 5), 2),
    ("Al-Shabaab fighters have set up a permanent camp on a hill above Bulo Burde since the first week of "
     "August, residents said on Tuesday.", dt.date(2022, 9, 14), dt.date(2022, 8, 1), 2),
])
def test_a_base_held_since_a_week_began_then(stage_pipeline: Pipeline, text: str, published: dt.date,
                                                        start: dt.date, precision: int) -> None:
    [base] = extract(stage_pipeline, text, published=published)
    assert base.sub_event_type == "Headquarters or base established"
    assert (base.date.best, base.date.precision) == (start, precision)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "place", "day"), [
    # published on Wednesday 13 March 2024
    ("Police on Wednesday arrested the group's area commander near Torpa, two days after its gunmen shot dead a "
     "road contractor at his work site near Khunti.", "Khunti", dt.date(2024, 3, 11)),
    ("Mangalsen, the headquarters of Achham district, wore a deserted look on Tuesday, a day after Maoist rebels "
     "stormed the army barracks there in a night-long assault.", "Achham", dt.date(2024, 3, 11)),
    # the day of saying is not the day counted from
    ("Police said on Wednesday that the body of a man was found near Crossmaglen on Tuesday, two days after "
     "armed men took him from his home.", "Crossmaglen", dt.date(2024, 3, 10)),
])
def test_a_clause_told_days_after_another_is_dated_from_it(stage_pipeline: Pipeline, text: str, place: str,
                                                          day: dt.date) -> None:
    there = [e.date.best for e in extract(stage_pipeline, text) if e.place is not None and e.place.name == place]
    assert there == [day]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "country"), [
    ("Unknown people set fire on Sunday night to a Jewish cultural centre under construction in Nalchik.", "RUS"),
    ("Students set the law library of the Howard College campus in Durban alight on Monday night.", "ZAF"),
])
def test_an_event_of_civilians_alone_is_the_countrys_where_it_happened(stage_pipeline: Pipeline, text: str,
                                                                      country: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert country in event.sides


@pytest.mark.issue(9)
def test_an_event_told_with_no_place_or_party_is_in_the_one_country_of_the_places_named(
        stage_pipeline: Pipeline) -> None:
    # the only place is where the speakers are; it still says which country the event was in
    [killing] = extract(stage_pipeline, "Villagers in Doramba, Ramechhap, told a rights team on Sunday that soldiers "
                                        "who arrested 19 people at a meeting in the village on 17 August marched "
                                        "them to a hillside and shot them one by one.")
    assert killing.place is not None and (killing.place.country, killing.place.feature) == ("NPL", "country")


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "An Azerbaijani drone hit an Armenian army truck on the road between Jermuk and Kechut on Wednesday.",
    "Ten civilians were killed when their bus hit a mine on the road between Dori and Gorom-Gorom on Monday.",
    "Gunmen opened fire on a minibus taxi between Colenso and Weenen late on Saturday, killing 11 people.",
])
def test_a_stretch_between_two_towns_is_one_event(stage_pipeline: Pipeline, text: str) -> None:
    assert len(extract(stage_pipeline, text)) == 1


@pytest.mark.issue(9)
def test_the_enemy_and_our_positions_in_a_bulletin(stage_pipeline: Pipeline) -> None:
    [clash] = extract(stage_pipeline, "The enemy opened fire on our positions near Berdavan on Tuesday, killing "
                                      "a conscript.")
    assert {clash.actor1 and clash.actor1.side, clash.actor2 and clash.actor2.side} == {"AZE", "ARM"}
    assert clash.fatalities == 1
    [fire] = extract(stage_pipeline, "The armed forces of Armenia, using large-caliber machine guns, fired on our "
                                     "positions located near Gizilhajili village of Goranboy region on Tuesday.")
    assert (fire.sub_event_type, fire.place and fire.place.name) == ("Armed clash", "Gizilhajili")
    assert fire.actor2 is not None and fire.actor2.side == "AZE"


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "place", "country"), [
    # ACLED's notes put a place's district and region in brackets: never a namesake abroad; the village
    # the gazetteer lacks keeps its name, at its district's point
    ("On 18 June 2019, militants planted an IED that exploded under a vehicle near Boni (Douentza, Mopti), "
     "killing 3 soldiers.", "Boni", "MLI"),
    # a village the gazetteer lacks falls back to the region the text names, not to a namesake abroad
    ("On 10 February 2024, a Tatmadaw airstrike hit the village of Let Yet Kone in Tabayin township, Sagaing "
     "region, killing 13 civilians.", "Let Yet Kone", "MMR"),
    # a bracketed area the gazetteer does not know ("Tana" of "Tana River" is no Antananarivo) leaves
    # the town it follows alone
    ("On 4 March 2019, herders armed with machetes fought over grazing land near Garsen (Tana River), "
     "killing one man.", "Garsen", "KEN"),
    # an area designator: not the Italian city, but Somalia's Bari region (GeoNames' admin areas), the
    # smallest area the text names
    ("Puntland forces clashed with Islamic State fighters in the Cal Miskaad mountains of the Bari region "
     "on Friday.", "Bari", "SOM"),
    # an area after a comma states where the village is: not Turkey's Alibeyli, but a village of Tovuz
    # district the gazetteer lacks, placed at the district
    ("Azerbaijani positions near Alibeyli, Tovuz district, came under fire from Armenian forces on 3 June 2019.",
     "Alibeyli", "AZE"),
    # a province only GeoNames' admin areas know: the unknown village is placed in it, in Burkina Faso,
    # not in Senegal, where a town is called Soum
    ("On 3 May 2023, gunmen killed 12 villagers in Kourakou, Soum province.", "Kourakou", "BFA"),
    # ... nor does such a region vote for the town's country: Gedo is a Somali region, Gēdo an Ethiopian town
    ("On 7 August 2021, a boy herding goats stepped on a landmine near Beled Hawo (Gedo region). 1 fatality.",
     "Beled Hawo", "SOM"),
    # a transliteration the gazetteer spells otherwise ("Tall Rif`at")
    ("Syrian regime forces shelled the town of Tal Rifaat on Tuesday, killing two civilians.", "Tall Rif‘at", "SYR"),
    # a neighbourhood or an area of a town is no namesake village across the border (Peru's Nueva Esperanza,
    # Colombia's La Primavera)
    ("MANTA, Ecuador, Feb 10 - Gunmen shot dead a shopkeeper in the Nueva Esperanza neighbourhood on Friday, "
     "police said.", "Manta", "ECU"),
    ("Gunmen shot dead a trader in the La Primavera area of Machala on Friday.", "Machala", "ECU"),
    # a dateline that names its country puts its town there: not Colombia's San Lorenzo
    ("SAN LORENZO, Ecuador, Feb 10 - A car bomb exploded outside the police station in San Lorenzo on Friday, "
     "killing two officers.", "San Lorenzo de Esmeraldas", "ECU"),
    # a canton is an area (Ecuador's admin areas), not Peru's village of Colta
    ("On 6 February 2024, a crowd in a village of Colta canton beat a suspected thief to death.", "Colta", "ECU"),
    # a local outlet's place in capitals before a colon, or a dash
    ("ESMERALDAS: Gunmen shot dead two fishermen at the port on Friday.", "Esmeraldas", "ECU"),
    ("TEMUCO - Hooded men set fire to two lorries and a machinery shed on a forestry estate on Friday.", "Temuco",
     "CHL"),
    ("RIOBAMBA:\nUnknown men threw a grenade at the door of a police post on Friday, wounding two officers.",
     "Riobamba", "ECU"),
    # ... or a full stop, as local Latin American papers file: the town votes for its country, so Lara is
    # Venezuela's state, not the Australian town
    ("BARQUISIMETO. Hundreds of nurses marched on Friday to the Lara health office demanding back pay.",
     "Barquisimeto", "VEN"),
    # ... or a bar before a headline in capitals
    ("HUANCAYO | TEACHERS MARCH FOR PAY. Hundreds of teachers marched on Friday to the regional government "
     "demanding back pay.", "Huancayo", "PER"),
    # "Northern Ireland" is no Ireland: the dateline's town is in the United Kingdom
    ("OMAGH, Northern Ireland, Feb 10 - A bomb hidden in a parked van exploded outside the courthouse on "
     "Friday, police said.", "Omagh", "GBR"),
    # a province of two words needs no designator
    ("Gunmen killed four cattle herders in Western Equatoria on Friday, a local official said.",
     "Western Equatoria", "SSD"),
    # a capital that dwarfs its namesakes says which country the report is about: the bus depot is no
    # Albanian village (Kolsh, once Kalshi)
    ("DHAKA, Feb 10 - Unidentified men set fire to three empty buses at the Kalshi depot on Friday, fire "
     "officials said.", "Dhaka", "BGD"),
    # a square named after a place is in the town it is in
    ("Thousands of farmers marched to the Plaza de Bolívar in Bogotá on Friday.", "Bogotá", "COL"),
])
def test_places_of_notes_and_transliterations(stage_pipeline: Pipeline, text: str, place: str,
                                               country: str) -> None:
    [event] = extract(stage_pipeline, text, published=dt.date(2024, 2, 11))
    assert (event.place and event.place.name, event.place and event.place.country) == (place, country)


@pytest.mark.issue(9)
def test_the_town_a_report_was_filed_from_is_its_place_only_when_the_lead_names_none(stage_pipeline: Pipeline
                                                                                      ) -> None:
    # Kayes is named twice (the dateline and a distance), Diéma once: the lead's news is in Diéma
    [event] = extract(stage_pipeline, "KAYES, Mali, Feb 10 - Residents of Diéma, about 150 km east of Kayes, began "
                                      "returning home on Saturday.\n\nGunmen attacked the gendarmerie post on Friday "
                                      "night, killing two gendarmes, a local official said.")
    assert event.place is not None and (event.place.name, event.place.country) == ("Diéma", "MLI")


@pytest.mark.issue(9)
def test_an_event_whose_only_place_is_in_its_source_is_in_the_reports_country(stage_pipeline: Pipeline) -> None:
    # the town is where the farmers are, not where the armed men went: the event is placed in the country
    # the report's names point to, not dropped or left nowhere
    [event] = extract(stage_pipeline, "Farmers of the Atlas foothills above Médéa report that some forty armed men "
                                      "moved on Sunday into an abandoned school, which they have turned into a base.")
    assert event.place is not None and (event.place.feature, event.place.country) == ("country", "DZA")


@pytest.mark.issue(9)
def test_the_day_of_a_dateline_is_when_it_was_filed_not_the_events_day(stage_pipeline: Pipeline) -> None:
    # published on Wednesday 13 March: "on Monday" is two days before the dateline's day
    [event] = extract(stage_pipeline, "RAMADI, Iraq, March 13 - Islamic State fighters took full control of Ramadi "
                                      "on Monday after security forces abandoned their last stronghold in the city.")
    assert (event.sub_event_type, event.date.best) == ("Non-state actor overtakes territory", dt.date(2024, 3, 11))


@pytest.mark.issue(9)
def test_a_dateline_of_two_cities_is_a_dateline_too(stage_pipeline: Pipeline) -> None:
    # filed from two capitals: the day after the slash-joined places is the filing day, and "on Monday" the
    # event's, whatever the place between them and the day
    [event] = extract(stage_pipeline, "BISHKEK/DUSHANBE, March 13 (Agency) - Kyrgyz and Tajik border guards "
                                      "exchanged fire near Kok-Tash, a village a few kilometres from the Vorukh "
                                      "enclave, on Monday, leaving two servicemen dead, officials said.")
    assert (event.date.start, event.date.end) == (dt.date(2024, 3, 11), dt.date(2024, 3, 11))


@pytest.mark.issue(9)
def test_a_sentence_whose_event_clause_dates_nothing_takes_the_leads_day_not_the_datelines(
        stage_pipeline: Pipeline) -> None:
    # the lead's day is Monday; a later paragraph that dates nothing is that day's, not the day it was filed
    text = ("GOMA, March 13 - M23 rebels shelled the outskirts of Sake on Monday, local officials said. Two civilians "
            "were wounded. The army said it had returned fire.\n\nIn Rutshuru, gunmen abducted three farmers from "
            "their fields. Their families said no ransom had been asked. Residents said the road was closed.")
    events = extract(stage_pipeline, text)
    assert {e.sub_event_type: e.date.best for e in events}["Abduction/forced disappearance"] == dt.date(2024, 3, 11)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the looting told in the clause "a day after" opens was on Monday, the day before the sentence's Tuesday
    ("OUAGADOUGOU, March 13 - Traders in Djibo reopened their shops on Tuesday, a day after militants had looted "
     "the market and burned several stalls.", ("Looting/property destruction", dt.date(2024, 3, 11))),
    ("KANO, March 13 - Schools in Kano stayed shut on Tuesday, a day after students had marched through the city "
     "to protest against fee rises.", ("Peaceful protest", dt.date(2024, 3, 11))),
    # an event of the sentence's own clause keeps its day
    ("KANO, March 13 - Students marched through Kano on Tuesday to protest against fee rises, a day after the "
     "university announced them.", ("Peaceful protest", dt.date(2024, 3, 12))),
])
def test_the_event_of_a_clause_a_day_after_opens_is_a_day_before_the_sentences_day(
        stage_pipeline: Pipeline, text: str, expected: tuple[str, dt.date]) -> None:
    assert [(e.sub_event_type, e.date.best) for e in extract(stage_pipeline, text)] == [expected]


@pytest.mark.issue(9)
def test_the_day_of_the_first_of_joined_verbs_dates_the_others(stage_pipeline: Pipeline) -> None:
    # (a year on the first verb does not: "restored the constitution in 1925 and proclaimed independence")
    [event] = extract(stage_pipeline, "BENGHAZI, March 13 - Masked gunmen stormed the home of a lawmaker in "
                                      "Benghazi late on Monday, shot her husband in the leg and drove her away.")
    # (the rules type the sentence by its shooting; whether the classifier retypes it an abduction rests on
    # its margin, which this test is not about)
    assert event.event_type == "Violence against civilians" and event.date.best == dt.date(2024, 3, 11)


@pytest.mark.issue(9)
def test_a_later_paragraph_takes_the_day_its_lead_tells(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline,
                     "YEREVAN, March 11 - Armenian and Azerbaijani troops exchanged fire near Tegh on Monday, "
                     "the two defence ministries said.\n\n"
                     "Azerbaijan's defence ministry said Armenian forces had fired from positions near Sotk on "
                     "Azerbaijani servicemen.")
    assert {e.date.best for e in events} == {dt.date(2024, 3, 11)}


@pytest.mark.issue(9)
def test_a_battle_with_shelling_told_in_one_report_is_one_battle(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline,
                     "Armenian and Azerbaijani troops clashed near Tegh on Tuesday.\n\n"
                     "Armenia's defence ministry said Azerbaijani units fired mortars at Armenian positions "
                     "near Tegh on Tuesday.")
    assert kinds(events) == [("Battles", "Armed clash")]


@pytest.mark.issue(9)
def test_deaths_in_words_and_a_name_inside_a_longer_one(stage_pipeline: Pipeline) -> None:
    [strike] = extract(stage_pipeline, "Two martyrs fell when Israeli drones struck a car in Bint Jbeil on Tuesday.")
    assert strike.fatalities == 2
    [bomb] = extract(stage_pipeline, "A suicide bomber blew himself up at a hotel on Riverside Drive, Nairobi, on "
                                     "Tuesday, killing a guard.")
    assert (bomb.place and bomb.place.country, bomb.fatalities) == ("KEN", 1)


@pytest.mark.issue(9)
def test_a_list_of_villages_gives_one_event_each_known_or_not(stage_pipeline: Pipeline) -> None:
    # ACLED codes one event per place; the gazetteer knows none of these three villages, whose district
    # the text names after them
    events = extract(stage_pipeline, "On 3 May, the army shelled the villages of Kaung Pyin, Zee Pin Kone and "
                                     "Nyaung Chaung in Ayadaw township of the Sagaing region with artillery.")
    assert sorted(e.place.name for e in events if e.place) == ["Kaung Pyin", "Nyaung Chaung", "Zee Pin Kone"]
    assert {(e.sub_event_type, e.place.country) for e in events if e.place} == \
        {("Shelling/artillery/missile attack", "MMR")}
    unlisted = [e.place for e in events if e.place and e.place.source == "text"]
    assert unlisted and {p.geo_precision for p in unlisted} == {3}  # at the region's point
    # one known village and one unknown, bracketed district: the unknown one sits at its district's point
    events = extract(stage_pipeline, "On 3 January 2021, gunmen attacked the villages of Tchoma Bangou and "
                                     "Zarbanda Koira (Ouallam department) and killed 12 civilians.")
    assert len(events) == 2 and {e.place.country for e in events if e.place} == {"NER"}
    # a road between two towns is one place, and two parties listed are no places
    assert len(extract(stage_pipeline, "Gunmen seized five drivers on the road between Kayes and Diboli on "
                                       "Monday.")) == 1


@pytest.mark.issue(9)
def test_a_force_word_is_the_party_its_of_names(stage_pipeline: Pipeline) -> None:
    # "rebels of the CPC", "cadres of CPI (Maoist)": the party after "of" is the actor, not a group unnamed
    [event] = extract(stage_pipeline, "Rebels of the Coalition of Patriots for Change attacked an army post in "
                                      "Bossangoa on Tuesday and were driven back by government soldiers.")
    assert {event.actor1.name, event.actor2.name} == {"CPC: Coalition of Patriots for Change",
                                                      "Military Forces of the Central African Republic"}
    [event] = extract(stage_pipeline, "On Monday the security forces were fired upon by armed cadres of CPI (Maoist) "
                                      "near Bijapur and returned fire.")
    assert "CPI (Maoist): Communist Party of India (Maoist)" in (event.actor1.name, event.actor2.name)


@pytest.mark.issue(9)
def test_a_political_act_over_a_list_of_places_is_one_event(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "The transitional government imposed a dusk-to-dawn curfew in Gao, Menaka "
                                     "and Kidal on Monday after a wave of attacks.")
    assert [(e.sub_event_type, e.place and e.place.country) for e in events] == [("Other", "MLI")]
    # the violence the same words list is one event per town
    events = extract(stage_pipeline, "Jihadists shelled Gao, Menaka and Kidal on Monday, officials said.")
    assert len(events) == 3 and {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}


@pytest.mark.issue(9)
def test_a_date_before_two_joined_verbs_dates_both(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "On 19 February 2023, soldiers rounded up and shot eight civilians at the "
                                      "market of Sokolo.")
    assert (event.date.start, event.sub_event_type) == (dt.date(2023, 2, 19), "Attack")


@pytest.mark.issue(9)
def test_taking_a_town_without_a_fight_is_no_clash(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Al Shabaab fighters entered the town of Ceel Buur on Monday without a fight, "
                                     "hours after Ethiopian troops withdrew.")
    assert "Armed clash" not in kinds(events)


@pytest.mark.issue(9)
def test_people_detained_in_a_dispersal_are_no_separate_arrest(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Police fired tear gas on Wednesday to disperse hundreds of opposition "
                                     "supporters who had gathered in Niamey. Several people were detained.")
    assert kinds(events) == [("Protests", "Protest with intervention")]
    # an arrest told on its own stays one
    [arrest] = extract(stage_pipeline, "Three opposition activists were arrested in Odesa on Friday.")
    assert arrest.sub_event_type == "Arrests"


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "place"), [
    # a city's possessive names a place in it, not its government
    ("Tens of thousands rallied in Yerevan's Republic Square on Thursday against the government.", "Yerevan"),
    # a square named after a word that is also a village abroad is a site in the town named next
    ("Troops fired tear gas to disperse a rally on Svobody Square in Kherson on Monday.", "Kherson"),
    # "Plaza de Bolívar" is one name, not the Polish village Płaza
    ("Thousands marched peacefully to the Plaza de Bolívar in Bogotá on Monday to demand a meeting with the "
     "president.", "Bogotá"),
])
def test_sites_inside_towns(stage_pipeline: Pipeline, text: str, place: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.place is not None and event.place.name == place


@pytest.mark.issue(9)
def test_the_occupiers_are_the_other_party(stage_pipeline: Pipeline) -> None:
    # a Ukrainian bulletin's "occupiers" are Russia's forces, as a bulletin's "enemy" is the other side
    [strike] = extract(stage_pipeline, "The occupiers shelled Kherson overnight, killing two civilians, the "
                                       "regional administration said.")
    assert (strike.sub_event_type, strike.actor1 and strike.actor1.side) == \
        ("Shelling/artillery/missile attack", "RUS")


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Ankara has launched three major ground operations in northern Syria since 2016.",
    "The insurgency, which began in 2009, has killed tens of thousands of people in the North-East.",
    "Residents have complained that the frequent attacks on police have left the border villages without security.",
    "During the 44-day war that began on 27 September 2020, the army liberated more than 300 settlements.",
])
def test_tallies_and_habits_of_a_war_are_no_events(stage_pipeline: Pipeline, text: str) -> None:
    assert [e for e in extract(stage_pipeline, text, published=dt.date(2023, 10, 20)) if not e.historical] == []


@pytest.mark.issue(9)
def test_since_a_date_when_dates_the_when_clause(stage_pipeline: Pipeline) -> None:
    [seizure] = extract(stage_pipeline, "Tensions have remained high since September 2022, when Azerbaijani troops "
                                        "seized heights around the town of Jermuk.", published=dt.date(2023, 4, 12))
    assert (seizure.date.start.year, seizure.date.start.month, seizure.historical) == (2022, 9, True)


@pytest.mark.issue(9)
def test_weapons_picked_up_after_a_fight_belong_to_it(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Troops repelled an attack by ISWAP terrorists on their location in Damboa on "
                                     "Wednesday. Several AK-47 rifles and a gun truck were recovered.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    # weapons seized on their own are an event
    [seizure] = extract(stage_pipeline, "Police seized 40 rifles in Jibia on Monday.")
    assert seizure.sub_event_type == "Disrupted weapons use"


@pytest.mark.issue(9)
def test_a_town_and_its_department_are_one_place_and_foreign_old_names_no_place(stage_pipeline: Pipeline) -> None:
    [cache] = extract(stage_pipeline, "Troops located an arms cache of the ELN in the rural area of Fortul, Arauca, "
                                      "on Monday and destroyed it.")
    assert cache.place is not None and cache.place.name == "Fortul"
    # Bonn was once called Boni: a report on Kenya's Boni forest is not about Germany
    [camps] = extract(stage_pipeline, "Al-Shabaab fighters have set up camps deep inside the Boni forest in Lamu "
                                      "county, Kenyan officials said on Monday.")
    assert camps.place is not None and camps.place.country == "KEN"


@pytest.mark.parametrize(("text", "place", "country"), [
    # a town just across the border of the one country the report names is still a place of the report
    ("An Israeli drone struck a car on the main road in Bint Jbeil on Monday, killing its driver.",
     "Bent Jbaïl", "LBN"),
    ("Residents of Mpeketoni blocked the highway on Monday to protest against an al-Shabaab raid.",
     "Mpeketoni", "KEN"),
    # ... but a neighbourhood is in the city named after it, not a namesake town abroad
    ("Gunmen threw a grenade at a bakery in the Atalaya neighbourhood of Cúcuta on Monday.", "Cúcuta", "COL"),
    # ... and what follows a town's possessive is inside it, not a namesake in a country named beside it
    ("Three rockets landed near the U.S. embassy in Baghdad's heavily fortified Green Zone on Monday.",
     "Baghdad", "IRQ"),
])
def test_a_town_across_the_border_of_the_reports_country(
        stage_pipeline: Pipeline, text: str, place: str, country: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.place is not None and (event.place.name, event.place.country) == (place, country)


@pytest.mark.parametrize(("text", "place"), [
    # a place word inside an armed group's name names the group, not where it acted
    ("Gunmen of the Sultan Murad Division seized a police post in Manbij on Monday.", "Manbij"),
    ("Turkistan Islamic Party fighters attacked an army checkpoint near Idlib on Monday.", "Idlib"),
    ("Soldiers arrested two members of the Comandos de la Frontera in Puerto Asís on Monday.", "Puerto Asís"),
])
def test_a_place_name_inside_a_group_name_is_no_place(stage_pipeline: Pipeline, text: str, place: str) -> None:
    events = extract(stage_pipeline, text)
    assert {e.place.name for e in events if e.place is not None} == {place}


def test_the_first_word_of_a_longer_name_gives_no_country(stage_pipeline: Pipeline) -> None:
    # "Jisr" alone is a town in Israel; "Jisr al-Shughur" is in Syria, and no vote for Israel
    text = "Russian jets bombed a market in Jisr al-Shughur and in Idlib on Monday."
    events = extract(stage_pipeline, text)
    assert events and all(e.place is not None and e.place.country == "SYR" for e in events)


@pytest.mark.parametrize(("text", "actor1"), [
    ("Some 2,000 soldiers arrived in Goma on Monday to reinforce the front.",
     "Military Forces of the Democratic Republic of Congo"),
    ("Kenyan police reservists numbering more than 800 moved into Marigat on Monday.", "Police Forces of Kenya"),
])
def test_a_large_force_arriving_changes_its_activity(stage_pipeline: Pipeline, text: str, actor1: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.actor1 and event.actor1.name.split(" (")[0]) == \
        ("Change to group/activity", actor1)


@pytest.mark.parametrize("text", [
    pytest.param("Two soldiers arrived in Goma on Monday.", marks=pytest.mark.xfail(strict=True, reason=(
        "the embedding classifier of stop 46 finds a Change to group/activity at 0.68 where the rules turned it "
        "down; OVERRULE_THRESHOLD 0.8 was 20 texts better and 25 worse out of fold"))),
    "Thousands of families moved into camps near Goma on Monday.",
])
def test_a_few_soldiers_or_civilians_moving_are_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.parametrize(("text", "place", "sub"), [
    # walked or driven into, unopposed, after the other side left: a place handed over without a fight
    ("Rebel fighters drove into Rutshuru on Monday without firing a shot, hours after the army pulled out.",
     "Rutshuru", "Non-violent transfer of territory"),
    ("Government troops entered Sake on Monday after the rebels completed their withdrawal.",
     "Sake", "Non-violent transfer of territory"),
    # "without fighting" is no fight
    ("Rebel units entered the town of Rubaya in North Kivu without fighting on Monday after the army pulled out.",
     "Rubaya", "Non-violent transfer of territory"),
    # a base handed over, the words of the hand-over apart
    ("The last peacekeepers left on Monday, handing their camp in Kidal over to the Malian army.",
     "Kidal", "Non-violent transfer of territory"),
    # driven out of a named place: taken in a fight
    ("Congolese troops drove the M23 rebels out of Sake on Monday, the army said.", "Sake",
     "Government regains territory"),
])
def test_places_handed_over_or_driven_out_of(stage_pipeline: Pipeline, text: str, place: str, sub: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.place and event.place.name, event.sub_event_type) == (place, sub)


@pytest.mark.parametrize(("text", "place", "sub"), [
    # a fight after which its winner holds the place: the ground was taken in it
    ("Gunmen of the Karen army stormed the police station in Myawaddy on Friday and were still holding the town "
     "on Sunday.", "Myawaddy", "Non-state actor overtakes territory"),
    ("Jihadist fighters clashed with soldiers in Djibo on Monday and raised their black flag over the town hall.",
     "Djibo", "Non-state actor overtakes territory"),
    ("The hill above Rutshuru changed hands on Tuesday, M23 rebels said.", "Rutshuru",
     "Non-state actor overtakes territory"),
    # driven out of a group of villages, and a withdrawal under fire: taken in a fight, not handed over
    ("Congolese troops drove the M23 rebels out of a string of villages near Sake on Monday.", "Sake",
     "Government regains territory"),
    ("M23 rebels took over the town of Rubaya in North Kivu on Tuesday after soldiers pulled out under heavy "
     "fire.", "Rubaya",
     "Non-state actor overtakes territory"),
])
def test_ground_held_after_a_fight_is_taken(stage_pipeline: Pipeline, text: str, place: str, sub: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.place and event.place.name, event.sub_event_type) == (place, sub)


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    # ground won back from an armed group, its taker unnamed: the state's forces won it back
    ("The command announced on Monday the full liberation of the town of Rubaya in North Kivu from the M23 "
     "gangs.", "Military Forces of the Democratic Republic of Congo", "M23: March 23 Movement"),
    ("The town of Djibo was recaptured from the jihadists on Sunday, security sources said.",
     "Military Forces of Burkina Faso", None),
    # ... a taking from the state's forces is no winning back
    ("M23 rebels seized the town of Rubaya in North Kivu from the army on Tuesday.", "M23: March 23 Movement",
     "Military Forces of the Democratic Republic of Congo"),
])
def test_ground_is_taken_from_its_loser(stage_pipeline: Pipeline, text: str, actor1: str, actor2: str | None) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.actor1 is not None and event.actor1.name.split(" (")[0] == actor1
    if actor2 is not None:
        assert event.actor2 is not None and event.actor2.name.split(" (")[0] == actor2
    assert event.sub_event_type == ("Non-state actor overtakes territory" if actor1.startswith("M23") else
                                    "Government regains territory")


@pytest.mark.parametrize("text", [
    "Families fled Rutshuru on Saturday after armed men told them to leave within two days.",
    "Since Monday armed and hooded men have been stopping lorries on the road near Rutshuru and charging a fee.",
])
def test_an_order_or_a_toll_of_armed_men_is_their_act(stage_pipeline: Pipeline, text: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.actor1 and event.actor1.name) == \
        ("Other", "Unidentified Armed Group (Democratic Republic of Congo)")


@pytest.mark.parametrize(("text", "actor1"), [
    # a person taken from somewhere by name, or by a calling only a person has
    ("Soldiers took Amina Diallo, the wife of an opposition mayor, from her house in Djibo on Monday night.",
     "Military Forces of Burkina Faso"),
    ("A photographer for a local weekly was taken from his home in Djibo by soldiers on Monday night.",
     "Military Forces of Burkina Faso"),
    # security personnel are the state's forces
    ("Plainclothes security personnel took a teacher from his home in Djibo on Monday.",
     "Military Forces of Burkina Faso"),
])
def test_a_person_taken_from_somewhere_is_abducted(stage_pipeline: Pipeline, text: str, actor1: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.actor1 and event.actor1.name.split(" (")[0]) == \
        ("Abduction/forced disappearance", actor1)


@pytest.mark.parametrize("text", [
    "Government soldiers fought off an attack by rebels in Djibo on Monday and were still holding out on Tuesday.",
])
def test_holding_out_takes_no_ground(stage_pipeline: Pipeline, text: str) -> None:
    assert all(e.sub_event_type not in ("Non-state actor overtakes territory", "Government regains territory")
               for e in extract(stage_pipeline, text))


@pytest.mark.parametrize("text", [
    "The dissident fronts moved into the areas the guerrillas had left after the 2016 agreement.",
    "Congolese soldiers drove to Goma on Monday.",
])
def test_moving_into_no_named_place_or_driving_somewhere_is_no_transfer(stage_pipeline: Pipeline, text: str) -> None:
    assert [e for e in extract(stage_pipeline, text) if e.event_type != "Battles" or
            e.sub_event_type != "Armed clash"] == []


@pytest.mark.parametrize(("text", "actor1"), [
    # a militia that speaks of itself did it, and the act is the "salvo" the verb carries out
    ("Hezbollah said it fired a barrage of rockets at Metula on Monday.", "Hezbollah"),
    ("The Houthis said they launched a wave of drones at Eilat on Monday.", "Houthi Movement"),
])
def test_a_group_that_says_it_fired_is_the_doer(stage_pipeline: Pipeline, text: str, actor1: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.actor1 is not None and event.actor1.name == actor1


def test_where_the_attackers_stand_is_not_where_the_shells_fell(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "Militants in the Idlib zone fired mortars on the villages of Kafr Nabudah "
                                     "and Suqaylabiyah on Monday.")
    assert {e.place.name for e in events if e.place} == {"Kafr Nabudah", "As Suqaylibīyah"}
    # ... but residents of a city rally in that city
    [rally] = extract(stage_pipeline, "Thousands of residents of Kherson rallied on Monday against the occupation.")
    assert rally.place is not None and rally.place.name == "Kherson"


def test_a_release_in_exchange_and_a_pact_are_agreements(stage_pipeline: Pipeline) -> None:
    [swap] = extract(stage_pipeline, "The rebels freed the 40 abducted pupils near Funtua on Monday in exchange "
                                     "for three of their fighters held close to the Niger border.")
    assert (swap.sub_event_type, swap.place and swap.place.name) == ("Agreement", "Funtua")
    assert swap.actor2 is None or swap.actor2.side != "NER"  # a border named is no party
    [pact] = extract(stage_pipeline, "Pokot and Turkana elders signed a peace pact in Lokichar on Monday.")
    assert pact.sub_event_type == "Agreement"


def test_the_two_sides_of_a_fight_joined_in_its_subject(stage_pipeline: Pipeline) -> None:
    [fight] = extract(stage_pipeline, "Hamas gunmen and Fatah fighters fought with rifles in the Balata camp near "
                                      "Nablus on Monday.")
    assert {fight.actor1 and fight.actor1.name, fight.actor2 and fight.actor2.name} == \
        {"Hamas Movement", "Fatah Movement"}


@pytest.mark.parametrize(("text", "sub"), [
    # a takeover fought for is no peaceful handover, though the other side withdrew in the end
    ("M23 rebels attacked and took control of Rubaya on Monday after Congolese troops withdrew following an "
     "exchange of fire.", "Non-state actor overtakes territory"),
])
def test_a_takeover_after_a_withdrawal(stage_pipeline: Pipeline, text: str, sub: str) -> None:
    assert [e.sub_event_type for e in extract(stage_pipeline, text)] == [sub]


def test_a_state_taking_ground_from_a_foreign_group_overtakes_it(stage_pipeline: Pipeline) -> None:
    # the place unknown, the country the text falls back to is the taker's: Israel does not regain its own
    [taken] = extract(stage_pipeline, "Israeli troops took control of most of Wadi Saluki on Monday after days of "
                                      "fighting with Hezbollah.")
    assert taken.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "doer"), [
    # the partisan register: a group's statement names its foe "the enemy", "the occupier", "the hostile ..."
    ("The hostile artillery bombarded the outskirts of Aitaroun with tens of shells on Tuesday, the Islamic "
     "Resistance said.", "ISR"),
    ("The occupation army shelled the outskirts of Beit Hanoun on Tuesday, the health ministry in Gaza said.", "ISR"),
    ("The Zionist enemy's warplanes struck a house in Bint Jbeil on Tuesday.", "ISR"),
    ("Hostile aircraft struck a house in Bint Jbeil on Tuesday, the resistance said.", "ISR"),
    ("Enemy drones attacked the positions of our units near Robotyne on Tuesday, the Ukrainian General Staff said.",
     "RUS"),
])
def test_the_enemy_of_a_groups_statement_is_its_foe_not_its_home(stage_pipeline: Pipeline, text: str,
                                                                  doer: str) -> None:
    [strike] = extract(stage_pipeline, text)
    assert strike.actor1 is not None and strike.actor1.side == doer, strike.actor1


@pytest.mark.issue(9)
@pytest.mark.xfail(strict=True, reason="the embedding classifier of stop 46 gives Excessive force against "
                   "protesters 0.43 (Armed clash 0.22) and the second opinion retypes the killing: no protesters here")
def test_a_date_in_a_since_clause_dates_what_came_before(stage_pipeline: Pipeline) -> None:
    # "the worst since the troops were sent north last month": the month is the deployment's, not the killing's
    text = ("A teacher was killed and two pupils were wounded on Tuesday afternoon when soldiers opened fire on "
            "a school bus near Kidal, in the worst incident since the troops were sent north last month.")
    events = extract(stage_pipeline, text)
    [attack] = [e for e in events if e.event_type == "Violence against civilians"]
    assert (attack.date.best, attack.date.precision) == (dt.date(2024, 3, 12), 1)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "On Saturday a truck of the army has jumped on an anti-tank mine near Bocaranga, killing two soldiers.",
    "A police vehicle rolled over a landmine near Tillaberi on Monday, killing four officers.",
])
def test_a_vehicle_that_jumped_on_a_mine_was_hit_by_it(stage_pipeline: Pipeline, text: str) -> None:
    # the calque of French "sauter sur une mine": the vehicle's force is the mine's victim, not its layer
    [blast] = extract(stage_pipeline, text)
    assert blast.sub_event_type == "Remote explosive/landmine/IED"
    assert blast.actor2 is not None and blast.actor2.inter == 1, blast.actor2


@pytest.mark.issue(9)
def test_bijapur_district_is_chhattisgarhs_and_the_karnataka_town_keeps_its_name(stage_pipeline: Pipeline) -> None:
    # the admin areas' Bijapur district is Karnataka's (renamed Vijayapura in 2014); the Maoist war's is in
    # Chhattisgarh, 600 km east, which the curated supplement holds
    [taken] = extract(stage_pipeline, "On 3 May 2023, Maoists abducted three road workers from a site near "
                                      "Awapalli (Bijapur district) and took them into the forest.")
    assert taken.place is not None and abs(taken.place.longitude - 80.8) < 0.5, taken.place
    [shot] = extract(stage_pipeline, "On 4 May 2016, unidentified men shot dead a shopkeeper in Vijayapura.")
    assert shot.place is not None and abs(shot.place.longitude - 75.7) < 0.5, shot.place


def test_the_soldiers_of_a_party_are_that_party(stage_pipeline: Pipeline) -> None:
    # machine-translated bulletins: "opened the fire", "the soldiers of the enemy"
    [shot] = extract(stage_pipeline, "The soldiers of the Israeli enemy opened the fire on a farmer near Kfar Kila "
                                     "on Monday and wounded him, the Lebanese army said.")
    assert shot.actor1 is not None and shot.actor1.name == "Military Forces of Israel"


def test_homes_looted_in_a_raid_are_part_of_the_raid(stage_pipeline: Pipeline) -> None:
    [raid] = extract(stage_pipeline, "RSF fighters stormed El Geneina on Monday, looting homes and killing more "
                                     "than 100 villagers, activists said.")
    assert (raid.sub_event_type, raid.actor1 and raid.actor1.name, raid.fatalities) == \
        ("Attack", "Rapid Support Forces", 100)
    # a town taken one day and looted the next: two events
    events = extract(stage_pipeline, "On Tuesday, a day after RSF fighters took Nyala, the militiamen looted "
                                     "shops and homes in the town.")
    assert "Looting/property destruction" in [e.sub_event_type for e in events]


@pytest.mark.parametrize(("text", "dead"), [
    ("Gunmen attacked a wedding party in Kunduz on Monday, killing nine guests.", 9),
    ("A roadside bomb hit a bus near Mandera on Monday, killing three travellers.", 3),
    ("An air strike on a house in Nabatieh killed seven members of one family on Monday.", 7),
])
def test_the_dead_counted_by_the_civilians_word_list(stage_pipeline: Pipeline, text: str, dead: int) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.fatalities == dead


@pytest.mark.parametrize(("text", "place"), [
    ("Ethiopian federal troops retook the town of Lalibela from Fano militiamen on Monday.", "Lalibela"),
    ("The Myanmar army said it had cleared the town of Kyaukme of insurgents on Monday.", "Kyaukme"),
    ("Sudanese troops recovered the town of Sinja from the RSF on Monday.", "Singa"),  # GeoNames spelling
    ("The army announced on Monday that it had restored state authority over Kidal.", "Kidal"),
])
def test_ground_won_back_by_the_state(stage_pipeline: Pipeline, text: str, place: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.place and event.place.name) == ("Government regains territory", place)


@pytest.mark.parametrize("text", [
    "Soldiers recovered 40 rifles from a cache near Kidal on Monday.",
    "Engineers cleared the road to Kidal of mines on Monday.",
])
def test_weapons_recovered_or_roads_cleared_are_no_ground_won(stage_pipeline: Pipeline, text: str) -> None:
    assert "Government regains territory" not in [e.sub_event_type for e in extract(stage_pipeline, text)]


def test_an_armed_groups_road_block_is_no_demonstration_and_a_ship_no_territory(stage_pipeline: Pipeline) -> None:
    [block] = extract(stage_pipeline, "Gangs blocked the main road between Port-au-Prince and Jacmel on Monday, "
                                      "cutting off fuel deliveries.")
    assert block.sub_event_type == "Other"
    seized = extract(stage_pipeline, "The Houthis seized a cargo ship off Hodeidah on Monday.")
    assert not [e for e in seized if e.sub_event_type.endswith("territory")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # the dateline's capital is no government that took the town
    "JUBA, Dec 20 - Fighters loyal to Riek Machar seized Bor on Wednesday after a day of fighting with "
    "government troops.",
    # a doer named but not known: the army it fought is not the taker
    "BENGHAZI, July 30 - An alliance of Islamist militias overran the main camp of the army's special forces in "
    "Benghazi on Tuesday.",
    # the speaker, set aside as the one who tells it, took the town, not the garrison it overran
    "SPLA-IO fighters said on Monday they had taken control of Raja town after overrunning the army garrison.",
])
def test_ground_taken_from_the_state_by_a_doer_named_in_other_ways(stage_pipeline: Pipeline, text: str) -> None:
    taken = [e for e in extract(stage_pipeline, text) if e.event_type == "Battles"]
    assert [e.sub_event_type for e in taken] == ["Non-state actor overtakes territory"]
    assert taken[0].actor1 is not None and taken[0].actor1.inter != 1


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "day"), [
    # published on Wednesday 13 March 2024: the act's day is in the clause beside the trigger's
    ("A nurse was shot dead by gunmen who broke into the charity's compound in Maridi on Sunday night, the "
     "organisation said on Tuesday.", "2024-03-10"),
    ("Armed men broke into a warehouse in Bentiu on Monday night and carried off 300 tonnes of sorghum, the "
     "agency said on Tuesday.", "2024-03-11"),
])
def test_the_day_of_the_other_clause_before_the_day_it_was_told(stage_pipeline: Pipeline, text: str,
                                                                day: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert str(event.date.best) == day


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "taker"), [
    ("Rwandan and Mozambican troops recaptured the port town of Mocimboa da Praia on Sunday.",
     "Military Forces of Mozambique"),
    ("Kenyan and Somali troops captured the port city of Kismayo from al-Shabaab on Saturday.",
     "Military Forces of Somalia"),
])
def test_ground_taken_by_a_coalition_with_the_states_own_forces_is_won_back(stage_pipeline: Pipeline, text: str,
                                                                           taker: str) -> None:
    [event] = [e for e in extract(stage_pipeline, text) if e.event_type == "Battles"]
    assert (event.sub_event_type, event.actor1 and event.actor1.name) == ("Government regains territory", taker)
    # a foreign force alone still overtakes
    [alone] = extract(stage_pipeline, "Russian forces captured the village of Ocheretyne on Saturday.")
    assert alone.sub_event_type == "Non-state actor overtakes territory"


def test_a_long_report_that_names_its_towns_gives_no_row_at_a_whole_country(stage_pipeline: Pipeline) -> None:
    report = ("Turkey launched a new air and ground operation against the PKK in northern Iraq on Sunday, the defence "
              "ministry said. According to the ministry, fighter jets, drones and commandos took part, and one Turkish "
              "soldier was killed in clashes on Monday.\n\n"
              "Kurdish officials in Duhok said a shepherd was wounded near Zakho on Monday. "
              "Residents of Amadiya said they heard jets overnight. "
              "The PKK did not comment. "
              "Ankara has launched several cross-border operations in recent years. "
              "Iraq's foreign ministry summoned the Turkish ambassador on Tuesday.")
    events = extract(stage_pipeline, report)
    assert events and all(e.place is None or e.place.feature != "country" for e in events)
    # a short note that names no town still falls back to the country
    [event] = extract(stage_pipeline, "Nigerian military jets bombed a militant hideout on Tuesday.")
    assert event.place is not None and event.place.feature == "country"


def test_the_brokers_of_a_swap_are_no_party_to_it(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Government forces and opposition factions swapped 15 detainees at the "
                                      "crossing near al-Bab on Tuesday under Russian and Turkish supervision.")
    assert (event.sub_event_type, event.place and event.place.country, event.actor1 and event.actor1.name) == (
        "Agreement", "SYR", "Government of Syria")


@pytest.mark.issue(9)
def test_an_event_whose_doers_are_unnamed_is_its_places_country(stage_pipeline: Pipeline) -> None:
    # Syria is named only as the border the new force will guard: Iraq is the party
    text = ("AL-QAIM, Iraq, March 13 - Tribal leaders in al-Qaim on Wednesday announced the formation of a new "
            "2,000-strong tribal force to guard the desert border with Syria alongside the army.")
    events = extract(stage_pipeline, text)
    assert [(e.sub_event_type, e.place and e.place.country) for e in events] == [("Change to group/activity", "IRQ")]
    assert "IRQ" in events[0].sides


@pytest.mark.issue(9)
def test_maoists_in_a_report_on_nepal_are_no_indian_party(stage_pipeline: Pipeline) -> None:
    text = ("BENI, Nepal, March 13 (AP) - Thousands of Maoist rebels who overran Beni, headquarters of western "
            "Myagdi district, on Tuesday night pulled out the next morning, officials said.")
    events = extract(stage_pipeline, text)
    # the dateline's Beni is in Nepal (the gazetteer knows only Congo's), and so are the rebels
    assert {e.place.country for e in events if e.place} == {"NPL"}
    assert all(a.side != "CPIMAOIST" for e in events for a in (e.actor1, e.actor2) if a)
    # in a report on India they stay India's CPI (Maoist)
    india = extract(stage_pipeline, "Maoist rebels ambushed a police patrol in Sukma district of Chhattisgarh on "
                                    "Tuesday, killing three policemen.")
    assert [e.actor1.name for e in india if e.actor1] == ["CPI (Maoist): Communist Party of India (Maoist)"]


@pytest.mark.issue(9)
def test_a_bulletin_that_names_only_its_army_is_placed_in_its_country(stage_pipeline: Pipeline) -> None:
    # no place the gazetteer knows, no party in the event's sentence: the report's army gives the country
    text = ("Royal Nepal Army, Directorate of Public Relations. In an encounter occurred between the security forces "
            "on routine patrolling and the terrorists at Jelbang area of Rolpa district on 11 March, 11 terrorists "
            "were killed.")
    events = extract(stage_pipeline, text)
    assert [(e.sub_event_type, e.place and e.place.country) for e in events] == [("Armed clash", "NPL")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "A driver working for an aid organisation was killed when unknown gunmen opened fire on his vehicle outside "
    "Torit on Wednesday.",
    "In Cizre, an 80-year-old woman was killed by a sniper's bullet in her courtyard on Wednesday.",
])
def test_shooting_that_kills_only_civilians_with_no_armed_party_hit_is_an_attack(
        stage_pipeline: Pipeline, text: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.actor2 and event.actor2.side) == ("Attack", "CIV")


@pytest.mark.issue(9)
def test_civilians_killed_in_a_battle_between_named_forces_leave_it_a_battle(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Soldiers clashed with gunmen in Torit on Wednesday, killing two civilians "
                                      "caught in the crossfire.")
    assert event.sub_event_type == "Armed clash"


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "side"), [
    ("CRPF personnel took control of Budha Pahar in Latehar district on Wednesday.", "IND"),
    ("The FACA retook Bambari from UPC rebels on Wednesday.", "CAF"),
])
def test_state_forces_named_by_their_own_name_regain_territory(stage_pipeline: Pipeline, text: str,
                                                               side: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 is not None and (event.actor1.side, event.actor1.inter) == (side, 1)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a shot aimed at civilians alone is an attack on them, who ever died
    ("Soldiers fired at villagers near Gao on Monday, killing two.", [("Attack", "Civilians (Mali)")]),
    ("Troops posted on a hill near Kfar Kila fired at residents who had come back to see their houses on "
     "Wednesday.", [("Attack", "Civilians (Lebanon)")]),
    # ... not when an armed party was among those fired at
    ("Soldiers fired at villagers and militiamen near Gao on Monday, killing two.",
     [("Armed clash", "Unidentified Armed Group (Mali)")]),
])
def test_fire_aimed_at_civilians_is_an_attack_on_them(stage_pipeline: Pipeline, text: str,
                                                      expected: list[tuple[str, str]]) -> None:
    assert [(e.sub_event_type, e.actor2 and e.actor2.name) for e in extract(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
def test_a_killing_told_after_a_dateline_is_found(stage_pipeline: Pipeline) -> None:
    # with the dateline before it the parser read the town as the subject and found no one shot
    text = ("KANDAHAR, Afghanistan, May 14 - A teacher who had run a girls' school for ten years was shot dead in "
            "Spin Boldak on Tuesday evening, police said.")
    assert [(e.sub_event_type, e.actor2 and e.actor2.name) for e in extract(stage_pipeline, text)] == \
        [("Attack", "Civilians (Afghanistan)")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the group that claimed the deed did it; the soldiers a bomb killed were its target
    ("A roadside bomb killed four soldiers near Kismayo on Tuesday. Al-Shabaab claimed responsibility for the "
     "attack.", ("Al Shabaab", "Military Forces of Somalia")),
    ("Two police officers were killed near Hakkari in an attack later claimed by the PKK.",
     ("PKK: Kurdistan Workers Party", "Police Forces of Turkey")),
    # no one claimed it: the doer stays what the text gives
    ("Gunmen shot dead a trader in the market of Beledweyne on Tuesday. No group claimed the attack.",
     ("Unidentified Armed Group (Somalia)", "Civilians (Somalia)")),
])
def test_the_group_that_claimed_an_attack_did_it(stage_pipeline: Pipeline, text: str,
                                                 expected: tuple[str, str]) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.actor1 and event.actor1.name, event.actor2 and event.actor2.name) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # those who found the bodies did not kill them
    "Police found the bodies of 14 men with gunshot wounds in a ravine near Zitacuaro on Monday.",
    "The bodies of seven men with signs of torture were found by police near Fresnillo on Monday.",
])
def test_who_found_the_bodies_is_no_party_to_the_killing(stage_pipeline: Pipeline, text: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.actor1 and event.actor1.name) == \
        ("Attack", "Unidentified Armed Group (Mexico)")


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the state forces a planted bomb or a bomber's belt hits are its target, the doer left unnamed
    ("On 3 November 2021, a FAMa vehicle struck an IED between Boni and Douentza. 2 soldiers killed.",
     ("Unidentified Armed Group (Mali)", "Military Forces of Mali")),
    ("A suicide bomber detonated an explosives vest at a police checkpoint on the outskirts of Wajir on Monday, "
     "killing two officers.", ("Unidentified Armed Group (Kenya)", "Police Forces of Kenya")),
    # ... a grenade soldiers threw is theirs
    ("Soldiers threw a grenade into a crowded bar in Bangui on Saturday, wounding seven customers.",
     ("Military Forces of the Central African Republic", "Civilians (Central African Republic)")),
])
def test_state_forces_hit_by_a_planted_bomb_are_its_target(stage_pipeline: Pipeline, text: str,
                                                           expected: tuple[str, str]) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.actor1 and event.actor1.name, event.actor2 and event.actor2.name) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("found", [
    # no day and no town below the country of their own: deaths of an event told elsewhere, were there one
    "The bodies of five men, their hands bound and with gunshot wounds to the head, were found dumped in a ditch "
    "beside the road.",
    "Four farmers were found dead in their fields with machete wounds.",
])
def test_bodies_found_in_a_report_that_tells_no_other_event_are_the_event(stage_pipeline: Pipeline,
                                                                         found: str) -> None:
    # a report too long for the classifier's first opinion: the rules alone give its event
    text = (f"Residents of Kurmin Masara near Kaduna woke to grim news. {found} Relatives said the men had left for "
            "the market the evening before. The police commissioner promised an inquiry. Schools in the area stayed "
            "closed.")
    assert [e.sub_event_type for e in extract(stage_pipeline, text)] == ["Attack"]


def test_bodies_found_after_the_attack_that_killed_them_add_no_event(stage_pipeline: Pipeline) -> None:
    text = ("Gunmen raided the village of Kurmin Masara near Kaduna on Tuesday. The bodies of six villagers, shot "
            "and burned, were found in the ruins.")
    assert [e.sub_event_type for e in extract(stage_pipeline, text)] == ["Attack"]


@pytest.mark.issue(9)
def test_bodies_found_of_a_killing_the_sentence_dates_are_that_killing(stage_pipeline: Pipeline) -> None:
    # the bodies were found on Tuesday; the killing the sentence tells was on Sunday, and is the event
    text = ("Peacekeepers who reached the hamlet of Ngoubi near Bocaranga on Tuesday found charred bodies in burned "
            "huts, and officials said at least 14 herders had been killed when militiamen swept through the camp at "
            "dawn on Sunday.")
    assert [(e.sub_event_type, e.date.best) for e in extract(stage_pipeline, text)] == \
        [("Attack", dt.date(2024, 3, 10))]


@pytest.mark.issue(9)
def test_the_day_a_relative_clause_gives_the_victims_dates_the_event_before_a_vaguer_date(
        stage_pipeline: Pipeline) -> None:
    text = ("Aid workers in Bentiu say two girls who went out to fetch water on Monday were raped by armed men near "
            "the camp, the third such attack this month.")
    assert [(e.sub_event_type, e.date.best) for e in extract(stage_pipeline, text)] == \
        [("Sexual violence", dt.date(2024, 3, 11))]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("said", "expected"), [
    # shots at a car, a bar, a village of unarmed people, with no fight told: an attack on them
    ("Gunmen on a motorbike fired eleven shots at the car carrying a local judge in Tumaco on Monday, killing him "
     "and his driver.", ("Violence against civilians", "Attack")),
    ("Masked men opened fire on customers in a bar in Lurgan on Saturday night, killing two men.",
     ("Violence against civilians", "Attack")),
    # ... but shots at soldiers are a fight
    ("Gunmen opened fire on an army patrol near Tumaco on Monday, killing two soldiers.", ("Battles", "Armed clash")),
])
def test_shots_at_a_thing_or_place_of_unarmed_people_are_an_attack(stage_pipeline: Pipeline, said: str,
                                                                   expected: tuple[str, str]) -> None:
    # a report of more than four sentences, which the sentence classifier leaves to the rules
    text = " ".join([said, "Relatives gathered at the morgue.", "Shops stayed shut.", "The mayor asked for calm.",
                     "Police promised an inquiry."])
    assert kinds(extract(stage_pipeline, text)) == [expected]


@pytest.mark.issue(9)
def test_a_notes_one_day_dates_the_event_of_a_clause_after_a_semicolon(stage_pipeline: Pipeline) -> None:
    # published 17 days later: the clause after the semicolon dates nothing, and the note's day is 3 March
    text = ("On 3 March 2023, gunmen attacked a police post in Dikwa with rifles, killing two officers; the "
            "attackers then burned the post and took over the town.")
    events = extract(stage_pipeline, text, published=dt.date(2023, 3, 20))
    assert events and all(e.date.best == dt.date(2023, 3, 3) for e in events)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "doer"), [
    # an armed act told in a participle hanging on its doer: the doer is the noun
    ("Traders in Choloma said on Monday they had received notes from gang members demanding a weekly payment "
     "of 500 lempiras.", "Unidentified Armed Group (Honduras)"),
    ("Bus owners in Soyapango received letters signed by the Mara Salvatrucha demanding 200 dollars a week.",
     "MS-13: Mara Salvatrucha"),
])
def test_an_armed_act_told_in_a_participle_is_done_by_the_noun_it_hangs_on(stage_pipeline: Pipeline, text: str,
                                                                           doer: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert (event.sub_event_type, event.actor1 and event.actor1.name) == ("Other", doer)


@pytest.mark.issue(9)
def test_a_battle_naming_no_side_takes_no_foreign_state_only_talked_of(stage_pipeline: Pipeline) -> None:
    # the report's parties by count are MS-13 and the United States (the extraditions): the troops of a sentence
    # naming no side are not American, and the fight they tell is the lead's
    text = ("SAN PEDRO SULA, Honduras, May 3 (wire) - Soldiers fought a long gun battle with members of MS-13 in "
            "the Chamelecón district of San Pedro Sula on Sunday, the army said.\n\n"
            "The troops returned fire and called in reinforcements, and the shooting lasted more than an hour.\n\n"
            "MS-13 has been weakened since its leaders were extradited to the United States, where US prosecutors "
            "charged them with terrorism. US officials praised the extraditions. MS-13 denied losing ground.")
    events = extract(stage_pipeline, text, published=dt.date(2024, 5, 3))
    assert [(e.sub_event_type, e.actor1 and e.actor1.name, e.actor2 and e.actor2.name) for e in events] == \
        [("Armed clash", "Military Forces of Honduras", "MS-13: Mara Salvatrucha")]


@pytest.mark.issue(9)
def test_a_place_name_in_quotes_after_operation_names_the_operation(stage_pipeline: Pipeline) -> None:
    events = extract(stage_pipeline, "In the operation 'Kenema 14', police in Sierra Leone arrested alias 'Gordo' and "
                                     "seven more members of his gang on Saturday.")
    assert [(e.sub_event_type, e.place and e.place.name) for e in events] == [("Arrests", "Sierra Leone")]

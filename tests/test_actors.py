"""Stage 3, actors: who fights, who is hit and who speaks, named the way ACLED names them."""

from __future__ import annotations

import pytest
from stage_fixtures import annotated, extract

from warledger.actors import ActorMention, output_side
from warledger.pipeline import Pipeline
from warledger.records import Actor

pytest_plugins = ["stage_fixtures"]


def actors_in(pipeline: Pipeline, text: str) -> list[ActorMention]:
    return pipeline.matcher.find(pipeline.nlp(text))


def named(pipeline: Pipeline, text: str) -> list[Actor]:
    """The canonical actors the text names, left to right."""
    return [m.actor for m in actors_in(pipeline, text) if m.actor is not None]


@pytest.mark.parametrize(("text", "expected"), [
    # a demonym before a role word
    ("The Azerbaijani army shelled the village.", Actor("Military Forces of Azerbaijan", 1, "AZE")),
    ("Malian soldiers patrolled the road to Gao.", Actor("Military Forces of Mali", 1, "MLI")),
    ("Congolese police fired tear gas in Goma.",
     Actor("Police Forces of the Democratic Republic of Congo", 1, "COD")),
    # a role word before "of" and the country
    ("Officials blamed the armed forces of Armenia for the attack.",
     Actor("Military Forces of Armenia", 1, "ARM")),
    # a possessive country before the role word
    ("Sudan's army said it repelled the assault.", Actor("Military Forces of Sudan", 1, "SDN")),
])
def test_state_forces_get_the_acled_name_inter_1_and_their_side(
        stage_pipeline: Pipeline, text: str, expected: Actor) -> None:
    assert named(stage_pipeline, text) == [expected]


def test_the_authorities_in_a_capital_are_that_states_government(stage_pipeline: Pipeline) -> None:
    [found] = actors_in(stage_pipeline, "The authorities in Yerevan denied the claim.")
    assert (found.kind, found.side) == ("government", "ARM")
    assert found.actor == Actor("Government of Armenia", 1, "ARM")


@pytest.mark.parametrize(("text", "expected"), [
    ("Armenian civilians fled the shelling.", Actor("Civilians (Armenia)", 7, "CIV")),
    ("Palestinian civilians fled south.", Actor("Civilians (Palestine)", 7, "CIV")),
    ("Sudanese protesters marched on the palace.", Actor("Protesters (Sudan)", 6, "SDN")),
])
def test_generic_actors_carry_their_country_in_the_name(
        stage_pipeline: Pipeline, text: str, expected: Actor) -> None:
    assert named(stage_pipeline, text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("RSF fighters stormed the market in Nyala.", Actor("Rapid Support Forces", 2, "RSF")),
    ("The paramilitary Rapid Support Forces entered the town.", Actor("Rapid Support Forces", 2, "RSF")),
    ("M23 rebels advanced towards Goma.", Actor("M23: March 23 Movement", 2, "M23")),
    ("Hamas fired rockets at Ashkelon.", Actor("Hamas Movement", 2, "HAMAS")),
    ("The Islamic Resistance Movement said it fired rockets.", Actor("Hamas Movement", 2, "HAMAS")),
    ("JNIM militants attacked a convoy near Timbuktu.",
     Actor("JNIM: Group for Support of Islam and Muslims", 2, "JNIM")),
])
def test_a_named_group_gets_its_acled_name_and_inter_code(
        stage_pipeline: Pipeline, text: str, expected: Actor) -> None:
    assert named(stage_pipeline, text)[0] == expected


def test_a_capital_speaking_stands_for_its_state(stage_pipeline: Pipeline) -> None:
    [found] = actors_in(stage_pipeline, "Baku said the talks had failed.")
    assert (found.kind, found.side) == ("metonym", "AZE")


@pytest.mark.parametrize("text", [
    "The assault began at 07:00 Moscow time.",
    "The sirens sounded at 05:30 Kyiv time.",
])
def test_a_clock_time_names_no_actor_and_no_place(stage_pipeline: Pipeline, text: str) -> None:
    assert actors_in(stage_pipeline, text) == []
    [note] = annotated(stage_pipeline, text).sentences
    assert note.places == []


def test_a_capital_after_in_stays_a_place_and_is_no_actor(stage_pipeline: Pipeline) -> None:
    [note] = annotated(stage_pipeline, "Hundreds of people gathered in Yerevan on Sunday.").sentences
    assert [p.surface for p in note.places] == ["Yerevan"]
    assert [m.side for m in note.actors if m.side is not None] == []


def test_a_capital_as_speaker_is_no_place(stage_pipeline: Pipeline) -> None:
    [note] = annotated(stage_pipeline, "Yerevan said Azerbaijani troops fired at Sotk.").sentences
    assert [p.surface for p in note.places] == ["Sotk"]
    assert ("metonym", "ARM") in [(m.kind, m.side) for m in note.actors]


def test_unnamed_gunmen_become_an_unidentified_group_of_the_places_country(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "Unidentified gunmen attacked a bus near Kidal on Tuesday, killing six "
                                      "passengers.")
    assert event.actor1 is not None and event.actor1.name == "Unidentified Armed Group (Mali)"
    assert event.actor2 == Actor("Civilians (Mali)", 7, "CIV")


@pytest.mark.issue(9)
def test_a_side_code_of_groups_in_several_countries_names_no_country(stage_pipeline: Pipeline) -> None:
    knowledge = stage_pipeline.knowledge
    assert output_side("IS", knowledge) is None  # every Islamic State branch: the place's country stands in
    assert output_side("AZE", knowledge) == "AZE"
    # an Islamic State killing in Libya is Libya's, not that of the Nigerian branch that shares the code
    events = extract(stage_pipeline, "Islamic State militants shot dead four men in a public square in Sirte on "
                                     "Tuesday, residents said.")
    assert [e.sides for e in events] == [("CIV", "LBY")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "kind"), [
    # a modifier of armed men before a unit word ("terrorist column", "criminal elements"), and the singular
    ("A terrorist column attacked the base.", "unidentified"),
    ("Criminal elements fired at the post.", "unidentified"),
    ("A gunman shot the trader.", "unidentified"),
    # a patrol is the state's forces; a police patrol its police
    ("The patrol was ambushed.", "military"),
    ("The police patrol was ambushed.", "police"),
])
def test_armed_men_and_patrols_by_their_unit_words(stage_pipeline: Pipeline, text: str, kind: str) -> None:
    assert [m.kind for m in actors_in(stage_pipeline, text)] == [kind]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "spans"), [
    # people told as armed, whatever stands between: an armed group the text does not name
    ("Armed and hooded men stopped the trucks.", [("Armed and hooded men", "unidentified")]),
    ("Members of an armed Baluch group charged a fee.", [("armed Baluch group", "unidentified")]),
    ("Masked youths blocked the road.", [("Masked youths", "unidentified")]),
    ("Armed supporters of the losing candidate seized the airport.", [("Armed supporters", "unidentified")]),
    ("Armed herders attacked the farm.", [("Armed herders", "unidentified")]),
    # ... but a group named inside keeps its name, and a state's armed forces are its military
    ("An armed PKK group came to the tents.", [("PKK", "group")]),
    ("The armed forces of Mali entered Kidal.", [("armed forces of Mali", "military")]),
])
def test_people_told_as_armed_are_an_unnamed_armed_group(stage_pipeline: Pipeline, text: str,
                                                         spans: list[tuple[str, str]]) -> None:
    assert [(m.text, m.kind) for m in actors_in(stage_pipeline, text)] == spans


@pytest.mark.issue(9)
def test_a_local_government_area_is_a_place_not_a_party(stage_pipeline: Pipeline) -> None:
    # Nigeria's districts are "local government areas": no government took part in the raid
    text = "Bandits raided villages in three local government areas of Zamfara on Sunday."
    assert [m.kind for m in actors_in(stage_pipeline, text)] == ["unidentified"]
    [event] = extract(stage_pipeline, text)
    assert event.actor2 is not None and event.actor2.name == "Civilians (Nigeria)"
    # the government itself is still a party
    assert "government" in [m.kind for m in actors_in(stage_pipeline, "The local government banned all rallies.")]


def _actor_names(pipeline: Pipeline, text: str) -> list[str]:
    notes = annotated(pipeline, text).sentences
    return [m.actor.name for n in notes for m in n.actors if m.actor is not None]


@pytest.mark.parametrize(("text", "expected"), [
    # a short form two groups bear is read by the country the report's places lie in
    ("UPDF cadres set fire to a settler's house near Dighinala in Khagrachhari on Monday.",
     "UPDF: United People's Democratic Front"),
    ("UPDF soldiers repulsed an attack on their base near Gulu on Monday.", "Military Forces of Uganda"),
    ("SNA fighters shelled the outskirts of Manbij on Friday.", "SNA: Syrian National Army"),
    ("SNA troops retook a village near Beledweyne on Friday.", "Military Forces of Somalia"),
    # a context that names neither country keeps the first reading
    ("SNA troops retook the village on Friday.", "Military Forces of Somalia"),
    # ... but where it names no country at all, a place that may lie in one reading's country and not in the
    # other's decides (Durán: Ecuador, the Philippines, France; not the Central African Republic)
    ("Gunmen in a car without plates fired at the UPC post in canton Durán on Saturday night.",
     "Police Forces of Ecuador"),
])
def test_a_short_form_two_groups_bear_is_read_by_the_reports_country(
        stage_pipeline: Pipeline, text: str, expected: str) -> None:
    assert _actor_names(stage_pipeline, text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # armed groups of wars neither half of the team corpus holds
    ("LURD rebels shelled Monrovia's Bushrod Island on Monday.",
     "LURD: Liberians United for Reconciliation and Democracy"),
    ("MODEL fighters entered Buchanan on Tuesday.", "MODEL: Movement for Democracy in Liberia"),
    ("Kamajor militiamen ambushed a rebel column near Bo.", "CDF: Civil Defence Forces"),
    ("An MFDC faction attacked an army post near Ziguinchor.", "MFDC: Movement of Democratic Forces of Casamance"),
    ("URNG guerrillas blew up a bridge near Nebaj.", "URNG: Guatemalan National Revolutionary Unity"),
    ("FMLN guerrillas attacked the garrison of San Miguel.", "FMLN: Farabundo Marti National Liberation Front"),
    ("Polisario fighters shelled Moroccan positions near Mahbes.", "Polisario Front"),
    # ... the Macedonian NLA by its own names, while "National Liberation Army" alone stays Colombia's ELN
    ("The National Liberation Army of Macedonia announced its dissolution.",
     "NLA: National Liberation Army (Macedonia)"),
    ("NLA gunmen fired on a police checkpoint near Tetovo.", "NLA: National Liberation Army (Macedonia)"),
    # ... and a word that is also a short form names no group in lower case
    ("The model of the car was old.", None),
])
def test_armed_groups_of_wars_in_neither_half_are_known(stage_pipeline: Pipeline, text: str,
                                                        expected: str | None) -> None:
    names = _actor_names(stage_pipeline, text)
    assert (expected in names) if expected else names == []


def test_a_shared_short_form_is_matched_only_in_its_exact_case(stage_pipeline: Pipeline) -> None:
    # "Upc" is no group at all, in whatever country
    assert _actor_names(stage_pipeline, "Residents of Upc near Dighinala fled on Monday.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # a people's forces inside a state are no state's army: not Serbia's, not Bosnia's
    ("Bosnian Serb gunners shelled Gorazde overnight.", "VRS: Army of Republika Srpska"),
    ("Bosnian Croat forces attacked Stupni Do on Saturday.", "HVO: Croatian Defence Council"),
    # the Islamic State's claims name its fighters so
    ("The soldiers of the Caliphate attacked a barracks near Diffa.", "Islamic State"),
    # a Maoist "People's Liberation Army" is no Chinese army
    ("Maoist People's Liberation Army combatants left the cantonment near Chitwan.",
     "CPN-M: Communist Party of Nepal (Maoist)"),
    # "Maoists" in a report on Nepal are Nepal's, not India's
    ("Maoist cadres smashed the transmitters of the repeater station above Tansen in Nepal.",
     "CPN-M: Communist Party of Nepal (Maoist)"),
])
def test_the_names_a_war_gives_its_armed_groups(stage_pipeline: Pipeline, text: str, expected: str) -> None:
    assert [a.name for a in named(stage_pipeline, text)][:1] == [expected]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "spans"), [
    # a band the dictionary does not know, named before its word for a band, is an armed actor
    ("The Cachiros cartel closed all roads into Tocoa.", [("Cachiros cartel", "unidentified")]),
    ("The Olancho militia imposed a curfew.", [("Olancho militia", "unidentified")]),
    # ... a known group keeps its name, and a band with no name stays a common noun's
    ("An armed PKK group came to the tents.", [("PKK", "group")]),
    ("The group closed the road.", []),
])
def test_a_band_named_by_a_name_the_dictionary_lacks_is_armed(stage_pipeline: Pipeline, text: str,
                                                              spans: list[tuple[str, str]]) -> None:
    assert [(m.text, m.kind) for m in actors_in(stage_pipeline, text)] == spans


@pytest.mark.issue(9)
def test_an_unknown_named_band_that_closes_the_roads_makes_an_event(stage_pipeline: Pipeline) -> None:
    # closing roads is an event when an armed body does it (an armed act): the band named is one
    events = extract(stage_pipeline, "The Olancho militia closed all roads into Juticalpa on Friday.")
    assert [(e.sub_event_type, e.actor1.name if e.actor1 else None) for e in events] == [
        ("Other", "Unidentified Armed Group (Honduras)")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Gangs in San Salvador, once the most violent city in Latin America, extorted bus owners on Monday.",
    "Central America's largest gangs, MS-13 and Barrio 18, fought in Tegucigalpa on Sunday.",
])
def test_a_part_of_america_names_no_united_states(stage_pipeline: Pipeline, text: str) -> None:
    sides = {a.side for note in annotated(stage_pipeline, text).sentences for a in note.actors}
    assert "USA" not in sides
    # ... which America alone does
    sides = {a.side for note in annotated(stage_pipeline, "America sent envoys to Tegucigalpa.").sentences
             for a in note.actors}
    assert "USA" in sides


@pytest.mark.issue(9)
def test_a_capital_before_a_preposition_and_a_role_word_is_a_place(stage_pipeline: Pipeline) -> None:
    # "in Tegucigalpa during a protest": the capital is where, no protesters of it (and no place lost inside them)
    [event] = extract(stage_pipeline, "Supporters of the opposition set fire to the ruling party's headquarters in "
                                      "Tegucigalpa during a protest on Monday.")
    assert event.place is not None and event.place.name == "Tegucigalpa"


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "place"), [
    ("Rebels captured Monrovia on Sunday.", "Monrovia"),
    ("About 2,000 Nigerian soldiers left Freetown on Monday.", "Freetown"),
    ("NATO jets bombed Belgrade overnight.", "Belgrade"),
])
def test_a_capital_struck_taken_or_left_is_the_city_not_the_state(stage_pipeline: Pipeline, text: str,
                                                                   place: str) -> None:
    [event] = extract(stage_pipeline, text)
    assert event.place is not None and event.place.name == place
    # ... while a capital that is accused speaks for its state
    [note] = annotated(stage_pipeline, "Monrovia accused Freetown of arming the rebels.").sentences
    assert [a.text for a in note.actors if a.kind == "metonym"] == ["Monrovia", "Freetown"]

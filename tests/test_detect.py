"""Stage 4, detect: trigger words that report an event that happened, with their ACLED types.

Each sentence names one event plainly, so the detector must find exactly that one. The sentences that
are no events come in pairs with a sentence that is one, so that each test shows it can fail.
"""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher
from stage_fixtures import candidates, detected, extract, kinds

from warledger.pipeline import Pipeline

pytest_plugins = ["stage_fixtures"]

BATTLE = ("Battles", "Armed clash")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR_STRIKE = ("Explosions/Remote violence", "Air/drone strike")
AGREEMENT = ("Strategic developments", "Agreement")
ATTACK = ("Violence against civilians", "Attack")


@pytest.mark.parametrize(("text", "expected"), [
    ("Sudanese troops and RSF fighters clashed in Omdurman on Tuesday.", BATTLE),
    ("M23 rebels fought the Congolese army near Sake.", BATTLE),
    ("The army launched an offensive on Hamas positions in Rafah.", BATTLE),
    ("Russian artillery shelled Kherson overnight.", SHELLING),
    ("Azerbaijani forces fired Grad rockets at Stepanakert on Tuesday.", SHELLING),
    ("A drone strike hit a convoy near Kidal.", AIR_STRIKE),
    ("The junta's jets bombed a village in Sagaing.", AIR_STRIKE),
    ("A roadside bomb exploded near a patrol in Menaka.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("An improvised explosive device killed three soldiers near Djibo.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu.",
     ("Explosions/Remote violence", "Suicide bomb")),
    ("A grenade was thrown into a bar in Bujumbura.", ("Explosions/Remote violence", "Grenade")),
    ("Gunmen kidnapped 20 passengers on the road to Bunia.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Militants abducted a village chief in Tillaberi.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Junta troops killed 12 villagers in Sagaing.", ("Violence against civilians", "Attack")),
    ("Hundreds of protesters rallied in Yerevan against the border deal.", ("Protests", "Peaceful protest")),
    ("Thousands of people held a protest in Tel Aviv.", ("Protests", "Peaceful protest")),
    ("Rioters set fire to shops in Khartoum.", ("Riots", "Violent demonstration")),
    ("A riot broke out in the camp near Bunia.", ("Riots", "Violent demonstration")),
    ("Armenia and Azerbaijan signed a ceasefire agreement on Tuesday.", AGREEMENT),
    ("A ceasefire came into force in Gaza at midnight.", AGREEMENT),
    ("Police arrested 15 activists in Baku.", ("Strategic developments", "Arrests")),
    ("Security forces detained a journalist in Bamako.", ("Strategic developments", "Arrests")),
    # an arrest told as a noun, in a police bulletin's words
    ("Units of the police achieved the apprehension of alias 'Scorpion', head of a cell of the West Side Boys, in "
     "Makeni on Tuesday.", ("Strategic developments", "Arrests")),
    ("Air defences shot down a drone over Belgorod.", ("Strategic developments", "Disrupted weapons use")),
    ("Ukrainian forces shot down 20 drones overnight.", ("Strategic developments", "Disrupted weapons use")),
    ("In accordance with the agreement, Armenia handed over the Lachin district to Azerbaijan.",
     ("Strategic developments", "Non-violent transfer of territory")),
    ("In accordance with the agreement, Azerbaijani troops entered Kalbajar.",
     ("Strategic developments", "Non-violent transfer of territory")),
    ("RSF fighters looted the market in Nyala.", ("Strategic developments", "Looting/property destruction")),
])
def test_one_plain_sentence_one_event(stage_pipeline: Pipeline, text: str, expected: tuple[str, str]) -> None:
    assert detected(stage_pipeline, text) == [expected]


@pytest.mark.parametrize(("event", "not_event", "kind"), [
    # planned
    ("The army launched an offensive on Hamas positions in Rafah.",
     "The army will launch an offensive on Hamas positions in Rafah.", BATTLE),
    ("Kenya deployed police officers to Haiti on Thursday.",
     # ACLED (shared/ACLED.md): a large deployment or redeployment of forces changes a group's activity
     "Kenya is due to deploy police officers to Haiti on Thursday.",
     ("Strategic developments", "Change to group/activity")),
    # feared or threatened
    ("The war resumed in Karabakh on Tuesday.",
     "The talks collapsed, raising fears of a resurgence of war in Karabakh.", BATTLE),
    ("Hamas fired rockets at Tel Aviv.", "Hamas threatened to fire rockets at Tel Aviv.", SHELLING),
    ("Hamas struck Tel Aviv with rockets.", "Hamas threatened to strike Tel Aviv with rockets.", SHELLING),
    # able to, not done ("still capable to mount attacks", as a machine translation writes it)
    ("Militants raided army posts in Borno on Monday.",
     "Militants in Borno remain capable of raiding army posts, analysts said.", BATTLE),
    ("The splinter groups mounted attacks on police stations.",
     "The splinter groups are small but still capable to mount attacks on police stations.", BATTLE),
    # negated
    ("There were clashes in Kursk.", "There were no clashes in Kursk.", BATTLE),
    # habitual
    ("Since the truce, clashes broke out along the line of contact.",
     "Since the truce, from time to time clashes broke out along the line of contact.", BATTLE),
])
def test_what_did_not_happen_is_no_event(
        stage_pipeline: Pipeline, event: str, not_event: str, kind: tuple[str, str]) -> None:
    assert kind in detected(stage_pipeline, event)
    assert kind not in detected(stage_pipeline, not_event)


def test_no_comments_on_the_offensive_is_no_battle(stage_pipeline: Pipeline) -> None:
    assert detected(stage_pipeline, "The defence ministry made no comments on the offensive.") == []


def test_no_comments_on_the_clashes_is_no_battle(stage_pipeline: Pipeline) -> None:
    assert BATTLE in detected(stage_pipeline, "The ministry commented on the clashes near Kupiansk.")
    found = detected(stage_pipeline, "The ministry made no comments on the clashes near Kupiansk.")
    assert BATTLE not in found


def test_a_declaration_to_end_the_war_is_an_agreement_not_a_battle(stage_pipeline: Pipeline) -> None:
    assert BATTLE in detected(stage_pipeline, "The war in Shan state continued.")
    assert detected(stage_pipeline, "The junta and the rebels signed a declaration to end the war in Shan "
                                    "state.") == [AGREEMENT]


def test_rocket_systems_deployed_are_no_shelling(stage_pipeline: Pipeline) -> None:
    assert SHELLING in detected(stage_pipeline, "The army fired Grad rockets at Stepanakert.")
    found = detected(stage_pipeline, "Grad rocket systems were deployed near Stepanakert.")
    assert [kind for kind in found if kind[0] == "Explosions/Remote violence"] == []


def test_rockets_fired_at_a_town_are_shelling_only(stage_pipeline: Pipeline) -> None:
    assert detected(stage_pipeline, "Grad rockets were fired at Stepanakert on Tuesday.") == [SHELLING]


def test_an_agreement_referred_to_is_no_new_agreement(stage_pipeline: Pipeline) -> None:
    text = "Under the agreement, Azerbaijani troops took control of Lachin on Tuesday."
    assert detected(stage_pipeline, text) == [("Strategic developments", "Non-violent transfer of territory")]


@pytest.mark.parametrize("text", [
    "The ruling party fought off a challenge from the opposition in Kinshasa.",
    "The new minister fought corruption in the army for a year.",
    # fighters who fight only with words
    "Togolese and Ghanaian negotiators clashed over the old border maps at the talks in Lome.",
])
def test_figurative_fights_are_no_battles(stage_pipeline: Pipeline, text: str) -> None:
    assert BATTLE not in detected(stage_pipeline, text)


def test_a_fight_beside_talks_is_still_a_battle(stage_pipeline: Pipeline) -> None:
    text = "Soldiers clashed with rebels near Kenema on Monday as negotiators met in Lome."
    assert BATTLE in detected(stage_pipeline, text)


@pytest.mark.parametrize(("text", "expected"), [
    # what an attack hit decides its type: an attack someone fought off was a fight, whatever it targeted
    ("On Tuesday, the army said it had repelled an RSF attack on the town of Babanusa, killing dozens of "
     "fighters.", [("Battles", "Armed clash")]),
    # a town may be held by a garrison: attacking it says nothing of civilians
    ("RSF fighters attacked the town of Babanusa on Tuesday.", [("Battles", "Armed clash")]),
    # a market or a village is where civilians are
    ("Gunmen attacked a market in Goma on Tuesday.", [("Violence against civilians", "Attack")]),
    # machine-translated wording of an exchange of fire
    ("The armed forces of Azerbaijan subjected to fire the positions of the Armenian army near Sotk on Tuesday.",
     [("Battles", "Armed clash")]),
    # protesters who burn a police station riot; the station is no deployment
    ("Protesters set fire to a police station in Nairobi on Tuesday.", [("Riots", "Violent demonstration")]),
    # a local chief shot dead is a civilian killed
    ("Unknown gunmen shot dead a local chief in Ituri on Tuesday.", [("Violence against civilians", "Attack")]),
    # a person killed by name is a civilian, unless the text calls them a fighter or a commander
    ("Unknown gunmen killed Father Isaac Achi in Kaduna State on Sunday.", [("Violence against civilians", "Attack")]),
    ("Troops killed Abu Bakr, a senior ISWAP commander, near Monguno on Monday.", [("Battles", "Armed clash")]),
    # protests in other words
    ("Thousands of people demonstrated in Belgrade on Saturday against the government.",
     [("Protests", "Peaceful protest")]),
    ("Students staged a sit-in outside the education ministry in Dhaka on Tuesday.",
     [("Protests", "Peaceful protest")]),
    # unarmed supporters who clash with police riot
    pytest.param("Supporters of the former prime minister clashed with police in Islamabad on Tuesday.",
                 [("Riots", "Violent demonstration")], marks=pytest.mark.xfail(strict=True, reason=(
                     "the embedding classifier of stop 46 reads it as no event at 0.55, five times its Violent "
                     "demonstration, and drops it; NO_EVENT_DROP 0.6 was 5 texts better and 17 worse out of fold"))),
    # forces firing on protesters use excessive force; it is no battle
    ("Security forces opened fire on protesters in Khartoum on Tuesday, killing five, medics said.",
     [("Protests", "Excessive force against protesters")]),
    # fighting named as past is no event of its own; "the last clashes of the day" are today's
    ("A boy herding goats stepped on a landmine left from earlier fighting near Kupiansk on Tuesday.",
     [("Explosions/Remote violence", "Remote explosive/landmine/IED")]),
    ("The last clashes of the day were reported near Bakhmut late on Tuesday.", [("Battles", "Armed clash")]),
    # a report the speaker calls untrue tells no event (each war's ministries word it so)
    ("The information disseminated by the Azerbaijani side that Armenian units fired on Azerbaijani positions "
     "in the Tovuz direction does not correspond to reality.", []),
    ("Reports that Russian troops shelled Kupiansk on Monday are false, the Russian defence ministry said.", []),
    # 'demonstrated' meaning 'showed' is no protest
    pytest.param("The army demonstrated its new drones at a parade in Minsk on Tuesday.", [],
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "no protest, but the classifier retrained on stop 46's texts finds a group's change in it at 0.52 "
                     "(0.38 before them, against the 0.5 it needs); the rules' PARADE words do not reach it"))),
    # ground won back, in the words of several wars' reports
    ("Government forces took back control of the airport in Bunia from CODECO militiamen on Monday.",
     [("Battles", "Government regains territory")]),
    ("The Syrian army wrested control of Khan Shaykhun from rebels on Tuesday.",
     [("Battles", "Government regains territory")]),
    ("Philippine troops cleared the last pockets of Maute fighters from Marawi on Tuesday.",
     [("Battles", "Government regains territory")]),
    ("Ethiopian federal forces seized back Lalibela from Tigrayan fighters on Tuesday.",
     [("Battles", "Government regains territory")]),
    ("The army recovered the weapons the rebels had hidden near Bunia on Tuesday.",
     [("Strategic developments", "Disrupted weapons use")]),
    # killings told by how the victims died
    ("On 2 March 2024, ADF rebels hacked to death 12 civilians with machetes near Beni.",
     [("Violence against civilians", "Attack")]),
    ("A man was found dead with gunshot wounds in Tumaco on Tuesday.", [("Violence against civilians", "Attack")]),
    ("A prisoner was found dead in his cell in Tumaco on Tuesday.", []),
    ("Houthi snipers killed a child in Taiz on Tuesday.", [("Violence against civilians", "Attack")]),
    ("RSF fighters beat and whipped displaced people at a checkpoint outside El Geneina on Tuesday.",
     [("Violence against civilians", "Attack")]),
    ("Soldiers beat back an attack on their base near Menaka on Tuesday.", [("Battles", "Armed clash")]),
    # strategic developments: a base handed to another force, a large deployment, property destroyed
    ("The Wagner Group withdrew its fighters from Bambari on Tuesday, handing the base to government troops.",
     [("Strategic developments", "Non-violent transfer of territory")]),
    ("Kenyan police deployed 1,000 officers to Haiti on Tuesday as part of the multinational mission.",
     [("Strategic developments", "Change to group/activity")]),
    ("Settlers uprooted 200 olive trees in the village of Turmus Ayya on Tuesday.",
     [("Strategic developments", "Looting/property destruction")]),
    # a raid met by armed resistance is one battle, though it entered a camp where civilians live
    ("Israeli forces raided the Jenin refugee camp on Tuesday and killed two gunmen in an exchange of fire.",
     [("Battles", "Armed clash")]),
    ("Israeli forces raided the Jenin refugee camp on Tuesday and beat several residents.",
     [("Violence against civilians", "Attack")]),
    # a ministry's bulletin: its sentence-opening "units" are its own, their "liberation" a takeover
    ("Units of the Centre group of forces have completed the liberation of the town of Avdeyevka, the Russian "
     "defence ministry said on Tuesday.", [("Battles", "Non-state actor overtakes territory")]),
    # a liberation remembered is no event
    ("Residents of Bucha gathered on Tuesday to mark three years since the town's liberation.", []),
    # fighters giving themselves up surrender (ACLED: an agreement)
    ("Nine al-Shabaab fighters handed themselves over to the Somali army in Baidoa on Tuesday.",
     [("Strategic developments", "Agreement")]),
    pytest.param("A senior ADF commander turned himself in to the army in Beni on Tuesday.",
                 [("Strategic developments", "Agreement")], marks=pytest.mark.xfail(strict=True, reason=(
                     "the embedding classifier of stop 46 gives Change to group/activity 0.54 (Agreement 0.12) "
                     "and the second opinion retypes the surrender"))),
    # a raid that seizes arms is told by the seizure
    ("Police raided a house in Mogadishu on Tuesday and seized a cache of weapons and mortar rounds.",
     [("Strategic developments", "Disrupted weapons use")]),
    # reinforcements sent in the course of a fight, told in passing, are no deployment of their own
    ("The army, which sent reinforcements from Kongoussi, said on Tuesday that a dozen militants were killed "
     "near Bourzanga.", [("Battles", "Armed clash")]),
])
def test_the_event_type_other_outlets_word_it_as(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [(e.event_type, e.sub_event_type) for e in extract(stage_pipeline, text)] == expected


# Issue 9: the genre's everyday phrasings. Each family is tested in wordings of more than one war.
DISRUPTED = ("Strategic developments", "Disrupted weapons use")
CHANGE = ("Strategic developments", "Change to group/activity")
MOB = ("Riots", "Mob violence")


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the bulletin family: the weapons decide between a clash and a shelling
    ("Units of the armed forces of Azerbaijan fired with small arms and heavy machine guns on the positions "
     "of the Armenian army located near Sotk on Tuesday.", [BATTLE]),
    ("Units of the armed forces of Azerbaijan fired with mortars and grenade launchers on the positions "
     "of the Armenian army located near Sotk on Tuesday.", [SHELLING]),
    ("Indian posts in the Uri sector came under fire from across the Line of Control on Tuesday.", [BATTLE]),
    ("Pakistani troops violated the ceasefire 14 times along the Line of Control on Tuesday, using "
     "artillery and mortars.", [SHELLING]),
    ("Ukrainian positions near Avdiivka came under shelling on Tuesday.", [SHELLING]),
    # a charge of a violation tells no fire
    ("Moscow accused Kyiv of violating the ceasefire.", []),
    # "came under fire" from critics is politics
    ("The minister came under fire from critics in parliament on Tuesday.", []),
    ("The president fired the army chief on Tuesday.", []),
])
def test_fire_at_the_other_sides_positions(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [(e.event_type, e.sub_event_type) for e in extract(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("Armenia and Azerbaijan exchanged 12 prisoners of war at the border on Tuesday.", [AGREEMENT]),
    ("Ukraine and Russia swapped the bodies of fallen soldiers near Sumy on Tuesday.", [AGREEMENT]),
    ("The Houthis released 40 detainees in Sanaa on Tuesday.", [AGREEMENT]),
    ("The two sides exchanged heavy fire near Marib on Tuesday.", [BATTLE]),
    ("The army seized a weapons cache in a forest near Mopti on Tuesday.", [DISRUPTED]),
    ("Police recovered 20 rifles and 800 kg of explosives from a camp near Arauca on Tuesday.", [DISRUPTED]),
    ("Sappers cleared 400 mines around Aghdam on Tuesday.", [DISRUPTED]),
    ("The army seized the town of Tessit from the militants on Tuesday.",
     [("Battles", "Government regains territory")]),
    ("The militia announced its dissolution at a ceremony in Bunia on Tuesday.", [CHANGE]),
    ("Two rebel factions merged into a new alliance in Idlib on Tuesday.", [CHANGE]),
    ("The group named a new commander for its branch in Menaka on Tuesday.", [CHANGE]),
    ("The party named a new spokeswoman in Nairobi on Tuesday.", []),
    ("War veterans set up a new militia to guard resettled farms in Masvingo on Tuesday.", [CHANGE]),
    ("Chiefs in Kenema established a civil defence force to fight the rebels on Tuesday.", [CHANGE]),
    ("The government set up a committee to look into the land dispute in Bo on Tuesday.", []),
])
def test_strategic_developments_without_violence(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [(e.event_type, e.sub_event_type) for e in extract(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("Rival supporters of two football clubs fought with knives in Nairobi on Tuesday.", [MOB]),
    ("Supporters of the two clubs clashed with machetes outside the stadium in Monrovia on Sunday, killing three "
     "people.", [MOB]),
    ("Villagers clashed with sticks and machetes over a water point near Marsabit on Tuesday.", [MOB]),
    ("A crowd beat and stoned a suspected thief to death in Kisumu on Tuesday.", [MOB]),
    ("Protesters burned tyres and threw stones at police in Kisumu on Tuesday.",
     [("Riots", "Violent demonstration")]),
    ("Police fired on demonstrators in Kano on Tuesday, killing four.",
     [("Protests", "Excessive force against protesters")]),

    # gunmen are armed: their fight is a battle
    ("Gunmen clashed with vigilantes near Gusau on Tuesday.", [BATTLE]),
])
def test_crowds_that_fight_are_mobs_or_rioters(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [(e.event_type, e.sub_event_type) for e in extract(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
def test_a_march_that_walks_into_a_town_against_a_handover_is_a_protest(stage_pipeline: Pipeline) -> None:
    found = detected(stage_pipeline, "Several hundred people led by a bishop walked into Makeni on Tuesday, the third "
                                     "day of their march from Kabala to Freetown against the handover of the mines to "
                                     "a foreign company, and held a prayer rally outside the town church.")
    assert ("Strategic developments", "Non-violent transfer of territory") not in found
    assert ("Protests", "Peaceful protest") in found


@pytest.mark.issue(9)
def test_goods_listed_as_seized_are_no_ground_taken(stage_pipeline: Pipeline) -> None:
    found = detected(stage_pipeline, "Police arrested four members of the West Side Boys in Makeni on Tuesday. "
                                     "Mobile phones, documents and cash were seized.")
    assert ("Strategic developments", "Arrests") in found
    assert ("Battles", "Armed clash") not in found


@pytest.mark.issue(9)
def test_people_who_come_to_blows_are_a_mob(stage_pipeline: Pipeline) -> None:
    assert ("Riots", "Mob violence") in detected(
        stage_pipeline, "Supporters of two parties came to blows outside a polling station in Bo on Tuesday; chairs "
                        "were thrown and several people were hurt.")


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("A court in Baku sentenced three men over the 2020 clashes.", []),
    ("Residents marked the anniversary of the attack on the market in Kramatorsk on Tuesday.", []),
    ("Real Madrid clashed with Barcelona in a heated match on Sunday.", []),
    ("The regime dropped barrels of chlorine on Kafr Zita on Tuesday.",
     [("Explosions/Remote violence", "Chemical weapon")]),
    ("Hundreds of pagers exploded across southern Lebanon on Tuesday, killing twelve people.",
     [("Explosions/Remote violence", "Remote explosive/landmine/IED")]),
    ("A gas cylinder exploded in a restaurant in Nairobi on Tuesday.", []),
])
def test_news_told_in_passing_and_devices(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [(e.event_type, e.sub_event_type) for e in extract(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Floods struck Maiduguri after a dam collapsed on Tuesday, killing at least 30 people.",
    "The national team clashed with Djibouti in a bad-tempered qualifier on Tuesday.",
    "The junta leader vowed to fight the terrorists to the last in a speech on Tuesday.",
    "A court in Koblenz sentenced a former intelligence colonel to life for crimes at a detention centre.",
    "Parliament elected the army chief as president on Tuesday.",
    "Somaliland accused Puntland on Tuesday of sending weapons and fighters to Las Anod.",
    # an aircraft that carries people and lands, with no fire at it
    "A UN helicopter carrying 12 peacekeepers made an emergency landing near Kenema on Tuesday after an engine "
    "failure.",
    # what happened in an event a court judges, told in a clause of it
    "A criminal court in Skopje sentenced three men to prison on Wednesday after convicting them of taking part in "
    "the August 2001 massacre at Ljuboten, where police officers shot dead ten villagers they had detained near "
    "Tetovo, the court said.",
    # a drill, whatever its script: "neutralised" a group of "terrorists" holding "hostages"
    "Special forces stormed a school in Tetovo on Thursday and 'neutralised' a group of 'terrorists' holding "
    "'hostages' there, in an exercise that involved some 300 personnel, armoured vehicles and a helicopter.",
])
def test_news_that_is_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.issue(9)
def test_an_aircraft_that_carries_arms_still_strikes(stage_pipeline: Pipeline) -> None:
    assert ("Explosions/Remote violence", "Air/drone strike") in detected(
        stage_pipeline, "A drone carrying explosives struck a checkpoint near Kenema on Tuesday.")


@pytest.mark.issue(9)
def test_rapes_are_sexual_violence_whatever_the_lemmatiser_says(stage_pipeline: Pipeline) -> None:
    # the model lemmatises "raped" as "rap"
    assert detected(stage_pipeline, "Armed raiders stormed a settlement near Kainuk on Tuesday and raped two "
                                    "women.") == [("Violence against civilians", "Sexual violence")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("Bandits burned about 30 houses in a village near Faskari on Tuesday after residents fled.",
     [("Strategic developments", "Looting/property destruction")]),
    ("Dissidents set fire to three trucks and a bus near Cajibío on Tuesday.",
     [("Strategic developments", "Looting/property destruction")]),
    ("Lebanese troops entered Maroun al-Ras on Tuesday after the Israeli army withdrew.",
     [("Strategic developments", "Non-violent transfer of territory")]),
    ("The army sent 1,500 additional soldiers to Marjayoun on Tuesday.", [CHANGE]),
    ("President Putin on Tuesday ordered a partial mobilisation in Moscow.", [CHANGE]),
    ("Floods destroyed hundreds of houses in Niamey on Tuesday.", []),
])
def test_property_handovers_and_forces_moved(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [(e.event_type, e.sub_event_type) for e in extract(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Villagers found a mass grave with 12 bodies near Kaura Namoda on Sunday, officials said.",
    "Forensic teams began exhuming a mass grave outside Izium on Friday.",
    "Al Shabaab has closed all roads into Hudur, traders said on Wednesday.",
    "Armed men ordered more than 300 families to leave the hamlets of Tibú on Monday.",
    "The junta-installed governor of the Northern Province on Friday ordered the evacuation of residents from 18 "
    "villages near Makeni, citing rebel shelling.",
    "Surveyors placed the first border marker near Voskepar on Tuesday.",
])
def test_other_strategic_developments(stage_pipeline: Pipeline, text: str) -> None:
    assert [e.sub_event_type for e in extract(stage_pipeline, text)] == ["Other"]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Police in Kenema loaded more than 300 traders onto lorries on Tuesday and expelled them from the town towards "
    "the border.",
    "Soldiers drove about 500 villagers out of Pendembu on Tuesday.",
])
def test_people_driven_out_of_a_place_are_other(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Other") in detected(stage_pipeline, text)
    assert ("Battles", "Armed clash") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Relatives gathered on Tuesday to commemorate the victims buried in the mass grave found in 2022.",
    "The court heard testimony on Tuesday about the mass grave at Izium.",
    "A drone dropped tear gas on soldiers in Suárez on Sunday, forcing them to leave their trenches.",
])
def test_mentions_of_graves_and_departures_that_are_no_new_other(stage_pipeline: Pipeline, text: str) -> None:
    assert "Other" not in [e.sub_event_type for e in extract(stage_pipeline, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Russian troops dropped grenades filled with a toxic substance on Ukrainian positions near Robotyne.",
     [("Explosions/Remote violence", "Chemical weapon")]),
    ("Rebels fired canisters of an irritant chemical at the army post in Jamundí.",
     [("Explosions/Remote violence", "Chemical weapon")]),
    # a chemical spill is no weapon
    ("Toxic substances leaked into the river after a fire at a chemical plant.", []),
])
def test_chemical_munitions(stage_pipeline: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


def test_weapons_destroyed_in_flight_are_disrupted(stage_pipeline: Pipeline) -> None:
    disrupted, strike = ("Strategic developments", "Disrupted weapons use"), ("Explosions/Remote violence",
                                                                             "Air/drone strike")
    assert detected(stage_pipeline, "Air defences destroyed nine drones over the Kursk region overnight.") == \
        [disrupted]
    # drones that destroy are a strike
    found = detected(stage_pipeline, "Drones destroyed two houses in Kherson overnight.")
    assert strike in found and disrupted not in found
    # ... and one seen, then destroyed, was stopped
    found = detected(stage_pipeline, "On Wednesday night an armed drone launched by the militants towards an army "
                                     "base near Sidakan was detected and destroyed by air defence systems.")
    assert disrupted in found and strike not in found


def test_fighting_named_in_the_charges_of_a_trial_is_no_event(stage_pipeline: Pipeline) -> None:
    text = ("A military court in Khartoum resumed the trial of former RSF commanders on Monday, who face charges "
            "including war crimes and looting over the fighting of the 1990s and 2019.")
    assert [k for k in detected(stage_pipeline, text) if k[0] == "Battles"] == []


def test_deaths_of_last_months_battle_are_no_new_fight(stage_pipeline: Pipeline) -> None:
    text = "The two militias swapped the bodies of fighters killed in last month's battle for Tawila on Sunday."
    assert [k for k in detected(stage_pipeline, text) if k[0] == "Battles"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Soldiers arrested 12 traders at the market in Djibo and took them to an unknown destination.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
    ("Police arrested 12 traders at the market in Djibo on Monday.", [("Strategic developments", "Arrests")]),
])
def test_an_arrest_into_the_unknown_is_a_disappearance(stage_pipeline: Pipeline, text: str,
                                                        expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.parametrize("text", [
    "On Monday, protesters in Kaduna broke into a government warehouse, carting away bags of grain before "
    "setting part of the building ablaze.",
    "In Bamako, demonstrators also started a fire in front of the embassy on Monday, witnesses said.",
])
def test_protesters_who_break_in_or_start_fires_riot(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Riots", "Violent demonstration") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a crowd that stones the police riots against the authorities, not as a mob
    ("Residents angry at the demolition of their houses burned tyres and stoned the police in Harare on Monday.",
     ("Riots", "Violent demonstration")),
    ("Youths pelted police officers with stones in Kenema on Monday.", ("Riots", "Violent demonstration")),
    ("Villagers stoned a suspected thief to death in Kenema on Monday.", ("Riots", "Mob violence")),
    # fire on a march is force against it; tear gas fired at one is not; a date in March is no march
    ("Two men were shot dead in Lome on Monday when police opened fire on a march moving along the main road.",
     ("Protests", "Excessive force against protesters")),
    ("Police fired tear gas at the marchers in Lome on Monday.", ("Protests", "Protest with intervention")),
    ("On 14 March, soldiers opened fire on the positions of the rebels near Kenema.", ("Battles", "Armed clash")),
])
def test_stones_at_the_police_and_fire_on_a_march(stage_pipeline: Pipeline, text: str,
                                                  expected: tuple[str, str]) -> None:
    assert expected in detected(stage_pipeline, text)


def test_a_new_deputy_commander_is_a_change_in_the_group(stage_pipeline: Pipeline) -> None:
    text = "The Arakan Army announced on Monday that it had appointed a new deputy commander in Rakhine State."
    assert ("Strategic developments", "Change to group/activity") in detected(stage_pipeline, text)
    # a deputy elected to parliament is politics
    assert detected(stage_pipeline, "Parliament elected the former army chief as a deputy speaker on Monday.") == []


def test_multi_word_triggers_are_matched_in_the_sentences_that_hold_their_first_words(
        stage_pipeline: Pipeline) -> None:
    # each multi-word pattern runs only on the sentences with a word it starts with; the matches are those of
    # one Matcher of every pattern run over the whole text
    detector = stage_pipeline.detector
    assert {"open", "take", "exchange"} <= set(detector.by_anchor)
    text = ("Talks resumed in Geneva on Monday.\nTroops opened fire on the village and took control of it. "
            "The two sides exchanged heavy fire overnight. Nothing else was reported.")
    doc = stage_pipeline.nlp(text)
    every = Matcher(stage_pipeline.nlp.vocab)
    for rule_id in detector.matchers:
        every.add(rule_id, [list(detector.rules[rule_id].pattern)])
    whole = sorted((s, e, doc.vocab.strings[m]) for m, s, e in every(doc))
    anchored = sorted((s, e, r.rule_id) for s, e, r in detector._matches(doc) if r.rule_id in detector.matchers)
    assert anchored == whole
    assert {"open-fire", "take-control", "exchange-fire"} <= {rule for _, _, rule in whole}


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the body a victim belongs to says whether he was a civilian or a fighter
    ("Militiamen beat to death a member of the opposition near Cibitoke on Monday.",
     [("Violence against civilians", "Attack")]),
    ("Gunmen shot dead two members of a family in Kumba on Monday.", [("Violence against civilians", "Attack")]),
    ("Troops killed three members of the militia near Kumba on Monday.", [("Battles", "Armed clash")]),
])
def test_members_of_a_body_are_what_the_body_is(stage_pipeline: Pipeline, text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("Unknown gunmen assassinated a local journalist in Mogadishu on Sunday.",
     [("Violence against civilians", "Attack")]),
    # a killing told as a noun, when the clause is about it
    ("The killing of five civilians in Afgoye on Sunday shocked the country.",
     [("Violence against civilians", "Attack")]),
    # ... not one that a protest is against
    ("Residents staged a sit-in in Mpeketoni on Sunday to protest against the killing of farmers.",
     [("Protests", "Peaceful protest")]),
])
def test_assassinations_and_killings_told_as_nouns(stage_pipeline: Pipeline, text: str,
                                                   expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the weapon before an attack noun names the attack's kind: one shelling, not a clash beside it
    ("Russian forces carried out a mortar attack on Kupiansk on Tuesday.",
     [("Explosions/Remote violence", "Shelling/artillery/missile attack")]),
    ("Over the past day, the enemy carried out 35 artillery attacks on settlements in Kharkiv region.",
     [("Explosions/Remote violence", "Shelling/artillery/missile attack")]),
    ("A rocket attack on Kramatorsk on Tuesday killed two civilians.",
     [("Explosions/Remote violence", "Shelling/artillery/missile attack")]),
    # ... a mine in an agency's name is none
    ("Deminers of the National Agency for Mine Action cleared 112 mines from farmland in Fuzuli district.",
     [("Strategic developments", "Disrupted weapons use")]),
])
def test_a_weapon_before_an_attack_noun_names_its_kind(stage_pipeline: Pipeline, text: str,
                                                       expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the bulletins of South Asian armies: "resorted to / indulged in unprovoked firing"
    ("Pakistani troops resorted to unprovoked firing along the LoC in Poonch on Tuesday.",
     [("Battles", "Armed clash")]),
    ("Indian troops indulged in unprovoked firing in the Nakyal sector on Tuesday, the ISPR said.",
     [("Battles", "Armed clash")]),
    ("The firing range near Poonch was closed on Tuesday.", []),
])
def test_firing_as_a_noun(stage_pipeline: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # words of war in markets, sport and speeches
    ("Shares of defence companies rallied in London on Tuesday as markets recovered.", []),
    ("The naira rallied against the dollar in Lagos on Tuesday.", []),
    ("Barcelona crushed Real Madrid 4-0 in a clash at the Bernabeu on Tuesday.", []),
    ("The army chief praised the troops' gallant fight against terrorism in Maiduguri on Tuesday.", []),
    # ... but a night given as a span of days is no score
    ("Troops and rebels clashed near Beni on the night of November 9-10.", [("Battles", "Armed clash")]),
    # "neutralised" is the bulletins' word for killed; bandits and terrorists are armed
    ("The FARDC neutralised 7 ADF terrorists in the Beni sector on Tuesday.", [("Battles", "Armed clash")]),
    ("Police killed five bandits in Zurmi on Tuesday.", [("Battles", "Armed clash")]),
])
def test_figures_of_speech_and_the_bulletins_words(stage_pipeline: Pipeline, text: str,
                                                  expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Gunmen killed a judge in Mogadishu on Tuesday.",
    "Armed men killed two relatives of a local chief in Bunia on Tuesday.",
    "Soldiers tortured and killed three detainees in Sagaing on Tuesday.",
    "Police shot dead a suspected thief in Nairobi on Tuesday.",
    # whom a vehicle carried says whom its ambush hit, and so does what the convoy was for
    "Gunmen ambushed a vehicle carrying civilians near Beni on Tuesday, killing six.",
    "Militants attacked a humanitarian convoy on the road to Djibo on Tuesday.",
])
def test_more_kinds_of_unarmed_victims(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == [("Violence against civilians", "Attack")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("Militants stopped a minibus outside Buulobarde on Sunday and took away eight passengers.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
    ("Three young men were taken from their homes in Nairobi on Sunday by unidentified men.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
    ("Armed men led away a village chief near Djibo on Sunday.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
    # things taken away are no one abducted
    ("The minister took away the journalists' phones during the interview in Nairobi on Sunday.", []),
])
def test_people_taken_away_are_abducted(stage_pipeline: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a crowd's attack is a riot: at the authorities a violent demonstration, at people a mob
    ("Angry youths attacked the governor's office in Jos on Wednesday after the killing of a local leader.",
     [("Riots", "Violent demonstration")]),
    ("Crowds attacked dozens of police posts across Bogotá on Wednesday night, setting several of them on fire.",
     [("Riots", "Violent demonstration")]),
    ("A crowd attacked two men accused of theft in a market in Kampala on Wednesday, beating one to death.",
     [("Riots", "Mob violence")]),
    # remnants of war and what a vehicle carried
    ("A farmer was wounded on Monday when a cluster bomblet left over from the war exploded in his field "
     "near Nabatieh.",
     [("Explosions/Remote violence", "Remote explosive/landmine/IED")]),
    ("Police intercepted a truck carrying 1,000 rounds of ammunition at a checkpoint in Jibia on Monday.",
     [("Strategic developments", "Disrupted weapons use")]),
])
def test_crowds_remnants_and_cargo(stage_pipeline: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # ACLED's "Other": an armed group's taxes, roadblocks, expulsions, and supplies cut off
    ("JNIM fighters imposed a tax on livestock owners in villages around Nara on Tuesday.",
     [("Strategic developments", "Other")]),
    ("Gunmen set up a roadblock on the Bunia-Mahagi road on Tuesday and extorted money from drivers.",
     [("Strategic developments", "Other")]),
    ("Militants forced residents of three villages near Djibo to leave their homes on Tuesday.",
     [("Strategic developments", "Other")]),
    ("The rebels cut off the water supply to Goma on Tuesday.", [("Strategic developments", "Other")]),
    ("Mobile internet was shut down in Manipur on Tuesday.", [("Strategic developments", "Other")]),
    ("The storm cut off power to Beira on Tuesday.", []),
    # the Nigerian army's "gun duel", and a health centre burnt
    ("Troops engaged the terrorists in a fierce gun duel at Damboa on Saturday.", [("Battles", "Armed clash")]),
    ("On 2 May 2020, militants burned down the health centre in Tessit.",
     [("Strategic developments", "Looting/property destruction")]),
])
def test_other_developments_and_more_words_of_the_genre(stage_pipeline: Pipeline, text: str,
                                                        expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("On 8 May 2023, the rebel group rebranded itself as the National Liberation Front in Kidal.",
     [("Strategic developments", "Change to group/activity")]),
    ("On 8 May 2023, 300 former rebels were integrated into the national army in Bambari.",
     [("Strategic developments", "Change to group/activity")]),
    ("On 8 May 2023, a new armed group calling itself the Zamfara Defence Force emerged in Gusau.",
     [("Strategic developments", "Change to group/activity")]),
    # ... not a new fact that emerged, nor software integrated
    ("On 8 May 2023, new evidence of corruption emerged in Gusau.", []),
    ("The ministry integrated a new payroll system in Abuja on Monday.", []),
])
def test_groups_rebranded_integrated_or_emerging(stage_pipeline: Pipeline, text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
def test_arrests_made_earlier_and_towns_seized(stage_pipeline: Pipeline) -> None:
    # a person detained earlier is no new arrest
    assert detected(stage_pipeline, "On 8 May 2023, the court ordered the release of the detained journalist "
                                    "in Harare.") == []
    # towns seized are territory (a battle at this stage; resolve names who took them), not an arrest,
    # whatever the recogniser reads in their names
    assert detected(stage_pipeline, "In October 2019, Turkish troops and allied Syrian factions seized the border "
                                    "towns of Tal Abyad and Ras al-Ayn.") == [("Battles", "Armed clash")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # ACLED: whoever is killed is a civilian unless the text says the victims were armed
    "Gunmen shot dead a prominent researcher outside his home in Kirkuk on Monday.",
    "Militants executed four Christians in Chiure district on Sunday.",
    "Unidentified gunmen shot dead two staff members of a national NGO near Yei on Tuesday.",
    "Five young men were found shot dead beside their car near Rutba on Thursday.",
    "Maoists hacked to death a local party functionary at his home near Narayanpur on Sunday night.",
    "Revolutionary Guards fired on fuel porters at a border crossing near Saravan on Monday.",
])
def test_those_killed_are_civilians_unless_said_to_be_armed(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == [("Violence against civilians", "Attack")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # not people killed: the dead remembered, protesters (the protest tells it), an attack beaten back
    "Residents laid wreaths on the graves of those killed in the 2006 war on Wednesday.",
    "The deal was killed by the parliament in Baghdad on Tuesday.",
])
def test_what_a_killing_verb_names_that_is_no_attack_on_civilians(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Violence against civilians", "Attack") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("Armed men broke into a warehouse in Bentiu on Monday and carried off 300 tonnes of sorghum.",
     [("Strategic developments", "Looting/property destruction")]),
    ("Militants drove off around 300 sheep near Haditha on Sunday.",
     [("Strategic developments", "Looting/property destruction")]),
    ("Raiders set the fields alight west of Hawija on Tuesday night.",
     [("Strategic developments", "Looting/property destruction")]),
    ("Armed men broke into the aid warehouse in Kaga-Bandoro and made off with 120 tonnes of rice.",
     [("Strategic developments", "Looting/property destruction")]),
    # driven off, the attackers were repelled: nothing was taken
    ("Soldiers drove off the attackers near Macomia on Tuesday.", []),
    ("Soldiers beat back the raiders near Bouar and the attackers made off with nothing.", []),
])
def test_goods_carried_off_and_fields_set_alight(stage_pipeline: Pipeline, text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert [d for d in detected(stage_pipeline, text) if d[1] == "Looting/property destruction"] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # captives freed, known as captives by how they were held
    ("Twenty women held by insurgents in the forest were let go on Friday near Macomia.",
     ("Strategic developments", "Agreement")),
    ("Three engineers who were seized near Ubari last year were freed on Saturday.",
     ("Strategic developments", "Agreement")),
    # ... or by the clause a participle after it describes
    ("About 200 RUF prisoners walked out of Pademba Road prison in Freetown on Monday, freed under the amnesty.",
     ("Strategic developments", "Agreement")),
    # networks cut, by whoever ordered it
    ("Mobile phone and internet services across Mocimboa da Praia district were cut on Monday.",
     ("Strategic developments", "Other")),
    ("Authorities in Harare blocked mobile data services across the country on Monday.",
     ("Strategic developments", "Other")),
    ("The government of Togo imposed restrictions on internet access across the country on Monday.",
     ("Strategic developments", "Other")),
    ("The interior ministry ordered the suspension of mobile data and broadband services in Tetovo on Monday.",
     ("Strategic developments", "Other")),
    # forces mobilised by recruitment
    ("The LNA opened recruitment centres in Sabha on Sunday.", ("Strategic developments", "Change to group/activity")),
    # people held, by the state or by others
    ("Gendarmes rounded up about 40 young men in the market district of Bouar on Wednesday.",
     ("Strategic developments", "Arrests")),
    ("Police picked up three journalists in Bangui on Wednesday.", ("Strategic developments", "Arrests")),
    ("Soldiers took into custody two suspected rebels in Bouar on Wednesday.", ("Strategic developments", "Arrests")),
    ("Armed men seized three staff members of a medical charity near Kabo on Saturday.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Men in uniform took three young men from the cattle market in Bambari on Friday.",
     ("Violence against civilians", "Abduction/forced disappearance")),
])
def test_releases_cuts_and_recruitment_in_other_wordings(stage_pipeline: Pipeline, text: str,
                                                         expected: tuple[str, str]) -> None:
    assert expected in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "The government cut fuel subsidies on Monday, angering traders in Juba.",
    "Peace talks in Addis Ababa went dead after the rebels walked out on Monday.",
    "The report condemned the recruitment of child soldiers by armed groups in Unity state.",
    # things picked up, the wounded taken to hospital
    "Volunteers picked up the bodies in Bouar on Wednesday.",
    "Rescuers took the wounded from Bambari to hospital in Bangui on Tuesday.",
])
def test_cuts_and_recruitment_that_are_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == []


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # an accusation rejected, a storming remembered, a match, a debate, a currency
    "Rwanda's army on Thursday rejected a rights group's accusation that its soldiers had killed civilians "
    "near Palma.",
    "Residents of Palma gathered on Sunday to mark three years since insurgents stormed the town.",
    "Iraq clash with Oman in the Gulf Cup final at Basra on Thursday.",
    "Opposition MPs launched a furious attack on the defence minister in parliament on Wednesday.",
    "South Sudanese Pound under attack as traders in Juba blame speculators.",
    "Opposition leaders on Tuesday launched a fierce attack on the draft constitution in Bangui.",
    "The army on Sunday dismissed as pure intoxication messages claiming that CPC rebels had captured Bouar.",
    "Kuki-Zo organisations held prayers in Churachandpur on Friday to mark one year since the violence began.",
    "Hundreds gathered in Bangui on Tuesday to mark ten years since the fighting of 5 December 2013.",
    "The raid on Kailahun was the biggest since the RUF ended its unilateral ceasefire on Jan. 2.",
    "It was the deadliest attack since rebels stormed Koidu in May.",
    "The United States renewed its travel warning for Colima and Zacatecas, citing crime and kidnapping.",
    "Chivas and Atlas clash on Saturday night at the Estadio Akron in the Clasico Tapatio in Guadalajara.",
    "Prime Minister Dbeibah attacked parliament speaker Aguila Saleh in a televised address in Tripoli on Monday.",
    # tallies, talks that failed, crimes named as a whole, places of detention, the dead counted or named
    "Demining teams have removed more than 40,000 explosive items from the Old City of Mosul since 2017.",
    "RUF rebels carried out more than 70 attacks in Kailahun and Kono districts last year, most of them with "
    "roadside bombs, according to a police report.",
    "Monitors counted 61 clashes, ambushes and raids in Kono district in the first half of the year.",
    "Talks in Nairobi will resume after a two-week break, after the parties failed to agree on a security protocol.",
    "A U.N. mission said the crackdown amounted to crimes against humanity, including murder, torture and rape.",
    "More than 30,000 people intercepted at sea last year were sent back to detention centres in Libya.",
    "Hundreds gathered in Bangui on Tuesday, reading out the names of relatives who were killed.",
    # accidents and threats
    "A gas cylinder exploded in a restaurant in Hat Yai on Tuesday, killing three people; police said it was an "
    "accident.",
    "A bus overturned on the highway near Yala on Tuesday, killing nine passengers.",
    "A fire destroyed 40 shops in Hat Yai on Tuesday; investigators said it was caused by an electrical fault.",
    "A lightning strike killed two farmers in a rice field near Pattani on Tuesday.",
    "The Islamic State group threatened in a video released on Tuesday to attack churches across Egypt.",
    # animals, drills, weather and fires, club football, courts, and events named as a past point in time
    "A wolf attacked a flock of sheep on a pasture above Isfana on Monday night, killing 23 animals.",
    "Border troops held tactical exercises near Isfara on Wednesday, practising how to repel an attack on a post.",
    "A mudflow after heavy rain swept through two villages near Isfara on Monday, killing two people.",
    "Heavy snow closed 140 village roads in Hakkari on Tuesday and cut power to several districts.",
    "Firefighters and helicopters battled a forest fire in the hills near Tunceli for a second day on Sunday.",
    "Amedspor's clash with Sakaryaspor in Diyarbakir on Sunday ended 2-2 in front of a crowd of 30,000.",
    "A judge ordered pretrial detention on Thursday for the 13 men accused of storming a television studio.",
    "A judge ordered pretrial detention on Thursday for the men accused of storming a television studio, the "
    "attorney general's office said.",
    "A court in Dhaka granted bail on Sunday to an opposition leader held since the party's October rally.",
    "Relatives of the 22 people killed in the bakery siege laid flowers at the site in Dhaka on Saturday.",
    # a protest announced for a later day, and the arrests it is against
    "The opposition announced a 48-hour hartal in Dhaka from Sunday to protest against the arrests of activists.",
])
def test_denials_anniversaries_matches_and_debates_are_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == []


@pytest.mark.issue(9)
def test_a_killing_in_a_protest_fired_on_is_the_force_used(stage_pipeline: Pipeline) -> None:
    text = "Police fired live ammunition at protesters in Namapa on Monday, killing one young man."
    assert detected(stage_pipeline, text) == [("Protests", "Excessive force against protesters")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a former school is a building, not an event named as past
    "The Sinjar Resistance Units opened a new headquarters in a former school in Sinjar on Monday.",
    # a warning that tells what was done, not what may be
    "The Ombudsman's office warned on Monday that the Clan del Golfo had set up a permanent camp near Pogue.",
])
def test_bases_told_in_a_former_building_or_in_a_warning(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Headquarters or base established") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_a_commander_who_announces_is_no_new_leader(stage_pipeline: Pipeline) -> None:
    said = ("The Mozambican army will hold live-fire exercises near Mueda next week, the provincial military "
            "commander announced.")
    assert ("Strategic developments", "Change to group/activity") not in detected(stage_pipeline, said)
    named = "Islamic State fighters in Mozambique have named a new field commander, two security sources said."
    assert ("Strategic developments", "Change to group/activity") in detected(stage_pipeline, named)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "arrests"), [
    ("Members of an armed faction raped a woman whom they had detained at a checkpoint in Afrin on Monday.", False),
    ("Two soldiers raped a displaced woman near Mueda on Monday. The soldiers were later detained.", False),
    # a mass arrest told in a clause of its day, and one a day after another event, are arrests
    ("Many were rounded up on October 1, when security forces detained more than 4,000 migrants in Tripoli.", True),
    ("A day later, police detained 15 people in the town's market area in Bentiu.", True),
])
def test_arrests_that_say_who_a_victim_was_or_what_followed(stage_pipeline: Pipeline, text: str,
                                                            arrests: bool) -> None:
    assert (("Strategic developments", "Arrests") in detected(stage_pipeline, text)) == arrests


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Fighters of Saraya al-Salam traded fire with members of Asaib Ahl al-Haq in Basra on Thursday.",
    "Wagner contractors and pro-government fighters traded machine-gun fire near Sirte on Tuesday.",
])
def test_fire_traded_is_fire_exchanged(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == [("Battles", "Armed clash")]


@pytest.mark.issue(9)
def test_an_agreement_that_a_handover_follows_is_no_new_agreement(stage_pipeline: Pipeline) -> None:
    text = ("Ugandan troops left Bor on Sunday and handed their positions to the SPLA, in line with the peace "
            "agreement signed in August.")
    assert detected(stage_pipeline, text) == [("Strategic developments", "Non-violent transfer of territory")]


@pytest.mark.issue(9)
def test_shot_dead_after_a_vehicle_the_tagger_reads_as_a_noun(stage_pipeline: Pipeline) -> None:
    # the small model tags "motorbike shot" as a compound noun; "shot dead" still tells a killing
    text = "Gunmen on a motorbike shot dead a prominent researcher outside his home in Baghdad on Monday evening."
    assert ("Violence against civilians", "Attack") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # orders on people, bans, levies, checkpoints and roads cut by armed men: ACLED's "Other"
    "On Saturday the FPRC commander in Ndele ordered all shops to stay shut.",
    "Anti-balaka militiamen in Mbaiki on Monday ordered the town's remaining Muslim residents to leave by Wednesday.",
    "Cartel gunmen went house to house in Aguililla on Monday ordering residents out within a day.",
    "The FPRC commander in Ndele banned motorbikes on Saturday.",
    "CJNG gunmen in Uruapan are charging avocado growers two pesos for every kilo.",
    "About a dozen masked gunmen stopped traffic near Nikshahr for more than an hour on Thursday evening.",
    "Maoists felled trees and dug trenches across the road near Barsur on Friday.",
])
def test_armed_groups_orders_bans_levies_and_checkpoints(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Other") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "The president ordered the army to move to the border on Monday.",
    "Two men were charged with murder in Uruapan on Monday.",
    "Protesters blocked the highway near Shusha on Tuesday, halting traffic for hours.",
    "The court banned the party in Ndele on Saturday.",
    "Thousands demanded an end to police brutality at the toll gate in Lagos on Wednesday.",
])
def test_orders_charges_and_stops_that_are_no_armed_groups_other(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Other") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # splits, reunions, disarmament, leaders replaced, deployments of a few hundred or of whole companies
    "A group of about 20 PLFI cadres has broken away from the outfit near Khunti on Monday.",
    "On 2 April 2021, UPC commanders in Alindao announced their break with Ali Darassa.",
    "Three local cells announced on Monday that they separate from Carteles Unidos in Apatzingan.",
    "The two wings of the party announced in Koya that they had reunited under a single leadership.",
    "On 10 December 2019, 127 ex-combatants of the 3R movement were disarmed at the DDR site of Bouar.",
    "The CPI (Maoist) said its general secretary had stepped down in Sukma on Monday.",
    "The Familia Michoacana announced a new regional boss in Zitacuaro on Monday.",
    "Some 400 soldiers and 150 National Guard agents arrived in Aguililla on Monday.",
    # ... or of hundreds and thousands, as a deployment's
    "On 6 March 1999, hundreds of Serbian police reinforcements arrived in Pec.",
    "Thousands of Zimbabwean troops arrived in Mutare on Sunday, state radio said.",
    # a new leader named by a participle, and a modal of a decision that stands from now on
    "The RUF said on Monday that its fighters would henceforth answer to a new field commander chosen by its war "
    "council.",
    # ... or leaving for another front
    "A column of about 400 Kamajor fighters left Bo for the front on Friday.",
    # ... or flown in, the first of them too
    "The first of about 300 Nigerian soldiers flew into Freetown on Thursday.",
    "Transport planes flew the first of about 2,000 Guinean soldiers into Kailahun on Monday.",
    # ... or a group's own end or merger it announces it will make
    "The MFDC announced on Monday in Ziguinchor that it would dissolve itself and lay down its arms.",
    "The two NLA factions declared in Tetovo on Friday that they would merge.",
    # ... or reserves called up, men or units
    "The army of Togo called up 3,000 reservists on Monday.",
    "Two reserve battalions were called up in Tetovo on Friday.",
    # ... or men deployed by a second verb that shares the first one's passive subject
    "About 800 gendarmes were issued with new rifles and deployed to Dapaong on Monday.",
    # ... or fighters who swear allegiance to another group, even where the parser takes the verb for a noun
    "Around 300 former RUF fighters swore allegiance to the AFRC junta at a ceremony in Makeni on Tuesday.",
    # ... or arms handed in
    "About 400 Kamajor fighters handed over their weapons to ECOMOG officers in Kenema on Monday.",
    "Some 250 former NPFL fighters handed in their rifles at a ceremony in Gbarnga on Tuesday.",
    # ... or a large force withdrawn, or a whole unit called by its name moved
    "Nigeria withdrew about 2,000 ECOMOG troops from Freetown on Monday, the defence ministry said.",
    "The units of the Black December Battalion moved into Kenema on Monday.",
    # ... or a force replaced, by a second participle that shares the first one's subject
    "Gendarmes manning the checkpoint at Dapaong were withdrawn on Tuesday and replaced by 300 soldiers of the army.",
])
def test_splits_disarmament_new_leaders_and_deployments_change_a_group(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Change to group/activity") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "A brawl broke out in Goris on Friday before police separated the two sides.",
    "The army said in a separate statement that its troops had patrolled Mandera on Sunday.",
    "Armed men broke into a warehouse in Kaga-Bandoro on Wednesday.",
    "Two soldiers arrived in Aguililla on Monday.",
    "Hundreds of mourners arrived in Kailahun on Sunday.",
    "A drone flew over the barracks in Kenema on Monday.",
    "The coach called up two reserve players for the match in Lome on Monday.",
    "The opposition leaders were called up to the palace in Harare on Monday.",
    "The government announced in Monrovia that the militias would be disbanded by June.",
    "The weapons seized in the raid were handed over to the prosecutor in Kenema on Monday.",
    "A soldier of the Presidential Guard Battalion arrived in Bo on Monday.",
    # "installed" (which the lemmatiser makes "instal") of things, not of a leader
    "On 10 July, representatives of the rebel forces installed 'border' banners near the village of Pendembu, moving "
    "the line of control 300 metres deeper.",
])
def test_partings_and_arrivals_that_change_no_group(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Change to group/activity") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a past told as background in a clause of its own, with no day: no event of the day
    ("On 21 November 2022, the self-defence group announced its dissolution in Pantelho, saying the armed groups "
     "it had fought had left the area.", [("Strategic developments", "Change to group/activity")]),
    # ... but with a day of its own it is told
    ("Rebels, who had attacked the town of Kangpokpi on Monday, withdrew on Tuesday.", [("Battles", "Armed clash")]),
    # an event already told, now talked of
    ("The assault came to light on 19 July 2023 when a video circulated online.", []),
    # ... or looked back on months or years after
    ("Eighteen months after gunmen torched it, the market in Kenema is still a row of blackened shells.", []),
    ("A year after rebels fought the army in Koidu, the town's diamond pits are working again.", []),
    # ... or summed up over decades, or named as the way the dead whose bodies are handed over died
    ("The groups had fought for a separate homeland in the hills of Casamance for more than three decades.", []),
    ("On 9 November 1994, the two armies exchanged the bodies of 41 soldiers killed in the autumn fighting outside "
     "Tetovo.", [("Strategic developments", "Agreement")]),
    # ... but news of the day that looks back is news
    ("Rebels burned the market in Kenema on Monday, a year after they first took the town.",
     [("Strategic developments", "Looting/property destruction")]),
])
def test_pasts_told_as_background_or_already_told(stage_pipeline: Pipeline, text: str,
                                                  expected: list[tuple[str, str]]) -> None:
    assert [d for d in detected(stage_pipeline, text) if d[0] in ("Battles", "Strategic developments")] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen set fire to four bulldozers and a grader near Saravan on Tuesday night.",
     ("Strategic developments", "Looting/property destruction")),
    ("Armed men set on fire at least eight OXXO stores in Celaya on Tuesday.",
     ("Strategic developments", "Looting/property destruction")),
    ("An activist was bundled into a car by armed men in Penjwin on Wednesday evening.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Armed men forced five young men into two pickup trucks in Fresnillo on Tuesday.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("A journalist was deprived of freedom by armed men who entered his house in Taxco on Monday night.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("The bodies of seven men, several with signs of torture, were found hanging from a bridge in Fresnillo.",
     ("Violence against civilians", "Attack")),
    ("Police found the charred bodies of two elderly men in a house in Jiribam on Monday.",
     ("Violence against civilians", "Attack")),
    ("Army engineers deactivated four explosive devices buried on the road near Aguililla on Tuesday.",
     ("Strategic developments", "Disrupted weapons use")),
    ("Five abducted border guards were freed today and delivered to the Iranian side at Mirjaveh.",
     ("Strategic developments", "Agreement")),
    ("The journalist was released alive on Wednesday near Iguala after negotiations.",
     ("Strategic developments", "Agreement")),
])
def test_arson_abductions_bodies_devices_and_releases_in_other_wordings(stage_pipeline: Pipeline, text: str,
                                                                        expected: tuple[str, str]) -> None:
    assert expected in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "The bodies of the victims were buried in Fresnillo on Monday.",
    "Police found the body of a fisherman who drowned near Mirjaveh on Monday.",
])
def test_bodies_and_releases_that_tell_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # "riot police" meet a protest; they make no riot of it
    ("Riot police used water cannon on demonstrators in Bangkok on Tuesday.",
     [("Protests", "Protest with intervention")]),
    # a lynching is a mob's, not an armed group's attack
    ("Villagers lynched two suspected cattle thieves in Dodoma on Tuesday.", [("Riots", "Mob violence")]),
    # the dead of an event told with its doers and day are a killing told
    ("Families of five farmers killed by gunmen near Bouar on Tuesday demanded justice.",
     [("Violence against civilians", "Attack")]),
    # a battle told at a press conference is still a battle
    ("Rebels attacked an army post near Goma on Monday, the army said at a press conference in Kinshasa.",
     [("Battles", "Armed clash")]),
    ("A schoolteacher was gunned down by unknown assailants in Pattani on Tuesday.",
     [("Violence against civilians", "Attack")]),
])
def test_riot_police_lynchings_and_people_gunned_down(stage_pipeline: Pipeline, text: str,
                                                      expected: list[tuple[str, str]]) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # heavy arms moved or sent are a deployment of weight, whatever their number
    ("Army units with armoured vehicles moved into Bishkek on Friday.", [CHANGE]),
    ("A convoy of around 20 tanks and howitzers rolled into Kilis on Sunday, heading for the border.", [CHANGE]),
    ("The border guard sent two more platoons and several armoured vehicles to its posts in Teknaf on Monday.",
     [CHANGE]),
    # ... into somewhere: a convoy seen on a road in a video goes nowhere the text says
    ("The ministry's video shows how a convoy of military equipment, including a tank, moves down a night "
     "highway near Lachin.", []),
    # a force that pulls out under a truce or without a fight hands the ground over
    ("Kurdish-led forces pulled out of the border town of Ras al-Ayn on Sunday under a U.S.-brokered truce.",
     [("Strategic developments", "Non-violent transfer of territory")]),
    ("Under a deal between the two gangs, Los Lobos pulled out of a neighbourhood of Manta on Friday without "
     "a fight.", [("Strategic developments", "Non-violent transfer of territory")]),
    # ... and a pull that is no pull-out is nothing
    ("A soldier pulled the body of a comrade from the river near Kilis on Sunday after the truce.", []),
])
def test_heavy_arms_moved_and_forces_pulled_out(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # who blows himself up is a suicide bomber, whether or not the text says "suicide"
    ("A man blew himself up at a police checkpoint near Obigarm on Wednesday, killing a traffic policeman.",
     [("Explosions/Remote violence", "Suicide bomb")]),
    ("A young man blew himself up at the gate of an army camp near Ashkona on Friday, wounding two guards.",
     [("Explosions/Remote violence", "Suicide bomb")]),
    # victims burned to death are killed, with the words between the verb and "to death"
    ("Attackers hurled petrol bombs into a bus near Cumilla on Tuesday, burning seven passengers to death.",
     [("Violence against civilians", "Attack")]),
])
def test_suicide_bombers_and_victims_burned_to_death(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # grenades seized are a haul, not a grenade attack ...
    ("Marines intercepted a boat near San Lorenzo on Tuesday and seized 36 grenades and 1,200 cartridges.",
     [DISRUPTED]),
    # ... and grenades thrown in a gunfight are part of the fight
    ("Seven militants were killed in a gunfight near Gazipur on Tuesday when police surrounded their house and "
     "the occupants opened fire and threw grenades at them.", [BATTLE]),
    # a grenade thrown at people is still one
    ("Unknown men threw a grenade into a bar in Taraza on Tuesday, killing two people.",
     [("Explosions/Remote violence", "Grenade")]),
])
def test_grenades_seized_or_thrown_in_a_gunfight(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # levies in the currencies and words of other wars: taka, 'vacunas' (Ecuador's extortion fees)
    "Armed men of the gang have been demanding Tk 500 from every truck at the market in Khagrachhari since Monday.",
    "Gunmen of Los Lobos have been going from stall to stall in the market of Duran since Monday, collecting "
    "vacunas from every trader.",
])
def test_levies_in_other_currencies_are_other(stage_pipeline: Pipeline, text: str) -> None:
    assert kinds(extract(stage_pipeline, text)) == [("Strategic developments", "Other")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a levy the armed men told or ordered people to pay: the demand is the event, whatever the modal
    "Hooded gunmen visited two quarries near Ciudad Hidalgo on Friday and told the owners they must pay a monthly "
    "levy to the cartel.",
    "Al-Shabaab fighters on Tuesday ordered every household in Bardere to pay a zakat of 50 dollars.",
    # ... payment demanded, and boats stopped on a river
    "Armed youth stopped all boats on the Nile at Malakal on Sunday, demanding payment from every trader.",
    # ... and a fee collected since the start of the month is going on, not a tally of years
    "Armed men have been collecting a tax of 2,000 francs per stall at the market of Kaga Bandoro since the start "
    "of the month.",
])
def test_levies_demanded_and_charged_are_other(stage_pipeline: Pipeline, text: str) -> None:
    assert kinds(extract(stage_pipeline, text)) == [("Strategic developments", "Other")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # no armed group puts these payments on anyone
    "The ministry told farmers they must pay the new water tax by March.",
    "Residents of Malakal said they paid a heavy price for the fighting.",
])
def test_payments_no_armed_group_demands_are_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert kinds(extract(stage_pipeline, text)) == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # recruitment in numbers, registration for a force, a call-up
    ("In Batken, some 300 local men signed up to a volunteer detachment on Tuesday.", [CHANGE]),
    ("Thousands of young men enlisted in the army in Kharkiv on Monday.", [CHANGE]),
    ("The governor's office in Sirnak opened registration on Monday for 1,500 new village guards.", [CHANGE]),
    ("The administration in Kobani called on men born in 1998 and 1999 to report for self-defence duty on "
     "Sunday.", [CHANGE]),
    # ... not voters' registration, a signed deal's signature or a coach's call
    ("Voter registration opened in Kobani on Sunday.", []),
    ("The coach in Kobani called on his players to report for training on Monday.", []),
])
def test_recruitment_sign_ups_and_call_ups(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected



@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # an animal's deeds, also in the second of two joined verbs
    "A wild elephant trampled a man to death and flattened two huts in a village of Jhapa district on Wednesday.",
    # a politician's attack on a government's handling
    "Keiko Fujimori attacked the government's handling of the valley on Wednesday, calling for the minister's "
    "censure.",
    # a title race
    "Cienciano and Sport Huancayo clash at the Garcilaso stadium in Cusco on Saturday, with both sides still "
    "chasing the Apertura title.",
    # stones a mudslide drags
    "A mudslide came down the ravine above Chosica on Tuesday night and dragged stones and mud over 20 homes.",
])
def test_animals_politics_sport_and_mudslides_are_no_events(stage_pipeline: Pipeline, text: str) -> None:
    assert kinds(extract(stage_pipeline, text)) == []


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a party's "Young Communist League" is no football league
    "Cadres of the Young Communist League and the Youth Force fought with sticks and bricks in Butwal on "
    "Wednesday, leaving 14 people injured.",
    # stones thrown or fought with, in a list
    "Members of two rival clans in Hoveyzeh attacked each other with sticks, knives and stones on Wednesday.",
])
def test_fights_of_party_youth_and_clans_with_cold_weapons_are_mob_violence(stage_pipeline: Pipeline,
                                                                           text: str) -> None:
    assert kinds(extract(stage_pipeline, text)) == [MOB]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # chairs and bottles hurled at the police: a riot
    ("Protesters in Magas hurled chairs and bottles at police officers who moved in on Wednesday to clear the "
     "square.", [("Riots", "Violent demonstration")]),
    # police who break up a picket intervene ...
    ("Police on Wednesday broke up a picket of about 30 activists outside the parliament in Nalchik.",
     [("Protests", "Protest with intervention")]),
    # ... a rally that breaks up by itself was peaceful
    ("Several hundred residents gathered on the square of Batken on Wednesday to demand compensation. The rally "
     "broke up quietly after the governor came out.", [("Protests", "Peaceful protest")]),
    # masked men who bundle the son of an officer into a car abduct him
    ("Masked gunmen bundled the son of a retired police colonel into a car outside his house in Levashi on "
     "Wednesday.", [("Violence against civilians", "Abduction/forced disappearance")]),
])
def test_riots_interventions_and_abductions_in_other_words(stage_pipeline: Pipeline, text: str,
                                                         expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # South Asian English: an "encounter" with security forces is a gunfight
    ("Two militants were killed in an encounter with security forces in Shopian district on Tuesday.", [BATTLE]),
    ("Royal Nepal Army, Directorate of Public Relations. In an encounter occurred between the security forces on "
     "routine patrolling and the terrorists at Jelbang area of Rolpa district on 11 March, 11 terrorists were "
     "killed.", [BATTLE]),
    # ... not a minister's encounter with the press
    ("The minister described his encounter with the press on Tuesday as cordial.", []),
])
def test_encounters_with_security_forces_are_armed_clashes(stage_pipeline: Pipeline, text: str,
                                                          expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a headline's infinitive announces a plan
    "Teachers to march on Waigani over unpaid allowances.",
    # a private quarrel is a crime, and so is the arrest that follows it
    "A 34-year-old man was stabbed to death in a quarrel over a gambling debt at a cafe in Zenica late on "
    "Tuesday, police said, adding that the suspect had been arrested.",
    # drugs seized with an arrest, no armed group or gang named
    "Customs officers in Tlemcen seized three tonnes of cannabis resin hidden in a lorry and arrested its driver.",
    # money and plans come under attack only in words
    "BELGRADE, Nov 24 (Reuter) - The Yugoslav dinar came under fresh attack on Belgrade's black market on "
    "Tuesday, slumping to eight million to the German mark.",
    "Krajisnik attacks peace maps - Speaking in Pale, the speaker of the assembly launched a sharp attack on the "
    "Vance-Owen plan, describing the proposed maps as a death sentence.",
    # a commemoration names the shelling it remembers
    "Sarajevo yesterday marked the first anniversary of the massacre at the Markale market. Members of the "
    "Presidency laid wreaths at the marketplace at noon, the hour the shell fell, and a minute's silence was "
    "observed in schools and offices across the city.",
    # a denial of reports, whatever the parser hangs the strike on
    "The Joint Operations Command denies reports circulated on social media of a drone strike on a convoy of the "
    "Popular Mobilisation near Tikrit on Tuesday.",
    # a match won by a score
    "PNG Kumuls battle Fiji Bati in bruising Pacific Test at the National Football Stadium, Kumuls win 24-16.",
    # fans of two clubs who clash only in song
    "Supporters of the two clubs clashed only with songs and drums outside the stadium in Monrovia on Sunday.",
])
def test_plans_crimes_commemorations_and_matches_in_other_words_are_no_event(stage_pipeline: Pipeline,
                                                                           text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an armed group named with the drugs keeps the arrest
    ("Police arrested three Hizbul Mujahideen militants with heroin in Kupwara on Tuesday.",
     [("Strategic developments", "Arrests")]),
    # money asked of every household, in any currency, by armed men
    ("Militiamen in Duque de Caxias are charging each household 50 reais a month for 'security'.",
     [("Strategic developments", "Other")]),
    # gunmen who attack mourners at an anniversary make an event of their own
    ("Gunmen attacked mourners marking the anniversary of the massacre in Bentalha on Tuesday, killing two.",
     [("Violence against civilians", "Attack")]),
])
def test_arrests_and_attacks_beside_those_words_stay_events(stage_pipeline: Pipeline, text: str,
                                                           expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # troops flown in are a deployment ...
    ("The army flew about 500 soldiers into Tambura on Tuesday.", [CHANGE]),
    # ... a drone that flies over a base is none
    pytest.param("A drone flew over the army base in Tambura on Tuesday.", [], marks=pytest.mark.xfail(
        strict=True, reason="the embedding classifier of stop 46 finds an Air/drone strike at 0.74 where the rules "
                            "turned it down; OVERRULE_THRESHOLD 0.8 was 20 texts better and 25 worse out of fold")),
    # armed men who leave a named gang split it, whatever the parser hangs "from" on
    ("About twenty armed men announced in Quevedo on Tuesday that they are breaking away from Los Lobos.", [CHANGE]),
    ("Catalonia broke away from Spain.", []),
])
def test_forces_flown_in_and_armed_men_breaking_away_change_a_group(stage_pipeline: Pipeline, text: str,
                                                                   expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
def test_money_taken_in_an_attack_is_not_money_under_attack(stage_pipeline: Pipeline) -> None:
    assert extract(stage_pipeline, "Gunmen attacked a money changer in Kirkuk on Tuesday and took 500,000 dinars.")


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a shooting that kills is told even where the sentence names a lawmaker as its source ...
    ("Soldiers fired on members of an indigenous community near Santa Elena de Uairén on Friday as they tried to "
     "stop a military convoy, killing a woman and her husband and wounding 12 others, a community leader and an "
     "opposition lawmaker said.", [("Protests", "Excessive force against protesters")]),
    # ... while deaths in a speech's subject do not make a politician's attack a fight
    ("Opposition lawmakers launched a furious attack on the defence minister in parliament on Wednesday, "
     "accusing the government of hiding the number of soldiers killed in Cabo Delgado.", []),
])
def test_people_killed_in_the_fights_own_clause_outweigh_a_figurative_word(stage_pipeline: Pipeline, text: str,
                                                                            expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Hooded men broke into the party's office in Barquisimeto on Saturday night and burned its flags and computers.",
    "Gunmen set fire to an ambulance and two minibuses in Durban on Monday.",
])
def test_more_kinds_of_property_can_be_destroyed(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Looting/property destruction") in kinds(extract(stage_pipeline, text))


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a tomb or a residence, and a destruction told as a noun: the rules' own reading, before any second opinion
    "Rebels set fire to the mausoleum of the former president in Kenema on Tuesday.",
    "Youths burned the residence of the district commissioner in Makeni on Tuesday.",
    "The torching of three buses at the depot in Lome on Tuesday has left forty drivers without work.",
])
def test_tombs_residences_and_a_torching_told_as_a_noun_are_destroyed(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Looting/property destruction") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "destroyed"), [
    # crops and trees cut down, property set alight as "it"
    ("Armed men cut down about 2,000 banana plants on a farm near Kenema on Wednesday night.", True),
    ("Fighters from a rival clan cut down several hundred coffee trees in hamlets near Kailahun on Monday.", True),
    ("Rebels doused the mobile phone tower above Kenema with petrol and set it alight overnight.", True),
    # ... not trees felled across a road, nor an orchard cut off by a fence
    ("Rebels cut down trees across the road to Kenema on Monday.", False),
    ("Soldiers moved the fence south near Kenema on Monday, cutting off part of a villager's orchard.", False),
])
def test_crops_cut_down_and_property_set_alight(stage_pipeline: Pipeline, text: str, destroyed: bool) -> None:
    found = ("Strategic developments", "Looting/property destruction") in detected(stage_pipeline, text)
    assert found == destroyed


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a killing between neighbours, and the arrest told in the next sentence, are crime
    "A man was shot dead outside his house in La Pintana on Saturday night after a quarrel with a neighbour "
    "over a parking space. The neighbour was detained hours later.",
    "A farmer killed his neighbour with a machete in Cabudare on Sunday after an argument over the use of a "
    "shared water tank.",
    # a currency under attack in a headline
    "Rand Under Attack As Dollar Surges After US Data!! The rand weakened sharply against the greenback on Monday.",
])
def test_neighbours_quarrels_and_a_currency_under_attack_are_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.issue(9)
def test_a_quarrel_between_neighbouring_communities_is_no_private_matter(stage_pipeline: Pipeline) -> None:
    text = "Gunmen shot dead a village chief in Tirúa on Saturday night after a dispute between neighbouring " \
           "communities over land."
    assert kinds(extract(stage_pipeline, text)) == [("Violence against civilians", "Attack")]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # the arrest of thieves is police work
    "Police in Soweto arrested three men for stealing copper cables from the railway line on Monday.",
    # a count over years is a statistic, not an event
    "Police in the state killed 1,814 people in 2019, the highest number since records began, a rights group "
    "said in its annual report on Thursday.",
    # soldiers sent to fight a fire are no deployment against anyone
    "The death toll from the forest fires raging in Tizi Ouzou and Bejaia rose to 52, among them 19 soldiers "
    "deployed to help fight the flames, the interior ministry said on Thursday.",
])
def test_thefts_statistics_and_disasters_are_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a toll of weeks or months is no event of its own: the deployment it led to is
    ("The army deployed 500 soldiers to Bo on Monday after a month in which 40 people were killed in the town.",
     [("Strategic developments", "Change to group/activity")]),
    ("In the past three weeks 60 people have been killed in gang fighting in San Pedro Sula, police said on Monday.",
     []),
    # ... while a bulletin's day stays an event, and so does an event measured against a stretch, or told beside a
    # toll of its own
    ("In the past 24 hours rebels killed four soldiers near Kailahun, the army said on Monday.",
     [("Battles", "Armed clash")]),
    ("Gunmen killed 12 villagers in Kailahun on Monday, the third attack on the town in the past month.",
     [("Violence against civilians", "Attack")]),
    ("Rebels killed four soldiers near Kenema on Monday; 30 soldiers have been killed in the past two months.",
     [("Battles", "Armed clash")]),
])
def test_a_toll_of_weeks_or_months_is_no_event(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # ... but an armed gang's robbery, an arrest over murders since a year, and an attack measured against the
    # past stay events
    ("Police arrested three gunmen of a gang that stole rifles from an army depot in Mubi on Monday.",
     [("Strategic developments", "Arrests")]),
    ("Police arrested two hitmen in Mubi on Monday in connection with the murders of three local councillors "
     "since 2016.", [("Strategic developments", "Arrests")]),
    ("Gunmen killed 12 villagers in Gwoza on Monday, the worst attack on the town since 2015, residents said.",
     [("Violence against civilians", "Attack")]),
    ("Troops killed 30 militants in an ambush near Gwoza on Monday, the deadliest clash there since 2015, the "
     "army said.", [("Battles", "Armed clash")]),
])
def test_armed_thieves_and_the_worst_attack_since_a_year_stay_events(stage_pipeline: Pipeline, text: str,
                                                                     expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # whoever is bundled into a car or taken from a place is a person when a pronoun, an age or "who" says so
    ("Men in plain clothes bundled her into a van outside the university in Khartoum on Monday.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
    ("He was taken from a bus stop in Nazran on Tuesday by men in black uniform.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
    ("A 24-year-old cook was taken from the market in Bambari by armed men on Friday.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
    # ... and a man shot dead is a man killed, whatever the tagger makes of his title
    ("A mullah who led prayers in the village was shot dead near Buinaksk on Monday.",
     [("Violence against civilians", "Attack")]),
    # things taken are no one abducted, and those taken to safety no one either
    ("Soldiers took the rifles from the depot in Goma on Monday.", []),
    ("Rescuers took them from the rubble to the hospital in Goma on Monday.", []),
])
def test_people_taken_or_shot_dead_by_what_marks_a_person(stage_pipeline: Pipeline, text: str,
                                                          expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a warrant is no arrest yet
    "The International Criminal Court on Friday issued an arrest warrant for the president over the deportation "
    "of children.",
    # a state protests in words, through its diplomats
    "The foreign ministry summoned the ambassador on Wednesday to protest against the shelling of border villages.",
    "The government lodged a formal protest with its neighbour on Tuesday over remarks by its prime minister.",
    # what people still find years on is no seizure today
    "Ten years after the siege ended, residents still find unexploded shells in their gardens, the mayor said.",
    # a drill's missiles hit mock targets; hackers hit websites
    "The navy held live-fire drills off the coast on Tuesday, firing missiles at mock targets, state television "
    "showed.",
    "Hackers attacked the websites of three ministries on Tuesday, taking them offline for several hours.",
])
def test_warrants_diplomatic_protests_reasons_and_what_is_still_found_are_no_event(stage_pipeline: Pipeline,
                                                                                    text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.issue(9)
def test_the_reason_given_for_a_decision_is_no_event_of_the_day(stage_pipeline: Pipeline) -> None:
    # the attacks cited are no attack of Tuesday; the state of emergency extended may be coded as the corpus codes
    # one declared or lifted (Other), which the classifier finds since a sentence's one planned clause ("to extend")
    # no longer hides it (stop 46)
    text = ("Parliament voted on Tuesday to extend the state of emergency in the northern provinces, citing "
            "continued attacks by armed groups.")
    assert [e.sub_event_type for e in extract(stage_pipeline, text)] in ([], ["Other"])


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # ... but people protesting at an embassy, and warrants served, are events
    ("Hundreds of people protested outside the embassy in Tbilisi on Friday against the war.",
     [("Protests", "Peaceful protest")]),
    ("Police served 11 arrest warrants on members of a militia in Natal on Tuesday.",
     [("Strategic developments", "Arrests")]),
    ("Gunmen shot dead two journalists at the offices of a news website in Kabul on Tuesday.",
     [("Violence against civilians", "Attack")]),
])
def test_protests_at_an_embassy_warrants_served_and_a_websites_offices_stay_events(stage_pipeline: Pipeline, text: str,
                                                                expected: list) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # marching people somewhere is leading them off, not a march of protest
    ("Soldiers marched 19 prisoners to a hillside near Ramechhap on Sunday and shot them.",
     [("Violence against civilians", "Attack")]),
    ("Militiamen marched them out of the village of Tarnaba on Tuesday and shot them dead.",
     [("Violence against civilians", "Attack")]),
    # a march of people through the streets is one
    ("Thousands of students marched the streets of Kathmandu on Sunday demanding elections.",
     [("Protests", "Peaceful protest")]),
])
def test_people_marched_away_are_no_protest(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [(e.event_type, e.sub_event_type) for e in extract(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a crowd that stands, walks, fills a square or parades for a cause protests (the rules' reading)
    ("About two hundred villagers stood with flags on the road outside Kirbali on Saturday, demanding the return "
     "of their pastures.", ["Peaceful protest"]),
    ("Hundreds of residents walked to the district office in Wabag on Thursday to hand over a petition.",
     ["Peaceful protest"]),
    ("Thousands of people filled the main square of Misrata on Friday, holding up photographs of the missing.",
     ["Peaceful protest"]),
    # ... and without one only walks
    ("Hundreds of residents walked to the market in Wabag on Thursday.", []),
])
def test_a_crowd_that_stands_or_walks_for_a_cause_protests(stage_pipeline: Pipeline, text: str,
                                                           expected: list) -> None:
    assert [c.sub_event_type for c in candidates(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Border guards fired live rounds at students chanting slogans on the road in Jatrabari on Friday.",
    "Police fired live rounds into a crowd of landowners staging a blockade of the highway near Kundiawa on Tuesday.",
])
def test_fire_at_people_showing_the_signs_of_a_protest_is_force_against_it(stage_pipeline: Pipeline,
                                                                          text: str) -> None:
    # no word for a protest, but its signs: slogans, a blockade (the rules' reading, before the classifier's)
    assert [c.sub_event_type for c in candidates(stage_pipeline, text)
            if c.event_type != "Riots"] == ["Excessive force against protesters"]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # rounds lobbed, rockets hurled: the weapons' verb tells a shelling
    ("Rebels lobbed mortar rounds at the police station in Kalaw late on Wednesday, the army said.",
     ["Shelling/artillery/missile attack"]),
    ("Gunmen hurled rockets at an army post near Garoua on Friday.", ["Shelling/artillery/missile attack"]),
    # the parser hangs "with guided missiles" on the place; the clause's verb is what they were used for
    ("On Sunday the fighters targeted a group of soldiers near the Shebaa farms site with guided missiles.",
     ["Shelling/artillery/missile attack"]),
    # "launch" in the name of a weapon launches no group, "Integration" in a committee's name integrates no one
    ("Troops shelled Talish with multiple launch rocket systems on Monday.", ["Shelling/artillery/missile attack"]),
    ("The Army Integration Special Committee met in Kathmandu on Monday.", []),
])
def test_weapons_lobbed_or_used_with_and_words_inside_names(stage_pipeline: Pipeline, text: str,
                                                            expected: list) -> None:
    assert [c.sub_event_type for c in candidates(stage_pipeline, text)] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "told"), [
    # a politician's attack in words: at a briefing, in a video address, with an accusation, on the opposition
    ("The president again attacked the ruling party during the briefing and accused it of stealing the vote.", False),
    ("The governor lashed out at student leaders in a video address on Monday, accusing them of treason and "
     "attacking the province's honour.", False),
    ("The interior minister launched a new attack on the opposition on Tuesday.", False),
    # ... but an attack on the opposition's people is an event
    ("Gunmen attacked opposition supporters in Kisumu on Tuesday, killing two.", True),
])
def test_attacks_in_words_are_no_event(stage_pipeline: Pipeline, text: str, told: bool) -> None:
    assert bool(candidates(stage_pipeline, text)) == told


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # stones that fell or rolled are no stoning
    ("A torrent of mud and stones cut the road to Gunib on Monday.", []),
    ("Rocks and stones tumbled onto the highway near Khorog.", []),
    # ... stones thrown, or fought with, are
    ("Stones were thrown at the bus in Jos on Friday.", ["Mob violence"]),
    ("Villagers fought with sticks and stones near Ayod on Sunday.", ["Mob violence"]),
])
def test_stones_no_one_threw_are_no_mob(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert [c.sub_event_type for c in candidates(stage_pipeline, text) if c.event_type == "Riots"] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "told"), [
    # what a party withdraws that is no ground
    ("The rebel alliance withdrew its support for the Juba peace agreement on Tuesday.", False),
    ("Kinshasa withdrew its ambassador from Kigali under the agreement's terms on Monday.", False),
    # ... troops withdrawn under an agreement hand over ground
    ("Under the agreement, government troops withdrew from Kidal on Monday.", True),
])
def test_support_or_an_envoy_withdrawn_is_no_handover(stage_pipeline: Pipeline, text: str, told: bool) -> None:
    found = [c for c in candidates(stage_pipeline, text) if c.sub_event_type == "Non-violent transfer of territory"]
    assert bool(found) == told


@pytest.mark.issue(9)
def test_a_killer_of_a_private_quarrel_giving_himself_up_is_no_surrender(stage_pipeline: Pipeline) -> None:
    text = ("A farmer stabbed his cousin to death on Sunday after a quarrel over an inheritance, and then turned "
            "himself in at the police station in Gulu.")
    assert [c for c in candidates(stage_pipeline, text) if c.sub_event_type == "Agreement"] == []
    # ... a fighter who gives himself up surrenders
    text = "A senior commander of the rebel group turned himself in to the army in Gulu on Sunday."
    assert [c.sub_event_type for c in candidates(stage_pipeline, text)] == ["Agreement"]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a road, an airstrip or a bridge blocked by name or with a number between
    "Militiamen have blocked the two roads into Kalehe with felled trees since Sunday.",
    "The rebels blocked the Bilorai airstrip in Sugapa with oil drums on Tuesday.",
    "Gunmen closed the only bridge into the town on Monday.",
])
def test_a_road_airstrip_or_bridge_blocked_by_armed_men(stage_pipeline: Pipeline, text: str) -> None:
    assert "Other" in [c.sub_event_type for c in candidates(stage_pipeline, text)]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a large force that began arriving has arrived: the subject is the beginning's
    ("More than 2,000 Kenyan police officers began arriving in Port-au-Prince on Tuesday.",
     ("Strategic developments", "Change to group/activity")),
    # a verb joined by "and" to a verb of calling or warning is told as done: "called" is not its head
    ("Gunmen of the cartel called the mayor on Monday and shot him dead outside his office in Uruapan.",
     ("Violence against civilians", "Attack")),
])
def test_a_force_that_began_arriving_and_a_deed_joined_to_a_call(stage_pipeline: Pipeline, text: str,
                                                                  expected: tuple[str, str]) -> None:
    assert expected in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_a_deed_called_for_stays_a_plan_through_a_joined_verb(stage_pipeline: Pipeline) -> None:
    # "attack" joins "rise up", which "called on" governs: still a call, not an attack
    text = "The rebels called on residents to rise up and attack the police station in Goma on Monday."
    assert ("Battles", "Armed clash") not in detected(stage_pipeline, text)
    assert ("Violence against civilians", "Attack") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the doer of the event told, named back with "the" and caught: no arrest of note of its own
    ("A gunman killed six people at a wedding hall in Kirkuk on Friday. The attacker was overpowered by guests and "
     "arrested, police said.", [("Violence against civilians", "Attack")]),
    ("A man fired a hunting rifle at his neighbour over a parking space in Derbent on Monday; police detained the "
     "shooter an hour later.", []),
    # suspects taken with no event told before them stay an arrest
    ("Police arrested three suspects over the bombing of a bus station in Kano on Tuesday.",
     [("Strategic developments", "Arrests")]),
    # named back by the word the violent deed's sentence gave them
    ("Three soldiers beat a fisherman to death at a checkpoint outside Sittwe on Sunday. The soldiers were detained "
     "on Tuesday, the army said.", [("Violence against civilians", "Attack")]),
    # ... but people who only marched are no doers, and their arrest stays one
    ("Students marched to the governor's office in Jos on Monday. Police arrested the students on Tuesday.",
     [("Strategic developments", "Arrests")]),
    # a seizure that began the violence the sentence tells is that violence, not an arrest too
    ("Militiamen detained four traders on the road to Bunia on Friday and shot them dead in the bush.",
     [("Violence against civilians", "Attack")]),
])
def test_the_doer_of_an_event_told_caught_is_no_arrest_of_note(stage_pipeline: Pipeline, text: str,
                                                               expected: list[tuple[str, str]]) -> None:
    assert [k for k in detected(stage_pipeline, text) if k[1] == "Arrests" or k in expected] == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an armed group taking people into its ranks, and one ending itself, change a group
    ("The ADF rebels have been forcibly recruiting children in villages around Beni since January, residents said.",
     [("Strategic developments", "Change to group/activity")]),
    ("The Arakan Army began conscripting young men in Mrauk-U township this week, residents said.",
     [("Strategic developments", "Change to group/activity")]),
    ("The FDLR announced its dissolution at a ceremony in Kinshasa on Friday.",
     [("Strategic developments", "Change to group/activity")]),
    # ... not a firm hiring, a parliament dissolved, nor recruits who are only described
    ("The company is recruiting engineers in Kinshasa this month.", []),
    ("President Tokayev announced the dissolution of parliament in Astana on Friday.", []),
])
def test_recruitment_and_a_groups_own_dissolution(stage_pipeline: Pipeline, text: str,
                                                  expected: list[tuple[str, str]]) -> None:
    assert kinds(extract(stage_pipeline, text)) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # what police hand over after a seizure is no ground changing hands
    ("Soldiers seized four rifles in a house in Tumaco on Friday. The material was handed over to the prosecutor's "
     "office.", ["Disrupted weapons use"]),
    # ... and a cache done away with is no one's property destroyed
    ("Troops found a cache of mortar rounds near Kidal on Monday. The cache was destroyed on site.",
     ["Disrupted weapons use"]),
    # ground handed over stays a transfer, and a depot burnt with trucks is still property
    ("The rebels handed over the town of Bunagana to the regional force on Monday.",
     ["Non-violent transfer of territory"]),
    ("Militants burned three trucks and a fuel depot near Palma on Monday.", ["Looting/property destruction"]),
])
def test_goods_handed_over_or_destroyed_after_a_seizure_are_no_further_event(stage_pipeline: Pipeline, text: str,
                                                                             expected: list) -> None:
    assert sorted({c.sub_event_type for c in candidates(stage_pipeline, text)}) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a dispersal that killed or maimed is excessive force, whatever the weapons named
    ("A teacher died on Friday after riot police fired tear gas at striking teachers outside the ministry in "
     "Conakry.", "Excessive force against protesters"),
    ("Police fired rubber bullets at students marching on the governor's office in Kisumu, and two of them lost an "
     "eye, doctors said.", "Excessive force against protesters"),
    # ... and one that only dispersed stays an intervention
    ("Police fired tear gas at students marching on the governor's office in Kisumu on Tuesday.",
     "Protest with intervention"),
])
def test_a_dispersal_that_kills_or_maims_is_excessive_force(stage_pipeline: Pipeline, text: str,
                                                            expected: str) -> None:
    assert expected in [c.sub_event_type for c in candidates(stage_pipeline, text)]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an attempt told as done is the violence or the crowd's action: "tried" is no trial in court
    ("Hundreds of miners tried to storm the town hall in Oruro on Monday, throwing stones at police before officers "
     "drove them back with tear gas.", ("Riots", "Violent demonstration")),
    ("Gunmen attempted to kill the district mayor of Kandahar on Sunday, firing on his car as he left the mosque.",
     ("Violence against civilians", "Attack")),
])
def test_an_attempt_told_as_done_is_the_event(stage_pipeline: Pipeline, text: str,
                                              expected: tuple[str, str]) -> None:
    assert expected in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_an_attempt_at_a_deal_and_a_trial_stay_no_event(stage_pipeline: Pipeline) -> None:
    assert ("Strategic developments", "Agreement") not in detected(
        stage_pipeline, "Elders tried to negotiate a truce between the two clans in Galkayo on Monday.")
    assert ("Violence against civilians", "Attack") not in detected(
        stage_pipeline, "Three men were tried in Nairobi on Monday for the 2019 attack on the Dusit hotel.")


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a move into a place that met no resistance is a handover without a fight, however the lack of one is worded
    "Government troops moved into Kalehe on Tuesday without meeting any resistance, residents said.",
    "Army units marched into the town of Kindu unopposed on Sunday, residents said.",
    "Soldiers drove into Bunia on Friday and met no resistance, the governor said.",
    # ... back into a place, or into a plural that names its place
    "Government troops moved back into the coastal village of Kpandu unopposed on Sunday, weeks after leaving it.",
    "Troops moved into the mining camps along the Mano river near Kenema without firing a shot, after the rebels "
    "pulled back.",
])
def test_a_move_in_that_met_no_resistance_is_a_transfer(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Non-violent transfer of territory") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    "Gunmen killed 12 villagers in Kenema on Monday, the third attack on the town this year.",
    "Rebels carried out 15 attacks on army posts near Koidu on Monday.",
])
def test_events_of_a_day_told_beside_a_year_are_still_told(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) != []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "fight"), [
    ("Troops engaged the rebels near Koidu on Tuesday, the army said.", True),
    ("Kamajor and RUF fighters engaged each other with machine guns for several hours near Kenema on Monday.", True),
    ("The government engaged in talks with the rebels in Lome on Monday.", False),
    ("The aid agency engaged the community leaders in Kenema on Monday.", False),
])
def test_forces_that_engage_their_enemy_fight(stage_pipeline: Pipeline, text: str, fight: bool) -> None:
    assert (BATTLE in detected(stage_pipeline, text)) == fight


@pytest.mark.issue(9)
def test_a_move_into_places_it_does_not_name_is_no_transfer(stage_pipeline: Pipeline) -> None:
    found = detected(stage_pipeline, "The rebels moved into the areas the soldiers had left near Kenema on Monday.")
    assert ("Strategic developments", "Non-violent transfer of territory") not in found


@pytest.mark.issue(9)
def test_a_negation_after_a_semicolon_is_the_next_clauses(stage_pipeline: Pipeline) -> None:
    text = ("On 4 May 2016, armed men took a trader from his shop in the Hodan market in Mogadishu; he has not been "
            "seen since.")
    assert ("Violence against civilians", "Abduction/forced disappearance") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_a_habit_of_a_clause_on_a_noun_is_not_the_events(stage_pipeline: Pipeline) -> None:
    # "for months" belongs to the teachers' strike, not to the shooting
    text = ("Two students were wounded in Bambari on Tuesday when soldiers fired live rounds at pupils marching to "
            "demand the return of their teachers, who have been on strike for months.")
    assert "Excessive force against protesters" in [c.sub_event_type for c in candidates(stage_pipeline, text)]
    # ... while the habit of the clause itself still tells no event
    habit = "For months soldiers fired at pupils marching to the prefecture in Bambari."
    assert "Excessive force against protesters" not in [c.sub_event_type for c in candidates(stage_pipeline, habit)]


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a slogan the parser made the sentence's root plans or denies nothing of the march around it
    "Hundreds of miners marched peacefully through Kitwe on Monday carrying banners that read 'We are not slaves'.",
    "About 200 widows marched quietly along the main road of Gulu the same day carrying signs that read 'We are not "
    "ready to forgive'.",
])
def test_a_slogan_in_quotes_does_not_govern_the_march(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Protests", "Peaceful protest") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_a_threat_inside_quotes_stays_a_threat(stage_pipeline: Pipeline) -> None:
    text = "The rebel commander told residents of Bunia on Monday: 'We will attack the army camp tonight.'"
    assert ("Battles", "Armed clash") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a clause on the people held that gives the seizure its own day tells the abduction beside the release
    "Seven engineers of a road contractor, seized on Monday by gunmen near Dikwa, were freed on Friday, the army said.",
    "Militiamen on Sunday released four traders they had seized last Wednesday on the road to Kalemie.",
])
def test_a_seizure_with_its_own_day_in_a_clause_on_the_held_is_an_abduction(stage_pipeline: Pipeline,
                                                                            text: str) -> None:
    assert ("Violence against civilians", "Abduction/forced disappearance") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_who_was_seized_long_ago_is_no_abduction_now(stage_pipeline: Pipeline) -> None:
    text = "The engineers who were seized by gunmen last year were freed near Dikwa on Friday, the army said."
    assert ("Violence against civilians", "Abduction/forced disappearance") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # people of the place harming someone with no guns are a mob, and the event is theirs, not a death told elsewhere
    "A hand grenade thrown into a nightclub in Goma's Birere district on Friday wounded six people. Residents caught a "
    "youth they blamed for it and beat him to death before police arrived.",
    "Villagers in Nakuru caught two men they suspected of stealing cattle and hacked them to death on Monday, police "
    "said.",
    "An angry crowd chased a motorcycle thief through the market in Kano and beat him to death on Friday.",
    # ... whom a verb before names, and the later verbs call "them"
    "On Tuesday, residents of Kenema caught two men accused of robbing passengers on a minibus, beat them and set "
    "them alight in the main square before police could intervene.",
])
def test_people_of_the_place_harming_with_no_guns_are_a_mob(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Riots", "Mob violence") in detected(stage_pipeline, text)
    assert "Mob violence" in [e.sub_event_type for e in extract(stage_pipeline, text)]


@pytest.mark.issue(9)
def test_residents_shot_by_gunmen_are_no_mob(stage_pipeline: Pipeline) -> None:
    text = "Gunmen shot dead two residents of a village near Marsabit on Tuesday, police said."
    assert "Mob violence" not in [e.sub_event_type for e in extract(stage_pipeline, text)]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # verbs that govern a rule's noun, beside the ones it had: a grave dug up, a device that damaged, a curfew
    # instituted
    ("Forensic teams began digging up a mass grave near Izium on Monday, officials said.",
     ("Strategic developments", "Other")),
    ("An improvised explosive device damaged a bridge on the road to Kismayo on Thursday, cutting traffic for hours.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("The army instituted a dusk-to-dawn curfew in Bunia on Friday after two nights of looting.",
     ("Strategic developments", "Other")),
    ("A total curfew was clamped on Kenema on Friday after two nights of looting.",
     ("Strategic developments", "Other")),
])
def test_more_verbs_govern_a_grave_a_device_and_a_curfew(stage_pipeline: Pipeline, text: str,
                                                        expected: tuple[str, str]) -> None:
    assert expected in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_a_suspension_or_restriction_of_no_network_is_no_cut(stage_pipeline: Pipeline) -> None:
    for text in ("The army imposed a suspension of the talks in Lome on Monday.",
                 "Troops restricted the movement of journalists in Tetovo on Monday."):
        assert ("Strategic developments", "Other") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_a_curfew_enforced_and_a_device_destroyed_are_no_new_curfew_or_blast(stage_pipeline: Pipeline) -> None:
    found = detected(stage_pipeline, "Soldiers enforcing the curfew in Bunia detained two youths on Friday.")
    assert ("Strategic developments", "Other") not in found
    found = detected(stage_pipeline, "Troops located and destroyed an explosive device buried on the road to Gao on "
                                     "Tuesday.")
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") not in found


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # groups that join forces, a rival organisation formed, a new province of a group named: changes to groups
    "Banners hung in Esmeraldas on Sunday announced that the Tiguerones and Los Lobos had joined forces against "
    "Los Choneros.",
    "Two Anglophone separatist militias joined forces in Bamenda on Monday, their leaders said in a video.",
    "Dozens of commanders quit the FDLR in North Kivu last week and met in Rutshuru on Saturday to form a rival "
    "organisation.",
    "The jihadist group's weekly newsletter on Thursday named a separate 'Sahel Province' for the first time.",
])
def test_an_alliance_a_rival_organisation_and_a_new_province_change_groups(stage_pipeline: Pipeline,
                                                                           text: str) -> None:
    assert ("Strategic developments", "Change to group/activity") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_joining_the_security_forces_in_a_task_is_no_alliance(stage_pipeline: Pipeline) -> None:
    text = "Local youths joined the security forces in clearing the road near Goma on Monday."
    assert ("Strategic developments", "Change to group/activity") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # fighters presenting themselves to the authorities surrender; an armed group halting its operations declares
    # a ceasefire of its own (ACLED: an agreement)
    "On 5 May 2023, 31 members of the FDLR presented themselves voluntarily to the army in Rutshuru, handing over "
    "20 rifles.",
    "Two fighters of the ADF presented themselves at the MONUSCO base in Beni on Tuesday.",
    "The NPA said on Monday it was suspending its offensive operations in Samar for the Christmas holidays.",
    "The Houthis halted all attacks on shipping in the Red Sea on Sunday, a spokesman said.",
    # ... or announces the halt in a noun
    "On 9 July 2003, LURD announced the suspension of its offensive on Monrovia.",
    "The RUF declared a halt of attacks on Freetown on Monday.",
])
def test_fighters_presenting_themselves_and_a_group_halting_operations_agree(stage_pipeline: Pipeline,
                                                                             text: str) -> None:
    assert ("Strategic developments", "Agreement") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_aid_agencies_suspending_operations_agree_to_nothing(stage_pipeline: Pipeline) -> None:
    text = "Aid agencies said on Monday they had suspended operations in Kalehe after the raid."
    assert ("Strategic developments", "Agreement") not in detected(stage_pipeline, text)
    text = "Aid agencies announced the suspension of operations in Kailahun on Monday."
    assert ("Strategic developments", "Agreement") not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # an armed group laying down or dumping its arms, or disbanding, changes its activity
    "The leader of the Mayi-Mayi Yakutumba told reporters in Fizi on Friday that the militia was laying down its "
    "arms and disbanding.",
    "The ELN ordered all its fronts in Arauca to dump arms on Thursday, a statement said.",
])
def test_a_group_laying_down_its_arms_changes_its_activity(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Change to group/activity") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
def test_a_cordon_laid_down_is_no_disarmament(stage_pipeline: Pipeline) -> None:
    assert detected(stage_pipeline, "Police laid down a cordon around the market in Kano on Monday.") == []


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # property gutted (the lemmatiser's "gutte"), consumed by fire, or smashed is destroyed property
    "The mosque in the village of Tonj was gutted by fire overnight, police said.",
    "A Catholic church near Temuco was totally consumed by the fire early on Sunday, and pamphlets were found at "
    "the site.",
    "Riot police roamed the car parks of the housing estate on Wednesday night, smashing car windscreens and shop "
    "windows.",
])
def test_property_gutted_consumed_by_fire_or_smashed_is_destroyed(stage_pipeline: Pipeline, text: str) -> None:
    assert ("Strategic developments", "Looting/property destruction") in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize("victims", ["a tailor and his nephew", "two foreign hikers", "the survivors",
                                     "a shopkeeper and a mechanic", "several youngsters"])
def test_trades_kin_and_strangers_attacked_are_civilians(stage_pipeline: Pipeline, victims: str) -> None:
    # the civilian word list holds trades, kin and people named by what befell them, not only the commonest
    text = f"Gunmen attacked {victims} with machetes near Beni on Tuesday."
    assert detected(stage_pipeline, text) == [("Violence against civilians", "Attack")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # ACLED codes fire from the air as an air strike, whoever it hits
    ("A Nigerian Air Force helicopter opened fire on a convoy of bandits near Tsafe on Friday.", [AIR_STRIKE]),
    ("Two Su-25 jets attacked rebel positions near Maaten al-Sarra on Friday.", [AIR_STRIKE]),
    ("The Sudanese air force attacked an RSF camp near Nyala on Friday.", [AIR_STRIKE]),
    ("An army gunship opened fire on villagers gathering firewood near Kajuru on Friday.", [AIR_STRIKE]),
    ("On Friday, the Air Component struck a group of bandits on motorcycles near Tsafe, the army said.", [AIR_STRIKE]),
    # ... not the fighters of a group, nor soldiers a helicopter brought, nor suicide bombers
    ("Fighters of the group attacked an army post near Tsafe on Friday.", [BATTLE]),
    ("Two suicide bombers attacked an army post near Konduga on Friday.",
     [("Explosions/Remote violence", "Suicide bomb")]),
    ("Soldiers who arrived by helicopter opened fire on the militants near Kajuru on Friday.", [BATTLE]),
])
def test_fire_from_an_aircraft_is_an_air_strike(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "asked"), [
    # asked, not told
    ("Neither side said whether the bodies of the soldiers killed at the border had been handed over.", AGREEMENT),
    ("It was not immediately clear whether Russian forces had shelled the town of Kupiansk on Friday.", SHELLING),
])
def test_what_a_whether_clause_asks_is_no_event(stage_pipeline: Pipeline, text: str, asked: tuple) -> None:
    assert asked not in detected(stage_pipeline, text)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # two parties that agree to stand down, swap or stop make an agreement
    ("The Kyrgyz and Tajik defence ministers met in Batken and agreed to pull their troops back from the border "
     "on Tuesday.", [AGREEMENT]),
    ("The Sudanese army and the RSF agreed to exchange prisoners on Tuesday, mediators in Jeddah said.", [AGREEMENT]),
    ("Both sides agreed to halt the fighting around Galkayo on Tuesday.", [AGREEMENT]),
    # ... not one side's plan, nor a government's promise
    ("The government agreed to raise the salaries of teachers on Tuesday.", []),
    ("The Ethiopian government and its allies agreed to send more troops to Amhara on Tuesday.", []),
])
def test_parties_that_agree_to_disengage_make_an_agreement(stage_pipeline: Pipeline, text: str,
                                                           expected: list) -> None:
    assert [k for k in detected(stage_pipeline, text) if k == AGREEMENT] == expected


@pytest.mark.issue(9)
def test_rocket_launchers_fired_at_a_towns_outskirts_are_a_shelling(stage_pipeline: Pipeline) -> None:
    # the launchers are what was fired with, not someone fired from a post
    text = "Kyrgyz forces fired Grad multiple rocket launchers at the outskirts of Isfara on Thursday."
    assert SHELLING in detected(stage_pipeline, text)
    assert detected(stage_pipeline, "The club fired its coach on Thursday.") == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a few men sent in answer to the event told are part of it
    ("Police said a riot unit had been sent in and the camp near Dadaab was calm again.", []),
    ("The governor said soldiers were sent to separate the two clans near Marsabit.", []),
    ("Security forces were deployed around the embassy later in the day.", []),
    # ... a deployment of weight, or told as news of its own, changes a force's activity
    ("Kenya deployed 300 more soldiers to Lamu on Tuesday to secure the road.",
     [("Strategic developments", "Change to group/activity")]),
    ("The army deployed troops to Lamu on Tuesday.", [("Strategic developments", "Change to group/activity")]),
])
def test_a_few_men_sent_to_an_incident_change_no_forces_activity(stage_pipeline: Pipeline, text: str,
                                                                 expected: list) -> None:
    assert [k for k in detected(stage_pipeline, text) if k[0] == "Strategic developments"] == expected


@pytest.mark.issue(9)
def test_a_place_locals_call_by_a_name_does_not_make_the_killing_a_demand(stage_pipeline: Pipeline) -> None:
    # "call" with a name after its object names a place; the parser may hang the killing on it
    text = ("Snipers on the hill killed an old man as he queued for water near the market, the square locals call "
            "'the killing ground'.")
    assert ("Violence against civilians", "Attack") in detected(stage_pipeline, text)
    # ... but what a speaker calls an event is no event told
    assert detected(stage_pipeline, "The opposition called the raid an act of terror.") == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # people detained and beaten were harmed: no attack was beaten back
    ("Two students were detained and beaten by soldiers in Mandalay on Friday.",
     [("Violence against civilians", "Attack")]),
    ("A trader was robbed and beaten by men in uniform at a checkpoint outside Bossangoa on Friday.",
     [("Violence against civilians", "Attack")]),
    # ... a force that beats back an attack, or beats the attackers off, fought
    ("Government troops beat back a rebel attack on Kidal on Friday.", [BATTLE]),
    ("The garrison beat the attackers off after two hours near Kidal on Friday.", [BATTLE]),
])
def test_people_beaten_are_harmed_and_an_attack_beaten_back_is_a_fight(stage_pipeline: Pipeline, text: str,
                                                                       expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a policeman named by his rank or his force's own word is a combatant: his killing is a fight (ACLED)
    ("A police sergeant was shot dead by gunmen outside his home in Tegucigalpa on Monday.", [BATTLE]),
    ("Gunmen shot dead two traffic constables at a crossing in Tegucigalpa on Monday.", [BATTLE]),
    # ... a tradesman is a civilian
    ("Gunmen shot dead two tailors at a crossing in Tegucigalpa on Monday.",
     [("Violence against civilians", "Attack")]),
])
def test_police_named_by_rank_are_combatants(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a group that renames or dissolves itself, told by "it" after its name
    ("The Workers' Revolutionary Party announced on Monday that it had dissolved itself.", [CHANGE]),
    ("The Seleka faction said on Sunday it had changed its name to the Popular Front.", [CHANGE]),
    ("The rebel alliance is changing its name to the National Salvation Army, its spokesman said on Monday.",
     [CHANGE]),
    # ... not a firm, nor a parliament dissolved by a president
    ("The company changed its name to Meridian on Thursday.", []),
    ("The president dissolved parliament on Thursday.", []),
])
def test_a_group_that_renames_or_dissolves_itself_changes(stage_pipeline: Pipeline, text: str,
                                                          expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
def test_a_person_not_seen_since_being_taken_was_taken(stage_pipeline: Pipeline) -> None:
    # the negation is the later clause's ("not seen since"), not the taking's
    text = "Her family say she has not been seen since soldiers took her from her shop in San Miguel on Friday night."
    assert detected(stage_pipeline, text) == [("Violence against civilians", "Abduction/forced disappearance")]
    # ... but a negated act stays untold whatever clause follows it
    assert detected(stage_pipeline, "Soldiers did not open fire on the villagers when they crossed the river.") == []


@pytest.mark.issue(9)
def test_people_taken_at_gunpoint_are_abducted(stage_pipeline: Pipeline) -> None:
    text = "Three aid workers were taken at gunpoint by men in uniform near Kaga Bandoro on Monday evening."
    assert detected(stage_pipeline, text) == [("Violence against civilians", "Abduction/forced disappearance")]
    # ... a town taken is ground, not people
    assert ("Violence against civilians", "Abduction/forced disappearance") not in detected(
        stage_pipeline, "Rebels took the town of Kaga Bandoro on Monday.")


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a vehicle named by its make is a vehicle
    "A journalist was bundled into a grey Toyota Hilux by men in civilian clothes outside his home in Soyapango "
    "on Friday.",
    "Witnesses said the lawyer was forced into a white Land Cruiser outside the court in San Miguel on Monday.",
])
def test_a_person_bundled_into_a_vehicle_named_by_its_make_is_abducted(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == [("Violence against civilians", "Abduction/forced disappearance")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # ground left or handed over under an arrangement, at someone's request, is transferred without a fight
    ("Police on Tuesday withdrew from the checkpoint they had kept for years at the entrance to Chalatenango and "
     "handed the site over to the village council, under an arrangement with the new government.",
     [("Strategic developments", "Non-violent transfer of territory")]),
    # ... not ground given up under fire
    ("Gendarmes withdrew from the post at Chalatenango on Tuesday under heavy fire from the gang.", []),
])
def test_ground_left_under_an_arrangement_changes_hands_without_a_fight(stage_pipeline: Pipeline, text: str,
                                                                       expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a cessation of hostilities, or a plan of peace, signed is an agreement made
    ("Elders of the two clans signed a cessation of hostilities in Galkayo on Thursday.", [AGREEMENT]),
    ("The two presidents signed a Qatari-brokered peace roadmap in Doha on Friday.", [AGREEMENT]),
    # ... any other plan signed is not
    ("The minister signed a development plan on Tuesday.", []),
])
def test_a_cessation_of_hostilities_or_a_peace_plan_signed_is_an_agreement(stage_pipeline: Pipeline, text: str,
                                                                           expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a building turned into a band's headquarters is a base set up
    ("Gang members turned the abandoned clinic in Soyapango into their headquarters last week, residents said.",
     [("Strategic developments", "Headquarters or base established")]),
    # ... not a camp for the displaced, nor barracks turned into a school
    ("The mission handed over the site on Friday, turning it into a camp for displaced people.",
     [("Strategic developments", "Non-violent transfer of territory")]),
    ("The council turned the old barracks into a school on Monday.", []),
])
def test_a_building_turned_into_headquarters_is_a_base(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


GRENADE = ("Explosions/Remote violence", "Grenade")


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a bomb thrown by hand is a grenade attack (ACLED), whatever the bomb is called
    ("Men on motorbikes hurled two crude bombs at a party rally in Bo on Thursday, injuring six people.", [GRENADE]),
    ("Unknown men lobbed a hand bomb into a crowded market in Gbarnga on Sunday evening.", [GRENADE]),
    ("A crude bomb was thrown at the house of a ward councillor in Kenema late on Friday; no one was hurt.",
     [GRENADE]),
    # ... not a petrol bomb or a tear gas bomb, which burn or choke
    ("Police threw tear gas bombs at students marching in Tegucigalpa.", [("Protests", "Protest with intervention")]),
])
def test_a_bomb_thrown_by_hand_is_a_grenade(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # one who "was victim of" or "fell victim to" an attack was attacked: a civilian unless said to be armed
    ("A citizen of 27 years was victim of an attack with firearm by two subjects on a motorcycle in San Pedro Sula "
     "on Monday.", [("Violence against civilians", "Attack")]),
    ("A taxi driver fell victim to an armed attack in Soyapango on Monday night, police said.",
     [("Violence against civilians", "Attack")]),
    ("Two police officers were victims of an attack by gang members in Choloma on Sunday.",
     [("Battles", "Armed clash")]),
    # ... not an attack in words
    ("The candidate said he was the victim of an attack on his reputation.", []),
])
def test_a_victim_of_an_attack_was_attacked(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a killing owned up to names its victims after "of"
    ("The Revolutionary United Front claimed responsibility for the execution of three village chiefs in Kailahun "
     "on Sunday.", [("Violence against civilians", "Attack")]),
    ("A little-known group claimed responsibility on Tuesday for the assassination of a councillor in Mutare.",
     [("Violence against civilians", "Attack")]),
    ("The Mara Salvatrucha admitted the killing of two bus drivers in Soyapango on Friday, police said.",
     [("Violence against civilians", "Attack")]),
    # ... not a killing only spoken of
    ("Mourners in Soyapango remembered the killing of two bus drivers.", []),
])
def test_a_killing_owned_up_to_names_its_victims(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a town entered after its defence fell, or after days of fighting, was taken in a fight
    ("Rebel fighters entered Makeni on Friday after two days of heavy fighting with the army, residents said.",
     [("Battles", "Non-state actor overtakes territory")]),
    ("KLA fighters entered the village of Junik after the collapse of the police lines on Saturday.",
     [("Battles", "Non-state actor overtakes territory")]),
    # ... not a town left to them, nor a stadium entered after a brawl
    ("Soldiers entered the town of Kailahun on Monday after the rebels withdrew overnight.",
     [("Strategic developments", "Non-violent transfer of territory")]),
    ("Police entered the stadium after fans clashed in the stands.", [("Riots", "Mob violence")]),
])
def test_a_town_entered_after_a_fight_was_taken(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a death in the custody of a force is an attack by it (ACLED), more than the arrest before it
    ("A 28-year-old man arrested by police in Tegucigalpa on Friday died in custody the next day; his family said "
     "he had been beaten by officers.", [("Violence against civilians", "Attack")]),
    ("A student detained by soldiers at a checkpoint near Bulawayo on Monday died in a military cell hours later, "
     "his lawyer said.", [("Violence against civilians", "Attack")]),
    # ... not a death of illness in prison, nor one a court case recalls
    ("A former minister held since 2019 died in detention in Freetown on Sunday after a long illness, the prison "
     "service said.", []),
    ("The court charged three officers with the 2004 murder of a teenager who died in custody at an army barracks "
     "near Pristina.", []),
])
def test_a_death_in_custody_is_an_attack(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


OTHER = ("Strategic developments", "Other")


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an armed group's order to stop work or pull down shutters is an order on people (ACLED: Other)
    ("On Thursday the gang ordered every shop in the district to pull down its shutters by 8 p.m.", [OTHER]),
    ("Mara Salvatrucha members told bus owners in Soyapango to stop all services from Monday.", [OTHER]),
    # ... not an order no one gave
    ("A police officer at the bridge told us he had no orders to stop the gang members.", []),
])
def test_an_armed_groups_order_to_stop_work_is_an_event(stage_pipeline: Pipeline, text: str,
                                                        expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
def test_a_building_turned_into_headquarters_is_a_base_however_the_parser_hangs_into(
        stage_pipeline: Pipeline) -> None:
    text = ("Residents say Barrio 18 men have turned the abandoned school on the main road into their headquarters "
            "since last week.")
    assert detected(stage_pipeline, text) == [("Strategic developments", "Headquarters or base established")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a new leader of an armed group, a new branch proclaimed, two bodies unified
    ("After the death of his brother, 'El Negro' assumed the command of the gang in San Pedro Sula, police said.",
     [CHANGE]),
    ("Al-Qaeda in the Islamic Maghreb proclaimed a new branch in southern Tunisia on Friday.", [CHANGE]),
    ("The FMLN and the ERP were unified on Tuesday at a ceremony in Chalatenango.", [CHANGE]),
    ("From this day the armed cells of the north are unified under one structure.", [CHANGE]),
    # ... not an officer who takes command of an operation, nor a state of emergency declared
    ("Colonel Mendoza took command of the operation in Olancho on Monday.", []),
    ("The president declared a state of emergency in Tegucigalpa.", [OTHER]),
])
def test_a_new_leader_branch_or_union_of_a_group_is_a_change(stage_pipeline: Pipeline, text: str,
                                                             expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # men killed after they surrendered: the killing is the event, not a surrender
    ("Relatives said the men were shot dead by soldiers after surrendering near Kailahun.",
     [("Violence against civilians", "Attack")]),
    # ... a surrender told by itself is one
    ("Forty fighters surrendered to the army near Kailahun on Tuesday.", [AGREEMENT]),
])
def test_a_surrender_after_which_men_were_killed_is_no_event_of_its_own(stage_pipeline: Pipeline, text: str,
                                                                       expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an armed group that ends its fight for good, ends its truce or says it takes the fight up again
    ("ETA announced on 20 October 2011 the definitive cessation of its armed activity.", [CHANGE]),
    ("The Real IRA announced on Tuesday that it was ending its armed campaign.", [CHANGE]),
    ("The MFDC said on Monday that it renounced violence.", [CHANGE]),
    ("Casamance separatists declared on Friday that they were ending their unilateral truce.", [CHANGE]),
    ("The MFDC said on Thursday it had ended its three-year-old power-sharing truce with Ziguinchor's governor.",
     [CHANGE]),
    ("The ELN announced on Monday that it was resuming offensive operations after the collapse of talks.", [CHANGE]),
    # ... a leader the group puts out
    ("The RUF said on Sunday that it had expelled its field commander Sam Bockarie from the movement.", [CHANGE]),
    ("The NLA dismissed its commander for the Tetovo region on Friday, a spokesman said.", [CHANGE]),
    # ... not attacks taken up again, a truce that ran out, a party's or a club's quarrel, nor a vow
    ("Rebels resumed attacks on the town of Kailahun on Monday, killing four people.",
     [("Violence against civilians", "Attack")]),
    ("Talks to end the insurgency resumed in Geneva on Tuesday.", []),
    ("The ANC expelled its youth leader Julius Malema from the party on Thursday.", []),
    ("The club sacked its head coach on Monday after a run of defeats.", []),
    ("The police commander of the district was removed from his post after the killings.", []),
    ("The government vowed on Friday to end the violence in the north.", []),
    # ... nor a ministry's account of the other side's offensive taken up again
    ("On Saturday the rebels resumed offensive actions towards Kailahun, the ministry said.", [BATTLE]),
    # ... and a truce begun is still an agreement
    ("The ELN's Eastern War Front declared a unilateral Christmas ceasefire in Arauca on Thursday.", [AGREEMENT]),
])
def test_a_group_that_ends_its_fight_or_truce_or_puts_out_its_leader_changes(stage_pipeline: Pipeline, text: str,
                                                                             expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # limbs cut off: the people they were cut from were attacked
    ("RUF rebels hacked off the hands of five villagers near Masiaka on Friday.", [ATTACK]),
    ("Rebels cut off the ears and lips of two farmers near Koidu on Saturday, a hospital official said.", [ATTACK]),
    ("Armed men chopped off the hand of a shopkeeper accused of theft in Gao on Sunday.", [ATTACK]),
    # ... not a road, a supply or a branch cut off
    ("Rebels cut off the road between Makeni and Kabala on Saturday.", []),
    ("Villagers chopped off the branches of the mango trees on Sunday.", []),
])
def test_limbs_cut_off_are_an_attack_on_their_owners(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the arrests a protest is against are no intervention in it
    ("About 200 Kosovo Serbs gathered in Gracanica on Sunday to protest against the arrest of three Serbs.",
     [("Protests", "Peaceful protest")]),
    ("Hundreds marched through Freetown on Saturday demanding the release of detained journalists.",
     [("Protests", "Peaceful protest")]),
    # ... but marchers arrested are
    ("Police arrested 50 people who were marching through Harare on Thursday to protest against fuel prices.",
     [("Protests", "Protest with intervention")]),
])
def test_arrests_protested_against_are_no_intervention(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
def test_accords_named_in_the_plural_are_signed_agreements(stage_pipeline: Pipeline) -> None:
    # a name's plural ("Accords") the lemmatiser leaves as it is
    assert detected(stage_pipeline, "The government and the RUF signed the Abidjan Peace Accords on Saturday.") == \
        [AGREEMENT]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a workshop, factory or laboratory of weapons dismantled or found stops their use
    ("Police in Tegucigalpa dismantled a workshop where gang members manufactured homemade guns on Friday.",
     [DISRUPTED]),
    ("Soldiers discovered a bomb-making factory in a house in Kenema on Tuesday, the army said.", [DISRUPTED]),
    ("Police dismantled an IED workshop on the outskirts of Kasserine on Friday.", [DISRUPTED]),
    # ... not a laboratory of drugs, nor a plant with no weapons
    ("Police dismantled a clandestine drug laboratory in Tegucigalpa on Friday.", []),
    ("Inspectors found a chemical plant near Kasserine that had been closed for years.", []),
])
def test_a_weapons_workshop_dismantled_disrupts_their_use(stage_pipeline: Pipeline, text: str,
                                                          expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an armed group made into another body changes
    ("On 9 September 1999, the Kosovo Liberation Army was transformed into the Kosovo Protection Corps.", [CHANGE]),
    ("The FMLN turned itself into a political party on Saturday.", [CHANGE]),
    ("The militia was converted into a regular army brigade on Monday.", [CHANGE]),
    # ... not a school made into barracks, nor a village into a battlefield
    ("The army converted the school into a barracks on Monday.", []),
    ("The village was turned into a battlefield on Sunday.", []),
])
def test_an_armed_group_made_into_another_body_changes(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an aircraft that carried the wounded or fired tear gas struck no one
    ("The soldiers fought the rebels for an hour near Kabala; two wounded soldiers were evacuated by helicopter to "
     "Freetown.", [BATTLE]),
    ("Police fired tear gas from a helicopter at the crowd of marchers in Harare on Saturday.",
     [("Protests", "Protest with intervention")]),
    # ... nor did tear gas shells
    ("Police used tear gas shells to disperse the marchers in Tunis on Saturday.",
     [("Protests", "Protest with intervention")]),
    # ... nor did flares fired over a village
    ("Soldiers fired illumination flares over the village near Kailahun on Monday night.", []),
    ("Soldiers fired signal rounds near Kailahun on Monday night.", []),
    # ... and people pulled from the rubble were rescued, not taken
    ("Rescue workers pulled five people from the rubble of a house in Kenema on Sunday.", []),
    # ... but a drone that killed, mortar shells fired and men pulled from a bus are events
    ("Two civilians were killed by a drone near Kabala on Monday.", [AIR_STRIKE]),
    ("Rebels fired mortar shells at Kenema on Monday.", [SHELLING]),
    ("Gunmen pulled three men from a bus near Bo and took them into the bush.",
     [("Violence against civilians", "Abduction/forced disappearance")]),
])
def test_aircraft_that_carried_tear_gas_shells_flares_and_rescues_are_no_strikes(
        stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a truck loaded with rifles carried weapons
    ("Customs officers seized a truck loaded with Kalashnikov rifles and rockets at Ras Jedir on Monday.",
     [DISRUPTED]),
    ("Soldiers seized a car packed with explosives near Bo on Friday.", [DISRUPTED]),
    # ... not one loaded with cigarettes
    ("Police seized a truck loaded with cigarettes near Bo on Friday.", []),
])
def test_a_vehicle_loaded_with_arms_carries_them(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
def test_control_of_a_place_recovered_is_the_place_regained(stage_pipeline: Pipeline) -> None:
    [event] = extract(stage_pipeline, "The Tunisian National Guard recovered full control of Ben Gardane on Tuesday.")
    assert event.sub_event_type == "Government regains territory"


@pytest.mark.issue(9)
def test_fire_opened_on_a_tractor_is_an_attack_on_civilians(stage_pipeline: Pipeline) -> None:
    # a farmer's tractor is a civilian target, whoever was on it
    assert detected(stage_pipeline, "A man was killed and his son wounded when unidentified attackers opened fire "
                                    "on their tractor near Gnjilane on Monday.") == [ATTACK]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a named victim whose apposition's own noun is a civilian's was a civilian, whatever "unit" follows
    ("Gunmen shot dead Ana Morales, prosecutor of the special unit against extortion, in San Pedro Sula on "
     "Wednesday.", [ATTACK]),
    # ... but one named as a commander was a combatant
    ("Soldiers shot dead Sam Kamara, a senior RUF commander, near Kailahun on Wednesday.", [BATTLE]),
])
def test_a_named_victim_is_who_the_apposition_says(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # fire at people the sentence does not call armed, killing civilians, is one attack on them
    ("Border guards opened fire on a group of Liberians near Ganta on Tuesday, killing a woman and her son.",
     [ATTACK]),
    # ... and a synagogue or a temple is a civilian target
    ("Gunmen opened fire on a synagogue in Djerba on Tuesday.", [ATTACK]),
    # ... but fire at soldiers is a fight
    ("Rebels opened fire on an army checkpoint near Kenema, killing two soldiers.", [BATTLE]),
])
def test_fire_that_killed_civilians_is_an_attack_on_them(stage_pipeline: Pipeline, text: str,
                                                         expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # goods seized are no ground taken
    ("MODEL fighters seized a shipment of food aid near Greenville on Friday.", []),
    ("Rebels captured a consignment of medicine bound for Kenema on Monday.", []),
    # ... a town is
    ("Rebels seized the town of Buchanan on Tuesday.", [BATTLE]),
])
def test_goods_seized_are_no_ground_taken(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a rights group's yearbook, a quarterly brief, a count over twelve months: tallies, not events
    "The rebels killed 412 civilians and abducted 1,200 in Kailahun in 1999, according to the yearbook of a "
    "Freetown rights group released on Monday.",
    "Violence against civilians in Liberia rose by a third between April and June, with 58 people killed, 40 "
    "abducted and 21 raped, the UN mission said in its quarterly brief on Friday.",
    "There were four security-related deaths in Sierra Leone in the 12 months to the end of March, along with 30 "
    "shooting incidents and 12 bombing incidents, police figures showed.",
])
def test_a_tally_of_a_year_or_a_quarter_is_no_event(stage_pipeline: Pipeline, text: str) -> None:
    assert extract(stage_pipeline, text) == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a military parade shows force: troops rolling or marching in it are no deployment, nor a protest ...
    ("Thousands of soldiers and tanks rolled through Freetown in a military parade marking Independence Day on "
     "Thursday.", []),
    ("A bomb exploded among soldiers marching in a military parade in Freetown on Thursday, killing four.",
     [("Explosions/Remote violence", "Remote explosive/landmine/IED")]),
    # ... troops rolling into a town are
    ("Thousands of soldiers and tanks rolled into Freetown on Thursday after the coup.",
     [("Strategic developments", "Change to group/activity")]),
])
def test_a_military_parade_is_no_deployment_or_protest(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
def test_what_units_practised_after_an_exercise_is_named_is_no_event(stage_pipeline: Pipeline) -> None:
    exercise = "The armed forces of Liberia began their annual exercise at the Camp Todee range on Monday. "
    assert detected(stage_pipeline, exercise + "On Tuesday, infantry units practised repelling an attack on a "
                    "convoy.") == []
    # ... an attack told after it is one
    assert detected(stage_pipeline, exercise + "On Tuesday, rebels attacked an army convoy near Gbarnga.") == \
        [("Battles", "Armed clash")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # surrenders and seizures counted over months or in an annual count are tallies too
    ("The army says its troops have killed 300 rebels and received the surrender of more than 900 others in six "
     "months of operations in Kailahun.", []),
    ("Police seized 200 rifles and 40 grenades in Liberia in 2023, according to the annual count the police "
     "published on Thursday.", []),
    # ... one day's are events
    ("More than 900 RUF fighters surrendered to the army in Kailahun on Monday.", [AGREEMENT]),
    ("Police seized 200 rifles and 40 grenades in a raid in Monrovia on Thursday.",
     [("Strategic developments", "Disrupted weapons use")]),
])
def test_strategic_events_counted_over_months_are_a_tally(stage_pipeline: Pipeline, text: str,
                                                          expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a clause in the present tense that hangs on a verb in the future tells what is yet to come
    ("Engineers will begin building a bridge across the Mano river as soon as the peace agreement is signed in "
     "Abidjan next week, officers said on Thursday.", []),
    ("The militia will hand over its weapons in Ganta when the agreement is signed.", []),
    # ... not a past event told beside a future one
    ("Rebels attacked Kenema on Monday, and the army said it will respond.", [("Battles", "Armed clash")]),
])
def test_a_present_clause_under_a_future_verb_is_no_event(stage_pipeline: Pipeline, text: str,
                                                           expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # stalls torn down, wells and a borehole destroyed: property, whatever the tool
    "Armed men of the militia tore down some 30 market stalls in Kenema on Monday.",
    "Rebels destroyed two wells and a borehole at Foya on Sunday before they left the area.",
])
def test_stalls_torn_down_and_wells_destroyed_are_property_destruction(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == [("Strategic developments", "Looting/property destruction")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # "due to" a thing gives the cause of what was done
    ("The president declared a state of emergency in Bo due to grave unrest on Monday.",
     [("Strategic developments", "Other")]),
    ("The army withdrew from Kenema due to the ceasefire on Monday.",
     [("Strategic developments", "Non-violent transfer of territory")]),
    # ... "due to" a verb, a plan
    ("Troops are due to withdraw from Bo on Monday.", []),
])
def test_due_to_a_cause_is_no_plan(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the deaths a protest is against are no force used on it
    ("Police fired tear gas to clear several hundred taxi drivers who were blocking the highway in Freetown during a "
     "strike against extortion and the killing of drivers by gangs.",
     [("Protests", "Protest with intervention")]),
    ("Traders in Bo shut their shops and marched on Wednesday to protest the killing of protesters in Kenema.",
     [("Protests", "Peaceful protest")]),
    # ... a death at the protest still makes the force excessive
    ("Police fired tear gas at students in Bo protesting the killing of a classmate, and one protester died.",
     [("Protests", "Excessive force against protesters")]),
])
def test_deaths_a_protest_is_against_are_no_excessive_force(stage_pipeline: Pipeline, text: str,
                                                             expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the month March is no march: fire on unarmed porters is an attack on civilians
    ("On 2 March 2021, border guards opened fire on a group of porters in the hills near Kailahun, killing two.",
     [("Violence against civilians", "Attack")]),
    # ... while marchers fired on in March are still protesters
    ("Police fired live rounds at marchers in Bo on 4 March.", [("Protests", "Excessive force against protesters")]),
])
def test_the_month_march_is_no_protest(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # whom fire is aimed "at" says whether it was an attack on civilians
    "Gunmen fired at the imam of the mosque in Kenema as he left after morning prayer.",
    "Soldiers in Daru fired at a man riding his motorbike to his farm and wounded him.",
])
def test_fire_aimed_at_a_civilian_is_an_attack(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == [("Violence against civilians", "Attack")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # an event named by its month or year is one told before
    ("About 150 residents of Daru, whose houses were burned during the September fighting, met the district "
     "officer in Kailahun on Tuesday.", []),
    ("Two veterans wounded in the 1999 fighting were honoured in Freetown on Monday.", []),
    # ... not a past event told with its own date, nor today's
    ("Rebels attacked Kenema on Monday, the worst fighting since the January offensive.", [("Battles", "Armed clash")]),
])
def test_an_event_named_by_its_month_or_year_is_past(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # a force that takes up positions or guard duty is deployed, and takes no ground from anyone
    ("Soldiers took up positions at the Bumbuna power station in Tonkolili on Thursday after a spate of sabotage.",
     [("Strategic developments", "Change to group/activity")]),
    # ... unless the other side left them
    ("Troops took up positions in Daru on Monday after the rebels left.",
     [("Strategic developments", "Non-violent transfer of territory")]),
])
def test_positions_taken_up_are_a_deployment(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", [
    # a nickname ("alias") is a person's: its capture is an arrest, not ground taken
    "THEY CAPTURE ALIAS 'RUBEN', LOGISTICIAN OF THE RUF!!",
    "Soldiers captured the subject known as alias Ruben in Kailahun on Saturday.",
])
def test_a_capture_of_an_alias_is_an_arrest(stage_pipeline: Pipeline, text: str) -> None:
    assert detected(stage_pipeline, text) == [("Strategic developments", "Arrests")]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # groups "fighting over" a prize are said to be rivals, no fight is told
    ("Talks between two rival taxi associations fighting over the lucrative route to Bo broke up on Tuesday without "
     "a deal.", []),
    # ... while a fight told beside it stays
    ("Gangs fighting over the market in Kenema clashed on Monday, killing two.", [("Battles", "Armed clash")]),
])
def test_rivals_fighting_over_a_prize_tell_no_fight(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected


@pytest.mark.issue(9)
def test_people_who_were_transferred_are_no_ground_handed_over(stage_pipeline: Pipeline) -> None:
    # the released detainees "who were transferred ... to the free territory" are people, not a place that changed hands
    assert detected(stage_pipeline, "Under the exchange agreement, 211 detained persons, soldiers and civilians, who "
                                    "were transferred in UN buses across the line to the free territory, reached "
                                    "Kenema on Monday.") == []


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "expected"), [
    # the dead a week is held "in memory of" died in events told before
    ("The RUF said it will observe martyrs' week from 28 July in memory of its cadres killed in encounters with the "
     "army.", []),
    # ... not "memories" a new event revives of a past one with its own date
    ("Rebels attacked Daru on Monday, reviving memories of the attack on Kailahun.", [("Battles", "Armed clash")]),
])
def test_the_dead_remembered_died_in_past_events(stage_pipeline: Pipeline, text: str, expected: list) -> None:
    assert detected(stage_pipeline, text) == expected

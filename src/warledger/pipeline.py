"""The orchestrator: documents in, events out, one stage after another.

    1. clean     drop boilerplate lines, keep the map back to the original text
    2. segment   spaCy parse; paragraphs and sentences
    3. annotate  places, actors, dates, death figures, speakers per sentence
    4. detect    trigger words that report an event that happened
    5. resolve   each mention's date span, place, actors and claims; a party's denial joins the
                 event it denies as a claim
       classify  a learned second opinion on each mention's sub-event type, in short texts; in a
                 short text where the rules found nothing, the event it is sure of; and no event
                 where it reads the sentence as telling none
    6. merge     mentions of one event inside a report, then across reports
    7. corroborate  reposts marked as copies of their original; each event's corroboration status

Reading files (read.py) and storing rows (store/) stay outside: this module neither reads
files nor touches a database. Stages 1-6a run per document, here or in worker processes, local or
on a Dask cluster (workers.py); 6b runs here. Before stage 2, a text with no word that could be a
trigger is given no events without being parsed (prefilter.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from spacy.tokens import Doc

from warledger.actors import ActorMatcher
from warledger.annotate import annotate
from warledger.claims import attach_denials
from warledger.classify import (
    MAX_SENTENCES,
    SentenceTypes,
    first_opinion,
    load_encoder,
    one_crowd_event,
    one_event_per_sentence,
    retype,
    without_arms_taken_in_a_fight,
    without_arrests_at_a_crowd,
    without_vague_background,
)
from warledger.clean import BoilerplateRule, CleanText, clean, parse_rules, teasers
from warledger.corroboration import corroborate
from warledger.detect import Detector, load_triggers
from warledger.knowledge_actors import ActorKnowledge, load_actor_knowledge
from warledger.merge import merge_corpus, merge_document
from warledger.places import Gazetteer
from warledger.prefilter import TriggerWords
from warledger.records import TERRITORIAL, Document, Event, Mention, Skipped
from warledger.reposts import Fingerprint, Origin, fingerprint
from warledger.resolve import resolve
from warledger.segment import load_nlp, parse_all, reparse_datelines, segment
from warledger.workers import DaskWorkers, LocalWorkers, Workers, run

# Texts longer than this many characters are cut before parsing: spaCy's parser needs memory in
# proportion to the text, and a news report is far shorter (the longest seed is 4,300 characters).
MAX_PARSE_CHARS = 200_000
# Sentences longer than this many tokens are not searched for events. The longest sentence of the
# development corpus, the seed reports and the examples has 75 tokens; a "sentence" of hundreds is a
# list or a run of words with no full stop (1 MB of one word), and the detector's cost grows faster
# than the square of a sentence's length (1,000 tokens of "attack" took 75 s, 300 took 3 s).
MAX_SENTENCE_TOKENS = 200
# Documents parsed together in one process: large enough for spaCy's batches, small enough that
# memory stays flat on a corpus of any size.
CHUNK_DOCUMENTS = 256
# Documents of one task sent to a worker process: a second or two of work for news reports, so that
# the workers stay evenly busy and the results come back in small steps. An input of one task's
# documents or fewer is extracted here, without starting workers.
TASK_DOCUMENTS = 8


class ProfileError(ValueError):
    """A user profile file cannot be used."""


@dataclass(slots=True)
class DocumentResult:
    """What one document gave: its mention clusters, or why it was skipped."""

    document: Document
    clusters: list[list[Mention]] = field(default_factory=list)
    skipped: Skipped | None = None


class Pipeline:
    """Loads the model and the knowledge once; runs the stages over many documents.

    `processes` > 1 runs the per-document stages in that many local worker processes; `scheduler`
    (the address of a dask.distributed scheduler, "tcp://HOST:8786") runs them on that cluster's
    workers instead. Either way the events are the same as in one process. `close()` stops the
    workers.
    """

    def __init__(self, profiles: Sequence[Path] = (), processes: int = 1, scheduler: str | None = None):
        for path in profiles:
            _check_profile(Path(path))
        self.profiles = tuple(Path(p) for p in profiles)
        self.processes = processes
        # the cluster first: an address that leads nowhere is told before the model loads
        self._workers: Workers | None = DaskWorkers(scheduler, self.profiles) if scheduler else None
        self.nlp = load_nlp()
        self.recognise = self.nlp.get_pipe("ner")  # entities, on the sentences that need them (segment.py)
        self.gazetteer = Gazetteer.load(profiles)
        self.knowledge: ActorKnowledge = load_actor_knowledge(profiles)
        self.matcher = ActorMatcher.build(self.nlp, self.knowledge)
        self.detector = Detector(self.nlp, load_triggers(profiles))
        self.classifier = SentenceTypes.load()
        if self.classifier.embedding_scale:
            load_encoder()  # here, before workers are forked: they share it
        self.boilerplate: tuple[BoilerplateRule, ...] = _profile_boilerplate(profiles)
        self.trigger_words = TriggerWords(self.nlp, self.detector.rules.values())

    def documents(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Per-document stages 1-6a (merging inside each report), streaming, in input order."""
        iterator = iter(documents)
        if self._workers is None and self.processes <= 1:
            while chunk := list(islice(iterator, CHUNK_DOCUMENTS)):
                yield from self.extract_here(chunk)
            return
        tasks = iter(lambda: list(islice(iterator, TASK_DOCUMENTS)), [])
        first = next(tasks, None)
        second = next(tasks, None)
        if first is None or second is None:
            yield from self.extract_here(first or [])
            return
        if self._workers is None:
            self._workers = LocalWorkers(self, self.processes)
        for document, (clusters, skipped) in run(self._workers, chain([first, second], tasks)):
            yield DocumentResult(document, clusters, skipped)

    def close(self) -> None:
        """Stop the local worker processes, or leave the Dask cluster. The pipeline stays usable: later
        documents run in new local workers (or here, with processes=1)."""
        workers, self._workers = self._workers, None
        if workers is not None:
            workers.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def extract_here(self, documents: list[Document]) -> list[DocumentResult]:
        """Stages 1-6a of `documents` in this process; the results in the documents' order."""
        results: list[DocumentResult | None] = []
        pending: list[tuple[int, Document, CleanText]] = []
        texts: list[str | Doc] = []  # what spaCy parses of each pending document (prefilter.TriggerWords.screen)
        for document in documents:
            results.append(None)
            if document.published is None:
                results[-1] = DocumentResult(document, skipped=Skipped(
                    document.origin or document.id,
                    "no publication date: give --date, a NAME.meta.json sidecar or a date field"))
                continue
            cleaned = clean(document.text, self.boilerplate)  # 1. clean
            if not cleaned.text.strip():
                results[-1] = DocumentResult(document, skipped=Skipped(document.origin or document.id,
                                                                       "no text left after removing boilerplate"))
                continue
            to_parse = self.trigger_words.screen(cleaned.text[:MAX_PARSE_CHARS])
            if to_parse is None:
                results[-1] = DocumentResult(document)  # what stages 2-6a give a text without a trigger word
                continue
            pending.append((len(results) - 1, document, cleaned))
            texts.append(to_parse)
        for (position, document, cleaned), parsed in zip(pending, parse_all(self.nlp, texts), strict=True):  # 2.
            try:
                results[position] = DocumentResult(document, clusters=self._after_parse(document, cleaned, parsed))
            except Exception as error:  # one bad article never stops a batch
                results[position] = DocumentResult(document, skipped=Skipped(
                    document.origin or document.id,
                    f"internal error while extracting: {type(error).__name__}: {error}"))
        return [result for result in results if result is not None]

    def _after_parse(self, document: Document, cleaned: CleanText, parsed: object) -> list[list[Mention]]:
        assert document.published is not None
        assert isinstance(parsed, Doc)
        parsed = reparse_datelines(self.nlp, parsed)  # a dateline's sentence parsed without it
        segmented = segment(parsed, self.recognise)  # 2. segment
        annotated = annotate(segmented, document.published, self.gazetteer, self.matcher, self.knowledge)  # 3.
        # the sentences that may tell an event: not overlong, and no teaser for another story run into a paragraph
        # (`make oof`: 0.777 / 0.923 / 0.951 -> 0.779 / 0.924 / 0.951, 12 texts better and none worse by sub-type;
        # 11 and none by the strict pairing)
        skipped = teasers([n.text for n in annotated.sentences])
        sentences = [(n.index, n.paragraph, n.token_start, n.token_end) for k, n in enumerate(annotated.sentences)
                     if n.token_end - n.token_start <= MAX_SENTENCE_TOKENS and k not in skipped]
        candidates = self.detector.find(segmented.doc, sentences)  # 4. detect
        mentions = resolve(document, annotated, candidates, self.gazetteer, self.knowledge,  # 5. resolve
                           cleaned.to_original)
        if not mentions and len(sentences) <= MAX_SENTENCES:
            # a note the rules found nothing in: the classifier's event, if it is sure of one
            doc = segmented.doc
            told = [(i, a, b) for i, _, a, b in sentences]
            matches = self.detector.matches(doc)  # the rules' words, whether detect took them or not
            # no event where a sentence is about what reads as none (a disaster, a drill, sport, a commemoration);
            # else the classifier's pick among the sentences whose own words the rules do not read as no event
            # ("Nothing has been heard from them since" leaves "were stopped by armed men ... and driven away")
            found = [] if any(self.detector.about_no_event(doc, a, b) for _, a, b in told) else first_opinion(
                self.classifier, doc, [t for t in told if not self.detector.told_as_no_event(doc, t[1], t[2], matches)],
                matches)
            mentions = resolve(document, annotated, found, self.gazetteer, self.knowledge, cleaned.to_original)
            # ground that changed hands is ground named: "moved into the areas the guerrillas had left" took nothing
            # the row could place
            mentions = [m for m in mentions if m.place is not None or m.sub_event_type not in TERRITORIAL]
        mentions = attach_denials(document, annotated.sentences, mentions, cleaned.to_original)
        mentions = retype(mentions, self.classifier, len(sentences))  # the learned second opinion
        mentions = without_vague_background(mentions, annotated, len(sentences))  # a note's year-old context
        clusters = merge_document(mentions, self.gazetteer)  # 6a. merge inside the report
        # ... and one event where a note's sentence told two of one day and place (a report's, where one of the
        # two is a crowd's), of the sub-type the classifier prefers
        clusters = one_event_per_sentence(clusters, self.classifier, len(sentences))
        # ... no weapons seizure beside a clash of the same day and place (the arms were taken in it)
        clusters = without_arms_taken_in_a_fight(clusters)
        # ... no arrests beside a demonstration or riot of the same day and place (they were made at it)
        clusters = without_arrests_at_a_crowd(clusters, len(sentences))
        # ... and one demonstration or riot of a day and place that a note told in two sentences
        return one_crowd_event(clusters, self.classifier, len(sentences))

    def merge(self, clusters: Sequence[list[Mention]], origins: Mapping[str, Origin] | None = None) -> list[Event]:
        """6b. merge across reports; 7. corroborate, with the reposts among the reports (`origins`: each
        repost's original, keyed by the repost's id)."""
        return corroborate(merge_corpus(clusters, self.gazetteer), origins or {}, self.outlet_side)

    def outlet_side(self, outlet: str) -> str | None:
        """The party an outlet speaks for (its country for state media), or None."""
        entry = self.knowledge.find_outlet(outlet)
        return entry.side if entry else None

    def fingerprint(self, document: Document) -> Fingerprint:
        """What reposts of `document` are found by: its cleaned text's lead (reposts.py)."""
        return fingerprint(clean(document.text, self.boilerplate).text)

    def extract(self, documents: Iterable[Document]) -> tuple[list[Event], list[Skipped]]:
        clusters: list[list[Mention]] = []
        skipped: list[Skipped] = []
        for result in self.documents(documents):
            if result.skipped is not None:
                skipped.append(result.skipped)
            clusters.extend(result.clusters)
        return self.merge(clusters), skipped


def _check_profile(path: Path) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ProfileError(f"profile {path}: cannot read: {error.strerror or error}") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ProfileError(f"profile {path}: not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise ProfileError(f"profile {path}: must be a JSON object with keys such as places, groups, triggers")


def _profile_boilerplate(profiles: Sequence[Path]) -> tuple[BoilerplateRule, ...]:
    rules: list[BoilerplateRule] = []
    for path in profiles:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if "boilerplate" in data:
            rules.extend(parse_rules(data["boilerplate"], source=str(path)))
    return tuple(rules)

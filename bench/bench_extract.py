"""Benchmark: how long `extract` takes beside one bare spaCy pass over the same texts.

Run with `make bench`. The corpus is 300 distinct reports of about 500 words made from the team's
development corpus (bench/reports.py); `--corpus repeated` gives the old one, the example reports
(and the seed reports when ../shared/eval/seeds is beside the checkout) repeated to --articles texts,
which keeps every cache warm. Both runs use --processes workers (default: one per core).

Two measures, each printed as a ratio spaCy time / warledger time (1.0: extraction as fast as a
bare spaCy pass; higher is faster):
- in this process: `Pipeline.extract` against spaCy's `nlp.pipe(n_process=N)`, models already loaded;
  --repeat runs of each (default 3), alternating which goes first, and the median times compared
  (one run of each varied from 0.82 to 1.06 on an idle machine here);
- whole processes (`--whole`): the `warledger extract FILE` command with its defaults against a
  Python process that loads spaCy's model and runs the same `nlp.pipe`, each timed from start to exit.
Also prints peak resident memory of the benchmark process and of its largest worker process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from reports import reports  # noqa: E402

from warledger.pipeline import Pipeline  # noqa: E402
from warledger.read import read_inputs, read_records  # noqa: E402
from warledger.records import Document  # noqa: E402
from warledger.segment import MODEL_NAME  # noqa: E402
from warledger.workers import cores  # noqa: E402

BARE_SPACY = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in spacy.load(sys.argv[2]).pipe(texts, n_process=int(sys.argv[3]), batch_size=16):
    pass
"""


def repeated_corpus(count: int) -> list[Document]:
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


def as_jsonl(docs: list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            assert d.published is not None
            out.write(json.dumps({"id": d.id, "title": d.title, "text": d.text,
                                  "date": d.published.isoformat()}, ensure_ascii=False) + "\n")


def timed(command: list[str]) -> float:
    """Seconds from the start of a process running this checkout's code to its exit."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    return time.perf_counter() - started


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["distinct", "repeated"], default="distinct")
    parser.add_argument("--articles", type=int, help="texts (default: 300 distinct, 400 repeated)")
    parser.add_argument("--processes", type=int, default=cores(), help="workers of both runs (default: cores)")
    parser.add_argument("--whole", action="store_true", help="also time whole processes from start to exit")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs of each, alternating which goes first; medians are compared (default 3)")
    args = parser.parse_args()
    if args.corpus == "distinct":
        docs = [d for d in read_records(reports(args.articles or 300), "bench") if isinstance(d, Document)]
    else:
        docs = repeated_corpus(args.articles or 400)
    words = sum(len(d.text.split()) for d in docs)

    nlp = spacy.load(MODEL_NAME)
    started = time.perf_counter()
    pipeline = Pipeline(processes=args.processes)
    load_s = time.perf_counter() - started

    def bare() -> float:
        started = time.perf_counter()
        for _ in nlp.pipe((d.text for d in docs), n_process=args.processes, batch_size=16):
            pass
        return time.perf_counter() - started

    def ours() -> tuple[float, tuple[list, list]]:
        started = time.perf_counter()
        with pipeline:  # fresh worker processes each run, as a new `extract` would start
            result = pipeline.extract(docs)
        return time.perf_counter() - started, result

    # runs alternate which goes first (the machine's speed drifts); the medians are compared
    spacy_runs: list[float] = []
    pipeline_runs: list[float] = []
    for run in range(args.repeat):
        if run % 2:
            pipeline_s, (events, skipped) = ours()
            spacy_runs.append(bare())
        else:
            spacy_runs.append(bare())
            pipeline_s, (events, skipped) = ours()
        pipeline_runs.append(pipeline_s)
    spacy_s, pipeline_s = statistics.median(spacy_runs), statistics.median(pipeline_runs)

    report = {
        "corpus": args.corpus, "articles": len(docs), "distinct_texts": len({d.text for d in docs}),
        "words": words, "processes": args.processes,
        "spacy_articles_per_s": round(len(docs) / spacy_s, 1),
        "spacy_words_per_s": round(words / spacy_s),
        "pipeline_articles_per_s": round(len(docs) / pipeline_s, 1),
        "pipeline_load_s": round(load_s, 1),
        "ratio_pipeline_to_spacy": round(spacy_s / pipeline_s, 2),
        "runs": args.repeat,
        "ratio_of_each_run": [round(a / b, 2) for a, b in zip(spacy_runs, pipeline_runs, strict=True)],
        "events": len(events), "skipped": len(skipped),
        "peak_rss_mb_main": round(peak_mb(resource.RUSAGE_SELF)),
        "peak_rss_mb_largest_worker": round(peak_mb(resource.RUSAGE_CHILDREN)),
    }
    if args.whole:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "reports.jsonl"
            as_jsonl(docs, path)
            bare_s = timed([sys.executable, "-c", BARE_SPACY, str(path), MODEL_NAME, str(args.processes)])
            # `warledger extract FILE` with its defaults, as the installed command runs it
            command = [sys.executable, "-c", "from warledger.cli import main; main()"]
            whole_s = timed([*command, "extract", str(path), "-o", str(Path(folder) / "events.jsonl")])
        report.update({"whole_spacy_s": round(bare_s, 1), "whole_extract_defaults_s": round(whole_s, 1),
                       "ratio_whole_extract_to_spacy": round(bare_s / whole_s, 2)})
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

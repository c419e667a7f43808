"""Command line: a thin layer over the library. Errors are one clear line, never a traceback.

Exit status: 0 all went well; 1 an error stopped the command; 3 the command finished but some
inputs were skipped (each named on standard error with its reason).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from warledger import __version__
from warledger.progress import Progress, count_reports
from warledger.records import CORROBORATION, EVENT_TYPES, Document, Skipped

if TYPE_CHECKING:
    # Imported lazily at run time: spaCy and the gazetteer are slow to load, and `--help` needs neither.
    from warledger.pipeline import Pipeline
    from warledger.store import Store

EXIT_SKIPPED = 3
DEFAULT_DB = "warledger.db"
# A write token shorter than this is too easy to guess.
MIN_WRITE_TOKEN = 16


class UserError(click.ClickException):
    """An error a user can fix, printed as one line."""

    def show(self, file: Any = None) -> None:
        click.echo(f"warledger: error: {self.message}", err=True)


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _near(_ctx: click.Context, _param: click.Parameter,
          value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not LAT,LON,KM (for example 39.82,46.75,50)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise click.BadParameter(f"{value!r}: latitude, longitude or distance out of range")
    return lat, lon, km


profile_option = click.option(
    "--profile", "profiles", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
    help="A JSON profile adding your own places, actors, triggers or boilerplate rules (repeatable).")
date_option = click.option("--date", "default_date", callback=_date, metavar="YYYY-MM-DD",
                           help="Publication date for plain-text inputs that carry none.")
processes_option = click.option("-j", "--processes", type=click.IntRange(1, 256), metavar="N",
                                help="Local worker processes for the extraction  [default: one per core]")
scheduler_option = click.option(
    "--scheduler", metavar="tcp://HOST:8786",
    help="Run the extraction on the workers of this running Dask cluster instead of local processes "
         "(start one with `dask scheduler` and `dask worker tcp://HOST:8786`; see the README).")
db_option = click.option("--db", default=DEFAULT_DB, show_default=True,
                         help="Store: a file path, a URL such as sqlite:///events.db, or a PostgreSQL "
                              "server's postgresql://USER@HOST/DATABASE.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warledger")
def main() -> None:
    """warledger: news reports about armed conflict in, an ACLED-style event dataset out.

    \b
    The events' fields, export and input formats, in the warledger repository:
      docs/output-contract.md
    """


def build_pipeline(profiles: Sequence[Path], processes: int, scheduler: str | None = None) -> Pipeline:
    """The pipeline a command runs. Every command builds it through this one function, so that a test
    session can hand all its commands one loaded pipeline instead of loading the model for each."""
    from warledger.pipeline import Pipeline

    return Pipeline(profiles, processes, scheduler)


def _pipeline(profiles: Sequence[Path], processes: int | None, scheduler: str | None = None) -> Pipeline:
    from warledger.classify import ClassifierError
    from warledger.pipeline import ProfileError
    from warledger.segment import ModelMissing
    from warledger.workers import SchedulerError, cores

    try:
        return build_pipeline(profiles, processes or cores(), scheduler)
    except (ProfileError, ModelMissing, ClassifierError, SchedulerError, ValueError) as error:
        raise UserError(str(error)) from None


def _report_skipped(skipped: Sequence[Skipped]) -> None:
    for item in skipped:
        click.echo(f"warledger: skipped {item.origin}: {item.reason}", err=True)


def _read(inputs: Sequence[str], default_date: dt.date | None, skipped: list[Skipped]) -> Iterator[Document]:
    from warledger.read import read_inputs

    for item in read_inputs(inputs, default_date):
        if isinstance(item, Skipped):
            click.echo(f"warledger: skipped {item.origin}: {item.reason}", err=True)
            skipped.append(item)
        else:
            yield item


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True,
              help="Where to write events ('-' for stdout).")
@click.option("--format", "fmt", default="jsonl", show_default=True,
              type=click.Choice(["jsonl", "csv", "acled", "geojson", "table"]), help="Output format.")
@date_option
@profile_option
@processes_option
@scheduler_option
def extract(inputs: tuple[str, ...], output: str, fmt: str, default_date: dt.date | None,
            profiles: tuple[Path, ...], processes: int | None, scheduler: str | None) -> None:
    """Extract events from INPUTS (files, directories, JSON Lines, HTML, or - for stdin); no database.

    Writes one event per line as JSON (or another --format).

    \b
    Every field with its meaning and values, the export columns and the input
    formats, in the warledger repository:
      docs/output-contract.md
    """
    from warledger.ingest import ingest_documents
    from warledger.store import Store
    from warledger.workers import WorkerError

    pipeline = _pipeline(profiles, processes, scheduler)
    skipped: list[Skipped] = []
    bar = Progress("extracting", count_reports(inputs))
    # The events are merged in a scratch store, a batch at a time, and streamed out of it: memory stays
    # flat however many reports come in, and the rows are those of one merge of them all.
    with tempfile.TemporaryDirectory(prefix="warledger-extract-") as folder, \
            Store.open(str(Path(folder) / "events.db")) as scratch:
        try:
            summary = ingest_documents(pipeline, scratch, _read(inputs, default_date, skipped), bar.advance)
        except WorkerError as error:
            raise UserError(str(error)) from None
        finally:
            bar.close()
            pipeline.close()
        _report_skipped(summary.skipped)
        _write((json.loads(body) for body in scratch.iter_bodies()), fmt, output)
        count = scratch.counts()["events"]
    failed = summary.skipped
    click.echo(f"warledger: {count} events from {len(inputs)} input(s); "
               f"{len(skipped) + len(failed)} skipped", err=True)
    if skipped or failed:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@date_option
@profile_option
@processes_option
@scheduler_option
@click.option("--batch-size", default=None, type=click.IntRange(1), metavar="N",
              help="Documents stored per transaction (default 500); an interrupted run keeps every finished batch.")
def ingest(inputs: tuple[str, ...], db: str, default_date: dt.date | None, profiles: tuple[Path, ...],
           processes: int | None, scheduler: str | None, batch_size: int | None) -> None:
    """Read INPUTS, extract events and store them; running it twice changes nothing."""
    from warledger.ingest import INGEST_BATCH_DOCUMENTS, ingest_documents
    from warledger.read import read_inputs
    from warledger.store import StoreError
    from warledger.workers import WorkerError

    # The pipeline first: a bad --profile must not leave an empty database behind.
    pipeline = _pipeline(profiles, processes, scheduler)
    try:
        store = _open_store(db)
    except UserError:
        pipeline.close()
        raise
    bar = Progress("ingesting", count_reports(inputs))
    try:
        summary = ingest_documents(pipeline, store, read_inputs(inputs, default_date), bar.advance,
                                   batch_size=batch_size or INGEST_BATCH_DOCUMENTS)
    except (StoreError, WorkerError) as error:
        raise UserError(str(error)) from None
    finally:
        bar.close()
        store.close()
        pipeline.close()
    _report_skipped(summary.skipped)
    reasons = Counter(item.reason.split(":")[0] for item in summary.skipped)
    click.echo(f"documents: {summary.new_documents} new, {summary.unchanged_documents} already stored, "
               f"{len(summary.skipped)} skipped", err=True)
    for reason, count in reasons.most_common():
        click.echo(f"  skipped {count}: {reason}", err=True)
    batch = summary.batch
    click.echo(f"events: {batch.events_new} new, {batch.events_updated} updated, "
               f"{batch.events_unchanged} unchanged, {batch.events_removed} replaced by merged rows",
               err=True)
    if summary.skipped:
        sys.exit(EXIT_SKIPPED)


def _open_store(db: str) -> Store:
    from warledger.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as error:
        raise UserError(str(error)) from None


def _open_existing_store(db: str) -> Store:
    """Open a store for reading. Opening creates a missing database, and a mistyped --db would then
    look like an empty dataset; so a database that does not exist is an error here."""
    from warledger.store import POSTGRES_SCHEMES, StoreError, _sqlite_path

    if db.startswith(POSTGRES_SCHEMES):
        return _open_store(db)  # a server: a missing database fails to connect
    try:
        path = _sqlite_path(db)
    except StoreError as error:
        raise UserError(str(error)) from None
    if path != ":memory:" and not Path(path).exists():
        raise UserError(f"no store at {db}: run `warledger ingest INPUT... --db {db}` first")
    return _open_store(db)


def _write(rows: Iterable[dict[str, Any]], fmt: str, output: str) -> None:
    from warledger.export import write_events

    if output == "-":
        write_events(rows, fmt, sys.stdout)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as out:
            write_events(rows, fmt, out)
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror}") from None


@main.command()
@db_option
@click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="Events on or after this day.")
@click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Events on or before this day.")
@click.option("--type", "event_type",
              help=f"Event or sub-event type, e.g. {', '.join(list(EVENT_TYPES)[:3])}.")
@click.option("--country", help="ISO3 code or country name of the event's location.")
@click.option("--actor", help="Part of an actor's name, e.g. 'Azerbaijan'.")
@click.option("--near", callback=_near, metavar="LAT,LON,KM", help="Events within KM of a point.")
@click.option("--sub-type", "sub_event_type", help="Sub-event type, e.g. 'Armed clash'.")
@click.option("--search", "text", help="Words searched for in the notes and source sentences.")
@click.option("--current/--all", "current_only", default=False,
              help="Leave out background (historical) events.")
@click.option("--corroboration", type=click.Choice(CORROBORATION),
              help="Only events of this corroboration status: who says the event happened.")
@click.option("--limit", type=click.IntRange(1), help="At most this many events.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "jsonl", "csv", "acled", "geojson"]), help="Output format.")
@click.option("-o", "--output", default="-", show_default=True, help="Where to write ('-' for stdout).")
def events(db: str, since: dt.date | None, until: dt.date | None, event_type: str | None, country: str | None,
           actor: str | None, near: tuple[float, float, float] | None, sub_event_type: str | None,
           text: str | None, current_only: bool, corroboration: str | None, limit: int | None, fmt: str,
           output: str) -> None:
    """List stored events, filtered, as a table or an export format.

    \b
    The fields and the columns of each format, in the warledger repository:
      docs/output-contract.md
    """
    from warledger.store import EventFilter, StoreError

    store = _open_existing_store(db)
    try:
        rows = store.query(EventFilter(since=since, until=until, event_type=event_type, country=country,
                                       actor=actor, near=near, sub_event_type=sub_event_type, text=text,
                                       historical=False if current_only else None,
                                       corroboration=corroboration, limit=limit))
    except StoreError as error:
        raise UserError(str(error)) from None
    finally:
        store.close()
    _write(rows, fmt, output)


@main.command()
@db_option
@click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="First day of the period.")
@click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Last day of the period.")
@click.option("--country", help="Only events in this country (ISO3 code or name).")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="brief.md, brief.html or brief.pdf: the suffix chooses the format. Markdown gets its map and "
                   "chart beside it as FILE-map.png and FILE-timeline.png.")
def brief(db: str, since: dt.date | None, until: dt.date | None, country: str | None, output: str) -> None:
    """Write a situation report on the period's events: headline numbers, a map, events per day, the
    main events with their claims side by side, corroboration, the sources and reposts.

    \b
    Background events (an earlier war a report recalls) are left out of every number.
    Without --since or --until the period runs from the first to the last stored event.
    The PDF needs Debian's pango libraries (`make brief-deps` installs them).
    """
    from warledger.brief import BriefError, brief_format, build_brief, write_brief
    from warledger.store import EventFilter, StoreError

    if since and until and since > until:
        raise UserError(f"--since {since} is after --until {until}")
    try:
        brief_format(output)  # a wrong suffix fails before the store is read
    except BriefError as error:
        raise UserError(str(error)) from None
    store = _open_existing_store(db)
    try:
        report = build_brief(store, EventFilter(since=since, until=until, country=country))
    except StoreError as error:
        raise UserError(str(error)) from None
    finally:
        store.close()
    try:
        written = write_brief(report, output)
    except BriefError as error:
        raise UserError(str(error)) from None
    click.echo(f"warledger: brief of {report.events} events written to {', '.join(map(str, written))}", err=True)


@main.command()
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the stored event as JSON.")
def show(event_id: str, db: str, as_json: bool) -> None:
    """Show one event: its fields, every claim, and the source sentences behind it.

    \b
    The fields (also of --json), in the warledger repository:
      docs/output-contract.md
    """
    from warledger.store import StoreError

    store = _open_existing_store(db)
    try:
        event = store.get_event(event_id)
        if event is None:
            raise UserError(f"no event {event_id!r} in {db}")
        if as_json:
            click.echo(json.dumps(event, ensure_ascii=False, indent=2))
            return
        click.echo(render_event(event, store.document_text))
    except StoreError as error:
        raise UserError(str(error)) from None
    finally:
        store.close()


def render_event(event: dict[str, Any], document_text: Any) -> str:
    """A readable account of an event and the evidence for it."""
    from warledger.reposts import summary as repost_summary

    lines = [
        f"event {event['event_id']}  {event['event_type']} / {event['sub_event_type']}",
        f"  date        {event['event_date']} (span {event['date_start']} .. {event['date_end']}, "
        f"time precision {event['time_precision']}){'  [background]' if event.get('historical') else ''}",
        f"  actors      {event.get('actor1') or '-'}  vs  {event.get('actor2') or '-'}   "
        f"(inter {event.get('inter1')}/{event.get('inter2')}; sides {', '.join(event.get('sides') or [])})",
        f"  location    {event.get('location') or '-'}, {event.get('country') or '-'} "
        f"({event.get('latitude')}, {event.get('longitude')}; geo precision {event.get('geo_precision')})",
        f"  fatalities  {event.get('fatalities') if event.get('fatalities') is not None else 'not reported'}"
        + (f"  by side {event['fatalities_by_side']}" if event.get("fatalities_by_side") else "")
        + ("  DISPUTED" if event.get("disputed") else ""),
        f"  sources     {', '.join(event.get('sources') or [])}",
        *([f"  reposts     {'; '.join(repost_summary(event['reposts']))}: "
           + ", ".join(str(r["document"]) for r in event["reposts"])] if event.get("reposts") else []),
        f"  corroborated {event.get('corroboration') or 'not known'}",
        f"  notes       {event.get('notes')}",
        "  claims:",
    ]
    for claim in event.get("claims") or []:
        figure = f" — {claim['fatalities']} dead ({claim.get('fatalities_side') or 'side not said'})" \
            if claim.get("fatalities") is not None else ""
        via = f" via {claim['outlet']}" if claim.get("outlet") else ""
        denies = " DENIES IT" if claim.get("denies") else ""
        lines.append(f"    - {claim['claimant']}{via} [{claim['source']}]{figure}{denies}")
    lines.append("  evidence:")
    for item in event.get("evidence") or []:
        text = document_text(item["source"])
        start, end = item["span"]
        sentence = text[start:end].strip() if text else item.get("text", "")
        lines.append(f"    [{item['source']} {start}-{end}] {sentence}")
    return "\n".join(lines)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this machine can connect unless you change it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--write-token", envvar="WARLEDGER_WRITE_TOKEN", metavar="TOKEN",
              help="Accept POST /api/documents from clients that send this token. Prefer the environment "
                   "variable WARLEDGER_WRITE_TOKEN: other users of the machine can read a command line. "
                   "Without a token the server is read-only.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let pages from this origin (e.g. http://localhost:3000) read the API; repeatable. "
                   "Closed by default.")
@profile_option
def serve(db: str, host: str, port: int, write_token: str | None, cors_origins: tuple[str, ...],
          profiles: tuple[Path, ...]) -> None:
    """Serve the dashboard (map, timeline, table, evidence) and the JSON API over a store."""
    import uvicorn

    from warledger.api import Settings, create_app

    _open_existing_store(db).close()
    if write_token is not None and len(write_token) < MIN_WRITE_TOKEN:
        raise UserError(f"the write token must be at least {MIN_WRITE_TOKEN} characters long")
    settings = Settings(db=db, write_token=write_token, cors_origins=cors_origins,
                        pipeline_factory=lambda: build_pipeline(profiles, 1))
    click.echo(f"warledger: serving {db} at http://{host}:{port}/ "
               f"({'read-write' if write_token else 'read-only'}); Ctrl-C stops", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("events_file", metavar="EVENTS", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_command(gold: str, events_file: str, as_json: bool) -> None:
    """Score EVENTS (JSON Lines from `extract`) against your own hand-coded GOLD sample.

    GOLD is JSON Lines, one report a line with its events.

    \b
    Its format and how events are matched, in the warledger repository:
      docs/output-contract.md, "Gold files for warledger eval"
    """
    from warledger.evaluate import EvaluationError, evaluate, load_jsonl, render

    try:
        report = evaluate(load_jsonl(gold), load_jsonl(events_file))
    except EvaluationError as error:
        raise UserError(str(error)) from None
    click.echo(json.dumps(report, indent=2) if as_json else render(report))

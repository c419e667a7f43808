"""The HTTP API and the dashboard page that `warledger serve` runs.

Read-only by default: the one write endpoint, POST /api/documents, answers only when the server was
started with a write token and the request presents it. Reports are untrusted input, so every
response carries a Content-Security-Policy that allows no inline script, and the page (web/) builds
its DOM from text, never from markup. CORS stays closed unless origins are named.

SQLite connections cannot cross threads, and FastAPI runs plain (non-async) endpoints in a thread
pool; so each worker thread opens the store once and keeps it (`_StorePool`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import importlib.resources
import io
import json
import math
import mimetypes
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, TextIO, cast

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from warledger import __version__
from warledger.export import write_events
from warledger.periods import bucket_start, bucket_unit, buckets
from warledger.records import EVENT_TYPES
from warledger.store import MAX_FILTER_CHARS, EventFilter, Stats, Store, StoreError, check_filter

if TYPE_CHECKING:
    from warledger.pipeline import Pipeline

# A page of JSON holds at most this many events; exports (csv, acled, geojson) have no cap.
MAX_PAGE = 1000
DEFAULT_PAGE = 100
# Reports one POST may carry: a crawler sends batches, and one request holds up one worker thread.
MAX_POSTED_DOCUMENTS = 500
# The largest request body POST /api/documents reads.
MAX_POST_BYTES = 20_000_000
# Upper bound of limit and offset (SQLite integers are 64-bit).
MAX_ROWS = 2**62
# Open stores shared by the requests.
POOL_SIZE = 8
# Exports are sent in chunks of this many characters; a client that takes none for this long is dropped.
EXPORT_CHUNK = 65536
EXPORT_STALL_SECONDS = 120.0
# Briefs drawn at once: each takes a core for a few seconds (matplotlib, then WeasyPrint); more wait.
BRIEF_SLOTS = 2
BRIEF_FORMATS = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
# The brief's HTML carries its own style and pictures inline and no script: downloaded and opened from
# the server, it may show them, and nothing else.
BRIEF_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "warledger-events.csv"),
    "acled": ("text/csv; charset=utf-8", "warledger-events-acled.csv"),
    "geojson": ("application/geo+json", "warledger-events.geojson"),
}
# Nothing the page needs comes from elsewhere, so everything else is refused; inline script and
# style are refused too, so markup smuggled into a report could not run even if it reached the DOM.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class EventQuery(BaseModel):
    """The filters shared by /api/events and /api/stats (those of `warledger events`)."""

    # an unknown parameter (a misspelt filter) is an error rather than silently matching everything
    model_config = ConfigDict(extra="forbid")

    since: dt.date | None = Field(None, description="First event date included (YYYY-MM-DD).")
    until: dt.date | None = Field(None, description="Last event date included (YYYY-MM-DD).")
    type: str | None = Field(None, max_length=MAX_FILTER_CHARS,
                             description="ACLED event type or sub-event type, any case (e.g. 'Battles').")
    sub_type: str | None = Field(None, max_length=MAX_FILTER_CHARS,
                                 description="ACLED sub-event type, exactly one (e.g. 'Armed clash').")
    country: str | None = Field(None, max_length=MAX_FILTER_CHARS,
                                description="ISO 3166 alpha-3 code or country name.")
    actor: str | None = Field(None, max_length=MAX_FILTER_CHARS,
                              description="Part of an actor's name, either side, any case.")
    near: str | None = Field(None, max_length=MAX_FILTER_CHARS,
                             description="'LAT,LON,KM': events within KM kilometres of the point.")
    q: str | None = Field(None, max_length=MAX_FILTER_CHARS,
                          description="Words in the notes or source sentences, matched by their start "
                          "('Uri' finds \"Uri's\", not 'security'); several words match as a phrase.")
    historical: bool | None = Field(None, description="true: background events only; false: current ones only.")
    corroboration: Literal["one party", "both parties", "independent", "disputed"] | None = Field(
        None, description="Who says the event happened: 'one party', 'both parties', 'independent' or 'disputed'.")

    def to_filter(self, sort: str = "event_date", limit: int | None = None, offset: int = 0) -> EventFilter:
        return EventFilter(
            since=self.since, until=self.until, event_type=self.type or None, sub_event_type=self.sub_type or None,
            country=self.country or None, actor=self.actor or None, near=parse_near(self.near),
            text=self.q or None, historical=self.historical, corroboration=self.corroboration, sort=sort,
            limit=limit, offset=offset,
        )


class EventsQuery(EventQuery):
    """/api/events: the filters, then the order, the page and the format."""

    sort: str = Field("event_date", max_length=MAX_FILTER_CHARS,
                      description="Sort key (event_date, fatalities, country, event_type, "
                      "sub_event_type, location, actor1, actor2); '-' before it for descending.")
    limit: int | None = Field(None, ge=0, le=MAX_ROWS,
                              description=f"Events per page (JSON: default {DEFAULT_PAGE}, at most {MAX_PAGE}; "
                              "files: all matching events).")
    offset: int = Field(0, ge=0, le=MAX_ROWS)
    format: Literal["json", "csv", "acled", "geojson"] = "json"


class BriefQuery(EventQuery):
    """/api/brief: the filters and the file's format."""

    format: Literal["pdf", "html", "md"] = "pdf"


class StatsQuery(EventQuery):
    """/api/stats: the filters and the timeline's bucket (chosen from the span when not given)."""

    bucket: Literal["day", "week", "month"] | None = None


@dataclass(slots=True)
class Settings:
    """What a running server was started with."""

    db: str
    write_token: str | None = None
    cors_origins: Sequence[str] = ()
    # builds the extraction pipeline on the first POST (loading spaCy takes seconds, and a read-only
    # server never needs it)
    pipeline_factory: Callable[[], Pipeline] | None = None


@dataclass(slots=True)
class _StorePool:
    """At most `size` open stores, lent to one request at a time; all closed when the server stops.

    A store per worker thread would leak: the server's worker threads end after a few idle seconds
    and new ones take their place, each opening another connection.
    """

    db: str
    size: int = POOL_SIZE
    idle: queue.LifoQueue[Store] = field(default_factory=queue.LifoQueue)
    opened: list[Store] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @contextlib.contextmanager
    def borrow(self) -> Iterator[Store]:
        store: Store | None = None
        try:
            store = self.idle.get_nowait()
        except queue.Empty:
            with self.lock:
                if len(self.opened) < self.size:
                    # any_thread: a store is lent to whichever worker thread serves the request
                    store = Store.open(self.db, any_thread=True)
                    self.opened.append(store)
            if store is None:
                store = self.idle.get()
        try:
            yield store
        finally:
            self.idle.put(store)

    def close(self) -> None:
        with self.lock:
            for store in self.opened:
                store.close()
            self.opened.clear()


def create_app(settings: Settings) -> FastAPI:
    """The FastAPI application: /api/... endpoints, the page at /, its files under /static."""
    pool = _StorePool(settings.db)
    pipeline_lock = threading.Lock()
    pipeline_holder: list[Pipeline] = []
    app = FastAPI(
        title="warledger",
        version=__version__,
        description="Conflict events extracted from news reports, each traceable to its sentences and claimants.",
        # FastAPI's documentation pages load their scripts from a CDN, which this offline tool cannot
        # reach; the schema itself stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.router.add_event_handler("shutdown", pool.close)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"], allow_headers=[]
        )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        # one line a user can act on, rather than pydantic's nested report
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "body"))
        return JSONResponse({"detail": f"{where or 'request'}: {first.get('msg', 'invalid')}"}, status_code=400)

    # The page's scripts are ES modules, which browsers run only when served with a JavaScript type; the
    # type comes from the machine's MIME tables, and some map .js to something else (text/plain).
    mimetypes.add_type("text/javascript", ".js")
    web = importlib.resources.files("warledger").joinpath("web")
    app.mount("/static", StaticFiles(directory=str(web)), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(str(web.joinpath("index.html")), media_type="text/html; charset=utf-8")

    @app.get("/api/events", summary="Events matching the filters, a page at a time or as a file")
    def list_events(query: Annotated[EventsQuery, Query()]) -> Response:
        if query.format != "json":
            wanted = query.to_filter(sort=query.sort, limit=query.limit, offset=query.offset)
            check_filter(wanted)  # a bad filter is a 400 now, not a cut-off download later
            media_type, filename = EXPORT_FORMATS[query.format]
            return StreamingResponse(export_stream(pool, wanted, query.format), media_type=media_type,
                                     headers={"Content-Disposition": f'attachment; filename="{filename}"'})
        with pool.borrow() as store:
            return _page_response(store, query)

    def _page_response(store: Store, query: EventsQuery) -> Response:
        limit = DEFAULT_PAGE if query.limit is None else min(query.limit, MAX_PAGE)
        offset = query.offset
        page = store.query_page(query.to_filter(sort=query.sort, limit=limit, offset=offset))
        # the stored JSON is sent as it is: parsing and re-encoding a page would only cost time
        body = f'{{"total": {page.total}, "limit": {limit}, "offset": {offset}, "events": [{",".join(page.bodies)}]}}'
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}", summary="One event with its claims, sources and marked source sentences")
    def one_event(event_id: str) -> dict[str, Any]:
        with pool.borrow() as store:
            event = store.get_event(event_id)
            if event is None:
                raise HTTPException(404, f"no event {event_id!r}")
            return event_detail(event, store)

    brief_slots = threading.BoundedSemaphore(BRIEF_SLOTS)

    @app.get("/api/brief", summary="The brief of the matching current events, as PDF, HTML or Markdown")
    def brief(query: Annotated[BriefQuery, Query()]) -> Response:
        """What `warledger brief` writes, for the filters of /api/events. Background events are never
        counted; Markdown comes without its map and chart (the PDF and HTML carry them inline)."""
        from warledger.brief import BriefError, build_brief, render_html, render_markdown, render_pdf

        wanted = query.to_filter()
        check_filter(wanted)
        with brief_slots:
            with pool.borrow() as store:
                report = build_brief(store, wanted)
            try:
                if query.format == "md":
                    body: str | bytes = render_markdown(report)
                elif query.format == "html":
                    body = render_html(report)
                else:
                    body = render_pdf(render_html(report))
            except BriefError as error:
                raise HTTPException(503, str(error)) from None
        first, last = wanted.since or report.first_day, wanted.until or report.last_day
        period = "" if not (first and last) else f"-{first}" if first == last else f"-{first}-to-{last}"
        headers = {"Content-Disposition": f'attachment; filename="warledger-brief{period}.{query.format}"'}
        if query.format == "html":
            headers["Content-Security-Policy"] = BRIEF_CONTENT_SECURITY_POLICY
        return Response(body, media_type=BRIEF_FORMATS[query.format], headers=headers)

    @app.get("/api/stats", summary="Counts for the timeline: per day, week or month and type; per country")
    def stats(query: Annotated[StatsQuery, Query()]) -> dict[str, Any]:
        with pool.borrow() as store:
            return stats_body(store.stats(query.to_filter()), query.bucket)

    @app.post("/api/documents", summary="Add reports (JSON records as in JSON Lines input); needs the write token",
              openapi_extra={"requestBody": {"required": True, "description": "One record or a JSON array of records "
                                             "(the fields of JSON Lines input); at most 20 MB.",
                                             "content": {"application/json": {"schema": {}}}}})
    async def post_documents(request: Request) -> dict[str, Any]:
        """The body is one record or a JSON array of records. The token is checked before the body is
        read, and a body over MAX_POST_BYTES is refused without being read whole."""
        _check_token(settings.write_token, request.headers.get("authorization"))
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_POST_BYTES):
            raise HTTPException(413, f"the body is over {MAX_POST_BYTES // 1_000_000} MB")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_POST_BYTES:
                raise HTTPException(413, f"the body is over {MAX_POST_BYTES // 1_000_000} MB")
            chunks.append(chunk)
        try:
            records = json.loads(b"".join(chunks))
        except (ValueError, UnicodeDecodeError) as error:
            raise HTTPException(400, f"the body is not JSON: {error}") from None
        except RecursionError:
            raise HTTPException(400, "the body is not JSON a parser can read: nested too deeply") from None
        return await run_in_threadpool(_ingest_posted, records)

    def _ingest_posted(records: Any) -> dict[str, Any]:
        items = records if isinstance(records, list) else [records]
        if len(items) > MAX_POSTED_DOCUMENTS:
            raise HTTPException(413, f"at most {MAX_POSTED_DOCUMENTS} reports per request, not {len(items)}")
        from warledger.ingest import ingest_documents
        from warledger.read import read_records

        with pipeline_lock:
            if not pipeline_holder:
                if settings.pipeline_factory is None:
                    raise HTTPException(503, "this server cannot extract reports (no pipeline)")
                pipeline_holder.append(settings.pipeline_factory())
            with pool.borrow() as store:
                summary = ingest_documents(pipeline_holder[0], store, read_records(items, "post"))
        return {
            "documents_new": summary.new_documents,
            "documents_unchanged": summary.unchanged_documents,
            "events_new": summary.batch.events_new,
            "events_updated": summary.batch.events_updated,
            "events_removed": summary.batch.events_removed,
            "skipped": [{"origin": s.origin, "reason": s.reason} for s in summary.skipped],
        }

    return app


def _check_token(expected: str | None, authorization: str | None) -> None:
    if not expected:
        raise HTTPException(403, "writing is off: start `warledger serve` with --write-token "
                                 "(or WARLEDGER_WRITE_TOKEN set)")
    scheme, _, presented = (authorization or "").partition(" ")
    # compare_digest: the time taken does not tell how much of a guessed token was right
    if scheme.lower() != "bearer" or not hmac.compare_digest(presented.strip().encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong write token: send 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})


class _Stopped(Exception):
    """The client went away: the export stops writing."""


class _ChunkSink(io.TextIOBase):
    """A text file whose writes go, 64 KB at a time, into a bounded queue read by the response."""

    def __init__(self, chunks: queue.Queue[Any], stop: threading.Event) -> None:
        self.chunks, self.stop = chunks, stop
        self.parts: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= EXPORT_CHUNK:
            self.send("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0
        return len(text)

    def finish(self) -> None:
        if self.parts:
            self.send("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0

    def send(self, item: Any) -> None:
        waited = 0.0
        while not self.stop.is_set() and waited < EXPORT_STALL_SECONDS:
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                waited += 0.5
        raise _Stopped


def export_stream(pool: _StorePool, wanted: EventFilter, fmt: str) -> Iterator[bytes]:
    """An export file, written by the CLI's exporter in a thread of its own while it is sent: memory
    stays at a few chunks whatever the number of events."""
    chunks: queue.Queue[Any] = queue.Queue(maxsize=16)
    stop = threading.Event()
    sink = _ChunkSink(chunks, stop)

    def produce() -> None:
        try:
            with pool.borrow() as store:
                write_events((json.loads(b) for b in store.iter_bodies(wanted)), fmt, cast(TextIO, sink))
            sink.finish()
            sink.send(None)
        except _Stopped:
            return
        except Exception as error:  # the client gets a cut-off file; the log gets the reason
            with contextlib.suppress(_Stopped):
                sink.send(error)

    thread = threading.Thread(target=produce, name="warledger-export", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        stop.set()


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    if not value:
        return None
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError:
        raise StoreError(f"near: {value!r} is not LAT,LON,KM (for example 39.82,46.75,50)") from None
    if not (math.isfinite(km) and -90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= km <= 20_100):
        raise StoreError(f"near: {value!r} needs a latitude in -90..90, a longitude in -180..180 and 0..20100 km")
    return lat, lon, km


def event_detail(event: dict[str, Any], store: Store) -> dict[str, Any]:
    """An event with its source documents, its evidence sentences cut from the documents with the
    marks made relative to each sentence, and its claims with the disputed figures flagged."""
    documents = store.documents_by_id(list(event.get("sources") or ()))
    evidence = []
    for item in event.get("evidence") or ():
        start, end = item["span"]
        document = documents.get(item["source"])
        if document is None or end > len(document.text):
            # the report is not in this store (events imported alone): the sentence as extracted
            evidence.append({"source": item["source"], "span": item["span"], "text": item.get("text", ""),
                             "marks": []})
            continue
        marks = [{"field": m["field"], "start": m["span"][0] - start, "end": m["span"][1] - start}
                 for m in item.get("marks") or () if start <= m["span"][0] < m["span"][1] <= end]
        evidence.append({"source": item["source"], "span": item["span"], "text": document.text[start:end],
                         "marks": marks})
    sources = [
        {"id": doc_id, "url": d.url, "title": d.title, "outlet": d.outlet,
         "published": d.published.isoformat() if d.published else None}
        if (d := documents.get(doc_id)) is not None else
        {"id": doc_id, "url": None, "title": None, "outlet": None, "published": None}
        for doc_id in event.get("sources") or ()
    ]
    claims = flag_disputed(event.get("claims") or [])
    return {"event": event, "sources": sources, "evidence": evidence, "claims": claims}


def flag_disputed(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each claim with `disputed`: another claim gives a different death figure for the same side."""
    figures: dict[Any, set[int]] = {}
    for claim in claims:
        if claim.get("fatalities") is not None:
            figures.setdefault(claim.get("fatalities_side"), set()).add(int(claim["fatalities"]))
    return [
        {k: v for k, v in claim.items() if k != "span"}
        | {"disputed": claim.get("fatalities") is not None and len(figures[claim.get("fatalities_side")]) > 1}
        for claim in claims
    ]


def stats_body(stats: Stats, bucket: str | None) -> dict[str, Any]:
    """The /api/stats answer: a continuous timeline (empty buckets included) stacked by type."""
    days = sorted({day for day, _ in stats.by_day_and_type})
    by_type: dict[str, int] = {}
    for (_, kind), n in stats.by_day_and_type.items():
        by_type[kind] = by_type.get(kind, 0) + n
    types = [t for t in EVENT_TYPES if t in by_type] + sorted(t for t in by_type if t not in EVENT_TYPES)
    body: dict[str, Any] = {
        "total": stats.total, "fatalities": stats.fatalities, "bucket": bucket or "day",
        "date_min": days[0] if days else None, "date_max": days[-1] if days else None,
        "types": types, "timeline": [], "by_type": {t: by_type[t] for t in types},
        "by_country": dict(sorted(stats.by_country.items(), key=lambda item: (-item[1], item[0]))),
    }
    if not days:
        return body
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    if bucket is None:
        bucket = bucket_unit(first, last)
    body["bucket"] = bucket
    counts: dict[dt.date, dict[str, int]] = {start: {} for start, _ in buckets(first, last, bucket)}
    for (day, kind), n in stats.by_day_and_type.items():
        start = bucket_start(dt.date.fromisoformat(day), bucket)
        counts[start][kind] = counts[start].get(kind, 0) + n
    body["timeline"] = [
        {"start": start.isoformat(), "end": end.isoformat(),
         "counts": {t: counts[start][t] for t in types if t in counts[start]}}
        for start, end in buckets(first, last, bucket)
    ]
    return body


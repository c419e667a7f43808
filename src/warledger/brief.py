"""The brief: a situation report on the stored events of a period (and a country, or any filter of
`warledger events`), as Markdown, self-contained HTML or PDF.

It holds what an analyst assembles by hand each week: the headline numbers (events, deaths by the
lowest credible figures, counts by type), a map and a chart of events per day by type, the main events
with every claim's figures side by side and the disputed ones marked, how far each event is
corroborated, and the sources with the reposts among them. Background events (an earlier war that a
report recalls) never count in the numbers: they are named once, as left out.

The events are read through the store's query API, streamed, so a brief over a large store keeps only
its counts, its map points and its main events in memory.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime as dt
import heapq
import html
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warledger import __version__
from warledger.records import EVENT_TYPES
from warledger.store import EventFilter, Store

# How many events the brief tells in full, with their claims: a page or two of a weekly report.
MAIN_EVENTS = 10
# How many source documents are listed by name; the rest are counted.
MAX_SOURCES_LISTED = 60
# The statuses of corroboration, in the order the brief lists them.
CORROBORATION_ORDER = ("independent", "both parties", "one party", "disputed")
FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
# What the PDF needs from Debian, and the one line that says so when it is missing.
PDF_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class BriefError(Exception):
    """A brief that cannot be made, with a one-line reason a user can act on."""


@dataclass(slots=True, frozen=True)
class SourceLine:
    """A document the brief's events rest on, as the sources section lists it."""

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    events: int
    repost_of: str | None = None


@dataclass(slots=True, frozen=True)
class RepostGroup:
    """Copies of one report: they never count as independent sources."""

    original: str
    outlet: str | None
    title: str | None
    copies: tuple[str, ...]
    copy_outlets: tuple[str, ...]


@dataclass(slots=True)
class Brief:
    """What a brief says, before it is written in any format."""

    filters: EventFilter
    events: int = 0
    deaths: int = 0
    events_with_deaths: int = 0
    disputed: int = 0
    background: int = 0
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (events, deaths)
    by_country: dict[str, int] = field(default_factory=dict)
    deaths_by_side: dict[str, int] = field(default_factory=dict)
    corroboration: dict[str, int] = field(default_factory=dict)  # empty when events carry no status
    per_day: dict[tuple[dt.date, str], int] = field(default_factory=dict)
    points: list[tuple[float, float, str, int | None, str]] = field(default_factory=list)
    unlocated: int = 0
    main: list[dict[str, Any]] = field(default_factory=list)
    sources: list[SourceLine] = field(default_factory=list)
    sources_total: int = 0
    reposts: list[RepostGroup] = field(default_factory=list)
    made_on: dt.date = field(default_factory=dt.date.today)

    @property
    def period(self) -> str:
        """The period the brief covers: the asked dates, or the span of its events where none were asked."""
        first = self.filters.since or self.first_day
        last = self.filters.until or self.last_day
        if first is None and last is None:
            return "all dates"
        if first is None or last is None:
            return f"from {_day(first)}" if first else f"until {_day(last)}" if last else ""
        return _day(first) if first == last else f"{_day(first)} – {_day(last)}"

    @property
    def title(self) -> str:
        where = f" · {self.filters.country}" if self.filters.country else ""
        return f"Conflict brief{where} · {self.period}"

    @property
    def headline(self) -> str:
        """The numbers in one sentence (tests read it back from the PDF's text)."""
        text = f"{_plural(self.events, 'event')}, {_plural(self.deaths, 'death')} by the lowest credible figures"
        if self.events:
            text += f" ({self.events_with_deaths} of the events with a death toll)"
        text += f", {self.disputed} with disputed figures."
        return text


def _day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _main_key(event: dict[str, Any]) -> tuple[int, int, int, str, str]:
    """Main events first: the deadliest, then the disputed, then those with the most reports of their
    own (a content farm's copies of one story do not make it more reported)."""
    copies = {copy for copy, _, _ in _reposts(event)}
    own_reports = len(set(event.get("sources") or ()) - copies)
    return (event.get("fatalities") or 0, int(bool(event.get("disputed"))), own_reports,
            event.get("event_date") or "", event.get("event_id") or "")


def build_brief(store: Store, filters: EventFilter, main_events: int = MAIN_EVENTS) -> Brief:
    """The brief of the current events matching `filters` (its `historical`, order and page are ignored)."""
    current = dataclasses.replace(filters, historical=False, limit=None, offset=0, sort="event_date")
    brief = Brief(filters=dataclasses.replace(filters, historical=None, limit=None, offset=0))
    brief.background = store.query_page(dataclasses.replace(current, historical=True, limit=0)).total
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_country: Counter[str] = Counter()
    by_side: Counter[str] = Counter()
    corroboration: Counter[str] = Counter()
    per_day: Counter[tuple[dt.date, str]] = Counter()
    cited: Counter[str] = Counter()
    reposts: dict[str, dict[str, str | None]] = defaultdict(dict)  # original -> copy -> copy's outlet
    main: list[tuple[tuple[int, int, int, str, str], int, dict[str, Any]]] = []
    for number, body in enumerate(store.iter_bodies(current)):
        event = json.loads(body)
        day = dt.date.fromisoformat(event["event_date"])
        kind = event.get("event_type") or "unknown"
        dead = event.get("fatalities") or 0
        brief.events += 1
        brief.deaths += dead
        brief.events_with_deaths += event.get("fatalities") is not None
        brief.disputed += bool(event.get("disputed"))
        brief.first_day = min(brief.first_day or day, day)
        brief.last_day = max(brief.last_day or day, day)
        by_type[kind][0] += 1
        by_type[kind][1] += dead
        if event.get("country"):
            by_country[event["country"]] += 1
        by_side.update(event.get("fatalities_by_side") or {})
        if event.get("corroboration"):
            corroboration[str(event["corroboration"])] += 1
        per_day[(day, kind)] += 1
        cited.update(event.get("sources") or ())
        for copy, original, outlet in _reposts(event):
            reposts[original][copy] = outlet
        if event.get("latitude") is not None and event.get("longitude") is not None:
            brief.points.append((event["latitude"], event["longitude"], kind, event.get("fatalities"),
                                 event["event_id"]))
        else:
            brief.unlocated += 1
        # a bounded heap: a brief over a large store keeps only its main events whole
        item = (_main_key(event), -number, event)
        if len(main) < main_events:
            heapq.heappush(main, item)
        elif item[:2] > main[0][:2]:
            heapq.heapreplace(main, item)
    types = [t for t in EVENT_TYPES if t in by_type] + sorted(t for t in by_type if t not in EVENT_TYPES)
    brief.by_type = {t: (by_type[t][0], by_type[t][1]) for t in types}
    brief.by_country = dict(sorted(by_country.items(), key=lambda item: (-item[1], item[0])))
    brief.deaths_by_side = dict(sorted(by_side.items(), key=lambda item: (-item[1], item[0])))
    brief.corroboration = {status: corroboration[status] for status in CORROBORATION_ORDER if corroboration[status]}
    brief.corroboration |= {s: n for s, n in sorted(corroboration.items()) if s not in CORROBORATION_ORDER}
    brief.per_day = dict(per_day)
    brief.main = [event for _, _, event in sorted(main, key=lambda item: item[:2], reverse=True)]
    _add_sources(brief, store, cited, reposts)
    return brief


def _reposts(event: dict[str, Any]) -> Iterable[tuple[str, str, str | None]]:
    """(copy, original, copy's outlet) for each repost an event names. Read with care: an event from a
    store that does not trace reposts has none, and an entry without both ids is passed over."""
    for item in event.get("reposts") or ():
        if not isinstance(item, dict):
            continue
        copy = item.get("document") or item.get("id")
        original = item.get("original") or item.get("original_document")
        if isinstance(copy, str) and isinstance(original, str) and copy != original:
            outlet = item.get("outlet")
            yield copy, original, outlet if isinstance(outlet, str) else None


def _add_sources(brief: Brief, store: Store, cited: Counter[str],
                 reposts: dict[str, dict[str, str | None]]) -> None:
    copy_of = {copy: original for original, copies in reposts.items() for copy in copies}
    ranked = sorted(cited.items(), key=lambda item: (-item[1], item[0]))
    brief.sources_total = len(ranked)
    listed = [doc_id for doc_id, _ in ranked[:MAX_SOURCES_LISTED]]
    documents = store.documents_by_id(sorted(set(listed) | set(reposts)))
    for doc_id in listed:
        document = documents.get(doc_id)
        brief.sources.append(SourceLine(
            id=doc_id, title=document.title if document else None, outlet=document.outlet if document else None,
            published=document.published if document else None, url=document.url if document else None,
            events=cited[doc_id], repost_of=copy_of.get(doc_id)))
    for original, copies in sorted(reposts.items(), key=lambda item: (-len(item[1]), item[0])):
        document = documents.get(original)
        brief.reposts.append(RepostGroup(
            original=original, outlet=document.outlet if document else None,
            title=document.title if document else None, copies=tuple(sorted(copies)),
            copy_outlets=tuple(sorted({o for o in copies.values() if o}))))


# -- what each event's claims say, side by side ----------------------------------------------------------


@dataclass(slots=True, frozen=True)
class FigureRow:
    """The death figures each claimant gives for the dead of one side."""

    side: str | None
    figures: dict[str, int]  # claimant -> figure (the lowest, when one claimant gives several)
    counted: int | None  # the figure the event counts (the lowest credible)
    disputed: bool


def figure_table(event: dict[str, Any]) -> tuple[list[str], list[FigureRow]]:
    """The claimants who give a death figure, and one row per side of the dead with each claimant's
    figure: two different figures for the same side are disputed."""
    claimants: list[str] = []
    rows: dict[str | None, dict[str, int]] = {}
    for claim in event.get("claims") or ():
        if claim.get("fatalities") is None:
            continue
        name = _claimant(claim)
        if name not in claimants:
            claimants.append(name)
        figures = rows.setdefault(claim.get("fatalities_side"), {})
        figures[name] = min(figures.get(name, claim["fatalities"]), int(claim["fatalities"]))
    by_side = event.get("fatalities_by_side") or {}
    table = [
        FigureRow(side=side, figures=figures, disputed=len(set(figures.values())) > 1,
                  counted=by_side.get(side) if side is not None else min(figures.values()))
        for side, figures in sorted(rows.items(), key=lambda item: (item[0] is None, item[0] or ""))
    ]
    return claimants, table


def _claimant(claim: dict[str, Any]) -> str:
    name = str(claim.get("claimant") or "reporter")
    if name == "reporter":
        return f"{claim['outlet']} (own voice)" if claim.get("outlet") else "the report's own voice"
    return name


def statements(event: dict[str, Any]) -> list[tuple[str, str | None, str, str | None]]:
    """(claimant, side, statement, source) once each, in the order of the claims."""
    seen: set[tuple[str, str]] = set()
    found = []
    for claim in event.get("claims") or ():
        key = (_claimant(claim), claim.get("statement") or "")
        if key in seen or not key[1]:
            continue
        seen.add(key)
        found.append((key[0], claim.get("side"), key[1], claim.get("source")))
    return found


def _place(event: dict[str, Any]) -> str:
    parts = [event.get("location"), event.get("country")]
    return ", ".join(p for p in parts if p) or "place unknown"


def _actors(event: dict[str, Any]) -> str:
    first, second = event.get("actor1"), event.get("actor2")
    if first and second:
        return f"{first} — {second}"
    return first or second or "actors not named"


def _deaths(event: dict[str, Any]) -> str:
    if event.get("fatalities") is None:
        return "no death toll reported"
    by_side = event.get("fatalities_by_side") or {}
    sides = f" ({', '.join(f'{side} {n}' for side, n in by_side.items())})" if by_side else ""
    return f"{_plural(event['fatalities'], 'death')}{sides}"


# -- pictures ---------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Pictures:
    map_png: bytes
    timeline_png: bytes
    unit: str  # the timeline's bars: "day", "week" or "month"


def draw_pictures(brief: Brief) -> Pictures:
    from warledger.brief_charts import MapPoint, map_png, timeline_png

    numbers = {event["event_id"]: str(i) for i, event in enumerate(brief.main, 1)}
    points = [MapPoint(lat, lon, kind, dead, numbers.get(event_id)) for lat, lon, kind, dead, event_id in brief.points]
    first = brief.filters.since or brief.first_day or brief.made_on
    last = brief.filters.until or brief.last_day or first
    timeline, unit = timeline_png(brief.per_day, first, max(first, last))
    return Pictures(map_png(points), timeline, unit)


# -- Markdown ---------------------------------------------------------------------------------------------


def _md(text: Any) -> str:
    """Text safe in a Markdown table cell or line: no markup from a report reaches the reader's renderer."""
    value = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for char in "*_`[]<>#":
        value = value.replace(char, "\\" + char)
    return value


def render_markdown(brief: Brief, map_file: str | None = None, timeline_file: str | None = None,
                    unit: str = "day") -> str:
    """The brief in Markdown; the pictures are linked by file name when given."""
    lines = [f"# {_md(brief.title)}", "", f"**{_md(brief.headline)}**", ""]
    if brief.background:
        lines += [f"{_plural(brief.background, 'background event')} that these reports recall (earlier wars, "
                  "past agreements) are left out of every number.", ""]
    if brief.by_type:
        lines += ["| type | events | deaths |", "|---|---:|---:|"]
        lines += [f"| {_md(kind)} | {n} | {dead} |" for kind, (n, dead) in brief.by_type.items()]
        lines.append("")
    if brief.deaths_by_side:
        lines += ["Deaths by side (the lowest figure any claim gives for each): "
                  + ", ".join(f"{_md(side)} {n}" for side, n in brief.deaths_by_side.items()) + ".", ""]
    if brief.by_country:
        lines += ["Events by country: " + ", ".join(f"{_md(c)} {n}" for c, n in brief.by_country.items()) + ".", ""]
    lines += _corroboration_lines(brief)
    if map_file:
        lines += [f"![Map of the events]({map_file})", ""]
        if brief.unlocated:
            lines += [f"{_plural(brief.unlocated, 'event')} without coordinates are not on the map.", ""]
    if timeline_file:
        lines += [f"![Events per {unit} by type]({timeline_file})", ""]
    if not map_file and not timeline_file:
        lines += ["The map and the chart of events per day are in the PDF and HTML forms of this brief.", ""]
    lines += ["## Main events", ""]
    if not brief.main:
        lines += ["No events in this period.", ""]
    for number, event in enumerate(brief.main, 1):
        lines += _event_markdown(number, event)
    lines += _sources_markdown(brief)
    lines += ["---", f"Made by warledger {__version__} on {brief.made_on.isoformat()} from the stored events; "
              "the fields are described in docs/output-contract.md.", ""]
    return "\n".join(lines)


def _corroboration_lines(brief: Brief) -> list[str]:
    if not brief.corroboration:
        return []
    counts = ", ".join(f"{status} {n}" for status, n in brief.corroboration.items())
    return [f"Corroboration: {_md(counts)}.", ""]


def _event_markdown(number: int, event: dict[str, Any]) -> list[str]:
    marks = " **[disputed figures]**" if event.get("disputed") else ""
    status = f" · corroboration: {_md(event['corroboration'])}" if event.get("corroboration") else ""
    lines = [
        f"### {number}. {_md(event.get('event_type'))} / {_md(event.get('sub_event_type'))} · "
        f"{_md(_place(event))} · {event.get('event_date')}",
        "",
        f"{_md(_actors(event))} · {_md(_deaths(event))}{marks}{status} · "
        f"{_plural(len(event.get('sources') or ()), 'source')}",
        "",
    ]
    if event.get("notes"):
        lines += [f"> {_md(event['notes'])}", ""]
    claimants, rows = figure_table(event)
    if rows:
        lines += ["| dead of | " + " | ".join(_md(c) for c in claimants) + " | counted |",
                  "|---|" + "---:|" * (len(claimants) + 1)]
        for row in rows:
            cells = [str(row.figures[c]) if c in row.figures else "" for c in claimants]
            side = _md(row.side or "side not said") + (" **disputed**" if row.disputed else "")
            counted = "" if row.counted is None else str(row.counted)
            lines.append(f"| {side} | " + " | ".join(cells) + f" | {counted} |")
        lines.append("")
    for claimant, claimant_side, statement, source in statements(event):
        who = f"{claimant} ({claimant_side})" if claimant_side else claimant
        lines.append(f"- {_md(who)}: “{_md(statement)}” ({_md(source or '')})")
    lines.append("")
    return lines


def _sources_markdown(brief: Brief) -> list[str]:
    lines = ["## Sources", ""]
    for source in brief.sources:
        about = ", ".join(p for p in (source.outlet, source.published.isoformat() if source.published else None)
                          if p)
        repost = f" — repost of {_md(source.repost_of)}" if source.repost_of else ""
        title = _md(source.title or source.id)
        lines.append(f"- {title} ({_md(about or 'outlet unknown')}; {_md(source.id)}; "
                     f"{_plural(source.events, 'event')}){repost}")
    if brief.sources_total > len(brief.sources):
        lines.append(f"- and {brief.sources_total - len(brief.sources):,} more")
    lines.append("")
    if brief.reposts:
        lines += ["### Reposts", ""]
        lines += [f"- {_md(_repost_sentence(group))}" for group in brief.reposts]
        lines.append("")
    return lines


def _repost_sentence(group: RepostGroup) -> str:
    by = f" by {group.outlet}" if group.outlet else ""
    title = f" (“{group.title}”, {group.original})" if group.title else f" ({group.original})"
    via = f", carried by {', '.join(group.copy_outlets)}" if group.copy_outlets else ""
    return f"{_plural(len(group.copies), 'repost')} of one report{by}{title}{via}: {', '.join(group.copies)}"


# -- HTML and PDF -----------------------------------------------------------------------------------------

STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-left { content: "warledger brief"; font: 8pt "DejaVu Sans", sans-serif; color: #757575; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt "DejaVu Sans", sans-serif;
                  color: #757575; } }
body { font: 9.5pt/1.4 "DejaVu Sans", "Helvetica", "Arial", sans-serif; color: #212121; max-width: 190mm;
       margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm 0; border-bottom: 1px solid #bdbdbd; }
h3 { font-size: 10.5pt; margin: 5mm 0 1mm 0; break-after: avoid; }
.headline { font-size: 11pt; font-weight: bold; margin: 1mm 0 3mm 0; }
.numbers { display: flex; gap: 4mm; margin: 2mm 0 3mm 0; }
.number { border: 1px solid #bdbdbd; border-radius: 2mm; padding: 1mm 3mm; min-width: 28mm; }
.number b { display: block; font-size: 16pt; }
.number span { color: #616161; font-size: 8.5pt; }
table { border-collapse: collapse; margin: 1mm 0 2mm 0; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 0.8mm 2mm; text-align: left; vertical-align: top; }
th { font-size: 8.5pt; color: #424242; }
td.num, th.num { text-align: right; }
tr.disputed td { background: #fff3e0; }
.badge { font-size: 8pt; padding: 0.2mm 1.5mm; border-radius: 1mm; white-space: nowrap; }
.badge.disputed { background: #e65100; color: white; }
.badge.status { background: #e3f2fd; color: #0d47a1; }
.swatch { display: inline-block; width: 2.6mm; height: 2.6mm; border-radius: 50%; margin-right: 1.2mm; }
.muted { color: #616161; }
.notes { color: #424242; font-style: italic; margin: 1mm 0; }
.event { break-inside: avoid; }
.statements { margin: 1mm 0 0 0; padding-left: 5mm; font-size: 8.5pt; }
.sources { font-size: 8.5pt; padding-left: 5mm; }
img { width: 100%; }
figure { margin: 2mm 0; break-inside: avoid; }
figcaption { font-size: 8pt; color: #616161; }
footer { margin-top: 6mm; font-size: 8pt; color: #757575; }
"""


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _image(png: bytes, alt: str) -> str:
    return f'<img alt="{_h(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'


def render_html(brief: Brief, pictures: Pictures | None = None) -> str:
    """The brief as one self-contained HTML page: its style and pictures inline, no script."""
    pictures = pictures or draw_pictures(brief)
    colour = _colours()
    copies = sum(len(group.copies) for group in brief.reposts)
    reposted = f" ({copies:,} of them reposts)" if copies else ""
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{_h(brief.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{_h(brief.title)}</h1>",
        f'<p class="headline">{_h(brief.headline)}</p>',
        '<div class="numbers">',
        f'<div class="number"><b>{brief.events:,}</b><span>events</span></div>',
        f'<div class="number"><b>{brief.deaths:,}</b><span>deaths (lowest credible)</span></div>',
        f'<div class="number"><b>{brief.disputed:,}</b><span>with disputed figures</span></div>',
        f'<div class="number"><b>{brief.sources_total:,}</b><span>source reports{reposted}</span></div>',
        "</div>",
    ]
    if brief.background:
        parts.append(f'<p class="muted">{_h(_plural(brief.background, "background event"))} that these reports '
                     "recall (earlier wars, past agreements) are left out of every number.</p>")
    if brief.by_type:
        parts.append('<table><thead><tr><th>type</th><th class="num">events</th><th class="num">deaths</th></tr>'
                     "</thead><tbody>")
        for kind, (n, dead) in brief.by_type.items():
            parts.append(f'<tr><td><span class="swatch" style="background:{colour(kind)}"></span>{_h(kind)}</td>'
                         f'<td class="num">{n:,}</td><td class="num">{dead:,}</td></tr>')
        parts.append("</tbody></table>")
    if brief.deaths_by_side:
        parts.append("<p>Deaths by side (the lowest figure any claim gives for each): "
                     + ", ".join(f"{_h(side)} {n:,}" for side, n in brief.deaths_by_side.items()) + ".</p>")
    if brief.by_country:
        parts.append("<p>Events by country: "
                     + ", ".join(f"{_h(c)} {n:,}" for c, n in brief.by_country.items()) + ".</p>")
    if brief.corroboration:
        parts.append("<p>Corroboration: " + ", ".join(
            f'<span class="badge status">{_h(status)}</span> {n:,}' for status, n in brief.corroboration.items())
            + ".</p>")
    unlocated = f" {_plural(brief.unlocated, 'event')} without coordinates are not on it." if brief.unlocated else ""
    parts += [
        f"<figure>{_image(pictures.map_png, 'Map of the events')}<figcaption>The events, coloured by type and "
        f"sized by deaths; numbers are those of the main events below.{_h(unlocated)}</figcaption></figure>",
        f"<figure>{_image(pictures.timeline_png, f'Events per {pictures.unit} by type')}"
        f"<figcaption>Events per {_h(pictures.unit)}, stacked by type.</figcaption></figure>",
        "<h2>Main events</h2>",
    ]
    if not brief.main:
        parts.append('<p class="muted">No events in this period.</p>')
    for number, event in enumerate(brief.main, 1):
        parts.append(_event_html(number, event, colour))
    parts.append(_sources_html(brief))
    parts.append(f"<footer>Made by warledger {_h(__version__)} on {brief.made_on.isoformat()} from the stored "
                 "events; the fields are described in docs/output-contract.md.</footer></body></html>")
    return "\n".join(parts)


def _colours() -> Any:
    from warledger.brief_charts import type_colour

    return type_colour


def _event_html(number: int, event: dict[str, Any], colour: Any) -> str:
    badges = ""
    if event.get("disputed"):
        badges += ' <span class="badge disputed">disputed figures</span>'
    if event.get("corroboration"):
        badges += f' <span class="badge status">{_h(event["corroboration"])}</span>'
    kind = event.get("event_type") or ""
    parts = [
        '<section class="event">',
        f'<h3>{number}. <span class="swatch" style="background:{colour(kind)}"></span>{_h(kind)} / '
        f"{_h(event.get('sub_event_type') or '')} · {_h(_place(event))} · {_h(event.get('event_date'))}{badges}</h3>",
        f"<p>{_h(_actors(event))} · {_h(_deaths(event))} · {_h(_plural(len(event.get('sources') or ()), 'source'))}"
        "</p>",
    ]
    if event.get("notes"):
        parts.append(f'<p class="notes">{_h(event["notes"])}</p>')
    claimants, rows = figure_table(event)
    if rows:
        parts.append("<table><thead><tr><th>dead of</th>"
                     + "".join(f'<th class="num">{_h(c)}</th>' for c in claimants)
                     + '<th class="num">counted</th></tr></thead><tbody>')
        for row in rows:
            side = _h(row.side or "side not said")
            if row.disputed:
                side += ' <span class="badge disputed">disputed</span>'
            cells = "".join(f'<td class="num">{row.figures[c] if c in row.figures else ""}</td>' for c in claimants)
            counted = "" if row.counted is None else str(row.counted)
            parts.append(f'<tr class="{"disputed" if row.disputed else ""}"><td>{side}</td>{cells}'
                         f'<td class="num"><b>{counted}</b></td></tr>')
        parts.append("</tbody></table>")
    said = statements(event)
    if said:
        parts.append('<ul class="statements">')
        for claimant, claimant_side, statement, source in said:
            who = f"{claimant} ({claimant_side})" if claimant_side else claimant
            parts.append(f"<li><b>{_h(who)}</b>: “{_h(statement)}” <span class=\"muted\">{_h(source or '')}</span>"
                         "</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _sources_html(brief: Brief) -> str:
    parts = ["<h2>Sources</h2>", '<ul class="sources">']
    for source in brief.sources:
        about = ", ".join(p for p in (source.outlet, source.published.isoformat() if source.published else None)
                          if p)
        repost = f' <span class="badge status">repost of {_h(source.repost_of)}</span>' if source.repost_of else ""
        url = ""
        if source.url:
            # a link only to the web: a javascript: or file: URL from a report is shown as text
            link = source.url.lower().startswith(("http://", "https://"))
            url = (f' <a href="{_h(source.url)}">{_h(source.url)}</a>' if link
                   else f' <span class="muted">{_h(source.url)}</span>')
        parts.append(f"<li><b>{_h(source.title or source.id)}</b> ({_h(about or 'outlet unknown')}; {_h(source.id)}; "
                     f"{_h(_plural(source.events, 'event'))}){repost}{url}</li>")
    if brief.sources_total > len(brief.sources):
        parts.append(f"<li>and {brief.sources_total - len(brief.sources):,} more</li>")
    parts.append("</ul>")
    if brief.reposts:
        parts.append('<h3>Reposts</h3><ul class="sources">')
        parts += [f"<li>{_h(_repost_sentence(group))}</li>" for group in brief.reposts]
        parts.append("</ul>")
    return "\n".join(parts)


def render_pdf(page: str) -> bytes:
    """The HTML brief printed to PDF by WeasyPrint, which draws text through Debian's pango."""
    return bytes(load_weasyprint().HTML(string=page).write_pdf())


def load_weasyprint() -> Any:
    """The weasyprint module, or a BriefError saying which Debian packages to install."""
    try:
        # WeasyPrint prints a banner of its own on standard output when a library is missing: the
        # command's one line below says it better, and standard output may be someone's pipe
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError as error:  # cffi could not load pango, harfbuzz or fontconfig
        # cffi's message goes on about its fallback search: its first sentence names the library
        missing = str(error).splitlines()[0].split(".  ")[0]
        raise BriefError(f"the PDF needs system libraries that are missing ({missing}): "
                         f"apt-get install {PDF_PACKAGES} (or `make brief-deps`)") from None
    return weasyprint


def brief_format(path: str) -> str:
    """The format a file name asks for, from its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        given = f"not {suffix}" if suffix else "and this name has none"
        raise BriefError(f"{path}: the brief is written as .md, .html or .pdf, chosen by the file's suffix, {given}")
    return FORMATS[suffix]


def write_brief(brief: Brief, path: str) -> list[Path]:
    """Write the brief in the format of the path's suffix; Markdown gets its two pictures beside it as
    NAME-map.png and NAME-timeline.png. Returns the files written."""
    fmt = brief_format(path)
    if fmt == "pdf":
        load_weasyprint()  # a missing library is said before the pictures are drawn
    target = Path(path)
    pictures = draw_pictures(brief)
    try:
        if fmt == "pdf":
            target.write_bytes(render_pdf(render_html(brief, pictures)))
            return [target]
        if fmt == "html":
            target.write_text(render_html(brief, pictures), encoding="utf-8")
            return [target]
        map_file = target.with_name(f"{target.stem}-map.png")
        timeline_file = target.with_name(f"{target.stem}-timeline.png")
        map_file.write_bytes(pictures.map_png)
        timeline_file.write_bytes(pictures.timeline_png)
        target.write_text(render_markdown(brief, map_file.name, timeline_file.name, pictures.unit), encoding="utf-8")
        return [target, map_file, timeline_file]
    except OSError as error:
        raise BriefError(f"cannot write {path}: {error.strerror}") from None

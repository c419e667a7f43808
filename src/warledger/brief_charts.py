"""The brief's pictures, drawn offline with matplotlib: a map of the events over the dashboard's own
country outlines, and a chart of events per day (or week, or month) stacked by type. Each returns PNG
bytes, ready to be written beside a Markdown file or inlined in HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: the brief is drawn on servers and in tests

from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from warledger.periods import bucket_start, bucket_unit, buckets  # noqa: E402
from warledger.records import EVENT_TYPES  # noqa: E402

# The dashboard's colours for the six types (src/warledger/web/dom.js), so that a reader who
# knows one knows the other.
TYPE_COLOURS = {
    "Battles": "#c62828",
    "Explosions/Remote violence": "#ef6c00",
    "Violence against civilians": "#7b1fa2",
    "Protests": "#1565c0",
    "Riots": "#00897b",
    "Strategic developments": "#8d6e00",
}
OTHER_COLOUR = "#616161"
# Resolution of the pictures: sharp on an A4 page without making the HTML heavy.
DPI = 150


@dataclass(slots=True, frozen=True)
class MapPoint:
    """One event on the map: where, its type, its deaths and, for the brief's main events, its number."""

    latitude: float
    longitude: float
    event_type: str
    fatalities: int | None
    label: str | None = None


def type_colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


@functools.lru_cache(maxsize=1)
def country_outlines() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every ring of every country of the dashboard's basemap (world-atlas' countries-50m TopoJSON),
    as (longitude, latitude) points. Read once per process: the file is data shipped with the package."""
    topology = json.loads(importlib.resources.files("warledger").joinpath("web/countries-50m.json").read_text())
    arcs = decode_arcs(topology)
    rings: list[tuple[tuple[float, float], ...]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = ([geometry["arcs"]] if geometry["type"] == "Polygon"
                    else geometry["arcs"] if geometry["type"] == "MultiPolygon" else [])
        for polygon in polygons:
            for ring in polygon:
                points = ring_points(ring, arcs)
                if len(points) >= 3:
                    rings.append(tuple(points))
    return tuple(rings)


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantized and delta-encoded: running sums, then the transform."""
    sx, sy = topology.get("transform", {}).get("scale", (1, 1))
    tx, ty = topology.get("transform", {}).get("translate", (0, 0))
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring_points(ring: Sequence[int], arcs: Sequence[Sequence[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring is a list of arc indexes; ~i (negative) is arc i walked backwards. Consecutive arcs share
    their joining point, so each arc after the first drops its first point."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = list(reversed(arcs[~index])) if index < 0 else arcs[index]
        points.extend(arc[1:] if points else arc)
    return points


def map_extent(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the events with a margin, never closer than a few degrees
    around a lone event; the whole world when there is none."""
    if not points:
        return -170.0, 190.0, -58.0, 84.0
    lons = [p.longitude for p in points]
    lats = [p.latitude for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_lon = max((east - west) * 0.12, 3.0)
    pad_lat = max((north - south) * 0.12, 2.0)
    return west - pad_lon, east + pad_lon, max(south - pad_lat, -89.0), min(north + pad_lat, 89.0)


def marker_area(fatalities: int | None) -> float:
    """Marker area in points², growing with the square root of the deaths, as on the dashboard."""
    radius = min(3.5 + 1.6 * math.sqrt(fatalities), 26.0) if fatalities and fatalities > 0 else 3.5
    return math.pi * radius * radius


def map_png(points: Sequence[MapPoint], width_inches: float = 6.7, height_inches: float = 3.0) -> bytes:
    """The events on the country outlines: circles coloured by type and sized by deaths, the brief's
    main events numbered. The projection is plate carrée stretched by cos(mean latitude), like the
    dashboard's, so shapes near the events keep their proportions."""
    west, east, south, north = map_extent(points)
    figure = Figure(figsize=(width_inches, height_inches), dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_facecolor("#dfeaf2")
    outlines = PolyCollection(country_outlines(), facecolors="#f4f1ea", edgecolors="#9e9e9e", linewidths=0.4)
    axes.add_collection(outlines)
    # one scatter for every event (a brief over a large store has thousands), biggest circles first so
    # that small events stay visible on top of them
    ordered = sorted(points, key=lambda p: -(p.fatalities or 0))
    if ordered:
        axes.scatter([p.longitude for p in ordered], [p.latitude for p in ordered],
                     s=[marker_area(p.fatalities) for p in ordered], c=[type_colour(p.event_type) for p in ordered],
                     edgecolors="white", linewidths=0.8, alpha=0.9, zorder=3)
    # events at one place share one label ("1, 8") rather than print over each other
    labels: dict[tuple[float, float], list[str]] = {}
    for point in points:
        if point.label:
            labels.setdefault((round(point.longitude, 1), round(point.latitude, 1)), []).append(point.label)
    for (longitude, latitude), names in labels.items():
        text = ", ".join(sorted(names, key=lambda name: (len(name), name)))
        axes.annotate(text, (longitude, latitude), xytext=(5, 4), textcoords="offset points",
                      fontsize=7, fontweight="bold", color="#212121", zorder=4,
                      bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    # fill the frame: widen or heighten the extent to the figure's aspect around its centre
    k = max(math.cos(math.radians((south + north) / 2)), 0.3)
    aspect = width_inches / height_inches
    span_x, span_y = (east - west) * k, north - south
    if span_x / span_y < aspect:
        span_x = span_y * aspect
    else:
        span_y = span_x / aspect
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    axes.set_xlim(centre_x - span_x / k / 2, centre_x + span_x / k / 2)
    axes.set_ylim(max(centre_y - span_y / 2, -90), min(centre_y + span_y / 2, 90))
    axes.set_aspect(1 / k, adjustable="datalim")
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_edgecolor("#9e9e9e")
    return _png(figure)


def bucket_starts(first: dt.date, last: dt.date, unit: str) -> list[dt.date]:
    """Every bucket from the one holding `first` to the one holding `last`, empty ones included."""
    return [start for start, _ in buckets(first, last, unit)]


def timeline_png(counts: dict[tuple[dt.date, str], int], first: dt.date, last: dt.date,
                 width_inches: float = 6.7, height_inches: float = 1.7) -> tuple[bytes, str]:
    """Events per bucket stacked by type, from `first` to `last`; returns the PNG and the bucket unit
    ("day", "week" or "month", chosen from the span)."""
    unit = bucket_unit(first, last)
    starts = bucket_starts(first, last, unit)
    index = {start: i for i, start in enumerate(starts)}
    types = [t for t in EVENT_TYPES if any(kind == t for _, kind in counts)]
    types += sorted({kind for _, kind in counts} - set(types))
    stacks = {kind: [0] * len(starts) for kind in types}
    for (day, kind), n in counts.items():
        stacks[kind][index[bucket_start(day, unit)]] += n
    figure = Figure(figsize=(width_inches, height_inches), dpi=DPI)
    axes = figure.add_subplot()
    lefts = [float(x) for x in date2num(starts)]
    bottom = [0] * len(starts)
    width = {"day": 0.8, "week": 5.6, "month": 24.0}[unit]
    for kind in types:
        axes.bar(lefts, stacks[kind], bottom=bottom, width=width, align="edge", color=type_colour(kind),
                 label=kind, linewidth=0)
        bottom = [b + n for b, n in zip(bottom, stacks[kind], strict=True)]
    axes.set_ylabel(f"events per {unit}", fontsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(labelsize=7)
    axes.set_xlim(lefts[0] - 1, float(date2num(bucket_starts(last, last, unit)[-1])) + width + 1)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if types:
        axes.legend(fontsize=7, frameon=False, loc="upper left", ncols=min(len(types), 3))
        axes.set_ylim(0, max(bottom) * 1.35 + 0.5)  # room for the legend above the bars
    figure.tight_layout(pad=0.4)
    return _png(figure), unit


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # a Figure made without pyplot is freed with its last reference: no global registry to clean
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()

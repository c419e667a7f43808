"""Date expressions in a sentence, resolved to calendar spans against the publication date.

Relative expressions ("on Wednesday", "yesterday", "December 12" without a year) are resolved
against the article's publication date, never against the clock. Weekday names follow news
usage: "on Wednesday" in a Wednesday article is that same day; otherwise the most recent such
day before publication, unless the clause speaks of the future.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import dateparser

from warledger.records import DateSpan, Span

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

# A month name without a year that lies this many days after publication is read as last year's
# ("December 28" in a January 3 article); news rarely dates events more than a month ahead.
FUTURE_SLACK_DAYS = 31

_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?P<part>night|evening|morning|afternoon))?"

# Ordered: the first pattern that matches at a position wins, longer forms first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "since the start of the month", "at the end of last week", "the beginning of this year": a part of the
    # week, month or year the report is in, or of the one before or after
    ("edge_of_period", re.compile(r"\b(?:the\s+)?(?P<edge3>start|beginning|end|middle)\s+of\s+"
                                  r"(?P<which>the|this|last|next)\s+(?P<unit>week|month|year)\b", re.I)),
    # "five years ago", "a year ago", "last year": a year's span, told for background ("five years ago on
    # Tuesday, gunmen killed 40 people" is no news of the day: the weekday is the anniversary's)
    ("years_ago", re.compile(r"\b(?:(?P<count>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                             r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|\d{1,2})\s+years?\s+"
                             r"ago(?:\s+(?:on\s+)?(?:today|this\s+week|"
                             r"(?:mon|tues|wednes|thurs|fri|satur|sun)day))?|"
                             r"(?P<last>last|the past)\s+year)\b", re.I)),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    # year first with slashes or dots, as police statements write it: "on Saturday 2019/10/05"
    ("ymd_numeric", re.compile(r"\b(?P<year>(?:19|20)\d\d)([/.])(?P<mnum>[01]?\d)\2(?P<day>[0-3]?\d)\b")),
    # military date groups: "11APR09", "18FEB2012"
    ("military", re.compile(r"\b(?P<day>[0-3]?\d)(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
                            r"(?P<year>\d\d|(?:19|20)\d\d)\b")),
    # "14.07.2020", and the hyphens of Levantine statements ("Saturday 2-12-2023")
    ("dmy_numeric", re.compile(r"\b(?P<day>[0-3]?\d)([.-])(?P<mnum>[01]?\d)\2(?P<year>(?:19|20)\d\d)\b")),
    ("slashed", re.compile(r"\b(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")),
    ("day_range_month", re.compile(rf"\b{_DAY}\s*(?:-|–|to|and)\s*{_DAY2}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("month_day_range", re.compile(rf"\b{_MONTH}\s+{_DAY}\s*(?:-|–|to|and)\s*{_DAY2}(?:,?\s+{_YEAR})?\b", re.I)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}(?![\d,]*\d{{3}})(?:,?\s+{_YEAR})?\b", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    # "Monday of last week", "Wednesday last week", "last week's Monday": a day of the week before
    ("weekday_last_week", re.compile(rf"\b(?:{_WEEKDAY}{_PART}\s+(?:of\s+)?(?:last|the\s+previous)\s+week|"
                                     rf"last\s+week'?s\s+{_WEEKDAY.replace('?P<weekday>', '?P<weekday2>')})\b",
                                     re.I)),
    # a bulletin's "on day 14 of the current month", "the 14th of this month", "the 14th inst."
    ("day_this_month", re.compile(r"\b(?:day\s+(?P<day>[0-3]?\d)|the\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th))\s+"
                                  r"(?:of\s+(?:the\s+)?(?:current|present|this)\s+month\b|inst\b\.?)", re.I)),
    ("weekday_date", re.compile(rf"\b{_WEEKDAY}{_PART}", re.I)),
    ("season", re.compile(
        r"\b(?:(?P<edge>early|late|mid)[-\s]+)?(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)"
        r"\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)),
    # "in the first week of February 2023", "the last week of May"
    ("week_of_month", re.compile(
        rf"\b(?P<nth>first|second|third|fourth|last|final)\s+week\s+of\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("month_year_range", re.compile(rf"\b{_MONTH}\s*(?:-|–|to)\s*{_MONTH2}\s+{_YEAR}\b", re.I)),
    ("month_year", re.compile(
        rf"\b(?:(?P<edge>early|late|mid)[-\s]+|(?:the\s+)?(?P<edge3>end|beginning|start|middle)\s+of\s+)?"
        rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b", re.I)),
    ("month_alone", re.compile(
        r"\b(?:(?P<edge>early|late|mid)[-\s]+|(?:in|since|during|by|until|last|this|from)\s+(?:the\s+)?"
        r"(?:(?P<edge2>early|late|mid)[-\s]*|(?P<edge3>end|beginning|start|middle)\s+of\s+)?"
        r"|at\s+the\s+(?P<edge4>end|beginning|start)\s+of\s+)"
        rf"{_MONTH}\b(?!\s+\d)", re.I)),
    ("year_range", re.compile(
        r"\b(?P<year>(?:19|20)\d\d)\s*(?:-|–|—|to|and)\s*(?P<year2>(?:19|20)?\d\d)\b(?!\s*(?:km|kilomet|people|soldiers))")),
    ("decade", re.compile(r"\b(?:(?P<edge>early|late|mid)[-\s]+)?(?:19|')?(?P<decade>[0-9]0)'?s\b", re.I)),
    ("year", re.compile(r"\b(?P<year>(?:19|20)\d\d)\b(?![-–]\d)")),
    ("relative_day", re.compile(r"\b(?P<rel>today|tonight|yesterday|last night|this morning|this evening|"
                                r"overnight|the day before yesterday|earlier today|earlier this week|last week|"
                                r"this week|last weekend|this weekend|(?:over|during|at) the weekend|"
                                r"earlier this month|this month|last month|"
                                r"(?:over|in|during) the (?:past|last) (?:day|24 hours))\b",
                                re.I)),
    ("days_ago", re.compile(r"\b(?P<count>two|three|four|five|six|\d)\s+days\s+(?P<ago>ago|earlier)\b", re.I)),
]

# "the end of December 2022" is late December, "the beginning of May" early May
_NAMED_EDGES = {"end": "late", "beginning": "early", "start": "early", "middle": "mid"}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_MONTH_BEFORE = re.compile(_MONTH + r"\s+(?:of\s+)?$", re.I)
_YEAR_COUNTS = {"a": 1, "one": 1, **_NUMBER_WORDS, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20}
# Words before a date that turn it into an open range or an end point.
_UNTIL = re.compile(r"\b(?:until|till|to|through|by)\s+(?:the\s+)?$", re.I)
_SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|is due|are due|due to|plans? to|scheduled|next|expected to|going to|"
                     r"is to|are to|would)\b", re.I)


@dataclass(slots=True, frozen=True)
class DateMention:
    """A date expression found in text, resolved against a publication date."""

    span: Span
    text: str
    date: DateSpan
    role: str = "point"  # "point", "since" (start of an open range), "until" (end point)


def _clamp_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int, edge: str | None) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    start, end = dt.date(year, month, 1), dt.date(year, month, last)
    if edge and edge.lower() == "early":
        return DateSpan(start, dt.date(year, month, 10), 3, start)
    if edge and edge.lower() == "late":
        return DateSpan(dt.date(year, month, 20), end, 3, end)
    if edge and edge.lower() == "mid":
        return DateSpan(dt.date(year, month, 11), dt.date(year, month, 20), 3, dt.date(year, month, 15))
    return DateSpan(start, end, 3, dt.date(year, month, 15))


def _year_span(year: int, edge: str | None = None) -> DateSpan:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if edge and edge.lower() == "early":
        return DateSpan(start, dt.date(year, 4, 30), 4, start)
    if edge and edge.lower() == "late":
        return DateSpan(dt.date(year, 9, 1), end, 4, end)
    # A year alone: the best single day is its first, the convention of year-precision data sets.
    return DateSpan(start, end, 4, start)


def _edge_of_period(edge: str, which: str, unit: str, published: dt.date) -> DateSpan:
    """The early, mid or late part of the week, month or year of publication ("the", "this"), of the one
    before ("last") or of the one after ("next")."""
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit == "year":
        return _year_span(published.year + step, edge)
    if unit == "month":
        month = published.month + step
        year = published.year + (month - 1) // 12
        return _month_span(year, (month - 1) % 12 + 1, edge)
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
    first, last = {"early": (0, 1), "mid": (2, 4), "late": (4, 6)}[edge]
    start, end = monday + dt.timedelta(days=first), monday + dt.timedelta(days=last)
    return DateSpan(start, end, 2, end if edge == "late" else start)


def _infer_year(month: int, day: int, published: dt.date) -> int:
    candidate = _clamp_day(published.year, month, min(day, 28)) or dt.date(published.year, month, 1)
    if (candidate - published).days > FUTURE_SLACK_DAYS:
        return published.year - 1
    return published.year


def _resolve_weekday(weekday: int, published: dt.date, future: bool) -> dt.date:
    delta = (published.weekday() - weekday) % 7
    if future:
        ahead = (weekday - published.weekday()) % 7
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=delta)


def _resolve(kind: str, m: re.Match[str], published: dt.date, future: bool) -> DateSpan | None:
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
    if kind == "military":
        year = int(g["year"])
        if year < 100:
            year += 2000 if 2000 + year <= published.year + 1 else 1900
        d = _clamp_day(year, month, int(g["day"])) if month else None
        return DateSpan.day(d) if d else None
    if kind in ("iso", "dmy_numeric", "ymd_numeric"):
        d = _clamp_day(int(g["year"]), int(g["mnum"]), int(g["day"]))
        return DateSpan.day(d) if d else None
    if kind in ("month_day", "day_month"):
        if not month:
            return None
        day = int(g["day"])
        year = int(g["year"]) if g.get("year") else _infer_year(month, day, published)
        d = _clamp_day(year, month, day)
        return DateSpan.day(d) if d else None
    if kind in ("day_range_month", "month_day_range"):
        if not month:
            return None
        day1, day2 = int(g["day"]), int(g["day2"])
        year = int(g["year"]) if g.get("year") else _infer_year(month, day1, published)
        d1, d2 = _clamp_day(year, month, day1), _clamp_day(year, month, day2)
        if not d1 or not d2 or d2 < d1:
            return None
        return DateSpan(d1, d2, 1 if (d2 - d1).days <= 1 else 2, d1)
    if kind == "weekday_last_week":
        weekday = WEEKDAYS[(g.get("weekday") or g["weekday2"]).lower()]
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return DateSpan.day(monday + dt.timedelta(days=weekday))
    if kind == "day_this_month":
        day = int(g.get("day") or g["day2"])
        month_start = published.replace(day=1)
        if day > published.day:  # "the 28th of the current month" in a report of the 3rd: last month's
            month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        d = _clamp_day(month_start.year, month_start.month, day)
        return DateSpan.day(d) if d else None
    if kind == "weekday_date":
        d = _resolve_weekday(WEEKDAYS[g["weekday"].lower()], published, future)
        return DateSpan.day(d)
    if kind == "season":
        year = int(g["year"])
        season = g["season"].lower()
        months = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}[season]
        start = dt.date(year, months[0], 1)
        end_year = year + 1 if season == "winter" else year
        end = dt.date(end_year, months[1], calendar.monthrange(end_year, months[1])[1])
        return DateSpan(start, end, 4, start)
    if kind == "week_of_month":
        if not month:
            return None
        year = int(g["year"]) if g.get("year") else \
            published.year if month <= published.month else published.year - 1
        last = calendar.monthrange(year, month)[1]
        nth = g["nth"].lower()
        first = last - 6 if nth in ("last", "final") else 1 + 7 * ("first", "second", "third", "fourth").index(nth)
        start = dt.date(year, month, first)
        return DateSpan(start, start + dt.timedelta(days=6), 2, start)
    if kind == "month_year_range":
        month2 = MONTHS.get(g["month2"].lower().rstrip("."))
        if not month or not month2:
            return None
        year = int(g["year"])
        start = dt.date(year if month <= month2 else year - 1, month, 1)
        end = dt.date(year, month2, calendar.monthrange(year, month2)[1])
        return DateSpan(start, end, 4, start)
    if kind == "month_year":
        edge = g.get("edge") or _NAMED_EDGES.get((g.get("edge3") or "").lower())
        return _month_span(int(g["year"]), month, edge) if month else None
    if kind == "month_alone":
        if not month:
            return None
        year = published.year if month <= published.month else published.year - 1
        edge = g.get("edge") or g.get("edge2") or _NAMED_EDGES.get((g.get("edge3") or g.get("edge4") or "").lower())
        return _month_span(year, month, edge)
    if kind == "slashed":
        return _slashed(int(g["first"]), int(g["second"]), int(g["year"]), published)
    if kind == "year_range":
        y1 = int(g["year"])
        y2s = g["year2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if not (0 < y2 - y1 <= 60) or y2 > published.year:
            return None
        return DateSpan(dt.date(y1, 1, 1), dt.date(y2, 12, 31), 5, dt.date(y1, 1, 1))
    if kind == "decade":
        decade = int(g["decade"])
        century = 1900 if decade >= 30 or m.group(0).startswith("19") else 2000
        if m.group(0)[:2] == "20" and len(m.group(0)) > 4:
            century = 2000
        y1 = century + decade
        if y1 > published.year:
            y1 -= 100
        edge = (g.get("edge") or "").lower()
        first, last = (y1, y1 + 3) if edge == "early" else (y1 + 7, y1 + 9) if edge == "late" else (y1, y1 + 9)
        return DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31), 5, dt.date(first, 1, 1))
    if kind == "year":
        year = int(g["year"])
        if year > published.year:
            return None
        return _year_span(year)
    if kind == "relative_day":
        rel = g["rel"].lower()
        if rel in ("today", "tonight", "this morning", "this evening", "earlier today"):
            return DateSpan.day(published)
        if rel in ("yesterday", "last night", "overnight"):
            d = published - dt.timedelta(days=1)
            return DateSpan(d, published, 1, d) if rel == "overnight" else DateSpan.day(d)
        if rel.endswith(("past day", "last day", "24 hours")):
            # a bulletin's "over the past day": the day before it was issued (issued each morning)
            return DateSpan.day(published - dt.timedelta(days=1))
        if rel == "the day before yesterday":
            return DateSpan.day(published - dt.timedelta(days=2))
        if rel in ("this week", "earlier this week"):
            start = published - dt.timedelta(days=published.weekday())
            return DateSpan(start, published, 2, start + (published - start) // 2)
        if rel in ("last week",):
            start = published - dt.timedelta(days=published.weekday() + 7)
            return DateSpan(start, start + dt.timedelta(days=6), 2, start + dt.timedelta(days=3))
        if rel in ("last weekend", "this weekend") or rel.endswith("the weekend"):
            sat = published - dt.timedelta(days=(published.weekday() - 5) % 7)
            return DateSpan(sat, sat + dt.timedelta(days=1), 2, sat)
        if rel in ("earlier this month", "this month"):
            start = published.replace(day=1)
            return DateSpan(start, published, 3, start + (published - start) // 2)
        if rel == "last month":
            end = published.replace(day=1) - dt.timedelta(days=1)
            return _month_span(end.year, end.month, None)
    if kind == "edge_of_period":
        return _edge_of_period(_NAMED_EDGES[g["edge3"].lower()], g["which"].lower(), g["unit"].lower(), published)
    if kind == "years_ago":
        count = (g["count"] or "one").lower()
        n = _YEAR_COUNTS.get(count) or int(count)
        if g["last"] and g["last"].lower() == "the past":
            return None  # "over the past year": a period up to now, not a date
        return _year_span(published.year - n)
    if kind == "days_ago":
        count = g["count"].lower()
        n = _NUMBER_WORDS.get(count) or int(count)
        return DateSpan.day(published - dt.timedelta(days=n))
    return None


def _slashed(first: int, second: int, year: int, published: dt.date) -> DateSpan | None:
    """"5/6/2024": day first or month first, whichever the numbers allow; when both do, the reading
    that falls on or before publication, nearest to it."""
    readings = [d for d in (_clamp_day(year, second, first), _clamp_day(year, first, second)) if d is not None]
    past = [d for d in readings if d <= published]
    chosen = max(past) if past else (min(readings) if readings else None)
    return DateSpan.day(chosen) if chosen else None


# What parts two clauses of a sentence: a future word beyond it speaks of another time ("announced on Saturday
# that they had merged, and that their fighters would come under one command").
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:that|who|which|after|before|while|because|but|and)\b", re.I)
# ... and how far a future word may stand from the day it puts ahead.
FUTURE_REACH_CHARS = 60


def _future_near(text: str, start: int, end: int, cues: Sequence[tuple[int, int]]) -> bool:
    """Whether a word of the future ("will", "is due to", "next") belongs with the date at start:end: in its
    clause, within FUTURE_REACH_CHARS ("talks will resume on Monday", "On Monday the minister is to visit")."""
    for cue_start, cue_end in cues:
        if cue_start >= end and text[cue_start:cue_end].lower() in ("would", "next"):
            # "said on Saturday it would open the road next week": the day of saying, a future in the past
            continue
        between = text[cue_end:start] if cue_end <= start else text[end:cue_start]
        if len(between) <= FUTURE_REACH_CHARS and not _CLAUSE_BREAK.search(between):
            return True
    return False


def find_dates(text: str, published: dt.date, offset: int = 0) -> list[DateMention]:
    """All date expressions in `text` (one sentence, usually), left to right.

    `offset` is added to spans so that they point into the document. Overlapping matches are
    resolved in favour of the earlier pattern in _PATTERNS (the more specific form).
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    stated_years: dict[int, int] = {}  # the year written with a date, by where the date starts
    yearless: set[int] = set()  # days written without a year
    cues = [m.span() for m in _FUTURE.finditer(text)]
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "year" and _looks_like_quantity(text, s, e):
                continue
            if kind == "years_ago" and m.group("last") and _MONTH_BEFORE.search(text, 0, s):
                continue  # "in October last year": the month's own pattern dates it
            if _NAMES_A_GROUP.match(text, e):
                continue  # "the 14th October Brigade", "the March 23 Movement": a name, not a date
            if _BORN.search(text, 0, s):
                continue  # "a citizen of Georgia, born in 1961": a birth, not the event's day
            future = kind == "weekday_date" and _future_near(text, s, e, cues)
            span = _resolve(kind, m, published, future)
            if span is None:
                continue
            if kind in _YEARLESS_MONTHS and _LAST_YEAR.match(text, e):
                # "in August last year" in a September report is August of the year before, not the last August
                span = _in_year(span, published.year - 1)
            part = (m.groupdict().get("part") or "").lower()
            if kind == "weekday_date" and part == "night" and not future:
                # "on Monday night" runs into the next morning
                span = DateSpan(span.start, span.start + dt.timedelta(days=1), 1, span.start)
            before = text[max(0, s - 20):s]
            first = m.group(0).split()[0].lower()  # "since October" matches with its preposition
            role = "until" if _UNTIL.search(before) or first in ("until", "till", "by") else \
                "since" if _SINCE.search(before) or first == "since" else "point"
            if kind == "year_range" or kind == "decade":
                role = "point"
            taken.append((s, e))
            found.append(DateMention(Span(offset + s, offset + e), m.group(0), span, role))
            if m.groupdict().get("year"):
                stated_years[offset + s] = int(m.group("year"))
            elif kind in _YEARLESS_DAYS:
                yearless.add(offset + s)
    found.sort(key=lambda d: d.span.start)
    found = _years_carried(found, stated_years, yearless, published)
    # "on Saturday, 2 December 2023": the weekday names the day the full date gives, not last Saturday
    named = [d for d in found if d.date.precision == 1]
    return [d for d in found if not (
        _WEEKDAY_ALONE.fullmatch(d.text) and any(
            0 <= o.span.start - d.span.end <= 2 and o.span.start > d.span.start for o in named))]


# A date followed by one of these capitalised words is part of a unit's or movement's name.
_NAMES_A_GROUP = re.compile(r"\s+(?:Brigade|Division|Battalion|Regiment|Movement|Front|Revolution|Army|Corps|"
                            r"Militia|Group|Alliance|Coalition|Martyrs)\b")
_WEEKDAY_ALONE = re.compile(rf"{_WEEKDAY}", re.I)
# Words just before a date that make it a birth date.
_BORN = re.compile(r"\b(?:born|b\.)(?:\s+(?:in|on))?\s+(?:the\s+)?$", re.I)
_YEARLESS_DAYS = frozenset({"day_month", "month_day", "day_range_month", "month_day_range"})
# Months and days written without a year, and the words after them that name the year before.
_YEARLESS_MONTHS = _YEARLESS_DAYS | {"month_alone"}
_LAST_YEAR = re.compile(r",?\s+(?:of\s+)?last\s+year\b", re.I)


def _in_year(span: DateSpan, year: int) -> DateSpan:
    """The same days of another year (29 February falls back to the 28th)."""
    def moved(day: dt.date) -> dt.date:
        return day.replace(year=year + (day.year - span.start.year), day=min(day.day, 28) if
                           (day.month, day.day) == (2, 29) else day.day)
    return DateSpan(moved(span.start), moved(span.end), span.precision, moved(span.best))


def _years_carried(found: list[DateMention], stated: dict[int, int], yearless: set[int],
                   published: dt.date) -> list[DateMention]:
    """ "On 8 November 2020 the city was taken, and on 10 November the act was signed": a day written
    without a year after one written with it, in the same sentence, is of that year, not the
    publication's."""
    out: list[DateMention] = []
    last_year: int | None = None
    for mention in found:
        start = mention.span.start
        if start in stated:
            last_year = stated[start]
        elif start in yearless and last_year is not None and mention.date.start.year != last_year:
            shift = last_year - mention.date.start.year
            try:
                moved = DateSpan(mention.date.start.replace(year=mention.date.start.year + shift),
                                 mention.date.end.replace(year=mention.date.end.year + shift),
                                 mention.date.precision, mention.date.best.replace(year=mention.date.best.year + shift))
            except ValueError:  # 29 February
                moved = mention.date
            if moved.start <= published:
                mention = dataclasses.replace(mention, date=moved)
        out.append(mention)
    return out


def _looks_like_quantity(text: str, start: int, end: int) -> bool:
    """A four-digit number that counts things ("1960 Russian peacekeepers") is no year."""
    after = text[end:end + 25].lower()
    before = text[max(0, start - 12):start].lower()
    if re.match(r"\s*(?:[a-z]+\s+)?(?:peacekeepers|soldiers|troops|people|civilians|fighters|men|"
                r"km|kilometres|kilometers|square|metres|meters|dead|killed|planes|tanks|homes)", after):
        return True
    return bool(re.search(r"(?:about|around|some|nearly|almost|over|than)\s+$", before))


def parse_free_date(text: str, published: dt.date) -> dt.date | None:
    """Fallback for forms the patterns miss, using dateparser with the publication date as base."""
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12)),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None

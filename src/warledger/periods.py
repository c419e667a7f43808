"""Calendar buckets of a timeline: days, ISO weeks (Monday to Sunday) or months.

The dashboard's timeline (api.py) and the brief's chart (brief_charts.py) count events per bucket, and
choose the bucket the same way, so that the two show one picture of the same store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

# Day buckets up to this span of days, then weeks up to the next, then months.
DAY_BUCKETS_UP_TO_DAYS = 120
WEEK_BUCKETS_UP_TO_DAYS = 3 * 366


def bucket_unit(first: dt.date, last: dt.date) -> str:
    """"day", "week" or "month": the bucket for a timeline from `first` to `last`."""
    span = (last - first).days
    return "day" if span <= DAY_BUCKETS_UP_TO_DAYS else "week" if span <= WEEK_BUCKETS_UP_TO_DAYS else "month"


def bucket_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the bucket that holds `day`."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())  # ISO weeks start on Monday
    if unit == "month":
        return day.replace(day=1)
    return day


def buckets(first: dt.date, last: dt.date, unit: str) -> Iterator[tuple[dt.date, dt.date]]:
    """(first day, last day) of every bucket from the one holding `first` to the one holding `last`, empty
    ones included."""
    start = bucket_start(first, unit)
    while start <= last:
        if unit == "day":
            end = start
        elif unit == "week":
            end = start + dt.timedelta(days=6)
        else:
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        yield start, end
        start = end + dt.timedelta(days=1)

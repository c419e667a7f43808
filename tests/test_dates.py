"""Date expressions resolved against the publication date (dates stage)."""

import datetime as dt

import pytest

from warledger.dates import find_dates

WEDNESDAY = dt.date(2022, 9, 14)


def spans(text: str, published: dt.date = WEDNESDAY) -> list[tuple[str, str, str, int]]:
    return [(d.text, d.date.start.isoformat(), d.date.end.isoformat(), d.date.precision)
            for d in find_dates(text, published)]


def test_weekday_named_on_its_own_day_is_that_day() -> None:
    assert spans("Talks resumed on Wednesday in the capital.") == [
        ("Wednesday", "2022-09-14", "2022-09-14", 1)]


def test_weekday_before_publication_is_the_most_recent_one() -> None:
    assert spans("Shelling began on Monday.")[0][1] == "2022-09-12"


def test_night_runs_into_the_next_morning() -> None:
    assert spans("Clashes broke out on Monday night.") == [
        ("Monday night", "2022-09-12", "2022-09-13", 1)]


def test_future_weekday_looks_ahead() -> None:
    found = find_dates("The observers are due to arrive on Thursday.", WEDNESDAY)
    assert found[0].date.start == dt.date(2022, 9, 15)


def test_month_day_without_year_takes_the_publication_year() -> None:
    assert spans("On December 12 the offensive resumed.", dt.date(2020, 12, 12))[0][1] == "2020-12-12"


def test_month_day_far_after_publication_is_last_year() -> None:
    assert spans("Troops withdrew on December 28.", dt.date(2021, 1, 3))[0][1] == "2020-12-28"


def test_day_month_and_the_night_of() -> None:
    assert spans("on the night of 7 November", dt.date(2020, 11, 7))[0][1:3] == ("2020-11-07", "2020-11-07")


def test_bare_year_in_background_keeps_its_own_year() -> None:
    assert spans("In 1991 the region declared independence.") == [("1991", "1991-01-01", "1991-12-31", 4)]


def test_year_range_and_decade() -> None:
    assert spans("fighting in 1988-1994 left the region devastated")[0][1:] == ("1988-01-01", "1994-12-31", 5)
    assert spans("since the 1990s")[0][1:3] == ("1990-01-01", "1999-12-31")


def test_season_of_a_year() -> None:
    assert spans("the war in the fall of 2020")[0][1:3] == ("2020-09-01", "2020-11-30")


def test_month_and_year_with_until_role() -> None:
    found = find_dates("Hostilities continued until September 1993.", WEDNESDAY)
    assert found[0].role == "until"
    assert (found[0].date.start, found[0].date.end) == (dt.date(1993, 9, 1), dt.date(1993, 9, 30))


@pytest.mark.parametrize("text", [
    "1960 Russian peacekeepers are deployed along the line",
    "Over 2000 soldiers took part",
    "about 2019 people were evacuated",
])
def test_counts_are_not_years(text: str) -> None:
    assert spans(text) == []


def test_relative_days() -> None:
    assert spans("The strike happened yesterday.")[0][1] == "2022-09-13"
    assert spans("two days ago a convoy was hit")[0][1] == "2022-09-12"


def test_spans_point_into_the_text_with_offset() -> None:
    text = "Clashes on 12 September 2022 near the border."
    found = find_dates(text, WEDNESDAY, offset=100)
    assert found[0].span.start - 100 == text.index("12 September")
    assert found[0].date.start == dt.date(2022, 9, 12)



def test_parts_of_a_month_without_a_year() -> None:
    wednesday = dt.date(2024, 5, 8)
    assert spans("fighting resumed at the end of April", wednesday)[0][1:] == ("2024-04-20", "2024-04-30", 3)
    assert spans("in early May the front moved", wednesday)[0][1:] == ("2024-05-01", "2024-05-10", 3)
    assert spans("they may attack again", wednesday) == []


def test_slashed_dates_read_the_way_the_numbers_allow() -> None:
    wednesday = dt.date(2024, 5, 8)
    assert spans("on 25/4/2024", wednesday)[0][1] == "2024-04-25"
    assert spans("on 4/25/2024", wednesday)[0][1] == "2024-04-25"
    # both readings possible: the one on or before publication, nearest to it
    assert spans("on 5/6/2024", wednesday)[0][1] == "2024-05-06"


def test_two_consecutive_days_are_day_precise() -> None:
    assert spans("on the night of May 6 to 7", dt.date(2024, 5, 8))[0][1:] == ("2024-05-06", "2024-05-07", 1)


@pytest.mark.issue(9)
@pytest.mark.parametrize("text", ["on Saturday 2-12-2023 targeted", "on Saturday, 2 December 2023, fighters",
                                  "at 10:15 on Saturday 02.12.2023"])
def test_a_weekday_before_a_full_date_is_that_date(text: str) -> None:
    # Levantine statements write "Saturday 2-12-2023": one day, not last Saturday and another day
    [mention] = find_dates(text, dt.date(2024, 10, 25))
    assert (mention.date.start, mention.date.precision) == (dt.date(2023, 12, 2), 1)


def test_a_weekday_and_another_date_stay_two() -> None:
    dates = find_dates("on Saturday and again on 3 May", dt.date(2024, 10, 25))
    assert [d.date.start for d in dates] == [dt.date(2024, 10, 19), dt.date(2024, 5, 3)]


@pytest.mark.issue(9)
def test_a_day_without_a_year_takes_the_year_written_before_it() -> None:
    text = "On 8 November 2020 the city was taken, and on 10 November the act was signed."
    dates = find_dates(text, dt.date(2021, 11, 17))
    assert [d.date.start for d in dates] == [dt.date(2020, 11, 8), dt.date(2020, 11, 10)]
    # a day written before any year keeps the publication's year
    [day, _] = find_dates("On 3 May the army shelled the town; on 2 January 2023 it left.", dt.date(2024, 6, 1))
    assert day.date.start == dt.date(2024, 5, 3)


@pytest.mark.parametrize("text", [
    "Fighters of the 14th October Brigade held the ridge.",
    "The March 23 Movement said it had withdrawn.",
    "Commanders of the 6 April Division met in the capital.",
])
def test_a_date_inside_a_units_name_is_no_date(text: str) -> None:
    assert find_dates(text, dt.date(2024, 3, 13)) == []


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("In the first week of February 2023, militants set up a base.", dt.date(2023, 2, 1), dt.date(2023, 2, 7), 2),
    ("During the last week of May, troops clashed.", dt.date(2024, 5, 25), dt.date(2024, 5, 31), 2),
    ("In mid-January 2024, troops took the town.", dt.date(2024, 1, 11), dt.date(2024, 1, 20), 3),
    ("The crisis began at the end of December 2022, when troops fired on a rally.", dt.date(2022, 12, 20),
     dt.date(2022, 12, 31), 3),
    ("At the beginning of May 2020, rebels seized the town.", dt.date(2020, 5, 1), dt.date(2020, 5, 10), 3),
])
def test_parts_of_a_month(text: str, start: dt.date, end: dt.date, precision: int) -> None:
    [date] = find_dates(text, dt.date(2024, 6, 1))
    assert (date.date.start, date.date.end, date.date.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["Over the past day the enemy shelled 14 settlements.",
                                  "During the past 24 hours, militants fired on army posts."])
def test_a_bulletins_past_day_is_the_day_before_it(text: str) -> None:
    [date] = find_dates(text, dt.date(2024, 3, 13))
    assert (date.date.start, date.date.end) == (dt.date(2024, 3, 12), dt.date(2024, 3, 12))


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "year", "said"), [
    ("Five years ago on Tuesday, gunmen killed 40 people at a church in Owo.", 2018, "Five years ago on Tuesday"),
    ("A year ago today, the town fell.", 2022, "A year ago today"),
    ("The report said 3,000 civilians were killed in Tigray last year.", 2022, "last year"),
])
def test_years_ago_date_the_year_not_the_weekday(text: str, year: int, said: str) -> None:
    [found] = find_dates(text, dt.date(2023, 3, 10))
    assert (found.text, found.date.start, found.date.end, found.date.precision) == \
        (said, dt.date(year, 1, 1), dt.date(year, 12, 31), 4)


def test_a_month_last_year_keeps_its_month() -> None:
    [found] = find_dates("In October last year, two car bombs killed 120 people.", dt.date(2023, 3, 10))
    assert (found.date.start, found.date.end) == (dt.date(2022, 10, 1), dt.date(2022, 10, 31))
    assert find_dates("Over the past year, 300 people were killed.", dt.date(2023, 3, 10)) == []


def test_a_month_last_year_is_of_the_year_before_even_when_it_came_earlier_this_year() -> None:
    # in a September report: August last year is August of the year before, not last month
    published = dt.date(2023, 9, 6)
    [mention] = find_dates("The government launched its offensive in August last year.", published)
    assert (mention.date.start, mention.date.end) == (dt.date(2022, 8, 1), dt.date(2022, 8, 31))
    [mention] = find_dates("The town fell on 5 August last year.", published)
    assert mention.date.start == dt.date(2022, 8, 5)
    # ... and a later month last year still is
    [mention] = find_dates("In October last year, two car bombs went off.", published)
    assert mention.date.start == dt.date(2022, 10, 1)


@pytest.mark.issue(9)
def test_military_date_groups() -> None:
    # an army communique's "11APR09", "18FEB2012"
    assert spans("On 11APR09, at 1640 hours, a patrol was attacked.", dt.date(2009, 4, 13))[0][:3] == (
        "11APR09", "2009-04-11", "2009-04-11")
    assert spans("On 18FEB2012 patrols occupied the camp.", dt.date(2012, 2, 20))[0][1] == "2012-02-18"
    # a year in the last century
    assert spans("On 03MAR98 the post was shelled.", dt.date(2009, 4, 13))[0][1] == "1998-03-03"


@pytest.mark.issue(9)
def test_teens_of_years_ago_are_a_past_year() -> None:
    # "the hostage siege fifteen years ago" is no news of the day
    assert spans("the siege fifteen years ago", dt.date(2019, 9, 3))[0][1:4] == ("2004-01-01", "2004-12-31", 4)


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    # published on Wednesday 14 September 2022
    ("Residents said soldiers dug new posts over the weekend.", "2022-09-10", "2022-09-11", 2),
    ("At the weekend gunmen torched two houses.", "2022-09-10", "2022-09-11", 2),
    # a weekday of last week is that week's, not the latest of its name
    ("Guards fired on the crowd on Monday of last week.", "2022-09-05", "2022-09-05", 1),
    ("Troops entered the town on Wednesday last week.", "2022-09-07", "2022-09-07", 1),
    # a bulletin's day of the current month; a day after publication is last month's
    ("On day 12 of the current month, personnel of the army were attacked with firearms.", "2022-09-12",
     "2022-09-12", 1),
    ("On the 28th inst., a patrol came under fire.", "2022-08-28", "2022-08-28", 1),
])
def test_the_weekend_a_day_of_last_week_and_a_day_of_this_month(text: str, start: str, end: str,
                                                                 precision: int) -> None:
    [(_, got_start, got_end, got_precision)] = spans(text)
    assert (got_start, got_end, got_precision) == (start, end, precision)
    assert spans("Last Tuesday gunmen attacked a bus.") == [("Tuesday", "2022-09-13", "2022-09-13", 1)]
    assert spans("The 14th Brigade attacked on Monday.") == [("Monday", "2022-09-12", "2022-09-12", 1)]


@pytest.mark.issue(9)
@pytest.mark.parametrize(("text", "day"), [
    # a future word in another clause of the sentence does not put the day ahead
    ("The factions announced at Panguna on Saturday that they had merged, and that their fighters would come "
     "under one command.", "2022-09-10"),
    ("The army said on Saturday it would reopen the road next week.", "2022-09-10"),
    # in the day's own clause it does
    ("Talks will resume on Saturday in Geneva.", "2022-09-17"),
    ("On Saturday the minister is due to visit the front.", "2022-09-17"),
])
def test_a_future_word_puts_ahead_only_the_day_of_its_clause(text: str, day: str) -> None:
    [(_, start, _, _)] = spans(text)
    assert start == day


@pytest.mark.parametrize(("text", "expected"), [
    # a part of the week, month or year of publication, or of the one before or after
    ("Gunmen have held the ridge since the start of the month.",
     ("the start of the month", "2022-09-01", "2022-09-10", 3, "since")),
    ("The checkpoints went up at the end of last month.",
     ("the end of last month", "2022-08-20", "2022-08-31", 3, "point")),
    ("Raids have continued since the beginning of this week.",
     ("the beginning of this week", "2022-09-12", "2022-09-13", 2, "since")),
    ("The militia withdrew at the end of last year.",
     ("the end of last year", "2021-09-01", "2021-12-31", 4, "point")),
    ("Families were told to leave by the end of next month.",
     ("the end of next month", "2022-10-20", "2022-10-31", 3, "until")),
    # January's "last month" is the December before
    ("Talks broke down in the middle of last month.",
     ("the middle of last month", "2021-12-11", "2021-12-20", 3, "point")),
])
def test_the_start_or_end_of_a_week_month_or_year(text: str, expected: tuple[str, str, str, int, str]) -> None:
    published = dt.date(2022, 1, 20) if "middle" in text else WEDNESDAY
    found = find_dates(text, published)
    assert [(d.text, d.date.start.isoformat(), d.date.end.isoformat(), d.date.precision, d.role)
            for d in found] == [expected]


@pytest.mark.issue(9)
def test_a_date_written_year_first_with_slashes_or_dots() -> None:
    # police statements: "on Saturday 2019/10/05 at about 21:30"
    assert spans("It is alleged that on Saturday 2023/03/11 at 21:30 suspects hurled a grenade.",
                 dt.date(2023, 3, 13))[0][:3] == ("2023/03/11", "2023-03-11", "2023-03-11")
    assert spans("On 2021.06.04 the post was attacked.", dt.date(2021, 6, 6))[0][1] == "2021-06-04"


@pytest.mark.issue(9)
def test_a_birth_year_dates_no_event() -> None:
    text = "Border guards detained a shepherd, born in 1958, near Khurvaleti on 2 May."
    assert [s[0] for s in spans(text, dt.date(2023, 5, 3))] == ["2 May"]

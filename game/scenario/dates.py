"""Why a written date is no date, in words: YAML reads 1990-02-30 as a date and Python refuses it
("day is out of range for month"); an author needs "there are only 28 days in February 1990"."""

from __future__ import annotations

import calendar
import re

from game.i18n import N_, tr, trn

MONTHS_IN = (
    N_("in January {year}"), N_("in February {year}"), N_("in March {year}"), N_("in April {year}"),
    N_("in May {year}"), N_("in June {year}"), N_("in July {year}"), N_("in August {year}"),
    N_("in September {year}"), N_("in October {year}"), N_("in November {year}"), N_("in December {year}"),
)  # fmt: skip
"""'in February 1990' (in Russian 'в феврале 1990 года')."""

_WRITTEN = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?.*)?\s*")


_DAY_MONTH = re.compile(r"\s*(\d{1,2})([./-])(\d{1,2})\2(\d{4})\s*")
"""A date written day first or month first (16.01.1976, 01/16/1976): which is meant, only the numbers say."""


def _other_order(text: str) -> str | None:
    """A date written 16.01.1976 or 09/14/2037: the YYYY-MM-DD to write, or both where either may be meant."""
    written = _DAY_MONTH.fullmatch(text)
    if written is None:
        return None
    first, second, year = int(written.group(1)), int(written.group(3)), int(written.group(4))
    readings = []
    for month, day in ((second, first), (first, second)):
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(max(year, 1), month)[1]:
            readings.append(f"{year:04d}-{month:02d}-{day:02d}")
    readings = list(dict.fromkeys(readings))
    if len(readings) == 1:
        return tr("{value} is not written YYYY-MM-DD: write {date}", value=text.strip(), date=readings[0])
    if readings:
        return tr(
            "{value} is not written YYYY-MM-DD: write {first} or {second}, whichever is meant",
            value=text.strip(),
            first=readings[0],
            second=readings[1],
        )
    return None


def date_problem(text: str) -> str | None:
    """What is wrong with a text written as a date (YYYY-MM-DD, perhaps with a time), in the player's
    language; None if it is a possible date or not written as one at all."""
    written = _WRITTEN.fullmatch(text)
    if written is None:
        return _other_order(text)
    year, month, day = (int(written.group(i)) for i in (1, 2, 3))
    if year < 1:
        return tr("{value} is not a date: years start at 1", value=text.strip())
    if not 1 <= month <= 12:
        return tr(
            "{value} is not a date: there is no month {month} (months are 01 to 12)", value=text.strip(), month=month
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return trn(
            "{value} is not a date: there is only {n} day {month_year}",
            "{value} is not a date: there are only {n} days {month_year}",
            days,
            value=text.strip(),
            month_year=tr(MONTHS_IN[month - 1], year=year),
        )
    hour, minute, second = (int(written.group(i) or 0) for i in (4, 5, 6))
    if hour > 23 or minute > 59 or second > 59:
        return tr("{value} is not a time of day: hours are 0 to 23, minutes and seconds 0 to 59", value=text.strip())
    return None


__all__ = ["MONTHS_IN", "date_problem"]

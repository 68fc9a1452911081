"""Dates as source pages print them ("17 March 2026"), both ways."""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_NUMBER = {m.casefold(): i for i, m in enumerate(MONTHS, 1)} | {m[:3].casefold(): i for i, m in enumerate(MONTHS, 1)}
_DATE = re.compile(r"^(\d{1,2}) ([A-Za-z]+)\.? (\d{4})$")


def parse_page_date(text: str) -> date | None:
    """``"17 March 2026"`` (also "17 Mar 2026") -> date; None when it is not such a date."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    month = _MONTH_NUMBER.get(m.group(2).casefold())
    if month is None:
        return None
    try:
        return date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        return None


def format_page_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"

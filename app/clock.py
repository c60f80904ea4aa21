"""Today, in the UK. Dates in housing records are UK dates, whatever the server's time zone."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_today() -> date:
    return datetime.now(UK).date()

"""
When an event takes place, as a date (all-day) or as a moment in German time.

Staff enter times as they are in Germany ("Uhrzeit in Deutschland"), so they
are read in Europe/Berlin whatever the server's time zone.
"""

import datetime

from partnership.models import EVENT_TIME_ZONE


def _moment(day, time):
    return datetime.datetime.combine(day, time, tzinfo=EVENT_TIME_ZONE)


def starts(event):
    """The first day of an all-day event, else the moment it begins."""
    if event.start_time is None:
        return event.start_date
    return _moment(event.start_date, event.start_time)


def ends(event):
    """
    The last day of an all-day event, the moment a timed event ends, or None
    for a timed event of one day with no end time.
    """
    if event.start_time is None:
        return event.last_day
    if event.end_time is not None:
        return _moment(event.last_day, event.end_time)
    if event.last_day != event.start_date:
        return event.last_day
    return None

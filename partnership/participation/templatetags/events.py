"""What the event pages show of an event's dates, price and sign-up."""

import datetime

from django import template
from django.utils import formats, timezone

from .. import timing

register = template.Library()


@register.filter
def event_start(event):
    return timing.starts(event)


@register.filter
def event_end(event):
    return timing.ends(event)


@register.filter
def machine(value):
    """A date or a moment with its UTC offset, for ``<time datetime>``."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


@register.filter
def euros(amount):
    """An amount in the active language's number format: "25,00 €" in German."""
    return f"{formats.number_format(amount, 2, use_l10n=True)} €"


@register.filter
def signup_open(event):
    """
    Whether the event takes sign-ups now: switched on, not cancelled, before the
    deadline and before the event begins. Places left are the sign-up form's concern.
    """
    if not event.signup_enabled or event.is_cancelled:
        return False
    now = timezone.now()
    if event.signup_deadline is not None and event.signup_deadline <= now:
        return False
    start = timing.starts(event)
    if isinstance(start, datetime.datetime):
        return start > now
    return start >= timezone.localdate(now, timing.EVENT_TIME_ZONE)

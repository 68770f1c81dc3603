"""What the event pages show of an event's dates, price and sign-up."""

import datetime
from collections.abc import Iterable

from django import template
from django.utils import formats, timezone

from .. import places, timing

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


def is_full(event):
    """
    Whether no place is left, for an event counted by
    ProjectQuerySet.with_places_taken(): lists and JSON-LD say so at no query.
    """
    return event.capacity is not None and event.places_taken >= event.capacity


@register.filter
def signup_mark(event):
    """
    What a list says of an event's sign-up: "open" while places are left (or
    there is no limit), "waiting_list" when full with a waiting list, "full"
    when full without one, and "" when it takes no sign-ups.
    """
    # The form's own rule, so that a list never says "open" where the form is closed.
    if not places.is_open(event):
        return ""
    if not is_full(event):
        return "open"
    return "waiting_list" if event.waiting_list else "full"


@register.filter
def has_taken_place(event):
    """Whether the event has ended, as ProjectQuerySet.past() has it."""
    return event.last_day < timezone.localdate()


# Partnership and city pages split the projects they prefetched (Partnership
# .objects.with_details()) in Python, so their events cost no query of their own.


@register.filter
def without_events(projects):
    """The projects that are not events: long-running cooperation."""
    return [project for project in projects if not project.is_event]


@register.filter
def events_of(partnerships):
    """The events of a partnership's prefetched projects, or of several partnerships'."""
    if not isinstance(partnerships, Iterable):
        partnerships = [partnerships]
    events = [
        project
        for partnership in partnerships
        for project in partnership.projects.all()
        if project.is_event
    ]
    return sorted(
        events,
        key=lambda event: (event.start_date, event.start_time or datetime.time.min, event.pk),
    )


@register.filter
def upcoming(events):
    """The events that have not ended yet, as ProjectQuerySet.upcoming() has it."""
    today = timezone.localdate()
    return [event for event in events if event.last_day >= today]


@register.filter
def past(events):
    today = timezone.localdate()
    return [event for event in events if event.last_day < today]

"""
Whether an event takes sign-ups, how many places are left, and who moves
up from the waiting list.

Everything that hands out a place (a sign-up, a confirmation after the
hour's hold ran out, a move-up) runs inside a transaction that first locks
the event's row with ``lock_event()``: two requests for the last place are
served one after the other, and the second counts the first. The lock
writes nothing, so the page cache's content version stays as it is.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from partnership.models import Project

from . import timing
from .models import SignUp


@dataclass
class Availability:
    """What the sign-up block of an event page says, as of ``computed_at``."""

    event: Project
    computed_at: datetime.datetime
    deadline: datetime.datetime
    places_left: int | None

    @property
    def is_cancelled(self):
        return self.event.is_cancelled

    @property
    def deadline_passed(self):
        return self.computed_at >= self.deadline

    @property
    def is_open(self):
        return is_open(self.event, self.computed_at)

    @property
    def is_full(self):
        return self.places_left is not None and self.places_left <= 0

    @property
    def takes_sign_ups(self):
        """Open, and a place or the waiting list left."""
        return self.is_open and (not self.is_full or self.event.waiting_list)


def deadline(event):
    """The sign-up deadline, or else the start of the event (an all-day one: its first morning)."""
    if event.signup_deadline:
        return event.signup_deadline
    start = timing.starts(event)
    if isinstance(start, datetime.datetime):
        return start
    return datetime.datetime.combine(start, datetime.time(), tzinfo=timing.EVENT_TIME_ZONE)


def is_open(event, now=None):
    """
    Whether the event takes sign-ups at ``now``: switched on, not cancelled,
    before the deadline. Places are another matter (Availability). Published
    is a given: every view that shows or takes a sign-up finds its event
    through Project.objects.published().
    """
    now = now or timezone.now()
    return event.signup_enabled and not event.is_cancelled and now < deadline(event)


def places_left(event, now=None, exclude=None):
    """Free places, or None without a limit; ``exclude`` is a sign-up not to count."""
    if event.capacity is None:
        return None
    holding = SignUp.objects.filter(event=event).holding_places(now)
    if exclude is not None:
        holding = holding.exclude(pk=exclude.pk)
    return event.capacity - holding.people()


def availability(event, now=None):
    now = now or timezone.now()
    return Availability(
        event=event,
        computed_at=now,
        deadline=deadline(event),
        places_left=places_left(event, now) if event.signup_enabled else None,
    )


def fits(event, party_size, now=None, exclude=None):
    left = places_left(event, now, exclude)
    return left is None or party_size <= left


def lock_event(event):
    """Locks the event's row until the transaction ends; call inside ``transaction.atomic``."""
    assert transaction.get_connection().in_atomic_block
    return Project.objects.select_for_update().get(pk=event.pk)


def fill_places(event, now=None):
    """
    Moves confirmed sign-ups from the waiting list onto free places, first
    come first served; one whose party is larger than what is free is
    passed over for the next that fits. Returns each moved sign-up with a
    fresh key for its links (only hashes are stored, so the old key cannot
    be sent again). Call with the event locked.
    """
    now = now or timezone.now()
    left = places_left(event, now)
    moved = []
    if left is None:
        candidates = SignUp.objects.filter(event=event).waiting_list()
    else:
        candidates = SignUp.objects.filter(event=event, party_size__lte=left).waiting_list()
    for signup in candidates:
        if left is not None and signup.party_size > left:
            continue
        signup.waiting = False
        signup.moved_up_at = now
        key = signup.new_key()
        signup.save(update_fields=["waiting", "moved_up_at", "key_hash"])
        moved.append((signup, key))
        if left is not None:
            left -= signup.party_size
            if left <= 0:
                break
    return moved


def cancel(signups, now=None):
    """
    Cancels ``signups`` (of any events) and gives the places they free to the
    waiting lists. Returns the moved-up sign-ups with their new keys, for
    mails.moved_up(). Runs in its own transaction, locking each event first.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event_ids = sorted({signup.event_id for signup in signups})
        # Locked first, in one order, so that two cancellations never wait on each other.
        for event_id in event_ids:
            lock_event(Project(pk=event_id))
        SignUp.objects.filter(pk__in=[signup.pk for signup in signups]).exclude(
            state=SignUp.State.CANCELLED
        ).update(state=SignUp.State.CANCELLED, cancelled_at=now)
        return refill(event_ids, now)


def refill(event_ids, now=None):
    """Gives the free places of these events to their waiting lists; see fill_places()."""
    moved = []
    with transaction.atomic():
        for event_id in sorted(event_ids):
            moved += fill_places(lock_event(Project(pk=event_id)), now)
    return moved


def waiting_position(signup):
    """Where a confirmed sign-up stands on its event's waiting list, from 1."""
    queue = SignUp.objects.filter(event=signup.event_id).waiting_list()
    return list(queue.values_list("pk", flat=True)).index(signup.pk) + 1

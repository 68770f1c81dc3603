"""
Deleting the personal data of sign-ups after their event: what remains is a
SignUpCount per event. Run by ``purge_personal_data``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from partnership.models import Project

from .models import SignUp, SignUpCount

# An address nobody confirmed may have been typed in by someone else: it is
# kept a day (the confirmation page still answers after the hour's hold),
# not until the event is long past.
UNCONFIRMED_KEPT = timedelta(days=1)


def purge_unconfirmed(now=None):
    """Deletes sign-ups left unconfirmed for a day; returns how many."""
    now = now or timezone.now()
    stale = SignUp.objects.filter(
        state=SignUp.State.UNCONFIRMED, created_at__lt=now - UNCONFIRMED_KEPT
    )
    return stale.delete()[0]


def past_retention(today=None):
    """Events that ended more than SIGNUP_RETENTION_DAYS ago and still hold sign-ups."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.SIGNUP_RETENTION_DAYS)
    ended = Q(end_date__lt=cutoff) | Q(end_date__isnull=True, start_date__lt=cutoff)
    return Project.objects.filter(ended, signups__isnull=False).distinct()


def purge_sign_ups(today=None):
    """Counts, then deletes, the sign-ups of every event past retention; returns how many."""
    deleted = 0
    for event in past_retention(today):
        with transaction.atomic():
            signups = SignUp.objects.filter(event=event)
            counts = {
                "confirmed": signups.confirmed().count(),
                "people": signups.confirmed().people(),
                "waiting": signups.waiting_list().count(),
                "cancelled": signups.filter(state=SignUp.State.CANCELLED).count(),
            }
            count, created = SignUpCount.objects.get_or_create(
                event=event, defaults={**counts, "purged_at": timezone.now()}
            )
            if not created:
                # Sign-ups that came after an earlier purge add to its counts.
                SignUpCount.objects.filter(pk=count.pk).update(
                    purged_at=timezone.now(),
                    **{name: F(name) + value for name, value in counts.items()},
                )
            deleted += signups.delete()[0]
    return deleted

"""
How many sign-ups one address may send: SIGNUP_RATE_LIMIT in
SIGNUP_RATE_MINUTES. Kept in the database (SignUpAttempt), so it works with
or without Redis and across processes. The address is stored only as an
HMAC keyed with the site's secret key, which cannot be turned back into an
address without that key, and rows are deleted after a day.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.clients import client_address

from .models import SignUpAttempt

KEEP = timedelta(hours=24)


def client_hash(request):
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()


def limit_reached(request, now=None):
    now = now or timezone.now()
    window = timedelta(minutes=settings.SIGNUP_RATE_MINUTES)
    recent = SignUpAttempt.objects.filter(
        client_hash=client_hash(request), created_at__gt=now - window
    )
    return recent.count() >= settings.SIGNUP_RATE_LIMIT


def record(request, now=None):
    """Counts a sign-up sent from the request's address, and forgets the day-old ones."""
    now = now or timezone.now()
    purge(now)
    SignUpAttempt.objects.create(client_hash=client_hash(request), created_at=now)


def purge(now=None):
    now = now or timezone.now()
    return SignUpAttempt.objects.filter(created_at__lt=now - KEEP).delete()[0]

"""Personal data of sign-ups is deleted SIGNUP_RETENTION_DAYS after the event; counts stay."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from partnership.participation.models import SignUp, SignUpAttempt, SignUpCount
from tests.factories import SignUpEventFactory, SignUpFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
LAST_DAY = date(2026, 6, 14)


def purge():
    output = StringIO()
    call_command("purge_personal_data", stdout=output)
    return output.getvalue()


def at(day, hour=12):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN))


@pytest.fixture
def event():
    """A three-day event ending on LAST_DAY, with sign-ups of every kind."""
    event = SignUpEventFactory(start_date=LAST_DAY - timedelta(days=2), end_date=LAST_DAY)
    SignUpFactory(event=event, party_size=2)
    SignUpFactory(event=event, party_size=1)
    SignUpFactory(event=event, waiting=True)
    SignUpFactory(event=event, state=SignUp.State.CANCELLED)
    SignUpFactory(event=event, state=SignUp.State.UNCONFIRMED, confirmed_at=None)
    return event


def test_sign_ups_stay_until_the_retention_days_have_passed(event):
    with at(LAST_DAY + timedelta(days=30)):
        purge()
    assert SignUp.objects.filter(event=event).count() == 5
    assert not SignUpCount.objects.exists()


def test_sign_ups_are_deleted_the_day_after_and_counts_kept(event):
    with at(LAST_DAY + timedelta(days=31)):
        output = purge()
    assert not SignUp.objects.filter(event=event).exists()
    count = SignUpCount.objects.get(event=event)
    assert (count.confirmed, count.people, count.waiting, count.cancelled) == (2, 3, 1, 1)
    assert count.purged_at is not None
    assert "Tage vorbei sind, gelöscht: 5" in output


def test_a_one_day_event_counts_from_its_start_date(settings):
    settings.SIGNUP_RETENTION_DAYS = 7
    event = SignUpEventFactory(start_date=LAST_DAY)
    SignUpFactory(event=event)
    with at(LAST_DAY + timedelta(days=7)):
        purge()
    assert SignUp.objects.filter(event=event).exists()
    with at(LAST_DAY + timedelta(days=8)):
        purge()
    assert not SignUp.objects.filter(event=event).exists()


def test_a_second_run_keeps_the_counts_and_adds_late_ones(event):
    with at(LAST_DAY + timedelta(days=31)):
        purge()
        purge()
        assert SignUpCount.objects.get(event=event).confirmed == 2
        SignUpFactory(event=event)
        purge()
    assert SignUpCount.objects.get(event=event).confirmed == 3


def test_other_events_keep_their_sign_ups(event):
    upcoming = SignUpEventFactory(start_date=LAST_DAY + timedelta(days=20))
    SignUpFactory(event=upcoming)
    with at(LAST_DAY + timedelta(days=31)):
        purge()
    assert SignUp.objects.filter(event=upcoming).count() == 1
    assert not SignUpCount.objects.filter(event=upcoming).exists()


def test_rate_limit_hashes_older_than_a_day_are_deleted():
    now = datetime(2026, 6, 1, 12, tzinfo=BERLIN)
    old = SignUpAttempt.objects.create(client_hash="a" * 64, created_at=now - timedelta(hours=25))
    young = SignUpAttempt.objects.create(
        client_hash="b" * 64, created_at=now - timedelta(hours=23)
    )
    with time_machine.travel(now):
        output = purge()
    remaining = set(SignUpAttempt.objects.values_list("pk", flat=True))
    assert remaining == {young.pk}
    assert old.pk not in remaining
    assert "Anmeldeversuche zu Terminen älter als 1 Tag gelöscht: 1" in output


def test_sign_ups_left_unconfirmed_for_a_day_are_deleted_long_before_the_event():
    event = SignUpEventFactory(start_date=timezone.localdate() + timedelta(days=200))
    now = timezone.now()
    old = SignUpFactory(
        event=event,
        state=SignUp.State.UNCONFIRMED,
        confirmed_at=None,
        created_at=now - timedelta(hours=25),
    )
    fresh = SignUpFactory(
        event=event,
        state=SignUp.State.UNCONFIRMED,
        confirmed_at=None,
        created_at=now - timedelta(hours=23),
    )
    confirmed = SignUpFactory(event=event, created_at=now - timedelta(days=3))

    out = StringIO()
    call_command("purge_personal_data", stdout=out)

    assert set(SignUp.objects.all()) == {fresh, confirmed}
    assert old.pk not in SignUp.objects.values_list("pk", flat=True)
    assert "Nicht bestätigte Anmeldungen älter als 1 Tag gelöscht: 1" in out.getvalue()

"""Two people taking the last place at the same moment never both get it (PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection, connections
from django.urls import reverse

from partnership.participation import places
from partnership.participation.models import SignUp
from tests.factories import SignUpEventFactory

from .signup_helpers import form_data, visitor

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; the race is tested on PostgreSQL",
    ),
]

PEOPLE = 4


@pytest.fixture
def slow_count(monkeypatch):
    """
    Counting the places takes a while: without the lock on the event, every
    request would count the last place as free before any had taken it.
    """
    fits = places.fits

    def slow(*args, **kwargs):
        result = fits(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(places, "fits", slow)


def race(event):
    """PEOPLE sign-ups for ``event`` sent at the same moment; their responses."""
    url = reverse("participation:signup", kwargs={"slug": event.slug})
    forms = [form_data(event, email=f"person{n}@example.org") for n in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE)
    responses = [None] * PEOPLE

    def send(number):
        try:
            client = visitor()
            barrier.wait()
            responses[number] = client.post(url, forms[number])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_the_last_place_goes_to_exactly_one_and_the_others_wait(slow_count, settings):
    settings.SIGNUP_RATE_LIMIT = 100
    event = SignUpEventFactory(capacity=1, waiting_list=True)
    responses = race(event)
    assert [response.status_code for response in responses] == [200] * PEOPLE
    assert SignUp.objects.filter(event=event, waiting=False).count() == 1
    assert SignUp.objects.filter(event=event, waiting=True).count() == PEOPLE - 1


def test_without_waiting_list_exactly_one_is_stored_and_the_others_refused(slow_count, settings):
    settings.SIGNUP_RATE_LIMIT = 100
    event = SignUpEventFactory(capacity=1, waiting_list=False)
    responses = race(event)
    pages = [response.content.decode() for response in responses]
    assert sum("Fast geschafft" in page for page in pages) == 1
    assert sum("Leider ausgebucht" in page for page in pages) == PEOPLE - 1
    assert SignUp.objects.filter(event=event).count() == 1

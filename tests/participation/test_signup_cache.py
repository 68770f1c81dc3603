"""Sign-ups are not content: a burst of them never empties the page cache."""

import pytest
from django.core.cache import cache

from partnership.participation.models import SignUp
from partnership.site import page_cache
from tests.factories import SignUpEventFactory

from .signup_helpers import cancel_url, confirm_url, links, sign_up, visitor

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE = True
    settings.SIGNUP_RATE_LIMIT = 1000
    cache.clear()
    yield
    cache.clear()


def test_a_burst_of_sign_ups_leaves_the_content_version_alone(
    cached, django_capture_on_commit_callbacks, mailoutbox, monkeypatch
):
    event = SignUpEventFactory(capacity=20)
    client = visitor()
    before = page_cache.content_version()
    bumps = []
    monkeypatch.setattr(page_cache, "increment_version", lambda *tables: bumps.append(1))
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(40):
            assert sign_up(client, event, email=f"p{number}@example.org").status_code == 200
    keys = [links(message)["bestaetigen"] for message in mailoutbox]
    with django_capture_on_commit_callbacks(execute=True):
        for key in keys:
            client.post(confirm_url(key))
        for key in keys[:5]:
            client.post(cancel_url(key))
    assert SignUp.objects.filter(state=SignUp.State.CONFIRMED).count() == 35
    assert bumps == []
    assert page_cache.content_version() == before

    # The check can fail: saving the event itself is a change of content.
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    assert bumps == [1]

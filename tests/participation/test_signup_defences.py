"""The sign-up form's defences against bots: token, honeypot, rate limit per address."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from core.clients import client_address
from partnership.participation import tokens
from partnership.participation.models import SignUp, SignUpAttempt
from tests.factories import SignUpEventFactory

from .signup_helpers import form_data, sign_up, token, visitor

pytestmark = pytest.mark.django_db

REFUSED = "Ihre Anmeldung ist leider nicht angekommen"


@pytest.fixture
def event():
    return SignUpEventFactory(capacity=None)


@pytest.fixture
def client():
    return visitor()


def post(client, event, data, **extra):
    return client.post(reverse("participation:signup", kwargs={"slug": event.slug}), data, **extra)


def assert_refused(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert REFUSED in html
    assert "laden Sie die Seite des Termins neu" in html
    assert not SignUp.objects.exists()


def test_filled_honeypot_is_refused(client, event):
    assert_refused(sign_up(client, event, website="http://spam.example"))


def test_empty_honeypot_is_accepted(client, event):
    assert sign_up(client, event, website="").status_code == 200


def test_missing_token_is_refused(client, event):
    assert_refused(post(client, event, {"name": "Bot", "email": "bot@example.org"}))


@pytest.mark.parametrize(
    ("age", "accepted"),
    [
        (timedelta(seconds=2), False),
        (timedelta(seconds=4), True),
        (timedelta(hours=23, minutes=59), True),
        (timedelta(hours=24, seconds=1), False),
    ],
)
def test_token_is_accepted_from_three_seconds_to_a_day(client, event, age, accepted):
    response = sign_up(client, event, token=token(event, age=age))
    if accepted:
        assert response.status_code == 200
        assert SignUp.objects.count() == 1
    else:
        assert_sent_again(response)


def assert_sent_again(response):
    """Sent too soon or too late from the event page: the form again, filled in, nothing kept."""
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab." in html
    assert 'value="Erika Mustermann"' in html
    assert REFUSED not in html
    assert not SignUp.objects.exists()
    # The form again carries a fresh token of its own.
    (fresh,) = re.findall(r'name="token" value="([^"]+)"', html)
    assert fresh != response.wsgi_request.POST["token"]


def test_a_form_sent_again_after_the_wait_is_accepted(client, event):
    too_soon = sign_up(client, event, token=token(event, age=timedelta(seconds=1)))
    (fresh,) = re.findall(r'name="token" value="([^"]+)"', too_soon.content.decode())

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = sign_up(client, event, token=fresh)

    assert response.status_code == 200
    assert SignUp.objects.count() == 1


def test_a_bot_filling_the_honeypot_too_soon_is_refused(client, event):
    assert_refused(
        sign_up(client, event, token=token(event, age=timedelta(seconds=1)), website="x")
    )


def test_token_for_another_event_is_refused(client, event):
    other = SignUpEventFactory()
    assert_refused(sign_up(client, event, token=token(other)))


def test_tampered_token_is_refused(client, event):
    other = SignUpEventFactory()
    _pk, stamp, signature = token(event).split(":")
    assert_refused(sign_up(client, event, token=f"{other.pk}:{stamp}:{signature}"))
    assert_refused(sign_up(client, event, token="kaputt"))


def test_token_signed_for_another_purpose_is_refused(client, event):
    with time_machine.travel(timezone.now() - timedelta(minutes=1)):
        foreign = signing.TimestampSigner().sign(str(event.pk))
    assert_refused(sign_up(client, event, token=foreign))


def test_form_is_accepted_without_a_csrf_cookie(client, event):
    """The form works from a client that would enforce Django's CSRF check."""
    assert client.handler.enforce_csrf_checks
    assert sign_up(client, event).status_code == 200


def test_rate_limit_per_address(client, event, settings):
    settings.SIGNUP_RATE_LIMIT = 3
    settings.SIGNUP_RATE_MINUTES = 10
    for number in range(3):
        response = sign_up(client, event, email=f"person{number}@example.org")
        assert response.status_code == 200
    response = sign_up(client, event, email="vierte@example.org")
    assert response.status_code == 429
    assert REFUSED in response.content.decode()
    assert SignUp.objects.count() == 3
    # Another address is not held back.
    other = post(client, event, form_data(event), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200
    # After the window, the first address may sign up again.
    with time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1)):
        assert sign_up(client, event, email="spaeter@example.org").status_code == 200


def test_form_errors_do_not_count_against_the_limit(client, event, settings):
    settings.SIGNUP_RATE_LIMIT = 1
    for _attempt in range(3):
        assert sign_up(client, event, email="falsch").status_code == 400
    assert sign_up(client, event).status_code == 200


def test_address_is_stored_only_as_a_keyed_hash(client, event, settings):
    post(client, event, form_data(event), REMOTE_ADDR="203.0.113.42")
    attempt = SignUpAttempt.objects.get()
    assert "203.0.113" not in attempt.client_hash
    assert len(attempt.client_hash) == 64
    settings.SECRET_KEY = "ein anderer Schlüssel" * 3
    post(client, event, form_data(event, email="b@example.org"), REMOTE_ADDR="203.0.113.42")
    first, second = SignUpAttempt.objects.order_by("pk").values_list("client_hash", flat=True)
    assert first != second


def test_attempts_older_than_a_day_are_deleted_by_the_next_sign_up(client, event):
    old = SignUpAttempt.objects.create(
        client_hash="a" * 64, created_at=timezone.now() - timedelta(hours=24, seconds=1)
    )
    recent = SignUpAttempt.objects.create(
        client_hash="b" * 64, created_at=timezone.now() - timedelta(hours=23)
    )
    sign_up(client, event)
    remaining = set(SignUpAttempt.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert recent.pk in remaining


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "198.51.100.1", "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1", "127.0.0.1", "198.51.100.1"),
        # A client's own X-Forwarded-For entry comes first; the proxy's last.
        (1, "6.6.6.6, 198.51.100.1", "127.0.0.1", "198.51.100.1"),
        (1, "", "127.0.0.1", "127.0.0.1"),
    ],
)
def test_client_address_honours_behind_proxy(rf, settings, proxies, forwarded, remote, expected):
    settings.PROXY_COUNT = proxies
    request = rf.post("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address(request) == expected


def test_behind_a_proxy_the_limit_is_per_forwarded_address(client, event, settings):
    settings.PROXY_COUNT = 1
    settings.SIGNUP_RATE_LIMIT = 1
    first = post(client, event, form_data(event), HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = post(client, event, form_data(event), HTTP_X_FORWARDED_FOR="198.51.100.2")
    third = post(client, event, form_data(event), HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 429]


def test_token_module_rejects_garbage_without_error(event):
    for garbage in [None, "", "::", "1:2:3:4", "ä" * 100]:
        assert not tokens.is_valid(garbage, event)

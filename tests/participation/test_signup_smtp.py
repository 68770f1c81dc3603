"""One sign-up e-mail through the real SMTP backend, to an SMTP server started by the test."""

import email
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from post_office.models import STATUS, Email

from tests.factories import SignUpEventFactory
from tests.servers import free_port

from .signup_helpers import links, sign_up, visitor

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "partnerschaften@bochum.example"
    yield inbox
    controller.stop()


def test_the_confirmation_request_reaches_a_real_smtp_server(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://partnerschaften.example.org"
    event = SignUpEventFactory(title="Begegnung in Sheffield")
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(visitor(), event, name="Jörg Größe", email="joerg@example.org")
    assert response.status_code == 200

    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "partnerschaften@bochum.example"
    assert envelope.rcpt_tos == ["joerg@example.org"]
    message = email.message_from_bytes(envelope.content, policy=default_policy)
    assert (
        message["Subject"].strip() == "Bitte bestätigen Sie Ihre Anmeldung: Begegnung in Sheffield"
    )
    body = message.get_content()
    assert "Guten Tag Jörg Größe," in body
    assert "Begegnung in Sheffield" in body
    assert "https://partnerschaften.example.org/mitmachen/anmeldung/" in body
    assert set(links(body)) == {"bestaetigen", "absagen"}
    assert Email.objects.get().status == STATUS.sent

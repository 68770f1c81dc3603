"""The outbox: written with the change, sent after commit, retried by the timer's command."""

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from core import outbox
from news.admin import ArticleAdmin
from news.models import Article
from tests.admin_forms import change_form
from tests.factories import ArticleFactory

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    attempts = []

    def send_messages(self, email_messages):
        self.attempts.append(email_messages)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def message(to="leitung@example.org"):
    return outbox.Message(to=to, subject="Zur Prüfung", body="Bitte prüfen.")


def send_queued_mail(tmp_path):
    # A lock file of the test's own: the default one in /tmp is shared.
    call_command("send_queued_mail", lockfile=str(tmp_path / "post_office"), stdout=StringIO())


@pytest.fixture
def submit(redakteur_client, redakteur, leitung):
    """Opens an article's change form and posts it with status "Zur Prüfung"."""

    def submit():
        article = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur)
        url = reverse("admin:news_article_change", args=[article.pk])
        data = change_form(redakteur_client.get(url)).data(status=Article.Status.REVIEW)
        return article, redakteur_client.post(url, data)

    return submit


# --- With the change, after commit ---------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_message_is_sent_when_the_change_commits(submit, leitung, mailoutbox):
    _article, response = submit()

    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[leitung.email]]
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db(transaction=True)
def test_a_change_that_is_rolled_back_queues_and_sends_nothing(submit, mailoutbox, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("Speichern der Zuordnungen gescheitert")

    # Fails after the status change and its notification, in the same transaction.
    monkeypatch.setattr(ArticleAdmin, "save_related", fail)

    with pytest.raises(RuntimeError):
        submit()

    assert Article.objects.get().status == Article.Status.DRAFT
    assert not Email.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_nothing_is_sent_before_commit(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        outbox.queue([message()])

        assert Email.objects.get().status == STATUS.queued
        assert mailoutbox == []

    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_rolled_back_block_leaves_no_message(mailoutbox, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValueError),
        transaction.atomic(),
    ):
        outbox.queue([message()])
        raise ValueError

    assert callbacks == []
    assert not Email.objects.exists()
    assert mailoutbox == []


# --- Failures and the retry command --------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_message_the_server_refuses_stays_queued_until_the_command_sends_it(
    submit, leitung, settings, mailoutbox, tmp_path
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"

    article, response = submit()

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert "Connection unexpectedly closed" in email.logs.get().message
    assert mailoutbox == []

    settings.EMAIL_BACKEND = LOCMEM
    send_queued_mail(tmp_path)

    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [message.to for message in mailoutbox] == [[leitung.email]]
    assert "redakteur hat etwas zur Prüfung eingereicht" in mailoutbox[0].body


@pytest.mark.django_db
def test_after_one_refusal_the_other_messages_wait_for_the_timer(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"
    monkeypatch.setattr(RefusingBackend, "attempts", [])

    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue([message("a@example.org"), message("b@example.org")])

    assert len(RefusingBackend.attempts) == 1
    assert list(Email.objects.values_list("status", flat=True)) == [STATUS.requeued] * 2


@pytest.mark.django_db(transaction=True)
def test_the_command_retries_while_the_server_is_down(settings, mailoutbox, tmp_path):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"
    outbox.queue([message()])

    send_queued_mail(tmp_path)

    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    assert email.scheduled_time > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_a_message_whose_sender_died_is_sent_by_the_command_later(
    mailoutbox, tmp_path, monkeypatch
):
    with monkeypatch.context() as died:
        died.setattr(outbox, "send", lambda ids: None)
        outbox.queue([message()])

    send_queued_mail(tmp_path)
    assert mailoutbox == []  # the request that queued it may still be sending it

    with time_machine.travel(timezone.now() + outbox.SENDER_GRACE + timedelta(seconds=1)):
        send_queued_mail(tmp_path)

    assert len(mailoutbox) == 1
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db(transaction=True)
def test_the_command_does_not_send_a_message_twice(submit, mailoutbox, tmp_path):
    submit()

    send_queued_mail(tmp_path)

    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_line_break_in_a_subject_cannot_block_the_queue(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue([outbox.Message("a@example.org", "Zur Prüfung:\nBcc: x@example.org", "…")])

    assert mailoutbox[0].subject == "Zur Prüfung: Bcc: x@example.org"
    assert mailoutbox[0].bcc == []


# --- Monitoring and purging ----------------------------------------------


@pytest.mark.django_db
def test_check_outbox_fails_for_overdue_and_given_up_messages():
    old = timezone.now() - timedelta(hours=2)
    with time_machine.travel(old):
        overdue, given_up, sent = outbox.queue([message(), message(), message()])
    Email.objects.filter(pk=given_up.pk).update(status=STATUS.failed)
    Email.objects.filter(pk=sent.pk).update(status=STATUS.sent)
    outbox.queue([message()])  # just queued: not overdue
    out = StringIO()

    with pytest.raises(CommandError, match="Nicht verschickte E-Mails: 2"):
        call_command("check_outbox", stdout=out)

    assert f"#{overdue.pk} " in out.getvalue()
    assert f"#{given_up.pk} " in out.getvalue()


@pytest.mark.django_db
def test_check_outbox_passes_when_everything_left():
    sent = outbox.queue([message()])[0]
    Email.objects.filter(pk=sent.pk).update(status=STATUS.sent)
    out = StringIO()

    call_command("check_outbox", stdout=out)

    assert "Keine unverschickten E-Mails." in out.getvalue()


@pytest.mark.django_db
def test_purge_removes_old_sent_messages_and_keeps_the_queue(settings):
    settings.SECURITY_RECORDS_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        old_sent, old_failed, old_queued = outbox.queue([message(), message(), message()])
    recent = outbox.queue([message()])[0]
    Email.objects.filter(pk__in=[old_sent.pk, recent.pk]).update(status=STATUS.sent)
    Email.objects.filter(pk=old_failed.pk).update(status=STATUS.failed)
    out = StringIO()

    call_command("purge_personal_data", stdout=out)

    assert set(Email.objects.values_list("pk", flat=True)) == {old_queued.pk, recent.pk}
    assert "E-Mails älter als 30 Tage gelöscht: 2" in out.getvalue()

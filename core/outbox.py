"""
The outbox: every e-mail the site sends goes through here.

A message is a row in django-post-office's queue, written in the transaction
of the change that causes it: a change that is rolled back leaves no message,
and a message never reports a change that did not happen. Sending starts once
that transaction has committed. A message the mail server does not accept
stays queued, and ``manage.py send_queued_mail``, run every minute by a timer
(docs/deploy.md), tries it again.

Messages are created as rows rather than through ``post_office.mail.send``,
which renders subject and body as Django templates: a title such as
"{% Programm %}" would break the message or, worse, be interpreted.
"""

import logging
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.connections import connections
from post_office.models import PRIORITY, STATUS, Email, Log

logger = logging.getLogger(__name__)

# The request that queued a message sends it right after commit; the timer
# leaves it alone for this long, so the two never send one message twice.
SENDER_GRACE = timedelta(minutes=5)
# A queued message older than this was not sent in time (check_outbox).
OVERDUE = timedelta(minutes=30)
SUBJECT_LENGTH = 200


class Message(NamedTuple):
    to: str
    subject: str
    body: str


def queue(messages):
    """Writes the messages to the outbox and sends them once the transaction commits."""
    now = timezone.now()
    emails = [
        Email.objects.create(
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            # A line break in a header is refused when sending; never retry that.
            subject=" ".join(message.subject.split())[:SUBJECT_LENGTH],
            message=message.body,
            status=STATUS.queued,
            priority=PRIORITY.medium,
            scheduled_time=now + SENDER_GRACE,
        )
        for message in messages
    ]
    if emails:
        ids = [email.pk for email in emails]
        # robust: a mail problem must never turn a committed change into an error page.
        transaction.on_commit(lambda: send(ids), robust=True)
    return emails


def send(ids):
    """Sends these queued messages now; what fails stays queued for the timer."""
    emails = list(Email.objects.filter(pk__in=ids, status=STATUS.queued).order_by("pk"))
    try:
        for position, email in enumerate(emails):
            try:
                email.dispatch(commit=False, disconnect_after_delivery=False)
            except Exception as error:
                # A server that refused once would likely make each of the rest
                # wait for its timeout too; the timer sends them a minute later.
                _requeue(email, emails[position:], error)
                return
            now = timezone.now()
            Email.objects.filter(pk=email.pk).update(status=STATUS.sent, last_updated=now)
    finally:
        connections.close()


def _requeue(failed, emails, error):
    logger.warning("E-mail %s not sent, left for the retry: %s", failed.pk, error)
    now = timezone.now()
    Email.objects.filter(pk__in=[email.pk for email in emails]).update(
        status=STATUS.requeued, scheduled_time=now, number_of_retries=0, last_updated=now
    )
    Log.objects.create(
        email=failed,
        status=STATUS.failed,
        message=str(error),
        exception_type=type(error).__name__,
    )


def unsent():
    """Messages that should have left by now: overdue in the queue, or given up."""
    overdue = Q(status__in=[STATUS.queued, STATUS.requeued], created__lt=timezone.now() - OVERDUE)
    return Email.objects.filter(overdue | Q(status=STATUS.failed))


def purge(before):
    """Deletes sent and given-up messages (names, addresses) created before ``before``."""
    return (
        Email.objects.filter(status__in=[STATUS.sent, STATUS.failed], created__lt=before)
        .delete()[1]
        .get(Email._meta.label, 0)
    )

"""
The e-mails of a sign-up, in plain German, through the outbox
(core.outbox): queued in the transaction that changes the sign-up, so a
sign-up is never stored without its mail, nor a mail sent for a sign-up
that was rolled back.
"""

from django.conf import settings
from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, time_format

from core import outbox
from core.notifications import site_origin

from .places import waiting_position


def when(event):
    """The event's dates and times, e.g. „Samstag, 12. September 2026, 9:00 Uhr“."""
    text = date_format(event.start_date, "l, j. F Y")
    if event.start_time:
        text += f", {time_format(event.start_time, 'G:i')} Uhr"
    if event.end_date and event.end_date != event.start_date:
        text += f" bis {date_format(event.end_date, 'l, j. F Y')}"
        if event.end_time:
            text += f", {time_format(event.end_time, 'G:i')} Uhr"
    elif event.end_time:
        text += f" bis {time_format(event.end_time, 'G:i')} Uhr"
    return text


def where(event):
    address = [line.strip() for line in event.place_address.splitlines() if line.strip()]
    parts = [event.place_name, ", ".join(address)]
    if event.online:
        parts.append("online")
    return ", ".join(part for part in parts if part)


def link(name, key):
    return site_origin() + reverse(f"participation:{name}", kwargs={"key": key})


def _message(template, signup, key, subject, **context):
    event = signup.event
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            **context,
            "signup": signup,
            "event": event,
            "when": when(event),
            "where": where(event),
            "event_link": site_origin() + event.get_absolute_url(),
            "confirm_link": link("confirm", key),
            "cancel_link": link("cancel", key),
            # The name from the site settings, which the admin site carries.
            "site_name": str(admin.site.site_title),
            "retention_days": settings.SIGNUP_RETENTION_DAYS,
        }
        body = render_to_string(f"participation/mails/{template}.txt", context)
    return outbox.Message(to=signup.email, subject=f"{subject}: {event.title}", body=body)


def please_confirm(signup, key):
    outbox.queue([_message("please_confirm", signup, key, "Bitte bestätigen Sie Ihre Anmeldung")])


def reminder(signup, key):
    """For the same person signing up again: the earlier sign-up's mail, with fresh links."""
    if signup.state == signup.State.UNCONFIRMED:
        please_confirm(signup, key)
        return
    position = waiting_position(signup) if signup.waiting else None
    outbox.queue(
        [_message("already", signup, key, "Sie sind bereits angemeldet", position=position)]
    )


def confirmed(signup, key, position=None):
    if signup.waiting:
        message = _message(
            "waiting", signup, key, "Sie stehen auf der Warteliste", position=position
        )
    else:
        message = _message("confirmed", signup, key, "Ihre Anmeldung ist bestätigt")
    outbox.queue([message])


def cancelled_by_staff(signups):
    """Tells each person that staff cancelled their sign-up, e.g. after a phone call."""
    # The message has no links: the sign-up is over, and no key is needed.
    outbox.queue(
        [_message("cancelled", signup, "-", "Ihre Anmeldung ist abgesagt") for signup in signups]
    )


def cancellation_received(signup):
    """Confirms a cancellation sent through the link; the mail needs no link any more."""
    outbox.queue([_message("you_cancelled", signup, "-", "Ihre Absage ist angekommen")])


def moved_up(moved):
    """``moved``: (sign-up, fresh key) pairs, as places.fill_places returns them."""
    outbox.queue(
        [_message("moved_up", signup, key, "Sie sind nachgerückt") for signup, key in moved]
    )

"""Sending the sign-up form as a browser does, and reading the links from the e-mails."""

import re
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnership.participation import tokens

LINK = re.compile(r"https?://\S+/anmeldung/(?P<key>[^/\s]+)/(?P<action>bestaetigen|absagen)/")


def visitor():
    """A client that would fail every post without a CSRF token, as a browser would."""
    return Client(enforce_csrf_checks=True)


def token(event, age=timedelta(seconds=10)):
    """The form's token as issued ``age`` ago."""
    with time_machine.travel(timezone.now() - age, tick=False):
        return tokens.form_token(event)


def form_data(event, **fields):
    data = {"token": token(event), "name": "Erika Mustermann", "email": "erika@example.org"}
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def sign_up(client, event, **fields):
    return client.post(
        reverse("participation:signup", kwargs={"slug": event.slug}), form_data(event, **fields)
    )


def links(message):
    """The keys of a mail's links (a message or its body), by action: {"absagen": key, …}."""
    body = getattr(message, "body", message)
    return {match["action"]: match["key"] for match in LINK.finditer(body)}


def confirm_url(key):
    return reverse("participation:confirm", kwargs={"key": key})


def cancel_url(key):
    return reverse("participation:cancel", kwargs={"key": key})

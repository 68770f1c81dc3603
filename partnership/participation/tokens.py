"""
The sign-up form's token, in place of Django's CSRF cookie.

The public site sets no cookie, so the form cannot carry a CSRF token tied
to one. It carries the event and the time the page was rendered instead,
signed with the site's key (docs/security.md says why that is enough).
A token is accepted for its event only, from MIN_AGE on (a person takes
longer than that to fill in a form, a bot often does not) and until
MAX_AGE (a page left open for a day is reloaded first).
"""

import time
from datetime import timedelta

from django.core import signing

SALT = "partnership.participation.signup-form"
MIN_AGE = timedelta(seconds=3)
MAX_AGE = timedelta(hours=24)


def _signer():
    return signing.TimestampSigner(salt=SALT)


def form_token(event):
    return _signer().sign(str(event.pk))


def is_valid(token, event):
    """Whether ``token`` was issued for ``event`` between MAX_AGE and MIN_AGE ago."""
    return (
        is_ours(token, event) and MIN_AGE.total_seconds() <= _age(token) <= MAX_AGE.total_seconds()
    )


def is_ours(token, event):
    """
    Whether the site issued ``token`` for ``event``, at any time: a form sent
    too soon or too late was still filled in on the event's page, and is
    shown again with a fresh token rather than thrown away.
    """
    try:
        return _signer().unsign(token or "") == str(event.pk)
    except signing.BadSignature:
        return False


def _age(token):
    # Only for a token whose signature was checked: the timestamp in its middle is the one signed.
    issued = signing.b62_decode(token.rsplit(signing.Signer().sep, 2)[1])
    return time.time() - issued

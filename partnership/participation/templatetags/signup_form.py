from django import template
from django.conf import settings

from partnership.participation import places, tokens
from partnership.participation.forms import SignUpForm
from partnership.participation.signup import HONEYPOT

register = template.Library()


@register.inclusion_tag("participation/includes/signup_block.html", takes_context=True)
def signup_block(context, event):
    """
    The sign-up block of an event page: the form while sign-up is open, else
    the sentence why not. A form sent back with errors comes in the context
    as ``signup_form``. The places left are stamped with the time they were
    counted, since the page may be served from the cache for a while.
    """
    availability = places.availability(event)
    form = context.get("signup_form")
    if form is None and availability.takes_sign_ups:
        form = SignUpForm(event)
    return {
        "event": event,
        "availability": availability,
        "form": form,
        "token": tokens.form_token(event),
        "honeypot": HONEYPOT,
        "retention_days": settings.SIGNUP_RETENTION_DAYS,
    }

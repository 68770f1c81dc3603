"""
Signing up for an event, with double opt-in.

The form on the event page posts here. Its POST is exempt from Django's
cookie-based CSRF check because the public site sets no cookie: the form
carries a signed token of the event and the time instead (tokens.py), and
the view acts on no session, so a forged request has nothing to ride on;
the sign-up only counts once the address has confirmed it.

The links in the e-mails carry a secret key. Opening one (mail scanners do)
only shows a page with one button; the button's POST does the work. Those
POSTs are exempt from CSRF too: the key in the address is what authorises
them, and whoever can post to it has the e-mail.
"""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from partnership.models import Project

from . import mails, places, ratelimit, tokens
from .forms import SignUpForm
from .models import HOLD, SignUp

# The honeypot: hidden from people, filled in by bots that fill in everything.
HONEYPOT = "website"
AGAIN = _(
    "Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab. "
    "(Es wurde sehr schnell nach dem Laden der Seite oder erst nach vielen Stunden gesendet.)"
)


def public_event(slug):
    return get_object_or_404(
        Project.objects.published().events().select_related("contact"), slug=slug
    )


def is_human(request, event):
    """The time-stamped token is valid for this event and the honeypot is empty."""
    return tokens.is_valid(request.POST.get("token"), event) and not request.POST.get(HONEYPOT)


def sent_at_the_wrong_time(request, event):
    """
    A form from the event's page, with the honeypot empty, sent within
    seconds of the page loading (a browser's autofill) or a day later.
    """
    return tokens.is_ours(request.POST.get("token"), event) and not request.POST.get(HONEYPOT)


def form_again(request, event, form, status=400):
    context = {"event": event, "signup_form": form}
    return render(request, "participation/signup_form.html", context, status=status)


def earlier_sign_up(event, signup):
    """
    The same person's sign-up to this event that still counts, if any. A
    parent signing up two children gives two names; the e-mail alone is not
    the person then.
    """
    earlier = SignUp.objects.filter(event=event, email__iexact=signup.email).exclude(
        state=SignUp.State.CANCELLED
    )
    if event.for_minors:
        earlier = earlier.filter(participant_name__iexact=signup.participant_name)
    return earlier.select_for_update().first()


def refused(request, event, status):
    """One polite page for every check a bot fails, never saying which."""
    return render(request, "participation/signup_refused.html", {"event": event}, status=status)


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class SignUpView(View):
    """
    The sign-up form of an event on a page of its own (GET), and where the
    form on the event page is sent (POST).

    Templates: ``participation/signup_form.html`` (the form again, with its
    errors, or why sign-up is closed), ``signup_sent.html`` (please confirm),
    ``signup_full.html``, ``signup_refused.html``.
    """

    def get(self, request, slug):
        event = public_event(slug)
        return render(request, "participation/signup_form.html", {"event": event})

    def post(self, request, slug):
        event = public_event(slug)
        if not is_human(request, event):
            if sent_at_the_wrong_time(request, event):
                form = SignUpForm(event, request.POST)
                form.is_valid()
                form.add_error(None, AGAIN)
                return form_again(request, event, form)
            return refused(request, event, status=400)
        if ratelimit.limit_reached(request):
            return refused(request, event, status=429)
        if not places.availability(event).is_open:
            return render(request, "participation/signup_form.html", {"event": event}, status=400)
        form = SignUpForm(event, request.POST)
        if not form.is_valid():
            return form_again(request, event, form)
        ratelimit.record(request)
        with transaction.atomic():
            event = places.lock_event(event)
            mails.moved_up(places.fill_places(event))
            signup = form.save(commit=False)
            earlier = earlier_sign_up(event, signup)
            if earlier is not None:
                # The same page whether or not the address signed up before:
                # it tells a stranger nothing; the mail tells the owner.
                mails.reminder(earlier, earlier.new_key())
                earlier.save(update_fields=["key_hash"])
                return render(request, "participation/signup_sent.html", {"signup": signup})
            left = places.places_left(event)
            if left is not None and signup.party_size > left:
                if not event.waiting_list:
                    context = {
                        "event": event,
                        "party_size": signup.party_size,
                        "places_left": left,
                    }
                    return render(request, "participation/signup_full.html", context)
                signup.waiting = True
            key = signup.new_key()
            signup.save()
            mails.please_confirm(signup, key)
        context = {"signup": signup, "party_size": signup.party_size, "places_left": left}
        return render(request, "participation/signup_sent.html", context)


def takes_confirmations(event, signup, now):
    """
    Whether an unconfirmed sign-up can still be confirmed: not once the
    event is cancelled, withdrawn or its sign-up switched off. One sent
    before the deadline keeps its hour past it.
    """
    if not event.signup_enabled or event.is_cancelled:
        return False
    if not Project.objects.published().filter(pk=event.pk).exists():
        return False
    return now < places.deadline(event) or signup.created_at > now - HOLD


class KeyView(View):
    """A page for the link in a sign-up's e-mail, and the POST of its one button."""

    def get_signup(self, key):
        signup = SignUp.objects.for_key(key).select_related("event").first()
        if signup is None:
            raise Http404
        return signup

    def get(self, request, key):
        signup = self.get_signup(key)
        return self.page(request, signup, "ask")

    def page(self, request, signup, step, status=200, **context):
        context = {"signup": signup, "event": signup.event, "step": step, **context}
        return render(request, self.template_name, context, status=status)


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class ConfirmView(KeyView):
    """
    Confirms a sign-up. Inside its hour's hold it gets its place; later, it
    gets one if one is free, else the page offers the waiting list (where
    the event has one). Confirming twice changes nothing.

    Template: ``participation/signup_confirm.html`` with ``step``: ask,
    confirmed, waiting (with ``position``), offer_waiting_list, full, cancelled.
    """

    template_name = "participation/signup_confirm.html"

    def post(self, request, key):
        signup = self.get_signup(key)
        with transaction.atomic():
            event = places.lock_event(signup.event)
            signup = SignUp.objects.select_for_update().get(pk=signup.pk)
            signup.event = event
            if signup.state == SignUp.State.CANCELLED:
                return self.page(request, signup, "cancelled")
            if signup.state == SignUp.State.CONFIRMED:
                return self.done(request, signup)
            now = timezone.now()
            if not takes_confirmations(event, signup, now):
                context = {"event": event, "signup": signup}
                return render(request, "participation/signup_closed.html", context)
            mails.moved_up(places.fill_places(event, now))
            holds = not signup.waiting and signup.created_at > now - HOLD
            if holds or places.fits(event, signup.party_size, now, exclude=signup):
                signup.waiting = False
            elif event.waiting_list and (signup.waiting or request.POST.get("waiting_list")):
                signup.waiting = True
            elif event.waiting_list:
                return self.page(request, signup, "offer_waiting_list")
            else:
                return self.page(request, signup, "full")
            signup.state = SignUp.State.CONFIRMED
            signup.confirmed_at = now
            signup.save(update_fields=["state", "waiting", "confirmed_at"])
            position = places.waiting_position(signup) if signup.waiting else None
            mails.confirmed(signup, key, position)
        return self.done(request, signup)

    def done(self, request, signup):
        if signup.waiting:
            position = places.waiting_position(signup)
            return self.page(request, signup, "waiting", position=position)
        return self.page(request, signup, "confirmed")


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class CancelView(KeyView):
    """
    Cancels a sign-up; a place it frees goes to the first on the waiting
    list whose party fits, who is told by e-mail. Cancelling twice changes
    nothing.

    Template: ``participation/signup_cancel.html`` with ``step``: ask, cancelled.
    """

    template_name = "participation/signup_cancel.html"

    def post(self, request, key):
        signup = self.get_signup(key)
        with transaction.atomic():
            if signup.state != SignUp.State.CANCELLED:
                mails.cancellation_received(signup)
            mails.moved_up(places.cancel([signup]))
        signup.refresh_from_db()
        return self.page(request, signup, "cancelled")

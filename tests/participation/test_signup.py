"""Signing up for an event with double opt-in: form, e-mails, confirmation, waiting list."""

from datetime import time, timedelta

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from partnership.models import Project
from partnership.participation.models import HOLD, SignUp
from partnership.site.models import LegalPage
from tests.factories import ContactFactory, SignUpEventFactory, SignUpFactory

from .signup_helpers import cancel_url, confirm_url, links, sign_up, visitor

pytestmark = pytest.mark.django_db

SITE = "https://partnerschaften.example.org"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def event():
    return SignUpEventFactory(title="Bürgerfahrt nach Nordhausen", capacity=10)


@pytest.fixture
def client():
    return visitor()


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Runs what is queued for after the commit, so the outbox sends its mail."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def event_page(client, event):
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- The form on the event page ---------------------------------------------


def test_event_page_shows_the_form_with_places_left_and_when_they_were_counted(client, event):
    SignUpFactory(event=event, party_size=3)
    with time_machine.travel(
        timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 15)), tick=False
    ):
        event.start_date = timezone.localdate() + timedelta(days=30)
        event.save()
        html = event_page(client, event)
    assert "Noch 7 Plätze frei" in html
    assert "(Stand: 02.03.2026, 09:15 Uhr)" in html
    assert 'name="token"' in html
    assert 'autocomplete="email"' in html
    assert "Bitte leer lassen" in html
    assert reverse("page", kwargs={"kind": "datenschutz"}) in html
    assert "30 Tage nach dem Termin gelöscht" in html
    assert "csrfmiddlewaretoken" not in html


def test_retention_days_in_the_form_follow_the_setting(client, event, settings):
    settings.SIGNUP_RETENTION_DAYS = 14
    assert "14 Tage nach dem Termin gelöscht" in event_page(client, event)


def test_form_asks_only_what_the_event_asks(client):
    plain = SignUpEventFactory()
    html = event_page(client, plain)
    for name in ["phone", "party_size", "age_group", "diet", "diet_note", "answer"]:
        assert f'name="{name}"' not in html
    asking = SignUpEventFactory(
        ask_phone=True,
        ask_party_size=True,
        max_party_size=3,
        ask_age_group=True,
        ask_diet=True,
        question="Welche Klasse besuchst du?",
    )
    html = event_page(client, asking)
    for name in [
        "phone",
        "party_size",
        "age_group",
        "diet",
        "diet_note",
        "diet_consent",
        "answer",
    ]:
        assert f'name="{name}"' in html
    assert "Welche Klasse besuchst du?" in html
    assert '<option value="3">3</option>' in html
    assert '<option value="4">' not in html


def test_form_for_minors_asks_a_parent_and_the_childs_name(client):
    html = event_page(client, SignUpEventFactory(for_minors=True))
    assert "meldet ein Elternteil oder eine andere erziehungsberechtigte Person an" in html
    assert "Ihr Name (Elternteil oder erziehungsberechtigte Person)" in html
    assert 'name="participant_name"' in html


def test_form_for_minors_offers_only_age_groups_under_16(client):
    event = SignUpEventFactory(for_minors=True, ask_age_group=True)
    html = event_page(client, event)
    assert "12 bis 15 Jahre" in html and "unter 12 Jahre" in html
    assert "16 bis 17 Jahre" not in html and "18 Jahre und älter" not in html
    response = sign_up(client, event, participant_name="Paul", age_group="16-17")
    assert response.status_code == 400
    assert not SignUp.objects.exists()


def test_form_for_adults_offers_every_age_group(client):
    html = event_page(client, SignUpEventFactory(ask_age_group=True))
    assert "16 bis 17 Jahre" in html and "18 Jahre und älter" in html


def test_minors_hint_asks_for_the_parents_e_mail_address(client):
    html = " ".join(event_page(client, SignUpEventFactory(for_minors=True)).split())
    assert "Bitte tragen Sie Ihren eigenen Namen und Ihre E-Mail-Adresse ein" in html


def test_full_event_with_waiting_list_offers_it(client, event):
    SignUpFactory(event=event, party_size=10)
    html = event_page(client, event)
    assert "Ausgebucht – Sie können sich auf die Warteliste setzen." in html
    assert "Auf die Warteliste setzen" in html


def test_full_event_without_waiting_list_shows_no_form(client, event):
    event.waiting_list = False
    event.save()
    SignUpFactory(event=event, party_size=10)
    html = event_page(client, event)
    assert "Ausgebucht. Es sind keine Plätze mehr frei." in html
    assert 'name="token"' not in html


def test_sign_up_after_the_deadline_is_closed(client, event, capture):
    event.signup_deadline = timezone.now() - timedelta(minutes=1)
    event.save()
    assert "Anmeldeschluss war am" in event_page(client, event)
    with capture():
        response = sign_up(client, event)
    assert response.status_code == 400
    assert "Anmeldeschluss war am" in response.content.decode()
    assert not SignUp.objects.exists()
    assert not Email.objects.exists()


def test_deadline_is_shown_while_sign_up_is_open(client, event):
    event.start_date = timezone.localdate() + timedelta(days=400)
    event.signup_deadline = timezone.make_aware(
        timezone.datetime.combine(
            timezone.localdate() + timedelta(days=300), timezone.datetime.min.time()
        )
    ).replace(hour=12)
    event.save()
    deadline = timezone.localtime(event.signup_deadline)
    html = event_page(client, event)
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"]  # fmt: skip
    day = f"{deadline.day}. {months[deadline.month - 1]} {deadline.year}"
    assert f"Anmeldung bis {day}, 12:00 Uhr" in " ".join(html.split())


def test_passed_deadline_names_its_time_with_uhr(client, event):
    event.signup_deadline = timezone.make_aware(timezone.datetime(2026, 10, 15, 19, 30))
    event.save()
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 10, 16, 8)), tick=False):
        event.start_date = timezone.localdate() + timedelta(days=10)
        event.save()
        html = " ".join(event_page(client, event).split())
    assert "Anmeldeschluss war am 15. Oktober 2026, 19:30 Uhr." in html
    assert "Anmeldung bis" not in html


def test_sign_up_before_the_deadline_is_open(client, event):
    event.signup_deadline = timezone.now() + timedelta(minutes=1)
    event.save()
    assert sign_up(client, event).status_code == 200
    assert SignUp.objects.count() == 1


def test_without_a_deadline_sign_up_closes_when_the_event_begins(client, event):
    # Frozen at noon: five minutes before "now" must still be today.
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=False):
        event.start_date = noon.date()
        event.start_time = time(11, 55)
        event.save()
        assert "Anmeldeschluss war am" in event_page(client, event)


def test_cancelled_event_takes_no_sign_ups(client, event):
    event.event_status = Project.EventStatus.CANCELLED
    event.save()
    assert "Der Termin ist abgesagt." in event_page(client, event)
    assert sign_up(client, event).status_code == 400
    assert not SignUp.objects.exists()


def test_sign_up_switched_off_shows_no_form_and_takes_none(client, event):
    event.signup_enabled = False
    event.save()
    assert 'name="token"' not in event_page(client, event)
    assert sign_up(client, event).status_code == 400
    assert not SignUp.objects.exists()


def test_unpublished_event_takes_no_sign_ups(client, event):
    event.published = False
    event.save()
    assert sign_up(client, event).status_code == 404
    assert not SignUp.objects.exists()


# --- Double opt-in ------------------------------------------------------------


def test_sign_up_confirm_by_link_end_to_end(client, event, capture, mailoutbox):
    event.contact = ContactFactory(name="Partnerschaftsverein", email="verein@example.org")
    event.save()
    with capture():
        response = sign_up(client, event)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fast geschafft – bitte bestätigen Sie Ihre Anmeldung" in html
    assert "erika@example.org" in html
    assert "Erika Mustermann" not in html
    signup = SignUp.objects.get()
    assert signup.state == SignUp.State.UNCONFIRMED
    assert not signup.waiting

    [message] = mailoutbox
    assert message.to == ["erika@example.org"]
    assert message.subject == "Bitte bestätigen Sie Ihre Anmeldung: Bürgerfahrt nach Nordhausen"
    assert "Guten Tag Erika Mustermann," in message.body
    assert f"{SITE}/mitmachen/anmeldung/" in message.body
    assert "Rathaus, Marktplatz 1, 99734 Nordhausen" in message.body
    assert "verein@example.org" in message.body
    key = links(message)["bestaetigen"]
    assert links(message)["absagen"] == key
    assert signup.key_hash != key

    # Opening the link, as a mail scanner does, changes nothing.
    page = client.get(confirm_url(key))
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert "Anmeldung bestätigen" in page.content.decode()
    signup.refresh_from_db()
    assert signup.state == SignUp.State.UNCONFIRMED

    with capture():
        response = client.post(confirm_url(key))
    assert response.status_code == 200
    assert "Ihre Anmeldung ist bestätigt" in response.content.decode()
    signup.refresh_from_db()
    assert signup.state == SignUp.State.CONFIRMED
    assert signup.confirmed_at is not None
    assert mailoutbox[1].subject == "Ihre Anmeldung ist bestätigt: Bürgerfahrt nach Nordhausen"
    assert links(mailoutbox[1]) == {"absagen": key}

    # Twice is harmless: no second mail, same state.
    with capture():
        again = client.post(confirm_url(key))
    assert again.status_code == 200
    assert len(mailoutbox) == 2
    assert "Noch 9 Plätze frei" in event_page(client, event)


def test_the_mail_is_plain_text_with_the_title_unescaped(client, capture, mailoutbox):
    event = SignUpEventFactory(title="Kunst & Kultur <live>")
    with capture():
        sign_up(client, event)
    assert "Kunst & Kultur <live>" in mailoutbox[0].body


def test_unconfirmed_sign_up_holds_its_place_for_an_hour(client, event):
    event.capacity = 1
    event.save()
    sign_up(client, event)
    assert "Ausgebucht" in event_page(client, event)
    with time_machine.travel(timezone.now() + HOLD + timedelta(seconds=1)):
        assert "Noch 1 Platz frei" in event_page(client, event)


def test_confirm_after_the_hold_gets_a_place_still_free(client, event, capture, mailoutbox):
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]
    with time_machine.travel(timezone.now() + HOLD + timedelta(minutes=5)):
        response = client.post(confirm_url(key))
    assert "Ihre Anmeldung ist bestätigt" in response.content.decode()
    assert SignUp.objects.get().state == SignUp.State.CONFIRMED


def test_confirm_after_the_hold_with_the_place_taken_offers_the_waiting_list(
    client, event, capture, mailoutbox
):
    event.capacity = 1
    event.save()
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]
    later = timezone.now() + HOLD + timedelta(minutes=5)
    with time_machine.travel(later):
        SignUpFactory(event=event)
        offer = client.post(confirm_url(key))
        assert offer.status_code == 200
        assert "Auf die Warteliste setzen" in offer.content.decode()
        assert SignUp.objects.get(email="erika@example.org").state == SignUp.State.UNCONFIRMED
        with capture():
            response = client.post(confirm_url(key), {"waiting_list": "1"})
    assert "Sie stehen auf der Warteliste" in response.content.decode()
    assert "Platz 1" in response.content.decode()
    signup = SignUp.objects.get(email="erika@example.org")
    assert (signup.state, signup.waiting) == (SignUp.State.CONFIRMED, True)
    assert mailoutbox[-1].subject.startswith("Sie stehen auf der Warteliste")
    assert "Platz 1" in mailoutbox[-1].body


def test_confirm_after_the_hold_without_waiting_list_says_full(client, event, capture, mailoutbox):
    event.capacity = 1
    event.waiting_list = False
    event.save()
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]
    with time_machine.travel(timezone.now() + HOLD + timedelta(minutes=5)):
        SignUpFactory(event=event)
        with capture():
            response = client.post(confirm_url(key), {"waiting_list": "1"})
    assert "Leider ausgebucht" in response.content.decode()
    assert SignUp.objects.get(email="erika@example.org").state == SignUp.State.UNCONFIRMED
    assert len(mailoutbox) == 1


def test_full_event_puts_a_new_sign_up_on_the_waiting_list(client, event, capture, mailoutbox):
    SignUpFactory(event=event, party_size=10)
    with capture():
        response = sign_up(client, event)
    assert "Mit der Bestätigung kommen Sie auf die Warteliste" in response.content.decode()
    signup = SignUp.objects.get(email="erika@example.org")
    assert signup.waiting
    assert "Warteliste" in mailoutbox[0].body
    with capture():
        client.post(confirm_url(links(mailoutbox[0])["bestaetigen"]))
    signup.refresh_from_db()
    assert (signup.state, signup.waiting) == (SignUp.State.CONFIRMED, True)
    assert "Sie stehen auf der Warteliste, Platz 1." in mailoutbox[1].body


def test_party_larger_than_the_places_left_goes_on_the_waiting_list(client, event):
    event.ask_party_size = True
    event.save()
    SignUpFactory(event=event, party_size=8)
    sign_up(client, event, party_size="3")
    assert SignUp.objects.get(email="erika@example.org").waiting


def test_full_event_without_waiting_list_refuses_and_stores_nothing(
    client, event, capture, mailoutbox
):
    event.waiting_list = False
    event.save()
    SignUpFactory(event=event, party_size=10)
    with capture():
        response = sign_up(client, event)
    assert response.status_code == 200
    assert "Leider ausgebucht" in response.content.decode()
    assert "nicht gespeichert" in response.content.decode()
    assert SignUp.objects.count() == 1
    assert mailoutbox == []


def test_cancel_moves_up_the_first_on_the_waiting_list_whose_party_fits(
    client, event, capture, mailoutbox
):
    event.capacity = 2
    event.save()
    with capture():
        sign_up(client, event, email="erste@example.org")
    first = links(mailoutbox[0])["absagen"]
    client.post(confirm_url(first))
    SignUpFactory(event=event, party_size=1)
    too_many = SignUpFactory(event=event, party_size=2, waiting=True)
    fits = SignUpFactory(event=event, party_size=1, waiting=True)
    mailoutbox.clear()

    page = client.get(cancel_url(first))
    assert "Anmeldung absagen" in page.content.decode()
    assert SignUp.objects.get(email="erste@example.org").state == SignUp.State.CONFIRMED

    with capture():
        response = client.post(cancel_url(first))
    assert "Ihre Anmeldung ist abgesagt" in response.content.decode()
    cancelled = SignUp.objects.get(email="erste@example.org")
    assert cancelled.state == SignUp.State.CANCELLED
    assert cancelled.cancelled_at is not None
    fits.refresh_from_db()
    too_many.refresh_from_db()
    assert not fits.waiting
    assert fits.moved_up_at is not None
    assert too_many.waiting

    received, message = mailoutbox
    assert received.to == ["erste@example.org"]
    assert received.subject.startswith("Ihre Absage ist angekommen")
    assert "absagen" not in links(received)
    assert message.to == [fits.email]
    assert message.subject.startswith("Sie sind nachgerückt")
    # The mail's link is the moved-up person's new key, and it cancels.
    new_key = links(message)["absagen"]
    with capture():
        client.post(cancel_url(new_key))
    fits.refresh_from_db()
    assert fits.state == SignUp.State.CANCELLED
    # One place is free again, still too few for the party of two.
    too_many.refresh_from_db()
    assert too_many.waiting

    # Cancelling twice is harmless and sends nothing more.
    sent = len(mailoutbox)
    with capture():
        again = client.post(cancel_url(first))
    assert again.status_code == 200
    assert len(mailoutbox) == sent


def test_cancelled_sign_up_cannot_be_confirmed(client, event, capture, mailoutbox):
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]
    client.post(cancel_url(key))
    response = client.post(confirm_url(key))
    assert "Diese Anmeldung ist abgesagt" in response.content.decode()
    assert SignUp.objects.get().state == SignUp.State.CANCELLED


@pytest.mark.parametrize("url", [confirm_url, cancel_url])
def test_unknown_key_is_not_found(client, url):
    SignUpFactory()
    assert client.get(url("gibt-es-nicht")).status_code == 404
    assert client.post(url("gibt-es-nicht")).status_code == 404


# --- What is stored -----------------------------------------------------------


def test_fields_the_event_does_not_ask_are_not_stored(client, event):
    sign_up(
        client,
        event,
        phone="0234 123456",
        party_size="3",
        age_group="12-15",
        diet="vegan",
        diet_note="Nussallergie",
        diet_consent="on",
        answer="Klasse 9",
        participant_name="Max",
    )
    signup = SignUp.objects.get()
    assert (signup.phone, signup.party_size, signup.age_group, signup.diet) == ("", 1, "", "")
    assert (signup.diet_note, signup.diet_consent_at, signup.answer) == ("", None, "")
    assert signup.participant_name == ""


def test_fields_the_event_asks_are_stored(client):
    event = SignUpEventFactory(
        ask_phone=True,
        ask_party_size=True,
        ask_age_group=True,
        ask_diet=True,
        question="Welche Klasse?",
        for_minors=True,
    )
    response = sign_up(
        client,
        event,
        phone="0234 123456",
        party_size="2",
        age_group="12-15",
        diet="vegan",
        answer="Klasse 9",
        participant_name="Max Mustermann",
    )
    assert response.status_code == 200
    signup = SignUp.objects.get()
    assert (signup.phone, signup.party_size, signup.age_group, signup.diet) == (
        "0234 123456",
        2,
        "12-15",
        "vegan",
    )
    assert (signup.answer, signup.participant_name) == ("Klasse 9", "Max Mustermann")


def test_health_note_without_consent_is_an_error(client):
    event = SignUpEventFactory(ask_diet=True)
    response = sign_up(client, event, diet_note="Nussallergie")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte willigen Sie ein" in html
    assert 'href="#id_diet_consent"' in html
    assert 'aria-invalid="true"' in html
    # The box's long explanation and its error, both read with the short label.
    assert 'aria-describedby="id_diet_consent_helptext id_diet_consent_error"' in html
    assert "Nussallergie" in html  # kept in the form for the person to decide
    assert not SignUp.objects.exists()


def test_health_note_with_consent_is_stored_with_the_time_of_consent(client):
    event = SignUpEventFactory(ask_diet=True)
    sign_up(client, event, diet_note="Nussallergie", diet_consent="on")
    signup = SignUp.objects.get()
    assert signup.diet_note == "Nussallergie"
    assert signup.diet_consent_at is not None


def test_consent_without_a_note_records_no_consent(client):
    sign_up(client, SignUpEventFactory(ask_diet=True), diet_consent="on")
    assert SignUp.objects.get().diet_consent_at is None


def test_errors_come_back_with_a_summary_linked_to_the_fields(client, event):
    response = sign_up(client, event, name="", email="keine-adresse")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary" id="fehler" role="group" tabindex="-1" autofocus' in html
    assert 'href="#id_name"' in html
    assert 'href="#id_email"' in html
    assert 'id="id_email_error"' in html
    assert "keine-adresse" in html
    assert not SignUp.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"email": "a@localhost"}, "email"),
        ({"phone": "abc"}, "phone"),
        ({"phone": "0234 12;DROP"}, "phone"),
        ({"phone": "+-()/"}, "phone"),
        ({"diet_note": "x" * 2001, "diet_consent": "on"}, "diet_note"),
        ({"answer": "x" * 2001}, "answer"),
    ],
)
def test_bad_input_is_a_form_error_on_its_field(client, fields, field):
    event = SignUpEventFactory(ask_phone=True, ask_diet=True, question="Woher?")
    response = sign_up(client, event, **{"phone": "0234 123456", **fields})
    assert response.status_code == 400
    assert f'href="#id_{field}"' in response.content.decode()
    assert not SignUp.objects.exists()


def test_phone_and_texts_within_the_limits_are_accepted(client):
    event = SignUpEventFactory(ask_phone=True, ask_diet=True, question="Woher?")
    response = sign_up(
        client,
        event,
        phone="+49 (0234) 000000-1/2",
        diet_note="x" * 2000,
        diet_consent="on",
        answer="y" * 2000,
    )
    assert response.status_code == 200
    assert SignUp.objects.get().phone == "+49 (0234) 000000-1/2"


def test_consent_box_has_a_short_label_and_its_explanation_as_help(client, settings):
    settings.SIGNUP_RETENTION_DAYS = 30
    event = SignUpEventFactory(ask_diet=True)
    html = " ".join(event_page(client, event).split())
    assert "Wird nur gespeichert, wenn Sie unten einwilligen." in html
    assert "zusammen mit Ihrer Anmeldung gelöscht, spätestens 30 Tage nach dem Termin" in html
    response = sign_up(client, event, diet_note="Nussallergie")
    summary = response.content.decode().split('class="error-summary"')[1].split("</div>")[0]
    assert "Einwilligung zu den Angaben über Allergien: Bitte willigen Sie ein" in summary
    assert "Veranstaltenden" not in summary


@pytest.mark.parametrize(
    "fields",
    [
        {"party_size": "viele"},
        {"party_size": "100000000000000000000"},
        {"party_size": "-1"},
        {"age_group": "99"},
        {"email": "x" * 500 + "@example.org"},
        {"name": "x" * 5000},
    ],
)
def test_garbage_is_a_form_error_not_a_server_error(client, fields):
    event = SignUpEventFactory(ask_party_size=True, ask_age_group=True)
    response = sign_up(client, event, **{"age_group": "12-15", **fields})
    assert response.status_code == 400
    assert not SignUp.objects.exists()


def test_nothing_of_the_sign_ups_shows_on_the_public_pages(client, event):
    SignUpFactory(event=event, name="Hannelore Geheim", email="hannelore@example.org")
    sign_up(client, event, name="Erika Verborgen", email="verborgen@example.org")
    for url in [event.get_absolute_url(), reverse("participation:list"), "/"]:
        html = client.get(url).content.decode()
        for secret in ["Geheim", "hannelore@", "Verborgen", "verborgen@"]:
            assert secret not in html, url


def test_no_response_of_the_flow_sets_a_cookie(client, event, capture, mailoutbox):
    responses = [client.get(event.get_absolute_url())]
    responses.append(client.get(reverse("participation:signup", kwargs={"slug": event.slug})))
    responses.append(sign_up(client, event, email=""))
    with capture():
        responses.append(sign_up(client, event))
    key = links(mailoutbox[0])["bestaetigen"]
    responses += [
        client.get(confirm_url(key)),
        client.post(confirm_url(key)),
        client.get(cancel_url(key)),
        client.post(cancel_url(key)),
        sign_up(client, event, website="http://spam.example"),
    ]
    assert [response.status_code for response in responses] == [
        200, 200, 400, 200, 200, 200, 200, 200, 400,
    ]  # fmt: skip
    for response in responses:
        assert not response.cookies
        assert "Set-Cookie" not in response.headers


def test_pages_behind_the_links_are_never_cached(client, capture, event, mailoutbox):
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]
    for url in [confirm_url(key), cancel_url(key)]:
        response = client.get(url)
        assert "no-cache" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex">' in response.content.decode()


# --- The Datenschutzerklärung -------------------------------------------------


def test_privacy_page_has_a_section_on_sign_ups_with_the_retention_days(settings):
    settings.SIGNUP_RETENTION_DAYS = 21
    LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY, title="Datenschutz", body="<p>Text</p>", published=True
    )
    response = visitor().get(reverse("page", kwargs={"kind": "datenschutz"}))
    html = response.content.decode().replace("\u00ad", "")
    assert '<section id="anmeldungen"' in html
    assert "Anmeldung zu Terminen" in html
    assert "21 Tage nach dem letzten Tag des Termins gelöscht" in html
    assert "Art. 9 Abs. 2 Buchst. a DSGVO" in html
    assert "Double-Opt-in" in html
    assert "setzt kein Cookie" in html
    assert "löschen ihn nach 24 Stunden" in html


def test_other_legal_pages_have_no_section_on_sign_ups():
    LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT, title="Impressum", body="<p>Text</p>", published=True
    )
    html = visitor().get(reverse("page", kwargs={"kind": "impressum"})).content.decode()
    assert "Anmeldung zu Terminen" not in html


def test_sign_up_page_queries(client, event, django_assert_num_queries):
    url = reverse("participation:signup", kwargs={"slug": event.slug})
    # The event with its partnership and contact; the places still held.
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200


# --- After the review: closed events, the same person twice, old unconfirmed sign-ups ---


@pytest.mark.parametrize(
    "close",
    [
        lambda event: setattr(event, "event_status", Project.EventStatus.CANCELLED),
        lambda event: setattr(event, "signup_enabled", False),
        lambda event: setattr(event, "published", False),
    ],
)
def test_a_sign_up_is_not_confirmed_once_the_event_stops_taking_them(
    client, event, capture, mailoutbox, close
):
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]
    close(event)
    event.save()

    with capture():
        response = client.post(confirm_url(key))

    assert "Anmeldung geschlossen" in response.content.decode()
    assert SignUp.objects.get().state == SignUp.State.UNCONFIRMED
    assert len(mailoutbox) == 1


def test_a_sign_up_sent_before_the_deadline_keeps_its_hour_past_it(
    client, event, capture, mailoutbox
):
    event.signup_deadline = timezone.now() + timedelta(minutes=10)
    event.save()
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]

    with time_machine.travel(timezone.now() + timedelta(minutes=30)), capture():
        client.post(confirm_url(key))
    assert SignUp.objects.get().state == SignUp.State.CONFIRMED


def test_after_the_deadline_and_the_hour_a_sign_up_is_not_confirmed(
    client, event, capture, mailoutbox
):
    event.signup_deadline = timezone.now() + timedelta(minutes=10)
    event.save()
    with capture():
        sign_up(client, event)
    key = links(mailoutbox[0])["bestaetigen"]

    with time_machine.travel(timezone.now() + timedelta(minutes=90)), capture():
        response = client.post(confirm_url(key))
    assert "Anmeldung geschlossen" in response.content.decode()
    assert SignUp.objects.get().state == SignUp.State.UNCONFIRMED


def test_the_same_address_signing_up_again_takes_no_second_place(
    client, event, capture, mailoutbox
):
    with capture():
        first = sign_up(client, event, email="Erika@Example.org")
        second = sign_up(client, event, email="erika@example.org")

    # The same page both times: it tells nobody whether the address signed up before.
    assert first.status_code == second.status_code == 200
    assert SignUp.objects.count() == 1
    assert [message.subject for message in mailoutbox] == [
        "Bitte bestätigen Sie Ihre Anmeldung: Bürgerfahrt nach Nordhausen"
    ] * 2
    # Only the newest link works: keys are stored as hashes, so a new mail needs a new key.
    old, new = (links(message)["bestaetigen"] for message in mailoutbox)
    assert client.get(confirm_url(old)).status_code == 404
    with capture():
        client.post(confirm_url(new))
    assert SignUp.objects.get().state == SignUp.State.CONFIRMED

    with capture():
        sign_up(client, event)
    assert SignUp.objects.count() == 1
    reminder = mailoutbox[-1]
    assert reminder.subject == "Sie sind bereits angemeldet: Bürgerfahrt nach Nordhausen"
    assert "keine gespeichert" in reminder.body
    assert set(links(reminder)) == {"absagen"}


def test_a_parent_signs_up_two_children_with_one_address():
    client = visitor()
    event = SignUpEventFactory(for_minors=True, capacity=10)
    sign_up(client, event, participant_name="Ida")
    sign_up(client, event, participant_name="Max")
    sign_up(client, event, participant_name="max")
    assert sorted(SignUp.objects.values_list("participant_name", flat=True)) == ["Ida", "Max"]


def test_a_cancelled_sign_up_does_not_stop_signing_up_again(client, event, capture, mailoutbox):
    with capture():
        sign_up(client, event)
    client.post(cancel_url(links(mailoutbox[0])["absagen"]))
    sign_up(client, event)
    assert SignUp.objects.filter(state=SignUp.State.UNCONFIRMED).count() == 1


def test_a_party_too_large_for_the_places_left_hears_how_many_are_left(client):
    event = SignUpEventFactory(capacity=3, ask_party_size=True, waiting_list=False)
    SignUpFactory(event=event, party_size=2)
    response = sign_up(client, event, party_size=4)
    assert response.context["places_left"] == 1
    assert response.context["party_size"] == 4
    assert SignUp.objects.count() == 1


# --- Texts that depend on the event and the sign-up --------------------------


@pytest.mark.parametrize(
    ("capacity", "waiting_list", "waiting", "says_place_goes_on"),
    [
        (10, True, False, True),
        (10, True, True, False),
        (10, False, False, False),
        (None, True, False, False),
    ],
)
def test_cancel_page_says_the_place_goes_on_only_where_it_does(
    client, capacity, waiting_list, waiting, says_place_goes_on
):
    event = SignUpEventFactory(capacity=capacity, waiting_list=waiting_list)
    signup = SignUpFactory(event=event, waiting=waiting)
    key = signup.new_key()
    signup.save()
    html = client.get(cancel_url(key)).content.decode()
    assert "Möchten Sie Ihre Anmeldung" in html
    assert ("an die nächste Person auf der Warteliste" in html) is says_place_goes_on


@pytest.mark.parametrize(("capacity", "holds"), [(10, True), (None, False)])
def test_hour_of_hold_is_promised_only_with_a_limit_on_places(client, capacity, holds):
    event = SignUpEventFactory(capacity=capacity)
    html = sign_up(client, event).content.decode()
    assert ("Wir halten Ihren Platz eine Stunde lang" in html) is holds


def test_confirmed_page_names_what_the_mail_holds(client, event, capture, mailoutbox):
    with capture():
        sign_up(client, event)
    with capture():
        response = client.post(confirm_url(links(mailoutbox[0])["bestaetigen"]))
    html = " ".join(response.content.decode().split())
    assert "eine E-Mail mit Datum, Ort und dem Link zum Absagen" in html
    assert "Wann:" in mailoutbox[1].body and "Wo:" in mailoutbox[1].body
    assert links(mailoutbox[1])["absagen"]


@pytest.mark.parametrize("waiting_list", [True, False])
def test_the_page_says_how_many_places_a_too_large_party_missed(client, waiting_list):
    event = SignUpEventFactory(capacity=3, ask_party_size=True, waiting_list=waiting_list)
    SignUpFactory(event=event, party_size=2)
    html = " ".join(sign_up(client, event, party_size=4).content.decode().split())
    assert "Für 4 Personen sind nicht mehr genug Plätze frei (noch 1)." in html
    assert ("Mit der Bestätigung kommen Sie auf die Warteliste." in html) is waiting_list


@pytest.mark.parametrize("template", ["signup_sent.html", "signup_full.html"])
def test_a_party_larger_than_the_places_left_is_told_so(event, template):
    signup = SignUpFactory.build(event=event, waiting=True, party_size=4)
    context = {"event": event, "signup": signup, "party_size": 4, "places_left": 1}
    html = " ".join(render_to_string(f"participation/{template}", context).split())
    assert "Für 4 Personen sind nicht mehr genug Plätze frei (noch 1)." in html
    without = " ".join(
        render_to_string(f"participation/{template}", {"event": event, "signup": signup}).split()
    )
    assert "Für 4 Personen" not in without

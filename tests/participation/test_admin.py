"""
Events and sign-ups for staff: the event form as a browser posts it, the
rights of both roles, the participants' list with its CSV export, the
e-mail to participants and a person's sign-ups under Art. 15 and 17 DSGVO.
"""

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from partnership.models import Project
from partnership.participation.models import SignUp, SignUpCount
from partnership.site.models import SiteSettings
from tests.admin_forms import AdminForm, change_form
from tests.factories import (
    ContactFactory,
    EventFactory,
    PartnershipFactory,
    ProjectFactory,
    SignUpEventFactory,
    SignUpFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db

PROJECTS = reverse("admin:partnership_project_changelist")
SIGNUPS = reverse("admin:participation_signup_changelist")
PERSON = reverse("admin:participation_person")


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def export_url(event):
    return reverse("admin:participation_export", args=[event.pk])


def mail_url(event):
    return reverse("admin:participation_mail", args=[event.pk])


def event_log(event):
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_id=str(event.pk)
    )
    return [entry.get_change_message() for entry in entries.order_by("pk")]


def all_log_text():
    return " ".join(
        f"{entry.object_repr} {entry.get_change_message()}" for entry in LogEntry.objects.all()
    )


@pytest.fixture
def event_with_history(admin_client):
    """A live event with an image, sign-ups in every state and a saved revision."""
    event = SignUpEventFactory(
        title="Bürgerfahrt nach Nordhausen",
        image=image_upload(),
        image_alt="Der Marktplatz von Nordhausen",
        capacity=4,
        start_time="07:30",
        contact=ContactFactory(),
    )
    SignUpFactory(event=event, party_size=2)
    SignUpFactory(event=event, waiting=True)
    SignUpFactory(event=event, state=SignUp.State.UNCONFIRMED, confirmed_at=None)
    SignUpFactory(event=event, state=SignUp.State.CANCELLED, cancelled_at=timezone.now())
    page = admin_client.get(change_url(event))
    response = admin_client.post(
        change_url(event), change_form(page).data(place_name="Rathaus Nordhausen", _save="1")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    return event


# --- The event form --------------------------------------------------------


def test_new_event_with_every_field_is_saved_from_the_rendered_form(admin_client):
    partnership = PartnershipFactory()
    contact = ContactFactory()
    page = admin_client.get(reverse("admin:partnership_project_add"))
    assert page.status_code == 200
    data = change_form(page).data(
        partnership=str(partnership.pk),
        title="Online-Treffen der Start-ups",
        kind=Project.Kind.BUSINESS,
        start_date="12.03.2031",
        end_date="13.03.2031",
        description="<p>Gründerinnen aus Bochum und Tsukuba stellen sich vor.</p>",
        contact=str(contact.pk),
        is_event="on",
        slug="startup-treffen",
        start_time="18:00",
        end_time="20:00",
        event_status=Project.EventStatus.MOVED,
        original_start_date="05.03.2031",
        place_name="Stadtwerk",
        place_address="Hauptstraße 1\n44787 Bochum",
        latitude="51.48165",
        longitude="7.21648",
        online="on",
        fee="12,50",
        fee_note="ermäßigt 6 €",
        audience="Gründerinnen und Gründer",
        bring="Laptop",
        image_alt="Zwei Gründerinnen am Bildschirm",
        image_credit="Stadt Bochum",
        signup_enabled="on",
        capacity="30",
        signup_deadline_0="10.03.2031",
        signup_deadline_1="12:00",
        waiting_list="on",
        ask_phone="on",
        ask_party_size="on",
        max_party_size="3",
        ask_age_group="on",
        ask_diet="on",
        question="Welche Branche?",
        published="on",
        _save="1",
    )
    data["image"] = image_upload()
    response = admin_client.post(reverse("admin:partnership_project_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Project.objects.get(slug="startup-treffen")
    assert event.is_event and event.signup_enabled and event.online
    assert (event.capacity, event.max_party_size, event.question) == (30, 3, "Welche Branche?")
    assert str(event.fee) == "12.50"
    assert event.is_moved and str(event.original_start_date) == "2031-03-05"
    assert event.image and event.image_alt == "Zwei Gründerinnen am Bildschirm"


def test_event_form_errors_are_shown_on_their_fields_not_as_a_500(admin_client):
    page = admin_client.get(reverse("admin:partnership_project_add"))
    data = change_form(page).data(
        partnership=str(PartnershipFactory().pk),
        title="Ohne Ort",
        kind=Project.Kind.CULTURE,
        start_date="12.03.2031",
        is_event="on",
        slug="archiv",
        event_status=Project.EventStatus.MOVED,
        _save="1",
    )
    response = admin_client.post(reverse("admin:partnership_project_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"slug", "place_name", "original_start_date"} <= set(errors)
    assert not Project.objects.exists()


def test_times_sit_beside_the_dates_for_every_project(admin_client):
    for url in (reverse("admin:partnership_project_add"), change_url(ProjectFactory())):
        fieldsets = dict(admin_client.get(url).context["adminform"].fieldsets)
        assert fieldsets["Wann"]["fields"] == [
            ("start_date", "end_date"),
            ("start_time", "end_time"),
        ]
        assert "collapse" not in fieldsets["Wann"].get("classes", ())
        assert "nur für Termine zum Mitmachen" in fieldsets["Wann"]["description"]
        assert ("start_time", "end_time") not in fieldsets["Termin zum Mitmachen"]["fields"]


def test_a_slug_taken_by_another_project_is_named_in_plain_german(admin_client):
    ProjectFactory(slug="buergerfahrt")
    event = EventFactory(slug="andere-fahrt")
    page = admin_client.get(change_url(event))
    response = admin_client.post(
        change_url(event), change_form(page).data(slug="buergerfahrt", _save="1")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "Diesen Kurznamen hat schon ein anderes Projekt oder ein anderer Termin."
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "capacity",
            "99999999999999999999",
            "Höchstens 100.000 Plätze. Ist die Zahl der Plätze nicht begrenzt, bitte das "
            "Feld leer lassen.",
        ),
        (
            "capacity",
            "0",
            "Bitte mindestens einen Platz angeben oder das Feld leer lassen.",
        ),
        ("max_party_size", "0", "Eine Anmeldung gilt für mindestens eine Person."),
        ("max_party_size", "51", "Höchstens 50 Personen je Anmeldung."),
    ],
)
def test_places_and_party_size_out_of_range_are_plain_form_errors(
    admin_client, field, value, message
):
    event = SignUpEventFactory(capacity=10, ask_party_size=True)
    page = admin_client.get(change_url(event))
    response = admin_client.post(change_url(event), change_form(page).data(**{field: value}))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    event.refresh_from_db()
    assert (event.capacity, event.max_party_size) == (10, 4)


def test_the_largest_capacity_allowed_is_saved(admin_client):
    event = SignUpEventFactory(capacity=10)
    page = admin_client.get(change_url(event))
    response = admin_client.post(
        change_url(event), change_form(page).data(capacity="100000", _save="1")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 100_000


def test_event_with_image_and_sign_ups_saves_unchanged_and_keeps_its_image(
    admin_client, event_with_history
):
    event = event_with_history
    image = event.image.name
    page = admin_client.get(change_url(event))
    assert page.status_code == 200
    response = admin_client.post(change_url(event), change_form(page).data(_save="1"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.image.name == image
    assert event.place_name == "Rathaus Nordhausen"
    assert SignUp.objects.filter(event=event).count() == 4


def test_event_change_page_summarises_sign_ups_and_links_its_pages(
    admin_client, event_with_history
):
    html = admin_client.get(change_url(event_with_history)).content.decode()
    assert (
        "Bestätigte Personen: 2 von 4 Plätzen · noch nicht bestätigt, Platz freigehalten: "
        "1 Personen · Warteliste: 1 · abgesagt: 1"
    ) in html
    assert f"{SIGNUPS}?event__id__exact={event_with_history.pk}" in html
    assert f'href="/mitmachen/{event_with_history.slug}/"' in html
    assert f'href="/mitmachen/{event_with_history.slug}.ics"' in html
    # Personal data stays on the participants' list.
    assert "teilnehmerin" not in html.lower()


def test_event_after_deletion_of_personal_data_shows_the_counts_kept(admin_client):
    event = SignUpEventFactory()
    SignUpCount.objects.create(
        event=event, confirmed=7, people=9, waiting=2, cancelled=1, purged_at=timezone.now()
    )
    html = admin_client.get(change_url(event)).content.decode()
    assert "7 bestätigte Anmeldungen mit 9 Personen, 2 auf der Warteliste, 1 abgesagt" in html


def test_sign_up_settings_are_folded_until_a_project_is_an_event(admin_client):
    def folded(obj):
        url = change_url(obj) if obj else reverse("admin:partnership_project_add")
        fieldsets = admin_client.get(url).context["adminform"].fieldsets
        return {
            str(name) for name, options in fieldsets if "collapse" in options.get("classes", ())
        }

    assert {"Termin zum Mitmachen", "Anmeldung"} <= folded(None)
    assert {"Termin zum Mitmachen", "Anmeldung"} <= folded(ProjectFactory())
    assert "Anmeldung" in folded(EventFactory())
    assert not {"Termin zum Mitmachen", "Anmeldung"} & folded(SignUpEventFactory())


# --- The list of projects ---------------------------------------------------


def test_project_list_shows_date_state_and_sign_ups_in_a_fixed_number_of_queries(admin_client):
    for capacity in (10, 20, 30):
        event = SignUpEventFactory(capacity=capacity)
        SignUpFactory.create_batch(2, event=event, party_size=2)
        SignUpFactory(event=event, waiting=True)
    EventFactory(event_status=Project.EventStatus.CANCELLED, title="Abgesagtes Konzert")
    ProjectFactory(title="Städtische Zusammenarbeit")
    admin_client.get(PROJECTS)
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(PROJECTS)
    # Session, user, the filters' areas and partnerships, two counts, site
    # settings, the rows with their sign-up numbers as subqueries, two for
    # the dates: as many for three events as for one.
    assert len(queries) == 10, [query["sql"][:300] for query in queries]
    html = response.content.decode()
    assert html.count("4 von 10, Warteliste 1") == 1
    assert "4 von 30, Warteliste 1" in html
    assert "abgesagt" in html


def test_project_list_filters_events_and_open_sign_up(admin_client):
    open_event = SignUpEventFactory(title="Offen")
    SignUpEventFactory(title="Vorbei", signup_deadline=timezone.now() - timedelta(hours=1))
    SignUpEventFactory(title="Abgesagt", event_status=Project.EventStatus.CANCELLED)
    EventFactory(title="Ohne Anmeldung")
    ProjectFactory(title="Kein Termin")

    def titles(query):
        response = admin_client.get(f"{PROJECTS}?{query}")
        return {project.title for project in response.context["cl"].result_list}

    assert titles("is_event__exact=1") == {"Offen", "Vorbei", "Abgesagt", "Ohne Anmeldung"}
    assert titles("is_event__exact=0") == {"Kein Termin"}
    assert titles("anmeldung=offen") == {open_event.title}
    assert titles("anmeldung=zu") == {"Vorbei", "Abgesagt", "Ohne Anmeldung", "Kein Termin"}


def test_open_sign_up_filter_closes_when_the_event_begins_as_the_form_does(client, admin_user):
    # Everything happens at noon, logging in included: the staff session
    # must not have run out at the frozen time.
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with time_machine.travel(noon, tick=False):
        today = noon.date()
        SignUpEventFactory(title="Heute ganztägig", start_date=today)
        SignUpEventFactory(title="Morgen", start_date=today + timedelta(days=1))
        SignUpEventFactory(
            title="Heute später", start_date=today, start_time=time(23, 59), end_time=None
        )
        client.force_login(admin_user)
        response = client.get(f"{PROJECTS}?anmeldung=offen")

    found = {project.title for project in response.context["cl"].result_list}
    assert found == {"Morgen", "Heute später"}


def test_partnership_form_shows_whether_a_project_is_an_event_and_saves_unchanged(admin_client):
    partnership = PartnershipFactory()
    EventFactory(partnership=partnership)
    page = admin_client.get(change_url(partnership))
    form = change_form(page)
    assert "projects-0-is_event" not in dict(form.fields)
    response = admin_client.post(change_url(partnership), form.data(_save="1"))
    assert response.status_code == 302


# --- Rights -----------------------------------------------------------------


def test_roles_may_see_participants_and_only_the_lead_takes_them_out(redakteur, leitung):
    assert redakteur.has_perm("participation.view_signup")
    for permission in ["export_signup", "delete_signup", "change_signup", "add_signup"]:
        assert not redakteur.has_perm(f"participation.{permission}"), permission
    for permission in ["view_signup", "export_signup", "delete_signup"]:
        assert leitung.has_perm(f"participation.{permission}"), permission
    assert not leitung.has_perm("participation.change_signup")


def test_editor_sees_a_live_event_read_only_and_cannot_post_its_sign_up_settings(
    redakteur_client,
):
    event = SignUpEventFactory(capacity=10)
    page = redakteur_client.get(change_url(event))
    assert page.status_code == 200
    assert "_save" not in change_form(page).submits
    assert "Ändern kann ihn nur die Redaktionsleitung" in page.content.decode()
    response = redakteur_client.post(
        change_url(event), {"capacity": "500", "signup_enabled": "", "title_de": "neu"}
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert (event.capacity, event.signup_enabled) == (10, True)


def test_editor_creates_a_draft_event_with_sign_up_and_edits_it(redakteur_client):
    partnership = PartnershipFactory()
    page = redakteur_client.get(reverse("admin:partnership_project_add"))
    data = change_form(page).data(
        partnership=str(partnership.pk),
        title="Schüleraustausch Sheffield",
        kind=Project.Kind.SCHOOL,
        start_date="01.06.2031",
        is_event="on",
        place_name="Goethe-Schule",
        signup_enabled="on",
        capacity="20",
        for_minors="on",
        _save="1",
    )
    response = redakteur_client.post(reverse("admin:partnership_project_add"), data)
    assert response.status_code == 302
    event = Project.objects.get()
    assert not event.published and event.for_minors

    page = redakteur_client.get(change_url(event))
    response = redakteur_client.post(change_url(event), change_form(page).data(capacity="25"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 25


def test_editor_forging_publication_of_a_draft_event_gets_403(redakteur_client):
    event = SignUpEventFactory(published=False)
    page = redakteur_client.get(change_url(event))
    response = redakteur_client.post(
        change_url(event), change_form(page).data(published="on", _save="1")
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert not event.published


def test_lead_changes_the_sign_up_settings_of_a_live_event(leitung_client):
    event = SignUpEventFactory(capacity=10)
    page = leitung_client.get(change_url(event))
    response = leitung_client.post(
        change_url(event), change_form(page).data(capacity="12", waiting_list="", _save="1")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.capacity, event.waiting_list) == (12, False)


def test_lead_deletes_an_event_with_its_sign_ups(leitung_client):
    event = SignUpEventFactory(published=False)
    SignUpFactory(event=event)
    url = reverse("admin:partnership_project_delete", args=[event.pk])
    assert leitung_client.get(url).context["perms_lacking"] == set()
    response = leitung_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not SignUp.objects.exists()


def test_editor_sees_the_participants_but_cannot_export_write_or_look_up(redakteur_client):
    signup = SignUpFactory(name="Anna Beispiel")
    event = signup.event
    response = redakteur_client.get(f"{SIGNUPS}?event__id__exact={event.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Beispiel" in html
    assert export_url(event) not in html and PERSON not in html
    assert redakteur_client.post(export_url(event)).status_code == 403
    assert redakteur_client.get(mail_url(event)).status_code == 403
    assert redakteur_client.post(PERSON, {"email": signup.email}).status_code == 403
    assert not LogEntry.objects.exists()


def test_sign_ups_cannot_be_added_changed_or_deleted_one_by_one(leitung_client):
    signup = SignUpFactory()
    assert leitung_client.get(reverse("admin:participation_signup_add")).status_code == 403
    page = leitung_client.get(change_url(signup))
    assert page.status_code == 200
    assert "_save" not in change_form(page).submits
    assert reverse("admin:participation_signup_delete", args=[signup.pk]) not in (
        page.content.decode()
    )
    assert leitung_client.post(change_url(signup), {"name": "anders"}).status_code == 403
    delete = reverse("admin:participation_signup_delete", args=[signup.pk])
    assert leitung_client.post(delete, {"post": "yes"}).status_code == 403
    assert SignUp.objects.get().name == signup.name


def test_admin_start_page_lists_sign_ups_under_mitmachen(redakteur_client):
    html = redakteur_client.get("/admin/").content.decode()
    assert "Mitmachen" in html and SIGNUPS in html


# --- The participants' list ------------------------------------------------


def test_participants_list_of_an_event_has_its_counts_in_a_fixed_number_of_queries(
    leitung_client,
):
    event = SignUpEventFactory(title="Bürgerfahrt", capacity=6)
    SignUpFactory.create_batch(2, event=event, party_size=2)
    SignUpFactory(event=event, waiting=True)
    SignUpFactory(event=event, state=SignUp.State.UNCONFIRMED, confirmed_at=None)
    SignUpFactory(name="Andere Fahrt")
    leitung_client.get(f"{SIGNUPS}?event__id__exact={event.pk}")
    with CaptureQueriesContext(connection) as queries:
        response = leitung_client.get(f"{SIGNUPS}?event__id__exact={event.pk}")
    # Session, user and the lead's two permission lists, the event, its
    # numbers in one query, the event filter's choices, two counts, site
    # settings, the rows and two for the dates.
    assert len(queries) == 13, [query["sql"][:120] for query in queries]
    html = response.content.decode()
    assert "Bestätigte Personen: 4 von 6 Plätzen (bestätigte Anmeldungen: 2)." in html
    assert "Warteliste: 1. Noch nicht bestätigt, Platz freigehalten: 1. Abgesagt: 0." in html
    assert "Andere Fahrt" not in html
    assert export_url(event) in html and mail_url(event) in html and PERSON in html


def test_participants_list_shows_the_event_column_only_without_an_event_filter(leitung_client):
    signup = SignUpFactory(
        name="Anna Beispiel",
        email="anna@example.org",
        waiting=True,
        confirmed_at=datetime(2026, 11, 29, 20, 40, tzinfo=UTC),
    )
    unfiltered = leitung_client.get(SIGNUPS)
    assert unfiltered.context["cl"].list_display[-1] == "event"
    filtered = leitung_client.get(f"{SIGNUPS}?event__id__exact={signup.event.pk}")
    assert filtered.context["cl"].list_display[1:] == [
        "person",
        "party_size",
        "status",
        "created_at",
    ]
    # Name and address share a column, as do state, waiting list and when confirmed.
    html = filtered.content.decode()
    assert "Anna Beispiel<br>anna@example.org" in html
    assert "bestätigt, Warteliste<br>29.11.2026 21:40" in html


def test_participants_list_searches_names_and_addresses(leitung_client):
    SignUpFactory(name="Anna Beispiel", email="anna@example.org")
    SignUpFactory(name="Bernd Muster", email="bernd@example.org")
    response = leitung_client.get(f"{SIGNUPS}?q=ANNA@example")
    assert [signup.name for signup in response.context["cl"].result_list] == ["Anna Beispiel"]


def test_participants_list_ignores_a_garbled_event_filter(leitung_client):
    SignUpFactory(name="Anna Beispiel")
    response = leitung_client.get(f"{SIGNUPS}?event__id__exact=abc")
    assert response.status_code == 200
    assert response.context["event"] is None


# --- CSV export -------------------------------------------------------------


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_has_the_asked_fields_only_and_neutralises_formulas(leitung_client, leitung):
    event = SignUpEventFactory(ask_phone=True, ask_diet=True, question="Welche Klasse?")
    SignUpFactory(
        event=event,
        name='=HYPERLINK("http://böse.example")',
        phone="+49 234 1",
        diet=SignUp.Diet.VEGAN,
        diet_note="@Nüsse",
        answer="-8b",
        age_group=SignUp.AgeGroup.ADULT,
        confirmed_at=timezone.now() - timedelta(hours=2),
    )
    SignUpFactory(event=event, name="\tTab", waiting=True)
    SignUpFactory(event=event, name="Unbestätigt", state=SignUp.State.UNCONFIRMED)
    SignUpFactory(event=event, name="Abgesagt", state=SignUp.State.CANCELLED)

    response = leitung_client.post(export_url(event))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="anmeldungen-')
    rows = read_csv(response)
    assert rows[0] == [
        "Name",
        "E-Mail-Adresse",
        "Telefon",
        "Verpflegung",
        "Allergien oder andere Bedürfnisse",
        "Welche Klasse?",
        "Liste",
        "bestätigt am",
    ]
    first, second = rows[1:]
    assert first[:7] == [
        '\'=HYPERLINK("http://böse.example")',
        first[1],
        "'+49 234 1",
        "vegan",
        "'@Nüsse",
        "'-8b",
        "Teilnahme",
    ]
    assert second[0] == "'\tTab" and second[6] == "Warteliste"
    assert len(rows) == 3
    assert event_log(event) == ["Teilnehmerliste als CSV heruntergeladen: 2 Anmeldungen"]
    assert LogEntry.objects.get().user == leitung


def test_csv_export_for_minors_names_the_child(leitung_client):
    event = SignUpEventFactory(for_minors=True, ask_age_group=True, ask_party_size=True)
    SignUpFactory(
        event=event, participant_name="Mia", age_group=SignUp.AgeGroup.FROM_12, party_size=1
    )
    header, row = read_csv(leitung_client.post(export_url(event)))
    assert header[:5] == [
        "Name",
        "Name des Kindes oder Jugendlichen",
        "E-Mail-Adresse",
        "Personen",
        "Altersgruppe",
    ]
    assert row[1] == "Mia" and row[4] == "12 bis 15 Jahre"


def test_opening_the_export_address_exports_and_logs_nothing(leitung_client):
    event = SignUpFactory().event
    response = leitung_client.get(export_url(event))
    assert response.status_code == 302
    assert not LogEntry.objects.exists()


def test_export_of_a_project_that_is_no_event_is_404(leitung_client):
    assert leitung_client.post(export_url(ProjectFactory())).status_code == 404


def test_export_appears_in_the_events_history(leitung_client):
    event = SignUpFactory().event
    leitung_client.post(export_url(event))
    history = leitung_client.get(reverse("admin:partnership_project_history", args=[event.pk]))
    assert "Teilnehmerliste als CSV heruntergeladen: 1 Anmeldung" in history.content.decode()


# --- E-mail to participants ---------------------------------------------------


def test_mail_to_participants_is_checked_then_queued_once_per_confirmed_address(
    leitung_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = SignUpEventFactory(
        title="Bürgerfahrt nach Nordhausen",
        contact=ContactFactory(name="Partnerschaftsverein", email="verein@stadt.example"),
    )
    SignUpFactory(event=event, name="Anna", email="anna@example.org")
    SignUpFactory(event=event, name="Anna", email="ANNA@example.org")
    SignUpFactory(event=event, name="Bernd", email="bernd@example.org")
    SignUpFactory(event=event, email="wartet@example.org", waiting=True)
    SignUpFactory(event=event, email="offen@example.org", state=SignUp.State.UNCONFIRMED)
    SignUpFactory(event=event, email="weg@example.org", state=SignUp.State.CANCELLED)
    text = {
        "audience": ["bestaetigt"],
        "subject": "Abfahrt",
        "body": "Der Bus fährt um 7:30 Uhr am Rathaus ab.",
    }

    form = leitung_client.get(mail_url(event))
    assert form.context["form"]["audience"].value() == ["bestaetigt"]
    html = form.content.decode()
    assert "Mit bestätigtem Platz (2 Adressen)" in html
    assert "Auf der Warteliste (1 Adresse)" in html

    check = leitung_client.post(mail_url(event), text)
    assert check.status_code == 200
    assert "An 2 Adressen senden" in check.content.decode()
    assert not Email.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = leitung_client.post(mail_url(event), {**text, "senden": "1"})

    assert response.status_code == 302
    assert sorted(address for message in mailoutbox for address in message.to) == [
        "anna@example.org",
        "bernd@example.org",
    ]
    message = next(message for message in mailoutbox if message.to == ["bernd@example.org"])
    assert message.subject == "Abfahrt"
    assert message.body.startswith("Guten Tag Bernd,\n\nDer Bus fährt um 7:30 Uhr am Rathaus ab.")
    assert "eine Anmeldung zu „Bürgerfahrt nach Nordhausen“" in message.body
    assert f"/mitmachen/{event.slug}/" in message.body
    assert "Fragen bitte an: Partnerschaftsverein, verein@stadt.example" in message.body
    assert event_log(event) == [
        "E-Mail „Abfahrt“ an 2 Adressen geschickt (mit bestätigtem Platz: 2)"
    ]


def test_mail_about_a_cancelled_event_reaches_the_waiting_list_and_held_places_too(
    leitung_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = SignUpEventFactory(event_status=Project.EventStatus.CANCELLED)
    SignUpFactory(event=event, email="platz@example.org")
    SignUpFactory(event=event, email="wartet@example.org", waiting=True)
    SignUpFactory(event=event, email="PLATZ@example.org", waiting=True)
    SignUpFactory(event=event, email="offen@example.org", state=SignUp.State.UNCONFIRMED)
    SignUpFactory(
        event=event,
        email="verfallen@example.org",
        state=SignUp.State.UNCONFIRMED,
        created_at=timezone.now() - timedelta(minutes=61),
    )
    SignUpFactory(event=event, email="weg@example.org", state=SignUp.State.CANCELLED)
    text = {
        "audience": ["bestaetigt", "warteliste", "unbestaetigt"],
        "subject": "Der Termin fällt aus",
        "body": "Leider müssen wir absagen.",
    }

    check = leitung_client.post(mail_url(event), text)

    assert [(str(label), count) for label, count in check.context["chosen"]] == [
        ("mit bestätigtem Platz", 1),
        ("auf der Warteliste", 2),
        ("noch nicht bestätigt, Platz freigehalten", 1),
    ]
    assert check.context["recipients"] == 3
    assert "An 3 Adressen senden" in check.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        leitung_client.post(mail_url(event), {**text, "senden": "1"})

    assert sorted(message.to[0] for message in mailoutbox) == [
        "offen@example.org",
        "platz@example.org",
        "wartet@example.org",
    ]
    assert event_log(event) == [
        "E-Mail „Der Termin fällt aus“ an 3 Adressen geschickt (mit bestätigtem Platz: 1, "
        "auf der Warteliste: 2, noch nicht bestätigt, Platz freigehalten: 1)"
    ]


def test_mail_to_the_waiting_list_only_leaves_out_the_confirmed_places(leitung_client):
    event = SignUpEventFactory()
    SignUpFactory(event=event, email="platz@example.org")
    SignUpFactory(event=event, email="wartet@example.org", waiting=True)
    text = {"audience": ["warteliste"], "subject": "Zweiter Bus", "body": "Es gibt mehr Plätze."}
    leitung_client.post(mail_url(event), {**text, "senden": "1"})
    assert list(Email.objects.values_list("to", flat=True)) == [["wartet@example.org"]]


def test_mail_without_a_chosen_group_is_a_form_error_and_sends_nothing(leitung_client):
    event = SignUpFactory().event
    response = leitung_client.post(mail_url(event), {"subject": "a", "body": "b", "senden": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["audience"] == [
        "Bitte mindestens eine Gruppe ankreuzen."
    ]
    assert not Email.objects.exists() and not LogEntry.objects.exists()


def test_mail_to_participants_can_go_back_to_the_text(leitung_client):
    event = SignUpFactory().event
    text = {"audience": "bestaetigt", "subject": "Abfahrt", "body": "7:30 Uhr", "aendern": "1"}
    response = leitung_client.post(mail_url(event), text)
    assert not response.context["confirming"]
    assert not Email.objects.exists()


def test_mail_without_subject_is_a_form_error_and_sends_nothing(leitung_client):
    event = SignUpFactory().event
    response = leitung_client.post(
        mail_url(event), {"audience": "bestaetigt", "subject": "", "body": "x", "senden": "1"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["subject"]
    assert not Email.objects.exists() and not LogEntry.objects.exists()


def test_mail_to_an_event_without_confirmed_participants_sends_nothing(leitung_client):
    event = SignUpEventFactory()
    SignUpFactory(event=event, waiting=True)
    response = leitung_client.post(
        mail_url(event), {"audience": "bestaetigt", "subject": "a", "body": "b", "senden": "1"}
    )
    assert response.status_code == 200
    assert "Es gibt niemanden" in response.content.decode()
    assert not Email.objects.exists() and not LogEntry.objects.exists()


# --- A person's sign-ups (Art. 15 and 17 DSGVO) ----------------------------------


@pytest.fixture
def person():
    """Two sign-ups of one address at two events, and someone else's."""
    first = SignUpFactory(name="Anna Beispiel", email="Anna@Example.org")
    second = SignUpFactory(name="Anna Beispiel", email="anna@example.org", waiting=True)
    other = SignUpFactory(name="Bernd", email="bernd@example.org", event=first.event)
    Email.objects.create(
        from_email="rathaus@example.org", to=["anna@example.org"], subject="Bestätigt", message="x"
    )
    Email.objects.create(
        from_email="rathaus@example.org",
        to=["bernd@example.org"],
        subject="Bestätigt",
        message="x",
    )
    return first, second, other


def test_person_page_finds_all_sign_ups_of_an_address_in_any_case(leitung_client, person):
    first, second, _other = person
    assert leitung_client.get(PERSON).status_code == 200
    response = leitung_client.post(PERSON, {"email": "ANNA@example.ORG", "aktion": "suchen"})
    assert response.status_code == 200
    assert {signup.pk for signup in response.context["signups"]} == {first.pk, second.pk}
    assert "Bernd" not in response.content.decode()
    log = all_log_text()
    assert "Nachgeschlagen nach Art. 15/17 DSGVO: 1 Anmeldung einer Person" in log
    assert "anna" not in log.lower()


def test_person_page_with_an_invalid_address_is_a_form_error(leitung_client):
    response = leitung_client.post(PERSON, {"email": "keine adresse", "aktion": "export"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_person_page_exports_everything_stored_as_json_and_logs_it(leitung_client, person):
    first, second, _other = person
    response = leitung_client.post(PERSON, {"email": "anna@example.org", "aktion": "export"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["E-Mail-Adresse"] == "anna@example.org"
    assert [signup["Termin"] for signup in data["Anmeldungen"]] == sorted(
        [first.event.title, second.event.title],
        key=lambda title: Project.objects.get(title=title).start_date,
    )
    assert {"Name", "E-Mail-Adresse", "Stand", "Warteliste", "Angemeldet am"} <= set(
        data["Anmeldungen"][0]
    )
    assert not {"key_hash", "id", "state", "email"} & set(data["Anmeldungen"][0])
    assert "Auskunft nach Art. 15 DSGVO: 1 Anmeldung einer Person" in event_log(first.event)
    assert "anna" not in all_log_text().lower()


def test_art_15_disclosure_speaks_german_in_local_time_for_a_citizen(leitung_client, settings):
    settings.SIGNUP_RETENTION_DAYS, settings.SECURITY_RECORDS_DAYS = 30, 90
    berlin = ZoneInfo("Europe/Berlin")
    event = SignUpEventFactory(
        title="Schüleraustausch Sheffield",
        start_date=date(2027, 3, 6),
        start_time=time(9, 0),
        for_minors=True,
        question="Welche Klasse besuchst du?",
    )
    SignUpFactory(
        event=event,
        name="Anna Beispiel",
        email="anna@example.org",
        participant_name="Mia Beispiel",
        age_group=SignUp.AgeGroup.FROM_12,
        diet=SignUp.Diet.VEGAN,
        answer="8b",
        waiting=True,
        created_at=datetime(2026, 11, 29, 21, 38, tzinfo=berlin),
        confirmed_at=datetime(2026, 7, 1, 8, 5, tzinfo=UTC),
    )
    sent = Email.objects.create(
        from_email="rathaus@example.org",
        to=["anna@example.org"],
        subject="Sie stehen auf der Warteliste: Schüleraustausch Sheffield",
        message="x",
        status=STATUS.sent,
    )
    Email.objects.filter(pk=sent.pk).update(created=datetime(2026, 7, 1, 8, 6, tzinfo=UTC))
    queued = Email.objects.create(
        from_email="rathaus@example.org",
        to=["anna@example.org"],
        subject="Abfahrt",
        message="x",
        status=STATUS.queued,
    )
    Email.objects.filter(pk=queued.pk).update(created=datetime(2026, 11, 29, 20, 30, tzinfo=UTC))

    with time_machine.travel(datetime(2026, 11, 29, 21, 40, tzinfo=berlin), tick=False):
        response = leitung_client.post(PERSON, {"email": "anna@example.org", "aktion": "export"})

    data = json.loads(response.content)
    site = SiteSettings.current().site_name
    assert data["Auskunft"] == (
        "Auskunft nach Art. 15 DSGVO über die gespeicherten Anmeldungen zu Terminen und die "
        "gespeicherten E-Mails an die Adresse anna@example.org, erstellt am 29.11.2026, "
        f"21:40 Uhr, von {site}."
    )
    assert data["Erstellt am"] == "29.11.2026, 21:40 Uhr"
    assert data["Speicherdauer"] == (
        "Die Angaben zu einer Anmeldung werden 30 Tage nach dem Termin gelöscht. "
        "Gespeicherte E-Mails werden 90 Tage nach dem Schreiben gelöscht."
    )
    (signup,) = data["Anmeldungen"]
    assert signup["Termin"] == "Schüleraustausch Sheffield"
    assert signup["Wann"] == "Samstag, 6. März 2027, 9:00 Uhr"
    assert signup["Stand"] == "bestätigt"
    assert signup["Warteliste"] == "ja"
    assert signup["Altersgruppe"] == "12 bis 15 Jahre"
    assert signup["Verpflegung"] == "vegan"
    assert signup["Name des Kindes oder Jugendlichen"] == "Mia Beispiel"
    # Summer time in Berlin: two hours ahead of UTC.
    assert signup["Bestätigt am"] == "01.07.2026, 10:05 Uhr"
    assert signup["Angemeldet am"] == "29.11.2026, 21:38 Uhr"
    assert signup["Abgesagt am"] is None
    keys = list(signup)
    assert keys.index("Eigene Frage des Termins") + 1 == keys.index("Antwort auf die eigene Frage")
    assert signup["Eigene Frage des Termins"] == "Welche Klasse besuchst du?"
    assert signup["Antwort auf die eigene Frage"] == "8b"
    assert data["Gespeicherte E-Mails an diese Adresse"] == [
        {
            "Betreff": "Sie stehen auf der Warteliste: Schüleraustausch Sheffield",
            "Erstellt am": "01.07.2026, 10:06 Uhr",
            "Stand": "verschickt",
        },
        {
            "Betreff": "Abfahrt",
            "Erstellt am": "29.11.2026, 21:30 Uhr",
            "Stand": "wartet auf den Versand",
        },
    ]


def test_person_page_deletes_only_after_the_second_step(leitung_client, person):
    _first, second, other = person
    step = leitung_client.post(PERSON, {"email": "anna@example.org", "aktion": "loeschen"})
    assert step.context["step"] == "loeschen"
    assert "2 Anmeldungen von anna@example.org werden endgültig gelöscht" in (
        step.content.decode()
    )
    assert SignUp.objects.count() == 3

    response = leitung_client.post(
        PERSON, {"email": "anna@example.org", "aktion": "endgueltig-loeschen"}
    )

    assert response.status_code == 302
    page = leitung_client.get(response["Location"]).content.decode()
    assert "Gelöscht: Anmeldungen 2, gespeicherte E-Mails an diese Adresse 1." in page
    assert list(SignUp.objects.all()) == [other]
    assert list(Email.objects.values_list("to", flat=True)) == [["bernd@example.org"]]
    assert "Löschung nach Art. 17 DSGVO: 1 Anmeldung einer Person" in event_log(second.event)
    assert "anna" not in all_log_text().lower()


def test_editor_cannot_reach_the_person_page(redakteur_client, person):
    assert redakteur_client.get(PERSON).status_code == 403
    response = redakteur_client.post(
        PERSON, {"email": "anna@example.org", "aktion": "endgueltig-loeschen"}
    )
    assert response.status_code == 403
    assert SignUp.objects.count() == 3


def test_deleting_a_persons_place_moves_the_first_on_the_waiting_list_up(leitung_client):
    event = SignUpEventFactory(capacity=1)
    SignUpFactory(event=event, email="anna@example.org")
    waiting = SignUpFactory(event=event, email="bernd@example.org", waiting=True)

    response = leitung_client.post(
        PERSON, {"email": "anna@example.org", "aktion": "endgueltig-loeschen"}, follow=True
    )

    assert "Von der Warteliste nachgerückt: 1." in response.content.decode()
    waiting.refresh_from_db()
    assert not waiting.waiting and waiting.moved_up_at
    (mail,) = Email.objects.filter(to=["bernd@example.org"])
    assert mail.subject.startswith("Sie sind nachgerückt")


def select_for_cancelling(client, *signups):
    """The list's action chosen for ``signups``: the page that asks before cancelling."""
    return client.post(
        SIGNUPS,
        {
            "action": "cancel_selected",
            "_selected_action": [signup.pk for signup in signups],
        },
    )


def cancel_action(client, *signups):
    """The action as staff run it: chosen, then confirmed with „Ja, absagen“ on the page."""
    page = select_for_cancelling(client, *signups)
    assert page.status_code == 200
    form = AdminForm(page.content.decode(), "cancel_signups_form")
    return client.post(SIGNUPS, form.data(), follow=True)


def test_cancel_action_asks_first_naming_each_person_and_event(leitung_client):
    anna = SignUpFactory(name="Anna Beispiel", event=SignUpEventFactory(title="Bürgerfahrt"))
    bernd = SignUpFactory(name="Bernd Muster", waiting=True)
    gone = SignUpFactory(state=SignUp.State.CANCELLED, cancelled_at=timezone.now())

    page = select_for_cancelling(leitung_client, anna, bernd, gone)

    assert page.status_code == 200
    assert [signup.pk for signup in page.context["signups"]] == sorted(
        [anna.pk, bernd.pk], key=lambda pk: SignUp.objects.get(pk=pk).event.start_date
    )
    html = page.content.decode()
    assert "Wollen Sie diese 2 Anmeldungen wirklich absagen?" in html
    assert "Anna Beispiel" in html and "Bürgerfahrt" in html and "Bernd Muster" in html
    assert "Eine weitere ausgewählte Anmeldung ist schon abgesagt" in html
    assert 'value="Ja, absagen"' in html
    # Nothing happens before the answer.
    assert SignUp.objects.filter(state=SignUp.State.CONFIRMED).count() == 2
    assert not Email.objects.exists() and not LogEntry.objects.exists()
    form = AdminForm(html, "cancel_signups_form").data()
    assert form["post"] == ["yes"] and form["action"] == ["cancel_selected"]
    assert sorted(form["_selected_action"]) == sorted([str(anna.pk), str(bernd.pk)])


def test_cancel_action_on_sign_ups_already_cancelled_says_so_and_does_nothing(leitung_client):
    gone = SignUpFactory(state=SignUp.State.CANCELLED, cancelled_at=timezone.now())
    response = leitung_client.post(
        SIGNUPS,
        {"action": "cancel_selected", "_selected_action": [gone.pk], "post": "yes"},
        follow=True,
    )
    assert "Die ausgewählten Anmeldungen sind schon abgesagt." in response.content.decode()
    assert not Email.objects.exists() and not LogEntry.objects.exists()


def test_lead_cancels_a_sign_up_by_phone_and_the_waiting_list_moves_up(leitung_client):
    event = SignUpEventFactory(capacity=1)
    anna = SignUpFactory(event=event, name="Anna Beispiel", email="anna@example.org")
    bernd = SignUpFactory(event=event, email="bernd@example.org", waiting=True)

    response = cancel_action(leitung_client, anna)

    assert "Abgesagt: 1. Von der Warteliste nachgerückt: 1." in response.content.decode()
    anna.refresh_from_db()
    bernd.refresh_from_db()
    assert anna.state == SignUp.State.CANCELLED and anna.cancelled_at
    assert not bernd.waiting
    subjects = {mail.to[0]: mail.subject for mail in Email.objects.all()}
    assert subjects["anna@example.org"].startswith("Ihre Anmeldung ist abgesagt")
    (mail,) = Email.objects.filter(to=["anna@example.org"])
    assert f"Ihre Anmeldung zu „{event.title}“ wurde von den Veranstaltenden\nabgesagt." in (
        mail.message
    )
    assert "wie Sie es uns mitgeteilt haben" not in mail.message
    assert "Wenn das ein Irrtum ist, wenden Sie sich bitte an die Stelle" in mail.message
    assert subjects["bernd@example.org"].startswith("Sie sind nachgerückt")
    assert "Abgesagt durch die Redaktion: 1 Anmeldung" in event_log(event)
    assert "Anna" not in all_log_text()


def test_editor_may_not_cancel_sign_ups(redakteur_client):
    signup = SignUpFactory()

    # Editors are offered no action at all.
    assert redakteur_client.get(SIGNUPS).context["action_form"] is None
    response = redakteur_client.post(
        SIGNUPS, {"action": "cancel_selected", "_selected_action": [signup.pk]}
    )

    # The admin ignores an action the user may not run.
    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.state == SignUp.State.CONFIRMED


def test_sign_ups_have_no_bulk_deletion(leitung_client):
    response = leitung_client.get(SIGNUPS)
    actions = [choice[0] for choice in response.context["action_form"].fields["action"].choices]
    assert actions == ["", "cancel_selected"]


def test_saving_an_event_unchanged_keeps_its_calendar_revision(admin_client):
    event = EventFactory(
        description="<p>Gastfamilien in Nordhausen, Besuch im Theater &amp; im Dom.</p>",
        place_address="Marktplatz 1\r\n99734 Nordhausen",
    )
    page = admin_client.get(change_url(event))
    response = admin_client.post(change_url(event), change_form(page).data(_save="Sichern"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 0

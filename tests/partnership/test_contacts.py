"""Contacts: the public card, consent to name a person, and the donation account."""

from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.urls import reverse

from partnership.models import Contact
from tests.admin_forms import change_form
from tests.conftest import logged_in, member_of
from tests.factories import ContactFactory, EventFactory, PartnershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db

IBAN = "DE13000000000000012345"
OTHER_IBAN = "DE28000000000000001987"


def change_url(contact):
    return reverse("admin:partnership_contact_change", args=[contact.pk])


def saved_contact(client, contact, **changes):
    """Opens the contact's change form, applies ``changes`` and posts it back."""
    url = change_url(contact)
    form = change_form(client.get(url))
    return client.post(url, form.data(_save="Sichern", **changes))


def form_errors(response):
    return str(response.context["adminform"].form.errors)


@pytest.fixture
def aid_contact(leitung_client):
    """A contact with a donation account and history, as the lead saved it."""
    contact = ContactFactory(name="Partnerschaftsverein Beispielstadt", role="Sammelstelle")
    response = saved_contact(
        leitung_client,
        contact,
        account_holder="Partnerschaftsverein Beispielstadt e. V.",
        iban=IBAN,
        donation_purpose="Hilfslieferung",
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    return contact


def test_card_shows_contact_on_partnership_city_and_event_pages(client):
    contact = ContactFactory(
        name="Partnerschaftsverein Beispielstadt",
        role="Anmeldung zur Bürgerreise",
        email="verein@stadt.example",
        phone="0234 000000-1",
        opening_hours="samstags 10 bis 13 Uhr",
    )
    partnership = PartnershipFactory(association=contact)
    contact.cities.add(partnership.partner_city)
    event = EventFactory(partnership=partnership, title="Bürgerreise", contact=contact)

    for url in [
        partnership.get_absolute_url(),
        partnership.partner_city.get_absolute_url(),
        event.get_absolute_url(),
    ]:
        html = client.get(url).content.decode()
        assert 'itemtype="https://schema.org/Organization"' in html, url
        assert 'itemtype="https://schema.org/ContactPoint"' in html, url
        # Readable and clickable as it is, with no script to decode it.
        assert '<a href="mailto:verein@stadt.example" itemprop="email">' in html, url
        assert 'href="tel:0234000000-1"' in html, url
        assert "samstags 10 bis 13 Uhr" in html, url


def test_events_and_projects_link_to_where_they_are_described(client):
    event = EventFactory(title="Bürgerreise")
    project = ProjectFactory(title="Schulpartnerschaft")

    participate = client.get("/mitmachen/").content.decode()
    city = client.get(project.partnership.partner_city.get_absolute_url()).content.decode()

    assert f'<a href="/mitmachen/{event.slug}/"' in participate
    assert f'<a href="{project.partnership.get_absolute_url()}#projekt-{project.pk}"' in city


def test_a_person_needs_a_recorded_consent(leitung_client):
    contact = ContactFactory()

    response = saved_contact(leitung_client, contact, person_name="Erika Beispiel")

    assert response.status_code == 200
    assert "Einwilligung" in form_errors(response)
    contact.refresh_from_db()
    assert contact.person_name == ""


def test_consent_records_who_entered_it_and_the_name_appears(client, leitung, leitung_client):
    contact = ContactFactory()
    PartnershipFactory(association=contact)

    response = saved_contact(
        leitung_client, contact, person_name="Erika Beispiel", consent_on="01.03.2026"
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.consent_on == date(2026, 3, 1)
    assert contact.consent_recorded_by == leitung
    page = contact.associated_partnerships.get().get_absolute_url()
    assert "Erika Beispiel" in client.get(page).content.decode()


def test_withdrawing_consent_hides_the_name_at_once_even_from_the_page_cache(
    client, settings, redakteur_client, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    cache.clear()
    contact = ContactFactory(person_name="Erika Beispiel", consent_on=date(2026, 3, 1))
    page = PartnershipFactory(association=contact).get_absolute_url()
    assert "Erika Beispiel" in client.get(page).content.decode()
    assert client.get(page)["X-Page-Cache"] == "hit"

    # Any editor may do it: it must not wait for review.
    with django_capture_on_commit_callbacks(execute=True):
        response = saved_contact(redakteur_client, contact, consent_withdrawn_on="02.03.2026")

    assert response.status_code == 302
    html = client.get(page).content.decode()
    assert "Erika Beispiel" not in html
    assert "Partnerschaftsverein" in html  # the association itself stays
    cache.clear()


def test_invalid_iban_is_a_form_error_and_changes_nothing(leitung_client, aid_contact):
    # One digit off: the check digits no longer match.
    response = saved_contact(leitung_client, aid_contact, iban="DE13000000000000012346")

    assert response.status_code == 200
    assert "iban" in response.context["adminform"].form.errors
    aid_contact.refresh_from_db()
    assert aid_contact.iban == IBAN


def test_an_iban_needs_its_holder(leitung_client):
    contact = ContactFactory()

    response = saved_contact(leitung_client, contact, iban=IBAN)

    assert response.status_code == 200
    assert "Kontoinhaber" in form_errors(response)


def test_iban_is_shown_in_groups_beside_its_holder(client, aid_contact):
    event = EventFactory(contact=aid_contact)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Partnerschaftsverein Beispielstadt e. V." in html
    assert "DE13 0000 0000 0000 0123 45" in html


def test_editor_cannot_change_the_donation_account(redakteur_client, aid_contact):
    url = change_url(aid_contact)
    form = change_form(redakteur_client.get(url))
    assert "iban" not in dict(form.fields)

    # The rest of the contact stays theirs to correct.
    response = redakteur_client.post(url, form.data(_save="Sichern", phone="0234 000000-9"))
    assert response.status_code == 302
    forged = redakteur_client.post(url, form.data(_save="Sichern", iban=OTHER_IBAN))
    assert forged.status_code == 403

    aid_contact.refresh_from_db()
    assert aid_contact.phone == "0234 000000-9"
    assert aid_contact.iban == IBAN


def test_lead_changing_the_account_is_logged_and_mailed_to_every_lead(
    leitung, leitung_client, aid_contact, mailoutbox, django_capture_on_commit_callbacks
):
    other_lead = member_of("Redaktionsleitung", "zweite-leitung")
    member_of("Redaktion", "redaktion")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = saved_contact(leitung_client, aid_contact, iban=OTHER_IBAN)

    assert response.status_code == 302
    messages = [
        (entry.user, entry.get_change_message())
        for entry in LogEntry.objects.filter(object_id=str(aid_contact.pk))
    ]
    assert (leitung, "Spendenkonto geändert: IBAN") in messages
    # The one who changed it hears of it too: a misused account is noticed.
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([leitung.email, other_lead.email])
    assert IBAN in mailoutbox[0].body and OTHER_IBAN in mailoutbox[0].body


def test_saving_other_fields_sends_no_account_mail(leitung_client, aid_contact, mailoutbox):
    mailoutbox.clear()

    response = saved_contact(leitung_client, aid_contact, phone="0234 000000-2")

    assert response.status_code == 302
    assert mailoutbox == []


def test_comparison_marks_the_changed_account(leitung_client, aid_contact):
    saved_contact(leitung_client, aid_contact, iban=OTHER_IBAN)
    url = reverse("admin:partnership_contact_compare", args=[aid_contact.pk])

    html = leitung_client.get(url).content.decode()

    assert 'class="revision-sensitive"' in html
    assert "bitte besonders prüfen" in html


def test_comparison_of_other_fields_is_not_marked(leitung_client, aid_contact):
    saved_contact(leitung_client, aid_contact, phone="0234 000000-2")
    url = reverse("admin:partnership_contact_compare", args=[aid_contact.pk])

    html = leitung_client.get(url).content.decode()

    assert "0234 000000-2" in html
    assert "revision-sensitive" not in html


def test_contact_form_saves_unchanged_for_editor_and_lead(redakteur, leitung, aid_contact):
    aid_contact.cities.add(PartnershipFactory().partner_city)
    for user in (redakteur, leitung):
        response = saved_contact(logged_in(user), aid_contact)
        assert response.status_code == 302, user
    assert Contact.objects.get().iban == IBAN


def test_translation_overview_lists_contacts(admin_client):
    contact = ContactFactory(role="Sammelstelle")

    response = admin_client.get(reverse("admin:translations"), {"inhalt": "contact"})

    rows = response.context["rows"]
    assert (contact, "Englisch", "fehlt") in {
        (row["object"], row["language"], str(row["state"])) for row in rows
    }

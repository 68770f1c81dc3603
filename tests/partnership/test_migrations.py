"""Contacts and date precisions arrive without losing what was entered before."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.dates import DatePrecision
from partnership.models import (
    Contact,
    Partnership,
    Project,
    StatusChange,
    validate_event_slug,
)
from tests.test_migrations import latest, migrate

BEFORE_CONTACTS = [("partnership", "0010_search_vector_per_language")]


def fill_before_contacts(apps):
    city = apps.get_model("cities", "City")
    home = city.objects.create(name="Bochum", slug="bochum", country="DE", is_home=True)
    partner = city.objects.create(name="Donezk", slug="donezk", country="UA")
    partnership = apps.get_model("partnership", "Partnership").objects.create(
        home_city=home,
        partner_city=partner,
        slug="donezk",
        established_year=1987,
        association_name="Partnerschaftsverein Bochum–Donezk",
        association_website="https://verein.example",
        association_contact="Sprechstunde dienstags\nverein@bochum.example",
    )
    project = apps.get_model("partnership", "Project")
    for title in ["Sammelaktion", "Bürgerreise"]:
        project.objects.create(
            partnership=partnership,
            # As the translated model wrote them: German in both columns.
            title=title,
            title_de=title,
            kind="hilfe",
            start_date=date(2026, 12, 1),
            contact_name="Büro für Städtepartnerschaften",
            contact_email="partnerschaften@bochum.example",
        )
    project.objects.create(
        partnership=partnership,
        title="Ohne Kontakt",
        title_de="Ohne Kontakt",
        kind="hilfe",
        start_date=date(2026, 12, 1),
    )
    change = apps.get_model("partnership", "StatusChange")
    change.objects.create(partnership=partnership, date=date(1987, 1, 1), status="aktiv")
    change.objects.create(partnership=partnership, date=date(2014, 6, 15), status="ausgesetzt")


@pytest.mark.django_db(transaction=True)
def test_associations_and_project_contacts_become_contacts_and_years_stay_years():
    after = latest()
    try:
        fill_before_contacts(migrate(BEFORE_CONTACTS))

        migrate(after)

        association = Partnership.objects.get().association
        assert (association.name, association.website) == (
            "Partnerschaftsverein Bochum–Donezk",
            "https://verein.example",
        )
        # The free text was public and stays so, for staff to sort.
        assert association.address == "Sprechstunde dienstags\nverein@bochum.example"
        office = Project.objects.get(title="Sammelaktion").contact
        assert Project.objects.get(title="Bürgerreise").contact == office
        assert (office.name, office.email) == (
            "Büro für Städtepartnerschaften",
            "partnerschaften@bochum.example",
        )
        assert Project.objects.get(title="Ohne Kontakt").contact is None
        assert Contact.objects.count() == 2
        assert [(c.date, c.date_precision) for c in StatusChange.objects.order_by("date")] == [
            (date(1987, 1, 1), DatePrecision.YEAR),
            (date(2014, 6, 15), DatePrecision.DAY),
        ]
    finally:
        migrate(after)


BEFORE_EVENTS = [("partnership", "0013_events")]


def fill_before_events(apps, today):
    city = apps.get_model("cities", "City")
    home = city.objects.create(name="Bochum", slug="bochum", country="DE", is_home=True)
    partner = city.objects.create(name="Nordhausen", slug="nordhausen", country="DE")
    partnership = apps.get_model("partnership", "Partnership").objects.create(
        home_city=home, partner_city=partner, slug="nordhausen", established_year=1990
    )
    project = apps.get_model("partnership", "Project")
    for title, start in [
        ("Bürgerfahrt", today + timedelta(days=1)),
        ("Bürgerfahrt", today + timedelta(days=40)),
        # Titles that would take the words and years of the event pages.
        ("Archiv", today + timedelta(days=2)),
        ("2027", today + timedelta(days=3)),
        ("Stadtfest", today),
        ("Delegationsreise", today - timedelta(days=1)),
    ]:
        project.objects.create(
            partnership=partnership, title=title, title_de=title, kind="kultur", start_date=start
        )


@pytest.mark.django_db(transaction=True)
def test_projects_starting_after_today_become_events_with_free_unique_addresses():
    after = latest()
    try:
        fill_before_events(migrate(BEFORE_EVENTS), timezone.localdate())

        migrate(after)

        projects = list(Project.objects.order_by("pk"))
        assert [(p.title, p.slug, p.is_event) for p in projects] == [
            ("Bürgerfahrt", "buergerfahrt", True),
            ("Bürgerfahrt", "buergerfahrt-2", True),
            ("Archiv", "archiv-2", True),
            ("2027", "2027-2", True),
            # Started today or before: a project, as it was.
            ("Stadtfest", "stadtfest", False),
            ("Delegationsreise", "delegationsreise", False),
        ]
        assert len({p.uid for p in projects}) == len(projects)
        assert None not in {p.uid for p in projects}
        for project in projects:
            validate_event_slug(project.slug)  # none the event pages use, in any language
    finally:
        migrate(after)

"""
The calendar files: every file is parsed back with icalendar and checked for
what RFC 5545 requires and what subscribers' calendars need to follow edits.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar

from partnership.models import Project
from tests.factories import (
    CityFactory,
    ContactFactory,
    EventFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
FEED = "/mitmachen/kalender.ics"


def soon(days=30):
    return timezone.localdate() + timedelta(days=days)


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def events_of(client, path):
    """The VEVENTs of the file at ``path``, by SUMMARY."""
    return {str(event["SUMMARY"]): event for event in fetch(client, path)[1].events}


def single(client, project):
    (event,) = fetch(client, f"/mitmachen/{project.slug}.ics")[1].events
    return event


# The file as a whole


def test_the_feed_has_the_properties_rfc_5545_requires_and_subscribers_use(client):
    EventFactory(title="Bürgerfahrt", start_time=time(7, 30))
    EventFactory(title="Sammelaktion")

    response, calendar = fetch(client, FEED)

    assert response["Content-Disposition"] == 'inline; filename="kalender.ics"'
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"].startswith("-//Städtepartnerschaften//")
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Städtepartnerschaften – Mitmachen"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"] == "PT1H"
    assert sorted(str(event["SUMMARY"]) for event in calendar.events) == [
        "Bürgerfahrt",
        "Sammelaktion",
    ]
    for event in calendar.events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "URL", "STATUS"):
            assert required in event, required


def test_one_event_is_a_file_to_open_with_its_own_name_and_no_feed_settings(client):
    project = EventFactory(title="Bürgerfahrt", slug="buergerfahrt")

    response, calendar = fetch(client, "/mitmachen/buergerfahrt.ics")

    assert response["Content-Disposition"] == 'attachment; filename="buergerfahrt.ics"'
    assert "X-WR-CALNAME" not in calendar
    assert "REFRESH-INTERVAL" not in calendar
    (event,) = calendar.events
    assert event["URL"] == f"http://testserver/mitmachen/{project.slug}/"


def test_a_timed_event_carries_the_rules_of_german_time(client):
    project = EventFactory(start_date=date(2027, 3, 27), start_time=time(19), end_time=time(21))

    calendar = fetch(client, f"/mitmachen/{project.slug}.ics")[1]

    assert [zone["TZID"] for zone in calendar.timezones] == ["Europe/Berlin"]
    assert "COMMENT" not in calendar.timezones[0]
    (event,) = calendar.events
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTSTART"].dt == datetime(2027, 3, 27, 19, tzinfo=BERLIN)
    assert event["DTEND"].dt == datetime(2027, 3, 27, 21, tzinfo=BERLIN)
    # The day before summer time begins: read back with the file's own zone,
    # 19:00 in Berlin is 18:00 UTC.
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=1)


def test_an_all_day_event_ends_the_day_after_its_last_day_and_needs_no_time_zone(client):
    project = EventFactory(start_date=date(2027, 5, 14), end_date=date(2027, 5, 16))

    calendar = fetch(client, f"/mitmachen/{project.slug}.ics")[1]

    assert calendar.timezones == []
    (event,) = calendar.events
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event["DTSTART"].dt == date(2027, 5, 14)
    # DTEND is exclusive: the 16th is the last day of the event.
    assert event["DTEND"].dt == date(2027, 5, 17)


def test_a_one_day_all_day_event_takes_one_day(client):
    event = single(client, EventFactory(start_date=date(2027, 5, 14)))

    assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2027, 5, 14), date(2027, 5, 15))


def test_a_timed_event_over_several_days_runs_from_the_first_start_to_the_last_end(client):
    event = single(
        client,
        EventFactory(
            start_date=date(2027, 10, 29),
            end_date=date(2027, 11, 1),
            start_time=time(7, 30),
            end_time=time(22),
        ),
    )

    assert event["DTSTART"].dt == datetime(2027, 10, 29, 7, 30, tzinfo=BERLIN)
    # Summer time ended in between: the end is in winter time.
    assert event["DTEND"].dt == datetime(2027, 11, 1, 22, tzinfo=BERLIN)
    assert event["DTEND"].dt.utcoffset() == timedelta(hours=1)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=2)


def test_a_timed_event_over_several_days_without_an_end_time_lasts_to_the_end_of_its_last_day(
    client,
):
    event = single(
        client,
        EventFactory(start_date=date(2027, 6, 4), end_date=date(2027, 6, 6), start_time=time(8)),
    )

    assert event["DTEND"].dt == datetime(2027, 6, 7, 0, 0, tzinfo=BERLIN)


def test_a_start_time_without_an_end_is_a_moment(client):
    event = single(client, EventFactory(start_date=date(2027, 6, 4), start_time=time(8)))

    assert event["DTSTART"].dt == datetime(2027, 6, 4, 8, tzinfo=BERLIN)
    assert "DTEND" not in event


# What an event says


def test_place_address_coordinates_and_page_are_in_the_event(client, settings):
    settings.SITE_URL = "https://partnerschaften.example.org"
    project = EventFactory(
        place_name="Rathaus",
        place_address="Marktplatz 1\n99734 Nordhausen",
        latitude=Decimal("51.50512"),
        longitude=Decimal("10.79128"),
    )

    event = single(client, project)

    assert event["LOCATION"] == "Rathaus, Marktplatz 1, 99734 Nordhausen"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (51.50512, 10.79128)
    assert event["URL"] == f"https://partnerschaften.example.org/mitmachen/{project.slug}/"
    assert event["UID"] == str(project.uid)
    assert "STATUS" in event and event["STATUS"] == "CONFIRMED"


def test_an_online_event_says_online_and_has_no_coordinates(client):
    event = single(client, EventFactory(place_name="", place_address="", online=True))

    assert event["LOCATION"] == "online"
    assert "GEO" not in event


def test_the_description_is_plain_text_with_costs_audience_and_the_page(client):
    project = EventFactory(
        description=(
            "<p>Ein Wochenende in der <strong>Partnerstadt</strong>.</p>"
            "<ul><li>Stadtführung</li><li>Theater &amp; Konzert</li></ul>"
        ),
        fee=Decimal("45"),
        fee_note="ermäßigt 25 Euro",
        audience="Erwachsene",
        bring="Personalausweis",
    )

    text = str(single(client, project)["DESCRIPTION"])

    assert text == (
        "Ein Wochenende in der Partnerstadt.\nStadtführung\nTheater & Konzert\n\n"
        "Kosten: 45,00 Euro (ermäßigt 25 Euro)\n\n"
        "Für wen: Erwachsene\n\n"
        "Bitte mitbringen: Personalausweis\n\n"
        f"Mehr dazu: http://testserver/mitmachen/{project.slug}/"
    )


def test_the_contact_with_an_address_is_the_organizer(client):
    contact = ContactFactory(name="Büro für Städtepartnerschaften", email="buero@example.org")

    event = single(client, EventFactory(contact=contact))

    assert event["ORGANIZER"] == "mailto:buero@example.org"
    assert event["ORGANIZER"].params["CN"] == "Büro für Städtepartnerschaften"


def test_a_cancelled_event_stays_in_the_feed_and_says_so(client):
    EventFactory(title="Sammelaktion", event_status=Project.EventStatus.CANCELLED)

    event = events_of(client, FEED)["Abgesagt: Sammelaktion"]

    assert event["STATUS"] == "CANCELLED"
    assert str(event["DESCRIPTION"]).startswith("Dieser Termin ist abgesagt.")


def test_a_moved_event_says_it_is_moved_and_from_when(client):
    EventFactory(
        title="Bürgerfahrt",
        start_date=date(2027, 6, 4),
        original_start_date=date(2027, 5, 7),
        event_status=Project.EventStatus.MOVED,
    )

    event = events_of(client, FEED)["Verschoben: Bürgerfahrt"]

    assert event["STATUS"] == "CONFIRMED"
    assert event["DTSTART"].dt == date(2027, 6, 4)
    assert str(event["DESCRIPTION"]).startswith(
        "Dieser Termin ist verschoben. Ursprünglich angekündigt war der 7. Mai 2027."
    )


# Edits, as a subscribed calendar sees them


def test_the_uid_stays_and_the_sequence_grows_when_the_title_changes(client):
    project = EventFactory(title="Bürgerfahrt")
    before = single(client, project)

    project.title = "Bürgerfahrt nach Nordhausen"
    project.save()
    after = single(client, project)

    assert after["UID"] == before["UID"]
    assert before["SEQUENCE"] == 0
    assert after["SEQUENCE"] == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", soon(31)),
        ("end_date", soon(32)),
        ("start_time", time(9)),
        ("place_name", "Theater"),
        ("online", True),
        ("event_status", Project.EventStatus.CANCELLED),
    ],
)
def test_the_sequence_grows_with_each_change_subscribers_see(client, field, value):
    project = EventFactory(start_date=soon(30))
    setattr(project, field, value)
    project.save()
    project.title += " (neu)"
    project.save()

    assert single(client, project)["SEQUENCE"] == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [("fee_note", "kostenlos"), ("capacity", 20), ("audience", "alle"), ("signup_enabled", True)],
)
def test_the_sequence_stays_when_something_the_calendar_does_not_show_changes(
    client, field, value
):
    project = EventFactory()
    setattr(project, field, value)
    project.save()
    project.save()

    event = single(client, project)
    assert event["SEQUENCE"] == 0
    assert event["UID"] == str(project.uid)


def test_last_modified_is_the_time_of_the_last_save(client):
    with time_machine.travel(datetime(2026, 3, 1, 10, 0, tzinfo=BERLIN), tick=False):
        project = EventFactory(start_date=date(2026, 6, 1))
    assert single(client, project)["LAST-MODIFIED"].dt == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    with time_machine.travel(datetime(2026, 3, 2, 12, 30, tzinfo=BERLIN), tick=False):
        project.audience = "alle"
        project.save()
    assert single(client, project)["LAST-MODIFIED"].dt == datetime(2026, 3, 2, 11, 30, tzinfo=UTC)


def test_the_sequence_stays_when_the_editor_sends_the_same_text_in_other_markup(client):
    project = EventFactory(description="<p>Fahrt nach Nordhausen.</p>")
    # CKEditor sends entities and Windows line ends; the stored text is cleaned.
    project.description = "<p>Fahrt nach Nordhausen.</p>\r\n"
    project.save()
    project.description = "<p>Fahrt nach Nordhausen.</p>"
    project.save()
    assert single(client, project)["SEQUENCE"] == 0


def test_an_address_typed_in_the_admin_is_one_line_in_the_location(client):
    project = EventFactory(place_name="Rathaus", place_address="Marktplatz 1\r\n99734 Nordhausen")
    assert str(single(client, project)["LOCATION"]) == "Rathaus, Marktplatz 1, 99734 Nordhausen"


# What the feeds contain


def test_drafts_projects_and_events_of_unpublished_partnerships_or_cities_are_not_in_feeds(
    client,
):
    partnership = PartnershipFactory()
    EventFactory(title="Öffentlich", partnership=partnership)
    EventFactory(title="Entwurf", partnership=partnership, published=False)
    ProjectFactory(title="Projekt ohne Termin", partnership=partnership)
    EventFactory(title="Partnerschaft im Entwurf", partnership__published=False)
    EventFactory(title="Stadt im Entwurf", partnership__partner_city__published=False)

    assert set(events_of(client, FEED)) == {"Öffentlich"}
    assert set(
        events_of(client, f"/mitmachen/kalender/partnerschaften/{partnership.slug}.ics")
    ) == {"Öffentlich"}
    assert set(
        events_of(client, f"/mitmachen/kalender/staedte/{partnership.home_city.slug}.ics")
    ) == {"Öffentlich"}


def test_past_events_stay_in_the_feed_for_a_year(client):
    today = timezone.localdate()
    EventFactory(title="Vor elf Monaten", start_date=today - timedelta(days=330))
    EventFactory(
        title="Bis vor elf Monaten",
        start_date=today - timedelta(days=400),
        end_date=today - timedelta(days=330),
    )
    EventFactory(title="Vor zwei Jahren", start_date=today - timedelta(days=730))

    assert set(events_of(client, FEED)) == {"Vor elf Monaten", "Bis vor elf Monaten"}


def test_an_old_event_can_still_be_added_on_its_own(client):
    project = EventFactory(start_date=timezone.localdate() - timedelta(days=730))

    assert single(client, project)["SUMMARY"] == project.title


def test_a_partnerships_feed_has_its_events_only(client):
    nordhausen = PartnershipFactory(partner_city__name="Nordhausen")
    EventFactory(title="Bürgerfahrt", partnership=nordhausen)
    EventFactory(title="Schüleraustausch")

    response, calendar = fetch(
        client, f"/mitmachen/kalender/partnerschaften/{nordhausen.slug}.ics"
    )

    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Bürgerfahrt"]
    assert calendar["X-WR-CALNAME"] == "Städtepartnerschaften – Termine: Heimatstadt – Nordhausen"
    assert response["Content-Disposition"] == f'inline; filename="{nordhausen.slug}.ics"'


def test_a_partner_citys_feed_has_its_partnerships_events_and_the_home_citys_all(client):
    home = HomeCityFactory()
    nordhausen = CityFactory(name="Nordhausen", slug="nordhausen")
    EventFactory(title="Bürgerfahrt", partnership__partner_city=nordhausen)
    EventFactory(title="Schüleraustausch")

    assert set(events_of(client, "/mitmachen/kalender/staedte/nordhausen.ics")) == {"Bürgerfahrt"}
    assert set(events_of(client, f"/mitmachen/kalender/staedte/{home.slug}.ics")) == {
        "Bürgerfahrt",
        "Schüleraustausch",
    }


def test_a_feed_without_events_is_a_valid_empty_calendar(client):
    calendar = fetch(client, FEED)[1]

    assert calendar.events == []
    assert calendar["VERSION"] == "2.0"


@pytest.mark.parametrize(
    "path",
    [
        "/mitmachen/gibt-es-nicht.ics",
        "/mitmachen/kalender/partnerschaften/gibt-es-nicht.ics",
        "/mitmachen/kalender/staedte/gibt-es-nicht.ics",
    ],
)
def test_unknown_addresses_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_unpublished_events_partnerships_and_cities_are_not_found(client):
    draft = EventFactory(published=False)
    project = ProjectFactory(slug="kein-termin")
    hidden = PartnershipFactory(published=False, partner_city__slug="verborgen")

    assert client.get(f"/mitmachen/{draft.slug}.ics").status_code == 404
    assert client.get(f"/mitmachen/{project.slug}.ics").status_code == 404
    assert client.get(f"/mitmachen/kalender/partnerschaften/{hidden.slug}.ics").status_code == 404
    hidden.partner_city.published = False
    hidden.partner_city.save()
    assert client.get("/mitmachen/kalender/staedte/verborgen.ics").status_code == 404


def test_calendars_are_read_only_and_answer_head_requests(client):
    project = EventFactory()

    assert client.post(f"/mitmachen/{project.slug}.ics").status_code == 405
    assert client.post(FEED).status_code == 405
    # Some calendar clients ask with HEAD before they download.
    assert client.head(FEED).status_code == 200


# Languages


def test_the_english_feed_is_in_english_with_english_addresses_and_the_same_uids(client):
    project = EventFactory(title="Bürgerfahrt", title_en="Residents’ trip")
    EventFactory(title="Sammelaktion")
    (german,) = [
        event for event in fetch(client, FEED)[1].events if event["SUMMARY"] == "Bürgerfahrt"
    ]

    english = events_of(client, "/en/get-involved/calendar.ics")

    # Not yet translated, the other event falls back to German as its page does.
    assert set(english) == {"Residents’ trip", "Sammelaktion"}
    event = english["Residents’ trip"]
    assert event["URL"] == f"http://testserver/en/get-involved/{project.slug}/"
    assert str(event["DESCRIPTION"]).endswith(f"http://testserver/en/get-involved/{project.slug}/")
    assert event["UID"] == german["UID"]


def test_the_english_feed_of_a_partnership_is_found_by_its_english_address(client):
    partnership = PartnershipFactory()
    EventFactory(title="Bürgerfahrt", partnership=partnership)

    calendar = fetch(client, f"/en/get-involved/calendar/partnerships/{partnership.slug}.ics")[1]

    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Bürgerfahrt"]


# Each file: the partnership or city (where there is one) and the events
# with their contacts in one join; the site's name comes from this process's
# copy of the site state.
@pytest.mark.parametrize(
    ("path", "queries"),
    [
        (FEED, 1),
        ("/mitmachen/kalender/partnerschaften/{partnership}.ics", 2),
        ("/mitmachen/kalender/staedte/{city}.ics", 2),
        ("/mitmachen/{event}.ics", 1),
    ],
)
@pytest.mark.parametrize("events", [1, 4])
def test_a_calendar_costs_the_same_queries_however_many_events_it_has(
    client, django_assert_num_queries, path, queries, events
):
    partnership = PartnershipFactory()
    contact = ContactFactory(email="buero@example.org")
    projects = EventFactory.create_batch(events, partnership=partnership, contact=contact)
    path = path.format(
        partnership=partnership.slug,
        city=partnership.partner_city.slug,
        event=projects[0].slug,
    )

    with django_assert_num_queries(queries):
        client.get(path)


def test_the_page_cache_keeps_the_file_name(client, settings):
    settings.PAGE_CACHE = True
    cache.clear()
    project = EventFactory()
    try:
        client.get(f"/mitmachen/{project.slug}.ics")
        hit = client.get(f"/mitmachen/{project.slug}.ics")
    finally:
        cache.clear()

    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Type"] == "text/calendar; charset=utf-8"
    assert hit["Content-Disposition"] == f'attachment; filename="{project.slug}.ics"'

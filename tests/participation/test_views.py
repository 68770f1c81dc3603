import json
import re
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from partnership.models import Project
from partnership.participation.models import HOLD, SignUp
from tests.factories import (
    CityFactory,
    ContactFactory,
    CooperationAreaFactory,
    EventFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
    SignUpEventFactory,
    SignUpFactory,
)

pytestmark = pytest.mark.django_db


def days(count):
    return timezone.localdate() + timedelta(days=count)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld(html, kind):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    (data,) = [data for data in map(json.loads, blocks) if data["@type"] == kind]
    return data


# --- The list of upcoming events ---------------------------------------------


def test_list_shows_upcoming_published_events_soonest_first(client):
    EventFactory(title="Später", start_date=days(20))
    EventFactory(title="Bald", start_date=days(2))
    EventFactory(title="Vorbei", start_date=days(-2))
    EventFactory(title="Entwurf", start_date=days(3), published=False)
    EventFactory(title="Partnerschaft im Entwurf", partnership__published=False)
    ProjectFactory(title="Langes Projekt", start_date=days(5))

    html = page(client, "/mitmachen/")

    assert html.index("Bald") < html.index("Später")
    for hidden in ("Vorbei", "Entwurf", "Partnerschaft im Entwurf", "Langes Projekt"):
        assert hidden not in html


def test_list_links_each_event_to_its_page_and_names_place_and_city(client):
    event = EventFactory(
        title="Bürgerfahrt",
        place_name="Rathaus Nordhausen",
        partnership__partner_city__name="Nordhausen",
    )
    EventFactory(title="Online-Treffen", online=True, place_name="", place_address="")

    html = page(client, "/mitmachen/")

    assert f'<a href="/mitmachen/{event.slug}/" lang="de">Bürgerfahrt</a>' in html
    assert "Rathaus Nordhausen" in html and "Nordhausen" in html
    assert "online" in html


def test_list_marks_cancelled_moved_and_open_events(client):
    EventFactory(title="Abgesagt", event_status=Project.EventStatus.CANCELLED)
    EventFactory(
        title="Verschoben",
        start_date=date(2099, 5, 9),
        event_status=Project.EventStatus.MOVED,
        original_start_date=date(2099, 5, 2),
    )
    SignUpEventFactory(title="Offen")

    html = page(client, "/mitmachen/")

    assert "<strong>abgesagt</strong>" in html
    assert "verschoben auf 9. Mai 2099" in html
    assert "ursprünglich 2. Mai 2099" in html
    assert html.count("Anmeldung offen") == 1


def test_sign_up_is_not_announced_once_the_deadline_passed_or_the_event_is_cancelled(client):
    SignUpEventFactory(signup_deadline=timezone.now() - timedelta(hours=1))
    SignUpEventFactory(event_status=Project.EventStatus.CANCELLED)

    assert "Anmeldung offen" not in page(client, "/mitmachen/")


def test_the_list_and_the_form_agree_on_the_day_an_all_day_event_begins(client):
    # Without a deadline the form closes on the event's first morning; the list follows it.
    event = SignUpEventFactory(start_date=timezone.localdate())

    assert "Anmeldung offen" not in page(client, "/mitmachen/")
    assert "signup-form" not in page(client, event.get_absolute_url())


def test_list_says_ausgebucht_once_the_places_are_taken(client):
    open_event = SignUpEventFactory(title="Eine frei", capacity=4)
    SignUpFactory(event=open_event, party_size=3)
    # Neither the waiting list nor an unconfirmed sign-up past its hour holds a place.
    SignUpFactory(event=open_event, waiting=True, party_size=2)
    SignUpFactory(
        event=open_event,
        state=SignUp.State.UNCONFIRMED,
        confirmed_at=None,
        created_at=timezone.now() - HOLD - timedelta(minutes=1),
    )
    with_waiting_list = SignUpEventFactory(title="Voll mit Warteliste", waiting_list=True)
    SignUpFactory(event=with_waiting_list, party_size=9)
    SignUpFactory(
        event=with_waiting_list, state=SignUp.State.UNCONFIRMED, confirmed_at=None
    )  # inside its hour: it holds the last place
    without = SignUpEventFactory(title="Voll ohne Warteliste", waiting_list=False)
    SignUpFactory(event=without, party_size=10)

    html = page(client, "/mitmachen/")

    def mark(title):
        item = html.split(title)[1].split("</li>")[0]
        return re.search(r'class="event-mark event-mark--\w+">([^<]+)<', item)[1]

    assert mark("Eine frei") == "Anmeldung offen"
    assert mark("Voll mit Warteliste") == "Ausgebucht – Warteliste offen"
    assert mark("Voll ohne Warteliste") == "Ausgebucht"


def test_home_city_and_partnership_pages_say_ausgebucht_too(client):
    home = HomeCityFactory()
    partnership = PartnershipFactory(home_city=home)
    event = SignUpEventFactory(partnership=partnership, waiting_list=False)
    SignUpFactory(event=event, party_size=10)

    for url in ("/", partnership.get_absolute_url(), partnership.partner_city.get_absolute_url()):
        html = page(client, url)
        assert event.title in html, url
        assert "Ausgebucht" in html and "Anmeldung offen" not in html, url


def test_list_query_count_with_sign_ups(client, django_assert_num_queries):
    for event in SignUpEventFactory.create_batch(3):
        SignUpFactory.create_batch(2, event=event)
    # The places taken are a subquery of the one query of the list.
    with django_assert_num_queries(1):
        client.get("/mitmachen/")


def test_list_links_to_the_archive_and_the_calendar_with_how_to_subscribe(client):
    html = page(client, "/mitmachen/")

    assert 'href="/mitmachen/archiv/"' in html
    assert 'href="/mitmachen/kalender.ics"' in html
    assert "Abonnement" in html


def test_list_query_count(client, django_assert_num_queries):
    EventFactory.create_batch(3, cooperation_area=CooperationAreaFactory())
    # The events joined with partnership, both cities and area: one query however many.
    with django_assert_num_queries(1):
        client.get("/mitmachen/")


# --- Dates and times ---------------------------------------------------------


def test_all_day_event_shows_its_day_without_a_time(client):
    event = EventFactory(start_date=date(2099, 3, 14))

    html = page(client, event.get_absolute_url())

    assert '<time datetime="2099-03-14">14. März 2099</time>' in html
    assert "ganztägig" in html
    assert "Uhr" not in html.split('class="fact-box"')[1].split("</dl>")[0]


def test_timed_event_shows_german_time_with_its_offset(client):
    event = EventFactory(
        start_date=date(2099, 3, 14), start_time=time(18, 0), end_time=time(20, 30)
    )

    html = page(client, event.get_absolute_url())

    assert '<time datetime="2099-03-14T18:00+01:00">14. März 2099, 18:00 Uhr</time>' in html
    assert re.search(r'<time datetime="2099-03-14T20:30\+01:00">\s*20:30 Uhr\s*</time>', html)
    assert "ganztägig" not in html


def test_event_over_several_days_shows_first_and_last_day(client):
    event = EventFactory(start_date=date(2099, 7, 30), end_date=date(2099, 8, 2))

    html = page(client, event.get_absolute_url())

    assert '<time datetime="2099-07-30">30. Juli 2099</time>' in html
    assert re.search(r'<time datetime="2099-08-02">\s*2. August 2099\s*</time>', html)


def test_summer_time_has_its_own_offset(client):
    event = EventFactory(
        start_date=date(2099, 7, 30),
        end_date=date(2099, 8, 2),
        start_time=time(9, 0),
        end_time=time(17, 0),
    )

    html = page(client, event.get_absolute_url())

    assert '<time datetime="2099-07-30T09:00+02:00">' in html
    assert re.search(
        r'<time datetime="2099-08-02T17:00\+02:00">\s*2. August 2099,\s*17:00 Uhr', html
    )


# --- The event page ----------------------------------------------------------


def test_event_page_shows_what_citizens_need_to_know(client):
    contact = ContactFactory(name="Partnerschaftsverein Nordhausen", phone="0234 000000-1")
    area = CooperationAreaFactory(name="Jugend")
    event = EventFactory(
        title="Bürgerfahrt nach Nordhausen",
        description="<p>Drei Tage Harz.</p>",
        place_name="Busbahnhof",
        place_address="Am Bahnhof 1\n44787 Bochum",
        latitude=Decimal("51.47860"),
        longitude=Decimal("7.22350"),
        fee=Decimal("25"),
        fee_note="ermäßigt 15 €",
        audience="alle ab 16 Jahren",
        bring="Personalausweis\nWanderschuhe",
        contact=contact,
        cooperation_area=area,
    )

    html = page(client, event.get_absolute_url())

    assert html.count("<h1") == 1
    assert "Bürgerfahrt nach Nordhausen</h1>" in html
    assert "Drei Tage Harz." in html
    assert "Busbahnhof" in html and "Am Bahnhof 1<br>44787 Bochum" in html
    assert 'href="geo:51.47860,7.22350"' in html
    assert "25,00 €" in html and "ermäßigt 15 €" in html
    assert "alle ab 16 Jahren" in html
    assert "Personalausweis<br>Wanderschuhe" in html
    assert 'itemtype="https://schema.org/Organization"' in html
    assert 'href="tel:0234000000-1"' in html
    assert f'href="{event.partnership.get_absolute_url()}"' in html
    assert f'href="{event.partnership.partner_city.get_absolute_url()}"' in html
    assert f'href="{area.get_absolute_url()}"' in html
    assert f'href="/mitmachen/{event.slug}.ics">In meinen Kalender</a>' in html


def test_event_without_fee_is_free_and_online_event_says_so(client):
    event = EventFactory(fee=None, online=True, place_name="", place_address="")

    html = page(client, event.get_absolute_url())

    assert "kostenlos" in html
    assert "online" in html
    assert "geo:" not in html


def test_cancelled_event_page_says_so_in_a_heading(client):
    event = EventFactory(event_status=Project.EventStatus.CANCELLED)

    html = page(client, event.get_absolute_url())

    assert re.search(r"<h2[^>]*>Dieser Termin ist abgesagt.</h2>", html)


def test_moved_event_page_names_new_and_original_date(client):
    event = EventFactory(
        start_date=date(2099, 5, 9),
        event_status=Project.EventStatus.MOVED,
        original_start_date=date(2099, 5, 2),
    )

    html = page(client, event.get_absolute_url())

    notice = re.search(r"<h2 class=\"event-notice[^>]*>(.*?)</h2>", html, flags=re.S).group(1)
    assert "verschoben auf 9. Mai 2099" in notice
    assert "2. Mai 2099" in notice


def test_past_event_keeps_its_page(client):
    event = EventFactory(start_date=days(-40))

    assert client.get(event.get_absolute_url()).status_code == 200


def test_past_event_page_says_it_took_place_and_offers_no_sign_up(client):
    event = SignUpEventFactory(
        start_date=days(-3),
        start_time=time(19, 30),
        signup_deadline=timezone.now() - timedelta(days=5),
    )

    html = page(client, event.get_absolute_url())

    assert "Dieser Termin hat stattgefunden." in html
    assert "Anmeldeschluss" not in html
    assert 'name="token"' not in html


def test_cancelled_past_event_says_cancelled_not_taken_place(client):
    event = EventFactory(start_date=days(-3), event_status=Project.EventStatus.CANCELLED)

    html = page(client, event.get_absolute_url())

    assert "Dieser Termin ist abgesagt." in html
    assert "hat stattgefunden" not in html


@pytest.mark.parametrize(
    "fields",
    [{"published": False}, {"partnership__published": False}, {"is_event": False}],
    ids=["draft", "draft partnership", "not an event"],
)
def test_hidden_or_non_events_have_no_page_and_are_not_linked(client, fields):
    event = EventFactory(title="Geheim", slug="geheim", **fields)

    assert client.get("/mitmachen/geheim/").status_code == 404
    for url in ["/mitmachen/", "/", "/mitmachen/archiv/"]:
        assert "/mitmachen/geheim/" not in page(client, url)
    assert event.title not in page(client, "/mitmachen/")


def test_staff_preview_a_draft_event_and_it_is_not_indexed(admin_client):
    event = EventFactory(published=False)

    response = admin_client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert 'application/ld+json">{"@context": "https://schema.org", "@type": "Event"' not in (
        response.content.decode()
    )


def test_event_page_in_english_falls_back_to_german_texts(client):
    event = EventFactory(title="Bürgerfahrt", title_en="Citizens' trip", description="<p>Harz</p>")
    with translation.override("en"):
        url = event.get_absolute_url()

    html = page(client, url)

    assert url.startswith("/en/")
    assert "Citizens&#x27; trip</h1>" in html
    assert '<div class="rich-text" lang="de">' in html
    assert "nur auf Deutsch" not in html.split("<h1")[1].split("</h1>")[0]


def test_unknown_event_is_404(client):
    assert client.get("/mitmachen/gibt-es-nicht/").status_code == 404


def test_detail_query_count(client, django_assert_num_queries):
    event = EventFactory(contact=ContactFactory(), cooperation_area=CooperationAreaFactory())
    # The event with partnership, cities, area and contact in one join; the
    # organizer of the JSON-LD is the home city, as no site settings exist.
    with django_assert_num_queries(2):
        client.get(event.get_absolute_url())


# --- JSON-LD -----------------------------------------------------------------


def test_json_ld_of_a_timed_event_with_a_fee(client):
    HomeCityFactory(name="Bochum")
    event = EventFactory(
        title="Bürgerfahrt",
        description="<p>Drei <b>Tage</b></p>",
        start_date=date(2099, 3, 14),
        end_date=date(2099, 3, 16),
        start_time=time(7, 30),
        end_time=time(20, 0),
        place_name="Busbahnhof",
        place_address="Am Bahnhof 1\n44787 Bochum",
        latitude=Decimal("51.4786"),
        longitude=Decimal("7.2235"),
        fee=Decimal("25"),
    )

    data = json_ld(page(client, event.get_absolute_url()), "Event")

    url = f"http://testserver/mitmachen/{event.slug}/"
    assert data["name"] == "Bürgerfahrt"
    assert data["description"] == "Drei Tage"
    assert data["url"] == url
    assert data["startDate"] == "2099-03-14T07:30:00+01:00"
    assert data["endDate"] == "2099-03-16T20:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Busbahnhof",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Am Bahnhof 1",
            "postalCode": "44787",
            "addressLocality": "Bochum",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 51.4786, "longitude": 7.2235},
    }
    assert data["organizer"] == {"@type": "GovernmentOrganization", "name": "Bochum"}
    assert data["offers"] == {
        "@type": "Offer",
        "price": "25.00",
        "priceCurrency": "EUR",
        "url": url,
        "availability": "https://schema.org/InStock",
    }
    assert "image" not in data


@pytest.mark.parametrize(
    ("taken", "waiting_list", "availability"),
    [
        (9, True, "https://schema.org/InStock"),
        (10, True, "https://schema.org/SoldOut"),
        (10, False, "https://schema.org/SoldOut"),
    ],
)
def test_json_ld_offer_is_sold_out_when_no_place_is_left(
    client, taken, waiting_list, availability
):
    event = SignUpEventFactory(fee=Decimal("25"), waiting_list=waiting_list)
    SignUpFactory(event=event, party_size=taken)

    data = json_ld(page(client, event.get_absolute_url()), "Event")

    assert data["offers"]["availability"] == availability


def test_json_ld_address_of_a_place_abroad_names_its_locality(client):
    event = EventFactory(
        place_name="Partnerschulen in Sheffield", place_address="Sheffield, England"
    )

    data = json_ld(page(client, event.get_absolute_url()), "Event")

    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Sheffield, England",
    }


def test_json_ld_of_a_free_all_day_online_event(client):
    event = EventFactory(
        start_date=date(2099, 3, 14), online=True, place_name="", place_address="", fee=None
    )

    data = json_ld(page(client, event.get_absolute_url()), "Event")

    assert data["startDate"] == "2099-03-14"
    assert data["endDate"] == "2099-03-14"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": data["url"]}
    assert "offers" not in data


def test_json_ld_of_cancelled_and_moved_events(client):
    cancelled = EventFactory(event_status=Project.EventStatus.CANCELLED)
    moved = EventFactory(
        start_date=date(2099, 5, 9),
        event_status=Project.EventStatus.MOVED,
        original_start_date=date(2099, 5, 2),
    )

    cancelled_data = json_ld(page(client, cancelled.get_absolute_url()), "Event")
    moved_data = json_ld(page(client, moved.get_absolute_url()), "Event")

    assert cancelled_data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "previousStartDate" not in cancelled_data
    assert moved_data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved_data["previousStartDate"] == "2099-05-02"
    assert moved_data["startDate"] == "2099-05-09"


def test_json_ld_cannot_be_closed_by_a_title(client):
    event = EventFactory(title="</script><script>alert(1)</script>")

    html = page(client, event.get_absolute_url())

    assert "<script>alert(1)" not in html
    assert json_ld(html, "Event")["name"] == event.title


# --- The archive -------------------------------------------------------------


def test_archive_lists_the_years_with_past_events(client):
    EventFactory(start_date=date(2023, 5, 1))
    EventFactory(start_date=date(2021, 5, 1))
    EventFactory(start_date=date(2019, 5, 1), published=False)
    EventFactory(start_date=days(10))

    html = page(client, "/mitmachen/archiv/")

    assert re.findall(r'href="/mitmachen/(\d+)/"', html) == ["2023", "2021"]


def test_year_page_lists_that_years_past_events(client):
    EventFactory(title="Maifest", start_date=date(2023, 5, 1))
    EventFactory(title="Herbstfahrt", start_date=date(2023, 10, 1))
    EventFactory(title="Anderes Jahr", start_date=date(2022, 5, 1))
    EventFactory(title="Entwurf", start_date=date(2023, 6, 1), published=False)

    html = page(client, "/mitmachen/2023/")

    assert html.index("Maifest") < html.index("Herbstfahrt")
    assert "Anderes Jahr" not in html and "Entwurf" not in html
    assert html.count("<h1") == 1


def test_year_without_past_events_is_404(client):
    EventFactory(start_date=date(2023, 5, 1), published=False)
    ProjectFactory(start_date=date(2022, 5, 1))
    next_year = timezone.localdate().year + 1
    EventFactory(start_date=date(next_year, 5, 1))

    for year in (2023, 2022, 1999, next_year, 0, 10000, 10**30):
        assert client.get(f"/mitmachen/{year}/").status_code == 404, year


def test_archive_filtered_by_partnership_and_city(client):
    nordhausen = PartnershipFactory(partner_city=CityFactory(name="Nordhausen"))
    tsukuba = PartnershipFactory(partner_city=CityFactory(name="Tsukuba"))
    EventFactory(title="Harzfahrt", partnership=nordhausen, start_date=date(2023, 5, 1))
    EventFactory(title="Robotik", partnership=tsukuba, start_date=date(2023, 6, 1))
    EventFactory(title="Früher", partnership=tsukuba, start_date=date(2020, 6, 1))

    by_partnership = page(client, f"/mitmachen/2023/?partnerschaft={nordhausen.slug}")
    by_city = page(client, f"/mitmachen/archiv/?stadt={tsukuba.partner_city.slug}")

    assert "Harzfahrt" in by_partnership and "Robotik" not in by_partnership
    assert "Nordhausen" in by_partnership.split("<h1")[1].split("</h1>")[0]
    assert re.findall(r'href="/mitmachen/(\d+)/\?stadt=[^"]+"', by_city) == ["2023", "2020"]
    assert client.get(f"/mitmachen/2020/?partnerschaft={nordhausen.slug}").status_code == 404


def test_archive_pages_lead_back_through_mitmachen(client):
    EventFactory(start_date=date(2023, 5, 1))

    for url, trail in [
        ("/mitmachen/archiv/", ["Startseite", "Mitmachen", "Vergangene Termine"]),
        ("/mitmachen/2023/", ["Startseite", "Mitmachen", "Vergangene Termine", "2023"]),
    ]:
        html = page(client, url)
        crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
        assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == trail, url


def test_archive_headings_name_partnership_and_city_alike(client):
    oviedo = PartnershipFactory(partner_city=CityFactory(name="Oviedo"))
    EventFactory(partnership=oviedo, start_date=date(2023, 5, 1))

    def heading(url):
        return re.search(r"<h1>\s*(.*?)\s*</h1>", page(client, url), flags=re.S)[1]

    by_partnership = f"?partnerschaft={oviedo.slug}"
    by_city = f"?stadt={oviedo.partner_city.slug}"
    assert heading(f"/mitmachen/archiv/{by_partnership}") == (
        "Vergangene Termine: Partnerschaft mit Oviedo"
    )
    assert heading(f"/mitmachen/2023/{by_partnership}") == (
        "Vergangene Termine 2023: Partnerschaft mit Oviedo"
    )
    assert heading(f"/mitmachen/archiv/{by_city}") == "Vergangene Termine: Oviedo"
    assert heading(f"/mitmachen/2023/{by_city}") == "Vergangene Termine 2023: Oviedo"


def test_filtered_archive_says_its_upcoming_link_is_unfiltered(client):
    partnership = PartnershipFactory()

    unfiltered = page(client, "/mitmachen/archiv/")
    filtered = page(client, f"/mitmachen/archiv/?partnerschaft={partnership.slug}")

    assert '<a href="/mitmachen/">Kommende Termine</a>' in unfiltered
    assert '<a href="/mitmachen/">Alle kommenden Termine</a>' in filtered


@pytest.mark.parametrize(
    "query",
    ["?partnerschaft=gibt-es-nicht", "?stadt=gibt-es-nicht", "?stadt=%ff%fe", "?stadt[]=x"],
)
def test_unknown_archive_filter_is_404(client, query):
    EventFactory(start_date=date(2023, 5, 1))
    if query == "?stadt[]=x":
        # An unknown parameter is not a filter.
        assert client.get(f"/mitmachen/archiv/{query}").status_code == 200
        return
    assert client.get(f"/mitmachen/archiv/{query}").status_code == 404
    assert client.get(f"/mitmachen/2023/{query}").status_code == 404


def test_unpublished_city_is_no_filter(client):
    city = CityFactory(published=False)

    assert client.get(f"/mitmachen/archiv/?stadt={city.slug}").status_code == 404


def test_archive_query_counts(client, django_assert_num_queries):
    EventFactory.create_batch(3, start_date=date(2023, 5, 1))
    # The years of past events.
    with django_assert_num_queries(1):
        client.get("/mitmachen/archiv/")
    # The year's events with partnership, cities and area in one join.
    with django_assert_num_queries(1):
        client.get("/mitmachen/2023/")


# --- Sitemap and search ------------------------------------------------------


def test_sitemap_lists_published_events_in_every_language_and_the_archive(client):
    EventFactory(slug="buergerfahrt")
    EventFactory(slug="alte-fahrt", start_date=date(2023, 5, 1))
    EventFactory(slug="entwurf", published=False)
    ProjectFactory(slug="projekt")

    xml = client.get("/sitemap.xml").content.decode()

    locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    assert "http://testserver/mitmachen/buergerfahrt/" in locations
    assert "http://testserver/mitmachen/alte-fahrt/" in locations
    assert "http://testserver/mitmachen/archiv/" in locations
    with translation.override("en"):
        english = EventFactory.build(slug="buergerfahrt", is_event=True).get_absolute_url()
    assert f"http://testserver{english}" in locations
    assert not [loc for loc in locations if "entwurf" in loc or "/projekt" in loc]


def test_event_page_and_archive_exist_in_every_language_and_name_each_other(client):
    event = EventFactory(start_date=date(2023, 5, 1))
    alternate = re.compile(
        r'<link rel="alternate" hreflang="([^"]+)" href="http://testserver([^"]+)">'
    )
    for url in [event.get_absolute_url(), "/mitmachen/archiv/", "/mitmachen/2023/"]:
        versions = dict(alternate.findall(page(client, url)))
        assert {"de", "en", "ja", "es", "uk", "x-default"} <= set(versions), url
        for code, other in versions.items():
            assert dict(alternate.findall(page(client, other)))[code] == other, (url, code)


def test_archive_links_of_a_partnership_page_work_in_every_language(client):
    partnership = PartnershipFactory(partner_city=CityFactory(name="Nordhausen"))
    EventFactory(partnership=partnership, start_date=date(2023, 5, 1))
    link = re.compile(r'href="([^"]+\?partnerschaft=[^"]+)"')
    for code in ("de", "en", "uk"):
        with translation.override(code):
            url = partnership.get_absolute_url()
        (archive,) = link.findall(page(client, url))
        (year,) = link.findall(page(client, archive.replace("&amp;", "&")))
        assert "Nordhausen" in page(client, year.replace("&amp;", "&")), code

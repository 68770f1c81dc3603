from datetime import date, timedelta

import pytest
from django.urls import reverse, translate_url
from django.utils import timezone

from core.dates import DatePrecision
from partnership.models import Partnership
from tests.admin_forms import change_form
from tests.cities.test_views import full_partnership
from tests.factories import (
    CityFactory,
    ContactFactory,
    CooperationAreaFactory,
    EventFactory,
    PartnershipFactory,
    ProjectFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


def test_overview_shows_kind_status_and_since(client):
    PartnershipFactory(
        partner_city=CityFactory(name="Donezk"),
        established_year=1987,
        status=Partnership.Status.SUSPENDED,
        status_note="Nur Hilfslieferungen.",
    )
    PartnershipFactory(partner_city=CityFactory(name="Versteckt"), published=False)

    html = client.get("/partnerschaften/").content.decode()

    assert "Donezk" in html and "1987" in html and "ausgesetzt" in html
    assert "Nur Hilfslieferungen." in html
    assert "Städtepartnerschaft" in html
    assert "Versteckt" not in html


def test_overview_query_count(client, django_assert_num_queries):
    PartnershipFactory.create_batch(3)
    # Partnerships joined with both cities, and the home city for the map.
    with django_assert_num_queries(2):
        client.get("/partnerschaften/")


def test_detail_shows_chronicle_agreements_projects_and_news(client):
    partnership = full_partnership()
    partnership.association = ContactFactory(name="Partnerschaftsverein Beispielstadt")
    partnership.save()

    # As a reader sees it: long words in headings carry soft hyphens.
    html = client.get(partnership.get_absolute_url()).content.decode().replace("\u00ad", "")

    for text in [
        "Chronik",
        "Geplant",
        "Partnerschaftsvereinbarung",
        "Delegationsreise",
        "Partnerschaftsverein Beispielstadt",
        "Wissensstädte",
    ]:
        assert text in html, text


def test_detail_query_count(client, django_assert_num_queries):
    partnership = full_partnership()
    # Partnership with cities; status changes; ties; agreements; areas;
    # projects; articles; all articles once more for the chronicle.
    with django_assert_num_queries(8):
        client.get(partnership.get_absolute_url())


def test_unpublished_partnership_gives_404(client):
    partnership = PartnershipFactory(published=False)
    assert client.get(partnership.get_absolute_url()).status_code == 404
    assert client.get("/partnerschaften/gibt-es-nicht/").status_code == 404


def test_detail_shows_upcoming_events_past_ones_in_the_archive_and_its_calendar(client):
    today = timezone.localdate()
    partnership = PartnershipFactory()
    event = EventFactory(
        partnership=partnership, title="Bürgerfahrt", start_date=today + timedelta(days=10)
    )
    EventFactory(partnership=partnership, title="Vorbei", start_date=today - timedelta(days=10))
    EventFactory(partnership=partnership, title="Entwurf", published=False)
    EventFactory(title="Andere Partnerschaft")
    project = ProjectFactory(partnership=partnership, title="Schulpartnerschaft")

    html = client.get(partnership.get_absolute_url()).content.decode()
    events = html[html.index('<section aria-labelledby="events">') :]
    events = events[: events.index("</section>")]

    assert f'<a href="{event.get_absolute_url()}" lang="de">Bürgerfahrt</a>' in events
    for hidden in ("Vorbei", "Entwurf", "Andere Partnerschaft"):
        assert hidden not in events
    # The past event is part of the partnership's chronicle; the others nowhere.
    assert "Vorbei" in html
    assert "Entwurf" not in html and "Andere Partnerschaft" not in html
    assert f'href="/mitmachen/archiv/?partnerschaft={partnership.slug}"' in html
    assert f'href="/mitmachen/kalender/partnerschaften/{partnership.slug}.ics"' in html
    # Long-running cooperation stays a project of the partnership.
    assert f'id="projekt-{project.pk}"' in html


def test_detail_without_past_events_has_no_archive_link(client):
    partnership = PartnershipFactory()
    EventFactory(partnership=partnership)

    html = client.get(partnership.get_absolute_url()).content.decode()

    assert "/mitmachen/archiv/" not in html
    assert "Zurzeit sind keine Termine" not in html


def test_detail_query_count_does_not_grow_with_events(client, django_assert_num_queries):
    partnership = full_partnership()
    EventFactory.create_batch(
        3, partnership=partnership, cooperation_area=CooperationAreaFactory()
    )
    EventFactory(partnership=partnership, start_date=date(2020, 5, 1))
    # As test_detail_query_count: events are projects, split on the page.
    with django_assert_num_queries(8):
        client.get(partnership.get_absolute_url())


def test_status_history_shows_each_date_as_precisely_as_known(client):
    partnership = PartnershipFactory()
    StatusChangeFactory(
        partnership=partnership, date=date(1987, 1, 1), date_precision=DatePrecision.YEAR
    )
    StatusChangeFactory(
        partnership=partnership, date=date(2014, 6, 1), date_precision=DatePrecision.MONTH
    )
    StatusChangeFactory(
        partnership=partnership, date=date(2019, 11, 25), date_precision=DatePrecision.DAY
    )

    german = client.get(partnership.get_absolute_url()).content.decode()
    english = client.get(translate_url(partnership.get_absolute_url(), "en")).content.decode()

    assert '<time datetime="1987">1987</time>' in german
    assert "1. Januar 1987" not in german
    assert '<time datetime="2014-06">Juni 2014</time>' in german
    assert '<time datetime="2019-11-25">25. November 2019</time>' in german
    assert '<time datetime="2014-06">June 2014</time>' in english
    assert '<time datetime="2019-11-25">25 November 2019</time>' in english


def test_lead_sets_the_precision_in_the_partnership_form(leitung_client, client):
    partnership = PartnershipFactory()
    StatusChangeFactory(partnership=partnership, date=date(1987, 5, 3))
    ProjectFactory(partnership=partnership)
    url = reverse("admin:partnership_partnership_change", args=[partnership.pk])
    # A first save gives the partnership a history, as real ones have.
    first = change_form(leitung_client.get(url)).data(_save="Sichern")
    assert leitung_client.post(url, first).status_code == 302
    page = leitung_client.get(url)
    html = page.content.decode()
    assert "nur das Jahr ist bekannt" in html

    response = leitung_client.post(
        url, change_form(page).data(_save="Sichern", **{"status_changes-0-date_precision": "jahr"})
    )

    assert response.status_code == 302
    change = partnership.status_changes.get()
    assert (change.date, change.date_precision) == (date(1987, 1, 1), DatePrecision.YEAR)
    assert (
        '<time datetime="1987">1987</time>'
        in client.get(partnership.get_absolute_url()).content.decode()
    )


def test_since_shows_a_month_when_only_the_month_is_known(client):
    partnership = PartnershipFactory(
        established_year=2014,
        established_on=date(2014, 6, 15),
        established_precision=DatePrecision.MONTH,
    )

    html = client.get(partnership.get_absolute_url()).content.decode()

    partnership.refresh_from_db()
    assert partnership.established_on == date(2014, 6, 1)
    assert '<time datetime="2014-06">Juni 2014</time>' in html
    assert "15. Juni 2014" not in html and "1. Juni 2014" not in html

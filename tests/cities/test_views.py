from datetime import date

import pytest

from partnership.models import Partnership
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CityFactory,
    CooperationAreaFactory,
    EventFactory,
    PartnershipFactory,
    ProjectFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


def full_partnership():
    partnership = PartnershipFactory(
        partner_city=CityFactory(
            name="Tsukuba",
            country="JP",
            region="Präfektur Ibaraki",
            population=250_000,
            population_year=2019,
            founded="1960er Jahre",
            focus_topics="Robotik\nRaumfahrt",
            key_facts="8.000 promovierte Wissenschaftler",
        ),
        established_year=2019,
        status=Partnership.Status.ACTIVE,
    )
    agreement = AgreementFactory(partnership=partnership, title="Partnerschaftsvereinbarung")
    agreement.cooperation_areas.add(CooperationAreaFactory(name="Stadtentwicklung"))
    ProjectFactory(partnership=partnership, title="Delegationsreise")
    ProjectFactory(partnership=partnership, title="Heimliches Projekt", published=False)
    StatusChangeFactory(partnership=partnership, status=Partnership.Status.PLANNED)
    article = ArticleFactory(title="Wissensstädte")
    article.cities.add(partnership.partner_city)
    return partnership


def test_city_list_shows_published_partner_cities_with_their_partnership(client):
    full_partnership()
    CityFactory(name="Unveröffentlicht", published=False)

    response = client.get("/staedte/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tsukuba" in html and "Japan" in html and "seit 2019" in html
    assert "aktiv" in html
    assert "Unveröffentlicht" not in html
    assert "Heimatstadt" not in html


def test_city_list_does_not_reveal_an_unpublished_partnership(client):
    PartnershipFactory(
        partner_city=CityFactory(name="Oviedo"), established_year=1983, published=False
    )
    html = client.get("/staedte/").content.decode()
    assert "Oviedo" in html and "seit 1983" not in html


def test_city_list_query_count(client, django_assert_num_queries):
    for _ in range(3):
        PartnershipFactory()
    # The cities, then their published partnerships.
    with django_assert_num_queries(2):
        client.get("/staedte/")


def test_city_profile_shows_facts_partnership_agreements_projects_and_news(client):
    city = full_partnership().partner_city

    response = client.get(city.get_absolute_url())

    # As a reader sees it: long words in headings carry soft hyphens.
    html = response.content.decode().replace("\u00ad", "")
    assert response.status_code == 200
    for text in [
        "<h1>Tsukuba</h1>",
        "Japan",
        "Präfektur Ibaraki",
        "250.000",
        "Stand 2019",
        "1960er Jahre",
        "Robotik",
        "8.000 promovierte Wissenschaftler",
        "Städtepartnerschaft seit 2019",
        "Partnerschaftsvereinbarung",
        "Stadtentwicklung",
        "Delegationsreise",
        "Wissensstädte",
    ]:
        assert text in html, text
    assert "Heimliches Projekt" not in html


def test_city_profile_query_count(client, django_assert_num_queries):
    city = full_partnership().partner_city
    # City; partnerships; status changes; ties; agreements; their areas;
    # projects; articles; the free pages in the menus.
    with django_assert_num_queries(9):
        client.get(city.get_absolute_url())


def test_city_profile_shows_its_upcoming_events_archive_and_calendar(client):
    partnership = PartnershipFactory(partner_city=CityFactory(name="Nordhausen"))
    event = EventFactory(partnership=partnership, title="Bürgerfahrt")
    EventFactory(partnership=partnership, title="Vorbei", start_date=date(2020, 5, 1))
    EventFactory(title="Anderswo")
    city = partnership.partner_city

    html = client.get(city.get_absolute_url()).content.decode()

    assert f'<a href="{event.get_absolute_url()}" lang="de">Bürgerfahrt</a>' in html
    assert "Vorbei" not in html and "Anderswo" not in html
    assert f'href="/mitmachen/archiv/?stadt={city.slug}"' in html
    assert f'href="/mitmachen/kalender/staedte/{city.slug}.ics"' in html


def test_home_city_profile_shows_the_events_of_all_its_partnerships(client):
    first = EventFactory(title="Bürgerfahrt", start_date=date(2099, 6, 1))
    second = EventFactory(
        title="Schülerbesuch",
        start_date=date(2099, 5, 1),
        partnership__home_city=first.partnership.home_city,
    )

    html = client.get(first.partnership.home_city.get_absolute_url()).content.decode()

    events = html.split('id="events"')[1]
    assert events.index(second.get_absolute_url()) < events.index(first.get_absolute_url())


def test_city_profile_query_count_does_not_grow_with_events(client, django_assert_num_queries):
    partnership = full_partnership()
    EventFactory.create_batch(
        3, partnership=partnership, cooperation_area=CooperationAreaFactory()
    )
    EventFactory(partnership=partnership, start_date=date(2020, 5, 1))
    # As test_city_profile_query_count: events come with the prefetched projects.
    with django_assert_num_queries(9):
        client.get(partnership.partner_city.get_absolute_url())


def test_home_city_profile_lists_all_its_partnerships(client):
    partnership = full_partnership()
    PartnershipFactory(home_city=partnership.home_city, partner_city=CityFactory(name="Oviedo"))
    html = client.get(partnership.home_city.get_absolute_url()).content.decode()
    assert "Partnerschaft mit Tsukuba" in html and "Partnerschaft mit Oviedo" in html


def test_unknown_city_gives_404(client):
    assert client.get("/staedte/atlantis/").status_code == 404


def test_unpublished_city_gives_404_to_visitors_and_a_preview_to_editors(client, editor):
    city = CityFactory(published=False)
    assert client.get(city.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(city.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau – Entwurf" in response.content.decode()

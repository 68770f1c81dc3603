from datetime import timedelta

import pytest
from django.utils import timezone

from partnership.models import Partnership
from tests.cities.test_views import full_partnership
from tests.factories import CityFactory, PartnershipFactory, ProjectFactory

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


def test_detail_shows_status_history_agreements_projects_and_news(client):
    partnership = full_partnership()
    partnership.association_name = "Partnerschaftsverein"
    partnership.save()

    # As a reader sees it: long words in headings carry soft hyphens.
    html = client.get(partnership.get_absolute_url()).content.decode().replace("\u00ad", "")

    for text in [
        "Geschichte der Partnerschaft",
        "Geplant",
        "Partnerschaftsvereinbarung",
        "Delegationsreise",
        "Partnerschaftsverein",
        "Wissensstädte",
    ]:
        assert text in html, text


def test_detail_query_count(client, django_assert_num_queries):
    partnership = full_partnership()
    # Partnership with cities; status changes; ties; agreements; areas;
    # projects; articles.
    with django_assert_num_queries(7):
        client.get(partnership.get_absolute_url())


def test_unpublished_partnership_gives_404(client):
    partnership = PartnershipFactory(published=False)
    assert client.get(partnership.get_absolute_url()).status_code == 404
    assert client.get("/partnerschaften/gibt-es-nicht/").status_code == 404


def test_participate_lists_upcoming_projects_with_contact(client):
    today = timezone.localdate()
    ProjectFactory(
        title="Bürgerfahrt",
        start_date=today + timedelta(days=10),
        contact_email="partnerschaften@example.org",
    )
    ProjectFactory(title="Vorbei", start_date=today - timedelta(days=10))
    ProjectFactory(title="Entwurf", start_date=today + timedelta(days=10), published=False)

    html = client.get("/mitmachen/").content.decode()

    assert "Bürgerfahrt" in html
    assert 'href="mailto:partnerschaften@example.org"' in html
    assert "Vorbei" not in html and "Entwurf" not in html


def test_participate_query_count(client, django_assert_num_queries):
    ProjectFactory.create_batch(3)
    # Projects joined with partnership, city and area.
    with django_assert_num_queries(1):
        client.get("/mitmachen/")

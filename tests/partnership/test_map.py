import re

import pytest

from partnership.map import RADIUS, SIZE, distance_km, land_path, project
from tests.factories import CityFactory, HomeCityFactory, PartnershipFactory

BOCHUM = (51.48165, 7.21648)


def test_home_city_is_the_centre_and_directions_are_true():
    centre = SIZE / 2
    assert project(*BOCHUM, *BOCHUM) == (centre, centre)
    north_x, north_y = project(60, 7.21648, *BOCHUM)
    assert abs(north_x - centre) < 1 and north_y < centre
    east_x, east_y = project(51.5, 10.8, *BOCHUM)  # Nordhausen lies east
    assert east_x > centre and abs(east_y - centre) < 10


def test_near_and_far_partners_both_fit_and_stay_apart():
    centre = SIZE / 2

    def radius(lat, lon):
        x, y = project(lat, lon, *BOCHUM)
        return ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5

    nordhausen, tsukuba = radius(51.5018, 10.7957), radius(36.08333, 140.11667)
    assert 40 < nordhausen < tsukuba < RADIUS
    # True proportions would put Nordhausen 30 times closer than Tsukuba.
    assert tsukuba / nordhausen < 5


def test_distances_in_kilometres():
    assert 9000 < distance_km(36.08333, 140.11667, *BOCHUM) < 9500


def test_coastlines_ship_with_the_project():
    path = land_path(*BOCHUM)
    assert path.count("M") > 100
    assert "," not in path  # SVG numbers use decimal points


@pytest.mark.django_db
def test_overview_and_home_draw_the_map_with_a_link_per_city(client):
    home = HomeCityFactory(name="Bochum", latitude=BOCHUM[0], longitude=BOCHUM[1])
    PartnershipFactory(
        home_city=home, partner_city=CityFactory(name="Tsukuba", latitude=36.08, longitude=140.11)
    )
    PartnershipFactory(home_city=home, partner_city=CityFactory(name="Ohne Koordinaten"))
    for url in ["/", "/partnerschaften/"]:
        html = client.get(url).content.decode()
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert re.search(
            r'<a href="/staedte/tsukuba/" aria-label="Tsukuba, [\d.]+ km entfernt', svg
        )
        assert 'href="/staedte/bochum/"' in svg
        assert re.search(r'cx="\d+\.\d"', svg)  # no decimal commas from the German locale
        assert '<ul class="map-list">' in html and "km entfernt" in html
        assert "Ohne Koordinaten" not in svg


@pytest.mark.django_db
def test_no_map_without_home_coordinates(client):
    PartnershipFactory()
    assert "<svg" not in client.get("/partnerschaften/").content.decode()

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

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
        # The coastlines come as a file, drawn over the whole map and cut to the disc.
        assert re.search(
            r'<image href="/karte/kuesten-[0-9a-f]{16}\.svg" x="0" y="0" width="600" height="600" '
            r'clip-path="url\(#map-disc\)" aria-hidden="true" />',
            svg,
        )
        assert "<path" not in svg


@pytest.mark.django_db
def test_no_map_without_home_coordinates(client):
    PartnershipFactory()
    assert "<svg" not in client.get("/partnerschaften/").content.decode()


SVG = "{http://www.w3.org/2000/svg}"


def land_url(client, url="/"):
    return re.search(r'<image href="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.mark.django_db
def test_the_coastlines_are_an_svg_file_browsers_keep_for_a_year(client):
    HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1])
    response = client.get(land_url(client))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.has_header("ETag")
    assert response.cookies == {}
    svg = ET.fromstring(response.content)
    assert svg.tag == f"{SVG}svg" and svg.get("viewBox") == f"0 0 {SIZE} {SIZE}"
    assert svg.find(f"{SVG}path").get("d") == land_path(*BOCHUM)


@pytest.mark.django_db
def test_the_overview_links_the_same_file_as_the_home_page(client):
    PartnershipFactory(home_city=HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1]))
    assert land_url(client, "/partnerschaften/") == land_url(client, "/")


@pytest.mark.django_db
def test_the_file_is_read_with_one_query(client, django_assert_num_queries):
    HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1])
    url = land_url(client)
    # The home city, whose coordinates name the current drawing.
    with django_assert_num_queries(1):
        client.get(url)


@pytest.mark.django_db
def test_a_browser_holding_the_file_gets_a_304(client):
    HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1])
    url = land_url(client)
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"anders"'}).status_code == 200


@pytest.mark.django_db
def test_moving_the_home_city_gives_a_new_address_and_the_old_one_is_gone(client):
    home = HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1])
    old = land_url(client)
    home.latitude, home.longitude = 48.13743, 11.57549
    home.save()
    new = land_url(client)
    assert new != old
    assert client.get(new).status_code == 200
    assert client.get(old).status_code == 404


@pytest.fixture
def shared_caches(settings):
    """The page and fragment caches, as with Redis."""
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_moving_the_home_city_retires_the_old_address_from_the_caches_too(
    client, shared_caches, django_capture_on_commit_callbacks
):
    home = HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1])
    PartnershipFactory(home_city=home)
    old = land_url(client)
    client.get(old)
    cached = client.get(old)
    assert cached["X-Page-Cache"] == "hit"
    assert cached["Cache-Control"] == "public, max-age=31536000, immutable"
    assert cached["Content-Type"] == "image/svg+xml"
    home.latitude = 48.13743
    with django_capture_on_commit_callbacks(execute=True):
        home.save()
    assert client.get(old).status_code == 404
    # The home page's map, a stored fragment until now, names the new file.
    new = land_url(client)
    assert new != old
    assert client.get(new).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/karte/", "/karte/kuesten-0000000000000000.svg", "/karte/kuesten-.svg", "/karte/a/b"]
)
def test_any_other_address_below_the_map_word_is_not_found(client, path):
    HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1])
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_no_file_while_the_home_city_has_no_coordinates(client):
    home = HomeCityFactory(latitude=BOCHUM[0], longitude=BOCHUM[1])
    url = land_url(client)
    home.latitude = home.longitude = None
    home.save()
    assert client.get(url).status_code == 404

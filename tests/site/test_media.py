import pytest
from django.test import override_settings

from tests.factories import CityFactory, image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_served(settings):
    settings.SERVE_MEDIA = True


def test_uploaded_image_is_served_with_protective_headers(client, media_served):
    city = CityFactory(image=image_upload(), image_alt="Rathaus")
    response = client.get(city.image.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_media_outside_the_folder_is_not_served(client, media_served):
    assert client.get("/media/../settings.py").status_code in {400, 404}
    assert client.get("/media/%2e%2e/manage.py").status_code in {400, 404}


@override_settings(SERVE_MEDIA=False)
def test_media_is_not_served_by_default(client):
    city = CityFactory(image=image_upload(), image_alt="Rathaus")
    assert client.get(city.image.url).status_code == 404

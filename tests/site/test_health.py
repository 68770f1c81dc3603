"""/healthz/ for load balancers and monitoring."""

from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

from tests import servers

pytestmark = pytest.mark.django_db


def test_health_check_reports_database_and_redis_without_cookies_or_caching(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "off"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "X-Page-Cache" not in response
    assert client.head("/healthz/").status_code == 200
    assert client.post("/healthz/").status_code == 405


def test_health_check_answers_503_without_the_database():
    client = Client(raise_request_exception=False)
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("weg")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "redis": "off"}


def test_health_check_is_degraded_but_200_without_redis(client, settings):
    hung = servers.HungServer()
    settings.CACHES = {
        "default": {
            "BACKEND": "partnership.site.redis_cache.RedisCache",
            "LOCATION": hung.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    try:
        first, second = client.get("/healthz/"), client.get("/healthz/")
    finally:
        hung.close()
    for response in (first, second):
        assert response.status_code == 200
        assert response.json() == {"status": "degraded", "database": "ok", "redis": "unavailable"}
    # The second probe fell in the pause after the first failure.
    assert len(hung.connections) == 1


@pytest.mark.skipif(not servers.RedisServer.available(), reason="needs redis-server")
def test_health_check_pings_a_running_redis(client, settings, tmp_path):
    redis = servers.RedisServer(tmp_path)
    redis.start()
    settings.CACHES = {
        "default": {"BACKEND": "partnership.site.redis_cache.RedisCache", "LOCATION": redis.url}
    }
    try:
        response = client.get("/healthz/")
    finally:
        redis.close()
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz/").status_code == 200
    assert client.get("/aktuelles/").status_code == 301

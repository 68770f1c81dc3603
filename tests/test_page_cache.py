"""The page cache for anonymous visitors (on with a shared cache such as Redis)."""

import socket
from datetime import timedelta
from urllib.request import urlopen

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article
from partnership.redis_cache import RedisCache
from tests import servers
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_request_is_served_from_the_cache(client, page_cache):
    ArticleFactory(title="Gecacht")
    first = client.get("/aktuelles/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/aktuelles/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_a_save_shows_on_the_next_request(client, page_cache):
    article = ArticleFactory(title="Alter Titel")
    client.get("/aktuelles/")
    article.title = "Neuer Titel"
    article.save()
    response = client.get("/aktuelles/")
    assert "Neuer Titel" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_a_scheduled_article_appears_on_time_despite_the_cache(client, page_cache):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        ArticleFactory(title="Geplant", publish_at=start + timedelta(seconds=30))
        assert "Geplant" not in client.get("/aktuelles/").content.decode()
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        assert "Geplant" in client.get("/aktuelles/").content.decode()


def test_staff_neither_receive_nor_store_cached_pages(client, page_cache, editor):
    draft = ArticleFactory(title="Entwurf", status=Article.Status.DRAFT)
    client.force_login(editor)
    preview = client.get(draft.get_absolute_url())
    assert "X-Page-Cache" not in preview
    client.get("/aktuelles/")
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/aktuelles/")["X-Page-Cache"] == "miss"


def test_cached_pages_carry_no_cookies_and_admin_is_never_cached(client, page_cache):
    client.get("/")
    hit = client.get("/")
    assert hit["X-Page-Cache"] == "hit" and not hit.cookies
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_off_without_a_shared_cache(client, settings):
    settings.PAGE_CACHE = False
    assert "X-Page-Cache" not in client.get("/")


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379")
def test_the_redis_backend_keeps_one_client_and_works():
    backend = RedisCache("redis://127.0.0.1:6379/15", {})
    backend.set("probe", {"page": b"<html>"}, timeout=10)
    assert backend.get_many(["probe", "absent"]) == {"probe": {"page": b"<html>"}}
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
    backend.delete("probe")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379")
@pytest.mark.django_db(transaction=True)
def test_two_app_processes_share_database_and_cache(settings):
    redis_url = "redis://127.0.0.1:6379/15"
    settings.CACHES = {
        "default": {
            "BACKEND": "partnership.redis_cache.RedisCache",
            "LOCATION": redis_url,
        }
    }
    cache.clear()
    article = ArticleFactory(title="Erste Fassung")
    env = {"DATABASE_URL": servers.database_url(), "REDIS_URL": redis_url}
    with servers.app_server(**env) as one, servers.app_server(**env) as other:
        # The feed needs no collected static files.
        first, second = f"{one}/aktuelles/feed/rss/", f"{other}/aktuelles/feed/rss/"
        for url in (first, second, first, second):
            assert "Erste Fassung" in urlopen(url).read().decode()
        article.title = "Zweite Fassung"
        article.save()  # bumps the version in the shared cache
        assert "Zweite Fassung" in urlopen(second).read().decode()
        assert "Zweite Fassung" in urlopen(first).read().decode()
    cache.clear()

"""The page cache for anonymous visitors (on with a shared cache such as Redis)."""

import logging
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from unittest import mock
from urllib.request import urlopen

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from partnership.site import ahead, redis_cache
from partnership.site import page_cache as page_cache_module
from partnership.site.checks import check_shared_cache
from partnership.site.redis_cache import RedisCache
from tests import servers
from tests.admin_forms import change_form
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


def test_a_save_shows_on_the_next_request(client, page_cache, django_capture_on_commit_callbacks):
    article = ArticleFactory(title="Alter Titel")
    client.get("/aktuelles/")
    article.title = "Neuer Titel"
    with django_capture_on_commit_callbacks(execute=True):
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


def test_each_language_has_its_own_entry(client, page_cache):
    ArticleFactory(title="Gecacht")
    assert client.get("/aktuelles/")["X-Page-Cache"] == "miss"
    english = client.get("/en/news/")
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode()
    german = client.get("/aktuelles/")
    assert german["X-Page-Cache"] == "hit"
    assert german["Content-Language"] == "de"
    assert '<html lang="de">' in german.content.decode()


def test_the_language_is_part_of_the_key(rf):
    keys = {page_cache_module.PageCacheMiddleware.key(rf.get(path)) for path in ("/", "/en/")}
    assert len(keys) == 2
    assert page_cache_module.PageCacheMiddleware.key(rf.get("/en/")).startswith("page-cache:en:")


@pytest.mark.parametrize("path", ["/aktuelles/a/vorschau/t/", "/es/noticias/a/vista-previa/t/"])
def test_shared_previews_are_never_looked_up_in_any_language(rf, settings, path):
    settings.PAGE_CACHE = True
    assert not page_cache_module.PageCacheMiddleware.anonymous_request(rf.get(path))


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
            "BACKEND": "partnership.site.redis_cache.RedisCache",
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


def test_a_rolled_back_save_bumps_nothing(client, page_cache, django_capture_on_commit_callbacks):
    ArticleFactory(title="Bleibt")
    client.get("/aktuelles/")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ArticleFactory(title="Nie gespeichert")
        raise RuntimeError
    assert callbacks == []
    assert client.get("/aktuelles/")["X-Page-Cache"] == "hit"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_reader_between_save_and_commit_stores_no_page_served_after_the_commit(page_cache):
    """
    The reader runs on its own connection while the save is still open: it
    sees the old rows. Whatever it stores must not be served once the save
    has committed.
    """
    article = ArticleFactory(title="Alte Fassung")
    url = article.get_absolute_url()
    saved, read = threading.Event(), threading.Event()

    def reader():
        try:
            saved.wait(10)
            response = Client().get(url)
            assert "Alte Fassung" in response.content.decode()
        finally:
            connection.close()
            read.set()

    thread = threading.Thread(target=reader)
    thread.start()
    with transaction.atomic():
        article.title = "Neue Fassung"
        article.save()
        saved.set()
        assert read.wait(10)
    thread.join()
    response = Client().get(url)
    assert "Neue Fassung" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


# --- Redis is an accelerator, never a dependency ---------------------------

requires_redis_server = pytest.mark.skipif(
    not servers.RedisServer.available(), reason="needs redis-server"
)


@pytest.fixture
def use_cache_at(settings):
    """Point the cache at a Redis URL, as REDIS_URL does; forget any earlier outage."""

    def use(url):
        settings.PAGE_CACHE = True
        settings.CACHES = {
            "default": {
                "BACKEND": "partnership.site.redis_cache.RedisCache",
                "LOCATION": url,
                "OPTIONS": {
                    "socket_connect_timeout": settings.REDIS_TIMEOUT,
                    "socket_timeout": settings.REDIS_TIMEOUT,
                },
            }
        }

    yield use
    redis_cache._breakers.clear()
    page_cache_module._Owed.bump = False


@pytest.fixture
def own_redis(tmp_path, use_cache_at):
    server = servers.RedisServer(tmp_path)
    server.start()
    use_cache_at(server.url)
    yield server
    server.close()


@pytest.fixture
def hung_redis(use_cache_at):
    server = servers.HungServer()
    use_cache_at(server.url)
    yield server
    server.close()


def save_title(client, article, title, capture):
    """Post the article's change form as the admin renders it, with a new title."""
    url = reverse("admin:news_article_change", args=[article.pk])
    form = change_form(client.get(url))
    with capture(execute=True):
        return client.post(url, form.data(title=title, _save="Sichern"))


def redis_connection_options(**env):
    """The options of the connections a process would open with ``env``."""
    script = (
        "import django; django.setup(); from django.conf import settings;"
        "from django.core.cache import cache;"
        "options = cache._cache._get_connection_pool(True).connection_kwargs;"
        "print(options['socket_connect_timeout'], options['socket_timeout'],"
        " options['retry'].get_retries(), settings.REDIS_PAUSE_SECONDS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "partnership.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_redis_waits_a_quarter_second_at_most_and_never_retries():
    url = "redis://127.0.0.1:1/0"
    assert redis_connection_options(REDIS_URL=url) == ["0.25", "0.25", "0", "30"]
    shorter = redis_connection_options(REDIS_URL=url, REDIS_TIMEOUT="0.1", REDIS_PAUSE_SECONDS="5")
    assert shorter == ["0.1", "0.1", "0", "5"]


@requires_redis_server
def test_with_redis_stopped_pages_are_served_uncached_and_saves_succeed(
    own_redis, client, admin_client, django_capture_on_commit_callbacks, caplog
):
    article = ArticleFactory(title="Vorher")
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="partnership.site.redis_cache"):
        for _attempt in range(3):
            response = client.get(url)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
        response = save_title(admin_client, article, "Nachher", django_capture_on_commit_callbacks)
        assert response.status_code == 302
        assert "Nachher" in client.get(url).content.decode()
    article.refresh_from_db()
    assert article.title == "Nachher"
    outage_messages = [r for r in caplog.records if r.name == "partnership.site.redis_cache"]
    assert len(outage_messages) == 1
    assert "unavailable" in outage_messages[0].getMessage()


def test_a_hung_redis_costs_one_short_timeout_per_process_per_pause(
    hung_redis, client, admin_client, django_capture_on_commit_callbacks, settings
):
    article = ArticleFactory(title="Vorher")
    for url in ("/", "/aktuelles/", article.get_absolute_url(), "/aktuelles/"):
        assert client.get(url).status_code == 200
    response = save_title(admin_client, article, "Nachher", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert "Nachher" in client.get(article.get_absolute_url()).content.decode()
    assert len(hung_redis.connections) == 1
    later = time.monotonic() + settings.REDIS_PAUSE_SECONDS + 1
    with mock.patch.object(redis_cache, "monotonic", return_value=later):
        for url in ("/", "/aktuelles/", "/"):
            assert client.get(url).status_code == 200
    assert len(hung_redis.connections) == 2


@requires_redis_server
def test_after_redis_returns_with_old_data_no_stale_page_outlives_page_cache_seconds(
    own_redis, client, admin_client, django_capture_on_commit_callbacks, settings
):
    """
    A process whose breaker has closed and that owes no bump (it never saw
    the outage, or was restarted since): the old page, restored
    with Redis's data, is served only until its expiry, which is at most
    PAGE_CACHE_SECONDS after it was stored, before the save.
    """
    settings.PAGE_CACHE_SECONDS = 5
    article = ArticleFactory(title="Vor dem Ausfall")
    url = article.get_absolute_url()
    client.get(url)
    stored_at = time.monotonic()
    own_redis.stop()
    response = save_title(
        admin_client, article, "Nach dem Ausfall", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    own_redis.start()
    page_cache_module._Owed.bump = False
    later = time.monotonic() + settings.REDIS_PAUSE_SECONDS + 1
    with mock.patch.object(redis_cache, "monotonic", return_value=later):
        stale = client.get(url)
        # The old data is back: without the expiry this page would be served on.
        assert stale["X-Page-Cache"] == "hit"
        assert "Vor dem Ausfall" in stale.content.decode()
        time.sleep(max(0, stored_at + settings.PAGE_CACHE_SECONDS - time.monotonic()) + 0.1)
        fresh = client.get(url)
    assert "Nach dem Ausfall" in fresh.content.decode()


@requires_redis_server
def test_the_process_whose_bump_failed_pays_it_when_redis_returns(
    own_redis, client, admin_client, django_capture_on_commit_callbacks, settings, caplog
):
    article = ArticleFactory(title="Vor dem Ausfall")
    url = article.get_absolute_url()
    client.get(url)
    own_redis.stop()
    save_title(admin_client, article, "Nach dem Ausfall", django_capture_on_commit_callbacks)
    own_redis.start()
    later = time.monotonic() + settings.REDIS_PAUSE_SECONDS + 1
    with mock.patch.object(redis_cache, "monotonic", return_value=later):
        response = client.get(url)
        assert "Nach dem Ausfall" in response.content.decode()
        assert response["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"
    messages = [r.getMessage() for r in caplog.records if r.name == "partnership.site.redis_cache"]
    assert len(messages) == 2
    assert "unavailable" in messages[0] and "answers again" in messages[1]


def test_caches_of_one_process_only_are_warned_about(settings):
    """Another process would go on serving what it stored before a save."""
    settings.PAGE_CACHE, settings.FRAGMENT_CACHE = False, True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    [warning] = check_shared_cache()
    assert warning.id == "site.W102" and "FRAGMENT_CACHE" in warning.msg
    settings.CACHES = {
        "default": {
            "BACKEND": "partnership.site.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert check_shared_cache() == []
    settings.FRAGMENT_CACHE = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert check_shared_cache() == []


# --- Pages prepared ahead of a save's publication (ahead.py) ---------------


def save_committed(client, article, title):
    """Post the change form with a new title; the save commits inside the request."""
    url = reverse("admin:news_article_change", args=[article.pk])
    form = change_form(client.get(url))
    return client.post(url, form.data(title=title, _save="Sichern"))


@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_a_save_answers_once_the_pages_visitors_asked_for_show_it(own_redis, admin_client):
    article = ArticleFactory(title="Vorher")
    other = ArticleFactory(title="Nebenan")
    visited = ["/", "/aktuelles/", article.get_absolute_url()]
    for url in visited:
        assert Client().get(url)["X-Page-Cache"] == "miss"
    real_prepare, during = ahead.prepare, []

    def prepare_while_visited(version):
        # The save has not answered yet: the page of before, from the cache.
        during.append(Client().get(article.get_absolute_url()))
        real_prepare(version)

    with mock.patch.object(ahead, "prepare", prepare_while_visited):
        assert save_committed(admin_client, article, "Nachher").status_code == 302
    [before] = during
    assert before["X-Page-Cache"] == "hit" and "Vorher" in before.content.decode()
    for url in visited:
        response = Client().get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert "Nachher" in response.content.decode(), url
        assert "Vorher" not in response.content.decode(), url
    # Never asked for, so not prepared.
    assert Client().get(other.get_absolute_url())["X-Page-Cache"] == "miss"


@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_a_second_save_is_prepared_from_the_pages_the_first_one_prepared(own_redis, admin_client):
    article = ArticleFactory(title="Erste Fassung")
    url = article.get_absolute_url()
    Client().get(url)
    for title in ("Zweite Fassung", "Dritte Fassung"):
        assert save_committed(admin_client, article, title).status_code == 302
        response = Client().get(url)
        assert response["X-Page-Cache"] == "hit"
        assert title in response.content.decode()


@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_pages_prepared_before_another_save_moved_the_version_are_never_served(
    own_redis, admin_client
):
    """
    Another process saves while this one prepares: its change may be
    missing from the prepared pages, so they must not be served.
    """
    article = ArticleFactory(title="Vorher")
    other = ArticleFactory(title="Nebenan")
    Client().get("/aktuelles/")
    real_prepare = ahead.prepare

    def prepare_while_another_saves(version):
        real_prepare(version)
        # A save of another process: committed, its version moved, no signal here.
        Article.objects.filter(pk=other.pk).update(title="Anderswo gespeichert")
        page_cache_module.increment_version()

    with mock.patch.object(ahead, "prepare", prepare_while_another_saves):
        assert save_committed(admin_client, article, "Nachher").status_code == 302
    shown = Client().get("/aktuelles/").content.decode()
    assert "Anderswo gespeichert" in shown and "Nachher" in shown


@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_with_redis_gone_while_preparing_the_save_succeeds_and_owes_its_bump(
    own_redis, admin_client
):
    article = ArticleFactory(title="Vorher")
    Client().get(article.get_absolute_url())
    real_prepare = ahead.prepare

    def prepare_as_redis_stops(version):
        own_redis.stop()
        real_prepare(version)

    with mock.patch.object(ahead, "prepare", prepare_as_redis_stops):
        response = save_committed(admin_client, article, "Nachher")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Nachher"
    assert page_cache_module._Owed.bump


@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_an_address_that_no_longer_shows_a_page_leaves_the_tally(own_redis, admin_client):
    article = ArticleFactory(title="Bald gelöscht")
    url = article.get_absolute_url()
    Client().get(url)
    Client().get("/aktuelles/")
    assert f"http://testserver{url}" in cache.most(ahead.TALLY_KEY, 10)
    delete = reverse("admin:news_article_delete", args=[article.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert cache.most(ahead.TALLY_KEY, 10) == ["http://testserver/aktuelles/"]
    assert Client().get(url).status_code == 404


@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_a_prepared_page_a_visitor_gets_counts_as_asked_for(own_redis, admin_client):
    """Otherwise the pages served prepared would fade out of the tally, save by save."""
    article = ArticleFactory(title="Vorher")
    home, news = "http://testserver/", "http://testserver/aktuelles/"
    for url in ("/", "/aktuelles/"):
        Client().get(url)
    assert save_committed(admin_client, article, "Nachher").status_code == 302
    response = Client().get("/")
    assert response["X-Page-Cache"] == "hit"
    # Equal counts would list the news list first (by name, descending).
    assert cache.most(ahead.TALLY_KEY, 2) == [home, news]
    assert Client().get("/")["X-Page-Cache"] == "hit"
    assert cache.most(ahead.TALLY_KEY, 2) == [home, news]


@requires_redis_server
def test_the_tally_keeps_the_addresses_asked_for_most_and_lets_old_counts_fade(own_redis):
    for member, times in (("a", 3), ("b", 2), ("c", 1)):
        for _ in range(times):
            cache.tally("tally", member)
    assert cache.most("tally", 2) == ["a", "b"]
    cache.fade("tally", 0.5, 0.6, 5)  # a 1.5, b 1.0, c 0.5: below the floor
    assert cache.most("tally", 5) == ["a", "b"]
    cache.fade("tally", 1, 0, 1)
    assert cache.most("tally", 5) == ["a"]


@requires_redis_server
def test_a_swap_happens_only_while_the_expected_value_is_held(own_redis):
    cache.set("version", 41, timeout=None)
    assert not cache.swap("version", 40, 42)
    assert cache.get("version") == 41
    assert cache.swap("version", 41, 42)
    assert cache.get("version") == 42


def test_a_prepared_request_has_the_address_it_was_made_from(settings):
    settings.ALLOWED_HOSTS = ["example.org"]
    address = "https://example.org/ja/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9/?q=%C3%A4rger&seite=2"
    request = ahead.request_for(address)
    assert request.build_absolute_uri() == address
    assert request.GET["q"] == "ärger"
    assert not request.COOKIES

import json
import os
import subprocess
import sys
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

from news.models import Article
from partnership.site.models.identity import forget_copy
from tests.factories import (
    ArticleFactory,
    EventFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_home_shows_latest_news_partner_cities_and_upcoming_events(client):
    HomeCityFactory(name="Bochum", summary="Bochum und seine Partnerstädte.")
    ArticleFactory(title="Neueste Nachricht")
    ArticleFactory(title="Entwurf", status=Article.Status.DRAFT)
    PartnershipFactory(partner_city__name="Nordhausen", established_year=1990)
    event = EventFactory(title="Bürgerfahrt")
    ProjectFactory(title="Schulpartnerschaft")

    html = client.get("/").content.decode()

    assert "Neueste Nachricht" in html and "Weiterlesen" in html
    assert "Entwurf" not in html
    assert "Die Partnerstädte von Bochum" in html
    assert "Nordhausen" in html and "seit 1990" in html
    assert f'<a href="{event.get_absolute_url()}" lang="de">Bürgerfahrt</a>' in html
    # Long-running cooperation is not an occasion to join.
    assert "Schulpartnerschaft" not in html
    assert "Bochum und seine Partnerstädte." in html


def test_home_shows_at_most_six_articles(client):
    ArticleFactory.create_batch(8)
    assert len(Client().get("/").context["articles"]) == 6


def test_home_works_before_any_content_exists(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Noch keine Nachrichten." in response.content.decode()


def test_home_query_count(client, django_assert_num_queries):
    HomeCityFactory()
    ArticleFactory.create_batch(8)
    PartnershipFactory.create_batch(3)
    EventFactory.create_batch(4)
    # Home city, articles, partnerships with cities, events with cities and areas.
    with django_assert_num_queries(4):
        client.get("/")


def test_the_demos_home_page_stays_within_40_kb_in_german_and_japanese(client):
    # Issue #20: the home page is every visitor's first download. The map's
    # coastlines (about 60 KB) come as a file the browser keeps, so only the
    # page's own content counts against the budget.
    call_command("load_demo", stdout=StringIO())
    for url in ("/", "/ja/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'class="partner-map"' in response.content.decode()
        assert len(response.content) <= 40 * 1024, url


def test_pages_are_german_and_start_with_a_skip_link(client):
    html = client.get("/").content.decode()
    assert '<html lang="de">' in html
    assert html.index('class="skip-link"') < html.index('class="site-header"')


def test_not_found_page_is_the_sites_own(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()


def database_gone():
    return mock.patch.object(
        connection, "cursor", side_effect=OperationalError("Datenbank nicht erreichbar")
    )


def test_database_outage_gives_a_503_page_rendered_without_the_database():
    client = Client(raise_request_exception=False)
    with database_gone():
        response = client.get("/aktuelles/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "503 – vorübergehend nicht erreichbar" in html
    assert "Traceback" not in html and "Datenbank nicht erreichbar" not in html
    assert not response.cookies


def test_other_errors_give_the_500_page():
    client = Client(raise_request_exception=False)
    with mock.patch("partnership.site.views.HomeView.get_context_data", side_effect=RuntimeError):
        response = client.get("/")
    assert response.status_code == 500
    assert "Da ist etwas schiefgegangen" in response.content.decode()


def test_admin_form_sent_during_an_outage_says_nothing_was_saved(superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    with database_gone():
        response = client.post("/admin/news/article/add/", {"title": "Verloren?"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Ihre Eingaben wurden nicht gespeichert." in html
    assert "Zurück-Taste" in html
    assert not Article.objects.exists()


def test_cached_pages_are_served_while_the_database_is_away(settings):
    settings.PAGE_CACHE = True
    cache.clear()
    ArticleFactory(title="Im Cache")
    client = Client(raise_request_exception=False)
    client.get("/aktuelles/")
    with database_gone():
        cached = client.get("/aktuelles/")
        uncached = client.get("/staedte/")
    cache.clear()
    assert cached.status_code == 200 and "Im Cache" in cached.content.decode()
    assert uncached.status_code == 503


def test_theme_stylesheet_carries_the_accent_colour(client, settings):
    settings.SITE_ACCENT_COLOR = "#123456"
    # Without site settings the setting is the colour, read with the site's state.
    forget_copy()
    response = client.get("/theme.css")
    assert response["Content-Type"].startswith("text/css")
    assert "--accent: #123456" in response.content.decode()


def test_public_pages_set_no_cookies(client):
    ArticleFactory()
    for url in ["/", "/aktuelles/", "/staedte/", "/partnerschaften/", "/mitmachen/"]:
        assert not client.get(url).cookies, url


def storage_in_a_fresh_process(options):
    command = [
        sys.executable,
        "-c",
        "import django; django.setup(); from django.core.files.storage import storages;"
        "print(type(storages['default']).__name__, storages['default'].location)",
    ]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partnership.settings",
        "MEDIA_STORAGE": "django.core.files.storage.FileSystemStorage",
        "MEDIA_STORAGE_OPTIONS": options,
    }
    return subprocess.run(command, env=env, capture_output=True, text=True)


def test_the_media_storage_is_a_setting(tmp_path):
    """An S3-compatible store is configured, not coded: see docs/deploy.md."""
    output = storage_in_a_fresh_process(json.dumps({"location": str(tmp_path)}))
    assert output.stdout.split() == ["FileSystemStorage", str(tmp_path)]


@pytest.mark.parametrize("options", ['{"location": ', '["a"]'])
def test_broken_storage_options_stop_the_start_with_their_name(options):
    output = storage_in_a_fresh_process(options)
    assert output.returncode != 0
    assert "ImproperlyConfigured: MEDIA_STORAGE_OPTIONS" in output.stderr

"""The site-wide notice: on every page between its start and its end, cache or not."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from partnership.site.models import Notice
from tests.admin_forms import change_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOTICE = '<section class="site-notice" aria-labelledby="site-notice-heading">'


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def notice(start, end, title="Bürgerfest abgesagt"):
    return Notice.objects.create(
        title=title, text="Wegen Sturmwarnung.\nNeuer Termin folgt.", starts_at=start, ends_at=end
    )


def test_the_notice_is_a_region_with_a_heading_on_every_page(client):
    now = timezone.now()
    notice(now - timedelta(hours=1), now + timedelta(hours=1))
    article = ArticleFactory()
    for address in ("/", "/aktuelles/", article.get_absolute_url(), "/impressum/"):
        html = client.get(address).content.decode()
        assert NOTICE in html, address
        assert '<h2 class="site-notice__heading" id="site-notice-heading">Hinweis</h2>' in html
        assert '<h3 lang="de">Bürgerfest abgesagt</h3>' in html
        assert "Wegen Sturmwarnung.<br>Neuer Termin folgt." in html


def test_in_another_language_an_untranslated_notice_is_marked_german(client):
    now = timezone.now()
    notice(now - timedelta(hours=1), now + timedelta(hours=1))
    html = client.get("/en/").content.decode()
    assert '<h2 class="site-notice__heading" id="site-notice-heading">' in html
    assert '<h3 lang="de">Bürgerfest abgesagt</h3>' in html


def test_the_notice_shows_from_its_start_until_its_end(client):
    start = timezone.now() + timedelta(minutes=10)
    notice(start, start + timedelta(hours=2))
    with time_machine.travel(start - timedelta(seconds=1), tick=False):
        assert NOTICE not in client.get("/").content.decode()
    with time_machine.travel(start, tick=False):
        assert NOTICE in client.get("/").content.decode()
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        assert NOTICE not in client.get("/").content.decode()


def test_the_page_cache_keeps_no_page_past_the_notices_start_or_end(client, page_cache):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        notice(start + timedelta(seconds=30), start + timedelta(seconds=90))
        first = client.get("/")
        assert first["X-Page-Cache"] == "miss"
        assert NOTICE not in first.content.decode()
        assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        assert NOTICE in client.get("/").content.decode()
        assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(start + timedelta(seconds=91), tick=False):
        assert NOTICE not in client.get("/").content.decode()


def test_the_lead_sets_a_notice_and_an_end_before_the_start_is_a_form_error(leitung_client):
    page = leitung_client.get("/admin/site/notice/add/")
    assert page.status_code == 200
    fields = {
        "title_de": "Sammelaktion für Donezk",
        "text_de": "Spenden bis Freitag im Rathaus.",
        "starts_at_0": "01.12.2026",
        "starts_at_1": "08:00",
        "ends_at_0": "30.11.2026",
        "ends_at_1": "08:00",
    }
    data = change_form(page).data(_save="Sichern", **fields)
    response = leitung_client.post("/admin/site/notice/add/", data)
    assert response.status_code == 200
    assert "nach dem Beginn" in str(response.context["adminform"].form.errors)
    assert not Notice.objects.exists()
    data["ends_at_0"] = ["05.12.2026"]
    assert leitung_client.post("/admin/site/notice/add/", data).status_code == 302
    assert Notice.objects.get().title == "Sammelaktion für Donezk"


def test_editors_cannot_set_a_notice(redakteur_client):
    assert redakteur_client.get("/admin/site/notice/add/").status_code == 403
    response = redakteur_client.post("/admin/site/notice/add/", {"title_de": "Falsch"})
    assert response.status_code == 403
    assert not Notice.objects.exists()

"""Site settings: the admin's one row, the per-process copy, and where pages show them."""

import json
import re
import time
from io import BytesIO

import feedparser
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import OperationalError
from django.http import Http404
from django.test import Client
from django.views.defaults import page_not_found, permission_denied
from PIL import Image

from core import notifications
from news.models import Article
from partnership.site.models import SiteSettings
from partnership.site.models.identity import COPY_SECONDS, forget_copy, site_state
from partnership.site.page_cache import increment_version
from partnership.site.views import server_error
from tests.admin_forms import change_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def png(size=(64, 64), image_format="PNG"):
    buffer = BytesIO()
    Image.new("RGBA" if image_format != "JPEG" else "RGB", size, "navy").save(
        buffer, format=image_format
    )
    return buffer.getvalue()


@pytest.fixture
def site_settings(db):
    stored = SiteSettings(
        city_name="Stadt Beispielstadt",
        site_name="Partnerschaften Beispielstadt",
        site_description="Die Partnerstädte von Beispielstadt.",
        accent_color="#7a1f5c",
        operator_name="Stadt Beispielstadt",
        operator_address="Rathausplatz 1\n12345 Beispielstadt",
        operator_email="info@beispielstadt.example",
    )
    stored.emblem.save("wappen.png", ContentFile(png()), save=False)
    stored.save()
    return stored


# --- The admin ---------------------------------------------------------------


def test_the_list_leads_to_the_add_form_prefilled_from_the_settings(admin_client, settings):
    response = admin_client.get("/admin/site/sitesettings/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/site/sitesettings/add/"
    form = admin_client.get(response["Location"]).context["adminform"].form
    assert form.initial["site_name_de"] == settings.SITE_NAME
    assert form.initial["accent_color"] == settings.SITE_ACCENT_COLOR


def test_once_stored_the_list_is_the_form_and_there_is_no_second_row_nor_deleting(
    admin_client, site_settings
):
    response = admin_client.get("/admin/site/sitesettings/")
    assert response["Location"] == f"/admin/site/sitesettings/{site_settings.pk}/change/"
    assert admin_client.get("/admin/site/sitesettings/add/").status_code == 403
    delete = f"/admin/site/sitesettings/{site_settings.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert SiteSettings.objects.count() == 1


def test_the_form_posted_back_keeps_the_emblem_and_records_a_version(
    leitung_client, site_settings
):
    url = f"/admin/site/sitesettings/{site_settings.pk}/change/"
    emblem = site_settings.emblem.name
    page = leitung_client.get(url)
    assert page.status_code == 200
    data = change_form(page).data(_save="Sichern", city_name="Stadt Anderswo")
    response = leitung_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    site_settings.refresh_from_db()
    assert site_settings.city_name == "Stadt Anderswo"
    assert site_settings.emblem.name == emblem
    assert site_settings.history.count() == 2


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (SimpleUploadedFile("wappen.jpg", png(image_format="JPEG")), "PNG oder WebP"),
        (
            SimpleUploadedFile("wappen.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            "kein Bild",
        ),
    ],
)
def test_an_emblem_that_is_not_png_or_webp_is_a_form_error(
    admin_client, site_settings, upload, error
):
    url = f"/admin/site/sitesettings/{site_settings.pk}/change/"
    data = change_form(admin_client.get(url)).data(_save="Sichern")
    response = admin_client.post(url, {**data, "emblem": upload})
    assert response.status_code == 200
    assert error in str(response.context["adminform"].form.errors["emblem"])
    site_settings.refresh_from_db()
    assert site_settings.emblem.name.endswith(".png")


def test_a_new_emblem_stays_chosen_when_the_form_comes_back_with_an_error(
    leitung_client, site_settings, django_capture_on_commit_callbacks
):
    url = f"/admin/site/sitesettings/{site_settings.pk}/change/"
    data = change_form(leitung_client.get(url)).data(_save="Sichern", accent_color="#ffcc00")
    response = leitung_client.post(
        url, {**data, "emblem": SimpleUploadedFile("neu.png", png(size=(96, 96)))}
    )
    assert response.status_code == 200
    # The browser cannot refill the file input; the form holds the emblem.
    again = change_form(response).data(accent_color="#0b5ea8")
    assert again["emblem-held"]
    with django_capture_on_commit_callbacks(execute=True):
        response = leitung_client.post(url, again)
    assert response.status_code == 302, response.context["adminform"].form.errors
    site_settings.refresh_from_db()
    assert site_settings.emblem_width == 96


def test_an_accent_colour_too_light_for_white_is_a_form_error(admin_client, site_settings):
    url = f"/admin/site/sitesettings/{site_settings.pk}/change/"
    data = change_form(admin_client.get(url)).data(_save="Sichern", accent_color="#ffcc00")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "zu hell" in str(response.context["adminform"].form.errors["accent_color"])


def test_editors_may_not_change_the_site_settings(redakteur_client, site_settings):
    url = f"/admin/site/sitesettings/{site_settings.pk}/change/"
    assert redakteur_client.get(url).status_code == 403
    assert redakteur_client.post(url, {"city_name": "Gekapert"}).status_code == 403


# --- The copy per process ----------------------------------------------------


def test_without_a_row_the_settings_give_the_identity(settings):
    settings.SITE_NAME = "Partnerstädte"
    forget_copy()
    assert SiteSettings.current().site_name == "Partnerstädte"
    assert SiteSettings.current().accent_color == settings.SITE_ACCENT_COLOR


def test_the_copy_is_read_again_when_the_content_version_moves(
    site_settings, django_assert_num_queries
):
    SiteSettings.current()
    # Changed without signals, as another process's save looks from here.
    SiteSettings.objects.update(city_name="Stadt Später")
    with django_assert_num_queries(0):
        assert SiteSettings.current().city_name == "Stadt Beispielstadt"
    increment_version()
    # Site settings, the notices not ended, the demo records, the menu pages.
    with django_assert_num_queries(4):
        assert SiteSettings.current().city_name == "Stadt Später"


def test_the_copy_is_read_again_after_a_minute_whatever_the_version(site_settings, monkeypatch):
    SiteSettings.current()
    SiteSettings.objects.update(city_name="Stadt Später")
    assert SiteSettings.current().city_name == "Stadt Beispielstadt"
    later = time.monotonic() + COPY_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert SiteSettings.current().city_name == "Stadt Später"


@pytest.fixture
def copy_of_the_settings(site_settings):
    """This process read the site settings before the database went away."""
    site_state()
    return site_settings


@pytest.fixture
def database_away(monkeypatch):
    """Every new connection fails, as while PostgreSQL is stopped."""

    def refuse(self):
        raise OperationalError("Datenbank nicht erreichbar")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    monkeypatch.setattr(BaseDatabaseWrapper, "connection", None, raising=False)


def test_while_the_database_is_away_the_copy_or_the_settings_answer(
    copy_of_the_settings, database_away
):
    increment_version()
    assert SiteSettings.current().city_name == "Stadt Beispielstadt"
    forget_copy()
    assert SiteSettings.current().site_name == "Städtepartnerschaften"


# --- Where the public site shows them ----------------------------------------


def test_header_title_and_footer_name_the_city_and_the_site(client, site_settings):
    html = client.get("/").content.decode()
    # The header's long words carry soft hyphens; the title never does.
    header = html[html.index("<header") : html.index("</header>")].replace("\u00ad", "")
    assert "Stadt Beispielstadt" in header
    assert "Partnerschaften Beispielstadt" in header
    assert f'src="{site_settings.emblem.url}"' in header
    assert 'width="64" height="64"' in " ".join(header.split())
    assert "<title>Partnerschaften Beispielstadt</title>" in html
    footer = html[html.index("<footer") :]
    assert "Ein Angebot der Stadt Beispielstadt" in footer
    assert "Rathausplatz 1<br>12345 Beispielstadt" in footer
    assert 'content="Die Partnerstädte von Beispielstadt."' in html


def test_the_site_name_follows_the_language_with_german_as_fallback(client, site_settings):
    site_settings.site_name_en = "Twin towns of Beispielstadt"
    site_settings.save()
    assert "<title>Twin towns of Beispielstadt</title>" in client.get("/en/").content.decode()
    site_settings.site_name_en = ""
    site_settings.save()
    html = client.get("/en/").content.decode().replace("\u00ad", "")
    assert '<span lang="de">Partnerschaften Beispielstadt</span>' in html


def test_the_theme_colour_is_the_settings_and_its_address_changes_with_it(client, site_settings):
    html = client.get("/").content.decode()
    assert 'href="/theme.css?7a1f5c"' in html
    assert client.get("/theme.css?7a1f5c").content == b":root { --accent: #7a1f5c; }\n"


def test_articles_name_the_operator_as_publisher(client, site_settings):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    data = [
        json.loads(script)
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    publisher = next(item for item in data if item["@type"] == "NewsArticle")["publisher"]
    assert publisher["name"] == "Stadt Beispielstadt"
    assert publisher["logo"].endswith(site_settings.emblem.url)


def test_the_admin_and_workflow_mails_carry_the_site_name(
    admin_client, site_settings, redakteur, leitung, mailoutbox, django_capture_on_commit_callbacks
):
    html = admin_client.get("/admin/").content.decode()
    assert "Partnerschaften Beispielstadt – Verwaltung" in html
    draft = ArticleFactory(title="Jugendaustausch", status=Article.Status.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.submitted(draft, by=redakteur)
    message = mailoutbox[0]
    assert message.subject.startswith("[Partnerschaften Beispielstadt] ")
    assert message.body.rstrip().splitlines()[-3] == "Partnerschaften Beispielstadt"


@pytest.mark.parametrize("address", ["/favicon.ico", "/apple-touch-icon.png"])
def test_favicon_and_touch_icon_exist_with_and_without_an_emblem(client, site_settings, address):
    expected = {"/favicon.ico": "ICO", "/apple-touch-icon.png": "PNG"}[address]
    drawn = Image.open(BytesIO(client.get(address).content))
    assert drawn.format == expected
    SiteSettings.objects.all().delete()
    response = client.get(address)
    assert response.status_code == 200
    assert Image.open(BytesIO(response.content)).format == expected
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html


# --- Error pages without the database ----------------------------------------


def test_400_and_503_render_without_the_database(copy_of_the_settings, database_away):
    client = Client(raise_request_exception=False)
    increment_version()  # the copy is out of date, and cannot be read again
    bad_host = client.get("/", HTTP_HOST="angreifer.example")
    assert bad_host.status_code == 400
    assert "Stadt Beispielstadt" in bad_host.content.decode()
    # Old WordPress addresses are looked up in the database before a 404.
    unknown = client.get("/gibt-es-nicht/")
    assert unknown.status_code == 503
    assert "Stadt Beispielstadt" in unknown.content.decode()


def test_403_404_and_500_render_without_the_database(copy_of_the_settings, database_away, rf):
    request = rf.get("/")
    increment_version()
    for response in (
        permission_denied(request, PermissionDenied()),
        page_not_found(request, Http404()),
        server_error(request),
    ):
        assert response.status_code in (403, 404, 500)
        assert "Stadt Beispielstadt" in response.content.decode()
    forget_copy()
    assert "Städtepartnerschaften" in server_error(request).content.decode()


def test_feeds_carry_the_site_name_in_their_language(client, site_settings):
    site_settings.site_name_en = "Twin towns of Beispielstadt"
    site_settings.save()
    german = feedparser.parse(client.get("/aktuelles/feed/rss/").content)
    english = feedparser.parse(client.get("/en/news/feed/rss/").content)
    assert german.feed.title == "Partnerschaften Beispielstadt – Aktuelles"
    assert english.feed.title.startswith("Twin towns of Beispielstadt – ")

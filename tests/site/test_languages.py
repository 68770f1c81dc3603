"""
The site in several languages: which are served, their addresses, the
switcher, hreflang and og:locale, feeds, the sitemap and date formats.
"""

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, time
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.template import loader
from django.utils import formats, timezone, translation

from core.translation import TRANSLATED_LANGUAGES, State, state_field
from news.models import Article, is_allowed_slug
from partnership.settings import served_languages
from partnership.site import demo_data
from partnership.site.languages import language_of
from partnership.site.models import LegalPage, site_state
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    CooperationAreaFactory,
    HomeCityFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

# Articles appear in a language once translated; these are, into every one.
ALL_LANGUAGES = {state_field(code): State.COMPLETE for code in TRANSLATED_LANGUAGES}
# One slug in every language, so that addresses differ by their words alone.
WISSENSSTAEDTE = {f"slug_{code}": "wissensstaedte" for code in settings.CONTENT_LANGUAGES}
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
OG_LOCALE = re.compile(r'<meta property="og:locale(?::alternate)?" content="([^"]+)">')


def html(response):
    assert response.status_code == 200, response
    return response.content.decode()


def alternates(page):
    return dict(ALTERNATE.findall(page))


def switcher(page):
    """The language switcher's links: (href, attributes and text) in order."""
    nav = re.search(r'<nav class="language-nav".*?</nav>', page, flags=re.S).group(0)
    return re.findall(r'<a href="([^"]+)"(.*?)</a>', nav, flags=re.S)


# --- Settings ------------------------------------------------------------


def test_served_languages_follow_the_fixed_order_and_are_named_in_their_own_language():
    assert served_languages(["uk", "de", "ja"]) == [
        ("de", "Deutsch"),
        ("ja", "日本語"),
        ("uk", "Українська"),
    ]
    assert served_languages(["de", "en", "es"])[2] == ("es", "Español")


def test_an_unknown_language_names_the_allowed_codes():
    with pytest.raises(ImproperlyConfigured, match=r"fr.*allowed: de, en, ja, es, uk"):
        served_languages(["de", "fr"])


def test_german_cannot_be_switched_off():
    with pytest.raises(ImproperlyConfigured, match="must contain de"):
        served_languages(["en"])


def run_settings(languages):
    environment = {key: value for key, value in os.environ.items() if key != "LANGUAGES"}
    if languages is not None:
        environment["LANGUAGES"] = languages
    return subprocess.run(
        [sys.executable, "-c", "from partnership import settings; print(settings.LANGUAGES)"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_the_environment_chooses_the_languages_german_and_english_by_default():
    assert run_settings(None).stdout.strip() == "[('de', 'Deutsch'), ('en', 'English')]"
    assert "('es', 'Español')" in run_settings("de, es").stdout
    refused = run_settings("de,fr")
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr


# --- Which language a request gets ----------------------------------------


def test_unprefixed_addresses_stay_german_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="de">' in html(response)
    assert response["Content-Language"] == "de"
    assert not response.cookies and not client.cookies


def test_no_page_claims_to_vary_with_the_browser_language(client):
    for path in ("/", "/en/", "/admin/login/"):
        assert "accept-language" not in client.get(path).get("Vary", "").lower(), path
    assert client.get("/admin/login/")["Vary"] == "Cookie"


def test_the_admin_stays_german_whatever_the_browser_asks(client):
    page = html(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en"))
    assert 'lang="de"' in page
    assert "Passwort" in page
    assert client.get("/en/admin/").status_code == 404


def test_a_prefix_serves_that_language_and_sets_no_cookie(client):
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="de")
    assert '<html lang="en">' in html(response)
    assert response["Content-Language"] == "en"
    assert not response.cookies and not client.cookies


def test_a_language_not_served_has_no_prefix_switcher_entry_or_alternate(client, settings):
    ArticleFactory(**ALL_LANGUAGES)
    settings.LANGUAGES = [("de", "Deutsch"), ("en", "English")]
    assert client.get("/ja/").status_code == 404
    assert client.get("/ja/news/").status_code == 404
    page = html(client.get("/"))
    assert set(alternates(page)) == {"de", "en", "x-default"}
    assert [href for href, _rest in switcher(page)] == ["/", "/en/"]
    assert "/ja/" not in html(client.get("/sitemap.xml"))


# --- Addresses -------------------------------------------------------------


def test_every_public_object_has_an_address_in_every_language(client):
    HomeCityFactory()
    objects = [
        ArticleFactory(**ALL_LANGUAGES),
        CityFactory(name="Oviedo"),
        PartnershipFactory(),
        CategoryFactory(name="Kultur"),
        CooperationAreaFactory(),
        LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title="Impressum", published=True),
    ]
    for code in ("en", "ja", "es", "uk"):
        with translation.override(code):
            urls = [obj.get_absolute_url() for obj in objects]
        for url in urls:
            assert url.startswith(f"/{code}/")
            assert client.get(url).status_code == 200, url


def test_addresses_use_each_languages_words():
    category = CategoryFactory.build(slug="kultur")
    expected = {
        "de": "/aktuelles/kategorie/kultur/",
        "en": "/en/news/category/kultur/",
        "ja": "/ja/news/category/kultur/",
        "es": "/es/noticias/categoria/kultur/",
        "uk": "/uk/news/category/kultur/",
    }
    for code, url in expected.items():
        with translation.override(code):
            assert category.get_absolute_url() == url


def test_plain_and_sign_language_pages_have_one_german_address(client):
    LegalPage.objects.create(kind=LegalPage.Kind.PLAIN_LANGUAGE, title="Leichte", published=True)
    with translation.override("en"):
        assert LegalPage.objects.get().get_absolute_url() == "/leichte-sprache/"
    assert client.get("/en/leichte-sprache/").status_code == 404
    page = html(client.get("/en/"))
    assert '<a href="/leichte-sprache/" lang="de" hreflang="de">Leichte Sprache</a>' in page
    assert '<a href="/gebaerdensprache/" hreflang="de">' in page


def test_article_slugs_may_not_take_a_word_of_their_languages_news_section():
    assert not is_allowed_slug("kategorie")
    assert is_allowed_slug("category")
    assert not is_allowed_slug("category", language="en")
    assert not is_allowed_slug("feed", language="en")
    assert not is_allowed_slug("ciudad", language="es")
    assert is_allowed_slug("kategorie", language="en")


def test_old_single_digit_month_addresses_still_work_and_links_use_two(client):
    ArticleFactory(**ALL_LANGUAGES, publish_at=timezone.make_aware(datetime(2019, 5, 3, 10)))
    assert client.get("/aktuelles/2019/5/").status_code == 200
    assert 'href="/en/news/2019/05/"' in html(client.get("/aktuelles/2019/5/"))


# --- Switcher and head ------------------------------------------------------


def test_the_switcher_leads_to_the_same_page_in_each_language(client):
    article = ArticleFactory(**ALL_LANGUAGES, **WISSENSSTAEDTE)
    page = html(client.get(f"/en/news/{article.slug}/"))
    links = switcher(page)
    assert [href for href, _rest in links] == [
        "/aktuelles/wissensstaedte/",
        "/en/news/wissensstaedte/",
        "/ja/news/wissensstaedte/",
        "/es/noticias/wissensstaedte/",
        "/uk/news/wissensstaedte/",
    ]
    for (_href, rest), (code, name) in zip(links, settings.LANGUAGES, strict=True):
        assert f'lang="{code}"' in rest and f'hreflang="{code}"' in rest
        assert rest.endswith(f">{name}")
        assert ('aria-current="page"' in rest) == (code == "en")


@pytest.fixture
def german_and_english_only():
    """An article's translation states: complete in English alone."""
    return {state_field("en"): State.COMPLETE}


def test_a_page_missing_in_a_language_says_so_and_leads_to_that_home(
    client, german_and_english_only
):
    article = ArticleFactory(**german_and_english_only, **WISSENSSTAEDTE)
    page = html(client.get(article.get_absolute_url()))
    links = dict(switcher(page))
    assert 'lang="en"' in links["/en/news/wissensstaedte/"]
    for code, name in (("ja", "日本語"), ("es", "Español"), ("uk", "Українська")):
        entry = links[f"/{code}/"]
        assert f'lang="{code}"' in entry and f'hreflang="{code}"' in entry
        # The note sits in a span of its own, which a phone shows to screen readers only.
        assert f'{name}<span class="language-nav__note">:' in entry
    assert set(alternates(page)) == {"de", "en", "x-default"}
    assert OG_LOCALE.findall(page) == ["de_DE", "en_GB"]


def test_hreflang_names_every_version_absolutely_and_german_as_default(client):
    article = ArticleFactory(**ALL_LANGUAGES, **WISSENSSTAEDTE)
    page = html(client.get(f"/es/noticias/{article.slug}/"))
    assert alternates(page) == {
        "de": "http://testserver/aktuelles/wissensstaedte/",
        "en": "http://testserver/en/news/wissensstaedte/",
        "ja": "http://testserver/ja/news/wissensstaedte/",
        "es": "http://testserver/es/noticias/wissensstaedte/",
        "uk": "http://testserver/uk/news/wissensstaedte/",
        "x-default": "http://testserver/aktuelles/wissensstaedte/",
    }
    assert '<link rel="canonical" href="http://testserver/es/noticias/wissensstaedte/">' in page


def test_a_page_number_is_kept_in_every_alternate(client):
    for _ in range(11):
        ArticleFactory(**ALL_LANGUAGES)
    page = html(client.get("/en/news/?page=2"))
    assert alternates(page)["de"] == "http://testserver/aktuelles/?page=2"
    assert alternates(page)["en"] == "http://testserver/en/news/?page=2"


def test_og_locale_and_json_ld_name_the_language(client):
    HomeCityFactory()
    article = ArticleFactory(**ALL_LANGUAGES)
    with translation.override("en"):
        url = article.get_absolute_url()
    page = html(client.get(url))
    assert OG_LOCALE.findall(page) == ["en_GB", "de_DE", "ja_JP", "es_ES", "uk_UA"]
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, flags=re.S)
    (news_article,) = [data for data in map(json.loads, blocks) if data["@type"] == "NewsArticle"]
    assert news_article["inLanguage"] == "en"
    assert news_article["mainEntityOfPage"] == f"http://testserver{url}"


def test_a_missing_page_offers_each_languages_home(client):
    response = client.get("/en/news/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert [href for href, _rest in switcher(page)] == ["/", "/en/", "/ja/", "/es/", "/uk/"]
    assert not alternates(page)


def test_previews_carry_no_alternates(admin_client):
    draft = ArticleFactory(**ALL_LANGUAGES, status=Article.Status.DRAFT)
    page = html(admin_client.get(draft.get_absolute_url()))
    assert not alternates(page)


def test_the_error_page_without_a_request_names_its_language_and_offers_no_switcher():
    for code in ("de", "en"):
        with translation.override(code):
            # As server_error renders it: with the site's identity, without a request.
            page = loader.get_template("500.html").render(
                site_state(query=False).context(timezone.now())
            )
        assert f'<html lang="{code}">' in page
        assert '<nav class="language-nav"' not in page
        assert not alternates(page)


# --- Legal pages -------------------------------------------------------------


def test_legal_pages_elsewhere_than_in_german_point_to_the_binding_german_text(client):
    LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title="Impressum", published=True)
    english = html(client.get("/en/imprint/"))
    note = re.search(r'<p class="legal-note">(.*?)</p>', english, flags=re.S).group(1)
    assert '<a href="/impressum/" hreflang="de">' in note
    assert 'class="legal-note"' not in html(client.get("/impressum/"))


# --- Feeds -------------------------------------------------------------------


def test_each_language_has_its_feeds_with_its_language_and_addresses(client):
    article = ArticleFactory(**ALL_LANGUAGES, **WISSENSSTAEDTE)
    kultur = {f"slug_{code}": "kultur" for code in settings.CONTENT_LANGUAGES}
    article.categories.add(CategoryFactory(**kultur))
    home = html(client.get("/en/"))
    assert 'type="application/rss+xml" title="' in home
    assert 'href="/en/news/feed/rss/"' in home and 'href="/en/news/feed/atom/"' in home

    rss = ElementTree.fromstring(client.get("/en/news/feed/rss/").content)
    assert rss.findtext("channel/language") == "en"
    assert rss.findtext("channel/link") == "http://testserver/en/news/"
    assert rss.findtext("channel/item/link") == "http://testserver/en/news/wissensstaedte/"
    german = ElementTree.fromstring(client.get("/aktuelles/feed/rss/").content)
    assert german.findtext("channel/language") == "de"

    atom = client.get("/es/noticias/categoria/kultur/feed/atom/")
    assert atom.status_code == 200
    assert b'xml:lang="es"' in atom.content
    assert b"http://testserver/es/noticias/wissensstaedte/" in atom.content


# --- Sitemap -----------------------------------------------------------------


def sitemap(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext(f"{SITEMAP_NS}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML_NS}link")
        }
        for url in root.iter(f"{SITEMAP_NS}url")
    }


def test_the_sitemap_lists_each_language_version_with_its_alternates(client):
    ArticleFactory(**ALL_LANGUAGES, **WISSENSSTAEDTE)
    LegalPage.objects.create(kind=LegalPage.Kind.PLAIN_LANGUAGE, title="Leichte", published=True)
    entries = sitemap(client)
    versions = {
        "de": "http://testserver/aktuelles/wissensstaedte/",
        "en": "http://testserver/en/news/wissensstaedte/",
        "ja": "http://testserver/ja/news/wissensstaedte/",
        "es": "http://testserver/es/noticias/wissensstaedte/",
        "uk": "http://testserver/uk/news/wissensstaedte/",
    }
    for url in versions.values():
        assert entries[url] == {**versions, "x-default": versions["de"]}
    assert entries["http://testserver/leichte-sprache/"] == {
        "de": "http://testserver/leichte-sprache/",
        "x-default": "http://testserver/leichte-sprache/",
    }
    assert entries["http://testserver/en/"]["x-default"] == "http://testserver/"


def test_the_sitemap_leaves_out_languages_an_object_is_not_shown_in(
    client, german_and_english_only
):
    ArticleFactory(**german_and_english_only, **WISSENSSTAEDTE)
    article_entries = {
        url: links for url, links in sitemap(client).items() if "wissensstaedte" in url
    }
    assert set(article_entries) == {
        "http://testserver/aktuelles/wissensstaedte/",
        "http://testserver/en/news/wissensstaedte/",
    }
    for links in article_entries.values():
        assert set(links) == {"de", "en", "x-default"}


# --- Formats -----------------------------------------------------------------


def test_dates_and_times_in_each_languages_way():
    day, moment = date(2019, 12, 3), time(15, 4)
    expected = {
        "de": "3. Dezember 2019",
        "en": "3 December 2019",
        "ja": "2019年12月3日",
    }
    for code, text in expected.items():
        with translation.override(code):
            assert formats.date_format(day) == text
            assert formats.time_format(moment) == "15:04"


def test_pages_write_dates_in_the_language_of_the_page(client):
    partnership = PartnershipFactory(established_on=date(2019, 11, 25))
    expected = {"de": "25. November 2019", "en": "25 November 2019", "ja": "2019年11月25日"}
    for code, text in expected.items():
        with translation.override(code):
            url = partnership.get_absolute_url()
        assert text in html(client.get(url))


# --- The demo data, crawled ----------------------------------------------------

LINK = re.compile(r'href="(/[^"#?]*)"')
NOT_PAGES = (
    "/admin/",
    "/media/",
    "/static/",
    "/theme.css",
    "/karte/",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.ico",
    "/apple-touch-icon.png",
)

# Every address a reader reaches by following links on the German demo site,
# as it was before other languages came: none may change.
GERMAN_DEMO_ADDRESSES = {
    "/",
    "/daten/",
    "/aktuelles/",
    "/aktuelles/2019/",
    "/aktuelles/2019/05/",
    "/aktuelles/2019/12/",
    "/aktuelles/bereich/digitalisierung-staedtischer-einrichtungen/",
    "/aktuelles/bereich/foerderung-von-startups/",
    "/aktuelles/bereich/hochschulen-und-wissenschaft/",
    "/aktuelles/bereich/hochtechnologie-unternehmen/",
    "/aktuelles/bereich/stadtentwicklung/",
    "/aktuelles/kategorie/partnerschaften/",
    "/aktuelles/stadt/bochum/",
    "/aktuelles/stadt/donezk/",
    "/aktuelles/stadt/nordhausen/",
    "/aktuelles/stadt/oviedo/",
    "/aktuelles/stadt/sheffield/",
    "/aktuelles/stadt/tsukuba/",
    "/aktuelles/staedtepartnerschaft-bochum-tsukuba/",
    "/aktuelles/staedtepartnerschaft-der-wissensstaedte/",
    "/barrierefreiheit/",
    "/datenschutz/",
    "/foerdermoeglichkeiten/",
    "/foerdermoeglichkeiten/schueleraustausch/",
    "/gebaerdensprache/",
    "/impressum/",
    "/kontakt/",
    "/leichte-sprache/",
    "/mitmachen/",
    # Added with the events: the archive of past ones, linked from /mitmachen/.
    "/mitmachen/archiv/",
    "/mitmachen/buergerfahrt-nach-nordhausen/",
    "/mitmachen/konzert-eines-chors-aus-oviedo/",
    "/mitmachen/online-treffen-der-startups-aus-bochum-und-tsukuba/",
    "/mitmachen/packtag-fuer-die-hilfslieferung/",
    "/mitmachen/sammelaktion-fuer-die-naechste-hilfslieferung/",
    "/mitmachen/schueleraustausch-mit-sheffield/",
    "/partnerschaften/",
    "/partnerschaften/donezk/",
    "/partnerschaften/nordhausen/",
    "/partnerschaften/oviedo/",
    "/partnerschaften/sheffield/",
    "/partnerschaften/tsukuba/",
    "/partnerschaftsvereine/",
    "/staedte/",
    "/staedte/bochum/",
    "/staedte/donezk/",
    "/staedte/nordhausen/",
    "/staedte/oviedo/",
    "/staedte/sheffield/",
    "/staedte/tsukuba/",
}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def crawl(client, language):
    """Every page in ``language`` reached by links from its home page: {path: html}."""
    pages, todo = {}, ["/" if language == settings.LANGUAGE_CODE else f"/{language}/"]
    while todo:
        path = todo.pop()
        # Calendar and data files are files, not pages
        # (tests/participation/test_calendars.py, tests/site/test_open_data.py).
        if (
            path in pages
            or path.startswith(NOT_PAGES)
            or "/feed/" in path
            or path.endswith((".ics", ".csv", ".json", ".rdf"))
        ):
            continue
        pages[path] = html(client.get(path))
        todo += [
            link
            for link in LINK.findall(pages[path])
            # German-only pages are linked from every language; they are German pages.
            if language_of(link) == language
        ]
    return pages


def recent_demo_addresses():
    """
    The demo's news of the last weeks and its past events, dated from today:
    articles, archives, category, and the years of the event archive.
    """
    articles = demo_data.recent_articles(timezone.now())
    days = [timezone.localtime(item["publish_at"]) for item in articles]
    today = timezone.localdate()
    past_events = [
        item
        for item in demo_data.projects()
        if item.get("is_event") and item["start_date"] < today
    ]
    return {
        "/aktuelles/kategorie/begegnungen/",
        *(f"/aktuelles/{item['slug']}/" for item in articles),
        *(f"/aktuelles/{day:%Y}/" for day in days),
        *(f"/aktuelles/{day:%Y/%m}/" for day in days),
        *(f"/mitmachen/{item['start_date']:%Y}/" for item in past_events),
    }


def test_every_german_address_of_the_demo_is_unchanged(client, demo):
    assert set(crawl(client, "de")) == GERMAN_DEMO_ADDRESSES | recent_demo_addresses()


def test_hreflang_is_reciprocal_across_every_language_version_of_every_demo_page(client, demo):
    pages = {}
    for code, _name in settings.LANGUAGES:
        pages.update(crawl(client, code))
    assert len(pages) > 5 * 30
    origin = "http://testserver"
    for path, page in list(pages.items()):
        links = alternates(page)
        assert links[language_of(path)] == origin + path, path
        assert links["x-default"] == links["de"], path
        for code, url in links.items():
            other = url.removeprefix(origin)
            if other not in pages:
                pages[other] = html(client.get(other))
            assert alternates(pages[other]).get(language_of(path)) == origin + path, (path, code)

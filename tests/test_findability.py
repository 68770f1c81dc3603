"""Feeds, sitemap, robots.txt, link previews, structured data, archives, old URLs."""

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
import xmlschema
from django.conf import settings
from django.utils import timezone

from core import redirects
from core.models import RetiredSlug
from news.models import Article, LegacyRedirect
from partnership.site.models import LegalPage
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    HomeCityFactory,
    PartnershipFactory,
    hidden_articles,
    image_upload,
)

pytestmark = pytest.mark.django_db

SITEMAP_XSD = Path(settings.BASE_DIR).parent / "shared" / "schemas" / "sitemap.xsd"
# The language alternates (<xhtml:link>) each entry carries.
XHTML_LINK_XSD = Path(__file__).parent / "schemas" / "xhtml-link.xsd"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def local(*args):
    return timezone.make_aware(datetime(*args))


# --- Feeds ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["/aktuelles/feed/rss/", "/aktuelles/feed/atom/"])
def test_feeds_parse_cleanly_with_full_bodies_and_absolute_urls(client, url):
    category = CategoryFactory(name="Partnerschaften")
    article = ArticleFactory(
        title="Wissensstädte",
        byline="Presseamt",
        body='<p>Text mit <a href="/staedte/tsukuba/">Link</a> und '
        '<img src="/media/editor/bild.jpg" alt="Rathaus"></p>',
        image=image_upload(),
        image_alt="Skyline",
    )
    article.categories.add(category)
    hidden_articles(prefix="Verborgen ")

    response = client.get(url)
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Wissensstädte"]
    entry = feed.entries[0]
    assert entry.link == "http://testserver/aktuelles/wissensstaedte/"
    assert entry.author == "Presseamt"
    assert [tag.term for tag in entry.tags] == ["Partnerschaften"]
    body = entry.summary
    assert 'href="http://testserver/staedte/tsukuba/"' in body
    assert 'src="http://testserver/media/editor/bild.jpg"' in body
    assert re.search(r'src="http://testserver/media/news/article/\w+\.jpg"', body)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_and_city_feeds_hold_their_articles_only(client, kind):
    category, city = CategoryFactory(name="Kultur"), CityFactory(name="Oviedo")
    inside = ArticleFactory(title="Drinnen")
    inside.categories.add(category)
    inside.cities.add(city)
    ArticleFactory(title="Draußen")
    for url in [
        f"/aktuelles/kategorie/kultur/feed/{kind}/",
        f"/aktuelles/stadt/oviedo/feed/{kind}/",
    ]:
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo
        assert [entry.title for entry in feed.entries] == ["Drinnen"], url


def test_feeds_of_unknown_or_unpublished_filters_give_404(client):
    CityFactory(name="Versteckt", published=False)
    assert client.get("/aktuelles/stadt/versteckt/feed/rss/").status_code == 404
    assert client.get("/aktuelles/kategorie/nix/feed/atom/").status_code == 404


def test_pages_announce_their_feeds(client):
    CityFactory(name="Oviedo")
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and 'href="/aktuelles/feed/rss/"' in home
    assert 'href="/aktuelles/feed/atom/"' in home
    city_news = client.get("/aktuelles/stadt/oviedo/").content.decode()
    assert 'href="/aktuelles/stadt/oviedo/feed/rss/"' in city_news


def test_feed_escapes_markup_in_titles(client):
    ArticleFactory(title='"><script>alert(1)</script>')
    response = client.get("/aktuelles/feed/rss/")
    assert b"<script>alert(1)" not in response.content
    assert not feedparser.parse(response.content).bozo


# --- Sitemap and robots --------------------------------------------------


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    return response, {
        url.findtext(f"{SITEMAP_NS}loc"): url.findtext(f"{SITEMAP_NS}lastmod")
        for url in tree.iter(f"{SITEMAP_NS}url")
    }


def test_sitemap_lists_public_pages_with_lastmod(client):
    article = ArticleFactory(title="Im Sitemap")
    partnership = PartnershipFactory(partner_city__name="Tsukuba")
    hidden_articles(prefix="Verborgen ")
    CityFactory(name="Versteckt", published=False)

    _response, locations = sitemap_locations(client)

    # The sitemap gives the day in the city's time zone, as the pages do.
    assert locations[f"http://testserver{article.get_absolute_url()}"] == (
        timezone.localdate(article.updated).isoformat()
    )
    assert "http://testserver/staedte/tsukuba/" in locations
    assert f"http://testserver{partnership.get_absolute_url()}" in locations
    assert "http://testserver/" in locations and "http://testserver/mitmachen/" in locations
    assert not [loc for loc in locations if "verborgen" in loc or "versteckt" in loc]


def test_sitemap_lists_published_legal_pages_only(client):
    imprint = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT, title="Impressum", published=True
    )
    LegalPage.objects.create(kind=LegalPage.Kind.PRIVACY, title="Datenschutz", published=False)

    _response, locations = sitemap_locations(client)

    assert locations["http://testserver/impressum/"] == (
        timezone.localdate(imprint.updated).isoformat()
    )
    assert "http://testserver/datenschutz/" not in locations


@pytest.mark.skipif(not SITEMAP_XSD.exists(), reason="the sitemaps.org schema lies in ../shared")
def test_sitemap_is_valid_against_the_sitemaps_org_schema(client):
    ArticleFactory()
    PartnershipFactory()
    response, _locations = sitemap_locations(client)
    schema = xmlschema.XMLSchema([str(SITEMAP_XSD), str(XHTML_LINK_XSD)])
    content = response.content.decode()
    assert "<xhtml:link " in content
    schema.validate(content)
    # The alternates are checked, not merely let through.
    assert not schema.is_valid(content.replace('hreflang="en"', 'hreflang="English"'))


def test_sitemap_structure_by_hand(client):
    ArticleFactory()
    response, locations = sitemap_locations(client)
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP_NS}urlset"
    assert all(loc.startswith("http") and len(loc) < 2048 for loc in locations)
    assert all(
        lastmod is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod)
        for lastmod in locations.values()
    )


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /suche/" in text and "Disallow: /es/buscar/" in text


# --- Link previews and structured data -----------------------------------


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
        )
    ]


def test_article_page_has_canonical_description_opengraph_and_news_article(client):
    HomeCityFactory(name="Bochum")
    article = ArticleFactory(
        title="Wissensstädte",
        teaser="Bochum und Tsukuba.",
        byline="Presseamt",
        image=image_upload(),
        image_alt="Skyline",
    )
    html = client.get(article.get_absolute_url()).content.decode()

    assert '<link rel="canonical" href="http://testserver/aktuelles/wissensstaedte/">' in html
    assert '<meta name="description" content="Bochum und Tsukuba.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Wissensstädte">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    news, breadcrumbs = json_ld(html)
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Wissensstädte"
    assert news["author"]["name"] == "Presseamt"
    assert news["publisher"]["name"] == "Bochum"
    assert news["image"][0].startswith("http://testserver/media/")
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Startseite",
        "Aktuelles",
        "Wissensstädte",
    ]


def test_city_page_has_place_data(client):
    city = CityFactory(name="Tsukuba", country="JP", latitude="36.08333", longitude="140.11667")
    html = client.get(city.get_absolute_url()).content.decode()
    place = json_ld(html)[0]
    assert place["@type"] == "City"
    assert place["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 36.08333,
        "longitude": 140.11667,
    }
    assert place["containedInPlace"]["name"] == "Japan"


def test_structured_data_cannot_break_out_of_its_script(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert json_ld(html)[0]["headline"] == "</script><script>alert(1)</script>"


def test_previews_carry_no_structured_data(client, editor):
    draft = ArticleFactory(title="Entwurf", status=Article.Status.DRAFT)
    client.force_login(editor)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert not [data for data in json_ld(html) if data["@type"] == "NewsArticle"]


def test_every_page_has_a_canonical_url_and_a_description(client):
    ArticleFactory()
    for url in ["/", "/aktuelles/", "/staedte/", "/partnerschaften/", "/mitmachen/", "/suche/"]:
        html = client.get(url).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in html, url
        assert '<meta name="description" content="' in html, url


def test_canonical_url_keeps_the_page_number_and_drops_the_rest(client):
    ArticleFactory.create_batch(11)
    html = client.get("/aktuelles/?page=2&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/aktuelles/?page=2">' in html


def test_canonical_url_uses_the_configured_origin(client, settings):
    settings.SITE_URL = "https://partnerschaften.example.org"
    html = client.get("/staedte/").content.decode()
    assert '<link rel="canonical" href="https://partnerschaften.example.org/staedte/">' in html


# --- Old URLs keep working -----------------------------------------------


def test_changed_slug_of_a_published_article_redirects_permanently(client):
    article = ArticleFactory(title="Alter Titel")
    article.slug = "neuer-titel"
    article.save()
    response = client.get("/aktuelles/alter-titel/")
    assert response.status_code == 301
    assert response["Location"] == "/aktuelles/neuer-titel/"


def test_renamed_city_and_partnership_redirect(client):
    partnership = PartnershipFactory(partner_city__name="Donezk")
    city = partnership.partner_city
    city.slug = "donezk-ukraine"
    city.save()
    partnership.slug = "donezk-ukraine"
    partnership.save()
    assert client.get("/staedte/donezk/")["Location"] == "/staedte/donezk-ukraine/"
    assert client.get("/partnerschaften/donezk/")["Location"] == "/partnerschaften/donezk-ukraine/"


def test_old_slug_of_a_draft_is_not_kept(client):
    draft = ArticleFactory(title="Entwurf", status=Article.Status.DRAFT)
    draft.slug = "entwurf-neu"
    draft.save()
    assert client.get("/aktuelles/entwurf/").status_code == 404


def test_old_slug_does_not_reveal_an_article_withdrawn_since(client):
    article = ArticleFactory(title="Alt")
    article.slug = "neu"
    article.save()
    article.status = Article.Status.WITHDRAWN
    article.save()
    assert client.get("/aktuelles/alt/").status_code == 404


def test_a_changed_slug_wins_over_an_imported_redirect_at_the_same_address(client):
    article = ArticleFactory(title="Alt")
    article.slug = "neu"
    article.save()
    LegacyRedirect.objects.create(old_path="/aktuelles/alt/", new_path="/aktuelles/")
    assert client.get("/aktuelles/alt/")["Location"] == "/aktuelles/neu/"
    assert client.get("/aktuelles/nie-da-gewesen/").status_code == 404


def test_old_slugs_are_kept_per_language_and_answered_in_their_own(client):
    article = ArticleFactory(title="Alt")
    article.slug = "neu"
    article.save()
    retired = RetiredSlug.objects.get(slug="alt")
    assert retired.language == "de"
    RetiredSlug.objects.filter(pk=retired.pk).update(language="en")
    # The site speaks German only, so an English old slug leads nowhere yet.
    assert client.get("/aktuelles/alt/").status_code == 404


def test_apps_answer_their_old_addresses_through_the_one_module(client, monkeypatch):
    monkeypatch.setattr(
        redirects,
        "_lookups",
        [lambda request: "/staedte/" if request.path == "/altes-archiv/" else None],
    )
    response = client.get("/altes-archiv/")
    assert response.status_code == 301
    assert response["Location"] == "/staedte/"
    assert client.get("/anderes-archiv/").status_code == 404


# --- Archives ------------------------------------------------------------


@pytest.fixture
def archive():
    ArticleFactory(title="Dezember-Nachricht", publish_at=local(2019, 12, 3, 10))
    ArticleFactory(title="Mai-Nachricht", publish_at=local(2019, 5, 26, 10))
    ArticleFactory(title="Neuere Nachricht", publish_at=local(2020, 1, 15, 10))
    ArticleFactory(
        title="Verborgen Entwurf", status=Article.Status.DRAFT, publish_at=local(2019, 12, 5, 10)
    )


def test_year_archive_lists_the_years_news_and_links_its_months(client, archive):
    html = client.get("/aktuelles/2019/").content.decode()
    assert "<h1>Nachrichten aus 2019</h1>" in html
    assert "Dezember-Nachricht" in html and "Mai-Nachricht" in html
    assert "Neuere Nachricht" not in html and "Verborgen" not in html
    assert 'href="/aktuelles/2019/12/"' in html and 'href="/aktuelles/2019/05/"' in html


def test_month_archive_has_a_heading_that_says_what_is_shown(client, archive):
    html = client.get("/aktuelles/2019/12/").content.decode()
    assert "<h1>Nachrichten aus Dezember 2019</h1>" in html
    assert "Dezember-Nachricht" in html
    assert "Mai-Nachricht" not in html and "Verborgen" not in html


@pytest.mark.parametrize(
    "url", ["/aktuelles/2018/", "/aktuelles/2019/13/", "/aktuelles/2019/0/", "/aktuelles/99999/"]
)
def test_empty_or_impossible_archives_give_404(client, archive, url):
    assert client.get(url).status_code == 404


def test_archive_with_only_hidden_articles_gives_404(client):
    hidden_articles(prefix="Verborgen ")
    year = timezone.localdate().year
    assert client.get(f"/aktuelles/{year + 1}/").status_code == 404


def test_archive_pagination_keeps_the_filter(client):
    for day in range(1, 12):
        ArticleFactory(publish_at=local(2019, 12, day, 10))
    html = client.get("/aktuelles/2019/12/").content.decode()
    assert 'href="?page=2"' in html
    assert len(client.get("/aktuelles/2019/12/?page=2").context["article_list"]) == 1


def test_long_lists_stop_after_twenty_pages_and_point_to_the_archive(client):
    Article.objects.bulk_create(
        [
            Article(
                title=f"Nachricht {n}",
                slug=f"nachricht-{n}",
                body="<p>x</p>",
                status=Article.Status.PUBLISHED,
                publish_at=local(2019, 1, 1, 10) + timedelta(hours=n),
            )
            for n in range(205)
        ]
    )
    last = client.get("/aktuelles/?page=20")
    assert last.status_code == 200
    assert "im Archiv" in last.content.decode()
    assert client.get("/aktuelles/?page=21").status_code == 404


def test_archive_query_count(client, archive, django_assert_num_queries):
    # Whether the year has news, its months, the previous and next year,
    # paginator count, the page of articles, the years for the navigation.
    with django_assert_num_queries(7):
        client.get("/aktuelles/2019/")


def test_month_archive_query_count(client, archive, django_assert_num_queries):
    # Whether the month has news, the previous and next month, paginator
    # count, the page of articles, the years for the navigation.
    with django_assert_num_queries(6):
        client.get("/aktuelles/2019/12/")

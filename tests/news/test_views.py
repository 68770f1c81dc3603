import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    CooperationAreaFactory,
    PartnershipFactory,
    hidden_articles,
)

pytestmark = pytest.mark.django_db


def test_news_list_shows_published_articles_with_teaser_and_read_more(client):
    ArticleFactory(title="Sichtbar", teaser="Kurz gesagt.")
    hidden_articles()

    response = client.get("/aktuelles/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sichtbar" in html and "Kurz gesagt." in html and "Weiterlesen" in html
    for title in ["Entwurf", "In Prüfung", "Zurückgezogen", "Geplant", "Abgelaufen"]:
        assert title not in html


def test_news_list_pages_by_ten(client):
    ArticleFactory.create_batch(11)
    first = client.get("/aktuelles/")
    second = client.get("/aktuelles/?page=2")
    assert len(first.context["article_list"]) == 10
    assert len(second.context["article_list"]) == 1
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e3", str(10**20)])
def test_bad_page_numbers_give_404(client, page):
    ArticleFactory()
    response = client.get(f"/aktuelles/?page={page}")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()


def test_news_list_query_count_does_not_grow_with_articles(client, django_assert_num_queries):
    ArticleFactory.create_batch(11)
    # Paginator count, the page of articles, the years for the archive links.
    with django_assert_num_queries(3):
        client.get("/aktuelles/")


def test_lists_leave_out_the_german_texts_translations_were_made_from(client):
    """Each is as long as the article: a list of ten would read them forty times."""
    ArticleFactory()
    with CaptureQueriesContext(connection) as queries:
        client.get("/aktuelles/")
    [listed] = [query["sql"] for query in queries if '"news_article"."title_de"' in query["sql"]]
    assert "translation_basis_en" not in listed
    # Nor the other languages' texts, nor the German copy in the untranslated column.
    assert '"news_article"."body_en"' not in listed
    assert '"news_article"."body",' not in listed


def test_the_article_page_reads_its_language_and_german_only(client):
    """Its related rows too: a city has some eighty columns in five languages."""
    article = ArticleFactory()
    article.cities.add(CityFactory())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    [page] = [query["sql"] for query in queries if '"news_article"."body_de"' in query["sql"]]
    [cities] = [query["sql"] for query in queries if "news_article_cities" in query["sql"]]
    assert '"news_article"."body_en"' not in page
    assert '"cities_city"."name_de"' in cities
    assert '"cities_city"."name_en"' not in cities


def test_article_page_shows_body_byline_and_related_public_cities(client):
    public_city = CityFactory(name="Tsukuba")
    hidden_city = CityFactory(name="Geheimstadt", published=False)
    category = CategoryFactory(name="Partnerschaften")
    article = ArticleFactory(
        title="Wissensstädte",
        body="<p>Der 25.11.2019 war ein historischer Tag.</p>",
        byline="Presseamt",
    )
    article.cities.add(public_city, hidden_city)
    article.categories.add(category)

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Wissensstädte</h1>" in html
    assert "historischer Tag" in html
    assert "Von Presseamt" in html
    assert 'href="/staedte/tsukuba/"' in html
    assert "Geheimstadt" not in html
    assert 'href="/aktuelles/kategorie/partnerschaften/"' in html
    assert "Vorschau" not in html


def test_article_date_badge_is_a_time_element(client):
    article = ArticleFactory(
        publish_at=timezone.localtime().replace(year=2019, month=12, day=3, hour=10)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time class="date-badge" datetime="2019-12-03T10:' in html
    assert '<span class="date-badge__month">Dez</span>' in html
    assert '<span class="date-badge__year">2019</span>' in html


def test_article_page_query_count(client, django_assert_num_queries):
    article = ArticleFactory()
    article.cities.add(CityFactory(), CityFactory())
    article.partnerships.add(PartnershipFactory())
    article.categories.add(CategoryFactory())
    # The article, then one query each for categories, areas, cities and
    # partnerships, and the home city as publisher in the structured data.
    with django_assert_num_queries(6):
        client.get(article.get_absolute_url())


def test_unknown_article_gives_404(client):
    assert client.get("/aktuelles/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("index", range(5))
def test_unpublished_article_gives_404_to_visitors(client, index):
    article = hidden_articles()[index]
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_previews_a_draft_with_a_banner_noindex_and_no_cache(client, editor):
    draft = ArticleFactory(title="Noch geheim", status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Vorschau – Entwurf" in html
    assert f'href="/admin/news/article/{draft.pk}/change/"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


def test_staff_without_article_rights_gets_no_preview(client, staff_without_rights):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(staff_without_rights)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_category_city_and_area_lists_show_only_their_public_articles(client):
    category, city, area = (
        CategoryFactory(name="Kultur"),
        CityFactory(name="Oviedo"),
        CooperationAreaFactory(name="Startups"),
    )
    inside = ArticleFactory(title="Drinnen")
    inside.categories.add(category)
    inside.cities.add(city)
    inside.cooperation_areas.add(area)
    ArticleFactory(title="Draußen")
    draft = ArticleFactory(title="Entwurf drinnen", status=Article.Status.DRAFT)
    draft.categories.add(category)
    draft.cities.add(city)

    for url, heading in [
        ("/aktuelles/kategorie/kultur/", "Aktuelles in der Kategorie „Kultur“"),
        ("/aktuelles/stadt/oviedo/", "Nachrichten aus Oviedo"),
        ("/aktuelles/bereich/startups/", "Aktuelles zum Kooperationsfeld „Startups“"),
    ]:
        # Long words in headings carry soft hyphens.
        html = client.get(url).content.decode().replace("\u00ad", "")
        assert f"<h1>{heading}</h1>" in html
        assert "Drinnen" in html
        assert "Draußen" not in html and "Entwurf drinnen" not in html


def test_filtered_list_query_count(client, django_assert_num_queries):
    city = CityFactory(name="Oviedo")
    for article in ArticleFactory.create_batch(11):
        article.cities.add(city)
    # The city, paginator count, the page of articles, the archive years.
    with django_assert_num_queries(4):
        client.get("/aktuelles/stadt/oviedo/")


@pytest.mark.parametrize(
    "url", ["/aktuelles/kategorie/nix/", "/aktuelles/stadt/nix/", "/aktuelles/bereich/nix/"]
)
def test_unknown_filter_gives_404(client, url):
    assert client.get(url).status_code == 404


def test_news_of_an_unpublished_city_gives_404(client):
    CityFactory(name="Versteckt", published=False)
    assert client.get("/aktuelles/stadt/versteckt/").status_code == 404

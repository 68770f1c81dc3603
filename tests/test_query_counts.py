"""
Every public page makes the same number of queries, at most ten, whether
there is one article or more than a page of them.
"""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/aktuelles/",
    "/aktuelles/erster-beitrag/",
    "/aktuelles/2019/",
    "/aktuelles/2019/12/",
    "/aktuelles/kategorie/kultur/",
    "/aktuelles/stadt/tsukuba/",
    "/aktuelles/feed/rss/",
    "/staedte/",
    "/staedte/tsukuba/",
    "/partnerschaften/",
    "/partnerschaften/tsukuba/",
    "/mitmachen/",
    "/suche/?q=Beitrag",
    "/sitemap.xml",
]


def add_articles(count, category, city, partnership):
    for _ in range(count):
        article = ArticleFactory(publish_at=timezone.make_aware(datetime(2019, 12, 3, 10)))
        article.categories.add(category)
        article.cities.add(city)
        article.partnerships.add(partnership)


def query_counts(client):
    counts = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_archive(client):
    HomeCityFactory(latitude=51.48, longitude=7.21)
    city = CityFactory(name="Tsukuba", latitude=36.08, longitude=140.11)
    partnership = PartnershipFactory(partner_city=city)
    ProjectFactory(partnership=partnership)
    category = CategoryFactory(name="Kultur")
    first = ArticleFactory(
        title="Erster Beitrag", publish_at=timezone.make_aware(datetime(2019, 12, 1, 10))
    )
    first.categories.add(category)
    first.cities.add(city)

    small = query_counts(client)
    add_articles(11, category, city, partnership)
    large = query_counts(client)

    assert small == large
    assert max(large.values()) <= 10, large

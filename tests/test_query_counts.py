"""
Every public page makes a fixed number of queries, pinned per page with the
reason, whether there is one article or more than a page of them.
"""

from datetime import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import translate_url
from django.utils import timezone, translation

from core.translation import State, state_field
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    ContactFactory,
    CooperationAreaFactory,
    EventFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
    StatusChangeFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db

# Each page's queries, pinned, and why it needs them. The counts hold with
# one article and with more than a page of them (the test below checks both).
QUERIES = {
    # Home city for the map, partnerships, latest news, upcoming projects.
    "/": 4,
    # Archive years, the page count, the page of articles.
    "/aktuelles/": 3,
    # The article, its categories, areas, cities and partnerships (one
    # prefetch each), and the home city for the map of related places.
    "/aktuelles/erster-beitrag/": 6,
    # Whether the year has articles, its months, the year's articles (the
    # archive view asks twice), archive years, page count, page.
    "/aktuelles/2019/": 7,
    # Whether the month has articles, its articles (asked twice), archive
    # years, page count, page.
    "/aktuelles/2019/12/": 6,
    # The category, archive years, page count, page.
    "/aktuelles/kategorie/kultur/": 4,
    # The city, archive years, page count, page.
    "/aktuelles/stadt/tsukuba/": 4,
    # The items and their categories.
    "/aktuelles/feed/rss/": 2,
    # The cities and their published partnerships.
    "/staedte/": 2,
    # The city, its partnerships with status history, ties, agreements and
    # projects (one prefetch each), its contacts, its latest news.
    "/staedte/tsukuba/": 8,
    # The home city and the partnerships for the map and list.
    "/partnerschaften/": 2,
    # The partnership with status history, ties, agreements and projects,
    # the news about it or its partner city; that news in full once more for
    # the chronicle, which takes the rest from what the page prefetched.
    "/partnerschaften/tsukuba/": 7,
    # The upcoming events with their partnerships, cities and areas in one join.
    "/mitmachen/": 1,
    # One query per kind of result (articles, cities, partnerships, projects,
    # free pages), on PostgreSQL one for all of them together and the
    # vocabulary lookup, which also tells how common the words are; and one
    # reading the articles shown, which are found by key and score.
    "/suche/?q=Beitrag": 3 if connection.vendor == "postgresql" else 6,
    # The event with its partnership, cities, area and contact in one join; the
    # home city, which names the organizer while there are no site settings.
    "/mitmachen/buergerfahrt/": 2,
    # The years with past events.
    "/mitmachen/archiv/": 1,
    # The year's past events with their partnerships, cities and areas.
    "/mitmachen/2020/": 1,
    # The entries of each section with any (news, cities, partnerships), the
    # legal and the free pages, none here. With an entry per language the
    # sitemap pages a list rather than a QuerySet, so there is no count query.
    # The events are one more section.
    "/sitemap.xml": 6,
    # The newest change of what the open data show, in one query.
    "/daten/": 1,
    # The newest change, the partnerships with their cities, the cooperation
    # areas of agreements and of projects, and the barometer's six.
    "/daten/partnerschaften.json": 10,
    # The partnerships with their cities and the barometer's six; the CSV
    # carries no date, its Last-Modified one query.
    "/daten/jahreszahlen.csv": 8,
    # The newest change; the rest is the site settings.
    "/daten/dcat.rdf": 1,
}

# Addresses of machines that exist once, in German.
GERMAN_ONLY = {
    "/sitemap.xml",
    "/daten/partnerschaften.json",
    "/daten/jahreszahlen.csv",
    "/daten/dcat.rdf",
}

# The same pages in English, Japanese, Spanish and Ukrainian. A year's or a
# month's archive exists there where the German one does: one question to
# German instead of its own, and Django's archive view then skips its two
# queries for the neighbouring periods, which no page links to.
IN_OTHER_LANGUAGES = {
    **QUERIES,
    "/aktuelles/2019/": 5,
    "/aktuelles/2019/12/": 4,
    # The German word finds nothing there: no hits to read.
    "/suche/?q=Beitrag": QUERIES["/suche/?q=Beitrag"] - 1,
}


def add_articles(count, category, city, partnership, **fields):
    for _ in range(count):
        article = ArticleFactory(
            publish_at=timezone.make_aware(datetime(2019, 12, 3, 10)), **fields
        )
        article.categories.add(category)
        article.cities.add(city)
        article.partnerships.add(partnership)


def add_events(partnership):
    """An upcoming event with its own page and a past one for the year's archive."""
    EventFactory(partnership=partnership, slug="buergerfahrt", contact=ContactFactory())
    EventFactory(partnership=partnership, start_date=datetime(2020, 5, 1).date())


def address_in(url, language):
    """
    The page at German ``url`` in ``language``. The German address resolves
    only with German active, whatever language the previous request left.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


def query_counts(client, language="de"):
    """Each page's queries in ``language``, keyed by its German address."""
    counts = {}
    for url in QUERIES:
        address = address_in(url, language)
        # Counted in the language asked for, not in German by mistake.
        in_german = language == settings.LANGUAGE_CODE or url in GERMAN_ONLY
        assert (address == url) == in_german, address
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200, address
        counts[url] = len(queries)
    return counts


def partnership_with_events():
    """The home city, a partner city with an image, their partnership with events, a category."""
    HomeCityFactory(latitude=51.48, longitude=7.21)
    # With an image: lists that read only some columns still read all it shows.
    city = CityFactory(
        name="Tsukuba",
        latitude=36.08,
        longitude=140.11,
        image=image_upload(),
        image_alt="Rathaus",
        image_credit="Stadt Tsukuba",
    )
    partnership = PartnershipFactory(partner_city=city)
    ProjectFactory(partnership=partnership)
    add_events(partnership)
    return city, partnership, CategoryFactory(name="Kultur")


def test_query_counts_do_not_grow_with_the_archive(client):
    city, partnership, category = partnership_with_events()
    first = ArticleFactory(
        title="Erster Beitrag", publish_at=timezone.make_aware(datetime(2019, 12, 1, 10))
    )
    first.categories.add(category)
    first.cities.add(city)

    small = query_counts(client)
    add_articles(11, category, city, partnership)
    EventFactory.create_batch(
        5, partnership=partnership, cooperation_area=CooperationAreaFactory()
    )
    EventFactory.create_batch(5, partnership=partnership, start_date=datetime(2020, 6, 1).date())
    large = query_counts(client)

    assert small == QUERIES
    assert large == QUERIES


def add_translated_content(language):
    """A page's worth of everything, the articles translated into ``language``."""
    city, partnership, category = partnership_with_events()
    # Articles appear in a language once their translation is complete.
    translated = {state_field(language): State.COMPLETE} if language != "de" else {}
    add_articles(1, category, city, partnership, **translated)
    ArticleFactory(
        title="Erster Beitrag", publish_at=timezone.make_aware(datetime(2019, 12, 1)), **translated
    )


@pytest.mark.parametrize("language", ["de", "en", "ja", "es", "uk"])
def test_query_counts_are_pinned_in_every_served_language(client, language):
    add_translated_content(language)

    assert query_counts(client, language) == (
        QUERIES if language == settings.LANGUAGE_CODE else IN_OTHER_LANGUAGES
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_query_counts_do_not_grow_with_the_number_of_languages(client, settings, language):
    """A page costs the same whether the site serves only its language or all five."""
    add_translated_content(language)
    everything = query_counts(client, language)

    settings.LANGUAGES = [
        (code, name) for code, name in settings.LANGUAGES if code in {"de", language}
    ]
    assert query_counts(client, language) == everything


def test_partnership_page_costs_the_same_with_one_and_twenty_items(client):
    """Its chronicle lists every item, and still reads them in fixed queries."""
    city = CityFactory(name="Tsukuba")
    partnership = PartnershipFactory(partner_city=city)
    url = "/partnerschaften/tsukuba/"

    def add(count):
        StatusChangeFactory.create_batch(count, partnership=partnership)
        for agreement in AgreementFactory.create_batch(count, partnership=partnership):
            agreement.cooperation_areas.add(CooperationAreaFactory())
        ProjectFactory.create_batch(
            count, partnership=partnership, start_date=datetime(2020, 5, 1).date()
        )
        ProjectFactory.create_batch(count, partnership=partnership)
        for article in ArticleFactory.create_batch(count):
            article.partnerships.add(partnership)
            article.cities.add(city)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(1)
    one = queries()
    add(19)
    twenty = queries()

    # The pinned page has no agreement; here their areas are one prefetch more.
    assert one == twenty == QUERIES[url] + 1

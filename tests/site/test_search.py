import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cities.models import City
from core import search
from core.search import clean_query, full_text_query, highlight
from core.searching import SearchTerm
from news.models import Article
from partnership.models import Partnership, Project
from tests.factories import (
    ArticleFactory,
    CityFactory,
    ContactFactory,
    EventFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text and trigram search need PostgreSQL"
)


def hits(client, query, **params):
    response = client.get("/suche/", {"q": query, **params})
    assert response.status_code == 200
    return response, [(str(hit.label), hit.title) for hit in response.context["object_list"]]


@pytest.fixture
def content():
    city = CityFactory(name="Tsukuba", summary="Wissenschaftsstadt in Japan.")
    partnership = PartnershipFactory(partner_city=city, summary="Partnerschaft der Wissensstädte.")
    ProjectFactory(partnership=partnership, title="Delegationsreise nach Tsukuba")
    ArticleFactory(
        title="Städtepartnerschaft der Wissensstädte",
        teaser="Bochum und Tsukuba schließen eine Städtepartnerschaft.",
        body="<p>Robotik und Raumfahrt.</p>",
    )
    ArticleFactory(
        title="Kulturaustausch mit Oviedo", body="<p>Theatergruppen besuchen Tsukuba nicht.</p>"
    )


def test_search_finds_every_kind_with_labels(client, content):
    _response, found = hits(client, "Tsukuba")
    kinds = {kind for kind, _title in found}
    assert kinds == {"Nachricht", "Stadt", "Partnerschaft", "Projekt"}


def test_title_matches_rank_above_body_matches(client, content):
    _response, found = hits(client, "Tsukuba")
    titles = [title for _kind, title in found]
    assert titles.index("Tsukuba") < titles.index("Kulturaustausch mit Oviedo")


def test_snippets_mark_the_matches_and_escape_the_rest(client):
    ArticleFactory(title="Robotik", teaser="Robotik <script>alert(1)</script> & KI")
    response, _found = hits(client, "Robotik")
    html = response.content.decode()
    assert "<mark>Robotik</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "query",
    ["", "x" * 10_000, "!!!", "???***", '"Tsukuba" OR -Oviedo & | !(', "つくば", "a\x00b"],
    ids=["empty", "long", "punctuation", "symbols", "operators", "japanese", "nul"],
)
def test_odd_queries_give_a_normal_page(client, content, query):
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    assert "Suche" in response.content.decode()


def test_broken_utf8_in_the_query_gives_a_normal_page(client, content):
    response = client.get("/suche/?q=%ED%A0%80%FF%00Tsukuba")
    assert response.status_code == 200
    assert "Suche" in response.content.decode()


def test_search_results_are_paginated_and_keep_the_query(client):
    ArticleFactory.create_batch(12, title="Begegnung in Nordhausen")
    response, found = hits(client, "Nordhausen")
    assert len(found) == 10
    assert 'href="?q=Nordhausen&amp;page=2"' in response.content.decode()
    _second, rest = hits(client, "Nordhausen", page=2)
    assert len(rest) == 2


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_bad_search_page_gives_404(client, content, page):
    assert client.get("/suche/", {"q": "Tsukuba", "page": page}).status_code == 404


def test_unpublished_content_is_never_found(client):
    now = timezone.now()
    ArticleFactory(title="Geheim Entwurf", status=Article.Status.DRAFT)
    ArticleFactory(title="Geheim geplant", publish_at=now + timedelta(days=1))
    ArticleFactory(title="Geheim abgelaufen", publish_at=now - timedelta(days=3), unpublish_at=now)
    ArticleFactory(title="Geheim zurückgezogen", status=Article.Status.WITHDRAWN)
    CityFactory(name="Geheimstadt", published=False)
    PartnershipFactory(summary="Geheime Absprachen", published=False)
    ProjectFactory(title="Geheimprojekt", published=False)
    _response, found = hits(client, "Geheim")
    assert found == []


def test_search_works_without_cookies(client, content):
    response = client.get("/suche/", {"q": "Tsukuba"})
    assert not response.cookies


# On PostgreSQL one in the vocabulary for words like the query's and how
# common its words are, one for every kind of content together, and one
# reading the news shown, found by key and score; elsewhere one per kind
# and the news shown. Snippets need none.
SEARCH_QUERIES = 3 if connection.vendor == "postgresql" else 6


def test_search_query_count(client, content, django_assert_num_queries):
    with django_assert_num_queries(SEARCH_QUERIES):
        client.get("/suche/", {"q": "Tsukuba"})


def test_an_event_hit_links_to_the_event_page_at_no_extra_query(
    client, content, django_assert_num_queries
):
    EventFactory(title="Bürgerfahrt nach Tsukuba", slug="buergerfahrt-tsukuba")
    # As above: the event is one more row of the project queries.
    with django_assert_num_queries(SEARCH_QUERIES):
        response, found = hits(client, "Tsukuba")

    # Named as what readers look for, though found among the projects.
    assert ("Termin", "Bürgerfahrt nach Tsukuba") in found
    assert ("Projekt", "Delegationsreise nach Tsukuba") in found
    html = response.content.decode()
    assert 'href="/mitmachen/buergerfahrt-tsukuba/"' in html
    kinds = re.findall(r'class="search-result__kind">\s*(\w+)', html)
    assert "Termin" in kinds


def test_clean_query_drops_control_characters_and_bounds_length():
    assert clean_query("  Tsu\x00ku\tba  ") == "Tsu ku ba"
    assert len(clean_query("x" * 10_000)) == 200


def test_a_heading_copied_with_its_soft_hyphens_finds_its_article(client, content):
    assert clean_query("Städte\u00adpartner\u00adschaft") == "Städtepartnerschaft"
    _response, found = hits(client, "Städte\u00adpartner\u00adschaft der Wissensstädte")
    assert ("Nachricht", "Städtepartnerschaft der Wissensstädte") in found


def test_highlight_marks_inflected_forms():
    marked = highlight("Die Städtepartnerschaft mit Tsukuba.", "Städtepartnerschaften")
    assert "<mark>Städtepartnerschaft</mark>" in marked


@postgres_only
def test_german_stemming_finds_the_singular_for_the_plural(client, content):
    _response, found = hits(client, "Städtepartnerschaften")
    assert ("Nachricht", "Städtepartnerschaft der Wissensstädte") in found


@postgres_only
def test_trigrams_forgive_typos(client, content):
    _response, found = hits(client, "Tsukba")
    assert ("Stadt", "Tsukuba") in found


@postgres_only
def test_trigrams_find_parts_of_compound_words(client, content):
    _response, found = hits(client, "Wissensstadt")
    assert ("Nachricht", "Städtepartnerschaft der Wissensstädte") in found


@postgres_only
def test_the_vocabulary_finds_article_words_with_typos_and_inside_compounds(client):
    ArticleFactory(title="Besuch aus England", body="<p>Gäste aus Sheffield kommen.</p>")
    ArticleFactory(title="Sommerfest", body="<p>Ein Jugendaustausch mit Oviedo.</p>")
    assert hits(client, "Sheffeld")[1] == [("Nachricht", "Besuch aus England")]
    assert hits(client, "Austausch")[1] == [("Nachricht", "Sommerfest")]


@postgres_only
def test_websearch_syntax_is_kept_as_written(client):
    ArticleFactory(title="Sheffield", body="<p>Musik.</p>")
    ArticleFactory(title="Oviedo", body="<p>Musik.</p>")
    assert hits(client, "Musik -Oviedo")[1] == [("Nachricht", "Sheffield")]


@postgres_only
@pytest.mark.parametrize(
    ("few_matches", "expected"),
    [
        # Fewer matches than the limit: every one is ranked.
        (1000, {"Älteste", "Mittlere", "Neueste"}),
        # A word PostgreSQL expects in more articles: only the newest two.
        (0, {"Mittlere", "Neueste"}),
    ],
)
def test_only_the_newest_matches_of_a_common_word_are_ranked(
    client, monkeypatch, few_matches, expected
):
    monkeypatch.setattr("core.search.FEW_MATCHES", few_matches)
    monkeypatch.setattr("core.search.RANKED_MATCHES", 2)
    now = timezone.now()
    for days, title in [(3, "Älteste"), (2, "Mittlere"), (1, "Neueste")]:
        ArticleFactory(title=title, body="<p>Freundschaft</p>", publish_at=now - timedelta(days))
    assert {title for _kind, title in hits(client, "Freundschaft")[1]} == expected


@postgres_only
def test_saving_adds_words_to_the_vocabulary_and_a_rebuild_starts_afresh():
    article = ArticleFactory(title="Robotikwettbewerb", body="<p>Text</p>")
    assert SearchTerm.objects.filter(word="robotikwettbewerb").exists()
    assert not SearchTerm.objects.filter(word__regex="[0-9]").exists()
    article.title = "Sportfest"
    article.save()
    call_command("rebuild_search_index", stdout=StringIO())
    assert not SearchTerm.objects.filter(word="robotikwettbewerb").exists()
    assert SearchTerm.objects.filter(word="sportf").exists()


@postgres_only
def test_renaming_a_city_updates_its_partnerships_search_vector(client):
    partnership = PartnershipFactory(partner_city__name="Altname")
    city = partnership.partner_city
    city.name = "Neuname"
    city.save()
    _response, found = hits(client, "Neuname")
    assert ("Partnerschaft", str(partnership)) in {(k, t) for k, t in found}


@postgres_only
def test_rebuild_search_index_makes_bulk_created_articles_findable(client):
    Article.objects.bulk_create(
        [
            Article(
                title="Import",
                slug="import",
                body="<p>Neue Hilfslieferungen.</p>",
                status=Article.Status.PUBLISHED,
                publish_at=timezone.now(),
            )
        ]
    )
    assert hits(client, "Hilfslieferung")[1] == []
    call_command("rebuild_search_index", stdout=StringIO())
    assert hits(client, "Hilfslieferung")[1] == [("Nachricht", "Import")]


def test_rebuild_search_index_runs_on_any_database():
    ArticleFactory()
    output = StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert output.getvalue()


@postgres_only
def test_rebuild_search_index_rewrites_every_searchable_model(client, content):
    City.objects.update(search_vector=None)
    Project.objects.update(search_vector=None)
    output = StringIO()
    call_command("rebuild_search_index", stdout=output)
    for model in (Article, City, Partnership, Project):
        assert f"{model._meta.verbose_name_plural}: " in output.getvalue()
    _response, found = hits(client, "Tsukuba")
    assert {"Stadt", "Projekt"} <= {kind for kind, _title in found}


@postgres_only
def test_vocabulary_words_with_tsquery_syntax_are_quoted():
    ArticleFactory(title="Besuch", body="<p>O'Neill kommt.</p>")
    odd_words = {"oneil": ["o'neill", "a\\b", "x|y", "(z)", "neill"]}
    query = full_text_query("oneil", odd_words)
    found = Article.objects.filter(search_vector=query).values_list("title", flat=True)
    assert list(found) == ["Besuch"]


@postgres_only
def test_only_the_first_long_words_are_looked_up_and_short_words_still_count(client):
    ArticleFactory(title="Projekt", body="<p>Ein Projekt.</p>")
    ArticleFactory(title="EU-Projekt", body="<p>Ein Projekt der EU.</p>")
    with CaptureQueriesContext(connection) as queries:
        hits(client, "EU Projekt Jugend Theater Musik Sport")
    vocabulary = next(
        q["sql"] for q in queries.captured_queries if "cities_searchterm" in q["sql"]
    )
    assert vocabulary.count("%>") == 3
    assert hits(client, "EU Projekt")[1] == [("Nachricht", "EU-Projekt")]


def test_every_app_registers_its_kinds_in_the_order_of_equal_scores():
    labels = [str(kind.label) for kind in search.kinds()]
    assert labels == ["Nachricht", "Stadt", "Partnerschaft", "Projekt", "Seite"]
    with pytest.raises(ValueError):
        search.register(search.kinds()[0])


@postgres_only
def test_a_renamed_association_finds_its_partnership_at_once(client):
    contact = ContactFactory(name="Freundeskreis Bochum–Sheffield e. V.")
    partnership = PartnershipFactory(association=contact)
    contact.name = "Städtepartnerschaftsverein Zaunkönig e. V."
    contact.save()
    _response, found = hits(client, "Zaunkönig")
    assert ("Partnerschaft", str(partnership)) in found


@postgres_only
def test_the_kinds_searched_together_are_what_each_query_finds_alone(
    content, django_assert_num_queries
):
    vocabulary = search.look_up("Tsukuba")
    found = [kind.found("Tsukuba", vocabulary, "de") for kind in search.kinds()]

    def pairs(found):
        # News come by key and score, the other kinds as objects.
        return sorted(item if isinstance(item, tuple) else (item.pk, item.score) for item in found)

    alone = [pairs(queryset) for queryset in found]
    with django_assert_num_queries(1):
        together = search.side_by_side(found)
    assert [pairs(objects) for objects in together] == alone
    hits = search.search("Tsukuba")
    # The news shown read in one more query; with what select_related()
    # joined, describing any hit asks nothing more.
    with django_assert_num_queries(1):
        search.read(hits)
    with django_assert_num_queries(0):
        titles = {hit.title for hit in hits}
    assert titles == {
        "Städtepartnerschaft der Wissensstädte",
        "Kulturaustausch mit Oviedo",
        "Tsukuba",
        str(Partnership.objects.get()),
        "Delegationsreise nach Tsukuba",
    }


def test_a_hit_unpublished_between_finding_and_reading_is_not_shown(content):
    hits = [hit for hit in search.search("Tsukuba") if str(hit.kind) == "Nachricht"]
    assert hits
    Article.objects.update(status=Article.Status.DRAFT)
    search.read(hits)
    assert [hit.obj for hit in hits] == [None] * len(hits)

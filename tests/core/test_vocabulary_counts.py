"""The vocabulary counts the released articles holding each word, and search reads the counts."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import search
from core.searching import SearchTerm, count_search_terms, counted_tables
from news.models import Article
from tests.factories import ArticleFactory, CityFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the vocabulary lives in PostgreSQL"
    ),
]


def documents(*words):
    """How many counted rows hold each word; the empty word counts the rows."""
    counts = dict(SearchTerm.objects.filter(word__in=words).values_list("word", "documents"))
    return [counts.get(word) for word in words]


def test_a_released_article_counts_for_its_words_and_a_draft_does_not():
    ArticleFactory(title="Ruderregatta", body="<p>Ruderregatta in Oviedo.</p>")
    ArticleFactory(title="Ruderregatta", status=Article.Status.DRAFT)
    # The draft's words are in the vocabulary all the same, uncounted.
    assert documents("", "ruderregatta", "oviedo") == [1, 1, 1]


def test_the_counts_follow_a_change_of_text():
    article = ArticleFactory(title="Ruderregatta", body="<p>In Oviedo.</p>")
    ArticleFactory(title="Ruderregatta", body="<p>In Sheffield.</p>")
    article.title = "Schachturnier"
    article.save()
    assert documents("", "ruderregatta", "schachturni", "oviedo", "sheffield") == [2, 1, 1, 1, 1]


def test_an_article_stops_counting_when_withdrawn_and_counts_again_when_released():
    article = ArticleFactory(title="Ruderregatta")
    article.status = Article.Status.WITHDRAWN
    article.save()
    assert documents("", "ruderregatta") == [0, 0]
    article.status = Article.Status.PUBLISHED
    article.save()
    assert documents("", "ruderregatta") == [1, 1]


def test_an_article_loaded_without_its_vectors_moves_its_counts_too():
    ArticleFactory(title="Ruderregatta")
    # As the admin saves: the vectors stay in the database, deferred.
    article = Article.objects.get()
    article.title = "Schachturnier"
    article.save()
    assert documents("", "ruderregatta", "schachturni") == [1, 0, 1]


def test_deleting_an_article_takes_its_counts_away():
    kept, deleted, draft = ArticleFactory.create_batch(
        3, title="Ruderregatta", status=Article.Status.PUBLISHED
    )
    draft.status = Article.Status.DRAFT
    draft.save()
    deleted.delete()
    # A draft never counted, so its deletion takes nothing away.
    Article.objects.filter(pk=draft.pk).delete()
    assert documents("", "ruderregatta") == [1, 1]
    Article.objects.filter(pk=kept.pk).delete()
    assert documents("", "ruderregatta") == [0, 0]


def test_only_articles_are_counted():
    CityFactory(name="Ruderstadt")
    assert documents("", "ruderstadt") == [None, 0]


def test_counting_everything_afresh_gives_the_counts_kept_on_saving():
    ArticleFactory.create_batch(3, title="Ruderregatta", body="<p>In Oviedo.</p>")
    ArticleFactory(title="Oviedo", status=Article.Status.REVIEW)
    moved = ArticleFactory(title="Schachturnier")
    moved.title = "Ruderregatta"
    moved.save()
    counted = SearchTerm.objects.filter(documents__gt=0).values_list("word", "documents")
    kept = dict(counted)
    SearchTerm.objects.update(documents=0)
    count_search_terms(connection, counted_tables())
    assert dict(counted) == kept
    # The rebuild drops the words no row holds any more ("schachturni").
    call_command("rebuild_search_index", stdout=StringIO())
    assert dict(counted) == kept
    assert kept[""] == 4 and kept["ruderregatta"] == 4 and kept["oviedo"] == 3


def test_a_search_asks_the_vocabulary_how_common_its_words_are():
    ArticleFactory.create_batch(3, title="Ruderregatta in Oviedo")
    found = search.look_up("Ruderregata Oviedo der")
    assert found.stems == {"ruderregata": ["ruderregata"], "oviedo": ["oviedo"], "der": []}
    assert found.similar == {"ruderregata": ["ruderregatta"]}
    assert found.documents[""] == 3 and found.documents["ruderregatta"] == 3
    assert found.estimated_matches() == pytest.approx(3)
    ArticleFactory(title="Schachturnier")
    # Three of the four articles, however often the query names the word.
    assert search.look_up("Oviedo oviedo").estimated_matches() == pytest.approx(3)
    # A word the vocabulary never holds: no count, so no estimate of its own.
    assert search.look_up("Oviedo 2019").estimated_matches() is None


@pytest.mark.parametrize(
    ("query", "planner_asked"),
    [("Ruderregatta", False), ("Ruderregatta 2019", True), ('"Ruderregatta"', True)],
)
def test_the_planner_is_asked_only_where_the_vocabulary_cannot_tell(query, planner_asked):
    ArticleFactory(title="Ruderregatta 2019")
    with CaptureQueriesContext(connection) as queries:
        search.search(query)
    explained = any(q["sql"].startswith("EXPLAIN") for q in queries.captured_queries)
    assert explained is planner_asked

"""Search in the language of the page: one index per stored language."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from cities.models import City
from core import search
from core.search import highlight
from core.searching import SearchTerm, character_bigrams, forget_words
from news.models import Article
from tests.factories import ArticleFactory, CityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)
COMPLETE = "vollstaendig"


def found(query, language):
    return [(str(hit.kind), hit.title) for hit in search.search(query, language=language)]


def translated_article(language, translated_title, translated_body, state=COMPLETE, **german):
    """A German article translated into ``language`` as far as ``state`` says."""
    return ArticleFactory(
        **{
            "title": "Ein deutscher Titel",
            "body": "<p>Ein deutscher Text.</p>",
            **german,
            f"title_{language}": translated_title,
            f"body_{language}": translated_body,
            f"translation_state_{language}": state,
        }
    )


@pytest.mark.parametrize(
    ("text", "bigrams"),
    [
        ("つくば市", "つく くば ば市"),
        ("筑波", "筑波"),
        ("市", "市"),
        # Words in other letters stay words; punctuation separates.
        ("Tsukuba、筑波大学", "tsukuba 筑波 波大 大学"),
        # Full-width Latin and half-width katakana count as the ordinary ones.
        ("ＴＳＵＫＵＢＡ ﾛﾎﾞｯﾄ", "tsukuba ロボ ボッ ット"),
        # The middle dot separates words.
        ("つくば・ボーフム", "つく くば ボー ーフ フム"),
    ],
)
def test_japanese_text_is_indexed_as_pairs_of_characters(text, bigrams):
    assert character_bigrams(text) == bigrams


def test_highlight_marks_cyrillic_words_by_their_beginning():
    marked = highlight("Партнерство з Донецьком триває.", "Донецьк")
    assert "<mark>Донецьком</mark>" in marked


def test_highlight_marks_the_japanese_query_as_written():
    marked = highlight("筑波研究学園都市とボーフム市の交流", "筑波 交流")
    assert marked == "<mark>筑波</mark>研究学園都市とボーフム市の<mark>交流</mark>"


def test_highlight_cuts_japanese_text_without_spaces_near_the_match():
    text = "あ" * 300 + "つくば" + "い" * 300
    marked = highlight(text, "つくば")
    assert "<mark>つくば</mark>" in marked
    assert marked.startswith("… ")


def test_a_search_matches_the_texts_of_its_language_and_ranks_their_titles_first():
    translated_article("en", "Visit", "<p>Robotics in Tsukuba.</p>", title="Besuch")
    translated_article("en", "Robotics in Tsukuba", "<p>Robots.</p>", title="Robotik in Tsukuba")
    assert found("Robotics", "en") == [
        ("Nachricht", "Robotics in Tsukuba"),
        ("Nachricht", "Visit"),
    ]
    assert found("Besuch", "de") == [("Nachricht", "Besuch")]
    assert found("Besuch", "en") == []


@postgres_only
@pytest.mark.parametrize(
    ("language", "title", "body", "query"),
    [
        ("en", "Twinning partnership", "<p>Pupils from Sheffield visit Bochum.</p>", "pupils"),
        ("es", "Ciudades hermanadas", "<p>Estudiantes de Oviedo visitan Bochum.</p>", "Oviedo"),
        ("uk", "Донецьк і Бохум", "<p>Учні з Донецька відвідують Бохум.</p>", "Донецьк"),
        ("ja", "つくば市との交流", "<p>筑波研究学園都市の学生が訪問します。</p>", "つくば"),
    ],
)
def test_a_search_finds_a_complete_translation_and_no_other(language, title, body, query):
    translated_article(language, title, body)
    translated_article(language, f"Entwurf: {title}", body, state="entwurf")
    ArticleFactory(title=f"{query} ohne Übersetzung", body=body)
    assert found(query, language) == [("Nachricht", title)]


@postgres_only
def test_an_untranslated_article_is_not_found_by_its_german_text_in_another_language():
    ArticleFactory(title="Jugendaustausch mit Sheffield", translation_state_en=COMPLETE)
    assert found("Sheffield", "de") == [("Nachricht", "Jugendaustausch mit Sheffield")]
    assert found("Sheffield", "en") == []


@postgres_only
def test_a_profile_is_found_by_the_texts_its_page_shows_in_the_language():
    CityFactory(name="Donezk", name_uk="Донецьк", summary="Stadt im Donbas.", summary_uk="")
    CityFactory(name="Sheffield", summary="Stadt in Yorkshire.", summary_en="A Yorkshire city.")
    assert found("Донецьк", "uk") == [("Stadt", "Донецьк")]
    assert found("Donezk", "uk") == []
    # Shown in German on the Ukrainian page, marked as such, and found there.
    assert found("Donbas", "uk") == [("Stadt", "Донецьк")]
    # A name that is the same in English needs no translation to be found.
    assert found("Sheffield", "en") == [("Stadt", "Sheffield")]
    assert found("Yorkshire", "en") == [("Stadt", "Sheffield")]


@postgres_only
def test_english_and_spanish_words_are_found_by_their_stem():
    translated_article("en", "A new partnership", "<p>Schools meet.</p>")
    translated_article("es", "Un hermanamiento", "<p>Los estudiantes se encuentran.</p>")
    assert found("partnerships", "en") == [("Nachricht", "A new partnership")]
    assert found("hermanamientos estudiante", "es") == [("Nachricht", "Un hermanamiento")]


@postgres_only
def test_a_misspelt_ukrainian_name_is_found_through_the_vocabulary():
    translated_article("uk", "Донецьк сьогодні", "<p>Новини з міста.</p>")
    # "Донецк" is the Russian spelling; "simple" would find only the exact word.
    assert found("Донецк", "uk") == [("Nachricht", "Донецьк сьогодні")]


@postgres_only
def test_japanese_is_found_by_kana_and_by_kanji_and_needs_every_pair():
    translated_article("ja", "つくば市との交流", "<p>筑波研究学園都市の学生が訪問します。</p>")
    assert found("つくば", "ja") == [("Nachricht", "つくば市との交流")]
    assert found("筑波", "ja") == [("Nachricht", "つくば市との交流")]
    assert found("研究都市", "ja") == []


@postgres_only
def test_each_language_is_ranked_in_its_own_vector():
    translated_article("en", "Sheffield", "<p>News.</p>")
    translated_article("en", "News", "<p>From Sheffield.</p>")
    assert [title for _kind, title in found("Sheffield", "en")] == ["Sheffield", "News"]


@postgres_only
@pytest.mark.parametrize("language", ["en", "uk", "ja"])
def test_a_search_costs_no_more_in_another_language(language, django_assert_num_queries):
    translated_article(language, "Sheffield", "<p>Sheffield</p>", title="Sheffield")
    # As in German: the vocabulary, which tells how common the words are,
    # and every kind together; Japanese has no vocabulary to ask and asks
    # the planner how many articles match instead.
    with django_assert_num_queries(2):
        assert search.search("Sheffield", language=language)
    with django_assert_num_queries(2):
        assert search.search("Sheffield", language="de")


@postgres_only
def test_the_vocabulary_holds_the_words_of_every_language_but_japanese():
    translated_article("en", "Friendship", "<p>Bridges.</p>")
    translated_article("ja", "友好都市", "<p>ロボコンRobocon</p>")
    assert SearchTerm.objects.filter(word="friendship").exists()
    assert not SearchTerm.objects.filter(word__in=["友好都市", "ロボコン", "robocon"]).exists()


@postgres_only
def test_a_name_leaves_the_vocabulary_once_no_language_holds_it():
    article = translated_article("en", "Visit", "<p>Erika Mustermann visits Bochum.</p>")
    other = translated_article("es", "Visita", "<p>Erika Mustermann visita Bochum.</p>")
    forget_words(connection, "Mustermann")
    assert SearchTerm.objects.filter(word="mustermann").exists()

    for row, language in [(article, "en"), (other, "es")]:
        setattr(row, f"body_{language}", "<p>A guest visits Bochum.</p>")
        row.save()
    forget_words(connection, "Mustermann")
    assert not SearchTerm.objects.filter(word="mustermann").exists()


@postgres_only
def test_rebuilding_the_index_writes_every_language():
    translated_article("es", "Oviedo", "<p>Teatro.</p>")
    CityFactory(name="Oviedo", name_es="Oviedo", summary_es="Ciudad asturiana.")
    Article.objects.update(search_vector_es=None)
    City.objects.update(search_vector_es=None)
    assert found("Oviedo", "es") == []
    call_command("rebuild_search_index", stdout=StringIO())
    assert {kind for kind, _title in found("Oviedo", "es")} == {"Nachricht", "Stadt"}


@postgres_only
def test_a_partnership_is_found_by_its_partner_citys_name_in_the_language():
    partnership = PartnershipFactory(partner_city__name="Donezk", partner_city__name_uk="Донецьк")
    hits = search.search("Донецьк", language="uk")
    assert [hit.obj for hit in hits if str(hit.kind) == "Partnerschaft"] == [partnership]

"""Content in several languages: columns per language, states, outdated translations, slugs."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cities.models import City
from core.models import RetiredSlug
from core.translation import OUTDATED, State, text_language
from news.models import Article
from partnership.models import Partnership
from partnership.site.models import LegalPage
from tests.factories import ArticleFactory, CityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_language(settings):
    settings.LANGUAGES = [(code, code) for code in settings.CONTENT_LANGUAGES]


def test_german_text_lands_in_the_german_column_and_the_untranslated_one():
    city = CityFactory(name="Donezk")
    stored = City.objects.values("name", "name_de", "name_en").get(pk=city.pk)
    assert stored == {"name": "Donezk", "name_de": "Donezk", "name_en": None}


def test_a_field_without_translation_reads_german():
    city = CityFactory(name="Donezk", summary="Stadt im Donbas.")
    city.summary_en = "A city in the Donbas."
    city.save()
    with translation.override("en"):
        assert city.summary == "A city in the Donbas."
        assert city.name == "Donezk"
        assert text_language(city, "summary") == "en"
        assert text_language(city, "name") == "de"


def test_saving_under_another_language_keeps_the_german_columns_german():
    city = CityFactory(name="Donezk")
    with translation.override("uk"):
        city.name = "Донецьк"
        city.save()
    stored = City.objects.values("name", "name_de", "name_uk").get(pk=city.pk)
    assert stored == {"name": "Donezk", "name_de": "Donezk", "name_uk": "Донецьк"}


def test_every_language_gets_a_readable_unique_slug():
    city = CityFactory(name="Donezk", name_en="Donetsk", name_uk="Донецьк", name_ja="ドネツク")
    assert (city.slug_de, city.slug_en, city.slug_uk, city.slug_ja, city.slug_es) == (
        "donezk",
        "donetsk",
        "donetsk",
        # No readable ASCII of its own: the English slug.
        "donetsk",
        # No Spanish name yet: from the German one.
        "donezk",
    )
    other = CityFactory(name="Donezk Nord", name_en="Donetsk")
    assert other.slug_en == "donetsk-2"


def test_a_changed_translated_slug_of_live_content_is_remembered_in_its_language():
    city = CityFactory(name="Donezk", name_en="Donetsk", published=True)
    city.slug_en = "donetsk-city"
    city.save()
    retired = RetiredSlug.objects.get()
    assert (retired.language, retired.slug, retired.object_id) == ("en", "donetsk", city.pk)


def test_an_article_appears_in_a_language_only_once_its_translation_is_complete():
    draft = ArticleFactory(title="Entwurf übersetzt", title_en="Draft translation")
    draft.translation_state_en = State.DRAFT
    draft.save()
    complete = ArticleFactory(title="Fertig übersetzt", title_en="Translated")
    complete.translation_state_en = State.COMPLETE
    complete.save()
    with translation.override("en"):
        assert list(Article.objects.published()) == [complete]
    with translation.override("de"):
        assert set(Article.objects.published()) == {draft, complete}
    assert complete.public_languages() == ["de", "en"]
    assert draft.public_languages() == ["de"]


def test_a_profile_is_shown_in_every_served_language(settings):
    settings.LANGUAGES = [("de", "Deutsch"), ("en", "English")]
    city = CityFactory(published=True)
    assert city.public_languages() == ["de", "en"]
    city.published = False
    assert city.public_languages() == []


def test_leichte_sprache_exists_only_in_german():
    plain = LegalPage.objects.create(
        kind=LegalPage.Kind.PLAIN_LANGUAGE, title="Leicht", published=True
    )
    imprint = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT, title="Impressum", published=True
    )
    with translation.override("en"):
        assert list(LegalPage.objects.published()) == [imprint]
    assert plain.public_languages() == ["de"]
    assert imprint.public_languages() == ["de", "en", "ja", "es", "uk"]


def test_a_complete_translation_becomes_outdated_when_the_german_text_changes():
    article = ArticleFactory(title="Alt", teaser="Der alte Anreißer.", title_en="Old")
    article.translation_state_en = State.COMPLETE
    article.save()
    assert article.translation_state("en") == State.COMPLETE
    assert not Article.objects.outdated().exists()

    article.teaser = "Der neue Anreißer."
    article.save()

    assert article.translation_state("en") == OUTDATED
    assert list(Article.objects.outdated("en")) == [article]
    assert not Article.objects.outdated("uk").exists()
    assert article.source_changes("en") == [("teaser", "Der alte Anreißer.", "Der neue Anreißer.")]
    assert article.source_changed is not None


def test_an_english_edit_does_not_make_other_translations_outdated():
    article = ArticleFactory(title="Alt", title_en="Old")
    article.translation_state_en = State.COMPLETE
    article.save()
    article.title_en = "Older"
    article.save()
    assert article.translation_state("en") == State.COMPLETE


def test_confirming_a_translation_makes_it_current_again():
    article = ArticleFactory(title="Alt", title_en="Old")
    article.translation_state_en = State.COMPLETE
    article.save()
    article.title = "Neu"
    article.save()
    article.confirm_translation("en")
    article.save()
    assert article.translation_state("en") == State.COMPLETE
    assert not Article.objects.outdated().exists()


def test_a_translation_taken_back_to_draft_forgets_its_german_basis():
    article = ArticleFactory(title="Alt", title_en="Old")
    article.translation_state_en = State.COMPLETE
    article.save()
    article.translation_state_en = State.DRAFT
    article.save()
    assert (article.translation_basis_en, article.translation_basis_hash_en) == ({}, "")


def test_reformatting_the_german_body_unchanged_does_not_outdate_translations():
    article = ArticleFactory(title="Alt", body="<p>Eins</p><p>Zwei</p>", title_en="Old")
    article.translation_state_en = State.COMPLETE
    article.save()
    article.body = "<p>Eins</p>\n\n<p>Zwei</p>"
    article.save()
    assert article.translation_state("en") == State.COMPLETE


def test_the_versions_keep_every_language():
    article = ArticleFactory(title="Titel", title_en="Title")
    article.title_en = "Better title"
    article.save()
    versions = list(article.history.order_by("history_id").values_list("title_en", flat=True))
    assert versions == ["Title", "Better title"]


def test_an_english_body_is_sanitised_too():
    article = ArticleFactory(body_en='<p onclick="alert(1)">Hi</p><script>alert(2)</script>')
    article.refresh_from_db()
    assert article.body_en == "<p>Hi</p>"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_the_search_index_holds_german_whichever_language_was_active():
    article = ArticleFactory(title="Wissensstädte", title_en="Cities of science")
    with translation.override("en"):
        article.save()
    vector = Article.objects.filter(pk=article.pk).values_list("search_vector", flat=True).get()
    assert "wissensstadt" in vector
    assert "scienc" not in vector


def selected_columns(queryset):
    with CaptureQueriesContext(connection) as queries:
        list(queryset)
    [query] = queries
    return set(re.findall(r'"(\w+)"\."(\w+)"', query["sql"].split(" FROM ")[0]))


def test_a_page_reads_the_columns_of_its_language_and_german_only():
    ArticleFactory(title="Wissensstädte")
    with translation.override("en"):
        columns = {column for _table, column in selected_columns(Article.objects.for_display())}

    assert {"title_en", "title_de", "body_en", "body_de"} <= columns
    # The untranslated column holds a second copy of the German text.
    assert not {"title", "body", "title_ja", "body_uk"} & columns
    # The address in every language, for the language switcher and hreflang.
    assert {"slug_de", "slug_en", "slug_ja", "slug_es", "slug_uk"} <= columns
    # The outdated note compares the shown translation's basis with the German text.
    assert {"translation_state_ja", "translation_basis_hash_en", "source_hash"} <= columns
    assert not {"translation_basis_en", "translation_basis_hash_ja"} & columns


def test_the_rows_select_related_joins_are_read_the_same_way():
    PartnershipFactory()
    with translation.override("ja"):
        columns = selected_columns(
            Partnership.objects.select_related("partner_city").for_display()
        )

    assert {("cities_city", "name_ja"), ("cities_city", "name_de")} <= columns
    assert ("cities_city", "name_en") not in columns
    assert ("partnership_partnership", "summary_en") not in columns


def test_rows_read_for_display_show_their_language_or_german_without_another_query():
    city = CityFactory(name="Donezk", summary="Stadt im Donbas.")
    city.summary_en = "A city in the Donbas."
    city.save()
    with translation.override("en"):
        shown = City.objects.for_display().get(pk=city.pk)
        with CaptureQueriesContext(connection) as queries:
            assert (shown.name, shown.summary) == ("Donezk", "A city in the Donbas.")
            assert shown.get_absolute_url() == "/en/cities/donezk/"
    assert not queries

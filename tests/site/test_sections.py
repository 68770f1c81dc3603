import importlib
import re
from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command
from django.urls import Resolver404, URLResolver, clear_url_caches, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from core import urlwords
from core.translation import served_languages
from partnership.site import sections
from partnership.site.models import Page


def first_segments(patterns):
    """The literal first segments of ``patterns``, walking into includes at the root."""
    found = set()
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            found |= first_segments(entry.url_patterns)
        elif isinstance(pattern, RoutePattern):
            route = str(pattern)
            if route == "" and isinstance(entry, URLResolver):
                found |= first_segments(entry.url_patterns)
                continue
            if route == "":
                continue  # the home page
            segment = route.split("/")[0]
            # A converter at the top (free pages) takes what is_reserved() leaves.
            if not segment.startswith("<"):
                found.add(segment)
        else:
            assert isinstance(pattern, RegexPattern)
            regex = str(pattern).removeprefix("^")
            alternatives = re.fullmatch(r"\(\?P<\w+>([\w|-]+)\)/\$", regex)
            if alternatives:
                found |= set(alternatives.group(1).split("|"))
            else:
                segment = re.match(r"[\w.-]+", regex)
                assert segment and regex[segment.end()] == "/", f"unknown shape: {pattern}"
                found.add(segment.group(0))
    return found


def test_the_registry_names_every_first_segment_the_urls_answer_and_no_other():
    assert first_segments(get_resolver().url_patterns) == set(sections.url_segments())


def prefixed_patterns():
    """The patterns behind the language prefix (the free pages' come last, on their own)."""
    return [
        pattern
        for entry in get_resolver().url_patterns
        if isinstance(entry.pattern, LocalePrefixPattern)
        for pattern in entry.url_patterns
    ]


@pytest.mark.parametrize("language", ["en", "ja", "es", "uk"])
def test_the_registry_names_every_first_segment_behind_each_language_prefix(language):
    with translation.override(language):
        assert first_segments(prefixed_patterns()) == set(sections.url_segments(language))


def test_english_section_words():
    assert set(sections.url_segments("en")) == {
        "news",
        "cities",
        "partnerships",
        "get-involved",
        "search",
        "data",
        "imprint",
        "privacy",
        "accessibility",
    }


@pytest.fixture
def benchmark(settings):
    settings.BENCHMARK = True
    urls = importlib.import_module("partnership.site.urls")
    importlib.reload(urls)
    clear_url_caches()
    yield
    settings.BENCHMARK = False
    importlib.reload(urls)
    clear_url_caches()


def test_the_registry_follows_the_benchmark_setting(benchmark):
    assert sections.BENCH in sections.url_segments()
    assert first_segments(get_resolver().url_patterns) == set(sections.url_segments())


def test_sections_legal_pages_technical_addresses_and_languages_are_reserved():
    for word in ("aktuelles", "staedte", "partnerschaften", "mitmachen", "suche", "impressum"):
        assert sections.is_reserved(word)
    for word in ("admin", "media", "static", "sitemap.xml", "robots.txt", "healthz", "de"):
        assert sections.is_reserved(word)
    assert sections.is_reserved("Aktuelles")
    assert not sections.is_reserved("partnerschaftsfest")


def test_every_content_language_keeps_its_prefix_free_served_or_not(settings):
    settings.LANGUAGES = [("de", "Deutsch")]
    for code in ("de", "en", "ja", "es", "uk"):
        assert sections.is_reserved(code)


def test_each_language_reserves_its_own_words():
    assert sections.is_reserved("news", language="en")
    assert sections.is_reserved("imprint", language="en")
    assert sections.is_reserved("noticias", language="es")
    assert not sections.is_reserved("news")
    assert not sections.is_reserved("aktuelles", language="en")
    # Machines' and staff's addresses and the German-only pages have no prefixed twin.
    assert not sections.is_reserved("admin", language="en")
    assert not sections.is_reserved("leichte-sprache", language="en")


def test_the_registry_has_no_collisions():
    assert sections.collisions() == {}
    assert checks.run_checks(tags=[checks.Tags.urls]) == []


def test_a_technical_address_at_a_section_word_is_a_collision(monkeypatch):
    monkeypatch.setattr(sections, "media", lambda: "suche")
    assert sections.collisions() == {"suche": ["Suche", "Hochgeladene Dateien"]}


def test_a_translated_word_that_collides_fails_the_system_check(monkeypatch):
    monkeypatch.setitem(urlwords.WORDS, "es", {**urlwords.WORDS["es"], "suche": "noticias"})
    assert set(sections.collisions("es")) == {"noticias"}
    errors = checks.run_checks(tags=[checks.Tags.urls])
    assert [error.id for error in errors] == ["site.E001"]
    assert "(Sprache es)" in errors[0].msg


def resolved_name(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_free_pages_sections_and_language_prefixes_never_overlap(language):
    """
    Every address the URL patterns answer stays theirs, whatever pages exist;
    every page is reached at its own address, never shadowed by a pattern;
    no page takes a section's word or a language code.
    """
    call_command("load_demo", stdout=StringIO())
    # The demo's projects and events have no addresses of their own, only the sections'.
    prefix = "" if language == "de" else f"/{language}"
    with translation.override(language):
        pages = list(Page.objects.published())
        assert pages, "the demo has free pages in this language"
        for page in pages:
            assert resolved_name(page.get_absolute_url()) == "content-page", page
            assert not sections.is_reserved(page.path.split("/")[0], language), page
        for word in sections.url_segments(language):
            assert resolved_name(f"{prefix}/{word}/") != "content-page", word
        if language == "de":
            # German has no prefix; is_reserved() keeps its code free all the same.
            for code in set(served_languages()) - {"de"}:
                # As LocaleMiddleware resolves it: in the language of its prefix.
                with translation.override(code):
                    assert resolved_name(f"/{code}/") == "home", code

import importlib
import re

import pytest
from django.core import checks
from django.urls import URLResolver, clear_url_caches, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from partnership.site import sections


def first_segments(patterns):
    """The literal first segments of ``patterns``, walking into includes at the root."""
    found = set()
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
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


def test_language_codes_come_from_the_settings(settings):
    settings.LANGUAGES = [("de", "Deutsch"), ("en", "English")]
    assert sections.is_reserved("en")
    settings.LANGUAGES = []
    settings.LANGUAGE_CODE = "de"
    assert sections.is_reserved("de") and not sections.is_reserved("en")


def test_the_registry_has_no_collisions():
    assert sections.collisions() == {}
    assert checks.run_checks(tags=[checks.Tags.urls]) == []


def test_a_technical_address_at_a_section_word_is_a_collision(monkeypatch):
    monkeypatch.setattr(sections, "media", lambda: "suche")
    assert sections.collisions() == {"suche": ["Suche", "Hochgeladene Dateien"]}


def test_a_translated_word_that_collides_fails_the_system_check(monkeypatch, settings):
    settings.LANGUAGES = [("de", "Deutsch"), ("en", "English")]
    monkeypatch.setattr(sections, "TRANSLATED", {"en": {sections.NEWS: "en"}})
    assert set(sections.collisions()) == {"en"}
    errors = checks.run_checks(tags=[checks.Tags.urls])
    assert [error.id for error in errors] == ["site.E001"]

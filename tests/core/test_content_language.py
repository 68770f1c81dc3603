"""Public pages mark text shown in German where a profile has no translation."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.translation import State
from tests.factories import ArticleFactory, CityFactory

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load content_language %}" + source).render(Context(context))


def test_a_field_that_fell_back_is_german_and_says_so():
    city = CityFactory(summary="Wissenschaftsstadt.", description="<p>Lang.</p>")
    city.summary_en = "City of science."
    with translation.override("en"):
        assert render('{% field_lang city "summary" %}', city=city) == "en"
        assert render('{% field_lang city "description" %}', city=city) == "de"
        assert render('{% only_in_german city "summary" %}', city=city) == ""
        assert "only in German" in render('{% only_in_german city "description" %}', city=city)


def test_german_pages_carry_no_note():
    city = CityFactory(summary="Wissenschaftsstadt.")
    assert render('{% field_lang city "summary" %}', city=city) == "de"
    assert render('{% only_in_german city "summary" %}', city=city) == ""


def test_an_outdated_translation_says_when_german_changed():
    article = ArticleFactory(title="Alt", title_en="Old")
    article.translation_state_en = State.COMPLETE
    article.save()
    with translation.override("en"):
        assert render("{% outdated_note article %}", article=article) == ""
    article.title = "Neu"
    article.save()
    with translation.override("en"):
        note = render("{% outdated_note article %}", article=article)
    assert "The German version was updated on" in note
    assert render("{% outdated_note article %}", article=article) == ""


def test_the_city_page_marks_its_german_description(client, settings):
    settings.LANGUAGES = [(code, code) for code in settings.CONTENT_LANGUAGES]
    city = CityFactory(summary="Wissenschaftsstadt.", description="<p>Lang.</p>")
    city.summary_en = "City of science."
    city.save()
    with translation.override("en"):
        html = client.get(city.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span lang="en">City of science.</span>' in html
    assert '<div class="rich-text" lang="de"><p>Lang.</p></div>' in html

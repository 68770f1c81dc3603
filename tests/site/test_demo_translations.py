"""The demo loader applies translations in the shape of demo_translations.py."""

from datetime import date

import pytest
from django.utils import translation

from cities.models import City
from core.translation import OUTDATED, State
from news.models import Article
from partnership.models import StatusChange
from partnership.site.demo import DemoLoader

pytestmark = pytest.mark.django_db

SAMPLE = {
    "en": {
        ("cities.City", "tsukuba"): {"summary": "The city of science north of Tokyo."},
        ("news.Article", "staedtepartnerschaft-bochum-tsukuba"): {
            "title": "Bochum and Tsukuba are twin towns",
            "teaser": "The partnership was signed in November 2019.",
            "body": "<p>A partnership of two cities of science.</p>",
        },
        ("partnership.StatusChange", ("tsukuba", date(2019, 11, 25))): {
            "note": "Agreement signed."
        },
    },
    "uk": {("cities.City", "donezk"): {"name": "Донецьк"}},
}


@pytest.fixture(autouse=True)
def every_language(settings):
    settings.LANGUAGES = [(code, code) for code in settings.CONTENT_LANGUAGES]


def test_translations_are_applied_and_marked_complete():
    DemoLoader(translations=SAMPLE).load()

    tsukuba = City.objects.get(slug="tsukuba")
    assert tsukuba.summary_en == "The city of science north of Tokyo."
    assert tsukuba.translation_state("en") == State.COMPLETE
    donezk = City.objects.get(slug="donezk")
    assert (donezk.name_uk, donezk.slug_uk) == ("Донецьк", "donetsk")
    note = StatusChange.objects.get(partnership__slug="tsukuba", date=date(2019, 11, 25))
    assert note.note_en == "Agreement signed."

    article = Article.objects.get(slug="staedtepartnerschaft-bochum-tsukuba")
    assert article.slug_en == "bochum-and-tsukuba-are-twin-towns"
    with translation.override("en"):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert article.get_absolute_url().endswith("/bochum-and-tsukuba-are-twin-towns/")


def test_one_translation_is_left_outdated_to_show_how_it_looks():
    DemoLoader(translations=SAMPLE).load()

    article = Article.objects.get(slug="staedtepartnerschaft-bochum-tsukuba")
    assert article.translation_state("en") == OUTDATED
    assert [name for name, _old, _new in article.source_changes("en")] == ["teaser"]
    assert list(Article.objects.outdated()) == [article]


def test_a_second_run_changes_nothing_and_keeps_staff_edits():
    DemoLoader(translations=SAMPLE).load()
    City.objects.filter(slug="tsukuba").update(summary_en="Edited by staff.")

    created = DemoLoader(translations=SAMPLE).load()

    assert created == 0
    assert City.objects.get(slug="tsukuba").summary_en == "Edited by staff."

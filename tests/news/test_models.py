from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
SECOND = timedelta(seconds=1)


def public_titles():
    return set(Article.objects.published().values_list("title", flat=True))


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("status", "public"),
    [
        (Article.Status.DRAFT, False),
        (Article.Status.REVIEW, False),
        (Article.Status.PUBLISHED, True),
        (Article.Status.WITHDRAWN, False),
    ],
)
def test_only_the_published_status_is_public(status, public):
    article = ArticleFactory(status=status, publish_at=NOW - SECOND)
    assert (article.title in public_titles()) is public
    assert article.is_published() is public


@time_machine.travel(NOW, tick=False)
def test_scheduled_article_appears_exactly_at_publish_at():
    scheduled = ArticleFactory(title="geplant", publish_at=NOW + SECOND)
    due = ArticleFactory(title="fällig", publish_at=NOW)
    assert public_titles() == {"fällig"}
    assert due.is_published() and not scheduled.is_published()


def test_scheduled_article_goes_live_by_the_clock_alone():
    with time_machine.travel(NOW, tick=False):
        article = ArticleFactory(publish_at=NOW + timedelta(hours=1))
        assert not public_titles()
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert public_titles() == {article.title}


@time_machine.travel(NOW, tick=False)
def test_article_disappears_at_unpublish_at():
    ArticleFactory(
        title="läuft noch", publish_at=NOW - timedelta(days=1), unpublish_at=NOW + SECOND
    )
    expired = ArticleFactory(
        title="abgelaufen", publish_at=NOW - timedelta(days=1), unpublish_at=NOW
    )
    assert public_titles() == {"läuft noch"}
    assert not expired.is_published()


@time_machine.travel(NOW, tick=False)
def test_visibility_tells_staff_what_the_public_sees():
    past = NOW - timedelta(days=1)
    assert ArticleFactory(publish_at=past).visibility() == "öffentlich"
    assert ArticleFactory(publish_at=NOW + SECOND).visibility() == "geplant"
    assert ArticleFactory(publish_at=past, unpublish_at=NOW).visibility() == "abgelaufen"
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=past)
    assert draft.visibility() == "nicht öffentlich"


@time_machine.travel(NOW, tick=False)
def test_next_visibility_change_is_the_nearest_scheduled_moment():
    assert Article.objects.next_visibility_change() is None
    ArticleFactory(publish_at=NOW + timedelta(hours=5))
    ArticleFactory(publish_at=NOW - SECOND, unpublish_at=NOW + timedelta(hours=2))
    ArticleFactory(status=Article.Status.DRAFT, publish_at=NOW + timedelta(hours=1))
    assert Article.objects.next_visibility_change() == NOW + timedelta(hours=2)


def test_unpublish_before_publish_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(publish_at=NOW, unpublish_at=NOW - SECOND)
    article = ArticleFactory.build(publish_at=NOW, unpublish_at=NOW - SECOND)
    with pytest.raises(ValidationError, match="bevor er erschienen ist"):
        article.full_clean()


def test_slug_is_made_from_the_title_with_german_transliteration():
    assert ArticleFactory(title="Städtepartnerschaft der Wissensstädte").slug == (
        "staedtepartnerschaft-der-wissensstaedte"
    )


def test_slugs_stay_unique():
    assert ArticleFactory(title="Besuch aus Oviedo").slug == "besuch-aus-oviedo"
    assert ArticleFactory(title="Besuch aus Oviedo").slug == "besuch-aus-oviedo-2"


@pytest.mark.parametrize("title", ["Feed", "Kategorie", "2019", "Stadt"])
def test_generated_slug_avoids_reserved_words(title):
    slug = ArticleFactory(title=title).slug
    assert slug.endswith("-2")


@pytest.mark.parametrize("slug", ["feed", "kategorie", "stadt", "bereich", "2019", "12"])
def test_reserved_slug_entered_by_staff_is_refused(slug):
    article = ArticleFactory.build(slug=slug)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "reserviert" in str(error.value.message_dict["slug"])


def test_lead_falls_back_to_the_body_without_markup():
    article = ArticleFactory.build(
        teaser="", body="<p>Erster Absatz.</p><p>Zweiter &amp; letzter.</p>"
    )
    assert article.lead == "Erster Absatz. Zweiter & letzter."


def test_lead_is_the_teaser_when_given():
    assert ArticleFactory.build(teaser="Kurz.").lead == "Kurz."


def test_absolute_url():
    assert ArticleFactory(title="Hallo").get_absolute_url() == "/aktuelles/hallo/"


def berlin(*args):
    return datetime(*args, tzinfo=ZoneInfo("Europe/Berlin"))


@time_machine.travel(NOW, tick=False)
def test_archive_dates_are_the_local_years_and_months_with_public_articles():
    # Around midnight on New Year's Eve, UTC and Berlin disagree on the year.
    ArticleFactory(publish_at=berlin(2016, 12, 31, 23, 30))
    ArticleFactory(publish_at=berlin(2019, 1, 1, 0, 30))
    ArticleFactory(publish_at=berlin(2019, 3, 5, 12))
    ArticleFactory(publish_at=berlin(2021, 7, 1, 12))
    # 2018 and 2020 have only hidden articles: no year of their own.
    ArticleFactory(publish_at=berlin(2018, 5, 1, 12), status=Article.Status.DRAFT)
    ArticleFactory(publish_at=berlin(2020, 5, 1, 12), unpublish_at=berlin(2020, 6, 1, 12))
    published = Article.objects.published()

    years = [day.year for day in published.archive_dates("year", "DESC")]
    assert years == [2021, 2019, 2016]
    assert published.archive_dates("year") == list(published.dates("publish_at", "year"))
    months = published.filter(publish_at__year=2019).archive_dates("month")
    assert [(day.year, day.month, day.day) for day in months] == [(2019, 1, 1), (2019, 3, 1)]
    assert Article.objects.none().archive_dates("year") == []

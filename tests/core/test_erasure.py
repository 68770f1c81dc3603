"""A lead erases a person's name from an article's whole history (Art. 17 DSGVO)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.urls import reverse

from core.pending import PendingChange
from news.models import Article
from tests.admin_forms import change_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NAME = "Erika Mustermann"


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def erase_url(article):
    return reverse("admin:news_article_erase", args=[article.pk])


def save_via_form(client, article, **changes):
    form = change_form(client.get(change_url(article)))
    response = client.post(change_url(article), form.data(_save="Sichern", **changes))
    assert response.status_code == 302


def stored_anywhere(article, text):
    from post_office.models import Email

    rows = [
        *Email.objects.values("subject", "message"),
        *Article.objects.filter(pk=article.pk).values(),
        *article.history.values(),
        *PendingChange.objects.values("proposal", "base"),
        *LogEntry.objects.values("object_repr", "change_message"),
    ]
    return text in repr(rows)


@pytest.fixture
def article_naming_a_person(leitung_client, redakteur_client):
    article = ArticleFactory(title="Besuch", body="<p>Es sprach die Schülerin.</p>")
    save_via_form(leitung_client, article, body=f"<p>Es sprach {NAME} aus Sheffield.</p>")
    save_via_form(leitung_client, article, title=f"Besuch von {NAME}")
    save_via_form(redakteur_client, article, teaser=f"{NAME} berichtet.")
    return article


def test_the_text_is_gone_from_every_version_and_proposal(leitung_client, article_naming_a_person):
    from post_office.models import Email

    article = article_naming_a_person
    assert Email.objects.filter(subject__contains=NAME).exists(), "the leads were told"

    response = leitung_client.post(erase_url(article), {"text": NAME, "confirm": "on"})

    assert response.status_code == 302
    assert not stored_anywhere(article, NAME)
    article.refresh_from_db()
    assert article.title == "Besuch von [gelöscht]"
    record = LogEntry.objects.filter(change_message__contains="Art. 17").get()
    assert record.user.username == "leitung"


def test_older_versions_can_be_purged(leitung_client, article_naming_a_person):
    article = article_naming_a_person
    leitung_client.post(erase_url(article), {"purge_history": "on", "confirm": "on"})
    assert article.history.count() == 1


def test_editors_cannot_erase(redakteur_client, article_naming_a_person):
    article = article_naming_a_person
    response = redakteur_client.post(erase_url(article), {"text": NAME, "confirm": "on"})
    assert response.status_code == 403
    assert stored_anywhere(article, NAME)


def test_erasing_needs_a_confirmation(leitung_client, article_naming_a_person):
    article = article_naming_a_person
    response = leitung_client.post(erase_url(article), {"text": NAME})
    assert response.status_code == 200
    assert stored_anywhere(article, NAME)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search vocabulary needs PostgreSQL"
)
def test_the_name_leaves_the_search_vocabulary(leitung_client, article_naming_a_person):
    from core.searching import SearchTerm

    article = article_naming_a_person
    assert SearchTerm.objects.filter(word="mustermann").exists()

    leitung_client.post(erase_url(article), {"text": NAME, "confirm": "on"})

    assert not SearchTerm.objects.filter(word="mustermann").exists()
    assert SearchTerm.objects.filter(word="sheffield").exists()

"""Revision history, comparison, restore and the no-lost-edits rule."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from news.models import Article
from tests.factories import ArticleFactory, article_form

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def test_every_save_records_a_revision_with_its_author(leitung_client, leitung):
    article = ArticleFactory(status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Zweiter Titel"))

    latest = article.history.latest("history_date")
    assert article.history.count() == 2
    assert latest.title == "Zweiter Titel"
    assert latest.history_user == leitung


def test_compare_shows_the_changed_fields_side_by_side(leitung_client):
    article = ArticleFactory(title="Alter Titel", status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Neuer Titel"))

    response = leitung_client.get(reverse("admin:news_article_compare", args=[article.pk]))

    assert response.status_code == 200
    labels = [label for label, _old, _new in response.context["changes"]]
    assert "Titel" in labels
    assert ("Titel", "Alter Titel", "Neuer Titel") in response.context["changes"]


def test_compare_any_two_revisions(leitung_client):
    article = ArticleFactory(title="Eins", status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Zwei"))
    article.refresh_from_db()
    leitung_client.post(change_url(article), article_form(article, title="Drei"))
    first, _second, third = article.history.order_by("history_date")

    response = leitung_client.get(
        reverse("admin:news_article_compare", args=[article.pk]),
        {"alt": first.history_id, "neu": third.history_id},
    )

    assert ("Titel", "Eins", "Drei") in response.context["changes"]


@pytest.mark.parametrize("revision", ["abc", "999999"])
def test_compare_with_an_unknown_revision_gives_404(leitung_client, revision):
    article = ArticleFactory()
    url = reverse("admin:news_article_compare", args=[article.pk])
    assert leitung_client.get(url, {"alt": revision}).status_code == 404


def test_editors_may_compare(redakteur_client):
    article = ArticleFactory()
    url = reverse("admin:news_article_compare", args=[article.pk])
    assert redakteur_client.get(url).status_code == 200


def revert_url(article, record):
    return reverse("admin:news_article_simple_history", args=[article.pk, record.history_id])


def test_lead_restores_a_revision_as_a_new_one(leitung_client):
    article = ArticleFactory(title="Original", status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Verschlimmbessert"))
    original = article.history.earliest("history_date")

    response = leitung_client.post(
        revert_url(article, original),
        article_form(article, title="Original", expected_version=original.version),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Original"
    titles = list(article.history.order_by("history_date").values_list("title", flat=True))
    assert titles == ["Original", "Verschlimmbessert", "Original"]
    assert LogEntry.objects.filter(
        object_id=article.pk, change_message__startswith="Fassung vom"
    ).exists()


def test_editor_cannot_restore(redakteur_client):
    article = ArticleFactory(title="Original", status=Article.Status.DRAFT)
    article.title = "Neu"
    article.save()
    original = article.history.earliest("history_date")

    response = redakteur_client.post(
        revert_url(article, original),
        article_form(article, title="Original", expected_version=original.version),
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Neu"


def test_second_save_is_refused_and_keeps_the_second_persons_text(leitung, redakteur):
    article = ArticleFactory(title="Start", status=Article.Status.DRAFT)
    first, second = Client(), Client()
    first.force_login(leitung)
    second.force_login(redakteur)
    # Both open the form at the same version.
    opened_at = (
        first.get(change_url(article)).context["adminform"].form["expected_version"].value()
    )
    assert second.get(change_url(article)).status_code == 200

    saved = first.post(change_url(article), article_form(article, title="Titel von Person A"))
    assert saved.status_code == 302

    refused = second.post(
        change_url(article),
        article_form(
            article,
            body="<p>Text von Person B</p>",
            expected_version=opened_at,
        ),
    )

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "während Sie ihn bearbeitet haben" in html
    assert "Titel von Person A" in html
    assert "Text von Person B" in html
    article.refresh_from_db()
    assert article.title == "Titel von Person A"
    assert "Person B" not in article.body

    # Saving again after reading the message takes the second version.
    form = refused.context["adminform"].form
    resubmitted = second.post(
        change_url(article),
        article_form(
            article,
            title="Titel von Person A",
            body="<p>Text von Person B</p>",
            expected_version=form["expected_version"].value(),
        ),
    )
    assert resubmitted.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Text von Person B</p>"
    assert article.title == "Titel von Person A"


def test_version_counts_saves():
    article = ArticleFactory()
    assert article.version == 1
    article.save()
    assert Article.objects.get(pk=article.pk).version == 2

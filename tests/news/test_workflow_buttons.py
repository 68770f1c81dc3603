"""The workflow buttons beside "Sichern" say what they do, and do it."""

import pytest
from django.urls import reverse

from news.models import Article
from tests.admin_forms import change_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def press(client, article, button, **changes):
    form = change_form(client.get(change_url(article)))
    assert button in form.submits, form.submits
    return client.post(change_url(article), form.data(**{button: "1"}, **changes))


def test_an_editor_submits_a_draft_for_review(redakteur_client, redakteur):
    draft = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur)

    response = press(redakteur_client, draft, "_submit_review")

    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).status == Article.Status.REVIEW


def test_an_editor_has_no_publish_button_and_cannot_forge_one(redakteur_client, redakteur):
    draft = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur)
    form = change_form(redakteur_client.get(change_url(draft)))
    assert "_publish" not in form.submits

    response = redakteur_client.post(change_url(draft), form.data(_publish="1"))

    assert response.status_code == 200
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_the_lead_publishes_from_the_form(leitung_client):
    review = ArticleFactory(status=Article.Status.REVIEW)

    press(leitung_client, review, "_publish")

    assert Article.objects.get(pk=review.pk).is_published()


def test_the_publish_button_names_the_date_of_a_scheduled_article(leitung_client):
    from datetime import timedelta

    from django.utils import timezone

    later = ArticleFactory(
        status=Article.Status.REVIEW, publish_at=timezone.now() + timedelta(days=1)
    )
    html = leitung_client.get(change_url(later)).content.decode()
    assert 'name="_publish" value="Planen für' in html


def test_sending_back_needs_a_comment(leitung_client):
    review = ArticleFactory(status=Article.Status.REVIEW)

    refused = press(leitung_client, review, "_send_back")
    assert refused.status_code == 200
    assert Article.objects.get(pk=review.pk).status == Article.Status.REVIEW

    press(leitung_client, review, "_send_back", review_comment="Bitte Quellen ergänzen.")
    assert Article.objects.get(pk=review.pk).sent_back_comment == "Bitte Quellen ergänzen."


def test_the_lead_withdraws_a_live_article(leitung_client):
    live = ArticleFactory()

    press(leitung_client, live, "_withdraw")

    assert Article.objects.get(pk=live.pk).status == Article.Status.WITHDRAWN


def test_submitting_says_that_the_article_waits_for_review(redakteur_client, redakteur):
    draft = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur, title="Bericht")

    response = press(redakteur_client, draft, "_submit_review")

    shown = [str(message) for message in response.wsgi_request._messages]
    assert "„Bericht“ wartet jetzt auf Prüfung durch die Redaktionsleitung." in shown

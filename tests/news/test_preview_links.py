from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from news.models import Article, PreviewLink
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(title="Geheimer Entwurf", status=Article.Status.DRAFT)


@pytest.fixture
def link(draft, redakteur):
    return PreviewLink.objects.create(article=draft, created_by=redakteur, note="OB-Büro")


def test_editor_creates_a_preview_link_in_the_admin(redakteur_client, draft):
    url = reverse("admin:news_article_preview_links", args=[draft.pk])
    assert redakteur_client.get(url).status_code == 200

    response = redakteur_client.post(url, {"note": "Büro des Oberbürgermeisters"}, follow=True)

    link = PreviewLink.objects.get()
    assert link.article == draft and link.note == "Büro des Oberbürgermeisters"
    assert link.get_absolute_url() in response.content.decode()
    assert link.expires_at - timezone.now() > timedelta(days=6, hours=23)


def test_staff_without_article_rights_cannot_create_links(client, staff_without_rights, draft):
    client.force_login(staff_without_rights)
    url = reverse("admin:news_article_preview_links", args=[draft.pk])
    assert client.post(url, {"note": "x"}).status_code == 403
    assert not PreviewLink.objects.exists()


def test_link_shows_the_draft_to_anyone_without_caching_or_indexing(client, link):
    response = client.get(link.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Geheimer Entwurf" in html
    assert "Vorschaulink" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert not response.cookies


def test_expired_link_gives_404(client, link):
    with time_machine.travel(link.expires_at + timedelta(seconds=1)):
        assert client.get(link.get_absolute_url()).status_code == 404


def test_link_still_works_just_before_it_expires(client, link):
    with time_machine.travel(link.expires_at - timedelta(seconds=1)):
        assert client.get(link.get_absolute_url()).status_code == 200


def test_revoked_link_gives_404(redakteur_client, client, link):
    url = reverse("admin:news_article_preview_links", args=[link.article.pk])
    redakteur_client.post(url, {"revoke": link.pk})
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(link.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("token", ["1:abc:def", "nonsense", "MQ:1tXyZ:forged"])
def test_tampered_token_gives_404(client, link, token):
    url = reverse("news:shared-preview", kwargs={"slug": link.article.slug, "token": token})
    assert client.get(url).status_code == 404


def test_link_does_not_open_another_article(client, link):
    other = ArticleFactory(title="Anderer Entwurf", status=Article.Status.DRAFT)
    url = reverse("news:shared-preview", kwargs={"slug": other.slug, "token": link.token})
    assert client.get(url).status_code == 404


def test_draft_itself_stays_hidden_from_link_holders(client, link):
    client.get(link.get_absolute_url())
    assert client.get(link.article.get_absolute_url()).status_code == 404

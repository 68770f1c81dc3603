import hashlib
import importlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core import signing
from django.test import Client
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
    link, token = PreviewLink.objects.create_with_token(
        article=draft, created_by=redakteur, note="OB-Büro"
    )
    link.token, link.shared_url = token, link.url(token)
    return link


def old_form_token(link):
    """How links were made before: the primary key, signed with the installation's key."""
    return signing.dumps(link.pk, salt="news.preview-link")


def test_editor_creates_a_preview_link_in_the_admin(redakteur_client, draft):
    url = reverse("admin:news_article_preview_links", args=[draft.pk])
    assert redakteur_client.get(url).status_code == 200

    response = redakteur_client.post(url, {"note": "Büro des Oberbürgermeisters"}, follow=True)

    link = PreviewLink.objects.get()
    assert link.article == draft and link.note == "Büro des Oberbürgermeisters"
    assert link.expires_at - timezone.now() > timedelta(days=6, hours=23)
    shown = re.search(
        r"http://testserver(/aktuelles/[^/]+/vorschau/([^/]+)/)", response.content.decode()
    )
    assert shown, "the new link is shown to its creator"
    path, token = shown.groups()
    assert Client().get(path).status_code == 200
    # Only a hash is kept, and the link is shown this once.
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(PreviewLink.objects.values().get())
    assert token not in redakteur_client.get(url).content.decode()


def test_tokens_are_random_and_long(draft):
    tokens = {PreviewLink.objects.create_with_token(article=draft)[1] for _ in range(5)}
    assert len(tokens) == 5
    assert all(len(token) >= 43 for token in tokens)


def test_staff_without_article_rights_cannot_create_links(client, staff_without_rights, draft):
    client.force_login(staff_without_rights)
    url = reverse("admin:news_article_preview_links", args=[draft.pk])
    assert client.post(url, {"note": "x"}).status_code == 403
    assert not PreviewLink.objects.exists()


def test_link_shows_the_draft_to_anyone_without_caching_or_indexing(client, link):
    response = client.get(link.shared_url)

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
        assert client.get(link.shared_url).status_code == 404


def test_link_still_works_just_before_it_expires(client, link):
    with time_machine.travel(link.expires_at - timedelta(seconds=1)):
        assert client.get(link.shared_url).status_code == 200


def test_revoked_link_gives_404(redakteur_client, client, link):
    url = reverse("admin:news_article_preview_links", args=[link.article.pk])
    redakteur_client.post(url, {"revoke": link.pk})
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(link.shared_url).status_code == 404


@pytest.mark.parametrize("token", ["1:abc:def", "nonsense", "MQ:1tXyZ:forged", "x" * 43])
def test_tampered_token_gives_404(client, link, token):
    url = reverse("news:shared-preview", kwargs={"slug": link.article.slug, "token": token})
    assert client.get(url).status_code == 404


def test_link_does_not_open_another_article(client, link):
    other = ArticleFactory(title="Anderer Entwurf", status=Article.Status.DRAFT)
    url = reverse("news:shared-preview", kwargs={"slug": other.slug, "token": link.token})
    assert client.get(url).status_code == 404


def test_draft_itself_stays_hidden_from_link_holders(client, link):
    client.get(link.shared_url)
    assert client.get(link.article.get_absolute_url()).status_code == 404


def test_old_deterministic_form_opens_nothing(client, link):
    url = reverse(
        "news:shared-preview", kwargs={"slug": link.article.slug, "token": old_form_token(link)}
    )
    assert client.get(url).status_code == 404


def test_old_links_are_expired_by_the_migration_and_named_in_the_admin(client, leitung, draft):
    old = PreviewLink.objects.create(article=draft, note="vor der Umstellung")
    assert old.token_hash is None and old.expires_at > timezone.now()
    migration = importlib.import_module("news.migrations.0006_preview_link_random_tokens")

    migration.expire_signed_links(django_apps, None)

    old.refresh_from_db()
    assert old.expires_at <= timezone.now()
    url = reverse("news:shared-preview", kwargs={"slug": draft.slug, "token": old_form_token(old)})
    assert client.get(url).status_code == 404
    client.force_login(leitung)
    for page in [
        reverse("admin:news_article_preview_links", args=[draft.pk]),
        reverse("admin:news_previewlink_changelist"),
    ]:
        assert "abgelaufen (alte Form)" in client.get(page).content.decode()


def test_old_link_opens_nothing_even_before_its_expiry(client, draft):
    old = PreviewLink.objects.create(article=draft)
    url = reverse("news:shared-preview", kwargs={"slug": draft.slug, "token": old_form_token(old)})
    assert client.get(url).status_code == 404

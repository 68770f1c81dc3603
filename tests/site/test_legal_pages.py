"""Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache and Gebärdensprache."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from core.pending import PendingChange
from partnership.site.models import LegalPage, validate_captions, validate_video

pytestmark = pytest.mark.django_db


def page(kind, **fields):
    return LegalPage.objects.create(
        kind=kind, title=str(LegalPage.Kind(kind).label), published=True, **fields
    )


@pytest.mark.parametrize("kind", LegalPage.Kind.values)
def test_each_page_has_its_fixed_address(client, kind):
    page(kind, body=f"<p>Inhalt {kind}</p>")
    response = client.get(f"/{kind}/")
    assert response.status_code == 200
    assert f"Inhalt {kind}" in response.content.decode()


def test_unpublished_page_gives_404_to_visitors_and_a_preview_to_editors(client, redakteur):
    LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title="Impressum")
    assert client.get("/impressum/").status_code == 404
    client.force_login(redakteur)
    assert "Vorschau – Entwurf" in client.get("/impressum/").content.decode()


def test_every_page_links_the_legal_pages_and_the_accessible_versions(client):
    html = client.get("/aktuelles/").content.decode()
    for url in ["/impressum/", "/datenschutz/", "/barrierefreiheit/"]:
        assert f'href="{url}"' in html
    home = client.get("/").content.decode()
    assert 'href="/leichte-sprache/"' in home and 'href="/gebaerdensprache/"' in home


def test_accessibility_statement_shows_what_the_law_asks_for(client):
    page(
        LegalPage.Kind.ACCESSIBILITY,
        conformity=LegalPage.Conformity.PARTIAL,
        known_limitations="<p>Alte PDF-Dateien.</p>",
        feedback_contact="barrierefrei@example.org",
        enforcement="<p>Ombudsstelle NRW.</p>",
        last_reviewed=date(2026, 11, 1),
    )
    # As a reader sees it: long words in headings carry soft hyphens.
    html = client.get("/barrierefreiheit/").content.decode().replace("\u00ad", "")
    for text in [
        "teilweise vereinbar",
        "Alte PDF-Dateien.",
        'href="mailto:barrierefrei@example.org"',
        "Schlichtungsverfahren",
        "Ombudsstelle NRW.",
        "1. November 2026",
    ]:
        assert text in html, text


def test_sign_language_page_plays_a_self_hosted_video_with_captions(client, settings):
    page(
        LegalPage.Kind.SIGN_LANGUAGE,
        video=SimpleUploadedFile("dgs.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32),
        video_captions=SimpleUploadedFile("dgs.vtt", b"WEBVTT\n\n"),
        video_description="Eine Dolmetscherin erklärt die Website.",
    )
    html = client.get("/gebaerdensprache/").content.decode()
    assert '<video controls preload="metadata"' in html
    assert '<source src="/media/site/legalpage/' in html
    assert '<track kind="captions"' in html
    assert "Eine Dolmetscherin erklärt" in html


@pytest.mark.parametrize(
    ("name", "content"),
    [("film.mp4", b"<html></html>" * 10), ("film.avi", b"RIFF....AVI "), ("film.webm", b"x" * 64)],
)
def test_only_real_mp4_or_webm_videos_are_accepted(name, content):
    with pytest.raises(ValidationError, match="MP4 oder WebM"):
        validate_video(SimpleUploadedFile(name, content))


def test_captions_must_be_webvtt():
    validate_captions(SimpleUploadedFile("u.vtt", b"WEBVTT\n"))
    with pytest.raises(ValidationError):
        validate_captions(SimpleUploadedFile("u.srt", b"1\n00:00"))


def test_passages_in_another_language_keep_their_lang(client):
    page(LegalPage.Kind.PLAIN_LANGUAGE, body='<p>Das heißt <span lang="en">twin town</span>.</p>')
    assert '<span lang="en">twin town</span>' in client.get("/leichte-sprache/").content.decode()


def test_page_bodies_are_sanitised():
    saved = page(LegalPage.Kind.IMPRINT, body="<p>Anbieter</p><script>alert(1)</script>")
    saved.refresh_from_db()
    assert saved.body == "<p>Anbieter</p>"


def test_each_kind_exists_once():
    page(LegalPage.Kind.IMPRINT)
    with pytest.raises(ValidationError):
        LegalPage(kind=LegalPage.Kind.IMPRINT, title="Zweites Impressum").full_clean()


def test_demo_loads_all_five_pages_with_german_text(client):
    call_command("load_demo", stdout=StringIO())
    kinds = LegalPage.objects.published().values_list("kind", flat=True)
    assert set(kinds) == set(LegalPage.Kind.values)
    assert "Schlichtungsverfahren" in client.get("/barrierefreiheit/").content.decode()


def test_editors_prepare_pages_and_leads_publish_them(redakteur_client, leitung_client):
    draft = LegalPage.objects.create(kind=LegalPage.Kind.PRIVACY, title="Datenschutz")
    url = reverse("admin:site_legalpage_change", args=[draft.pk])
    form = {
        "kind": draft.kind,
        "title_de": "Datenschutz",
        "body_de": "<p>Text</p>",
        "expected_version": 1,
    }
    assert redakteur_client.post(url, {**form, "published": "on"}).status_code == 403
    assert redakteur_client.post(url, form).status_code == 302
    assert not LegalPage.objects.get(pk=draft.pk).published
    assert (
        leitung_client.post(url, {**form, "published": "on", "expected_version": 2}).status_code
        == 302
    )
    assert LegalPage.objects.get(pk=draft.pk).published
    live_change = redakteur_client.post(
        url, {**form, "body_de": "<p>Neu</p>", "expected_version": "3.0"}
    )
    assert live_change.status_code == 302
    assert LegalPage.objects.get(pk=draft.pk).body == "<p>Text</p>"
    assert PendingChange.objects.for_object(draft).proposal["fields"]["body"] == "<p>Neu</p>"


def test_pages_are_in_the_sitemap(client):
    page(LegalPage.Kind.IMPRINT)
    assert "http://testserver/impressum/" in client.get("/sitemap.xml").content.decode()

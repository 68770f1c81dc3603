"""Maintenance commands: content and media checks, retention."""

import os
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cities.models import City
from news.models import Article, PreviewLink
from tests.factories import ArticleFactory, CityFactory, image_upload

pytestmark = pytest.mark.django_db


def run(*args, **options):
    output = StringIO()
    call_command(*args, stdout=output, **options)
    return output.getvalue()


# --- check_content -------------------------------------------------------


def test_check_content_finds_html_that_bypassed_save_and_fixes_it():
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body="<p>Hallo</p><script>alert(1)</script>")

    # The German column and the untranslated one beside it, which update() fills alike.
    with pytest.raises(CommandError, match="2 Feld"):
        run("check_content")
    fixed = run("check_content", fix=True)
    assert "Feld „body“" in fixed and "Feld „body_de“" in fixed

    assert Article.objects.get(pk=article.pk).body == "<p>Hallo</p>"
    assert "gefunden: 0" in run("check_content")


def test_check_content_passes_on_the_demo_data():
    run("load_demo")
    assert "gefunden: 0" in run("check_content")


# --- purge_personal_data -------------------------------------------------


def test_purge_deletes_old_security_records_and_keeps_recent_ones(settings):
    old = timezone.now() - timedelta(days=settings.SECURITY_RECORDS_DAYS + 1)
    for username, when in [("alt", old), ("neu", timezone.now())]:
        attempt = AccessAttempt.objects.create(
            username=username, ip_address="127.0.0.1", failures_since_start=1, user_agent="x"
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
    article = ArticleFactory()
    PreviewLink.objects.create(article=article, expires_at=old)
    current = PreviewLink.objects.create(article=article)

    run("purge_personal_data")
    run("purge_personal_data")

    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["neu"]
    assert list(PreviewLink.objects.all()) == [current]


# --- check_media ---------------------------------------------------------


def make_old(path):
    past = time.time() - 2 * 24 * 3600
    os.utime(path, (past, past))


def test_check_media_reports_and_deletes_only_unreferenced_old_files(settings):
    city = CityFactory(image=image_upload(), image_alt="Rathaus")
    root = Path(settings.MEDIA_ROOT)
    orphan = root / "cities" / "city" / "verwaist.jpg"
    orphan.write_bytes(b"x")
    young = root / "cities" / "city" / "gerade-hochgeladen.jpg"
    young.write_bytes(b"x")
    make_old(orphan)
    make_old(root / city.image.name)

    report = run("check_media")
    assert "cities/city/verwaist.jpg" in report
    assert city.image.name not in report and "gerade-hochgeladen" not in report

    run("check_media", delete=True)
    assert not orphan.exists() and young.exists() and (root / city.image.name).exists()


def test_files_used_in_rich_text_or_old_revisions_are_kept(settings):
    root = Path(settings.MEDIA_ROOT)
    (root / "editor").mkdir(parents=True)
    for name in ["editor/foto.jpg", "editor/foto_thumb.jpg"]:
        (root / name).write_bytes(b"x")
        make_old(root / name)
    ArticleFactory(body='<p><img src="/media/editor/foto.jpg" alt="Foto"></p>')
    city = CityFactory(image=image_upload(), image_alt="alt")
    old_image = city.image.name
    city.image = image_upload()
    city.save()
    make_old(root / old_image)

    assert "Verwaiste Dateien gefunden: 0" in run("check_media")


def test_failed_save_leaves_no_row_and_its_file_is_reported(settings):
    """A crash after the upload is written but before the row commits."""
    CityFactory(name="Vorhanden", slug="abbruch")
    city = CityFactory.build(name="Abbruch", slug="abbruch", image=image_upload(), image_alt="x")
    # The taken slug makes the INSERT fail after the file was written.
    with pytest.raises(IntegrityError), transaction.atomic():
        city.save()

    assert not City.objects.filter(name="Abbruch").exists()
    report = run("check_media", min_age_hours=0)
    # The upload and its smaller copy, made before the INSERT.
    assert "Verwaiste Dateien gefunden: 2" in report
    assert report.count(Path(city.image.name).stem) == 2

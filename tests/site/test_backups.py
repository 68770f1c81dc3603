"""backup and restore: restore drills on SQLite and PostgreSQL that compare everything exactly."""

import json
import threading
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from cities.models import City
from news.models import Article, Category
from partnership.models import Partnership
from partnership.site import backups
from tests.factories import CityFactory, PartnershipFactory, image_upload

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")

# Restores replace whole tables, which needs committed data; the tables are
# emptied again after each test.
pytestmark = pytest.mark.django_db(transaction=True)


def run(*args, **options):
    output = StringIO()
    call_command(*args, stdout=output, **options)
    return output.getvalue()


def everything(media_root):
    """Every row of every model, link tables and history included, and every file's bytes."""
    rows = {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
    }
    files = {
        str(path.relative_to(media_root)): path.read_bytes()
        for path in Path(media_root).rglob("*")
        if path.is_file()
    }
    return rows, files


def empty_the_database():
    """Drop every table, as in a freshly created database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
    assert connection.introspection.table_names() == []


def empty_the_media(media_root):
    for path in Path(media_root).rglob("*"):
        if path.is_file():
            path.unlink()


@pytest.fixture
def edited_demo(settings):
    """The demo data plus edits that a lossy backup would get wrong."""
    run("load_demo")
    run("setup_roles")
    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    article.title = "Jugendaustausch mit neuem Termin"
    article.publish_at = datetime(2026, 3, 1, 9, 30, 15, 123457, tzinfo=UTC)
    article.save()  # a history row
    article.cities.set(City.objects.all())  # many-to-many links
    article.linked_cities = set(City.objects.values_list("pk", flat=True))
    article.categories.add(Category.objects.create(name="Drill", slug="drill"))
    city = CityFactory(name="Neustadt", image=image_upload("neustadt.jpg"))  # files
    PartnershipFactory(published=False)
    Article.objects.filter(pk=article.pk).update(
        updated=datetime(2026, 3, 1, 9, 30, 15, 999999, tzinfo=UTC)
    )
    return article, city


def drill(tmp_path, media_root):
    before = everything(media_root)
    assert before[1], "the drill needs files"
    run("backup", str(tmp_path / "sicherung"))
    empty_the_database()
    empty_the_media(media_root)

    report = run("restore", str(tmp_path / "sicherung"))

    assert "stimmen genau mit der Sicherung überein" in report
    assert everything(media_root) == before


def test_restore_drill_reproduces_everything_exactly(tmp_path, settings, edited_demo):
    """Runs on whichever database the suite uses: SQLite, or PostgreSQL in CI's second run."""
    article, city = edited_demo
    drill(tmp_path, settings.MEDIA_ROOT)

    restored = Article.objects.get(pk=article.pk)
    assert restored.publish_at == datetime(2026, 3, 1, 9, 30, 15, 123457, tzinfo=UTC)
    assert restored.updated.microsecond == 999999
    assert set(restored.cities.values_list("pk", flat=True)) == article.linked_cities
    assert restored.history.filter(title="Jugendaustausch mit neuem Termin").exists()
    assert City.objects.get(pk=city.pk).image.name == city.image.name
    assert Partnership.objects.filter(published=False).exists()
    # The id counters stand where they stood: a new row does not collide.
    assert CityFactory().pk > city.pk


def test_restore_can_run_again(tmp_path, settings, edited_demo):
    run("backup", str(tmp_path / "sicherung"))
    before = everything(settings.MEDIA_ROOT)
    run("restore", str(tmp_path / "sicherung"))
    run("restore", str(tmp_path / "sicherung"))
    assert everything(settings.MEDIA_ROOT) == before


def test_restore_fails_loudly_when_the_restored_content_differs(tmp_path, monkeypatch):
    """A restore that loses the microseconds of one timestamp does not report success."""
    article = Article.objects.create(title="Genau", slug="genau", body="<p>Text</p>")
    saved_at = datetime(2026, 3, 1, 9, 30, 15, 123457, tzinfo=UTC)
    Article.objects.filter(pk=article.pk).update(updated=saved_at)
    run("backup", str(tmp_path / "sicherung"))
    vendor = connection.vendor
    restore = backups.ENGINES[vendor]["restore"]

    def lossy_restore(path):
        restore(path)
        Article.objects.filter(pk=article.pk).update(updated=saved_at.replace(microsecond=0))

    monkeypatch.setitem(backups.ENGINES[vendor], "restore", lossy_restore)
    with pytest.raises(CommandError, match="news_article: Inhalt weicht ab"):
        run("restore", str(tmp_path / "sicherung"))


def test_restore_refuses_a_damaged_dump_and_changes_nothing(tmp_path):
    Article.objects.create(title="Vorher", slug="vorher", body="<p>Text</p>")
    run("backup", str(tmp_path / "sicherung"))
    manifest = json.loads((tmp_path / "sicherung" / "manifest.json").read_text())
    dump = tmp_path / "sicherung" / manifest["database"]["file"]
    dump.write_bytes(dump.read_bytes()[:-10])
    Article.objects.create(title="Danach", slug="danach", body="<p>Text</p>")

    with pytest.raises(CommandError, match="beschädigt"):
        run("restore", str(tmp_path / "sicherung"))

    assert Article.objects.filter(slug="danach").exists()


def test_restore_refuses_an_incomplete_backup(tmp_path):
    with pytest.raises(CommandError, match="keine vollständige Sicherung"):
        run("restore", str(tmp_path))


def test_an_interrupted_backup_leaves_no_manifest(tmp_path, monkeypatch):
    run("backup", str(tmp_path / "sicherung"))

    def broken(path):
        raise backups.BackupError("Platte voll")

    monkeypatch.setitem(backups.ENGINES[connection.vendor], "dump", broken)
    with pytest.raises(CommandError, match="Platte voll"):
        run("backup", str(tmp_path / "sicherung"))
    with pytest.raises(CommandError, match="keine vollständige Sicherung"):
        run("restore", str(tmp_path / "sicherung"))


def test_restore_names_an_old_format_backup(tmp_path):
    (tmp_path / "database.json").write_text("[]")
    with pytest.raises(CommandError, match="alten Format"):
        run("restore", str(tmp_path))


@postgres_only
def test_backup_taken_while_editors_save_verifies(tmp_path, settings):
    """
    A save committed after the snapshot is in neither the dump nor the
    manifest, so the restore verifies and brings back the state of the snapshot.
    """
    article = Article.objects.create(title="Vorher", slug="vorher", body="<p>Text</p>")
    real_run = backups._run

    def save_meanwhile():
        try:
            Article.objects.filter(pk=article.pk).update(title="Währenddessen")
            Article.objects.create(title="Neu", slug="neu", body="<p>Text</p>")
        finally:
            connections.close_all()

    def run_after_a_concurrent_save(args, env):
        editor = threading.Thread(target=save_meanwhile)
        editor.start()
        editor.join()
        real_run(args, env)

    backups._run = run_after_a_concurrent_save
    try:
        run("backup", str(tmp_path / "sicherung"))
    finally:
        backups._run = real_run
    assert Article.objects.get(pk=article.pk).title == "Währenddessen"

    run("restore", str(tmp_path / "sicherung"))

    assert Article.objects.get(pk=article.pk).title == "Vorher"
    assert not Article.objects.filter(slug="neu").exists()


@postgres_only
def test_pg_bin_dir_names_the_tools(settings, tmp_path):
    settings.PG_BIN_DIR = str(tmp_path)
    with pytest.raises(backups.BackupError, match="PG_BIN_DIR"):
        backups.postgres_tool("pg_dump")


@pytest.mark.usefixtures("edited_demo")
def test_manifest_counts_rows_of_link_and_history_tables(tmp_path):
    run("backup", str(tmp_path / "sicherung"))
    tables = json.loads((tmp_path / "sicherung" / "manifest.json").read_text())["database"][
        "tables"
    ]
    assert tables["news_article_cities"]["rows"] == Article.cities.through.objects.count()
    assert tables["news_historicalarticle"]["rows"] == Article.history.count()
    assert tables["auth_group_permissions"]["rows"] > 0


@postgres_only
def test_restore_into_a_database_with_other_tables_fails_loudly(tmp_path):
    """pg_restore replaces what the backup holds; anything else left in the database is named."""
    run("backup", str(tmp_path / "sicherung"))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE uebrig (id integer PRIMARY KEY)")
    try:
        with pytest.raises(CommandError, match="uebrig: Tabelle ist nicht in der Sicherung"):
            run("restore", str(tmp_path / "sicherung"))
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE uebrig")

import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from partnership.site import backups
from partnership.site.media import media_files

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


class Command(BaseCommand):
    help = (
        "Sichert die ganze Datenbank (PostgreSQL mit pg_dump, SQLite mit seiner "
        "Online-Sicherung) und alle hochgeladenen Dateien in ein Verzeichnis, mit einem "
        "Manifest aus Zeilenzahlen und Prüfsummen über jede Zeile. Gegenstück: restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        # The manifest is written last: a directory without one, or with one
        # that does not match its files, is never taken for a complete backup.
        (target / MANIFEST).unlink(missing_ok=True)
        try:
            engine = backups.engine()
            dump = target / engine["file"]
            partial = dump.with_name(dump.name + ".partial")
            digests = engine["dump"](partial)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        partial.replace(dump)

        media_root = Path(settings.MEDIA_ROOT)
        files = media_files(media_root)
        archive_path = target / MEDIA_ARCHIVE
        with tarfile.open(archive_path.with_name(MEDIA_ARCHIVE + ".partial"), "w:gz") as archive:
            for name in files:
                archive.add(media_root / name, arcname=name)
        archive_path.with_name(MEDIA_ARCHIVE + ".partial").replace(archive_path)

        manifest = {
            "created": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": {
                "file": dump.name,
                "sha256": backups.file_checksum(dump),
                **digests,
            },
            "media": {"file": MEDIA_ARCHIVE, "sha256": backups.file_checksum(archive_path)},
            "files": {name: backups.file_checksum(media_root / name) for name in files},
        }
        partial_manifest = target / (MANIFEST + ".partial")
        partial_manifest.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial_manifest.replace(target / MANIFEST)
        rows = sum(table["rows"] for table in digests["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Gesichert nach {target}: {len(digests['tables'])} Tabellen, {rows} Zeilen, "
                f"{len(files)} Dateien."
            )
        )

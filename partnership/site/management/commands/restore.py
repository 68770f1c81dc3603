import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from partnership.site import backups
from partnership.site.management.commands.backup import MANIFEST


class Command(BaseCommand):
    help = (
        "Stellt eine mit backup erstellte Sicherung wieder her: ersetzt die ganze Datenbank "
        "(PostgreSQL mit pg_restore, SQLite mit seiner Online-Sicherung), legt die Dateien "
        "ins Medienverzeichnis und prüft jede Tabelle Zeile für Zeile und jede Datei gegen "
        "das Manifest. Scheitert laut, wenn etwas abweicht; kann erneut laufen."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        source = Path(directory)
        manifest = self.read_manifest(source)
        if manifest["engine"] != connection.vendor:
            raise CommandError(
                f"Die Sicherung stammt aus {manifest['engine']}, eingestellt ist "
                f"{connection.vendor}; sie lässt sich nur in dieselbe Datenbankart zurückspielen."
            )
        dump = source / manifest["database"]["file"]
        archive = source / manifest["media"]["file"]
        # A damaged copy is refused before anything is replaced.
        for path, digest in [
            (dump, manifest["database"]["sha256"]),
            (archive, manifest["media"]["sha256"]),
        ]:
            if not path.exists() or backups.file_checksum(path) != digest:
                raise CommandError(f"{path} ist beschädigt oder fehlt; nichts wurde verändert.")

        try:
            engine = backups.engine()
            engine["restore"](dump)
            actual = engine["digests"]()
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        # Content type ids come from the backup now, not from before.
        ContentType.objects.clear_cache()

        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(media_root, filter="data")

        problems = backups.differences(manifest["database"], actual) + [
            f"{name}: Prüfsumme stimmt nicht"
            for name, digest in manifest["files"].items()
            if not (media_root / name).exists()
            or backups.file_checksum(media_root / name) != digest
        ]
        if problems:
            raise CommandError(
                "Die Wiederherstellung stimmt nicht mit der Sicherung überein:\n"
                + "\n".join(problems)
            )
        tables = manifest["database"]["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Wiederhergestellt aus {source} (Stand {manifest['created']}): "
                f"{len(tables)} Tabellen mit {sum(t['rows'] for t in tables.values())} Zeilen "
                f"und {len(manifest['files'])} Dateien stimmen genau mit der Sicherung überein."
            )
        )

    def read_manifest(self, source):
        try:
            manifest = json.loads((source / MANIFEST).read_text())
        except FileNotFoundError:
            if (source / "database.json").exists():
                raise CommandError(
                    f"{source} ist eine Sicherung im alten Format (database.json): in eine "
                    "frisch migrierte Datenbank mit „manage.py loaddata "
                    f"{source / 'database.json'}“ einspielen und die Dateien aus "
                    "media.tar.gz auspacken."
                ) from None
            raise CommandError(f"{source} enthält keine vollständige Sicherung.") from None
        except json.JSONDecodeError:
            raise CommandError(f"{source / MANIFEST} ist beschädigt.") from None
        if "database" not in manifest or "engine" not in manifest:
            raise CommandError(f"{source} enthält keine vollständige Sicherung.")
        return manifest

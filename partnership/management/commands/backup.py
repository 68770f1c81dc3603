import hashlib
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from partnership.media import media_files

# Rebuilt by migrate, or short-lived: not part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


def checksum(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def row_counts():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "sessions", "axes"}
        and model._meta.label != "auth.Permission"
    }


class Command(BaseCommand):
    help = (
        "Sichert die Datenbank (alle Inhalte, auch unveröffentlichte, mit Fassungen und "
        "Konten) und alle hochgeladenen Dateien in ein Verzeichnis. Gegenstück: restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name first: an interrupted run never
        # leaves a backup that looks complete.
        partial = target / "database.json.partial"
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            output=str(partial),
            verbosity=0,
        )
        partial.replace(target / "database.json")
        media_root = Path(settings.MEDIA_ROOT)
        files = media_files(media_root)
        with tarfile.open(target / "media.tar.gz.partial", "w:gz") as archive:
            for name in files:
                archive.add(media_root / name, arcname=name)
        (target / "media.tar.gz.partial").replace(target / "media.tar.gz")
        manifest = {
            "rows": row_counts(),
            "files": {name: checksum(media_root / name) for name in files},
        }
        (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
        self.stdout.write(
            self.style.SUCCESS(
                f"Gesichert nach {target}: {sum(manifest['rows'].values())} Zeilen, "
                f"{len(files)} Dateien."
            )
        )

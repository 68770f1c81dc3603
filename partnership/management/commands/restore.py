import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partnership.management.commands.backup import checksum, row_counts


class Command(BaseCommand):
    help = (
        "Stellt eine mit backup erstellte Sicherung in eine migrierte Datenbank und das "
        "Medienverzeichnis wieder her und prüft Zeilenzahlen und Prüfsummen. Kann nach "
        "einem Abbruch erneut laufen."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        source = Path(directory)
        try:
            manifest = json.loads((source / "manifest.json").read_text())
        except FileNotFoundError as exc:
            raise CommandError(f"{source} enthält keine vollständige Sicherung.") from exc
        with transaction.atomic():
            call_command("loaddata", str(source / "database.json"), verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / "media.tar.gz") as archive:
            archive.extractall(media_root, filter="data")
        problems = [
            f"{label}: {count} statt {manifest['rows'][label]} Zeilen"
            for label, count in row_counts().items()
            if count != manifest["rows"].get(label, 0)
        ] + [
            f"{name}: Prüfsumme stimmt nicht"
            for name, digest in manifest["files"].items()
            if not (media_root / name).exists() or checksum(media_root / name) != digest
        ]
        if problems:
            raise CommandError("Wiederherstellung unvollständig:\n" + "\n".join(problems))
        self.stdout.write(self.style.SUCCESS(f"Wiederhergestellt aus {source}; alles stimmt."))

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from partnership.site.media import orphaned_files


class Command(BaseCommand):
    help = (
        "Listet hochgeladene Dateien, auf die kein Inhalt und keine Fassung mehr verweist "
        "(z. B. nach einem abgebrochenen Speichern). Mit --delete werden sie gelöscht. "
        "Dateien jünger als --min-age-hours bleiben unberührt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true")
        parser.add_argument("--min-age-hours", type=int, default=24)

    def handle(self, *args, delete, min_age_hours, **options):
        orphans = orphaned_files(min_age=timedelta(hours=min_age_hours))
        for name in orphans:
            self.stdout.write(name)
            if delete:
                (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)
        verb = "gelöscht" if delete else "gefunden"
        self.stdout.write(f"Verwaiste Dateien {verb}: {len(orphans)}")

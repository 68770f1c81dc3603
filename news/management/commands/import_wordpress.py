import sys

from django.core.management.base import BaseCommand, CommandError

from news.wordpress import Importer, WXRError, read_export


class Command(BaseCommand):
    help = (
        "Importiert Beiträge, Kategorien, Schlagwörter und Bilder aus einer WordPress-"
        "Exportdatei (WXR 1.0–1.2). Bilder kommen aus einer lokalen Kopie von "
        "wp-content/uploads; alte Adressen leiten auf die neuen Seiten weiter. Kann erneut "
        "laufen: seit dem Import bearbeitete Beiträge bleiben unverändert."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="die WXR-Datei aus Werkzeuge › Daten exportieren")
        parser.add_argument("--uploads", help="Verzeichnis mit der Kopie von wp-content/uploads")
        parser.add_argument(
            "--dry-run", action="store_true", help="nur prüfen und berichten, nichts schreiben"
        )

    def handle(self, *args, export, uploads, dry_run, **options):
        try:
            data = read_export(export)
        except WXRError as exc:
            raise CommandError(f"{exc} Es wurde nichts importiert.") from exc
        report = Importer(data, uploads=uploads, dry_run=dry_run, progress=self.progress).run()
        missing = list(dict.fromkeys(report.missing_images))
        if dry_run:
            self.stdout.write("Probelauf: nichts wurde geschrieben.")
        self.stdout.write(
            f"Angelegt: {report.created}\n"
            f"Aktualisiert: {report.updated}\n"
            f"Unverändert: {report.unchanged}\n"
            f"Behalten, weil seit dem Import bearbeitet: {len(report.kept)}\n"
            f"Übersprungen (keine Beiträge oder im Papierkorb): {report.skipped}\n"
            f"Fehlende Bilder: {len(missing)}"
        )
        for title in report.kept:
            self.stdout.write(f"  bearbeitet, nicht überschrieben: {title}")
        for name in missing:
            self.stdout.write(f"  Bild nicht gefunden oder unlesbar: {name}")
        for name in dict.fromkeys(report.images_without_alt):
            self.stdout.write(f"  Bild ohne Alternativtext, bitte ergänzen: {name}")

    def progress(self, done, total):
        if not sys.stderr.isatty():
            return
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")

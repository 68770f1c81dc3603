import sys

from django.core.management.base import BaseCommand, CommandError

from news.wordpress import Importer, WXRError, WXRFile

from ...wordpress import PageWriter

# What the report calls the kinds of item that do not come over.
SKIPPED = {
    "attachment": "Anhänge (nur als Bilder in Beiträgen übernommen)",
    "nav_menu_item": "Menüeinträge werden nicht übernommen",
    "trash": "Im Papierkorb, nicht übernommen",
    "auto-draft": "Automatisch gespeicherte Entwürfe, nicht übernommen",
    "inherit": "Überarbeitungen, nicht übernommen",
}


class Command(BaseCommand):
    help = (
        "Importiert Beiträge, Seiten, Kategorien, Schlagwörter und Bilder aus einer WordPress-"
        "Exportdatei (WXR). Bilder kommen aus einer lokalen Kopie von wp-content/uploads; "
        "alte Adressen leiten auf die neuen Seiten weiter. Kann erneut laufen: seit dem "
        "Import bearbeitete Beiträge bleiben unverändert."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="die WXR-Datei aus Werkzeuge › Daten exportieren")
        parser.add_argument("--uploads", help="Verzeichnis mit der Kopie von wp-content/uploads")
        parser.add_argument(
            "--dry-run", action="store_true", help="nur prüfen und berichten, nichts schreiben"
        )

    def handle(self, *args, export, uploads, dry_run, **options):
        try:
            importer = Importer(
                WXRFile(export),
                uploads=uploads,
                dry_run=dry_run,
                progress=self.progress,
                write_page=PageWriter(),
            )
            report = importer.run()
        except WXRError as exc:
            raise CommandError(f"{exc} Es wurde nichts importiert.") from exc
        if dry_run:
            self.stdout.write("Probelauf: nichts wurde geschrieben. Ein Import täte Folgendes:")
        missing = list(dict.fromkeys(report.missing_images))
        self.stdout.write(
            f"Angelegt: {report.created}\n"
            f"Aktualisiert: {report.updated}\n"
            f"Unverändert: {report.unchanged}"
        )
        self.section("Behalten, weil seit dem Import bearbeitet", report.kept)
        self.section("Nicht öffentlich übernommen (als Entwurf)", report.not_public)
        self.section("Zurückgezogen, weil in WordPress im Papierkorb", report.withdrawn)
        self.section("Nicht übernommen wegen Fehlern", report.failed)
        self.section("Seiten übernommen", report.pages_written)
        self.stdout.write(f"Kommentare werden nicht übernommen: {report.comments}")
        for kind, count in sorted(report.skipped.items()):
            label = SKIPPED.get(kind, f"Einträge vom Typ „{kind}“, nicht übernommen")
            self.stdout.write(f"{label}: {count}")
        self.section("In WordPress oben gehalten, hier ohne diese Markierung", report.sticky)
        if report.multilingual:
            self.stdout.write(
                "Die Datei stammt von einer mehrsprachigen WordPress-Website (WPML oder "
                "Polylang). Übersetzungen werden nicht zugeordnet: jede Sprachfassung wird ein "
                "eigener deutscher Beitrag."
            )
        self.section("Fehlende Bilder", [f"nicht gefunden oder unlesbar: {n}" for n in missing])
        self.section(
            "Bilder ohne Alternativtext, bitte ergänzen",
            list(dict.fromkeys(report.images_without_alt)),
        )
        self.section("Hinweise", report.notes)

    def section(self, heading, lines):
        self.stdout.write(f"{heading}: {len(lines)}")
        for line in lines:
            self.stdout.write(f"  {line}")

    def progress(self, done, total):
        if not sys.stderr.isatty():
            return
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")

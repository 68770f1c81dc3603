from django.core.management.base import BaseCommand

from partnership.site.demo import DemoLoader


class Command(BaseCommand):
    help = (
        "Lädt Demo-Inhalte: die Heimatstadt, fünf Partnerstädte mit ihren Partnerschaften, "
        "Projekte und Beiträge. Legt nur Fehlendes an und ändert nichts Bestehendes."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        loader = DemoLoader(log=self.stdout.write if verbose else lambda message: None)
        created = loader.load()
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Demo-Inhalte geladen: {created} neue Einträge.")
            )
        else:
            self.stdout.write("Demo-Inhalte sind schon vollständig; nichts geändert.")

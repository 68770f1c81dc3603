from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from simple_history.models import HistoricalChanges

from core.richtext import RichTextField, sanitize_html


def rich_text_fields():
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            continue
        fields = [field for field in model._meta.fields if isinstance(field, RichTextField)]
        if fields:
            yield model, fields


class Command(BaseCommand):
    help = (
        "Prüft gespeichertes HTML aller Textfelder gegen die Bereinigung. Findet, was an "
        "save() vorbei in die Datenbank kam (bulk_create, update(), SQL). Mit --fix wird es "
        "bereinigt; ohne endet der Befehl mit einem Fehler, wenn er etwas findet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Gefundenes HTML bereinigen.")

    def handle(self, *args, fix, **options):
        found = 0
        for model, fields in rich_text_fields():
            names = [field.attname for field in fields]
            for row in model._base_manager.values("pk", *names).iterator():
                for name in names:
                    stored = row[name] or ""
                    clean = sanitize_html(stored)
                    if stored == clean:
                        continue
                    found += 1
                    self.stdout.write(f"{model._meta.label} #{row['pk']}: Feld „{name}“")
                    if fix:
                        model._base_manager.filter(pk=row["pk"]).update(**{name: clean})
        if found and not fix:
            raise CommandError(f"{found} Feld(er) mit HTML, das die Bereinigung ändern würde.")
        self.stdout.write(f"Geprüft; {'bereinigt' if fix else 'gefunden'}: {found}.")

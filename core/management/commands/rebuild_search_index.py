from django.core.management.base import BaseCommand
from django.db import connection

from core.searching import SearchTerm, searchable_models


class Command(BaseCommand):
    help = (
        "Schreibt die Suchindizes aller durchsuchbaren Inhalte (Beiträge, Städte, "
        "Partnerschaften, Projekte) in allen Sprachen neu, etwa nach einem Import mit "
        "bulk_create oder update() oder einem Update, das eine Sprache hinzufügt. Nur für "
        "PostgreSQL nötig."
    )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Diese Datenbank sucht ohne gespeicherten Index; nichts zu tun.")
            return
        # Each row adds its words again; words no row holds any more go.
        SearchTerm.objects.all().delete()
        for model in searchable_models():
            count = 0
            for obj in model.objects.iterator(chunk_size=500):
                # Counted afresh: the vocabulary it was counted in is gone.
                obj.update_search_vector(counted_before=[])
                count += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: {count} neu indiziert.")

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from core.postgres import search_indexes


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]

    operations = [
        # pg_trgm finds parts of compound words and typos ("Tsukba").
        TrigramExtension(),
        *search_indexes("cities_city", trigram_column="name"),
    ]

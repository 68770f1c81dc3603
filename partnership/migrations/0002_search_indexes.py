from django.db import migrations

from core.postgres import search_indexes


class Migration(migrations.Migration):
    dependencies = [("partnership", "0001_initial"), ("cities", "0002_search_indexes")]

    operations = [
        *search_indexes("partnership_partnership"),
        *search_indexes("partnership_project", trigram_column="title"),
    ]

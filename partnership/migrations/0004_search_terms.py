from django.db import migrations

from core.postgres import fill_vocabulary, drop_trigram_index


class Migration(migrations.Migration):
    dependencies = [("partnership", "0003_pages"), ("cities", "0004_searchterm")]

    operations = [
        fill_vocabulary("partnership_partnership", "partnership_project"),
        drop_trigram_index("partnership_project", "title"),
    ]

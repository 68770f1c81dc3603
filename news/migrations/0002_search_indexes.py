from django.db import migrations

from core.postgres import search_indexes


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial"), ("cities", "0002_search_indexes")]

    operations = search_indexes("news_article", trigram_column="title")

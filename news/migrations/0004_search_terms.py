from django.db import migrations

from cities.postgres import collect_search_terms, drop_trigram_index


class Migration(migrations.Migration):
    dependencies = [("news", "0003_wordpress_import"), ("cities", "0004_searchterm")]

    operations = [
        collect_search_terms("news_article"),
        drop_trigram_index("news_article", "title"),
    ]

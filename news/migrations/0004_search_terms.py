from django.db import migrations

from core.postgres import fill_vocabulary, drop_trigram_index


class Migration(migrations.Migration):
    dependencies = [("news", "0003_wordpress_import"), ("cities", "0004_searchterm")]

    operations = [
        fill_vocabulary("news_article"),
        drop_trigram_index("news_article", "title"),
    ]

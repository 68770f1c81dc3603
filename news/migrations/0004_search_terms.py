from django.db import migrations

from cities.postgres import collect_search_terms


class Migration(migrations.Migration):
    dependencies = [("news", "0003_wordpress_import"), ("cities", "0004_searchterm")]

    operations = [collect_search_terms("news_article")]

from django.db import migrations, models

from core.postgres import PostgresOnlySQL, fill_vocabulary, drop_trigram_index


class Migration(migrations.Migration):
    dependencies = [("cities", "0003_retiredslug")]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("word", models.CharField(max_length=100, primary_key=True, serialize=False)),
            ],
            options={"verbose_name": "Suchbegriff", "verbose_name_plural": "Suchbegriffe"},
        ),
        # GiST rather than GIN: the planner rates its trigram scans cheap
        # enough to prefer them to reading the whole vocabulary. Long
        # signatures tell short words apart, so few need checking.
        PostgresOnlySQL(
            "CREATE INDEX cities_searchterm_word_trgm_idx ON cities_searchterm "
            "USING gist (word gist_trgm_ops(siglen=256));",
            "DROP INDEX IF EXISTS cities_searchterm_word_trgm_idx;",
        ),
        fill_vocabulary("cities_city"),
        drop_trigram_index("cities_city", "name"),
    ]

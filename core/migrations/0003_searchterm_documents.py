from django.db import migrations, models

# The articles as this migration knows them: released ones count, and
# their vectors are those of the languages the vocabulary holds.
ARTICLES = (
    "news_article",
    "news_article.status = %s",
    ["veroeffentlicht"],
    ["search_vector", "search_vector_en", "search_vector_es", "search_vector_uk"],
)


def count_words(apps, schema_editor):
    # Imported when run: the module defines a model.
    from core.searching import count_search_terms

    if schema_editor.connection.vendor == "postgresql":
        count_search_terms(schema_editor.connection, [ARTICLES])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_retiredslug_language"),
        # The article table with its status and its vector per language.
        ("news", "0012_workflow_in_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchterm",
            name="documents",
            field=models.PositiveIntegerField(db_default=0, verbose_name="Vorkommen"),
        ),
        migrations.RunPython(count_words, migrations.RunPython.noop, elidable=True),
    ]

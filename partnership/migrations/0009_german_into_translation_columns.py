"""
The texts stored so far are German: they move into the German columns, and
every language's slug starts as the German one, so that no address is
without one. The untranslated columns keep the German text.
"""

from django.db import migrations
from django.db.models import F

LANGUAGES = ("de", "en", "ja", "es", "uk")
FIELDS = {
    "cooperationarea": ["name", "slug", "description"],
    "partnership": ["slug", "summary", "description", "status_note"],
    "statuschange": ["note"],
    "agreement": ["title", "summary"],
    "project": ["title", "description"],
}


def copy_into_german_columns(apps, schema_editor):
    for label, fields in FIELDS.items():
        for model_name in (label, f"historical{label}"):
            try:
                model = apps.get_model("partnership", model_name)
            except LookupError:
                continue
            values = {f"{name}_de": F(name) for name in fields}
            if "slug" in fields:
                values.update({f"slug_{code}": F("slug") for code in LANGUAGES})
            model._base_manager.update(**values)


class Migration(migrations.Migration):
    dependencies = [("partnership", "0008_translations")]

    operations = [migrations.RunPython(copy_into_german_columns, migrations.RunPython.noop)]

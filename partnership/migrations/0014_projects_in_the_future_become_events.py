"""
Projects that have not started yet become events ("Termin zum Mitmachen"),
with an address of their own under /mitmachen/: every project gets a slug
and a calendar UID, so that ticking the box later needs nothing more.
"""

import uuid

from django.db import migrations
from django.utils import timezone

from core.slugs import german_slugify

# partnership.models.EVENT_PAGE_WORDS in every language, as they stood when
# this migration was written.
RESERVED = {
    "archiv", "archive", "archivo",
    "kalender", "calendar", "calendario",
    "anmeldung", "sign-up", "inscripcion",
}  # fmt: skip


def allowed(slug):
    return slug not in RESERVED and not slug.isdigit()


def forwards(apps, schema_editor):
    Project = apps.get_model("partnership", "Project")
    today = timezone.localdate()
    taken = set()
    for project in Project.objects.order_by("pk"):
        # As the model makes them: "Bürgerfahrt" is "buergerfahrt", not "burgerfahrt".
        base = german_slugify(project.title, max_length=90) or "termin"
        slug, counter = base, 1
        while slug in taken or not allowed(slug):
            counter += 1
            slug = f"{base}-{counter}"
        taken.add(slug)
        project.slug = slug
        project.uid = uuid.uuid4()
        project.is_event = project.start_date > today
        project.save(update_fields=["slug", "uid", "is_event"])


class Migration(migrations.Migration):
    dependencies = [("partnership", "0013_events")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

from django.db import migrations, models
from django.utils import timezone


def expire_signed_links(apps, schema_editor):
    """
    Links of the old form were a signed primary key, computable by anyone
    with the installation's key material. They have no token hash and can no
    longer open anything; expiring them says so in the admin and lets
    purge_personal_data remove them in time.
    """
    PreviewLink = apps.get_model("news", "PreviewLink")
    PreviewLink.objects.filter(token_hash__isnull=True, expires_at__gt=timezone.now()).update(
        expires_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_image_renditions"),
    ]

    operations = [
        migrations.AddField(
            model_name="previewlink",
            name="token_hash",
            field=models.CharField(
                editable=False,
                max_length=64,
                null=True,
                unique=True,
                verbose_name="Prüfwert des Links",
            ),
        ),
        migrations.RunPython(expire_signed_links, migrations.RunPython.noop),
    ]

"""
The shared building blocks moved here from cities. Only Django's record of
the models changes: the tables keep their names and their rows, and the
content types (with their permissions) are renamed to the new app.
"""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = ["searchterm", "notificationsetting", "pendingchange", "retiredslug"]


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def relabel_content_types(apps, schema_editor):
    _relabel(apps, "cities", "core")


def unrelabel_content_types(apps, schema_editor):
    _relabel(apps, "core", "cities")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cities', '0007_pendingchange'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('word', models.CharField(max_length=100, primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': 'Suchbegriff',
                'verbose_name_plural': 'Suchbegriffe',
                'db_table': 'cities_searchterm',
            },
        ),
        migrations.CreateModel(
            name='NotificationSetting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('editorial', models.BooleanField(default=True, help_text='Wenn etwas zur Prüfung eingereicht wird (für die Redaktionsleitung) und wenn Ihr Beitrag veröffentlicht oder an die Redaktion zurückgegeben wird.', verbose_name='E-Mails zum Redaktionsablauf')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_setting', to=settings.AUTH_USER_MODEL, verbose_name='Konto')),
            ],
            options={
                'verbose_name': 'Benachrichtigungseinstellung',
                'verbose_name_plural': 'Benachrichtigungseinstellungen',
                'db_table': 'cities_notificationsetting',
            },
        ),
        migrations.CreateModel(
            name='PendingChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='Objekt')),
                ('proposal', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='vorgeschlagene Fassung')),
                ('base', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='Ausgangsfassung')),
                ('base_version', models.PositiveIntegerField(verbose_name='Ausgangsfassung Nr.')),
                ('state', models.CharField(choices=[('pruefung', 'In Prüfung'), ('zurueckgegeben', 'Zurückgegeben')], default='pruefung', max_length=20, verbose_name='Stand')),
                ('review_comment', models.TextField(blank=True, verbose_name='Anmerkung der Redaktionsleitung')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='Bearbeitungsstand')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='vorgeschlagen am')),
                ('updated', models.DateTimeField(auto_now=True, verbose_name='zuletzt geändert')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vorgeschlagen von')),
                ('changed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='zuletzt bearbeitet von')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='Inhaltstyp')),
            ],
            options={
                'verbose_name': 'Änderung in Prüfung',
                'verbose_name_plural': 'Änderungen in Prüfung',
                'db_table': 'cities_pendingchange',
                'ordering': ['updated'],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='cities_pendingchange_one_per_object')],
            },
        ),
        migrations.CreateModel(
            name='RetiredSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('slug', models.SlugField(max_length=100)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'frühere Adresse',
                'verbose_name_plural': 'frühere Adressen',
                'db_table': 'cities_retiredslug',
                'constraints': [models.UniqueConstraint(fields=('content_type', 'slug'), name='cities_retiredslug_unique')],
            },
        ),
        ]),
        migrations.RunPython(relabel_content_types, unrelabel_content_types),
    ]

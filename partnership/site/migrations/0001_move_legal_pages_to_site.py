"""
The legal pages move from the partnership app to the site layer and are
called LegalPage. Only Django's record changes: the tables keep their names
and rows; content types and permissions are renamed to match.
"""

import core.richtext
import core.uploads
import django.db.models.deletion
import partnership.site.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


RENAMED = {("partnership", "page"): ("site", "legalpage"),
           ("partnership", "historicalpage"): ("site", "historicallegalpage")}


def _rename(apps, pairs):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for (old_app, old_model), (new_app, new_model) in pairs:
        if ContentType.objects.filter(app_label=new_app, model=new_model).exists():
            continue
        content_type = ContentType.objects.filter(app_label=old_app, model=old_model).first()
        if content_type is None:
            continue
        content_type.app_label, content_type.model = new_app, new_model
        content_type.save()
        for permission in Permission.objects.filter(content_type=content_type):
            permission.codename = permission.codename.replace(f"_{old_model}", f"_{new_model}")
            permission.save()


def rename_content_types(apps, schema_editor):
    _rename(apps, RENAMED.items())


def restore_content_types(apps, schema_editor):
    _rename(apps, [(new, old) for old, new in RENAMED.items()])


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("partnership", "0005_upload_fields_validate_new_files"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='LegalPage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, verbose_name='Fassung')),
                ('kind', models.CharField(choices=[('impressum', 'Impressum'), ('datenschutz', 'Datenschutzerklärung'), ('barrierefreiheit', 'Erklärung zur Barrierefreiheit'), ('leichte-sprache', 'Leichte Sprache'), ('gebaerdensprache', 'Gebärdensprache')], max_length=20, unique=True, verbose_name='Seite')),
                ('title', models.CharField(max_length=200, verbose_name='Überschrift')),
                ('body', core.richtext.RichTextField(blank=True, verbose_name='Text')),
                ('published', models.BooleanField(default=False, verbose_name='veröffentlicht')),
                ('conformity', models.CharField(blank=True, choices=[('vollstaendig', 'vollständig vereinbar'), ('teilweise', 'teilweise vereinbar'), ('nicht', 'nicht vereinbar')], help_text='Wie weit die Website die Anforderungen der BITV 2.0 erfüllt.', max_length=20, verbose_name='Stand der Vereinbarkeit')),
                ('known_limitations', core.richtext.RichTextField(blank=True, help_text='Was noch nicht barrierefrei ist, warum, und welche Alternativen es gibt.', verbose_name='Nicht barrierefreie Inhalte')),
                ('feedback_contact', models.TextField(blank=True, help_text='Wer Barrieren meldet, erreicht uns so: Stelle, E-Mail, Telefon.', verbose_name='Kontakt für Rückmeldungen')),
                ('enforcement', core.richtext.RichTextField(blank=True, help_text='Wohin man sich wenden kann, wenn die Rückmeldung nicht hilft.', verbose_name='Durchsetzungs- und Schlichtungsverfahren')),
                ('last_reviewed', models.DateField(blank=True, null=True, verbose_name='zuletzt überprüft am')),
                ('video', core.uploads.FileField(blank=True, help_text='MP4 oder WebM, wird auf dieser Website selbst bereitgestellt.', upload_to=core.uploads.upload_path, validators=[partnership.site.models.validate_video], verbose_name='Video')),
                ('video_captions', core.uploads.FileField(blank=True, upload_to=core.uploads.upload_path, validators=[partnership.site.models.validate_captions], verbose_name='Untertitel (WebVTT)')),
                ('video_description', models.TextField(blank=True, help_text='Worum es im Video geht, in ein, zwei Sätzen.', verbose_name='Beschreibung des Videos')),
                ('updated', models.DateTimeField(auto_now=True, verbose_name='geändert')),
            ],
            options={
                'verbose_name': 'Pflichtseite',
                'verbose_name_plural': 'Pflichtseiten',
                'db_table': 'partnership_page',
                'ordering': ['kind'],
                'permissions': [('publish_legalpage', 'Kann Pflichtseiten veröffentlichen')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalLegalPage',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=0, editable=False, verbose_name='Fassung')),
                ('kind', models.CharField(choices=[('impressum', 'Impressum'), ('datenschutz', 'Datenschutzerklärung'), ('barrierefreiheit', 'Erklärung zur Barrierefreiheit'), ('leichte-sprache', 'Leichte Sprache'), ('gebaerdensprache', 'Gebärdensprache')], db_index=True, max_length=20, verbose_name='Seite')),
                ('title', models.CharField(max_length=200, verbose_name='Überschrift')),
                ('body', core.richtext.RichTextField(blank=True, verbose_name='Text')),
                ('published', models.BooleanField(default=False, verbose_name='veröffentlicht')),
                ('conformity', models.CharField(blank=True, choices=[('vollstaendig', 'vollständig vereinbar'), ('teilweise', 'teilweise vereinbar'), ('nicht', 'nicht vereinbar')], help_text='Wie weit die Website die Anforderungen der BITV 2.0 erfüllt.', max_length=20, verbose_name='Stand der Vereinbarkeit')),
                ('known_limitations', core.richtext.RichTextField(blank=True, help_text='Was noch nicht barrierefrei ist, warum, und welche Alternativen es gibt.', verbose_name='Nicht barrierefreie Inhalte')),
                ('feedback_contact', models.TextField(blank=True, help_text='Wer Barrieren meldet, erreicht uns so: Stelle, E-Mail, Telefon.', verbose_name='Kontakt für Rückmeldungen')),
                ('enforcement', core.richtext.RichTextField(blank=True, help_text='Wohin man sich wenden kann, wenn die Rückmeldung nicht hilft.', verbose_name='Durchsetzungs- und Schlichtungsverfahren')),
                ('last_reviewed', models.DateField(blank=True, null=True, verbose_name='zuletzt überprüft am')),
                ('video', models.TextField(blank=True, help_text='MP4 oder WebM, wird auf dieser Website selbst bereitgestellt.', max_length=100, validators=[partnership.site.models.validate_video], verbose_name='Video')),
                ('video_captions', models.TextField(blank=True, max_length=100, validators=[partnership.site.models.validate_captions], verbose_name='Untertitel (WebVTT)')),
                ('video_description', models.TextField(blank=True, help_text='Worum es im Video geht, in ein, zwei Sätzen.', verbose_name='Beschreibung des Videos')),
                ('updated', models.DateTimeField(blank=True, editable=False, verbose_name='geändert')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'Fassung einer Seite',
                'verbose_name_plural': 'historical Pflichtseiten',
                'db_table': 'partnership_historicalpage',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        ]),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]

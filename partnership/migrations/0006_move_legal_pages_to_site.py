"""The legal pages now belong to the site layer; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0005_upload_fields_validate_new_files'),
        ('site', '0001_move_legal_pages_to_site'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveField(
            model_name='historicalpage',
            name='history_user',
        ),
        migrations.DeleteModel(
            name='Page',
        ),
        migrations.DeleteModel(
            name='HistoricalPage',
        ),
        ]),
    ]

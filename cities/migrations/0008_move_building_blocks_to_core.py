"""The shared building blocks now belong to core; their tables stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cities', '0007_pendingchange'),
        ('core', '0001_move_building_blocks_to_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveField(
            model_name='notificationsetting',
            name='user',
        ),
        migrations.RemoveField(
            model_name='pendingchange',
            name='author',
        ),
        migrations.RemoveField(
            model_name='pendingchange',
            name='changed_by',
        ),
        migrations.RemoveField(
            model_name='pendingchange',
            name='content_type',
        ),
        migrations.RemoveField(
            model_name='retiredslug',
            name='content_type',
        ),
        migrations.DeleteModel(
            name='SearchTerm',
        ),
        migrations.DeleteModel(
            name='NotificationSetting',
        ),
        migrations.DeleteModel(
            name='PendingChange',
        ),
        migrations.DeleteModel(
            name='RetiredSlug',
        ),
        ]),
    ]

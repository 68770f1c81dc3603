from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Grundlagen")

    def ready(self):
        from django.db.models.signals import pre_delete

        from . import held_uploads  # noqa: F401  (registers its system check)
        from .columns import install_column_identity
        from .searching import forget_counted_words, searchable_models

        for model in searchable_models():
            if model.counted_rows is not None:
                # Per model: a receiver for every sender would keep Django
                # from deleting any other model's rows in bulk.
                pre_delete.connect(forget_counted_words, sender=model)
        install_column_identity()

"""A version number per row, for optimistic locking in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """
    Counts saves. A form remembers the version it was opened at; if the row
    has moved on when the form is saved, somebody else saved in between.
    """

    version = models.PositiveIntegerField(_("Fassung"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Counted from the stored row, not from this instance, so that saving
        # an old revision back (a restore) still moves the version forward.
        stored = (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .values_list("version", flat=True)
            .first()
            if self.pk
            else None
        )
        self.version = (stored or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)

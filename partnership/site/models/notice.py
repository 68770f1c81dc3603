"""
A site-wide notice ("Hinweis"): an event called off, an urgent collection.
The lead sets its text and the time it is shown; every public page carries
it between those two points in time, and the page cache keeps no page past
either of them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatableModel
from core.versioning import VersionedModel


class NoticeQuerySet(models.QuerySet):
    def not_ended(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())


class Notice(TranslatableModel, VersionedModel):
    title = models.CharField(
        _("Überschrift"),
        max_length=120,
        help_text=_("Kurz und eindeutig, z. B. „Bürgerfest am Samstag abgesagt“."),
    )
    text = models.TextField(
        _("Text"),
        help_text=_("Ein, zwei Sätze: was los ist und was Leserinnen und Leser tun können."),
    )
    starts_at = models.DateTimeField(_("sichtbar ab"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("sichtbar bis"), help_text=_("Danach verschwindet der Hinweis von selbst.")
    )
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = NoticeQuerySet.as_manager()
    # history: registered in partnership/site/translation.py, after the translated fields.

    class Meta:
        verbose_name = _("Hinweis")
        verbose_name_plural = _("Hinweise")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="site_notice_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("Das Ende muss nach dem Beginn liegen.")}, code="ends_before_start"
            )

    def is_published(self):
        return True

    def is_live(self):
        return self.is_shown_at(timezone.now())

    def is_shown_at(self, moment):
        return self.starts_at <= moment < self.ends_at

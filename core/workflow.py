"""
The editorial workflow of content that editors write and the lead releases
(articles, free pages): Entwurf → Zur Prüfung → Veröffentlicht, optionally
scheduled by publish_at and ended by unpublish_at, judged by the clock.

``WorkflowModel`` holds the status, the schedule, the lead's note and the
transitions; ``WorkflowQuerySet`` the building blocks of ``published()``
and of the start page's worklists. Its admin: core/workflow_admin.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .publishing import PublishableQuerySet
from .richtext import images_missing_alt


class Status(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    REVIEW = "pruefung", _("Zur Prüfung")
    PUBLISHED = "veroeffentlicht", _("Veröffentlicht")
    WITHDRAWN = "zurueckgezogen", _("Zurückgezogen")


class WorkflowQuerySet(PublishableQuerySet):
    def live(self):
        """Released by the lead, whether already due or scheduled."""
        return self.filter(status=Status.PUBLISHED)

    def current(self):
        """Released, due and not yet expired; judged by the clock, so no job is needed."""
        now = timezone.now()
        return self.live().filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now), publish_at__lte=now
        )

    def next_visibility_change(self, now=None):
        """When the next released row appears or disappears by the clock, or None."""
        now = now or timezone.now()
        upcoming = self.live().aggregate(
            appears=Min("publish_at", filter=Q(publish_at__gt=now)),
            disappears=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        moments = [moment for moment in upcoming.values() if moment is not None]
        return min(moments, default=None)

    def scheduled(self):
        """Released by the lead, waiting for their publish_at."""
        return self.live().filter(publish_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def awaiting_review(self):
        return self.filter(status=Status.REVIEW)


class WorkflowModel(models.Model):
    Status = Status

    # Where content may go from each status. Editors without the right to
    # publish move only between draft and review; the rest is the lead's.
    TRANSITIONS = {
        Status.DRAFT: {Status.DRAFT, Status.REVIEW, Status.PUBLISHED},
        Status.REVIEW: {Status.REVIEW, Status.DRAFT, Status.PUBLISHED},
        Status.PUBLISHED: {Status.PUBLISHED, Status.WITHDRAWN, Status.DRAFT},
        Status.WITHDRAWN: {Status.WITHDRAWN, Status.DRAFT, Status.PUBLISHED},
    }
    EDITOR_STATUSES = {Status.DRAFT, Status.REVIEW}

    review_comment = models.TextField(
        _("Anmerkung der Redaktionsleitung"),
        blank=True,
        help_text=_("Was vor der Veröffentlichung noch zu tun ist. Nicht öffentlich."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("erscheint am"),
        default=timezone.now,
        help_text=_("Liegt der Zeitpunkt in der Zukunft, erscheint der Inhalt erst dann."),
    )
    unpublish_at = models.DateTimeField(
        _("verschwindet am"),
        null=True,
        blank=True,
        help_text=_("Optional: ab dann ist der Inhalt nicht mehr öffentlich."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=F("publish_at")),
                name="%(app_label)s_%(class)s_unpublish_after_publish",
                violation_error_message=_(
                    "Der Inhalt kann nicht verschwinden, bevor er erschienen ist."
                ),
            ),
        ]

    def accessibility_problems(self):
        """
        What stands in the way of publishing: a main image (core.uploads
        CreditedImage) or images in ``body`` without a text alternative.
        """
        problems = []
        if self.image and not self.image_alt.strip() and not self.image_decorative:
            problems.append(_("Das Hauptbild hat keinen Alternativtext."))
        missing = images_missing_alt(self.body)
        if missing:
            problems.append(
                _("Bilder im Text ohne Alternativtext: %(names)s") % {"names": ", ".join(missing)}
            )
        return problems

    def is_published(self, at=None):
        """Whether the public sees it now, or ``at`` that moment, as ``current()`` judges."""
        now = at or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    def is_live(self):
        """Released (or scheduled) by the lead: editors change it through review."""
        return self.status == Status.PUBLISHED

    @property
    def sent_back_comment(self):
        """The lead's comment on a draft sent back for rework; empty otherwise."""
        return self.review_comment if self.status == Status.DRAFT else ""

    def allowed_statuses(self, can_publish):
        """The statuses a user may give this content from where it stands now."""
        current = Status(self.status) if self.pk else Status.DRAFT
        targets = self.TRANSITIONS[current]
        if can_publish:
            return targets
        if current not in self.EDITOR_STATUSES:
            return {current}
        return targets & self.EDITOR_STATUSES

    def visibility(self):
        """What the public sees of this content right now, in words for staff."""
        if self.status != Status.PUBLISHED:
            return _("nicht öffentlich")
        now = timezone.now()
        if self.publish_at > now:
            return _("geplant")
        if self.unpublish_at is not None and self.unpublish_at <= now:
            return _("abgelaufen")
        return _("öffentlich")

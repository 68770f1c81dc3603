"""
The shared base of the apps: slugs filled from a name, topics that group
content, old addresses of live content, per-user e-mail settings, and (in
their own modules) proposed changes and the search vocabulary. The tables
keep the names they had when these lived in cities.
"""

from functools import partial
from operator import attrgetter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .searching import DEFAULT_LANGUAGE
from .slugs import unique_slug
from .translation import TranslatableModel, TranslatableQuerySet, localized_fields

# Languages whose script has no readable ASCII form take the slug of
# another language.
BORROWED_SLUGS = {"ja": "en"}


class AutoSlugModel(models.Model):
    """
    Fills an empty ``slug`` on save from the attribute that ``slug_source``
    names (a dotted path such as "partner_city.name" reaches a related row),
    unique within the model and accepted by ``is_allowed_slug``. A
    translated slug is filled in every language, from the text in that
    language or, where there is none yet, the German one: no language's
    address is ever without a slug.
    """

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        slugs = dict(localized_fields(type(self), "slug"))
        for language, field in slugs.items():
            if getattr(self, field):
                continue
            if language in BORROWED_SLUGS:
                text = getattr(self, slugs[BORROWED_SLUGS[language]])
            else:
                with translation.override(language):
                    text = attrgetter(self.slug_source)(self)
            slug = unique_slug(
                self,
                text,
                field=field,
                language=language,
                is_allowed=partial(self.is_allowed_slug, language=language),
            )
            setattr(self, field, slug)
        super().save(*args, **kwargs)

    @staticmethod
    def is_allowed_slug(slug, language):
        return True


class Topic(TranslatableModel, AutoSlugModel):
    """A named theme that content is grouped by, with a page of its own."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname für die Adresse"), max_length=100, unique=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    objects = TranslatableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_published(self):
        """A topic has no publishing of its own: its page lists what is public."""
        return True


class RetiredSlugQuerySet(models.QuerySet):
    def target(self, model, slug, language=DEFAULT_LANGUAGE):
        """The object of ``model`` that was once at ``slug`` in ``language``, or None."""
        retired = self.filter(
            content_type=ContentType.objects.get_for_model(model), language=language, slug=slug
        ).first()
        if retired is None:
            return None
        return model._default_manager.filter(pk=retired.object_id).first()


class RetiredSlug(models.Model):
    """A slug that live content used to have; its old URL redirects (301)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=100)
    # The same slug may have been retired in each language of the site.
    language = models.CharField(max_length=10, default=DEFAULT_LANGUAGE)
    created = models.DateTimeField(auto_now_add=True)

    objects = RetiredSlugQuerySet.as_manager()

    class Meta:
        db_table = "cities_retiredslug"
        verbose_name = _("frühere Adresse")
        verbose_name_plural = _("frühere Adressen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "language", "slug"], name="core_retiredslug_unique"
            )
        ]

    def __str__(self):
        return self.slug


class SlugHistoryModel(models.Model):
    """Remembers the old slug, in each language, when the slug of live content changes."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        stored = type(self)._default_manager.filter(pk=self.pk).first() if self.pk else None
        super().save(*args, **kwargs)
        if stored is None or not stored.is_live():
            return
        for language, field in localized_fields(type(self), "slug"):
            old = getattr(stored, field)
            if old and old != getattr(self, field):
                RetiredSlug.objects.update_or_create(
                    content_type=ContentType.objects.get_for_model(self),
                    language=language,
                    slug=old,
                    defaults={"object_id": self.pk},
                )


class NotificationSetting(models.Model):
    """Which e-mails a staff member wants (core/notifications.py); without a row, all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_setting",
        verbose_name=_("Konto"),
    )
    editorial = models.BooleanField(
        _("E-Mails zum Redaktionsablauf"),
        default=True,
        help_text=_(
            "Wenn etwas zur Prüfung eingereicht wird (für die Redaktionsleitung) und wenn "
            "Ihr Beitrag veröffentlicht oder an die Redaktion zurückgegeben wird."
        ),
    )

    class Meta:
        db_table = "cities_notificationsetting"
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")

    def __str__(self):
        return str(self.user)


# Models in modules of their own; importing them here registers them.
from .pending import PendingChange  # noqa: E402, F401
from .searching import SearchTerm  # noqa: E402, F401

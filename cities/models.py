from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .publishing import PublishableQuerySet
from .richtext import RichTextField, plain_text
from .searching import SearchableManager, SearchableModel
from .slugs import unique_slug
from .uploads import CreditedImage
from .versioning import VersionedModel


class RetiredSlugQuerySet(models.QuerySet):
    def target(self, model, slug):
        """The object of ``model`` that was once at ``slug``, or None."""
        retired = self.filter(
            content_type=ContentType.objects.get_for_model(model), slug=slug
        ).first()
        if retired is None:
            return None
        return model._default_manager.filter(pk=retired.object_id).first()


class RetiredSlug(models.Model):
    """A slug that live content used to have; its old URL redirects (301)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)

    objects = RetiredSlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("frühere Adresse")
        verbose_name_plural = _("frühere Adressen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="cities_retiredslug_unique"
            )
        ]

    def __str__(self):
        return self.slug


class SlugHistoryModel(models.Model):
    """Remembers the old slug when the slug of live content changes."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        stored = type(self)._default_manager.filter(pk=self.pk).first() if self.pk else None
        super().save(*args, **kwargs)
        if stored is not None and stored.slug != self.slug and stored.is_live():
            RetiredSlug.objects.update_or_create(
                content_type=ContentType.objects.get_for_model(self),
                slug=stored.slug,
                defaults={"object_id": self.pk},
            )


class CityQuerySet(PublishableQuerySet):
    @staticmethod
    def published_q(prefix=""):
        """The public-visibility rule as a Q, for models that filter through a city."""
        return Q(**{f"{prefix}published": True})

    def published(self):
        return self.filter(self.published_q())

    def partners(self):
        return self.filter(is_home=False)

    def home(self):
        """The city whose programme this site presents, or None before set-up."""
        return self.filter(is_home=True).first()


class City(CreditedImage, VersionedModel, SearchableModel, SlugHistoryModel):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname für die Adresse"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Erscheint in der Adresse der Seite, z. B. /staedte/tsukuba/. "
            "Bleibt das Feld leer, wird er aus dem Namen gebildet."
        ),
    )
    country = CountryField(_("Land"))
    region = models.CharField(
        _("Region"),
        max_length=100,
        blank=True,
        help_text=_("Bundesland, Präfektur oder Region, z. B. „Präfektur Ibaraki“."),
    )
    is_home = models.BooleanField(
        _("Heimatstadt"),
        default=False,
        help_text=_("Die eigene Stadt, deren Partnerschaften diese Website zeigt. Genau eine."),
    )
    population = models.PositiveIntegerField(_("Einwohnerzahl"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("Stand der Einwohnerzahl (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
    )
    founded = models.CharField(
        _("Gegründet"),
        max_length=100,
        blank=True,
        help_text=_("Freier Text, z. B. „1960er Jahre“ oder „um 1321“."),
    )
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text=_("Für die Karte, z. B. 36.08264 (Norden positiv)."),
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text=_("Für die Karte, z. B. 140.11152 (Osten positiv)."),
    )
    website = models.URLField(_("Website der Stadt"), blank=True)
    summary = models.TextField(
        _("Kurzbeschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Ein bis zwei Sätze für Übersichten und Vorschauen, ohne Formatierung."),
    )
    description = RichTextField(_("Beschreibung"), blank=True)
    key_facts = models.TextField(
        _("Eckdaten"),
        blank=True,
        help_text=_("Eine Angabe pro Zeile, z. B. „8.000 promovierte Wissenschaftler“."),
    )
    focus_topics = models.TextField(
        _("Schwerpunktthemen"),
        blank=True,
        help_text=_("Ein Thema pro Zeile, z. B. „Robotik“."),
    )
    published = models.BooleanField(
        _("veröffentlicht"),
        default=False,
        help_text=_("Erst dann ist die Stadt auf der öffentlichen Website zu sehen."),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = SearchableManager.from_queryset(CityQuerySet)()
    history = HistoricalRecords(
        verbose_name=_("Fassung einer Stadt"), excluded_fields=["search_vector"]
    )

    class Meta:
        verbose_name = _("Stadt")
        verbose_name_plural = _("Städte")
        ordering = ["name"]
        permissions = [("publish_city", _("Kann Städte veröffentlichen und zurückziehen"))]
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"],
                condition=Q(is_home=True),
                name="cities_city_single_home",
                violation_error_message=_(
                    "Es gibt bereits eine Heimatstadt. Nehmen Sie dort zuerst das Häkchen weg."
                ),
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90) | Q(latitude__isnull=True),
                name="cities_city_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180) | Q(longitude__isnull=True),
                name="cities_city_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population_year__isnull=False),
                name="cities_city_population_has_year",
                violation_error_message=_(
                    "Bitte geben Sie zur Einwohnerzahl das Jahr an, aus dem sie stammt."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cities:detail", kwargs={"slug": self.slug})

    def is_published(self):
        return self.published

    def search_texts(self):
        return {
            "A": self.name,
            "B": f"{self.summary} {self.region} {self.focus_topics}",
            "C": f"{plain_text(self.description)} {self.key_facts}",
        }

    def update_search_vector(self):
        super().update_search_vector()
        # A partnership is found by its partner city's name.
        for partnership in self.partnerships.all():
            partnership.update_search_vector()

    def is_live(self):
        """Released to the public: only staff who may publish change it."""
        return self.published

    @property
    def key_fact_list(self):
        return [line.strip() for line in self.key_facts.splitlines() if line.strip()]

    @property
    def focus_topic_list(self):
        return [line.strip() for line in self.focus_topics.splitlines() if line.strip()]

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class NotificationSetting(models.Model):
    """Which e-mails a staff member wants (cities/notifications.py); without a row, all."""

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
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")

    def __str__(self):
        return str(self.user)


# Proposed changes to live content live in a module of their own; importing
# them here registers the model with this app.
from .pending import PendingChange  # noqa: E402, F401

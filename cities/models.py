from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.models import AutoSlugModel, SlugHistoryModel
from core.publishing import PublishableQuerySet
from core.richtext import RichTextField, plain_text
from core.searching import SearchableManager, SearchableModel
from core.translation import TranslatableModel, TranslatableQuerySet
from core.uploads import CreditedImage
from core.versioning import VersionedModel


class CityQuerySet(PublishableQuerySet, TranslatableQuerySet):
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


class City(
    TranslatableModel,
    AutoSlugModel,
    CreditedImage,
    VersionedModel,
    SearchableModel,
    SlugHistoryModel,
):
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
    # history: registered in cities/translation.py, after the translated fields.

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

    def update_search_vector(self, counted_before=None):
        super().update_search_vector(counted_before)
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

import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from localflavor.generic.models import BICField, IBANField

from cities.models import City, CityQuerySet
from core import dates
from core.dates import DatePrecision
from core.models import AutoSlugModel, SlugHistoryModel, Topic
from core.publishing import PublishableQuerySet
from core.richtext import RichTextField, plain_text, sanitize_html
from core.searching import SearchableManager, SearchableModel
from core.translation import TranslatableModel, TranslatableQuerySet
from core.uploads import CreditedImage, FileField, pdf_is_tagged, upload_path, validate_pdf
from core.urlwords import word
from core.versioning import VersionedModel

YEAR_VALIDATORS = [MinValueValidator(800), MaxValueValidator(2200)]

# Staff enter an event's times as they are in Germany ("Uhrzeit in
# Deutschland"): they are read in this zone whatever the server's.
EVENT_TIME_ZONE = ZoneInfo("Europe/Berlin")

# The words of the event pages below /mitmachen/ (partnership.participation.urls):
# no event may take one as its slug, in any language.
EVENT_PAGE_WORDS = frozenset({"archiv", "kalender", "anmeldung"})


def is_allowed_event_slug(slug, language="de"):
    reserved = {word(german, language) for german in EVENT_PAGE_WORDS}
    # All digits name a year's archive.
    return slug not in reserved and not slug.isdigit()


def validate_event_slug(slug):
    if not all(is_allowed_event_slug(slug, code) for code in settings.CONTENT_LANGUAGES):
        raise ValidationError(
            _(
                "„%(slug)s“ ist für Seiten unter „Mitmachen“ reserviert. Bitte wählen Sie "
                "einen anderen Kurznamen oder lassen Sie das Feld leer."
            ),
            params={"slug": slug},
            code="reserved_slug",
        )


class CooperationArea(Topic):
    class Meta(Topic.Meta):
        verbose_name = _("Kooperationsfeld")
        verbose_name_plural = _("Kooperationsfelder")

    def get_absolute_url(self):
        return reverse("news:area", kwargs={"slug": self.slug})

    def is_live(self):
        """Named on a live page: a live project, agreement or article uses it."""
        return (
            self.projects.live().exists()
            or self.agreements.live().exists()
            # News builds on this app; its articles are reached through the relation.
            or self.articles.live().exists()
        )


class PartnershipQuerySet(PublishableQuerySet, TranslatableQuerySet):
    @staticmethod
    def published_q(prefix=""):
        """Published, and both cities are published too: no link may lead to a 404."""
        return (
            Q(**{f"{prefix}published": True})
            & CityQuerySet.published_q(f"{prefix}home_city__")
            & CityQuerySet.published_q(f"{prefix}partner_city__")
        )

    def published(self):
        return self.filter(self.published_q())

    def as_cards(self):
        """
        With the partner city, reading only what a partnership's card
        (includes/partnership_card.html) and the map show of the two: both
        have some hundred columns in five languages, which would cost a
        list more to compile and read than its query.
        """
        shown = ("name", "slug", "country", "region", "latitude", "longitude")
        city = [f"partner_city__{name}" for name in (*shown, *CreditedImage.image_fields)]
        return self.select_related("partner_city").only(
            "kind", "status", "established_year", *city
        )

    def with_details(self):
        """Everything a partnership's public page shows, in a fixed number of queries."""
        return (
            self.select_related(*PAGE_RELATIONS)
            .for_display()
            .prefetch_related(*detail_prefetches())
        )


# The rows a partnership's page reads with it: its two cities, which its
# title and image name, and its association.
PAGE_RELATIONS = ("home_city", "partner_city", "association")


def detail_prefetches():
    """The rows a partnership's page lists, for prefetch_related()."""
    return (
        "status_changes",
        "institutional_ties",
        models.Prefetch("agreements", queryset=Agreement.objects.for_display()),
        models.Prefetch(
            "agreements__cooperation_areas", queryset=CooperationArea.objects.for_display()
        ),
        models.Prefetch(
            "projects",
            # The partnership's own visibility is settled by its page (or
            # its staff preview); its projects need only their own flag.
            queryset=Project.objects.released()
            .with_places_taken()
            .select_related("cooperation_area", "contact")
            .for_display(),
        ),
    )


def fetch_details(partnership):
    """``partnership``, read without with_details(), given what it would have prefetched."""
    models.prefetch_related_objects([partnership], *detail_prefetches())
    return partnership


class Partnership(
    TranslatableModel, AutoSlugModel, VersionedModel, SearchableModel, SlugHistoryModel
):
    class Kind(models.TextChoices):
        TWIN_TOWN = "staedtepartnerschaft", _("Städtepartnerschaft")
        FRIENDSHIP = "freundschaft", _("Städtefreundschaft")
        PROJECT = "projektpartnerschaft", _("Projektpartnerschaft")
        SCIENCE = "wissenschaftspartnerschaft", _("Wissenschaftspartnerschaft")

    class Status(models.TextChoices):
        PLANNED = "geplant", _("geplant")
        ACTIVE = "aktiv", _("aktiv")
        DORMANT = "ruhend", _("ruhend")
        SUSPENDED = "ausgesetzt", _("ausgesetzt")

    slug_source = "partner_city.name"

    home_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="home_partnerships",
        limit_choices_to={"is_home": True},
        verbose_name=_("Heimatstadt"),
    )
    partner_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="partnerships",
        limit_choices_to={"is_home": False},
        verbose_name=_("Partnerstadt"),
    )
    slug = models.SlugField(
        _("Kurzname für die Adresse"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Bleibt das Feld leer, wird er aus dem Namen der Partnerstadt gebildet."),
    )
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices, default=Kind.TWIN_TOWN)
    established_year = models.PositiveSmallIntegerField(
        _("besteht seit (Jahr)"),
        validators=YEAR_VALIDATORS,
        help_text=_("Das Jahr genügt, z. B. 1950. Bei geplanten Partnerschaften das Zieljahr."),
    )
    established_on = models.DateField(
        _("besteht seit (Datum)"),
        null=True,
        blank=True,
        help_text=_(
            "Nur wenn mehr als das Jahr bekannt ist, z. B. der Tag der Unterzeichnung. "
            "Ist nur der Monat bekannt, einen Tag darin eintragen und „Monat und Jahr "
            "sind bekannt“ wählen."
        ),
    )
    established_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    status = models.CharField(
        _("aktueller Status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    status_note = models.CharField(
        _("Hinweis zum Status"),
        max_length=300,
        blank=True,
        help_text=_(
            "Kurz und öffentlich, z. B. „Austausch beschränkt sich auf Hilfslieferungen“."
        ),
    )
    summary = models.TextField(
        _("Kurzbeschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Ein bis zwei Sätze für Übersichten, ohne Formatierung."),
    )
    description = RichTextField(_("Beschreibung und Geschichte"), blank=True)
    association = models.ForeignKey(
        "Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="associated_partnerships",
        verbose_name=_("Partnerschaftsverein"),
        help_text=_("Der Verein, der die Partnerschaft in der Stadt trägt, als Kontakt."),
    )
    published = models.BooleanField(
        _("veröffentlicht"),
        default=False,
        help_text=_(
            "Erst dann öffentlich sichtbar. Auch geplante Partnerschaften dürfen "
            "veröffentlicht werden."
        ),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = SearchableManager.from_queryset(PartnershipQuerySet)()
    # history: registered in partnership/translation.py, after the translated fields.

    class Meta:
        verbose_name = _("Partnerschaft")
        verbose_name_plural = _("Partnerschaften")
        ordering = ["established_year", "partner_city__name"]
        permissions = [
            (
                "publish_partnership",
                _("Kann Partnerschaften und ihre Projekte veröffentlichen und zurückziehen"),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["home_city", "partner_city"],
                name="partnership_partnership_unique_pair",
                violation_error_message=_(
                    "Zwischen diesen Städten gibt es schon eine Partnerschaft."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(home_city=F("partner_city")),
                name="partnership_partnership_two_cities",
                violation_error_message=_(
                    "Eine Stadt kann keine Partnerschaft mit sich selbst haben."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.home_city} – {self.partner_city}"

    def save(self, *args, **kwargs):
        if self.established_on:
            # A month stays a month: the day entered to stand for it is never kept.
            self.established_on = dates.truncated(self.established_on, self.established_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnership:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if (
            self.established_on
            and self.established_year
            and self.established_on.year != self.established_year
        ):
            raise ValidationError(
                {"established_on": _("Das Datum passt nicht zum Jahr, seit dem sie besteht.")}
            )

    def is_published(self):
        return (
            self.published and self.home_city.is_published() and self.partner_city.is_published()
        )

    def is_live(self):
        """Released to the public: only staff who may publish change it."""
        return self.published

    def search_texts(self):
        return {
            "A": self.partner_city.name,
            "B": " ".join(
                [self.summary, self.get_kind_display(), getattr(self.association, "name", "")]
            ),
            "C": plain_text(self.description),
        }


class StatusChange(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("Partnerschaft"),
    )
    date = models.DateField(
        _("Datum"),
        help_text=_(
            "Ist nur das Jahr oder der Monat bekannt, einen beliebigen Tag darin eintragen, "
            "z. B. 1.1.1987, und unten die Genauigkeit wählen: gezeigt wird dann nur „1987“."
        ),
    )
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    status = models.CharField(_("Status"), max_length=20, choices=Partnership.Status.choices)
    note = models.CharField(
        _("Was ist geschehen?"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „Austausch kommt nach der Besetzung der Region zum Erliegen“."),
    )

    class Meta:
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusgeschichte")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date_display()}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        # A year stays a year: the day entered to stand for it is never kept.
        self.date = dates.truncated(self.date, self.date_precision)
        super().save(*args, **kwargs)

    def date_display(self):
        return dates.display(self.date, self.date_precision)


class InstitutionalTie(models.Model):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="institutional_ties",
        verbose_name=_("Partnerschaft"),
    )
    home_institution = models.CharField(_("Einrichtung in der Heimatstadt"), max_length=200)
    partner_institution = models.CharField(_("Einrichtung in der Partnerstadt"), max_length=200)
    since_year = models.PositiveSmallIntegerField(
        _("seit (Jahr)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    description = models.CharField(_("Worum es geht"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Institutionelle Verbindung")
        verbose_name_plural = _("Institutionelle Verbindungen")
        ordering = ["since_year", "pk"]

    def __str__(self):
        return f"{self.home_institution} – {self.partner_institution}"


class AgreementQuerySet(TranslatableQuerySet):
    def published(self):
        return self.filter(PartnershipQuerySet.published_q("partnership__"))

    def live(self):
        """Of a live partnership: editors change them only through review."""
        return self.filter(partnership__published=True)


class Agreement(TranslatableModel, VersionedModel):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("Partnerschaft"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    signed_on = models.DateField(_("unterzeichnet am"))
    place = models.CharField(_("Ort der Unterzeichnung"), max_length=100, blank=True)
    signatories = models.TextField(
        _("Unterzeichnet von"), blank=True, help_text=_("Eine Person pro Zeile, mit Amt.")
    )
    summary = models.TextField(_("Inhalt in Kürze"), blank=True)
    document = FileField(
        _("Dokument (PDF)"),
        upload_to=upload_path,
        blank=True,
        validators=[validate_pdf],
        help_text=_("Die unterzeichnete Vereinbarung als PDF, höchstens 20 MB."),
    )
    document_accessible = models.BooleanField(
        _("PDF ist barrierefrei"),
        default=False,
        help_text=_(
            "Nur ankreuzen, wenn das PDF getaggt ist und geprüft wurde (Lesereihenfolge, "
            "Überschriften, Alternativtexte), z. B. mit dem PDF Accessibility Checker (PAC). "
            "Ein eingescanntes Dokument ist nie barrierefrei."
        ),
    )
    review_on = models.DateField(
        _("überprüfen bis"),
        null=True,
        blank=True,
        help_text=_(
            "Wann die Vereinbarung überprüft oder verlängert werden soll. Das "
            "Partnerschaftsbarometer erinnert drei Monate vorher daran."
        ),
    )
    valid_until = models.DateField(
        _("gilt bis"),
        null=True,
        blank=True,
        help_text=_("Nur bei befristeten Vereinbarungen."),
    )
    # Found on upload: None for a file stored before the check existed.
    document_tagged = models.BooleanField(_("Tags im PDF gefunden"), null=True, editable=False)
    full_text = RichTextField(
        _("Wortlaut"),
        blank=True,
        help_text=_(
            "Der Text der Vereinbarung, wie er im PDF steht. Pflicht, wenn das PDF nicht "
            "barrierefrei ist: Nur so können alle ihn lesen."
        ),
    )
    cooperation_areas = models.ManyToManyField(
        CooperationArea,
        blank=True,
        related_name="agreements",
        verbose_name=_("Kooperationsfelder"),
    )

    objects = AgreementQuerySet.as_manager()
    # history: registered in partnership/translation.py, after the translated fields.

    class Meta:
        verbose_name = _("Vereinbarung")
        verbose_name_plural = _("Vereinbarungen")
        ordering = ["signed_on", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.partnership.get_absolute_url()}#vereinbarung-{self.pk}"

    def is_published(self):
        return self.partnership.is_published()

    def is_live(self):
        return self.partnership.is_live()

    def clean(self):
        super().clean()
        for name in ("review_on", "valid_until"):
            value = getattr(self, name)
            if value and self.signed_on and value < self.signed_on:
                raise ValidationError({name: _("Das Datum liegt vor der Unterzeichnung.")})
        if self.document and not getattr(self.document, "_committed", True):
            try:
                self.document_tagged = pdf_is_tagged(self.document)
            except OSError:
                self.document_tagged = None  # unreadable: validate_pdf reports it
        if not self.document:
            self.document_tagged = None
            return
        if self.document_accessible and self.document_tagged is False:
            raise ValidationError(
                {
                    "document_accessible": _(
                        "Dieses PDF enthält keine Tags (keine Struktur für Screenreader), "
                        "zum Beispiel weil es eingescannt ist. Es ist daher nicht barrierefrei."
                    )
                }
            )
        if not self.document_accessible and not self.full_text.strip():
            hint = (
                _(
                    "Das PDF enthält Tags. Wenn es barrierefrei ist, kreuzen Sie "
                    "„PDF ist barrierefrei“ an; sonst geben Sie den Wortlaut ein."
                )
                if self.document_tagged
                else _(
                    "Dieses PDF ist nicht barrierefrei. Bitte geben Sie seinen Inhalt "
                    "im Feld „Wortlaut“ ein, damit alle ihn lesen können."
                )
            )
            raise ValidationError({"full_text": hint})

    @property
    def signatory_list(self):
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]


class ProjectQuerySet(PublishableQuerySet, TranslatableQuerySet):
    def released(self):
        """Marked published, whatever the partnership's own state."""
        return self.filter(published=True)

    def published(self):
        return self.released().filter(PartnershipQuerySet.published_q("partnership__"))

    def live(self):
        """Released, of a live partnership: editors change them only through review."""
        return self.released().filter(partnership__published=True)

    def upcoming(self, today=None):
        """Projects that have not ended yet: the ones citizens can still join."""
        today = today or timezone.localdate()
        return self.filter(
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
        )

    def past(self, today=None):
        today = today or timezone.localdate()
        return self.exclude(
            Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)
        )

    def events(self):
        """Dated occasions people can attend, with a page of their own under /mitmachen/."""
        return self.filter(is_event=True)

    def with_places_taken(self, now=None):
        """
        Each project's people holding a place (``places_taken``), counted in the
        same query, so that a list can say "Ausgebucht" at no query per line.
        What holds a place is the sign-ups' own rule (``holding_places()``);
        the model is reached through the relation, as this layer imports no
        sign-up code.
        """
        signups = self.model._meta.get_field("signups").related_model.objects
        taken = (
            signups.filter(event=OuterRef("pk"))
            .holding_places(now)
            .order_by()
            .values("event")
            .annotate(people=Sum("party_size"))
            .values("people")
        )
        return self.annotate(places_taken=Coalesce(Subquery(taken), 0))

    def listed(self):
        """
        Events as a line of a list shows them (participation/includes/
        event_item.html), with their partner city and cooperation area and
        the places taken, in the one query. An event has over a hundred
        columns in five languages, a line reads these; compiling and reading
        the rest cost a list more than its query.
        """
        return (
            self.with_places_taken()
            .select_related("partnership__partner_city", "cooperation_area")
            .only(
                "title",
                "slug",
                "is_event",
                "kind",
                "start_date",
                "end_date",
                "start_time",
                "end_time",
                "event_status",
                "original_start_date",
                "place_name",
                "place_address",
                "online",
                "signup_enabled",
                "signup_deadline",
                "capacity",
                "waiting_list",
                "partnership__partner_city__name",
                "cooperation_area__name",
            )
        )


class Project(TranslatableModel, SearchableModel, AutoSlugModel, CreditedImage):
    """
    A cooperation, exchange or visit of a partnership. Ticked "Termin zum
    Mitmachen", it is an event: a dated occasion citizens can attend, with
    its own page, calendar file and, where staff switch it on, a sign-up
    form (partnership.participation).
    """

    class Kind(models.TextChoices):
        DELEGATION = "delegation", _("Delegationsbesuch")
        SCHOOL = "schule", _("Schüleraustausch")
        YOUTH = "jugend", _("Jugendbegegnung")
        CULTURE = "kultur", _("Kultur")
        SPORTS = "sport", _("Sport")
        CITIZENS = "buergerreise", _("Bürgerreise")
        AID = "hilfe", _("Hilfslieferung")
        RESEARCH = "forschung", _("Forschung und Wissenschaft")
        BUSINESS = "wirtschaft", _("Wirtschaft")
        OTHER = "sonstiges", _("Sonstiges")

    class EventStatus(models.TextChoices):
        SCHEDULED = "geplant", _("findet statt")
        CANCELLED = "abgesagt", _("abgesagt")
        MOVED = "verschoben", _("verschoben")

    # What a calendar shows of an event: a change to any of these is a new
    # revision for subscribers (SEQUENCE in the calendar files).
    calendar_fields = (
        "title",
        "description",
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "place_name",
        "place_address",
        "online",
        "event_status",
    )

    slug_source = "title"
    is_allowed_slug = staticmethod(is_allowed_event_slug)

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("Partnerschaft"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname für die Adresse"),
        max_length=100,
        unique=True,
        blank=True,
        validators=[validate_event_slug],
        help_text=_(
            "Teil der Adresse eines Termins (/mitmachen/kurzname/). Leer lassen: "
            "er wird aus dem Titel gebildet."
        ),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(
        _("Ende"), null=True, blank=True, help_text=_("Leer lassen bei eintägigen Terminen.")
    )
    description = RichTextField(_("Beschreibung"), blank=True)
    cooperation_area = models.ForeignKey(
        CooperationArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("Kooperationsfeld"),
    )
    contact = models.ForeignKey(
        "Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("Kontakt zum Mitmachen"),
        help_text=_("Wer Anmeldungen, Fragen oder Spenden entgegennimmt."),
    )
    published = models.BooleanField(
        _("veröffentlicht"),
        default=False,
        help_text=_("Sichtbar, sobald auch die Partnerschaft veröffentlicht ist."),
    )

    # The event: when, where, for whom.
    is_event = models.BooleanField(
        _("Termin zum Mitmachen"),
        default=False,
        help_text=_(
            "Ankreuzen für einen Anlass mit Datum, an dem Bürgerinnen und Bürger teilnehmen "
            "können (Bürgerfahrt, Schüleraustausch, Online-Treffen). Er bekommt eine eigene "
            "Seite unter „Mitmachen“ und einen Kalendereintrag. Länger laufende "
            "Zusammenarbeit bleibt ein Projekt ohne Haken."
        ),
    )
    start_time = models.TimeField(
        _("Beginn (Uhrzeit)"),
        null=True,
        blank=True,
        help_text=_("Leer lassen bei ganztägigen Terminen. Uhrzeit in Deutschland."),
    )
    end_time = models.TimeField(_("Ende (Uhrzeit)"), null=True, blank=True)
    event_status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_(
            "Abgesagte und verschobene Termine bleiben sichtbar und werden in den "
            "Kalendern der Abonnenten aktualisiert. Bei „verschoben“ bitte das neue "
            "Datum oben eintragen und das ursprüngliche hier darunter."
        ),
    )
    original_start_date = models.DateField(
        _("Ursprünglicher Beginn"),
        null=True,
        blank=True,
        help_text=_("Nur bei verschobenen Terminen: das Datum, das zuerst angekündigt war."),
    )
    place_name = models.CharField(
        _("Ort"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Kulturzentrum Bahnhof Langendreer“."),
    )
    place_address = models.TextField(
        _("Adresse"), blank=True, help_text=_("Straße und Hausnummer, Postleitzahl und Ort.")
    )
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    online = models.BooleanField(
        _("online"),
        default=False,
        help_text=_(
            "Ankreuzen, wenn der Termin im Internet stattfindet. Den Zugangslink "
            "bekommen die Angemeldeten per E-Mail von der Kontaktstelle."
        ),
    )
    fee = models.DecimalField(
        _("Teilnahmebeitrag in Euro"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leer lassen, wenn die Teilnahme kostenlos ist."),
    )
    fee_note = models.CharField(
        _("Zu den Kosten"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „ermäßigt 15 €, Fahrt und Unterkunft inbegriffen“."),
    )
    audience = models.CharField(
        _("Für wen"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Schülerinnen und Schüler der Klassen 8 bis 10“."),
    )
    bring = models.TextField(_("Bitte mitbringen"), blank=True)

    # For the barometer and the council's yearly report (partnership.barometer).
    participants_home = models.PositiveIntegerField(
        _("Teilnehmende aus der Heimatstadt"),
        null=True,
        blank=True,
        help_text=_("Wie viele Menschen von hier teilgenommen haben. Leer, wenn unbekannt."),
    )
    participants_partner = models.PositiveIntegerField(
        _("Teilnehmende aus der Partnerstadt"),
        null=True,
        blank=True,
        help_text=_("Wie viele Menschen aus der Partnerstadt teilgenommen haben."),
    )
    costs = models.DecimalField(
        _("Kosten in Euro"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Was die Stadt ausgegeben hat, für den Jahresbericht an den Rat."),
    )
    funding_amount = models.DecimalField(
        _("Fördermittel in Euro"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_source = models.CharField(
        _("Gefördert durch"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Engagement Global“ oder „EU-Programm Bürgerinnen und Bürger“."),
    )
    costs_public = models.BooleanField(
        _("Kosten und Förderung veröffentlichen"),
        default=False,
        help_text=_(
            "Nur dann stehen sie in den offenen Daten. Im Jahresbericht für den Rat "
            "stehen sie immer."
        ),
    )

    # Sign-up (partnership.participation): lead-only once the event is live.
    signup_enabled = models.BooleanField(
        _("Anmeldung über die Website"),
        default=False,
        help_text=_(
            "Zeigt auf der Seite des Termins ein Anmeldeformular. Anmeldungen zählen erst, "
            "wenn sie über den Link in der E-Mail bestätigt sind."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leer lassen, wenn die Zahl der Plätze nicht begrenzt ist."),
    )
    signup_deadline = models.DateTimeField(
        _("Anmeldeschluss"),
        null=True,
        blank=True,
        help_text=_("Leer lassen: Anmeldung bis zum Beginn des Termins."),
    )
    waiting_list = models.BooleanField(
        _("Warteliste"),
        default=True,
        help_text=_(
            "Wenn alle Plätze vergeben sind, können sich weitere auf die Warteliste setzen."
        ),
    )
    for_minors = models.BooleanField(
        _("Für Kinder und Jugendliche unter 16"),
        default=False,
        help_text=_("Dann meldet eine erziehungsberechtigte Person an; das Formular sagt es."),
    )
    ask_phone = models.BooleanField(_("Telefonnummer erfragen"), default=False)
    ask_party_size = models.BooleanField(
        _("Personenzahl erfragen"),
        default=False,
        help_text=_("Eine Anmeldung kann dann für mehrere Personen gelten."),
    )
    max_party_size = models.PositiveSmallIntegerField(
        _("Höchstens Personen je Anmeldung"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    ask_age_group = models.BooleanField(_("Altersgruppe erfragen"), default=False)
    ask_diet = models.BooleanField(_("Verpflegung erfragen"), default=False)
    question = models.CharField(
        _("Eigene Frage"),
        max_length=200,
        blank=True,
        help_text=_(
            "Wird mit einem freien Antwortfeld gestellt, z. B. „Welche Klasse besuchst du?“"
        ),
    )

    # For calendars: the same UID across edits, and a revision number that
    # grows with every change subscribers should see.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = SearchableManager.from_queryset(ProjectQuerySet)()

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte und Begegnungen")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="partnership_project_ends_after_start",
                violation_error_message=_("Das Ende liegt vor dem Beginn."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="partnership_project_end_time_needs_start_time",
                violation_error_message=_("Eine Endzeit braucht eine Anfangszeit."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None:
            before = type(self).objects.filter(pk=self.pk).values(*self.calendar_fields).first()
            if before and any(
                before[name] != self._stored_value(name) for name in self.calendar_fields
            ):
                self.sequence += 1
        super().save(*args, **kwargs)

    def _stored_value(self, name):
        """The field's value as the save will store it: the editor's HTML is cleaned first."""
        value = getattr(self, name)
        if isinstance(self._meta.get_field(name), RichTextField):
            return sanitize_html(value)
        return value

    def get_absolute_url(self):
        if self.is_event:
            return reverse("participation:event", kwargs={"slug": self.slug})
        return f"{self.partnership.get_absolute_url()}#projekt-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        same_day = self.end_date is None or self.end_date == self.start_date
        if self.start_time and self.end_time and self.end_time <= self.start_time and same_day:
            errors["end_time"] = _("Das Ende liegt vor dem Beginn.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Eine Endzeit braucht eine Anfangszeit.")
        if self.event_status == self.EventStatus.MOVED and not self.original_start_date:
            errors["original_start_date"] = _(
                "Bitte das ursprünglich angekündigte Datum eintragen, damit die Seite "
                "„verschoben“ richtig anzeigt."
            )
        if self.is_event and not (self.place_name or self.place_address or self.online):
            errors["place_name"] = _("Bitte einen Ort angeben oder „online“ ankreuzen.")
        if self.signup_enabled and not self.is_event:
            errors["signup_enabled"] = _(
                "Anmeldungen gibt es nur für Termine zum Mitmachen. Bitte auch "
                "„Termin zum Mitmachen“ ankreuzen."
            )
        if self.funding_amount and not self.funding_source.strip():
            errors["funding_source"] = _("Bitte angeben, wer die Fördermittel gegeben hat.")
        if errors:
            raise ValidationError(errors)

    def is_published(self):
        return self.published and self.partnership.is_published()

    def is_live(self):
        return self.published and self.partnership.is_live()

    @property
    def is_all_day(self):
        return self.start_time is None

    @property
    def is_cancelled(self):
        return self.event_status == self.EventStatus.CANCELLED

    @property
    def is_moved(self):
        return self.event_status == self.EventStatus.MOVED

    @property
    def last_day(self):
        return self.end_date or self.start_date

    def search_texts(self):
        return {
            "A": self.title,
            "B": f"{self.get_kind_display()} {self.partnership.partner_city.name}",
            "C": plain_text(self.description),
        }


class Contact(TranslatableModel, VersionedModel):
    """
    Whom readers can turn to: an association, an office or a collection point,
    shown as a contact card on the pages that link it. A private person's name
    is shown only with their recorded consent; withdrawing it hides the name at
    once (every save clears the page cache).
    """

    name = models.CharField(
        _("Verein, Stelle oder Einrichtung"),
        max_length=200,
        help_text=_("z. B. „Partnerschaftsverein Bochum–Donezk e. V.“"),
    )
    role = models.CharField(
        _("Aufgabe"),
        max_length=200,
        blank=True,
        help_text=_("Wofür man sich hierhin wendet, z. B. „Anmeldung zur Bürgerreise“."),
    )
    person_name = models.CharField(
        _("Name einer Ansprechperson"),
        max_length=200,
        blank=True,
        help_text=_(
            "Möglichst leer lassen und eine Funktion nennen (Aufgabe, Funktionsadresse). "
            "Ein Name erscheint nur mit der Einwilligung der Person."
        ),
    )
    consent_on = models.DateField(
        _("Einwilligung zur Veröffentlichung erteilt am"),
        null=True,
        blank=True,
        help_text=_("Pflicht, sobald eine Person genannt ist. Die Einwilligung bitte ablegen."),
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("Einwilligung erfasst von"),
    )
    consent_withdrawn_on = models.DateField(
        _("Einwilligung widerrufen am"),
        null=True,
        blank=True,
        help_text=_("Mit dem Speichern verschwindet der Name sofort von allen Seiten."),
    )
    address = models.TextField(_("Anschrift"), blank=True, help_text=_("Wie auf einem Brief."))
    phone = models.CharField(
        _("Telefon"),
        max_length=50,
        blank=True,
        help_text=_("Bitte eine Nummer des Vereins oder der Stelle, keine private Nummer."),
    )
    email = models.EmailField(
        _("E-Mail"),
        blank=True,
        help_text=_(
            "Bitte eine Funktionsadresse wie „verein@…“, keine persönliche Adresse. "
            "Sie erscheint lesbar und anklickbar."
        ),
    )
    website = models.URLField(_("Website"), blank=True)
    opening_hours = models.TextField(
        _("Öffnungszeiten oder Sammelstelle"),
        blank=True,
        help_text=_("Wann und wo man jemanden antrifft oder Spenden abgeben kann."),
    )
    cities = models.ManyToManyField(
        City,
        blank=True,
        related_name="contacts",
        verbose_name=_("auf den Seiten dieser Städte zeigen"),
    )
    account_holder = models.CharField(
        _("Kontoinhaber"),
        max_length=200,
        blank=True,
        help_text=_("Genau so, wie die Bank ihn führt: Überweisungen werden danach geprüft."),
    )
    iban = IBANField(_("IBAN"), blank=True)
    bic = BICField(_("BIC"), blank=True, help_text=_("Nur nötig für Spenden aus dem Ausland."))
    # The purpose is what donors type into their transfer: the same in every language.
    donation_purpose = models.CharField(
        _("Verwendungszweck"),
        max_length=140,
        blank=True,
        help_text=_("z. B. „Hilfslieferung Donezk“."),
    )

    objects = TranslatableQuerySet.as_manager()
    # history: registered in partnership/translation.py, after the translated fields.

    # Changing these could divert donations: only the lead changes them, every
    # lead hears of it (partnership/admin.py) and comparisons mark them.
    sensitive_fields = ("account_holder", "iban", "bic", "donation_purpose")

    class Meta:
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person_name="") | Q(consent_on__isnull=False),
                name="partnership_contact_person_needs_consent",
                violation_error_message=_(
                    "Eine Person darf nur mit ihrer Einwilligung genannt werden: "
                    "bitte das Datum der Einwilligung eintragen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(iban="") | ~Q(account_holder=""),
                name="partnership_contact_iban_needs_holder",
                violation_error_message=_(
                    "Zur IBAN gehört der Kontoinhaber, genau wie bei der Bank."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A partnership is found by its association's name.
        for partnership in self.associated_partnerships.all():
            partnership.update_search_vector()

    def clean(self):
        super().clean()
        if self.consent_withdrawn_on and not self.consent_on:
            raise ValidationError(
                {
                    "consent_withdrawn_on": _(
                        "Widerrufen werden kann nur eine erteilte Einwilligung."
                    )
                }
            )
        if self.account_holder and not self.iban:
            raise ValidationError({"iban": _("Bitte die IBAN zum Kontoinhaber eintragen.")})

    def is_live(self):
        """
        Never locked for editors: a withdrawn consent or a changed phone number
        must reach the pages at once, not wait for review. The donation account
        is guarded on its own.
        """
        return False

    @property
    def public_person_name(self):
        """The person's name while their consent stands, else nothing."""
        if self.consent_on and not self.consent_withdrawn_on:
            return self.person_name
        return ""

    @property
    def has_donation_account(self):
        return bool(self.iban)

    @property
    def iban_display(self):
        """In groups of four, as printed on bank cards and forms."""
        return " ".join(self.iban[i : i + 4] for i in range(0, len(self.iban), 4))

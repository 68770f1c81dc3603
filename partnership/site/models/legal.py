"""
The site's fixed pages that the law and accessibility ask for: Impressum,
Datenschutzerklärung, Erklärung zur Barrierefreiheit, and the explanations
in Leichte Sprache and Deutsche Gebärdensprache. Staff edit them like any
other content; each kind exists at most once and has a fixed address.
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.publishing import PublishableQuerySet
from core.richtext import RichTextField
from core.translation import (
    SOURCE_LANGUAGE,
    TranslatableModel,
    TranslatableQuerySet,
    active_language,
)
from core.uploads import FileField, upload_path
from core.versioning import VersionedModel
from partnership.models import Agreement

from .identity import SiteSettings

VIDEO_TYPES = {".mp4": b"ftyp", ".webm": b"\x1a\x45\xdf\xa3"}


def validate_video(file):
    """MP4 or WebM, recognised by content, within the size limit."""
    if file.size > settings.MAX_VIDEO_UPLOAD_SIZE:
        raise ValidationError(
            _("Das Video ist zu groß; erlaubt sind höchstens %(mb)s MB."),
            params={"mb": settings.MAX_VIDEO_UPLOAD_SIZE // (1024 * 1024)},
        )
    signature = VIDEO_TYPES.get(PurePath(file.name).suffix.lower())
    file.seek(0)
    head = file.read(64)
    file.seek(0)
    if signature is None or signature not in head:
        raise ValidationError(_("Bitte laden Sie ein Video im Format MP4 oder WebM hoch."))


validate_video.size_setting = "MAX_VIDEO_UPLOAD_SIZE"


def validate_captions(file):
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if PurePath(file.name).suffix.lower() != ".vtt" or not head.lstrip(b"\xef\xbb\xbf").startswith(
        b"WEBVTT"
    ):
        raise ValidationError(_("Untertitel bitte als WebVTT-Datei (.vtt) hochladen."))


class LegalPageQuerySet(PublishableQuerySet, TranslatableQuerySet):
    def published(self):
        """Released; in another language than German, the pages that exist in it."""
        pages = self.filter(published=True)
        if active_language() != SOURCE_LANGUAGE:
            pages = pages.exclude(kind__in=LegalPage.GERMAN_ONLY)
        return pages


class LegalPage(TranslatableModel, VersionedModel):
    class Kind(models.TextChoices):
        IMPRINT = "impressum", _("Impressum")
        PRIVACY = "datenschutz", _("Datenschutzerklärung")
        ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
        PLAIN_LANGUAGE = "leichte-sprache", _("Leichte Sprache")
        SIGN_LANGUAGE = "gebaerdensprache", _("Gebärdensprache")

    # Explanations of the site in German forms of language: no translation.
    GERMAN_ONLY = (Kind.PLAIN_LANGUAGE, Kind.SIGN_LANGUAGE)

    # What each page needs before the public sees it: fields of the site
    # settings it is built from, then its own fields.
    REQUIRED_SETTINGS = {
        Kind.IMPRINT: [
            "operator_name",
            "operator_representative",
            "operator_address",
            "operator_phone",
            "operator_email",
            "supervisory_authority",
            "editorial_responsible",
        ],
        Kind.PRIVACY: ["operator_name", "operator_address", "operator_email", "dpo_contact"],
        Kind.ACCESSIBILITY: ["accessibility_contact"],
    }
    REQUIRED_FIELDS = {
        Kind.PRIVACY: ["body"],
        Kind.ACCESSIBILITY: [
            "conformity",
            "prepared_on",
            "ombudsman_name",
            "ombudsman_address",
            "ombudsman_url",
        ],
        Kind.PLAIN_LANGUAGE: ["body"],
        Kind.SIGN_LANGUAGE: ["body"],
    }

    class Conformity(models.TextChoices):
        FULL = "vollstaendig", _("vollständig vereinbar")
        PARTIAL = "teilweise", _("teilweise vereinbar")
        NONE = "nicht", _("nicht vereinbar")

    kind = models.CharField(_("Seite"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("Überschrift"), max_length=200)
    body = RichTextField(_("Text"), blank=True)
    published = models.BooleanField(_("veröffentlicht"), default=False)
    # Erklärung zur Barrierefreiheit (BITV 2.0 § 7, BITV NRW).
    conformity = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=20,
        choices=Conformity.choices,
        blank=True,
        help_text=_("Wie weit die Website die Anforderungen der BITV 2.0 erfüllt."),
    )
    known_limitations = RichTextField(
        _("Nicht barrierefreie Inhalte"),
        blank=True,
        help_text=_("Was noch nicht barrierefrei ist, warum, und welche Alternativen es gibt."),
    )
    feedback_contact = models.TextField(
        _("Wie Rückmeldungen bearbeitet werden"),
        blank=True,
        help_text=_(
            "Z. B. „Wir antworten innerhalb von sechs Wochen.“ Die Kontaktdaten selbst "
            "stehen in den Website-Einstellungen unter „Kontakt für Barrieren“."
        ),
    )
    enforcement = RichTextField(
        _("Durchsetzungs- und Schlichtungsverfahren"),
        blank=True,
        help_text=_("Wohin man sich wenden kann, wenn die Rückmeldung nicht hilft."),
    )
    # The body the enforcement procedure names; its name is the same in every language.
    ombudsman_name = models.CharField(
        _("Schlichtungsstelle"),
        max_length=200,
        blank=True,
        help_text=_("Name der Ombuds- oder Schlichtungsstelle, wie sie sich selbst nennt."),
    )
    ombudsman_address = models.TextField(
        _("Anschrift der Schlichtungsstelle"),
        blank=True,
        help_text=_("Postanschrift, wie auf einem Briefumschlag."),
    )
    ombudsman_email = models.EmailField(_("E-Mail der Schlichtungsstelle"), blank=True)
    ombudsman_url = models.URLField(_("Website der Schlichtungsstelle"), blank=True)
    prepared_on = models.DateField(_("Erklärung erstellt am"), null=True, blank=True)
    last_reviewed = models.DateField(_("zuletzt überprüft am"), null=True, blank=True)
    keyboard_checked_on = models.DateField(
        _("Manuelle Prüfung mit Tastatur am"),
        null=True,
        blank=True,
        help_text=_(
            "Wann die Stadt alle Seitentypen nur mit der Tastatur bedient hat. "
            "Leer lassen, solange das nicht geschehen ist."
        ),
    )
    screen_reader_checked_on = models.DateField(
        _("Manuelle Prüfung mit Screenreader am"),
        null=True,
        blank=True,
        help_text=_(
            "Wann die Stadt alle Seitentypen mit einem Screenreader gelesen hat. "
            "Leer lassen, solange das nicht geschehen ist."
        ),
    )
    manual_check_tools = models.CharField(
        _("Geprüft mit"),
        max_length=200,
        blank=True,
        help_text=_("Screenreader und Browser der manuellen Prüfung, z. B. „NVDA mit Firefox“."),
    )
    # Leichte Sprache: DIN SPEC 33429 asks for a check by readers of the text.
    plain_language_checked_on = models.DateField(
        _("von einer Prüfgruppe geprüft am"),
        null=True,
        blank=True,
        help_text=_(
            "Leichte Sprache prüfen Menschen, für die sie gemacht ist. Das Datum erst "
            "eintragen, wenn eine Prüfgruppe diesen Text geprüft hat."
        ),
    )
    plain_language_checked_by = models.CharField(
        _("Prüfgruppe"),
        max_length=200,
        blank=True,
        help_text=_("Wer geprüft hat, z. B. Name des Büros für Leichte Sprache und der Gruppe."),
    )
    # Gebärdensprache: a self-hosted video.
    video = FileField(
        _("Video"),
        upload_to=upload_path,
        blank=True,
        validators=[validate_video],
        help_text=_("MP4 oder WebM, wird auf dieser Website selbst bereitgestellt."),
    )
    video_captions = FileField(
        _("Untertitel (WebVTT)"), upload_to=upload_path, blank=True, validators=[validate_captions]
    )
    video_description = models.TextField(
        _("Beschreibung des Videos"),
        blank=True,
        help_text=_("Worum es im Video geht, in ein, zwei Sätzen."),
    )
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = LegalPageQuerySet.as_manager()
    # history: registered in partnership/site/translation.py, after the translated fields.

    class Meta:
        # The table of the model's first home, the partnership app.
        db_table = "partnership_page"
        verbose_name = _("Pflichtseite")
        verbose_name_plural = _("Pflichtseiten")
        ordering = ["kind"]
        permissions = [("publish_legalpage", _("Kann Pflichtseiten veröffentlichen"))]

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse("page", kwargs={"kind": self.kind})

    def is_published(self):
        return self.published

    def is_live(self):
        return self.published

    def is_shown_in(self, language):
        return language == SOURCE_LANGUAGE or self.kind not in self.GERMAN_ONLY

    def missing(self, site_settings=None):
        """
        What this page still lacks, in words for staff: the names of empty
        fields of the site settings it is built from, then what
        ``missing_content()`` names. Empty when the page is complete. The
        public page leaves out what is empty; this says what that is.
        """
        site_settings = site_settings or SiteSettings.current()
        settings_fields = [
            _("%(field)s (Website-Einstellungen)")
            % {"field": SiteSettings._meta.get_field(name).verbose_name}
            for name in self.REQUIRED_SETTINGS.get(self.kind, [])
            if not getattr(site_settings, name)
        ]
        return [*settings_fields, *self.missing_content()]

    def missing_content(self):
        """The page's own empty fields, an unchecked Leichte-Sprache text, an unpublished page."""
        missing = [
            str(self._meta.get_field(name).verbose_name)
            for name in self.REQUIRED_FIELDS.get(self.kind, [])
            if not getattr(self, name)
        ]
        if self.kind == self.Kind.PLAIN_LANGUAGE and not self.plain_language_checked():
            missing.append(_("vor Veröffentlichung von einer Prüfgruppe prüfen lassen"))
        if not self.published:
            missing.append(_("nicht veröffentlicht"))
        return missing

    def generated_sections(self):
        """
        Sections the page writes itself from the site's settings, after the
        staff's text: on the Datenschutzerklärung, sign-up for events.
        """
        if self.kind != self.Kind.PRIVACY:
            return []
        return [signup_privacy_section()]

    def plain_language_checked(self):
        return bool(self.plain_language_checked_on and self.plain_language_checked_by)

    def inaccessible_content(self):
        """
        What the accessibility statement lists as not accessible without
        staff writing it down: the sign-language video while there is none
        (or its captions), and PDF documents not marked accessible.
        """
        items = []
        sign_language = LegalPage.objects.filter(kind=self.Kind.SIGN_LANGUAGE).first()
        if sign_language is None or not sign_language.video:
            items.append(
                Inaccessible(
                    _("Video in Deutscher Gebärdensprache"),
                    None,
                    _(
                        "Ein Video, das diese Website in Deutscher Gebärdensprache erklärt, "
                        "gibt es noch nicht."
                    ),
                )
            )
        elif not sign_language.video_captions:
            items.append(
                Inaccessible(
                    _("Untertitel des Videos in Gebärdensprache"),
                    sign_language.get_absolute_url(),
                    _("Das Video hat noch keine Untertitel."),
                )
            )
        documents = (
            Agreement.objects.published()
            .exclude(document="")
            .filter(document_accessible=False)
            .select_related("partnership__partner_city")
        )
        for agreement in documents:
            items.append(
                Inaccessible(
                    _("PDF „%(title)s“") % {"title": agreement.title},
                    agreement.get_absolute_url(),
                    _(
                        "Das Dokument ist eingescannt oder nicht getaggt. Sein Wortlaut steht "
                        "als Text auf der Seite der Partnerschaft."
                    )
                    if agreement.full_text
                    else _(
                        "Das Dokument ist eingescannt oder nicht getaggt. Den Inhalt senden "
                        "wir Ihnen auf Anfrage in zugänglicher Form."
                    ),
                )
            )
        return items


@dataclass
class GeneratedSection:
    """A section of a legal page written from settings: its anchor, heading and paragraphs."""

    anchor: str
    heading: str
    paragraphs: list


def signup_privacy_section():
    """What the Datenschutzerklärung says about sign-up for events (partnership.participation)."""
    return GeneratedSection(
        anchor="anmeldungen",
        heading=_("Anmeldung zu Terminen"),
        paragraphs=[
            _(
                "Wenn Sie sich über diese Website zu einem Termin anmelden, speichern wir die "
                "Angaben aus dem Anmeldeformular: Ihren Namen und Ihre E-Mail-Adresse und nur "
                "dann, wenn der Termin danach fragt, Ihre Telefonnummer, die Zahl der Personen, "
                "die Altersgruppe, bei Terminen für Kinder und Jugendliche deren Namen, Ihre Wahl "
                "zur Verpflegung und Ihre Antwort auf eine Frage der Veranstaltenden. Wir "
                "verwenden sie, um die Teilnahme zu organisieren und Sie über den Termin zu "
                "informieren; die Veranstaltenden des Termins erhalten sie dafür."
            ),
            _(
                "Rechtsgrundlage ist Art. 6 Abs. 1 Buchst. b DSGVO (die Teilnahme, die Sie mit "
                "der Anmeldung wünschen) und, soweit die Stadt den Termin in Erfüllung ihrer "
                "Aufgaben veranstaltet, Art. 6 Abs. 1 Buchst. e DSGVO. Angaben zu Allergien, "
                "Unverträglichkeiten oder anderen gesundheitlichen Bedürfnissen speichern wir "
                "nur mit Ihrer ausdrücklichen Einwilligung, die Sie im Formular ankreuzen "
                "(Art. 9 Abs. 2 Buchst. a DSGVO). Sie können sie jederzeit mit Wirkung für die "
                "Zukunft widerrufen, etwa bei der Kontaktstelle des Termins."
            ),
            _(
                "Ihre Anmeldung gilt erst, wenn Sie sie über den Link in der E-Mail bestätigen, "
                "die wir Ihnen daraufhin schicken (Double-Opt-in): So kann niemand eine fremde "
                "Adresse anmelden. Über den Link in unseren E-Mails können Sie jederzeit "
                "absagen."
            ),
            _(
                "Ihre Angaben werden %(days)s Tage nach dem letzten Tag des Termins gelöscht; "
                "danach bleibt nur die Zahl der Anmeldungen ohne Bezug zu Personen. Eine "
                "Anmeldung, die nicht bestätigt wird, löschen wir nach einem Tag. Die "
                "E-Mails, die wir Ihnen geschickt haben, werden nach %(mail_days)s Tagen aus "
                "unserem Postausgang gelöscht."
            )
            % {
                "days": settings.SIGNUP_RETENTION_DAYS,
                "mail_days": settings.SECURITY_RECORDS_DAYS,
            },
            _(
                "Das Anmeldeformular setzt kein Cookie und lädt nichts von anderen Anbietern. "
                "Zum Schutz vor automatisierten Massenanmeldungen speichern wir bei jeder "
                "Anmeldung einen mit einem geheimen Schlüssel gebildeten Prüfwert (Hash) Ihrer "
                "IP-Adresse, nicht die Adresse selbst, und löschen ihn nach 24 Stunden "
                "(Art. 6 Abs. 1 Buchst. e DSGVO)."
            ),
        ],
    )


@dataclass
class Inaccessible:
    """One entry of the statement's list of content that is not accessible."""

    what: str
    url: str | None
    reason: str


class AccessibilityCheck(models.Model):
    """
    A passing run of the project's automated accessibility checks (axe-core
    and the Nu HTML Checker on every page type, keyboard paths), recorded by
    ``record_accessibility_checks`` from the test report. The statement
    names the date of the latest.
    """

    ran_at = models.DateTimeField(_("Prüfung gelaufen am"))
    passed = models.PositiveIntegerField(_("bestandene Prüfungen"))
    recorded = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("automatische Prüfung der Barrierefreiheit")
        verbose_name_plural = _("automatische Prüfungen der Barrierefreiheit")
        ordering = ["-ran_at"]
        get_latest_by = "ran_at"

    def __str__(self):
        return _("%(count)s Prüfungen bestanden") % {"count": self.passed}

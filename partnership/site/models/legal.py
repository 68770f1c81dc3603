"""
The site's fixed pages that the law and accessibility ask for: Impressum,
Datenschutzerklärung, Erklärung zur Barrierefreiheit, and the explanations
in Leichte Sprache and Deutsche Gebärdensprache. Staff edit them like any
other content; each kind exists at most once and has a fixed address.
"""

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
        _("Kontakt für Rückmeldungen"),
        blank=True,
        help_text=_("Wer Barrieren meldet, erreicht uns so: Stelle, E-Mail, Telefon."),
    )
    enforcement = RichTextField(
        _("Durchsetzungs- und Schlichtungsverfahren"),
        blank=True,
        help_text=_("Wohin man sich wenden kann, wenn die Rückmeldung nicht hilft."),
    )
    last_reviewed = models.DateField(_("zuletzt überprüft am"), null=True, blank=True)
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

"""
Who runs the site: the city, its name for the site, its emblem, and the
contacts the Impressum, the Datenschutzerklärung and the Erklärung zur
Barrierefreiheit name. One row, edited by the lead; every page reads it
through ``SiteSettings.current()``, a copy kept per process.
"""

import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import DatabaseError, models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatableModel, active_language
from core.uploads import ImageField, image_format, upload_path
from core.versioning import VersionedModel

from .demo import DemoObject
from .notice import Notice

EMBLEM_FORMATS = ("PNG", "WEBP")


def validate_emblem(file):
    """PNG or WebP (transparent and sharp at any size), checked by content like every image."""
    if image_format(file) not in EMBLEM_FORMATS:
        raise ValidationError(
            _("Bitte laden Sie das Wappen oder Logo als PNG oder WebP hoch."), code="emblem_format"
        )


validate_emblem.size_setting = "MAX_IMAGE_UPLOAD_SIZE"


def _luminance(color):
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(color):
    """The WCAG contrast ratio of ``color`` (#rrggbb) with white."""
    return 1.05 / (_luminance(color) + 0.05)


def validate_accent_color(color):
    # Links and buttons use the colour as text or background next to white.
    if contrast_with_white(color) < 4.5:
        raise ValidationError(
            _(
                "Diese Farbe ist auf Weiß zu hell (Kontrast %(ratio).1f : 1). Für Links und "
                "Schaltflächen sind mindestens 4,5 : 1 nötig; wählen Sie einen dunkleren Ton."
            ),
            params={"ratio": contrast_with_white(color)},
            code="low_contrast",
        )


def default_accent_color():
    return settings.SITE_ACCENT_COLOR


class DataLicence(models.TextChoices):
    """Licences open-data portals know, by their DCAT-AP.de identifier."""

    DL_BY = "dl-by-de/2.0", _("Datenlizenz Deutschland – Namensnennung – Version 2.0")
    DL_ZERO = "dl-zero-de/2.0", _("Datenlizenz Deutschland – Zero – Version 2.0")
    CC_BY = "cc-by/4.0", _("Creative Commons Namensnennung 4.0 International")
    CC_ZERO = "cc-zero", _("Creative Commons CC0 1.0 (gemeinfrei)")

    @property
    def uri(self):
        """The licence as the DCAT-AP.de vocabulary names it."""
        return f"http://dcat-ap.de/def/licenses/{self.value}"

    @property
    def text_url(self):
        """Where people read the licence."""
        return LICENCE_TEXTS[self.value]

    @property
    def needs_attribution(self):
        return self in (DataLicence.DL_BY, DataLicence.CC_BY)


LICENCE_TEXTS = {
    DataLicence.DL_BY: "https://www.govdata.de/dl-de/by-2-0",
    DataLicence.DL_ZERO: "https://www.govdata.de/dl-de/zero-2-0",
    DataLicence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.de",
    DataLicence.CC_ZERO: "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
}


class SiteSettings(TranslatableModel, VersionedModel):
    city_name = models.CharField(
        _("Name der Stadt"),
        max_length=100,
        help_text=_("Wie die Stadt sich nennt, z. B. „Stadt Bochum“. Steht im Kopf jeder Seite."),
    )
    site_name = models.CharField(
        _("Name der Website"),
        max_length=100,
        help_text=_("Steht im Kopf, im Titel jeder Seite und in E-Mails."),
    )
    site_description = models.TextField(
        _("Beschreibung der Website"),
        blank=True,
        help_text=_(
            "Ein, zwei Sätze für Suchmaschinen und Link-Vorschauen von Seiten ohne eigene "
            "Beschreibung."
        ),
    )
    accent_color = models.CharField(
        _("Akzentfarbe"),
        max_length=7,
        default=default_accent_color,
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Bitte als Farbwert wie #0b5ea8 angeben.")),
            validate_accent_color,
        ],
        help_text=_("Farbe von Links und Schaltflächen, als Farbwert wie #0b5ea8."),
    )
    emblem = ImageField(
        _("Wappen oder Logo"),
        upload_to=upload_path,
        blank=True,
        width_field="emblem_width",
        height_field="emblem_height",
        validators=[validate_emblem],
        help_text=_(
            "PNG oder WebP, möglichst quadratisch und mit durchsichtigem Hintergrund. "
            "Daraus entsteht auch das Symbol im Browser-Tab."
        ),
    )
    emblem_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    emblem_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The operator, as the Impressum names it (§ 5 DDG).
    operator_name = models.CharField(
        _("Betreiberin"),
        max_length=200,
        blank=True,
        help_text=_("Die Stadt als Körperschaft, z. B. „Stadt Bochum“."),
    )
    operator_representative = models.CharField(
        _("Vertreten durch"),
        max_length=200,
        blank=True,
        help_text=_("Wer die Stadt vertritt, z. B. „den Oberbürgermeister Max Muster“."),
    )
    operator_address = models.TextField(
        _("Anschrift"), blank=True, help_text=_("Postanschrift, eine Zeile je Zeile.")
    )
    operator_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    operator_email = models.EmailField(_("E-Mail"), blank=True)
    vat_id = models.CharField(
        _("Umsatzsteuer-Identifikationsnummer"),
        max_length=14,
        blank=True,
        validators=[RegexValidator(r"^DE[0-9]{9}$", _("Bitte in der Form DE123456789 angeben."))],
        help_text=_("Nur falls die Stadt eine hat, in der Form DE123456789."),
    )
    supervisory_authority = models.TextField(
        _("Aufsichtsbehörde"),
        blank=True,
        help_text=_("Die Kommunalaufsicht der Stadt mit Anschrift."),
    )
    editorial_responsible = models.TextField(
        _("Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"),
        blank=True,
        help_text=_("Name und Anschrift der Person, die für die Nachrichten verantwortlich ist."),
    )
    dpo_contact = models.TextField(
        _("Datenschutzbeauftragte Person"),
        blank=True,
        help_text=_("Name oder Stelle, Anschrift und E-Mail; steht in der Datenschutzerklärung."),
    )
    accessibility_contact = models.TextField(
        _("Kontakt für Barrieren"),
        blank=True,
        help_text=_(
            "Wer Rückmeldungen zur Barrierefreiheit entgegennimmt: Stelle, E-Mail, Telefon."
        ),
    )
    data_licence = models.CharField(
        _("Lizenz der offenen Daten"),
        max_length=20,
        choices=DataLicence.choices,
        default=DataLicence.DL_BY,
        help_text=_(
            "Unter dieser Lizenz stehen das Partnerschaftsregister und die Jahreszahlen "
            "unter /daten/. Die Datenlizenz Deutschland – Namensnennung verlangt, dass "
            "Nutzende die Stadt als Quelle nennen."
        ),
    )
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    # history: registered in partnership/site/translation.py, after the translated fields.

    class Meta:
        verbose_name = _("Website-Einstellungen")
        verbose_name_plural = _("Website-Einstellungen")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="site_sitesettings_one_row")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def is_published(self):
        return True

    def is_live(self):
        return True

    @classmethod
    def from_settings(cls):
        """The values the settings give while there is no row (and the initial values of one)."""
        return cls(
            site_name=settings.SITE_NAME,
            site_description=settings.SITE_DESCRIPTION,
            accent_color=settings.SITE_ACCENT_COLOR,
        )

    @classmethod
    def current(cls, query=True):
        """The site settings every page shows: see ``site_state()``."""
        return site_state(query).settings


class SiteState:
    """What every public page shows besides its own content."""

    def __init__(self, settings, notices=(), demo=False, menu_pages=()):
        self.settings = settings
        # Those not ended when the state was read; each page picks the current ones.
        self.notices = list(notices)
        self.demo = demo
        # Released pages in the menus, also scheduled ones, for every language;
        # each page picks those of its language and moment.
        self.menu_pages = list(menu_pages)

    @classmethod
    def load(cls):
        # Here, not at the top: pages.py reads the URL registry, which reads
        # legal.py, which reads this module.
        from .pages import Page

        return cls(
            SiteSettings.objects.first() or SiteSettings.from_settings(),
            Notice.objects.not_ended(),
            DemoObject.objects.any_remaining(),
            Page.objects.live().in_menus(),
        )

    @classmethod
    def without_database(cls):
        return cls(SiteSettings.from_settings())

    def context(self, moment):
        """What base.html needs of the state, also for pages rendered without a request."""
        return {
            "site_settings": self.settings,
            "site_name": self.settings.site_name,
            "site_notices": self.notices_at(moment),
            "is_demo": self.demo,
            "menu_pages": self.menu_pages_in(active_language(), moment),
        }

    def menu_pages_in(self, language, moment):
        """The menu pages shown in ``language`` at ``moment``, as published() finds them."""
        return [
            page
            for page in self.menu_pages
            if page.is_shown_in(language) and page.is_published(at=moment)
        ]

    def notices_at(self, moment):
        return [notice for notice in self.notices if notice.is_shown_at(moment)]

    def next_change(self, moment):
        """When a notice or a menu page next appears or disappears after ``moment``, or None."""
        times = [(notice.starts_at, notice.ends_at) for notice in self.notices] + [
            (page.publish_at, page.unpublish_at) for page in self.menu_pages
        ]
        changes = [point for pair in times for point in pair if point and point > moment]
        return min(changes, default=None)


# How long a copy serves at most: where the content version is not shared
# (no Redis), another process's save reaches this one after this long.
COPY_SECONDS = 60


class _Copy:
    """This process's copy of the site state, and the content version and time it was read at."""

    state = None
    version = None
    read_at = 0.0


def site_state(query=True):
    """
    The site's state from a copy this process keeps until the content
    version (partnership/site/page_cache.py) moves on, at most COPY_SECONDS,
    so that a page costs no query for it. With ``query`` off, or while the
    database cannot be reached, the copy or the settings' values: error
    pages are rendered without the database.
    """
    from ..page_cache import content_version

    if not query:
        return _Copy.state or SiteState.without_database()
    version = content_version()
    current = version is not None and version == _Copy.version
    if _Copy.state is not None and current and time.monotonic() - _Copy.read_at < COPY_SECONDS:
        return _Copy.state
    try:
        state = SiteState.load()
    except DatabaseError:
        return _Copy.state or SiteState.without_database()
    _Copy.state, _Copy.version, _Copy.read_at = state, version, time.monotonic()
    return state


def keep_copy(state):
    """Use ``state`` as this process's copy at the current version (tests start from it)."""
    from ..page_cache import content_version

    _Copy.state, _Copy.version, _Copy.read_at = state, content_version(), time.monotonic()


def forget_copy(**kwargs):
    """A save in this process takes effect here at once, whatever the shared version says."""
    _Copy.state = _Copy.version = None


# By name: pages.py cannot be imported here (see SiteState.load).
for _model in ("site.SiteSettings", "site.Notice", "site.DemoObject", "site.Page"):
    post_save.connect(forget_copy, sender=_model, dispatch_uid=f"site-state-{_model}")
    post_delete.connect(forget_copy, sender=_model, dispatch_uid=f"site-state-d-{_model}")

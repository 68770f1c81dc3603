"""
The first segment of every address the site answers, in one place.

Each section of the site, each legal page and each technical address owns a
word at the top of the URL space (``/aktuelles/``, ``/impressum/``,
``/robots.txt``). Other languages have a URL space of their own behind their
prefix (``/en/news/``), with the sections' words in that language
(core.urlwords); technical addresses exist once, without prefix. The open
data's files live once under the German word of its page (``/daten/…``). Anything
that lets staff choose a top-level slug asks ``is_reserved(slug, language)``
first, so that a page can never hide a section, and the codes of all content
languages are kept free for language prefixes.
tests/site/test_sections.py checks this list against the URL patterns.
"""

from django.conf import settings
from django.core import checks

from core.urlwords import word

# The module, not the package: free pages (models.pages) ask is_reserved().
from .models.legal import LegalPage

# The public sections, under their German words.
NEWS = "aktuelles"
CITIES = "staedte"
PARTNERSHIPS = "partnerschaften"
PARTICIPATE = "mitmachen"
SEARCH = "suche"
DATA = "daten"

# Addresses of machines and staff rather than of sections.
ADMIN = "admin"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
THEME = "theme.css"
MAP = "karte"
FAVICON = "favicon.ico"
TOUCH_ICON = "apple-touch-icon.png"
HEALTH = "healthz"
BENCH = "bench"


def media():
    return settings.MEDIA_URL.strip("/")


def static():
    return settings.STATIC_URL.strip("/")


# Legal pages readers get under their own language's word; Leichte Sprache
# and Gebärdensprache are offers in German with one German address for all.
TRANSLATED_PAGES = (
    LegalPage.Kind.IMPRINT.value,
    LegalPage.Kind.PRIVACY.value,
    LegalPage.Kind.ACCESSIBILITY.value,
)
GERMAN_PAGES = tuple(kind for kind in LegalPage.Kind.values if kind not in TRANSLATED_PAGES)


def _public_entries():
    """The sections and pages that exist in every language, under their German words."""
    return [
        (NEWS, "Aktuelles"),
        (CITIES, "Städte"),
        (PARTNERSHIPS, "Partnerschaften"),
        (PARTICIPATE, "Mitmachen"),
        (SEARCH, "Suche"),
        (DATA, "Offene Daten"),
        *((kind.value, str(kind.label)) for kind in LegalPage.Kind if kind in TRANSLATED_PAGES),
    ]


def _url_entries(language):
    """What the URLconf answers in ``language`` after its prefix (none for German)."""
    words = [(word(german, language), owner) for german, owner in _public_entries()]
    if language != settings.LANGUAGE_CODE:
        return words
    words += [
        *((kind.value, str(kind.label)) for kind in LegalPage.Kind if kind in GERMAN_PAGES),
        (ADMIN, "Verwaltung"),
        (SITEMAP, "Sitemap"),
        (ROBOTS, "robots.txt"),
        (THEME, "Farbschema"),
        (MAP, "Küstenlinien der Karte"),
        (FAVICON, "Symbol im Browser-Tab"),
        (TOUCH_ICON, "Symbol auf dem Startbildschirm"),
        (HEALTH, "Betriebsüberwachung"),
        (media(), "Hochgeladene Dateien"),
    ]
    if settings.BENCHMARK:
        words.append((BENCH, "Lasttest"))
    return words


def url_segments(language=None):
    """The first segments the root URLconf answers in ``language``, with what owns each."""
    return dict(_url_entries(language or settings.LANGUAGE_CODE))


def entries(language=None):
    """Every reserved word of ``language`` with its owner; a word appears twice only by mistake."""
    language = language or settings.LANGUAGE_CODE
    words = _url_entries(language)
    if language == settings.LANGUAGE_CODE:
        # Served by WhiteNoise before any URL pattern is asked.
        words.append((static(), "Statische Dateien"))
        # Every language content can be stored in, served or not yet: a page
        # may not take the address a language gets once the site serves it.
        words += [(code, f"Sprache {code}") for code in settings.CONTENT_LANGUAGES]
    return words


def is_reserved(slug, language=None):
    """Whether ``slug`` is taken at the top of the URL space of ``language`` (default German)."""
    return slug.strip("/").lower() in {word for word, _owner in entries(language)}


def collisions(language=None):
    """Words that two entries of one language claim."""
    owners = {}
    for word_, owner in entries(language):
        owners.setdefault(word_, []).append(owner)
    return {word_: claimants for word_, claimants in owners.items() if len(claimants) > 1}


def _where(language):
    return "" if language == settings.LANGUAGE_CODE else f" (Sprache {language})"


@checks.register(checks.Tags.urls)
def check_sections(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"Das erste Adresssegment „{word_}“ ist mehrfach vergeben{_where(language)}: "
            f"{', '.join(owners)}.",
            obj="partnership.site.sections",
            id="site.E001",
        )
        for language in settings.CONTENT_LANGUAGES
        for word_, owners in collisions(language).items()
    ]

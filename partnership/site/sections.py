"""
The first segment of every address the site answers, in one place.

Each section of the site, each legal page and each technical address owns a
word at the top of the URL space (``/aktuelles/``, ``/impressum/``,
``/robots.txt``). Anything that lets staff choose a top-level slug asks
``is_reserved()`` first, so that a page can never hide a section, and the
language codes of settings.LANGUAGES are kept free for language prefixes.
tests/site/test_sections.py checks this list against the URL patterns.
"""

from django.conf import settings
from django.core import checks

from .models import LegalPage

# The public sections, under their German names.
NEWS = "aktuelles"
CITIES = "staedte"
PARTNERSHIPS = "partnerschaften"
PARTICIPATE = "mitmachen"
SEARCH = "suche"

# Addresses of machines and staff rather than of sections.
ADMIN = "admin"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
THEME = "theme.css"
HEALTH = "healthz"
BENCH = "bench"


def media():
    return settings.MEDIA_URL.strip("/")


def static():
    return settings.STATIC_URL.strip("/")


# Section words in other languages, by language code, once the site speaks
# them: {"en": {NEWS: "news", CITIES: "cities", ...}}.
TRANSLATED = {}


def _url_entries():
    words = [
        (NEWS, "Aktuelles"),
        (CITIES, "Städte"),
        (PARTNERSHIPS, "Partnerschaften"),
        (PARTICIPATE, "Mitmachen"),
        (SEARCH, "Suche"),
        *((kind.value, str(kind.label)) for kind in LegalPage.Kind),
        (ADMIN, "Verwaltung"),
        (SITEMAP, "Sitemap"),
        (ROBOTS, "robots.txt"),
        (THEME, "Farbschema"),
        (HEALTH, "Betriebsüberwachung"),
        (media(), "Hochgeladene Dateien"),
    ]
    if settings.BENCHMARK:
        words.append((BENCH, "Lasttest"))
    return words


def url_segments():
    """The first segments the root URLconf answers, with what owns each."""
    return dict(_url_entries())


def entries():
    """Every reserved word with what owns it; a word may appear twice only by mistake."""
    words = _url_entries()
    # Served by WhiteNoise before any URL pattern is asked.
    words.append((static(), "Statische Dateien"))
    words += [(code, f"Sprache {code}") for code, _name in languages()]
    words += [
        (word, f"{section} ({code})")
        for code, translated in TRANSLATED.items()
        for section, word in translated.items()
    ]
    return words


def languages():
    return getattr(settings, "LANGUAGES", None) or [(settings.LANGUAGE_CODE, "")]


def is_reserved(slug):
    """Whether ``slug`` is taken at the top of the URL space."""
    return slug.strip("/").lower() in {word for word, _owner in entries()}


def collisions():
    """Words that two entries claim."""
    owners = {}
    for word, owner in entries():
        owners.setdefault(word, []).append(owner)
    return {word: claimants for word, claimants in owners.items() if len(claimants) > 1}


@checks.register(checks.Tags.urls)
def check_sections(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"Das erste Adresssegment „{word}“ ist mehrfach vergeben: {', '.join(owners)}.",
            obj="partnership.site.sections",
            id="site.E001",
        )
        for word, owners in collisions().items()
    ]

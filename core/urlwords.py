"""
The words in the site's addresses, in each language content can be stored in.

German is the source: a word is known by its German form, which is also its
address on the German site (``/aktuelles/``). Other languages get readable
ASCII words: their own where they are written in Latin letters (English,
Spanish), the English ones where they are not (Japanese, Ukrainian). A
transliteration ("nyusu", "novyny") reads well to neither group, and words
in their own script turn into percent escapes wherever an address is copied.
docs/languages.md lists the words.

Addresses are not interface text, so they live here rather than in the
gettext catalogues: a corrected translation must never move a page, and
partnership.site.sections has to see every word to keep them apart. This
sits in core because every app's URLconf needs it.
"""

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language

_ENGLISH = {
    "aktuelles": "news",
    "staedte": "cities",
    "partnerschaften": "partnerships",
    "mitmachen": "get-involved",
    "suche": "search",
    "daten": "data",
    "impressum": "imprint",
    "datenschutz": "privacy",
    "barrierefreiheit": "accessibility",
    # Below the news section (news.models.RESERVED_SLUGS).
    "archiv": "archive",
    "bereich": "area",
    "kategorie": "category",
    "seite": "page",
    "stadt": "city",
    "vorschau": "preview",
    # Below the participation section (partnership.models.EVENT_PAGE_WORDS).
    "kalender": "calendar",
    "anmeldung": "sign-up",
    "bestaetigen": "confirm",
    "absagen": "cancel",
}

WORDS = {
    "en": _ENGLISH,
    "ja": _ENGLISH,
    "es": {
        "aktuelles": "noticias",
        "staedte": "ciudades",
        "partnerschaften": "hermanamientos",
        "mitmachen": "participar",
        "suche": "buscar",
        "daten": "datos",
        "impressum": "aviso-legal",
        "datenschutz": "privacidad",
        "barrierefreiheit": "accesibilidad",
        "archiv": "archivo",
        "bereich": "ambito",
        "kategorie": "categoria",
        "seite": "pagina",
        "stadt": "ciudad",
        "vorschau": "vista-previa",
        "kalender": "calendario",
        "anmeldung": "inscripcion",
        "bestaetigen": "confirmar",
        "absagen": "cancelar",
    },
    "uk": _ENGLISH,
}


def word(german, language=None):
    """``german`` in ``language`` (by default the active one); unchanged where it has no other."""
    return WORDS.get(language or get_language(), {}).get(german, german)


_lazy_word = lazy(word, str)


def route(template, *german_words):
    """
    A URL route whose words follow the active language, for path():
    ``route("{}/<slug:slug>/", "kategorie")`` is ``category/<slug:slug>/`` in English.
    """
    return format_lazy(template, *(_lazy_word(german) for german in german_words))

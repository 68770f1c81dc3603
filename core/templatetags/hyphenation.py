"""
Soft hyphens in long words of headings and teasers.

Browsers hyphenate only with a dictionary of their own, and Chromium has
none for German: "Städtepartnerschaften" would break after any letter on a
phone. The server marks where such words may break (U+00AD), using pyphen's
dictionaries. Only the visible text of headings and teasers gets them: a
soft hyphen in a <title>, a feed, an e-mail or a search index would be a
stray character there, so the filter is used in those templates alone.
"""

import re
from functools import cache

import pyphen
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from core.translation import active_language

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Shorter words fit a phone's line; breaking them would only make them harder to read.
MIN_LETTERS = 14
LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
TAG = re.compile(r"(<[^>]*>)")


@cache
def _dictionary(language):
    """pyphen's dictionary for a language code, or None where it has none (Japanese)."""
    name = pyphen.language_fallback(language)
    return pyphen.Pyphen(lang=name) if name else None


def hyphenate_text(text, language):
    """``text`` (plain) with soft hyphens in its words of MIN_LETTERS letters or more."""
    dictionary = _dictionary(language)
    if dictionary is None:
        return text
    return LONG_WORD.sub(lambda word: dictionary.inserted(word.group(), hyphen=SOFT_HYPHEN), text)


@register.filter(needs_autoescape=True)
def hyphenate(value, language=None, autoescape=True):
    """
    ``value`` with soft hyphens, in the dictionary of ``language`` (by default
    the page's). Plain text is escaped first; in text already marked safe,
    only what lies between tags is touched.
    """
    language = language or active_language()
    if isinstance(value, SafeData):
        parts = TAG.split(str(value))
        return mark_safe(
            "".join(
                part if part.startswith("<") else hyphenate_text(part, language) for part in parts
            )
        )
    text = hyphenate_text(str(value), language)
    return mark_safe(conditional_escape(text)) if autoescape else text

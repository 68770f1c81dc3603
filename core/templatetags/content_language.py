"""
Which language a text of translated content is shown in.

Profiles are shown in every language, a field without a translation in
German; such text is marked ``lang="de"`` for screen readers and search
engines, and readers are told it is only in German.
"""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.translation import SOURCE_LANGUAGE, active_language, text_language

register = template.Library()


@register.simple_tag
def field_lang(obj, name):
    """The language of the text of ``obj``'s field ``name``: "de" where it fell back."""
    return text_language(obj, name)


@register.simple_tag
def only_in_german(obj, name):
    """A short note where the text of ``obj``'s field ``name`` is the German one."""
    language = active_language()
    if language == SOURCE_LANGUAGE or text_language(obj, name, language) == language:
        return ""
    return format_html(' <span class="only-in-german">({})</span>', _("nur auf Deutsch"))


@register.simple_tag
def outdated_note(obj):
    """A note where the translation shown predates the German text's last change."""
    language = active_language()
    if language == SOURCE_LANGUAGE or not obj.is_outdated(language):
        return ""
    if obj.source_changed is None:
        text = _("Die deutsche Fassung wurde seit dieser Übersetzung aktualisiert.")
    else:
        changed = formats.date_format(timezone.localtime(obj.source_changed), "DATE_FORMAT")
        text = _("Die deutsche Fassung wurde am %(date)s aktualisiert.") % {"date": changed}
    return format_html('<p class="outdated-note">{}</p>', text)

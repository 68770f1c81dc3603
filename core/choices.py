"""
The labels of choice fields, for pages that show many of them.

``obj.get_kind_display()`` builds a dict of the field's choices and looks its
label up in the translation catalogue on every call: a list page pays that
for each row and each field. ``choice_label()`` gives the same text, built
once per field and language for the life of the process.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language

# (field, language) -> {value: label in that language}
_labels = {}


def choice_label(obj, name):
    """What ``obj.get_<name>_display()`` returns, in the active language."""
    field = obj._meta.get_field(name)
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = {value: str(label) for value, label in field.flatchoices}
    value = getattr(obj, field.attname)
    # A value outside the choices shows as itself, as get_<name>_display() does.
    return labels.get(value, value)


@receiver(setting_changed)
def _forget_labels(*, setting, **kwargs):
    # The settings after which Django reloads its own catalogues.
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _labels.clear()

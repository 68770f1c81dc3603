"""
``{{ partnership|choice_label:"kind" }}``: a choice field's label, as
``get_kind_display`` shows it, without a catalogue lookup per row
(core/choices.py). A built-in library (settings.TEMPLATES), usable wherever
the model method was.
"""

from django import template

from core import choices

register = template.Library()


@register.filter
def choice_label(obj, name):
    return choices.choice_label(obj, name)

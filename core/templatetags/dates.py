from django import template
from django.utils.html import format_html

from core import dates

register = template.Library()


@register.simple_tag
def precise_date(value, precision):
    """A ``<time>`` element that says only as much of ``value`` as ``precision`` knows."""
    return format_html(
        '<time datetime="{}">{}</time>',
        dates.machine(value, precision),
        dates.display(value, precision),
    )

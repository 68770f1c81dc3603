from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(text):
    """
    ``text`` as a quoted CSS string, safe inside a ``<style>`` element: every
    character but letters, digits and spaces as a CSS escape, so no quote,
    backslash or ``</style>`` can end it early.
    """
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(text))
    return mark_safe(f'"{escaped}"')

"""The chronicle and the line of facts on a partnership's public page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.choices import choice_label
from core.translation import text_language
from partnership.models import Project

from .. import activity

register = template.Library()

# What one entry of the chronicle is; a project names its own kind.
ENTRY_LABELS = {
    activity.Kind.AGREEMENT: _("Vereinbarung"),
    activity.Kind.STATUS: _("Statusänderung"),
    activity.Kind.NEWS: _("Nachricht"),
}

# "In den letzten zwei Jahren": the span the facts line counts.
FACTS_MONTHS = 24
# The newest news items the chronicle lists: a partner city written about
# for years has thousands (the page's news section links to the partner
# city's news archive).
CHRONICLE_NEWS = 20


@register.inclusion_tag("barometer/chronicle.html", takes_context=True)
def partnership_chronicle(context, partnership):
    """
    Everything published that happened in ``partnership``, newest first, and
    a line of facts: its encounters in the last two years, the latest one and
    the next planned project. Facts only: the public site judges no partnership.
    """
    record = activity.public_record(partnership, news=CHRONICLE_NEWS)
    upcoming = record.next_planned()
    return {
        "entries": [(entry, entry_label(entry)) for entry in record.held],
        "encounters": record.count(activity.ENCOUNTERS, since=record.since(FACTS_MONTHS)),
        "last": record.last(),
        "next": upcoming,
        "next_link": upcoming and title_link(upcoming.item),
        "is_demo": context.get("is_demo", False),
    }


@register.filter
def chronicle_news(partnership):
    """The news items the chronicle lists, for the key of the page's fragment."""
    return activity.articles_about(partnership, CHRONICLE_NEWS)


def entry_label(entry):
    if isinstance(entry.item, Project):
        return choice_label(entry.item, "kind")
    return ENTRY_LABELS[entry.kind]


def title_link(item):
    """A link with the item's title in a sentence, marked with the title's language."""
    return format_html(
        '<a href="{}" lang="{}">{}</a>',
        item.get_absolute_url(),
        text_language(item, "title"),
        item.title,
    )

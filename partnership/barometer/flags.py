"""
The dashboard's flags: what staff may want to act on in a partnership.

Each rule is a small function of one partnership's Record, read on the
record's own day (``record.today``), so a test can fix the day. A rule
states a fact, not a verdict: it applies to planned, dormant and suspended
partnerships alike, and staff judge what it means for each.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .activity import ENCOUNTERS, Kind, months_before

# How far ahead an agreement's review date or end of term is announced.
REVIEW_NOTICE_MONTHS = 3


def no_recent_encounter(record):
    """No exchange or delegation visit held in the last 12 months, that day included."""
    return not record.select(ENCOUNTERS, since=record.since(12))


def nothing_planned(record):
    """No project, exchange, visit or aid delivery that has yet to begin."""
    return record.next_planned() is None


def agreements_due(record):
    """Agreements whose review date or end of term is at most three months away, or past."""
    horizon = months_before(record.today, -REVIEW_NOTICE_MONTHS)
    return [
        agreement
        for agreement in record.agreements()
        if any(
            day is not None and day <= horizon
            for day in (agreement.review_on, agreement.valid_until)
        )
    ]


def no_recent_news(record):
    """No news about the partnership or its partner city published in the last 12 months."""
    return not record.select([Kind.NEWS], since=record.since(12))


@dataclass(frozen=True)
class Flag:
    name: str
    # The rule in the staff's words, as the dashboard explains it.
    rule: str
    applies: Callable

    def __str__(self):
        return str(self.name)


NO_ENCOUNTER = Flag(
    _("seit 12 Monaten keine Begegnung"),
    _(
        "In den letzten 12 Monaten fand kein Austausch, kein Projekt und kein "
        "Delegationsbesuch statt. Hilfslieferungen zählen nicht als Begegnung."
    ),
    no_recent_encounter,
)
NOTHING_PLANNED = Flag(
    _("nichts geplant"),
    _("Es ist kein Projekt, kein Austausch, kein Besuch und keine Hilfslieferung geplant."),
    nothing_planned,
)
AGREEMENT_DUE = Flag(
    _("Vereinbarung zur Überprüfung fällig"),
    _(
        "Bei einer Vereinbarung ist das Datum „überprüfen bis“ oder „gilt bis“ in "
        "höchstens drei Monaten erreicht oder schon vorbei. Nach der Überprüfung das "
        "nächste Datum eintragen."
    ),
    agreements_due,
)
NO_NEWS = Flag(
    _("keine Nachricht seit 12 Monaten"),
    _(
        "In den letzten 12 Monaten ist keine Nachricht über die Partnerschaft oder die "
        "Partnerstadt erschienen."
    ),
    no_recent_news,
)
FLAGS = (NO_ENCOUNTER, NOTHING_PLANNED, AGREEMENT_DUE, NO_NEWS)


def raised(record):
    """The flags that apply to ``record``, in the order of FLAGS."""
    return [flag for flag in FLAGS if flag.applies(record)]

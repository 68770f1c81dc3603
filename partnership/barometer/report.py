"""
The council's yearly report "Jahresbericht Städtepartnerschaften": what each
partnership did in a year, built from activity.records() for the HTML page,
the CSV file and the command alike.

The report is internal: it covers published and unpublished partnerships
and projects, and all costs, whether or not staff marked them public. It
looks at the partnerships as they stood on the year's last day, or today
while the year runs; what began later is what is planned.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Min
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.spreadsheets import excel_csv
from partnership.models import Agreement, Partnership, Project, StatusChange

from . import activity
from .activity import ENCOUNTERS, Kind


def years(today=None):
    """The years a report can be made for: from the earliest recorded fact to this year."""
    this_year = (today or timezone.localdate()).year
    firsts = [
        Partnership.objects.aggregate(first=Min("established_year"))["first"],
        *(
            getattr(model.objects.aggregate(first=Min(name))["first"], "year", None)
            for model, name in (
                (Project, "start_date"),
                (Agreement, "signed_on"),
                (StatusChange, "date"),
            )
        ),
    ]
    first = min([year for year in firsts if year is not None], default=this_year)
    return range(min(first, this_year), this_year + 1)


@dataclass
class Section:
    """One partnership's year."""

    partnership: Partnership
    record: activity.Record
    year: int

    def in_year(self, *kinds):
        """The year's activities of ``kinds`` (all without), in the order they happened."""
        return self.record.in_year(self.year, kinds or None)[::-1]

    @property
    def status(self):
        """The status at the end of the year (or today), None where the history does not say."""
        change = next(iter(self.record.select([Kind.STATUS])), None)
        if change is not None:
            return change.item.get_status_display()
        if any(a.kind == Kind.STATUS for a in self.record.planned):
            # Only later changes are recorded: the current status is theirs, not the year's.
            return None
        return self.partnership.get_status_display()

    @property
    def status_changes(self):
        return self.in_year(Kind.STATUS)

    @property
    def agreements(self):
        return self.in_year(Kind.AGREEMENT)

    @property
    def reviews_due(self):
        """Agreements to be reviewed, or ending, in the year."""
        return [
            agreement
            for agreement in self.record.agreements()
            if any(
                day and day.year == self.year
                for day in (agreement.review_on, agreement.valid_until)
            )
        ]

    @property
    def exchanges(self):
        return self.in_year(Kind.EXCHANGE)

    @property
    def delegations(self):
        return self.in_year(Kind.DELEGATION)

    @property
    def aid(self):
        return self.in_year(Kind.AID)

    @property
    def news(self):
        return self.in_year(Kind.NEWS)

    @property
    def planned(self):
        """
        For the running year, the projects not begun yet; for a past year,
        those of the following year: the outlook the report gave back then,
        not every project since.
        """
        planned = [a for a in self.record.planned if a.is_project()]
        if self.record.today < datetime.date(self.year, 12, 31):
            return planned
        return [a for a in planned if a.date.year == self.year + 1]

    @property
    def projects(self):
        return self.in_year(*activity.PROJECT_KINDS)

    @property
    def funded(self):
        """The year's projects with costs or funding recorded."""
        return funded_projects(self.projects)

    @cached_property
    def figures(self):
        return Figures.of(self.in_year())

    def funding_sources(self):
        return sorted({p.funding_source for p in self.funded if p.funding_source})


def funded_projects(activities):
    """The projects among ``activities`` with costs or funding recorded."""
    return [
        a.item
        for a in activities
        if a.is_project() and (a.item.costs is not None or a.item.funding_amount is not None)
    ]


def amount(values):
    """The sum of the amounts recorded; None where none is, so that 0 means a 0 was entered."""
    recorded = [value for value in values if value is not None]
    return sum(recorded, Decimal(0)) if recorded else None


@dataclass
class Figures:
    """
    One line of the summary table. "Begegnungen" are exchanges and
    delegation visits together, as everywhere in the barometer; the
    delegation visits are a part of them, not a further column to add.
    """

    encounters: int = 0
    delegations: int = 0
    aid: int = 0
    participants_home: int = 0
    participants_partner: int = 0
    agreements: int = 0
    news: int = 0
    costs: Decimal | None = None
    funding: Decimal | None = None

    @classmethod
    def of(cls, activities):
        """
        The figures of ``activities``, each item counted once: an article
        tagged with several partnerships is one article in the sum.
        """
        activities = list({(a.kind, a.item.pk): a for a in activities}.values())

        def count(*kinds):
            return sum(1 for a in activities if a.kind in kinds)

        projects = [a for a in activities if a.is_project()]
        funded = funded_projects(projects)
        return cls(
            encounters=count(*ENCOUNTERS),
            delegations=count(Kind.DELEGATION),
            aid=count(Kind.AID),
            participants_home=sum(a.participants_home or 0 for a in projects),
            participants_partner=sum(a.participants_partner or 0 for a in projects),
            agreements=count(Kind.AGREEMENT),
            news=count(Kind.NEWS),
            costs=amount(p.costs for p in funded),
            funding=amount(p.funding_amount for p in funded),
        )


@dataclass
class Report:
    year: int
    # The day the report looks from: the year's last day, or today while it runs.
    today: datetime.date
    sections: list

    @property
    def title(self):
        return _("Jahresbericht Städtepartnerschaften %(year)s") % {"year": self.year}

    @cached_property
    def total(self):
        return Figures.of(a for section in self.sections for a in section.in_year())

    def funding_sources(self):
        return sorted({source for s in self.sections for source in s.funding_sources()})


def build(year, today=None):
    """The report for ``year``, in seven queries however many partnerships and items."""
    today = min(datetime.date(year, 12, 31), today or timezone.localdate())
    partnerships = (
        Partnership.objects.filter(established_year__lte=year)
        .select_related("home_city", "partner_city")
        .defer("description", "summary")
    )
    records = activity.records(partnerships, public=False, today=today)
    return Report(year, today, [Section(r.partnership, r, year) for r in records])


def as_csv(report, *, is_demo):
    """
    The summary table for Excel (core.spreadsheets), a title line above, and
    the sample-data note where the figures are the demo's.
    """
    rows = [[report.title]]
    if is_demo:
        rows.append([_("Beispieldaten: Die Zahlen stammen aus der Demo, nicht aus der Stadt.")])
    rows.append(
        [
            _("Partnerschaft"),
            _("veröffentlicht"),
            _("Status am Jahresende"),
            _("Begegnungen"),
            _("davon Delegationsbesuche"),
            _("Hilfslieferungen"),
            _("Teilnehmende aus der Heimatstadt"),
            _("Teilnehmende aus der Partnerstadt"),
            _("Vereinbarungen"),
            _("Nachrichten"),
            _("Kosten in Euro"),
            _("Fördermittel in Euro"),
            _("Gefördert durch"),
        ]
    )
    for section in report.sections:
        rows.append(
            [
                section.partnership.partner_city.name,
                _("ja") if section.partnership.is_published() else _("nein"),
                section.status or _("nicht verzeichnet"),
                *_figures_row(section.figures),
                ", ".join(section.funding_sources()),
            ]
        )
    rows.append(
        [_("Summe"), "", "", *_figures_row(report.total), ", ".join(report.funding_sources())]
    )
    return excel_csv(rows)


def _figures_row(figures):
    return [
        figures.encounters,
        figures.delegations,
        figures.aid,
        figures.participants_home,
        figures.participants_partner,
        figures.agreements,
        figures.news,
        _euros(figures.costs),
        _euros(figures.funding),
    ]


def _euros(value):
    """An empty cell where nothing is recorded, as the page shows "–"."""
    return "" if value is None else number_format(value, 2)

"""
The council's yearly report "Jahresbericht Städtepartnerschaften": what each
partnership did in a year, built from activity.records() for the HTML page,
the CSV file and the command alike.

The report is internal: it covers published and unpublished partnerships
and projects, and all costs, whether or not staff marked them public. It
looks at the partnerships as they stood on the year's last day, or today
while the year runs; what began later is what is planned.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Min
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.spreadsheets import neutralised
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
        """The year's activities of ``kinds``, in the order they happened."""
        return self.record.in_year(self.year, kinds)[::-1]

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
        agreements = [
            a.item for a in [*self.record.held, *self.record.planned] if a.kind == Kind.AGREEMENT
        ]
        return [
            agreement
            for agreement in agreements
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
        return [
            a.item
            for a in self.projects
            if a.item.costs is not None or a.item.funding_amount is not None
        ]

    @cached_property
    def figures(self):
        return Figures.of(self)

    def funding_sources(self):
        return sorted({p.funding_source for p in self.funded if p.funding_source})


@dataclass
class Figures:
    """One line of the summary table."""

    encounters: int = 0
    delegations: int = 0
    aid: int = 0
    participants_home: int = 0
    participants_partner: int = 0
    agreements: int = 0
    news: int = 0
    costs: Decimal = Decimal(0)
    funding: Decimal = Decimal(0)

    @classmethod
    def of(cls, section):
        projects = section.projects
        return cls(
            encounters=len(section.in_year(*ENCOUNTERS)),
            delegations=len(section.delegations),
            aid=len(section.aid),
            participants_home=sum(a.participants_home or 0 for a in projects),
            participants_partner=sum(a.participants_partner or 0 for a in projects),
            agreements=len(section.agreements),
            news=len(section.news),
            costs=sum((p.costs or 0 for p in section.funded), Decimal(0)),
            funding=sum((p.funding_amount or 0 for p in section.funded), Decimal(0)),
        )

    def __add__(self, other):
        return Figures(
            **{name: getattr(self, name) + getattr(other, name) for name in self.__annotations__}
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

    @property
    def total(self):
        return sum((section.figures for section in self.sections), Figures())

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
    The summary table as semicolon-separated UTF-8 with a byte order mark,
    which German Excel opens by a double click; a title line above, and the
    sample-data note where the figures are the demo's.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    rows = [[report.title]]
    if is_demo:
        rows.append([_("Beispieldaten: Die Zahlen stammen aus der Demo, nicht aus der Stadt.")])
    rows.append(
        [
            _("Partnerschaft"),
            _("veröffentlicht"),
            _("Status am Jahresende"),
            _("Begegnungen"),
            _("Delegationsbesuche"),
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
    for row in rows:
        writer.writerow([neutralised(cell) for cell in row])
    return buffer.getvalue()


def _figures_row(figures):
    return [
        figures.encounters,
        figures.delegations,
        figures.aid,
        figures.participants_home,
        figures.participants_partner,
        figures.agreements,
        figures.news,
        number_format(figures.costs, 2),
        number_format(figures.funding, 2),
    ]

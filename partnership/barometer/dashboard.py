"""The staff dashboard "Partnerschaftsbarometer" in the admin."""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from partnership.models import Partnership

from . import activity, charts, flags
from .activity import Kind

# The periods of the figures, in months back from today.
PERIODS = (12, 24)
# The activities counted per kind, in the order of the table's columns.
COUNTED_KINDS = (Kind.EXCHANGE, Kind.DELEGATION, Kind.AID, Kind.AGREEMENT, Kind.NEWS)
# Years of the trend charts, the current one included.
TREND_YEARS = 6


def admin_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(items):
    """The admin's list of exactly ``items`` (all of one model), or None for none."""
    if not items:
        return None
    opts = items[0]._meta
    ids = ",".join(str(item.pk) for item in items)
    return f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?id__in={ids}"


@dataclass(frozen=True)
class Figure:
    """A number on the dashboard and the admin list of what it counts."""

    value: int
    url: str | None


def counted(activities):
    return Figure(len(activities), changelist_url([a.item for a in activities]))


def participants(activities):
    """People taking part in ``activities``, linked to the projects with a recorded figure."""
    known = [a for a in activities if a.participants is not None]
    return Figure(sum(a.participants for a in known), changelist_url([a.item for a in known]))


def linked(found):
    """An activity and its admin page, or None for none."""
    return found and {"activity": found, "url": admin_url(found.item)}


def row(record, years):
    today = record.today
    periods = [record.since(months) for months in PERIODS]
    partnership = record.partnership
    due = flags.agreements_due(record)
    return {
        "partnership": partnership,
        "url": admin_url(partnership),
        "last_encounter": linked(record.last()),
        "next_planned": linked(record.next_planned()),
        "counts": [
            [counted(record.select([kind], since=since, until=today)) for since in periods]
            for kind in COUNTED_KINDS
        ],
        "participants": [
            participants(record.select(activity.PROJECT_KINDS, since=since, until=today))
            for since in periods
        ],
        "trend": charts.bar_chart(
            record.per_year(years),
            _("Begegnungen je Jahr mit %(city)s") % {"city": partnership.partner_city},
            short_label=lambda year: f"{year % 100:02d}",
        ),
        "flags": [
            (flag, changelist_url(due) if flag is flags.AGREEMENT_DUE else None)
            for flag in flags.raised(record)
        ],
    }


class DashboardView(PermissionRequiredMixin, TemplateView):
    """
    One row per partnership, published or not: status, last encounter, next
    planned project, figures of the last 12 and 24 months with links to what
    they count, a trend chart and the flags (flags.py). A fixed number of
    queries however many partnerships, projects and news there are.

    Template: ``admin/barometer/dashboard.html``; context: the admin's, ``rows``,
    ``kinds``, ``periods``, ``flags`` (every flag, for its rule), ``first_year``
    of the trend charts and ``today``.
    """

    template_name = "admin/barometer/dashboard.html"
    raise_exception = True

    def has_permission(self):
        # The admin's own rule for partnerships, as the yearly report asks it.
        return admin.site.get_model_admin(Partnership).has_view_permission(self.request)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        years = range(today.year - TREND_YEARS + 1, today.year + 1)
        partnerships = Partnership.objects.select_related("home_city", "partner_city")
        records = activity.records(partnerships, public=False, today=today)
        return super().get_context_data(
            **admin.site.each_context(self.request),
            title=_("Partnerschaftsbarometer"),
            rows=[row(record, years) for record in records],
            kinds=[kind.label for kind in COUNTED_KINDS],
            periods=PERIODS,
            flags=flags.FLAGS,
            first_year=years[0],
            today=today,
            **kwargs,
        )


urlpatterns = [
    path("", admin.site.admin_view(DashboardView.as_view()), name="dashboard"),
]

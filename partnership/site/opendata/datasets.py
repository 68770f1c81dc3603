"""
What the two data sets hold, read from published content only.

The register has one row per published partnership, the yearly figures one
per published partnership and year. Both count what the barometer derives
(partnership.barometer.activity) with ``public=True``: projects not marked
published are left out, news count once published. Costs and funding come
only from projects staff marked ``costs_public``. Nothing names a person:
no contacts, no signatories, no sign-ups.

The field names, types and meanings are those of the JSON Schema files in
``schemas/``; the CSV columns, the CSV on the Web description and the table
on the page are read from them, so that none can drift from the files.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core import dates
from news.models import Article
from partnership.barometer import activity
from partnership.barometer.activity import ENCOUNTERS, Kind
from partnership.models import Agreement, Partnership, Project

from ..models import DataLicence, SiteSettings, site_state
from ..views import site_origin

SCHEMAS = Path(__file__).parent / "schemas"
# Lists in a CSV cell, as the CSV on the Web description declares them.
SEPARATOR = "; "


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    # The columns that identify a row.
    key: tuple

    def schema(self):
        return _schema(self.slug)

    def fields(self):
        """The properties of one row, by name, in the order of the columns."""
        schema = self.schema()
        reference = schema["properties"][self.slug]["items"]["$ref"]
        return schema["$defs"][reference.rsplit("/", 1)[1]]["properties"]

    def rows(self, request, today=None):
        today = today or timezone.localdate()
        # The files have no language prefix: their values are the German ones.
        with translation.override("de"):
            return ROWS[self.slug](request, today)


REGISTER = Dataset(
    "partnerschaften",
    _("Partnerschaftsregister"),
    _(
        "Alle veröffentlichten Partnerschaften der Stadt: Partnerstadt und Land, Art, "
        "Status, seit wann sie bestehen, Vereinbarungen und Kooperationsfelder."
    ),
    key=("id",),
)
YEARLY = Dataset(
    "jahreszahlen",
    _("Jahreszahlen der Partnerschaften"),
    _(
        "Je veröffentlichter Partnerschaft und Jahr: Begegnungen, Delegationsbesuche, "
        "Hilfslieferungen, Teilnehmende, Vereinbarungen, Nachrichten und, wo freigegeben, "
        "Kosten und Fördermittel."
    ),
    key=("partnerschaft_id", "jahr"),
)
DATASETS = {dataset.slug: dataset for dataset in (REGISTER, YEARLY)}


@cache
def _schema(slug):
    return json.loads((SCHEMAS / f"{slug}.schema.json").read_text(encoding="utf-8"))


def absolute(request, path):
    return f"{site_origin(request)}{path}"


def publisher(site_settings):
    """Who publishes the data: the operator from the Impressum, else the city."""
    return site_settings.operator_name or site_settings.city_name or site_settings.site_name


def licence():
    return DataLicence(site_state().settings.data_licence)


def attribution(site_settings):
    """The source to name where the licence asks for it; None where it does not."""
    if not DataLicence(site_settings.data_licence).needs_attribution:
        return None
    return f"Quelle: {publisher(site_settings)}"


def modified():
    """
    The newest change to what the files show, in one query. Agreements and
    status changes are saved with their partnership's form, which moves its
    ``updated``.
    """
    querysets = [
        queryset.order_by().values_list("updated")
        for queryset in (
            Partnership.objects.published(),
            City.objects.published(),
            Project.objects.published(),
            Article.objects.published(),
            SiteSettings.objects.all(),
        )
    ]
    newest = querysets[0].union(*querysets[1:], all=True).order_by("-updated").first()
    return newest[0] if newest else None


def title(dataset, demo):
    with translation.override("de"):
        text = str(dataset.title)
    return f"{text} (Beispieldaten)" if demo else text


def metadata(request, dataset, changed):
    """What each JSON file says about itself, in German like its fields."""
    state = site_state()
    chosen = licence()
    name = publisher(state.settings)
    with translation.override("de"):
        return {
            "titel": title(dataset, state.demo),
            "beschreibung": str(dataset.description),
            "lizenz": {"name": str(chosen.label), "url": chosen.text_url, "uri": chosen.uri},
            "namensnennung": attribution(state.settings),
            "herausgeber": name,
            "geaendert": changed.isoformat() if changed else None,
            "schema": absolute(request, reverse("opendata:schema", args=[dataset.slug])),
            "beispieldaten": state.demo,
        }


def _published():
    return (
        Partnership.objects.published().select_related("home_city", "partner_city").order_by("pk")
    )


def _register(request, today):
    partnerships = _published()
    areas = _cooperation_areas(partnerships)
    rows = []
    for record in activity.records(partnerships, public=True, today=today):
        partnership = record.partnership
        signed = sorted(a.date for a in record.held + record.planned if a.kind == Kind.AGREEMENT)
        city = partnership.partner_city
        rows.append(
            {
                "id": partnership.pk,
                "url": absolute(request, partnership.get_absolute_url()),
                "heimatstadt": partnership.home_city.name,
                "partnerstadt": city.name,
                "partnerland": city.country.code,
                "art": partnership.kind,
                "status": partnership.status,
                "seit_jahr": partnership.established_year,
                "seit_datum": (
                    dates.machine(partnership.established_on, partnership.established_precision)
                    if partnership.established_on
                    else None
                ),
                "status_hinweis": partnership.status_note,
                "vereinbarungen": len(signed),
                "erste_vereinbarung": signed[0].isoformat() if signed else None,
                "kooperationsfelder": sorted(areas.get(partnership.pk, ())),
                "breitengrad": city.latitude,
                "laengengrad": city.longitude,
            }
        )
    return rows


def _cooperation_areas(partnerships):
    """Each partnership's areas, from its agreements and its published projects."""
    ids = [partnership.pk for partnership in partnerships]
    pairs = Agreement.cooperation_areas.through.objects.filter(
        agreement__partnership__in=ids
    ).values_list("agreement__partnership_id", "cooperationarea__name")
    pairs = [
        *pairs,
        *Project.objects.released()
        .filter(partnership__in=ids, cooperation_area__isnull=False)
        .values_list("partnership_id", "cooperation_area__name"),
    ]
    areas = {}
    for partnership_id, name in pairs:
        areas.setdefault(partnership_id, set()).add(name)
    return areas


def _yearly(request, today):
    rows = []
    for record in activity.records(_published(), public=True, today=today):
        counted = [a for a in record.held if a.kind != Kind.STATUS]
        if not counted:
            continue
        first = min(a.date.year for a in counted)
        rows += [_year(record, year) for year in range(first, today.year + 1)]
    return rows


def _year(record, year):
    held = record.in_year(year)
    projects = [a for a in held if a.is_project()]
    public = [a.item for a in projects if a.item.costs_public]

    def count(*kinds):
        return sum(1 for a in held if a.kind in kinds)

    return {
        "partnerschaft_id": record.partnership.pk,
        "jahr": year,
        "begegnungen": count(*ENCOUNTERS),
        "austausch_und_projekte": count(Kind.EXCHANGE),
        "delegationsbesuche": count(Kind.DELEGATION),
        "hilfslieferungen": count(Kind.AID),
        "teilnehmende_heimatstadt": _total(a.participants_home for a in projects),
        "teilnehmende_partnerstadt": _total(a.participants_partner for a in projects),
        "vereinbarungen": count(Kind.AGREEMENT),
        "nachrichten": count(Kind.NEWS),
        "kosten": _total(project.costs for project in public),
        "foerdermittel": _total(project.funding_amount for project in public),
        "foerderquellen": sorted({p.funding_source for p in public if p.funding_source}),
    }


def _total(figures):
    """The sum of the figures recorded; None where none is, which is not zero."""
    known = [figure for figure in figures if figure is not None]
    return sum(known) if known else None


ROWS = {REGISTER.slug: _register, YEARLY.slug: _yearly}

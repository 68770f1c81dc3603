"""
The open-data files and their page.

Every file carries validators and may be kept an hour by any cache. Its
ETag is a digest of what is served: the body and the ``Link`` header,
which names the licence (a CSV body stays the same when the licence
changes). The content version is shared only where Redis is, and a newest
``updated`` misses deletions and the turn of the year, so a validator
derived from either could confirm a stale copy. The body is built anyway
to answer, so a conditional request saves the transfer, and the page
cache (partnership/site/page_cache.py) keeps it with its headers until the
next save. Last-Modified is the newest change for information; only the
ETag answers with 304, since a deletion leaves Last-Modified where it was.
"""

import hashlib

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..models import site_state
from . import dcat, files
from .datasets import DATASETS, absolute, attribution, licence, modified

CACHE_SECONDS = 3600
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json",
    "schema": "application/schema+json",
    "csvw": "application/csvm+json",
    "rdf": "application/rdf+xml",
}


def _serve(request, body, kind, changed, links=()):
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    link = ", ".join(links)
    if link:
        response["Link"] = link
    # A header value holds no line break, so the first one ends it.
    digest = hashlib.sha256(f"{link}\n".encode() + body)
    response["ETag"] = quote_etag(digest.hexdigest())
    if changed:
        response["Last-Modified"] = http_date(changed.timestamp())
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _links(request, dataset, kind):
    """The licence, and what describes the file: its schema or its CSVW description."""
    described_by = "opendata:csvw" if kind == "csv" else "opendata:schema"
    media_type = CONTENT_TYPES["csvw" if kind == "csv" else "schema"]
    url = absolute(request, reverse(described_by, args=[dataset.slug]))
    return [
        f'<{licence().text_url}>; rel="license"',
        f'<{url}>; rel="describedby"; type="{media_type}"',
    ]


def data_file(request, slug, extension):
    """``partnerschaften.csv`` and the like: a data set in one format."""
    dataset = DATASETS[slug]
    changed = modified()
    if extension == "csv":
        body = files.as_csv(dataset, dataset.rows(request))
    else:
        body = files.as_json(files.document(request, dataset, changed))
    return _serve(request, body, extension, changed, _links(request, dataset, extension))


def schema(request, slug):
    """The JSON Schema of a data set's JSON file, with its own address as ``$id``."""
    dataset = DATASETS[slug]
    document = {"$id": request.build_absolute_uri(), **dataset.schema()}
    return _serve(request, files.as_json(document), "schema", changed=None)


def csv_metadata(request, slug):
    dataset = DATASETS[slug]
    changed = modified()
    body = files.as_json(files.csvw(request, dataset, changed))
    return _serve(request, body, "csvw", changed, [f'<{licence().text_url}>; rel="license"'])


def catalogue(request):
    changed = modified()
    return _serve(request, dcat.catalogue(request, changed), "rdf", changed)


# Name, extension and media type of each format, as the page links them.
FORMATS = [("CSV", "csv", "text/csv"), ("JSON", "json", "application/json")]

# JSON Schema types as readers know them.
TYPE_NAMES = {
    "integer": _("ganze Zahl"),
    "number": _("Zahl"),
    "string": _("Text"),
    "array": _("Liste von Texten"),
    "boolean": _("ja oder nein"),
}
FORMAT_NAMES = {"date": _("Datum"), "uri": _("Adresse (URL)")}


def field_table(dataset):
    """(name, type, meaning, may be empty) of each field, as the schema describes it."""
    rows = []
    for name, field in dataset.fields().items():
        types = field.get("type", "string")
        types = [types] if isinstance(types, str) else types
        kind = next(t for t in types if t != "null")
        if "enum" in field:
            type_name = _("Text, einer der Werte: %(values)s") % {
                "values": ", ".join(field["enum"])
            }
        else:
            type_name = FORMAT_NAMES.get(field.get("format"), TYPE_NAMES[kind])
        rows.append((name, type_name, field["description"], "null" in types))
    return rows


class OpenDataView(TemplateView):
    """
    What the data sets hold, where they are and under which licence.

    Template: ``site/open_data.html``; context: ``datasets`` (each with its
    ``files`` and its ``fields`` from the JSON Schema), ``licence``,
    ``attribution``, ``modified`` and ``dcat_url`` (``site_settings`` and
    ``is_demo`` come from the site's context processor).
    """

    template_name = "site/open_data.html"

    def get_context_data(self, **kwargs):
        site_settings = site_state().settings
        return super().get_context_data(
            datasets=[
                {
                    "slug": dataset.slug,
                    "title": dataset.title,
                    "description": dataset.description,
                    "files": [
                        (name, reverse("opendata:file", args=[dataset.slug, ext]), media_type)
                        for name, ext, media_type in FORMATS
                    ],
                    "schema_url": reverse("opendata:schema", args=[dataset.slug]),
                    "csvw_url": reverse("opendata:csvw", args=[dataset.slug]),
                    "fields": field_table(dataset),
                }
                for dataset in DATASETS.values()
            ],
            licence=licence(),
            attribution=attribution(site_settings),
            modified=modified(),
            dcat_url=reverse("opendata:dcat"),
            **kwargs,
        )

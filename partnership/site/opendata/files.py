"""
The data sets written out: JSON with its metadata, CSV for machines, and
the CSV on the Web description (W3C CSVW) that carries a CSV file's
licence, publisher and sample-data note, since a CSV file has no place for
them. Its address is the one CSVW processors look for by themselves
(``partnerschaften.csv-metadata.json``); the CSV response links it too.

People open the CSV files in spreadsheets as well, which run a cell that
starts like a formula; staff-entered text such as a funding source could
then open links or fetch data. Text cells are neutralised as in the admin's
exports (core.spreadsheets); numbers stay as they are, a negative
coordinate included. The JSON keeps every value as entered.
"""

import csv
import io
import json
from decimal import Decimal

from django.urls import reverse

from core.spreadsheets import neutralised

from .datasets import SEPARATOR, absolute, metadata


def document(request, dataset, changed):
    return {"metadaten": metadata(request, dataset, changed), dataset.slug: dataset.rows(request)}


def as_json(data):
    return (json.dumps(data, ensure_ascii=False, indent=2, default=_number) + "\n").encode()


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def as_csv(dataset, rows):
    """Comma-separated UTF-8 without byte order mark, one header row of the field names."""
    fields = list(dataset.fields())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in fields])
    return out.getvalue().encode()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralised(SEPARATOR.join(value))
    if isinstance(value, str):
        return neutralised(value)
    return str(value)


NEUTRALISED = (
    " Textzellen, die mit =, +, -, @, einem Tabulator oder einem Wagenrücklauf beginnen, ist ein"
    " Apostroph vorangestellt, damit Tabellenkalkulationen sie nicht als Formel ausführen;"
    " die JSON-Datei enthält sie unverändert."
)

# JSON Schema types as the CSVW datatypes of a cell.
DATATYPES = {"integer": "integer", "number": "decimal", "string": "string"}
FORMATS = {"uri": "anyURI", "date": "date"}


def csvw(request, dataset, changed):
    """
    The CSV file's table description: columns from the schema, licence and
    note. Its ``tableSchema`` is the CSV's schema; the JSON Schema describes
    the JSON file, so the description does not point to it.
    """
    described = metadata(request, dataset, changed)
    note = " Beispieldaten einer Demo, keine echten Angaben einer Stadt."
    description = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "de"}],
        "url": absolute(request, reverse("opendata:file", args=[dataset.slug, "csv"])),
        "dc:title": described["titel"],
        "dc:description": described["beschreibung"]
        + (note if described["beispieldaten"] else "")
        + NEUTRALISED,
        "dc:license": {"@id": described["lizenz"]["uri"]},
        "dc:publisher": described["herausgeber"],
        "tableSchema": {
            "columns": [_column(name, field) for name, field in dataset.fields().items()],
            "primaryKey": list(dataset.key),
        },
    }
    if described["namensnennung"]:
        description["dc:bibliographicCitation"] = described["namensnennung"]
    if changed:
        description["dc:modified"] = {"@value": described["geaendert"], "@type": "xsd:dateTime"}
    return description


def _column(name, field):
    types = field.get("type", "string")
    types = [types] if isinstance(types, str) else types
    column = {"name": name, "titles": name, "dc:description": field["description"]}
    if "array" in types:
        column["separator"] = SEPARATOR
        column["datatype"] = "string"
    else:
        kind = next((t for t in types if t != "null"), "string")
        column["datatype"] = FORMATS.get(field.get("format"), DATATYPES[kind])
    return column

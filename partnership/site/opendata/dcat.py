"""
The DCAT-AP.de description of both data sets (RDF/XML), for open-data
portals such as GovData or Open.NRW to harvest: one dcat:Catalog, a
dcat:Dataset each, a dcat:Distribution per format. Written with
ElementTree, which builds and escapes; nothing here parses XML.
"""

from xml.etree import ElementTree

from django.urls import reverse

from ..models import site_state
from .datasets import DATASETS, absolute, attribution, licence, publisher, title

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
}
for prefix, uri in NAMESPACES.items():
    ElementTree.register_namespace(prefix, uri)

XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
GEOCODING_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
FILE_TYPES = {
    "csv": "http://publications.europa.eu/resource/authority/file-type/CSV",
    "json": "http://publications.europa.eu/resource/authority/file-type/JSON",
}
MEDIA_TYPES = {
    "csv": "https://www.iana.org/assignments/media-types/text/csv",
    "json": "https://www.iana.org/assignments/media-types/application/json",
}


def _name(qualified):
    prefix, local = qualified.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _add(parent, qualified, text=None, resource=None, **attributes):
    element = ElementTree.SubElement(parent, _name(qualified))
    if text is not None:
        element.text = str(text)
    if resource is not None:
        element.set(_name("rdf:resource"), resource)
    for key, value in attributes.items():
        element.set(_name(key.replace("_", ":", 1)), value)
    return element


def catalogue(request, changed):
    """The document as bytes, every address absolute; ``changed`` is the newest change."""
    state = site_state()
    settings = state.settings
    chosen = licence()
    page = absolute(request, reverse("open-data"))

    root = ElementTree.Element(_name("rdf:RDF"))
    catalog = _add(root, "dcat:Catalog", rdf_about=absolute(request, reverse("opendata:dcat")))
    suffix = " (Beispieldaten)" if state.demo else ""
    _add(catalog, "dct:title", f"Offene Daten der Städtepartnerschaften{suffix}")
    _add(
        catalog,
        "dct:description",
        "Partnerschaftsregister und Jahreszahlen der Städtepartnerschaften der "
        f"{settings.city_name or publisher(settings)}.",
    )
    _publisher(catalog, settings)
    _add(catalog, "foaf:homepage", resource=page)
    if changed:
        _add(catalog, "dct:modified", changed.isoformat(), rdf_datatype=XSD_DATETIME)
    for dataset in DATASETS.values():
        holder = _add(catalog, "dcat:dataset")
        _dataset(holder, request, dataset, state, chosen, changed, page)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _dataset(holder, request, dataset, state, chosen, changed, page):
    settings = state.settings
    element = _add(holder, "dcat:Dataset", rdf_about=f"{page}#{dataset.slug}")
    _add(element, "dct:title", title(dataset, state.demo))
    _add(element, "dct:description", str(dataset.description))
    _add(element, "dct:identifier", f"{page}#{dataset.slug}")
    _publisher(element, settings)
    contact = _add(_add(element, "dcat:contactPoint"), "vcard:Organization")
    _add(contact, "vcard:fn", publisher(settings))
    if settings.operator_email:
        _add(contact, "vcard:hasEmail", resource=f"mailto:{settings.operator_email}")
    if changed:
        _add(element, "dct:modified", changed.isoformat(), rdf_datatype=XSD_DATETIME)
    _add(element, "dcat:theme", resource=THEME)
    _add(element, "dcatde:politicalGeocodingLevelURI", resource=GEOCODING_LEVEL)
    _add(element, "dcat:landingPage", resource=page)
    for extension in ("csv", "json"):
        _distribution(element, request, dataset, extension, chosen, state)


def _distribution(parent, request, dataset, extension, chosen, state):
    url = absolute(request, reverse("opendata:file", args=[dataset.slug, extension]))
    # The CSV follows its CSV on the Web description, the JSON its JSON Schema.
    described_by = "opendata:csvw" if extension == "csv" else "opendata:schema"
    distribution = _add(_add(parent, "dcat:distribution"), "dcat:Distribution", rdf_about=url)
    _add(distribution, "dct:title", f"{title(dataset, state.demo)} – {extension.upper()}")
    _add(distribution, "dcat:accessURL", resource=url)
    _add(distribution, "dcat:downloadURL", resource=url)
    _add(distribution, "dct:format", resource=FILE_TYPES[extension])
    _add(distribution, "dcat:mediaType", resource=MEDIA_TYPES[extension])
    _add(distribution, "dct:license", resource=chosen.uri)
    source = attribution(state.settings)
    if source:
        _add(distribution, "dcatde:licenseAttributionByText", source)
    _add(
        distribution,
        "dct:conformsTo",
        resource=absolute(request, reverse(described_by, args=[dataset.slug])),
    )


def _publisher(parent, settings):
    agent = _add(_add(parent, "dct:publisher"), "foaf:Agent")
    _add(agent, "foaf:name", publisher(settings))

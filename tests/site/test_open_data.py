"""The open data under /daten/: register and yearly figures, schemas, DCAT, the page."""

import copy
import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

import jsonschema
import pytest
import rdflib
import time_machine
from django.core.cache import cache
from django.utils import timezone

from news.models import Article
from partnership.models import Partnership, Project
from partnership.site.models import DataLicence, DemoObject, SiteSettings
from partnership.site.models.identity import SiteState, keep_copy
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CityFactory,
    ContactFactory,
    CooperationAreaFactory,
    PartnershipFactory,
    ProjectFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

# Open namespaces rather than rdflib's defined ones, whose attribute lookup
# warns when pytest inspects the module.
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCATDE = rdflib.Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
TODAY = datetime(2026, 6, 15, 12, tzinfo=timezone.get_fixed_timezone(120))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def refresh_state():
    """The site state as a page reads it after a save has reached this process."""
    keep_copy(SiteState.load())


@pytest.fixture
def register():
    """
    Two published partnerships (Nordhausen with projects of both kinds of
    visibility, Sheffield with none), one unpublished, one whose partner
    city is unpublished; contacts and signatories with names of persons.
    """
    SiteSettings.objects.create(
        city_name="Stadt Bochum",
        operator_name="Stadt Bochum",
        operator_email="daten@bochum.example",
    )
    culture = CooperationAreaFactory(name="Kultur")
    person = ContactFactory(
        name="Verein", person_name="Erika Musterfrau", consent_on=date(2024, 1, 1)
    )
    nordhausen = PartnershipFactory(
        partner_city=CityFactory(
            name="Nordhausen", country="DE", latitude=Decimal("51.5"), longitude=Decimal("10.8")
        ),
        established_year=1988,
        established_on=date(1988, 5, 1),
        established_precision="monat",
        status_note="besonders rege",
        association=person,
    )
    sheffield = PartnershipFactory(partner_city=CityFactory(name="Sheffield", country="GB"))
    PartnershipFactory(partner_city=CityFactory(name="Geheimstadt"), published=False)
    PartnershipFactory(partner_city=CityFactory(name="Unveröffentlicht", published=False))
    AgreementFactory(
        partnership=nordhausen, signed_on=date(2024, 3, 1), signatories="Max Mustermann, OB"
    ).cooperation_areas.add(culture)
    AgreementFactory(partnership=nordhausen, signed_on=date(2025, 9, 1))
    ProjectFactory(
        partnership=nordhausen,
        kind=Project.Kind.SCHOOL,
        start_date=date(2024, 4, 1),
        participants_home=20,
        participants_partner=15,
        costs=Decimal("1000.50"),
        funding_amount=Decimal("400"),
        funding_source="Engagement Global",
        costs_public=True,
        contact=person,
    )
    ProjectFactory(
        partnership=nordhausen,
        kind=Project.Kind.DELEGATION,
        start_date=date(2024, 10, 1),
        participants_home=5,
        costs=Decimal("9999"),
        funding_source="Geheimer Fonds",
        costs_public=False,
    )
    ProjectFactory(
        partnership=nordhausen,
        kind=Project.Kind.AID,
        start_date=date(2025, 2, 1),
        published=False,
        costs=Decimal("777"),
        costs_public=True,
    )
    StatusChangeFactory(partnership=nordhausen, date=date(2023, 1, 1))
    tagged = ArticleFactory(publish_at=timezone.make_aware(datetime(2025, 5, 5, 10)))
    tagged.partnerships.add(nordhausen)
    draft = ArticleFactory(status=Article.Status.DRAFT)
    draft.partnerships.add(nordhausen)
    refresh_state()
    return {"nordhausen": nordhausen, "sheffield": sheffield}


def data(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response


def rows(client, name):
    return json.loads(data(client, f"/daten/{name}.json").content)


def schema(client, name):
    return json.loads(data(client, f"/daten/{name}.schema.json").content)


def test_register_lists_published_partnerships_with_their_facts(client, register):
    document = rows(client, "partnerschaften")
    entries = {entry["partnerstadt"]: entry for entry in document["partnerschaften"]}
    assert set(entries) == {"Nordhausen", "Sheffield"}
    nordhausen = entries["Nordhausen"]
    assert nordhausen["id"] == register["nordhausen"].pk
    assert nordhausen["url"] == "http://testserver/partnerschaften/nordhausen/"
    assert nordhausen["partnerland"] == "DE"
    assert nordhausen["art"] == Partnership.Kind.TWIN_TOWN
    assert nordhausen["seit_jahr"] == 1988
    assert nordhausen["seit_datum"] == "1988-05"
    assert nordhausen["status_hinweis"] == "besonders rege"
    assert nordhausen["vereinbarungen"] == 2
    assert nordhausen["erste_vereinbarung"] == "2024-03-01"
    assert nordhausen["kooperationsfelder"] == ["Kultur"]
    assert (nordhausen["breitengrad"], nordhausen["laengengrad"]) == (51.5, 10.8)
    sheffield = entries["Sheffield"]
    assert sheffield["seit_datum"] is None
    assert sheffield["breitengrad"] is None
    assert sheffield["erste_vereinbarung"] is None


def test_yearly_figures_count_published_items_from_the_first_year_to_this_one(client, register):
    document = rows(client, "jahreszahlen")
    years = {row["jahr"]: row for row in document["jahreszahlen"]}
    # Sheffield has no data at all; the status change of 2023 counts nothing.
    assert {row["partnerschaft_id"] for row in document["jahreszahlen"]} == {
        register["nordhausen"].pk
    }
    assert sorted(years) == [2024, 2025, 2026]
    first = years[2024]
    assert (first["begegnungen"], first["austausch_und_projekte"]) == (2, 1)
    assert first["delegationsbesuche"] == 1
    assert (first["teilnehmende_heimatstadt"], first["teilnehmende_partnerstadt"]) == (25, 15)
    assert first["vereinbarungen"] == 1
    # The aid delivery of 2025 is not published; the draft article is no news.
    assert years[2025]["hilfslieferungen"] == 0
    assert years[2025]["nachrichten"] == 1
    assert years[2025]["teilnehmende_heimatstadt"] is None
    assert years[2026]["begegnungen"] == 0


def test_only_costs_marked_public_are_published(client, register):
    years = {row["jahr"]: row for row in rows(client, "jahreszahlen")["jahreszahlen"]}
    assert years[2024]["kosten"] == 1000.5
    assert years[2024]["foerdermittel"] == 400
    assert years[2024]["foerderquellen"] == ["Engagement Global"]
    assert years[2025]["kosten"] is None
    body = data(client, "/daten/jahreszahlen.csv").content.decode()
    assert "9999" not in body and "Geheimer Fonds" not in body and "777" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/daten/partnerschaften.csv",
        "/daten/partnerschaften.json",
        "/daten/jahreszahlen.csv",
        "/daten/jahreszahlen.json",
        "/daten/partnerschaften.csv-metadata.json",
        "/daten/dcat.rdf",
    ],
)
def test_no_names_of_persons_and_nothing_unpublished(client, register, path):
    body = data(client, path).content.decode()
    for hidden in ("Erika Musterfrau", "Max Mustermann", "Geheimstadt", "Unveröffentlicht"):
        assert hidden not in body


def test_csv_is_plain_utf8_with_the_schema_fields_as_header(client, register):
    response = data(client, "/daten/partnerschaften.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert not response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    fields = schema(client, "partnerschaften")["$defs"]["partnerschaft"]["properties"]
    assert list(table[0]) == list(fields)
    nordhausen = next(row for row in table if row["partnerstadt"] == "Nordhausen")
    assert nordhausen["kooperationsfelder"] == "Kultur"
    assert nordhausen["breitengrad"] == "51.50000"
    assert [row["partnerstadt"] for row in table] == ["Nordhausen", "Sheffield"]


def csv_rows(client, name):
    return list(csv.DictReader(io.StringIO(data(client, f"/daten/{name}.csv").content.decode())))


def test_csv_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(client, register):
    formula = '=HYPERLINK("http://x.example","klick")'
    ProjectFactory(
        partnership=register["nordhausen"],
        start_date=date(2024, 5, 1),
        funding_source=formula,
        costs_public=True,
    )
    sheffield = register["sheffield"]
    sheffield.status_note = "@SUMME(A1)"
    sheffield.save()
    sheffield.partner_city.longitude = Decimal("-1.47")
    sheffield.partner_city.save()
    years = {row["jahr"]: row for row in csv_rows(client, "jahreszahlen")}
    assert years["2024"]["foerderquellen"] == f"'{formula}; Engagement Global"
    entries = {row["partnerstadt"]: row for row in csv_rows(client, "partnerschaften")}
    assert entries["Sheffield"]["status_hinweis"] == "'@SUMME(A1)"
    assert entries["Sheffield"]["laengengrad"] == "-1.47000"
    # The JSON keeps what staff entered.
    json_years = {row["jahr"]: row for row in rows(client, "jahreszahlen")["jahreszahlen"]}
    assert json_years[2024]["foerderquellen"] == [formula, "Engagement Global"]
    description = json.loads(data(client, "/daten/jahreszahlen.csv-metadata.json").content)
    assert "Apostroph" in description["dc:description"]


@pytest.mark.parametrize("name", ["partnerschaften", "jahreszahlen"])
def test_served_json_validates_against_its_schema_and_a_broken_one_does_not(
    client, register, name
):
    document = rows(client, name)
    validator = jsonschema.Draft202012Validator(
        schema(client, name), format_checker=jsonschema.FormatChecker()
    )
    validator.validate(document)
    assert document[name], "the fixture gives rows to check"
    broken = copy.deepcopy(document)
    first = broken[name][0]
    first[next(iter(first))] = "keine Zahl"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
    del broken["metadaten"]["lizenz"]
    assert not validator.is_valid(broken)


def test_the_schema_knows_every_kind_and_status_a_partnership_can_have(client):
    fields = schema(client, "partnerschaften")["$defs"]["partnerschaft"]["properties"]
    assert fields["art"]["enum"] == Partnership.Kind.values
    assert fields["status"]["enum"] == Partnership.Status.values


def test_schema_is_draft_2020_12_and_names_its_address(client):
    document = schema(client, "jahreszahlen")
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$id"] == "http://testserver/daten/jahreszahlen.schema.json"


def test_json_states_licence_attribution_publisher_and_schema(client, register):
    meta = rows(client, "partnerschaften")["metadaten"]
    assert meta["lizenz"] == {
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
        "uri": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    }
    assert meta["namensnennung"] == "Quelle: Stadt Bochum"
    assert meta["herausgeber"] == "Stadt Bochum"
    assert meta["schema"] == "http://testserver/daten/partnerschaften.schema.json"
    assert meta["beispieldaten"] is False
    assert meta["geaendert"].startswith("2026-06-15")


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_files_link_their_licence_and_description_and_may_be_cached(client, register, extension):
    response = data(client, f"/daten/partnerschaften.{extension}")
    link = response["Link"]
    assert '<https://www.govdata.de/dl-de/by-2-0>; rel="license"' in link
    described = "csv-metadata.json" if extension == "csv" else "schema.json"
    assert f'<http://testserver/daten/partnerschaften.{described}>; rel="describedby"' in link
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["ETag"]
    assert response["Last-Modified"] == "Mon, 15 Jun 2026 10:00:00 GMT"


def test_json_content_type(client, register):
    assert data(client, "/daten/jahreszahlen.json")["Content-Type"] == "application/json"
    assert (
        data(client, "/daten/jahreszahlen.schema.json")["Content-Type"]
        == "application/schema+json"
    )


def test_a_conditional_get_of_an_unchanged_file_is_answered_with_304(client, register):
    etag = data(client, "/daten/partnerschaften.json")["ETag"]
    again = client.get("/daten/partnerschaften.json", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    register["sheffield"].status_note = "auf Sparflamme"
    register["sheffield"].save()
    changed = client.get("/daten/partnerschaften.json", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "auf Sparflamme" in changed.content.decode()


def test_a_licence_change_gives_the_csv_a_new_etag_though_its_body_stays(client, register):
    before = data(client, "/daten/partnerschaften.csv")
    settings = SiteSettings.objects.get()
    settings.data_licence = DataLicence.DL_ZERO
    settings.save()
    refresh_state()
    after = client.get("/daten/partnerschaften.csv", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after.content == before.content
    assert "https://www.govdata.de/dl-de/zero-2-0" in after["Link"]
    assert after["ETag"] != before["ETag"]
    again = client.get("/daten/partnerschaften.csv", headers={"if-none-match": after["ETag"]})
    assert again.status_code == 304


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_the_page_cache_keeps_headers_answers_304_and_a_save_makes_the_next_file_fresh(
    client, register, page_cache, django_capture_on_commit_callbacks
):
    first = data(client, "/daten/partnerschaften.csv")
    hit = data(client, "/daten/partnerschaften.csv")
    assert hit["X-Page-Cache"] == "hit"
    for header in ("ETag", "Last-Modified", "Cache-Control", "Link", "Content-Type"):
        assert hit[header] == first[header], header
    conditional = client.get("/daten/partnerschaften.csv", headers={"if-none-match": hit["ETag"]})
    assert conditional.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        register["sheffield"].status_note = "auf Sparflamme"
        register["sheffield"].save()
    fresh = client.get("/daten/partnerschaften.csv", headers={"if-none-match": hit["ETag"]})
    assert fresh.status_code == 200
    assert fresh["X-Page-Cache"] == "miss"
    assert "auf Sparflamme" in fresh.content.decode()


def test_csvw_description_carries_licence_columns_and_key(client, register):
    response = data(client, "/daten/jahreszahlen.csv-metadata.json")
    assert response["Content-Type"] == "application/csvm+json"
    description = json.loads(response.content)
    assert description["url"] == "http://testserver/daten/jahreszahlen.csv"
    assert description["dc:license"] == {"@id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
    columns = description["tableSchema"]["columns"]
    header = data(client, "/daten/jahreszahlen.csv").content.decode().splitlines()[0]
    assert [column["name"] for column in columns] == header.split(",")
    assert description["tableSchema"]["primaryKey"] == ["partnerschaft_id", "jahr"]
    sources = next(column for column in columns if column["name"] == "foerderquellen")
    assert sources["separator"] == "; "
    # The JSON Schema describes the JSON file, not this one.
    assert "schema.json" not in response.content.decode()


def catalogue(client):
    response = data(client, "/daten/dcat.rdf")
    assert response["Content-Type"] == "application/rdf+xml"
    return rdflib.Graph().parse(data=response.content, format="xml")


def test_dcat_describes_both_data_sets_with_the_required_properties(client, register):
    graph = catalogue(client)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = list(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == 2
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.modified):
            assert graph.value(dataset, prop) is not None, prop
        agent = graph.value(dataset, DCTERMS.publisher)
        assert str(graph.value(agent, FOAF.name)) == "Stadt Bochum"
        contact = graph.value(dataset, DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Organization) in graph
        assert str(graph.value(contact, VCARD.fn)) == "Stadt Bochum"
        assert str(graph.value(contact, VCARD.hasEmail)) == "mailto:daten@bochum.example"
        assert str(graph.value(dataset, DCAT.theme)).endswith("/data-theme/GOVE")
        assert str(graph.value(dataset, DCATDE.politicalGeocodingLevelURI)).endswith(
            "/Level/municipality"
        )
        distributions = list(graph.objects(dataset, DCAT.distribution))
        formats = {str(graph.value(d, DCTERMS["format"])).rsplit("/", 1)[1] for d in distributions}
        assert formats == {"CSV", "JSON"}
        for distribution in distributions:
            url = str(graph.value(distribution, DCAT.downloadURL))
            assert url.startswith("http://testserver/daten/")
            assert str(graph.value(distribution, DCAT.accessURL)) == url
            assert graph.value(distribution, DCAT.mediaType) is not None
            assert str(graph.value(distribution, DCTERMS.license)) == (
                "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
            )
            assert str(graph.value(distribution, DCATDE.licenseAttributionByText)) == (
                "Quelle: Stadt Bochum"
            )
            assert str(graph.value(distribution, DCTERMS.conformsTo)).startswith(
                "http://testserver/daten/"
            )
            assert data(client, url.removeprefix("http://testserver")).status_code == 200


def test_a_licence_change_shows_in_files_dcat_and_page(client, register):
    settings = SiteSettings.objects.get()
    settings.data_licence = DataLicence.CC_ZERO
    settings.save()
    refresh_state()
    assert rows(client, "jahreszahlen")["metadaten"]["lizenz"]["uri"] == (
        "http://dcat-ap.de/def/licenses/cc-zero"
    )
    assert "publicdomain/zero" in data(client, "/daten/partnerschaften.csv")["Link"]
    graph = catalogue(client)
    licences = set(graph.objects(None, DCTERMS.license))
    assert {str(uri) for uri in licences} == {"http://dcat-ap.de/def/licenses/cc-zero"}
    # CC0 asks for no attribution.
    assert not list(graph.objects(None, DCATDE.licenseAttributionByText))
    page = data(client, "/daten/").content.decode()
    assert "https://creativecommons.org/publicdomain/zero/1.0/deed.de" in page
    assert "Bitte nennen Sie als Quelle" not in page


@pytest.mark.parametrize(
    ("chosen", "source"),
    [
        (DataLicence.DL_BY, "Quelle: Stadt Bochum"),
        (DataLicence.CC_BY, "Quelle: Stadt Bochum"),
        (DataLicence.DL_ZERO, None),
        (DataLicence.CC_ZERO, None),
    ],
)
def test_files_name_the_source_only_where_the_licence_asks_for_it(
    client, register, chosen, source
):
    settings = SiteSettings.objects.get()
    settings.data_licence = chosen
    settings.save()
    refresh_state()
    for name in ("partnerschaften", "jahreszahlen"):
        document = rows(client, name)
        assert document["metadaten"]["namensnennung"] == source
        jsonschema.Draft202012Validator(schema(client, name)).validate(document)
        csvw = json.loads(data(client, f"/daten/{name}.csv-metadata.json").content)
        assert csvw.get("dc:bibliographicCitation") == source
    attributions = catalogue(client).objects(None, DCATDE.licenseAttributionByText)
    assert {str(text) for text in attributions} == ({source} if source else set())


def test_demo_data_are_marked_as_sample_data_everywhere(client, register):
    DemoObject.objects.record(register["nordhausen"])
    refresh_state()
    document = rows(client, "partnerschaften")
    assert document["metadaten"]["beispieldaten"] is True
    assert document["metadaten"]["titel"] == "Partnerschaftsregister (Beispieldaten)"
    csvw = json.loads(data(client, "/daten/partnerschaften.csv-metadata.json").content)
    assert "(Beispieldaten)" in csvw["dc:title"]
    assert "Beispieldaten" in csvw["dc:description"]
    titles = {str(title) for title in catalogue(client).objects(None, DCTERMS.title)}
    assert "Partnerschaftsregister (Beispieldaten)" in titles
    assert "Partnerschaftsregister (Beispieldaten) – CSV" in titles
    assert all("Beispieldaten" in title for title in titles)
    assert "Beispieldaten:" in data(client, "/daten/").content.decode()


def test_without_demo_nothing_says_sample_data(client, register):
    assert (
        "Beispieldaten"
        not in data(client, "/daten/partnerschaften.csv-metadata.json").content.decode()
    )
    assert "Beispieldaten" not in data(client, "/daten/dcat.rdf").content.decode()
    assert "Beispieldaten:" not in data(client, "/daten/").content.decode()


def test_the_page_in_german_links_files_licence_and_lists_the_fields(client, register):
    page = data(client, "/daten/").content.decode()
    for path in (
        "/daten/partnerschaften.csv",
        "/daten/partnerschaften.json",
        "/daten/jahreszahlen.schema.json",
        "/daten/jahreszahlen.csv-metadata.json",
        "/daten/dcat.rdf",
    ):
        assert f'href="{path}"' in page, path
    assert 'href="https://www.govdata.de/dl-de/by-2-0"' in page
    assert "Quelle: Stadt Bochum" in page
    assert 'href="mailto:daten@bochum.example"' in page
    assert '<time datetime="2026-06-15' in page
    # The field table comes from the schema's descriptions.
    description = schema(client, "jahreszahlen")["$defs"]["jahr"]["properties"]["kosten"]
    assert description["description"] in page
    assert "<code>foerderquellen</code>" in page


def test_the_page_in_english_has_its_own_address_and_the_same_files(client, register):
    page = data(client, "/en/data/").content.decode()
    assert '<html lang="en"' in page
    assert 'href="/daten/partnerschaften.csv"' in page
    # The meanings are the schema's, in German, and say so.
    assert '<td data-label="' in page and 'lang="de">Feste Nummer' in page


def test_footer_and_sitemap_lead_to_the_page(client, register):
    assert 'href="/daten/"' in data(client, "/").content.decode()
    sitemap = data(client, "/sitemap.xml").content.decode()
    assert "http://testserver/daten/" in sitemap
    assert "http://testserver/en/data/" in sitemap


def test_the_licence_is_chosen_in_the_site_settings_admin(admin_client, register):
    page = admin_client.get("/admin/site/sitesettings/1/change/").content.decode()
    assert "Offene Daten" in page
    assert 'name="data_licence"' in page

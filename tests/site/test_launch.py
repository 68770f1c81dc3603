"""
The demo says what it is, and the deployment check („Vor dem Start“) keeps
a site from going live with demo data or without the facts the law asks for.
"""

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from PIL import Image

from partnership.site.checks import check_launch, launch_problems
from partnership.site.models import DemoObject, LegalPage, SiteSettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PRODUCTION = Path(__file__).parent.parent / "fixtures" / "production.json"
DEMO_MARK = "Demo mit Beispieldaten – keine Website der Stadt Bochum"


def deploy_check(*options):
    """The README's production check, limited to the content (the settings differ in tests)."""
    call_command(
        "check", "--deploy", "--tag", "database", "--fail-level", "WARNING", *options,
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip


@pytest.fixture
def production(db):
    call_command("loaddata", PRODUCTION, stdout=StringIO())


def test_the_check_passes_on_the_filled_fixture(production):
    assert launch_problems() == []
    deploy_check("--database", "default")


def test_the_check_reads_the_database_only_when_asked(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert check_launch(databases=None) == []
        deploy_check()
    assert check_launch(databases=["default"])


def test_empty_settings_and_unpublished_pages_fail_the_check(db):
    problems = launch_problems()
    assert "Die Website-Einstellungen sind noch nicht ausgefüllt." in problems
    assert "„Impressum“ ist nicht veröffentlicht." in problems
    with pytest.raises(SystemCheckError, match=r"site\.W101"):
        deploy_check("--database", "default")


def test_a_missing_contact_and_an_empty_page_fail_the_check(production):
    SiteSettings.objects.update(dpo_contact="")
    LegalPage.objects.filter(kind="datenschutz").update(body_de="<p> </p>", body="<p> </p>")
    problems = launch_problems()
    assert problems == [
        "In den Website-Einstellungen fehlt: „Datenschutzbeauftragte Person“.",
        "„Datenschutzerklärung“ hat noch keinen Text.",
    ]


def test_the_demo_marks_every_page_and_fails_the_check(client, admin_client):
    call_command("load_demo", stdout=StringIO())
    assert DemoObject.objects.exists()
    for address in ("/", "/aktuelles/", "/staedte/bochum/", "/impressum/", "/gibt-es-nicht/"):
        html = client.get(address).content.decode()
        assert DEMO_MARK in html, address
        assert '<meta name="robots" content="noindex">' in html, address
    assert "Disallow: /\n" in client.get("/robots.txt").content.decode()

    emblem = SiteSettings.objects.get().emblem
    assert Image.open(BytesIO(emblem.read())).format == "PNG"
    assert SiteSettings.objects.get().operator_email.endswith("@bochum.example")

    problems = launch_problems()
    assert any("Beispielangaben der Demo" in problem for problem in problems)
    assert "„Impressum“ enthält noch den Text der Demo." in problems
    assert any(problem.startswith("Es gibt noch") for problem in problems)
    with pytest.raises(SystemCheckError, match=r"site\.W101"):
        deploy_check("--database", "default")
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Vor dem Start" in dashboard
    assert "„Impressum“ enthält noch den Text der Demo." in dashboard


def test_without_demo_objects_no_page_says_demo(client, production):
    html = client.get("/").content.decode()
    assert "Demo mit Beispieldaten" not in html
    assert 'content="noindex"' not in html
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()


def test_the_demo_ends_when_its_content_is_deleted(client, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    DemoObject.objects.record(article)
    assert "Demo mit Beispieldaten" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert DemoObject.objects.remaining() == []
    assert "Demo mit Beispieldaten" not in client.get("/").content.decode()


def test_editors_do_not_see_the_list_before_the_start(redakteur_client):
    assert "Vor dem Start" not in redakteur_client.get("/admin/").content.decode()


def test_deployment_check_names_what_the_statement_lacks(production):
    statement_page = LegalPage.objects.get(kind=LegalPage.Kind.ACCESSIBILITY)
    statement_page.ombudsman_url = ""
    statement_page.save()
    assert launch_problems() == [
        "In „Erklärung zur Barrierefreiheit“ fehlt: „Website der Schlichtungsstelle“."
    ]

"""WordPress pages imported as free content pages (partnership/site/wordpress.py)."""

import pytest

from partnership.site.models import Page
from tests.news.wordpress.test_exports import item, run_import, wxr

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(tmp_path):
    def write(*items):
        path = tmp_path / "export.xml"
        path.write_text(wxr(*items), encoding="utf-8")
        return str(path)

    return write


def page(wordpress_id, title, slug, parent=0, **options):
    path = f"{slug}/" if not parent else f"ueber-uns/{slug}/"
    return item(
        wordpress_id,
        title,
        f"Text von {title}.",
        slug=slug,
        kind="page",
        link=f"https://blog.bochum.example/{path}",
        parent=parent,
        **options,
    )


def test_pages_keep_their_tree_and_old_addresses_and_a_rerun_adds_nothing(export, client):
    path = export(
        page(1, "Über uns", "ueber-uns"),
        page(2, "Unsere Partner", "partner", parent=1),
        page(3, "Impressum", "impressum"),
        page(4, "Intern", "intern", password="geheim"),
        page(5, "Entwurf", "entwurf", status="draft"),
    )

    report = run_import(path)

    child = Page.objects.get(title="Unsere Partner")
    assert child.parent.title == "Über uns"
    assert child.get_absolute_url() == "/ueber-uns/partner/"
    assert Page.objects.get(title="Impressum").slug == "impressum-2"
    assert "Seite 3 „Impressum“: Kurzname „impressum-2“" in report
    assert Page.objects.get(title="Intern").status == Page.Status.DRAFT
    assert Page.objects.get(title="Entwurf").status == Page.Status.DRAFT
    assert Page.objects.get(title="Unsere Partner").status == Page.Status.PUBLISHED
    assert "Seite 4 „Intern“ (passwortgeschützt)" in report
    response = client.get("/?page_id=2")
    assert (response.status_code, response["Location"]) == (301, "/ueber-uns/partner/")
    assert client.get("/impressum-2/").status_code == 200
    assert Page.objects.get(title="Über uns").history.get().history_change_reason == "Import"

    run_import(path)
    assert Page.objects.count() == 5

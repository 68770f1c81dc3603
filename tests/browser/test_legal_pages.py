"""Legal pages and an agreement's wording in the browser: axe with best practice, Nu, keys."""

import pytest

from .test_public_site import WCAG_AA

pytestmark = pytest.mark.django_db

PAGES = [
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    # The demo's scanned agreement with its wording.
    "/partnerschaften/tsukuba/",
]


def test_legal_pages_have_no_axe_violations_best_practice_included(
    csp_free_page, site, axe_source
):
    failures = {}
    for path in PAGES:
        csp_free_page.goto(site + path)
        csp_free_page.add_script_tag(content=axe_source)
        result = csp_free_page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            [*WCAG_AA, "best-practice"],
        )
        if result["violations"]:
            failures[path] = [
                f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]
            ]
    assert failures == {}


def test_legal_pages_pass_the_nu_html_checker(client, site, nu_errors, tmp_path):
    files = []
    for number, path in enumerate(PAGES):
        target = tmp_path / f"{number}.html"
        target.write_bytes(client.get(path).content)
        files.append(str(target))
    assert nu_errors(files) == []


def test_agreement_wording_opens_with_the_keyboard(page, site):
    page.goto(site + "/partnerschaften/tsukuba/")
    wording = page.locator("details.full-text")
    assert not wording.evaluate("element => element.open")
    page.locator("details.full-text summary").focus()
    page.keyboard.press("Enter")
    assert wording.evaluate("element => element.open")
    assert page.get_by_text("Artikel 1: Die Städte Bochum und Tsukuba").is_visible()

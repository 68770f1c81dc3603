"""The sign-up form in a browser: keyboard only, its error summary, axe and the Nu checker."""

import time

import pytest
from django.urls import reverse
from post_office.models import Email

from partnership.models import Partnership
from tests.factories import SignUpEventFactory
from tests.participation.signup_helpers import links

from .test_public_site import axe_violations

pytestmark = pytest.mark.django_db

# The form accepts a token from 3 seconds after the page was rendered.
TOKEN_MIN_SECONDS = 3.2


@pytest.fixture
def event(site):
    return SignUpEventFactory(
        partnership=Partnership.objects.published().first(),
        title="Bürgerfahrt nach Nordhausen",
        capacity=20,
        ask_party_size=True,
        max_party_size=4,
        ask_diet=True,
    )


def focused(page):
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def open_form(page, site, event):
    """The event page, and Tab from its top until the form's first field has the focus."""
    page.goto(f"{site}{event.get_absolute_url()}")
    opened = time.monotonic()
    for _press in range(100):
        page.keyboard.press("Tab")
        if focused(page) == "id_name":
            return opened
    raise AssertionError("The keyboard does not reach the sign-up form.")


def wait_for_token(opened):
    time.sleep(max(0, TOKEN_MIN_SECONDS - (time.monotonic() - opened)))


def test_sign_up_with_the_keyboard_only(page, site, event):
    opened = open_form(page, site, event)
    page.keyboard.type("Erika Mustermann")
    steps = [
        ("id_email", "erika@example.org"),
        ("id_party_size", "2"),
        ("id_diet", "v"),
        ("id_diet_note", "Nussallergie"),
    ]
    for field, keys in steps:
        page.keyboard.press("Tab")
        assert focused(page) == field
        page.keyboard.type(keys)
    page.keyboard.press("Tab")
    assert focused(page) == "id_diet_consent"
    page.keyboard.press("Space")
    assert page.locator("#id_diet_consent").is_checked()
    page.keyboard.press("Tab")
    assert focused(page) == "A"  # the link to the Datenschutzerklärung
    page.keyboard.press("Tab")
    assert focused(page) == "BUTTON"
    wait_for_token(opened)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Fast geschafft" in page.locator("h1").inner_text()
    assert "erika@example.org" in page.locator("main").inner_text()
    email = Email.objects.get(to="erika@example.org")
    assert "Personen: 2" in email.message
    assert page.context.cookies() == []


def test_errors_are_summarised_at_the_top_and_lead_to_their_fields(page, site, event):
    opened = open_form(page, site, event)
    page.keyboard.press("Tab")
    assert focused(page) == "id_email"
    page.keyboard.type("keine-adresse")
    wait_for_token(opened)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator("#fehler")
    assert summary.is_visible()
    assert focused(page) == "fehler"
    assert summary.bounding_box()["y"] < page.locator("#id_name").bounding_box()["y"]
    assert page.locator("#id_email").input_value() == "keine-adresse"
    targets = []
    for position in range(summary.locator("a").count()):
        # From the summary, Tab to the link and follow it with Enter.
        summary.focus()
        for _link in range(position + 1):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        targets.append(focused(page))
    assert targets == ["id_name", "id_email"]
    assert page.context.cookies() == []


def test_form_error_state_and_confirm_page_pass_axe_and_the_nu_checker(
    csp_free_page, site, event, axe_source, nu_errors, tmp_path
):
    page = csp_free_page
    failures, files = {}, []

    def check(name):
        """axe on the page as shown, the Nu checker on its markup before axe is added."""
        target = tmp_path / f"{name}.html"
        target.write_text(page.content())
        files.append(str(target))
        violations = axe_violations(page, axe_source)
        if violations:
            failures[name] = violations

    page.goto(site + event.get_absolute_url())
    opened = time.monotonic()
    check("event page with the form")
    page.fill("#id_email", "keine-adresse")
    page.fill("#id_diet_note", "Nussallergie")
    wait_for_token(opened)
    with page.expect_navigation():
        page.click(".signup-form button")
    assert page.locator("#fehler").is_visible()
    check("form with errors")

    opened = time.monotonic()
    page.fill("#id_name", "Erika Mustermann")
    page.fill("#id_email", "erika@example.org")
    page.check("#id_diet_consent")
    wait_for_token(opened)
    with page.expect_navigation():
        page.click(".signup-form button")
    assert "Fast geschafft" in page.locator("h1").inner_text()
    check("please confirm")

    key = links(Email.objects.get(to="erika@example.org").message)["bestaetigen"]
    page.goto(site + reverse("participation:confirm", kwargs={"key": key}))
    check("confirm page")
    with page.expect_navigation():
        page.click(".signup-action button")
    assert "Ihre Anmeldung ist bestätigt" in page.locator("h1").inner_text()
    check("confirmed")
    page.goto(site + reverse("participation:cancel", kwargs={"key": key}))
    check("cancel page")

    assert (failures, nu_errors(files)) == ({}, [])
    assert page.context.cookies() == []

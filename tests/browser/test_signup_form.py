"""The sign-up form in a browser: keyboard only, its error summary, axe and the Nu checker."""

import json
import subprocess
import time

import pytest
from django.urls import reverse
from post_office.models import Email

from partnership.models import Partnership
from tests.factories import SignUpEventFactory
from tests.participation.signup_helpers import form_data, links, visitor

from .conftest import NODE_MODULES
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
    csp_free_page, site, event, axe_source, java, tmp_path
):
    client = visitor()
    signup_url = reverse("participation:signup", kwargs={"slug": event.slug})
    response = client.post(signup_url, form_data(event, party_size="1"))
    assert response.status_code == 200
    key = links(Email.objects.get(to="erika@example.org").message)["bestaetigen"]
    pages = {
        "event": (event.get_absolute_url(), client.get(event.get_absolute_url())),
        "errors": (None, client.post(signup_url, form_data(event, name="", email="x"))),
        "sent": (None, response),
        "confirm": (
            reverse("participation:confirm", kwargs={"key": key}),
            client.get(reverse("participation:confirm", kwargs={"key": key})),
        ),
        "cancel": (
            reverse("participation:cancel", kwargs={"key": key}),
            client.get(reverse("participation:cancel", kwargs={"key": key})),
        ),
    }
    failures, files = {}, []
    for name, (path, response) in pages.items():
        target = tmp_path / f"{name}.html"
        target.write_bytes(response.content)
        files.append(str(target))
        if path:
            csp_free_page.goto(site + path)
        else:
            # A POST's answer, shown as the browser would show it.
            csp_free_page.goto(site + event.get_absolute_url())
            csp_free_page.set_content(response.content.decode())
        violations = axe_violations(csp_free_page, axe_source)
        if violations:
            failures[name] = violations
    checker = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not checker.exists():
        pytest.skip("vnu-jar fehlt: npm ci")
    result = subprocess.run(
        [java, "-jar", str(checker), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert (failures, errors) == ({}, [])

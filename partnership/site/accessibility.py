"""
The automated accessibility checks the accessibility statement names, read
from the report of a test run: axe-core (WCAG 2.1 AA and best practice) and
the Nu HTML Checker on every page type, keyboard paths and the phone layout,
the browser tests of the public site. Only a run in which every one of them
passed counts. The admin's browser tests are not part of the statement.
"""

from datetime import datetime

from defusedxml import ElementTree
from django.utils import timezone

# The modules of the public site's browser tests, by pytest's class names.
PUBLIC_SITE_CHECKS = ("tests.browser.test_public_site", "tests.browser.test_legal_pages")
# Without these a report does not show the checks the statement names.
REQUIRED = {
    "tests.browser.test_public_site": {
        "test_no_axe_violations_on_any_page_type",
        "test_nu_html_checker_finds_no_errors",
    },
}


class ReportError(ValueError):
    """The report does not show a complete passing run; the message says why, in German."""


def read_report(path):
    """
    When the public site's browser tests ran and how many passed, from the JUnit XML
    report ``pytest --junitxml`` wrote; ReportError unless all of them
    passed and the ones in REQUIRED were among them.
    """
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise ReportError(f"Der Bericht ist nicht lesbar: {error}") from error
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    ran_at, passed, seen = None, 0, set()
    for suite in suites:
        started = _timestamp(suite.get("timestamp"))
        for case in suite.iter("testcase"):
            module = case.get("classname", "")
            if module not in PUBLIC_SITE_CHECKS:
                continue
            name = case.get("name", "").split("[")[0]
            outcome = next(
                (child.tag for child in case if child.tag in ("failure", "error", "skipped")), None
            )
            if outcome is not None:
                raise ReportError(
                    f"{module}.{name}: {outcome}. Nur ein vollständig bestandener Lauf zählt."
                )
            seen.add((module, name))
            passed += 1
            ran_at = max(filter(None, [ran_at, started]), default=None)
    absent = sorted(
        f"{module}.{name}"
        for module, names in REQUIRED.items()
        for name in names
        if (module, name) not in seen
    )
    if absent:
        raise ReportError(f"Im Bericht fehlen: {', '.join(absent)}.")
    if ran_at is None:
        raise ReportError("Der Bericht nennt keinen Zeitpunkt des Laufs.")
    return ran_at, passed


def _timestamp(value):
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)

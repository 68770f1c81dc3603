"""record_accessibility_checks: only a complete passing run of the browser checks is recorded."""

import importlib
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from partnership.site.accessibility import REQUIRED as REQUIRED_CHECKS
from partnership.site.models import AccessibilityCheck

pytestmark = pytest.mark.django_db

MODULE = "tests.browser.test_public_site"
REQUIRED = ["test_no_axe_violations_on_any_page_type", "test_nu_html_checker_finds_no_errors"]


def report(tmp_path, cases, timestamp="2026-11-02T10:15:00.000000+01:00"):
    """A JUnit XML report as pytest writes it; ``cases`` maps test names to an outcome or ''."""
    rows = "".join(
        f'<testcase classname="{MODULE}" name="{name}" time="1.0">'
        + (f'<{outcome} message="x"/>' if outcome else "")
        + "</testcase>"
        for name, outcome in cases.items()
    )
    path = tmp_path / "bericht.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">'
        f'<testsuite name="pytest" timestamp="{timestamp}">'
        '<testcase classname="tests.site.test_demo" name="test_other" time="0.1"/>'
        '<testcase classname="tests.browser.test_admin" name="test_admin_axe" time="0.1">'
        '<skipped message="PostgreSQL"/></testcase>'
        f"{rows}</testsuite></testsuites>"
    )
    return path


def test_a_passing_run_is_recorded_with_the_time_it_ran(tmp_path):
    path = report(tmp_path, {**dict.fromkeys(REQUIRED, ""), "test_skip_link[chromium]": ""})
    call_command("record_accessibility_checks", str(path), stdout=StringIO())
    check = AccessibilityCheck.objects.get()
    assert check.ran_at == datetime(2026, 11, 2, 9, 15, tzinfo=UTC)
    assert check.passed == 3  # the public site's browser tests only


def test_the_same_report_twice_is_one_record(tmp_path):
    path = report(tmp_path, dict.fromkeys(REQUIRED, ""))
    call_command("record_accessibility_checks", str(path), stdout=StringIO())
    call_command("record_accessibility_checks", str(path), stdout=StringIO())
    assert AccessibilityCheck.objects.count() == 1


@pytest.mark.parametrize("outcome", ["failure", "error", "skipped"])
def test_a_run_with_a_failed_or_skipped_check_is_refused(tmp_path, outcome):
    path = report(tmp_path, {REQUIRED[0]: outcome, REQUIRED[1]: ""})
    with pytest.raises(CommandError, match=outcome):
        call_command("record_accessibility_checks", str(path), stdout=StringIO())
    assert not AccessibilityCheck.objects.exists()


def test_a_report_without_the_axe_check_is_refused(tmp_path):
    path = report(tmp_path, {REQUIRED[1]: ""})
    with pytest.raises(CommandError, match=r"fehlen.*test_no_axe_violations"):
        call_command("record_accessibility_checks", str(path), stdout=StringIO())


def test_an_unreadable_report_is_refused(tmp_path):
    path = tmp_path / "bericht.xml"
    path.write_text("<testsuites")
    with pytest.raises(CommandError, match="nicht lesbar"):
        call_command("record_accessibility_checks", str(path), stdout=StringIO())


def test_the_checks_a_report_must_hold_are_tests_of_the_project():
    """Renaming one of them would make every report fail; this says which."""
    for module, names in REQUIRED_CHECKS.items():
        tests = importlib.import_module(module)
        assert [name for name in names if not callable(getattr(tests, name, None))] == []

"""
End-to-end tests in Debian's Chromium, driven by Playwright, against the site
served by a live test server with the demo data.

Without /usr/bin/chromium they are skipped, and the test run says so.
"""

import json
import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from partnership.site.models.identity import forget_copy

# Playwright's sync API keeps an event loop running in the test's thread;
# Django would otherwise refuse database access from there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

# One page of each kind the public site has, as the demo data fills them.
PAGE_TYPES = {
    "home": "/",
    "news-list": "/aktuelles/",
    "article": "/aktuelles/staedtepartnerschaft-der-wissensstaedte/",
    "archive": "/aktuelles/2019/12/",
    "city-list": "/staedte/",
    "city-profile": "/staedte/tsukuba/",
    "partnerships": "/partnerschaften/",
    "partnership": "/partnerschaften/donezk/",
    "participate": "/mitmachen/",
    # With its sign-up form open.
    "event": "/mitmachen/buergerfahrt-nach-nordhausen/",
    "event-archive": "/mitmachen/archiv/",
    "search": "/suche/?q=Tsukuba",
    "imprint": "/impressum/",
    "privacy": "/datenschutz/",
    "accessibility": "/barrierefreiheit/",
    "plain-language": "/leichte-sprache/",
    "sign-language": "/gebaerdensprache/",
    "open-data": "/daten/",
    "free-page": "/foerdermoeglichkeiten/schueleraustausch/",
    "not-found": "/gibt-es-nicht/",
}


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(
        reason=f"Browser-Tests übersprungen: {CHROMIUM} fehlt (apt-get install -y chromium)."
    )
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker, demo_media, tmp_path_factory):
    """
    A live server of the module's own with the demo data, loaded once.

    pytest-django's live server would empty the database after every test
    and the demo would be loaded each time. This one shares the test's
    connection to SQLite's in-memory test database, so each test runs in a
    transaction that is rolled back, and what it changes through the browser
    is undone too; on another database the tests are skipped.
    """
    if connection.vendor != "sqlite":
        pytest.skip("Browser-Tests laufen auf SQLite (siehe tests/browser/conftest.py).")
    overrides = override_settings(
        MEDIA_ROOT=demo_media,
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        SERVE_MEDIA=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        LANGUAGES=[(code, settings.LANGUAGE_NAMES[code]) for code in settings.CONTENT_LANGUAGES],
    )
    overrides.enable()
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())
    yield server.url
    server.stop()
    server._live_server_modified_settings.disable()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
    overrides.disable()


@pytest.fixture
def site(demo_server, demo_media, test_settings, settings):
    """The demo server's address; the demo's images under the per-test settings."""
    settings.MEDIA_ROOT = demo_media
    settings.SERVE_MEDIA = True
    # The site state as the demo left it, not the empty one each test starts from.
    forget_copy()
    return demo_server


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    yield page
    report = getattr(request.node, "call_report", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{width}.png", full_page=True)
    context.close()


@pytest.fixture
def csp_free_page(browser):
    # axe is injected as an inline script, which the site's own policy forbids.
    context = browser.new_context(bypass_csp=True, locale="de-DE")
    yield context.new_page()
    context.close()


@pytest.fixture
def axe_source():
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.skip("axe-core fehlt: npm ci")
    return path.read_text()


@pytest.fixture
def java():
    path = shutil.which("java")
    if path is None:
        pytest.skip("Java fehlt für den Nu HTML Checker")
    return path


@pytest.fixture
def nu_errors(java):
    """
    A function giving the Nu HTML Checker's errors in some saved pages, as
    "file: message". Pages are checked in one run: each run starts Java.
    """
    checker = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not checker.exists():
        pytest.skip("vnu-jar fehlt: npm ci")

    def errors(files):
        result = subprocess.run(
            [java, "-jar", str(checker), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=300,
        )
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
        return [
            f"{m.get('url', '').rsplit('/', 1)[-1]}: {m['message']}"
            for m in messages
            if m.get("type") == "error"
        ]

    return errors


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_report = report
    return report

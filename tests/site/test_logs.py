"""Logs name visitors' networks, never their full IP addresses."""

import io
import logging
import subprocess
import sys
import time
from contextlib import contextmanager
from urllib.request import Request, urlopen

import pytest
from django.conf import settings
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.utils.log import log_response

from partnership.site.ahead import request_for
from partnership.site.logs import ShortenAddresses, shorten_addresses
from tests import servers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ip_address: '203.0.113.77'", "ip_address: '203.0.113.0'"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::"),
        ("::ffff:198.51.100.9", "198.51.100.0"),
        ("10.1.2.3:8000", "10.1.2.0:8000"),
        ("203.0.113.77, 10.0.0.5", "203.0.113.0, 10.0.0.0"),
    ],
)
def test_addresses_are_shortened_to_their_network(text, expected):
    assert shorten_addresses(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "CKEditor 4.22.1",
        "um 12:30:45",
        "/aktuelles/2019/12/",
        "abc.de",
        # Services the site connects to, named so an operator can find them.
        "Redis unreachable at redis://10.20.30.40:6379/0",
        "postgres://partnership@192.0.2.10:5432/partnership",
        "redis://[2001:db8::5]:6379",
        # Loopback names no visitor.
        "127.0.0.1:8000",
        "::1",
    ],
)
def test_other_text_is_left_alone(text):
    assert shorten_addresses(text) == text


@contextmanager
def console_output():
    """What the app's console handler writes meanwhile, with its filters as configured."""
    handler = logging.getLogger().handlers
    console = next(h for h in handler if any(isinstance(f, ShortenAddresses) for f in h.filters))
    stream = io.StringIO()
    original = console.setStream(stream)
    try:
        yield stream
    finally:
        console.setStream(original)


def test_the_apps_log_shortens_addresses_of_failed_logins():
    with console_output() as output:
        logging.getLogger("axes.watch_login").warning(
            "AXES: Locked out %s after repeated login failures", "ip_address: 203.0.113.77"
        )
    line = output.getvalue()
    assert "203.0.113.0" in line
    assert "203.0.113.77" not in line
    assert "WARNING axes.watch_login" in line


def test_a_page_rendered_ahead_of_a_save_logs_no_visitors_not_found():
    """Only the visitor's request for a page that has gone is logged, not the one prepared."""
    with console_output() as output:
        for request in (
            request_for("http://localhost/aktuelles/vorbereitet/"),
            RequestFactory().get("/aktuelles/besucht/"),
        ):
            log_response(
                "Not Found: %s", request.path, response=HttpResponseNotFound(), request=request
            )
    lines = output.getvalue().splitlines()
    assert len(lines) == 1
    assert "Not Found: /aktuelles/besucht/" in lines[0]


def test_gunicorns_access_log_shortens_the_client_and_forwarded_addresses(tmp_path):
    log = tmp_path / "access.log"
    with open(log, "wb") as output, servers.app_server(output=output, config=True) as base:
        request = Request(f"{base}/robots.txt?probe", headers={"X-Forwarded-For": "203.0.113.77"})
        assert urlopen(request).status == 200
        for _attempt in range(50):
            if "probe" in log.read_text():
                break
            time.sleep(0.1)
    line = next(line for line in log.read_text().splitlines() if "probe" in line)
    assert line.startswith("127.0.0.1 203.0.113.0 [")
    assert '"GET /robots.txt?probe HTTP/1.1" 200' in line
    assert "203.0.113.77" not in line


def test_the_gunicorn_configuration_loads():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", "python:partnership.gunicorn_conf",
         "--check-config", "partnership.wsgi"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

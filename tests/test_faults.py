"""
The site under faults, as an operator would see them.

gunicorn with two workers serves the demo data from a PostgreSQL cluster and
a Redis of the suite's own (loopback, free ports), while readers request
public pages and a staff account saves an article through the admin form,
as a browser does. Redis is stopped and started again, PostgreSQL restarted
and then stopped for a few seconds. Requests are counted in the phase in which
they started, or in the PostgreSQL outage they were still running into.

Targets: no public 5xx and no failed save while Redis is away; only 503,
never 500, while PostgreSQL is away; no error at all once it is back; every
save the admin acknowledged (302) is in the database afterwards.

Runs with ``make test-faults`` (CI runs it once); a plain ``make test``
skips it. The table it prints is the one in docs/security.md.
"""

import os
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import closing
from http.cookiejar import CookieJar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

import psycopg2
import pytest
from django.conf import settings

from tests import servers
from tests.admin_forms import AdminForm

pytestmark = pytest.mark.fault

READERS = 2
PUBLIC_PATHS = ["/", "/aktuelles/", "/staedte/", "/partnerschaften/", "/mitmachen/"]
STAFF_PASSWORD = "Fehlerprobe-2026-sicher"

NORMAL = "normal"
REDIS_STOPPED = "Redis gestoppt"
REDIS_BACK = "Redis wieder gestartet"
PG_RESTARTING = "PostgreSQL-Neustart (-m fast)"
PG_RESTARTED = "nach dem Neustart"
PG_STOPPED = "PostgreSQL gestoppt"
PG_BACK = "PostgreSQL wieder gestartet"
# Phases in which every request must succeed, and those in which it may not.
NO_ERRORS = (NORMAL, REDIS_STOPPED, REDIS_BACK, PG_RESTARTED, PG_BACK)
OUTAGES = (PG_RESTARTING, PG_STOPPED)


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    """A client that keeps cookies and reports redirects instead of following them."""
    return build_opener(HTTPCookieProcessor(CookieJar()), _NoRedirect())


def fetch(opener, url, data=None):
    """Status and body, or the target of a redirect; 0 when no answer came at all."""
    body = urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with opener.open(url, body, timeout=15) as response:
            return response.status, response.read().decode()
    except HTTPError as error:
        if 300 <= error.code < 400:
            return error.code, error.headers.get("Location", "")
        return error.code, error.read().decode(errors="replace")
    except (URLError, OSError):
        return 0, ""


class Load:
    """Readers and one staff saver, each request recorded with the phase it started in."""

    def __init__(self, base, article_id, article_path):
        self.base = base
        self.article_id = article_id
        self.paths = [*PUBLIC_PATHS, article_path]
        self.phase = NORMAL
        self.results = []  # (phase, kind, status)
        self.acknowledged = []  # (phase, title)
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(READERS)]
        self.threads.append(threading.Thread(target=self.save))

    def start(self, staff):
        self.staff = staff
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def record(self, phase, kind, status):
        # A request still running when PostgreSQL goes away belongs to that phase.
        if self.phase in OUTAGES:
            phase = self.phase
        self.results.append((phase, kind, status))

    def read(self, offset):
        opener = browser()
        count = offset
        while not self.stopping.is_set():
            phase = self.phase
            status, _body = fetch(opener, self.base + self.paths[count % len(self.paths)])
            self.record(phase, "public", status)
            count += 1
            time.sleep(0.02)

    def save(self):
        url = f"{self.base}/admin/news/article/{self.article_id}/change/"
        number = 0
        while not self.stopping.is_set():
            phase = self.phase
            status, html = fetch(self.staff, url)
            self.record(phase, "staff", status)
            if status != 200:
                time.sleep(0.2)
                continue
            phase = self.phase
            number += 1
            title = f"Fassung {number}"
            form = AdminForm(html, "article_form")
            status, target = fetch(self.staff, url, form.data(title=title, _save="Sichern"))
            self.record(phase, "staff", status)
            # Saved, the admin sends the browser on to the list of articles.
            if status == 302 and target.endswith("/admin/news/article/"):
                self.acknowledged.append((self.phase if self.phase in OUTAGES else phase, title))
            time.sleep(0.1)


def manage(*args, env):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def log_in(base):
    staff = browser()
    _status, html = fetch(staff, f"{base}/admin/login/")
    form = AdminForm(html, "login-form")
    status, _body = fetch(
        staff, f"{base}/admin/login/", form.data(username="stoerfall", password=STAFF_PASSWORD)
    )
    assert status == 302, "the staff account could not log in"
    return staff


def table(load, lost):
    rows = defaultdict(Counter)
    for phase, _title in load.acknowledged:
        rows[phase]["saves acknowledged"] += 1
    for phase, kind, status in load.results:
        rows[phase][f"{kind} requests"] += 1
        if status >= 500 or status == 0:
            rows[phase][f"{kind} {status or 'no answer'}"] += 1
    lines = [
        "| phase | public requests | public 5xx | staff requests | saves acknowledged "
        "| staff 5xx | lost saves |",
        "|---|---|---|---|---|---|---|",
    ]
    for phase in (NORMAL, REDIS_STOPPED, REDIS_BACK, PG_RESTARTING, PG_RESTARTED, PG_STOPPED,
                  PG_BACK):  # fmt: skip
        counts = rows[phase]
        public_errors = describe(counts, "public")
        staff_errors = describe(counts, "staff")
        lines.append(
            f"| {phase} | {counts['public requests']} | {public_errors} "
            f"| {counts['staff requests']} | {counts['saves acknowledged']} | {staff_errors} "
            f"| {lost.get(phase, 0)} |"
        )
    return "\n".join(lines)


def describe(counts, kind):
    errors = {key.split(" ", 1)[1]: n for key, n in counts.items()
              if key.startswith(f"{kind} ") and key != f"{kind} requests"}  # fmt: skip
    return ", ".join(f"{n}× {status}" for status, n in sorted(errors.items())) or "0"


@pytest.fixture(scope="module")
def cluster():
    bindir = os.environ.get("PG_BIN") or servers.PostgresCluster.find_bindir()
    if not bindir or not servers.RedisServer.available():
        pytest.fail("The fault suite needs PostgreSQL's binaries (PG_BIN) and redis-server.")
    cluster = servers.PostgresCluster(bindir)
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.close()


def test_outages_of_redis_and_postgresql_cost_no_saved_work_and_no_500(cluster, tmp_path, capsys):
    redis = servers.RedisServer(tmp_path)
    env = {
        "DATABASE_URL": cluster.url,
        "REDIS_URL": redis.url,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SERVE_MEDIA": "true",
        # Shorter than the 30 s default, so the later phases run with the
        # page cache again.
        "REDIS_PAUSE_SECONDS": "5",
        "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD,
    }
    manage("migrate", "--noinput", env=env)
    manage("load_demo", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("createsuperuser", "--noinput", "--username", "stoerfall",
           "--email", "stoerfall@example.org", env=env)  # fmt: skip
    with closing(psycopg2.connect(cluster.url)) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT id, slug FROM news_article WHERE status = 'veroeffentlicht' ORDER BY id"
        )
        article_id, slug = cursor.fetchone()
    redis.start()
    with (
        open(tmp_path / "gunicorn.log", "wb") as log,
        servers.app_server(workers=2, output=log, **env) as base,
    ):
        load = Load(base, article_id, f"/aktuelles/{slug}/")
        load.start(log_in(base))
        try:
            time.sleep(4)
            load.phase = REDIS_STOPPED
            redis.stop()
            time.sleep(5)
            load.phase = REDIS_BACK
            redis.start()
            time.sleep(4)
            load.phase = PG_RESTARTING
            cluster.restart()
            load.phase = PG_RESTARTED
            time.sleep(4)
            load.phase = PG_STOPPED
            cluster.stop()
            time.sleep(4)
            cluster.start()
            load.phase = PG_BACK
            time.sleep(5)
        finally:
            load.stop()
            redis.close()

    with closing(psycopg2.connect(cluster.url)) as db, db.cursor() as cursor:
        cursor.execute("SELECT title FROM news_historicalarticle WHERE id = %s", [article_id])
        stored = {title for (title,) in cursor.fetchall()}
    lost = Counter(phase for phase, title in load.acknowledged if title not in stored)
    with capsys.disabled():
        print(f"\n\nFault suite: {READERS} readers, 1 staff saver, gunicorn with 2 workers\n")
        print(table(load, lost) + "\n")

    by_phase = defaultdict(Counter)
    for phase, kind, status in load.results:
        by_phase[phase][(kind, status)] += 1
    assert not lost, f"acknowledged saves missing from the database: {dict(lost)}"
    for phase in NO_ERRORS:
        failed = {key: n for key, n in by_phase[phase].items() if key[1] >= 500 or key[1] == 0}
        assert not failed, f"{phase}: {failed}"
        assert any(p == phase for p, _title in load.acknowledged), f"{phase}: nothing saved"
    assert by_phase[REDIS_STOPPED][("public", 200)] > 0
    for phase in OUTAGES:
        statuses = {status for _kind, status in by_phase[phase]}
        assert statuses <= {200, 302, 503}, f"{phase}: {dict(by_phase[phase])}"
    # Public pages may all come from the page cache while PostgreSQL is away
    # (whether they do depends on when the last save emptied it); the admin
    # is never cached, so its 503s show that the stop was noticed.
    assert by_phase[PG_STOPPED][("staff", 503)] > 0, "the stop was not noticed"

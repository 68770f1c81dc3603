"""
Developer tooling, not for a live site: measures the public pages under
gunicorn with wrk on 127.0.0.1 against a database of its own filled by
generate_bench_data, with and without each cache, then a mixed workload of
readers and an editor (partnership/site/workload.py), and writes it all to
docs/performance.md. Run it through ``make bench``.
"""

import importlib
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

import django
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cities.models import City
from news.models import Article
from partnership.models import Partnership
from partnership.site.fragments import TABLE_KEY
from partnership.site.workload import READ_SHARES, median_of, run_workload, weighted_urls

REPORT = Path(settings.BASE_DIR) / "docs" / "performance.md"
REFERENCES = {"static": "/bench/static/", "rows": "/bench/rows/"}
# Tables that grow with the archive: their queries' plans go into the report.
LARGE_TABLES = ("news_article", "cities_searchterm")
# The search benchmark: a word in nearly every article, a partner city, a
# compound part, typos, two words and a word found nowhere.
SEARCH_QUERIES = [
    "Partnerschaft",
    "Tsukuba",
    "Wissensstadt",
    "Sheffeld",
    "Jugend Theater",
    "Bergbanhof",
    "Zeppelin",
]
# wrk reports p50/p75/p90/p99; this prints the percentiles the targets name.
PERCENTILES_LUA = """
done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("p%d %d\\n", p, latency:percentile(p)))
  end
end
"""
# The server's caches in each mode, as its environment sets them. REDIS_URL
# is set in every mode, so only these switches differ.
MODES = {
    "no caches": {"PAGE_CACHE": "false", "FRAGMENT_CACHE": "false"},
    # Fragments are looked up but never kept: every request finds every cache empty.
    "cold": {"PAGE_CACHE": "false", "FRAGMENT_CACHE": "true", "FRAGMENT_CACHE_SECONDS": "0"},
    # Fragments kept, and warmed by the warm-up before each page.
    "uncached": {"PAGE_CACHE": "false", "FRAGMENT_CACHE": "true"},
    # Production: the page cache for anonymous visitors on top of the fragments.
    "cached": {"PAGE_CACHE": "true", "FRAGMENT_CACHE": "true"},
}
MODE_DESCRIPTIONS = {
    "no caches": "no page cache, no fragment cache",
    "cold": "no page cache, fragments looked up but never kept (`FRAGMENT_CACHE_SECONDS=0`): "
    "every request finds all caches empty",
    "uncached": "no page cache, fragment cache warmed by the warm-up",
    "cached": "page cache and fragment cache, as in production",
    "issue start": "the site at commit {commit} (by default the one issue #20 started from), "
    "on the same data, without caches; each target page measured in turn with its cold page, "
    "so that both see the same load on the machine",
}
# The commit issue #20 started from. A cold page (all caches empty) must not
# be slower than the site was before it had caches; so the bench serves this
# commit beside the current code and measures both in turn. Figures taken on
# another day would compare two states of the machine as much as of the code.
ISSUE_START_COMMIT = "6d8ca32"
# The pages whose targets the issue names; in Japanese too where it is served.
TARGET_PAGES = ("home", "news list", "article", "city profile")
JAPANESE = {"home (ja)": "home", "article (ja)": "article"}
# Queries per page when issue #20 started (commit 6d8ca32), counted by this
# command's query plans pass on the bench data; the counts do not grow with
# the archive. The tests pin counts on data of their own, which differ where
# a page's count depends on which relations have rows.
ISSUE_START_QUERIES = {
    "home": 4,
    "news list": 3,
    "month archive": 6,
    "article": 5,
    "city profile": 9,
    "partnership": 8,
    "participate": 1,
    "search": 7,
    "home (ja)": 4,
    "article (ja)": 5,
}
READERS = 16
EDITOR = "bench-editor"
# The German address each page's query count is pinned under in
# tests/test_query_counts.py; a Japanese page costs what its German one does.
PINNED_AS = {
    "home": "/",
    "news list": "/aktuelles/",
    "month archive": "/aktuelles/2019/12/",
    "article": "/aktuelles/erster-beitrag/",
    "city profile": "/staedte/tsukuba/",
    "partnership": "/partnerschaften/tsukuba/",
    "participate": "/mitmachen/",
    "search": "/suche/?q=Beitrag",
    "home (ja)": "/",
    "article (ja)": "/aktuelles/erster-beitrag/",
}


def pages():
    articles = Article.objects.published().order_by("-publish_at")
    # A month from the middle of the archive: depth must not cost more.
    month = articles[articles.count() // 2].publish_at
    partnership = Partnership.objects.published().filter(partner_city__slug="tsukuba").first()
    found = {
        "home": "/",
        "news list": "/aktuelles/",
        "month archive": f"/aktuelles/{month:%Y}/{month:%m}/",
        "article": articles.first().get_absolute_url(),
        "city profile": "/staedte/tsukuba/",
        "partnership": partnership.get_absolute_url(),
        "participate": "/mitmachen/",
        "search": "/suche/?q=Partnerschaft",
    }
    if "ja" in dict(settings.LANGUAGES):
        with translation.override("ja"):
            # The newest article with a complete Japanese translation.
            newest = Article.objects.published().order_by("-publish_at").first()
            found["home (ja)"] = reverse("home")
            found["article (ja)"] = newest.get_absolute_url()
    return found


def read_groups():
    """The mixed workload's addresses, by the groups of READ_SHARES."""
    newest = Article.objects.published().order_by("-publish_at")[:20]
    return {
        "home": ["/"],
        "news list": ["/aktuelles/"],
        "20 newest articles": [article.get_absolute_url() for article in newest],
        "city profiles": [city.get_absolute_url() for city in City.objects.published()],
        "partnerships": [item.get_absolute_url() for item in Partnership.objects.published()],
        "participate": ["/mitmachen/"],
        "searches": [f"/suche/?{urlencode({'q': query})}" for query in SEARCH_QUERIES],
    }


def editor_login():
    """
    The cookie of a signed-in superuser's session, marked as verified by an
    authenticator app as the two-factor login would mark it, so the editor
    reaches the admin whether or not OTP_REQUIRED is on.
    """
    user, _created = get_user_model().objects.get_or_create(
        username=EDITOR,
        defaults={"email": f"{EDITOR}@example.org", "is_staff": True, "is_superuser": True},
    )
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, defaults={"name": "Messung", "confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def edited_articles():
    """(admin change form, public page) of the 20 newest articles."""
    newest = Article.objects.published().order_by("-publish_at")[:20]
    return [
        (reverse("admin:news_article_change", args=[article.pk]), article.get_absolute_url())
        for article in newest
    ]


def pinned_query_counts():
    """The counts pinned in tests/test_query_counts.py, or None where the tests are not at hand."""
    try:
        return importlib.import_module("tests.test_query_counts").QUERIES
    except ImportError:
        return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse_wrk(output):
    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", output, re.M)
        value, unit = float(found.group(1)), found.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    # Requests that got no answer within wrk's --timeout count as errors too.
    timeouts = re.search(r"^\s+Socket errors: .*timeout (\d+)", output, re.M)
    result = {
        "rps": rate,
        "p50": latency(50),
        "p99": latency(99),
        "errors": sum(int(found.group(1)) for found in (errors, timeouts) if found),
    }
    # Exact percentiles in microseconds, where the Lua script printed them.
    for percent, micros in re.findall(r"^p(\d+) (\d+)$", output, re.M):
        result[f"p{percent}"] = int(micros) / 1000
    return result


class Command(BaseCommand):
    help = (
        "Misst die öffentlichen Seiten unter gunicorn mit wrk (nur 127.0.0.1) ohne und mit "
        "jedem Cache, dazu eine gemischte Last aus Lesenden und einer Redaktion, und schreibt "
        "die Tabellen nach docs/performance.md. Aufruf über make bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=3, help="Sekunden je wrk-Lauf")
        parser.add_argument("--runs", type=int, default=3, help="Läufe je Zahl (der Median)")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count(),
            help="gunicorn-Worker; Vorgabe: einer je Kern",
        )
        parser.add_argument(
            "--mixed-duration", type=int, default=60, help="Sekunden je Lauf der gemischten Last"
        )
        parser.add_argument(
            "--start",
            default=ISSUE_START_COMMIT,
            help="Stand, mit dem kalte Seiten verglichen werden; leer: kein Vergleich",
        )
        parser.add_argument(
            "--report",
            dest="report_path",
            type=Path,
            default=REPORT,
            help=f"Ergebnisdatei; Vorgabe: {REPORT}",
        )

    def handle(
        self,
        *args,
        duration,
        runs,
        connections,
        workers,
        mixed_duration,
        start,
        report_path,
        **options,
    ):
        for program in ("wrk", "redis-server"):
            if shutil.which(program) is None:
                raise CommandError(f"{program} fehlt: apt-get install -y {program}")
        self.duration, self.runs, self.connections = duration, runs, connections
        self.report_path = report_path
        self.start = start
        self.started = time.monotonic()
        self.gunicorn = [
            sys.executable, "-m", "gunicorn", "partnership.wsgi", "--bind", "127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning",
        ]  # fmt: skip
        targets = pages()
        references = {f"reference ({name})": url for name, url in REFERENCES.items()}
        results = {}
        with self.own_redis():
            for mode in ("no caches", "cold", "uncached", "cached"):
                with self.serve(MODES[mode]) as base:
                    measured = {**targets, **references} if mode == "uncached" else targets
                    if mode == "cold":
                        results.update(self.cold_beside_start(base, targets))
                    else:
                        results.update(self.measure({mode: base}, measured))
                    if mode == "uncached":
                        searches = self.searches(base)
                    if mode == "cached":
                        mixed = self.mixed(base, mixed_duration)
        plans, counts = self.plans(targets)
        report = self.report(results, searches, mixed, counts, workers, mixed_duration)
        self.report_path.write_text("\n".join([report, self.notes(), plans]))
        self.stdout.write(f"Ergebnis in {self.report_path}")

    def progress(self, message):
        minutes, seconds = divmod(int(time.monotonic() - self.started), 60)
        self.stdout.write(f"[{minutes:02d}:{seconds:02d}] {message}")

    @contextmanager
    def own_redis(self):
        """A Redis of the bench's own, so its keys can be counted and nothing else is touched."""
        port = free_port()
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.redis_url = f"redis://127.0.0.1:{port}/0"
        self.redis = redis.Redis.from_url(self.redis_url)
        try:
            for _attempt in range(100):
                try:
                    self.redis.ping()
                    break
                except redis.ConnectionError:
                    time.sleep(0.1)
            else:
                raise CommandError("redis-server antwortet nicht.")
            self.redis_server = self.redis.info("server")["redis_version"]
            yield
        finally:
            self.redis.close()
            server.terminate()
            server.wait(timeout=30)

    @contextmanager
    def serve(self, extra_env, directory=settings.BASE_DIR):
        """
        A fresh gunicorn with production settings, ``extra_env`` and an empty
        Redis, serving the code in ``directory``.
        """
        self.redis.flushdb()
        port = free_port()
        env = {
            **os.environ, "BENCHMARK": "true", "DEBUG": "false", "CONN_MAX_AGE": "600",
            "REDIS_URL": self.redis_url, **extra_env,
        }  # fmt: skip
        command = [part.format(port=port) for part in self.gunicorn]
        server = subprocess.Popen(command, cwd=directory, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            self.wait_for(base)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)

    def measure(self, servers, targets):
        """
        Each page on each of ``servers`` (label: address), page by page and,
        for a page, the servers in turn in each run, each run in the other
        order than the one before: by label and page.
        """
        results = {label: {} for label in servers}
        for name, url in targets.items():
            for base in servers.values():
                # A short warm-up fills the workers' connections and, where kept, the caches.
                self.wrk(base + url, 1, self.connections)
            runs = {label: [] for label in servers}
            for run in range(self.runs):
                turn = list(servers.items())
                for label, base in reversed(turn) if run % 2 else turn:
                    runs[label].append(self.wrk(base + url, self.duration, self.connections))
            for label, base in servers.items():
                result = results[label][name] = median_of(runs[label])
                result["bytes"] = len(urlopen(base + url).read())
                self.progress(f"{label}: {name}: {result['rps']:.0f} req/s")
        return results

    def cold_beside_start(self, base, targets):
        """
        The cold pages and, where the issue's start can be served, its
        target pages, each measured in turn with the cold one.
        """
        compared = {
            name: url for name, url in targets.items() if name in TARGET_PAGES or name in JAPANESE
        }
        with self.issue_start() as start:
            if start is None:
                return self.measure({"cold": base}, targets)
            both = self.measure({"issue start": start, "cold": base}, compared)
        rest = {name: url for name, url in targets.items() if name not in compared}
        cold = {**both["cold"], **self.measure({"cold": base}, rest)["cold"]}
        return {"issue start": both["issue start"], "cold": {name: cold[name] for name in targets}}

    @contextmanager
    def issue_start(self):
        """
        A gunicorn serving the site at ``self.start`` from a checkout of its
        own, on the same database, without caches; None where that commit
        cannot be checked out (no git, or a clone without it).
        """
        checkout = Path(tempfile.mkdtemp(prefix="bench-start-"))
        git = ["git", "-C", str(settings.BASE_DIR), "worktree"]
        try:
            if not self.start:
                raise ValueError("--start ist leer")
            subprocess.run(
                [*git, "add", "--detach", str(checkout), self.start],
                check=True,
                capture_output=True,
                text=True,
            )
        except (ValueError, OSError, subprocess.CalledProcessError) as error:
            shutil.rmtree(checkout, ignore_errors=True)
            reason = (getattr(error, "stderr", "") or str(error)).strip()
            self.progress(f"Stand {self.start!r} nicht gemessen: {reason}")
            yield None
            return
        # Its own static files: the manifest it serves must be its own.
        own = {**MODES["no caches"], "STATIC_ROOT": str(checkout / "staticfiles")}
        try:
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                cwd=checkout,
                env={**os.environ, **own},
                check=True,
            )
            with self.serve(own, directory=checkout) as start:
                yield start
        finally:
            subprocess.run([*git, "remove", "--force", str(checkout)], check=False)

    def searches(self, base):
        results = {}
        for query in SEARCH_QUERIES:
            results[query] = self.median_wrk(f"{base}/suche/?{urlencode({'q': query})}", 1)
            self.progress(f"Suche „{query}“: p95 {results[query]['p95']:.1f} ms")
        return results

    def median_wrk(self, url, connections):
        return median_of([self.wrk(url, self.duration, connections) for _ in range(self.runs)])

    def mixed(self, base, duration):
        """Pure reads and reads beside an editor, alternating, ``self.runs`` times each."""
        groups = read_groups()
        urls = weighted_urls(groups)
        shared = (groups["home"][0], groups["news list"][0])
        editor = (editor_login(), edited_articles())
        run_workload(base, urls, READERS, 5, shared)  # warm-up
        pure, mixed = [], []
        for run in range(self.runs):
            pure.append(run_workload(base, urls, READERS, duration, shared, seed=100 * run))
            self.progress(f"Nur Lesen, Lauf {run + 1}: {pure[-1]['rps']:.0f} req/s")
            with self.fragments_written() as written:
                result = run_workload(base, urls, READERS, duration, shared, editor, 100 * run)
            result["fragments written"] = written["count"]
            mixed.append(result)
            self.progress(
                f"Gemischt, Lauf {run + 1}: {result['rps']:.0f} req/s, "
                f"{result['saves']} Speicherungen, {result['stale']} veraltete Antworten"
            )
        return {
            "pure": median_of(pure),
            "mixed": median_of(mixed),
            "urls": groups,
            "runs": len(mixed),
        }

    @contextmanager
    def fragments_written(self):
        """
        Counts the fragments stored in the bench's Redis meanwhile (without
        the tables' versions): a re-rendered fragment replaces the one
        stored under its key, so Redis reports each write as it happens.
        """
        self.redis.config_set("notify-keyspace-events", "E$")
        written = {"count": 0}
        versions = TABLE_KEY.format("")

        def count(message):
            key = message["data"].decode()
            if ":fragment:" in key and versions not in key:
                written["count"] += 1

        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        # own_redis() gives the site database 0.
        pubsub.subscribe(**{"__keyevent@0__:set": count})
        listener = pubsub.run_in_thread(sleep_time=0.01, daemon=True)
        try:
            yield written
        finally:
            time.sleep(0.5)  # the last writes' messages
            listener.stop()
            listener.join()
            pubsub.close()
            self.redis.config_set("notify-keyspace-events", "")

    @staticmethod
    def wait_for(base):
        for _attempt in range(100):
            try:
                urlopen(base + "/robots.txt", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn antwortet nicht.")

    @staticmethod
    def wrk(url, duration, connections):
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(PERCENTILES_LUA)
            script.flush()
            command = [
                # A page slower than wrk's default of 2 s is measured, not dropped.
                "wrk", "--latency", "--timeout", "10s", f"-t{min(2, connections)}",
                f"-c{connections}", f"-d{duration}s", "-s", script.name, url,
            ]  # fmt: skip
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return parse_wrk(output)

    def report(self, results, searches, mixed, counts, workers, mixed_duration):
        rows = results["uncached"]["reference (rows)"]["rps"]
        static = results["uncached"]["reference (static)"]["rps"]
        lines = [
            "# Performance",
            "",
            f"Measured by `make bench` on {date.today():%Y-%m-%d}. "
            f"{Article.objects.count():,} articles on PostgreSQL.".replace(",", "."),
            "",
            f"Each figure is the median of {self.runs} runs of {self.duration} s "
            f"({mixed_duration} s for the mixed workload); non-2xx responses are "
            "added up over the runs. A Redis of the bench's own is emptied before each mode.",
            "",
        ]
        for mode, measured in results.items():
            lines += [
                f"## {mode.capitalize()}: {MODE_DESCRIPTIONS[mode].format(commit=self.start)}",
                "",
                "| page | req/s | p50 ms | p99 ms | non-2xx | KB | ÷ rows ref. | ÷ static ref. |",
                "|---|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for name, result in measured.items():
                lines.append(
                    f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} "
                    f"| {result['p99']:.1f} | {result['errors']} | {result['bytes'] / 1024:.0f} "
                    f"| {result['rps'] / rows:.2f} | {result['rps'] / static:.2f} |"
                )
            lines.append("")
        lines += [
            "## Search",
            "",
            "Without the page cache, one connection at a time, so the times are those of a "
            "single search, not of a queue:",
            "",
            "| query | req/s | p50 ms | p95 ms | p99 ms | non-2xx |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for query, result in searches.items():
            lines.append(
                f"| {query} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} "
                f"| {result['p99']:.1f} | {result['errors']} |"
            )
        lines += ["", *self.mixed_report(mixed, mixed_duration), ""]
        lines += ["## Queries per page", "", *self.counts_report(counts), ""]
        lines += [*self.targets(results, searches, mixed, counts, Article.objects.count()), ""]
        lines += [
            "## Setup",
            "",
            f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
            f"- Python {platform.python_version()}, Django {django.get_version()}, "
            f"PostgreSQL {connection.cursor().connection.server_version}, "
            f"Redis {self.redis_server}",
            f"- gunicorn: `{' '.join(self.gunicorn[2:]).format(port='PORT')}` "
            f"with {workers} sync workers (as many as cores unless `--workers` says otherwise)",
            "- wrk: `wrk --latency --timeout 10s -t2 "
            f"-c{self.connections} -d{self.duration}s URL` after a 1 s warm-up, "
            f"search `-t1 -c1 -d{self.duration}s`, all on 127.0.0.1, load generator and "
            "server sharing the machine's cores",
            f"- Mixed workload: {READERS} reader threads and one editor thread in the bench's "
            "own Python process (http.client), sharing the cores with the server; its "
            "throughput is compared with the same readers without the editor, so the load "
            "generator's own cost is in both figures",
            "- Reference (static): a 20 KB template, no database. "
            "Reference (rows): ten rows of a 1,000-row table through a template.",
            "",
        ]
        return "\n".join(lines)

    def redis_version(self):
        return f"Redis {self.redis_server_version}"

    @staticmethod
    def mixed_report(mixed, duration):
        pure, both = mixed["pure"], mixed["mixed"]
        saves = both["saves"]
        lines = [
            "## Mixed workload",
            "",
            f"{READERS} readers for {duration} s with page and fragment cache, drawing "
            "addresses from the list below by its weights; beside them one editor opens the "
            "admin's change form of one of the 20 newest articles every 5 s (round robin), "
            "changes title and teaser and posts the form as a browser would. A read is stale "
            "when it was sent after a save's response had arrived and shows that article's "
            "previous title or teaser on its page, the news list or home. „Pure“ is the same "
            "readers without the editor. Medians of "
            f"{mixed['runs']} runs; saves, stale reads and errors added up.",
            "",
            "| figure | pure cached | mixed |",
            "|---|---:|---:|",
            f"| read req/s | {pure['rps']:.0f} | {both['rps']:.0f} |",
            f"| p50 ms | {pure['p50']:.1f} | {both['p50']:.1f} |",
            f"| p99 ms | {pure['p99']:.1f} | {both['p99']:.1f} |",
            f"| non-200 reads | {pure['errors']} | {both['errors']} |",
            f"| stale reads | – | {both['stale']} |",
            f"| saves done (failed) | – | {saves} ({both['failed saves']}) |",
            "| fragments written per save | – | "
            + (f"{both['fragments written'] / saves:.1f} |" if saves else "– |"),
            "",
            "Fragments written per save: fragments stored in Redis during the runs "
            "(counted by Redis's keyspace notifications) divided by the saves, so "
            "fragments the readers re-render for other reasons count too.",
            "",
        ]
        if both["stale examples"]:
            lines += [
                "Stale reads, up to five of each run:",
                "",
                "| page read | article saved | s after the save's response |",
                "|---|---|---:|",
                *(
                    f"| `{read}` | `{saved}` | {seconds:.3f} |"
                    for read, saved, seconds in both["stale examples"]
                ),
                "",
            ]
        lines += [
            "| group | addresses | share of reads |",
            "|---|---:|---:|",
        ]
        for name, share in READ_SHARES.items():
            lines.append(f"| {name} | {len(mixed['urls'][name])} | {share} % |")
        lines += ["", "Each group's share is split evenly among its addresses:", ""]
        for name, urls in mixed["urls"].items():
            lines.append(f"- {name}: " + ", ".join(f"`{url}`" for url in urls))
        return lines

    @staticmethod
    def counts_report(counts):
        pinned = pinned_query_counts()
        lines = [
            "One request per page through Django's test client after one to warm the "
            "process, without caches, as tests/test_query_counts.py counts them "
            "(a Japanese page is pinned at its German page's count).",
            "",
            "| page | queries | at the issue's start | pinned in the tests |",
            "|---|---:|---:|---:|",
        ]
        for name, count in counts.items():
            start = ISSUE_START_QUERIES.get(name, "–")
            pin = pinned.get(PINNED_AS.get(name), "–") if pinned else "–"
            lines.append(f"| {name} | {count} | {start} | {pin} |")
        lines += [
            "",
            "The tests pin counts on data of their own, and some pages' counts depend on "
            "which relations have rows (a partnership's page makes one more query for its "
            "agreements' areas, as tests/test_query_counts.py notes), so the pins are shown "
            "for reference; the target compares with the issue's start, counted on these data."
            if pinned
            else "The tests were not importable, so their pinned counts are not shown.",
        ]
        return lines

    @staticmethod
    def targets(results, searches, mixed, counts, articles, start_queries=ISSUE_START_QUERIES):
        """The issue's targets against this run's figures: figure, this run, target, met."""
        uncached, cold, cached = results["uncached"], results["cold"], results["cached"]
        rows = uncached["reference (rows)"]["rps"]
        static = uncached["reference (static)"]["rps"]
        named = [*TARGET_PAGES, *(name for name in JAPANESE if name in uncached)]

        def each(ratios, floor):
            text = ", ".join(f"{name} {ratio:.2f}" for name, ratio in ratios.items())
            return text, all(ratio >= floor for ratio in ratios.values())

        checks = [
            (
                "uncached (no page cache, fragments warm), home / news list / article / city "
                "÷ rows reference",
                *each({name: uncached[name]["rps"] / rows for name in named}, 0.33),
                "≥ 0.33 on each",
            )
        ]
        if "issue start" in results:
            start = results["issue start"]
            text, met = each({name: cold[name]["rps"] / start[name]["rps"] for name in named}, 1.0)
            text = f"÷ the issue's start, measured in turn: {text}"
            failed = [name for name in named if start[name]["errors"]]
            if failed:
                # A page that answered with errors is no measure of the page.
                text += f"; the issue's start answered with errors: {', '.join(failed)}"
                met = None
        else:
            text, met = "the issue's start was not measured (make bench names why)", None
        if "no caches" in results:
            # What "caches must not slow a cold page" asks, on this run's set-up.
            own, _met = each(
                {name: cold[name]["rps"] / results["no caches"][name]["rps"] for name in named},
                1.0,
            )
            text += f"; ÷ this run's „no caches“: {own}"
        checks.append(
            (
                "cold (all caches empty), same pages",
                text,
                met,
                "≥ 1.0× the uncached figure measured when this issue starts",
            )
        )
        pure, both = mixed["pure"], mixed["mixed"]
        ratio = both["rps"] / pure["rps"]
        checks.append(
            (
                "mixed workload read throughput ÷ pure cached throughput",
                f"{ratio:.2f}, p99 {both['p99']:.1f} ms, {both['stale']} stale reads "
                f"({both['saves']} saves)",
                ratio >= 0.7 and both["p99"] < 50 and both["stale"] == 0 and both["saves"] > 0,
                "≥ 0.7, p99 < 50 ms, 0 stale reads",
            )
        )
        lowest = min(cached, key=lambda name: cached[name]["rps"])
        checks.append(
            (
                "cached ÷ static reference",
                f"lowest: {lowest}, {cached[lowest]['rps'] / static:.2f}",
                cached[lowest]["rps"] >= 0.9 * static,
                "≥ 0.9",
            )
        )
        if articles >= 100_000:
            slowest = max(searches, key=lambda query: searches[query]["p95"])
            text = f"slowest: {slowest}, {searches[slowest]['p95']:.1f} ms"
            met = searches[slowest]["p95"] < 50
        else:
            text, met = "measured with ARTICLES=100000 only", None
        checks.append(("search p95 at 100,000 articles, every fixed query", text, met, "< 50 ms"))
        homes = [name for name in ("home", "home (ja)") if name in uncached]
        checks.append(
            (
                "home HTML",
                ", ".join(f"{name} {uncached[name]['bytes'] / 1024:.1f} KB" for name in homes),
                all(uncached[name]["bytes"] <= 40 * 1024 for name in homes),
                "≤ 40 KB",
            )
        )
        over = [name for name, count in counts.items() if count > start_queries.get(name, count)]
        text = ", ".join(f"{name} {count}" for name, count in counts.items())
        text += f"; more than at the issue's start: {', '.join(over)}" if over else ""
        met = not over
        checks.append(
            ("queries per public page", text, met, "unchanged or fewer, pinned per page")
        )
        lines = ["## Targets", "", "| figure | this run | target | met |", "|---|---|---|---|"]
        for figure, measured, met, target in checks:
            verdict = "" if met is None else ("yes" if met else "**no**")
            lines.append(f"| {figure} | {measured} | {target} | {verdict} |")
        return lines

    def plans(self, targets):
        """
        EXPLAIN ANALYZE of every query on a large table that the measured
        pages make, and each page's number of queries.
        """
        client = Client(HTTP_HOST="127.0.0.1")
        lines = ["## Query plans", ""]
        counts = {}
        for name, url in targets.items():
            # Without caches, whatever the environment says: each query a page can make.
            with override_settings(PAGE_CACHE=False, FRAGMENT_CACHE=False):
                # Once to warm what each process loads on its first request.
                client.get(url)
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
            counts[name] = len(queries)
            lines += [f"### {name} (`{url}`)", ""]
            for query in queries.captured_queries:
                sql = query["sql"]
                if sql.startswith("EXPLAIN") or not any(table in sql for table in LARGE_TABLES):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN ANALYZE {query['sql']}")
                    plan = [row[0] for row in cursor.fetchall()]
                sql = " ".join(sql.split())
                lines += ["```", sql[:300] + ("…" if len(sql) > 300 else "")]
                lines += ["", *plan, "```", ""]
            self.progress(f"Abfragen {name}: {counts[name]}")
        return "\n".join(lines), counts

    @staticmethod
    def notes():
        notes = REPORT.with_name("performance-notes.md")
        return notes.read_text() if notes.exists() else ""

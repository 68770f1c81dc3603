"""
Developer tooling, not for a live site: measures the public pages under
gunicorn with wrk on 127.0.0.1 against a database of its own filled by
generate_bench_data, and writes the table to docs/performance.md. Run it
through ``make bench``.
"""

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
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from news.models import Article

REPORT = Path(settings.BASE_DIR) / "docs" / "performance.md"
REFERENCES = {"static": "/bench/static/", "rows": "/bench/rows/"}
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
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


def pages():
    articles = Article.objects.published().order_by("-publish_at")
    # A month from the middle of the archive: depth must not cost more.
    month = articles[articles.count() // 2].publish_at
    return {
        "home": "/",
        "news list": "/aktuelles/",
        "month archive": f"/aktuelles/{month:%Y}/{month:%m}/",
        "article": articles.first().get_absolute_url(),
        "city profile": "/staedte/tsukuba/",
        "search": "/suche/?q=Partnerschaft",
    }


def parse_wrk(output):
    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", output, re.M)
        value, unit = float(found.group(1)), found.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result = {
        "rps": rate,
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(errors.group(1)) if errors else 0,
    }
    # Exact percentiles in microseconds, where the Lua script printed them.
    for percent, micros in re.findall(r"^p(\d+) (\d+)$", output, re.M):
        result[f"p{percent}"] = int(micros) / 1000
    return result


class Command(BaseCommand):
    help = (
        "Misst die öffentlichen Seiten unter gunicorn mit wrk (nur 127.0.0.1) und schreibt "
        "die Tabelle nach docs/performance.md. Aufruf über make bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=10, help="Sekunden je Seite")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=4)

    def handle(self, *args, duration, connections, workers, **options):
        if shutil.which("wrk") is None:
            raise CommandError("wrk fehlt: apt-get install -y wrk")
        self.gunicorn = [
            sys.executable, "-m", "gunicorn", "partnership.wsgi", "--bind", "127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning",
        ]  # fmt: skip
        references = {f"reference ({name})": url for name, url in REFERENCES.items()}
        uncached = {"PAGE_CACHE": "false"}
        with self.serve(uncached) as base:
            results = self.measure(base, {**pages(), **references}, duration, connections)
            searches = {
                query: self.wrk(f"{base}/suche/?{urlencode({'q': query})}", duration, 1)
                for query in SEARCH_QUERIES
            }
        with self.serve({"PAGE_CACHE": "true", "REDIS_URL": BENCH_REDIS_URL}) as base:
            cached = self.measure(base, pages(), duration, connections, label=" (Seiten-Cache)")
        for name, result in cached.items():
            results[name]["cached_rps"] = result["rps"]
        report = self.report(results, searches, duration, connections, workers)
        REPORT.write_text("\n".join([report, self.notes(), self.plans()]))
        self.stdout.write(f"Ergebnis in {REPORT}")

    @contextmanager
    def serve(self, extra_env):
        """A fresh gunicorn with production settings and ``extra_env``."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {**os.environ, "BENCHMARK": "true", "DEBUG": "false", "CONN_MAX_AGE": "600"}
        env.update(extra_env)
        command = [part.format(port=port) for part in self.gunicorn]
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            self.wait_for(base)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)

    def measure(self, base, targets, duration, connections, label=""):
        results = {}
        for name, url in targets.items():
            # A short warm-up fills the workers' caches and connections.
            self.wrk(base + url, 2, connections)
            results[name] = self.wrk(base + url, duration, connections)
            results[name]["bytes"] = len(urlopen(base + url).read())
            self.stdout.write(f"{name}{label}: {results[name]['rps']:.0f} req/s")
        return results

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
                "wrk", "--latency", f"-t{min(2, connections)}", f"-c{connections}",
                f"-d{duration}s", "-s", script.name, url,
            ]  # fmt: skip
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return parse_wrk(output)

    def report(self, results, searches, duration, connections, workers):
        static, rows = results["reference (static)"], results["reference (rows)"]
        lines = [
            "# Performance",
            "",
            f"Measured by `make bench` on {date.today():%Y-%m-%d}. "
            f"{Article.objects.count():,} articles on PostgreSQL.".replace(",", "."),
            "",
            "Uncached unless marked; „cached“ is the page cache for anonymous visitors on Redis.",
            "",
            "| page | req/s | p50 ms | p99 ms | non-2xx | KB | ÷ rows ref. | cached req/s "
            "| cached ÷ static ref. |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, result in results.items():
            cached = result.get("cached_rps")
            cached_rps = f"{cached:.0f}" if cached else "–"
            cached_ratio = f"{cached / static['rps']:.2f}" if cached else "–"
            lines.append(
                f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} "
                f"| {result['errors']} | {result['bytes'] / 1024:.0f} "
                f"| {result['rps'] / rows['rps']:.2f} | {cached_rps} | {cached_ratio} |"
            )
        lines += [
            "",
            "## Search",
            "",
            "One connection at a time, so the times are those of a single search, not of a queue:",
            "",
            "| query | req/s | p50 ms | p95 ms | p99 ms | non-2xx |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for query, result in searches.items():
            lines.append(
                f"| {query} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p95']:.1f} "
                f"| {result['p99']:.1f} | {result['errors']} |"
            )
        lines += ["", *self.targets(results, searches)]
        lines += [
            "",
            "## Setup",
            "",
            f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
            f"- Python {platform.python_version()}, Django {django.get_version()}, "
            f"PostgreSQL {connection.cursor().connection.server_version}",
            f"- gunicorn: `{' '.join(self.gunicorn[2:]).format(port='PORT')}` "
            f"with {workers} sync workers",
            f"- wrk: `wrk --latency -t2 -c{connections} -d{duration}s URL` after a 2 s warm-up, "
            f"search `-t1 -c1 -d{duration}s`, all on 127.0.0.1, load generator and server "
            "sharing the machine's cores",
            "- Reference (static): a 20 KB template, no database. "
            "Reference (rows): ten rows of a 1,000-row table through a template.",
            "",
        ]
        return "\n".join(lines)

    @staticmethod
    def targets(results, searches):
        """The issue's targets against this run's figures."""
        static, rows = results["reference (static)"], results["reference (rows)"]
        uncached = ("home", "news list", "article", "city profile")
        slowest_uncached = min(uncached, key=lambda name: results[name]["rps"])
        slowest_cached = min(
            (name for name in results if "cached_rps" in results[name]),
            key=lambda name: results[name]["cached_rps"],
        )
        slowest_search = max(searches, key=lambda query: searches[query]["p95"])
        month_cost = results["news list"]["rps"] / results["month archive"]["rps"]
        checks = [
            (
                "Uncached home, news list, article, city ≥ ⅓ of the rows reference",
                f"lowest: {slowest_uncached}, "
                f"{results[slowest_uncached]['rps'] / rows['rps']:.2f}",
                results[slowest_uncached]["rps"] >= rows["rps"] / 3,
            ),
            (
                "Cached pages ≥ 80 % of the static reference",
                f"lowest: {slowest_cached}, "
                f"{results[slowest_cached]['cached_rps'] / static['rps']:.2f}",
                results[slowest_cached]["cached_rps"] >= 0.8 * static["rps"],
            ),
            (
                "Search p95 < 50 ms",
                f"slowest: {slowest_search}, {searches[slowest_search]['p95']:.1f} ms",
                searches[slowest_search]["p95"] < 50,
            ),
            (
                "Month archive ≤ 1.5 × the first news page",
                f"{month_cost:.2f} ×",
                month_cost <= 1.5,
            ),
            (
                "Article page ≤ 150 KB without its images",
                f"{results['article']['bytes'] / 1024:.0f} KB",
                results["article"]["bytes"] <= 150 * 1024,
            ),
        ]
        lines = ["## Targets", "", "| target | this run | met |", "|---|---|---|"]
        for target, measured, met in checks:
            lines.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
        return lines

    def plans(self):
        """EXPLAIN ANALYZE of every query on a large table that the measured pages make."""
        client = Client(HTTP_HOST="127.0.0.1")
        lines = ["## Query plans", ""]
        for name, url in pages().items():
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
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
        return "\n".join(lines)

    @staticmethod
    def notes():
        notes = REPORT.with_name("performance-notes.md")
        return notes.read_text() if notes.exists() else ""

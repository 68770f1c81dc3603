import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.request import urlopen

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from news.models import Article

REPORT = Path(settings.BASE_DIR) / "docs" / "performance.md"
REFERENCES = {"static": "/bench/static/", "rows": "/bench/rows/"}
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def pages():
    article = Article.objects.published().order_by("-publish_at").first()
    month = article.publish_at
    return {
        "home": "/",
        "news list": "/aktuelles/",
        "month archive": f"/aktuelles/{month:%Y}/{month:%m}/",
        "article": article.get_absolute_url(),
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
    return {
        "rps": rate,
        "p50": latency(50),
        "p99": latency(99),
        "errors": int(errors.group(1)) if errors else 0,
    }


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
        references = {f"reference ({name})": url for name, url in REFERENCES.items()}
        results, gunicorn = self.measure(
            {**pages(), **references}, {"PAGE_CACHE": "false"}, duration, connections, workers
        )
        cached, _command = self.measure(
            pages(),
            {"PAGE_CACHE": "true", "REDIS_URL": BENCH_REDIS_URL},
            duration,
            connections,
            workers,
        )
        for name, result in cached.items():
            results[name]["cached_rps"] = result["rps"]
        REPORT.write_text(self.report(results, duration, connections, workers, gunicorn))
        self.stdout.write(f"Ergebnis in {REPORT}")

    def measure(self, targets, extra_env, duration, connections, workers):
        """wrk against each target under a fresh gunicorn with ``extra_env``."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {**os.environ, "BENCHMARK": "true", "DEBUG": "false", "CONN_MAX_AGE": "600"}
        env.update(extra_env)
        gunicorn = [
            sys.executable, "-m", "gunicorn", "partnership.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning",
        ]  # fmt: skip
        server = subprocess.Popen(gunicorn, cwd=settings.BASE_DIR, env=env)
        base = f"http://127.0.0.1:{port}"
        label = " (Seiten-Cache)" if extra_env.get("PAGE_CACHE") == "true" else ""
        results = {}
        try:
            self.wait_for(base)
            for name, url in targets.items():
                # A short warm-up fills the workers' caches and connections.
                self.wrk(base + url, 2, connections)
                results[name] = parse_wrk(self.wrk(base + url, duration, connections))
                results[name]["bytes"] = len(urlopen(base + url).read())
                self.stdout.write(f"{name}{label}: {results[name]['rps']:.0f} req/s")
        finally:
            server.terminate()
            server.wait(timeout=30)
        return results, gunicorn

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
        command = ["wrk", "--latency", "-t2", f"-c{connections}", f"-d{duration}s", url]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def report(self, results, duration, connections, workers, gunicorn):
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
            "## Setup",
            "",
            f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
            f"- Python {platform.python_version()}, Django {django.get_version()}, "
            f"PostgreSQL {connection.cursor().connection.server_version}",
            f"- gunicorn: `{' '.join(gunicorn[2:])}` with {workers} sync workers",
            f"- wrk: `wrk --latency -t2 -c{connections} -d{duration}s URL` after a 2 s warm-up, "
            "all on 127.0.0.1, load generator and server sharing the machine's cores",
            "- Reference (static): a 20 KB template, no database. "
            "Reference (rows): ten rows of a 1,000-row table through a template.",
            "",
        ]
        return "\n".join(lines) + self.notes()

    @staticmethod
    def notes():
        notes = REPORT.with_name("performance-notes.md")
        return notes.read_text() if notes.exists() else ""

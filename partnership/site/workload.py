"""
Developer tooling, not part of the site: the mixed workload of ``make bench``.

Readers request public pages drawn from a fixed, weighted list while one
editor saves articles through the admin's own change form. A read sent after
a save's response arrived must not show that article's previous title or
teaser, on its page, the news list or home: such a read is stale.
"""

import http.client
import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from html import escape
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from core.templatetags.hyphenation import SOFT_HYPHEN

from .form_reader import AdminForm

# Each group's share of the reads in percent, split evenly among its
# addresses: the pages a visitor reaches first weigh most.
READ_SHARES = {
    "home": 20,
    "news list": 15,
    "20 newest articles": 35,
    "city profiles": 10,
    "partnerships": 10,
    "participate": 5,
    "searches": 5,
}


def weighted_urls(groups):
    """(url, weight) pairs: each group of READ_SHARES gets its share, split evenly."""
    pairs = []
    for name, share in READ_SHARES.items():
        urls = groups[name]
        pairs += [(url, share / len(urls)) for url in urls]
    return pairs


def percentile(values, percent):
    """The nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    rank = max(1, round(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def median_of(runs):
    """One figure per key: the median of the runs', errors, counts and lists added up."""
    summed = {"errors", "stale", "saves", "failed saves", "reads", "stale examples"}
    return {
        key: (
            sum((run[key] for run in runs), start=[] if isinstance(runs[0][key], list) else 0)
            if key in summed
            else statistics.median(run[key] for run in runs)
        )
        for key in runs[0]
    }


@dataclass
class Save:
    """A completed save: the article's page and its texts before the save."""

    url: str
    old_title: str
    old_teaser: str
    done_at: float


@dataclass
class Saves:
    """The saves done so far, for judging each read against them."""

    shared_urls: tuple  # pages that list the articles (home, news list)
    done: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, save):
        with self.lock:
            self.done.append(save)

    def is_stale(self, url, sent_at, body):
        """The save done before ``sent_at`` whose replaced text ``body`` (bytes) shows, or None."""
        with self.lock:
            done = [save for save in self.done if save.done_at < sent_at]
        latest = {}
        for save in done:
            # Only the latest save of each article defines what is out of date.
            latest[save.url] = save
        relevant = [save for save in latest.values() if url == save.url or url in self.shared_urls]
        # Long words carry soft hyphens on the public pages.
        text = body.decode().replace(SOFT_HYPHEN, "") if relevant else ""
        for save in relevant:
            if escape(save.old_title) in text or escape(save.old_teaser) in text:
                return save
        return None


def _request(connection, method, url, headers=None, body=None):
    connection.request(method, url, body=body, headers=headers or {})
    response = connection.getresponse()
    return response, response.read()


def _reader(host, port, urls, weights, seed, until, saves, out):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    latencies, errors, stale = [], 0, []
    while (sent_at := time.monotonic()) < until:
        url = rng.choices(urls, weights)[0]
        try:
            response, body = _request(connection, "GET", url)
        except (OSError, http.client.HTTPException):
            connection.close()
            errors += 1
            continue
        latencies.append(time.monotonic() - sent_at)
        if response.status != 200:
            errors += 1
        elif save := saves.is_stale(url, sent_at, body):
            stale.append((url, save.url, sent_at - save.done_at))
    connection.close()
    out.append({"latencies": latencies, "errors": errors, "stale": stale})


@dataclass
class Editor:
    """Saves one article after another through the admin's change form, as a browser does."""

    host: str
    port: int
    session_cookie: str  # "name=value" of a signed-in, verified session
    articles: list  # (admin change URL, public URL), saved round robin
    saves: Saves
    failed: int = 0
    position: int = 0
    cookies: dict = field(default_factory=dict)

    def save_next(self, marker):
        change_url, public_url = self.articles[self.position % len(self.articles)]
        self.position += 1
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            response, body = _request(connection, "GET", change_url, self._headers())
            if response.status != 200:
                self.failed += 1
                return
            self._keep_cookies(response)
            form = AdminForm(body.decode(), "article_form")
            fields = dict(form.fields)
            data = form.data(
                title=f"Geänderter Titel {marker}",
                teaser=f"Geänderter Anriss {marker}, gespeichert über das Formular.",
                _save="Sichern",
            )
            headers = {**self._headers(), "Content-Type": "application/x-www-form-urlencoded"}
            response, _body = _request(
                connection, "POST", change_url, headers, urlencode(data, doseq=True)
            )
            done_at = time.monotonic()
        except (OSError, http.client.HTTPException):
            self.failed += 1
            return
        finally:
            connection.close()
        # The admin redirects after a successful save and shows the form again after an error.
        if response.status != 302:
            self.failed += 1
            return
        self.saves.record(Save(public_url, fields["title_de"], fields["teaser_de"], done_at))

    def _headers(self):
        cookies = [self.session_cookie, *(f"{k}={v}" for k, v in self.cookies.items())]
        return {"Cookie": "; ".join(cookies)}

    def _keep_cookies(self, response):
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    def run(self, until, interval):
        number = 0
        while (now := time.monotonic()) < until:
            self.save_next(f"{time.time_ns()}-{number}")
            number += 1
            time.sleep(max(0.0, min(now + interval, until) - time.monotonic()))


def run_workload(base, urls, readers, duration, shared_urls, editor_setup=None, seed=0):
    """
    ``readers`` threads drawing from ``urls`` ((url, weight) pairs) for
    ``duration`` seconds; with ``editor_setup`` (the Editor's arguments after
    its Saves), one editor saving every five seconds beside them.
    """
    host, port = base.removeprefix("http://").split(":")
    port = int(port)
    saves = Saves(shared_urls=tuple(shared_urls))
    until = time.monotonic() + duration
    out = []
    paths, weights = zip(*urls, strict=True)
    threads = [
        threading.Thread(
            target=_reader, args=(host, port, paths, weights, seed + n, until, saves, out)
        )
        for n in range(readers)
    ]
    editor = None
    if editor_setup is not None:
        editor = Editor(host, port, *editor_setup, saves=saves)
        threads.append(threading.Thread(target=editor.run, args=(until, 5)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = [value * 1000 for result in out for value in result["latencies"]]
    return {
        "rps": len(latencies) / duration,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "reads": len(latencies),
        "errors": sum(result["errors"] for result in out),
        "stale": sum(len(result["stale"]) for result in out),
        # (page read, article saved, seconds from the save's response to the read)
        "stale examples": sorted(read for result in out for read in result["stale"])[:5],
        "saves": len(saves.done),
        "failed saves": editor.failed if editor else 0,
    }

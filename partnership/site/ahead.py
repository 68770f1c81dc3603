"""
Pages prepared ahead of a save's publication, so that visitors do not wait
for them.

Without this, every save that an editor makes moves the page cache's
version, and the next visitor of each page waits while it is rendered
again: on a working day, a burst of slow requests after every save. So a
save made in the admin is published in two steps at the end of its request
(page_cache.py): first the pages visitors ask for most are rendered with
the saved content and stored under a new version, then the version is
moved to it, in one step and only if no other save moved it meanwhile.

- Until the move, visitors are served the pages of before the save. The
  editor's save has not answered yet, so nobody can have seen it; once it
  has answered, every page shows it.
- If another save moved the version meanwhile, the prepared pages may
  lack that save's change: the version then moves past them, and they are
  never served.
- Which pages: those visitors asked for in the most versions lately, a
  tally in Redis. An address counts once when the page cache stores its
  page and once when a visitor is the first to get its prepared page after
  the switch: about once per version and process in which it was asked
  for. Each publication lets the counts fade, so an address nobody asks
  for any more drops out. At most ``PAGE_CACHE_PREPARE`` pages, and no new
  one after ``PAGE_CACHE_PREPARE_SECONDS``: the price is the editor's
  wait.
- Two saves at the same moment: the one that comes to switch second finds
  the version moved and moves it past both saves' prepared pages, so
  visitors wait for those pages as without preparation. Correct, only not
  faster.

It needs Redis (``swap`` and the tally, partnership/site/redis_cache.py);
with another cache, a save moves the version at once, as before.
"""

import io
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as memoize
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.utils import translation

from . import fragments
from .logs import PREPARED_AHEAD

TALLY_KEY = "page-cache:addresses"
READY_KEY = "{key}@{version}"
# Each publication leaves this share of every count: a page asked for in
# none of the last 30 or so versions drops out of the tally.
FADE = 0.9
FLOOR = 0.05
KEPT = 2000

_preparing = ContextVar("page_prepared_ahead", default=None)


def available():
    return bool(settings.PAGE_CACHE and settings.PAGE_CACHE_PREPARE) and hasattr(cache, "swap")


def preparing():
    """The version and fragment snapshot this request is rendered ahead for, or None."""
    return _preparing.get()


def ready_key(key, version):
    return READY_KEY.format(key=key, version=version)


def count(request):
    """Count a page's address as asked for in this version: just stored, or handed out prepared."""
    if available() and request.method == "GET":
        cache.tally(TALLY_KEY, request.build_absolute_uri())


def forget(request):
    """A prepared address that no longer answers with a page to store."""
    cache.untally(TALLY_KEY, request.build_absolute_uri())


def prepare(version):
    """
    Render the most asked-for pages with the content as committed now, for
    the page cache to store under ``version``. CacheUnavailable ends it.
    """
    snapshot = None
    if settings.FRAGMENT_CACHE:
        snapshot = fragments.Snapshot.from_found(
            version, cache.get_many(fragments.Snapshot.table_keys())
        )
    deadline = time.monotonic() + settings.PAGE_CACHE_PREPARE_SECONDS
    addresses = cache.most(TALLY_KEY, settings.PAGE_CACHE_PREPARE)
    # Each page activates its own language; the editor's request keeps its own.
    with translation.override(translation.get_language()):
        for address in addresses:
            if time.monotonic() > deadline:
                break
            with _rendering_ahead(version, snapshot):
                # Not closed: closing sends request_finished, which would
                # close the database connection the editor's request uses.
                _handler().get_response(request_for(address))
    cache.fade(TALLY_KEY, FADE, FLOOR, KEPT)


@contextmanager
def _rendering_ahead(version, snapshot):
    token = _preparing.set((version, snapshot))
    try:
        yield
    finally:
        _preparing.reset(token)


@memoize
def _handler():
    """Django's request handler with the site's middleware, for requests made here."""
    return WSGIHandler()


def request_for(address):
    """An anonymous GET of ``address`` (an absolute URL), as a visitor's browser sends it."""
    parts = urlsplit(address)
    secure = parts.scheme == "https"
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        # WSGI gives the path undecoded from UTF-8, as Latin-1.
        "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"),
        "QUERY_STRING": parts.query,
        "HTTP_HOST": parts.netloc,
        "SERVER_NAME": parts.hostname,
        "SERVER_PORT": str(parts.port or (443 if secure else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": parts.scheme,
        "wsgi.input": io.BytesIO(),
        PREPARED_AHEAD: True,
    }
    return WSGIRequest(environ)

"""
A page cache for anonymous visitors that never serves stale visibility.

- Every save or delete of content bumps a version stored with each page, and
  a page of an older version is not served, so an edit in the admin shows on
  the next request, from any process. The bump happens after the save's
  transaction commits: bumped earlier, a request running between bump and
  commit would render the old rows and store them under the new version.
  In an editor's request, it happens once, at the request's end, after the
  pages visitors ask for most were rendered for the new version (ahead.py).
- A cached page lives no longer than the next scheduled publish_at or
  unpublish_at, so scheduling works by the clock here too; a page whose
  rendering such a moment interrupted is not stored at all.
- Only requests without a session cookie are served from it, and only plain
  200 responses without cookies or private caching are stored: staff never
  receive a cached page and never put one in.

It is on when the cache is shared by all processes (REDIS_URL); a per-process
cache would let one process serve a page another has already replaced.

Redis is an accelerator, never a dependency. While it cannot be reached
(``CacheUnavailable``, see partnership/site/redis_cache.py) pages are rendered and
served uncached, and saves succeed: a bump that fails never fails a save.

How stale a page can get, precisely: every page is stored with a Redis
expiry of at most ``PAGE_CACHE_SECONDS``, and Redis keeps expiries as points
in time, also across a restart with its old data (RDB or AOF). A page
rendered before a save was stored at the latest one page render after that
save's commit, so it is served at most ``PAGE_CACHE_SECONDS`` (plus that
render time) after the commit, whatever happened to the bump. Usually far
less: a bump that failed is owed by its process and paid before its first
Redis call after the pause. A hit stays one Redis round trip (version and
page in one MGET); a marker kept in the database would cost a query on
every hit for a bound the expiry already gives.
"""

import hashlib
import secrets
import time
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response

from core.urlwords import word
from news.models import Article

from . import ahead, fragments
from .models import Page, site_state
from .redis_cache import CacheUnavailable

VERSION_KEY = "page-cache:version"
CONTENT_APPS = ("cities", "news", "partnership", "site")
# The editors' requests: their changes are published at their end.
EDITING_PREFIX = "/admin/"
SKIPPED_PREFIXES = (EDITING_PREFIX, "/media/", "/static/", "/bench/", "/healthz/")
# Shared preview links, in the words of every language.
PREVIEW_SEGMENTS = tuple(f"/{word('vorschau', code)}/" for code in settings.CONTENT_LANGUAGES)
UNCACHEABLE = ("private", "no-store", "no-cache")
STORED_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "X-Frame-Options",
    "X-Robots-Tag",
    "Vary",
    # Validators and caching rules of the open-data files (partnership/site/opendata/).
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Link",
)


class _Owed:
    """Set when a bump could not reach the cache; paid by the next call that can."""

    bump = False


class _Publication:
    """An editor's request, and whether it has committed a change to publish at its end."""

    due = False


_editing = ContextVar("page_cache_editing", default=None)


def bump_version(sender, using=None, **kwargs):
    tables = fragments.tables_of(sender)
    transaction.on_commit(lambda: committed(tables), using=using)


def bump_version_for_links(sender, instance, model, using=None, **kwargs):
    tables = fragments.tables_of(type(instance), model)
    transaction.on_commit(lambda: committed(tables), using=using)


def committed(tables):
    """
    A change is committed: the tables' versions move now; the pages' now
    too, or, in an editor's request, once at its end (``published_after``).
    """
    publication = _editing.get()
    if publication is None:
        increment_version(tables)
    else:
        fragments.increment(tables)
        publication.due = True


def new_version():
    """
    A page version no other bump makes, so that pages prepared for one
    (ahead.py) are never served under another's.
    """
    return secrets.randbits(62)


def increment_version(tables=()):
    """
    Move the versions of the fragments' ``tables`` on, then the pages'. In
    this order: a page rendered between the two steps would otherwise be
    stored under the new page version with a fragment of an old table
    version, and served until the next save.
    """
    fragments.increment(tables)
    try:
        cache.set(VERSION_KEY, new_version(), timeout=None)
    except CacheUnavailable:
        _Owed.bump = True
    else:
        _Owed.bump = False


@contextmanager
def published_after():
    """
    Moves the pages' version once at the end of an editor's request that
    committed changes, after preparing the pages visitors ask for most
    (ahead.py). The tables' versions have moved at each commit.
    """
    publication = _Publication()
    token = _editing.set(publication)
    try:
        yield
    finally:
        _editing.reset(token)
        if publication.due:
            publish()


def publish():
    try:
        version = cache.get(VERSION_KEY)
        if version is not None and ahead.available():
            prepared = new_version()
            ahead.prepare(prepared)
            # Only if no other save moved the version meanwhile: its change
            # may be missing from the prepared pages.
            if cache.swap(VERSION_KEY, version, prepared):
                _Owed.bump = False
                return
        cache.set(VERSION_KEY, new_version(), timeout=None)
    except CacheUnavailable:
        _Owed.bump = True
    else:
        _Owed.bump = False


def content_version():
    """The version pages and per-process copies are checked against; None while Redis is away."""
    snapshot = fragments.current()
    if snapshot is not None:
        # Read with the request's page, in the same round trip.
        return snapshot.content_version
    try:
        fragments.pay_owed()
        if _Owed.bump:
            increment_version()
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, new_version(), timeout=None)
            version = cache.get(VERSION_KEY)
    except CacheUnavailable:
        return None
    return version


def connect_signals():
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            post_save.connect(bump_version, sender=model, dispatch_uid=f"page-cache-{model}")
            post_delete.connect(bump_version, sender=model, dispatch_uid=f"page-cache-d-{model}")
    m2m_changed.connect(bump_version_for_links, dispatch_uid="page-cache-m2m")


class _NextChange:
    """
    The next change by the clock, as last read: the moment it was looked
    for from, and the content version it was read at.
    """

    version = None
    after = None
    moment = None


def seconds_until_next_change(version=None, since=None):
    """
    How long a page or fragment may be kept: until the next change by the
    clock (an article's or a free page's publish_at or unpublish_at, a
    notice's start or end), at most the setting. ``since`` is when its
    rendering began: a change by the clock since then may have come after
    what it read, so it is not kept at all (0). Read once per content
    ``version`` and process, while that moment lies ahead.
    """
    now = timezone.now()
    since = min(since or now, now)
    known = (
        version is not None
        and version == _NextChange.version
        and _NextChange.after <= since
        and (_NextChange.moment is None or _NextChange.moment > since)
    )
    if not known:
        changes = [
            Article.objects.next_visibility_change(since),
            Page.objects.next_visibility_change(since),
            site_state().next_change(since),
        ]
        _NextChange.version, _NextChange.after = version, since
        _NextChange.moment = min((point for point in changes if point is not None), default=None)
    change = _NextChange.moment
    if change is None:
        return settings.PAGE_CACHE_SECONDS
    if change <= now:
        return 0
    return min(settings.PAGE_CACHE_SECONDS, int((change - now).total_seconds()) + 1)


class PageCacheMiddleware:
    """
    Serves and stores pages; for the requests it would serve, also takes the
    versions their fragments are stamped with (fragments.py), in the same
    round trip as the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (ahead_of := ahead.preparing()) is not None:
            return self.prepare(request, *ahead_of)
        if request.path.startswith(EDITING_PREFIX):
            with published_after():
                return self.get_response(request)
        if not self.anonymous_request(request):
            return self.get_response(request)
        page_cache = settings.PAGE_CACHE
        key = self.key(request)
        try:
            version, stored, snapshot, found = self.lookup(key, page_cache)
        except CacheUnavailable:
            return self.get_response(request)
        if stored is not None and stored[0] == version:
            return self.rebuild(request, stored)
        if page_cache and (prepared := self.prepared(request, key, version)) is not None:
            return self.rebuild(request, prepared)
        began = timezone.now()
        with fragments.rendering_with(snapshot, address=key, found=found):
            response = self.get_response(request)
        if page_cache and self.cacheable_response(response):
            response["X-Page-Cache"] = "miss"
            with suppress(CacheUnavailable):
                if timeout := seconds_until_next_change(version, since=began):
                    cache.set(key, self.freeze(response, version), timeout=timeout)
                    ahead.count(request)
        return response

    def prepare(self, request, version, snapshot):
        """Render a page ahead of ``version`` (ahead.py) and store it for that version."""
        key = self.key(request)
        began = timezone.now()
        with fragments.rendering_with(snapshot, address=key):
            response = self.get_response(request)
        # Redis failing here fails the publication, which then owes its bump.
        with suppress(CacheUnavailable):
            if not self.cacheable_response(response):
                ahead.forget(request)
            elif timeout := seconds_until_next_change(version, since=began):
                # Its expiry goes with it: kept as the page later, it must
                # not live longer than it would have here.
                ready = (self.freeze(response, version), time.time() + timeout)
                cache.set(ahead.ready_key(key, version), ready, timeout=timeout)
        return response

    @staticmethod
    def prepared(request, key, version):
        """
        The page prepared for ``version`` (ahead.py), or None. The first
        visitor after the switch makes it the page, for every process, and
        counts it as asked for in this version, as a page stored would be.
        """
        with suppress(CacheUnavailable):
            ready_key = ahead.ready_key(key, version)
            ready = cache.get(ready_key)
            if ready is None:
                return None
            stored, expires_at = ready
            timeout = int(expires_at - time.time())
            if timeout > 0:
                cache.set(key, stored, timeout=timeout)
            cache.delete(ready_key)
            ahead.count(request)
            return stored
        return None

    @staticmethod
    def lookup(key, page_cache):
        """
        The current version, the page stored at ``key`` if ``page_cache``
        (or None), the fragments' snapshot (or None) and, without the page
        cache, the fragments the page showed last time (none with it; None
        without fragments): one round trip.
        """
        # The tables before the pages, as in increment_version().
        fragments.pay_owed()
        if _Owed.bump:
            increment_version()
        # A page stored under an older version is stale. The version read
        # here is stored with the new page, so an edit committed while it
        # renders makes it stale at once.
        keys = [VERSION_KEY]
        if page_cache:
            keys.append(key)
        remembered = ()
        if settings.FRAGMENT_CACHE:
            keys += fragments.Snapshot.table_keys()
            if not page_cache:
                # Every request renders its page. With the page cache most
                # are served the page, and would send these keys for nothing.
                remembered = fragments.learned(key)
        found = cache.get_many([*keys, *remembered])
        stored = found.get(key) if page_cache else None
        version = found.get(VERSION_KEY)
        if version is None:
            # First request, or the key was evicted. A new random number:
            # pages stored under an earlier one must not match again. Should
            # another process start it meanwhile, pages stored under this
            # one are merely never served.
            version = new_version()
            cache.add(VERSION_KEY, version, timeout=None)
        if not settings.FRAGMENT_CACHE:
            return version, stored, None, None
        snapshot = fragments.Snapshot.from_found(version, found)
        return version, stored, snapshot, {piece: found.get(piece) for piece in remembered}

    @staticmethod
    def anonymous_request(request):
        """A request for a live public page by a visitor without a session."""
        return (
            (settings.PAGE_CACHE or settings.FRAGMENT_CACHE)
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIPPED_PREFIXES)
            and not any(segment in request.path for segment in PREVIEW_SEGMENTS)
        )

    @staticmethod
    def cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in UNCACHEABLE)
        )

    @staticmethod
    def key(request):
        # This runs before LocaleMiddleware; the language a page is rendered
        # in follows from its path alone (never from Accept-Language), so it
        # is read from there.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        location = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(location.encode()).hexdigest()
        return f"page-cache:{language}:{request.method}:{digest}"

    @staticmethod
    def freeze(response, version):
        headers = {name: response[name] for name in STORED_HEADERS if name in response}
        return (version, response.status_code, headers, response.content)

    @staticmethod
    def rebuild(request, stored):
        """The stored page; a 304 where the request already holds it (its ETag)."""
        _version, status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

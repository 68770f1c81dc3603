"""
Rendered pieces of the public pages, kept in the shared cache and keyed by
everything they show ("Russian-doll" caching), so that a page the page
cache no longer holds after a save is put together mostly from pieces that
the save did not touch.

- A fragment is stored under a key that names what it shows: the fragment,
  the language, the deployment (the static files' manifest) and the rows
  or other values it is given (an article, a page's address). With it is
  stored its stamp: the versions of everything it shows, namely of the rows
  it is given (an article's own ``version``) and, for what it lists or
  shows of other tables, the version of each such table. A table's version
  moves after every committed save, delete or many-to-many change of one of
  its rows (``FRAGMENTS`` below names the tables of every fragment; the
  page cache's signal handlers move them). A fragment is used only where
  its stamp is the one the request computes, so a fragment of an older
  state is never shown; the next render replaces it.
- Keys that name no version can be known before a page renders: each
  process remembers, per address, the keys its page looked up when it last
  met a piece it had not looked up before. Without the page cache a
  request reads them where it starts, in the round trip that reads the
  versions (page_cache.py); with it, at the page's first lookup, since a
  request that is served the stored page needs none. Pieces rendered are
  stored in one round trip too, when the page is done, and not at all if
  a change by the clock came while it rendered.
- The versions a request uses are read once, when it starts, before any of
  its queries (``Snapshot``; with the page cache, in the same round trip as
  the page). A save committed while the request runs moves a version past
  the one the request uses, so whatever the request stores carries a stamp
  no later request computes. Reading them later would let a request that
  had read the old rows store them with the new stamp.
- A fragment lives no longer than a cached page: until the next scheduled
  publish_at or unpublish_at, at most ``FRAGMENT_CACHE_SECONDS``. So a save
  made while Redis could not be reached shows after that time at the
  latest, as pages do (see page_cache.py).
- Fragments are only used for the requests the page cache would answer:
  anonymous, without a session, not a preview. Pages that show anything
  not live (staff previews, proposed changes, shared preview links) neither
  read nor write them: the request takes no snapshot, and a template
  context with ``is_preview`` turns them off as well.
- Redis is an accelerator here too: while it is away, every fragment is
  rendered, and a failed version bump is owed until Redis answers again.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone, translation

from core.versioning import VersionedModel

from .redis_cache import CacheUnavailable

TABLE_KEY = "fragment:table:{}"
FRAGMENT_KEY = "fragment:{name}:{language}:{digest}"


@dataclass(frozen=True)
class Fragment:
    """
    What a fragment shows besides the rows it is given: the tables (model
    labels) whose rows it lists or displays. A row given to it that has no
    ``version`` of its own is stamped with its table's version, or with the
    content version where no fragment lists its table; a QuerySet of rows
    with versions with their keys and versions.
    """

    tables: tuple[str, ...] = ()
    # Whether its template lists the QuerySet it is given: where nothing is
    # stored, the rows are then read once, for the stamp and for the list,
    # instead of their keys and versions first and the rows again.
    lists_given_rows: bool = False


# What Partnership.objects.with_details() reads of a partnership: status
# history, ties, agreements with their cooperation areas, projects and
# events with theirs, and contacts.
PARTNERSHIP_DETAILS = (
    "partnership.statuschange",
    "partnership.institutionaltie",
    "partnership.agreement",
    "partnership.cooperationarea",
    "partnership.project",
    "partnership.contact",
)

# Every fragment and the tables it shows. The templates name the fragment
# and pass the rows it is about; tests check each dependency.
FRAGMENTS = {
    # The site's name, main menu and search, and the footer: the site
    # settings and the free pages in the menus. Keyed by the page's address
    # and view, which mark the current menu entry.
    "site-header": Fragment(tables=("site.sitesettings", "site.page")),
    "site-footer": Fragment(tables=("site.sitesettings", "site.page")),
    # One article in a list: image, date, title, lead; all on its row.
    "teaser": Fragment(),
    # The newest articles on the home page.
    "latest-news": Fragment(tables=("news.article",)),
    # A page of a news list, with the archive's years: keyed by its address
    # (page, year, month, category, city or cooperation area).
    "news-list": Fragment(
        tables=(
            "news.article",
            "news.category",
            "cities.city",
            "partnership.cooperationarea",
        )
    ),
    # An article's page: the article with its categories, cities,
    # partnerships (with their partner cities) and cooperation areas.
    "article": Fragment(
        tables=(
            "news.category",
            "cities.city",
            "partnership.partnership",
            "partnership.cooperationarea",
        )
    ),
    # The partner cities' cards and the map on the home page.
    "partner-cities": Fragment(tables=("partnership.partnership", "cities.city")),
    # The next events on the home page.
    "upcoming-events": Fragment(
        tables=(
            "partnership.project",
            "partnership.partnership",
            "partnership.cooperationarea",
            "cities.city",
        )
    ),
    # A city's page: its partnerships with their details. Its latest news
    # are given as rows, and listed.
    "city": Fragment(
        tables=("cities.city", "partnership.partnership", *PARTNERSHIP_DETAILS),
        lists_given_rows=True,
    ),
    # A partnership's page: its cities and details. The news in its
    # chronicle are given as rows (its news section shows the newest five
    # of them), and the demo state, which the chronicle mentions.
    "partnership": Fragment(tables=("cities.city", *PARTNERSHIP_DETAILS)),
}


# Not a table: a version every fragment is stamped with, moved by changes made
# without a save, such as make_renditions writing new image sizes.
EVERY_FRAGMENT = "*"


@memoize
def tracked_tables():
    """The model labels whose versions fragments are stamped with, and EVERY_FRAGMENT."""
    labels = {label for fragment in FRAGMENTS.values() for label in fragment.tables}
    return (*sorted(labels), EVERY_FRAGMENT)


@memoize
def deployment():
    """The static files' manifest hash: a new deployment starts with new fragments."""
    return getattr(staticfiles_storage, "manifest_hash", "") or "dev"


class Snapshot:
    """
    The versions one request renders with, read when it started: the
    content version of the page cache and the tables' versions.
    """

    def __init__(self, content_version, tables):
        self.content_version = content_version
        self.tables = tables
        # Tables move at a save's commit, the content version at the end of
        # the request that saved (page_cache.py): a state moves with both.
        self.state = (content_version, *tables.values())

    @staticmethod
    def table_keys():
        return [TABLE_KEY.format(label) for label in tracked_tables()]

    @classmethod
    def from_found(cls, content_version, found):
        """The snapshot in ``found`` (from a get_many with ``table_keys()``)."""
        missing = [key for key in cls.table_keys() if key not in found]
        for key in missing:
            # Not at 1: a version evicted from Redis must not start again at
            # a number whose fragments may still be stored.
            cache.add(key, time.time_ns(), timeout=None)
        if missing:
            found = {**found, **cache.get_many(missing)}
        tables = {label: found.get(TABLE_KEY.format(label)) for label in tracked_tables()}
        return cls(content_version, tables)

    def entry(self, name, parts):
        """The fragment's key and its stamp."""
        return self.key(name, parts), self.stamp(name, parts)

    def key(self, name, parts):
        """The fragment's key, from what it shows."""
        shown = [deployment(), *(self.identity(part) for part in parts)]
        # A digest keeps the key short whatever it names.
        digest = hashlib.sha256(";".join(shown).encode()).hexdigest()
        return FRAGMENT_KEY.format(name=name, language=translation.get_language(), digest=digest)

    def stamp(self, name, parts, read=False):
        """
        The versions of what the fragment shows. ``read``: the rows of a
        QuerySet among ``parts`` are read whole, for a fragment about to be
        rendered from them, rather than only their keys and versions.
        """
        fragment = FRAGMENTS[name]
        stamp = [f"{label}={self.tables[label]}" for label in (*fragment.tables, EVERY_FRAGMENT)]
        stamp += [self.version(part, read) for part in parts]
        return ";".join(stamp)

    @classmethod
    def identity(cls, value):
        """What ``value`` names."""
        if isinstance(value, QuerySet) and issubclass(value.model, VersionedModel):
            # Which rows it holds is part of the stamp, not the key.
            return value.model._meta.label_lower + "[]"
        if isinstance(value, QuerySet | list | tuple):
            return "[" + ",".join(cls.identity(item) for item in value) + "]"
        meta = getattr(value, "_meta", None)
        return str(value) if meta is None else f"{meta.label_lower}:{value.pk}"

    def version(self, value, read=False):
        """The version ``value`` is at."""
        if isinstance(value, QuerySet) and issubclass(value.model, VersionedModel):
            # The rows a fragment lists, such as a page's latest news: a save
            # of a row it does not list leaves the fragment as it is. Their
            # keys and versions are read, not the rows, unless the fragment
            # is rendered from them anyway.
            if read:
                rows = [(row.pk, row.version) for row in value]
            else:
                rows = value.values_list("pk", "version")
            return ",".join(f"{pk}:{version}" for pk, version in rows)
        if isinstance(value, QuerySet | list | tuple):
            return "[" + ",".join(self.version(item) for item in value) + "]"
        meta = getattr(value, "_meta", None)
        if meta is None:
            return ""
        version = getattr(value, "version", None)
        if version is not None:
            return str(version)
        if meta.label_lower in self.tables:
            return f"@{self.tables[meta.label_lower]}"
        # A row of a table no fragment lists: every save of content moves
        # the content version, so that is the version it is at.
        return f"@content:{self.content_version}"


class Rendering:
    """
    One page's use of the fragments: what it found, what it rendered to
    store once it is done, and the keys it looked up, for the next render
    of its address.
    """

    def __init__(self, snapshot, address=None, found=None):
        self.snapshot = snapshot
        self.address = address
        self.began = timezone.now()
        self.remembered = learned(address)
        # Pieces read with the snapshot (None for those not stored), by key.
        self.found = dict(found or {})
        self.looked_up = []
        self.rendered = {}

    def fetch(self, keys):
        """What is stored under ``keys``, by key: stamp and piece, or None."""
        keys = list(keys)
        # The page's first lookup asks for every key the page had when last rendered too.
        asked = keys if self.looked_up else [*keys, *self.remembered]
        wanted = [key for key in dict.fromkeys(asked) if key not in self.found]
        if wanted:
            self.found.update(dict.fromkeys(wanted))
            with suppress(CacheUnavailable):
                self.found.update(cache.get_many(wanted))
        self.looked_up += keys
        return {key: self.found[key] for key in keys}

    def lookup(self, entries):
        """The stored pieces, by key, among ``entries`` (key and stamp) with their stamps."""
        stored = self.fetch(key for key, _stamp in entries)
        return {
            key: stored[key][1]
            for key, stamp in entries
            if stored[key] is not None and stored[key][0] == stamp
        }

    def store(self, key, stamp, html):
        self.found[key] = self.rendered[key] = (stamp, html)

    def finish(self):
        """Store what was rendered; remember the keys if any was new."""
        if self.rendered:
            store(self.rendered, self.snapshot, since=self.began)
        # A render that found a piece does not look inside it, so it may
        # ask for fewer keys than the page has: only new ones tell that
        # the page's pieces changed, and a render that met a new piece
        # rendered it, so it asked for every key inside.
        if self.address is not None and not set(self.looked_up) <= set(self.remembered):
            learn(self.address, self.looked_up)


_current = ContextVar("fragment_rendering", default=None)


def current():
    """This request's snapshot, or None where fragments are not used."""
    rendering = _current.get()
    return None if rendering is None else rendering.snapshot


def rendering():
    """This request's use of the fragments (``Rendering``), or None."""
    return _current.get()


@contextmanager
def rendering_with(snapshot, address=None, found=None):
    """
    Render with ``snapshot``; ``address`` names the page, whose keys are then
    remembered, and ``found`` holds its remembered pieces where they were
    read with the snapshot.
    """
    page = None if snapshot is None else Rendering(snapshot, address, found)
    token = _current.set(page)
    try:
        yield
    finally:
        _current.reset(token)
    if page is not None:
        page.finish()


def store(fragments, snapshot, since):
    """
    Keep ``fragments``, rendered from ``since`` on, as long as a page, at
    most FRAGMENT_CACHE_SECONDS (0: not at all).
    """
    # Here, not at the top: page_cache.py takes the snapshots.
    from .page_cache import seconds_until_next_change

    seconds = min(
        settings.FRAGMENT_CACHE_SECONDS,
        seconds_until_next_change(snapshot.content_version, since=since),
    )
    if seconds > 0:
        with suppress(CacheUnavailable):
            cache.set_many(fragments, timeout=seconds)


class _Learned:
    """Per address, the keys its page looked up when it last met a new piece, latest used last."""

    keys = OrderedDict()
    # For a gunicorn run with threads.
    lock = threading.Lock()


# Addresses whose keys a process remembers, the least recently asked for
# forgotten first: at up to 50 keys a page, about 3 MB.
LEARNED_ADDRESSES = 500


def learned(address):
    with _Learned.lock:
        keys = _Learned.keys.get(address, ())
        if keys:
            _Learned.keys.move_to_end(address)
        return keys


def learn(address, keys):
    with _Learned.lock:
        _Learned.keys[address] = tuple(dict.fromkeys(keys))
        _Learned.keys.move_to_end(address)
        while len(_Learned.keys) > LEARNED_ADDRESSES:
            _Learned.keys.popitem(last=False)


# --- Versions move with saves ------------------------------------------------


class _Owed:
    """Tables whose bump could not reach the cache; paid before the next snapshot."""

    tables = set()


def pay_owed():
    if _Owed.tables:
        owed, _Owed.tables = _Owed.tables, set()
        increment(owed)


def increment(labels):
    """
    Move the tables' versions on: page_cache.py calls it after a commit,
    before it moves the pages' version, for the reason given there.
    """
    for label in labels:
        key = TABLE_KEY.format(label)
        try:
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, time.time_ns(), timeout=None)
        except CacheUnavailable:
            _Owed.tables.add(label)


def tables_of(*models):
    """The labels, among the tracked tables, of ``models``: what a change to them moves."""
    return {model._meta.label_lower for model in models} & set(tracked_tables())


# --- Small tables, held per content version -----------------------------------


class _Held:
    """Values this process read at one state of the content (``Snapshot.state``)."""

    state = None
    values = {}


def held(name, load):
    """
    ``load()``, read once per state of the content and process where the
    request has a snapshot: for rows of small tables that many pages show,
    such as the home city. A value read while a save commits is kept under
    the state read before it, which that save has already left behind.
    """
    snapshot = current()
    if snapshot is None:
        return load()
    if _Held.state != snapshot.state:
        _Held.state, _Held.values = snapshot.state, {}
    if name not in _Held.values:
        _Held.values[name] = load()
    return _Held.values[name]

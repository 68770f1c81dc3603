"""
Fragments of the public pages (partnership/site/fragments.py): a save shows
on the next request, in every fragment that shows what was saved.
"""

import threading
import time
from collections import OrderedDict
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
import redis
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cities.models import City
from news.models import Article, LegacyRedirect, PreviewLink
from partnership.site import fragments, page_cache, redis_cache
from partnership.site.models import Page, SiteSettings
from partnership.site.templatetags.fragments import FragmentNode
from tests import servers
from tests.admin_forms import change_form
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    ContactFactory,
    CooperationAreaFactory,
    EventFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    """Fragments without the page cache: every request renders its page."""
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True
    cache.clear()
    yield
    cache.clear()


def stored_fragments():
    # LocMemCache's own table: the keys of the rendered pieces, not of versions.
    return [key for key in cache._cache if ":fragment:" in key and ":fragment:table:" not in key]


@pytest.fixture
def scene():
    """An article linked to everything an article page shows, and what the home page shows."""
    home = HomeCityFactory(latitude=51.48, longitude=7.22)
    partner = CityFactory(name="Sheffield", latitude=53.38, longitude=-1.47)
    association = ContactFactory(name="Freundeskreis Sheffield")
    partnership = PartnershipFactory(home_city=home, partner_city=partner, association=association)
    category = CategoryFactory(name="Jugend")
    area = CooperationAreaFactory(name="Bildung")
    article = ArticleFactory(title="Schüleraustausch")
    article.categories.add(category)
    article.cities.add(partner)
    article.partnerships.add(partnership)
    article.cooperation_areas.add(area)
    event = EventFactory(partnership=partnership, title="Bürgerfahrt nach Sheffield")
    agreement = AgreementFactory(partnership=partnership, title="Partnerschaftsurkunde")
    project = ProjectFactory(partnership=partnership, title="Jugendorchester")
    site_settings = SiteSettings.objects.create(city_name="Bochum", operator_name="Stadt Bochum")
    return {
        "site_settings": site_settings,
        "home": home,
        "partner": partner,
        "partnership": partnership,
        "category": category,
        "area": area,
        "article": article,
        "event": event,
        "agreement": agreement,
        "project": project,
        "association": association,
    }


def test_a_second_request_is_put_together_from_stored_fragments(client, fragments_on, scene):
    url = scene["article"].get_absolute_url()
    first = client.get(url)
    assert stored_fragments()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.content == first.content
    # The article itself; its categories, cities, partnerships and
    # cooperation areas (four queries) come with the stored fragment.
    assert len(queries) == 1, [query["sql"] for query in queries]


def rename(attribute, value):
    def change(scene, key):
        row = scene[key]
        setattr(row, attribute, value)
        row.save()

    return change


def unpublish(scene, key):
    scene[key].published = False
    scene[key].save()


def delete(scene, key):
    scene[key].delete()


def add_footer_page(scene, key):
    Page.objects.create(
        title="Kontakt", body="<p>Kontakt</p>", status=Page.Status.PUBLISHED, menu=Page.Menu.FOOTER
    )


def link_city_from_its_side(scene, key):
    CityFactory(name="Oviedo").articles.add(scene[key])


def link_area_to_agreement(scene, key):
    scene[key].cooperation_areas.add(scene["area"])


def add_status_change(scene, key):
    StatusChangeFactory(partnership=scene[key], note="Pause wegen der Pandemie")


def add_tie(scene, key):
    scene[key].institutional_ties.create(
        home_institution="Ruhr-Universität", partner_institution="University of Sheffield"
    )


def tag_new_article_with_city(scene, key):
    ArticleFactory(title="Stadtfest in Sheffield").cities.add(scene[key])


def article_url(scene):
    return scene["article"].get_absolute_url()


def city_url(scene):
    return scene["partner"].get_absolute_url()


def home_url(scene):
    return "/"


def partnership_link(scene):
    return f'href="{scene["partnership"].get_absolute_url()}"'


def article_link(scene):
    # Not its title: the scene's project is of the kind "Schüleraustausch" too.
    return f'href="{scene["article"].get_absolute_url()}"'


def partnership_url(scene):
    return scene["partnership"].get_absolute_url()


def news_url(scene):
    return reverse("news:list")


# (page, what changes, the row, the text the page must show, or lose)
DEPENDENCIES = {
    "article page: the article": (article_url, rename("title", "Neu"), "article", "Neu", True),
    "article page: a category": (
        article_url, rename("name", "Kultur"), "category", "Kultur", True
    ),
    "article page: a city": (article_url, rename("name", "Sheffeld"), "partner", "Sheffeld", True),
    "article page: a partnership": (
        article_url, unpublish, "partnership", partnership_link, False
    ),
    "article page: a cooperation area": (
        article_url, rename("name", "Sport"), "area", "Sport", True
    ),
    "article page: linked from the city's side": (
        article_url, link_city_from_its_side, "article", "Oviedo", True
    ),
    "every page's header: the site settings": (
        news_url, rename("city_name", "Ruhrstadt"), "site_settings", "Ruhrstadt", True
    ),
    "every page's footer: the site settings": (
        article_url, rename("operator_name", "Verwaltung"), "site_settings", "Verwaltung", True
    ),
    "every page's footer: a free page in its menu": (
        home_url, add_footer_page, "site_settings", ">Kontakt</a>", True
    ),
    "home: an article": (home_url, rename("title", "Neu"), "article", "Neu", True),
    "home: an article deleted": (home_url, delete, "article", "Schüleraustausch", False),
    "home: a partner city": (home_url, rename("name", "Sheffeld"), "partner", "Sheffeld", True),
    "home: a partnership": (home_url, unpublish, "partnership", "Sheffield", False),
    "home: an event": (home_url, rename("title", "Stadtfahrt"), "event", "Stadtfahrt", True),
    "news list: an article": (news_url, rename("title", "Neu"), "article", "Neu", True),
    "news list: an article deleted": (news_url, delete, "article", "Schüleraustausch", False),
    "city page: the city": (
        city_url, rename("summary", "Stahlstadt"), "partner", "Stahlstadt", True
    ),
    # Outside the fragment, from the city held between saves.
    "city page: the city's name in the title": (
        city_url, rename("name", "Sheffeld"), "partner", "<title>Sheffeld", True
    ),
    "city page: an agreement": (
        city_url, rename("title", "Neue Urkunde"), "agreement", "Neue Urkunde", True
    ),
    "city page: an event": (city_url, rename("title", "Stadtfahrt"), "event", "Stadtfahrt", True),
    "city page: an article": (city_url, rename("title", "Neu"), "article", "Neu", True),
    "city page: an article deleted": (city_url, delete, "article", article_link, False),
    "city page: an article tagged with the city": (
        city_url, tag_new_article_with_city, "partner", "Stadtfest in Sheffield", True
    ),
    "partnership page: the partnership": (
        partnership_url, rename("summary", "Stahlfreunde"), "partnership", "Stahlfreunde", True
    ),
    # In the page's heading and fact box: the title and breadcrumbs, outside
    # the fragment, name the cities too.
    "partnership page: the home city": (
        partnership_url, rename("name", "Herne"), "home", "<h1>Herne", True
    ),
    "partnership page: the partner city": (
        partnership_url, rename("name", "Sheffeld"), "partner", ">Sheffeld</a>", True
    ),
    "partnership page: a status change": (
        partnership_url, add_status_change, "partnership", "Pause wegen der Pandemie", True
    ),
    "partnership page: an agreement": (
        partnership_url, rename("title", "Neue Urkunde"), "agreement", "Neue Urkunde", True
    ),
    "partnership page: a cooperation area linked to an agreement": (
        partnership_url, link_area_to_agreement, "agreement", ">Bildung</a>", True
    ),
    "partnership page: a project": (
        partnership_url, rename("title", "Chorreise"), "project", "Chorreise", True
    ),
    "partnership page: an event": (
        partnership_url, rename("title", "Stadtfahrt"), "event", "Stadtfahrt", True
    ),
    "partnership page: a tie between institutions": (
        partnership_url, add_tie, "partnership", "University of Sheffield", True
    ),
    "partnership page: the association": (
        partnership_url, rename("name", "Partnerschaftsverein"), "association",
        "Partnerschaftsverein", True
    ),
    "partnership page: an article": (
        partnership_url, rename("title", "Neu"), "article", "Neu", True
    ),
    "partnership page: an article deleted": (
        partnership_url, delete, "article", article_link, False
    ),
    "partnership page: an article tagged with the partner city": (
        partnership_url, tag_new_article_with_city, "partner", "Stadtfest in Sheffield", True
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", DEPENDENCIES.values(), ids=DEPENDENCIES.keys())
def test_a_save_re_renders_every_fragment_that_shows_the_row(
    client, fragments_on, scene, case, django_capture_on_commit_callbacks
):
    page, change, key, text, shown = case
    url = page(scene)
    text = text(scene) if callable(text) else text
    before = client.get(url).content.decode()
    assert (text in before) is not shown
    with django_capture_on_commit_callbacks(execute=True):
        change(scene, key)
    after = client.get(url).content.decode()
    assert (text in after) is shown


def test_a_partnership_page_shows_a_save_of_news_only_its_chronicle_lists(
    client, fragments_on, scene, django_capture_on_commit_callbacks
):
    article, partner = scene["article"], scene["partner"]
    for hour in range(1, 6):  # five newer items fill the news section
        ArticleFactory(publish_at=article.publish_at + timedelta(hours=hour)).cities.add(partner)
    url = scene["partnership"].get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        rename("title", "Neu")(scene, "article")
    assert "Neu" in client.get(url).content.decode()


def test_a_city_page_reads_its_city_once_from_one_save_to_the_next(
    client, fragments_on, scene, django_capture_on_commit_callbacks
):
    url = city_url(scene)
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.content == first.content
    # The keys and versions of its latest news, which key its stored body:
    # the city itself is held (core/holding.py).
    assert len(queries) == 1, [query["sql"] for query in queries]

    with django_capture_on_commit_callbacks(execute=True):
        scene["partner"].published = False
        scene["partner"].save()

    assert client.get(url).status_code == 404


def test_a_page_rendered_again_looks_up_all_its_fragments_in_one_round_trip(
    client, fragments_on, scene, django_capture_on_commit_callbacks
):
    """
    Its first render tells the process the page's keys, and a render that
    finds the list does not make it forget the teasers'. After a save, the
    list misses and its teasers, the header and the footer are found in the
    round trip that reads the versions; what is rendered anew is stored in
    one more.
    """
    ArticleFactory(title="Zweiter Beitrag")
    url = reverse("news:list")
    client.get(url)
    # Header and footer change, the list is found: its teasers stay known.
    with django_capture_on_commit_callbacks(execute=True):
        rename("city_name", "Bochum an der Ruhr")(scene, "site_settings")
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        rename("title", "Neue Fassung")(scene, "article")
    with (
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as lookups,
        mock.patch.object(cache, "set_many", wraps=cache.set_many) as stores,
    ):
        shown = client.get(url).content.decode()
    assert "Neue Fassung" in shown
    # The versions with every fragment.
    assert lookups.call_count == 1
    [(stored,), _options] = stores.call_args
    # The list and the renamed article's teaser.
    assert len(stored) == 2


@pytest.mark.parametrize("stored", [False, True], ids=["nothing stored", "stored before a save"])
def test_a_city_page_reads_its_latest_news_once_where_its_body_is_rendered(
    client, fragments_on, scene, settings, stored, django_capture_on_commit_callbacks
):
    """
    With nothing stored, the news it lists are read once, for the stamp and
    for the list. With a body stored, their keys and versions are read to
    compare, and the rows only where the body is rendered again.
    """
    url = scene["partner"].get_absolute_url()
    if not stored:
        settings.FRAGMENT_CACHE_SECONDS = 0
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        rename("title", "Neue Fassung")(scene, "article")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert "Neue Fassung" in response.content.decode()
    # The city's news, through its links to the articles.
    news = [query["sql"] for query in queries if '"news_article_cities"' in query["sql"]]
    assert len(news) == (2 if stored else 1), news


def test_an_article_saved_through_its_change_form_shows_on_its_city_page_at_once(
    client, admin_client, fragments_on, scene, django_capture_on_commit_callbacks
):
    """The city's body was stored with the article listed; the editor posts the form as it came."""
    url = scene["partner"].get_absolute_url()
    assert "Schüleraustausch" in client.get(url).content.decode()
    change = reverse("admin:news_article_change", args=[scene["article"].pk])
    form = change_form(admin_client.get(change))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change, form.data(title="Neue Fassung", _save="Sichern"))
    assert response.status_code == 302
    assert "Neue Fassung" in client.get(url).content.decode()


@pytest.mark.parametrize("page_cache_on", [False, True], ids=["fragments", "page cache"])
def test_a_page_whose_rendering_spans_a_scheduled_publication_is_not_kept(
    client, fragments_on, scene, settings, monkeypatch, page_cache_on
):
    """What it read before the publication would be kept until the next change by the clock."""
    settings.PAGE_CACHE = page_cache_on
    start = timezone.now()
    ArticleFactory(title="Geplanter Beitrag", publish_at=start + timedelta(minutes=1))
    url = reverse("news:list")
    render = FragmentNode.render
    with time_machine.travel(start, tick=False) as clock:

        def footer_after_the_publication(node, context):
            if node.name.resolve(context) == "site-footer":
                clock.shift(timedelta(minutes=2))
            return render(node, context)

        with monkeypatch.context() as patch:
            patch.setattr(FragmentNode, "render", footer_after_the_publication)
            assert "Geplanter Beitrag" not in client.get(url).content.decode()
        assert "Geplanter Beitrag" in client.get(url).content.decode()


def test_a_visitor_between_a_saves_commit_and_its_end_sees_the_saved_home_city(
    client, fragments_on, scene
):
    """
    A save moves the tables' versions at its commit and the content version
    at the end of the editor's request (ahead.py): rows held in the
    process are read again with the tables.
    """
    client.get("/")
    City.objects.filter(pk=scene["home"].pk).update(name="Neue Heimat")
    fragments.increment(fragments.tables_of(City))
    assert "Die Partnerstädte von Neue Heimat" in client.get("/").content.decode()


def test_a_fragment_stored_for_older_versions_is_rendered_again(fragments_on):
    """
    A request that took its snapshot before a save may store its fragment
    after one of the save's readers stored theirs, under the same key.
    """
    tables = dict.fromkeys(fragments.tracked_tables(), 1)
    before = fragments.Snapshot(1, tables)
    after = fragments.Snapshot(2, {**tables, "news.article": 2})
    template = Template(
        '{% load fragments %}{% fragment "latest-news" %}{{ title }}{% endfragment %}'
    )

    def render(snapshot, title):
        with fragments.rendering_with(snapshot):
            return template.render(Context({"title": title}))

    assert render(after, "Neue Fassung") == "Neue Fassung"
    assert render(before, "Alte Fassung") == "Alte Fassung"
    assert render(after, "Neue Fassung") == "Neue Fassung"


def test_a_process_remembers_the_keys_of_its_most_recent_addresses(monkeypatch):
    monkeypatch.setattr(fragments._Learned, "keys", OrderedDict())
    monkeypatch.setattr(fragments, "LEARNED_ADDRESSES", 2)
    fragments.learn("/", ["kopf", "fuss", "kopf"])
    fragments.learn("/aktuelles/", ["kopf", "liste"])
    assert fragments.learned("/") == ("kopf", "fuss")
    fragments.learn("/suche/", ["kopf"])
    assert fragments.learned("/aktuelles/") == ()
    assert fragments.learned("/") == ("kopf", "fuss")


def test_a_save_that_has_not_committed_moves_no_version(client, fragments_on, scene):
    url = scene["article"].get_absolute_url()
    client.get(url)
    with pytest.raises(RuntimeError), transaction.atomic():
        scene["category"].name = "Nie gespeichert"
        scene["category"].save()
        raise RuntimeError
    assert "Nie gespeichert" not in client.get(url).content.decode()


def test_each_language_and_deployment_has_its_own_fragments(fragments_on, scene, monkeypatch):
    snapshot = fragments.Snapshot(1, dict.fromkeys(fragments.tracked_tables(), 1))
    german, _stamp = snapshot.entry("article", [scene["article"]])
    with monkeypatch.context() as patch:
        patch.setattr(fragments, "deployment", lambda: "neu")
        redeployed, _stamp = snapshot.entry("article", [scene["article"]])
    with translation.override("en"):
        english, _stamp = snapshot.entry("article", [scene["article"]])
    assert len({german, redeployed, english}) == 3


def test_previews_neither_read_nor_write_fragments(
    admin_client, admin_user, client, fragments_on, scene
):
    draft = ArticleFactory(title="Entwurf", status=Article.Status.DRAFT)
    assert "Entwurf" in admin_client.get(draft.get_absolute_url()).content.decode()
    # A shared preview link, opened without a session.
    link, token = PreviewLink.objects.create_with_token(article=draft, created_by=admin_user)
    response = client.get(urlsplit(link.url(token)).path)
    assert "Entwurf" in response.content.decode()
    assert stored_fragments() == []


def test_a_context_marked_as_preview_renders_without_fragments(fragments_on, scene):
    snapshot = fragments.Snapshot(1, dict.fromkeys(fragments.tracked_tables(), 1))
    template = Template(
        '{% load fragments %}{% fragment "article" article %}{{ article.title }}{% endfragment %}'
    )
    with fragments.rendering_with(snapshot):
        shown = template.render(Context({"article": scene["article"], "is_preview": True}))
    assert shown == "Schüleraustausch"
    assert stored_fragments() == []


requires_redis_server = pytest.mark.skipif(
    not servers.RedisServer.available(), reason="needs redis-server"
)


@pytest.fixture
def own_redis(tmp_path, settings):
    server = servers.RedisServer(tmp_path)
    server.start()
    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "partnership.site.redis_cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_timeout": settings.REDIS_TIMEOUT},
        }
    }
    yield server
    server.close()
    redis_cache._breakers.clear()
    fragments._Owed.tables = set()


@requires_redis_server
@pytest.mark.parametrize("page_cache_on", [False, True], ids=["fragments", "page cache"])
def test_a_cold_page_rendered_again_reads_its_fragments_in_one_round_trip(
    own_redis, client, scene, settings, page_cache_on
):
    """
    Nothing is kept, so each request finds every cache empty. Without the
    page cache the fragments the page showed last time are read with the
    versions; with it, after looking for the page and for one rendered
    ahead of a save (a request served the page would send them for nothing).
    """
    settings.PAGE_CACHE = page_cache_on
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    ArticleFactory(title="Zweiter Beitrag")
    url = reverse("news:list")
    client.get(url)
    server = redis.Redis.from_url(own_redis.url)
    server.config_resetstat()
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as lookups:
        assert "Schüleraustausch" in client.get(url).content.decode()
    stats = server.info("commandstats")
    calls = {name: stats[name]["calls"] for name in stats if "resetstat" not in name}
    # Header, list, the two articles' teasers, footer.
    if page_cache_on:
        assert calls == {"cmdstat_mget": 2, "cmdstat_get": 1}
        [(versions_and_page,), (pieces,)] = (call.args for call in lookups.call_args_list)
        assert not [key for key in versions_and_page if is_piece(key)]
        assert len(pieces) == 5 and all(is_piece(key) for key in pieces)
    else:
        assert calls == {"cmdstat_mget": 1}
        [(keys,)] = (call.args for call in lookups.call_args_list)
        assert len([key for key in keys if is_piece(key)]) == 5


def is_piece(key):
    return key.startswith("fragment:") and not key.startswith("fragment:table:")


@requires_redis_server
def test_with_redis_away_pages_render_and_a_save_shows_after_page_cache_seconds(
    own_redis, client, scene, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 3
    url = reverse("news:list")
    client.get(url)
    stored_at = time.monotonic()
    own_redis.stop()
    assert "Schüleraustausch" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        rename("title", "Nach dem Ausfall")(scene, "article")
    assert "Nach dem Ausfall" in client.get(url).content.decode()
    # Redis returns with its old data, in a process that owes no bump (it
    # never saw the outage): the old list is served until it expires.
    own_redis.start()
    fragments._Owed.tables = set()
    later = time.monotonic() + settings.REDIS_PAUSE_SECONDS + 1
    with mock.patch.object(redis_cache, "monotonic", return_value=later):
        assert "Schüleraustausch" in client.get(url).content.decode()
        time.sleep(max(0, stored_at + settings.PAGE_CACHE_SECONDS - time.monotonic()) + 0.1)
        assert "Nach dem Ausfall" in client.get(url).content.decode()


@requires_redis_server
def test_the_process_whose_bump_failed_pays_it_when_redis_returns(
    own_redis, client, scene, settings, django_capture_on_commit_callbacks
):
    url = reverse("news:list")
    client.get(url)
    own_redis.stop()
    with django_capture_on_commit_callbacks(execute=True):
        rename("title", "Nach dem Ausfall")(scene, "article")
    own_redis.start()
    later = time.monotonic() + settings.REDIS_PAUSE_SECONDS + 1
    with mock.patch.object(redis_cache, "monotonic", return_value=later):
        assert "Nach dem Ausfall" in client.get(url).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reader_queries", ["before the commit", "after the commit"])
def test_a_reader_racing_a_save_leaves_no_stale_fragment(fragments_on, reader_queries):
    """
    The reader takes its snapshot while the save is still open. It reads the
    old rows (before the commit) or the new ones (after it); either way,
    once the save has returned, the next visitor sees the new title.
    """
    article = ArticleFactory(title="Alte Fassung")
    url = reverse("news:list")
    Client().get(url)
    started, saved, done = threading.Event(), threading.Event(), threading.Event()
    taken = fragments.Snapshot.from_found

    def snapshot_then_wait(*args):
        snapshot = taken(*args)
        started.set()
        if reader_queries == "after the commit":
            saved.wait(10)
        return snapshot

    def reader():
        try:
            with mock.patch.object(fragments.Snapshot, "from_found", snapshot_then_wait):
                Client().get(url)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=reader)
    thread.start()
    assert started.wait(10)
    with transaction.atomic():
        article.title = "Neue Fassung"
        article.save()
        if reader_queries == "before the commit":
            assert done.wait(10)
    saved.set()
    assert done.wait(10)
    thread.join()
    shown = Client().get(url).content.decode()
    assert "Neue Fassung" in shown
    assert "Alte Fassung" not in shown


def test_a_save_moves_the_fragments_versions_before_the_pages_version(
    client, settings, scene, django_capture_on_commit_callbacks
):
    """
    Moved the other way round, a page rendered between the two steps would
    be stored under the new page version with the old fragments, and served
    until the next save.
    """
    settings.FRAGMENT_CACHE = True
    cache.clear()
    url = reverse("news:list")
    # The list's fragments are stored, the page itself is not.
    settings.PAGE_CACHE = False
    client.get(url)
    settings.PAGE_CACHE = True
    before = cache.get(page_cache.VERSION_KEY)
    between = []
    real_increment = fragments.increment

    def visit_between(labels):
        real_increment(labels)
        between.append(cache.get(page_cache.VERSION_KEY))
        Client().get(url)

    with (
        mock.patch.object(fragments, "increment", visit_between),
        django_capture_on_commit_callbacks(execute=True),
    ):
        rename("title", "Neue Fassung")(scene, "article")
    assert between == [before]
    assert "Neue Fassung" in client.get(url).content.decode()
    cache.clear()
    client.get("/")
    before = cache.get(page_cache.VERSION_KEY)
    between = []
    real_increment = fragments.increment

    def visit_between(labels):
        real_increment(labels)
        between.append((cache.get(page_cache.VERSION_KEY), Client().get("/").content.decode()))

    with (
        mock.patch.object(fragments, "increment", visit_between),
        django_capture_on_commit_callbacks(execute=True),
    ):
        rename("title", "Neue Fassung")(scene, "article")
    [(version, page)] = between
    assert version == before
    assert "Neue Fassung" in page
    assert cache.get(page_cache.VERSION_KEY) != before
    assert "Neue Fassung" in client.get("/").content.decode()
    cache.clear()


def test_a_change_made_without_a_save_shows_once_every_fragment_is_retired(
    client, fragments_on, scene
):
    """make_renditions writes image sizes with update(): no signal tells the fragments."""
    article = scene["article"]
    url = article.get_absolute_url()
    client.get(url)
    type(article).objects.filter(pk=article.pk).update(teaser="Zebra")
    # The lead inside the page's fragment (the page's meta tags are not one).
    lead = '<p class="lead">Zebra</p>'
    assert lead not in client.get(url).content.decode()
    page_cache.increment_version({fragments.EVERY_FRAGMENT})
    assert lead in client.get(url).content.decode()


def test_a_row_of_a_table_no_fragment_lists_is_stamped_with_the_content_version(fragments_on):
    """No table version to read: any save of content (which moves the content version) counts."""
    redirect = LegacyRedirect.objects.create(old_path="/?p=1", new_path="/aktuelles/")
    tables = dict.fromkeys(fragments.tracked_tables(), 1)
    before = fragments.Snapshot(1, tables).entry("teaser", [redirect])
    after = fragments.Snapshot(2, tables).entry("teaser", [redirect])
    assert before[0] == after[0]
    assert before[1] != after[1]

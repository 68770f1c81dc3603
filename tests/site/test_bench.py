"""The pieces of make bench that can be checked without a load generator."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from core.searching import SearchTerm
from core.templatetags.hyphenation import SOFT_HYPHEN
from news.models import Article
from partnership.site.form_reader import AdminForm
from partnership.site.management.commands.run_bench import (
    TARGET_PAGES,
    Command,
    edited_articles,
    editor_login,
    parse_wrk,
)
from partnership.site.workload import (
    READ_SHARES,
    Save,
    Saves,
    median_of,
    percentile,
    weighted_urls,
)
from tests import servers
from tests.factories import ArticleFactory

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Latency Distribution
     50%  212.30ms
     75%  250.00ms
     90%  290.10ms
     99%    1.02s
  712 requests in 10.01s, 9.21MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     71.13
Transfer/sec:      0.92MB
p50 212301
p95 301522
p99 1020456
"""


def test_wrk_output_is_read_with_the_percentiles_of_the_script():
    result = parse_wrk(WRK_OUTPUT)
    assert result["rps"] == 71.13
    assert result["errors"] == 3
    assert result["p50"] == pytest.approx(212.301)
    assert result["p95"] == pytest.approx(301.522)
    assert result["p99"] == pytest.approx(1020.456)


def test_requests_that_timed_out_count_as_errors():
    output = WRK_OUTPUT.replace(
        "  Non-2xx", "  Socket errors: connect 0, read 0, write 0, timeout 4\n  Non-2xx"
    )
    assert parse_wrk(output)["errors"] == 7


def page(rps, size=9 * 1024, errors=0):
    return {"rps": rps, "bytes": size, "errors": errors}


def bench_results(uncached_home=200, cold_home=100, cached_home=950, home_size=30 * 1024):
    references = {"reference (static)": page(1000), "reference (rows)": page(450)}
    return {
        "uncached": {
            "home": page(uncached_home, home_size),
            "news list": page(200),
            "article": page(200),
            "city profile": page(200),
            **references,
        },
        "issue start": {name: page(100) for name in TARGET_PAGES},
        "cold": {name: page(cold_home) for name in TARGET_PAGES},
        "cached": {name: page(cached_home) for name in TARGET_PAGES},
    }


def mixed_results(rps=800, p99=20.0, stale=0):
    return {
        "pure": {"rps": 1000, "p99": 10.0},
        "mixed": {"rps": rps, "p99": p99, "stale": stale, "saves": 36},
    }


COUNTS = {"home": 4, "news list": 3}


def verdicts(**options):
    """Each row of the targets table: figure -> (this run, met)."""
    arguments = {
        "results": bench_results(),
        "searches": {"Zeppelin": {"p95": 20.0}, "Partnerschaft": {"p95": 61.0}},
        "mixed": mixed_results(),
        "counts": COUNTS,
        "articles": 10_000,
        "start_queries": {"home": 4, "news list": 3},
        **options,
    }
    rows = Command.targets(**arguments)[4:]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    return {figure.split(",")[0].split(" (")[0]: (run, met) for figure, run, _t, met in cells}


def test_the_targets_table_has_the_issues_rows_and_says_which_were_met():
    table = verdicts()
    assert list(table) == [
        "uncached",
        "cold",
        "mixed workload read throughput ÷ pure cached throughput",
        "cached ÷ static reference",
        "search p95 at 100",
        "home HTML",
        "queries per public page",
    ]
    assert table["uncached"] == (
        "home 0.44, news list 0.44, article 0.44, city profile 0.44",
        "yes",
    )
    assert table["cold"] == (
        "÷ the issue's start, measured in turn: "
        "home 1.00, news list 1.00, article 1.00, city profile 1.00",
        "yes",
    )
    assert table["mixed workload read throughput ÷ pure cached throughput"][1] == "yes"
    assert table["cached ÷ static reference"] == ("lowest: home, 0.95", "yes")
    assert table["home HTML"] == ("home 30.0 KB", "yes")
    assert table["queries per public page"] == ("home 4, news list 3", "yes")


def test_search_is_judged_only_at_100000_articles():
    assert verdicts()["search p95 at 100"] == ("measured with ARTICLES=100000 only", "")
    large = verdicts(articles=100_000)["search p95 at 100"]
    assert large == ("slowest: Partnerschaft, 61.0 ms", "**no**")


def test_the_targets_table_says_which_targets_a_run_missed():
    table = verdicts(
        results=bench_results(
            uncached_home=140, cold_home=99, cached_home=890, home_size=41 * 1024
        ),
        start_queries={"home": 3, "news list": 3},
    )
    assert table["uncached"][0].startswith("home 0.31")  # 140 < 0.33 × 450
    assert table["uncached"][1] == "**no**"
    assert table["cold"][1] == "**no**"  # 99 req/s against 100 at the issue's start
    assert table["cached ÷ static reference"] == ("lowest: home, 0.89", "**no**")
    assert table["home HTML"] == ("home 41.0 KB", "**no**")
    assert table["queries per public page"] == (
        "home 4, news list 3; more than at the issue's start: home",
        "**no**",
    )


@pytest.mark.parametrize(
    "mixed", [mixed_results(rps=690), mixed_results(p99=50.0), mixed_results(stale=1)]
)
def test_the_mixed_workload_misses_on_throughput_latency_or_a_stale_read(mixed):
    assert verdicts(mixed=mixed)["mixed workload read throughput ÷ pure cached throughput"][1] == (
        "**no**"
    )


def test_without_the_issues_start_the_cold_target_is_not_judged():
    results = bench_results()
    del results["issue start"]
    table = verdicts(results=results)
    assert table["cold"] == ("the issue's start was not measured (make bench names why)", "")


def test_the_cold_target_is_not_judged_where_the_issues_start_answered_with_errors():
    results = bench_results()
    results["issue start"]["article"] = page(100, errors=12)
    run, met = verdicts(results=results)["cold"]
    assert run.endswith("the issue's start answered with errors: article")
    assert met == ""


def test_pages_are_measured_on_each_server_in_turn(monkeypatch):
    """Both servers see the machine as it is in each run, not one before the other."""
    command = Command(stdout=StringIO())
    command.runs, command.duration, command.connections, command.started = 2, 3, 16, 0
    sent = []

    def wrk(url, duration, connections):
        sent.append((url, duration))
        return {"rps": 100.0 if "start" in url else 90.0, "p50": 1, "p99": 2, "errors": 0}

    monkeypatch.setattr(command, "wrk", wrk)
    monkeypatch.setattr(
        "partnership.site.management.commands.run_bench.urlopen",
        lambda url: StringIO("<html>"),
    )
    servers = {"issue start": "http://start", "cold": "http://cold"}
    results = command.measure(servers, {"home": "/", "article": "/a/"})
    # Each run in the other order than the one before.
    assert sent[:6] == [
        ("http://start/", 1),
        ("http://cold/", 1),
        ("http://start/", 3),
        ("http://cold/", 3),
        ("http://cold/", 3),
        ("http://start/", 3),
    ]
    assert sent[6][0] == "http://start/a/" and len(sent) == 12
    assert results["issue start"]["article"]["rps"] == 100.0
    assert results["cold"]["home"] == {"rps": 90.0, "p50": 1, "p99": 2, "errors": 0, "bytes": 6}


def test_without_a_commit_to_compare_with_the_cold_pages_are_measured_alone(monkeypatch):
    command = Command(stdout=StringIO())
    command.start, command.started = "", 0
    measured = []
    monkeypatch.setattr(
        command, "measure", lambda servers, targets: measured.append(servers) or {"cold": {}}
    )
    assert command.cold_beside_start("http://cold", {"home": "/"}) == {"cold": {}}
    assert measured == [{"cold": "http://cold"}]
    assert "nicht gemessen" in command.stdout.getvalue()


def test_cold_pages_are_also_shown_against_this_runs_pages_without_caches():
    results = bench_results(cold_home=90)
    results["no caches"] = {name: page(100) for name in TARGET_PAGES}
    run, _met = verdicts(results=results)["cold"]
    assert run.endswith(
        "÷ this run's „no caches“: home 0.90, news list 0.90, article 0.90, city profile 0.90"
    )


def test_the_mixed_workload_draws_each_group_by_its_share():
    groups = {name: [f"/{name}/{n}/" for n in range(4)] for name in READ_SHARES}
    groups["home"] = ["/"]
    urls = weighted_urls(groups)
    assert dict(urls)["/"] == READ_SHARES["home"]
    newest = [weight for url, weight in urls if url.startswith("/20 newest articles/")]
    assert newest == [READ_SHARES["20 newest articles"] / 4] * 4
    assert sum(weight for _url, weight in urls) == pytest.approx(100)


def test_medians_of_runs_add_up_errors_counts_and_stale_reads():
    runs = [
        {"rps": 10, "p99": 30.0, "errors": 1, "stale": 0, "stale examples": []},
        {"rps": 30, "p99": 10.0, "errors": 0, "stale": 1, "stale examples": [("/", "/a/", 0.1)]},
        {"rps": 20, "p99": 20.0, "errors": 2, "stale": 0, "stale examples": []},
    ]
    assert median_of(runs) == {
        "rps": 20,
        "p99": 20.0,
        "errors": 3,
        "stale": 1,
        "stale examples": [("/", "/a/", 0.1)],
    }


def test_the_report_shows_which_reads_were_stale():
    figures = {"rps": 900, "p50": 5.0, "p99": 20.0, "errors": 0}
    mixed = {
        "pure": figures,
        "mixed": {
            **figures,
            "stale": 1,
            "saves": 12,
            "failed saves": 0,
            "fragments written": 60,
            "stale examples": [("/aktuelles/", "/aktuelles/a/", 0.012)],
        },
        "urls": {name: ["/"] for name in READ_SHARES},
        "runs": 3,
    }
    report = "\n".join(Command.mixed_report(mixed, 60))
    assert "| stale reads | – | 1 |" in report
    assert "| fragments written per save | – | 5.0 |" in report
    assert "| `/aktuelles/` | `/aktuelles/a/` | 0.012 |" in report


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile([7], 99) == 7


def saves_with(*saves):
    done = Saves(shared_urls=("/", "/aktuelles/"))
    for save in saves:
        done.record(save)
    return done


def body(*texts):
    return f"<html><body>{''.join(f'<p>{text}</p>' for text in texts)}</body></html>".encode()


def test_a_read_sent_after_a_save_arrived_is_stale_if_it_shows_the_old_title():
    save = Save("/aktuelles/a/", "Alter Titel", "Alter Anriss", done_at=10.0)
    saves = saves_with(save)
    assert saves.is_stale("/aktuelles/a/", 10.5, body("Alter Titel")) is save
    assert saves.is_stale("/aktuelles/", 10.5, body("Alter Anriss"))
    assert saves.is_stale("/", 10.5, body("Neuer Titel", "Alter Anriss"))


def test_a_read_showing_the_new_texts_is_not_stale():
    saves = saves_with(Save("/aktuelles/a/", "Alter Titel", "Alter Anriss", done_at=10.0))
    assert not saves.is_stale("/aktuelles/a/", 10.5, body("Neuer Titel", "Neuer Anriss"))


def test_a_read_sent_before_the_save_arrived_may_show_the_old_title():
    saves = saves_with(Save("/aktuelles/a/", "Alter Titel", "Alter Anriss", done_at=10.0))
    assert not saves.is_stale("/aktuelles/a/", 9.9, body("Alter Titel"))


def test_only_the_articles_page_the_news_list_and_home_can_be_stale():
    saves = saves_with(Save("/aktuelles/a/", "Alter Titel", "Alter Anriss", done_at=10.0))
    assert not saves.is_stale("/aktuelles/b/", 10.5, body("Alter Titel"))
    assert not saves.is_stale("/staedte/tsukuba/", 10.5, body("Alter Titel"))


def test_soft_hyphens_do_not_hide_a_stale_title():
    saves = saves_with(Save("/aktuelles/a/", "Partnerschaft Jugend", "Anriss", done_at=10.0))
    assert saves.is_stale("/aktuelles/a/", 10.5, body(f"Partner{SOFT_HYPHEN}schaft Jugend"))


def test_an_articles_title_before_its_latest_save_is_no_longer_the_old_one():
    """Saved twice: the first save's new title is what the second replaced."""
    saves = saves_with(
        Save("/aktuelles/a/", "Erster Titel", "Erster Anriss", done_at=10.0),
        Save("/aktuelles/a/", "Zweiter Titel", "Zweiter Anriss", done_at=20.0),
    )
    assert saves.is_stale("/aktuelles/a/", 20.5, body("Zweiter Titel"))
    assert not saves.is_stale("/aktuelles/a/", 20.5, body("Dritter Titel", "Erster Anriss"))
    # Between the two saves, the second's old title was the current one.
    assert not saves.is_stale("/aktuelles/a/", 15.0, body("Zweiter Titel"))


@pytest.mark.django_db
def test_the_editor_signs_in_verified_and_saves_an_article_through_the_change_form(settings):
    settings.OTP_REQUIRED = True
    article = ArticleFactory(title="Alter Titel", teaser="Alter Anriss")
    cookie = editor_login()
    name, session_key = cookie.split("=")
    client = Client()
    client.cookies[name] = session_key
    change_url, public_url = edited_articles()[0]
    assert public_url == article.get_absolute_url()
    form = AdminForm(client.get(change_url).content.decode(), "article_form")
    data = form.data(title="Geänderter Titel 1", teaser="Geänderter Anriss 1", _save="Sichern")
    assert client.post(change_url, data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.teaser) == ("Geänderter Titel 1", "Geänderter Anriss 1")


# Committed transactions: the command ends with VACUUM, which needs them.
@pytest.mark.django_db(transaction=True)
def test_generate_bench_data_makes_articles_with_shared_images(settings):
    call_command("generate_bench_data", articles=30, stdout=StringIO())
    generated = Article.objects.filter(slug__startswith="messbeitrag-")
    assert generated.count() == 30
    assert generated.published().count() == 30
    images = set(generated.values_list("image", flat=True))
    assert 1 < len(images) <= 20
    article = generated.first()
    assert article.image_renditions == {"name": article.image.name, "widths": [480, 960, 1200]}
    assert article.categories.exists() and article.cities.exists()
    if connection.vendor == "postgresql":
        assert Article.objects.filter(pk=article.pk, search_vector__isnull=False).exists()
        assert SearchTerm.objects.count() > 100


@pytest.mark.skipif(not servers.RedisServer.available(), reason="needs redis-server")
def test_fragments_written_counts_each_write_of_a_fragment_but_not_versions_or_pages():
    command = Command()
    with command.own_redis(), command.fragments_written() as written:
        for _write in range(2):
            command.redis.set(":1:fragment:teaser:de:0a1b", "…")
        command.redis.set(":1:fragment:table:news.article", 2)
        command.redis.set(":1:page-cache:de:GET:0a1b", "…")
    assert written["count"] == 2

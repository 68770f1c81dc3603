"""The pieces of make bench that can be checked without a load generator."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from core.searching import SearchTerm
from news.models import Article
from partnership.site.management.commands.run_bench import Command, parse_wrk

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


def test_the_targets_table_says_which_targets_a_run_missed():
    def page(rps, cached=None, size=9 * 1024):
        return {"rps": rps, "cached_rps": cached, "bytes": size}

    results = {
        "home": page(100, 900),
        "news list": page(100, 950),
        "month archive": page(80, 950),
        "article": page(120, 950, size=200 * 1024),
        "city profile": page(100, 950),
        "reference (static)": {"rps": 1000, "bytes": 0},
        "reference (rows)": {"rps": 450, "bytes": 0},
    }
    searches = {"Zeppelin": {"p95": 20.0}, "Partnerschaft": {"p95": 61.0}}
    table = "\n".join(Command.targets(results, searches))
    assert "lowest: home, 0.22 | **no**" in table  # 100 < 450 / 3
    assert "lowest: home, 0.90 | yes" in table
    assert "slowest: Partnerschaft, 61.0 ms | **no**" in table
    assert "1.25 × | yes" in table
    assert "200 KB | **no**" in table


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

"""Bar charts drawn on the server (partnership/barometer/charts.py)."""

import re

from partnership.barometer.charts import BARS_HEIGHT, bar_chart


def bar_heights(chart):
    return [int(h) for h in re.findall(r'<rect class="bar-chart-bar"[^>]* height="(\d+)"', chart)]


def test_bars_are_as_high_as_their_share_of_the_highest():
    chart = bar_chart([(2024, 4), (2025, 2), (2026, 0)], "Begegnungen je Jahr")

    assert bar_heights(chart) == [BARS_HEIGHT, BARS_HEIGHT // 2, 0]


def test_a_chart_of_zeros_draws_empty_bars():
    assert bar_heights(bar_chart([(2025, 0), (2026, 0)], "Nichts")) == [0, 0]


def test_the_chart_is_named_and_its_data_is_a_table():
    chart = " ".join(bar_chart([(2025, 3), (2026, 1)], "Begegnungen je Jahr").split())

    assert re.search(r'<svg role="img"[^>]*> <title>Begegnungen je Jahr</title>', chart)
    assert "<caption>Begegnungen je Jahr</caption>" in chart
    assert '<th scope="row">2025</th> <td>3</td>' in chart
    assert '<th scope="row">2026</th> <td>1</td>' in chart
    # Each value is written at its bar: the chart reads without colour.
    assert re.findall(r'class="bar-chart-value"[^>]*>(\d+)<', chart) == ["3", "1"]


def test_short_labels_under_the_bars_and_full_ones_in_the_table():
    chart = bar_chart([(2026, 1)], "Trend", short_label=lambda year: f"{year % 100:02d}")

    assert re.findall(r'class="bar-chart-label"[^>]*>([^<]+)<', chart) == ["26"]
    assert '<th scope="row">2026</th>' in chart


def test_the_label_is_escaped():
    chart = bar_chart([(2026, 1)], "Begegnungen mit <Stadt>")

    assert "<title>Begegnungen mit &lt;Stadt&gt;</title>" in chart

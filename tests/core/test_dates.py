"""Dates shown and marked up with only the precision that is known."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from core import dates
from core.dates import DatePrecision

JUNE_2014 = date(2014, 6, 1)


@pytest.mark.parametrize(
    ("language", "precision", "expected"),
    [
        ("de", DatePrecision.YEAR, "2014"),
        ("de", DatePrecision.MONTH, "Juni 2014"),
        ("de", DatePrecision.DAY, "1. Juni 2014"),
        ("en", DatePrecision.YEAR, "2014"),
        ("en", DatePrecision.MONTH, "June 2014"),
        ("en", DatePrecision.DAY, "1 June 2014"),
    ],
)
def test_display_says_only_what_is_known(language, precision, expected):
    with translation.override(language):
        assert dates.display(JUNE_2014, precision) == expected


def test_tag_marks_up_a_valid_year_month_or_date_string():
    template = Template("{% load dates %}{% precise_date value precision %}")

    def render(precision):
        with translation.override("de"):
            return template.render(Context({"value": JUNE_2014, "precision": precision}))

    assert render(DatePrecision.YEAR) == '<time datetime="2014">2014</time>'
    assert render(DatePrecision.MONTH) == '<time datetime="2014-06">Juni 2014</time>'
    assert render(DatePrecision.DAY) == '<time datetime="2014-06-01">1. Juni 2014</time>'


def test_truncated_keeps_no_invented_day():
    day = date(1987, 5, 3)
    assert dates.truncated(day, DatePrecision.YEAR) == date(1987, 1, 1)
    assert dates.truncated(day, DatePrecision.MONTH) == date(1987, 5, 1)
    assert dates.truncated(day, DatePrecision.DAY) == day

"""
Dates known only to the year or the month.

A history often knows "1987" or "June 2014" and no more. Such a date is
stored as its first day together with its precision, and shown and marked up
(``<time datetime="1987">``) with exactly what is known, so that no page, feed
or structured data invents a day.
"""

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    YEAR = "jahr", _("nur das Jahr ist bekannt")
    MONTH = "monat", _("Monat und Jahr sind bekannt")
    DAY = "tag", _("der genaue Tag ist bekannt")


# Django's localised formats: "1987", "Juni 2014" / "June 2014", "25. November 2019".
_DISPLAY_FORMATS = {
    DatePrecision.YEAR: "Y",
    DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
    DatePrecision.DAY: "DATE_FORMAT",
}
# HTML's valid year, month and date strings (also ISO 8601 for JSON-LD).
_MACHINE_FORMATS = {
    DatePrecision.YEAR: "%Y",
    DatePrecision.MONTH: "%Y-%m",
    DatePrecision.DAY: "%Y-%m-%d",
}


def display(value, precision):
    """``value`` as readers see it in the active language, to ``precision``."""
    return date_format(value, _DISPLAY_FORMATS[precision])


def machine(value, precision):
    """``value`` for ``datetime`` attributes and structured data, to ``precision``."""
    return value.strftime(_MACHINE_FORMATS[precision])


def truncated(value, precision):
    """The first day of the year or month ``value`` falls in, as stored."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarometerConfig(AppConfig):
    """
    The partnership barometer: how alive each partnership is, derived from
    its projects, agreements, status history and news (activity.py), for the
    staff dashboard, the council's yearly report and the public chronicle.
    It stores nothing of its own.
    """

    name = "partnership.barometer"
    label = "barometer"
    verbose_name = _("Partnerschaftsbarometer")

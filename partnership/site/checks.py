"""
Before the start ("Vor dem Start"): what must be true before the site goes
public as the city's own. The site settings name the operator and the
contacts the law asks for, the Impressum, the Datenschutzerklärung and the
Erklärung zur Barrierefreiheit are published with text of the city's own,
and no demo content is left. ``check --deploy --database default`` fails
while one of them is missing; the admin start page lists the same.
"""

from itertools import chain

from django.conf import settings
from django.core import checks
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.richtext import comparable_html, plain_text, sanitize_html

from . import demo_data
from .models import DemoObject, LegalPage, SiteSettings

# The header's names, then what the legal pages are built from, each once.
REQUIRED_SETTINGS = tuple(
    dict.fromkeys(["city_name", "site_name", *chain(*LegalPage.REQUIRED_SETTINGS.values())])
)
# Facts of the real city that the demo shares with it; all else it made up.
REAL_IN_DEMO = {"city_name", "site_name", "site_description", "accent_color", "operator_name"}
LEGAL_PAGES = (
    LegalPage.Kind.IMPRINT,
    LegalPage.Kind.PRIVACY,
    LegalPage.Kind.ACCESSIBILITY,
)


def _labels(names):
    return ", ".join(
        f"„{capfirst(SiteSettings._meta.get_field(name).verbose_name)}“" for name in names
    )


def _settings_problems():
    stored = SiteSettings.objects.first()
    if stored is None:
        return [_("Die Website-Einstellungen sind noch nicht ausgefüllt.")]
    problems = []
    missing = [name for name in REQUIRED_SETTINGS if not str(getattr(stored, name)).strip()]
    if missing:
        problems.append(
            _("In den Website-Einstellungen fehlt: %(fields)s.") % {"fields": _labels(missing)}
        )
    made_up = [
        name
        for name, value in demo_data.SITE_SETTINGS.items()
        if name not in REAL_IN_DEMO and getattr(stored, name) == value
    ]
    if made_up:
        problems.append(
            _("Die Website-Einstellungen enthalten noch Beispielangaben der Demo: %(fields)s.")
            % {"fields": _labels(made_up)}
        )
    return problems


def _same_html(first, second):
    return comparable_html(sanitize_html(first)) == comparable_html(sanitize_html(second))


def _page_problems():
    pages = {page.kind: page for page in LegalPage.objects.filter(kind__in=LEGAL_PAGES)}
    demo_bodies = {item["kind"]: item["body"] for item in demo_data.PAGES}
    problems = []
    for kind in LEGAL_PAGES:
        page = pages.get(kind)
        name = {"page": LegalPage.Kind(kind).label}
        if page is None or not page.published:
            problems.append(_("„%(page)s“ ist nicht veröffentlicht.") % name)
        elif not plain_text(page.body).strip():
            problems.append(_("„%(page)s“ hat noch keinen Text.") % name)
        elif kind in demo_bodies and _same_html(page.body, demo_bodies[kind]):
            problems.append(_("„%(page)s“ enthält noch den Text der Demo.") % name)
        # The settings' fields are reported above; here the page's own.
        elif lacking := page.missing_content():
            problems.append(
                _("In „%(page)s“ fehlt: %(fields)s.")
                % {**name, "fields": ", ".join(f"„{capfirst(item)}“" for item in lacking)}
            )
    return problems


def _demo_problems():
    remaining = DemoObject.objects.remaining()
    if not remaining:
        return []
    return [
        _(
            "Es gibt noch %(count)d Demo-Inhalte, z. B. „%(example)s“. Eine Website der Stadt "
            "beginnt mit einer Datenbank ohne Demo (manage.py load_demo nicht ausführen)."
        )
        % {"count": len(remaining), "example": remaining[0]}
    ]


def launch_problems():
    """What stands between the site and its start, in sentences for staff; empty when ready."""
    return [*_settings_problems(), *_page_problems(), *_demo_problems()]


@checks.register(checks.Tags.database, deploy=True)
def check_launch(app_configs=None, databases=None, **kwargs):
    # As Django's own database checks: the database is read only when asked for.
    if not databases or "default" not in databases:
        return []
    return [
        checks.Warning(
            problem,
            hint=_("Die Admin-Startseite zeigt diese Liste unter „Vor dem Start“."),
            obj="partnership.site",
            id="site.W101",
        )
        for problem in launch_problems()
    ]


# Caches that live in one process: pages and pieces stored in one are still
# served by it after a save made through another.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches)
def check_shared_cache(app_configs=None, **kwargs):
    """The page and fragment caches need a cache all processes share."""
    switched_on = [name for name in ("PAGE_CACHE", "FRAGMENT_CACHE") if getattr(settings, name)]
    if not switched_on or settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            _(
                "%(settings)s ist eingeschaltet, aber der Cache gehört nur diesem Prozess: "
                "Nach einer Änderung zeigen andere Prozesse bis zu PAGE_CACHE_SECONDS lang "
                "die alte Fassung."
            )
            % {"settings": " und ".join(switched_on)},
            hint=_(
                "REDIS_URL setzen (ein Redis für alle Prozesse) oder, mit nur einem Prozess, "
                "die Warnung hinnehmen."
            ),
            obj="partnership.site",
            id="site.W102",
        )
    ]

"""
Django's makemessages, limited to what the public site shows.

The admin, the staff e-mails and developer tooling stay German, so their
modules and templates are never scanned: their strings would only wait in
every catalogue for a translation nobody sees. A module comes in whole; the
models of the partnership app and of the site bring the labels of their
choices, which public pages show, and their field labels with them.
`make messages` runs this for each catalogue and compiles the result;
tests/test_catalogues.py runs it to see that the catalogues are up to date.
"""

from django.core.management.commands import makemessages

NOT_PUBLIC = [
    # Not source code of the site.
    "node_modules",
    "static",
    "staticfiles",
    "media",
    "media-*",
    "upload-holding",
    "test-artifacts",
    "build",
    "*.egg-info",
    "docs",
    "tests",
    "migrations",
    "settings.py",
    # Commands, the admin and the staff's side of the site.
    "management",
    "*admin*.py",
    # Registrations of translated fields: the names they give are the admin's.
    "translation.py",
    "core/apps.py",
    "core/comparison.py",
    "core/editorial.py",
    "core/erasure.py",
    "core/forms.py",
    "core/listfilters.py",
    "core/models.py",
    "core/notifications.py",
    "core/pending.py",
    "core/richtext.py",
    "core/uploads.py",
    "core/versioning.py",
    "core/workflow.py",
    "cities/models.py",
    "news/models.py",
    "news/wordpress.py",
    # The barometer's staff side: the dashboard and the council's report are
    # German; only the chronicle (templatetags/barometer.py) is public.
    "partnership/barometer/activity.py",
    "partnership/barometer/charts.py",
    "partnership/barometer/dashboard.py",
    "partnership/barometer/flags.py",
    "partnership/barometer/report*.py",
    "partnership/barometer/templatetags/barometer_report.py",
    "templates/barometer/report.html",
    "templates/barometer/includes",
    # Sign-up e-mails are German, whatever the language of the form.
    "partnership/participation/mails.py",
    "partnership/site/bench.py",
    "partnership/site/checks.py",
    "partnership/site/demo*.py",
    "partnership/site/editor.py",
    "partnership/site/models/demo.py",
    "partnership/site/models/identity.py",
    "partnership/site/models/notice.py",
    "partnership/site/request_limits.py",
    "partnership/site/roles.py",
    "partnership/site/two_factor.py",
    "partnership/site/wordpress.py",
    "templates/admin",
    "templates/bench",
    "templates/notifications",
    "templates/participation/mails",
]


class Command(makemessages.Command):
    help = (
        "Sammelt die Texte der öffentlichen Website für die Übersetzungskataloge; "
        "Verwaltung und Redaktions-E-Mails bleiben deutsch."
    )

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *NOT_PUBLIC]
        # File names without line numbers: an edit elsewhere in a file does
        # not touch every catalogue.
        options["add_location"] = options["add_location"] or "file"
        options["no_obsolete"] = True
        return super().handle(*args, **options)

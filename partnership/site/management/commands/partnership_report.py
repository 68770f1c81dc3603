from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone, translation

from partnership.barometer import report
from partnership.site.models import site_state


class Command(BaseCommand):
    help = (
        "Schreibt den Jahresbericht Städtepartnerschaften für ein Jahr, als HTML-Seite zum "
        "Drucken oder als CSV-Datei für Excel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Das Jahr, z. B. 2026.")
        parser.add_argument(
            "--format",
            choices=["html", "csv"],
            default="html",
            help="html (Standard) oder csv.",
        )
        parser.add_argument(
            "--output",
            type=Path,
            help="Die Datei, in die der Bericht geschrieben wird; ohne Angabe die Ausgabe.",
        )

    def handle(self, *args, year, format, output, **options):
        years = report.years()
        if year not in years:
            raise CommandError(
                f"Für {year} gibt es keinen Bericht: möglich sind {years[0]} bis {years[-1]}."
            )
        with translation.override("de"):
            built = report.build(year)
            state = site_state()
            if format == "csv":
                content = report.as_csv(built, is_demo=state.demo)
            else:
                content = self.html(built, state)
        if output is None:
            self.stdout.write(content, ending="")
        else:
            output.write_text(content, encoding="utf-8")

    @staticmethod
    def html(built, state):
        # The stylesheet goes into the file: opened from disk, it has no server to load it from.
        stylesheet = Path(finders.find("css/report.css")).read_text(encoding="utf-8")
        context = {**state.context(timezone.now()), "report": built, "stylesheet": stylesheet}
        return render_to_string("barometer/report.html", context)

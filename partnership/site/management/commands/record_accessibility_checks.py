from django.core.management.base import BaseCommand, CommandError

from partnership.site.accessibility import ReportError, read_report
from partnership.site.models import AccessibilityCheck


class Command(BaseCommand):
    help = (
        "Trägt einen bestandenen Lauf der automatischen Barrierefreiheitsprüfungen ein, "
        "gelesen aus dem Bericht von „pytest -m browser --junitxml=BERICHT.xml“. Die "
        "Erklärung zur Barrierefreiheit nennt das Datum des letzten bestandenen Laufs. "
        "Ein Bericht mit Fehlern oder übersprungenen Prüfungen wird abgelehnt."
    )

    def add_arguments(self, parser):
        parser.add_argument("report", help="JUnit-XML-Bericht des Testlaufs")

    def handle(self, *args, report, **options):
        try:
            ran_at, passed = read_report(report)
        except ReportError as error:
            raise CommandError(str(error)) from error
        check, created = AccessibilityCheck.objects.get_or_create(
            ran_at=ran_at, defaults={"passed": passed}
        )
        state = "eingetragen" if created else "war schon eingetragen"
        self.stdout.write(f"{check} am {ran_at:%d.%m.%Y %H:%M}: {state}.")

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import outbox


class Command(BaseCommand):
    help = (
        "Zählt E-Mails, die nicht verschickt wurden: länger als 30 Minuten in der "
        "Warteschlange oder nach einem Tag vergeblicher Versuche aufgegeben. Schlägt fehl, "
        "wenn es welche gibt, damit die Überwachung Alarm gibt."
    )

    def handle(self, *args, **options):
        unsent = outbox.unsent().order_by("created")
        count = unsent.count()
        for email in unsent.prefetch_related("logs")[:20]:
            errors = sorted(email.logs.all(), key=lambda log: log.date)
            self.stdout.write(
                f"#{email.pk} vom {timezone.localtime(email.created):%d.%m.%Y %H:%M}, "
                f"{email.get_status_display()}, Versuche: {(email.number_of_retries or 0) + 1}"
                + (f", zuletzt: {errors[-1].message}" if errors else "")
            )
        if count:
            raise CommandError(f"Nicht verschickte E-Mails: {count}")
        self.stdout.write("Keine unverschickten E-Mails.")

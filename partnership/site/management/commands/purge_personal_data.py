from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from core import held_uploads, outbox
from news.models import PreviewLink
from partnership.participation import ratelimit, retention


class Command(BaseCommand):
    help = (
        "Löscht personenbezogene Sicherheitsdaten, die älter sind als SECURITY_RECORDS_DAYS "
        "(Standard 90 Tage): Protokolle fehlgeschlagener Anmeldungen und abgelaufene oder "
        "widerrufene Vorschaulinks, verschickte und aufgegebene E-Mails; dazu Bilder aus "
        "Formularen, die seit mehr als einem Tag nicht gespeichert wurden, die Anmeldungen zu "
        "Terminen, die mehr als SIGNUP_RETENTION_DAYS (Standard 30) Tage vorbei sind (ihre "
        "Zahlen bleiben), und die Merkmale von Anmeldeversuchen, die älter als ein Tag sind. "
        "Kann beliebig oft laufen, etwa täglich per cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        days = settings.SECURITY_RECORDS_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        deleted = {
            "Anmeldeversuche": AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0],
            "fehlgeschlagene Anmeldungen": AccessFailureLog.objects.filter(
                attempt_time__lt=cutoff
            ).delete()[0],
            "Anmeldeprotokolle": AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
            "Vorschaulinks": PreviewLink.objects.filter(
                Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff)
            ).delete()[0],
            "E-Mails": outbox.purge(cutoff),
        }
        for what, count in deleted.items():
            self.stdout.write(f"{what} älter als {days} Tage gelöscht: {count}")
        held = held_uploads.purge()
        self.stdout.write(f"Zurückgehaltene Bilder älter als 1 Tag gelöscht: {held}")
        signups = retention.purge_sign_ups()
        self.stdout.write(
            f"Anmeldungen zu Terminen, die mehr als {settings.SIGNUP_RETENTION_DAYS} Tage "
            f"vorbei sind, gelöscht: {signups}"
        )
        unconfirmed = retention.purge_unconfirmed()
        self.stdout.write(f"Nicht bestätigte Anmeldungen älter als 1 Tag gelöscht: {unconfirmed}")
        attempts = ratelimit.purge()
        self.stdout.write(f"Anmeldeversuche zu Terminen älter als 1 Tag gelöscht: {attempts}")

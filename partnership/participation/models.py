"""
Sign-ups for events (partnership.models.Project with ``is_event``).

A sign-up holds personal data only as long as it is needed: it is deleted
a configurable number of days after its event (``purge_personal_data``),
and what remains is a count per event (SignUpCount).
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnership.models import Project

# How long an unconfirmed sign-up keeps its place.
HOLD = timedelta(minutes=60)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


class SignUpQuerySet(models.QuerySet):
    def holding_places(self, now=None):
        """Confirmed sign-ups for a place, and unconfirmed ones still inside their hour."""
        now = now or timezone.now()
        return self.filter(waiting=False).filter(
            Q(state=SignUp.State.CONFIRMED)
            | Q(state=SignUp.State.UNCONFIRMED, created_at__gt=now - HOLD)
        )

    def confirmed(self):
        return self.filter(state=SignUp.State.CONFIRMED, waiting=False)

    def waiting_list(self):
        """Confirmed sign-ups on the waiting list, first come first served."""
        return self.filter(state=SignUp.State.CONFIRMED, waiting=True).order_by(
            "confirmed_at", "pk"
        )

    def people(self):
        return self.aggregate(total=Sum("party_size"))["total"] or 0

    def for_key(self, key):
        return self.filter(key_hash=hash_key(key))


class SignUp(models.Model):
    class State(models.TextChoices):
        UNCONFIRMED = "unbestaetigt", _("noch nicht bestätigt")
        CONFIRMED = "bestaetigt", _("bestätigt")
        CANCELLED = "abgesagt", _("abgesagt")

    class AgeGroup(models.TextChoices):
        UNDER_12 = "unter-12", _("unter 12 Jahre")
        FROM_12 = "12-15", _("12 bis 15 Jahre")
        FROM_16 = "16-17", _("16 bis 17 Jahre")
        ADULT = "18-plus", _("18 Jahre und älter")

    class Diet(models.TextChoices):
        NONE = "", _("keine Angabe")
        VEGETARIAN = "vegetarisch", _("vegetarisch")
        VEGAN = "vegan", _("vegan")

    event = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name=_("Termin"),
    )
    state = models.CharField(
        _("Stand"), max_length=20, choices=State.choices, default=State.UNCONFIRMED
    )
    waiting = models.BooleanField(
        _("Warteliste"),
        default=False,
        help_text=_("Auf der Warteliste statt auf einem Platz."),
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"), db_index=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    participant_name = models.CharField(
        _("Name des Kindes oder Jugendlichen"),
        max_length=200,
        blank=True,
        help_text=_("Nur bei Terminen für unter 16-Jährige; angemeldet hat dann ein Elternteil."),
    )
    party_size = models.PositiveSmallIntegerField(_("Personen"), default=1)
    age_group = models.CharField(
        _("Altersgruppe"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    diet = models.CharField(_("Verpflegung"), max_length=20, choices=Diet.choices, blank=True)
    diet_note = models.TextField(
        _("Allergien oder andere Bedürfnisse"),
        blank=True,
        help_text=_("Nur mit ausdrücklicher Einwilligung gespeichert (Art. 9 DSGVO)."),
    )
    diet_consent_at = models.DateTimeField(
        _("Einwilligung zu Gesundheitsangaben"), null=True, blank=True
    )
    answer = models.TextField(_("Antwort auf die eigene Frage"), blank=True)
    # The links in the e-mails carry a secret; only its hash is stored, so a
    # copy of the database opens no sign-up.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("angemeldet am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("abgesagt am"), null=True, blank=True)
    moved_up_at = models.DateTimeField(_("nachgerückt am"), null=True, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "created_at", "pk"]
        permissions = [
            (
                "export_signup",
                _("Darf Teilnehmerlisten exportieren, Teilnehmenden schreiben und absagen"),
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def new_key(self):
        """A fresh secret for this sign-up's links; only its hash is kept."""
        key = secrets.token_urlsafe(32)
        self.key_hash = hash_key(key)
        return key


class SignUpCount(models.Model):
    """What remains of an event's sign-ups once their personal data is deleted."""

    event = models.OneToOneField(
        Project,
        on_delete=models.CASCADE,
        related_name="signup_count",
        verbose_name=_("Termin"),
    )
    confirmed = models.PositiveIntegerField(_("bestätigte Anmeldungen"), default=0)
    people = models.PositiveIntegerField(_("Personen mit Platz"), default=0)
    waiting = models.PositiveIntegerField(_("auf der Warteliste"), default=0)
    cancelled = models.PositiveIntegerField(_("abgesagt"), default=0)
    purged_at = models.DateTimeField(_("personenbezogene Daten gelöscht am"))

    class Meta:
        verbose_name = _("Anmeldezahl")
        verbose_name_plural = _("Anmeldezahlen")

    def __str__(self):
        return str(self.event)


class SignUpAttempt(models.Model):
    """
    One sign-up form sent, for the rate limit per address. The address is
    kept only as a keyed hash, and rows older than a day are deleted.
    """

    client_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Anmeldeversuch")
        verbose_name_plural = _("Anmeldeversuche")

    def __str__(self):
        return f"{self.client_hash[:8]} {self.created_at:%Y-%m-%d %H:%M}"

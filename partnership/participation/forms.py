from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import SignUp

# Free texts stay well below the size of a request the site accepts at all.
MAX_TEXT = 2000

PHONE_CHARACTERS = frozenset("0123456789 +()/-")


def validate_phone(value):
    if not set(value) <= PHONE_CHARACTERS or not any(char.isdigit() for char in value):
        raise ValidationError(
            _("Bitte geben Sie die Telefonnummer nur mit Ziffern, Leerzeichen und + ( ) / - ein.")
        )


# An event for under-16s asks only for the age groups below 16.
MINORS_AGE_GROUPS = [SignUp.AgeGroup.UNDER_12, SignUp.AgeGroup.FROM_12]

# The fields an event may ask for, each with the switch that asks it.
OPTIONAL_FIELDS = {
    "phone": "ask_phone",
    "party_size": "ask_party_size",
    "age_group": "ask_age_group",
    "diet": "ask_diet",
    "diet_note": "ask_diet",
    "diet_consent": "ask_diet",
    "answer": "question",
    "participant_name": "for_minors",
}


class SignUpForm(forms.ModelForm):
    """
    A citizen's sign-up for ``event``, with only the fields the event asks
    for: a value posted for any other field is never stored.
    """

    # A short label, so that the error summary names the box briefly; what
    # the consent covers is its help text, linked by aria-describedby.
    diet_consent = forms.BooleanField(
        label=_("Einwilligung zu den Angaben über Allergien"), required=False
    )

    class Meta:
        model = SignUp
        fields = [
            "name",
            "participant_name",
            "email",
            "phone",
            "party_size",
            "age_group",
            "diet",
            "diet_note",
            "answer",
        ]
        labels = {
            "name": _("Ihr Name"),
            "email": _("Ihre E-Mail-Adresse"),
            "phone": _("Telefonnummer"),
            "party_size": _("Anzahl der Personen"),
            "age_group": _("Altersgruppe"),
            "diet": _("Verpflegung"),
            "diet_note": _("Allergien, Unverträglichkeiten oder andere Bedürfnisse (freiwillig)"),
        }
        help_texts = {
            "email": _(
                "An diese Adresse schicken wir den Link, mit dem Sie die Anmeldung bestätigen."
            ),
            "participant_name": "",
            "diet_note": _("Wird nur gespeichert, wenn Sie unten einwilligen."),
        }
        widgets = {
            "diet_note": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, event, *args, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        for name, switch in OPTIONAL_FIELDS.items():
            if not getattr(event, switch):
                del self.fields[name]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if "phone" in self.fields:
            self.fields["phone"].required = True
            self.fields["phone"].validators.append(validate_phone)
            self.fields["phone"].widget = forms.TextInput(
                attrs={"autocomplete": "tel", "type": "tel"}
            )
        if "party_size" in self.fields:
            self.fields["party_size"] = forms.TypedChoiceField(
                label=_("Anzahl der Personen"),
                choices=[(n, n) for n in range(1, event.max_party_size + 1)],
                coerce=int,
                initial=1,
                help_text=_("Sie selbst mitgezählt, höchstens %(max)s.")
                % {"max": event.max_party_size},
            )
        if "age_group" in self.fields:
            groups = MINORS_AGE_GROUPS if event.for_minors else SignUp.AgeGroup
            self.fields["age_group"].required = True
            self.fields["age_group"].choices = [
                ("", _("bitte wählen")),
                *((group.value, group.label) for group in groups),
            ]
        if "diet" in self.fields:
            self.fields["diet"].choices = SignUp.Diet.choices
        if "diet_consent" in self.fields:
            self.fields["diet_consent"].help_text = ngettext(
                "Damit willigen Sie ein, dass Ihre Angaben zu Allergien oder anderen "
                "Bedürfnissen gespeichert und an die Veranstaltenden weitergegeben werden, "
                "damit sie sich darauf einstellen können. Sie werden zusammen mit Ihrer "
                "Anmeldung gelöscht, spätestens %(days)s Tag nach dem Termin. Sie können "
                "die Einwilligung jederzeit widerrufen.",
                "Damit willigen Sie ein, dass Ihre Angaben zu Allergien oder anderen "
                "Bedürfnissen gespeichert und an die Veranstaltenden weitergegeben werden, "
                "damit sie sich darauf einstellen können. Sie werden zusammen mit Ihrer "
                "Anmeldung gelöscht, spätestens %(days)s Tage nach dem Termin. Sie können "
                "die Einwilligung jederzeit widerrufen.",
                settings.SIGNUP_RETENTION_DAYS,
            ) % {"days": settings.SIGNUP_RETENTION_DAYS}
        for name in ("diet_note", "answer"):
            if name in self.fields:
                self.fields[name].validators.append(MaxLengthValidator(MAX_TEXT))
        if "answer" in self.fields:
            self.fields["answer"].label = event.question
        if event.for_minors:
            self.fields["name"].label = _(
                "Ihr Name (Elternteil oder erziehungsberechtigte Person)"
            )
            self.fields["participant_name"].label = _("Name des Kindes oder Jugendlichen")
            self.fields["participant_name"].required = True
            if "age_group" in self.fields:
                self.fields["age_group"].label = _("Altersgruppe des Kindes oder Jugendlichen")

    def clean_email(self):
        email = self.cleaned_data["email"]
        # Django accepts "a@localhost"; no mail to the public goes to a host without a dot.
        if "." not in email.rpartition("@")[2]:
            raise ValidationError(
                _("Bitte geben Sie eine vollständige E-Mail-Adresse ein, etwa name@beispiel.de.")
            )
        return email

    def clean(self):
        data = super().clean()
        if data.get("diet_note", "").strip() and not data.get("diet_consent"):
            self.add_error(
                "diet_consent",
                _(
                    "Bitte willigen Sie ein, damit wir Ihre Angaben zu Allergien oder anderen "
                    "Bedürfnissen speichern dürfen, oder lassen Sie das Feld darüber leer."
                ),
            )
        return data

    def save(self, commit=True):
        signup = super().save(commit=False)
        signup.event = self.event
        if self.cleaned_data.get("diet_note", "").strip() and self.cleaned_data.get(
            "diet_consent"
        ):
            signup.diet_consent_at = timezone.now()
        else:
            signup.diet_note = ""
        if commit:
            signup.save()
        return signup

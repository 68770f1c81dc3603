from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SignUp

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

    diet_consent = forms.BooleanField(
        label=_(
            "Ich willige ein, dass meine Angaben zu Allergien oder anderen Bedürfnissen "
            "gespeichert und an die Veranstaltenden weitergegeben werden, damit sie sich "
            "darauf einstellen können. Sie werden mit der Anmeldung gelöscht; die "
            "Einwilligung kann ich jederzeit widerrufen."
        ),
        required=False,
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
            "diet_note": _("Nur mit Ihrer Einwilligung darunter gespeichert."),
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
            self.fields["age_group"].required = True
            self.fields["age_group"].choices = [("", _("bitte wählen")), *SignUp.AgeGroup.choices]
        if "diet" in self.fields:
            self.fields["diet"].choices = SignUp.Diet.choices
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

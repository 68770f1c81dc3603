"""
Sign-ups for staff: the list of participants per event, the organiser's
CSV export, an e-mail to everyone confirmed, and a person's sign-ups
across events for requests under Art. 15 and 17 DSGVO.

Sign-ups come from citizens and are not edited here: their address is
proven by the double opt-in, and a staff edit would no longer be what the
person sent. Both editorial roles see the lists; exporting, writing to
participants and deleting are the lead's (partnership/site/roles.py).
Every export, message and deletion is logged on the event, without names
or addresses: the audit trail outlives the sign-ups.
"""

import json
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from post_office.models import STATUS, Email

from core import outbox
from core.listfilters import titled
from core.spreadsheets import excel_csv
from partnership.models import Project

from . import mails, places
from .models import SignUp

EXPORT = "participation.export_signup"
DELETE = "participation.delete_signup"


def local(moment):
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def spoken(moment):
    """A moment in German local time, e.g. „29.11.2026, 21:40 Uhr“, for a citizen to read."""
    return date_format(timezone.localtime(moment), "d.m.Y, H:i") + " Uhr" if moment else None


def columns(event):
    """(heading, value of a sign-up) for the fields this event asks for, in form order."""
    chosen = [
        (_("Name"), lambda s: s.name),
        (_("Name des Kindes oder Jugendlichen"), lambda s: s.participant_name)
        if event.for_minors
        else None,
        (_("E-Mail-Adresse"), lambda s: s.email),
        (_("Telefon"), lambda s: s.phone) if event.ask_phone else None,
        (_("Personen"), lambda s: s.party_size) if event.ask_party_size else None,
        (_("Altersgruppe"), lambda s: s.get_age_group_display()) if event.ask_age_group else None,
        (_("Verpflegung"), lambda s: s.get_diet_display()) if event.ask_diet else None,
        (_("Allergien oder andere Bedürfnisse"), lambda s: s.diet_note)
        if event.ask_diet
        else None,
        (event.question, lambda s: s.answer) if event.question else None,
        (_("Liste"), lambda s: _("Warteliste") if s.waiting else _("Teilnahme")),
        (_("bestätigt am"), lambda s: local(s.confirmed_at)),
    ]
    return [column for column in chosen if column is not None]


def participants_csv(event, signups):
    """The organiser's list, for Excel (core.spreadsheets)."""
    chosen = columns(event)
    return excel_csv(
        [
            [heading for heading, _value in chosen],
            *([value(signup) for _heading, value in chosen] for signup in signups),
        ]
    )


# The outbox's states of a message (core/outbox.py), as a citizen would say them.
MAIL_STATES = {
    STATUS.sent: gettext_lazy("verschickt"),
    STATUS.failed: gettext_lazy("Versand fehlgeschlagen"),
    STATUS.queued: gettext_lazy("wartet auf den Versand"),
    STATUS.requeued: gettext_lazy("wartet auf einen neuen Versuch"),
}


def disclosed_signup(signup):
    """One sign-up for the Art. 15 disclosure: labels as keys, values as the form says them."""
    event = signup.event
    entry = {_("Termin"): event.title, _("Wann"): mails.when(event)}
    for field in SignUp._meta.concrete_fields:
        if field.name in ("id", "event", "key_hash"):
            continue
        if field.name == "answer" and (event.question or signup.answer):
            entry[_("Eigene Frage des Termins")] = event.question
        value = getattr(signup, field.attname)
        if field.choices:
            value = getattr(signup, f"get_{field.name}_display")()
        elif isinstance(value, bool):
            value = _("ja") if value else _("nein")
        elif isinstance(value, datetime):
            value = spoken(value)
        entry[str(capfirst(field.verbose_name))] = value
    return entry


def storage_periods():
    """How long sign-ups and e-mails are kept (purge_personal_data), in one paragraph."""
    signups, mails = settings.SIGNUP_RETENTION_DAYS, settings.SECURITY_RECORDS_DAYS
    return " ".join(
        [
            ngettext(
                "Die Angaben zu einer Anmeldung werden %(days)d Tag nach dem Termin gelöscht.",
                "Die Angaben zu einer Anmeldung werden %(days)d Tage nach dem Termin gelöscht.",
                signups,
            )
            % {"days": signups},
            ngettext(
                "Gespeicherte E-Mails werden %(days)d Tag nach dem Schreiben gelöscht.",
                "Gespeicherte E-Mails werden %(days)d Tage nach dem Schreiben gelöscht.",
                mails,
            )
            % {"days": mails},
        ]
    )


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventFilter(admin.RelatedFieldListFilter):
    """Only events, newest first, by title and date."""

    def field_choices(self, field, request, model_admin):
        events = Project.objects.events().order_by("-start_date", "pk")
        return [
            (event.pk, f"{event.title} ({date_format(event.start_date, 'SHORT_DATE_FORMAT')})")
            for event in events.only("pk", "title", "start_date")
        ]


# Whom a message to an event's sign-ups can go to: (label, sign-ups of the
# group). Confirmed places first, so that an address in two groups is
# greeted by the name of its place.
AUDIENCES = {
    "bestaetigt": (gettext_lazy("mit bestätigtem Platz"), lambda signups: signups.confirmed()),
    "warteliste": (gettext_lazy("auf der Warteliste"), lambda signups: signups.waiting_list()),
    "unbestaetigt": (
        gettext_lazy("noch nicht bestätigt, Platz freigehalten"),
        lambda signups: signups.holding_places().filter(state=SignUp.State.UNCONFIRMED),
    ),
}


def addresses_of(event):
    """Each group's addresses, each once: {group: {address in lower case: (name, address)}}."""
    groups = {}
    for key, (_label, rows) in AUDIENCES.items():
        addresses = groups[key] = {}
        for name, email in rows(event.signups.all()).order_by("pk").values_list("name", "email"):
            addresses.setdefault(email.lower(), (name, email))
    return groups


class MessageForm(forms.Form):
    audience = forms.MultipleChoiceField(
        label=gettext_lazy("An wen"),
        choices=[(key, label) for key, (label, _rows) in AUDIENCES.items()],
        initial=["bestaetigt"],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Bitte mindestens eine Gruppe ankreuzen.")},
        help_text=gettext_lazy(
            "Wird ein Termin abgesagt oder verschoben, bitte alle drei Gruppen ankreuzen, "
            "damit alle davon erfahren. Jede Adresse bekommt die Nachricht nur einmal."
        ),
    )
    subject = forms.CharField(label=gettext_lazy("Betreff"), max_length=outbox.SUBJECT_LENGTH)
    body = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Einfacher Text ohne Formatierung. Anrede und ein Hinweis, warum die Nachricht "
            "kommt, werden ergänzt."
        ),
    )

    def __init__(self, *args, counts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [
            (
                key,
                ngettext("%(group)s (%(count)d Adresse)", "%(group)s (%(count)d Adressen)", count)
                % {"group": capfirst(AUDIENCES[key][0]), "count": count},
            )
            for key, count in counts.items()
        ]


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-Mail-Adresse"),
        help_text=gettext_lazy("Groß- und Kleinschreibung spielt keine Rolle."),
    )


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    # Narrow enough for a laptop screen beside the filters: name and address
    # share a column, as do the state, the waiting list and when it was
    # confirmed; a list of one event leaves out the event.
    list_display = ["person", "party_size", "status", "created_at", "event"]
    list_filter = [
        ("event", titled(EventFilter, gettext_lazy("Termin"))),
        "state",
        "waiting",
    ]
    list_select_related = ["event"]
    search_fields = ["name", "email", "participant_name"]
    date_hierarchy = "created_at"
    actions = ["cancel_selected"]
    fieldsets = [
        (None, {"fields": ["event", "state", "waiting"]}),
        (
            gettext_lazy("Person"),
            {"fields": ["name", "participant_name", "email", "phone", "party_size", "age_group"]},
        ),
        (
            gettext_lazy("Angaben zum Termin"),
            {"fields": ["diet", "diet_note", "diet_consent_at", "answer"]},
        ),
        (
            gettext_lazy("Verlauf"),
            {"fields": ["created_at", "confirmed_at", "cancelled_at", "moved_up_at"]},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if request.GET.get("event__id__exact", "").isdigit():
            return [column for column in columns if column != "event"]
        return columns

    @admin.display(description=gettext_lazy("Person"), ordering="name")
    def person(self, obj):
        return format_html("{}<br>{}", obj.name, obj.email)

    @admin.display(description=gettext_lazy("Stand"), ordering="state")
    def status(self, obj):
        state = obj.get_state_display()
        if obj.waiting:
            state = _("%(state)s, Warteliste") % {"state": state}
        moment = {
            SignUp.State.CONFIRMED: obj.confirmed_at,
            SignUp.State.CANCELLED: obj.cancelled_at,
        }.get(obj.state)
        if moment is None:
            return state
        return format_html("{}<br>{}", state, local(moment))

    # Cancelling, like exporting, is the lead's handling of personal data.
    def has_export_permission(self, request):
        return request.user.has_perm(EXPORT)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk deletion would free places without anyone moving up, and log
        # names; a person's sign-ups are deleted on their own page.
        actions.pop("delete_selected", None)
        return actions

    @admin.action(
        description=gettext_lazy("Ausgewählte Anmeldungen absagen"), permissions=["export"]
    )
    def cancel_selected(self, request, queryset):
        """
        For a cancellation by phone or letter: after a page that names whom
        it concerns, as Django's deletion has, the person is told and the
        waiting list moves up.
        """
        signups = list(
            queryset.exclude(state=SignUp.State.CANCELLED)
            .select_related("event")
            .order_by("event__start_date", "event", "name", "pk")
        )
        if not signups:
            self.message_user(
                request, _("Die ausgewählten Anmeldungen sind schon abgesagt."), messages.WARNING
            )
            return None
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Anmeldungen absagen"),
                "opts": self.model._meta,
                "signups": signups,
                "already_cancelled": queryset.count() - len(signups),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/participation/signup/cancel_selected_confirmation.html", context
            )
        with transaction.atomic():
            moved = places.cancel(signups)
            mails.cancelled_by_staff(signups)
            mails.moved_up(moved)
            self._log_per_event(
                request, signups, _("Abgesagt durch die Redaktion"), one_person=False
            )
        self.message_user(
            request,
            _("Abgesagt: %(cancelled)d. Von der Warteliste nachgerückt: %(moved)d.")
            % {"cancelled": len(signups), "moved": len(moved)},
            messages.SUCCESS,
        )

    def has_change_permission(self, request, obj=None):
        return False

    # The lead's delete right lets an event go with its sign-ups. On their
    # own, sign-ups are deleted on the page for a person's sign-ups, which
    # logs it on the event without the name.
    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {"show_delete": False, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "termin/<int:event_id>/csv/", view(self.export_view), name="participation_export"
            ),
            path(
                "termin/<int:event_id>/e-mail/", view(self.message_view), name="participation_mail"
            ),
            path("person/", view(self.person_view), name="participation_person"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "event": self._filtered_event(request),
            "can_export": request.user.has_perm(EXPORT),
            **(extra_context or {}),
        }
        if extra_context["event"] is not None:
            extra_context["counts"] = self.counts(extra_context["event"])
        return super().changelist_view(request, extra_context)

    @staticmethod
    def _filtered_event(request):
        pk = request.GET.get("event__id__exact", "")
        if not pk.isdigit():
            return None
        return Project.objects.events().filter(pk=pk).first()

    @staticmethod
    def counts(event):
        """The numbers above an event's list, in one query."""
        signups = event.signups.all()

        def among(rows):
            return Q(pk__in=rows.values("pk"))

        unconfirmed = signups.holding_places().filter(state=SignUp.State.UNCONFIRMED)
        return {
            "places": event.capacity,
            **signups.aggregate(
                people=Coalesce(Sum("party_size", filter=among(signups.confirmed())), 0),
                confirmed=Count("pk", filter=among(signups.confirmed())),
                unconfirmed=Count("pk", filter=among(unconfirmed)),
                waiting=Count("pk", filter=among(signups.waiting_list())),
                cancelled=Count("pk", filter=Q(state=SignUp.State.CANCELLED)),
            ),
        }

    # --- The organiser's list --------------------------------------------

    def _event_for(self, request, event_id):
        if not request.user.has_perm(EXPORT):
            raise PermissionDenied
        event = Project.objects.events().filter(pk=event_id).first()
        if event is None:
            raise Http404
        return event

    def export_view(self, request, event_id):
        """A POST, so that a link opened by a browser's preloading exports and logs nothing."""
        event = self._event_for(request, event_id)
        if request.method != "POST":
            return HttpResponseRedirect(self._list_url(event))
        signups = event.signups.filter(state=SignUp.State.CONFIRMED).order_by(
            "waiting", "confirmed_at", "pk"
        )
        rows = list(signups)
        self.log_change(
            request,
            event,
            ngettext(
                "Teilnehmerliste als CSV heruntergeladen: %(count)d Anmeldung",
                "Teilnehmerliste als CSV heruntergeladen: %(count)d Anmeldungen",
                len(rows),
            )
            % {"count": len(rows)},
        )
        filename = (
            f"anmeldungen-{slugify(event.slug or event.pk)}-{timezone.localdate():%Y-%m-%d}.csv"
        )
        return download(participants_csv(event, rows), filename, "text/csv; charset=utf-8")

    def message_view(self, request, event_id):
        """
        Choose the groups, write, check the number of recipients, send: one
        message per address.
        """
        event = self._event_for(request, event_id)
        groups = addresses_of(event)
        form = MessageForm(
            request.POST or None, counts={key: len(rows) for key, rows in groups.items()}
        )
        confirming, chosen, recipients = False, [], []
        if request.method == "POST" and form.is_valid():
            chosen = [
                (AUDIENCES[key][0], len(groups[key])) for key in form.cleaned_data["audience"]
            ]
            recipients = self.recipients(groups, form.cleaned_data["audience"])
            if "senden" in request.POST and recipients:
                count = self.send(request, event, recipients, chosen, form.cleaned_data)
                self.message_user(
                    request,
                    ngettext(
                        "Die Nachricht geht an %(count)d Adresse.",
                        "Die Nachricht geht an %(count)d Adressen.",
                        count,
                    )
                    % {"count": count},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._list_url(event))
            confirming = "aendern" not in request.POST
        context = {
            **self.admin_site.each_context(request),
            "title": _("E-Mail an Angemeldete: %s") % event,
            "opts": self.model._meta,
            "event": event,
            "form": form,
            "confirming": confirming,
            "chosen": chosen,
            "recipients": len(recipients),
            "list_url": self._list_url(event),
        }
        return render(request, "admin/participation/signup/message.html", context)

    @staticmethod
    def recipients(groups, chosen):
        """(name, address) of the chosen groups, each address once."""
        addresses = {}
        for key in AUDIENCES:
            if key in chosen:
                for address, recipient in groups[key].items():
                    addresses.setdefault(address, recipient)
        return list(addresses.values())

    def send(self, request, event, recipients, chosen, data):
        # Fits everyone written to, whether confirmed, waiting or not yet confirmed.
        footer = _(
            "Sie erhalten diese Nachricht, weil mit dieser Adresse eine Anmeldung zu "
            "„%(event)s“ (%(date)s) abgeschickt wurde.\n%(url)s"
        ) % {
            "event": event.title,
            "date": date_format(event.start_date, "DATE_FORMAT"),
            "url": request.build_absolute_uri(event.get_absolute_url()),
        }
        # The sender's address takes no replies; the organiser does.
        contact = event.contact
        if contact is not None and (contact.email or contact.phone):
            reach = ", ".join(filter(None, [contact.name, contact.email, contact.phone]))
            footer += "\n" + _("Fragen bitte an: %(contact)s") % {"contact": reach}
        with transaction.atomic():
            outbox.queue(
                outbox.Message(
                    email,
                    data["subject"],
                    _("Guten Tag %(name)s,") % {"name": name}
                    + f"\n\n{data['body'].strip()}\n\n-- \n{footer}\n",
                )
                for name, email in recipients
            )
            self.log_change(
                request,
                event,
                ngettext(
                    "E-Mail „%(subject)s“ an %(count)d Adresse geschickt (%(groups)s)",
                    "E-Mail „%(subject)s“ an %(count)d Adressen geschickt (%(groups)s)",
                    len(recipients),
                )
                % {
                    "subject": data["subject"],
                    "count": len(recipients),
                    "groups": ", ".join(f"{label}: {count}" for label, count in chosen),
                },
            )
        return len(recipients)

    def _list_url(self, event):
        return reverse("admin:participation_signup_changelist") + f"?event__id__exact={event.pk}"

    # --- Art. 15 and 17 DSGVO --------------------------------------------

    def person_view(self, request):
        """
        All sign-ups of one address: shown, exported as JSON, or deleted after
        a second step. The address travels in POST bodies only, never in a
        URL that server logs or the browser history keep.
        """
        if not request.user.has_perm(EXPORT):
            raise PermissionDenied
        form = PersonForm(request.POST or None)
        signups, step = None, "suchen"
        if request.method == "POST" and form.is_valid():
            address = form.cleaned_data["email"]
            signups = list(
                SignUp.objects.filter(email__iexact=address)
                .select_related("event")
                .order_by("event__start_date", "pk")
            )
            action = request.POST.get("aktion", "suchen")
            if action in ("loeschen", "endgueltig-loeschen") and not request.user.has_perm(DELETE):
                raise PermissionDenied
            if action == "export":
                self._log_per_event(request, signups, _("Auskunft nach Art. 15 DSGVO"))
                return download(
                    json.dumps(
                        self.disclosure(address, signups),
                        ensure_ascii=False,
                        indent=2,
                    ),
                    f"anmeldungen-auskunft-{timezone.localdate():%Y-%m-%d}.json",
                    "application/json; charset=utf-8",
                )
            if action == "endgueltig-loeschen" and signups:
                return self._delete_person(request, address, signups)
            step = "loeschen" if action == "loeschen" and signups else "ergebnis"
            if step == "ergebnis":
                self._log_per_event(request, signups, _("Nachgeschlagen nach Art. 15/17 DSGVO"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Anmeldungen einer Person"),
            "opts": self.model._meta,
            "form": form,
            "signups": signups,
            "step": step,
            "can_delete": request.user.has_perm(DELETE),
        }
        return render(request, "admin/participation/signup/person.html", context)

    def disclosure(self, address, signups):
        """
        Everything stored about the sign-ups of ``address`` and the e-mails to
        it, for the person (Art. 15): in German words and local time, to be
        read without a key to the database's codes.
        """
        with translation.override(settings.LANGUAGE_CODE):
            site = str(self.admin_site.site_title)
            created = spoken(timezone.now())
            return {
                _("Auskunft"): _(
                    "Auskunft nach Art. 15 DSGVO über die gespeicherten Anmeldungen zu Terminen "
                    "und die gespeicherten E-Mails an die Adresse %(email)s, erstellt am "
                    "%(created)s, von %(site)s."
                )
                % {"email": address, "created": created, "site": site},
                _("E-Mail-Adresse"): address,
                _("Erstellt am"): created,
                _("Von"): site,
                _("Speicherdauer"): storage_periods(),
                _("Anmeldungen"): [disclosed_signup(signup) for signup in signups],
                _("Gespeicherte E-Mails an diese Adresse"): [
                    {
                        _("Betreff"): email.subject,
                        _("Erstellt am"): spoken(email.created),
                        _("Stand"): str(MAIL_STATES.get(email.status, _("unbekannt"))),
                    }
                    for email in Email.objects.filter(to__iexact=address).order_by("created", "pk")
                ],
            }

    def _delete_person(self, request, address, signups):
        with transaction.atomic():
            self._log_per_event(request, signups, _("Löschung nach Art. 17 DSGVO"))
            deleted = SignUp.objects.filter(pk__in=[signup.pk for signup in signups]).delete()[0]
            # Messages to the address (confirmations, news to participants)
            # hold it too; the outbox stores one recipient per message.
            sent = Email.objects.filter(to__iexact=address).delete()[1]
            moved = places.refill({signup.event_id for signup in signups})
            mails.moved_up(moved)
        self.message_user(
            request,
            _(
                "Gelöscht: Anmeldungen %(signups)d, gespeicherte E-Mails an diese Adresse "
                "%(mails)d. Von der Warteliste nachgerückt: %(moved)d."
            )
            % {
                "signups": deleted,
                "mails": sent.get(Email._meta.label, 0),
                "moved": len(moved),
            },
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:participation_person"))

    def _log_per_event(self, request, signups, what, one_person=True):
        """One entry in each event's history: that and by whom, never whose."""
        per_event = {}
        for signup in signups:
            per_event.setdefault(signup.event, []).append(signup)
        for event, rows in per_event.items():
            self.log_change(
                request,
                event,
                (
                    ngettext(
                        "%(what)s: %(count)d Anmeldung einer Person",
                        "%(what)s: %(count)d Anmeldungen einer Person",
                        len(rows),
                    )
                    if one_person
                    else ngettext(
                        "%(what)s: %(count)d Anmeldung",
                        "%(what)s: %(count)d Anmeldungen",
                        len(rows),
                    )
                )
                % {"what": what, "count": len(rows)},
            )

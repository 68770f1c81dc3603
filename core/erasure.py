"""
Erasure that reaches history (Art. 17 DSGVO).

Every save is kept as a revision, visible to all staff. When a person named
in content asks to be removed, the lead erases a text from the live object,
from every stored revision, from a pending change, from the audit trail's
names for the object and from stored workflow e-mails, or deletes all older
revisions. What remains is a record that an erasure happened, by whom and
when, never what was erased.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connections, models, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from post_office.models import Email

from .pending import PendingChange
from .searching import forget_words

REPLACEMENT = "[gelöscht]"


def _replace(value, text):
    """``value`` with every occurrence of ``text`` replaced, in nested JSON too."""
    if isinstance(value, str):
        return value.replace(text, REPLACEMENT)
    if isinstance(value, list):
        return [_replace(item, text) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, text) for key, item in value.items()}
    return value


def _text_fields(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def _erase_in_rows(rows, text):
    """Replace ``text`` in the text fields of ``rows``; the number of rows changed."""
    fields = _text_fields(rows.model)
    changed = 0
    for row in rows.only("pk", *fields):
        values = {name: getattr(row, name) for name in fields}
        erased = {name: _replace(value, text) for name, value in values.items() if value}
        erased = {name: value for name, value in erased.items() if value != values[name]}
        if erased:
            # A query update: erasing must not itself become a new revision.
            rows.model._default_manager.filter(pk=row.pk).update(**erased)
            changed += 1
    return changed


@transaction.atomic
def erase_text(obj, text):
    """Erase ``text`` everywhere this object is stored; how many places held it."""
    model = type(obj)
    places = _erase_in_rows(model._default_manager.filter(pk=obj.pk), text)
    places += _erase_in_rows(obj.history.all(), text)
    content_type = ContentType.objects.get_for_model(model)
    for pending in PendingChange.objects.filter(content_type=content_type, object_id=obj.pk):
        proposal, base = _replace(pending.proposal, text), _replace(pending.base, text)
        if (proposal, base) != (pending.proposal, pending.base):
            pending.proposal, pending.base = proposal, base
            pending.save(update_fields=["proposal", "base"])
            places += 1
    places += _erase_in_rows(
        LogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)), text
    )
    # Workflow e-mails name the content in subject and text.
    places += _erase_in_rows(
        Email.objects.filter(Q(subject__contains=text) | Q(message__contains=text)), text
    )
    if places:
        # Saved once more, so that search index, slugs and caches follow.
        fresh = model._default_manager.get(pk=obj.pk)
        fresh.skip_history_when_saving = True
        fresh.save()
        forget_words(connections[fresh._state.db], text)
    return places


@transaction.atomic
def purge_history(obj):
    """Delete every revision but the newest; how many were deleted."""
    newest = obj.history.order_by("-history_date", "-history_id").first()
    if newest is None:
        return 0
    return obj.history.exclude(pk=newest.pk).delete()[0]


class ErasureForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Zu löschender Text"),
        min_length=3,
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Zum Beispiel ein Name, eine Adresse oder Telefonnummer, genau wie im Text "
            "geschrieben. Er wird überall durch „[gelöscht]“ ersetzt."
        ),
    )
    purge_history = forms.BooleanField(
        label=gettext_lazy("Außerdem alle früheren Fassungen löschen"),
        required=False,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Ich weiß, dass sich das nicht rückgängig machen lässt."),
        error_messages={
            "required": gettext_lazy(
                "Bitte bestätigen Sie, dass sich das Löschen nicht rückgängig machen lässt."
            )
        },
    )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("text") and not cleaned_data.get("purge_history"):
            raise forms.ValidationError(
                _("Bitte geben Sie einen Text an oder wählen Sie, die Fassungen zu löschen.")
            )
        return cleaned_data


class ErasureAdminMixin:
    """A lead-only page that erases a text from an object's whole history."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/loeschen/",
                self.admin_site.admin_view(self.erasure_view),
                name=f"{opts.app_label}_{opts.model_name}_erase",
            ),
            *super().get_urls(),
        ]

    def erasure_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.can_publish(request):
            raise PermissionDenied
        form = ErasureForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            self._erase(request, obj, form.cleaned_data)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personenbezogene Angaben löschen: %s") % obj,
            "opts": self.model._meta,
            "object": obj,
            "form": form,
        }
        return render(request, "admin/erasure.html", context)

    def _erase(self, request, obj, data):
        done = []
        if data["text"]:
            places = erase_text(obj, data["text"])
            done.append(_("Text an %(count)d Stellen gelöscht") % {"count": places})
        if data["purge_history"]:
            deleted = purge_history(obj)
            done.append(_("%(count)d frühere Fassungen gelöscht") % {"count": deleted})
        summary = "; ".join(done)
        obj.refresh_from_db()
        # The audit trail says that and by whom, never what.
        self.log_change(request, obj, _("Löschung nach Art. 17 DSGVO: %s") % summary)
        self.message_user(request, summary + ".", messages.SUCCESS)

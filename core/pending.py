"""
Proposed changes to live content, waiting for the lead's review.

Editors without the right to publish do not change live content directly:
the admin stores what their form would have saved as a pending change, and
the lead publishes it or sends it back. A snapshot holds every concrete
field of the object, its many-to-many links and the rows of its inlines, as
Django's serializer writes them, so fields added later are covered without
touching this module. Until the lead approves, nothing of a pending change
is in the content tables, so search, feeds, the sitemap, structured data and
the page cache cannot show it.

Approving merges three snapshots: the live row as the editor found it (the
base), the proposal, and the live row now. Only what the proposal changed
is written; where the live row changed the same thing since, the lead is
shown both and must confirm.
"""

import json

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .richtext import RichTextField, comparable_html
from .translation import derived_fields


class _RolledBack(Exception):
    """Raised to leave a transaction whose writes only served to render or read."""


def rolled_back(function):
    """
    Run ``function`` in a transaction that is then rolled back, and return
    its result: a proposal applied this way is rendered exactly as it would
    be published, and leaves no trace in the content tables.
    """
    result = None
    try:
        with transaction.atomic():
            result = function()
            raise _RolledBack
    except _RolledBack:
        pass
    return result


def snapshot(obj, children=()):
    """
    The stored state of ``obj`` and of its rows in ``children``, a list of
    (model, foreign key name) pairs, as plain JSON values.
    """
    record = serializers.serialize("python", [obj])[0]
    data = {"fields": record["fields"], "inlines": {}}
    for model, fk_name in children:
        rows = model._default_manager.filter(**{fk_name: obj.pk}).order_by("pk")
        data["inlines"][model._meta.label] = {
            "fk": fk_name,
            "rows": [
                {"pk": row["pk"], "fields": row["fields"]}
                for row in serializers.serialize("python", rows)
            ],
        }
    # One round through JSON, so that snapshots compare equal to stored ones.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _applied_fields(model):
    """
    The fields a snapshot sets: not the key, the version, automatic times,
    the search vector or the copies of translated fields, which every save
    computes afresh from the others.
    """
    derived = derived_fields(model)
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name != "version"
        and field.name not in derived
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
        and not isinstance(field, SearchVectorField)
    ]


def build(model, pk, fields):
    """An unsaved instance and its many-to-many values from snapshot fields."""
    known = {field.name for field in model._meta.get_fields()}
    fields = {name: value for name, value in fields.items() if name in known}
    record = {"model": model._meta.label_lower, "pk": pk, "fields": fields}
    (deserialized,) = serializers.deserialize("python", [record], ignorenonexistent=True)
    return deserialized.object, deserialized.m2m_data


def _comparable(model, fields):
    """
    Snapshot field values as staff tell them apart: no text and empty text
    are the same (an untranslated field may hold either), and so is rich
    text that differs only in line breaks between blocks.
    """
    kinds = {field.name: field for field in model._meta.concrete_fields}
    comparable = {}
    for name, value in fields.items():
        field = kinds.get(name)
        if isinstance(field, (models.CharField, models.TextField)) and value is None:
            value = ""
        if isinstance(field, RichTextField) and isinstance(value, str):
            value = comparable_html(value)
        comparable[name] = value
    return comparable


def _comparable_rows(label, inline):
    model = apps.get_model(label)
    return [{"pk": row["pk"], "fields": _comparable(model, row["fields"])} for row in inline]


def changed_names(model, proposal, base):
    """
    Names of the fields and inline models whose proposed state differs from
    the base; automatic fields (key, version, timestamps) do not count.
    """
    applied = {field.name for field in _applied_fields(model)} | {
        field.name for field in model._meta.many_to_many
    }
    proposed, based = _comparable(model, proposal["fields"]), _comparable(model, base["fields"])
    fields = {
        name for name, value in proposed.items() if name in applied and based.get(name) != value
    }
    inlines = {
        label
        for label, inline in proposal["inlines"].items()
        if _comparable_rows(label, base["inlines"].get(label, {}).get("rows", []))
        != _comparable_rows(label, inline["rows"])
    }
    return fields, inlines


def conflicts(model, proposal, base, live):
    """
    What both the proposal and a later live save changed, differently. Fields
    staff do not edit (a search index, image sizes) follow the others.
    """
    proposed_fields, proposed_inlines = changed_names(model, proposal, base)
    live_fields, live_inlines = changed_names(model, live, base)
    editable = {
        field.name for field in model._meta.get_fields() if getattr(field, "editable", False)
    }
    proposed, current = _comparable(model, proposal["fields"]), _comparable(model, live["fields"])
    fields = {
        name
        for name in proposed_fields & live_fields & editable
        if proposed[name] != current.get(name)
    }
    inlines = {
        label
        for label in proposed_inlines & live_inlines
        if _comparable_rows(label, proposal["inlines"][label]["rows"])
        != _comparable_rows(label, live["inlines"][label]["rows"])
    }
    return fields, inlines


def apply(obj, proposal, base, *, keep_new_keys=False):
    """
    Write what ``proposal`` changed against ``base`` onto the live ``obj`` and
    its inline rows, and save them. New inline rows are created afresh, or
    under the keys they were proposed with when ``keep_new_keys`` is set (so
    that a form rendered from an applied proposal posts back the same keys).
    """
    model = type(obj)
    fields, inlines = changed_names(model, proposal, base)
    proposed, m2m = build(model, obj.pk, proposal["fields"])
    for field in _applied_fields(model):
        if field.name in fields:
            setattr(obj, field.attname, getattr(proposed, field.attname))
    obj.save()
    for name, values in m2m.items():
        if name in fields:
            _set_links(obj, name, values)
    for label in inlines:
        _apply_rows(
            obj,
            apps.get_model(label),
            proposal["inlines"][label],
            base["inlines"].get(label),
            keep_new_keys,
        )
    return obj


def _apply_rows(obj, model, inline, base_inline, keep_new_keys):
    fk_name = inline["fk"]
    base_keys = {row["pk"] for row in (base_inline or {}).get("rows", [])}
    proposed_keys = {row["pk"] for row in inline["rows"] if row["pk"] in base_keys}
    manager = model._default_manager
    manager.filter(**{fk_name: obj.pk}, pk__in=base_keys - proposed_keys).delete()
    existing = manager.in_bulk(proposed_keys)
    for row in inline["rows"]:
        new = row["pk"] not in base_keys
        # A key proposed for a new row may have been given to another row
        # since (SQLite reuses keys); the row then gets a fresh one.
        keep = keep_new_keys and not manager.filter(pk=row["pk"]).exists()
        instance, m2m = build(model, row["pk"] if not new or keep else None, row["fields"])
        setattr(instance, model._meta.get_field(fk_name).attname, obj.pk)
        if not new:
            target = existing.get(row["pk"])
            if target is None:
                # Deleted on the live side since: the proposal keeps it.
                instance.pk = None
            else:
                for field in _applied_fields(model):
                    setattr(target, field.attname, getattr(instance, field.attname))
                instance = target
        instance.save()
        for name, values in m2m.items():
            _set_links(instance, name, values)


def _set_links(obj, name, values):
    # A linked row deleted since the proposal was made is left out.
    related = obj._meta.get_field(name).related_model._default_manager
    getattr(obj, name).set(related.filter(pk__in=values))


def discard_for_deleted(sender, instance, **kwargs):
    """A deleted object's proposal goes with it."""
    PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


class PendingChangeQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).first()


class PendingChange(models.Model):
    """A proposed version of a live object and its inlines, not yet public."""

    class State(models.TextChoices):
        REVIEW = "pruefung", _("In Prüfung")
        RETURNED = "zurueckgegeben", _("Zurückgegeben")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("Inhaltstyp")
    )
    object_id = models.PositiveBigIntegerField(_("Objekt"))
    content_object = GenericForeignKey("content_type", "object_id")
    proposal = models.JSONField(_("vorgeschlagene Fassung"), encoder=DjangoJSONEncoder)
    base = models.JSONField(_("Ausgangsfassung"), encoder=DjangoJSONEncoder)
    base_version = models.PositiveIntegerField(_("Ausgangsfassung Nr."))
    state = models.CharField(
        _("Stand"), max_length=20, choices=State.choices, default=State.REVIEW
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vorgeschlagen von"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("zuletzt bearbeitet von"),
    )
    review_comment = models.TextField(_("Anmerkung der Redaktionsleitung"), blank=True)
    version = models.PositiveIntegerField(_("Bearbeitungsstand"), default=1)
    created = models.DateTimeField(_("vorgeschlagen am"), auto_now_add=True)
    updated = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        db_table = "cities_pendingchange"
        verbose_name = _("Änderung in Prüfung")
        verbose_name_plural = _("Änderungen in Prüfung")
        ordering = ["updated"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="cities_pendingchange_one_per_object"
            )
        ]

    def __str__(self):
        return str(self.content_object or _("gelöschter Inhalt"))

    def get_admin_url(self):
        """Where the change is compared and decided on."""
        opts = self.content_type.model_class()._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_pending", args=[self.object_id])

    @transaction.atomic
    def publish(self, user):
        """Make the proposal live as ``user``; the caller has checked for conflicts."""
        manager = self.content_type.model_class()._default_manager
        # Locked, so that a save of the live row cannot slip in between.
        obj = manager.select_for_update().get(pk=self.object_id)
        obj._history_user = user
        obj._change_reason = _("Vorschlag von %(author)s") % {
            "author": self.author or _("unbekannt")
        }
        apply(obj, self.proposal, self.base)
        self.delete()
        return obj

"""
Two versions of a content object side by side, as staff read them.

``field_changes`` compares two sets of field values of one model: two
revisions, or the live object and a proposed version. Values are shown the way
the form shows them (choice labels, names of related objects, "ja"/"nein",
rich text as its words), and each change comes with a word-level diff.

``ComparisonAdminMixin`` uses it on simple-history's history page and shows
rich text rendered, not as HTML source, wherever the admin shows a version
read-only.
"""

import difflib
from datetime import date, datetime
from itertools import pairwise
from typing import NamedTuple

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .richtext import RichTextField, plain_text
from .translation import derived_fields

EMPTY = "–"
_MISSING = object()


class FieldChange(NamedTuple):
    label: str
    old: str
    new: str
    # old and new as one text, deletions in <del>, insertions in <ins>.
    diff: str
    # Long text, read as its diff rather than as two full versions.
    is_text: bool = False
    # One of the model's ``sensitive_fields`` (a bank account): marked, so a
    # reviewer cannot overlook it among other changes.
    is_sensitive: bool = False


def field_changes(model, old, new, exclude=("version",)):
    """
    The fields of ``model`` whose values differ between ``old`` and ``new``,
    in the model's field order, as ``FieldChange`` rows.

    ``old`` and ``new`` are model instances, historical records or dicts of
    field values (keyed by name or attname; many-to-many values as lists of
    objects or primary keys). A field missing on either side is skipped, as
    are fields no form edits (timestamps, search vectors).
    """
    changes = []
    sensitive = getattr(model, "sensitive_fields", ())
    for field in _compared_fields(model, exclude):
        old_value, new_value = _value(old, field), _value(new, field)
        if _MISSING in (old_value, new_value) or _same(field, old_value, new_value):
            continue
        old_text, new_text = display(field, old_value), display(field, new_value)
        changes.append(
            FieldChange(
                label=str(field.verbose_name),
                old=old_text,
                new=new_text,
                diff=_diff(field, old_text, new_text),
                is_text=_is_text(field),
                is_sensitive=field.name in sensitive,
            )
        )
    return changes


def display(field, value):
    """``value`` of ``field`` as plain text for staff."""
    if isinstance(field, models.ManyToManyField):
        names = sorted(str(obj) for obj in _related_objects(field, value))
        return ", ".join(names) or EMPTY
    if value is None or value == "":
        return EMPTY
    if isinstance(field, models.BooleanField):
        return _("ja") if value else _("nein")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return _related_name(field, value)
    if isinstance(field, RichTextField):
        return plain_text(value) or EMPTY
    if isinstance(field, models.FileField):
        return str(getattr(value, "name", value))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(localize(value))


def word_diff(old, new, context=12):
    """
    HTML of ``old`` turned into ``new`` word by word, every word escaped.
    Unchanged passages keep ``context`` words next to each change; the rest
    is left out ("…"), so a changed word in a long article is easy to find.
    """
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_unchanged(old_words[i1:i2], index, len(opcodes), context))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))  # every part is escaped above


def _unchanged(words, index, count, context):
    keep_start = index > 0  # words after a change
    keep_end = index < count - 1  # words before a change
    if len(words) <= context * (keep_start + keep_end) + 1:
        return escape(" ".join(words))
    shown = []
    if keep_start:
        shown.append(escape(" ".join(words[:context])))
    shown.append("…")
    if keep_end:
        shown.append(escape(" ".join(words[-context:])))
    return " ".join(shown)


def _compared_fields(model, exclude):
    exclude = {*exclude, *derived_fields(model)}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.primary_key or not field.editable or field.name in exclude:
            continue
        yield field


def _value(source, field):
    if isinstance(source, dict):
        value = source.get(field.name, _MISSING)
        return source.get(field.attname, _MISSING) if value is _MISSING else value
    if isinstance(field, models.ManyToManyField):
        # Historical records keep no many-to-many values unless told to.
        if not isinstance(source, field.model) or source.pk is None:
            return _MISSING
        return list(getattr(source, field.name).all())
    return getattr(source, field.attname, _MISSING)


def _pk(value):
    return value.pk if isinstance(value, models.Model) else value


def _same(field, old, new):
    if isinstance(field, models.ManyToManyField):
        return {_pk(obj) for obj in old or ()} == {_pk(obj) for obj in new or ()}
    if isinstance(field, models.ForeignKey):
        return _pk(old) == _pk(new)
    if isinstance(field, models.FileField):
        return str(getattr(old, "name", old) or "") == str(getattr(new, "name", new) or "")
    empty = (None, "")
    return old == new or (old in empty and new in empty)


def _related_name(field, value):
    if isinstance(value, models.Model):
        return str(value)
    related = field.related_model._default_manager.filter(pk=value).first()
    return str(related) if related else _("gelöscht (Nr. %s)") % value


def _related_objects(field, values):
    values = list(values or ())
    loaded = [value for value in values if isinstance(value, models.Model)]
    keys = [value for value in values if not isinstance(value, models.Model)]
    if keys:
        loaded += list(field.related_model._default_manager.filter(pk__in=keys))
    return loaded


def _is_text(field):
    return isinstance(field, models.TextField)


def _diff(field, old_text, new_text):
    if isinstance(field, RichTextField) and old_text == new_text:
        return escape(_("Nur die Formatierung wurde geändert."))
    old_words = "" if old_text == EMPTY else old_text
    new_words = "" if new_text == EMPTY else new_text
    return word_diff(old_words, new_words)


def rendered_rich_text(field):
    """A read-only display of ``field`` that shows the stored, sanitised HTML."""

    @admin.display(description=field.verbose_name)
    def show(obj):
        html = getattr(obj, field.attname)
        if not html:
            return EMPTY
        # Cleaned by the sanitiser on every save, so it is safe to render.
        return format_html('<div class="rendered-rich-text">{}</div>', mark_safe(html))

    show.__name__ = f"{field.name}_rendered"
    return show


class ComparisonAdminMixin:
    """
    History and read-only views that read like the form: labels instead of
    stored values, and rich text rendered.
    """

    object_history_list_template = "admin/revision_history_list.html"
    object_history_form_template = "admin/revision_form.html"

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        # Newest first; each record is compared with the one before it.
        for newer, older in pairwise(list(historical_records)):
            newer.history_delta_changes = field_changes(self.model, older, newer)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Who may not restore a version only looks at it.
        request.shows_revision_read_only = self.revert_disabled(request)
        record = None
        if str(version_id).isdigit():
            record = self.model.history.filter(history_id=version_id).first()
        extra_context = {"revision": record, **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, extra_context)

    def shows_read_only(self, request, obj):
        if getattr(request, "shows_revision_read_only", False):
            return True
        return obj is not None and not self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        return self.with_rendered_rich_text(request, obj, super().get_fieldsets(request, obj))

    def with_rendered_rich_text(self, request, obj, fieldsets):
        """``fieldsets`` with rich text shown rendered where the view is read-only."""
        if not self.shows_read_only(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [self._rendered(item) for item in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if getattr(request, "shows_revision_read_only", False):
            # The form's own fields (the locking version) stay hidden inputs.
            declared = self.form.declared_fields
            fieldsets = self.get_fieldsets(request, obj)
            return [name for name in flatten_fieldsets(fieldsets) if name not in declared]
        return fields

    def _rendered(self, item):
        if isinstance(item, (list, tuple)):
            return tuple(self._rendered(name) for name in item)
        displays = self.__dict__.setdefault("_rich_text_displays", {})
        try:
            field = self.model._meta.get_field(item) if isinstance(item, str) else None
        except FieldDoesNotExist:
            field = None
        if not isinstance(field, RichTextField):
            return item
        # One function per field: the admin matches fieldset entries against
        # read-only fields by identity.
        if item not in displays:
            displays[item] = rendered_rich_text(field)
        return displays[item]

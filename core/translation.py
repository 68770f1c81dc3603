"""
Content in several languages.

German is the source language. django-modeltranslation gives every
translated field a column per stored language (``title_de``, ``title_en``,
…; the apps register their fields in their own ``translation.py``), and
``obj.title`` reads the active language, falling back to German where a
field has no text of its own.

``TranslatableModel`` adds, per language other than German, the state of
the translation (missing, draft, complete) and the German texts it was made
from. A complete translation whose German source has changed since is
outdated ("veraltet"): it stays public, and staff see what changed.
"""

import functools
import hashlib
import json

import simple_history
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from .richtext import RichTextField, comparable_html, sanitize_html

SOURCE_LANGUAGE = "de"
TRANSLATED_LANGUAGES = tuple(
    code for code in settings.CONTENT_LANGUAGES if code != SOURCE_LANGUAGE
)

# The languages' names as staff call them.
LANGUAGE_NAMES = {
    "de": _("Deutsch"),
    "en": _("Englisch"),
    "ja": _("Japanisch"),
    "es": _("Spanisch"),
    "uk": _("Ukrainisch"),
}


class State(models.TextChoices):
    MISSING = "", _("fehlt")
    DRAFT = "entwurf", _("Entwurf")
    COMPLETE = "vollstaendig", _("vollständig")


# Not stored: a complete translation whose German source changed since.
OUTDATED = "veraltet"
STATE_LABELS = {**dict(State.choices), OUTDATED: _("veraltet")}


def active_language():
    """The active language if content can be stored in it, else German."""
    code = (translation.get_language() or SOURCE_LANGUAGE).split("-")[0]
    return code if code in settings.CONTENT_LANGUAGES else SOURCE_LANGUAGE


def served_languages():
    return [code for code, _name in settings.LANGUAGES]


def translated_fields(model):
    """Names of the fields of ``model`` with a column per language."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def localized_fields(model, name):
    """(language, attribute) pairs of field ``name``: one per language if it is translated."""
    if name in translated_fields(model):
        return [
            (code, build_localized_fieldname(name, code)) for code in settings.CONTENT_LANGUAGES
        ]
    return [(SOURCE_LANGUAGE, name)]


def derived_fields(model):
    """
    Fields every save computes from the others: the untranslated column of
    each translated field (a copy of the German one) and the German
    fingerprint. Comparisons and proposals leave them out.
    """
    names = set(translated_fields(model))
    if issubclass(model, TranslatableModel):
        names |= {"source_hash", "source_changed"}
    return names


def state_field(language):
    return f"translation_state_{language}"


def basis_field(language):
    return f"translation_basis_{language}"


def basis_hash_field(language):
    return f"translation_basis_hash_{language}"


def complete_q(language, prefix=""):
    """Rows whose translation into ``language`` is complete; every row for German."""
    if language == SOURCE_LANGUAGE:
        return Q()
    return Q(**{f"{prefix}{state_field(language)}": State.COMPLETE})


def outdated_q(language=None):
    """Rows with an outdated translation into ``language``, or into any language."""
    languages = [language] if language else TRANSLATED_LANGUAGES
    condition = Q(pk__in=[])
    for code in languages:
        condition |= Q(**{state_field(code): State.COMPLETE}) & ~Q(
            **{basis_hash_field(code): F("source_hash")}
        )
    return condition


def text_language(obj, name, language=None):
    """The language the text of ``obj``'s field ``name`` is shown in: German where it fell back."""
    language = language or active_language()
    if language != SOURCE_LANGUAGE and not getattr(obj, build_localized_fieldname(name, language)):
        return SOURCE_LANGUAGE
    return language


def fingerprint(texts):
    return hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()


class TranslatedHistoricalRecords(HistoricalRecords):
    """
    Versions of a model with translated fields. A translated field describes
    itself to migrations by its original field; a unique one (a slug) must
    not be unique in the history, where each version repeats it.
    """

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for field in fields.values():
            if isinstance(field, TranslationField) and field.translated_field.unique:
                field._field_options_kwargs = {
                    **getattr(field, "_field_options_kwargs", {}),
                    "unique": False,
                    "db_index": True,
                }
        return fields


def register_history(model, **options):
    """
    Keep versions of ``model``, a model with translated fields: called after
    its translation is registered, so that each version holds every language.
    """
    simple_history.register(model, records_class=TranslatedHistoricalRecords, **options)


@functools.cache
def unread_columns(model, language):
    """
    The columns of ``model`` that a public page in ``language`` never reads:
    of each translated field, the German copy in its untranslated column
    (the field reads ``title_de``) and the columns of languages it neither
    shows nor falls back to, German; of the bookkeeping, the German texts
    the translations were made from and the other languages' fingerprints.
    Every language's slug and state stay: the language switcher links each
    language the row is translated into.
    """
    shown = {language, SOURCE_LANGUAGE}
    unread = []
    for name in translated_fields(model):
        unread.append(name)
        if name != "slug":
            unread += [
                build_localized_fieldname(name, code)
                for code in settings.CONTENT_LANGUAGES
                if code not in shown
            ]
    if issubclass(model, TranslatableModel):
        unread += [basis_field(code) for code in TRANSLATED_LANGUAGES]
        unread += [basis_hash_field(code) for code in TRANSLATED_LANGUAGES if code not in shown]
    return tuple(unread)


def joined_models(model, select_related, path=""):
    """
    (path prefix, model) of ``model`` and of the models a QuerySet's
    select_related() joins to it: ``query.select_related`` is a tree of
    field names, or True where it joins every foreign key (not followed).
    """
    yield path, model
    if isinstance(select_related, dict):
        for name, joined in select_related.items():
            related = model._meta.get_field(name).related_model
            yield from joined_models(related, joined, f"{path}{name}__")


class TranslatableQuerySet(models.QuerySet):
    def complete_in(self, language):
        return self.filter(complete_q(language))

    def for_display(self):
        """
        Rows as a public page in the active language shows them, and the
        rows select_related() joined to them before: without the columns
        the page never reads (unread_columns()). With five languages a
        model has up to a hundred columns, which would cost a page more to
        compile and read than its queries take in the database.

        A column left out that a page reads after all costs a query per
        row; the query counts pinned per page and language catch that.
        """
        language = active_language()
        unread = []
        for path, model in joined_models(self.model, self.query.select_related):
            unread += [f"{path}{name}" for name in unread_columns(model, language)]
        # Past modeltranslation's defer(), which adds every language's column back.
        return models.QuerySet.defer(self, *unread)

    def outdated(self, language=None):
        return self.filter(outdated_q(language))


class TranslatableModel(models.Model):
    """
    A model whose texts are translated from German (see the module docstring).

    The untranslated column of each translated field (``title`` beside
    ``title_de`` …) always holds the German text: rows are saved with German
    active, so constraints, indexes and the German search see German.
    """

    # Articles appear in a language only once translated; profiles are shown
    # in every language, untranslated fields in German.
    requires_complete_translation = False

    # Fingerprint of the German texts, and when they last changed.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    source_changed = models.DateTimeField(_("deutscher Text geändert"), null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with translation.override(SOURCE_LANGUAGE):
            changed = self.track_translations()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *changed}
            super().save(*args, **kwargs)

    def source_texts(self):
        """The German texts that translations are made from."""
        texts = {}
        for name in translated_fields(type(self)):
            if name == "slug":
                continue
            value = getattr(self, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
            if isinstance(self._meta.get_field(name), RichTextField):
                # As it will be stored, so that saving it unchanged changes nothing.
                value = comparable_html(sanitize_html(value))
            texts[name] = value
        return texts

    def track_translations(self):
        """Note a change of the German texts, and what a newly complete translation is of."""
        texts = self.source_texts()
        digest = fingerprint(texts)
        changed = set()
        if digest != self.source_hash:
            if self.source_hash:
                self.source_changed = timezone.now()
            self.source_hash = digest
            changed |= {"source_hash", "source_changed"}
        for code in TRANSLATED_LANGUAGES:
            complete = getattr(self, state_field(code)) == State.COMPLETE
            if complete and not getattr(self, basis_hash_field(code)):
                self._set_basis(code, texts, digest)
            elif not complete and getattr(self, basis_hash_field(code)):
                self._set_basis(code, {}, "")
            else:
                continue
            changed |= {basis_field(code), basis_hash_field(code)}
        return changed

    def _set_basis(self, language, texts, digest):
        setattr(self, basis_field(language), texts)
        setattr(self, basis_hash_field(language), digest)

    def confirm_translation(self, language):
        """Mark the translation into ``language`` as current with the German texts of now."""
        texts = self.source_texts()
        self._set_basis(language, texts, fingerprint(texts))

    def translation_state(self, language):
        """fehlt, Entwurf, vollständig or veraltet: a key of STATE_LABELS."""
        if language == SOURCE_LANGUAGE:
            return State.COMPLETE
        state = getattr(self, state_field(language))
        if state == State.COMPLETE and self.is_outdated(language):
            return OUTDATED
        return state

    def is_outdated(self, language):
        return (
            getattr(self, state_field(language)) == State.COMPLETE
            and getattr(self, basis_hash_field(language)) != self.source_hash
        )

    def source_changes(self, language):
        """(field, German text then, German text now) for each text changed since translated."""
        basis = getattr(self, basis_field(language)) or {}
        now = self.source_texts()
        return [
            (name, basis.get(name, ""), text)
            for name, text in now.items()
            if basis.get(name, "") != text
        ]

    def is_shown_in(self, language):
        """Whether the public may see this object in ``language`` (when it is public at all)."""
        if language == SOURCE_LANGUAGE or not self.requires_complete_translation:
            return True
        return getattr(self, state_field(language)) == State.COMPLETE

    def public_languages(self):
        """The served languages the public may see this object in."""
        if not self.is_published():
            return []
        return [code for code in served_languages() if self.is_shown_in(code)]


for _code in TRANSLATED_LANGUAGES:
    TranslatableModel.add_to_class(
        state_field(_code),
        models.CharField(
            format_lazy("{}: {}", _("Übersetzung"), LANGUAGE_NAMES[_code]),
            max_length=20,
            choices=State.choices,
            blank=True,
            default=State.MISSING,
            help_text=_(
                "Erst „vollständig“ macht die Übersetzung öffentlich, sobald auch der "
                "Inhalt veröffentlicht ist."
            ),
        ),
    )
    # The German texts the translation was made from, for the comparison once
    # they change, and their fingerprint, compared with source_hash.
    TranslatableModel.add_to_class(
        basis_field(_code), models.JSONField(default=dict, blank=True, editable=False)
    )
    TranslatableModel.add_to_class(
        basis_hash_field(_code), models.CharField(max_length=64, blank=True, editable=False)
    )

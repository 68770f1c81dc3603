"""
The admin of translated content: the German fields where the admin's
fieldsets name them, then a fieldset per language, folded until opened,
with the state of that translation and its fields; what changed in German
since a translation was completed, and a box to confirm it current again.
Plain HTML (``<details>``): keyboard and screen readers need no script.
Everything is saved by the form, so that an editor's change to live content
becomes a proposal like any other.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from .comparison import word_diff
from .richtext import plain_text
from .translation import (
    LANGUAGE_NAMES,
    OUTDATED,
    SOURCE_LANGUAGE,
    STATE_LABELS,
    TRANSLATED_LANGUAGES,
    outdated_q,
    state_field,
    translated_fields,
)

TRANSLATION_FIELDSET_TITLE = _("Übersetzungen")


def confirm_field(language):
    return f"confirm_translation_{language}"


def language_label(language):
    """The language's German name, marked where no native speaker has checked the texts yet."""
    if language in settings.UNCHECKED_LANGUAGES:
        return format_lazy("{} ({})", LANGUAGE_NAMES[language], _("ungeprüft"))
    return LANGUAGE_NAMES[language]


class TranslatedForm(forms.ModelForm):
    """
    Puts a model's errors on the German field where they name an
    untranslated one, and applies the boxes that confirm an outdated
    translation as current.
    """

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            translated = translated_fields(self._meta.model)
            errors.error_dict = {
                (f"{name}_{SOURCE_LANGUAGE}" if name in translated else name): messages
                for name, messages in errors.error_dict.items()
            }
        super()._update_errors(errors)

    def _post_clean(self):
        super()._post_clean()
        for code in TRANSLATED_LANGUAGES:
            if self.cleaned_data.get(confirm_field(code)):
                self.instance.confirm_translation(code)


class OutdatedFilter(admin.SimpleListFilter):
    title = _("Übersetzung")
    parameter_name = "uebersetzung"

    def lookups(self, request, model_admin):
        return [
            (code, format_lazy("{}: {}", language_label(code), STATE_LABELS[OUTDATED]))
            for code in TRANSLATED_LANGUAGES
        ]

    def queryset(self, request, queryset):
        if self.value() in TRANSLATED_LANGUAGES:
            return queryset.filter(outdated_q(self.value()))
        return queryset


class TranslatedAdmin(TranslationAdmin):
    """
    The last base of a translated model's admin, so that the project's
    admin classes come first and reach it through super(). Fieldsets name
    the untranslated fields ("title"): the German column takes its place,
    the other languages' columns go to their language's fieldset.
    """

    def get_fieldsets(self, request, obj=None):
        return self.with_translation_fieldsets(super().get_fieldsets(request, obj), obj)

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), OutdatedFilter]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "german_changes"]

    def get_form(self, request, obj=None, **kwargs):
        confirm_boxes = {
            confirm_field(code): forms.BooleanField(
                label=format_lazy("{}: {}", language_label(code), _("wieder aktuell")),
                required=False,
                help_text=_(
                    "Ankreuzen, wenn die Übersetzung zu den Änderungen im deutschen Text "
                    "geprüft und angepasst ist."
                ),
            )
            for code in self.outdated_languages(obj)
        }
        base = kwargs.get("form", self.form)
        kwargs["form"] = type(base.__name__, (TranslatedForm, base), confirm_boxes)
        return super().get_form(request, obj, **kwargs)

    def _get_form_or_formset(self, request, obj, **kwargs):
        # modeltranslation decides what the form leaves out; read-only
        # displays given as functions (rendered rich text) are no form fields.
        kwargs = super()._get_form_or_formset(request, obj, **kwargs)
        displays = [item for item in kwargs.get("fields") or () if callable(item)]
        kwargs["exclude"] = (*kwargs["exclude"], *displays)
        return kwargs

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        for code in TRANSLATED_LANGUAGES:
            if db_field.name == state_field(code):
                kwargs["label"] = format_lazy("{}: {}", language_label(code), _("Übersetzung"))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @staticmethod
    def outdated_languages(obj):
        if obj is None:
            return []
        return [code for code in TRANSLATED_LANGUAGES if obj.is_outdated(code)]

    def with_translation_fieldsets(self, fieldsets, obj):
        """
        ``fieldsets`` with German only, followed by a fieldset per language
        (its state first) and, where translations are outdated, what changed
        in German since.
        """
        language_of = {
            build_localized_fieldname(name, code): code
            for name in translated_fields(self.model)
            for code in TRANSLATED_LANGUAGES
        }
        own = {"german_changes"} | {
            name(code) for code in TRANSLATED_LANGUAGES for name in (state_field, confirm_field)
        }
        elsewhere = own | set(language_of)
        by_language = {code: [] for code in TRANSLATED_LANGUAGES}
        for _name, options in fieldsets:
            for field in flatten_fieldsets([(None, options)]):
                if field in language_of:
                    by_language[language_of[field]].append(field)
        german = [
            (name, {**options, "fields": without(options["fields"], elsewhere)})
            for name, options in fieldsets
            if name != TRANSLATION_FIELDSET_TITLE
        ]
        outdated = self.outdated_languages(obj)
        languages = [
            (
                language_label(code),
                {
                    "fields": [
                        (state_field(code), confirm_field(code))
                        if code in outdated
                        else state_field(code),
                        *by_language[code],
                    ],
                    "classes": ["collapse"],
                },
            )
            for code in TRANSLATED_LANGUAGES
        ]
        changes = (
            [
                (
                    TRANSLATION_FIELDSET_TITLE,
                    {
                        "fields": ["german_changes"],
                        "description": _(
                            "Der deutsche Text hat sich geändert, seit diese Übersetzungen "
                            "vollständig waren. Bitte prüfen und anpassen, dann „wieder aktuell“ "
                            "ankreuzen."
                        ),
                    },
                )
            ]
            if outdated
            else []
        )
        return [*german[:1], *changes, *languages, *german[1:]]

    @admin.display(description=_("Geändert im deutschen Text"))
    def german_changes(self, obj):
        """Per outdated translation, what changed in German since it was completed."""
        rows = []
        for code in self.outdated_languages(obj):
            for name, old, new in obj.source_changes(code):
                rows.append(
                    (
                        language_label(code),
                        obj._meta.get_field(name).verbose_name,
                        word_diff(plain_text(old), plain_text(new)),
                    )
                )
        if not rows:
            return "–"
        return format_html(
            '<table class="translation-changes"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("Übersetzung"),
            _("Feld"),
            _("Änderung im deutschen Text"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )


def without(fields, names):
    """A fieldset's fields, rows included, less ``names``; rows left with one field unwrapped."""
    kept = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            row = [name for name in field if name not in names]
            if len(row) > 1:
                kept.append(tuple(row))
            elif row:
                kept.append(row[0])
        elif field not in names:
            kept.append(field)
    return kept

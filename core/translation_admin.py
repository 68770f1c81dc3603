"""
The admin of translated content: a tab per language for each translated
field (German first), and beside them the state of each translation, what
changed in German since a translation was completed, and a box to confirm
it current again. Everything is saved by the form, so that an editor's
change to live content becomes a proposal like any other.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

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


class TranslatedAdmin(TabbedTranslationAdmin):
    """
    The last base of a translated model's admin, so that the project's
    admin classes come first and reach it through super(). Fieldsets name
    the untranslated fields ("title"); each becomes tabs for title_de,
    title_en, … .
    """

    def get_fieldsets(self, request, obj=None):
        return self.with_translation_fieldset(super().get_fieldsets(request, obj), obj)

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

    def with_translation_fieldset(self, fieldsets, obj):
        """``fieldsets`` with the translation states in a fieldset of their own, second."""
        own = {"german_changes"} | {
            name(code) for code in TRANSLATED_LANGUAGES for name in (state_field, confirm_field)
        }
        rest = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in own]})
            for name, options in fieldsets
            if name != TRANSLATION_FIELDSET_TITLE
        ]
        fields = []
        outdated = self.outdated_languages(obj)
        for code in TRANSLATED_LANGUAGES:
            fields.append(
                (state_field(code), confirm_field(code)) if code in outdated else state_field(code)
            )
        if outdated:
            fields.append("german_changes")
        translations = (
            TRANSLATION_FIELDSET_TITLE,
            {
                "fields": fields,
                "description": _(
                    "Eine Übersetzung erscheint erst, wenn sie „vollständig“ ist. Ändert sich "
                    "danach der deutsche Text, gilt sie als veraltet, bis sie geprüft ist."
                ),
            },
        )
        return [*rest[:1], translations, *rest[1:]]

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

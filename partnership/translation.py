"""Translated fields of the partnership app, and its version histories (which must follow them)."""

from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.searching import VECTOR_FIELDS
from core.translation import register_history

from .models import Agreement, Contact, CooperationArea, Partnership, Project, StatusChange


@register(CooperationArea)
class CooperationAreaTranslation(TranslationOptions):
    fields = ("name", "slug", "description")


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("slug", "summary", "description", "status_note")


@register(StatusChange)
class StatusChangeTranslation(TranslationOptions):
    fields = ("note",)


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary")


# The contact person's name, the place and its address are the same in every language.
@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "description", "image_alt", "audience", "bring", "fee_note", "question")


# Names, addresses and the donation account are the same in every language.
@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("role", "opening_hours")


register_history(
    Partnership,
    verbose_name=_("Fassung einer Partnerschaft"),
    excluded_fields=[*VECTOR_FIELDS.values()],
)
register_history(Agreement, verbose_name=_("Fassung einer Vereinbarung"))
register_history(Contact, verbose_name=_("Fassung eines Kontakts"))

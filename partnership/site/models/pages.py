"""
Free content pages ("Seiten"): text that fits none of the apps, such as
"Kontakt" or "Fördermöglichkeiten", in a small tree.

A page's address is the path of slugs from the top of its tree, at the top
of the site (``/foerdermoeglichkeiten/schueleraustausch/``), and in each
language the path of its slugs in that language. Every save stores the
paths of the page and of the pages below it (``paths``), so that an
address is resolved with one query; a path a page leaves behind becomes a
PageRedirect, answered with a 301 (core/redirects.py asks for it).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.models import AutoSlugModel
from core.richtext import RichTextField, plain_text
from core.searching import SearchableManager, SearchableModel
from core.translation import (
    TRANSLATED_LANGUAGES,
    TranslatableModel,
    TranslatableQuerySet,
    active_language,
    complete_q,
    localized_fields,
    state_field,
)
from core.uploads import CreditedImage
from core.versioning import VersionedModel
from core.workflow import WorkflowModel, WorkflowQuerySet

from .. import sections

# The built-in sections a page can belong to, with the list page each opens with.
SECTION_URLS = {
    sections.NEWS: "news:list",
    sections.CITIES: "cities:list",
    sections.PARTNERSHIPS: "partnership:list",
    sections.PARTICIPATE: "participation:list",
}


class PageQuerySet(WorkflowQuerySet, TranslatableQuerySet):
    def published(self):
        """Released, due and not yet expired, and translated into the active language."""
        return self.current().filter(complete_q(active_language()))

    def at(self, path, language=None):
        """The page whose address in ``language`` (default: the active one) is ``path``."""
        return self.filter(**{f"paths__{language or active_language()}": path})

    def above(self, page, language=None):
        """The pages above ``page`` in this QuerySet, from the top."""
        language = language or active_language()
        paths = page.ancestor_paths(language)
        if not paths:
            return []
        found = {
            ancestor.paths.get(language): ancestor
            for ancestor in self.filter(**{f"paths__{language}__in": paths})
        }
        return [found[path] for path in paths if path in found]

    def in_menus(self):
        """
        Pages placed in the main menu or the footer, with what a menu link
        shows and whether it may in each language (Page.is_shown_in).
        """
        titles = [column for _code, column in localized_fields(self.model, "title")]
        states = [state_field(code) for code in TRANSLATED_LANGUAGES]
        return (
            self.exclude(menu=Page.Menu.NONE)
            .only("menu", "paths", "status", "publish_at", "unpublish_at", *titles, *states)
            .order_by("menu_order", "pk")
        )


class Page(
    WorkflowModel, TranslatableModel, AutoSlugModel, CreditedImage, VersionedModel, SearchableModel
):
    class Menu(models.TextChoices):
        NONE = "", _("in keinem Menü")
        MAIN = "hauptmenue", _("im Hauptmenü")
        FOOTER = "fusszeile", _("in der Fußzeile")

    class Section(models.TextChoices):
        NONE = "", _("keinem")
        NEWS = sections.NEWS, _("Aktuelles")
        CITIES = sections.CITIES, _("Partnerstädte")
        PARTNERSHIPS = sections.PARTNERSHIPS, _("Partnerschaften")
        PARTICIPATE = sections.PARTICIPATE, _("Mitmachen")

    slug_source = "title"
    requires_complete_translation = True

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname für die Adresse"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Letzter Teil der Adresse, z. B. „kontakt“ für /kontakt/. Bleibt das Feld leer, "
            "wird er aus dem Titel gebildet. Wörter der Website wie „aktuelles“ oder "
            "„impressum“ sind für Seiten ohne übergeordnete Seite nicht möglich."
        ),
    )
    body = RichTextField(_("Text"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("übergeordnete Seite"),
        help_text=_(
            "Die Seite erscheint unter dieser Seite, auch in der Adresse: "
            "/foerdermoeglichkeiten/schueleraustausch/. Frühere Adressen leiten weiter."
        ),
    )
    section = models.CharField(
        _("gehört zum Bereich"),
        max_length=20,
        choices=Section.choices,
        blank=True,
        help_text=_(
            "Der Bereich erscheint im Pfad „Sie sind hier“ vor der Seite. "
            "Die Adresse der Seite ändert sich dadurch nicht."
        ),
    )
    menu = models.CharField(
        _("Platz im Menü"),
        max_length=20,
        choices=Menu.choices,
        blank=True,
        help_text=_("Wo ein Link auf die Seite auf jeder Seite der Website steht."),
    )
    menu_order = models.PositiveSmallIntegerField(
        _("Reihenfolge im Menü"),
        default=0,
        help_text=_("Kleinere Zahlen stehen weiter vorn."),
    )
    # The address in each content language, kept by save() (see the module).
    paths = models.JSONField(default=dict, editable=False)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = SearchableManager.from_queryset(PageQuerySet)()
    # history: registered in partnership/site/translation.py, after the translated fields.

    class Meta(WorkflowModel.Meta):
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        ordering = ["menu_order", "title"]
        permissions = [("publish_page", _("Kann Seiten veröffentlichen"))]
        constraints = [
            *WorkflowModel.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="site_page_not_its_own_parent",
                violation_error_message=_("Eine Seite kann nicht unter sich selbst stehen."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        stored = type(self).objects.filter(pk=self.pk).values_list("paths", flat=True).first()
        # The slugs are filled in by the save; the paths follow from them.
        super().save(*args, **kwargs)
        self._place(stored or {})

    def get_absolute_url(self):
        return reverse("content-page", kwargs={"path": self.path})

    @property
    def path(self):
        """The address in the active language, without the surrounding slashes."""
        return self.paths.get(active_language(), "")

    def is_allowed_slug(self, slug, language):
        """A page at the top of the site may not take a word the site answers itself."""
        return self.parent_id is not None or not sections.is_reserved(slug, language)

    def clean(self):
        super().clean()
        if self.parent_id is not None and self.pk is not None and self._below_itself():
            message = _("Eine Seite kann nicht unter sich selbst oder ihren Unterseiten stehen.")
            raise ValidationError({"parent": message})
        if self.parent_id is None:
            taken = {
                field: _(
                    "„%(slug)s“ ist eine Adresse der Website. Bitte wählen Sie einen anderen "
                    "Kurznamen oder eine übergeordnete Seite."
                )
                % {"slug": getattr(self, field)}
                for language, field in localized_fields(type(self), "slug")
                if getattr(self, field) and sections.is_reserved(getattr(self, field), language)
            }
            if taken:
                raise ValidationError(taken)

    def _below_itself(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk:
                return True
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return False

    def _place(self, stored):
        """Store this page's paths and those of the pages below, retiring the ones they leave."""
        parent_paths = self.parent.paths if self.parent_id else {}
        paths = {
            language: "/".join(filter(None, [parent_paths.get(language), getattr(self, field)]))
            for language, field in localized_fields(type(self), "slug")
        }
        if paths != self.paths:
            self.paths = paths
            type(self).objects.filter(pk=self.pk).update(paths=paths)
        PageRedirect.objects.retire(self, stored, paths)
        if paths != stored:
            for child in self.children.all():
                child.parent = self
                child._place(child.paths)

    def keep_address(self, path, language=settings.LANGUAGE_CODE):
        """
        Answer ``path``, an address from elsewhere (a WordPress page's
        permalink), with a 301 to this page, unless a page is at it now.
        """
        PageRedirect.objects.update_or_create(
            language=language, old_path=path.strip("/"), defaults={"page": self}
        )

    def ancestor_paths(self, language=None):
        """The addresses of the pages above this one, from the top."""
        parts = self.paths.get(language or active_language(), "").split("/")[:-1]
        return ["/".join(parts[: depth + 1]) for depth in range(len(parts))]

    def search_texts(self):
        return {"A": self.title, "C": plain_text(self.body)}

    @property
    def lead(self):
        """The opening of the text, for search results and descriptions."""
        return Truncator(plain_text(self.body)).words(40)

    def section_url(self):
        return reverse(SECTION_URLS[self.section]) if self.section else None


class PageRedirectQuerySet(models.QuerySet):
    def retire(self, page, old_paths, new_paths):
        """Keep the addresses ``page`` leaves as redirects; drop those it takes (again)."""
        for language, path in old_paths.items():
            if path and path != new_paths.get(language):
                self.update_or_create(language=language, old_path=path, defaults={"page": page})
        taken = Q(pk__in=[])
        for language, path in new_paths.items():
            taken |= Q(language=language, old_path=path)
        self.filter(taken).delete()

    def target(self, path, language):
        """The published page once at ``path`` in ``language``, or None."""
        redirect = self.filter(language=language, old_path=path).first()
        if redirect is None:
            return None
        return Page.objects.published().filter(pk=redirect.page_id).first()


class PageRedirect(models.Model):
    """An address a page had before it (or a page above it) moved; answered with a 301."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("Seite")
    )
    language = models.CharField(_("Sprache"), max_length=10, default=settings.LANGUAGE_CODE)
    old_path = models.CharField(_("frühere Adresse"), max_length=500)
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    objects = PageRedirectQuerySet.as_manager()

    class Meta:
        verbose_name = _("frühere Adresse einer Seite")
        verbose_name_plural = _("frühere Adressen von Seiten")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "old_path"], name="site_pageredirect_unique"
            )
        ]

    def __str__(self):
        return f"/{self.old_path}/ → {self.page}"

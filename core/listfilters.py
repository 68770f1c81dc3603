"""
Filter headings for the admin's change lists.

The admin heads each filter "Nach <Feldname>". Many field names are written
to label a form field ("veröffentlicht", "erscheint am") or name a plural
("Städte") and read wrong after "Nach"; ``titled`` gives a filter a heading
that reads as German ("Nach Stadt", "Nach Erscheinungsdatum").
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


def titled(filter_class, title, empty_label=None):
    """
    ``filter_class`` (a FieldListFilter) under the heading "Nach ``title``";
    ``empty_label`` names the choice for rows without a value ("ohne Stadt").
    """

    class TitledFilter(filter_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title
            if empty_label is not None:
                self.empty_value_display = empty_label

    TitledFilter.__name__ = TitledFilter.__qualname__ = f"Titled{filter_class.__name__}"
    return TitledFilter


class PublishedListFilter(admin.BooleanFieldListFilter):
    """A "published" flag as "Nach Veröffentlichung: veröffentlicht / nicht veröffentlicht"."""

    labels = (_("Alle"), _("veröffentlicht"), _("nicht veröffentlicht"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("Veröffentlichung")

    def choices(self, changelist):
        # Django offers a fourth choice only for a nullable field; the flags are not.
        for choice, label in zip(super().choices(changelist), self.labels, strict=True):
            yield {**choice, "display": label}


BY_PUBLICATION = ("published", PublishedListFilter)

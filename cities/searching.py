"""
Full-text search vectors, stored on each searchable row.

On PostgreSQL every save writes the row's weighted German search vector
(title > summary > body), which a GIN index serves. Other databases keep the
column empty and search with plain text matching instead.
"""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models
from django.db.models import TextField, Value

SEARCH_CONFIG = "german"


class SearchableManager(models.Manager):
    """Leaves the search vector in the database: only search queries need it."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class SearchableModel(models.Model):
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.update_search_vector()

    def search_texts(self):
        """Plain text by weight, most important first: {"A": ..., "B": ..., "C": ...}."""
        raise NotImplementedError

    def update_search_vector(self):
        if connections[self._state.db].vendor != "postgresql":
            return
        vector = None
        for weight, text in self.search_texts().items():
            part = SearchVector(
                Value(text, output_field=TextField()), weight=weight, config=SEARCH_CONFIG
            )
            vector = part if vector is None else vector + part
        type(self)._default_manager.filter(pk=self.pk).update(search_vector=vector)

"""
Full-text search vectors, stored on each searchable row.

On PostgreSQL every save writes the row's weighted search vector (title >
summary > body) in the text search configuration of the row's language,
which a GIN index serves, and adds the row's words to the search vocabulary.
Other databases keep the column empty and search with plain text matching
instead. The queries that read this index are in core/search.py.
"""

from django.apps import apps
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models
from django.db.models import TextField, Value
from django.utils import translation

# The language of rows that name none, and the text search configuration of
# each language PostgreSQL stems; any other language is searched word by
# word ("simple") until its configuration is added here.
DEFAULT_LANGUAGE = "de"
SEARCH_CONFIGS = {"de": "german"}
SEARCH_CONFIG = SEARCH_CONFIGS[DEFAULT_LANGUAGE]


def search_config(language):
    """The text search configuration for ``language``."""
    return SEARCH_CONFIGS.get(language, "simple")


class SearchTerm(models.Model):
    """
    Every word, as its German stem, that a search vector holds.

    Typos ("Tsukba") and parts of compound words ("Partnerschaft" in
    "Städtepartnerschaft") are matched by trigrams against this vocabulary,
    which stays small however many articles there are, and the words found
    widen the full-text query. Words are added as rows are indexed and not
    removed when a row changes: a stale word only adds a term that matches
    nothing. ``rebuild_search_index`` starts the vocabulary afresh.
    """

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        db_table = "cities_searchterm"
        verbose_name = "Suchbegriff"
        verbose_name_plural = "Suchbegriffe"

    def __str__(self):
        return self.word


def collect_search_terms(connection, table, pk=None):
    """
    Add the words of ``table``'s search vectors, or of its row ``pk``, to
    the vocabulary. Also used by migrations, hence the table name.
    """
    row = f"AND {table}.id = %s" if pk is not None else ""
    # Numbers and very short or very long stems make poor suggestions.
    sql = f"""
        INSERT INTO {SearchTerm._meta.db_table} (word)
        SELECT DISTINCT lexeme FROM {table}, unnest({table}.search_vector)
        WHERE length(lexeme) BETWEEN 3 AND 100 AND lexeme !~ '[0-9]' {row}
        ON CONFLICT DO NOTHING
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk] if pk is not None else [])


def forget_words(connection, text):
    """
    Remove the words of ``text`` from the vocabulary where no search vector
    holds them any more: after an erasure, the vocabulary must not keep a name.
    """
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in searchable_models()]
    still_used = " OR ".join(
        f"EXISTS (SELECT 1 FROM {table} WHERE {table}.search_vector @@ to_tsquery("
        f"'simple', quote_literal(term.word)))"
        for table in tables
    )
    # The text may have been indexed in any configured language.
    configs = sorted({*SEARCH_CONFIGS.values(), "simple"})
    words = " UNION ".join("SELECT lexeme FROM unnest(to_tsvector(%s, %s))" for _ in configs)
    sql = f"""
        DELETE FROM {SearchTerm._meta.db_table} AS term
        WHERE term.word IN ({words})
        AND NOT ({still_used})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for config in configs for value in (config, text)])


def searchable_models():
    """Every model whose rows carry a search vector."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SearchableModel) and not model._meta.proxy
    ]


class SearchableManager(models.Manager):
    """Leaves the search vector in the database: only search queries need it."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class SearchableModel(models.Model):
    search_vector = SearchVectorField(null=True, editable=False)
    # The language the row's text is written in: it picks the stemming of
    # the search vector, and a search looks only at rows of its language.
    search_language = models.CharField(max_length=10, default=DEFAULT_LANGUAGE, editable=False)

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
        config = search_config(self.search_language)
        # Translated fields read the active language; the vector holds the
        # row's own language.
        with translation.override(self.search_language):
            texts = self.search_texts()
        vector = None
        for weight, text in texts.items():
            part = SearchVector(
                Value(text, output_field=TextField()), weight=weight, config=config
            )
            vector = part if vector is None else vector + part
        type(self)._default_manager.filter(pk=self.pk).update(search_vector=vector)
        collect_search_terms(connections[self._state.db], self._meta.db_table, self.pk)

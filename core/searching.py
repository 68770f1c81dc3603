"""
Full-text search vectors, stored on each searchable row.

On PostgreSQL every save writes one weighted search vector (title > summary >
body) per stored language (settings.CONTENT_LANGUAGES), each from the row's
text in that language alone and in that language's text search
configuration, served by a GIN index; the words of these vectors go into the
search vocabulary. Other databases keep the columns empty and search with
plain text matching instead. The queries that read this index are in
core/search.py.
"""

import functools
import operator
import re
import unicodedata

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models, router, transaction
from django.db.models import TextField, Value
from django.utils import translation
from modeltranslation.utils import fallbacks

DEFAULT_LANGUAGE = "de"
# The text search configuration of each stored language. PostgreSQL has no
# Ukrainian stemmer: Ukrainian is searched word by word, and the vocabulary
# catches other spellings ("Донецк" for "Донецьк"). Japanese is indexed as
# pairs of characters (see character_bigrams()), which "simple" keeps as they are.
SEARCH_CONFIGS = {"de": "german", "en": "english", "es": "spanish", "uk": "simple", "ja": "simple"}
# Languages written without spaces between words.
BIGRAM_LANGUAGES = {"ja"}


def search_config(language):
    """The text search configuration for ``language``."""
    return SEARCH_CONFIGS.get(language, "simple")


def vector_field(language):
    """The column with the search vector of ``language``; German keeps the first one's name."""
    return "search_vector" if language == DEFAULT_LANGUAGE else f"search_vector_{language}"


VECTOR_FIELDS = {language: vector_field(language) for language in settings.CONTENT_LANGUAGES}
# The vectors whose words make the vocabulary: a pair of Japanese characters
# is a piece of a word, no suggestion for a misspelt one.
VOCABULARY_FIELDS = [
    field for language, field in VECTOR_FIELDS.items() if language not in BIGRAM_LANGUAGES
]

# Kanji, hiragana and katakana (without the middle dot, which separates words).
CJK_LETTERS = (
    "\u3005-\u3007"  # 々 〆 〇
    "\u3041-\u3096\u309d-\u309f"  # hiragana
    "\u30a1-\u30fa\u30fc-\u30ff"  # katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kanji
)
_CJK_RUN = re.compile(f"[{CJK_LETTERS}]+")
_TOKENS = re.compile(f"[{CJK_LETTERS}]+|[^\\W_{CJK_LETTERS}]+")


def character_bigrams(text):
    """
    Text without spaces between its words as the overlapping pairs of its
    characters ("つくば市" → "つく くば ば市"), so that any word of two or more
    characters is found as the pairs it is made of; a lone character stands
    for itself, and words in Latin or other letters stay words, lower-cased.
    """
    tokens = []
    # NFKC makes full-width Latin letters and half-width katakana ordinary ones.
    for token in _TOKENS.findall(unicodedata.normalize("NFKC", text)):
        if _CJK_RUN.fullmatch(token) and len(token) > 1:
            tokens += [token[index : index + 2] for index in range(len(token) - 1)]
        else:
            tokens.append(token.lower())
    return " ".join(tokens)


def weighted_vector(texts, language):
    """The weighted vector of ``texts`` ({"A": ..., "B": ...}) in ``language``."""
    config = search_config(language)
    prepare = character_bigrams if language in BIGRAM_LANGUAGES else str
    return functools.reduce(
        operator.add,
        (
            SearchVector(
                Value(prepare(text or ""), output_field=TextField()), weight=weight, config=config
            )
            for weight, text in texts.items()
        ),
    )


class SearchTerm(models.Model):
    """
    Every word, as its stem, that a search vector holds (Japanese aside).

    Typos ("Tsukba") and parts of compound words ("Partnerschaft" in
    "Städtepartnerschaft") are matched by trigrams against this vocabulary,
    which stays small however many articles there are, and the words found
    widen the full-text query. Words are added as rows are indexed and not
    removed when a row changes: a stale word only adds a term that matches
    nothing. ``rebuild_search_index`` starts the vocabulary afresh.

    ``documents`` counts the rows that hold the word among those whose
    model names them in ``SearchableModel.counted_rows`` (released
    articles); the empty word, which no text holds, counts those rows
    themselves. Search reads both to tell a common word from a rare one
    without asking the planner. Saving and deleting a row keep them current.
    """

    word = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField("Vorkommen", db_default=0)

    class Meta:
        db_table = "cities_searchterm"
        verbose_name = "Suchbegriff"
        verbose_name_plural = "Suchbegriffe"

    def __str__(self):
        return self.word


# Numbers and very short or very long stems make poor suggestions.
VOCABULARY_WORD = "(length({0}) BETWEEN 3 AND 100 AND {0} !~ '[0-9]')"


def vector_words(table, fields=None):
    """SQL for the stems of ``table``'s search vectors, as an array."""
    vectors = " || ".join(
        f"coalesce({table}.{field}, '')" for field in fields or VOCABULARY_FIELDS
    )
    return f"tsvector_to_array({vectors})"


def collect_search_terms(connection, table, pk=None, fields=None):
    """
    Add the words of ``table``'s search vectors, or of its row ``pk``, to
    the vocabulary. Also used by migrations, hence the table name, and the
    ``fields`` the table had then.
    """
    row = f"AND {table}.id = %s" if pk is not None else ""
    sql = f"""
        INSERT INTO {SearchTerm._meta.db_table} (word)
        SELECT DISTINCT lexeme FROM {table}, unnest({vector_words(table, fields)}) AS lexeme
        WHERE {VOCABULARY_WORD.format("lexeme")} {row}
        ON CONFLICT DO NOTHING
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk] if pk is not None else [])


def count_search_terms(connection, counted):
    """
    Count anew, for every word of the vocabulary, the rows that hold it.
    ``counted`` lists (table, SQL condition on its rows and its parameters,
    its vector fields): migrations pass the tables as they were,
    counted_tables() as they are.
    """
    words = " UNION ALL ".join(
        f"""
        SELECT lexeme FROM {table}, unnest({vector_words(table, fields)}) AS lexeme
        WHERE ({condition}) AND {VOCABULARY_WORD.format("lexeme")}
        UNION ALL SELECT '' FROM {table} WHERE {condition}
        """
        for table, condition, _params, fields in counted
    )
    params = [value for _table, _condition, values, _fields in counted for value in values * 2]
    term = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {term} SET documents = 0 WHERE documents <> 0")
        if not counted:
            return
        for table, _condition, _params, _fields in counted:
            # A table just filled in bulk (a restore, the bench data) has no
            # statistics yet; without them the planner joins the condition's
            # subquery row by row, for minutes at 10,000 articles.
            cursor.execute(f"ANALYZE {table}")
        cursor.execute(
            f"""
            INSERT INTO {term} AS term (word, documents)
            SELECT word, count(*) FROM ({words}) AS found (word)
            GROUP BY word ORDER BY word
            ON CONFLICT (word) DO UPDATE SET documents = excluded.documents
            """,
            params,
        )


def counted_tables():
    """count_search_terms()'s argument for the searchable models as they are now."""
    counted = []
    for model in searchable_models():
        if model.counted_rows is not None:
            condition, params = counted_condition(model)
            counted.append((model._meta.db_table, condition, params, VOCABULARY_FIELDS))
    return counted


def counted_condition(model):
    """SQL that is true for a row of ``model``'s table that its vocabulary counts."""
    table = model._meta.db_table
    rows = model._base_manager.filter(model.counted_rows).values("pk").order_by()
    sql, params = rows.query.sql_with_params()
    return f"{table}.id IN ({sql})", params


def count_row_words(connection, model, pk, before, indexed=True):
    """
    Add the words of ``model``'s row ``pk`` to the vocabulary and move its
    counts: the row was counted with the words ``before`` (with the empty
    word for the row itself; none if it did not count), and counts now with
    the words of its vectors if ``counted_rows`` takes it and it stays
    ``indexed`` (not when it is being deleted).
    """
    table, term = model._meta.db_table, SearchTerm._meta.db_table
    steps, params = [], []
    if indexed:
        counts, counts_params = "0", []
        if model.counted_rows is not None:
            condition, counts_params = counted_condition(model)
            counts = f"CASE WHEN {condition} THEN 1 ELSE 0 END"
        steps.append(
            f"SELECT lexeme, {counts} FROM {table}, unnest({vector_words(table)}) AS lexeme "
            f"WHERE {table}.id = %s"
        )
        params += [*counts_params, pk]
        if model.counted_rows is not None:
            steps.append(f"SELECT '', {counts} FROM {table} WHERE {table}.id = %s")
            params += [*counts_params, pk]
    steps.append("SELECT unnest(%s::text[]), -1")
    params.append(list(before))
    # Words are locked in one order, so that saves of two rows sharing
    # words wait for each other instead of deadlocking; words whose count
    # stays as it was are neither locked nor written.
    sql = f"""
        WITH change AS (
            SELECT word, sum(step)::integer AS step
            FROM ({" UNION ALL ".join(steps)}) AS steps (word, step)
            WHERE word = '' OR {VOCABULARY_WORD.format("word")}
            GROUP BY word
        ),
        unchanged AS (
            INSERT INTO {term} (word, documents)
            SELECT word, 0 FROM change WHERE step = 0
            ON CONFLICT DO NOTHING
        )
        INSERT INTO {term} AS term (word, documents)
        SELECT word, greatest(step, 0) FROM change WHERE step <> 0 ORDER BY word
        ON CONFLICT (word) DO UPDATE SET documents = greatest(
            term.documents + (SELECT step FROM change WHERE change.word = excluded.word), 0
        )
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def forget_words(connection, text):
    """
    Remove the words of ``text`` from the vocabulary where no search vector
    holds them any more: after an erasure, the vocabulary must not keep a name.
    """
    if connection.vendor != "postgresql":
        return
    still_used = " OR ".join(
        f"EXISTS (SELECT 1 FROM {table} WHERE "
        + " OR ".join(
            f"{table}.{field} @@ to_tsquery('simple', quote_literal(term.word))"
            for field in VOCABULARY_FIELDS
        )
        + ")"
        for table in (model._meta.db_table for model in searchable_models())
    )
    # The text may have been indexed in any language.
    configs = sorted({*map(search_config, VECTOR_FIELDS), "simple"})
    words = " UNION ".join("SELECT lexeme FROM unnest(to_tsvector(%s, %s))" for _ in configs)
    sql = f"""
        DELETE FROM {SearchTerm._meta.db_table} AS term
        WHERE term.word IN ({words})
        AND NOT ({still_used})
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for config in configs for value in (config, text)])


def searchable_models():
    """Every model whose rows carry search vectors."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SearchableModel) and not model._meta.proxy
    ]


class SearchableManager(models.Manager):
    """Leaves the search vectors in the database: only search queries need them."""

    def get_queryset(self):
        return super().get_queryset().defer(*VECTOR_FIELDS.values())


class SearchableModel(models.Model):
    search_vector = SearchVectorField(null=True, editable=False)

    # The rows whose words SearchTerm.documents counts, as a Q; None for a
    # model whose search never asks how common a word is.
    counted_rows = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # The counts move from the row as stored to the row as saved, which
        # stays locked in between.
        with transaction.atomic(using=using, savepoint=False):
            before = self.counted_words(using)
            super().save(*args, **kwargs)
            self.update_search_vector(before)

    def search_texts(self):
        """
        Plain text by weight, most important first: {"A": ..., "B": ..., "C": ...},
        in the active language.
        """
        raise NotImplementedError

    def counted_words(self, using):
        """
        The words the vocabulary counts this row with, as stored, with the
        empty word for the row itself; none where it does not count. Locks
        the row until the transaction ends.
        """
        connection = connections[using]
        if connection.vendor != "postgresql" or self.counted_rows is None or self.pk is None:
            return []
        table = self._meta.db_table
        condition, params = counted_condition(type(self))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {condition}, {vector_words(table)} FROM {table} "
                f"WHERE {table}.id = %s FOR UPDATE",
                [*params, self.pk],
            )
            row = cursor.fetchone()
        return ["", *row[1]] if row and row[0] else []

    def update_search_vector(self, counted_before=None):
        """
        Write the search vectors and move the vocabulary's counts from
        ``counted_before`` (by default the words as stored: the row itself
        has not changed) to what the vectors hold now.
        """
        connection = connections[self._state.db]
        if connection.vendor != "postgresql":
            return
        vectors = {}
        # What the page in a language shows: an article only its translated
        # text (it must not be found by its German words in English), a
        # profile the German text of fields it has no translation of, as its
        # page does ("Sheffield" is found on the English site by its name).
        shows_german = not getattr(self, "requires_complete_translation", True)
        for language, field in VECTOR_FIELDS.items():
            with translation.override(language), fallbacks(shows_german):
                vectors[field] = weighted_vector(self.search_texts(), language)
        with transaction.atomic(using=self._state.db, savepoint=False):
            if counted_before is None:
                counted_before = self.counted_words(self._state.db)
            type(self)._default_manager.filter(pk=self.pk).update(**vectors)
            count_row_words(connection, type(self), self.pk, counted_before)


def forget_counted_words(sender, instance, using, **kwargs):
    """A deleted row no longer counts (connected to pre_delete of each model with counted_rows)."""
    if connections[using].vendor == "postgresql" and sender.counted_rows is not None:
        count_row_words(
            connections[using], sender, instance.pk, instance.counted_words(using), indexed=False
        )


# One vector column for each further stored language: adding a language to
# settings.CONTENT_LANGUAGES adds its column (and needs a migration).
for _field in VECTOR_FIELDS.values():
    if _field != "search_vector":
        SearchableModel.add_to_class(_field, SearchVectorField(null=True, editable=False))

"""
Site search: the queries that read the search index of core/searching.py.

Each app registers what of it is searchable (``register(Kind(...))`` in its
AppConfig.ready()); each kind is searched from its published() QuerySet in
the language searched, so nothing unpublished, or not published in that
language, can be found. PostgreSQL ranks full-text matches on the stored
search vector of the language, in its text search configuration (Japanese:
the query's pairs of characters, all of them). Typos and parts of compound
words are caught by trigrams on the vocabulary of indexed words, whose
similar words widen the query. Other databases fall back to plain
case-insensitive matching on the language's columns. Snippets are
highlighted for the page shown only.
"""

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.query import get_related_populators
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from modeltranslation.manager import rewrite_lookup_key

from .searching import (
    BIGRAM_LANGUAGES,
    CJK_LETTERS,
    DEFAULT_LANGUAGE,
    VECTOR_FIELDS,
    VOCABULARY_WORD,
    SearchTerm,
    character_bigrams,
    search_config,
)

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
RESULTS_PER_KIND = 50
# What a kind read when shown is found by.
KEY_AND_SCORE = ("pk", "score")
# For kinds with many rows: up to how many matches (as the vocabulary's
# counts let estimate them) are all ranked, and how many of the newest are
# ranked beyond that.
FEW_MATCHES = 5000
RANKED_MATCHES = 200
# How many words of a query are looked up in the vocabulary, and how many
# of its words may stand in for each.
WIDENED_WORDS = 3
SIMILAR_WORDS = 5


_UNREAD = object()


@dataclass
class Hit:
    """
    One found object, by its primary key; read and described (title, URL,
    text, date) only when shown: read() reads a page's hits in one query.
    """

    source: "Kind"
    pk: object
    score: float
    language: str = DEFAULT_LANGUAGE
    snippet: str = ""
    # Set by read(): the object, or None where it is no longer published.
    read_obj: object = field(default=_UNREAD, repr=False)

    @property
    def kind(self):
        return self.source.label

    @property
    def obj(self):
        if self.read_obj is _UNREAD:
            read([self])
        return self.read_obj

    @cached_property
    def description(self):
        # Titles, texts and URLs in the language the object was found in.
        with translation.override(self.language):
            return self.source.to_hit(self.obj)

    @property
    def title(self):
        return self.description["title"]

    @property
    def url(self):
        return self.description["url"]

    @property
    def text(self):
        return self.description["text"]

    @property
    def date(self):
        return self.description.get("date")

    @property
    def label(self):
        """What the hit is, e.g. „Artikel“; a kind may name some of its objects apart."""
        return self.description.get("label", self.kind)


@dataclass
class Kind:
    """One kind of content the site search finds, as its app declares it."""

    label: str
    queryset: object
    title_field: str
    text_fields: tuple
    to_hit: object
    # The columns to_hit reads: the rest stays in the database.
    fields: tuple
    # For a kind with many rows: when a word matches very many of them, only
    # the newest matches are ranked, so it costs no more than a rare word.
    newest_first: str = ""
    # Where its hits stand among equally scored hits of other kinds, lowest first.
    order: int = 0

    @property
    def read_when_shown(self):
        """
        A kind with many rows is found by key and score only, and read for
        the hits shown (read()): making objects of up to RESULTS_PER_KIND
        found, each with its columns in every language, costs more than
        finding them. The few hits of other kinds come whole.
        """
        return bool(self.newest_first)

    def found(self, query, vocabulary, language):
        """
        The best matches, as a QuerySet of objects with their ``score`` or,
        for a kind read when shown, of KEY_AND_SCORE pairs; built in
        ``language``, which the published() rules and the translated
        columns follow.
        """
        if connection.vendor == "postgresql":
            found = self._full_text(query, vocabulary, language)
        else:
            found = self._plain(query)
        if self.read_when_shown:
            found = found.values_list(*KEY_AND_SCORE)
        else:
            found = found.only(*self.fields)
        return found[:RESULTS_PER_KIND]

    def hits(self, found, language):
        if self.read_when_shown:
            return [Hit(self, pk, score, language) for pk, score in found]
        return [Hit(self, obj.pk, obj.score, language, read_obj=obj) for obj in found]

    def objects(self, pks):
        """The objects ``pks`` name, with the columns to_hit reads, while still published."""
        return self.queryset().filter(pk__in=pks).only(*self.fields)

    def _full_text(self, query, vocabulary, language):
        search_query = full_text_query(query, vocabulary.similar, language)
        vector = VECTOR_FIELDS[language]
        found = self.queryset().filter(**{vector: search_query})
        if self.newest_first and self._matches(found, vocabulary) > FEW_MATCHES:
            # A common word: its newest matches lie close together along the
            # date index, and ranking every match would read most of the table.
            newest = found.order_by(f"-{self.newest_first}").values("pk")[:RANKED_MATCHES]
            found = self.queryset().filter(pk__in=newest)
        score = SearchRank(F(vector), search_query)
        return found.annotate(score=score).order_by("-score")

    @staticmethod
    def _matches(found, vocabulary):
        """How many rows ``found`` holds by the vocabulary's counts, else by the planner's."""
        # The planner is asked where the vocabulary cannot tell: a query in
        # websearch syntax, Japanese, numbers and words of two letters.
        estimate = vocabulary.estimated_matches()
        return estimated_rows(found) if estimate is None else estimate

    def _plain(self, query):
        words = query.split()[:10]
        matches = Q()
        for word in words:
            matches &= Q(
                *(Q(**{f"{field}__icontains": word}) for field in self.text_fields),
                _connector=Q.OR,
            )
        rows = self.queryset()
        # Filters read a translated field in the active language by
        # themselves; a condition inside an annotation must be told.
        title = rewrite_lookup_key(rows.model, f"{self.title_field}__icontains")
        return (
            rows.filter(matches)
            .annotate(
                score=Case(
                    When(**{title: query}, then=Value(1.0)),
                    default=Value(0.5),
                    output_field=FloatField(),
                )
            )
            .order_by("-score")
        )


def estimated_rows(queryset):
    """
    How many rows PostgreSQL expects ``queryset`` to return, from its
    statistics: a plan, not a count, so it costs no more for a common word.
    """
    plan = json.loads(queryset.values("pk").explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


def query_words(query):
    """The plain words of a query, or none when it uses websearch syntax."""
    if '"' in query or re.search(r"(^|\s)-|\bor\b", query, re.IGNORECASE):
        return []
    return [word.lower() for word in re.findall(r"\w+", query)][:MAX_QUERY_WORDS]


@dataclass
class Vocabulary:
    """What the vocabulary knows of a query's words."""

    # For each word of the query, the vocabulary's words that are like it, best first.
    similar: dict = field(default_factory=dict)
    # For each word of the query, its stems (none for a stop word).
    stems: dict = field(default_factory=dict)
    # For each of these stems and similar words, the counted rows that hold
    # it, None where the vocabulary leaves such a word out (numbers, short
    # words); for the empty word, the counted rows themselves.
    documents: dict = field(default_factory=dict)

    def estimated_matches(self):
        """
        How many counted rows hold every word of the query or a word like
        it, taking the words to occur independently of each other, as
        PostgreSQL's planner does; None where a count is missing.
        """
        rows = self.documents.get("")
        if not rows or not self.stems:
            return None
        share = 1.0
        for word, stems in self.stems.items():
            counts = [self.documents.get(stem) for stem in stems]
            if None in counts:
                return None
            # All of the word's stems, or else any word like it.
            missed = 1 - math.prod(count / rows for count in counts)
            for term in self.similar.get(word, ()):
                missed *= 1 - self.documents.get(term, 0) / rows
            share *= 1 - missed
        return share * rows


def look_up(query, language=DEFAULT_LANGUAGE):
    """
    In one query, the vocabulary's words that are like the query's and how
    many counted rows hold each of them and each of the query's stems.
    """
    # A word given twice is one condition, and counts once.
    words = list(dict.fromkeys(query_words(query)))
    if not words:
        return Vocabulary()
    term = SearchTerm._meta.db_table
    # Each word costs an index scan and a comparison with every candidate:
    # a few words carry a query, short ones rarely have typos.
    widened = [word for word in words if len(word) >= 4][:WIDENED_WORDS]
    parts, params = [], []
    if widened:
        likeness = ", ".join("word_similarity(%s, word)" for _word in widened)
        # Like a whole word ("tsukba" finds "tsukuba") or a part of one
        # ("austausch" finds "jugendaustausch"), by the word similarity
        # threshold the settings give the database connection.
        matches = " OR ".join("word %%> %s" for _word in widened)
        parts.append(
            f"""(
            SELECT word, documents, NULL::bigint, ARRAY[{likeness}]
            FROM {term} WHERE {matches}
            ORDER BY greatest({likeness}) DESC, word LIMIT %s
            )"""
        )
        params += [*widened, *widened, *widened, SIMILAR_WORDS * len(widened)]
    # The query's words as the index holds them, counted or known to be
    # left out of the vocabulary.
    parts.append(
        f"""(
        SELECT stem.lexeme, CASE WHEN term.word IS NOT NULL THEN term.documents
            WHEN {VOCABULARY_WORD.format("stem.lexeme")} THEN 0 END, query.position, NULL
        FROM unnest(%s::text[]) WITH ORDINALITY AS query (word, position)
        CROSS JOIN unnest(to_tsvector(%s::regconfig, query.word)) AS stem
        LEFT JOIN {term} AS term ON term.word = stem.lexeme
        )"""
    )
    params += [words, search_config(language)]
    # The empty word, which counts the rows, sorts first: read along the
    # primary key, where "word = ''" would send the planner through every
    # entry of the trigram index, in which it has no trigram to look for.
    parts.append(f"(SELECT word, documents, NULL, NULL FROM {term} ORDER BY word LIMIT 1)")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    found = Vocabulary(stems={word: [] for word in words})
    candidates = {word: [] for word in widened}
    for word, documents, position, likeness in rows:
        found.documents[word] = documents
        if position is not None:
            found.stems[words[position - 1]].append(word)
        elif likeness is not None:
            index = max(range(len(widened)), key=lambda i: likeness[i])
            if word != widened[index]:  # the word itself is searched anyway
                candidates[widened[index]].append((likeness[index], word))
    found.similar = {
        word: [term for _likeness, term in sorted(similar, reverse=True)[:SIMILAR_WORDS]]
        for word, similar in candidates.items()
        if similar
    }
    return found


def full_text_query(query, similar, language=DEFAULT_LANGUAGE):
    """
    The query as the visitor wrote it, or else each of its words or one of
    the vocabulary's words like it.
    """
    if language in BIGRAM_LANGUAGES:
        # Every pair of characters of the query, as the text was indexed.
        return SearchQuery(character_bigrams(query), config="simple")
    config = search_config(language)
    exact = SearchQuery(query, config=config, search_type="websearch")
    if not similar:
        return exact
    widened = None
    for word in query_words(query):
        alternatives = SearchQuery(word, config=config)
        if similar.get(word):
            # Vocabulary words are stems already: "simple" takes them as they
            # are, quoted as tsquery syntax asks.
            terms = " | ".join(
                "'{}'".format(term.replace("\\", "\\\\").replace("'", "''"))
                for term in similar[word]
            )
            alternatives |= SearchQuery(terms, config="simple", search_type="raw")
        widened = alternatives if widened is None else widened & alternatives
    return exact | widened


def clean_query(raw):
    """The query as searched: printable, single-spaced and of bounded length."""
    # A heading copied from the page brings its soft hyphens (U+00AD) along;
    # they join the word's parts, where other control characters part words.
    raw = raw[: MAX_QUERY_LENGTH * 4].replace("\u00ad", "")
    printable = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


_kinds = []


def register(kind):
    """Make ``kind`` searchable; called from the app's AppConfig.ready()."""
    if any(known.label == kind.label for known in _kinds):
        raise ValueError(f"A search kind {kind.label!r} is registered already.")
    _kinds.append(kind)
    _kinds.sort(key=lambda known: known.order)


def kinds():
    """The registered kinds, in the order their equally scored hits are listed."""
    return list(_kinds)


def search(query, language=DEFAULT_LANGUAGE):
    """
    Hits of every registered kind in ``language``, best first, from one
    query on PostgreSQL; read() reads the objects of the hits shown where
    their kind is read when shown.
    """
    # The vocabulary holds words, and a Japanese query has no spaces to find them by.
    widened = connection.vendor == "postgresql" and language not in BIGRAM_LANGUAGES
    vocabulary = look_up(query, language) if widened else Vocabulary()
    # The whole query is built and run in the language searched.
    with translation.override(language):
        found = [kind.found(query, vocabulary, language) for kind in _kinds]
        if connection.vendor == "postgresql":
            found = side_by_side(found)
        hits = [
            hit
            for kind, objects in zip(_kinds, found, strict=True)
            for hit in kind.hits(objects, language)
        ]
    return sorted(hits, key=lambda hit: hit.score, reverse=True)


def read(hits):
    """Read the objects of ``hits`` (hits of one search), of all kinds in one query."""
    by_kind = {}
    for hit in hits:
        if hit.read_obj is _UNREAD:
            by_kind.setdefault(id(hit.source), []).append(hit)
    if not by_kind:
        return
    kinds = [found[0].source for found in by_kind.values()]
    with translation.override(hits[0].language):
        querysets = [kind.objects([hit.pk for hit in by_kind[id(kind)]]) for kind in kinds]
        if connection.vendor == "postgresql":
            objects = side_by_side(querysets)
        else:
            objects = [list(queryset) for queryset in querysets]
    for kind, found in zip(kinds, objects, strict=True):
        by_pk = {obj.pk: obj for obj in found}
        for hit in by_kind[id(kind)]:
            hit.read_obj = by_pk.get(hit.pk)


def side_by_side(querysets):
    """
    What several QuerySets, of any models, hold, from one query: each
    QuerySet's own SQL is a subquery, and FULL JOIN ... ON false sets them
    side by side, each row of each filling the columns of its own subquery
    and leaving the others' NULL.

    The rows are then made into what each QuerySet gives: instances, as
    Django's ModelIterable makes them from the QuerySet's compiler (with
    the columns only() chose, the objects select_related() joined and the
    annotations), or for a values_list() of KEY_AND_SCORE, those pairs.
    """
    compilers = [queryset.query.get_compiler(queryset.db) for queryset in querysets]
    subqueries, params, spans = [], [], []
    for index, compiler in enumerate(compilers):
        sql, subquery_params = compiler.as_sql()
        subqueries.append(f"({sql}) AS found_{index}")
        params += subquery_params
        start = spans[-1][1] if spans else 0
        spans.append((start, start + compiler.col_count))
    sql = "SELECT * FROM " + " FULL JOIN ".join(
        subqueries[:1] + [f"{subquery} ON false" for subquery in subqueries[1:]]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = [[] for _compiler in compilers]
    for row in rows:
        # A row's own primary key is never NULL; every other subquery's column is.
        index = next(
            index
            for index, (start, end) in enumerate(spans)
            if any(value is not None for value in row[start:end])
        )
        found[index].append(row[slice(*spans[index])])
    return [
        keys_and_scores(compiler, rows)
        if queryset.query.values_select
        else list(instances(queryset, compiler, rows))
        for queryset, compiler, rows in zip(querysets, compilers, found, strict=True)
    ]


def keys_and_scores(compiler, rows):
    # The SQL selects fields and annotations in an order of its own.
    selected = [alias for _expression, _sql, alias in compiler.select]
    positions = [selected.index(name) for name in KEY_AND_SCORE]
    return [tuple(row[position] for position in positions) for row in rows]


def instances(queryset, compiler, rows):
    """``queryset``'s objects from ``rows`` of its compiled SQL, as ModelIterable makes them."""
    select, klass_info = compiler.select, compiler.klass_info
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    names = [column[0].target.attname for column in select[start:end]]
    related = get_related_populators(klass_info, select, queryset.db)
    for row in compiler.results_iter([rows]):
        obj = klass_info["model"].from_db(queryset.db, names, row[start:end])
        for populator in related:
            populator.populate(row, obj)
        for name, position in compiler.annotation_col_map.items():
            setattr(obj, name, row[position])
        yield obj


def highlight(text, query, length=240):
    """An excerpt of ``text`` around the first match, matches wrapped in <mark>."""
    pattern = highlight_pattern(query)
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = match.start() - length // 4
        # Begin with a word; text written without spaces may begin anywhere.
        space = text.rfind(" ", start - 20, start)
        start = space + 1 if space >= 0 else start
    excerpt = Truncator(text[start:]).chars(length)
    if start:
        excerpt = f"… {excerpt}"
    # Escape the pieces, not the whole, so a match never cuts into an entity.
    parts, position = [], 0
    for found in pattern.finditer(excerpt) if pattern else ():
        parts += [
            escape(excerpt[position : found.start()]),
            "<mark>",
            escape(found.group(0)),
            "</mark>",
        ]
        position = found.end()
    parts.append(escape(excerpt[position:]))
    return mark_safe("".join(parts))


def highlight_pattern(query):
    """
    What highlight() marks: words that begin like the query's words and the
    query's runs of Chinese characters and kana as written (text in them has
    no spaces to tell where a word ends).
    """
    words = [word for word in re.findall(f"[^\\W{CJK_LETTERS}]+", query) if len(word) >= 3]
    # Compare on a shortened stem so that inflected forms match too
    # ("Städtepartnerschaften" marks "Städtepartnerschaft").
    stems = [word[: max(4, len(word) - 3)] for word in words[:10]]
    runs = re.findall(f"[{CJK_LETTERS}]+", query)[:10]
    # Letters of words that spaces separate.
    letters = f"[^\\W{CJK_LETTERS}]*"
    alternatives = [*map(re.escape, runs)]
    if stems:
        alternatives.append(letters + "(?:" + "|".join(map(re.escape, stems)) + ")" + letters)
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None

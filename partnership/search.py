"""
Site search across articles, cities, partnerships and projects.

Each kind of content is searched from its published() QuerySet, so nothing
unpublished can be found. PostgreSQL ranks German full-text matches on the
stored search vectors and adds trigram matches on titles and names, which
catch parts of compound words and typos. Other databases fall back to plain
case-insensitive matching. Snippets are highlighted for the page shown only.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from cities.models import City
from cities.richtext import plain_text
from cities.searching import SEARCH_CONFIG
from news.models import Article

from .models import Partnership, Project

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 50
# A trigram-only match counts for less than a full-text match of equal strength.
TRIGRAM_WEIGHT = 0.5


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    text: str
    score: float
    date: object = None
    snippet: str = ""


@dataclass
class Kind:
    label: str
    queryset: object
    title_field: str
    text_fields: tuple
    to_hit: object

    def search(self, query):
        full_text = connection.vendor == "postgresql"
        found = self._full_text(query) if full_text else self._plain(query)
        return [
            Hit(kind=self.label, score=obj.score, **self.to_hit(obj))
            for obj in found[:RESULTS_PER_KIND]
        ]

    def _full_text(self, query):
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        return (
            self.queryset()
            # Similar as a whole for typos ("Tsukba"), similar to a part of
            # the title for pieces of compound words ("Wissensstadt").
            .filter(
                Q(search_vector=search_query)
                | Q(**{f"{self.title_field}__trigram_similar": query})
                | Q(**{f"{self.title_field}__trigram_word_similar": query})
            )
            .annotate(
                score=SearchRank(F("search_vector"), search_query)
                + Greatest(
                    TrigramSimilarity(self.title_field, query),
                    TrigramWordSimilarity(query, self.title_field),
                )
                * TRIGRAM_WEIGHT
            )
            .order_by("-score")
        )

    def _plain(self, query):
        words = query.split()[:10]
        matches = Q()
        for word in words:
            matches &= Q(
                *(Q(**{f"{field}__icontains": word}) for field in self.text_fields),
                _connector=Q.OR,
            )
        return (
            self.queryset()
            .filter(matches)
            .annotate(
                score=Case(
                    When(**{f"{self.title_field}__icontains": query}, then=Value(1.0)),
                    default=Value(0.5),
                    output_field=FloatField(),
                )
            )
            .order_by("-score")
        )


KINDS = [
    Kind(
        label=_("Nachricht"),
        queryset=lambda: Article.objects.published().order_by(),
        title_field="title",
        text_fields=("title", "teaser", "body"),
        to_hit=lambda article: {
            "title": article.title,
            "url": article.get_absolute_url(),
            "text": article.lead,
            "date": article.publish_at,
        },
    ),
    Kind(
        label=_("Stadt"),
        queryset=lambda: City.objects.published().order_by(),
        title_field="name",
        text_fields=("name", "summary", "description", "focus_topics"),
        to_hit=lambda city: {
            "title": city.name,
            "url": city.get_absolute_url(),
            "text": city.summary or plain_text(city.description),
        },
    ),
    Kind(
        label=_("Partnerschaft"),
        queryset=lambda: (
            Partnership.objects.published().select_related("home_city", "partner_city").order_by()
        ),
        title_field="partner_city__name",
        text_fields=("partner_city__name", "summary", "description"),
        to_hit=lambda partnership: {
            "title": str(partnership),
            "url": partnership.get_absolute_url(),
            "text": partnership.summary or plain_text(partnership.description),
        },
    ),
    Kind(
        label=_("Projekt"),
        queryset=lambda: Project.objects.published().select_related("partnership").order_by(),
        title_field="title",
        text_fields=("title", "description"),
        to_hit=lambda project: {
            "title": project.title,
            "url": project.get_absolute_url(),
            "text": plain_text(project.description),
            "date": project.start_date,
        },
    ),
]


def clean_query(raw):
    """The query as searched: printable, single-spaced and of bounded length."""
    printable = "".join(
        char if unicodedata.category(char)[0] != "C" else " "
        for char in raw[: MAX_QUERY_LENGTH * 4]
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search(query):
    """Hits of every kind, best first."""
    hits = [hit for kind in KINDS for hit in kind.search(query)]
    return sorted(hits, key=lambda hit: hit.score, reverse=True)


def highlight(text, query, length=240):
    """An excerpt of ``text`` around the first match, matches wrapped in <mark>."""
    words = [word for word in re.findall(r"\w+", query) if len(word) >= 3][:10]
    # Compare on a shortened stem so that inflected forms match too
    # ("Städtepartnerschaften" marks "Städtepartnerschaft").
    stems = [word[: max(4, len(word) - 3)] for word in words]
    pattern = (
        re.compile(r"\w*(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)
        if stems
        else None
    )
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 4) + 1
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


class SearchView(ListView):
    template_name = "search.html"
    paginate_by = 10

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        return search(self.query) if self.query else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        for hit in context["object_list"]:
            hit.snippet = highlight(hit.text, self.query)
        return context

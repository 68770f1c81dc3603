"""
The site search page. What is searchable, and how, is core/search.py's
concern: each app registers its kinds there, and this view only asks for the
hits in the language of the request and highlights the page shown.
"""

from django.utils.translation import get_language
from django.views.generic import ListView

from core.search import clean_query, highlight, read, search
from core.searching import DEFAULT_LANGUAGE


class SearchView(ListView):
    template_name = "search.html"
    paginate_by = 10

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        return search(self.query, language=self.language()) if self.query else []

    def language(self):
        """The request's language, as LocaleMiddleware chose it from settings.LANGUAGES."""
        return (get_language() or DEFAULT_LANGUAGE).split("-")[0]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        read(context["object_list"])
        # A hit unpublished since the search is left out.
        shown = [hit for hit in context["object_list"] if hit.obj is not None]
        for hit in shown:
            hit.snippet = highlight(hit.text, self.query)
        return {**context, "object_list": shown}

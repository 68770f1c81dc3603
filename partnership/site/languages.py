"""
Which language a request is in, which languages a page exists in, and its
address in each.

The language switcher, the hreflang links, og:locale:alternate and the
sitemap all ask here, so they never disagree about a page's versions.
"""

from dataclasses import dataclass

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import cc_delim_re

# The language-region codes OpenGraph expects; English is British English.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "ja": "ja_JP", "es": "es_ES", "uk": "uk_UA"}


class AddressLocaleMiddleware(LocaleMiddleware):
    """
    Django's LocaleMiddleware without ``Vary: Accept-Language``. It adds that
    header to every address without a prefix, but with the German pages
    unprefixed a page's language follows from its address alone: the header
    would only make shared caches keep a copy per browser language.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                field
                for field in cc_delim_re.split(response["Vary"])
                if field.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


def served():
    return [code for code, _name in settings.LANGUAGES]


def language_of(path):
    """The language a path is in: its prefix, or German without one."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def object_languages(obj):
    """
    The served languages ``obj`` may be shown in: those of its
    public_languages() where it has them, else every served language.
    """
    public_languages = getattr(obj, "public_languages", None)
    if public_languages is None:
        return served()
    allowed = set(public_languages())
    return [code for code in served() if code in allowed]


def url_in(language, build):
    """
    ``build()`` under ``language``, or None where that gives no address in
    ``language``: a German-only page reverses to its German address.
    """
    with translation.override(language):
        try:
            url = build()
        except NoReverseMatch:
            return None
    return url if language_of(url) == language else None


@dataclass(frozen=True)
class Version:
    code: str
    name: str
    # None: the page does not exist in this language.
    url: str | None
    home_url: str
    current: bool

    @property
    def og_locale(self):
        return OG_LOCALES[self.code]


def page_versions(request, obj=None):
    """
    The page of ``request`` in each served language. ``obj`` is the object
    the page shows, or whose articles it lists: its slug (a free page's
    path) differs by language, and it may not exist in all of them. Without
    a request (an error page) the page exists in none, and each version
    leads to its home page.
    """
    match = getattr(request, "resolver_match", None)
    languages = object_languages(obj) if obj is not None else served()
    current = translation.get_language()

    def build():
        kwargs = match.kwargs
        if obj is not None:
            # An article's slug, or a free page's path, in this language.
            names = [name for name in ("slug", "path") if name in kwargs]
            kwargs = {**kwargs, **{name: getattr(obj, name) for name in names}}
        return reverse(match.view_name, args=match.args, kwargs=kwargs)

    return [
        Version(
            code=code,
            name=name,
            url=url_in(code, build) if match is not None and code in languages else None,
            home_url=url_in(code, lambda: reverse("home")),
            current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]

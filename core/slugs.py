"""Readable ASCII slugs in each language, shared by every app's models."""

from django.utils.text import slugify
from translitua import translit

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "Ss"}
)


def german_slugify(value, max_length=80):
    """
    Slugify with German transliteration: "Städtepartnerschaft" becomes
    "staedtepartnerschaft", where plain slugify would drop the umlaut to "a".
    """
    slug = slugify(str(value).translate(_GERMAN))
    return slug[:max_length].strip("-")


def slugify_in(language, value, max_length=80):
    """
    A slug of ``value``, text in ``language``. Ukrainian is transliterated
    by the national standard (Kyiv, Donetsk); the Latin-script languages
    keep the German rules, which leave their letters alone.
    """
    if language == "uk":
        value = translit(str(value))
    return german_slugify(value, max_length=max_length)


def unique_slug(instance, value, *, field="slug", language="de", is_allowed=lambda slug: True):
    """
    Return a slug for ``instance`` built from ``value``, text in ``language``,
    that no other row of its model uses in ``field`` and that ``is_allowed``
    accepts, appending -2, -3, ...
    """
    model = type(instance)
    max_length = model._meta.get_field(field).max_length
    base = slugify_in(language, value, max_length=max_length - 4) or model._meta.model_name
    others = model._default_manager.exclude(pk=instance.pk)
    candidate, counter = base, 1
    while not is_allowed(candidate) or others.filter(**{field: candidate}).exists():
        counter += 1
        candidate = f"{base}-{counter}"
    return candidate

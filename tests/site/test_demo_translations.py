from html.parser import HTMLParser
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import translation

from core.richtext import RichTextField
from partnership.site.demo_translations import TRANSLATIONS

ENTRIES = [
    (language, label, key, texts)
    for language, entries in TRANSLATIONS.items()
    for (label, key), texts in entries.items()
]

# What a key holds, by model: the field itself, or the partnership's slug and
# that field for the objects of a partnership.
KEY_FIELDS = {
    "news.article": "slug",
    "cities.city": "slug",
    "partnership.partnership": "slug",
    "partnership.statuschange": "date",
    "partnership.agreement": "title",
    "partnership.project": "title",
    "partnership.institutionaltie": "home_institution",
    "partnership.contact": "name",
    "news.category": "slug",
    "partnership.cooperationarea": "slug",
    "site.legalpage": "kind",
    "site.page": "slug",
    "site.sitesettings": None,  # the one row, keyed by ""
}

LANGUAGE_SUFFIXES = tuple(f"_{code}" for code in ("de", *TRANSLATIONS))

# Elements that start a block: their order and nesting must stay as in German.
BLOCKS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "table", "tr", "th", "td"}
VOID = {"br", "hr", "img", "wbr"}

# These pages exist for German readers only.
GERMAN_ONLY_PAGES = {"leichte-sprache", "gebaerdensprache"}


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.blocks = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag in BLOCKS:
            self.blocks.append((sum(open_tag in BLOCKS for open_tag in self.open), tag))
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            raise ValueError(f"</{tag}> does not close <{self.open[-1] if self.open else ''}>")
        self.open.pop()


def outline(html):
    """The blocks of an HTML fragment as (depth, tag); ValueError if it is not well-formed."""
    parser = _Outline()
    parser.feed(html)
    parser.close()
    if parser.open:
        raise ValueError(f"<{parser.open[-1]}> is never closed")
    return parser.blocks


def find(label, key):
    if isinstance(key, tuple):
        partnership_slug, value = key
        lookup = {"partnership__slug": partnership_slug, KEY_FIELDS[label]: value}
    elif KEY_FIELDS[label] is None:
        lookup = {}
    else:
        lookup = {KEY_FIELDS[label]: key}
    return apps.get_model(label).objects.filter(**lookup).first()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_outline_refuses_broken_markup_and_sees_block_changes():
    assert outline("<p>a<br>b</p><ul><li>c</li></ul>") == [(0, "p"), (0, "ul"), (1, "li")]
    assert outline("<p>a</p><p>b</p>") != outline("<p>a b</p>")
    with pytest.raises(ValueError, match="never closed"):
        outline("<p>a")
    with pytest.raises(ValueError, match="does not close"):
        outline("<ul><li>a</ul>")


def test_translations_are_for_the_other_content_languages():
    assert set(TRANSLATIONS) == {"en", "ja", "es", "uk"}


@pytest.mark.parametrize(("language", "label", "key", "texts"), ENTRIES)
def test_every_field_is_a_text_field_of_the_model_and_filled(language, label, key, texts):
    model = apps.get_model(label)
    for name, text in texts.items():
        field = model._meta.get_field(name)
        assert not name.endswith(LANGUAGE_SUFFIXES), name
        assert isinstance(field, models.CharField | models.TextField), name
        assert not isinstance(field, models.SlugField), name
        assert text.strip(), name
        assert field.max_length is None or len(text) <= field.max_length, name


def test_every_key_names_a_demo_object_with_german_text_in_each_field(demo):
    missing = []
    with translation.override("de"):
        for language, label, key, texts in ENTRIES:
            obj = find(label, key)
            if obj is None:
                missing.append((language, label, key))
                continue
            for name in texts:
                if not getattr(obj, name, None):
                    missing.append((language, label, key, name))
    assert missing == []


def test_html_is_well_formed_with_the_blocks_of_the_german(demo):
    with translation.override("de"):
        for language, label, key, texts in ENTRIES:
            obj = find(label, key)
            for name, text in texts.items():
                if isinstance(obj._meta.get_field(name), RichTextField):
                    german = outline(getattr(obj, name))
                    assert outline(text) == german, (language, label, key, name)


def test_english_covers_every_demo_object(demo):
    translated = {
        (label, getattr(find(label, key), "pk", None)) for label, key in TRANSLATIONS["en"]
    }
    everything = {
        (label, pk)
        for label in KEY_FIELDS
        for pk in apps.get_model(label).objects.values_list("pk", flat=True)
    }
    german_only = {
        ("site.legalpage", pk)
        for pk in apps.get_model("site.legalpage")
        .objects.filter(kind__in=GERMAN_ONLY_PAGES)
        .values_list("pk", flat=True)
    }
    assert everything - german_only == translated

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from core.templatetags.hyphenation import hyphenate
from tests.factories import ArticleFactory

SHY = "\u00ad"


def render(source, **context):
    return Template("{% load hyphenation %}" + source).render(Context(context))


def test_words_of_fourteen_letters_get_soft_hyphens_and_shorter_ones_none():
    with translation.override("de"):
        assert hyphenate("Partnerstädte") == "Partnerstädte"  # 13 letters
        assert hyphenate("Partnerschaftsverein") == SHY.join(
            ["Part", "ner", "schafts", "ver", "ein"]
        )
        assert hyphenate("Die Städtepartnerschaften") == "Die " + SHY.join(
            ["Städ", "te", "part", "ner", "schaf", "ten"]
        )


def test_the_dictionary_follows_the_language_and_japanese_has_none():
    word = "internationalisation"
    with translation.override("en"):
        assert SHY in hyphenate(word)
        assert hyphenate("つくば市とのパートナーシップ") == "つくば市とのパートナーシップ"
    with translation.override("ja"):
        assert hyphenate(word) == word
    with translation.override("de"):
        german = hyphenate("Partnerschaftsverein")
    with translation.override("en"):
        # Text shown in German on an English page breaks as German does.
        assert hyphenate("Partnerschaftsverein", "de") == german
        assert hyphenate("Partnerschaftsverein") != german


def test_plain_text_is_escaped_and_safe_html_keeps_its_tags_untouched():
    assert render("{{ title|hyphenate }}", title="<b>Städtepartnerschaften</b>") == (
        "&lt;b&gt;Städ\u00adte\u00adpart\u00adner\u00adschaf\u00adten&lt;/b&gt;"
    )
    html = mark_safe('<a href="/staedtepartnerschaften/">Städtepartnerschaften</a>')
    assert render("{{ html|hyphenate }}", html=html) == (
        '<a href="/staedtepartnerschaften/">'
        "Städ\u00adte\u00adpart\u00adner\u00adschaf\u00adten</a>"
    )


@pytest.mark.django_db
def test_only_the_visible_heading_and_teaser_carry_soft_hyphens(client):
    article = ArticleFactory(
        title="Städtepartnerschaft der Wissensstädte",
        teaser="Bochum schließt eine Hochschulpartnerschaft.",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", page).group(1)
    lead = re.search(r'<p class="lead">(.*?)</p>', page).group(1)
    assert heading == "Städ\u00adte\u00adpart\u00adner\u00adschaft der Wissensstädte"
    assert SHY in lead
    head = page[: page.index("</head>")]
    assert "Städtepartnerschaft der Wissensstädte" in head  # <title>, OpenGraph, JSON-LD
    assert SHY not in head
    assert SHY in client.get("/aktuelles/").content.decode()
    for feed in ("/aktuelles/feed/rss/", "/aktuelles/feed/atom/"):
        text = client.get(feed).content.decode()
        assert "Städtepartnerschaft der Wissensstädte" in text
        assert SHY not in text

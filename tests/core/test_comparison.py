"""Two versions of an object as staff read them: labels, names, words."""

import pytest

from cities.models import City
from core.comparison import field_changes, word_diff
from core.pending import snapshot
from core.pending_admin import snapshot_changes
from news.models import Article
from partnership.models import Partnership
from tests.factories import ArticleFactory, CategoryFactory, CityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def rows(changes):
    return {change.label: (change.old, change.new) for change in changes}


def test_choices_show_their_labels():
    changes = field_changes(
        Article, {"status": Article.Status.REVIEW}, {"status": Article.Status.PUBLISHED}
    )
    assert rows(changes) == {"Status": ("Zur Prüfung", "Veröffentlicht")}


def test_booleans_read_ja_and_nein():
    changes = field_changes(City, {"published": False}, {"published": True})
    assert rows(changes) == {"veröffentlicht": ("nein", "ja")}


def test_foreign_keys_show_the_names_of_the_objects():
    before, after = CityFactory(name="Tsukuba"), CityFactory(name="Rzeszów")
    changes = field_changes(Partnership, {"partner_city_id": before.pk}, {"partner_city": after})
    assert [(c.old, c.new) for c in changes] == [("Tsukuba", "Rzeszów")]


def test_many_to_many_values_are_listed_by_name():
    old, new = CategoryFactory(name="Kultur"), CategoryFactory(name="Sport")
    changes = field_changes(Article, {"categories": [old.pk]}, {"categories": [old, new]})
    assert [(c.old, c.new) for c in changes] == [("Kultur", "Kultur, Sport")]


def test_a_live_object_compares_with_proposed_values():
    article = ArticleFactory(title="Alt", status=Article.Status.DRAFT)
    proposed = {"title_de": "Neu", "status": Article.Status.DRAFT, "body_de": article.body}
    assert rows(field_changes(Article, article, proposed)) == {"Titel [Deutsch]": ("Alt", "Neu")}


def test_empty_values_show_a_dash_not_none():
    changes = field_changes(Article, {"unpublish_at": None}, {"unpublish_at": None})
    assert changes == []
    changes = field_changes(Article, {"teaser_en": None}, {"teaser_en": "In short"})
    assert rows(changes) == {"Anreißer [Englisch]": ("–", "In short")}


def test_rich_text_is_compared_as_words_not_markup():
    changes = field_changes(
        Article,
        {"body_de": "<p>Eine Delegation kam im Mai.</p>"},
        {"body_de": "<p>Eine <strong>große</strong> Delegation kam im Juni.</p>"},
    )
    (change,) = changes
    assert change.old == "Eine Delegation kam im Mai."
    assert change.is_text
    assert change.diff == (
        "Eine <ins>große</ins> Delegation kam im <del>Mai.</del> <ins>Juni.</ins>"
    )


def test_a_change_of_markup_alone_says_so():
    (change,) = field_changes(
        Article, {"body_de": "<p>Ein Satz.</p>"}, {"body_de": "<p><em>Ein</em> Satz.</p>"}
    )
    assert change.diff == "Nur die Formatierung wurde geändert."


def test_the_diff_escapes_what_editors_typed():
    html = word_diff("a <b>", "a <script>alert(1)</script>")
    assert "<script>" not in html
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in html


def test_fields_nobody_edits_are_left_out():
    partnership = PartnershipFactory()
    before = partnership.history.latest()
    partnership.status_note = "Ruht seit 2022"
    partnership.save()
    after = partnership.history.latest()
    labels = [change.label for change in field_changes(Partnership, before, after)]
    assert labels == ["Hinweis zum Status [Deutsch]"]


def test_long_unchanged_passages_are_shortened_around_the_change():
    words = [f"w{n}" for n in range(100)]
    changed = [*words[:50], "neu", *words[50:]]

    html = word_diff(" ".join(words), " ".join(changed), context=3)

    assert html == "… w47 w48 w49 <ins>neu</ins> w50 w51 w52 …"


def test_short_texts_are_shown_whole():
    assert word_diff("ein kurzer Satz", "ein langer Satz") == (
        "ein <del>kurzer</del> <ins>langer</ins> Satz"
    )


def test_a_proposed_change_is_compared_with_the_live_version_the_same_way():
    partnership = PartnershipFactory(status_note="", description="<p>Seit 1990 befreundet.</p>")
    live = snapshot(partnership)
    partnership.status = Partnership.Status.DORMANT
    partnership.description = "<p>Seit 1990 eng befreundet.</p>"
    partnership.partner_city = CityFactory(name="Nordhausen")
    proposed = snapshot(partnership)

    changes = snapshot_changes(Partnership, live, proposed)

    rows = {change.label: change for change in changes}
    assert rows["Partnerstadt"].new == "Nordhausen"
    assert rows["aktueller Status"].new == Partnership.Status.DORMANT.label
    assert (
        rows["Beschreibung und Geschichte [Deutsch]"].diff
        == "Seit 1990 <ins>eng</ins> befreundet."
    )

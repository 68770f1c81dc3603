"""
The interface catalogues (partnership/locale) are complete, compiled and up to date.

German is the source language and has no catalogue; every other language
content can be stored in has one. `make messages` renews them.
"""

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "partnership" / "locale"
# Every language content can be stored in, but German, the source.
LANGUAGES = [code for code in settings.CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]
PLURAL_FORMS = {"en": 2, "ja": 1, "es": 2, "uk": 3}
# %(name)s, %s and {name}, as Python and Django's templates fill them in.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[sd]|\{\w*\}")


def read(path, read_catalogue):
    with open(path, "rb") as file:
        return read_catalogue(file)


def key(message):
    """What identifies a message: its context and its ID (a pair for plurals)."""
    return message.context, tuple(forms(message.id))


def forms(value):
    return value if isinstance(value, tuple | list) else (value,)


def translations(catalogue):
    return {key(m): tuple(forms(m.string)) for m in catalogue if m.id}


def catalogue_problems(po_path, mo_path=None):
    """Everything wrong with a catalogue and its compiled form, one line each."""
    po = read(po_path, read_po)
    problems = []
    if po.fuzzy:
        problems.append("the header is marked fuzzy, so msgfmt leaves it out")
    for message in po:
        if not message.id:
            continue
        label = repr(forms(message.id)[0])
        strings = forms(message.string)
        if message.fuzzy:
            problems.append(f"fuzzy: {label}")
        if not all(strings):
            problems.append(f"untranslated: {label}")
        expected = sorted({p for text in forms(message.id) for p in PLACEHOLDER.findall(text)})
        for string in filter(None, strings):
            found = sorted(set(PLACEHOLDER.findall(string)))
            if found != expected:
                problems.append(f"placeholders {found} instead of {expected}: {label}")
    if mo_path is not None:
        mo = read(mo_path, read_mo)
        # msgfmt compiles neither fuzzy nor untranslated messages.
        usable = {
            key(m): tuple(forms(m.string))
            for m in po
            if m.id and all(forms(m.string)) and not m.fuzzy
        }
        if translations(mo) != usable:
            problems.append(f"{mo_path.name} does not match {po_path.name}: compile it again")
        if mo.plural_forms != po.plural_forms:
            problems.append(f"{mo_path.name} has other plural forms than {po_path.name}")
    return problems


def out_of_date(held, fresh):
    """Messages the sources have and the catalogue lacks, and the other way round."""
    held, fresh = set(translations(held)), set(translations(fresh))
    return sorted(fresh - held, key=str), sorted(held - fresh, key=str)


def catalogue(language, name):
    return LOCALE / language / "LC_MESSAGES" / name


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_compiled(language):
    po, mo = catalogue(language, "django.po"), catalogue(language, "django.mo")
    assert catalogue_problems(po, mo) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_the_plural_forms_of_its_language(language):
    assert read(catalogue(language, "django.po"), read_po).num_plurals == PLURAL_FORMS[language]


def test_there_is_a_catalogue_for_every_language_but_german():
    assert sorted(p.name for p in LOCALE.iterdir() if p.is_dir()) == sorted(LANGUAGES)


@pytest.mark.skipif(
    not shutil.which("xgettext"),
    reason="GNU gettext (xgettext) is not installed, so the sources cannot be scanned",
)
def test_catalogues_are_up_to_date_with_the_sources(tmp_path, settings, monkeypatch):
    """A fresh makemessages finds exactly the messages the catalogues hold."""
    settings.LOCALE_PATHS = [tmp_path]
    monkeypatch.chdir(settings.BASE_DIR)
    # The project's own locale folder would otherwise take the new catalogue.
    call_command(
        "makemessages", locale=["en"], ignore_patterns=["partnership/locale"], verbosity=0
    )
    fresh = read(tmp_path / "en" / "LC_MESSAGES" / "django.po", read_po)
    for language in LANGUAGES:
        held = read(catalogue(language, "django.po"), read_po)
        assert (language, *out_of_date(held, fresh)) == (language, [], []), (
            "New messages (first list) or stale ones (second): run `make messages`."
        )


# The check itself, fed broken catalogues.


def write(path, messages, plurals="nplurals=2; plural=(n != 1);"):
    path.write_text(
        'msgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {plurals}\\n"\n\n' + messages,
        encoding="utf-8",
    )
    return path


def compile_to(po_path, mo_path):
    with open(mo_path, "wb") as file:
        write_mo(file, read(po_path, read_po))


GOOD = 'msgid "Suchen"\nmsgstr "Search"\n\n'


def test_a_good_catalogue_passes(tmp_path):
    po = write(tmp_path / "django.po", GOOD)
    compile_to(po, tmp_path / "django.mo")
    assert catalogue_problems(po, tmp_path / "django.mo") == []


def test_an_untranslated_message_is_found(tmp_path):
    po = write(tmp_path / "django.po", GOOD + 'msgid "Archiv"\nmsgstr ""\n')
    assert catalogue_problems(po) == ["untranslated: 'Archiv'"]


def test_a_fuzzy_message_is_found(tmp_path):
    po = write(tmp_path / "django.po", GOOD + '#, fuzzy\nmsgid "Archiv"\nmsgstr "Archive"\n')
    assert catalogue_problems(po) == ["fuzzy: 'Archiv'"]


def test_a_fuzzy_header_is_found(tmp_path):
    po = write(tmp_path / "django.po", GOOD)
    po.write_text("#, fuzzy\n" + po.read_text(encoding="utf-8"), encoding="utf-8")
    assert catalogue_problems(po) == ["the header is marked fuzzy, so msgfmt leaves it out"]


def test_a_changed_placeholder_is_found(tmp_path):
    po = write(
        tmp_path / "django.po",
        '#, python-format\nmsgid "Seite %(number)s"\nmsgstr "Page %(nummer)s"\n'
        'msgid "Hallo {name}"\nmsgstr "Hello {Name}"\n',
    )
    assert catalogue_problems(po) == [
        "placeholders ['%(nummer)s'] instead of ['%(number)s']: 'Seite %(number)s'",
        "placeholders ['{Name}'] instead of ['{name}']: 'Hallo {name}'",
    ]


def test_a_missing_plural_form_is_found(tmp_path):
    uk = (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    )
    po = write(
        tmp_path / "django.po",
        'msgid "%(counter)s Treffer"\nmsgid_plural "%(counter)s Treffer"\n'
        'msgstr[0] "%(counter)s результат"\nmsgstr[1] "%(counter)s результати"\n',
        plurals=uk,
    )
    assert catalogue_problems(po) == ["untranslated: '%(counter)s Treffer'"]


def test_a_stale_compiled_catalogue_is_found(tmp_path):
    po, mo = tmp_path / "django.po", tmp_path / "django.mo"
    compile_to(write(po, GOOD), mo)
    write(po, GOOD + 'msgid "Archiv"\nmsgstr "Archive"\n')
    assert catalogue_problems(po, mo) == ["django.mo does not match django.po: compile it again"]


def test_a_compiled_catalogue_with_a_changed_translation_is_found(tmp_path):
    po, mo = tmp_path / "django.po", tmp_path / "django.mo"
    compile_to(write(po, GOOD), mo)
    write(po, 'msgid "Suchen"\nmsgstr "Find"\n\n')
    assert catalogue_problems(po, mo) == ["django.mo does not match django.po: compile it again"]


def test_a_catalogue_behind_the_sources_is_found():
    held = Catalog()
    held.add("Suchen", "Search")
    held.add("Archiv", "Archive")
    fresh = Catalog()
    fresh.add("Suchen")
    fresh.add(("%(counter)s Treffer", "%(counter)s Treffer"))
    assert out_of_date(held, fresh) == (
        [(None, ("%(counter)s Treffer", "%(counter)s Treffer"))],
        [(None, ("Archiv",))],
    )

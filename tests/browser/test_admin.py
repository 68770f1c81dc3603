"""
The editors' daily work in the admin, end to end in Chromium: logging in,
writing, reviewing, publishing, changing live content through review, keeping
an upload after a form error, scheduling, two people on one article, and
accessibility and layout of the pages editors use most.

The demo data is loaded once for the module and served by one live server.
Each test runs in a transaction that is rolled back afterwards; the server
shares the test's connection to SQLite's in-memory test database, so what a
test changes through the browser is undone too. Each role logs in once through
the login form, and later pages reuse its session.
"""

from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from news.models import Article
from partnership.models import Partnership, Project
from partnership.site.roles import EDITORS, LEADS

from .test_public_site import WCAG_AA, axe_violations

# Every test sees the demo's images under its own per-test settings.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

PASSWORD = "Stadtpartner-Test-2024"
ACCOUNTS = {"redakteurin": EDITORS, "redakteur2": EDITORS, "leiterin": LEADS}
# Django's tabular inlines name their inputs only by the column heading, which
# screen readers announce but axe cannot see (docs/accessibility.md).
DJANGO_TABULAR_RULES = {"label", "select-name"}


@pytest.fixture(scope="module")
def admin_site(demo_server, django_db_blocker):
    """The demo server's address, with three staff accounts."""
    with django_db_blocker.unblock():
        call_command("setup_roles", stdout=StringIO())
        for username, group in ACCOUNTS.items():
            user = get_user_model().objects.create_user(
                username=username, password=PASSWORD, is_staff=True
            )
            user.groups.add(Group.objects.get(name=group))
    return demo_server


@pytest.fixture(scope="module")
def sessions(browser, admin_site, django_db_blocker):
    """
    Each account's cookies after it has logged in once through the form; done
    before any test's transaction, so the sessions outlive it.
    """
    states = {}
    with django_db_blocker.unblock():
        for username in ACCOUNTS:
            page = log_in(browser, admin_site, username)
            states[username] = page.context.storage_state()
            page.context.close()
    return states


def new_context(browser, **options):
    return browser.new_context(
        viewport={"width": 1280, "height": 800},
        locale="de-DE",
        timezone_id="Europe/Berlin",
        # axe is injected as an inline script, which the admin's policy forbids.
        bypass_csp=True,
        **options,
    )


def log_in(browser, site, username):
    """A page logged in as ``username`` through the admin's login form."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#user-tools")).to_contain_text(username)
    return page


@pytest.fixture
def open_as(browser, admin_site, sessions):
    """Opens a page as one of ACCOUNTS, already logged in."""
    contexts = []

    def open_page(username):
        context = new_context(browser, storage_state=sessions[username])
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def anonymous(browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


def png(width=1200, height=675):
    image = Image.new("RGB", (width, height), "#2b6a8c")
    ImageDraw.Draw(image).rectangle((100, 300, 1100, 600), fill="#e0b040")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def write_body(page, text):
    body = page.frame_locator("#cke_id_body_de iframe").locator("body")
    body.click()
    body.fill(text)


def save(page, button):
    page.locator(f"input[name={button}]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def new_draft(title, text):
    return Article.objects.create(
        title=title, body=f"<p>{text}</p>", status=Article.Status.DRAFT, publish_at=timezone.now()
    )


def worklist(page, title):
    return page.locator(".editorial-worklist").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def test_staff_log_in_through_the_login_form(browser, admin_site):
    for username in ("redakteurin", "leiterin"):
        page = log_in(browser, admin_site, username)
        expect(page.get_by_role("heading", name="Was auf Sie wartet")).to_be_visible()
        page.context.close()


def test_an_article_goes_from_draft_through_review_to_the_public_site(
    open_as, anonymous, admin_site
):
    title = "Chorreise nach Tsukuba"
    editor = open_as("redakteurin")
    editor.goto(admin_site + "/admin/news/article/add/")
    editor.locator("#id_title_de").fill(title)
    write_body(editor, "Der Jugendchor singt im Mai in Tsukuba.")
    editor.locator("#id_image").set_input_files(
        files=[{"name": "chor.png", "mimeType": "image/png", "buffer": png()}]
    )
    editor.locator("#id_image_alt_de").fill("Der Jugendchor auf der Bühne des Rathauses")
    save(editor, "_continue")
    editor.locator("#id_teaser_de").fill("Zwanzig Sängerinnen und Sänger reisen nach Japan.")
    save(editor, "_continue")
    expect(editor.locator(".admin-image-preview")).to_be_visible()
    editor.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(editor.locator(".messagelist .success")).to_be_visible()
    editor.goto(admin_site + "/admin/")
    expect(worklist(editor, "Warten auf Prüfung")).to_contain_text(title)

    article = Article.objects.get(title=title)
    assert article.status == Article.Status.REVIEW
    assert article.image_alt == "Der Jugendchor auf der Bühne des Rathauses"

    # The lead compares the first version with the submitted one.
    lead = open_as("leiterin")
    lead.goto(admin_site + f"/admin/news/article/{article.pk}/history/")
    expect(lead.locator("#change-history")).to_contain_text("Entwurf → Zur Prüfung")
    lead.get_by_role("link", name="Zwei Fassungen Feld für Feld vergleichen").click()
    first = article.history.earliest("history_date")
    lead.locator("#id_alt").select_option(str(first.history_id))
    lead.get_by_role("button", name="Vergleichen").click()
    compare = lead.locator(".revision-compare")
    expect(compare.locator("ins")).to_contain_text("Zwanzig Sängerinnen und Sänger")
    expect(compare).to_contain_text("Zur Prüfung")

    # Sent back with a comment, the editor finds it on the start page.
    lead.goto(admin_site + f"/admin/news/article/{article.pk}/change/")
    lead.locator("#id_review_comment").fill("Bitte den Bildnachweis ergänzen.")
    lead.get_by_role("button", name="Zurück an die Redaktion").click()
    expect(lead.locator(".messagelist .success")).to_be_visible()
    editor.goto(admin_site + "/admin/")
    expect(worklist(editor, "Meine Entwürfe")).to_contain_text("Bitte den Bildnachweis ergänzen.")

    # Published from the form, the article is on the public site.
    lead.goto(admin_site + f"/admin/news/article/{article.pk}/change/")
    lead.locator("#id_image_credit").fill("Foto: Stadt Bochum")
    lead.get_by_role("button", name="Veröffentlichen").click()
    expect(lead.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.is_published()
    response = anonymous.goto(admin_site + article.get_absolute_url())
    assert response.status == 200
    expect(anonymous.locator("h1")).to_have_text(title)
    expect(anonymous.get_by_alt_text("Der Jugendchor auf der Bühne des Rathauses")).to_be_visible()

    # A change to the live article waits for the lead; the public page keeps
    # the published text until the lead publishes the change.
    editor.goto(admin_site + f"/admin/news/article/{article.pk}/change/")
    write_body(editor, "Der Jugendchor singt im Juni in Tsukuba.")
    save(editor, "_save")
    anonymous.reload()
    expect(anonymous.locator("main")).to_contain_text("singt im Mai")
    lead.goto(admin_site + f"/admin/news/article/{article.pk}/aenderung/")
    expect(lead.locator(".revision-compare del")).to_have_text("Mai")
    expect(lead.locator(".revision-compare ins")).to_have_text("Juni")
    lead.get_by_role("button", name="Veröffentlichen").click()
    expect(lead.locator(".messagelist .success")).to_be_visible()
    anonymous.reload()
    expect(anonymous.locator("main")).to_contain_text("singt im Juni")


def test_a_validation_error_keeps_the_chosen_image(open_as, admin_site):
    title = "Neuer Platz der Partnerstädte"
    editor = open_as("redakteurin")
    editor.goto(admin_site + "/admin/news/article/add/")
    editor.locator("#id_title_de").fill(title)
    write_body(editor, "Der Platz vor dem Rathaus trägt jetzt einen neuen Namen.")
    editor.locator("#id_image").set_input_files(
        files=[{"name": "platz.png", "mimeType": "image/png", "buffer": png()}]
    )
    # No text alternative: the form comes back with an error.
    editor.locator("input[name=_continue]").click()
    expect(editor.locator(".errornote")).to_be_visible()
    expect(editor.locator(".held-upload")).to_contain_text("platz.png")
    thumbnail = editor.locator(".held-upload-thumbnail")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("image => image.naturalWidth") > 0

    editor.locator("#id_image_alt_de").fill("Schild mit dem neuen Namen des Platzes")
    save(editor, "_continue")
    expect(editor.locator(".admin-image-preview")).to_be_visible()
    article = Article.objects.get(title=title)
    assert article.image
    assert article.image_width == 1200


def test_an_article_scheduled_for_tomorrow_is_not_public_today(open_as, anonymous, admin_site):
    title = "Empfang für die Delegation aus Oviedo"
    tomorrow = timezone.localdate() + timedelta(days=1)
    lead = open_as("leiterin")
    lead.goto(admin_site + "/admin/news/article/add/")
    lead.locator("#id_title_de").fill(title)
    write_body(lead, "Der Oberbürgermeister empfängt die Gäste im Rathaus.")
    lead.locator("#id_publish_at_0").fill(tomorrow.strftime("%d.%m.%Y"))
    lead.locator("#id_publish_at_1").fill("09:00")
    save(lead, "_continue")
    lead.get_by_role("button", name="Planen für").click()
    expect(lead.locator(".messagelist .success")).to_be_visible()
    lead.goto(admin_site + "/admin/news/article/")
    row = lead.locator("#result_list tr", has_text=title)
    expect(row).to_contain_text("geplant")

    article = Article.objects.get(title=title)
    assert article.status == Article.Status.PUBLISHED
    assert not article.is_published()
    response = anonymous.goto(admin_site + article.get_absolute_url())
    assert response.status == 404


def test_second_editor_saving_the_same_article_sees_the_conflict(open_as, admin_site):
    article = new_draft("Sommerfest der Partnerschaftsvereine", "Alle Vereine feiern gemeinsam.")
    url = admin_site + f"/admin/news/article/{article.pk}/change/"
    first, second = open_as("redakteurin"), open_as("redakteur2")
    first.goto(url)
    second.goto(url)

    first.locator("#id_title_de").fill("Sommerfest aller Partnerschaftsvereine")
    save(first, "_continue")
    second.locator("#id_teaser_de").fill("Am Samstag im Stadtpark.")
    second.locator("input[name=_continue]").click()

    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.locator("#content-main")).to_contain_text("während Sie ihn bearbeitet haben")
    expect(second.locator("#id_teaser_de")).to_have_value("Am Samstag im Stadtpark.")
    article.refresh_from_db()
    assert article.title == "Sommerfest aller Partnerschaftsvereine"
    assert article.teaser == ""


def test_an_editor_adds_a_category_by_typing_part_of_its_name(open_as, admin_site):
    article = new_draft(
        "Schüleraustausch mit Oviedo", "Zwölf Schülerinnen und Schüler reisen nach Asturien."
    )
    page = open_as("redakteurin")
    page.goto(admin_site + f"/admin/news/article/{article.pk}/change/")

    # The keyboard alone: into the field, found by its name as a screen
    # reader announces it, a part of the category's name, Enter.
    page.get_by_role("searchbox", name="Kategorien").focus()
    page.keyboard.type("gegnung")
    expect(page.locator(".select2-results__option--highlighted")).to_have_text("Begegnungen")
    page.keyboard.press("Enter")
    expect(page.locator(".field-categories .select2-selection__choice")).to_contain_text(
        "Begegnungen"
    )
    save(page, "_continue")

    assert [category.name for category in article.categories.all()] == ["Begegnungen"]
    expect(page.locator(".field-categories .select2-selection__choice")).to_contain_text(
        "Begegnungen"
    )


def serious_violations(page, axe_source):
    """axe's serious and critical findings, leaving out Django's tabular inlines."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        nodes = [node["target"][0] for node in violation["nodes"]]
        if violation["id"] in DJANGO_TABULAR_RULES:
            nodes = [
                target
                for target in nodes
                if not page.evaluate(
                    "target => !!document.querySelector(target).closest('.tabular')", target
                )
            ]
        if nodes:
            found.append(f"{violation['id']}: {violation['help']} {nodes[:3]}")
    return found


def test_no_serious_accessibility_problems_on_the_pages_editors_use(
    open_as, admin_site, axe_source
):
    draft = new_draft("Entwurf für die Prüfung mit axe", "Text.")
    # A second version, so that history and comparison show differences.
    draft.body = "<p>Text, überarbeitet.</p>"
    draft.save()
    partnership = Partnership.objects.filter(projects__isnull=False).first()
    pages = [
        "/admin/",
        "/admin/news/article/",
        f"/admin/news/article/{draft.pk}/change/",
        f"/admin/news/article/{draft.pk}/history/",
        f"/admin/news/article/{draft.pk}/history/compare/",
        "/admin/news/article/add/",
        f"/admin/partnership/partnership/{partnership.pk}/change/",
    ]
    failures = {}
    for username in ("redakteurin", "leiterin"):
        page = open_as(username)
        for path in pages:
            page.goto(admin_site + path)
            violations = serious_violations(page, axe_source)
            if violations:
                failures[f"{username} {path}"] = violations
    assert failures == {}

    # The check itself notices an unlabelled field outside Django's inlines.
    page.evaluate(
        "document.querySelector('#content-main').append(document.createElement('input'))"
    )
    assert any(v.startswith("label") for v in serious_violations(page, axe_source))


def test_lists_and_forms_fit_a_1280_pixel_screen(open_as, admin_site):
    partnership = Partnership.objects.filter(projects__isnull=False).first()
    article = Article.objects.filter(image__gt="").first()
    # The event with the most sign-ups: its list shows the numbers, the
    # export's help text and the DSGVO button together.
    event = Project.objects.events().annotate(count=Count("signups")).order_by("-count").first()
    participants = f"/admin/participation/signup/?event__id__exact={event.pk}"
    pages = [
        "/admin/news/article/",
        "/admin/cities/city/",
        "/admin/partnership/partnership/",
        "/admin/partnership/project/",
        "/admin/participation/signup/",
        participants,
        f"/admin/news/article/{article.pk}/change/",
        f"/admin/partnership/partnership/{partnership.pk}/change/",
    ]
    too_wide = {}
    page = open_as("leiterin")
    for path in pages:
        page.goto(admin_site + path)
        overflowing = page.evaluate(
            """() => [document.documentElement, ...document.querySelectorAll(
                    '.results, fieldset, .inline-group')]
                .filter(el => el.scrollWidth > el.clientWidth + 1)
                .map(el => `${el.className || el.tagName} ${el.scrollWidth}>${el.clientWidth}`)"""
        )
        if overflowing:
            too_wide[path] = overflowing
    assert too_wide == {}
    assert event.signups.count() > 1


def test_participants_list_keeps_the_dsgvo_button_off_the_export_help(open_as, admin_site):
    event = Project.objects.events().annotate(count=Count("signups")).order_by("-count").first()
    page = open_as("leiterin")
    page.goto(admin_site + f"/admin/participation/signup/?event__id__exact={event.pk}")
    button = page.get_by_role("link", name="Anmeldungen einer Person (DSGVO)").bounding_box()
    help_text = page.locator(".participants-summary .help").bounding_box()
    overlaps = (
        button["x"] < help_text["x"] + help_text["width"]
        and help_text["x"] < button["x"] + button["width"]
        and button["y"] < help_text["y"] + help_text["height"]
        and help_text["y"] < button["y"] + button["height"]
    )
    assert not overlaps, (button, help_text)


def test_barometer_passes_axe_and_the_nu_checker_and_fits_the_screen(
    open_as, admin_site, axe_source, client, nu_errors, tmp_path
):
    page = open_as("leiterin")
    page.goto(admin_site + "/admin/")
    page.get_by_role("link", name="Wie lebendig jede Partnerschaft ist").click()
    expect(page.locator("h1")).to_have_text("Partnerschaftsbarometer")
    # The demo's figures are marked as such.
    expect(page.locator("#content-main")).to_contain_text("Beispieldaten")
    rows = page.locator("#barometer > tbody > tr")
    expect(rows).to_have_count(Partnership.objects.count())
    overflowing = page.evaluate(
        """() => [document.documentElement, document.querySelector('.barometer-table')]
            .filter(el => el.scrollWidth > el.clientWidth + 1)
            .map(el => `${el.className || el.tagName} ${el.scrollWidth}>${el.clientWidth}`)"""
    )
    violations = axe_violations(page, axe_source)

    client.force_login(get_user_model().objects.get(username="leiterin"))
    target = tmp_path / "barometer.html"
    target.write_bytes(client.get("/admin/barometer/").content)
    assert (violations, overflowing, nu_errors([str(target)])) == ([], [], [])

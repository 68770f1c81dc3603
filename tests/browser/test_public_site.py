"""Accessibility, keyboard use, privacy and layout of every public page type."""

from io import BytesIO
from unicodedata import east_asian_width
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import translate_url
from PIL import Image, ImageChops

from partnership.site.languages import language_of

from .conftest import PAGE_TYPES

pytestmark = pytest.mark.django_db

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's own advice beyond WCAG, such as one name per landmark of a kind.
AXE_TAGS = [*WCAG_AA, "best-practice"]
PHONE = {"width": 360, "height": 800}


def pages_in(language):
    """PAGE_TYPES in ``language``; the German-only pages are checked in German."""
    if language == settings.LANGUAGE_CODE:
        return PAGE_TYPES
    pages = {
        name: url
        for name, url in (
            (name, translate_url(path, language)) for name, path in PAGE_TYPES.items()
        )
        if language_of(url) == language
    }
    pages["not-found"] = f"/{language}/gibt-es-nicht/"
    return pages


def every_page():
    """Each page type in each served language: {"en: article": path}."""
    return {
        f"{code}: {name}": path
        for code, _name in settings.LANGUAGES
        for name, path in pages_in(code).items()
    }


def axe_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def test_no_axe_violations_on_any_page_type(csp_free_page, site, axe_source):
    failures = {}
    for name, path in every_page().items():
        csp_free_page.goto(site + path)
        violations = axe_violations(csp_free_page, axe_source)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_no_axe_violations_on_a_phone_with_the_menu_closed_and_open(
    csp_free_page, site, axe_source
):
    csp_free_page.set_viewport_size(PHONE)
    failures = {}
    for name in ("home", "search"):
        csp_free_page.goto(site + PAGE_TYPES[name])
        failures[f"{name}, closed"] = axe_violations(csp_free_page, axe_source)
        csp_free_page.locator(".site-menu__button").click()
        failures[f"{name}, open"] = axe_violations(csp_free_page, axe_source)
    assert {name: found for name, found in failures.items() if found} == {}


def test_axe_check_notices_a_planted_violation(csp_free_page, site, axe_source):
    csp_free_page.goto(site + "/")
    csp_free_page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt") for v in axe_violations(csp_free_page, axe_source))


def test_every_request_stays_on_the_site_and_no_cookie_is_set(page, site):
    origin = urlsplit(site).netloc
    foreign, csp_errors = [], []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url) if urlsplit(request.url).netloc != origin else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in PAGE_TYPES.values():
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    assert foreign == []
    assert csp_errors == []
    assert page.context.cookies() == []


def test_no_horizontal_scrolling_on_a_phone(page, site):
    page.set_viewport_size({"width": 360, "height": 800})
    too_wide = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[name] = width
    assert too_wide == {}


# The header's height without the demo's strip, which a city's site never shows.
HEADER_HEIGHT = """() => {
    const mark = document.querySelector('.demo-mark');
    return document.querySelector('.site-header').offsetHeight - (mark ? mark.offsetHeight : 0);
}"""


def test_the_header_stays_short_on_a_phone_and_its_menu_opens(page, site):
    page.set_viewport_size(PHONE)
    too_tall = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site + path)
        height = page.evaluate(HEADER_HEIGHT)
        if height > 120:
            too_tall[name] = height
        assert not page.locator(".site-nav").is_visible(), name
    assert too_tall == {}
    # The languages take one row even where the page is missing in the
    # others, whose entries are then sentences.
    page.goto(site + PAGE_TYPES["sign-language"])
    assert page.locator(".language-nav a[hreflang='en']").get_attribute("href") == "/en/"
    assert page.evaluate("document.querySelector('.language-nav').offsetHeight") <= 30
    page.goto(site + "/")
    page.locator(".site-menu__button").click()
    assert page.locator(".site-nav a:text('Partnerstädte')").is_visible()
    assert page.locator("#site-search-q").is_visible()


def test_the_phone_menu_opens_with_the_keyboard_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.focus(".site-menu__button")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aktuelles"
    page.keyboard.press("Enter")
    page.wait_for_url("**/aktuelles/")
    context.close()


def test_on_a_wide_screen_menu_and_search_show_without_the_button(page, site):
    page.goto(site + "/")
    assert not page.locator(".site-menu__button").is_visible()
    assert page.locator(".site-nav a:text('Mitmachen')").is_visible()
    assert page.locator("#site-search-q").is_visible()
    # The menu, and below it the search, beside the name: two rows at most.
    assert page.evaluate(HEADER_HEIGHT) < 200


# Each word of a heading, and the offsets within it after which a line ends.
HEADING_LINE_BREAKS = r"""() => {
    const found = [];
    const headings = document.querySelectorAll(
        'main h1, main h2, main h3, .card__title, .timeline__title');
    for (const heading of headings) {
        if (!heading.getClientRects().length) continue;
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.data;
            const range = document.createRange();
            for (const match of text.matchAll(/\S+/g)) {
                let lastTop = null;
                const breaks = [];
                for (let i = 0; i < match[0].length; i++) {
                    range.setStart(node, match.index + i);
                    range.setEnd(node, match.index + i + 1);
                    // A letter that starts a line may leave an empty box on the last.
                    const rect = [...range.getClientRects()].filter(r => r.width > 0).pop();
                    if (!rect) continue;
                    if (lastTop !== null && rect.top > lastTop + 2) breaks.push(i);
                    lastTop = rect.top;
                }
                if (breaks.length) found.push({word: match[0], breaks});
            }
        }
    }
    return found;
}"""


def test_headings_break_only_at_hyphenation_points_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    wrong = {}
    for name, path in every_page().items():
        page.goto(site + path)
        for found in page.evaluate(HEADING_LINE_BREAKS):
            word, breaks = found["word"], found["breaks"]
            # A line may end after a soft hyphen (U+00AD) or a hyphen of the
            # word, and between Japanese characters, as Japanese text wraps.
            bad = [
                i
                for i in breaks
                if word[i - 1] not in "\u00ad-–/"
                and not {east_asian_width(word[i - 1]), east_asian_width(word[i])} & {"W", "F"}
            ]
            if bad:
                pieces = zip([0, *bad], [*bad, None], strict=True)
                wrong.setdefault(name, []).append("|".join(word[a:b] for a, b in pieces))
    assert wrong == {}


def test_map_labels_are_readable_and_cities_easy_to_tap_on_a_phone(page, site):
    sizes = """() => [...document.querySelectorAll('.partner-map a')].map(link => {
        const label = link.querySelector('text');
        const scale = label.ownerSVGElement.getScreenCTM().a;
        const box = link.getBoundingClientRect();
        return [label.textContent, parseFloat(getComputedStyle(label).fontSize) * scale,
                box.width, box.height];
    })"""
    too_small = []
    for width in (320, 360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for path in ("/", "/partnerschaften/"):
            page.goto(site + path)
            cities = page.evaluate(sizes)
            assert len(cities) == 6
            too_small += [
                (width, path, *city)
                for city in cities
                if city[1] < 12 or city[2] < 24 or city[3] < 24
            ]
    assert too_small == []


def test_the_coastline_file_lands_exactly_where_the_same_drawing_inline_would(page, site):
    files = []
    page.on(
        "response", lambda response: files.append(response) if "/karte/" in response.url else None
    )
    page.goto(site + "/")
    page.wait_for_load_state("networkidle")
    assert [(file.status, file.headers["content-type"]) for file in files] == [
        (200, "image/svg+xml")
    ]
    svg = page.locator(".partner-map svg")
    from_file = Image.open(BytesIO(svg.screenshot())).convert("RGB")
    # The map as it was drawn before the coastlines became a file: their path inline.
    page.evaluate(
        """async () => {
            const image = document.querySelector('.partner-map image');
            const text = await (await fetch(image.getAttribute('href'))).text();
            const file = new DOMParser().parseFromString(text, 'image/svg+xml');
            const path = document.importNode(file.querySelector('path'), true);
            path.setAttribute('clip-path', image.getAttribute('clip-path'));
            image.replaceWith(path);
        }"""
    )
    inline = Image.open(BytesIO(svg.screenshot())).convert("RGB")
    land = (0xD9, 0xDC, 0xD3)
    colours = {colour: count for count, colour in from_file.getcolors(maxcolors=1 << 24)}
    assert colours.get(land, 0) > 10_000
    assert ImageChops.difference(from_file, inline).getbbox() is None


def test_search_buttons_keep_a_border_in_forced_colours(page, site):
    page.emulate_media(forced_colors="active")
    page.goto(site + PAGE_TYPES["search"])
    borders = page.evaluate(
        """() => [...document.querySelectorAll('form[role=search] button')].map(button => {
            const style = getComputedStyle(button);
            return [style.borderTopStyle, parseFloat(style.borderTopWidth)];
        })"""
    )
    assert borders == [["solid", 2.0], ["solid", 2.0]]


def test_the_language_switcher_fits_a_small_phone_in_every_language(page, site):
    # The page that is missing in every language has the longest entries.
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = {}
    for code, _name in settings.LANGUAGES:
        for name in ("home", "not-found"):
            page.goto(site + pages_in(code)[name])
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[f"{code}: {name}"] = width
    assert too_wide == {}


def test_the_language_switcher_leads_to_the_same_page_by_keyboard(page, site):
    page.goto(site + "/staedte/tsukuba/")
    page.focus(".language-nav a[hreflang='en']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/cities/tsukuba/")
    assert page.evaluate("document.documentElement.lang") == "en"
    current = page.locator(".language-nav a[aria-current='page']")
    assert current.get_attribute("hreflang") == "en"


def test_skip_link_comes_first_and_moves_focus_to_the_content(page, site):
    page.goto(site + "/aktuelles/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Inhalt springen"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_keyboard_reaches_the_menu_with_visible_focus_and_no_trap(page, site):
    page.goto(site + "/")
    seen, menu = [], set()
    for _ in range(80):
        page.keyboard.press("Tab")
        element = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {
                    key: el.outerHTML.slice(0, 120),
                    text: el.textContent.trim(),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                    inNav: !!el.closest('.site-nav'),
                    tag: el.tagName,
                };
            }"""
        )
        if element["tag"] == "BODY":
            break
        assert element["outline"], f"no visible focus on {element['key']}"
        if element["inNav"]:
            menu.add(element["text"])
        seen.append(element["key"])
    assert {"Aktuelles", "Partnerstädte", "Partnerschaften", "Mitmachen"} <= menu
    # Focus moved on at every step: nothing holds it.
    assert len(set(seen)) > 20


def test_menu_link_opens_with_the_keyboard(page, site):
    page.goto(site + "/")
    page.focus(".site-nav a:text('Partnerstädte')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staedte/")
    assert page.locator("h1").inner_text() == "Partnerstädte"


def test_nu_html_checker_finds_no_errors(client, site, nu_errors, tmp_path):
    files = []
    for name, path in every_page().items():
        # A page in another language may live at its translated slug, to
        # which the German one redirects.
        response = client.get(path, follow=True)
        assert response.status_code in (200, 404), (name, response.status_code)
        target = tmp_path / f"{name.replace(': ', '-')}.html"
        target.write_bytes(response.content)
        files.append(str(target))
    assert nu_errors(files) == []


def test_city_profile_prints_without_navigation(page, site):
    page.goto(site + "/staedte/tsukuba/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.site-header', '.site-footer', '.breadcrumbs', '.skip-link']
            .map(selector => getComputedStyle(document.querySelector(selector)).display)"""
    )
    assert hidden == ["none"] * 4
    assert page.locator("h1").is_visible()
    assert page.locator(".fact-box").is_visible()


# Every kind of page with a contact card in the demo, in German and English.
# The list of events shows none: each event's page has its contact.
CONTACT_PAGES = [
    "/partnerschaften/donezk/",
    "/staedte/donezk/",
    "/staedte/bochum/",
    "/en/partnerships/donezk/",
]


def test_contact_cards_pass_axe_and_fit_a_320_pixel_phone(
    csp_free_page, site, axe_source, client, nu_errors, tmp_path
):
    failures, too_wide, files = {}, {}, []
    csp_free_page.set_viewport_size({"width": 320, "height": 800})
    for number, path in enumerate(CONTACT_PAGES):
        response = csp_free_page.goto(site + path)
        assert response.ok, path
        assert csp_free_page.locator(".contact-card").count(), path
        violations = axe_violations(csp_free_page, axe_source)
        if violations:
            failures[path] = violations
        width = csp_free_page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
        target = tmp_path / f"contacts-{number}.html"
        target.write_bytes(client.get(path, follow=True).content)
        files.append(str(target))
    assert (failures, too_wide, nu_errors(files)) == ({}, {}, [])

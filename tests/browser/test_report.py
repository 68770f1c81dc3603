"""
The council's yearly report in Chromium, on the demo data: accessible, valid,
and printed to PDF on A4 with a page per partnership, the city's name atop
every page and the pages numbered.
"""

import unicodedata
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from partnership.models import Partnership
from partnership.site.models import SiteSettings

from .test_admin import PASSWORD, log_in
from .test_public_site import axe_violations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

A4_POINTS = (595, 842)


@pytest.fixture
def report_page(browser, site):
    """The report of the running year, opened by a logged-in administrator."""
    get_user_model().objects.create_superuser("berichterin", password=PASSWORD)
    page = log_in(browser, site, "berichterin")
    url = site + reverse("barometer:report", kwargs={"year": timezone.localdate().year})
    response = page.goto(url)
    assert response.status == 200
    yield page, response
    page.context.close()


def test_report_passes_axe_and_the_nu_checker(report_page, axe_source, nu_errors, tmp_path):
    page, response = report_page
    target = tmp_path / "report.html"
    target.write_bytes(response.body())

    assert axe_violations(page, axe_source) == []
    assert nu_errors([str(target)]) == []


def test_report_form_passes_axe_and_leads_to_the_report(report_page, site, axe_source):
    page, _response = report_page
    page.goto(site + reverse("barometer:report-form"))

    assert axe_violations(page, axe_source) == []
    page.get_by_role("button", name="Bericht zeigen").click()
    # Last year is chosen to begin with.
    last_year = timezone.localdate().year - 1
    assert page.locator("h1").inner_text() == f"Jahresbericht Städtepartnerschaften {last_year}"


def page_texts(pdf):
    # Chromium sets "ff" and "ffi" as ligatures; NFKC reads them as letters again.
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in pdf.pages]


def test_report_prints_a_page_per_partnership_with_header_and_page_numbers(report_page):
    page, _response = report_page
    city = SiteSettings.objects.get().city_name
    names = [
        p.partner_city.name
        for p in Partnership.objects.filter(established_year__lte=timezone.localdate().year)
    ]

    pdf = PdfReader(
        BytesIO(page.pdf(format="A4", print_background=False, display_header_footer=False))
    )

    texts = page_texts(pdf)
    count = len(texts)
    assert count > len(names)
    assert "Beispieldaten" in texts[0]
    for number, (text, pdf_page) in enumerate(zip(texts, pdf.pages, strict=True), start=1):
        lines = text.splitlines()
        assert city in lines, number
        assert f"{number} / {count}" in lines, number
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1)
    # What each page begins with, below the running header and the page number.
    openings = [
        next(line for line in text.splitlines() if line not in (city, f"{n} / {count}"))
        for n, text in enumerate(texts, start=1)
    ]
    assert [opening for opening in openings if opening in names] == names
    # A page holding only a later part of a partnership still says whose it is,
    # in a heading of its own (the partner city, or "city: part").
    title = f"Jahresbericht Städtepartnerschaften {timezone.localdate().year}"
    for number, text in enumerate(texts, start=1):
        headings = [
            line
            for line in text.splitlines()
            if line == title or any(line == name or line.startswith(f"{name}: ") for name in names)
        ]
        assert headings, number


def test_report_keeps_dates_on_one_line(report_page):
    page, _response = report_page

    heights = page.locator(".report-partnership td time").evaluate_all(
        "times => times.map(time => time.getClientRects().length)"
    )

    assert heights
    assert set(heights) == {1}

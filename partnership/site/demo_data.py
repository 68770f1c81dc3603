"""
The demo content itself: Bochum and its five partner cities as they stood at
the end of 2019, their partnerships, projects, articles and legal pages.
partnership/site/demo.py loads it. Dates of coming events are computed, so
that the demo always has something ahead.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from core.dates import DatePrecision
from news.models import Article
from partnership.models import Partnership, Project

from .models import LegalPage

CITIES = [
    {
        "slug": "bochum",
        "name": "Bochum",
        "country": "DE",
        "region": "Nordrhein-Westfalen",
        "is_home": True,
        "latitude": "51.48165",
        "longitude": "7.21648",
        "website": "https://www.bochum.de/",
        "summary": (
            "Bochum pflegt Partnerschaften mit Städten in Europa und Asien – von der "
            "traditionellen Städtepartnerschaft mit Sheffield seit 1950 bis zur "
            "Partnerschaft der Wissensstädte mit Tsukuba seit 2019."
        ),
        "description": (
            "<p>Aus der Industriestadt ist eine Wissens- und Universitätsstadt geworden. "
            "Dieses neue Selbstverständnis prägt auch die Wahl der Partnerstädte: Neben "
            "den gewachsenen Verbindungen nach England, Spanien, in die Ukraine und nach "
            "Thüringen sucht Bochum heute gezielt den Austausch mit anderen "
            "Universitätsstädten.</p>"
        ),
        "focus_topics": "Wissenschaft\nHochschulen\nInnovation",
    },
    {
        "slug": "sheffield",
        "name": "Sheffield",
        "country": "GB",
        "region": "England",
        "latitude": "53.38297",
        "longitude": "-1.46590",
        "summary": "Die älteste Partnerstadt Bochums, verbunden seit 1950.",
        "description": (
            "<p>Der Austausch mit Sheffield lebt heute vor allem von Besuchen von Musik- "
            "und Theatergruppen sowie von Schülerinnen und Schülern. Zwischen den "
            "Stadtspitzen gibt es derzeit nur wenig Kontakt.</p>"
        ),
    },
    {
        "slug": "oviedo",
        "name": "Oviedo",
        "country": "ES",
        "region": "Asturien",
        "latitude": "43.36029",
        "longitude": "-5.84476",
        "summary": "Die Hauptstadt Asturiens im Norden Spaniens, Partnerstadt seit 1983.",
        "description": (
            "<p>Wie mit Sheffield läuft die Partnerschaft mit Oviedo auf kleiner Flamme: "
            "Kultur- und Schülergruppen besuchen sich gegenseitig, die Verwaltungen "
            "stehen kaum in Verbindung.</p>"
        ),
    },
    {
        "slug": "donezk",
        "name": "Donezk",
        "country": "UA",
        "region": "Oblast Donezk",
        "latitude": "48.02300",
        "longitude": "37.80224",
        "summary": "Partnerstadt seit 1987; der Austausch ist seit der Besetzung ausgesetzt.",
        "description": (
            "<p>Donezk liegt in dem Teil der Ukraine, den prorussische Separatisten "
            "besetzt halten. Begegnungen sind nicht mehr möglich. Der "
            "Partnerschaftsverein hält die Verbindung mit großem Einsatz über "
            "Hilfslieferungen aufrecht.</p>"
        ),
    },
    {
        "slug": "nordhausen",
        "name": "Nordhausen",
        "country": "DE",
        "region": "Thüringen",
        "latitude": "51.50180",
        "longitude": "10.79570",
        "summary": "Die lebendigste der Bochumer Partnerschaften, seit 1990.",
        "description": (
            "<p>Mit der thüringischen Stadt Nordhausen ist der Austausch besonders rege: "
            "Vereine, Schulen und Verwaltung besuchen sich regelmäßig.</p>"
        ),
    },
    {
        "slug": "tsukuba",
        "name": "Tsukuba",
        "country": "JP",
        "region": "Präfektur Ibaraki",
        "latitude": "36.08333",
        "longitude": "140.11667",
        "population": 250_000,
        "population_year": 2019,
        "founded": "1960er Jahre, als „Stadt der Wissenschaft“",
        "summary": (
            "Die japanische Wissenschaftsstadt ist seit dem 25. November 2019 Bochums "
            "jüngste Partnerstadt."
        ),
        "description": (
            "<p>Tsukuba wurde in den 1960er Jahren eigens als Stadt der Wissenschaft "
            "geplant. Heute forscht man dort an Schlüsseltechnologien – von der Robotik "
            "über Künstliche Intelligenz und Gesundheitstechnologie bis zur Raumfahrt.</p>"
        ),
        "key_facts": (
            "8.000 promovierte Wissenschaftler\nForschungsstandort für Schlüsseltechnologien"
        ),
        "focus_topics": "Robotik\nKünstliche Intelligenz\nGesundheitstechnologie\nRaumfahrt",
    },
]

COOPERATION_AREAS = [
    ("Digitalisierung städtischer Einrichtungen", "Verwaltung und Einrichtungen der Städte."),
    ("Hochschulen und Wissenschaft", "Austausch zwischen Universitäten und Forschung."),
    ("Förderung von Startups", "Gründerinnen und Gründer beider Städte vernetzen."),
    ("Stadtentwicklung", "Wie Wissensstädte wachsen und sich verändern."),
    ("Hochtechnologie-Unternehmen", "Firmen, die Hochtechnologie erforschen und anwenden."),
]

# Contact data is recognisably made up: the domain "bochum.example", the
# number 0234 000000-…, the street "Beispielstraße" and a bank code of zeros
# (the IBAN's check digits are valid, so the form accepts it).
OFFICE = "Büro für Städtepartnerschaften"
DONEZK_ASSOCIATION = "Partnerschaftsverein Bochum–Donezk"
CONTACTS = [
    {
        "name": OFFICE,
        "role": "Anmeldung und Fragen zu Begegnungen und Reisen",
        "address": "Stadt Bochum\nBüro für Städtepartnerschaften\nBeispielstraße 1\n44787 Bochum",
        "phone": "0234 000000-0",
        "email": "partnerschaften@bochum.example",
        "opening_hours": "Montag bis Donnerstag 9 bis 15 Uhr, Freitag 9 bis 12 Uhr",
        "cities": ["bochum"],
    },
    {
        "name": DONEZK_ASSOCIATION,
        "role": "Sammelstelle für Hilfsgüter und Spenden",
        "address": "Beispielweg 12\n44787 Bochum",
        "phone": "0234 000000-12",
        "email": "verein-donezk@bochum.example",
        "opening_hours": (
            "Sammelstelle im Hof, Beispielweg 12: samstags 10 bis 13 Uhr. "
            "Gebraucht werden haltbare Lebensmittel, Hygieneartikel und Verbandsmaterial."
        ),
        "account_holder": "Partnerschaftsverein Bochum–Donezk e. V. (Beispiel)",
        "iban": "DE13000000000000012345",
        "donation_purpose": "Hilfslieferung Donezk",
        "cities": ["donezk"],
    },
]

LOW_ACTIVITY = "Begegnungen von Kultur- und Schülergruppen, kaum Kontakt der Stadtspitzen."
# The seed knows only the year these partnerships began.
YEAR_1950 = (date(1950, 1, 1), DatePrecision.YEAR)
YEAR_1983 = (date(1983, 1, 1), DatePrecision.YEAR)
YEAR_1987 = (date(1987, 1, 1), DatePrecision.YEAR)
YEAR_1990 = (date(1990, 1, 1), DatePrecision.YEAR)

PARTNERSHIPS = [
    {
        "partner": "sheffield",
        "established_year": 1950,
        "status": Partnership.Status.ACTIVE,
        "status_note": LOW_ACTIVITY,
        "summary": "Bochums erste Städtepartnerschaft, geschlossen 1950.",
        "history": [(YEAR_1950, Partnership.Status.ACTIVE, "Partnerschaft geschlossen.")],
    },
    {
        "partner": "oviedo",
        "established_year": 1983,
        "status": Partnership.Status.ACTIVE,
        "status_note": LOW_ACTIVITY,
        "summary": "Partnerschaft mit der asturischen Hauptstadt seit 1983.",
        "history": [(YEAR_1983, Partnership.Status.ACTIVE, "Partnerschaft geschlossen.")],
    },
    {
        "partner": "donezk",
        "established_year": 1987,
        "status": Partnership.Status.SUSPENDED,
        "status_note": "Austausch zum Erliegen gekommen; der Verein organisiert Hilfslieferungen.",
        "summary": "Seit 1987 verbunden, seit 2014 ohne Begegnungen.",
        "association": DONEZK_ASSOCIATION,
        "history": [
            (
                (date(1987, 1, 1), DatePrecision.YEAR),
                Partnership.Status.ACTIVE,
                "Partnerschaft geschlossen.",
            ),
            (
                (date(2014, 6, 1), DatePrecision.MONTH),
                Partnership.Status.SUSPENDED,
                "Nach der Besetzung durch prorussische Separatisten kommt der Austausch "
                "zum Erliegen.",
            ),
        ],
    },
    {
        "partner": "nordhausen",
        "established_year": 1990,
        "status": Partnership.Status.ACTIVE,
        "status_note": "Besonders reger Austausch.",
        "summary": "Die lebendigste Partnerschaft Bochums, seit 1990.",
        "history": [(YEAR_1990, Partnership.Status.ACTIVE, "Partnerschaft geschlossen.")],
    },
    {
        "partner": "tsukuba",
        "kind": Partnership.Kind.TWIN_TOWN,
        "established_year": 2019,
        "established_on": date(2019, 11, 25),
        "status": Partnership.Status.ACTIVE,
        "summary": (
            "Die erste Partnerschaft Bochums mit einer reinen Universitätsstadt: "
            "Wissenschaft, Forschung und hochschulnahe Wirtschaft stehen im Mittelpunkt."
        ),
        "description": (
            "<p>Am 25. November 2019 unterzeichneten beide Städte die "
            "Partnerschaftsvereinbarung. Für Bochum markiert der Tag den Wandel von der "
            "Industrie- zur Wissensstadt.</p>"
        ),
        "history": [
            (
                (date(2019, 5, 1), DatePrecision.MONTH),
                Partnership.Status.PLANNED,
                "Beide Städte kündigen an, noch 2019 eine Partnerschaft zu vereinbaren.",
            ),
            (
                (date(2019, 11, 25), DatePrecision.DAY),
                Partnership.Status.ACTIVE,
                "Vereinbarung unterzeichnet.",
            ),
        ],
        "ties": [
            (
                "Ruhr-Universität Bochum",
                "Universität Tsukuba",
                2016,
                "Austausch zu Innovation, Forschung, Standortentwicklung und Wissensarbeit.",
            )
        ],
        "agreement": {
            "title": "Partnerschaftsvereinbarung Bochum – Tsukuba",
            "signed_on": date(2019, 11, 25),
            "place": "Japan",
            "summary": (
                "Beide Städte wollen konkrete Kooperationsprojekte anstoßen, in fünf "
                "Feldern von der Digitalisierung bis zur Hochtechnologie."
            ),
        },
    },
]


PAGES = [
    {
        "kind": LegalPage.Kind.IMPRINT,
        "title": "Impressum",
        "body": (
            "<h2>Anbieterin</h2>"
            "<p>Stadt Bochum<br>vertreten durch den Oberbürgermeister<br>"
            "Willy-Brandt-Platz 2–6<br>44777 Bochum</p>"
            "<h2>Verantwortlich für den Inhalt</h2>"
            "<p>Presse- und Informationsamt der Stadt Bochum, Büro für "
            "Städtepartnerschaften (Anschrift wie oben)</p>"
            "<h2>Kontakt</h2>"
            '<p>E-Mail: <a href="mailto:partnerschaften@example.org">'
            "partnerschaften@example.org</a></p>"
            "<p>Die Stadt Bochum ist eine Körperschaft des öffentlichen Rechts. "
            "Umsatzsteuer-Identifikationsnummer und Aufsichtsbehörde tragen Sie vor dem "
            "Betrieb hier ein.</p>"
        ),
    },
    {
        "kind": LegalPage.Kind.PRIVACY,
        "title": "Datenschutzerklärung",
        "body": (
            "<h2>Das Wichtigste in Kürze</h2>"
            "<p>Diese Website setzt beim Lesen keine Cookies, bindet nichts von anderen "
            "Anbietern ein (keine Schriften, Karten, Videos oder Statistikdienste) und "
            "gibt keine Daten an Dritte weiter.</p>"
            "<h2>Server-Protokolle</h2>"
            "<p>Beim Aufruf einer Seite verarbeitet der Webserver technisch notwendige Daten "
            "(IP-Adresse, Zeitpunkt, aufgerufene Adresse), um die Seite auszuliefern und "
            "Angriffe abzuwehren (Art. 6 Abs. 1 lit. e DSGVO). In die Protokolle gelangt "
            "die IP-Adresse nur gekürzt (bei IPv4 ohne die letzte Zahl, bei IPv6 nur die "
            "ersten drei Blöcke), sodass sie keinem einzelnen Anschluss zugeordnet werden "
            "kann. Die Protokolle werden nach sieben Tagen gelöscht.</p>"
            "<h2>Anmeldung der Redaktion</h2>"
            "<p>Fehlgeschlagene Anmeldeversuche werden mit Benutzername und IP-Adresse zum "
            "Schutz vor Angriffen gespeichert und nach 90 Tagen gelöscht.</p>"
            "<h2>Ihre Rechte</h2>"
            "<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung "
            "der Verarbeitung sowie auf Beschwerde bei der Landesbeauftragten für "
            "Datenschutz und Informationsfreiheit Nordrhein-Westfalen.</p>"
        ),
    },
    {
        "kind": LegalPage.Kind.ACCESSIBILITY,
        "title": "Erklärung zur Barrierefreiheit",
        "body": (
            "<p>Die Stadt Bochum ist bemüht, diese Website im Einklang mit dem "
            "Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW) und der "
            "Barrierefreie-Informationstechnik-Verordnung NRW barrierefrei zugänglich zu "
            "machen.</p>"
        ),
        "conformity": LegalPage.Conformity.PARTIAL,
        "known_limitations": (
            "<ul><li>Ältere PDF-Dokumente von Partnerschaftsvereinbarungen sind nicht "
            "durchgehend barrierefrei. Auf Anfrage senden wir den Inhalt in zugänglicher "
            "Form.</li><li>Das Gebärdensprachvideo hat noch keine Untertitel.</li></ul>"
        ),
        "feedback_contact": (
            "Büro für Städtepartnerschaften\nE-Mail: partnerschaften@example.org\n"
            "Wir antworten innerhalb von sechs Wochen."
        ),
        "enforcement": (
            "<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, "
            "können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des "
            "Landes Nordrhein-Westfalen bei der oder dem Landesbehindertenbeauftragten "
            "wenden. Das Schlichtungsverfahren ist kostenlos; Sie brauchen keinen "
            "Rechtsbeistand.</p>"
        ),
        "last_reviewed": date(2026, 11, 1),
    },
    {
        "kind": LegalPage.Kind.PLAIN_LANGUAGE,
        "title": "Leichte Sprache",
        "body": (
            "<p>Bochum ist eine Stadt in Deutschland.</p>"
            "<p>Bochum hat Freundschaft mit anderen Städten.<br>"
            "Das nennt man: Städte-Partnerschaft.</p>"
            "<p>Die Partner-Städte von Bochum sind:</p>"
            "<ul><li>Sheffield in England</li><li>Oviedo in Spanien</li>"
            "<li>Donezk in der Ukraine</li><li>Nordhausen in Thüringen</li>"
            "<li>Tsukuba in Japan</li></ul>"
            "<p>Menschen aus den Städten besuchen sich.<br>"
            "Sie lernen voneinander.</p>"
            "<p>Auf dieser Seite gibt es Nachrichten über die Partner-Städte.</p>"
        ),
    },
    {
        "kind": LegalPage.Kind.SIGN_LANGUAGE,
        "title": "Gebärdensprache",
        "body": (
            "<p>Hier erklären wir die Website in Deutscher Gebärdensprache. Das Video "
            "stellt die Redaktion bereit; bis dahin finden Sie die Inhalte in Leichter "
            "Sprache.</p>"
        ),
        "video_description": (
            "Eine Gebärdensprachdolmetscherin erklärt, was Städtepartnerschaften sind und "
            "was Sie auf dieser Website finden."
        ),
    },
]


def articles():
    now = timezone.now()
    local = timezone.get_current_timezone()
    next_anniversary = datetime.combine(date(now.year, 11, 25), time(10), tzinfo=local)
    if next_anniversary <= now:
        next_anniversary = next_anniversary.replace(year=now.year + 1)
    return [
        {
            "slug": "staedtepartnerschaft-der-wissensstaedte",
            "title": "Städtepartnerschaft der Wissensstädte",
            "publish_at": datetime(2019, 12, 3, 9, 0, tzinfo=local),
            "status": Article.Status.PUBLISHED,
            "teaser": (
                "Am 25.11.2019 hat Bochum zum ersten Mal eine Partnerschaft mit einer reinen "
                "Universitätsstadt geschlossen: mit Tsukuba in Japan."
            ),
            "body": (
                "<p>Mit der Unterschrift unter die Vereinbarung mit Tsukuba am 25. November "
                "2019 hat Bochum ein neues Kapitel aufgeschlagen. Zum ersten Mal verbindet "
                "sich die Stadt mit einer Partnerin, die ganz von Hochschulen und Forschung "
                "lebt – ein Zeichen dafür, wie weit der Weg von der Industrie- zur "
                "Wissensstadt schon geführt hat.</p>"
                "<h2>Konkrete Projekte als Ziel</h2>"
                "<p>In der letzten Novemberwoche reiste eine Delegation aus Wissenschaft, "
                "Wirtschaft, Politik und Verwaltung nach Japan, um die Vereinbarung zu "
                "unterzeichnen und erste gemeinsame Vorhaben zu besprechen. Fünf Felder "
                "stehen im Mittelpunkt:</p>"
                "<ul><li>die Digitalisierung städtischer Einrichtungen,</li>"
                "<li>noch engere Verbindungen zwischen den Hochschulen,</li>"
                "<li>die Förderung von Startups in beiden Städten,</li>"
                "<li>die Stadtentwicklung zweier Wissensstädte und</li>"
                "<li>die Zusammenarbeit von Unternehmen, die Hochtechnologie erforschen und "
                "anwenden.</li></ul>"
                "<h2>Partnerin auf Augenhöhe</h2>"
                "<p>Tsukuba entstand in den 1960er Jahren als geplante Stadt der "
                "Wissenschaft. Von ihren rund 250.000 Einwohnerinnen und Einwohnern sind "
                "8.000 promovierte Wissenschaftler. Geforscht wird dort an "
                "Schlüsseltechnologien wie Robotik, Künstlicher Intelligenz, "
                "Gesundheitstechnologie und Raumfahrt.</p>"
            ),
            "byline": "Presseamt",
            "categories": ["Partnerschaften"],
            "cities": ["tsukuba", "bochum"],
            "partnerships": ["tsukuba"],
            "areas": [name for name, _description in COOPERATION_AREAS],
            "image_of": "tsukuba",
        },
        {
            "slug": "staedtepartnerschaft-bochum-tsukuba",
            "title": "Städtepartnerschaft Bochum – Tsukuba",
            "publish_at": datetime(2019, 5, 26, 9, 0, tzinfo=local),
            "status": Article.Status.PUBLISHED,
            "teaser": (
                "Noch in diesem Jahr wollen Bochum und Tsukuba eine Städtepartnerschaft "
                "schließen – mit Wissenschaft, Forschung und hochschulnaher Wirtschaft im "
                "Mittelpunkt."
            ),
            "body": (
                "<p>Bochum und die japanische Stadt Tsukuba haben angekündigt, noch 2019 "
                "Partnerstädte zu werden. Anders als bei den klassischen Partnerschaften, "
                "die auf Kulturaustausch und Völkerverständigung setzen, soll es vor allem "
                "um Wissenschaft, Forschung und hochschulnahe Wirtschaft gehen.</p>"
                "<h2>Vier gewachsene Partnerschaften</h2>"
                "<p>Bisher hat Bochum vier Partnerstädte: Sheffield in England, Oviedo in "
                "Spanien, Donezk in der Ukraine und Nordhausen in Thüringen. Am lebendigsten "
                "ist der Austausch mit Nordhausen. Mit Donezk, das in dem von prorussischen "
                "Separatisten besetzten Gebiet liegt, sind Begegnungen nicht mehr möglich; "
                "der Partnerschaftsverein konzentriert sich mit viel Einsatz auf "
                "Hilfslieferungen. Mit Sheffield und Oviedo besuchen sich vor allem Musik- "
                "und Theatergruppen sowie Schulklassen, während die Stadtspitzen kaum in "
                "Kontakt stehen.</p>"
                "<h2>Die Wissensstadt Tsukuba</h2>"
                "<p>Schon seit 2016 arbeiten die Universität Tsukuba und die "
                "Ruhr-Universität eng zusammen. Daraus ist ein wachsender Austausch über "
                "Innovation, Forschung, Standortentwicklung und die Förderung von "
                "Wissensarbeit entstanden, den die Städtepartnerschaft vertiefen soll.</p>"
            ),
            "byline": "Presseamt",
            "categories": ["Partnerschaften"],
            "cities": ["tsukuba", "sheffield", "oviedo", "donezk", "nordhausen"],
            "partnerships": ["tsukuba", "nordhausen", "donezk"],
            "areas": ["Hochschulen und Wissenschaft"],
            "image_of": "bochum",
        },
        {
            "slug": "begegnungen-mit-nordhausen",
            "title": "Begegnungen mit Nordhausen: ein Rückblick",
            "publish_at": now,
            "status": Article.Status.DRAFT,
            "body": (
                "<p>Entwurf: Sammlung der Begegnungen mit Nordhausen aus dem letzten Jahr – "
                "Vereine, Schulen und Verwaltung.</p>"
            ),
            "byline": "Presseamt",
            "categories": ["Begegnungen"],
            "cities": ["nordhausen"],
            "partnerships": ["nordhausen"],
        },
        {
            "slug": "jahrestag-der-partnerschaft-mit-tsukuba",
            "title": "Jahrestag der Partnerschaft mit Tsukuba",
            "publish_at": next_anniversary,
            "status": Article.Status.PUBLISHED,
            "teaser": (
                "Am 25. November jährt sich die Unterzeichnung der Partnerschaft mit Tsukuba."
            ),
            "body": (
                "<p>Am 25. November 2019 unterschrieben Bochum und Tsukuba ihre "
                "Partnerschaftsvereinbarung. Zum Jahrestag blicken wir auf die gemeinsamen "
                "Vorhaben in Wissenschaft, Stadtentwicklung und Wirtschaft.</p>"
            ),
            "byline": "Presseamt",
            "categories": ["Partnerschaften"],
            "cities": ["tsukuba"],
            "partnerships": ["tsukuba"],
        },
    ]


def projects():
    today = timezone.localdate()
    return [
        {
            "partner": "tsukuba",
            "title": "Delegationsreise zur Unterzeichnung nach Japan",
            "kind": Project.Kind.DELEGATION,
            "start_date": date(2019, 11, 25),
            "description": (
                "<p>Vertreterinnen und Vertreter aus Wissenschaft, Wirtschaft, Politik und "
                "Verwaltung unterzeichnen die Vereinbarung und besprechen erste Projekte.</p>"
            ),
        },
        {
            "partner": "nordhausen",
            "title": "Bürgerfahrt nach Nordhausen",
            "kind": Project.Kind.CITIZENS,
            "start_date": today + timedelta(days=40),
            "end_date": today + timedelta(days=42),
            "description": "<p>Ein Wochenende in der Partnerstadt, mit Stadtführung.</p>",
            "contact": OFFICE,
        },
        {
            "partner": "sheffield",
            "title": "Schüleraustausch mit Sheffield",
            "kind": Project.Kind.SCHOOL,
            "start_date": today + timedelta(days=90),
            "end_date": today + timedelta(days=100),
            "description": "<p>Gastfamilien für zehn Tage gesucht.</p>",
            "contact": OFFICE,
        },
        {
            "partner": "donezk",
            "title": "Sammelaktion für die nächste Hilfslieferung",
            "kind": Project.Kind.AID,
            "start_date": today + timedelta(days=14),
            "description": (
                "<p>Der Partnerschaftsverein nimmt Sach- und Geldspenden entgegen: "
                "Sachspenden an der Sammelstelle, Geld auf das Spendenkonto.</p>"
            ),
            "contact": DONEZK_ASSOCIATION,
        },
        {
            "partner": "tsukuba",
            "title": "Online-Treffen der Startups aus Bochum und Tsukuba",
            "kind": Project.Kind.BUSINESS,
            "start_date": today + timedelta(days=60),
            "area": "Förderung von Startups",
            "description": "<p>Gründerinnen und Gründer stellen sich gegenseitig vor.</p>",
            "contact": OFFICE,
        },
    ]


# Free pages, parents before their children; contact data recognisably invented.
FREE_PAGES = [
    {
        "title": "Partnerschaftsvereine",
        "slug": "partnerschaftsvereine",
        "section": "mitmachen",
        "menu": "hauptmenue",
        "menu_order": 10,
        "body": (
            "<p>Getragen werden die Partnerschaften nicht allein vom Rathaus. In Vereinen "
            "halten Bochumerinnen und Bochumer den Kontakt zu den Menschen in den "
            "Partnerstädten, oft seit Jahrzehnten: Sie organisieren Besuche, vermitteln "
            "Gastfamilien und sammeln Spenden.</p>"
            "<h2>Was die Vereine tun</h2>"
            "<ul><li>Begegnungen von Chören, Theatergruppen und Sportvereinen</li>"
            "<li>Sprachabende und Vorträge über die Partnerstädte</li>"
            "<li>Hilfslieferungen, zurzeit vor allem für Donezk</li></ul>"
            "<h2>Mitglied werden</h2>"
            "<p>Wer mitmachen möchte, braucht weder Sprachkenntnisse noch Vorwissen. "
            "Das Büro für Städtepartnerschaften nennt Ihnen gern den passenden Verein: "
            '<a href="mailto:partnerschaften@bochum.example">partnerschaften@bochum.example</a>, '
            "Telefon 0234 000000-0.</p>"
        ),
    },
    {
        "title": "Fördermöglichkeiten",
        "slug": "foerdermoeglichkeiten",
        "menu": "fusszeile",
        "menu_order": 10,
        "body": (
            "<p>Eine Begegnung mit einer Partnerstadt muss nicht an den Reisekosten "
            "scheitern. Schulen, Vereine und Initiativen können für Austausch und "
            "gemeinsame Projekte Zuschüsse beantragen.</p>"
            "<h2>Wer gefördert wird</h2>"
            "<p>Gruppen aus Bochum, die mit Menschen aus einer Partnerstadt etwas gemeinsam "
            "vorhaben: einen Besuch, eine Ausstellung, ein Turnier oder ein Projekt im "
            "Unterricht.</p>"
            "<h2>So beantragen Sie</h2>"
            "<p>Schreiben Sie uns spätestens drei Monate vor dem Vorhaben, was Sie planen "
            "und was es kostet. Wir beraten Sie auch zu Mitteln des Landes und der "
            "Europäischen Union.</p>"
        ),
    },
    {
        "title": "Schüleraustausch – so geht's",
        "slug": "schueleraustausch",
        "parent": "foerdermoeglichkeiten",
        "body": (
            "<p>Ein Austausch mit einer Schule in einer Partnerstadt beginnt meist mit einer "
            "Lehrkraft, die Lust darauf hat. Diese Schritte haben sich bewährt:</p>"
            "<ol><li>Partnerschule finden: Das Büro für Städtepartnerschaften vermittelt "
            "Kontakte zu Schulen in Sheffield, Oviedo, Nordhausen und Tsukuba.</li>"
            "<li>Gemeinsames Thema wählen, etwa Energie, Geschichte oder Sport.</li>"
            "<li>Zuschuss beantragen, mindestens drei Monate vor der Reise.</li>"
            "<li>Gastfamilien suchen und die Eltern früh einbinden.</li></ol>"
            "<p>Nach der Rückkehr freuen wir uns über einen kurzen Bericht mit Fotos für "
            "diese Website.</p>"
        ),
    },
    {
        "title": "Kontakt",
        "slug": "kontakt",
        "menu": "fusszeile",
        "menu_order": 20,
        "body": (
            "<p>Fragen zu den Städtepartnerschaften beantwortet das Büro für "
            "Städtepartnerschaften.</p>"
            "<p>Stadt Bochum (Demo)<br>Büro für Städtepartnerschaften<br>"
            "Musterstraße 1<br>44700 Bochum</p>"
            "<p>Telefon: 0234 000000-0<br>"
            'E-Mail: <a href="mailto:partnerschaften@bochum.example">'
            "partnerschaften@bochum.example</a></p>"
            "<p>Sprechzeiten: Montag bis Donnerstag, 9 bis 12 Uhr, und nach Vereinbarung.</p>"
        ),
    },
]

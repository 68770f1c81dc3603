"""
The demo content itself: Bochum and its five partner cities as they stood at
the end of 2019, their partnerships, projects, events with sign-ups, articles
and legal pages, and the site settings with contact data and names that are
recognisably made up.
partnership/site/demo.py loads it. Dates of coming events, of recent news,
of the projects of the last years and of the agreement's review are computed
from the day the demo is loaded, so that the demo always has something ahead
and something new, and the partnership barometer the same picture.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core.dates import DatePrecision
from news.models import Article
from partnership.models import Partnership, Project
from partnership.participation.models import SignUp

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


def partnerships():
    today = timezone.localdate()
    return [
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
            "status_note": (
                "Austausch zum Erliegen gekommen; der Verein organisiert Hilfslieferungen."
            ),
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
                # Due within the barometer's three months, so that its
                # reminder shows on any day the demo is loaded.
                "review_on": today + timedelta(days=50),
                "summary": (
                    "Beide Städte wollen konkrete Kooperationsprojekte anstoßen, in fünf "
                    "Feldern von der Digitalisierung bis zur Hochtechnologie."
                ),
                # A scanned PDF, so the statement lists an inaccessible document;
                # the text beside it is the demo's, not the signed wording.
                "scanned": True,
                "full_text": (
                    "<p><em>Beispieltext der Demo, nicht der Wortlaut der unterzeichneten "
                    "Vereinbarung.</em></p>"
                    "<p>Artikel 1: Die Städte Bochum und Tsukuba schließen eine "
                    "Städtepartnerschaft.</p>"
                    "<p>Artikel 2: Sie stoßen gemeinsam konkrete Projekte an, in fünf Feldern "
                    "von der Digitalisierung bis zur Hochtechnologie.</p>"
                    "<p>Artikel 3: Beide Städte fördern Begegnungen ihrer Bürgerinnen und Bürger, "
                    "Hochschulen und Unternehmen.</p>"
                ),
            },
        },
    ]


# Who runs the demo site. The city is real; every name, address, number and
# mailbox is made up, so that nobody mistakes the demo for the city's site,
# and the deployment check (partnership/site/checks.py) finds each of them.
SITE_SETTINGS = {
    "city_name": "Stadt Bochum",
    "site_name": "Städtepartnerschaften",
    "site_description": (
        "Bochums Partnerstädte in Europa und Asien: Partnerschaften, Projekte zum "
        "Mitmachen und Nachrichten aus Sheffield, Oviedo, Donezk, Nordhausen und Tsukuba."
    ),
    "accent_color": "#0b5ea8",
    "operator_name": "Stadt Bochum",
    "operator_representative": "den Oberbürgermeister (Beispielname: Max Mustermann)",
    "operator_address": "Büro für Städtepartnerschaften\nMusterplatz 1\n44700 Bochum",
    "operator_phone": "0234 000000-0",
    "operator_email": "partnerschaften@bochum.example",
    "vat_id": "DE000000000",
    "supervisory_authority": ("Bezirksregierung (Beispielangabe)\nMusterweg 2\n59800 Musterstadt"),
    "editorial_responsible": (
        "Erika Musterfrau, Büro für Städtepartnerschaften, Musterplatz 1, 44700 Bochum"
    ),
    "dpo_contact": (
        "Datenschutzbeauftragte der Stadt (Beispiel)\nMusterplatz 1, 44700 Bochum\n"
        "datenschutz@bochum.example"
    ),
    "accessibility_contact": (
        "Büro für Städtepartnerschaften (Beispiel)\nbarrierefreiheit@bochum.example\n"
        "Telefon 0234 000000-2"
    ),
}


PAGES = [
    {
        # Operator, contact, supervisory authority and the person responsible
        # come from the site settings; the page adds what staff write.
        "kind": LegalPage.Kind.IMPRINT,
        "title": "Impressum",
        "body": (
            "<h2>Haftung für Links</h2>"
            "<p>Diese Website verweist auf Seiten anderer Anbieter, etwa auf die Websites der "
            "Partnerstädte und Partnerschaftsvereine. Für deren Inhalte sind allein diese "
            "Anbieter verantwortlich.</p>"
            "<h2>Bilder</h2>"
            "<p>Wer ein Bild gemacht hat und unter welcher Lizenz es steht, steht unter dem "
            "jeweiligen Bild.</p>"
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
        # The missing sign-language video and the scanned agreement are
        # listed by the statement itself; the page names only the rest.
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
            "<ul><li>Beiträge, die aus dem früheren Blog übernommen wurden, können Bilder "
            "ohne Alternativtext enthalten. Die Redaktion ergänzt die Texte nach und "
            "nach.</li></ul>"
        ),
        "feedback_contact": "Wir antworten innerhalb von sechs Wochen.",
        "enforcement": (
            "<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, "
            "können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des "
            "Landes Nordrhein-Westfalen bei der oder dem Landesbehindertenbeauftragten "
            "wenden. Das Schlichtungsverfahren ist kostenlos; Sie brauchen keinen "
            "Rechtsbeistand.</p>"
        ),
        # The demo names the office but not its address: an example, marked as one.
        "ombudsman_name": (
            "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen"
        ),
        "ombudsman_address": "Beispielanschrift der Demo\nMusterstraße 1\n40000 Düsseldorf",
        "ombudsman_email": "ombudsstelle@nrw.example",
        "ombudsman_url": "https://ombudsstelle.nrw.example/",
        "prepared_on": date(2026, 11, 1),
        "last_reviewed": date(2026, 11, 1),
    },
    {
        # Written along DIN SPEC 33429; not yet checked by a Prüfgruppe.
        "kind": LegalPage.Kind.PLAIN_LANGUAGE,
        "title": "Leichte Sprache",
        "body": (
            "<h2>Was gibt es auf dieser Website?</h2>"
            "<p>Bochum ist eine Stadt in Deutschland.<br>"
            "Bochum ist mit anderen Städten befreundet.<br>"
            "Das nennt man: Städte·partnerschaft.</p>"
            "<p>Bochum hat 5 Partner·städte:</p>"
            "<ul><li>Sheffield in England</li><li>Oviedo in Spanien</li>"
            "<li>Donezk in der Ukraine</li><li>Nordhausen in Thüringen</li>"
            "<li>Tsukuba in Japan</li></ul>"
            "<p>Menschen aus den Städten besuchen sich.<br>"
            "Sie lernen voneinander.</p>"
            "<p>Auf dieser Website finden Sie:</p>"
            "<ul><li>Nachrichten über die Partner·städte</li>"
            "<li>Informationen über jede Partner·stadt</li>"
            "<li>Projekte.<br>Bei manchen Projekten können Sie mit·machen.</li></ul>"
            "<h2>So finden Sie sich zurecht</h2>"
            "<p>Oben auf jeder Seite ist das Menü.<br>"
            "Das Menü ist eine Liste mit Wörtern.<br>"
            "Jedes Wort ist ein Link.<br>"
            "Ein Link ist ein Wort zum Anklicken.<br>"
            "Dann kommen Sie zu einer anderen Seite.</p>"
            "<p>Das steht im Menü:</p>"
            "<ul><li>Aktuelles:<br>Hier sind die Nachrichten.</li>"
            "<li>Partner·städte:<br>Hier sind die Städte.</li>"
            "<li>Partnerschaften:<br>"
            "Hier steht: Seit wann ist Bochum mit einer Stadt befreundet?</li>"
            "<li>Mitmachen:<br>Hier sind Projekte für alle Menschen.</li></ul>"
            "<p>Auf dem Handy ist das Menü manchmal zu·geklappt.<br>"
            "Dann tippen Sie oben auf den Knopf für das Menü.</p>"
            "<p>Sie suchen etwas?<br>"
            "Dann schreiben Sie ein Wort in das Such·feld.<br>"
            "Das Such·feld ist oben auf jeder Seite.<br>"
            "Dann klicken Sie auf: Suchen.</p>"
            "<p>Sie möchten die Website in einer anderen Sprache lesen?<br>"
            "Oben auf jeder Seite stehen die Sprachen.<br>"
            "Zum Beispiel: English.<br>"
            "Klicken Sie auf eine Sprache.<br>"
            "Die Leichte Sprache gibt es nur auf Deutsch.</p>"
            "<p>Unten auf jeder Seite sind noch mehr Links.<br>"
            "Zum Beispiel: Impressum.<br>"
            "Im Impressum steht: Wer macht diese Website?</p>"
            "<h2>Ist die Website barriere·frei?</h2>"
            "<p>Barriere·frei heißt:<br>"
            "Alle Menschen können die Website gut benutzen.<br>"
            "Auch Menschen mit Behinderung.</p>"
            "<p>Die Stadt hat dazu einen Text geschrieben.<br>"
            "Der Text heißt: Erklärung zur Barriere·freiheit.<br>"
            "Im Text steht:</p>"
            "<ul><li>Vieles auf der Website ist barriere·frei.</li>"
            "<li>Einiges ist noch nicht barriere·frei.<br>"
            "Zum Beispiel: Das Video in Gebärden·sprache fehlt noch.</li>"
            "<li>So sagen Sie der Stadt:<br>Hier ist eine Barriere.</li></ul>"
            "<p>Die Erklärung ist in schwerer Sprache.<br>"
            "Sie finden die Erklärung unten auf jeder Seite.<br>"
            "Der Link heißt: Barriere·freiheit.</p>"
        ),
    },
    {
        "kind": LegalPage.Kind.SIGN_LANGUAGE,
        "title": "Gebärdensprache",
        "body": (
            "<p>Auf dieser Seite erklärt ein Video der Stadt Bochum in Deutscher "
            "Gebärdensprache (DGS):</p>"
            "<ul><li>was Sie auf dieser Website finden,</li>"
            "<li>wie Sie sich auf ihr zurechtfinden: Menü, Suche und Wahl der Sprache,</li>"
            "<li>was in der Erklärung zur Barrierefreiheit steht,</li>"
            "<li>wie Sie das Büro für Städtepartnerschaften erreichen.</li></ul>"
            '<p>Dasselbe erklärt die Seite in <a href="/leichte-sprache/">Leichter '
            "Sprache</a> in einfachen Sätzen.</p>"
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
        *recent_articles(now),
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


def recent_articles(now):
    """News of the last weeks, about the coming projects, so that the home page is alive."""
    # To the minute, as the admin's date and time fields store it.
    now = now.replace(second=0, microsecond=0)
    return [
        {
            "slug": "mit-der-buergerfahrt-nach-nordhausen",
            "title": "Mit der Bürgerfahrt nach Nordhausen",
            "publish_at": now - timedelta(days=2),
            "status": Article.Status.PUBLISHED,
            "teaser": (
                "Ein Wochenende in der Partnerstadt in Thüringen: Wer mitfahren möchte, kann "
                "sich jetzt anmelden."
            ),
            "body": (
                "<p>Mit keiner Partnerstadt ist der Austausch so lebendig wie mit Nordhausen. "
                "Die nächste Bürgerfahrt führt für ein Wochenende nach Thüringen; eine "
                "Stadtführung zeigt, wie sich die Partnerstadt verändert hat.</p>"
                "<p>Anmeldungen nimmt das Büro für Städtepartnerschaften entgegen. Die Plätze "
                "im Bus sind begrenzt.</p>"
            ),
            "byline": "Büro für Städtepartnerschaften",
            "categories": ["Begegnungen"],
            "cities": ["nordhausen"],
            "partnerships": ["nordhausen"],
        },
        {
            "slug": "partnerschaftsverein-sammelt-wieder-fuer-donezk",
            "title": "Partnerschaftsverein sammelt wieder für Donezk",
            "publish_at": now - timedelta(days=6),
            "status": Article.Status.PUBLISHED,
            "teaser": (
                "Besuche in Donezk sind seit der Besetzung nicht mehr möglich. Der "
                "Partnerschaftsverein hält die Verbindung mit Hilfslieferungen und bereitet "
                "die nächste vor."
            ),
            "body": (
                "<p>Seit prorussische Separatisten Donezk besetzt halten, können sich "
                "Menschen aus beiden Städten nicht mehr besuchen. Der Partnerschaftsverein "
                "hat seine Arbeit deshalb auf Hilfe verlegt: Er sammelt Spenden und bringt "
                "sie auf den Weg.</p>"
                "<p>Für die nächste Lieferung beginnt bald eine Sammelaktion. Den Termin "
                "finden Sie unter „Mitmachen“.</p>"
            ),
            "byline": "Presseamt",
            "categories": ["Partnerschaften"],
            "cities": ["donezk"],
            "partnerships": ["donezk"],
        },
        {
            "slug": "gastfamilien-fuer-den-schueleraustausch-mit-sheffield",
            "title": "Gastfamilien für den Schüleraustausch mit Sheffield gesucht",
            "publish_at": now - timedelta(days=9),
            "status": Article.Status.PUBLISHED,
            "teaser": (
                "Zehn Tage lang sind Schülerinnen und Schüler aus Sheffield in Bochum zu Gast. "
                "Gesucht werden Familien, die einen Gast aufnehmen."
            ),
            "body": (
                "<p>Die älteste Partnerschaft Bochums lebt vor allem von Begegnungen junger "
                "Menschen und von Musik- und Theatergruppen. Beim nächsten Austausch kommt "
                "eine Gruppe aus Sheffield für zehn Tage nach Bochum.</p>"
                "<p>Wer einen Gast aufnehmen möchte, meldet sich beim Büro für "
                "Städtepartnerschaften.</p>"
            ),
            "byline": "Büro für Städtepartnerschaften",
            "categories": ["Begegnungen"],
            "cities": ["sheffield"],
            "partnerships": ["sheffield"],
        },
        {
            "slug": "gruenderinnen-und-gruender-aus-bochum-und-tsukuba",
            "title": "Gründerinnen und Gründer aus Bochum und Tsukuba lernen sich kennen",
            "publish_at": now - timedelta(days=16),
            "status": Article.Status.PUBLISHED,
            "teaser": (
                "Ein Online-Treffen bringt Startups aus beiden Wissensstädten zusammen – eines "
                "der ersten Vorhaben der Partnerschaft."
            ),
            "body": (
                "<p>Die Förderung von Startups ist eines der fünf Felder, auf die sich Bochum "
                "und Tsukuba bei der Unterzeichnung 2019 verständigt haben. Nun stellen sich "
                "junge Unternehmen aus beiden Städten bei einem Online-Treffen gegenseitig "
                "vor.</p>"
                "<p>Tsukuba ist Bochum sieben bis acht Stunden voraus; das Treffen beginnt "
                "deshalb am Vormittag Bochumer Zeit.</p>"
            ),
            "byline": "Presseamt",
            "categories": ["Partnerschaften"],
            "cities": ["tsukuba", "bochum"],
            "partnerships": ["tsukuba"],
            "areas": ["Förderung von Startups"],
        },
    ]


# Sign-ups of the demo: names recognisably invented, addresses at example.org.
# (name, e-mail, further fields); all confirmed, in the order they came in.
_SCHOOL_PARENTS = [
    ("Erika Beispiel", "Lena Beispiel", SignUp.AgeGroup.FROM_12),
    ("Max Muster", "Paul Muster", SignUp.AgeGroup.FROM_12),
    ("Petra Probe", "Emma Probe", SignUp.AgeGroup.FROM_12),
    ("Jonas Platzhalter", "Noah Platzhalter", SignUp.AgeGroup.FROM_12),
    ("Sabine Exempel", "Mia Exempel", SignUp.AgeGroup.FROM_12),
    ("Thomas Testmann", "Ben Testmann", SignUp.AgeGroup.FROM_12),
    # The exchange has six places: these two wait for one to come free.
    ("Anna Vorlage", "Sophie Vorlage", SignUp.AgeGroup.FROM_12),
    ("Karl Fiktiv", "Leon Fiktiv", SignUp.AgeGroup.FROM_12),
]
SCHOOL_EXCHANGE_PLACES = 6


def _address(name):
    return name.lower().replace(" ", ".") + "@example.org"


def _school_signups():
    return [
        {
            "name": parent,
            "email": _address(parent),
            "participant_name": child,
            "age_group": age_group,
            "answer": "Klasse 9, Beispiel-Gesamtschule",
            "waiting": number >= SCHOOL_EXCHANGE_PLACES,
        }
        for number, (parent, child, age_group) in enumerate(_SCHOOL_PARENTS)
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
            "description": (
                "<p>Ein Wochenende in der Partnerstadt, mit Stadtführung.</p>"
                "<p>Mit keiner Partnerstadt ist der Austausch so rege wie mit Nordhausen. "
                "Der Bus fährt morgens in Bochum ab; in Nordhausen erwarten uns "
                "Gastgeberinnen und Gastgeber aus dem Freundeskreis der Partnerschaft.</p>"
            ),
            "contact": OFFICE,
            "is_event": True,
            "start_time": time(7, 30),
            "end_time": time(20),
            "place_name": "Abfahrt am Busbahnhof",
            "place_address": "Beispielstraße 3\n44787 Bochum",
            "fee": Decimal("89"),
            "fee_note": "Busfahrt, zwei Übernachtungen mit Frühstück und Stadtführung",
            "audience": "Alle Bochumerinnen und Bochumer; Kinder mit ihren Eltern",
            "bring": "Personalausweis und bequeme Schuhe für die Stadtführung",
            "signup_enabled": True,
            "capacity": 40,
            "signup_deadline": timezone.make_aware(
                datetime.combine(today + timedelta(days=30), time(12))
            ),
            "waiting_list": True,
            "ask_phone": True,
            "ask_party_size": True,
            "ask_diet": True,
            "image_of": "nordhausen",
            "signups": [
                {
                    "name": "Erika Beispiel",
                    "email": _address("Erika Beispiel"),
                    "phone": "0234 000000-11",
                    "party_size": 2,
                },
                {
                    "name": "Max Muster",
                    "email": _address("Max Muster"),
                    "phone": "0234 000000-12",
                    "party_size": 1,
                },
                {
                    "name": "Petra Probe",
                    "email": _address("Petra Probe"),
                    "phone": "0234 000000-13",
                    "party_size": 3,
                    "diet": SignUp.Diet.VEGETARIAN,
                },
            ],
        },
        {
            "partner": "sheffield",
            "title": "Schüleraustausch mit Sheffield",
            "kind": Project.Kind.SCHOOL,
            "start_date": today + timedelta(days=90),
            "end_date": today + timedelta(days=100),
            "description": (
                "<p>Gastfamilien für zehn Tage gesucht.</p>"
                "<p>Sheffield ist Bochums älteste Partnerstadt. Schülerinnen und Schüler "
                "wohnen zehn Tage in Gastfamilien, besuchen den Unterricht der "
                "Partnerschule und nehmen im Gegenzug später einen Gast bei sich auf.</p>"
            ),
            "contact": OFFICE,
            "is_event": True,
            "place_name": "Partnerschulen in Sheffield",
            "place_address": "Sheffield, England",
            "fee": Decimal("150"),
            "fee_note": "Flug und Ausflüge; Zuschüsse für Familien mit kleinem Einkommen",
            "audience": "Schülerinnen und Schüler der Klassen 8 bis 10",
            "bring": "Reisepass und die unterschriebene Einverständniserklärung der Eltern",
            "signup_enabled": True,
            "capacity": SCHOOL_EXCHANGE_PLACES,
            "waiting_list": True,
            "for_minors": True,
            "ask_age_group": True,
            "question": "Welche Schule und welche Klasse besucht Ihr Kind?",
            "signups": _school_signups(),
        },
        {
            "partner": "donezk",
            "title": "Sammelaktion für die nächste Hilfslieferung",
            "kind": Project.Kind.AID,
            "start_date": today + timedelta(days=14),
            "end_date": today + timedelta(days=28),
            "description": (
                "<p>Der Partnerschaftsverein nimmt Sach- und Geldspenden entgegen: "
                "Sachspenden an der Sammelstelle, Geld auf das Spendenkonto.</p>"
            ),
            "contact": DONEZK_ASSOCIATION,
            "is_event": True,
            "event_status": Project.EventStatus.MOVED,
            "original_start_date": today + timedelta(days=7),
            "place_name": "Sammelstelle im Hof",
            "place_address": "Beispielweg 12\n44787 Bochum",
            "bring": "Haltbare Lebensmittel, Hygieneartikel und Verbandsmaterial",
        },
        {
            "partner": "donezk",
            "title": "Packtag für die Hilfslieferung",
            "kind": Project.Kind.AID,
            "start_date": today + timedelta(days=21),
            "description": (
                "<p>Freiwillige sortieren die Spenden und beladen den Lastwagen.</p>"
                "<p>Der Packtag fällt aus: Die Spedition kann in diesem Monat nicht fahren. "
                "Die Spenden werden beim nächsten Packtag verladen, den wir hier "
                "ankündigen.</p>"
            ),
            "contact": DONEZK_ASSOCIATION,
            "is_event": True,
            "event_status": Project.EventStatus.CANCELLED,
            "start_time": time(10),
            "end_time": time(14),
            "place_name": "Sammelstelle im Hof",
            "place_address": "Beispielweg 12\n44787 Bochum",
            "audience": "Alle, die beim Sortieren und Packen helfen möchten",
        },
        {
            "partner": "tsukuba",
            "title": "Online-Treffen der Startups aus Bochum und Tsukuba",
            "kind": Project.Kind.BUSINESS,
            "start_date": today + timedelta(days=60),
            "area": "Förderung von Startups",
            "description": (
                "<p>Gründerinnen und Gründer stellen sich gegenseitig vor.</p>"
                "<p>Beide Städte wollen Startups fördern, die aus ihren Hochschulen "
                "entstehen. Das Treffen beginnt am Vormittag, damit es in Tsukuba noch "
                "früher Abend ist; gesprochen wird Englisch.</p>"
            ),
            "contact": OFFICE,
            "is_event": True,
            "start_time": time(10),
            "end_time": time(11, 30),
            "online": True,
            "audience": "Gründerinnen und Gründer, Studierende und alle, die Startups begleiten",
            "signup_enabled": True,
            "question": "Woran arbeitet Ihr Startup?",
            "signups": [
                {
                    "name": "Jonas Platzhalter",
                    "email": _address("Jonas Platzhalter"),
                    "answer": "Sensoren für Brücken aus Beton",
                },
            ],
        },
        {
            "partner": "oviedo",
            "title": "Konzert eines Chors aus Oviedo",
            "kind": Project.Kind.CULTURE,
            "start_date": today - timedelta(days=45),
            "description": (
                "<p>Ein Chor aus Oviedo sang asturische Lieder und, zusammen mit einem "
                "Bochumer Chor, zwei Stücke beider Städte.</p>"
            ),
            "contact": OFFICE,
            "is_event": True,
            "start_time": time(19, 30),
            "end_time": time(21, 30),
            "place_name": "Saal der Musikschule",
            "place_address": "Beispielstraße 20\n44787 Bochum",
            "audience": "Alle; der Eintritt war frei",
            "signup_enabled": True,
            "capacity": 120,
            # Long past: the personal data of its sign-ups is deleted, the counts remain.
            "signup_count": {"confirmed": 64, "people": 97, "waiting": 0, "cancelled": 5},
            "participants_home": 28,
            "participants_partner": 32,
            "costs": Decimal("6800"),
            "funding_amount": Decimal("4500"),
            "funding_source": "EU-Programm Bürgerinnen und Bürger",
            "costs_public": True,
        },
        *projects_held(today),
    ]


def projects_held(today):
    """
    What the partnerships have done in recent years, dated back from
    ``today`` so that the partnership barometer always draws the picture the
    city's own posts give: Nordhausen lively, Sheffield and Oviedo with a few
    group visits and no visit of the city leaderships for years, Donezk with
    aid deliveries only, Tsukuba with its first projects. None of them was
    open to the public, so none is an event, and none names a contact: the
    partnership's page would repeat the association's card under each.
    """
    return [
        # Nordhausen: clubs, schools and the two town halls meet all year round.
        {
            "partner": "nordhausen",
            "title": "Jugendbegegnung im Harz",
            "kind": Project.Kind.YOUTH,
            "start_date": today - timedelta(days=75),
            "end_date": today - timedelta(days=70),
            "description": (
                "<p>Jugendliche aus beiden Städten wanderten sechs Tage gemeinsam durch den "
                "Harz und übernachteten in einer Jugendherberge.</p>"
            ),
            "participants_home": 16,
            "participants_partner": 14,
            "costs": Decimal("5200"),
            "costs_public": True,
        },
        {
            "partner": "nordhausen",
            "title": "Chortreffen in Nordhausen",
            "kind": Project.Kind.CULTURE,
            "start_date": today - timedelta(days=160),
            "end_date": today - timedelta(days=158),
            "description": (
                "<p>Drei Bochumer Chöre sangen ein Wochenende lang mit Chören aus "
                "Nordhausen; zum Abschluss gab es ein gemeinsames Konzert.</p>"
            ),
            "participants_home": 38,
            "participants_partner": 45,
        },
        {
            "partner": "nordhausen",
            "title": "Oberbürgermeister aus Nordhausen zu Gast im Rathaus",
            "kind": Project.Kind.DELEGATION,
            "start_date": today - timedelta(days=230),
            "end_date": today - timedelta(days=229),
            "description": (
                "<p>Die Stadtspitzen beider Städte sprachen über gemeinsame Vorhaben der "
                "Verwaltungen und über die nächsten Begegnungen.</p>"
            ),
            "participants_home": 4,
            "participants_partner": 6,
            "costs": Decimal("900"),
        },
        {
            "partner": "nordhausen",
            "title": "Fußballturnier der Partnerstädte",
            "kind": Project.Kind.SPORTS,
            "start_date": today - timedelta(days=320),
            "description": (
                "<p>Jugendmannschaften aus Bochum und Nordhausen spielten einen Tag lang "
                "gemischt gegeneinander.</p>"
            ),
            "participants_home": 22,
            "participants_partner": 20,
        },
        {
            "partner": "nordhausen",
            "title": "Bürgerfahrt zum Stadtfest nach Nordhausen",
            "kind": Project.Kind.CITIZENS,
            "start_date": today - timedelta(days=430),
            "end_date": today - timedelta(days=428),
            "description": (
                "<p>Ein voller Bus fuhr zum Stadtfest; Gastgeberinnen und Gastgeber aus "
                "Nordhausen zeigten ihre Stadt.</p>"
            ),
            "participants_home": 45,
            "participants_partner": 20,
            "costs": Decimal("3600"),
        },
        {
            "partner": "nordhausen",
            "title": "Schulklassen aus Nordhausen zu Gast in Bochum",
            "kind": Project.Kind.SCHOOL,
            "start_date": today - timedelta(days=560),
            "end_date": today - timedelta(days=555),
            "description": (
                "<p>Zwei neunte Klassen besuchten ihre Partnerschule und lernten das "
                "Ruhrgebiet kennen.</p>"
            ),
            "participants_home": 26,
            "participants_partner": 24,
        },
        # Sheffield and Oviedo: groups still visit, the town halls hardly ever.
        {
            "partner": "sheffield",
            "title": "Theatergruppe aus Sheffield zu Gast",
            "kind": Project.Kind.CULTURE,
            "start_date": today - timedelta(days=260),
            "end_date": today - timedelta(days=256),
            "description": (
                "<p>Eine Jugendtheatergruppe aus Sheffield spielte zusammen mit einer "
                "Bochumer Gruppe ein zweisprachiges Stück.</p>"
            ),
            "participants_home": 9,
            "participants_partner": 11,
            "costs": Decimal("2400"),
        },
        {
            "partner": "sheffield",
            "title": "Delegation des Rates in Sheffield",
            "kind": Project.Kind.DELEGATION,
            "start_date": today - timedelta(days=8 * 365),
            "end_date": today - timedelta(days=8 * 365 - 2),
            "description": (
                "<p>Mitglieder des Rates besuchten Sheffield. Es war bis heute der letzte "
                "Besuch auf dieser Ebene.</p>"
            ),
            "participants_home": 7,
        },
        {
            "partner": "oviedo",
            "title": "Schülergruppe aus Oviedo zu Gast",
            "kind": Project.Kind.SCHOOL,
            "start_date": today - timedelta(days=540),
            "end_date": today - timedelta(days=534),
            "description": (
                "<p>Schülerinnen und Schüler aus Oviedo wohnten eine Woche bei Bochumer "
                "Familien und besuchten den Unterricht.</p>"
            ),
            "participants_home": 15,
            "participants_partner": 17,
        },
        {
            "partner": "oviedo",
            "title": "Bürgermeister von Oviedo besucht Bochum",
            "kind": Project.Kind.DELEGATION,
            "start_date": today - timedelta(days=9 * 365),
            "end_date": today - timedelta(days=9 * 365 - 1),
            "description": (
                "<p>Der Bürgermeister von Oviedo kam mit einer kleinen Delegation nach "
                "Bochum. Seitdem gab es keinen Besuch der Stadtspitzen mehr.</p>"
            ),
            "participants_partner": 5,
        },
        # Donezk: before the occupation people met; since then the association sends help.
        {
            "partner": "donezk",
            "title": "Jugendbegegnung in Donezk",
            "kind": Project.Kind.YOUTH,
            "start_date": date(2013, 7, 15),
            "end_date": date(2013, 7, 24),
            "description": (
                "<p>Jugendliche aus Bochum verbrachten zehn Tage in Donezk. Es war die "
                "letzte Begegnung vor der Besetzung.</p>"
            ),
            "participants_home": 18,
            "participants_partner": 21,
        },
        {
            "partner": "donezk",
            "title": "Hilfslieferung mit Verbandsmaterial",
            "kind": Project.Kind.AID,
            "start_date": today - timedelta(days=55),
            "description": (
                "<p>Der Partnerschaftsverein schickte einen Lastwagen mit Verbandsmaterial "
                "und Erste-Hilfe-Taschen für Menschen aus Donezk auf den Weg.</p>"
            ),
            "costs": Decimal("9800"),
            "funding_amount": Decimal("7500"),
            "funding_source": "Engagement Global",
            "costs_public": True,
        },
        {
            "partner": "donezk",
            "title": "Hilfslieferung mit Lebensmitteln",
            "kind": Project.Kind.AID,
            "start_date": today - timedelta(days=190),
            "description": (
                "<p>Haltbare Lebensmittel aus der Sammelstelle des Vereins gingen an "
                "Familien aus Donezk.</p>"
            ),
            "costs": Decimal("6200"),
            "funding_amount": Decimal("4000"),
            "funding_source": "Engagement Global",
        },
        {
            "partner": "donezk",
            "title": "Hilfslieferung mit Decken und Schlafsäcken",
            "kind": Project.Kind.AID,
            "start_date": today - timedelta(days=330),
            "description": (
                "<p>Der Verein sammelte Decken und Schlafsäcke und brachte sie mit einer "
                "Spedition auf den Weg.</p>"
            ),
        },
        {
            "partner": "donezk",
            "title": "Hilfslieferung mit Hygieneartikeln",
            "kind": Project.Kind.AID,
            "start_date": today - timedelta(days=500),
            "description": (
                "<p>Seife, Zahnpasta und Windeln aus Spenden Bochumer Bürgerinnen und Bürger "
                "gingen an Menschen aus Donezk.</p>"
            ),
        },
        # Tsukuba: the first projects of the knowledge cities.
        {
            "partner": "tsukuba",
            "title": "Forschungskooperation Robotik",
            "kind": Project.Kind.RESEARCH,
            "start_date": today - timedelta(days=600),
            "end_date": today + timedelta(days=500),
            "area": "Hochschulen und Wissenschaft",
            "description": (
                "<p>Forschungsgruppen der Hochschulen beider Städte arbeiten drei Jahre lang "
                "an Robotern, die im Alltag helfen; Promovierende forschen dafür einige "
                "Monate in der anderen Stadt.</p>"
            ),
            "participants_home": 6,
            "participants_partner": 8,
            "costs": Decimal("4800"),
        },
        {
            "partner": "tsukuba",
            "title": "Online-Werkstatt zur digitalen Verwaltung",
            "kind": Project.Kind.OTHER,
            "start_date": today - timedelta(days=250),
            "area": "Digitalisierung städtischer Einrichtungen",
            "description": (
                "<p>Fachleute beider Verwaltungen zeigten einander, welche Dienste ihre "
                "Bürgerinnen und Bürger schon online erledigen können.</p>"
            ),
            "participants_home": 12,
            "participants_partner": 10,
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

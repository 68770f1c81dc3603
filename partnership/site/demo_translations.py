"""
Translations of the demo content in demo_data.py, for the content languages
other than German.

English covers all of the demo content that has a public text, except the
pages in Leichte Sprache and Gebärdensprache, which exist for German readers
only. Japanese covers what concerns Tsukuba, Spanish what concerns Oviedo and
Ukrainian what concerns Donezk. The Japanese, Spanish and Ukrainian texts are
drafts: no native speaker has checked them yet (docs/translations.md records
who checked what).

Format::

    TRANSLATIONS = {
        language code: {
            (model label, key): {field name: text, ...},
        },
    }

The model label is ``app_label.model_name`` in lower case; the field names are
the model's own, without a language suffix. The key finds the German object:

    ("news.article", "<slug>")
    ("cities.city", "<slug>")
    ("partnership.partnership", "<slug>")
    ("partnership.statuschange", ("<partnership slug>", "YYYY-MM-DD"))
    ("partnership.agreement", ("<partnership slug>", "<German title>"))
    ("partnership.project", ("<partnership slug>", "<German title>"))
    ("partnership.institutionaltie", ("<partnership slug>", "<German home institution>"))
    ("partnership.contact", "<German name>")
    ("news.category", "<slug>")
    ("partnership.cooperationarea", "<slug>")
    ("site.legalpage", "<kind>")
    ("site.page", "<German slug>")
    ("site.sitesettings", "")                  (the one row)

A field is left out where the German text is right in that language as well,
as the names "Sheffield" or "Oviedo" are. HTML keeps the German markup; only
the text in it is translated. Slugs are not given: they follow from the
translated titles and names. The pictures the demo loader draws carry the
German name of the city, so their alternative texts quote it as drawn.
"""

_PICTURE_CREDIT = {
    "en": "Graphic: demo content, generated automatically",
    "ja": "画像：デモ用コンテンツ（自動生成）",
    "es": "Gráfico: contenido de demostración, generado automáticamente",
    "uk": "Графіка: демонстраційний вміст, створено автоматично",
}

_PICTURE_ALT = {
    "en": "Drawn city skyline with the lettering ‘{}’",
    "ja": "「{}」の文字が入った、街並みのシルエットのイラスト",
    "es": "Silueta urbana dibujada con la inscripción «{}»",
    "uk": "Намальований силует міста з написом «{}»",
}


def _picture(language, lettering):
    """The alternative text and credit of a picture drawn by the demo loader."""
    return {
        "image_alt": _PICTURE_ALT[language].format(lettering),
        "image_credit": _PICTURE_CREDIT[language],
    }


_EN_LOW_ACTIVITY = (
    "Visits by cultural and school groups; hardly any contact between the civic leaders."
)

ENGLISH = {
    # Articles
    ("news.article", "staedtepartnerschaft-der-wissensstaedte"): {
        "title": "A twinning of knowledge cities",
        "teaser": (
            "On 25 November 2019 Bochum entered into a partnership with a pure university "
            "city for the first time: Tsukuba in Japan."
        ),
        "body": (
            "<p>By signing the agreement with Tsukuba on 25 November 2019, Bochum has opened "
            "a new chapter. For the first time the city has joined with a partner built "
            "entirely around its universities and research – a sign of how far the road from "
            "industrial city to city of knowledge has already taken it.</p>"
            "<h2>Concrete projects as the aim</h2>"
            "<p>In the last week of November a delegation from academia, business, politics "
            "and the city administration travelled to Japan to sign the agreement and to "
            "discuss the first joint undertakings. Five fields are at the centre:</p>"
            "<ul><li>the digitalisation of municipal facilities,</li>"
            "<li>even closer links between the universities,</li>"
            "<li>support for start-ups in both cities,</li>"
            "<li>the urban development of two knowledge cities and</li>"
            "<li>cooperation between companies that research and apply high "
            "technology.</li></ul>"
            "<h2>A partner on an equal footing</h2>"
            "<p>Tsukuba was built in the 1960s as a planned city of science. Of its roughly "
            "250,000 inhabitants, 8,000 are scientists with a doctorate. Research there is "
            "devoted to key technologies such as robotics, artificial intelligence, health "
            "technology and spaceflight.</p>"
        ),
        **_picture("en", "Tsukuba"),
    },
    ("news.article", "staedtepartnerschaft-bochum-tsukuba"): {
        "title": "Bochum – Tsukuba twinning",
        "teaser": (
            "Bochum and Tsukuba intend to become twin towns before the year is out – with "
            "science, research and university-related business at the heart of the "
            "partnership."
        ),
        "body": (
            "<p>Bochum and the Japanese city of Tsukuba have announced that they will become "
            "partner cities in the course of 2019. Unlike the classic twinnings, which build "
            "on cultural exchange and understanding between peoples, this one is to be "
            "chiefly about science, research and university-related business.</p>"
            "<h2>Four long-standing partnerships</h2>"
            "<p>So far Bochum has four partner cities: Sheffield in England, Oviedo in Spain, "
            "Donetsk in Ukraine and Nordhausen in Thuringia. The exchange with Nordhausen is "
            "the liveliest. With Donetsk, which lies in the area occupied by pro-Russian "
            "separatists, meetings are no longer possible; the twinning association puts "
            "great effort into aid deliveries instead. With Sheffield and Oviedo it is mainly "
            "music and theatre groups and school classes that visit one another, while the "
            "civic leaders are hardly in touch.</p>"
            "<h2>Tsukuba, city of knowledge</h2>"
            "<p>The University of Tsukuba and Ruhr University Bochum have worked closely "
            "together since 2016. From this has grown an expanding exchange on innovation, "
            "research, local economic development and the promotion of knowledge work, which "
            "the twinning is meant to deepen.</p>"
        ),
        **_picture("en", "Bochum"),
    },
    ("news.article", "begegnungen-mit-nordhausen"): {
        "title": "Encounters with Nordhausen: a look back",
        "body": (
            "<p>Draft: a collection of last year’s encounters with Nordhausen – clubs, schools "
            "and the administration.</p>"
        ),
    },
    ("news.article", "mit-der-buergerfahrt-nach-nordhausen"): {
        "title": "On the residents’ trip to Nordhausen",
        "teaser": (
            "A weekend in the partner town in Thuringia: anyone who would like to come along "
            "can sign up now."
        ),
        "body": (
            "<p>With no other partner town is the exchange as lively as with Nordhausen. The "
            "next residents’ trip goes to Thuringia for a weekend; a guided tour shows how "
            "the partner town has changed.</p>"
            "<p>The Twin Towns Office takes registrations. Seats on the coach are "
            "limited.</p>"
        ),
    },
    ("news.article", "partnerschaftsverein-sammelt-wieder-fuer-donezk"): {
        "title": "Twinning association collects for Donetsk again",
        "teaser": (
            "Visits to Donetsk have not been possible since the occupation. The twinning "
            "association keeps the link alive with aid deliveries and is preparing the "
            "next one."
        ),
        "body": (
            "<p>Since pro-Russian separatists have held Donetsk, people from the two cities "
            "can no longer visit one another. The twinning association has therefore turned "
            "its work to aid: it collects donations and sends them on their way.</p>"
            "<p>A collection for the next delivery starts soon. You will find the date under "
            "“Get involved”.</p>"
        ),
    },
    ("news.article", "gastfamilien-fuer-den-schueleraustausch-mit-sheffield"): {
        "title": "Host families wanted for the school exchange with Sheffield",
        "teaser": (
            "Pupils from Sheffield will be guests in Bochum for ten days. Families are "
            "wanted to take in a guest."
        ),
        "body": (
            "<p>Bochum’s oldest partnership lives above all from young people meeting and "
            "from music and theatre groups. For the next exchange a group from Sheffield "
            "comes to Bochum for ten days.</p>"
            "<p>If you would like to take in a guest, please contact the Twin Towns "
            "Office.</p>"
        ),
    },
    ("news.article", "gruenderinnen-und-gruender-aus-bochum-und-tsukuba"): {
        "title": "Founders from Bochum and Tsukuba get to know each other",
        "teaser": (
            "An online meeting brings together start-ups from both knowledge cities – one of "
            "the partnership’s first projects."
        ),
        "body": (
            "<p>Support for start-ups is one of the five fields Bochum and Tsukuba agreed on "
            "when they signed in 2019. Now young companies from both cities introduce "
            "themselves to one another at an online meeting.</p>"
            "<p>Tsukuba is seven to eight hours ahead of Bochum, so the meeting starts in the "
            "morning, Bochum time.</p>"
        ),
    },
    ("news.article", "jahrestag-der-partnerschaft-mit-tsukuba"): {
        "title": "Anniversary of the partnership with Tsukuba",
        "teaser": (
            "25 November marks the anniversary of the signing of the partnership with Tsukuba."
        ),
        "body": (
            "<p>Bochum and Tsukuba signed their partnership agreement on 25 November 2019. "
            "On the anniversary we look at the joint projects in science, urban development "
            "and business.</p>"
        ),
    },
    # Cities
    ("cities.city", "bochum"): {
        "region": "North Rhine-Westphalia",
        "summary": (
            "Bochum maintains partnerships with cities in Europe and Asia – from the "
            "traditional twinning with Sheffield, dating from 1950, to the partnership of "
            "knowledge cities with Tsukuba, begun in 2019."
        ),
        "description": (
            "<p>The industrial city has become a city of knowledge and of universities. This "
            "new sense of itself also shapes its choice of partner cities: alongside the "
            "long-standing links with England, Spain, Ukraine and Thuringia, Bochum now "
            "deliberately seeks exchange with other university cities.</p>"
        ),
        "focus_topics": "Science\nHigher education\nInnovation",
        **_picture("en", "Bochum"),
    },
    ("cities.city", "sheffield"): {
        "summary": "Bochum’s oldest partner city, linked since 1950.",
        "description": (
            "<p>Today the exchange with Sheffield is sustained mainly by visits from music "
            "and theatre groups and from school pupils. There is currently little contact "
            "between the civic leaders of the two cities.</p>"
        ),
        **_picture("en", "Sheffield"),
    },
    ("cities.city", "oviedo"): {
        "region": "Asturias",
        "summary": "The capital of Asturias in northern Spain, a partner city since 1983.",
        "description": (
            "<p>As with Sheffield, the partnership with Oviedo ticks over quietly: cultural "
            "and school groups visit one another, while the two administrations are scarcely "
            "in touch.</p>"
        ),
        **_picture("en", "Oviedo"),
    },
    ("cities.city", "donezk"): {
        "name": "Donetsk",
        "region": "Donetsk Oblast",
        "summary": "Partner city since 1987; exchange has been suspended since the occupation.",
        "description": (
            "<p>Donetsk lies in the part of Ukraine held by pro-Russian separatists. Meetings "
            "are no longer possible. With great commitment, the twinning association keeps "
            "the link alive through aid deliveries.</p>"
        ),
        **_picture("en", "Donezk"),
    },
    ("cities.city", "nordhausen"): {
        "region": "Thuringia",
        "summary": "The liveliest of Bochum’s partnerships, since 1990.",
        "description": (
            "<p>The exchange with the Thuringian town of Nordhausen is especially lively: "
            "clubs and societies, schools and the administration visit one another "
            "regularly.</p>"
        ),
        **_picture("en", "Nordhausen"),
    },
    ("cities.city", "tsukuba"): {
        "region": "Ibaraki Prefecture",
        "founded": "1960s, as a ‘city of science’",
        "summary": (
            "The Japanese science city has been Bochum’s newest partner city since "
            "25 November 2019."
        ),
        "description": (
            "<p>Tsukuba was planned in the 1960s expressly as a city of science. Today its "
            "research is devoted to key technologies – from robotics, artificial "
            "intelligence and health technology to spaceflight.</p>"
        ),
        "key_facts": "8,000 scientists with a doctorate\nA research centre for key technologies",
        "focus_topics": "Robotics\nArtificial intelligence\nHealth technology\nSpaceflight",
        **_picture("en", "Tsukuba"),
    },
    # Partnerships and what belongs to them
    ("partnership.partnership", "sheffield"): {
        "status_note": _EN_LOW_ACTIVITY,
        "summary": "Bochum’s first town twinning, established in 1950.",
    },
    ("partnership.partnership", "oviedo"): {
        "status_note": _EN_LOW_ACTIVITY,
        "summary": "Partnership with the Asturian capital since 1983.",
    },
    ("partnership.partnership", "donezk"): {
        "status_note": (
            "The exchange has come to a standstill; the association organises aid deliveries."
        ),
        "summary": "Linked since 1987, without meetings since 2014.",
    },
    ("partnership.partnership", "nordhausen"): {
        "status_note": "A particularly lively exchange.",
        "summary": "Bochum’s liveliest partnership, since 1990.",
    },
    ("partnership.partnership", "tsukuba"): {
        "summary": (
            "Bochum’s first partnership with a pure university city: science, research and "
            "university-related business are at its heart."
        ),
        "description": (
            "<p>On 25 November 2019 the two cities signed the partnership agreement. For "
            "Bochum the day marks the change from industrial city to city of knowledge.</p>"
        ),
    },
    ("partnership.statuschange", ("sheffield", "1950-01-01")): {
        "note": "Partnership established.",
    },
    ("partnership.statuschange", ("oviedo", "1983-01-01")): {
        "note": "Partnership established.",
    },
    ("partnership.statuschange", ("donezk", "1987-01-01")): {
        "note": "Partnership established.",
    },
    ("partnership.statuschange", ("donezk", "2014-06-01")): {
        "note": (
            "After the occupation by pro-Russian separatists, the exchange comes to a standstill."
        ),
    },
    ("partnership.statuschange", ("nordhausen", "1990-01-01")): {
        "note": "Partnership established.",
    },
    ("partnership.statuschange", ("tsukuba", "2019-05-01")): {
        "note": "Both cities announce that they will agree a partnership before the end of 2019.",
    },
    ("partnership.statuschange", ("tsukuba", "2019-11-25")): {
        "note": "Agreement signed.",
    },
    ("partnership.institutionaltie", ("tsukuba", "Ruhr-Universität Bochum")): {
        "home_institution": "Ruhr University Bochum",
        "partner_institution": "University of Tsukuba",
        "description": (
            "Exchange on innovation, research, local economic development and knowledge work."
        ),
    },
    ("partnership.agreement", ("tsukuba", "Partnerschaftsvereinbarung Bochum – Tsukuba")): {
        "title": "Bochum – Tsukuba partnership agreement",
        "summary": (
            "Both cities mean to set concrete cooperation projects in motion, in five fields "
            "ranging from digitalisation to high technology."
        ),
    },
    ("partnership.project", ("tsukuba", "Delegationsreise zur Unterzeichnung nach Japan")): {
        "title": "Delegation to Japan for the signing",
        "description": (
            "<p>Representatives of academia, business, politics and the city administration "
            "sign the agreement and discuss the first projects.</p>"
        ),
    },
    ("partnership.project", ("nordhausen", "Bürgerfahrt nach Nordhausen")): {
        "title": "Residents’ trip to Nordhausen",
        "description": (
            "<p>A weekend in the partner town, with a guided tour.</p>"
            "<p>With no other partner city is the exchange as lively as with Nordhausen. "
            "The coach leaves Bochum in the morning; in Nordhausen, hosts from the "
            "partnership’s circle of friends are expecting us.</p>"
        ),
        "fee_note": "Coach, two nights with breakfast, and a guided tour",
        "audience": "Everyone from Bochum; children with their parents",
        "bring": "Identity card, and comfortable shoes for the guided tour",
    },
    ("partnership.project", ("sheffield", "Schüleraustausch mit Sheffield")): {
        "title": "School exchange with Sheffield",
        "description": (
            "<p>Host families wanted for ten days.</p>"
            "<p>Sheffield is Bochum’s oldest partner city. Pupils stay with host families "
            "for ten days, attend lessons at the partner school and later host a guest of "
            "their own in return.</p>"
        ),
        "fee_note": "Flight and excursions; grants for families on a low income",
        "audience": "Pupils in grades 8 to 10",
        "bring": "Passport, and the consent form signed by the parents",
        "question": "Which school and which grade does your child attend?",
    },
    ("partnership.project", ("donezk", "Sammelaktion für die nächste Hilfslieferung")): {
        "title": "Collection for the next aid delivery",
        "description": (
            "<p>The twinning association accepts donations in kind and money: goods at the "
            "collection point, money into the donation account.</p>"
        ),
        "bring": "Long-life food, toiletries and bandages",
    },
    ("partnership.project", ("donezk", "Packtag für die Hilfslieferung")): {
        "title": "Packing day for the aid delivery",
        "description": (
            "<p>Volunteers sort the donations and load the lorry.</p>"
            "<p>The packing day is cancelled: the haulier cannot make the journey this "
            "month. The donations will be loaded on the next packing day, which we will "
            "announce here.</p>"
        ),
        "audience": "Everyone who would like to help sort and pack",
    },
    ("partnership.project", ("oviedo", "Konzert eines Chors aus Oviedo")): {
        "title": "Concert by a choir from Oviedo",
        "description": (
            "<p>A choir from Oviedo sang Asturian songs and, together with a Bochum choir, "
            "two pieces from both cities.</p>"
        ),
        "audience": "Everyone; admission was free",
    },
    # The partnerships' recent years
    ("partnership.project", ("nordhausen", "Jugendbegegnung im Harz")): {
        "title": "Youth exchange in the Harz mountains",
        "description": (
            "<p>Young people from both towns spent six days hiking together through the Harz "
            "mountains and stayed at a youth hostel.</p>"
        ),
    },
    ("partnership.project", ("nordhausen", "Chortreffen in Nordhausen")): {
        "title": "Choir meeting in Nordhausen",
        "description": (
            "<p>Three Bochum choirs spent a weekend singing with choirs from Nordhausen, "
            "ending with a joint concert.</p>"
        ),
    },
    (
        "partnership.project",
        ("nordhausen", "Oberbürgermeister aus Nordhausen zu Gast im Rathaus"),
    ): {
        "title": "Mayor of Nordhausen visits Bochum City Hall",
        "description": (
            "<p>The leaders of both towns discussed joint plans of their administrations and "
            "the next visits.</p>"
        ),
    },
    ("partnership.project", ("nordhausen", "Fußballturnier der Partnerstädte")): {
        "title": "Partner towns’ football tournament",
        "description": (
            "<p>Youth teams from Bochum and Nordhausen spent a day playing each other in "
            "mixed sides.</p>"
        ),
    },
    ("partnership.project", ("nordhausen", "Bürgerfahrt zum Stadtfest nach Nordhausen")): {
        "title": "Residents’ trip to the Nordhausen town festival",
        "description": (
            "<p>A full coach went to the town festival; hosts from Nordhausen showed the "
            "visitors their town.</p>"
        ),
    },
    ("partnership.project", ("nordhausen", "Schulklassen aus Nordhausen zu Gast in Bochum")): {
        "title": "School classes from Nordhausen visit Bochum",
        "description": (
            "<p>Two year-nine classes visited their partner school and got to know the Ruhr "
            "area.</p>"
        ),
    },
    ("partnership.project", ("sheffield", "Theatergruppe aus Sheffield zu Gast")): {
        "title": "Theatre group from Sheffield visits",
        "description": (
            "<p>A youth theatre group from Sheffield performed a bilingual play together with "
            "a group from Bochum.</p>"
        ),
    },
    ("partnership.project", ("sheffield", "Delegation des Rates in Sheffield")): {
        "title": "Council delegation to Sheffield",
        "description": (
            "<p>Members of the city council visited Sheffield. It has remained the last "
            "visit at this level.</p>"
        ),
    },
    ("partnership.project", ("oviedo", "Schülergruppe aus Oviedo zu Gast")): {
        "title": "Pupils from Oviedo visit",
        "description": (
            "<p>Pupils from Oviedo stayed with Bochum families for a week and attended "
            "lessons.</p>"
        ),
    },
    ("partnership.project", ("oviedo", "Bürgermeister von Oviedo besucht Bochum")): {
        "title": "Mayor of Oviedo visits Bochum",
        "description": (
            "<p>The mayor of Oviedo came to Bochum with a small delegation. The two cities’ "
            "leaders have not visited each other since.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Jugendbegegnung in Donezk")): {
        "title": "Youth exchange in Donetsk",
        "description": (
            "<p>Young people from Bochum spent ten days in Donetsk. It was the last exchange "
            "before the occupation.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Verbandsmaterial")): {
        "title": "Aid delivery of dressings",
        "description": (
            "<p>The twinning association sent off a lorry with dressings and first-aid kits "
            "for people from Donetsk.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Lebensmitteln")): {
        "title": "Aid delivery of food",
        "description": (
            "<p>Non-perishable food from the association’s collection point went to families "
            "from Donetsk.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Decken und Schlafsäcken")): {
        "title": "Aid delivery of blankets and sleeping bags",
        "description": (
            "<p>The association collected blankets and sleeping bags and sent them off with a "
            "haulier.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Hygieneartikeln")): {
        "title": "Aid delivery of toiletries",
        "description": (
            "<p>Soap, toothpaste and nappies donated by people in Bochum went to people from "
            "Donetsk.</p>"
        ),
    },
    ("partnership.project", ("tsukuba", "Forschungskooperation Robotik")): {
        "title": "Robotics research cooperation",
        "description": (
            "<p>Research groups from the universities of both cities are working for three "
            "years on robots that help in everyday life; doctoral students spend a few "
            "months researching in the other city.</p>"
        ),
    },
    ("partnership.project", ("tsukuba", "Online-Werkstatt zur digitalen Verwaltung")): {
        "title": "Online workshop on digital administration",
        "description": (
            "<p>Experts from both administrations showed each other which services their "
            "residents can already use online.</p>"
        ),
    },
    # Contacts: names, addresses and donation purposes stay German.
    ("partnership.contact", "Büro für Städtepartnerschaften"): {
        "role": "Registration and questions about visits and trips",
        "opening_hours": "Monday to Thursday 9 am to 3 pm, Friday 9 am to noon",
    },
    ("partnership.contact", "Partnerschaftsverein Bochum–Donezk"): {
        "role": "Collection point for relief goods and donations",
        "opening_hours": (
            "Collection point in the courtyard, Beispielweg 12: Saturdays 10 am to 1 pm. "
            "Needed: non-perishable food, hygiene products and dressings."
        ),
    },
    (
        "partnership.project",
        ("tsukuba", "Online-Treffen der Startups aus Bochum und Tsukuba"),
    ): {
        "title": "Online meeting of start-ups from Bochum and Tsukuba",
        "description": (
            "<p>Founders from both cities introduce themselves to one another.</p>"
            "<p>Both cities want to support start-ups that grow out of their universities. "
            "The meeting begins in the morning, so that it is still early evening in "
            "Tsukuba; it is held in English.</p>"
        ),
        "audience": "Founders, students and everyone who supports start-ups",
        "question": "What is your start-up working on?",
    },
    # Categories and cooperation areas
    ("news.category", "partnerschaften"): {"name": "Partnerships"},
    ("news.category", "begegnungen"): {"name": "Encounters"},
    ("partnership.cooperationarea", "digitalisierung-staedtischer-einrichtungen"): {
        "name": "Digitalisation of municipal facilities",
        "description": "The cities’ administrations and facilities.",
    },
    ("partnership.cooperationarea", "hochschulen-und-wissenschaft"): {
        "name": "Universities and science",
        "description": "Exchange between universities and research.",
    },
    ("partnership.cooperationarea", "foerderung-von-startups"): {
        "name": "Support for start-ups",
        "description": "Bringing together founders from both cities.",
    },
    ("partnership.cooperationarea", "stadtentwicklung"): {
        "name": "Urban development",
        "description": "How knowledge cities grow and change.",
    },
    ("partnership.cooperationarea", "hochtechnologie-unternehmen"): {
        "name": "High-tech companies",
        "description": "Firms that research and apply high technology.",
    },
    # Legal pages
    ("site.sitesettings", ""): {
        "site_name": "Twin towns",
        "site_description": (
            "Bochum's twin towns in Europe and Asia: partnerships, projects to join and "
            "news from Sheffield, Oviedo, Donetsk, Nordhausen and Tsukuba."
        ),
    },
    ("site.legalpage", "impressum"): {
        "title": "Legal notice",
        "body": (
            "<h2>Liability for links</h2>"
            "<p>This website links to pages of other providers, such as the websites of the "
            "twin towns and twinning associations. Those providers alone are responsible for "
            "their content.</p>"
            "<h2>Pictures</h2>"
            "<p>Who took a picture and under which licence it is published is stated below "
            "each picture.</p>"
        ),
    },
    ("site.legalpage", "datenschutz"): {
        "title": "Privacy notice",
        "body": (
            "<h2>The essentials</h2>"
            "<p>This website sets no cookies while you read it, embeds nothing from other "
            "providers (no fonts, maps, videos or analytics services) and passes no data on "
            "to third parties.</p>"
            "<h2>Server logs</h2>"
            "<p>When a page is requested, the web server processes the data that is "
            "technically necessary (IP address, time, requested address) in order to deliver "
            "the page and to fend off attacks (Art. 6(1)(e) GDPR). The IP address goes into "
            "the logs only in shortened form (for IPv4 without the last number, for IPv6 only "
            "the first three blocks), so that it cannot be traced to any single connection. "
            "The logs are deleted after seven days.</p>"
            "<h2>Login for editors</h2>"
            "<p>Failed login attempts are stored with the username and IP address to protect "
            "against attacks and are deleted after 90 days.</p>"
            "<h2>Your rights</h2>"
            "<p>You have the right of access, rectification, erasure and restriction of "
            "processing, and the right to lodge a complaint with the State Commissioner for "
            "Data Protection and Freedom of Information of North Rhine-Westphalia.</p>"
        ),
    },
    ("site.legalpage", "barrierefreiheit"): {
        "title": "Accessibility statement",
        "body": (
            "<p>The City of Bochum endeavours to make this website accessible in accordance "
            "with the Disability Equality Act of North Rhine-Westphalia (BGG NRW) and the "
            "North Rhine-Westphalia Accessible Information Technology Ordinance.</p>"
        ),
        "known_limitations": (
            "<ul><li>Posts taken over from the former blog may contain pictures without "
            "alternative text. The editors are adding the texts step by step.</li></ul>"
        ),
        "feedback_contact": "We reply within six weeks.",
        "enforcement": (
            "<p>If you do not receive a satisfactory reply to your feedback, you can turn to "
            "the North Rhine-Westphalia ombuds office for accessible information technology, "
            "based with the State Commissioner for People with Disabilities. The conciliation "
            "procedure is free of charge; you do not need legal representation.</p>"
        ),
    },
    ("site.page", "partnerschaftsvereine"): {
        "title": "Twinning associations",
        "body": (
            "<p>The twinnings are not carried by the town hall alone. In associations, "
            "people from Bochum keep in touch with people in the twin towns, often for "
            "decades: they organise visits, find host families and collect donations.</p>"
            "<h2>What the associations do</h2>"
            "<ul><li>Meetings of choirs, theatre groups and sports clubs</li>"
            "<li>Language evenings and talks about the twin towns</li>"
            "<li>Aid deliveries, at present above all for Donetsk</li></ul>"
            "<h2>Becoming a member</h2>"
            "<p>Anyone who wants to join in needs neither languages nor prior knowledge. "
            "The Twin Towns Office will gladly name the right association: "
            '<a href="mailto:partnerschaften@bochum.example">partnerschaften@bochum.example</a>, '
            "phone 0234 000000-0.</p>"
        ),
    },
    ("site.page", "foerdermoeglichkeiten"): {
        "title": "Funding",
        "body": (
            "<p>A meeting with a twin town need not fail for the cost of travel. Schools, "
            "clubs and initiatives can apply for grants for exchanges and joint projects.</p>"
            "<h2>Who is funded</h2>"
            "<p>Groups from Bochum planning something together with people from a twin "
            "town: a visit, an exhibition, a tournament or a project in class.</p>"
            "<h2>How to apply</h2>"
            "<p>Write to us at least three months before your plans, saying what you intend "
            "and what it costs. We also advise on funds from the state and the European "
            "Union.</p>"
        ),
    },
    ("site.page", "schueleraustausch"): {
        "title": "School exchange – how it works",
        "body": (
            "<p>An exchange with a school in a twin town usually begins with one teacher who "
            "would like to do it. These steps have proved their worth:</p>"
            "<ol><li>Find a partner school: the Twin Towns Office puts you in touch with "
            "schools in Sheffield, Oviedo, Nordhausen and Tsukuba.</li>"
            "<li>Choose a common theme, such as energy, history or sport.</li>"
            "<li>Apply for a grant at least three months before the journey.</li>"
            "<li>Look for host families and involve the parents early.</li></ol>"
            "<p>After your return we look forward to a short report with photos for this "
            "website.</p>"
        ),
    },
    ("site.page", "kontakt"): {
        "title": "Contact",
        "body": (
            "<p>Questions about the twinnings are answered by the Twin Towns Office.</p>"
            "<p>Stadt Bochum (demo)<br>Büro für Städtepartnerschaften<br>"
            "Musterstraße 1<br>44700 Bochum</p>"
            "<p>Phone: 0234 000000-0<br>"
            'Email: <a href="mailto:partnerschaften@bochum.example">'
            "partnerschaften@bochum.example</a></p>"
            "<p>Office hours: Monday to Thursday, 9 am to 12 noon, and by appointment.</p>"
        ),
    },
}

JAPANESE = {
    ("news.article", "staedtepartnerschaft-der-wissensstaedte"): {
        "title": "知識都市どうしの姉妹都市提携",
        "teaser": (
            "2019年11月25日、ボーフム市は初めて純粋な大学都市と姉妹都市提携を結びました。"
            "相手は日本のつくば市です。"
        ),
        "body": (
            "<p>2019年11月25日につくば市との協定に署名し、ボーフム市は新たな一章を開きました。"
            "大学と研究によって成り立つ都市と結びつくのは、これが初めてです。"
            "工業都市から知識都市への歩みがすでにどこまで進んだかを示す出来事です。</p>"
            "<h2>目指すのは具体的なプロジェクト</h2>"
            "<p>11月の最終週、学術、経済、政治、行政の関係者からなる代表団が日本を訪れ、"
            "協定に署名するとともに、最初の共同事業について話し合いました。"
            "中心となるのは次の五つの分野です。</p>"
            "<ul><li>都市施設のデジタル化</li>"
            "<li>大学どうしのさらに緊密な連携</li>"
            "<li>両市におけるスタートアップ支援</li>"
            "<li>二つの知識都市の都市開発</li>"
            "<li>先端技術を研究し活用する企業どうしの協力</li></ul>"
            "<h2>対等なパートナー</h2>"
            "<p>つくば市は1960年代に、科学のまちとして計画的に造られました。"
            "約25万人の住民のうち、8,000人が博士号を持つ研究者です。"
            "ロボット工学、人工知能、ヘルスケア技術、宇宙開発といった"
            "基幹技術の研究が行われています。</p>"
        ),
        **_picture("ja", "Tsukuba"),
    },
    ("news.article", "staedtepartnerschaft-bochum-tsukuba"): {
        "title": "ボーフム市とつくば市の姉妹都市提携",
        "teaser": (
            "ボーフム市とつくば市は、年内に姉妹都市提携を結ぶ予定です。"
            "中心となるのは科学、研究、そして大学と結びついた産業です。"
        ),
        "body": (
            "<p>ボーフム市と日本のつくば市は、2019年中に姉妹都市となることを発表しました。"
            "文化交流と国際理解を柱とする従来の姉妹都市とは異なり、"
            "主に科学、研究、大学と結びついた産業に重点を置きます。</p>"
            "<h2>これまでの四つの姉妹都市</h2>"
            "<p>ボーフム市にはこれまで、イングランドのシェフィールド、スペインのオビエド、"
            "ウクライナのドネツク、テューリンゲン州のノルトハウゼンの四つの姉妹都市があります。"
            "最も交流が活発なのはノルトハウゼンです。"
            "親ロシア派の分離主義勢力が占拠する地域にあるドネツクとは、もはや相互訪問ができず、"
            "姉妹都市協会は支援物資の送付に力を注いでいます。"
            "シェフィールドとオビエドとは、主に音楽・演劇グループや学校のクラスが訪問し合っていますが、"
            "市のトップどうしの交流はほとんどありません。</p>"
            "<h2>知識都市つくば</h2>"
            "<p>筑波大学とルール大学ボーフムは、2016年から緊密に協力してきました。"
            "そこからイノベーション、研究、地域の発展、知識労働の振興をめぐる交流が広がっています。"
            "姉妹都市提携はこの交流をさらに深めるものです。</p>"
        ),
        **_picture("ja", "Bochum"),
    },
    ("news.category", "partnerschaften"): {"name": "姉妹都市"},
    ("cities.city", "bochum"): {"name": "ボーフム"},
    ("cities.city", "tsukuba"): {
        "name": "つくば市",
        "region": "茨城県",
        "founded": "1960年代、「科学のまち」として",
        "summary": (
            "日本の科学都市つくばは、2019年11月25日からボーフム市の最も新しい姉妹都市です。"
        ),
        "description": (
            "<p>つくば市は1960年代に、科学のまちとして特別に計画されました。"
            "現在は、ロボット工学から人工知能、ヘルスケア技術、宇宙開発に至るまで、"
            "基幹技術の研究が行われています。</p>"
        ),
        "key_facts": "博士号を持つ研究者8,000人\n基幹技術の研究拠点",
        "focus_topics": "ロボット工学\n人工知能\nヘルスケア技術\n宇宙開発",
        **_picture("ja", "Tsukuba"),
    },
    ("partnership.partnership", "tsukuba"): {
        "summary": (
            "ボーフム市にとって初めての、純粋な大学都市との姉妹都市提携です。"
            "科学、研究、大学と結びついた産業が中心に据えられています。"
        ),
        "description": (
            "<p>2019年11月25日、両市は姉妹都市協定に署名しました。"
            "ボーフム市にとってこの日は、工業都市から知識都市への転換を示す日です。</p>"
        ),
    },
    ("partnership.statuschange", ("tsukuba", "2019-05-01")): {
        "note": "両市が、2019年中に姉妹都市提携を結ぶ意向を表明。",
    },
    ("partnership.statuschange", ("tsukuba", "2019-11-25")): {
        "note": "協定に署名。",
    },
    ("partnership.institutionaltie", ("tsukuba", "Ruhr-Universität Bochum")): {
        "home_institution": "ルール大学ボーフム",
        "partner_institution": "筑波大学",
        "description": "イノベーション、研究、地域の発展、知識労働をめぐる交流。",
    },
    ("partnership.agreement", ("tsukuba", "Partnerschaftsvereinbarung Bochum – Tsukuba")): {
        "title": "ボーフム市・つくば市姉妹都市協定",
        "place": "日本",
        "summary": (
            "両市は、デジタル化から先端技術まで五つの分野で、"
            "具体的な協力プロジェクトを始めることを目指しています。"
        ),
    },
    ("partnership.project", ("tsukuba", "Delegationsreise zur Unterzeichnung nach Japan")): {
        "title": "協定署名のための代表団の日本訪問",
        "description": (
            "<p>学術、経済、政治、行政の代表者が協定に署名し、"
            "最初のプロジェクトについて話し合います。</p>"
        ),
    },
    (
        "partnership.project",
        ("tsukuba", "Online-Treffen der Startups aus Bochum und Tsukuba"),
    ): {
        "title": "ボーフムとつくばのスタートアップによるオンライン交流会",
        "description": (
            "<p>両市の起業家が互いに自己紹介します。</p>"
            "<p>両市は、大学から生まれるスタートアップを支援しようとしています。"
            "交流会はドイツの午前中に始まるため、つくばではまだ夕方の早い時間です。"
            "使用言語は英語です。</p>"
        ),
        "audience": "起業家、学生、スタートアップを支援するすべての方",
        "question": "あなたのスタートアップは何に取り組んでいますか？",
    },
    ("partnership.project", ("tsukuba", "Forschungskooperation Robotik")): {
        "title": "ロボット工学の共同研究",
        "description": (
            "<p>両市の大学の研究グループが3年間、日常生活を支えるロボットの研究に取り組んでいます。"
            "博士課程の学生は数か月間、相手の都市で研究します。</p>"
        ),
    },
    ("partnership.project", ("tsukuba", "Online-Werkstatt zur digitalen Verwaltung")): {
        "title": "行政のデジタル化をテーマにしたオンライン・ワークショップ",
        "description": (
            "<p>両市の行政の専門家が、市民がすでにオンラインで利用できる"
            "サービスを互いに紹介しました。</p>"
        ),
    },
    # The agreement and a project name these areas.
    ("partnership.cooperationarea", "digitalisierung-staedtischer-einrichtungen"): {
        "name": "都市施設のデジタル化",
        "description": "両市の行政と施設。",
    },
    ("partnership.cooperationarea", "hochschulen-und-wissenschaft"): {
        "name": "大学と科学",
        "description": "大学どうしの交流と研究の交流。",
    },
    ("partnership.cooperationarea", "foerderung-von-startups"): {
        "name": "スタートアップ支援",
        "description": "両市の起業家をつなぐ。",
    },
    ("partnership.cooperationarea", "stadtentwicklung"): {
        "name": "都市開発",
        "description": "知識都市はどのように成長し、変わっていくのか。",
    },
    ("partnership.cooperationarea", "hochtechnologie-unternehmen"): {
        "name": "先端技術企業",
        "description": "先端技術を研究し、活用する企業。",
    },
}

SPANISH = {
    ("cities.city", "oviedo"): {
        "region": "Asturias",
        "summary": "La capital de Asturias, en el norte de España, ciudad hermanada desde 1983.",
        "description": (
            "<p>Como ocurre con Sheffield, el hermanamiento con Oviedo funciona a medio gas: "
            "grupos culturales y escolares se visitan mutuamente, pero las administraciones "
            "apenas mantienen contacto.</p>"
        ),
        **_picture("es", "Oviedo"),
    },
    ("partnership.partnership", "oviedo"): {
        "status_note": (
            "Encuentros de grupos culturales y escolares; apenas hay contacto entre los "
            "responsables municipales."
        ),
        "summary": "Hermanamiento con la capital asturiana desde 1983.",
    },
    ("partnership.statuschange", ("oviedo", "1983-01-01")): {
        "note": "Se firma el hermanamiento.",
    },
    ("partnership.project", ("oviedo", "Konzert eines Chors aus Oviedo")): {
        "title": "Concierto de un coro de Oviedo",
        "description": (
            "<p>Un coro de Oviedo cantó canciones asturianas y, junto con un coro de Bochum, "
            "dos piezas de ambas ciudades.</p>"
        ),
        "audience": "Todo el público; la entrada fue gratuita",
    },
    ("partnership.project", ("oviedo", "Schülergruppe aus Oviedo zu Gast")): {
        "title": "Visita de un grupo de alumnos de Oviedo",
        "description": (
            "<p>Alumnas y alumnos de Oviedo se alojaron una semana con familias de Bochum y "
            "asistieron a las clases.</p>"
        ),
    },
    ("partnership.project", ("oviedo", "Bürgermeister von Oviedo besucht Bochum")): {
        "title": "El alcalde de Oviedo visita Bochum",
        "description": (
            "<p>El alcalde de Oviedo viajó a Bochum con una pequeña delegación. Desde "
            "entonces, los responsables municipales no han vuelto a visitarse.</p>"
        ),
    },
}

UKRAINIAN = {
    ("cities.city", "bochum"): {"name": "Бохум"},
    ("cities.city", "donezk"): {
        "name": "Донецьк",
        "region": "Донецька область",
        "summary": "Місто-партнер з 1987 року; після окупації обмін призупинено.",
        "description": (
            "<p>Донецьк лежить у тій частині України, яку тримають в окупації проросійські "
            "сепаратисти. Зустрічі більше неможливі. Товариство побратимства з великою "
            "самовіддачею підтримує зв’язок, організовуючи доставки допомоги.</p>"
        ),
        **_picture("uk", "Donezk"),
    },
    ("partnership.partnership", "donezk"): {
        "status_note": "Обмін зупинився; товариство побратимства організовує доставки допомоги.",
        "summary": "Пов’язані з 1987 року, без зустрічей з 2014 року.",
    },
    ("partnership.statuschange", ("donezk", "1987-01-01")): {
        "note": "Укладено партнерство.",
    },
    ("partnership.statuschange", ("donezk", "2014-06-01")): {
        "note": "Після окупації проросійськими сепаратистами обмін зупиняється.",
    },
    ("partnership.project", ("donezk", "Sammelaktion für die nächste Hilfslieferung")): {
        "title": "Збір для наступної доставки допомоги",
        "description": "<p>Товариство побратимства приймає пожертви.</p>",
        "bring": "Продукти тривалого зберігання, засоби гігієни та перев’язувальні матеріали",
    },
    ("partnership.project", ("donezk", "Packtag für die Hilfslieferung")): {
        "title": "День пакування для доставки допомоги",
        "description": (
            "<p>Волонтери сортують пожертви й завантажують вантажівку.</p>"
            "<p>День пакування скасовано: цього місяця перевізник не може поїхати. "
            "Пожертви завантажать у наступний день пакування, про який ми повідомимо "
            "тут.</p>"
        ),
        "audience": "Усі, хто хоче допомогти сортувати й пакувати",
    },
    ("partnership.project", ("donezk", "Jugendbegegnung in Donezk")): {
        "title": "Молодіжна зустріч у Донецьку",
        "description": (
            "<p>Молодь із Бохума провела десять днів у Донецьку. Це була остання зустріч "
            "перед окупацією.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Verbandsmaterial")): {
        "title": "Доставка перев’язувальних матеріалів",
        "description": (
            "<p>Товариство побратимства відправило вантажівку з перев’язувальними "
            "матеріалами й аптечками для людей із Донецька.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Lebensmitteln")): {
        "title": "Доставка продуктів харчування",
        "description": (
            "<p>Продукти тривалого зберігання з пункту збору товариства отримали родини "
            "з Донецька.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Decken und Schlafsäcken")): {
        "title": "Доставка ковдр і спальників",
        "description": (
            "<p>Товариство зібрало ковдри та спальники й відправило їх через "
            "транспортну компанію.</p>"
        ),
    },
    ("partnership.project", ("donezk", "Hilfslieferung mit Hygieneartikeln")): {
        "title": "Доставка засобів гігієни",
        "description": (
            "<p>Мило, зубну пасту й підгузки, пожертвувані мешканцями Бохума, отримали люди "
            "з Донецька.</p>"
        ),
    },
}

TRANSLATIONS = {"en": ENGLISH, "ja": JAPANESE, "es": SPANISH, "uk": UKRAINIAN}

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from cities.models import City
from news.models import Article
from partnership.barometer import activity
from partnership.barometer.activity import ENCOUNTERS, Kind
from partnership.models import Agreement, Partnership, Project
from partnership.participation.forms import SignUpForm
from partnership.participation.models import SignUp
from partnership.site.checks import launch_problems
from partnership.site.models import DemoObject

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("cities", "partnership", "participation", "news")
        for model in apps.get_app_config(app).get_models()
    }


def test_load_demo_twice_gives_the_same_rows():
    call_command("load_demo", stdout=StringIO())
    first = row_counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert row_counts() == first
    assert "nichts geändert" in output.getvalue()


def test_load_demo_never_changes_what_exists():
    call_command("load_demo", stdout=StringIO())
    City.objects.filter(slug="tsukuba").update(summary="Von der Redaktion geändert.")
    Article.objects.filter(slug="staedtepartnerschaft-bochum-tsukuba").delete()

    call_command("load_demo", stdout=StringIO())

    assert City.objects.get(slug="tsukuba").summary == "Von der Redaktion geändert."
    assert Article.objects.filter(slug="staedtepartnerschaft-bochum-tsukuba").exists()


def test_demo_holds_the_real_state_of_the_partnerships():
    call_command("load_demo", stdout=StringIO())

    assert City.objects.home().name == "Bochum"
    states = {p.partner_city.slug: p for p in Partnership.objects.published()}
    assert set(states) == {"sheffield", "oviedo", "donezk", "nordhausen", "tsukuba"}
    assert states["donezk"].status == Partnership.Status.SUSPENDED
    assert states["sheffield"].established_year == 1950
    tsukuba = states["tsukuba"]
    assert str(tsukuba.established_on) == "2019-11-25"
    assert tsukuba.agreements.get().cooperation_areas.count() == 5
    assert tsukuba.institutional_ties.get().since_year == 2016


def test_demo_barometer_shows_the_picture_of_the_city_posts():
    call_command("load_demo", stdout=StringIO())
    records = {
        record.partnership.partner_city.slug: record
        for record in activity.records(Partnership.objects.published(), public=True)
    }
    two_years = records["nordhausen"].since(24)
    one_year = records["nordhausen"].since(12)

    def encounters(slug, kinds=ENCOUNTERS):
        return records[slug].count(kinds, since=two_years)

    # Nordhausen, "besonders rege": more encounters than any other, from both sides.
    nordhausen = records["nordhausen"]
    assert all(
        encounters("nordhausen") > encounters(slug) for slug in records.keys() - {"nordhausen"}
    )
    assert encounters("nordhausen", [Kind.DELEGATION]) >= 1
    assert all(
        a.participants_home and a.participants_partner
        for a in nordhausen.select(ENCOUNTERS, since=two_years)
    )
    assert nordhausen.next_planned().title == "Bürgerfahrt nach Nordhausen"
    assert nordhausen.count([Kind.NEWS], since=one_year) >= 1

    # Sheffield and Oviedo, "auf Sparflamme": a group visit or two, no visit of
    # the city leaderships for more than five years, and Oviedo without news.
    for slug in ("sheffield", "oviedo"):
        assert 1 <= encounters(slug) <= 2
        assert encounters(slug, [Kind.DELEGATION]) == 0
        assert records[slug].last([Kind.DELEGATION]).date < records[slug].since(60)
    assert records["oviedo"].count([Kind.NEWS], since=one_year) == 0

    # Donezk: aid deliveries by the association only, no encounter since 2014.
    donezk = records["donezk"]
    assert encounters("donezk") == 0
    assert donezk.count([Kind.AID], since=two_years) >= 3
    assert donezk.last().date.year < 2014

    # Tsukuba: its first projects since the signing, and an agreement due for review.
    tsukuba = records["tsukuba"]
    firsts = [a for a in tsukuba.held if a.is_project() and a.date.year > 2019]
    assert len(firsts) >= 2
    assert tsukuba.next_planned().title == "Online-Treffen der Startups aus Bochum und Tsukuba"
    (agreement,) = Agreement.objects.filter(partnership=tsukuba.partnership)
    # No three months are shorter than 89 days.
    assert 0 < (agreement.review_on - timezone.localdate()).days < 89


def test_demo_projects_record_costs_and_funding_some_of_them_public():
    call_command("load_demo", stdout=StringIO())
    funded = Project.objects.filter(funding_amount__gt=0)

    assert set(funded.values_list("funding_source", flat=True)) == {
        "Engagement Global",
        "EU-Programm Bürgerinnen und Bürger",
    }
    assert all(project.funding_amount <= project.costs for project in funded)
    costed = Project.objects.filter(costs__isnull=False)
    assert costed.filter(costs_public=True).exists()
    assert costed.filter(costs_public=False).exists()


def test_every_demo_project_is_recorded_as_demo_content():
    call_command("load_demo", stdout=StringIO())

    assert set(Project.objects.all()) <= set(DemoObject.objects.remaining())


def test_demo_has_recent_and_old_public_posts_a_draft_and_a_scheduled_one():
    call_command("load_demo", stdout=StringIO())
    public = Article.objects.published()
    today = timezone.localdate()
    # The news of the last weeks are dated from the day the demo is loaded.
    assert [
        (today - timezone.localtime(article.publish_at).date()).days for article in public[:4]
    ] == [2, 6, 9, 16]
    assert [article.publish_at.date().isoformat() for article in public[4:]] == [
        "2019-12-03",
        "2019-05-26",
    ]
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    scheduled = Article.objects.exclude(pk__in=public).get(status=Article.Status.PUBLISHED)
    assert not scheduled.is_published()


def test_demo_pages_show_the_demo_content(client):
    call_command("load_demo", stdout=StringIO())
    home = client.get("/").content.decode()
    assert "Städtepartnerschaft der Wissensstädte" in home
    assert "03" in home and "Dez" in home
    profile = client.get("/staedte/tsukuba/").content.decode()
    assert "8.000 promovierte Wissenschaftler" in profile
    assert client.get("/partnerschaften/donezk/").status_code == 200
    # An event: on its partnership's page and under Mitmachen.
    nordhausen = client.get("/partnerschaften/nordhausen/").content.decode()
    assert "Bürgerfahrt nach Nordhausen" in nordhausen
    assert "Bürgerfahrt nach Nordhausen" in client.get("/mitmachen/").content.decode()


def test_demo_has_events_open_full_moved_cancelled_and_past():
    call_command("load_demo", stdout=StringIO())
    today = timezone.localdate()
    events = {event.title: event for event in Project.objects.published().events()}

    trip = events["Bürgerfahrt nach Nordhausen"]
    assert trip.signup_enabled and trip.start_date > today
    assert trip.signups.holding_places().people() < trip.capacity
    # The trip asks for a phone number, and its page shows a picture described in German.
    assert trip.ask_phone and all(signup.phone for signup in trip.signups.all())
    assert trip.image and trip.image_alt.startswith("Gezeichnete Stadtsilhouette")

    exchange = events["Schüleraustausch mit Sheffield"]
    assert exchange.for_minors and exchange.ask_age_group
    assert exchange.signups.holding_places().people() == exchange.capacity
    assert exchange.signups.waiting_list().count() == 2
    assert all(signup.participant_name for signup in exchange.signups.all())
    # Every sign-up's age group is one the exchange's own form offers.
    offered = dict(SignUpForm(exchange).fields["age_group"].choices)
    assert all(signup.age_group in offered for signup in exchange.signups.all())

    assert events["Packtag für die Hilfslieferung"].is_cancelled
    moved = events["Sammelaktion für die nächste Hilfslieferung"]
    assert moved.is_moved and moved.original_start_date < moved.start_date
    assert events["Online-Treffen der Startups aus Bochum und Tsukuba"].online

    (past,) = Project.objects.published().events().past()
    assert past.signup_count.people > 0
    assert not past.signups.exists()
    # A project of the past that nobody could join stays a project.
    assert not Project.objects.get(title__startswith="Delegationsreise").is_event


def test_demo_sign_ups_are_invented_and_keep_the_check_failing():
    call_command("load_demo", stdout=StringIO())
    signups = SignUp.objects.all()
    assert signups.count() == 12
    assert all(signup.email.endswith("@example.org") for signup in signups)

    # Only the sign-ups left of the demo: the site is still no city's site.
    DemoObject.objects.exclude(content_type=ContentType.objects.get_for_model(SignUp)).delete()

    (problem,) = [text for text in launch_problems() if "Demo-Inhalte" in text]
    assert "Es gibt noch 12 Demo-Inhalte" in problem


def test_demo_calendar_says_which_events_are_cancelled(client):
    call_command("load_demo", stdout=StringIO())

    feed = client.get("/mitmachen/kalender.ics").content.decode()

    assert "SUMMARY:Abgesagt: Packtag für die Hilfslieferung" in feed
    assert "STATUS:CANCELLED" in feed


def test_demo_login_creates_an_admin_and_one_account_per_role_once():
    output = StringIO()
    call_command("demo_login", stdout=output)
    assert output.getvalue().count("Passwort") == 3
    users = {user.username: user for user in get_user_model().objects.all()}
    assert users["admin"].is_superuser
    assert users["redaktion"].has_perm("news.change_article")
    assert not users["redaktion"].has_perm("news.publish_article")
    assert users["leitung"].has_perm("news.publish_article")
    # So that the workflow e-mails of a local demo show in the terminal.
    assert users["redaktion"].email == "redaktion@example.org"

    again = StringIO()
    call_command("demo_login", stdout=again)
    assert "changepassword admin" in again.getvalue()
    assert get_user_model().objects.count() == 3

import pytest
from django.urls import reverse

from cities.models import City
from news.models import Article
from partnership.site.models import LegalPage
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    CooperationAreaFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
    article_form,
    image_upload,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ("cities", "city", CityFactory),
    ("partnership", "partnership", PartnershipFactory),
    ("partnership", "agreement", AgreementFactory),
    ("partnership", "project", ProjectFactory),
    ("partnership", "cooperationarea", CooperationAreaFactory),
    ("news", "article", ArticleFactory),
    ("news", "category", CategoryFactory),
    ("site", "legalpage", lambda: LegalPage.objects.create(kind="impressum", title="Impressum")),
]


def admin_urls(app, model, factory):
    obj = factory()
    return [
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_add"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ]


@pytest.mark.parametrize(("app", "model", "factory"), MODELS)
def test_staff_can_open_every_admin_page(admin_client, app, model, factory):
    for url in admin_urls(app, model, factory):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize(("app", "model", "factory"), MODELS)
def test_anonymous_visitors_are_sent_to_the_login(client, app, model, factory):
    for url in admin_urls(app, model, factory):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/")


def test_admin_is_german_with_the_site_name(admin_client, settings):
    html = admin_client.get("/admin/").content.decode()
    assert "Städtepartnerschaften – Verwaltung" in html
    assert "Beiträge" in html and "Partnerschaften" in html


def test_saving_an_article_records_the_author_and_cleans_the_body(admin_client, superuser):
    response = admin_client.post(
        reverse("admin:news_article_add"),
        article_form(body="<p>Eine Delegation kam.</p><script>alert(1)</script>"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.slug == "besuch-aus-tsukuba"
    assert article.created_by == superuser
    assert article.body == "<p>Eine Delegation kam.</p>"


def test_reserved_slug_is_a_form_error(admin_client):
    response = admin_client.post(reverse("admin:news_article_add"), article_form(slug="feed"))
    assert response.status_code == 200
    assert "reserviert" in response.content.decode()
    assert not Article.objects.exists()


def test_image_in_body_without_alt_text_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse("admin:news_article_add"),
        article_form(body='<p><img src="/media/editor/foto.jpg"></p>'),
    )
    assert response.status_code == 200
    assert "Bilder ohne Alternativtext: foto.jpg" in response.content.decode()
    assert not Article.objects.exists()


def test_image_hidden_from_the_check_in_noscript_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse("admin:news_article_add"),
        article_form(
            body='<noscript><p title="</noscript><img src=/media/editor/foto.jpg>"></noscript>'
        ),
    )
    assert response.status_code == 200
    assert "Bilder ohne Alternativtext: foto.jpg" in response.content.decode()
    assert not Article.objects.exists()


def test_main_image_without_alt_text_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse("admin:news_article_add"), article_form(image=image_upload())
    )
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Bild" in response.content.decode()
    assert not Article.objects.exists()


def test_fake_image_is_a_form_error(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bild.jpg", b"<html>kein Bild</html>", content_type="image/jpeg")
    response = admin_client.post(
        reverse("admin:news_article_add"), article_form(image=fake, image_alt="x")
    )
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_a_second_home_city_is_a_form_error(admin_client):
    HomeCityFactory()
    response = admin_client.post(
        reverse("admin:cities_city_add"),
        {"name": "Zweite", "slug": "", "country": "DE", "is_home": "on"},
    )
    assert response.status_code == 200
    assert "Es gibt bereits eine Heimatstadt" in response.content.decode()
    assert City.objects.count() == 1


def test_deleting_a_city_with_a_partnership_is_refused_with_a_message(admin_client):
    partnership = PartnershipFactory()
    city = partnership.partner_city
    url = reverse("admin:cities_city_delete", args=[city.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "geschützt" in response.content.decode()
    assert City.objects.filter(pk=city.pk).exists()


def test_new_partnership_form_proposes_the_home_city(admin_client):
    home = HomeCityFactory()
    response = admin_client.get(reverse("admin:partnership_partnership_add"))
    assert response.context["adminform"].form.initial["home_city"] == home.pk


def test_view_on_site_links_to_the_public_page(admin_client):
    article = ArticleFactory(title="Hallo")
    html = admin_client.get(
        reverse("admin:news_article_change", args=[article.pk])
    ).content.decode()
    assert "Auf der Website anzeigen" in html


def test_article_changelist_query_count(admin_client, django_assert_max_num_queries):
    for article in ArticleFactory.create_batch(5):
        article.cities.add(CityFactory())
    with django_assert_max_num_queries(12):
        admin_client.get(reverse("admin:news_article_changelist"))

"""
A database filled before the shared building blocks moved to core and the
legal pages to the site layer migrates forward without losing or changing a
row: the rows are written through the historical models of the state before
the move, then read again through today's models.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cities.models import City
from core.models import NotificationSetting, PendingChange, RetiredSlug, SearchTerm
from partnership.site.models import LegalPage

# The last migration of each app before the move; core and site did not exist.
BEFORE_THE_MOVE = [
    ("cities", "0007_pendingchange"),
    ("partnership", "0005_upload_fields_validate_new_files"),
    ("news", "0006_preview_link_random_tokens"),
    ("core", None),
    ("site", None),
]

# Every table the move touches keeps its name; these hold the rows written below.
TABLES = [
    "cities_city",
    "cities_retiredslug",
    "cities_searchterm",
    "cities_pendingchange",
    "cities_notificationsetting",
    "partnership_page",
    "partnership_historicalpage",
    "auth_group_permissions",
]


def migrate(targets):
    """Migrate to ``targets`` and return the app registry of that state."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def table_rows(columns=None):
    """
    Each table's rows as {column: value}, in a stable order; with ``columns``
    only those of each table, leaving out columns added since.
    """
    rows = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            names = [column[0] for column in cursor.description]
            wanted = columns[table] if columns else names
            rows[table] = sorted(
                (
                    {name: value for name, value in zip(names, row, strict=True) if name in wanted}
                    for row in cursor.fetchall()
                ),
                key=repr,
            )
    return rows


def columns_of(rows):
    return {table: set().union(*rows[table]) for table in rows}


def fill_before_the_move(apps):
    """Rows of every moved model, written as the code before the move wrote them."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    user = apps.get_model("auth", "User").objects.create(username="redaktion")
    city_type, _ = content_type.objects.get_or_create(app_label="cities", model="city")
    for model in ["retiredslug", "searchterm", "pendingchange", "notificationsetting"]:
        content_type.objects.get_or_create(app_label="cities", model=model)
    page_type, _ = content_type.objects.get_or_create(app_label="partnership", model="page")
    content_type.objects.get_or_create(app_label="partnership", model="historicalpage")
    publish_page, _ = permission.objects.get_or_create(
        content_type=page_type,
        codename="publish_page",
        defaults={"name": "Kann Pflichtseiten veröffentlichen"},
    )
    apps.get_model("auth", "Group").objects.create(name="Pflichtseiten").permissions.add(
        publish_page
    )

    city = apps.get_model("cities", "City").objects.create(
        name="Tsukuba", slug="tsukuba", country="JP", published=True
    )
    apps.get_model("cities", "RetiredSlug").objects.create(
        content_type=city_type, object_id=city.pk, slug="tsukuba-city"
    )
    apps.get_model("cities", "SearchTerm").objects.create(word="wissenschaftsstadt")
    apps.get_model("cities", "PendingChange").objects.create(
        content_type=city_type,
        object_id=city.pk,
        proposal={"summary": "Neue Kurzbeschreibung"},
        base={"summary": ""},
        base_version=1,
        author=user,
        changed_by=user,
    )
    apps.get_model("cities", "NotificationSetting").objects.create(user=user, editorial=False)
    page = apps.get_model("partnership", "Page").objects.create(
        kind="impressum", title="Impressum", body="<p>Stadt Bochum</p>", published=True
    )
    apps.get_model("partnership", "HistoricalPage").objects.create(
        id=page.pk,
        kind=page.kind,
        title=page.title,
        body=page.body,
        published=page.published,
        updated=page.updated,
        history_date=page.updated,
        history_type="+",
        history_user=user,
    )
    return {"city": city.pk, "city_type": city_type.pk, "page_type": page_type.pk}


# One test for rows, content types and permissions: migrating back to before
# the move and forward again takes most of a minute.
@pytest.mark.django_db(transaction=True)
def test_database_filled_before_the_move_migrates_without_changing_a_row():
    after_the_move = latest()
    try:
        ids = fill_before_the_move(migrate(BEFORE_THE_MOVE))
        before = table_rows()

        migrate(after_the_move)
        ContentType.objects.clear_cache()

        # Later migrations may add columns; what was there stays as it was.
        assert table_rows(columns_of(before)) == before
        city = City.objects.get(pk=ids["city"])
        assert RetiredSlug.objects.target(City, "tsukuba-city") == city
        assert SearchTerm.objects.filter(word="wissenschaftsstadt").exists()
        pending = PendingChange.objects.get()
        assert (pending.content_object, pending.proposal) == (
            city,
            {"summary": "Neue Kurzbeschreibung"},
        )
        assert pending.author.username == "redaktion"
        assert NotificationSetting.objects.get(user__username="redaktion").editorial is False
        page = LegalPage.objects.get(kind=LegalPage.Kind.IMPRINT)
        assert (page.title, page.body, page.published) == (
            "Impressum",
            "<p>Stadt Bochum</p>",
            True,
        )
        assert [record.history_user.username for record in page.history.all()] == ["redaktion"]
        assert page.history.get().instance.title == "Impressum"

        # Content types keep their ids, so permissions and history links stay.
        assert ContentType.objects.get_for_model(City).pk == ids["city_type"]
        assert ContentType.objects.get_for_model(LegalPage).pk == ids["page_type"]
        for model in [RetiredSlug, SearchTerm, PendingChange, NotificationSetting]:
            assert ContentType.objects.get_for_model(model).app_label == "core"
        assert not ContentType.objects.filter(app_label="cities", model="retiredslug").exists()
        assert not ContentType.objects.filter(app_label="partnership", model="page").exists()
        group = Group.objects.get(name="Pflichtseiten")
        assert [
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in group.permissions.all()
        ] == ["site.publish_legalpage"]
    finally:
        migrate(after_the_move)
        ContentType.objects.clear_cache()

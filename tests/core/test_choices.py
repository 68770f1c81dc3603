from django.template import Context, Template
from django.utils import translation

from core.choices import choice_label
from partnership.models import Partnership, Project


def test_label_is_the_one_get_display_gives_in_each_language():
    partnership = Partnership(kind=Partnership.Kind.TWIN_TOWN, status=Partnership.Status.DORMANT)
    labels = {}
    for language in ["de", "en", "ja", "de"]:
        with translation.override(language):
            labels[language] = (
                choice_label(partnership, "kind"),
                choice_label(partnership, "status"),
            )
            assert labels[language] == (
                partnership.get_kind_display(),
                partnership.get_status_display(),
            )
    assert labels["de"] == ("Städtepartnerschaft", "ruhend")
    assert labels["en"] == ("Town twinning", "dormant")
    assert labels["ja"] == ("姉妹都市提携", "休止中")


def test_label_follows_the_object_s_current_value():
    project = Project(kind=Project.Kind.SPORTS)
    with translation.override("de"):
        assert choice_label(project, "kind") == "Sport"
        project.kind = Project.Kind.CULTURE
        assert choice_label(project, "kind") == "Kultur"


def test_a_value_outside_the_choices_shows_as_itself():
    with translation.override("de"):
        assert choice_label(Project(kind="gibt-es-nicht"), "kind") == "gibt-es-nicht"


def test_template_filter_needs_no_load_and_follows_the_language():
    template = Template('{{ partnership|choice_label:"kind" }}')
    context = Context({"partnership": Partnership(kind=Partnership.Kind.FRIENDSHIP)})
    with translation.override("de"):
        assert template.render(context) == "Städtefreundschaft"
    with translation.override("en"):
        assert template.render(context) == Partnership(kind="freundschaft").get_kind_display()
        assert template.render(context) != "Städtefreundschaft"

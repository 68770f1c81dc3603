"""The council's yearly report, in the admin and as a file."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import engines
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnership.models import Partnership

from . import report

FORMATS = {"html": "barometer:report", "csv": "barometer:report-csv"}


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Jahr"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in reversed(report.years())]
        self.fields["year"].initial = timezone.localdate().year - 1


def may_see_partnerships(request):
    """The admin's own rule for viewing partnerships (view or change permission)."""
    if not admin.site.get_model_admin(Partnership).has_view_permission(request):
        raise PermissionDenied


def year_of(year):
    if year not in report.years():
        raise Http404(_("Für dieses Jahr gibt es keinen Bericht."))
    return year


def form_view(request):
    """
    The year to report on, as a form; a valid choice leads to the report
    in the chosen format.

    Template: ``admin/barometer/report_form.html``
    Context: the admin's, ``title`` and ``form``.
    """
    may_see_partnerships(request)
    form = YearForm(request.GET if "year" in request.GET else None)
    if form.is_valid():
        chosen = FORMATS.get(request.GET.get("format"), FORMATS["html"])
        return redirect(chosen, year=form.cleaned_data["year"])
    context = {
        **admin.site.each_context(request),
        "title": _("Jahresbericht Städtepartnerschaften"),
        "form": form,
    }
    return render(request, "admin/barometer/report_form.html", context)


def report_view(request, year):
    """
    The report as a printable page of its own.

    Template: ``barometer/report.html``
    Context: ``report`` (report.Report); the site's context (site_settings, is_demo).
    """
    may_see_partnerships(request)
    # A German document for the council, whatever language the admin speaks.
    with translation.override("de"):
        built = report.build(year_of(year))
        return render(request, "barometer/report.html", {"report": built})


def csv_view(request, year):
    """The report's summary table as a CSV file for Excel."""
    may_see_partnerships(request)
    with translation.override("de"):
        built = report.build(year_of(year))
        content = report.as_csv(built, is_demo=site_context(request).get("is_demo", False))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    filename = f"jahresbericht-staedtepartnerschaften-{year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def site_context(request):
    """
    What the context processors give every template, for a response that is
    no template: the site's state belongs to a layer above this app.
    """
    context = {}
    for processor in engines["django"].engine.template_context_processors:
        context.update(processor(request))
    return context


urlpatterns = [
    path("bericht/", admin.site.admin_view(form_view), name="report-form"),
    path("bericht/<int:year>/", admin.site.admin_view(report_view), name="report"),
    path("bericht/<int:year>/csv/", admin.site.admin_view(csv_view), name="report-csv"),
]

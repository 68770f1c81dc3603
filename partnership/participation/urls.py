from django.urls import path

from core.urlwords import route

from . import calendars, signup, views

app_name = "participation"

# Below the section word (partnership.site.sections.PARTICIPATE). The words
# here are kept from event slugs by partnership.models.EVENT_PAGE_WORDS.
urlpatterns = [
    path("", views.UpcomingEventListView.as_view(), name="list"),
    path(route("{}/", "archiv"), views.EventArchiveIndexView.as_view(), name="archive"),
    path("<int:year>/", views.EventYearArchiveView.as_view(), name="year"),
    path(route("{}.ics", "kalender"), calendars.all_events, name="calendar"),
    path(
        route("{}/{}/<slug:slug>.ics", "kalender", "partnerschaften"),
        calendars.partnership_events,
        name="partnership-calendar",
    ),
    path(
        route("{}/{}/<slug:slug>.ics", "kalender", "staedte"),
        calendars.city_events,
        name="city-calendar",
    ),
    path(
        route("{}/<str:key>/{}/", "anmeldung", "bestaetigen"),
        signup.ConfirmView.as_view(),
        name="confirm",
    ),
    path(
        route("{}/<str:key>/{}/", "anmeldung", "absagen"),
        signup.CancelView.as_view(),
        name="cancel",
    ),
    path("<slug:slug>.ics", calendars.event, name="event-calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path(route("<slug:slug>/{}/", "anmeldung"), signup.SignUpView.as_view(), name="signup"),
]

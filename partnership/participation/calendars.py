from django.http import Http404


def all_events(request):
    raise Http404


def partnership_events(request, slug):
    raise Http404


def city_events(request, slug):
    raise Http404


def event(request, slug):
    raise Http404

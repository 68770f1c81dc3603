from django.http import Http404
from django.views import View


class SignUpView(View):
    def post(self, request, slug):
        raise Http404


class ConfirmView(View):
    def get(self, request, key):
        raise Http404


class CancelView(View):
    def get(self, request, key):
        raise Http404

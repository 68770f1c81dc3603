"""
Image uploads for the rich-text editor, in place of django-ckeditor's own.

Its uploader trusts file names and keeps what it receives; this one checks
the content like every other image upload (core.uploads), stores a
re-encoded copy under a random name and answers in German.
"""

import json
from io import BytesIO

from ckeditor_uploader import views as ckeditor_views
from ckeditor_uploader.utils import get_thumb_filename
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import Image

from core.uploads import reencode_image, validate_image

THUMBNAIL_SIZE = (300, 300)
# Whoever may edit one of the rich-text models may upload pictures for it.
RICH_TEXT_PERMISSIONS = (
    "news.change_article",
    "cities.change_city",
    "partnership.change_partnership",
    "partnership.change_project",
)


def _may_upload(user):
    return any(user.has_perm(permission) for permission in RICH_TEXT_PERMISSIONS)


def _is_cross_site(request):
    # CKEditor 4 sends its own CSRF token, which Django does not know, so
    # the view is csrf_exempt and refuses requests from other sites itself.
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in {"same-origin", "none"}:
        return True
    origin = request.headers.get("Origin")
    return bool(origin) and not url_has_allowed_host_and_scheme(
        origin, allowed_hosts={request.get_host()}
    )


def _reply(request, url="", error=""):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if not func_num.isdigit():
        payload = {"uploaded": 1, "fileName": url.rsplit("/", 1)[-1], "url": url}
        if error:
            payload = {"uploaded": 0, "error": {"message": error}}
        return JsonResponse(payload)
    # The image dialog expects a script that hands the result to the editor.
    arguments = ", ".join(json.dumps(value) for value in (int(func_num), url, error))
    return HttpResponse(
        f"<script>window.parent.CKEDITOR.tools.callFunction({arguments});</script>"
    )


def _save_thumbnail(name, content):
    with Image.open(BytesIO(content)) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = BytesIO()
        image.save(buffer, format=image.format)
    default_storage.save(get_thumb_filename(name), ContentFile(buffer.getvalue()))


# The image dialog posts into a hidden frame of the admin page.
@xframe_options_sameorigin
@csrf_exempt
@require_POST
def upload(request):
    if _is_cross_site(request) or not _may_upload(request.user):
        return HttpResponseForbidden()
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return _reply(request, error=_("Es wurde keine Datei übermittelt."))
    try:
        validate_image(uploaded)
    except ValidationError as error:
        return _reply(request, error=" ".join(error.messages))
    image = reencode_image(uploaded)
    content = image.read()
    name = default_storage.save(f"{settings.CKEDITOR_UPLOAD_PATH}{image.name}", image)
    _save_thumbnail(name, content)
    return _reply(request, url=default_storage.url(name))


def browse(request):
    if not _may_upload(request.user):
        return HttpResponseForbidden()
    return ckeditor_views.browse(request)


# The names are the ones django-ckeditor's widget looks up for its dialogs.
urlpatterns = [
    path("upload/", staff_member_required(upload), name="ckeditor_upload"),
    path("browse/", never_cache(staff_member_required(browse)), name="ckeditor_browse"),
]

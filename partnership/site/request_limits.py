"""
Request bodies larger than their endpoint accepts are refused before they
are read.

Django refuses an oversized file only after it has received all of it, and a
form's other fields only after their limit is exceeded. Here a request whose
``Content-Length`` already exceeds the limit of its address gets a 413 at
once; a body sent without a length (chunked) is read only up to the limit.
Each limit sits a little above what the forms accept, so a file just over a
form's limit still gets the form's own error message.
"""

import re
import tempfile
from dataclasses import dataclass

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import site_state

MB = 1024 * 1024
# Public pages take no uploads; their only forms are small GET forms.
PUBLIC_BODY_LIMIT = 64 * 1024
# Room for the multipart framing and the CSRF token of a form that only carries a file.
FRAMING = MB
# Held in memory up to this size while a body of unknown length is counted.
SPOOL_IN_MEMORY = 2 * MB


@dataclass(frozen=True)
class Limit:
    bytes: int
    files: str  # What the endpoint's forms accept, in words for staff.


def _mb(size):
    return size // MB


def body_limit(path):
    """The largest body the address ``path`` accepts."""
    image, document, video = (
        settings.MAX_IMAGE_UPLOAD_SIZE,
        settings.MAX_DOCUMENT_UPLOAD_SIZE,
        settings.MAX_VIDEO_UPLOAD_SIZE,
    )
    # A form's text may use Django's own field limit beside its largest file.
    text = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if path.startswith("/admin/editor/"):
        return Limit(image + FRAMING, _("Bilder bis %(mb)s MB") % {"mb": _mb(image)})
    if re.fullmatch(r"/admin/site/legalpage/(add|[^/]+/change)/", path):
        return Limit(
            video + text,
            _("Videos bis %(mb)s MB, Untertitel und Bilder bis %(image)s MB")
            % {"mb": _mb(video), "image": _mb(image)},
        )
    if path.startswith("/admin/"):
        return Limit(
            max(image, document) + text,
            _("Bilder bis %(image)s MB, PDF-Dokumente bis %(document)s MB")
            % {"image": _mb(image), "document": _mb(document)},
        )
    return Limit(PUBLIC_BODY_LIMIT, "")


class RequestSizeLimitMiddleware:
    """
    Answers 413 for a body over its address's limit, before reading it.

    It comes right after the middleware that only sets response headers, so
    the 413 page carries them too; nothing before it reads the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path_info)
        declared = request.META.get("CONTENT_LENGTH")
        if declared:
            try:
                too_big = int(declared) > limit.bytes
            except ValueError:
                # Django reads such a body as empty.
                too_big = False
            if too_big:
                return too_big_response(limit)
        elif self._is_streamed(request):
            body = self._take_streamed_body(request, limit)
            if body is None:
                return too_big_response(limit)
            with body:
                return self.get_response(request)
        return self.get_response(request)

    @staticmethod
    def _is_streamed(request):
        return (
            "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
            and "wsgi.input" in request.META
            and request.META.get("wsgi.input_terminated", False)
        )

    @staticmethod
    def _take_streamed_body(request, limit):
        """
        Read a body of unknown length, at most up to the limit, and hand it to
        Django with its length (which otherwise reads it as empty). None if
        it is longer than the limit; the rest is never read.
        """
        stream = request.META["wsgi.input"]
        body = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (handed on)
        size = 0
        while block := stream.read(min(64 * 1024, limit.bytes + 1 - size)):
            size += len(block)
            if size > limit.bytes:
                body.close()
                return None
            body.write(block)
        body.seek(0)
        request.META["CONTENT_LENGTH"] = str(size)
        # WSGIRequest reads its body through this stream.
        request._stream = LimitedStream(body, size)
        return body


def too_big_response(limit):
    # Rendered without the request: no database, no session, nothing read.
    context = {
        **site_state(query=False).context(timezone.now()),
        "limit": limit.bytes,
        "files": limit.files,
    }
    return HttpResponse(render_to_string("413.html", context), status=413)

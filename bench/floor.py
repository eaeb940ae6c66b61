"""The benchmark's floor: the cheapest page the same server stack can answer.

Mounted at /bench/floor/ by bench/urls.py, the URLconf bench/run.py starts
gunicorn with (``ROOT_URLCONF=bench.urls``), so that bench/run.py can report every
figure as a share of what the stack itself allows.
"""

from django.http import HttpRequest, HttpResponse

FLOOR_BYTES = 50 * 1024
_LINE = b"<p>Alliance against Trafficking in Persons: benchmark floor page.</p>\n"
FLOOR_PAGE = (
    b"<!doctype html><html><body>\n" + _LINE * (FLOOR_BYTES // len(_LINE) + 1)
)[: FLOOR_BYTES - len(b"</body></html>\n")] + b"</body></html>\n"


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_PAGE, content_type="text/html; charset=utf-8")

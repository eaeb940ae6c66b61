"""The benchmark's URLconf: the whole site, plus the floor page at /bench/floor/.

bench/run.py starts gunicorn with ``ROOT_URLCONF=bench.urls``, so that the site
itself never imports ``bench``. The site's patterns are copied, not included:
``i18n_patterns`` work only in the root URLconf.
"""

from django.urls import path

from alliance import urls as site
from bench.floor import floor

handler404 = site.handler404
handler500 = site.handler500

urlpatterns = [path("bench/floor/", floor), *site.urlpatterns]

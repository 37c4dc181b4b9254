import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# What start-up loaded (Django, the apps, the document libraries) lives as long as the
# worker: keep the cyclic garbage collector from walking it again on every full collection,
# which took the slowest dashboard requests from about 60 ms to 170 ms (tests/bench).
gc.freeze()

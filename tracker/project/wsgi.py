"""WSGI entry point for Suivi (``gunicorn tracker.project.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.project.settings")

application = get_wsgi_application()

"""WSGI entry point for Suivi: ``make serve`` runs it under gunicorn (docs/deploy.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.project.settings")

application = get_wsgi_application()

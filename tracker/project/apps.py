from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The project shell, installed only so that Django finds its bootstrap commands
    (``ensure_roles``, ``ensure_admin``, ``load_sample_data``). It has no models."""

    name = "tracker.project"
    label = "project"
    verbose_name = _("Suivi")

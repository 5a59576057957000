"""Suivi's root URLs: the website, sign-in, the language switch, the admin, the health check."""

from django.contrib import admin
from django.urls import include, path

from tracker.project.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("tracker.web.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

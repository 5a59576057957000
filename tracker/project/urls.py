"""Suivi's root URLs: the website, sign-in, the language switch and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tracker.web.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

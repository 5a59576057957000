"""Suivi's URLs: the pages, sign-in, language switch and the admin."""

from django.contrib import admin
from django.urls import include, path, re_path

from tracker import import_views, views

tracker_patterns = [
    path("", views.followup_list, name="followup_list"),
    re_path(r"^followups\.(?P<fmt>csv|json)$", views.followup_export, name="followup_export"),
    path("followups/<int:pk>/", views.followup_detail, name="followup_detail"),
    path("followups/<int:pk>/progress/", views.followup_progress, name="followup_progress"),
    path("followups/<int:pk>/due-date/", views.followup_due_date, name="followup_due_date"),
    path("followups/<int:pk>/assign/", views.followup_assign, name="followup_assign"),
    path("resolutions/", views.resolution_list, name="resolution_list"),
    path("import/", import_views.import_start, name="import_start"),
    path("import/review/", import_views.import_review, name="import_review"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    # Symbols contain slashes: /resolutions/A/HRC/RES/46/13/
    path("resolutions/<path:symbol>/", views.resolution_detail, name="resolution_detail"),
]

urlpatterns = [
    path("", include((tracker_patterns, "tracker"))),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

"""The website's URLs, under the ``web`` namespace: follow-ups, resolutions, the import."""

from django.urls import path, re_path, register_converter

from tracker.web import (
    account,
    dashboard,
    followups,
    imports,
    reports,
    resolutions,
    saved_views,
    units,
)
from tracker.web import feeds as feed_views
from tracker.web import reminders as reminder_views
from tracker.web.converters import FeedKeyConverter, SymbolConverter

register_converter(SymbolConverter, "symbol")
register_converter(FeedKeyConverter, "feed_key")

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("me/", account.account, name="account"),
    path("me/reminders/", reminder_views.reminder_settings, name="reminder_settings"),
    path("me/feed-key/", feed_views.regenerate_feed_key, name="regenerate_feed_key"),
    path("feeds/<feed_key:key>/followups.ics", feed_views.followup_feed, name="followup_feed"),
    path("views/save/", saved_views.save_view, name="save_view"),
    path("views/<int:pk>/rename/", saved_views.rename_view, name="rename_view"),
    path("views/<int:pk>/delete/", saved_views.delete_view, name="delete_view"),
    path("sessions/<int:pk>/report/", reports.session_report, name="session_report"),
    path("followups/", followups.followup_list, name="followup_list"),
    re_path(
        r"^followups\.(?P<fmt>csv|json|xlsx)$", followups.followup_export, name="followup_export"
    ),
    path("followups/<int:pk>/", followups.followup_detail, name="followup_detail"),
    path("followups/<int:pk>/progress/", followups.followup_progress, name="followup_progress"),
    path("followups/<int:pk>/due-date/", followups.followup_due_date, name="followup_due_date"),
    path("followups/<int:pk>/assign/", followups.followup_assign, name="followup_assign"),
    path("followups/<int:pk>/status/", followups.followup_status, name="followup_status"),
    path(
        "followups/<int:pk>/waits-on/",
        followups.followup_add_dependency,
        name="followup_add_dependency",
    ),
    path(
        "followups/<int:pk>/waits-on/<int:other>/remove/",
        followups.followup_remove_dependency,
        name="followup_remove_dependency",
    ),
    path("units/", units.unit_list, name="unit_list"),
    path("units/<int:pk>/members/", units.unit_add_member, name="unit_add_member"),
    path(
        "units/<int:pk>/members/<int:person>/remove/",
        units.unit_remove_member,
        name="unit_remove_member",
    ),
    path("resolutions/", resolutions.resolution_list, name="resolution_list"),
    path("import/", imports.import_start, name="import_start"),
    path("import/review/", imports.import_review, name="import_review"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
    # Symbols contain slashes: /resolutions/A/HRC/RES/46/13/
    path("resolutions/<symbol:symbol>/", resolutions.resolution_detail, name="resolution_detail"),
]

"""The follow-up admin: a focal point must be someone who can open the follow-up."""

from django.urls import reverse

from tests.factories import FollowUpFactory
from tests.tracker.test_admin import followup_form


def test_a_focal_point_without_a_role_is_refused_with_a_message_and_nothing_saved(
    client, manager, outsider, viewer
):
    followup = FollowUpFactory()
    url = reverse("admin:tracker_followup_change", args=[followup.pk])
    client.force_login(manager)

    refused = client.post(url, followup_form(followup, focal_point=outsider.pk), follow=True)
    accepted = client.post(url, followup_form(followup, focal_point=viewer.pk))

    assert "cannot be a focal point" in refused.content.decode()
    assert accepted.status_code == 302
    followup.refresh_from_db()
    assert followup.focal_point == viewer

"""The follow-up admin: a focal point must be someone who can open the follow-up."""

from django.urls import reverse

from tests.factories import FollowUpFactory
from tests.tracker.test_admin import followup_form
from tracker import permissions


def test_the_focal_point_choice_lists_only_people_who_can_open_follow_ups(
    client, manager, outsider, viewer
):
    followup = FollowUpFactory()
    client.force_login(manager)

    form = (
        client.get(reverse("admin:tracker_followup_change", args=[followup.pk]))
        .context["adminform"]
        .form
    )
    offered = set(form.fields["focal_point"].queryset)

    assert viewer in offered
    assert outsider not in offered
    assert offered == set(permissions.readers())


def test_a_focal_point_without_a_role_is_refused_with_a_message_and_nothing_saved(
    client, manager, outsider, viewer
):
    followup = FollowUpFactory()
    url = reverse("admin:tracker_followup_change", args=[followup.pk])
    client.force_login(manager)

    refused = client.post(url, followup_form(followup, focal_point=outsider.pk), follow=True)
    followup.refresh_from_db()
    unchanged = followup.focal_point
    accepted = client.post(url, followup_form(followup, focal_point=viewer.pk))

    assert "Select a valid choice" in refused.content.decode()
    assert unchanged is None
    assert accepted.status_code == 302
    followup.refresh_from_db()
    assert followup.focal_point == viewer

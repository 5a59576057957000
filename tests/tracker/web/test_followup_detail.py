import datetime

import pytest
from django.urls import reverse

from tests.factories import FollowUpFactory, ProgressEntryFactory
from tracker.models import DueDateSource, Status
from tracker.web.forms import AssignmentForm, DueDateForm, ProgressForm


def detail_url(followup):
    return reverse("web:followup_detail", args=[followup.pk])


def progress_url(followup):
    return reverse("web:followup_progress", args=[followup.pk])


def due_date_url(followup):
    return reverse("web:followup_due_date", args=[followup.pk])


def posted(form_class, data):
    """``data`` as the follow-up page sends it: each form has its own prefix."""
    return {f"{form_class.prefix}-{name}": value for name, value in data.items()}


def test_it_shows_the_follow_up_with_its_progress_log(
    client, staff_member, django_assert_max_num_queries
):
    followup = FollowUpFactory(title="Summary report")
    ProgressEntryFactory.create_batch(5, followup=followup)
    ProgressEntryFactory(followup=followup, text="Consulted the Bureau")
    client.force_login(staff_member)

    with django_assert_max_num_queries(12):
        response = client.get(detail_url(followup))

    page = response.content.decode()
    assert "Summary report" in page
    assert "Consulted the Bureau" in page
    assert f'action="{progress_url(followup)}"' in page


def test_it_answers_404_for_an_unknown_follow_up(client, staff_member):
    client.force_login(staff_member)
    assert client.get(reverse("web:followup_detail", args=[999999])).status_code == 404


def test_staff_record_progress_and_change_status(client, staff_member):
    followup = FollowUpFactory()
    client.force_login(staff_member)

    response = client.post(
        progress_url(followup),
        posted(
            ProgressForm,
            {"text": "Draft sent to editing", "status": "in_progress", "version": followup.version},
        ),
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == Status.IN_PROGRESS
    assert followup.progress.get().author == staff_member


def test_a_forged_status_is_refused_with_a_message(client, staff_member):
    followup = FollowUpFactory()
    client.force_login(staff_member)

    response = client.post(
        progress_url(followup),
        posted(
            ProgressForm, {"text": "Trying", "status": "cancelled", "version": followup.version}
        ),
    )

    assert response.status_code == 400
    assert "status" in response.context["progress_form"].errors
    followup.refresh_from_db()
    assert followup.status == Status.NOT_STARTED


def test_a_concurrent_edit_is_reported_and_the_text_is_kept(client, staff_member):
    followup = FollowUpFactory()
    old_version = followup.version
    client.force_login(staff_member)
    client.post(
        progress_url(followup),
        posted(ProgressForm, {"text": "First", "status": "not_started", "version": old_version}),
    )

    response = client.post(
        progress_url(followup),
        posted(ProgressForm, {"text": "My careful note", "status": "done", "version": old_version}),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "changed by someone else" in page
    assert "My careful note" in page
    followup.refresh_from_db()
    assert followup.status == Status.NOT_STARTED


def test_someone_without_a_role_cannot_post_progress(client, outsider):
    followup = FollowUpFactory()
    client.force_login(outsider)

    response = client.post(
        progress_url(followup),
        posted(ProgressForm, {"text": "x", "status": "not_started", "version": 1}),
    )

    assert response.status_code == 403
    assert not followup.progress.exists()


def test_a_manager_sets_a_due_date_by_hand_with_a_reason(client, manager):
    followup = FollowUpFactory()
    client.force_login(manager)

    response = client.post(
        due_date_url(followup),
        posted(
            DueDateForm,
            {
                "due_date": "2030-01-15",
                "reason": "Bureau asked for it early",
                "version": followup.version,
            },
        ),
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.due_date == datetime.date(2030, 1, 15)
    assert followup.due_date_source == DueDateSource.MANUAL


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"due_date": "2030-02-31", "reason": "x"}, "due_date"),
        ({"due_date": "2030-01-15", "reason": ""}, "reason"),
    ],
)
def test_a_wrong_due_date_is_shown_next_to_its_field(client, manager, data, field):
    followup = FollowUpFactory()
    client.force_login(manager)

    response = client.post(
        due_date_url(followup), posted(DueDateForm, {**data, "version": followup.version})
    )

    assert response.status_code == 400
    assert field in response.context["due_date_form"].errors


def test_staff_cannot_set_due_dates(client, staff_member):
    followup = FollowUpFactory()
    client.force_login(staff_member)
    response = client.post(
        due_date_url(followup),
        posted(DueDateForm, {"due_date": "2030-01-15", "reason": "x", "version": 1}),
    )
    assert response.status_code == 403


def test_a_manager_assigns_a_lead_unit_and_a_focal_point(client, manager, staff_member):
    from tests.factories import UnitFactory

    followup = FollowUpFactory()
    unit = UnitFactory(name="Rule of Law section")
    client.force_login(manager)

    response = client.post(
        reverse("web:followup_assign", args=[followup.pk]),
        posted(
            AssignmentForm,
            {"lead_unit": unit.pk, "focal_point": staff_member.pk, "version": followup.version},
        ),
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.lead_unit, followup.focal_point) == (unit, staff_member)


def test_staff_cannot_assign(client, staff_member):
    followup = FollowUpFactory()
    client.force_login(staff_member)
    response = client.post(
        reverse("web:followup_assign", args=[followup.pk]),
        posted(AssignmentForm, {"version": followup.version}),
    )
    assert response.status_code == 403

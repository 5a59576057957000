import datetime
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from resolutions.importer import parse
from tests.factories import (
    FollowUpFactory,
    ProgressEntryFactory,
    ResolutionFactory,
    SessionFactory,
    UnitFactory,
)
from tracker import services
from tracker.models import DueDateSource, FollowUp, Status
from tracker.web.forms import AssignmentForm, DependencyForm, DueDateForm, ProgressForm


def detail_url(followup):
    return reverse("web:followup_detail", args=[followup.pk])


def progress_url(followup):
    return reverse("web:followup_progress", args=[followup.pk])


def due_date_url(followup):
    return reverse("web:followup_due_date", args=[followup.pk])


def posted(form_class, data):
    """``data`` as the follow-up page sends it: each form has its own prefix."""
    return {f"{form_class.prefix}-{name}": value for name, value in data.items()}


@pytest.mark.parametrize("rows", [5, 200])
def test_it_shows_the_follow_up_with_its_activity_in_the_same_queries_whatever_its_length(
    client, manager, django_assert_num_queries, rows
):
    followup = FollowUpFactory(title="Summary report")
    ProgressEntryFactory.create_batch(rows, followup=followup)
    ProgressEntryFactory(followup=followup, text="Consulted the Bureau")
    units = [UnitFactory() for _ in range(3)]
    for number in range(rows):
        services.assign(followup=followup, lead_unit=units[number % 3], focal_point=manager)
    client.force_login(manager)

    # session, user, 2 × permissions, the follow-up, its paragraphs, progress, waits on,
    # waited on by, history, closure days (working-day moves), units and people named by
    # the changes, and the choices of
    # the dependency and assignment forms (follow-ups, units, people).
    with django_assert_num_queries(16):
        response = client.get(detail_url(followup))

    assert len(response.context["activity"]) == 2 * rows + 2  # entries, changes, creation

    page = response.content.decode()
    assert "Summary report" in page
    assert "Consulted the Bureau" in page
    assert f'action="{progress_url(followup)}"' in page


def test_it_answers_404_for_an_unknown_follow_up(client, staff_member):
    client.force_login(staff_member)
    assert client.get(reverse("web:followup_detail", args=[999999])).status_code == 404


def test_staff_record_progress_and_change_status(client, staff_member):
    followup = FollowUpFactory(focal_point=staff_member)
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
    followup = FollowUpFactory(focal_point=staff_member)
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
    followup = FollowUpFactory(focal_point=staff_member)
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
    followup.refresh_from_db()
    assert (followup.due_date_source, followup.version) == ("derived", 1)


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
    assert FollowUp.objects.get(pk=followup.pk).version == followup.version


def status_url(followup):
    return reverse("web:followup_status", args=[followup.pk])


def test_the_summary_says_how_a_derived_due_date_was_found(client, staff_member):
    session = SessionFactory(number=152)
    followup = FollowUpFactory(target_session=session)
    client.force_login(staff_member)

    page = client.get(detail_url(followup)).content.decode()

    assert "derived: 6 weeks before" in page
    assert f'<time datetime="{followup.due_date:%Y-%m-%d}">' in page


def test_the_summary_says_who_set_the_due_date_by_hand_and_when(client, manager):
    followup = FollowUpFactory(resolution=ResolutionFactory())
    manager.first_name, manager.last_name = "Marc", "Dupont"
    manager.save()
    client.force_login(manager)
    with time_machine.travel(datetime.datetime(2026, 3, 3, 10, tzinfo=datetime.UTC)):
        client.post(
            due_date_url(followup),
            posted(
                DueDateForm,
                {"due_date": "2041-01-15", "reason": "Bureau", "version": followup.version},
            ),
        )

    page = client.get(detail_url(followup)).content.decode()

    assert "set by hand on 3 Mar 2026 by Marc Dupont: Bureau" in page


def test_a_status_is_shown_once(client, staff_member):
    followup = FollowUpFactory(status=Status.DONE)
    client.force_login(staff_member)

    response = client.get(detail_url(followup))

    assert response.context["state"] is None
    status = response.content.decode().split('<dd class="status">')[1].split("</dd>")[0]
    assert status.count("Done") == 1


def test_staff_see_the_status_moves_the_workflow_allows_them_as_buttons(client, staff_member):
    followup = FollowUpFactory(focal_point=staff_member)
    client.force_login(staff_member)

    response = client.get(detail_url(followup))

    assert [label for _value, label in response.context["status_buttons"]] == [
        "Mark in progress",
        "Mark done",
    ]
    page = response.content.decode()
    assert f'action="{status_url(followup)}"' in page
    assert 'name="status-status" value="in_progress"' in page


def test_a_status_button_moves_the_follow_up_and_logs_it(client, staff_member):
    followup = FollowUpFactory(focal_point=staff_member)
    client.force_login(staff_member)

    response = client.post(
        status_url(followup), {"status-status": "in_progress", "status-version": followup.version}
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == Status.IN_PROGRESS
    assert followup.progress.get().status_to == Status.IN_PROGRESS


def test_a_status_button_from_a_stale_page_changes_nothing(client, staff_member):
    followup = FollowUpFactory(focal_point=staff_member)
    stale = followup.version
    services.assign(followup=followup, lead_unit=None, focal_point=staff_member)
    client.force_login(staff_member)

    response = client.post(status_url(followup), {"status-status": "done", "status-version": stale})

    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    followup.refresh_from_db()
    assert followup.status == Status.NOT_STARTED


def test_staff_cannot_cancel_with_a_forged_button(client, staff_member):
    followup = FollowUpFactory(focal_point=staff_member)
    client.force_login(staff_member)

    response = client.post(
        status_url(followup), {"status-status": "cancelled", "status-version": followup.version}
    )

    assert response.status_code == 400
    followup.refresh_from_db()
    assert followup.status == Status.NOT_STARTED


def test_an_error_summary_links_each_error_to_its_field_and_opens_its_form(client, manager):
    followup = FollowUpFactory()
    client.force_login(manager)

    response = client.post(
        due_date_url(followup),
        posted(DueDateForm, {"due_date": "2030-01-15", "reason": "", "version": followup.version}),
    )

    page = response.content.decode()
    assert response.context["open_form"] == "due_date_form"
    assert '<details id="due-date" open>' in page
    assert '<details id="assign">' in page
    summary = page.split('class="errors error-summary" role="alert"')[1].split("</div>")[0]
    assert '<a href="#id_due-reason">Reason: Say why the due date is set by hand.</a>' in summary


@pytest.mark.parametrize("typed", ["1945-12-31", "2101-01-01"])
def test_a_date_outside_the_years_of_the_united_nations_is_refused(client, manager, typed):
    followup = FollowUpFactory()
    client.force_login(manager)

    response = client.post(
        due_date_url(followup),
        posted(DueDateForm, {"due_date": typed, "reason": "x", "version": followup.version}),
    )

    assert response.status_code == 400
    assert response.context["due_date_form"].errors["due_date"] == [
        "Enter a date between 1946 and 2100."
    ]


def test_a_due_date_before_the_adoption_without_a_reason_is_refused_on_the_date(client, manager):
    followup = FollowUpFactory(resolution__adopted_on=datetime.date(2021, 3, 23))
    adopted = followup.resolution.adopted_on
    client.force_login(manager)

    response = client.post(
        due_date_url(followup),
        posted(
            DueDateForm,
            {"due_date": f"{adopted.year - 1}-01-01", "reason": "", "version": followup.version},
        ),
    )

    assert response.status_code == 400
    assert "before the resolution was adopted" in str(
        response.context["due_date_form"].errors["due_date"]
    )


def test_the_date_fields_carry_iso_values_in_french(client, manager):
    followup = FollowUpFactory(status=Status.DONE, completed_on=datetime.date(2040, 5, 4))
    services.set_due_date(followup=followup, due_date=datetime.date(2041, 12, 15), reason="x")
    client.force_login(manager)

    with translation.override("fr"):
        page = client.get(detail_url(followup), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert 'name="due-due_date" value="2041-12-15"' in page
    assert 'name="progress-completed_on" value="2040-05-04"' in page
    assert "15/12/2041" not in page


def test_only_optional_fields_are_marked_optional(client, manager):
    client.force_login(manager)

    page = client.get(detail_url(FollowUpFactory())).content.decode()

    assert '<label for="id_due-reason">Reason</label>' in page
    assert '<label for="id_progress-status">Status</label>' in page
    assert '<label for="id_progress-text">What was done <span class="optional">' in page


def test_the_page_shows_what_it_waits_on_and_what_waits_on_it(client, staff_member):
    report, meeting, later = FollowUpFactory(), FollowUpFactory(), FollowUpFactory()
    services.add_dependency(followup=report, waits_on=meeting)
    services.add_dependency(followup=later, waits_on=report)
    client.force_login(staff_member)

    response = client.get(detail_url(report))

    assert list(response.context["followup"].waits_on.all()) == [meeting]
    assert list(response.context["followup"].awaited_by.all()) == [later]
    page = response.content.decode()
    assert f'<a href="{detail_url(meeting)}">#{meeting.pk} {meeting.title}</a>' in page
    assert f'<a href="{detail_url(later)}">#{later.pk} {later.title}</a>' in page


def test_a_manager_links_a_follow_up_of_the_same_resolution_and_unlinks_it(client, manager):
    report = FollowUpFactory()
    meeting = FollowUpFactory(resolution=report.resolution)
    client.force_login(manager)

    response = client.post(
        reverse("web:followup_add_dependency", args=[report.pk]),
        posted(DependencyForm, {"waits_on": meeting.pk, "version": report.version}),
    )
    assert response.status_code == 302
    assert list(report.waits_on.all()) == [meeting]

    report.refresh_from_db()
    response = client.post(
        reverse("web:followup_remove_dependency", args=[report.pk, meeting.pk]),
        {"unlink-version": report.version},
    )
    assert response.status_code == 302
    assert not report.waits_on.exists()


def test_a_manager_links_any_follow_up_by_its_number_but_not_a_cycle(client, manager):
    report, other = FollowUpFactory(), FollowUpFactory()
    services.add_dependency(followup=other, waits_on=report)
    client.force_login(manager)

    response = client.post(
        reverse("web:followup_add_dependency", args=[report.pk]),
        posted(DependencyForm, {"number": other.pk, "version": report.version}),
    )

    assert response.status_code == 400
    assert "cannot wait on each other" in str(response.context["dependency_form"].errors)
    assert '<details id="dependencies" open>' in response.content.decode()


def test_staff_cannot_link_follow_ups(client, staff_member):
    report, other = FollowUpFactory(), FollowUpFactory()
    client.force_login(staff_member)
    response = client.post(
        reverse("web:followup_add_dependency", args=[report.pk]),
        posted(DependencyForm, {"number": other.pk, "version": report.version}),
    )
    assert response.status_code == 403
    assert not report.waits_on.exists()


def test_someone_without_a_role_learns_nothing_of_which_follow_ups_exist(client, outsider):
    client.force_login(outsider)

    existing = client.post(progress_url(FollowUpFactory()), {})
    missing = client.post(reverse("web:followup_progress", args=[999999]), {})

    assert (existing.status_code, missing.status_code) == (403, 403)


def test_a_person_without_a_role_cannot_be_made_focal_point(client, manager, outsider):
    followup = FollowUpFactory()
    client.force_login(manager)

    response = client.post(
        reverse("web:followup_assign", args=[followup.pk]),
        posted(AssignmentForm, {"focal_point": outsider.pk, "version": followup.version}),
    )

    assert response.status_code == 400
    assert "focal_point" in response.context["assignment_form"].errors
    followup.refresh_from_db()
    assert followup.focal_point is None


def test_opening_a_forms_address_directly_leads_back_to_the_follow_up(client, manager):
    followup = FollowUpFactory()
    client.force_login(manager)

    response = client.get(due_date_url(followup))

    assert response.status_code == 302
    assert response["Location"] == followup.get_absolute_url()
    assert client.put(due_date_url(followup)).status_code == 405


def import_recurring(keep=lambda order: True):
    """The project's fixture of recurring mandates, imported with the proposals *keep* accepts."""
    path = (
        Path(__file__).resolve().parents[2]
        / "resolutions"
        / "importer"
        / "fixtures"
        / "en_recurring_mandates.txt"
    )
    text = path.read_text()
    parsed = parse(text)
    proposals = [p for order, p in enumerate(services.proposals_for(parsed)) if keep(order)]
    services.import_resolution(parsed=parsed, source_text=text, proposals=proposals)
    return list(FollowUp.objects.filter(mandate__series=1).order_by("mandate__occurrence"))


@pytest.mark.parametrize("rows", [5, 200])
def test_an_editor_of_the_lead_unit_reads_the_page_in_twelve_queries(
    client, staff_member, django_assert_num_queries, rows
):
    unit = UnitFactory()
    unit.members.add(staff_member)
    followup = FollowUpFactory(lead_unit=unit)
    ProgressEntryFactory.create_batch(rows, followup=followup)
    client.force_login(staff_member)

    # session, user, 2 × permissions, the follow-up, its paragraphs, progress, waits
    # on, waited on by, history, closure days, and whether the editor belongs to its
    # lead unit: asked by the buttons, the form and the workflow, read once.
    with django_assert_num_queries(12):
        response = client.get(detail_url(followup))

    assert response.context["can_log"]


def test_a_recurring_follow_up_lists_the_others_of_its_series_with_their_due_dates(
    client, staff_member, council_calendar, django_assert_num_queries
):
    first, second, third = import_recurring()
    client.force_login(staff_member)

    # session, user, 2 × permissions, the follow-up, its paragraphs, progress, waits on,
    # waited on by, history, closure days, and the series: its occurrences, their
    # follow-ups (one query each however long the series).
    with django_assert_num_queries(13):
        response = client.get(detail_url(second))

    page = response.content.decode()
    assert "Annual series, 2 of 3" in page
    assert [m.occurrence for m in response.context["series"]] == [1, 2, 3]
    for other in (first, third):
        assert f'<a href="{detail_url(other)}">#{other.pk} {other.display_title}</a>' in page
        assert other.due_date.strftime("%-d %B %Y") in page
    assert "this follow-up" in page


def test_an_occurrence_dropped_at_import_is_shown_as_not_followed_up(
    client, staff_member, council_calendar
):
    first, third = import_recurring(keep=lambda order: order != 1)
    client.force_login(staff_member)

    page = " ".join(client.get(detail_url(first)).content.decode().split())

    assert "<li>session 57: not followed up</li>" in page
    assert f'href="{detail_url(third)}"' in page


def test_a_follow_up_in_no_series_shows_none_and_reads_no_series(
    client, staff_member, council_calendar, django_assert_num_queries
):
    import_recurring()
    alone = FollowUp.objects.get(mandate__paragraph__number=5)
    client.force_login(staff_member)

    with django_assert_num_queries(11):  # as above, without the series' two
        response = client.get(detail_url(alone))

    assert response.context["series"] == []
    assert "Series" not in response.content.decode()


def test_a_follow_up_of_a_decision_names_the_decision_it_comes_from(client, staff_member):
    decision = ResolutionFactory(number="58/102", symbol="A/HRC/DEC/58/102", kind="decision")
    followup = FollowUpFactory(resolution=decision)
    client.force_login(staff_member)

    page = client.get(detail_url(followup)).content.decode()

    assert "<dt>Decision</dt>" in page


@time_machine.travel(datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC), tick=False)
def test_a_completion_date_after_today_is_refused_next_to_its_field(client, manager):
    followup = FollowUpFactory(status=Status.IN_PROGRESS)
    client.force_login(manager)

    response = client.post(
        progress_url(followup),
        posted(
            ProgressForm,
            {
                "text": "Done early",
                "status": "done",
                "completed_on": "2026-12-01",
                "version": followup.version,
            },
        ),
    )

    assert response.status_code == 400
    assert "A follow-up cannot be completed after today." in response.content.decode()
    followup.refresh_from_db()
    assert (followup.status, followup.completed_on, followup.progress.count()) == (
        Status.IN_PROGRESS,
        None,
        0,
    )


def test_an_editor_of_another_unit_reads_the_page_without_its_forms(client, staff_member):
    followup = FollowUpFactory(lead_unit=UnitFactory(name="Treaties"))
    client.force_login(staff_member)

    response = client.get(detail_url(followup))

    assert response.status_code == 200
    assert (response.context["can_log"], response.context["can_manage"]) == (False, False)
    assert response.context["status_buttons"] == []
    page = response.content.decode()
    assert f'action="{progress_url(followup)}"' not in page
    assert "Only its focal point, the members of its lead unit and managers" in page


def test_an_editor_of_another_unit_is_refused_with_the_reason_and_nothing_is_written(
    client, staff_member
):
    followup = FollowUpFactory(lead_unit=UnitFactory(name="Treaties"))
    client.force_login(staff_member)

    response = client.post(
        progress_url(followup),
        posted(ProgressForm, {"text": "Mine now", "status": "done", "version": followup.version}),
    )
    button = client.post(
        status_url(followup), {"status-status": "done", "status-version": followup.version}
    )

    assert (response.status_code, button.status_code) == (403, 403)
    assert "focal point of or that one of your units leads" in response.content.decode()
    followup.refresh_from_db()
    assert (followup.status, followup.version, followup.progress.count()) == (
        Status.NOT_STARTED,
        1,
        0,
    )


def test_an_editor_updates_what_their_unit_leads(client, staff_member):
    unit = UnitFactory(name="Rule of Law section")
    unit.members.add(staff_member)
    followup = FollowUpFactory(lead_unit=unit)
    client.force_login(staff_member)

    response = client.post(
        status_url(followup), {"status-status": "in_progress", "status-version": followup.version}
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == Status.IN_PROGRESS


def test_a_viewer_reads_the_page_and_may_post_nothing(client, viewer):
    followup = FollowUpFactory()
    client.force_login(viewer)

    page = client.get(detail_url(followup))
    refused = client.post(
        progress_url(followup),
        posted(ProgressForm, {"text": "Hello", "status": "done", "version": followup.version}),
    )

    assert page.status_code == 200
    assert "Record progress" not in page.content.decode()
    assert refused.status_code == 403
    assert not followup.progress.exists()


def test_the_focal_point_choice_offers_only_people_who_can_open_follow_ups(
    client, manager, viewer, outsider
):
    followup = FollowUpFactory()
    client.force_login(manager)

    form = client.get(detail_url(followup)).context["assignment_form"]

    offered = {person.username for person in form.fields["focal_point"].queryset}
    assert offered == {"marc", "vera"}


def test_a_forged_focal_point_is_refused_with_a_message_saying_who_can_be_one(
    client, manager, outsider
):
    followup = FollowUpFactory()
    client.force_login(manager)

    response = client.post(
        reverse("web:followup_assign", args=[followup.pk]),
        posted(AssignmentForm, {"focal_point": outsider.pk, "version": followup.version}),
    )

    assert response.status_code == 400
    assert "only someone who can open follow-ups can be a focal point" in (
        response.content.decode()
    )

"""Every model's admin list and change pages answer, with the list columns asked for."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from resolutions.models import Resolution, Session
from tests.factories import FollowUpFactory, UserFactory
from tracker.models import FollowUp

MODELS = [
    m
    for m in apps.get_models()
    if m._meta.app_label in {"resolutions", "tracker"} and m in admin.site._registry
]


@pytest.fixture
def admin_client_with_sample(client, db):
    call_command("load_sample_data", stdout=StringIO())
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_every_model_of_suivi_is_in_the_admin():
    ours = {
        m
        for m in apps.get_models()
        if m._meta.app_label in {"resolutions", "tracker"}
        and not m.__name__.startswith("Historical")
    }
    assert ours <= set(admin.site._registry)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_list_search_and_change_pages_answer(admin_client_with_sample, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    assert admin_client_with_sample.get(changelist).status_code == 200
    assert admin_client_with_sample.get(changelist, {"q": "46"}).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client_with_sample.get(change).status_code == 200


def test_changing_a_session_in_the_admin_moves_derived_due_dates(admin_client_with_sample):
    session = Session.objects.get(number=52)
    report = FollowUp.objects.get(kind="report")
    url = reverse("admin:resolutions_session_change", args=[session.pk])

    response = admin_client_with_sample.post(
        url,
        {
            "body": "HRC",
            "number": 52,
            "start_date": "2023-03-06",
            "end_date": "2023-04-11",
            "dates_confirmed": "on",
            "notes": "",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.due_date == datetime.date(2023, 3, 6) - datetime.timedelta(weeks=6)


def test_the_follow_up_list_filters_by_due_state(admin_client_with_sample):
    FollowUpFactory()
    url = reverse("admin:tracker_followup_changelist")
    assert admin_client_with_sample.get(url, {"state": "overdue"}).status_code == 200


def followup_form(followup, **changes):
    data = {
        "resolution": followup.resolution_id,
        "paragraphs": [p.pk for p in followup.paragraphs.all()],
        "mandate": followup.mandate_id or "",
        "kind": followup.kind,
        "title": followup.title,
        "actor": followup.actor,
        "lead_unit": "",
        "focal_point": "",
        "target_session": followup.target_session_id or "",
        "serves": followup.serves_id or "",
        "status": followup.status,
        "completed_on": "",
        "output_document": "",
        "expected_version": followup.version,
        "progress-TOTAL_FORMS": "0",
        "progress-INITIAL_FORMS": "0",
    }
    return data | changes


def test_changing_the_target_session_in_the_admin_rederives_the_due_date(
    admin_client_with_sample,
):
    report = FollowUp.objects.get(kind="report")
    session_53 = Session.objects.get(number=53)
    url = reverse("admin:tracker_followup_change", args=[report.pk])

    response = admin_client_with_sample.post(
        url, followup_form(report, target_session=session_53.pk)
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.due_date == datetime.date(2023, 6, 19) - datetime.timedelta(weeks=6)


def test_the_admin_refuses_to_overwrite_a_change_made_meanwhile(admin_client_with_sample):
    report = FollowUp.objects.get(kind="report")
    stale = followup_form(report, title="Renamed in the admin")
    FollowUp.objects.filter(pk=report.pk).update(version=report.version + 1)

    response = admin_client_with_sample.post(
        reverse("admin:tracker_followup_change", args=[report.pk]), stale
    )

    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    report.refresh_from_db()
    assert report.title != "Renamed in the admin"


def test_the_resolution_change_page_reads_in_a_fixed_number_of_queries(
    admin_client_with_sample, django_assert_max_num_queries
):
    resolution = Resolution.objects.get()
    url = reverse("admin:resolutions_resolution_change", args=[resolution.pk])

    with django_assert_max_num_queries(24):
        assert admin_client_with_sample.get(url).status_code == 200

"""Every model's admin list and change pages answer, with the list columns asked for."""

import datetime
import threading
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.db import connections as db_connections
from django.test import Client
from django.urls import reverse

from resolutions.models import (
    Mandate,
    Paragraph,
    ParagraphText,
    Resolution,
    ResolutionText,
    Session,
    State,
    Vote,
    VotePosition,
)
from tests.factories import (
    FollowUpFactory,
    MandateFactory,
    ParagraphFactory,
    ResolutionFactory,
    SessionFactory,
    StateFactory,
    UserFactory,
    VoteFactory,
    VotePositionFactory,
)
from tracker.models import FollowUp, ProgressEntry

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
            "start_date": "2023-03-06",
            "end_date": "2023-04-11",
            "dates_confirmed": "on",
            "notes": "",
            "expected_version": session.version,
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.due_date == datetime.date(2023, 3, 6) - datetime.timedelta(weeks=6)
    assert report.history.first().history_user.username == "root"


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("state", "listed"),
    [("overdue", {"late"}), ("due_soon", {"soon"}), ("done", {"finished"})],
)
def test_the_follow_up_list_filters_by_due_state(client, db, state, listed):
    today = datetime.date(2041, 3, 10)
    for title, due, status in [
        ("late", today - datetime.timedelta(days=1), "in_progress"),
        ("soon", today + datetime.timedelta(days=3), "not_started"),
        ("later", today + datetime.timedelta(days=200), "not_started"),
        ("finished", today - datetime.timedelta(days=30), "done"),
    ]:
        FollowUpFactory(title=title, due_date=due, status=status)
    url = reverse("admin:tracker_followup_changelist")

    with time_machine.travel(datetime.datetime(2041, 3, 10, 9, tzinfo=datetime.UTC), tick=False):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.get(url, {"state": state})

    assert response.status_code == 200
    assert {f.title for f in response.context["cl"].result_list} == listed


def french_text():
    resolution = ResolutionFactory()
    return ResolutionText.objects.create(
        resolution=resolution, language="fr", title="Titre", source_text="Texte"
    )


def french_paragraph():
    paragraph = ParagraphFactory()
    return ParagraphText.objects.create(
        paragraph=paragraph, language="fr", text="Prie le Haut-Commissaire"
    )


READ_ONLY = [
    (Paragraph, lambda: ParagraphFactory()),
    (Mandate, lambda: MandateFactory()),
    (Vote, lambda: VoteFactory()),
    (VotePosition, lambda: VotePositionFactory()),
    (ResolutionText, lambda: french_text()),
    (ParagraphText, lambda: french_paragraph()),
    (State, lambda: StateFactory()),
]


@pytest.mark.parametrize(("model", "make"), READ_ONLY, ids=lambda v: getattr(v, "__name__", ""))
def test_what_the_importer_or_a_migration_writes_is_read_only_in_the_admin(
    admin_client, model, make
):
    obj = make()
    opts = model._meta
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    before = model.objects.filter(pk=obj.pk).values().get()

    shown = admin_client.get(change)
    posted = admin_client.post(change, {})
    deleted = admin_client.post(delete, {"post": "yes"})
    added = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))

    assert shown.status_code == 200
    assert 'name="_save"' not in shown.content.decode()
    assert (posted.status_code, deleted.status_code, added.status_code) == (403, 403, 403)
    assert model.objects.filter(pk=obj.pk).values().get() == before


def test_the_resolution_page_shows_its_paragraphs_and_mandates_without_fields_to_edit(
    admin_client,
):
    mandate = MandateFactory()
    url = reverse("admin:resolutions_resolution_change", args=[mandate.resolution_id])

    page = admin_client.get(url).content.decode()

    assert mandate.paragraph.text[:40] in page
    assert 'name="paragraphs-0-text"' not in page
    assert 'name="mandates-0-text"' not in page


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


def test_a_status_corrected_in_the_admin_is_written_to_the_progress_log(admin_client_with_sample):
    report = FollowUp.objects.get(kind="report")

    response = admin_client_with_sample.post(
        reverse("admin:tracker_followup_change", args=[report.pk]),
        followup_form(report, status="done"),
    )

    assert response.status_code == 302
    report.refresh_from_db()
    entry = report.progress.get()
    assert (entry.status_from, entry.status_to, entry.author.username) == (
        "not_started",
        "done",
        "root",
    )
    assert report.completed_on is not None
    assert report.history.first().history_user.username == "root"


def test_a_progress_entry_cannot_be_added_changed_or_deleted_in_the_admin(
    admin_client_with_sample,
):
    report = FollowUp.objects.get(kind="report")
    entry = ProgressEntry.objects.create(
        followup=report, author=UserFactory(username="amina"), text="Drafted."
    )
    change = reverse("admin:tracker_progressentry_change", args=[entry.pk])
    delete = reverse("admin:tracker_progressentry_delete", args=[entry.pk])

    page = admin_client_with_sample.get(change).content.decode()
    posted = admin_client_with_sample.post(change, {"text": "Rewritten."})
    deleted = admin_client_with_sample.post(delete, {"post": "yes"})
    added = admin_client_with_sample.get(reverse("admin:tracker_progressentry_add"))

    assert 'name="text"' not in page
    assert posted.status_code == 403
    assert deleted.status_code == 403
    assert added.status_code == 403
    entry.refresh_from_db()
    assert entry.text == "Drafted."


def test_the_follow_up_admin_shows_the_progress_log_without_fields_to_edit_it(
    admin_client_with_sample,
):
    report = FollowUp.objects.get(kind="report")
    ProgressEntry.objects.create(followup=report, author=UserFactory(), text="Drafted.")

    page = admin_client_with_sample.get(
        reverse("admin:tracker_followup_change", args=[report.pk])
    ).content.decode()

    assert "Drafted." in page
    assert 'name="progress-0-text"' not in page
    assert 'name="progress-0-DELETE"' not in page


def test_a_stored_progress_entry_refuses_to_be_saved_again_or_deleted(db):
    entry = ProgressEntry.objects.create(followup=FollowUpFactory(), author=UserFactory())

    with pytest.raises(ValueError, match="cannot be changed"):
        entry.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        entry.delete()


def test_a_stale_session_form_is_refused_and_moves_no_due_date(admin_client_with_sample):
    session = Session.objects.get(number=52)
    report = FollowUp.objects.get(kind="report")
    due = report.due_date
    form = {
        "start_date": "2023-03-06",
        "end_date": "2023-04-11",
        "dates_confirmed": "on",
        "notes": "",
        "expected_version": session.version,
    }
    Session.objects.filter(pk=session.pk).update(version=session.version + 1)

    response = admin_client_with_sample.post(
        reverse("admin:resolutions_session_change", args=[session.pk]), form
    )

    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    session.refresh_from_db()
    report.refresh_from_db()
    assert (session.start_date, report.due_date) == (datetime.date(2023, 2, 27), due)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_of_two_admins_saving_one_follow_up_from_the_same_version_exactly_one_wins():
    call_command("load_sample_data", stdout=StringIO())
    report = FollowUp.objects.get(kind="report")
    users = [
        UserFactory(username=name, is_staff=True, is_superuser=True) for name in ("ana", "ben")
    ]
    url = reverse("admin:tracker_followup_change", args=[report.pk])
    forms = [followup_form(report, title=f"Renamed by {user.username}") for user in users]
    barrier = threading.Barrier(2)
    responses = {}

    def save(user, form):
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            responses[user.username] = client.post(url, form)
        finally:
            db_connections.close_all()

    threads = [threading.Thread(target=save, args=pair) for pair in zip(users, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(r.status_code for r in responses.values())
    assert statuses == [200, 302]
    loser = next(r for r in responses.values() if r.status_code == 200)
    assert "changed by someone else" in loser.content.decode()
    report.refresh_from_db()
    winner = next(name for name, r in responses.items() if r.status_code == 302)
    assert report.title == f"Renamed by {winner}"
    assert report.version == 2


@pytest.mark.parametrize("others", [5, 200])
def test_the_follow_up_change_page_offers_its_resolutions_paragraphs_in_fixed_queries(
    admin_client, django_assert_num_queries, others
):
    resolution = ResolutionFactory()
    own = ParagraphFactory.create_batch(3, resolution=resolution)
    followup = FollowUpFactory(resolution=resolution, paragraphs=own[:1])
    ParagraphFactory(resolution=resolution, kind="preambular")
    for _ in range(others):
        ParagraphFactory(resolution=ResolutionFactory(session=resolution.session))
    url = reverse("admin:tracker_followup_change", args=[followup.pk])

    with django_assert_num_queries(FOLLOWUP_PAGE_QUERIES):
        response = admin_client.get(url)

    offered = response.context["adminform"].form.fields["paragraphs"].queryset
    assert set(offered) == set(own)


FOLLOWUP_PAGE_QUERIES = 12


@pytest.mark.parametrize("followups", [5, 50])
def test_the_resolution_change_page_reads_its_follow_ups_in_fixed_queries(
    admin_client, django_assert_num_queries, followups
):
    resolution = ResolutionFactory()
    paragraph = ParagraphFactory(resolution=resolution)
    for _ in range(followups):
        FollowUpFactory(
            resolution=resolution, paragraphs=[paragraph], target_session=SessionFactory()
        )
    url = reverse("admin:resolutions_resolution_change", args=[resolution.pk])

    with django_assert_num_queries(RESOLUTION_PAGE_QUERIES):
        response = admin_client.get(url)

    assert response.content.decode().count("HRC session") >= followups


RESOLUTION_PAGE_QUERIES = 8


def test_a_change_of_paragraphs_in_the_admin_is_in_the_history_with_the_administrator(
    admin_client,
):
    resolution = ResolutionFactory()
    first, second, third = (ParagraphFactory(resolution=resolution, number=n) for n in (1, 2, 3))
    followup = FollowUpFactory(resolution=resolution, paragraphs=[first])

    response = admin_client.post(
        reverse("admin:tracker_followup_change", args=[followup.pk]),
        followup_form(followup, paragraphs=[second.pk, third.pk]),
    )

    assert response.status_code == 302
    assert set(followup.paragraphs.all()) == {second, third}
    record = followup.history.first()
    assert (record.history_user.username, record.history_change_reason) == (
        "root",
        "paragraphs:OP2,OP3",
    )


def test_saving_a_follow_up_with_the_same_paragraphs_records_no_paragraph_change(admin_client):
    followup = FollowUpFactory()

    response = admin_client.post(
        reverse("admin:tracker_followup_change", args=[followup.pk]),
        followup_form(followup, title="Renamed"),
    )

    assert response.status_code == 302
    assert followup.history.first().history_change_reason is None

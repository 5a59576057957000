"""The admin's history pages, reverts, stale forms and dates: nothing saved past
the services, nothing lost, no error page (resolutions.versioned_admin)."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from resolutions import services as resolution_services
from resolutions.models import ClosureDay, Paragraph, Resolution, Session
from tests.admin_pages import (
    change_url,
    delete_url,
    errors_of,
    form_data,
    history_url,
    revert_url,
)
from tests.factories import (
    FollowUpFactory,
    ParagraphFactory,
    ResolutionFactory,
    SessionFactory,
    UnitFactory,
    UserFactory,
)
from tracker import services
from tracker.models import FollowUp, Status

D = datetime.date


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, root):
    client.force_login(root)
    return client


@pytest.fixture
def viewer(db):
    """May see follow-ups, sessions and resolutions in the admin, and change none."""
    user = UserFactory(username="vera", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_followup", "view_session", "view_resolution", "view_paragraph"]
        )
    )
    return user


def followup_led_then_cancelled(root):
    """A follow-up led by a unit with a focal point (version 2), then left with
    neither (version 3) and cancelled (version 4): the probe's follow-up."""
    followup = FollowUpFactory()
    services.assign(followup=followup, lead_unit=UnitFactory(), focal_point=root)
    services.assign(followup=followup, lead_unit=None, focal_point=None)
    services.log_progress(followup=followup, author=root, text="Dropped", status=Status.CANCELLED)
    followup.refresh_from_db()
    return followup


def session_with_two_versions():
    session = SessionFactory(start_date=D(2041, 2, 25), end_date=D(2041, 4, 1))
    resolution_services.update_session(
        session=session,
        expected_version=1,
        start_date=D(2041, 3, 4),
        end_date=D(2041, 4, 8),
        dates_confirmed=True,
        notes="",
    )
    return session


def resolution_with_two_versions():
    resolution = ResolutionFactory(title="First title")
    resolution_services.correct_resolution(
        resolution=resolution, expected_version=1, values={"title": "Second title"}
    )
    return resolution


def oldest(obj):
    return obj.history.order_by("history_date", "history_id").first()


MAKERS = {
    "follow-up": lambda root: followup_led_then_cancelled(root),
    "session": lambda root: session_with_two_versions(),
    "resolution": lambda root: resolution_with_two_versions(),
}


def row(obj):
    return type(obj).objects.filter(pk=obj.pk).values().get()


@pytest.mark.parametrize("kind", MAKERS)
def test_a_view_only_user_reads_the_history_but_may_not_open_or_post_a_revert(
    client, root, viewer, kind
):
    obj = MAKERS[kind](root)
    before = row(obj)
    client.force_login(viewer)
    url = revert_url(obj, oldest(obj))

    history = client.get(history_url(obj))
    shown = client.get(url)
    posted = client.post(url, {"expected_version": obj.version, "title": "Forged"})

    assert history.status_code == 200
    assert url not in history.content.decode()  # no link to a page it may not open
    assert (shown.status_code, posted.status_code) == (403, 403)
    assert row(obj) == before


@pytest.mark.parametrize("kind", MAKERS)
def test_a_revert_is_a_new_version_recorded_as_a_revert(admin_client, root, kind):
    obj = MAKERS[kind](root)
    version = obj.version
    target = oldest(obj)
    page = admin_client.get(revert_url(obj, target))

    response = admin_client.post(revert_url(obj, target), form_data(page))

    assert response.status_code == 302
    assert response.url == change_url(obj)
    obj.refresh_from_db()
    assert obj.version == version + 1
    latest = obj.history.first()
    assert latest.history_change_reason == f"Reverted to version {target.version}"
    assert latest.history_user == root


def test_reverting_a_follow_up_gives_back_its_status_unit_and_focal_point(admin_client, root):
    followup = followup_led_then_cancelled(root)
    led = followup.history.get(version=2)
    page = admin_client.get(revert_url(followup, led))

    admin_client.post(revert_url(followup, led), form_data(page))

    followup.refresh_from_db()
    assert (followup.status, followup.lead_unit_id, followup.focal_point) == (
        Status.NOT_STARTED,
        led.lead_unit_id,
        root,
    )
    entry = followup.progress.order_by("-pk").first()
    assert (entry.status_from, entry.status_to, entry.author) == (
        Status.CANCELLED,
        Status.NOT_STARTED,
        root,
    )


def test_a_form_opened_before_a_revert_is_refused_after_it(admin_client, root):
    followup = followup_led_then_cancelled(root)
    stale = form_data(admin_client.get(change_url(followup)))
    target = followup.history.get(version=2)
    admin_client.post(
        revert_url(followup, target), form_data(admin_client.get(revert_url(followup, target)))
    )

    response = admin_client.post(change_url(followup), {**stale, "title": "Stale rename"})

    assert response.status_code == 200
    assert "changed by someone else" in errors_of(response)
    followup.refresh_from_db()
    assert followup.title != "Stale rename"
    assert followup.version == 5


def test_a_revert_page_opened_before_a_change_is_refused_and_names_it(admin_client, root):
    followup = followup_led_then_cancelled(root)
    target = followup.history.get(version=2)
    page = form_data(admin_client.get(revert_url(followup, target)))
    other = FollowUp.objects.get(pk=followup.pk)
    other.title = "Renamed by Ana"
    services.correct_followup(
        followup=other,
        changed=["title"],
        expected_version=followup.version,
        user=UserFactory(username="ana", first_name="Ana", last_name="Lima"),
    )

    response = admin_client.post(revert_url(followup, target), page)

    assert response.status_code == 200
    message = errors_of(response)
    assert "by Ana Lima, from version 4 to version 5" in message
    assert "They changed: Title." in message
    assert FollowUp.objects.get(pk=followup.pk).version == followup.version + 1
    # Bound to the version now stored: reverting again, knowingly, is a new version.
    again = admin_client.post(revert_url(followup, target), form_data(response))
    assert again.status_code == 302
    assert FollowUp.objects.get(pk=followup.pk).version == followup.version + 2


def test_reverting_a_session_moves_its_due_dates_back(admin_client):
    session = SessionFactory(start_date=D(2041, 2, 25), end_date=D(2041, 4, 1))
    report = FollowUpFactory(target_session=session)
    first_due = report.due_date
    services.move_session(
        session=session,
        expected_version=1,
        start_date=D(2041, 3, 11),
        end_date=D(2041, 4, 15),
        dates_confirmed=True,
        notes="",
    )
    target = oldest(session)

    admin_client.post(
        revert_url(session, target), form_data(admin_client.get(revert_url(session, target)))
    )

    session.refresh_from_db()
    report.refresh_from_db()
    assert (session.start_date, session.version) == (D(2041, 2, 25), 3)
    assert report.due_date == first_due


def test_reverting_a_resolution_gives_back_its_title_and_leaves_its_text(admin_client):
    resolution = resolution_with_two_versions()
    text = resolution.source_text
    target = oldest(resolution)

    admin_client.post(
        revert_url(resolution, target),
        form_data(admin_client.get(revert_url(resolution, target))),
    )

    resolution.refresh_from_db()
    assert (resolution.title, resolution.source_text, resolution.version) == (
        "First title",
        text,
        3,
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: ParagraphFactory(),
        lambda: ClosureDay.objects.create(date=D(2041, 5, 2), description="Closed"),
    ],
    ids=["paragraph", "closure day"],
)
def test_a_record_without_a_version_has_no_revert_page_even_for_a_superuser(admin_client, make):
    obj = make()
    record = obj.history.first()

    assert admin_client.get(revert_url(obj, record)).status_code == 403
    assert admin_client.post(revert_url(obj, record), {}).status_code == 403
    assert revert_url(obj, record) not in admin_client.get(history_url(obj)).content.decode()


HISTORY_PAGES = {
    "follow-up": ("tracker", "followup", lambda: FollowUpFactory()),
    "session": ("resolutions", "session", lambda: SessionFactory()),
    "resolution": ("resolutions", "resolution", lambda: ResolutionFactory()),
    "paragraph": ("resolutions", "paragraph", lambda: ParagraphFactory()),
}


@pytest.mark.parametrize("kind", HISTORY_PAGES)
@pytest.mark.parametrize(
    "ids",
    [
        ("{pk}", "abc"),
        ("{pk}", "1abc"),
        ("{pk}", "99999999"),
        ("{pk}", "99999999999999999999999"),
        ("abc", "1"),
        ("{pk}", "{other}"),
    ],
    ids=["letters", "digits then letters", "unknown", "too large", "object", "another's"],
)
def test_a_history_page_asked_for_an_id_that_is_not_one_is_not_found(admin_client, kind, ids):
    app, model, make = HISTORY_PAGES[kind]
    obj, other = make(), make()
    object_id, version_id = (
        part.format(pk=obj.pk, other=other.history.first().history_id) for part in ids
    )
    url = f"/admin/{app}/{model}/{object_id}/history/{version_id}/"

    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url, {"expected_version": "1"}).status_code == 404


@pytest.mark.parametrize("kind", HISTORY_PAGES)
def test_the_history_of_an_object_id_that_is_not_one_is_not_found(admin_client, kind):
    app, model, _make = HISTORY_PAGES[kind]

    assert admin_client.get(f"/admin/{app}/{model}/abc/history/").status_code == 404


def test_a_superuser_reverting_an_unchanged_follow_up_is_told_of_no_conflict(admin_client, root):
    followup = followup_led_then_cancelled(root)
    for target in followup.history.order_by("history_id"):
        page = admin_client.get(revert_url(followup, target))
        response = admin_client.post(revert_url(followup, target), form_data(page))
        assert response.status_code == 302, errors_of(response)


# ------------------------------------------------------------- stale forms


def test_a_stale_follow_up_form_keeps_what_was_typed_and_brings_in_the_other_change(
    admin_client,
):
    followup = FollowUpFactory(title="Report on water")
    opened = form_data(admin_client.get(change_url(followup)))
    other = FollowUp.objects.get(pk=followup.pk)
    other.title = "Report on clean water"
    services.correct_followup(
        followup=other,
        changed=["title"],
        expected_version=1,
        user=UserFactory(username="ana", first_name="", last_name=""),
    )

    response = admin_client.post(change_url(followup), {**opened, "status": "in_progress"})

    assert response.status_code == 200
    message = errors_of(response)
    assert "by ana, from version 1 to version 2" in message
    assert "They changed: Title." in message
    shown = form_data(response)
    assert (shown["title"], shown["status"], shown["expected_version"]) == (
        "Report on clean water",
        "in_progress",
        "2",
    )
    assert FollowUp.objects.get(pk=followup.pk).status == Status.NOT_STARTED
    saved = admin_client.post(change_url(followup), shown)
    assert saved.status_code == 302
    followup.refresh_from_db()
    assert (followup.title, followup.status, followup.version) == (
        "Report on clean water",
        Status.IN_PROGRESS,
        3,
    )


def test_a_stale_form_that_changed_the_same_field_says_so_and_shows_what_was_typed(
    admin_client,
):
    followup = FollowUpFactory(title="Report on water")
    opened = form_data(admin_client.get(change_url(followup)))
    other = FollowUp.objects.get(pk=followup.pk)
    other.title = "Their title"
    services.correct_followup(
        followup=other, changed=["title"], expected_version=1, user=UserFactory()
    )

    response = admin_client.post(change_url(followup), {**opened, "title": "My title"})

    assert "You both changed: Title" in errors_of(response)
    assert form_data(response)["title"] == "My title"
    assert FollowUp.objects.get(pk=followup.pk).title == "Their title"


def test_a_stale_session_form_keeps_the_dates_stored_since_unless_typed(admin_client):
    session = SessionFactory(start_date=D(2041, 2, 25), end_date=D(2041, 4, 1))
    report = FollowUpFactory(target_session=session)
    opened = form_data(admin_client.get(change_url(session)))
    services.move_session(
        session=Session.objects.get(pk=session.pk),
        expected_version=1,
        start_date=D(2041, 3, 4),
        end_date=D(2041, 4, 8),
        dates_confirmed=True,
        notes="",
    )
    report.refresh_from_db()
    moved_due = report.due_date

    response = admin_client.post(change_url(session), {**opened, "notes": "Room XX"})

    assert response.status_code == 200
    assert "Opens on" in errors_of(response)
    session.refresh_from_db()
    report.refresh_from_db()
    assert (session.start_date, session.notes, report.due_date) == (D(2041, 3, 4), "", moved_due)
    shown = form_data(response)
    assert (shown["start_date"], shown["notes"]) == ("2041-03-04", "Room XX")


def test_a_stale_resolution_form_is_refused(admin_client):
    resolution = ResolutionFactory(title="First title")
    opened = form_data(admin_client.get(change_url(resolution)))
    resolution_services.correct_resolution(
        resolution=Resolution.objects.get(pk=resolution.pk),
        expected_version=1,
        values={"agenda_item": "4"},
    )

    response = admin_client.post(change_url(resolution), {**opened, "title": "Mine"})

    assert response.status_code == 200
    assert "They changed: Agenda item." in errors_of(response)
    resolution.refresh_from_db()
    assert (resolution.title, resolution.agenda_item) == ("First title", "4")


def test_a_resolution_corrected_in_the_admin_is_a_new_version_by_its_administrator(
    admin_client, root
):
    resolution = ResolutionFactory(title="Frist title")
    data = form_data(admin_client.get(change_url(resolution)))

    response = admin_client.post(change_url(resolution), {**data, "title": "First title"})

    assert response.status_code == 302
    resolution.refresh_from_db()
    assert (resolution.title, resolution.version) == ("First title", 2)
    assert resolution.history.first().history_user == root


def test_a_form_without_its_version_saves_nothing(admin_client):
    followup = FollowUpFactory()
    data = form_data(admin_client.get(change_url(followup)))
    del data["expected_version"]

    response = admin_client.post(change_url(followup), {**data, "title": "Renamed"})

    assert response.status_code == 200
    assert FollowUp.objects.get(pk=followup.pk).version == 1


# ---------------------------------------------------------------- deletion


def test_a_stale_delete_page_deletes_nothing(admin_client):
    session = SessionFactory()
    Session.objects.filter(pk=session.pk).update(version=2)

    response = admin_client.post(
        delete_url(session), {"post": "yes", "expected_version": "1"}, follow=True
    )

    assert "nothing was deleted" in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()


def test_the_delete_page_carries_its_version_and_deletes_with_it(admin_client):
    followup = FollowUpFactory()
    page = admin_client.get(delete_url(followup)).content.decode()

    assert 'name="expected_version" value="1"' in page
    response = admin_client.post(delete_url(followup), {"post": "yes", "expected_version": "1"})
    assert response.status_code == 302
    assert not FollowUp.objects.filter(pk=followup.pk).exists()


@pytest.mark.parametrize("model", [FollowUp, Session])
def test_the_lists_of_records_with_a_version_offer_no_bulk_delete(admin_client, model):
    opts = model._meta
    page = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    assert "delete_selected" not in page.content.decode()


# ------------------------------------------------------------------- dates


@pytest.mark.parametrize("day", ["0001-01-01", "1945-12-31", "2101-01-01"])
def test_a_session_date_outside_the_plausible_years_is_refused_with_a_message(admin_client, day):
    session = SessionFactory()
    data = form_data(admin_client.get(change_url(session)))

    response = admin_client.post(change_url(session), {**data, "start_date": day})

    assert response.status_code == 200
    assert "Enter a date between 1946 and 2100." in errors_of(response)
    assert Session.objects.get(pk=session.pk).version == 1


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: FollowUpFactory(status=Status.DONE), "completed_on"),
        (lambda: ResolutionFactory(), "adopted_on"),
    ],
    ids=["follow-up", "resolution"],
)
def test_every_date_typed_in_the_admin_is_refused_outside_the_plausible_years(
    admin_client, make, field
):
    obj = make()
    data = form_data(admin_client.get(change_url(obj)))

    response = admin_client.post(change_url(obj), {**data, field: "0001-01-01"})

    assert response.status_code == 200
    assert "Enter a date between 1946 and 2100." in errors_of(response)


def test_a_new_session_or_closure_day_in_year_one_is_refused_with_a_message(admin_client):
    session = admin_client.post(
        reverse("admin:resolutions_session_add"),
        {"body": "HRC", "number": "300", "start_date": "0001-01-01", "end_date": "0001-01-02"},
    )
    closure = admin_client.post(
        reverse("admin:resolutions_closureday_add"),
        {"date": "0001-01-01", "description": "Closed"},
    )

    assert "Enter a date between 1946 and 2100." in errors_of(session)
    assert "Enter a date between 1946 and 2100." in errors_of(closure)
    assert not Session.objects.filter(number=300).exists()
    assert not ClosureDay.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "{field}__year=0",
        "{field}__year=9999",
        "{field}__year=9999&{field}__month=12",
        "{field}__year=9999&{field}__month=12&{field}__day=31",
        "{field}__year=99999999999999999999",
        "{field}__gte=abc",
    ],
)
@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("tracker_followup", "due_date"),
        ("resolutions_session", "start_date"),
        ("resolutions_resolution", "adopted_on"),
        ("resolutions_closureday", "date"),
    ],
)
def test_a_list_asked_for_an_impossible_date_answers_without_an_error(
    admin_client, name, field, query
):
    FollowUpFactory()

    response = admin_client.get(
        reverse(f"admin:{name}_changelist") + "?" + query.format(field=field)
    )

    assert response.status_code in (200, 302)


def test_the_revert_page_shows_the_version_and_what_a_revert_leaves_alone(admin_client, root):
    followup = followup_led_then_cancelled(root)
    target = followup.history.get(version=2)

    page = admin_client.get(revert_url(followup, target)).content.decode()

    assert "Version 2 was saved on" in page
    assert "after version 4, the one now stored" in page
    assert "The operative paragraphs and the progress log stay as they are" in page
    assert 'name="title"' not in page  # the version's values are read, not edited


def test_reverting_to_a_unit_deleted_since_is_refused_with_a_message(admin_client, root):
    followup = followup_led_then_cancelled(root)
    led = followup.history.get(version=2)
    followup.lead_unit = None
    led.lead_unit.delete()
    page = admin_client.get(revert_url(followup, led))

    response = admin_client.post(revert_url(followup, led), form_data(page))

    assert response.status_code == 200
    assert "Version 2 cannot be given back: Lead unit:" in errors_of(response)
    assert FollowUp.objects.get(pk=followup.pk).version == 4


def test_paragraphs_are_not_what_a_revert_changes(admin_client, root):
    followup = followup_led_then_cancelled(root)
    paragraphs = set(followup.paragraphs.all())
    target = oldest(followup)

    admin_client.post(
        revert_url(followup, target), form_data(admin_client.get(revert_url(followup, target)))
    )

    assert set(Paragraph.objects.filter(followups=followup)) == paragraphs


def test_the_revert_page_gives_the_versions_time_in_genevas_time_as_the_history_list_does(
    admin_client, root
):
    followup = followup_led_then_cancelled(root)
    target = followup.history.get(version=2)
    target.history_date = datetime.datetime(2026, 11, 30, 2, 27, tzinfo=datetime.UTC)
    target.save()

    page = admin_client.get(revert_url(followup, target)).content.decode()

    assert "Version 2 was saved on Nov. 30, 2026, 3:27 a.m." in page


def test_the_history_list_shows_each_change_as_people_read_it(admin_client, root):
    followup = followup_led_then_cancelled(root)

    page = admin_client.get(
        reverse("admin:tracker_followup_history", args=[followup.pk])
    ).content.decode()

    changes = re.findall(
        r"<li>\s*<strong>(.*?):</strong>\s*(.*?)\s*&nbsp;&rarr;&nbsp;&nbsp;(.*?)\s*</li>",
        page,
        re.S,
    )
    assert ("Status", "Not started", "Cancelled") in changes
    unit = followup.history.get(version=2).lead_unit
    assert ("Lead unit", "—", str(unit)) in changes
    assert "not_started" not in page
    assert "pk=None" not in page

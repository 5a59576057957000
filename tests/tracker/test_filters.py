"""The follow-up FilterSet, read through ``selectors.followup_list`` as every page reads it."""

import datetime

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse

from resolutions.models import ParagraphText, ResolutionText
from tests.factories import (
    FollowUpFactory,
    MandateFactory,
    ParagraphFactory,
    ProgressEntryFactory,
    ResolutionFactory,
    SessionFactory,
    UnitFactory,
    UserFactory,
)
from tracker import selectors
from tracker.dates import IsoDateInput, validate_plausible_year
from tracker.filters import focal_point_choices
from tracker.models import Status
from tracker.roles import EDITOR, ensure_roles
from tracker.web.forms import DateField

D = datetime.date


def titles(filters):
    filterset = selectors.followup_list(filters=filters)
    return sorted(f.title for f in filterset.qs)


def ordered_titles(filters):
    return [f.title for f in selectors.followup_list(filters=filters).qs]


def test_no_filters_list_every_follow_up(db):
    FollowUpFactory(title="A")
    FollowUpFactory(title="B")
    assert titles({}) == ["A", "B"]


def test_several_statuses_are_read_at_once(db):
    FollowUpFactory(title="Fresh", status=Status.NOT_STARTED)
    FollowUpFactory(title="Going", status=Status.IN_PROGRESS)
    FollowUpFactory(title="Finished", status=Status.DONE)

    query = QueryDict("status=not_started&status=in_progress")

    assert titles(query) == ["Fresh", "Going"]


def test_a_plain_mapping_accepts_one_status_or_a_list(db):
    FollowUpFactory(title="Going", status=Status.IN_PROGRESS)
    FollowUpFactory(title="Finished", status=Status.DONE)

    assert titles({"status": "done"}) == ["Finished"]
    assert titles({"status": ["done", "in_progress"]}) == ["Finished", "Going"]


@time_machine.travel(D(2023, 2, 1), tick=False)
def test_it_filters_by_due_state(db):
    FollowUpFactory(title="Late", due_date=D(2023, 1, 16))
    FollowUpFactory(title="Soon", due_date=D(2023, 2, 10))
    FollowUpFactory(title="Undated", target_session=None, due_date=None)

    assert titles({"state": "overdue"}) == ["Late"]
    assert titles({"state": "due_soon"}) == ["Soon"]
    assert titles({"state": "no_due_date"}) == ["Undated"]


@pytest.mark.parametrize("name", ["target_session", "lead_unit", "focal_point"])
def test_null_means_none_set(db, name):
    focal_point = UserFactory()
    focal_point.groups.add(ensure_roles()[EDITOR])  # only people with a role are offered
    values = {
        "target_session": SessionFactory(),
        "lead_unit": UnitFactory(),
        "focal_point": focal_point,
    }
    FollowUpFactory(title="Set", **{name: values[name]})
    FollowUpFactory(title="Unset", **{name: None})

    assert titles({name: "null"}) == ["Unset"]
    assert titles({name: str(values[name].pk)}) == ["Set"]


def test_it_filters_by_actor_kind_and_resolution(db):
    resolution = ResolutionFactory()
    FollowUpFactory(title="Meeting", kind="meeting", actor="council", resolution=resolution)
    FollowUpFactory(title="Report", kind="report", actor="high_commissioner")

    assert titles({"kind": "meeting"}) == ["Meeting"]
    assert titles({"actor": "high_commissioner"}) == ["Report"]
    assert titles({"resolution": str(resolution.pk)}) == ["Meeting"]


def test_a_resolution_is_chosen_by_its_symbol_or_number_in_any_case(db):
    resolution = ResolutionFactory(symbol="A/HRC/RES/46/13", number="46/13")
    FollowUpFactory(title="Meeting", resolution=resolution)
    FollowUpFactory(title="Other")

    assert titles({"resolution": "A/HRC/RES/46/13"}) == ["Meeting"]
    assert titles({"resolution": " a/hrc/res/46/13 "}) == ["Meeting"]
    assert titles({"resolution": "46/13"}) == ["Meeting"]


def test_a_number_shared_by_two_documents_lists_the_follow_ups_of_both(db):
    resolution = ResolutionFactory(symbol="A/HRC/RES/30/1", number="30/1")
    statement = ResolutionFactory(symbol="A/HRC/PRST/30/1", number="30/1", kind="statement")
    FollowUpFactory(title="Of the resolution", resolution=resolution)
    FollowUpFactory(title="Of the statement", resolution=statement)

    assert sorted(titles({"resolution": "30/1"})) == ["Of the resolution", "Of the statement"]
    assert titles({"resolution": "A/HRC/PRST/30/1"}) == ["Of the statement"]


@pytest.mark.parametrize("value", ["²", "٣", "9" * 23, "12a"])
def test_digits_that_are_not_a_key_are_an_unknown_symbol_not_an_error(db, value):
    FollowUpFactory()

    filterset = selectors.followup_list(filters={"resolution": value})

    assert list(filterset.qs) == []
    assert filterset.errors["resolution"]


def test_spaces_typed_inside_a_symbol_are_ignored(db):
    resolution = ResolutionFactory(symbol="A/HRC/RES/55/1", number="55/1")
    FollowUpFactory(title="Found", resolution=resolution)

    assert titles({"resolution": "A/HRC/RES/55 /1"}) == ["Found"]


def test_an_unknown_symbol_lists_nothing_and_says_which_value_is_wrong(db):
    FollowUpFactory()

    filterset = selectors.followup_list(filters={"resolution": "A/HRC/RES/99/99"})

    assert list(filterset.qs) == []
    assert filterset.errors["resolution"] == [
        "No document has the symbol or number “A/HRC/RES/99/99”."
    ]


def test_the_resolution_filter_is_a_text_box_that_lists_no_documents(client, db):
    ResolutionFactory.create_batch(3)
    filterset = selectors.followup_list(filters={})

    html = str(filterset.form["resolution"])

    assert html.startswith("<input") and "<option" not in html


def test_due_dates_bound_the_list_inclusively(db):
    FollowUpFactory(title="January", due_date=D(2030, 1, 15))
    FollowUpFactory(title="March", due_date=D(2030, 3, 15))

    assert titles({"due_after": "2030-01-15", "due_before": "2030-02-01"}) == ["January"]
    assert titles({"due_after": "2030-03-15"}) == ["March"]


def test_blocked_means_waiting_on_an_open_follow_up(db):
    meeting = FollowUpFactory(title="Meeting", status=Status.IN_PROGRESS)
    held = FollowUpFactory(title="Held meeting", status=Status.DONE)
    report = FollowUpFactory(title="Report")
    summary = FollowUpFactory(title="Summary")
    report.waits_on.add(meeting)
    summary.waits_on.add(held)

    assert titles({"blocked": "true"}) == ["Report"]
    assert titles({"blocked": "false"}) == ["Held meeting", "Meeting", "Summary"]
    blocked = {f.title: f.is_blocked for f in selectors.followup_list(filters={}).qs}
    assert blocked == {"Meeting": False, "Held meeting": False, "Report": True, "Summary": False}


def test_search_reads_title_clause_unit_output_and_resolution(db):
    unit = UnitFactory(name="Human Rights Council Branch", abbreviation="HRCB")
    resolution = ResolutionFactory(symbol="A/HRC/RES/46/13", title="Mutually beneficial")
    mandate = MandateFactory(text="to convene a two-hour meeting")
    FollowUpFactory(title="By title: panel", resolution=resolution)
    FollowUpFactory(title="By clause", mandate=mandate)
    FollowUpFactory(title="By unit", lead_unit=unit)
    FollowUpFactory(title="By output", output_document="A/HRC/52/21")
    FollowUpFactory(title="Elsewhere")

    assert titles({"q": "panel"}) == ["By title: panel"]
    assert titles({"q": "two-hour"}) == ["By clause"]
    assert titles({"q": "hrcb"}) == ["By unit"]
    assert titles({"q": "Branch"}) == ["By unit"]
    assert titles({"q": "52/21"}) == ["By output"]
    assert titles({"q": "46/13"}) == ["By title: panel"]
    assert titles({"q": "beneficial"}) == ["By title: panel"]


def test_search_reads_the_resolution_and_paragraphs_in_their_other_language(db):
    resolution = ResolutionFactory(title="Promoting cooperation")
    ResolutionText.objects.create(
        resolution=resolution,
        language="fr",
        title="Promotion d'une coopération mutuellement avantageuse",
        source_text="…",
    )
    paragraph = ParagraphFactory(resolution=resolution, text="Decides to convene a meeting")
    ParagraphText.objects.create(
        paragraph=paragraph, language="fr", text="Décide d'organiser une réunion"
    )
    FollowUpFactory(title="Meeting", resolution=resolution, paragraphs=[paragraph])
    FollowUpFactory(title="Other")

    assert titles({"q": "mutuellement"}) == ["Meeting"]
    assert titles({"q": "organiser"}) == ["Meeting"]
    assert titles({"q": "convene"}) == ["Meeting"]


def test_search_lists_a_follow_up_once_however_many_notes_match(db):
    followup = FollowUpFactory(title="Report")
    ProgressEntryFactory.create_batch(3, followup=followup, text="Draft sent to editing")
    FollowUpFactory(title="Other")

    found = list(selectors.followup_list(filters={"q": "editing"}).qs)

    assert [f.title for f in found] == ["Report"]


def test_every_word_of_a_search_must_match(db):
    FollowUpFactory(title="Panel on water")
    FollowUpFactory(title="Panel on food")

    assert titles({"q": "panel water"}) == ["Panel on water"]


def test_ordering_goes_both_ways_with_empty_values_last(db):
    FollowUpFactory(title="B", due_date=D(2030, 2, 1))
    FollowUpFactory(title="A", due_date=D(2030, 3, 1))
    FollowUpFactory(title="C", target_session=None, due_date=None)

    assert ordered_titles({"o": "title"}) == ["A", "B", "C"]
    assert ordered_titles({"o": "-title"}) == ["C", "B", "A"]
    assert ordered_titles({"o": "due_date"}) == ["B", "A", "C"]
    assert ordered_titles({"o": "-due_date"}) == ["A", "B", "C"]


def test_ordering_by_lead_unit_and_focal_point(db):
    FollowUpFactory(
        title="Zeta",
        lead_unit=UnitFactory(name="Alpha unit"),
        focal_point=UserFactory(last_name="Y"),
    )
    FollowUpFactory(
        title="Eta", lead_unit=UnitFactory(name="Beta unit"), focal_point=UserFactory(last_name="X")
    )

    assert ordered_titles({"o": "lead_unit"}) == ["Zeta", "Eta"]
    assert ordered_titles({"o": "-lead_unit"}) == ["Eta", "Zeta"]
    assert ordered_titles({"o": "focal_point"}) == ["Eta", "Zeta"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=bogus", "status"),
        ("due_after=2026-13-45", "due_after"),
        ("due_after=1800-01-01", "due_after"),
        ("due_before=2101-01-01", "due_before"),
        ("target_session=abc", "target_session"),
        ("lead_unit=999999", "lead_unit"),
        ("o=password", "o"),
        ("blocked=maybe", "blocked"),
    ],
)
def test_an_invalid_value_lists_nothing_and_says_why(db, query, field):
    FollowUpFactory()

    filterset = selectors.followup_list(filters=QueryDict(query))

    assert field in filterset.errors
    assert list(filterset.qs) == []


def test_an_invalid_value_does_not_hide_the_other_errors(db):
    filterset = selectors.followup_list(
        filters=QueryDict("status=bogus&due_after=2026-13-45&target_session=abc")
    )

    assert set(filterset.errors) == {"status", "due_after", "target_session"}


def test_focal_points_are_active_users_with_a_role(db):
    staff = ensure_roles()[EDITOR]
    with_role = UserFactory(username="with_role")
    with_role.groups.add(staff)
    inactive = UserFactory(username="inactive", is_active=False)
    inactive.groups.add(staff)
    UserFactory(username="no_role")

    assert [u.username for u in focal_point_choices()] == ["with_role"]


def test_focal_points_are_shown_by_full_name_or_username(db):
    staff = ensure_roles()[EDITOR]
    named = UserFactory(username="nk", first_name="Nadia", last_name="Kone")
    unnamed = UserFactory(username="pr", first_name="", last_name="")
    named.groups.add(staff)
    unnamed.groups.add(staff)

    field = selectors.followup_list(filters={}).form.fields["focal_point"]
    labels = [str(label) for _value, label in field.choices]

    assert labels == ["any", "no focal point", "pr", "Nadia Kone"]


def test_selects_offer_any_rather_than_dashes(db):
    form = selectors.followup_list(filters={}).form

    html = str(form)

    assert "---------" not in html
    assert '<option value="" selected>any</option>' in html
    assert '<option value="null">no lead unit</option>' in html


def test_date_inputs_carry_iso_values_in_french(db):
    from django.utils import translation

    with translation.override("fr"):
        form = selectors.followup_list(filters={"due_after": "2026-12-15"}).form
        html = str(form["due_after"])

    assert 'value="2026-12-15"' in html
    assert 'type="date"' in html


def test_a_due_date_bound_outside_1946_to_2100_says_so_and_lists_nothing(db):
    FollowUpFactory(due_date=datetime.date(2030, 1, 15))

    filterset = selectors.followup_list(filters={"due_after": "1800-01-01"})

    assert filterset.errors["due_after"] == ["Enter a date between 1946 and 2100."]
    assert list(filterset.qs) == []


def test_the_list_and_the_forms_share_one_date_picker(db):
    form = selectors.followup_list(filters={}).form
    html = str(form["due_before"])

    assert 'min="1946-01-01"' in html
    assert 'max="2100-12-31"' in html
    assert isinstance(form.fields["due_before"].widget, IsoDateInput)
    assert validate_plausible_year in DateField.default_validators


def test_the_list_page_shows_an_implausible_year_as_an_error_and_no_rows(client, staff_member):
    FollowUpFactory(title="Report to the Council", due_date=datetime.date(2030, 1, 15))
    client.force_login(staff_member)

    response = client.get(reverse("web:followup_list"), {"due_after": "1800-01-01"})

    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_due_after">' in page
    assert "Enter a date between 1946 and 2100." in page
    assert "Report to the Council" not in page


def test_a_date_range_that_ends_before_it_starts_is_an_error_and_lists_nothing(db):
    FollowUpFactory(due_date=datetime.date(2026, 6, 1))

    filterset = selectors.followup_list(
        filters={"due_after": "2027-01-01", "due_before": "2026-01-01"}
    )

    assert "due_before" in filterset.form.errors
    assert list(filterset.qs) == []


def test_yours_to_update_lists_what_the_reader_may_update_and_nothing_for_no_one(
    staff_member, manager
):
    unit = UnitFactory(name="Rule of Law section")
    unit.members.add(staff_member)
    FollowUpFactory(title="Led by the unit", lead_unit=unit)
    FollowUpFactory(title="Focal point", focal_point=staff_member)
    FollowUpFactory(title="Someone else's", lead_unit=UnitFactory(name="Treaties"))

    def listed(user):
        filterset = selectors.followup_list(filters={"updatable": "yes"}, user=user)
        return sorted(f.title for f in filterset.qs)

    assert listed(staff_member) == ["Focal point", "Led by the unit"]
    assert listed(manager) == ["Focal point", "Led by the unit", "Someone else's"]
    assert listed(None) == []
    # Reading stays open: without the filter, everyone reads every follow-up.
    assert len(titles({})) == 3

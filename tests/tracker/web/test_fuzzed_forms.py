"""Forged and malformed POSTs to the import page and the follow-up forms (Hypothesis).

Whatever is sent (NUL bytes, huge or negative numbers, ids of nothing,
impossible dates, forms cut short or padded), the answer is a page, never a
500, and a refused request writes nothing: the rows an import or a follow-up
form touches are counted, or compared, before and after. A text the review
accepts is one confirm stores: the review validates what confirm will store.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from resolutions.importer import parse
from resolutions.models import (
    Mandate,
    Paragraph,
    Resolution,
    ResolutionText,
    Session,
    State,
    Vote,
    VotePosition,
)
from tests.factories import FollowUpFactory, UnitFactory, UserFactory
from tests.tracker.web.test_import_pages import SAMPLE, reviewed
from tracker.models import FollowUp, ProgressEntry

FIXTURES = Path(__file__).resolve().parents[2] / "resolutions" / "importer" / "fixtures"
REVIEW = reverse("web:import_review")
CONFIRM = reverse("web:import_confirm")
# Each example posts once or twice; the database is the test's, shared by its examples.
FUZZ = settings(
    max_examples=40,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "abc\x00def",
        "0",
        "-1",
        "1.5",
        "1e309",
        "NaN",
        "99999999999999999999999",
        "2147483648",
        "32768",
        "٣",
        "0001-01-01",
        "9999-12-31",
        "2023-02-30",
        "1945-12-31",
        "2101-01-01",
        "1946-01-01",
        "2024-13-01",
        "on",
        "HRC",
        "GA",
        "report",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "x" * 300,
    ]
)
VALUE = st.one_of(NASTY, st.text(max_size=40), st.integers().map(str))


def counts() -> tuple[int, ...]:
    """The rows an import writes, with their history."""
    models: list[Any] = [
        Resolution,
        ResolutionText,
        Paragraph,
        Vote,
        VotePosition,
        State,
        Mandate,
        FollowUp,
    ]
    return (
        *(model.objects.count() for model in models),
        *(model.history.count() for model in models),
        Session.objects.count(),
    )


@pytest.fixture
def superuser_client(client, db):
    """Signed in as an administrator: every form is open, so the forms themselves answer."""
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


# ---------------------------------------------------------------- the import page

IMPORT_FIELDS = [
    "text",
    "language",
    "replace",
    "form-TOTAL_FORMS",
    "form-INITIAL_FORMS",
    "form-MIN_NUM_FORMS",
    "form-MAX_NUM_FORMS",
    *(
        f"form-{i}-{name}"
        for i in (0, 1, 2, 3, 200)
        for name in (
            "keep",
            "mandate_order",
            "title",
            "kind",
            "actor",
            "session_body",
            "session_number",
            "lead_unit",
        )
    ),
]


@FUZZ
@given(
    changes=st.dictionaries(st.sampled_from(IMPORT_FIELDS), VALUE, max_size=6),
    removed=st.sets(st.sampled_from(IMPORT_FIELDS), max_size=4),
    url=st.sampled_from([REVIEW, CONFIRM]),
)
def test_a_forged_review_or_confirmation_is_answered_and_writes_all_or_nothing(
    superuser_client, changes, removed, url
):
    text = SAMPLE.read_text()
    data = reviewed(text) | changes
    for name in removed:
        data.pop(name, None)
    before = counts()

    response = superuser_client.post(url, data)

    event(f"{url} {response.status_code}")
    assert response.status_code in (200, 302, 400, 413)
    if response.status_code == 302:
        parsed = parse(text)
        resolution = Resolution.objects.get(symbol=parsed.symbol)
        # Stored whole, never in part.
        assert resolution.paragraphs.count() == len(parsed.preambular_paragraphs) + len(
            parsed.operative_paragraphs
        )
    else:
        assert counts() == before


def mutate(text: str, seed: int, chunk: str) -> str:
    """``text`` with a few lines cut, doubled, emptied or overwritten with ``chunk``."""
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        index = rng.randrange(len(lines))
        action = rng.choice(["cut", "double", "empty", "chunk", "append", "number"])
        if action == "cut":
            del lines[index]
        elif action == "double":
            lines.insert(index, lines[index])
        elif action == "empty":
            lines[index] = ""
        elif action == "chunk":
            lines[index] = chunk
        elif action == "append":
            lines[index] += chunk
        else:
            lines[index] = "".join("9" * 7 if c.isdigit() else c for c in lines[index])
    return "\n".join(lines)


TEXTS = [
    SAMPLE,
    FIXTURES / "en_decision_recorded_vote.txt",
    FIXTURES / "en_clean_without_vote.txt",
    FIXTURES / "fr_recurring_mandates.txt",
]


def as_proposed(text: str, review: Any) -> dict[str, str]:
    """The confirmation the review page sends when staff change nothing."""
    forms = review.context["formset"].forms
    data = {
        "text": text,
        "language": "",
        "replace": "on",
        "form-TOTAL_FORMS": str(len(forms)),
        "form-INITIAL_FORMS": str(len(forms)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": str(len(forms)),
    }
    for i, form in enumerate(forms):
        for name in form.fields:
            value = form.initial.get(name)
            if name == "keep":
                if value:
                    data[f"form-{i}-keep"] = "on"
            else:
                data[f"form-{i}-{name}"] = "" if value is None else str(value)
    return data


@FUZZ
@given(
    source=st.sampled_from(TEXTS),
    seed=st.integers(min_value=0, max_value=2**32),
    chunk=st.one_of(
        NASTY,
        st.text(max_size=200),
        st.sampled_from(
            [
                "In favour: " + "Xyzzyland " * 20,
                "Agenda item 3" + "4" * 40,
                "58/21.",
                "47/20.",
                "1. Requests the High Commissioner to report at its nine hundredth session;",
                "[Adopted by a recorded vote of 40000 to 9, with 15 abstentions.]",
                "\n" * 50,
            ]
        ),
    ),
)
def test_a_text_the_review_accepts_is_one_confirmation_stores(
    superuser_client, council_calendar, source, seed, chunk
):
    text = mutate(source.read_text(), seed, chunk)
    before = counts()

    review = superuser_client.post(REVIEW, {"text": text, "language": "", "replace": "on"})

    event(f"review: {review.status_code}")
    assert review.status_code in (200, 400)
    assert counts() == before
    if review.status_code == 400:
        return
    carried = review.context["form"].source
    data = as_proposed(carried, review)
    if review.context["form"].differences:
        # A text in another language that differs from the stored one (an
        # earlier example stored it) is added only when staff say so.
        data["add_anyway"] = "on"
    response = superuser_client.post(CONFIRM, data)
    event(f"confirmed: {response.status_code}")
    if response.status_code != 302:
        # Only a proposal's own field may be refused (shown beside it), never the text.
        assert response.status_code == 400
        assert not response.context["form"].errors
        assert counts() == before


# ---------------------------------------------------------------- the follow-up forms

FOLLOWUP_FORMS = {
    "followup_progress": [
        "progress-text",
        "progress-status",
        "progress-completed_on",
        "progress-output_document",
        "progress-version",
    ],
    "followup_status": ["status-status", "status-version"],
    "followup_due_date": ["due-due_date", "due-reason", "due-version"],
    "followup_assign": ["assign-lead_unit", "assign-focal_point", "assign-version"],
    "followup_add_dependency": ["waits-waits_on", "waits-number", "waits-version"],
}


def state_of(followup: FollowUp) -> tuple[Any, ...]:
    followup.refresh_from_db()
    return (
        followup.version,
        followup.status,
        followup.due_date,
        followup.due_date_source,
        followup.due_date_reason,
        followup.lead_unit_id,
        followup.focal_point_id,
        followup.completed_on,
        followup.output_document,
        ProgressEntry.objects.filter(followup=followup).count(),
        sorted(followup.waits_on.values_list("pk", flat=True)),
        FollowUp.history.filter(id=followup.pk).count(),
    )


@pytest.fixture
def followups(db):
    unit = UnitFactory(name="Rule of Law section")
    first = FollowUpFactory(lead_unit=unit)
    second = FollowUpFactory(resolution=first.resolution)
    return first, second, unit


def good_values(followup: FollowUp, other: FollowUp, unit: Any) -> dict[str, str]:
    """Values each form would accept, for the fuzzer to keep or spoil."""
    return {
        "version": str(followup.version),
        "status": "in_progress",
        "text": "Drafting",
        "completed_on": "2024-05-02",
        "output_document": "A/HRC/52/21",
        "due_date": "2030-01-15",
        "reason": "The Bureau moved it",
        "lead_unit": str(unit.pk),
        "focal_point": "",
        "waits_on": str(other.pk),
        "number": str(other.pk),
    }


@FUZZ
@given(
    form=st.sampled_from(sorted(FOLLOWUP_FORMS)),
    keep=st.sets(st.integers(min_value=0, max_value=4)),
    spoiled=st.dictionaries(st.integers(min_value=0, max_value=4), VALUE, max_size=3),
    extra=st.dictionaries(st.sampled_from(["pk", "id", "csrfmiddlewaretoken"]), VALUE, max_size=2),
)
def test_a_forged_follow_up_form_is_answered_and_changes_all_or_nothing(
    superuser_client, followups, form, keep, spoiled, extra
):
    followup, other, unit = followups
    good = good_values(followup, other, unit)
    fields = FOLLOWUP_FORMS[form]
    data = {name: good[name.split("-", 1)[1]] for index, name in enumerate(fields) if index in keep}
    for index, value in spoiled.items():
        if index < len(fields):
            data[fields[index]] = value
    data |= extra
    before = state_of(followup)

    response = superuser_client.post(reverse(f"web:{form}", kwargs={"pk": followup.pk}), data)

    event(f"{form} {response.status_code}")
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert state_of(followup) == before
    else:
        assert state_of(followup)[0] == before[0] + 1  # one change, one new version


@FUZZ
@given(pk=st.one_of(st.integers(min_value=0), st.integers(min_value=2**31, max_value=2**70)))
def test_a_follow_up_form_for_a_follow_up_that_does_not_exist_is_a_404(
    superuser_client, followups, pk
):
    followup, _other, _unit = followups
    if pk in {f.pk for f in followups[:2]}:
        pk += 1000
    before = state_of(followup)

    response = superuser_client.post(
        reverse("web:followup_progress", kwargs={"pk": pk}),
        {"progress-text": "x", "progress-status": "in_progress", "progress-version": "1"},
    )

    assert response.status_code == 404
    assert state_of(followup) == before


def test_a_date_outside_the_plausible_years_is_refused_with_a_message(superuser_client, followups):
    followup, _other, _unit = followups
    before = state_of(followup)

    response = superuser_client.post(
        reverse("web:followup_due_date", kwargs={"pk": followup.pk}),
        {"due-due_date": "0001-01-01", "due-reason": "x", "due-version": str(followup.version)},
    )

    assert response.status_code == 400
    assert response.context["due_date_form"].errors["due_date"]
    assert state_of(followup) == before
    assert datetime.date(1, 1, 1) != followup.due_date

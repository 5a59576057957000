"""The admin's pages read in a fixed number of queries, however much is stored.

Every change page (and add page, and history) reads in at most
``CHANGE_PAGE_QUERIES`` queries, and every page, lists included, reads in the
same number with a little stored as with more of everything it shows: the
rows of its inlines (paragraphs, mandates, vote positions, follow-ups,
progress entries by different authors), the choices of its selects (units,
people, sessions), and the rows of its list. Each page is read signed in as
a superuser and as an administrator (the role: what it gives is what is
tested).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import ManyToManyRawIdWidget
from django.contrib.auth.models import Group, User
from django.db.models import Model
from django.urls import reverse

from resolutions.models import (
    ClosureDay,
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
from tests.admin_pages import change_url, history_url
from tests.factories import (
    FollowUpFactory,
    MandateFactory,
    ParagraphFactory,
    ProgressEntryFactory,
    ResolutionFactory,
    SessionFactory,
    StateFactory,
    UnitFactory,
    UserFactory,
    VoteFactory,
    VotePositionFactory,
)
from tracker import admin as tracker_admin
from tracker import services
from tracker.models import (
    FeedToken,
    FollowUp,
    ProgressEntry,
    ReminderSent,
    ReminderSettings,
    SavedView,
    Unit,
)
from tracker.roles import VIEWER, ensure_roles

CHANGE_PAGE_QUERIES = 30
# How much more ``Stored.grow`` stores: a resolution of 2 then 20 paragraphs, a
# follow-up of 1 then 19 progress entries by as many authors, and so on.
MORE = 18

# The admin's models whose pages are read: Suivi's, and the people and roles.
MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"resolutions", "tracker", "auth"}
]


@pytest.fixture(params=["superuser", "administrator"])
def staff_client(request, client, db):
    """A client signed in as a superuser, or as a member of the Administrator role."""
    if request.param == "superuser":
        user = UserFactory(username="root", is_staff=True, is_superuser=True)
    else:
        user = request.getfixturevalue("administrator")
    client.force_login(user)
    return client


@dataclass
class Stored:
    """A resolution with its paragraphs, mandates, texts, vote and follow-ups, a
    follow-up with its log, a unit with members, a person with their settings:
    the rows whose pages are read, and ``grow`` to store more around them."""

    session: Session
    resolution: Resolution
    paragraph: Paragraph
    vote: Vote
    followup: FollowUp
    unit: Unit
    closure_day: ClosureDay
    grown: int = 0
    rows: dict[type[Model], Model] = field(default_factory=dict)

    def row(self, model: type[Model]) -> Model:
        """The row of ``model`` whose change page is read."""
        return self.rows[model]

    def grow(self, more: int) -> None:
        """Store ``more`` of everything: rows of each inline of the pages read,
        choices of their selects, and rows of each list."""
        start = self.grown + 100
        self.grown += more
        for n in range(start, start + more):
            paragraph: Any = ParagraphFactory(resolution=self.resolution, number=n)
            MandateFactory(paragraph=paragraph)
            ParagraphText.objects.create(paragraph=paragraph, language="fr", text="Texte.")
            state = StateFactory(code=f"{n:03d}", name_en=f"Grown {n}", name_fr=f"Grandi {n}")
            VotePositionFactory(vote=self.vote, state=state, order=n)
            FollowUpFactory(
                resolution=self.resolution,
                paragraphs=[paragraph],
                target_session=SessionFactory(),
                lead_unit=UnitFactory(),
            )
            author = _reader(f"author{n}")
            ProgressEntryFactory(followup=self.followup, author=author)
            services.add_unit_member(unit=self.unit, person=author, by=None)
            _settings_of(author, self.followup)
            other: Any = ResolutionFactory(session=self.session)
            ResolutionText.objects.create(resolution=other, language="fr", source_text="Texte.")
            ParagraphFactory(resolution=other)
            VoteFactory(resolution=other)
            ClosureDay.objects.create(
                date=self.closure_day.date + datetime.timedelta(days=n), description="Closed"
            )
            Group.objects.create(name=f"Role {n}")
        # Changes in the history of the rows whose history is read.
        for n in range(more):
            self.followup.title = f"Renamed {self.grown}-{n}"
            self.followup.lead_unit = Unit.objects.create(name=f"Unit {self.grown}-{n}")
            self.followup.save()
            self.resolution.agenda_item = str(n)
            self.resolution.save()
            self.session.notes = f"Note {n}"
            self.session.save()


def _reader(username: str) -> Any:
    """An active person with the Viewer role: one who can be a focal point."""
    user: Any = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=VIEWER))
    return user


def _settings_of(person: User, followup: FollowUp) -> None:
    """A calendar-feed key, reminder settings, a reminder sent and a saved view."""
    services.feed_key_for(user=person)
    ReminderSettings.objects.create(user=person, thresholds=[7])
    ReminderSent.objects.create(
        user=person, followup=followup, due_date=datetime.date(2040, 1, 1), threshold=7
    )
    SavedView.objects.create(owner=person, name="Mine", query="status=done")


@pytest.fixture
def stored(db):
    """``Stored``: a little of everything."""
    ensure_roles()
    session = SessionFactory()
    resolution = ResolutionFactory(session=session)
    paragraph = ParagraphFactory(resolution=resolution, number=1)
    ParagraphFactory(resolution=resolution, kind="preambular", number=1)
    mandate = MandateFactory(paragraph=paragraph)
    paragraph_text = ParagraphText.objects.create(paragraph=paragraph, language="fr", text="Texte.")
    resolution_text = ResolutionText.objects.create(
        resolution=resolution, language="fr", source_text="Texte."
    )
    vote = VoteFactory(resolution=resolution)
    position = VotePositionFactory(vote=vote)
    person = _reader("focal")
    unit = UnitFactory()
    services.add_unit_member(unit=unit, person=person, by=None)
    served = FollowUpFactory(resolution=resolution, paragraphs=[paragraph], kind="meeting")
    followup = FollowUpFactory(
        resolution=resolution,
        paragraphs=[paragraph],
        mandate=mandate,
        lead_unit=unit,
        focal_point=person,
        target_session=session,
        serves=served,
    )
    entry = ProgressEntryFactory(followup=followup, author=person)
    _settings_of(person, followup)
    closure_day = ClosureDay.objects.create(date=datetime.date(2041, 1, 2), description="Closed")
    result = Stored(
        session=session,
        resolution=resolution,
        paragraph=paragraph,
        vote=vote,
        followup=followup,
        unit=unit,
        closure_day=closure_day,
    )
    result.rows = {
        Session: session,
        Resolution: resolution,
        Paragraph: paragraph,
        ParagraphText: paragraph_text,
        ResolutionText: resolution_text,
        Mandate: mandate,
        Vote: vote,
        VotePosition: position,
        State: position.state,
        FollowUp: followup,
        ProgressEntry: entry,
        Unit: unit,
        User: person,
        Group: Group.objects.get(name=VIEWER),
        ClosureDay: closure_day,
        FeedToken: person.feed_token,
        ReminderSettings: person.reminder_settings,
        ReminderSent: person.reminders_sent.get(),
        SavedView: person.saved_views.get(),
    }
    return result


def queries_of(client: Any, url: str, assert_max: Any, *, warm: bool = False) -> int:
    """The number of queries a GET of ``url`` runs (at most ``CHANGE_PAGE_QUERIES``);
    ``warm``: once the session and the caches a first request fills are warm."""
    if warm:
        assert client.get(url).status_code == 200
    with assert_max(CHANGE_PAGE_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _admin_url(model: type[Model], view: str, *args: Any) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def queries_before_and_after_growing(
    client: Any, stored: Stored, urls: dict[str, str], assert_max: Any
) -> tuple[dict[str, int], dict[str, int]]:
    """The queries each of ``urls`` runs with a little stored, then with more."""
    few = {name: queries_of(client, url, assert_max, warm=True) for name, url in urls.items()}
    stored.grow(MORE)
    many = {name: queries_of(client, url, assert_max) for name, url in urls.items()}
    return few, many


def test_every_change_page_reads_in_the_same_few_queries_however_much_is_stored(
    staff_client, stored, django_assert_max_num_queries
):
    urls = {model.__name__: change_url(stored.row(model)) for model in MODELS}

    few, many = queries_before_and_after_growing(
        staff_client, stored, urls, django_assert_max_num_queries
    )

    assert many == few


def test_every_list_reads_in_the_same_queries_for_a_few_rows_as_for_many(
    staff_client, stored, django_assert_max_num_queries
):
    urls = {model.__name__: _admin_url(model, "changelist") for model in MODELS}

    few, many = queries_before_and_after_growing(
        staff_client, stored, urls, django_assert_max_num_queries
    )

    assert many == few


ADDABLE = [FollowUp, Session, Unit, User, Group, ClosureDay]


def test_every_add_page_reads_in_the_same_few_queries_however_much_is_stored(
    staff_client, stored, django_assert_max_num_queries
):
    urls = {model.__name__: _admin_url(model, "add") for model in ADDABLE}

    few, many = queries_before_and_after_growing(
        staff_client, stored, urls, django_assert_max_num_queries
    )

    assert many == few


def test_a_history_reads_in_the_same_few_queries_however_long_it_is(
    staff_client, stored, django_assert_max_num_queries
):
    urls = {
        model.__name__: history_url(stored.row(model)) for model in [FollowUp, Resolution, Session]
    }

    few, many = queries_before_and_after_growing(
        staff_client, stored, urls, django_assert_max_num_queries
    )

    assert many == few


def test_the_follow_up_add_page_asks_for_paragraph_ids_rather_than_listing_every_one(
    admin_client, stored
):
    response = admin_client.get(reverse("admin:tracker_followup_add"))

    paragraphs = response.context["adminform"].form["paragraphs"]
    assert isinstance(paragraphs.field.widget, ManyToManyRawIdWidget)
    assert "<option" not in str(paragraphs)


def test_a_follow_up_added_in_the_admin_gets_the_paragraphs_whose_ids_were_typed(
    admin_client, stored
):
    second = ParagraphFactory(resolution=stored.resolution, number=2)

    response = admin_client.post(
        reverse("admin:tracker_followup_add"),
        _new_followup(stored, paragraphs=f"{stored.paragraph.pk},{second.pk}"),
    )

    assert response.status_code == 302
    added = FollowUp.objects.get(title="Added in the admin")
    assert set(added.paragraphs.all()) == {stored.paragraph, second}


def test_a_follow_up_added_in_the_admin_refuses_another_resolutions_paragraph(admin_client, stored):
    elsewhere = ParagraphFactory()

    response = admin_client.post(
        reverse("admin:tracker_followup_add"), _new_followup(stored, paragraphs=str(elsewhere.pk))
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["paragraphs"] == [
        f"Paragraph {elsewhere.pk} is not an operative paragraph of the chosen resolution."
    ]
    assert not FollowUp.objects.filter(title="Added in the admin").exists()


def _new_followup(stored: Stored, *, paragraphs: str) -> dict[str, Any]:
    return {
        "resolution": stored.resolution.pk,
        "paragraphs": paragraphs,
        "mandate": "",
        "kind": "report",
        "title": "Added in the admin",
        "actor": "high_commissioner",
        "lead_unit": "",
        "focal_point": "",
        "target_session": stored.session.pk,
        "serves": "",
        "status": "not_started",
        "completed_on": "",
        "output_document": "",
        "expected_version": "",
        "progress-TOTAL_FORMS": "0",
        "progress-INITIAL_FORMS": "0",
    }


def test_the_follow_up_page_shows_the_latest_entries_and_links_to_the_whole_log(
    admin_client, stored, monkeypatch
):
    monkeypatch.setattr(tracker_admin, "PROGRESS_SHOWN", 3)
    entries = [ProgressEntryFactory(followup=stored.followup) for _ in range(4)]

    response = admin_client.get(change_url(stored.followup))

    inline = response.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in inline.forms] == entries[:-4:-1]
    page = response.content.decode()
    assert "5 entries: the latest 3 below." in page
    log = reverse("admin:tracker_progressentry_changelist")
    assert f'href="{log}?followup={stored.followup.pk}"' in page
    assert admin_client.get(f"{log}?followup={stored.followup.pk}").context["cl"].result_count == 5


def test_the_follow_up_page_says_how_many_entries_are_below_when_it_shows_them_all(
    admin_client, stored
):
    page = admin_client.get(change_url(stored.followup)).content.decode()

    assert "1 entry, below." in page

"""factory-boy factories for every model."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from resolutions import models as r
from tracker import deadlines
from tracker import models as t


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a long test password")


class SessionFactory(factory.django.DjangoModelFactory):
    """A Council session well after the ones the migrations load."""

    class Meta:
        model = r.Session
        django_get_or_create = ("body", "number")

    body = r.Body.HRC
    number = factory.Sequence(lambda n: 100 + n)
    start_date = factory.LazyAttribute(
        # Three sessions a year from 2040, wrapping before 2093 so that dates stay
        # within the years the forms accept (1946–2100) however long the suite.
        lambda s: (
            datetime.date(2040, 2, 20) + datetime.timedelta(weeks=17 * ((s.number - 100) % 160))
        )
    )
    end_date = factory.LazyAttribute(lambda s: s.start_date + datetime.timedelta(weeks=5))
    dates_confirmed = True


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.State
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"X{n:02d}"[:3])
    name_en = factory.Sequence(lambda n: f"State {n}")
    name_fr = factory.Sequence(lambda n: f"État {n}")


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.Resolution

    session = factory.SubFactory(SessionFactory)
    body = r.Body.HRC
    number = factory.Sequence(lambda n: f"99/{n + 1}")
    symbol = factory.LazyAttribute(lambda o: f"A/HRC/RES/{o.number}")
    # Lorem ipsum, not English words: a search test for "water" must not find a
    # generated title or text that happens to hold the word.
    title = factory.Faker("sentence", nb_words=6, locale="la")
    agenda_item = "3"
    adopted_on = factory.LazyAttribute(lambda o: o.session.end_date)
    meeting = 40
    language = r.Language.EN
    source_text = "Resolution text as pasted."


class ParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.Paragraph

    resolution = factory.SubFactory(ResolutionFactory)
    kind = r.ParagraphKind.OPERATIVE
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("paragraph", locale="la")
    subparagraphs = factory.LazyFunction(list)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.Vote

    resolution = factory.SubFactory(ResolutionFactory)
    method = r.VoteMethod.RECORDED
    yes = 1
    no = 0
    abstentions = 0


class VotePositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.VotePosition

    vote = factory.SubFactory(VoteFactory)
    state = factory.SubFactory(StateFactory)
    printed_name = factory.LazyAttribute(lambda o: o.state.name_en)
    position = r.Position.YES


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.Mandate

    paragraph = factory.SubFactory(ParagraphFactory)
    resolution = factory.LazyAttribute(lambda o: o.paragraph.resolution)
    kind = r.MandateKind.REPORT
    actor = r.Actor.HIGH_COMMISSIONER
    session_number = factory.LazyAttribute(lambda o: o.paragraph.resolution.session.number + 3)
    text = "to prepare a report and to present it to the Council"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = t.Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Section {n}")
    abbreviation = factory.Sequence(lambda n: f"S{n}")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = t.FollowUp
        skip_postgeneration_save = True

    resolution = factory.SubFactory(ResolutionFactory)
    kind = r.MandateKind.REPORT
    title = factory.Sequence(lambda n: f"Report number {n}")
    actor = r.Actor.HIGH_COMMISSIONER
    target_session = factory.SubFactory(SessionFactory)
    # Derived as Suivi derives it (no closure days: a factory makes none).
    due_date = factory.LazyAttribute(
        lambda o: (
            due.date
            if (
                due := deadlines.due_date_for(
                    kind=o.kind, session=o.target_session, calendar=deadlines.WorkingCalendar()
                )
            )
            else None
        )
    )
    status = t.Status.NOT_STARTED

    @factory.post_generation
    def paragraphs(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [ParagraphFactory(resolution=self.resolution)]
        self.paragraphs.add(*extracted)


class ProgressEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = t.ProgressEntry

    followup = factory.SubFactory(FollowUpFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Faker("sentence", locale="la")

"""Fill the database with twenty years of realistic data, for benchmarks and load runs.

    python manage.py generate_load --resolutions 2000 [--seed 1]

For ``N`` resolutions it adds, in the proportions of an office that has
tracked the Council since 2006 (figures for N = 2,000):

- the Council's regular sessions 1 to 67 that are not stored yet (the usual
  pattern: March, June, September; 34–61 come from the published calendar)
  and one special session per 60 resolutions;
- ``N`` adopted texts over those sessions (85 % resolutions, 10 % decisions,
  5 % President's statements; 80 % English, 20 % French), each with 10–44
  paragraphs (about 54,000), its source text built from them, a quarter with
  a text in the other language, a third adopted by a recorded vote of the
  47 members (with their positions);
- one mandate and one follow-up per deliverable, 10 per text on average
  (about 20,000), over the sessions after adoption, with due dates derived
  from the calendar (``tracker.deadlines``), statuses as time has left them
  (old ones mostly done), a lead unit, a focal point and, for a report
  after a meeting of the same text, a dependency on it;
- about 10 progress entries per follow-up (about 200,000), by the people
  of the follow-up's lead unit;
- one person per 10 texts (at least 20), in the roles' groups (made
  first by ``tracker.roles.ensure_roles``), members of one or two of the units
  (one per 70 texts, at least 5).

Rows are written with ``bulk_create`` in one transaction, without history
records: this is data for measuring, not a record of anyone's work. On
PostgreSQL the search's trigram indexes take the rows in batches meanwhile
(``resolutions.search_indexes.pending_lists_during_bulk_load``), and the
tables are analysed afterwards, so that the planner knows their new sizes.
Symbols already stored are skipped, so running it again adds more. The same
``--seed`` gives the same data on an empty database.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from resolutions.importer.states import all_states
from resolutions.models import (
    Actor,
    Body,
    DocumentKind,
    Language,
    Mandate,
    MandateKind,
    Paragraph,
    ParagraphKind,
    ParagraphText,
    Position,
    Resolution,
    ResolutionText,
    Session,
    State,
    Vote,
    VoteMethod,
    VotePosition,
)
from resolutions.search_indexes import pending_lists_during_bulk_load
from tracker import deadlines
from tracker.models import DueDateSource, FollowUp, ProgressEntry, Status, Unit
from tracker.roles import EDITOR, MANAGER, VIEWER, ensure_roles
from tracker.titles import TitleParts, generated_title

D = datetime.date
BATCH = 2000
LAST_REGULAR_SESSION = 67
COUNCIL_MEMBERS = 47

TOPICS_EN = (
    "Human rights and climate change",
    "The right to education",
    "Freedom of opinion and expression",
    "The safety of journalists",
    "The right to food",
    "Human rights and the environment",
    "Rights of persons with disabilities",
    "The rights of the child",
    "Elimination of discrimination against women and girls",
    "Human rights of migrants",
    "The right to privacy in the digital age",
    "Freedom of peaceful assembly and of association",
    "Human rights defenders",
    "Contemporary forms of slavery",
    "The right to development",
    "Technical cooperation and capacity-building",
    "Situation of human rights in a Member State",
    "Access to medicines and vaccines",
    "Human rights and transitional justice",
    "The question of the death penalty",
    "Independence of judges and lawyers",
    "Human rights of internally displaced persons",
    "The right to safe drinking water and sanitation",
    "Youth and human rights",
    "New and emerging digital technologies and human rights",
)
TOPICS_FR = (
    "Droits de l'homme et changements climatiques",
    "Le droit à l'éducation",
    "Liberté d'opinion et d'expression",
    "La sécurité des journalistes",
    "Le droit à l'alimentation",
    "Droits de l'homme et environnement",
    "Droits des personnes handicapées",
    "Droits de l'enfant",
    "Élimination de la discrimination à l'égard des femmes et des filles",
    "Droits de l'homme des migrants",
    "Le droit à la vie privée à l'ère du numérique",
    "Liberté de réunion pacifique et d'association",
    "Défenseurs des droits de l'homme",
    "Formes contemporaines d'esclavage",
    "Le droit au développement",
    "Coopération technique et renforcement des capacités",
    "Situation des droits de l'homme dans un État Membre",
    "Accès aux médicaments et aux vaccins",
    "Droits de l'homme et justice transitionnelle",
    "La question de la peine de mort",
    "Indépendance des juges et des avocats",
    "Droits de l'homme des personnes déplacées dans leur propre pays",
    "Le droit à l'eau potable et à l'assainissement",
    "Jeunesse et droits de l'homme",
    "Technologies numériques nouvelles et émergentes et droits de l'homme",
)
PREAMBLE_EN = (
    "Guided by the purposes and principles of the Charter of the United Nations,",
    "Reaffirming the Universal Declaration of Human Rights and recalling the "
    "International Covenant on Civil and Political Rights,",
    "Recalling all its previous resolutions on the subject, and General Assembly "
    "resolution 60/251 of 15 March 2006,",
    "Recognizing that the adverse effects of climate change have a range of direct and "
    "indirect implications for the effective enjoyment of human rights,",
    "Deeply concerned at the continuing reports of violations and abuses,",
    "Welcoming the work of the special procedures and of the treaty bodies,",
)
PREAMBLE_FR = (
    "Guidé par les buts et principes énoncés dans la Charte des Nations Unies,",
    "Réaffirmant la Déclaration universelle des droits de l'homme et rappelant le Pacte "
    "international relatif aux droits civils et politiques,",
    "Rappelant toutes ses résolutions antérieures sur la question, et la résolution "
    "60/251 de l'Assemblée générale en date du 15 mars 2006,",
    "Considérant que les effets néfastes des changements climatiques ont des incidences "
    "directes et indirectes sur l'exercice effectif des droits de l'homme,",
    "Profondément préoccupé par les informations faisant état de violations,",
)
OPERATIVE_EN = (
    "Calls upon all States to respect, protect and fulfil human rights in all their "
    "actions, and to cooperate fully with the mechanisms of the Council;",
    "Encourages States to cooperate with the special procedures and to consider "
    "favourably their requests to visit;",
    "Decides to continue its consideration of this question under the same agenda item;",
    "Stresses the importance of the participation of civil society at all stages;",
)
OPERATIVE_FR = (
    "Demande à tous les États de respecter, de protéger et de réaliser les droits de "
    "l'homme, y compris dans toute action face aux changements climatiques ;",
    "Encourage les États à coopérer avec les procédures spéciales ;",
    "Décide de poursuivre l'examen de cette question au titre du même point de l'ordre du jour ;",
)
# What a mandate asks, by kind: (weight, English clause, French clause); {session} is its session.
MANDATES: dict[MandateKind, tuple[int, str, str]] = {
    MandateKind.REPORT: (
        45,
        "Requests {actor} to prepare a report on the question and to present it to the "
        "Human Rights Council at its {session} session;",
        "Prie {actor} d'établir un rapport sur la question et de le présenter au Conseil "
        "des droits de l'homme à sa {session} session ;",
    ),
    MandateKind.ORAL_UPDATE: (
        15,
        "Requests {actor} to present an oral update to the Council at its {session} "
        "session, followed by an interactive dialogue;",
        "Prie {actor} de présenter oralement une mise à jour au Conseil à sa {session} "
        "session, suivie d'un dialogue ;",
    ),
    MandateKind.MEETING: (
        10,
        "Decides to convene, at its {session} session, a two-hour panel discussion on the "
        "question, with the participation of States and civil society;",
        "Décide d'organiser, à sa {session} session, une réunion-débat de deux heures sur "
        "la question ;",
    ),
    MandateKind.RESOURCES: (
        10,
        "Requests {actor} to provide all the assistance and resources necessary for the "
        "meeting at the {session} session;",
        "Prie {actor} de fournir toute l'assistance et les ressources nécessaires à la "
        "réunion de la {session} session ;",
    ),
    MandateKind.OTHER: (
        20,
        "Invites {actor} to bring the present resolution to the attention of all concerned "
        "before the {session} session;",
        "Invite {actor} à porter la présente résolution à l'attention de tous les "
        "intéressés avant la {session} session ;",
    ),
}
ACTORS: dict[MandateKind, tuple[Actor, ...]] = {
    MandateKind.REPORT: (Actor.HIGH_COMMISSIONER, Actor.OHCHR, Actor.SECRETARY_GENERAL),
    MandateKind.ORAL_UPDATE: (Actor.SPECIAL_PROCEDURES, Actor.HIGH_COMMISSIONER),
    MandateKind.MEETING: (Actor.COUNCIL,),
    MandateKind.RESOURCES: (Actor.OHCHR,),
    MandateKind.OTHER: (Actor.SECRETARY_GENERAL, Actor.STATES, Actor.ADVISORY_COMMITTEE),
}
# How a clause names each actor, in English and in French.
ACTOR_NAMES: dict[Actor, tuple[str, str]] = {
    Actor.HIGH_COMMISSIONER: ("the High Commissioner", "le Haut-Commissaire"),
    Actor.OHCHR: ("the Office of the High Commissioner", "le Haut-Commissariat"),
    Actor.SECRETARY_GENERAL: ("the Secretary-General", "le Secrétaire général"),
    Actor.SPECIAL_PROCEDURES: ("the Special Rapporteur", "le Rapporteur spécial"),
    Actor.COUNCIL: ("the Council", "le Conseil"),
    Actor.STATES: ("all States", "tous les États"),
    Actor.ADVISORY_COMMITTEE: ("the Advisory Committee", "le Comité consultatif"),
}
NOTES = (
    "Call for inputs sent to Member States and civil society.",
    "First draft shared with the section chief for comments.",
    "Consultation with the special procedures branch held.",
    "Inputs received from 14 States and 9 organizations; thematic section consulted.",
    "Draft report submitted to the Conference Services for editing.",
    "Concept note for the panel circulated; speakers being approached.",
    "Budget for the meeting approved; interpretation requested.",
    "Report submitted; document symbol awaited.",
    "Waiting for the translation into the six official languages.",
    "Follow-up meeting with the regional offices held.",
)
PEOPLE = (
    ("Amina", "Diallo"),
    ("Jean", "Dupont"),
    ("María", "González"),
    ("Li", "Wei"),
    ("Olga", "Petrova"),
    ("Kofi", "Mensah"),
    ("Sara", "Haddad"),
    ("Pierre", "Lefèvre"),
    ("Priya", "Nair"),
    ("Tomás", "Silva"),
)
UNIT_NAMES = (
    "Rule of Law and Democracy Section",
    "Special Procedures Branch",
    "Human Rights Council Branch",
    "Women's Human Rights and Gender Section",
    "Indigenous Peoples and Minorities Section",
    "Development and Economic and Social Issues Branch",
    "Methodology, Education and Training Section",
    "Anti-Discrimination Section",
    "Civil Society Section",
    "Universal Periodic Review Branch",
)


def _ordinal(number: int, language: str) -> str:
    if language == Language.FR:
        return f"{number}e"
    endings = {1: "st", 2: "nd", 3: "rd"}
    suffix = "th" if 10 <= number % 100 <= 20 else endings.get(number % 10, "th")
    return f"{number}{suffix}"


def regular_session_dates(number: int) -> tuple[datetime.date, datetime.date]:
    """The usual dates of regular session ``number``: sessions 1–3 in 2006, then
    three a year from 2007, opening in March, June and September (General
    Assembly resolution 60/251; Council resolution 5/1)."""
    if number <= 3:
        first = (D(2006, 6, 19), D(2006, 9, 18), D(2006, 11, 27))
        start = first[number - 1]
    else:
        year = 2007 + (number - 4) // 3
        start = datetime.date(year, (3, 6, 9)[(number - 4) % 3], 1)
        start += datetime.timedelta(days=(7 - start.weekday()) % 7)  # the first Monday
    return start, start + datetime.timedelta(weeks=4, days=4)


def _batches(rows: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


class Command(BaseCommand):
    help = "Add realistic resolutions, follow-ups and progress entries in bulk (benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--resolutions", type=int, required=True, help="How many texts.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["resolutions"]
        if count < 1:
            raise CommandError("--resolutions must be at least 1.")
        groups = ensure_roles()
        generator = Generator(random.Random(options["seed"]), groups)
        with pending_lists_during_bulk_load(connection), transaction.atomic():
            totals = generator.run(count)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the planner's statistics, stale after a bulk load
        self.stdout.write(", ".join(f"{value:,} {name}" for name, value in totals.items()) + ".")


class Generator:
    """Builds and bulk-inserts the rows; ``run`` returns how many of each it wrote."""

    def __init__(self, rng: random.Random, groups: dict[str, Group]) -> None:
        self.rng = rng
        self.groups = groups
        self.today = timezone.localdate()
        self.calendar = deadlines.WorkingCalendar.load()

    def run(self, count: int) -> dict[str, int]:
        sessions = self.sessions(count)
        people = self.people(max(20, count // 10))
        units = self.units(max(5, count // 70), people)
        resolutions = self.resolutions(count, sessions)
        paragraphs = self.paragraphs(resolutions)
        votes = self.votes(resolutions)
        followups = self.followups(resolutions, paragraphs, sessions, units, people)
        entries = self.progress(followups, units, people)
        return {
            "resolutions": len(resolutions),
            "paragraphs": sum(len(p) for p in paragraphs.values()),
            "recorded votes": votes,
            "follow-ups": len(followups),
            "progress entries": entries,
            "people": len(people),
            "units": len(units),
        }

    def sessions(self, count: int) -> dict[tuple[bool, int], Session]:
        """Every regular session 1–67 and one special session per 60 texts, stored or added."""
        stored = {(s.special, s.number): s for s in Session.objects.filter(body=Body.HRC)}
        missing = []
        for number in range(1, LAST_REGULAR_SESSION + 1):
            if (False, number) not in stored:
                start, end = regular_session_dates(number)
                confirmed = end < self.today
                missing.append(
                    Session(
                        number=number, start_date=start, end_date=end, dates_confirmed=confirmed
                    )
                )
        for number in range(1, max(1, count // 60) + 1):
            if (True, number) not in stored:
                start = datetime.date(2006, 7, 3) + datetime.timedelta(days=190 * number)
                missing.append(
                    Session(
                        number=number,
                        special=True,
                        start_date=start,
                        end_date=start + datetime.timedelta(days=1),
                    )
                )
        for session in Session.objects.bulk_create(missing):
            stored[(session.special, session.number)] = session
        return stored

    def people(self, count: int) -> list[Any]:
        user_model = get_user_model()
        start = user_model.objects.filter(username__startswith="staff-").count()
        people = user_model.objects.bulk_create(
            user_model(
                username=f"staff-{start + n:05d}",
                first_name=self.rng.choice(PEOPLE)[0],
                last_name=f"{self.rng.choice(PEOPLE)[1]} {start + n}",
                email=f"staff-{start + n:05d}@suivi.example.org",
                password="!",  # unusable: these people sign in only when a benchmark sets one
            )
            for n in range(count)
        )
        memberships = user_model.groups.through
        roles = [EDITOR] * 7 + [VIEWER] * 2 + [MANAGER]
        user_model.groups.through.objects.bulk_create(
            memberships(user_id=person.pk, group_id=self.groups[self.rng.choice(roles)].pk)
            for person in people
        )
        return people

    def units(self, count: int, people: list[Any]) -> list[Unit]:
        taken = set(Unit.objects.values_list("name", flat=True))
        names: list[str] = []
        number = 0
        while len(names) < count:  # "… Section 2", "… Section 3" once the plain names are taken
            base = UNIT_NAMES[number % len(UNIT_NAMES)]
            round_ = number // len(UNIT_NAMES)
            name = f"{base} {round_ + 1}" if round_ else base
            if name not in taken:
                names.append(name)
            number += 1
        units = Unit.objects.bulk_create(
            Unit(name=name, abbreviation="".join(w[0] for w in name.split() if w[0].isupper()))
            for name in names
        )
        membership = Unit.members.through
        rows = {
            (unit.pk, person.pk)
            for person in people
            for unit in self.rng.sample(units, min(len(units), self.rng.choice((1, 1, 2))))
        }
        membership.objects.bulk_create(membership(unit_id=u, user_id=p) for u, p in rows)
        return units

    def resolutions(
        self, count: int, sessions: dict[tuple[bool, int], Session]
    ) -> list[Resolution]:
        past = [s for (special, _n), s in sorted(sessions.items()) if s.end_date < self.today]
        regular = [s for s in past if not s.special]
        special = [s for s in past if s.special]
        taken = set(Resolution.objects.values_list("symbol", flat=True))
        numbers: dict[int, int] = {}
        rows: list[Resolution] = []
        while len(rows) < count:
            session = self.rng.choice(special) if special and self.rng.random() < 0.03 else None
            session = session or self.rng.choice(regular)
            numbers[session.pk] = numbers.get(session.pk, 0) + 1
            prefix = f"S-{session.number}" if session.special else str(session.number)
            number = f"{prefix}/{numbers[session.pk]}"
            roll = self.rng.random()
            kind, infix = (
                (DocumentKind.RESOLUTION, "RES")
                if roll < 0.85
                else (DocumentKind.DECISION, "DEC")
                if roll < 0.95
                else (DocumentKind.STATEMENT, "PRST")
            )
            symbol = f"A/HRC/{infix}/{number}"
            if symbol in taken:
                continue
            language = Language.FR if self.rng.random() < 0.2 else Language.EN
            topic = self.rng.randrange(len(TOPICS_EN))
            rows.append(
                Resolution(
                    symbol=symbol,
                    kind=kind,
                    session=session,
                    number=number,
                    title=(TOPICS_FR if language == Language.FR else TOPICS_EN)[topic],
                    agenda_item=self.rng.choice(("2", "3", "4", "9", "10")),
                    adopted_on=session.end_date - datetime.timedelta(days=self.rng.randrange(3)),
                    meeting=self.rng.randrange(30, 60),
                    language=language,
                    source_text="",
                    version=1,
                )
            )
        return Resolution.objects.bulk_create(rows, batch_size=BATCH)

    def paragraphs(self, resolutions: list[Resolution]) -> dict[int, list[Paragraph]]:
        """10–44 paragraphs per text, 40 % preambular; the texts' source and, for a
        quarter, their text in the other language."""
        rows: list[Paragraph] = []
        for resolution in resolutions:
            french = resolution.language == Language.FR
            total = self.rng.randint(10, 44)
            preambular = max(1, round(total * 0.4))
            for number in range(1, total + 1):
                is_preambular = number <= preambular
                choices = (
                    (PREAMBLE_FR if french else PREAMBLE_EN)
                    if is_preambular
                    else (OPERATIVE_FR if french else OPERATIVE_EN)
                )
                rows.append(
                    Paragraph(
                        resolution=resolution,
                        kind=ParagraphKind.PREAMBULAR if is_preambular else ParagraphKind.OPERATIVE,
                        number=number if is_preambular else number - preambular,
                        text=self.rng.choice(choices),
                    )
                )
        Paragraph.objects.bulk_create(rows, batch_size=BATCH)
        by_resolution: dict[int, list[Paragraph]] = {}
        for paragraph in rows:
            by_resolution.setdefault(paragraph.resolution_id, []).append(paragraph)
        translations: list[ResolutionText] = []
        paragraph_texts: list[ParagraphText] = []
        for resolution in resolutions:
            own = by_resolution[resolution.pk]
            resolution.source_text = self._source(resolution, own)
            if self.rng.random() < 0.25:
                other = Language.EN if resolution.language == Language.FR else Language.FR
                topics = TOPICS_EN if other == Language.EN else TOPICS_FR
                mine = TOPICS_FR if other == Language.EN else TOPICS_EN
                translations.append(
                    ResolutionText(
                        resolution=resolution,
                        language=other,
                        title=topics[mine.index(resolution.title)],
                        source_text=resolution.source_text,
                    )
                )
                paragraph_texts.extend(
                    ParagraphText(paragraph=p, language=other, text=p.text) for p in own
                )
        Resolution.objects.bulk_update(resolutions, ["source_text"], batch_size=500)
        ResolutionText.objects.bulk_create(translations, batch_size=BATCH)
        ParagraphText.objects.bulk_create(paragraph_texts, batch_size=BATCH)
        return by_resolution

    def _source(self, resolution: Resolution, paragraphs: list[Paragraph]) -> str:
        lines = [
            "United Nations",
            f"{resolution.symbol}",
            "",
            "Human Rights Council",
            f"Agenda item {resolution.agenda_item}",
            "",
            f"{resolution.number}. {resolution.title}",
            "",
        ]
        for paragraph in paragraphs:
            prefix = "" if paragraph.kind == ParagraphKind.PREAMBULAR else f"{paragraph.number}. "
            lines.append(f"{prefix}{paragraph.text}")
            lines.append("")
        lines.append(f"{resolution.meeting}th meeting")
        return "\n".join(lines)

    def votes(self, resolutions: list[Resolution]) -> int:
        states = {s.code: s for s in State.objects.all()}
        missing = [
            State(code=r.code, name_en=r.name_en, name_fr=r.name_fr)
            for r in all_states()
            if r.code not in states
        ]
        for state in State.objects.bulk_create(missing):
            states[state.code] = state
        members = list(states.values())
        votes: list[Vote] = []
        for resolution in resolutions:
            if resolution.kind == DocumentKind.STATEMENT:
                continue
            if self.rng.random() < 0.33:
                votes.append(Vote(resolution=resolution, method=VoteMethod.RECORDED))
            else:
                votes.append(Vote(resolution=resolution, method=VoteMethod.WITHOUT_VOTE))
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        positions: list[VotePosition] = []
        recorded = [v for v in votes if v.method == VoteMethod.RECORDED]
        for vote in recorded:
            counts = {Position.YES: 0, Position.NO: 0, Position.ABSTAIN: 0}
            for order, state in enumerate(self.rng.sample(members, COUNCIL_MEMBERS)):
                position = self.rng.choices(
                    (Position.YES, Position.NO, Position.ABSTAIN), weights=(6, 2, 2)
                )[0]
                counts[position] += 1
                positions.append(
                    VotePosition(
                        vote=vote,
                        state=state,
                        printed_name=state.name_en,
                        position=position,
                        order=order,
                    )
                )
            vote.yes, vote.no, vote.abstentions = (
                counts[Position.YES],
                counts[Position.NO],
                counts[Position.ABSTAIN],
            )
        Vote.objects.bulk_update(recorded, ["yes", "no", "abstentions"], batch_size=500)
        VotePosition.objects.bulk_create(positions, batch_size=BATCH)
        return len(recorded)

    def followups(
        self,
        resolutions: list[Resolution],
        paragraphs: dict[int, list[Paragraph]],
        sessions: dict[tuple[bool, int], Session],
        units: list[Unit],
        people: list[Any],
    ) -> list[FollowUp]:
        """About ten mandates per text, each with its follow-up, paragraph and due date."""
        kinds = list(MANDATES)
        weights = [MANDATES[k][0] for k in kinds]
        mandates: list[Mandate] = []
        followups: list[FollowUp] = []
        regular_numbers = max(n for special, n in sessions if not special)
        for resolution in resolutions:
            operative = [p for p in paragraphs[resolution.pk] if p.kind == ParagraphKind.OPERATIVE]
            french = resolution.language == Language.FR
            base = resolution.session.number if not resolution.session.special else None
            for order in range(self.rng.randint(3, 17)):
                kind = self.rng.choices(kinds, weights=weights)[0]
                paragraph = self.rng.choice(operative)
                number = min(
                    regular_numbers,
                    (base or self._next_regular(resolution, sessions)) + self.rng.randint(1, 6),
                )
                session = sessions[(False, number)]
                _weight, english, french_clause = MANDATES[kind]
                actor = self.rng.choice(ACTORS[kind])
                clause = (french_clause if french else english).format(
                    session=_ordinal(number, resolution.language),
                    actor=ACTOR_NAMES[actor][1 if french else 0],
                )
                mandate = Mandate(
                    resolution=resolution,
                    paragraph=paragraph,
                    kind=kind,
                    actor=actor,
                    session_number=number,
                    text=clause,
                    order=order,
                )
                mandates.append(mandate)
                parts: TitleParts = {
                    "kind": kind,
                    "session": number,
                    "body": Body.HRC,
                    "paragraph": paragraph.number,
                    "symbol": resolution.number,
                }
                due = deadlines.due_date_for(kind=kind, session=session, calendar=self.calendar)
                due_date = due.date if due else None
                status, completed = self._status(due_date)
                followups.append(
                    FollowUp(
                        resolution=resolution,
                        mandate=mandate,
                        kind=kind,
                        title=generated_title(parts, language="en"),
                        title_parts=parts,
                        actor=mandate.actor,
                        lead_unit=self.rng.choice(units) if self.rng.random() < 0.9 else None,
                        focal_point=self.rng.choice(people) if self.rng.random() < 0.85 else None,
                        target_session=session,
                        due_date=due_date,
                        due_date_source=DueDateSource.DERIVED,
                        status=status,
                        completed_on=completed,
                        output_document=(
                            f"A/HRC/{number}/{self.rng.randint(10, 80)}"
                            if status == Status.DONE and kind == MandateKind.REPORT
                            else ""
                        ),
                    )
                )
        Mandate.objects.bulk_create(mandates, batch_size=BATCH)
        for followup in followups:
            followup.mandate = followup.mandate  # the mandate's primary key, now that it has one
        FollowUp.objects.bulk_create(followups, batch_size=BATCH)
        through = FollowUp.paragraphs.through
        through.objects.bulk_create(
            (
                through(followup_id=f.pk, paragraph_id=f.mandate.paragraph_id)
                for f in followups
                if f.mandate
            ),
            batch_size=BATCH,
        )
        waits = FollowUp.waits_on.through
        links = []
        meetings: dict[int, FollowUp] = {}
        for followup in followups:
            if followup.kind == MandateKind.MEETING:
                meetings.setdefault(followup.resolution_id, followup)
            elif followup.kind == MandateKind.REPORT and followup.resolution_id in meetings:
                meeting = meetings[followup.resolution_id]
                links.append(waits(from_followup_id=followup.pk, to_followup_id=meeting.pk))
        waits.objects.bulk_create(links, batch_size=BATCH)
        return followups

    def _next_regular(
        self, resolution: Resolution, sessions: dict[tuple[bool, int], Session]
    ) -> int:
        adopted = resolution.adopted_on or self.today
        return (
            min(n for (special, n), s in sessions.items() if not special and s.start_date > adopted)
            - 1
        )

    def _status(self, due: datetime.date | None) -> tuple[str, datetime.date | None]:
        roll = self.rng.random()
        if due is None or due > self.today + datetime.timedelta(days=60):
            return (Status.NOT_STARTED if roll < 0.6 else Status.IN_PROGRESS), None
        if due > self.today - datetime.timedelta(days=60):
            if roll < 0.2:
                return Status.DONE, min(due, self.today)
            return (Status.IN_PROGRESS if roll < 0.7 else Status.NOT_STARTED), None
        if roll < 0.85:
            return Status.DONE, due - datetime.timedelta(days=self.rng.randrange(0, 30))
        return (Status.CANCELLED if roll < 0.9 else Status.IN_PROGRESS), None

    def progress(self, followups: list[FollowUp], units: list[Unit], people: list[Any]) -> int:
        """0–20 entries per follow-up between adoption and completion (or today),
        the first starting the work and the last closing it, by people of its unit."""
        members: dict[int, list[int]] = {}
        for unit_id, user_id in Unit.members.through.objects.filter(unit__in=units).values_list(
            "unit_id", "user_id"
        ):
            members.setdefault(unit_id, []).append(user_id)
        everyone = [p.pk for p in people]
        total = 0
        rows: list[ProgressEntry] = []
        now = timezone.now()
        for followup in followups:
            if followup.status == Status.NOT_STARTED:
                count = self.rng.randint(0, 2)
            else:
                count = self.rng.randint(2, 20)
            adopted = followup.resolution.adopted_on or self.today
            end = min(followup.completed_on or self.today, self.today)
            span = max(1, (end - adopted).days)
            authors = members.get(followup.lead_unit_id or 0) or everyone
            moments = sorted(self.rng.randrange(span) for _ in range(count))
            for index, offset in enumerate(moments):
                status_from = status_to = ""
                if index == 0 and followup.status != Status.NOT_STARTED:
                    status_from, status_to = Status.NOT_STARTED, Status.IN_PROGRESS
                elif index == count - 1 and followup.status in (Status.DONE, Status.CANCELLED):
                    status_from, status_to = Status.IN_PROGRESS, followup.status
                when = datetime.datetime.combine(
                    adopted + datetime.timedelta(days=offset),
                    datetime.time(9 + self.rng.randrange(8), self.rng.randrange(60)),
                    tzinfo=datetime.UTC,
                )
                rows.append(
                    ProgressEntry(
                        followup=followup,
                        author_id=self.rng.choice(authors),
                        created_at=min(when, now),
                        text=self.rng.choice(NOTES),
                        status_from=status_from,
                        status_to=status_to,
                    )
                )
            if len(rows) >= 10 * BATCH:
                ProgressEntry.objects.bulk_create(rows, batch_size=BATCH)
                total += len(rows)
                rows = []
        ProgressEntry.objects.bulk_create(rows, batch_size=BATCH)
        return total + len(rows)

"""Stage 7: propose mandates — one per deliverable the operative paragraphs ask for.

``read_mandates(operative, session, body, lex) -> tuple[Mandate, ...]``:
the follow-ups the operative paragraphs ask for, in order.

An operative paragraph is read as a series of *directives* ("Requests the
High Commissioner to …", "Decides to …", "… and requests the Special
Rapporteur to …"), each addressed to an actor, and each directive as a
series of infinitive *clauses* ("to prepare a summary report", "and to
submit it to the Council at its fifty-second session").  A clause that
names a deliverable (a meeting, a report, an oral update, resources) is a
mandate; a clause that only hands on what an earlier one produced ("to
submit it …") completes that mandate instead of starting another.  Each
session a mandate names gives it a target; naming two sessions gives two
mandates.  Directives that merely invite or encourage give mandates only
when they name a session or ask one of the Council's officers for a
concrete deliverable: otherwise every "Encourages States" would be one.

Each mandate's actor is the body its clause makes responsible, not the one
that receives the deliverable: "Decides that the commission of inquiry
shall … report … to the Human Rights Council" is the commission's.  A body
a directive establishes or renews takes over the clauses of its mandate,
and a body named in short ("the Commission", "the Mechanism") is the one
of that kind named last (``_BodiesNamed``).  A body's working mandate ("To
conduct an investigation") is no deliverable; its reporting clauses are.

A clause that only acknowledges a report ("Decides to endorse the final
report", "… to remain seized of … the Report on …") asks for none, nor does
one handing on someone else's ("to transmit the report of …" is a request
of kind "other"); an item put on an agenda is a decision ("other"), never
a meeting or a report.  A mandate's body is the adopting body unless its
clause names another.  In a special-session resolution ("S-30/1") a
relative session ("at its next session") is not the special session's
number plus one: the importer has no calendar, so such a mandate has no
session but ``after_adoption`` (the regular session counted from the
adoption date, which ``resolutions.selectors.read_resolution_text`` numbers
from the calendar), is flagged for review, and ``read_mandate_reading`` warns
(``mandates.relative_session_in_special_session``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .lexicon import Body, Lexicon
from .problems import Problem
from .textutil import ordinals_in
from .types import Actor, Language, Mandate, MandateKind, Paragraph

# Subparagraph labels inside a paragraph's one-line text separate clauses too.
_SUBPARAGRAPH_LABEL = re.compile(r"(?:^|\s)\(?(?:[a-z]{1,2}|[ivx]+)\)\s")
_CONCRETE: frozenset[MandateKind] = frozenset({"meeting", "report", "oral_update"})
_NOT_OFFICERS: frozenset[Actor] = frozenset({"states", "other"})
# How far a body's name may run past the phrase it starts in (see ``_actor``).
_NAME_REACH = 80
# The bodies a resolution establishes or renews, whose working mandate and
# reports may follow in the same paragraph ("Decides to establish a
# commission of inquiry …, with the following mandate: … (f) To present …").
_ESTABLISHED: frozenset[Actor] = frozenset(
    {"special_procedures", "investigative_body", "expert_mechanism", "working_group", "forum"}
)
# A session reference ends with the word "session(s)"; the list of ordinals
# before it is short (the corpus's longest reference is under 60 characters).
_SESSION_REF_REACH = 300
# "before the", "in advance of its": the words ``session_before`` looks for
# just before a session are short, and spaces were collapsed by normalize.
_SESSION_BEFORE_REACH = 64

Strength = Literal["request", "decide", "weak"]


@dataclass(frozen=True)
class _Setting:
    """What every clause is read against."""

    lex: Lexicon
    adoption_session: int
    body: Body  # the adopting body: whose sessions "at its … session" counts
    # A special session's number counts special sessions, not regular ones:
    # "at its next session" cannot be counted from it.
    special: bool = False


@dataclass(frozen=True)
class _Target:
    session: int | None  # None: relative to a special session, for staff to place
    needs_review: bool
    body: Body
    relative: str = ""  # the relative phrase that could not be resolved
    # Regular sessions counted from the adoption date (1: the next), for a
    # relative session the importer cannot number (see ``Mandate.after_adoption``).
    after_adoption: int = 0


@dataclass(frozen=True)
class MandateReading:
    """The mandates of the operative part, and what staff should check about them."""

    mandates: tuple[Mandate, ...]
    warnings: tuple[Problem, ...] = ()


@dataclass
class _Directive:
    start: int
    end: int
    actor: Actor
    strength: Strength


@dataclass
class _Draft:
    kind: MandateKind | None
    start: int
    end: int
    actor: Actor
    targets: list[_Target] = field(default_factory=list)
    # The clauses read into this draft, where its periodicity is looked for
    # (first clause first) once the draft is kept as a mandate.
    clauses: list[tuple[int, int]] = field(default_factory=list)


def read_mandates(
    operative: Sequence[Paragraph],
    session: int,
    body: Body,
    lex: Lexicon,
    *,
    special: bool = False,
) -> tuple[Mandate, ...]:
    """The mandates *operative* asks for, in the order they are asked for.

    *session* is the adopting *body*'s session that adopted the resolution:
    sessions up to it are history, not targets, and "at its next session"
    is the one after it.  *special*: the resolution was adopted at special
    session *session* (see ``read_mandate_reading``).  Never raises and never
    warns: a mandate that staff should check has ``needs_review`` set.
    """
    return read_mandate_reading(operative, session, body, lex, special=special).mandates


def read_mandate_reading(
    operative: Sequence[Paragraph],
    session: int,
    body: Body,
    lex: Lexicon,
    *,
    special: bool = False,
) -> MandateReading:
    """``read_mandates``, with a warning for each paragraph staff must place.

    In a special-session resolution a relative session ("at its next
    session", "à sa prochaine session") counts from the regular session in
    progress or next after the special session's date, which the importer
    cannot know: the mandate has no session, needs review, and a warning
    names the paragraph's line.
    """
    setting = _Setting(lex, session, body, special)
    mandates: list[Mandate] = []
    warnings: list[Problem] = []
    last_meeting_session: int | None = None
    bodies = _BodiesNamed(lex)
    for paragraph in operative:
        bodies.read(paragraph.text)
        found, unresolved = _paragraph_mandates(paragraph, setting, bodies)
        if unresolved:
            warnings.append(
                Problem(
                    "mandates.relative_session_in_special_session",
                    paragraph.line,
                    {"paragraph": paragraph.number, "phrase": unresolved[0]},
                )
            )
        for mandate in found:
            if (
                mandate.kind == "resources"
                and mandate.session is None
                and last_meeting_session is not None
                and setting.lex.earlier_meeting.search(mandate.text)
            ):
                # Resources "for the above-mentioned meeting" serve the meeting
                # mandated earlier: they are due by its session.
                mandate = replace(mandate, session=last_meeting_session, needs_review=True)
            if mandate.kind == "meeting" and mandate.session is not None:
                last_meeting_session = mandate.session
            mandates.append(mandate)
    return MandateReading(tuple(mandates), tuple(warnings))


class _SessionsNamed:
    """The highest session named in a paragraph up to any point of it.

    Read once per paragraph, so that a paragraph of many clauses naming
    sessions costs time in proportion to its length, not to its square.
    """

    def __init__(self, text: str, setting: _Setting) -> None:
        lex = setting.lex
        self.floor = setting.adoption_session
        self.first_word = text.find("session")
        self.ends: list[int] = []
        self.highest: list[int] = []
        if self.first_word < 0:
            return
        highest = self.floor
        for match in _session_refs(text, lex):
            highest = max([highest, *ordinals_in(match.group("ordinals"), lex)])
            self.ends.append(match.end())
            self.highest.append(highest)

    def before(self, position: int) -> int:
        """The highest session named before *position*, or the adoption session."""
        if self.first_word < 0 or self.first_word + len("session") > position:
            return self.floor
        count = bisect_right(self.ends, position)
        return self.highest[count - 1] if count else self.floor


class _BodiesNamed:
    """Which body a short reference ("the Commission", "the Mechanism") stands for.

    A resolution names a body in full once ("the Working Group on the Right
    to Development", "an independent international commission of inquiry")
    and then in short; the short name stands for the body with the same head
    word named last before it, in this paragraph or an earlier one, or for
    the lexicon's default when none was.  Paragraphs are read for names only
    when a short reference is looked up, each paragraph at most once.
    """

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.texts: list[str] = []
        # per paragraph read for names, per reference: positions and bodies
        self.names: dict[int, dict[int, tuple[list[int], list[Actor]]]] = {}
        # per reference: the paragraphs before which it was looked for, and
        # the body it stood for there (None: none named)
        self.earlier: dict[int, tuple[int, Actor | None]] = {}

    def read(self, text: str) -> None:
        """Move on to the paragraph *text*."""
        self.texts.append(text)

    def at(self, position: int) -> _Known:
        """What each reference stands for at *position* of the current paragraph."""
        return _Known(self, position)

    def stands_for(self, reference: int, position: int, default: Actor) -> Actor:
        """The body *reference* stands for at *position* of the current paragraph."""
        current = len(self.texts) - 1
        positions, bodies = self._names(current).get(reference, ([], []))
        count = bisect_left(positions, position)
        if count:
            return bodies[count - 1]
        # The paragraphs before are read once each: what they name is kept.
        read_to, found = self.earlier.get(reference, (0, None))
        for index in range(current - 1, read_to - 1, -1):
            named = self._names(index).get(reference)
            if named:
                found = named[1][-1]
                break
        self.earlier[reference] = (current, found)
        return found or default

    def _names(self, index: int) -> dict[int, tuple[list[int], list[Actor]]]:
        names = self.names.get(index)
        if names is None:
            names = {}
            for start, reference, actor in _named_in_full(self.texts[index], self.lex):
                positions, bodies = names.setdefault(reference, ([], []))
                positions.append(start)
                bodies.append(actor)
            self.names[index] = names
        return names


@dataclass(frozen=True)
class _Known:
    """``_BodiesNamed`` at one position of the paragraph."""

    bodies: _BodiesNamed
    position: int

    def get(self, reference: int, default: Actor) -> Actor:
        return self.bodies.stands_for(reference, self.position, default)


def _named_in_full(text: str, lex: Lexicon) -> list[tuple[int, int, Actor]]:
    """The bodies *text* names in full, in order: (position, reference, actor).

    *reference* is the index, in ``lex.actor_references``, of the short
    reference sharing the name's head word.  A short reference itself is no
    name in full.
    """
    pattern, references = _names_at_once(lex)
    mentions: list[tuple[int, int, Actor]] = []
    for match in pattern.finditer(text):
        index = (match.lastindex or 1) - 1
        if index < len(references):
            continue
        name = match.group()
        for reference, (_, head, _) in enumerate(references):
            if head.search(name):
                mentions.append((match.start(), reference, lex.actors[index - len(references)][1]))
                break
    return mentions


_NAMES_AT_ONCE: dict[Language, tuple[object, re.Pattern[str]]] = {}


def _names_at_once(
    lex: Lexicon,
) -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], re.Pattern[str], Actor], ...]]:
    """The short references, then the names in full, as one alternation.

    Each alternative is a group of its own.  One search finds where the
    first body is named and, of the patterns matching there, the first
    listed (a short reference before a name in full, then the order of
    ``lex.actors``), as searching pattern by pattern and keeping the
    earliest did, in one pass over the text.
    """
    cached = _NAMES_AT_ONCE.get(lex.language)
    key = (lex.actor_references, lex.actors)
    if cached is None or cached[0] != key:
        patterns = [p for p, _, _ in lex.actor_references] + [p for p, _ in lex.actors]
        if len({p.flags for p in patterns}) != 1 or any(p.groups for p in patterns):
            raise ValueError("the actor patterns of a lexicon share their flags and hold no groups")
        combined = "|".join(f"({p.pattern})" for p in patterns)
        cached = (key, re.compile(combined, patterns[0].flags))
        _NAMES_AT_ONCE[lex.language] = cached
    return cached[1], lex.actor_references


def _paragraph_mandates(
    paragraph: Paragraph, setting: _Setting, bodies: _BodiesNamed
) -> tuple[list[Mandate], list[str]]:
    """The paragraph's mandates, and the relative phrases left for staff to place."""
    text = paragraph.text
    mandates: list[Mandate] = []
    unresolved: list[str] = []
    named = _SessionsNamed(text, setting)
    for directive in _directives(text, setting.lex, setting.body, bodies):
        drafts = _clauses(text, directive, setting, named, bodies.at(directive.start))
        if directive.strength == "weak":
            useful = [
                d
                for d in drafts
                if d.targets or (d.actor not in _NOT_OFFICERS and d.kind in _CONCRETE)
            ]
        else:
            useful = [d for d in drafts if d.targets or d.kind is not None]
        if not useful and directive.strength == "request" and directive.actor not in _NOT_OFFICERS:
            # A request to a named officer is a follow-up even when it names
            # no deliverable ("to continue to ensure that …").
            useful = [_Draft("other", directive.start, directive.end, directive.actor)]
        for draft in useful:
            unresolved += [t.relative for t in draft.targets if t.session is None]
            mandates.extend(_to_mandates(paragraph.number, text, draft, setting))
    return mandates, unresolved


def _directives(text: str, lex: Lexicon, body: Body, bodies: _BodiesNamed) -> list[_Directive]:
    """Where each request or decision starts in the paragraph, with its actor."""
    starts: list[tuple[int, Actor, Strength]] = []
    for match in lex.request_opening.finditer(text):
        actor = _actor(text, match.span("actor"), lex, bodies.at(match.start()))
        starts.append((match.start(), actor, "request"))
    for match in lex.decides.finditer(text):
        starts.append((match.start(), _decider(text, match.start(), lex, body, bodies), "decide"))
    for match in lex.weak_request_opening.finditer(text):
        actor = _actor(text, match.span("actor"), lex, bodies.at(match.start()))
        starts.append((match.start(), actor, "weak"))
    starts.sort(key=lambda item: item[0])
    directives: list[_Directive] = []
    for start, actor, strength in starts:
        if directives and directives[-1].start == start:
            continue
        if directives:
            directives[-1].end = start
        directives.append(_Directive(start, len(text), actor, strength))
    return directives


def _decider(text: str, start: int, lex: Lexicon, body: Body, bodies: _BodiesNamed) -> Actor:
    """Who must act on the decision starting at *start*.

    "Decides that the commission of inquiry shall …" addresses the
    commission, wherever the decision sits in the paragraph; "Decides that
    its next debate / the theme of the panel shall …" is the Council's own
    business.  Otherwise the deciding body acts: the Council itself, or, for
    an Assembly decision, no actor of the tracker's ("other").
    """
    own: Actor = "council" if body == "HRC" else "other"
    that = lex.decides_that_actor.match(text, start, start + 300)
    if not that:
        return own
    phrase = that.group("actor")
    named = _actor(text, that.span("actor"), lex, bodies.at(start))
    if named == "other" and (
        lex.council_own.search(phrase)
        or lex.meeting_noun.search(phrase)
        or lex.council_ref.search(phrase)
    ):
        return own
    return named


def _actor(text: str, span: tuple[int, int], lex: Lexicon, known: _Known) -> Actor:
    """The actor named first in the head of the phrase at *span* of *text*.

    The head ends where ``lex.actor_tail`` says ("the expert designated by
    the High Commissioner" is the expert).  A name starting in the head may
    run past the phrase: a French phrase ends at the first "de" before a
    verb, which may be inside the name ("Prie le Groupe de travail de …").
    *known*: see ``_BodiesNamed``.
    """
    start, end = span
    head_end = start + len(lex.actor_tail.split(text[start:end], maxsplit=1)[0])
    found = _first_named(text, start, min(len(text), head_end + _NAME_REACH), lex, known)
    return found[2] if found and found[0] < head_end else "other"


def _first_named(
    text: str, start: int, end: int, lex: Lexicon, known: _Known
) -> tuple[int, int, Actor] | None:
    """The first body named in ``text[start:end]``: (start, end, actor), or None.

    A short reference ("the Working Group") stands for what *known* says, or
    for the lexicon's default; at the same place, it wins over a name in full.
    """
    pattern, references = _names_at_once(lex)
    match = pattern.search(text, start, end)
    if match is None:
        return None
    index = (match.lastindex or 1) - 1
    if index < len(references):
        actor = known.get(index, references[index][2])
    else:
        actor = lex.actors[index - len(references)][1]
    return match.start(), match.end(), actor


def _established(region: str, end: int, lex: Lexicon, known: _Known) -> tuple[Actor, int] | None:
    """The body ``region[:end]`` (a directive's first clause) establishes or renews.

    "Decides to extend the mandate of the Special Rapporteur", "Decides to
    establish, for a period of one year, an international commission of
    human rights experts", "Requests the High Commissioner to urgently
    establish the fact-finding mission": the body and where its name ends.
    Not "to appoint a focal point to liaise with the Special Rapporteur".
    """
    verb = lex.establishes.search(region, 0, end)
    if not verb:
        return None
    found = _first_named(region, verb.end(), end, lex, known)
    if found is None or found[2] not in _ESTABLISHED:
        return None
    if lex.not_the_object.search(region, verb.end(), found[0]):
        return None
    return found[2], found[1]


def _clauses(
    text: str,
    directive: _Directive,
    setting: _Setting,
    named: _SessionsNamed,
    known: _Known,
) -> list[_Draft]:
    lex = setting.lex
    region = text[directive.start : directive.end]
    # Each separator (", and to", "(b)") ends one clause and starts the next;
    # the separator itself belongs to neither.  One before a second
    # deliverable ("… and a report") says the clause shares the verb before.
    separators = [
        (m.start(), m.end(), m.group("deliverable") is not None, False)
        for m in lex.clause_split.finditer(region)
    ]
    separators += [(m.start(), m.end(), False, True) for m in _SUBPARAGRAPH_LABEL.finditer(region)]
    separators.sort()
    segments: list[_Segment] = []
    position = 0
    before = _Segment(0, 0)
    for sep_start, sep_end, deliverable, label in separators:
        if sep_start >= position:
            segments.append(replace(before, right=sep_start))
            position = sep_end
            before = _Segment(sep_end, 0, deliverable, label, region[sep_start:sep_end])
    segments.append(replace(before, right=len(region)))

    # A body the first clause establishes or renews takes over the clauses
    # that give its mandate: those after a sub-paragraph label, a colon or
    # "namely", or joined without "and" ("Decides to extend the mandate of
    # the fact-finding mission for nine months, to present …").  A clause
    # joined by "and" right after the first is the directive's own ("…, and
    # to designate experts"), unless the first gave the body a purpose.
    established = _established(region, segments[0].right, lex, known)
    # "Decides to establish a mechanism to collect …, and to prepare files":
    # the clauses joined by "and" are the mechanism's purposes too.
    mandate_follows = bool(
        established and lex.purpose.search(region, established[1], segments[0].right)
    )

    drafts: list[_Draft] = []
    producer: _Draft | None = None  # the last clause producing a report or an update
    for index, segment in enumerate(segments):
        raw = region[segment.left : segment.right]
        clause = _trim(raw, lex)
        actor = directive.actor
        if established and index:
            mandate_follows = mandate_follows or (
                segment.label
                or not lex.conjunction.search(segment.separator)
                or bool(lex.introduces_mandate.search(_tail(region, segments[index - 1].right)))
            )
            if mandate_follows:
                actor = established[0]
        elif established and _kind(region[established[1] : segment.right], lex):
            # "… to establish the fact-finding mission, which will draw up a report"
            actor = established[0]
        if not clause:
            continue
        start = directive.start + segment.left + raw.find(clause)
        end = start + len(clause)
        if segment.shares_verb and drafts:
            actor = drafts[-1].actor
        # "Decides to include in the provisional agenda … the item entitled
        # 'Report …: high-level dialogue'" asks for neither.
        on_agenda = bool(lex.agenda_inclusion.search(clause))
        kind = None if on_agenda else _kind(clause, lex)
        targets = _targets(clause, setting, named.before(start))
        if (
            kind is None
            and directive.strength == "decide"
            and not on_agenda
            and lex.meeting_noun.search(clause)
            and (targets or lex.meeting_held.search(clause))
        ):
            # "Decides that the panel discussion will be held at its …"
            kind = "meeting"
        if not targets and drafts and (segment.shares_verb or lex.second_deliverable.match(clause)):
            # "to submit, at its fifty-first session, a report on X and a
            # report on Y": the second report shares the verb and the session.
            targets = list(drafts[-1].targets)
        elif (
            targets
            and segment.shares_verb
            and drafts
            and drafts[-1].kind
            and not drafts[-1].targets
        ):
            # "to present a report and an oral update at its fifty-second
            # session": the session named after both is the first one's too.
            drafts[-1].targets.extend(targets)
        if producer is not None and lex.hands_on.match(clause):
            # "to submit it at its fifty-second session" completes the report
            # prepared in an earlier clause: one deliverable, one mandate.
            producer.end = end
            producer.targets.extend(targets)
            producer.clauses.append((start, end))
            continue
        drafts.append(_Draft(kind, start, end, actor, targets, [(start, end)]))
        if kind in ("report", "oral_update"):
            producer = drafts[-1]
    return drafts


def _tail(text: str, end: int) -> str:
    """The last words of ``text[:end]``, where a colon or "namely" ends a clause."""
    return text[max(0, end - 24) : end]


@dataclass(frozen=True)
class _Segment:
    """A clause's place in its directive, and the separator before it."""

    left: int
    right: int
    shares_verb: bool = False  # after "… and" before a second deliverable
    label: bool = False  # after a sub-paragraph label "(b)"
    separator: str = ""


def _trim(clause: str, lex: Lexicon) -> str:
    """The clause without the connectors around it ("…, and", "to this end")."""
    return lex.trailing_connector.sub("", clause.strip(" ,;:.")).strip(" ,;:.")


def _kind(clause: str, lex: Lexicon) -> MandateKind | None:
    """The kind whose pattern matches earliest in *clause*; an oral report is an oral update."""
    pattern, kinds = _kinds_at_once(lex)
    match = pattern.search(clause)
    chosen = kinds[match.lastindex - 1] if match and match.lastindex else None
    if chosen == "report" and match:
        # "Decides to endorse the final report": the report is not asked for.
        acknowledged = lex.not_a_report.search(clause)
        if acknowledged and acknowledged.start() <= match.start():
            chosen = None
    if chosen in ("report", None) and lex.oral_update.search(clause):
        return "oral_update"
    return chosen


_KINDS_AT_ONCE: dict[Language, tuple[object, re.Pattern[str], tuple[MandateKind, ...]]] = {}


def _kinds_at_once(lex: Lexicon) -> tuple[re.Pattern[str], tuple[MandateKind, ...]]:
    """The lexicon's kind patterns as one alternation, each kind a group of its own.

    One search instead of one per kind: the alternation matches where the
    earliest pattern does and, where two match at the same place, takes the
    one listed first, as comparing the patterns one by one did.
    """
    cached = _KINDS_AT_ONCE.get(lex.language)
    if cached is None or cached[0] != lex.kinds:
        flags = {pattern.flags for pattern, _ in lex.kinds}
        if len(flags) != 1 or any(pattern.groups for pattern, _ in lex.kinds):
            raise ValueError("the kind patterns of a lexicon share their flags and hold no groups")
        combined = "|".join(f"({pattern.pattern})" for pattern, _ in lex.kinds)
        kinds = tuple(kind for _, kind in lex.kinds)
        cached = (lex.kinds, re.compile(combined, flags.pop()), kinds)
        _KINDS_AT_ONCE[lex.language] = cached
    return cached[1], cached[2]


def _targets(clause: str, setting: _Setting, named_before: int) -> list[_Target]:
    """The sessions *clause* names as targets.

    Sessions up to the adoption session are history, not targets.  A
    session is the Assembly's when the Assembly is the body named last
    before it ("to the General Assembly at its seventy-ninth session").
    *named_before* is the highest session the paragraph names before the
    clause (or the adoption session): "the subsequent session" follows it.
    """
    lex = setting.lex
    targets: list[_Target] = []
    if "session" not in clause:
        return targets  # most clauses: skip the long ordinal pattern
    last_named = named_before
    previous_end = 0
    for match in _session_refs(clause, lex):
        body = _body_named(clause[previous_end : match.start()], setting)
        reach = max(0, match.start() - _SESSION_BEFORE_REACH)
        review = bool(lex.session_before.search(clause, reach, match.start()))
        for number in ordinals_in(match.group("ordinals"), lex):
            if body == setting.body and number <= setting.adoption_session:
                continue
            # An Assembly session follows another calendar than the Council's
            # sessions the tracker knows: staff must place it.
            targets.append(_Target(number, review or body == "GA", body))
            if body == setting.body:
                last_named = max(last_named, number)
        previous_end = match.end()
    for pattern, offset in lex.relative_session:
        if relative := pattern.search(clause):
            # "at its next session" counts from the adoption session, "at the
            # subsequent session" from the session named last; the text names
            # neither, so staff must confirm.
            base = setting.adoption_session if offset else last_named
            if setting.special and base == setting.adoption_session:
                # Counted from a special session: which regular session comes
                # next depends on the calendar, which staff know.
                targets.append(_Target(None, True, setting.body, relative.group(0), 1))
            else:
                targets.append(_Target(base + 1, True, setting.body))
    return targets


def _session_refs(text: str, lex: Lexicon) -> Iterator[re.Match[str]]:
    """The session references of *text*, as ``lex.session_ref.finditer`` finds them.

    Each is looked for only shortly before a "session" it may end with:
    searching the whole text, a long run of ordinal words with no "session"
    after it was read again from each of its words, in time growing with
    the square of its length.
    """
    searched_to = 0
    for word in lex.session_word.finditer(text):
        start = max(searched_to, word.start() - _SESSION_REF_REACH)
        match = lex.session_ref.search(text, start, word.end())
        if match:
            yield match
        searched_to = word.end()


def _body_named(before: str, setting: _Setting) -> Body:
    """The body named last in *before*, or the adopting body when none is."""
    assembly = [m.start() for m in setting.lex.general_assembly_ref.finditer(before)]
    council = [m.start() for m in setting.lex.council_ref.finditer(before)]
    if not assembly and not council:
        return setting.body
    if assembly and (not council or assembly[-1] > council[-1]):
        return "GA"
    return "HRC"


def _periodicity(clause: str, lex: Lexicon) -> str:
    for pattern, label in lex.periodicity:
        if pattern.search(clause):
            return label
    return ""


def _addressed_body(clause: str, setting: _Setting) -> Body:
    """The body *clause* addresses ("to the General Assembly"), or the adopting body."""
    found = [
        (match.start(), body)
        for pattern, body in setting.lex.addressed_body
        if (match := pattern.search(clause))
    ]
    return min(found)[1] if found else setting.body


def _to_mandates(number: int, text: str, draft: _Draft, setting: _Setting) -> list[Mandate]:
    lex = setting.lex
    kind: MandateKind = draft.kind or "other"
    clause = text[draft.start : draft.end]
    periodicity = next(
        (found for a, b in draft.clauses if (found := _periodicity(text[a:b], lex))), ""
    )
    if not draft.targets:
        body = _addressed_body(clause, setting)
        return [
            Mandate(number, kind, None, draft.actor, clause, periodicity=periodicity, body=body)
        ]
    mandates = []
    seen: set[tuple[int | None, Body]] = set()
    for target in draft.targets:
        if (target.session, target.body) in seen:
            continue
        seen.add((target.session, target.body))
        mandates.append(
            Mandate(
                number,
                kind,
                target.session,
                draft.actor,
                clause,
                needs_review=target.needs_review,
                periodicity=periodicity,
                body=target.body,
                after_adoption=target.after_adoption,
            )
        )
    return mandates

"""Stage 7: propose mandates — one per deliverable the operative paragraphs ask for.

Reads ``operative``, ``number``/``body`` (the adoption session) and the
lexicon; writes ``mandates``.

An operative paragraph is read as a series of *directives* ("Requests the
High Commissioner to …", "Decides to …", "… and requests the Special
Rapporteur to …"), each addressed to an actor, and each directive as a
series of infinitive *clauses* ("to prepare a summary report", "and to
submit it to the Council at its fifty-second session").  A clause that
names a deliverable (a meeting, a report, an oral update, resources) is a
mandate; a clause that only hands on what the previous one produced
("to submit it …") completes that mandate instead of starting another.
Every session the clause names gives the mandate a target session; a
mandate naming two sessions becomes two mandates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .context import Context
from .lexicon import Lexicon
from .textutil import ordinals_in
from .types import Actor, Mandate, MandateKind, Paragraph

# Subparagraph labels inside a paragraph's one-line text separate clauses too.
_SUBPARAGRAPH_LABEL = re.compile(r"(?:^|\s)\((?:[a-z]{1,2}|[ivx]+)\)\s")
_DECIDES = {
    "en": re.compile(
        r"(?:^|(?<=[,;:]\s)|(?<=\band\s))(?:(?:also|further|furthermore)\s+)?decides\b", re.I
    ),
    "fr": re.compile(r"(?:^|(?<=[,;:]\s)|(?<=\bet\s))décide\b", re.I),
}
# A clause that only passes on what the previous one produced.
_HANDS_ON = {
    "en": re.compile(
        r"^(?:to\s+)?(?:submit|present|transmit|make available|make|share|publish)\s+"
        r"(?:it|them|the (?:above-mentioned |said |same |abovementioned )?(?:report|study|summary"
        r"|compilation|findings|update|analysis)s?|(?:this|that|such|these|those)\s+\w+)\b",
        re.I,
    ),
    "fr": re.compile(
        r"^(?:de\s+|d[’']\s*)?(?:(?:le|la|les|lui|leur)\s+)+(?:soumettre|présenter|transmettre)\b"
        r"|^(?:de\s+|d[’']\s*)(?:soumettre|présenter|transmettre)\s+(?:ce|cette|ces|le|la|les)\s+"
        r"(?:rapport|étude|synthèse|compilation)",
        re.I,
    ),
}
_COUNCIL_NAMED = {
    "en": re.compile(r"\bCouncil\b"),
    "fr": re.compile(r"\bConseil\b"),
}
_TRAILING_CONNECTOR = re.compile(
    r"(?:[\s,;:]+(?:and|et|also|également|to this end|à cette fin|in this regard))+$", re.I
)
# The head of an actor phrase: "the expert designated by the High
# Commissioner" is the expert, not the High Commissioner.
_ACTOR_TAIL = re.compile(
    r",|\s(?:designated|appointed|established|mandated|nominated|tasked|désignée?|nommée?)"
    r"\s(?:by|par)\s|\sin (?:cooperation|consultation|collaboration|coordination)\b"
    r"|\sen (?:coopération|consultation|collaboration|coordination)\b"
)
_DECIDES_THAT_ACTOR = re.compile(
    r"^\S+(?:\s+that|\s+que)\s+(?P<actor>[^,;]{1,120}?)\s+(?:shall|should|will|is to|doit|devra)\b",
    re.I,
)
_CONCRETE: frozenset[MandateKind] = frozenset({"meeting", "report", "oral_update"})


@dataclass
class _Directive:
    start: int
    end: int
    actor: Actor
    strength: str  # "request", "decide" or "weak"


@dataclass
class _Draft:
    kind: MandateKind | None
    start: int
    end: int
    sessions: list[tuple[int, bool, bool]] = field(default_factory=list)  # (n, review, ga)
    periodicity: str = ""


def read_mandates(ctx: Context) -> None:
    """Reads ``operative``; writes ``mandates``."""
    lex = ctx.lex
    assert ctx.number is not None
    adoption_session = int(ctx.number.split("/")[0].removeprefix("S-"))
    last_meeting_session: int | None = None
    for paragraph in ctx.operative:
        for mandate in _paragraph_mandates(paragraph, lex, adoption_session, ctx.language):
            if (
                mandate.kind == "resources"
                and mandate.session is None
                and last_meeting_session is not None
                and lex.earlier_meeting.search(mandate.text)
            ):
                # Resources "for the above-mentioned meeting" serve the meeting
                # mandated earlier: they are due by its session.
                mandate = Mandate(
                    paragraph=mandate.paragraph,
                    kind=mandate.kind,
                    session=last_meeting_session,
                    actor=mandate.actor,
                    text=mandate.text,
                    needs_review=True,
                    periodicity=mandate.periodicity,
                )
            if mandate.kind == "meeting" and mandate.session is not None:
                last_meeting_session = mandate.session
            ctx.mandates.append(mandate)


def _paragraph_mandates(
    paragraph: Paragraph, lex: Lexicon, adoption_session: int, language: str
) -> list[Mandate]:
    text = paragraph.text
    directives = _directives(text, lex, language)
    mandates: list[Mandate] = []
    for directive in directives:
        drafts = _clauses(text, directive, lex, language, adoption_session)
        useful = [
            d
            for d in drafts
            if d.sessions
            or (d.kind is not None and (directive.strength != "weak" or d.kind in _CONCRETE))
        ]
        if directive.strength == "weak":
            # "Invites"/"Encourages" ask for a deliverable only from the
            # Council's own officers, or when a session is named.
            useful = [
                d
                for d in useful
                if d.sessions or (directive.actor not in ("states", "other") and d.kind)
            ]
        if (
            not useful
            and directive.strength == "request"
            and directive.actor not in ("states", "other")
        ):
            useful = [_Draft("other", directive.start, directive.end)]
        for draft in useful:
            mandates.extend(_to_mandates(paragraph.number, text, draft, directive.actor))
    return mandates


def _directives(text: str, lex: Lexicon, language: str) -> list[_Directive]:
    """Where each request or decision starts in the paragraph, with its actor."""
    starts: list[tuple[int, Actor, str]] = []
    for match in lex.request_opening.finditer(text):
        starts.append((match.start(), _actor(match.group("actor"), lex), "request"))
    for match in _DECIDES[language].finditer(text):
        # "Decides that the Special Rapporteur shall …" addresses the rapporteur.
        actor: Actor = "council"
        that = _DECIDES_THAT_ACTOR.match(text[match.start() : match.start() + 200])
        if that:
            named = _actor(that.group("actor"), lex)
            if named != "other":
                actor = named
        starts.append((match.start(), actor, "decide"))
    for match in lex.weak_request_opening.finditer(text):
        starts.append((match.start(), _actor(match.group("actor"), lex), "weak"))
    starts.sort(key=lambda item: item[0])
    directives: list[_Directive] = []
    for index, (start, actor, strength) in enumerate(starts):
        if directives and directives[-1].start == start:
            continue
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        directives.append(_Directive(start, end, actor, strength))
    for index in range(len(directives) - 1):
        directives[index].end = directives[index + 1].start
    return directives


def _actor(phrase: str, lex: Lexicon) -> Actor:
    """The actor named first in *phrase* ("the Secretary-General and the High Commissioner")."""
    phrase = _ACTOR_TAIL.split(phrase, maxsplit=1)[0]
    best: tuple[int, Actor] | None = None
    for pattern, actor in lex.actors:
        match = pattern.search(phrase)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), actor)
    return best[1] if best else "other"


def _clauses(
    text: str, directive: _Directive, lex: Lexicon, language: str, adoption_session: int
) -> list[_Draft]:
    region = text[directive.start : directive.end]
    # Each separator (", and to", "(b)") ends one clause and starts the next;
    # the separator itself belongs to neither.
    separators = [(m.start(), m.end()) for m in lex.clause_split.finditer(region)]
    separators += [(m.start(), m.end()) for m in _SUBPARAGRAPH_LABEL.finditer(region)]
    separators.sort()
    segments: list[tuple[int, int]] = []
    position = 0
    for sep_start, sep_end in separators:
        if sep_start >= position:
            segments.append((position, sep_start))
            position = sep_end
    segments.append((position, len(region)))

    drafts: list[_Draft] = []
    for left, right in segments:
        clause = _trim(region[left:right])
        if not clause:
            continue
        start = directive.start + left + region[left:right].find(clause)
        end = start + len(clause)
        kind = _kind(clause, lex)
        sessions = _sessions(clause, lex, language, adoption_session, text[:start])
        if (
            kind is None
            and directive.strength == "decide"
            and lex.meeting_noun.search(clause)
            and (sessions or lex.meeting_held.search(clause))
        ):
            kind = "meeting"
        draft = _Draft(kind, start, end)
        draft.sessions = sessions
        draft.periodicity = _periodicity(clause, lex)
        hands_on = _HANDS_ON[language].match(clause)
        producers = [d for d in drafts if d.kind in ("report", "oral_update")]
        if hands_on and producers:
            # "to submit it at its fifty-second session" completes the report
            # prepared in an earlier clause: one deliverable, one mandate.
            previous = producers[-1]
            previous.end = end
            previous.sessions.extend(draft.sessions)
            previous.periodicity = previous.periodicity or draft.periodicity
            continue
        drafts.append(draft)
    return drafts


def _trim(clause: str) -> str:
    """The clause without the connectors around it ("…, and", "to this end")."""
    clause = clause.strip(" ,;:")
    return _TRAILING_CONNECTOR.sub("", clause).strip(" ,;:")


def _kind(clause: str, lex: Lexicon) -> MandateKind | None:
    """The kind whose pattern matches earliest in *clause*; an oral report is an oral update."""
    best: tuple[int, MandateKind] | None = None
    for pattern, kind in lex.kinds:
        match = pattern.search(clause)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    chosen = best[1] if best else None
    if chosen in ("report", None) and lex.oral_update.search(clause):
        return "oral_update"
    return chosen


def _sessions(
    clause: str, lex: Lexicon, language: str, adoption_session: int, before_clause: str
) -> list[tuple[int, bool, bool]]:
    """Target sessions named in *clause*: (number, needs review, of the General Assembly).

    *before_clause* is the paragraph up to the clause, where "the subsequent
    session" finds the session it follows.
    """
    found: list[tuple[int, bool, bool]] = []
    if "session" not in clause:
        return found  # most clauses: skip the long ordinal pattern
    previous_end = 0
    last_named = adoption_session
    if "session" in before_clause:
        for match in lex.session_ref.finditer(before_clause):
            last_named = max([last_named, *ordinals_in(match.group("ordinals"), lex)])
    for match in lex.session_ref.finditer(clause):
        before = clause[previous_end : match.start()]
        general_assembly = _names_assembly(before, lex, language)
        review = bool(lex.session_before.search(clause[: match.start()]))
        for number in ordinals_in(match.group("ordinals"), lex):
            if not general_assembly and number <= adoption_session:
                continue  # a past or the current session: not a target
            found.append((number, review, general_assembly))
            if not general_assembly:
                last_named = number
        previous_end = match.end()
    for pattern, offset in lex.relative_session:
        if pattern.search(clause):
            # "at its next session" counts from the adoption session; "at the
            # subsequent session" from the session named last.  Either way the
            # text does not name it: staff must confirm.
            base = adoption_session if offset else last_named
            found.append((base + 1, True, False))
    return found


def _names_assembly(before: str, lex: Lexicon, language: str) -> bool:
    """Whether the last body named before a session is the General Assembly."""
    assembly = [m.start() for m in lex.general_assembly_ref.finditer(before)]
    if not assembly:
        return False
    council = [m.start() for m in _COUNCIL_NAMED[language].finditer(before)]
    return not council or assembly[-1] > council[-1]


def _periodicity(clause: str, lex: Lexicon) -> str:
    for pattern, label in lex.periodicity:
        if pattern.search(clause):
            return label
    return ""


def _to_mandates(number: int, text: str, draft: _Draft, actor: Actor) -> list[Mandate]:
    kind: MandateKind = draft.kind or "other"
    clause = text[draft.start : draft.end]
    if not draft.sessions:
        return [Mandate(number, kind, None, actor, clause, periodicity=draft.periodicity)]
    mandates = []
    seen: set[tuple[int, bool]] = set()
    for session, review, general_assembly in draft.sessions:
        if (session, general_assembly) in seen:
            continue
        seen.add((session, general_assembly))
        mandates.append(
            Mandate(
                number,
                kind,
                session,
                actor,
                clause,
                needs_review=review or general_assembly,
                periodicity=draft.periodicity,
            )
        )
    return mandates

"""Stage 8: a recurring mandate becomes one mandate per occurrence, linked as a series.

``expand_recurrences(mandates, operative, session, body, lex, special=…) -> Recurrences``

Staff follow each report of a recurring mandate on its own: each has its
own session and due date.  This stage reads the mandates ``read_mandates``
proposed (it reads their ``periodicity``, ``session`` and clause, and the
operative paragraphs for the mandate's period) and:

- links as a series the mandates one clause asks for at several sessions
  of one body ("to present a report at its fifty-fifth and fifty-eighth
  sessions": two occurrences, both named by the text);
- expands a periodic mandate naming one session, when its clause makes it
  recur (``Lexicon.recurring``: "annually", "on an annual basis", "every two
  years", "as of its fiftieth session", "chaque année à partir de sa
  cinquantième session"), into one mandate per occurrence, from that session
  to the end of the mandate's period or ``HORIZON_YEARS`` ahead.  The
  occurrences the text only implies need review; the one it names keeps its
  own flag.

A periodic mandate naming a session without such words is one instance of a
recurring event, not a series: in "its next annual interactive debate …
will be held at its fifty-eighth session" the next resolution asks for the
next debate.  A recurring mandate naming no session ("to report annually to
the Council") stays one mandate: which session comes first is not written.

Intervals follow each body's calendar (``SESSIONS_PER_YEAR``).  The Human
Rights Council meets in no fewer than three regular sessions a year
(General Assembly resolution 60/251, para. 10; Council resolution 5/1,
institution-building, annex): an annual report is due at the same session
each year, three sessions apart (biennial: six; quadrennial: twelve).  The
General Assembly meets in one regular session a year (Charter of the United
Nations, Art. 20): one session apart.

The window an expansion fills is the mandate's period, in years: the one
stated in the mandate's paragraph ("Decides to extend the mandate … for a
further period of one year"), else the one the operative part states if it
states only one, else ``HORIZON_YEARS``.  It counts that many years of the
body's sessions from the first session after adoption; when that session is
unknown it counts from the first session the text names: in a
special-session resolution ("S-30/1", whose number counts special sessions,
not regular ones) and for the other body's sessions ("and to the General
Assembly as of its seventy-seventh session" in a Council resolution).  A
session the text names is kept even beyond the window.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from .lexicon import Body, Lexicon
from .types import Mandate, Paragraph

# Regular sessions a year (see the module docstring for the sources).
SESSIONS_PER_YEAR: Mapping[Body, int] = MappingProxyType({"HRC": 3, "GA": 1})
# Years between two occurrences, by ``Mandate.periodicity``.
YEARS_BETWEEN: Mapping[str, int] = MappingProxyType(
    {"annual": 1, "biennial": 2, "triennial": 3, "quadrennial": 4}
)
# How far ahead occurrences are proposed when the text states no period: a
# Council mandate usually runs three years, and sessions further ahead are
# estimates only.
HORIZON_YEARS = 3


@dataclass(frozen=True)
class Recurrences:
    """The mandates, each recurring one as one mandate per occurrence, in the order read."""

    mandates: tuple[Mandate, ...]


def expand_recurrences(
    mandates: Sequence[Mandate],
    operative: Sequence[Paragraph],
    session: int,
    body: Body,
    lex: Lexicon,
    *,
    special: bool = False,
) -> Recurrences:
    """*mandates* with each series linked and each recurring mandate expanded.

    *session* is the adopting *body*'s session that adopted the resolution,
    *special* whether it was a special session; *operative* gives each
    mandate's paragraph, where its period is looked for.  The order is kept:
    the occurrences of a series follow its first one, in session order, and
    series are numbered from 1 in the order they are read.  Never raises.
    """
    periods = _periods(operative, lex)
    stated = set(periods.values())
    default_years = stated.pop() if len(stated) == 1 else HORIZON_YEARS
    expanded: list[Mandate] = []
    series = 0
    for group in _clause_groups(mandates):
        if len(group) > 1:
            series += 1
            expanded += [
                replace(mandate, series=series, occurrence=place)
                for place, mandate in enumerate(group, start=1)
            ]
            continue
        mandate = group[0]
        years = periods.get(mandate.paragraph, default_years)
        sessions = _occurrences(mandate, years, session, body, lex, special=special)
        if len(sessions) < 2:
            expanded.append(mandate)
            continue
        series += 1
        expanded.append(replace(mandate, series=series, occurrence=1))
        expanded += [
            replace(mandate, session=number, needs_review=True, series=series, occurrence=place)
            for place, number in enumerate(sessions[1:], start=2)
        ]
    return Recurrences(tuple(expanded))


def _clause_groups(mandates: Sequence[Mandate]) -> Iterator[list[Mandate]]:
    """Runs of mandates read from one clause for one deliverable at sessions of one body.

    ``read_mandates`` gives a clause naming several sessions as consecutive
    mandates that differ only by their session; any other mandate is a run
    of its own.
    """
    run: list[Mandate] = []
    for mandate in mandates:
        if run and mandate.session is not None and _same_deliverable(run[-1], mandate):
            run.append(mandate)
            continue
        if run:
            yield run
        run = [mandate]
    if run:
        yield run


def _same_deliverable(first: Mandate, second: Mandate) -> bool:
    return (
        first.session is not None
        and first.session != second.session
        and (first.paragraph, first.kind, first.actor, first.body, first.text)
        == (second.paragraph, second.kind, second.actor, second.body, second.text)
    )


def _occurrences(
    mandate: Mandate, years: int, session: int, body: Body, lex: Lexicon, *, special: bool
) -> list[int]:
    """The sessions of *mandate*'s occurrences: the one it names first, then the implied ones."""
    step_years = YEARS_BETWEEN.get(mandate.periodicity)
    if mandate.session is None or step_years is None or not lex.recurring.search(mandate.text):
        return [] if mandate.session is None else [mandate.session]
    per_year = SESSIONS_PER_YEAR[mandate.body]
    # The first session of the window: the one after adoption, where known.
    first = session + 1 if mandate.body == body and not special else mandate.session
    last = first + years * per_year - 1
    step = step_years * per_year
    return [mandate.session, *range(mandate.session + step, last + 1, step)]


def _periods(operative: Sequence[Paragraph], lex: Lexicon) -> dict[int, int]:
    """The period, in years, each operative paragraph states ("for a period of three years")."""
    periods: dict[int, int] = {}
    for paragraph in operative:
        match = lex.mandate_period.search(paragraph.text)
        if match is None:
            continue
        word = (match.group("years") or match.groupdict().get("hyphen") or "").lower()
        years = int(word) if word.isdigit() else lex.period_words.get(word)
        if years:
            periods[paragraph.number] = years
    return periods

"""Stage 6: read how the resolution was adopted.

``read_vote(vote_text, vote_line, lex) -> VoteReading``: without a vote, or
the recorded vote's totals and lists, with warnings.  The three State
lists are split by ``states.split_state_list``, which knows State names
containing "and"/"et" or commas.  Printed totals
that disagree with the lists are a warning, not an error: the text is
stored as printed and staff decide; so is a State listed twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon
from .problems import Problem
from .states import resolve_state, split_state_list
from .types import Vote

_LIST_TAIL = re.compile(r"[\s.\]]+$")
# Each list's total against its length: the code of the warning when they differ.
_DISAGREES = {
    "in_favour": "vote.in_favour_disagrees",
    "against": "vote.against_disagrees",
    "abstaining": "vote.abstaining_disagrees",
}


@dataclass(frozen=True)
class VoteReading:
    """How the resolution was adopted (``None`` when not printed or not understood)."""

    vote: Vote | None
    warnings: tuple[Problem, ...] = ()


def read_vote(vote_text: str | None, vote_line: int | None, lex: Lexicon) -> VoteReading:
    """Read the record of adoption *vote_text*, printed from line *vote_line*.

    Never raises: a record not understood, a State name not in the table,
    a total that is no number or disagrees with its list, and a State
    listed twice are warnings on *vote_line*.
    """
    if vote_text is None:
        return VoteReading(None)
    text = vote_text
    if lex.without_vote.search(text):
        return VoteReading(Vote(method="without_vote"))
    totals = lex.recorded_vote.search(text)
    if totals is None:
        return VoteReading(None, (Problem("vote.not_understood", vote_line, {"text": text[:80]}),))
    warnings: list[Problem] = []

    def warn(code: str, **params: str | int) -> None:
        warnings.append(Problem(code, vote_line, params))

    def count(value: str) -> int | None:
        if value.isdigit():
            return int(value)
        number = lex.number_words.get(value.lower())
        if number is None:
            warn("vote.total_not_a_number", value=value)
        return number

    yes = count(totals.group("yes"))
    no = count(totals.group("no"))
    abstentions = count(totals.group("abstentions")) if totals.group("abstentions") else 0

    lists: dict[str, list[str]] = {key: [] for key, _ in lex.vote_labels}
    found = sorted(
        (match.start(), match.end(), key)
        for key, pattern in lex.vote_labels
        for match in [pattern.search(text, totals.end())]
        if match
    )
    for index, (_, end, key) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(text)
        printed = _LIST_TAIL.sub("", text[end:stop]).strip()
        if not printed:
            continue
        names, unknown = split_state_list(printed, lex.language)
        lists[key] = names
        for name in unknown:
            warn("vote.unknown_state", name=name)

    warnings += _repeated_states(
        [name for key, _ in lex.vote_labels for name in lists[key]], vote_line
    )
    vote = Vote(
        method="recorded",
        yes=yes,
        no=no,
        abstentions=abstentions,
        in_favour=tuple(lists["in_favour"]),
        against=tuple(lists["against"]),
        abstaining=tuple(lists["abstaining"]),
    )
    for key, total, listed in (
        ("in_favour", yes, vote.in_favour),
        ("against", no, vote.against),
        ("abstaining", abstentions, vote.abstaining),
    ):
        if total is not None and total != len(listed):
            warn(_DISAGREES[key], total=total, listed=len(listed))
    return VoteReading(vote, tuple(warnings))


def _repeated_states(names: Sequence[str], line: int | None) -> list[Problem]:
    """A warning for each State printed more than once across the three lists.

    The lists are kept as printed; staff decide.

    A State is recognised under any of its names ("Turkey", "Türkiye"); a
    name the table does not know, by its letters whatever their case.
    """
    printed: dict[str, list[str]] = {}  # the State -> its names as printed, in order
    for name in names:
        record = resolve_state(name)
        state = record.code if record else " ".join(name.split()).casefold()
        printed.setdefault(state, []).append(name)
    warnings: list[Problem] = []
    for names_printed in printed.values():
        if len(names_printed) < 2:
            continue
        first = names_printed[0]
        params: dict[str, str | int] = {"state": first, "times": len(names_printed)}
        others = list(dict.fromkeys(name for name in names_printed if name != first))
        if others:
            params["names"] = ", ".join(f"“{name}”" for name in others)
            warnings.append(Problem("vote.state_repeated_as", line, params))
        else:
            warnings.append(Problem("vote.state_repeated", line, params))
    return warnings

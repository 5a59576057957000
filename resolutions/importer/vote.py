"""Stage 6: read how the resolution was adopted.

``read_vote(vote_text, vote_line, lex, vote_lines) -> VoteReading``:
without a vote, or the recorded vote's totals and lists, with warnings.
The three State lists are split by ``states.find_state_names``, which
knows State names containing "and"/"et" or commas.  Printed totals
that disagree with the lists are a warning, not an error: the text is
stored as printed and staff decide; so is a State listed twice.  Each
warning names the line where what it is about is printed, found through
*vote_lines* (where each line of the record starts in *vote_text*).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon
from .problems import Problem
from .states import find_state_names, resolve_state
from .textutil import LineStarts, line_at
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


def read_vote(
    vote_text: str | None, vote_line: int | None, lex: Lexicon, vote_lines: LineStarts = ()
) -> VoteReading:
    """Read the record of adoption *vote_text*, printed from line *vote_line*.

    *vote_lines* holds, for each printed line of the record, where it starts
    in *vote_text* and its number (``Footer.vote_lines``).  Never raises:
    a record not understood (on *vote_line*), a total that is no number (on
    its line), a State name not in the table (on the line where the name
    starts), a State listed twice (where it is printed the second time),
    and a total that disagrees with its list (on the line of the list's
    label) are warnings.  Without *vote_lines*, every warning is on
    *vote_line*.
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

    def line_of(offset: int) -> int | None:
        return line_at(vote_lines, offset) if vote_lines else vote_line

    def count(group: str) -> int | None:
        value = totals.group(group)
        if value.isdigit():
            return int(value)
        number = lex.number_words.get(value.lower())
        if number is None:
            warnings.append(
                Problem("vote.total_not_a_number", line_of(totals.start(group)), {"value": value})
            )
        return number

    yes = count("yes")
    no = count("no")
    abstentions = count("abstentions") if totals.group("abstentions") else 0

    lists: dict[str, list[str]] = {key: [] for key, _ in lex.vote_labels}
    printed_at: dict[str, list[tuple[str, int | None]]] = {key: [] for key, _ in lex.vote_labels}
    label_lines: dict[str, int | None] = {key: vote_line for key, _ in lex.vote_labels}
    found = sorted(
        (match.start(), match.end(), key)
        for key, pattern in lex.vote_labels
        for match in [pattern.search(text, totals.end())]
        if match
    )
    for index, (start, end, key) in enumerate(found):
        label_lines[key] = line_of(start)
        stop = found[index + 1][0] if index + 1 < len(found) else len(text)
        raw = text[end:stop]
        printed = _LIST_TAIL.sub("", raw).strip()
        if not printed:
            continue
        at = end + len(raw) - len(raw.lstrip())  # where *printed* starts in the text
        for name in find_state_names(printed, lex.language):
            line = line_of(at + name.start)
            lists[key].append(name.name)
            printed_at[key].append((name.name, line))
            if not name.known:
                warnings.append(Problem("vote.unknown_state", line, {"name": name.name}))

    warnings += _repeated_states([entry for key, _ in lex.vote_labels for entry in printed_at[key]])
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
            warnings.append(
                Problem(_DISAGREES[key], label_lines[key], {"total": total, "listed": len(listed)})
            )
    return VoteReading(vote, tuple(warnings))


def _repeated_states(names: Sequence[tuple[str, int | None]]) -> list[Problem]:
    """A warning for each State printed more than once across the three lists.

    *names* are the names as printed, each with its line.  The lists are
    kept as printed; staff decide.  The warning names the line where the
    State is printed the second time.

    A State is recognised under any of its names ("Turkey", "Türkiye"); a
    name the table does not know, by its letters whatever their case.
    """
    printed: dict[str, list[tuple[str, int | None]]] = {}  # the State -> its names and lines
    for name, line in names:
        record = resolve_state(name)
        state = record.code if record else " ".join(name.split()).casefold()
        printed.setdefault(state, []).append((name, line))
    warnings: list[Problem] = []
    for names_printed in printed.values():
        if len(names_printed) < 2:
            continue
        first = names_printed[0][0]
        line = names_printed[1][1]
        params: dict[str, str | int] = {"state": first, "times": len(names_printed)}
        others = list(dict.fromkeys(name for name, _ in names_printed if name != first))
        if others:
            params["names"] = ", ".join(f"“{name}”" for name in others)
            warnings.append(Problem("vote.state_repeated_as", line, params))
        else:
            warnings.append(Problem("vote.state_repeated", line, params))
    return warnings

"""Stage 6: read how the resolution was adopted.

Reads ``vote_text``, ``vote_line`` and the lexicon; writes ``vote`` and
warnings.  The three State lists are split by ``states.split_state_list``,
which knows State names containing "and"/"et" or commas.  Printed totals
that disagree with the lists are a warning, not an error: the text is
stored as printed and staff decide; so is a State listed twice.
"""

from __future__ import annotations

import re

from .context import Context
from .states import resolve_state, split_state_list
from .types import Vote

_LIST_TAIL = re.compile(r"[\s.\]]+$")


def read_vote(ctx: Context) -> None:
    """Reads ``vote_text``; writes ``vote``."""
    text = ctx.vote_text
    if text is None:
        return
    lex = ctx.lex
    if lex.without_vote.search(text):
        ctx.vote = Vote(method="without_vote")
        return
    totals = lex.recorded_vote.search(text)
    if totals is None:
        ctx.warn(f"the record of adoption “{text[:80]}” was not understood", ctx.vote_line)
        return
    yes = _count(totals.group("yes"), ctx)
    no = _count(totals.group("no"), ctx)
    abstentions = _count(totals.group("abstentions"), ctx) if totals.group("abstentions") else 0

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
        names, unknown = split_state_list(printed, ctx.language)
        lists[key] = names
        for name in unknown:
            ctx.warn(f"“{name}” is not a State name the importer knows", ctx.vote_line)

    _warn_repeated_states(ctx, [name for key, _ in lex.vote_labels for name in lists[key]])
    vote = Vote(
        method="recorded",
        yes=yes,
        no=no,
        abstentions=abstentions,
        in_favour=tuple(lists["in_favour"]),
        against=tuple(lists["against"]),
        abstaining=tuple(lists["abstaining"]),
    )
    for label, total, listed in (
        ("in favour", yes, vote.in_favour),
        ("against", no, vote.against),
        ("abstaining", abstentions, vote.abstaining),
    ):
        if total is not None and total != len(listed):
            ctx.warn(
                f"the vote prints {total} {label} but lists {len(listed)} States",
                ctx.vote_line,
            )
    ctx.vote = vote


def _warn_repeated_states(ctx: Context, names: list[str]) -> None:
    """Warn of a State printed more than once across the three lists (which are kept as printed).

    A State is recognised under any of its names ("Turkey", "Türkiye"); a
    name the table does not know, by its letters whatever their case.
    """
    printed: dict[str, list[str]] = {}  # the State -> its names as printed, in order
    for name in names:
        record = resolve_state(name)
        state = record.code if record else " ".join(name.split()).casefold()
        printed.setdefault(state, []).append(name)
    for names_printed in printed.values():
        if len(names_printed) < 2:
            continue
        first = names_printed[0]
        times = "twice" if len(names_printed) == 2 else f"{len(names_printed)} times"
        message = f"{first} is listed {times} in the vote"
        others = list(dict.fromkeys(name for name in names_printed if name != first))
        if others:
            message += " (also as " + ", ".join(f"“{name}”" for name in others) + ")"
        ctx.warn(message, ctx.vote_line)


def _count(value: str, ctx: Context) -> int | None:
    if value.isdigit():
        return int(value)
    number = ctx.lex.number_words.get(value.lower())
    if number is None:
        ctx.warn(f"the vote total “{value}” is not a number", ctx.vote_line)
    return number

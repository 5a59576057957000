"""What the importer reports about a text: warnings and refusals as plain values.

A ``Problem`` is a stable ``code`` (such as ``"vote.unknown_state"``), the
1-based ``line`` of the pasted text it concerns (``None`` for the whole
text) and the ``params`` its message is filled with.  ``MESSAGES`` holds
the one English template of each code; ``Problem.message`` renders it.
Pages in another language render the same problem through
``resolutions.problems.describe``, whose table of templates is checked
against this one by the tests, so that the two cannot drift apart.

``ImporterError`` is raised when a text cannot be read at all (the user's
fault, not the importer's); it carries the ``Problem`` that says why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

# code -> English template; "%(name)s" placeholders are filled from ``params``.
# The line is never part of a template: it is a field of its own, shown beside
# the message (or linked to the numbered source) by whoever displays it.
MESSAGES: dict[str, str] = {
    # -- refusals: the text as a whole
    "text.refused": "%(reason)s",
    "text.not_text": "expected the text of a resolution, got %(type)s",
    "text.not_utf8": "this is not UTF-8 text (a binary file, or another encoding)",
    "text.control_characters": "the text holds control characters (a binary file?)",
    "text.binary": (
        "the text contains binary data (a NUL byte); paste the resolution as plain text"
    ),
    "text.too_many_control_characters": (
        "the text contains %(count)s control characters and does not look like plain text; "
        "paste the resolution as plain text"
    ),
    "text.empty": "the text is empty",
    "text.too_long": (
        "the text is too long for one resolution (%(length)s characters; at most %(limit)s)"
    ),
    "text.only_page_furniture": ("the text holds no resolution text, only page numbers or headers"),
    # -- language
    "language.unknown": "unknown language “%(language)s”; expected one of %(expected)s",
    "language.not_recognised": (
        "the text is neither English nor French: none of the usual words of a resolution were found"
    ),
    "language.mixed": (
        "the text mixes languages (%(count)s %(language)s and %(other_count)s %(other)s "
        "common words); it was read as %(language)s"
    ),
    # -- heading
    "header.missing_number": (
        "no resolution number was found: expected a line such as “46/13. Title” above the "
        "authorial line"
    ),
    "header.missing_authorial_line": (
        "no authorial line such as “The Human Rights Council,” was found; the resolution "
        "text was taken to start after the title"
    ),
    "header.agenda_item_without_number": (
        "no agenda item number was found in “%(heading)s”; the agenda item was left empty"
    ),
    "header.agenda_item_too_long": (
        "the agenda items “%(items)s” do not fit in %(limit)s characters; only “%(kept)s” was kept"
    ),
    "header.unreadable_adoption_date": "the adoption date “%(date)s” could not be read",
    "header.adoption_date_missing": (
        "no date follows “%(heading)s”; the adoption date was left empty"
    ),
    "header.number_from_running_header": (
        "no “%(number)s. Title” line was found; the number comes from %(symbol)s"
    ),
    "header.body_assumed": "the adopting body was not named; Human Rights Council assumed",
    "header.running_header_differs": (
        "the running header says %(printed)s but the text is resolution %(symbol)s"
    ),
    "header.session_differs": (
        "the heading names session %(session)s but the resolution number is %(number)s"
    ),
    "header.missing_title": "the resolution has no title after its number",
    # -- footer
    "footer.missing": (
        "the text stops at “%(excerpt)s” without the meeting line (such as “49th meeting”) "
        "and the record of adoption: it seems cut short; paste the whole resolution"
    ),
    "footer.second_resolution": ("a second resolution starts here: paste one resolution at a time"),
    "footer.vote_not_closed": (
        "the record of the vote has no closing “]”: the text may be cut short"
    ),
    "footer.unreadable_meeting_date": "the date of the meeting “%(date)s” could not be read",
    "footer.text_ignored": (
        "“%(text)s” after the meeting line is neither its date nor the record of adoption; "
        "it was left out"
    ),
    "footer.lines_ignored": "%(count)s line(s) after the record of adoption were ignored",
    "footer.statement_not_closed": (
        "the statement’s closing quotation mark was not found: check that its whole text was pasted"
    ),
    # -- paragraphs
    "paragraphs.missing_operative": (
        "no operative paragraph was found: expected after the preamble a paragraph starting "
        "“1.”, or one opening with a verb such as “Decides” or “Requests”"
    ),
    "paragraphs.repeated": (
        "operative paragraph %(number)s appears a second time (first at line %(first_line)s); "
        "was part of the text pasted twice?"
    ),
    "paragraphs.out_of_order": (
        "operative paragraph %(number)s follows paragraph %(previous)s; the paragraphs are "
        "out of order"
    ),
    "paragraphs.not_from_one": (
        "the first operative paragraph is numbered %(number)s; the numbering should start at 1"
    ),
    "paragraphs.one_missing": (
        "operative paragraph %(number)s follows paragraph %(previous)s; paragraph %(first)s "
        "is missing"
    ),
    "paragraphs.two_missing": (
        "operative paragraph %(number)s follows paragraph %(previous)s; paragraphs %(first)s "
        "and %(last)s are missing"
    ),
    "paragraphs.several_missing": (
        "operative paragraph %(number)s follows paragraph %(previous)s; paragraphs %(first)s "
        "to %(last)s are missing"
    ),
    "paragraphs.numbers_inferred": (
        "the %(count)s operative paragraphs are printed without numbers; they were numbered "
        "in the order they appear: check them against the document"
    ),
    # -- vote
    "vote.not_understood": "the record of adoption “%(text)s” was not understood",
    "vote.unknown_state": "“%(name)s” is not a State name the importer knows",
    "vote.total_not_a_number": "the vote total “%(value)s” is not a number",
    "vote.in_favour_disagrees": ("the vote prints %(total)s in favour but lists %(listed)s States"),
    "vote.against_disagrees": "the vote prints %(total)s against but lists %(listed)s States",
    "vote.abstaining_disagrees": (
        "the vote prints %(total)s abstaining but lists %(listed)s States"
    ),
    "vote.state_repeated": "%(state)s is listed %(times)s times in the vote",
    "vote.state_repeated_as": (
        "%(state)s is listed %(times)s times in the vote (also as %(names)s)"
    ),
    # -- mandates
    "mandates.relative_session_in_special_session": (
        "operative paragraph %(paragraph)s asks for a follow-up “%(phrase)s” in a resolution "
        "adopted at a special session: the session is counted from the regular session in "
        "progress or next after the adoption date; check it"
    ),
}

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def placeholders(template: str) -> frozenset[str]:
    """The names of the ``%(name)s`` placeholders of *template*."""
    return frozenset(_PLACEHOLDER.findall(template))


_PARAMS = {code: placeholders(template) for code, template in MESSAGES.items()}


def english(value: str | int) -> str:
    """A parameter as the English message shows it.

    Numbers from 10,000 up are grouped by thousands ("1,000,001 characters");
    smaller ones, such as line and paragraph numbers, are not.
    """
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return value


@dataclass(frozen=True)
class Problem:
    """One thing the importer found wrong with a text, as data.

    ``code`` names the kind of problem (a key of ``MESSAGES``); ``line`` is
    the 1-based line of the pasted text (as ``source.lines`` numbers them),
    or ``None`` when the problem concerns the whole text; ``params`` fill
    the message's placeholders (strings as printed in the text, or numbers).

    ``message`` is the English text without the line; ``str(problem)``
    puts "line N: " before it when there is a line.  Raises ``ValueError``
    when built with an unknown code or with params that do not match the
    code's placeholders: that is a bug in the importer, not in the text.
    """

    code: str
    line: int | None = None
    params: Mapping[str, str | int] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        expected = _PARAMS.get(self.code)
        if expected is None:
            raise ValueError(f"unknown problem code {self.code!r}")
        if set(self.params) != expected:
            raise ValueError(
                f"problem {self.code!r} takes {sorted(expected)}, not {sorted(self.params)}"
            )
        # Read-only, so that a frozen problem stays what the importer said.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def message(self) -> str:
        """The English message, without the line."""
        return MESSAGES[self.code] % {key: english(value) for key, value in self.params.items()}

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message

    def to_json(self) -> dict[str, Any]:
        """``{"code", "line", "params", "message"}``, the message in English."""
        return {
            "code": self.code,
            "line": self.line,
            "params": dict(self.params),
            "message": self.message,
        }


class ImporterError(Exception):
    """The text cannot be read as a resolution; ``problem`` says why.

    Built from a ``Problem``, or from a message already written for the
    user (by a caller refusing a text before the importer reads it, such
    as an upload too large), which becomes the problem ``text.refused``
    with that message as its ``reason``.  ``code``, ``line``, ``params``
    and ``message`` (English, without the line) are the problem's;
    ``str(error)`` is "line N: message" when there is a line.
    """

    def __init__(self, problem: Problem | str, *, line: int | None = None) -> None:
        if isinstance(problem, str):
            problem = Problem("text.refused", line, {"reason": problem})
        elif line is not None:
            problem = replace(problem, line=line)
        self.problem = problem
        super().__init__(str(problem))

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def line(self) -> int | None:
        return self.problem.line

    @property
    def params(self) -> Mapping[str, str | int]:
        return self.problem.params

    @property
    def message(self) -> str:
        return self.problem.message


def refuse(code: str, line: int | None = None, **params: str | int) -> ImporterError:
    """The ``ImporterError`` for problem *code*; ``raise refuse(...)`` reads as the stage means."""
    return ImporterError(Problem(code, line, params))

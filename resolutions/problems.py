"""The importer's warnings and refusals in the reader's language.

The importer (plain Python) reports each problem as a ``Problem``: a
``code``, a ``line`` and ``params``, with English templates in
``resolutions.importer.problems.MESSAGES``.  This module holds the same
templates wrapped in ``gettext_lazy``, so that ``makemessages`` collects
them and pages show them translated:

    from resolutions.problems import describe

    describe(problem)  # "le vote indique 5 voix pour mais énumère 4 États"
    problem.line  # 23, or None: link to the numbered source line

The tests check that every importer code has a template here with the
same placeholders, so the two tables cannot drift apart.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resolutions.importer.problems import ImporterError, Problem

__all__ = ["TEMPLATES", "describe", "describe_with_line"]

# The templates of importer/problems.py's MESSAGES, word for word.
TEMPLATES: dict[str, Promise] = {
    "text.refused": _("%(reason)s"),
    "text.not_text": _("expected the text of a resolution, got %(type)s"),
    "text.not_utf8": _("this is not UTF-8 text (a binary file, or another encoding)"),
    "text.control_characters": _("the text holds control characters (a binary file?)"),
    "text.binary": _(
        "the text contains binary data (a NUL byte); paste the resolution as plain text"
    ),
    "text.too_many_control_characters": _(
        "the text contains %(count)s control characters and does not look like plain text; "
        "paste the resolution as plain text"
    ),
    "text.empty": _("the text is empty"),
    "text.too_long": _(
        "the text is too long for one resolution (%(length)s characters; at most %(limit)s)"
    ),
    "text.only_page_furniture": _(
        "the text holds no resolution text, only page numbers or headers"
    ),
    "language.unknown": _("unknown language “%(language)s”; expected one of %(expected)s"),
    "language.not_recognised": _(
        "the text is neither English nor French: none of the usual words of a resolution were found"
    ),
    "language.mixed": _(
        "the text mixes languages (%(count)s %(language)s and %(other_count)s %(other)s "
        "common words); it was read as %(language)s"
    ),
    "header.missing_number": _(
        "no resolution number was found: expected a line such as “46/13. Title” above the "
        "authorial line"
    ),
    "header.missing_authorial_line": _(
        "no authorial line such as “The Human Rights Council,” was found; the resolution "
        "text was taken to start after the title"
    ),
    "header.agenda_item_without_number": _(
        "no agenda item number was found in “%(heading)s”; the agenda item was left empty"
    ),
    "header.agenda_item_too_long": _(
        "the agenda items “%(items)s” do not fit in %(limit)s characters; only “%(kept)s” was kept"
    ),
    "header.unreadable_adoption_date": _("the adoption date “%(date)s” could not be read"),
    "header.adoption_date_missing": _(
        "no date follows “%(heading)s”; the adoption date was left empty"
    ),
    "header.number_from_running_header": _(
        "no “%(number)s. Title” line was found; the number comes from %(symbol)s"
    ),
    "header.body_assumed": _("the adopting body was not named; Human Rights Council assumed"),
    "header.running_header_differs": _(
        "the running header says %(printed)s but the text is resolution %(symbol)s"
    ),
    "header.session_differs": _(
        "the heading names session %(session)s but the resolution number is %(number)s"
    ),
    "header.missing_title": _("the resolution has no title after its number"),
    "footer.missing": _(
        "the text stops at “%(excerpt)s” without the meeting line (such as “49th meeting”) "
        "and the record of adoption: it seems cut short; paste the whole resolution"
    ),
    "footer.second_resolution": _(
        "a second resolution starts here: paste one resolution at a time"
    ),
    "footer.vote_not_closed": _(
        "the record of the vote has no closing “]”: the text may be cut short"
    ),
    "footer.unreadable_meeting_date": _("the date of the meeting “%(date)s” could not be read"),
    "footer.text_ignored": _(
        "“%(text)s” after the meeting line is neither its date nor the record of adoption; "
        "it was left out"
    ),
    "footer.lines_ignored": _("%(count)s line(s) after the record of adoption were ignored"),
    "footer.statement_not_closed": _(
        "the statement’s closing quotation mark was not found: check that its whole text was pasted"
    ),
    "paragraphs.missing_operative": _(
        "no operative paragraph was found: expected after the preamble a paragraph starting "
        "“1.”, or one opening with a verb such as “Decides” or “Requests”"
    ),
    "paragraphs.repeated": _(
        "operative paragraph %(number)s appears a second time (first at line %(first_line)s); "
        "was part of the text pasted twice?"
    ),
    "paragraphs.out_of_order": _(
        "operative paragraph %(number)s follows paragraph %(previous)s; the paragraphs are "
        "out of order"
    ),
    "paragraphs.not_from_one": _(
        "the first operative paragraph is numbered %(number)s; the numbering should start at 1"
    ),
    "paragraphs.one_missing": _(
        "operative paragraph %(number)s follows paragraph %(previous)s; paragraph %(first)s "
        "is missing"
    ),
    "paragraphs.two_missing": _(
        "operative paragraph %(number)s follows paragraph %(previous)s; paragraphs %(first)s "
        "and %(last)s are missing"
    ),
    "paragraphs.several_missing": _(
        "operative paragraph %(number)s follows paragraph %(previous)s; paragraphs %(first)s "
        "to %(last)s are missing"
    ),
    "paragraphs.numbers_inferred": _(
        "the %(count)s operative paragraphs are printed without numbers; they were numbered "
        "in the order they appear: check them against the document"
    ),
    "vote.not_understood": _("the record of adoption “%(text)s” was not understood"),
    "vote.unknown_state": _("“%(name)s” is not a State name the importer knows"),
    "vote.total_not_a_number": _("the vote total “%(value)s” is not a number"),
    "vote.in_favour_disagrees": _(
        "the vote prints %(total)s in favour but lists %(listed)s States"
    ),
    "vote.against_disagrees": _("the vote prints %(total)s against but lists %(listed)s States"),
    "vote.abstaining_disagrees": _(
        "the vote prints %(total)s abstaining but lists %(listed)s States"
    ),
    "vote.state_repeated": _("%(state)s is listed %(times)s times in the vote"),
    "vote.state_repeated_as": _(
        "%(state)s is listed %(times)s times in the vote (also as %(names)s)"
    ),
    "mandates.relative_session_in_special_session": _(
        "operative paragraph %(paragraph)s asks for a follow-up “%(phrase)s” in a resolution "
        "adopted at a special session: the session is counted from the regular session in "
        "progress or next after the adoption date; check it"
    ),
}


def _value(value: str | int) -> str:
    # Numbers as the active language writes them ("1 000 001" in French);
    # like the English messages, only from 10,000 up, so that line and
    # paragraph numbers read as they are printed.
    if isinstance(value, int) and abs(value) >= 10_000:
        return formats.number_format(value, force_grouping=True)
    return str(value)


def describe(problem: Problem | ImporterError) -> str:
    """The message of *problem* in the active language, without its line.

    Accepts an ``ImporterError`` too (its problem is described).  A code
    this table does not know (an importer newer than its translations)
    falls back to the English message.
    """
    if isinstance(problem, ImporterError):
        problem = problem.problem
    template = TEMPLATES.get(problem.code)
    if template is None:
        return problem.message
    # str() of a lazy template translates it into the active language.
    return str(template) % {key: _value(value) for key, value in problem.params.items()}


def describe_with_line(problem: Problem | ImporterError) -> str:
    """``describe(problem)``, after "line N: " (translated) when it names a line."""
    if isinstance(problem, ImporterError):
        problem = problem.problem
    if problem.line is None:
        return describe(problem)
    return gettext("line %(line)s: %(message)s") % {
        "line": problem.line,
        "message": describe(problem),
    }

"""Between stages 4 and 5: the quotation marks around a President's statement.

``unquote(body, kind, quoted) -> Unquoted``: a President's statement quotes
the Council's words ("“The Human Rights Council, … the consultation
process.”"), so its text opens and closes with a quotation mark that
belongs to no paragraph.  The closing one is also the only sign that the
whole statement was pasted, as a statement prints no meeting line and no
record of adoption (``footer``): a statement that opens with a quotation
mark and does not close it is read as pasted, with a warning on its last
line.  Resolutions and decisions pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .normalize import Line
from .problems import Problem
from .types import DocumentKind

_OPENING = '“"«'
_CLOSING = '”"»'


@dataclass(frozen=True)
class Unquoted:
    """The text's lines without the statement's quotation marks."""

    body: tuple[Line, ...]
    warnings: tuple[Problem, ...] = ()


def unquote(body: Sequence[Line], kind: DocumentKind, quoted: bool) -> Unquoted:
    """*body* (``paragraphs.body_lines``) without a statement's opening and closing marks.

    *quoted*: the authorial line opened with a quotation mark ("“The Human
    Rights Council,"), which ``read_header`` took away with it.  Warns
    ``footer.statement_not_closed`` when the statement opened with a mark
    and its last line does not close it.  Never raises.
    """
    lines = list(body)
    if kind != "statement" or not lines:
        return Unquoted(tuple(lines))
    first = lines[0]
    if first.text[:1] in _OPENING and len(first.text) > 1:
        lines[0] = replace(first, text=first.text[1:].lstrip())
        quoted = True
    last = lines[-1]
    stripped = last.text.rstrip()
    if stripped[-1:] in _CLOSING and len(stripped) > 1:
        lines[-1] = replace(last, text=stripped[:-1].rstrip())
        return Unquoted(tuple(lines))
    if quoted:
        return Unquoted(tuple(lines), (Problem("footer.statement_not_closed", last.number),))
    return Unquoted(tuple(lines))

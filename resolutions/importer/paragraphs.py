"""Stage 5: cut the text between the authorial line and the footer into paragraphs.

Reads ``lines[body_start:body_end]``, ``first_body_text``, ``layout`` and the
lexicon; writes ``preambular`` and ``operative`` (with their lettered
sub-paragraphs).

Operative paragraphs are numbered, so they are found by their number —
and only the next number counts, which keeps a wrapped line starting
"12." inside a sentence from opening a paragraph.  Preambular paragraphs
are not numbered: where the layout keeps a blank line between paragraphs
(clean and pdftotext pastes) the blank line ends one; where every line is
followed by a blank (PDF copies), a paragraph ends at a comma when the
next line opens with a participle or adjective phrase from the lexicon
("Recalling", "Deeply concerned", "Réaffirmant", "Profondément préoccupé").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .context import Context, Line
from .lexicon import Lexicon
from .textutil import ROMAN_VALUES, first_words, join_lines, to_roman
from .types import ImporterError, Paragraph, SubParagraph

_OPERATIVE = re.compile(r"^(?P<number>\d{1,3})\s?\.(?:\s+(?P<rest>.*))?$")
# "(a)" in English texts, "a)" in French ones.
_SUBPARAGRAPH = re.compile(r"^(?P<printed>\(?(?P<label>[a-z]{1,2}|[ivxl]+)\))\s*(?P<rest>.*)$")
_SECTION_HEADING = re.compile(r"^(?:[IVX]{1,5}|[A-H])\.\s+[A-ZÀ-Ý]\S*(?:\s+\S+){0,12}$")
_ENDS_PARAGRAPH = re.compile(r"[,;:.]$|[,;:.][’”\"»)]$")
# A preambular paragraph ends with a comma (a semicolon in a few texts).
_ENDS_PREAMBULAR = re.compile(r"[,;][’”\"»)]?$")


@dataclass
class _Sub:
    label: str
    printed: str  # the label as printed: "(a)" or "a)"
    line: int
    pieces: list[str]
    children: list[_Sub] = field(default_factory=list)

    def build(self) -> SubParagraph:
        return SubParagraph(
            label=self.label,
            text=join_lines(self.pieces),
            children=tuple(child.build() for child in self.children),
        )

    def flat(self) -> list[str]:
        out = [f"{self.printed} " + join_lines(self.pieces)]
        for child in self.children:
            out.extend(child.flat())
        return out


@dataclass
class _Draft:
    operative: bool
    number: int
    line: int
    pieces: list[str] = field(default_factory=list)
    subs: list[_Sub] = field(default_factory=list)

    def target(self) -> list[str]:
        """Where the next continuation line goes: the deepest open sub-paragraph."""
        if not self.subs:
            return self.pieces
        last = self.subs[-1]
        return last.children[-1].pieces if last.children else last.pieces

    def last_text(self) -> str:
        target = self.target()
        return target[-1] if target else ""

    def build(self) -> Paragraph:
        parts = [join_lines(self.pieces)]
        for sub in self.subs:
            parts.extend(sub.flat())
        return Paragraph(
            number=self.number,
            text=" ".join(part for part in parts if part),
            subparagraphs=tuple(sub.build() for sub in self.subs),
            line=self.line,
        )


def read_paragraphs(ctx: Context) -> None:
    """Reads the body lines; writes ``preambular`` and ``operative``."""
    lex = ctx.lex
    body = ctx.lines[ctx.body_start : ctx.body_end]
    if ctx.first_body_text:
        first = ctx.lines[ctx.body_start - 1]
        body = [Line(first.number, ctx.first_body_text, False, False), *body]
    blank_means_break = ctx.layout == "blank-separated"

    drafts: list[_Draft] = []
    operative_seen: dict[int, int] = {}  # number -> line
    last_operative = 0  # numbers only ever go up by one
    current: _Draft | None = None
    previous_text = ""

    for line in body:
        text = line.text
        op = _OPERATIVE.match(text) if text[:1].isdigit() else None
        if op:
            number = int(op.group("number"))
            expected = last_operative + 1
            rest = op.group("rest") or ""
            if number == expected and (not rest or not rest[0].islower()):
                current = _Draft(True, number, line.number, [rest] if rest else [])
                drafts.append(current)
                operative_seen[number] = line.number
                last_operative = number
                previous_text = text
                continue
            if _looks_like_operative(rest):
                _raise_out_of_order(number, expected, operative_seen, line)
        if operative_seen and _SECTION_HEADING.match(text) and not previous_text.endswith(","):
            # Section headings ("I. Accountability") group operative paragraphs;
            # they belong to no paragraph.
            previous_text = text
            continue
        if current is not None and _try_subparagraph(current, text, line, previous_text, lex):
            previous_text = text
            continue
        if not operative_seen and _starts_preambular(
            current, previous_text, line, lex, blank_means_break
        ):
            current = _Draft(False, 0, line.number, [text])
            drafts.append(current)
            previous_text = text
            continue
        if current is None:
            current = _Draft(False, 0, line.number, [text])
            drafts.append(current)
        else:
            current.target().append(text)
        previous_text = text

    preambular = [d for d in drafts if not d.operative]
    for position, draft in enumerate(preambular, start=1):
        draft.number = position
    ctx.preambular = [d.build() for d in preambular]
    ctx.operative = [d.build() for d in drafts if d.operative]
    if not ctx.operative:
        where = body[0].number if body else (ctx.lines[-1].number if ctx.lines else None)
        raise ImporterError(
            "no operative paragraph was found: expected a paragraph starting “1.” after the "
            "preamble",
            line=where,
        )


def _looks_like_operative(rest: str) -> bool:
    """Whether "N. rest" reads as a numbered paragraph rather than a wrapped sentence."""
    return not rest or rest[0].isupper()


def _span(first: int, last: int) -> str:
    if first == last:
        return f"paragraph {first} is missing"
    joiner = "and" if last == first + 1 else "to"
    return f"paragraphs {first} {joiner} {last} are missing"


def _raise_out_of_order(number: int, expected: int, seen: dict[int, int], line: Line) -> None:
    if number in seen:
        raise ImporterError(
            f"operative paragraph {number} appears a second time (first at line {seen[number]});"
            " was part of the text pasted twice?",
            line=line.number,
        )
    if number < expected:
        raise ImporterError(
            f"operative paragraph {number} follows paragraph {expected - 1}; the paragraphs "
            "are out of order",
            line=line.number,
        )
    if expected == 1:
        raise ImporterError(
            f"operative paragraph {number} is the first one; {_span(1, number - 1)}",
            line=line.number,
        )
    raise ImporterError(
        f"operative paragraph {number} follows paragraph {expected - 1}; "
        f"{_span(expected, number - 1)}",
        line=line.number,
    )


def _starts_preambular(
    current: _Draft | None,
    previous_text: str,
    line: Line,
    lex: Lexicon,
    blank_means_break: bool,
) -> bool:
    text = line.text
    if current is None:
        return True
    if not text[:1].isupper():
        return False
    if not _ENDS_PARAGRAPH.search(previous_text):
        return False
    if blank_means_break and not line.after_page_break:
        # Where blank lines separate paragraphs they are the only sign that
        # counts: a wrapped line may well open with "Implementing".
        return line.blank_before
    return bool(_ENDS_PREAMBULAR.search(previous_text)) and opens_preambular(text, lex)


def opens_preambular(text: str, lex: Lexicon) -> bool:
    """Whether *text* opens like a preambular paragraph ("Recalling", "Profondément préoccupé")."""
    words = list(first_words(text, 1))
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    if first in lex.preamble_non_openers:
        return False
    if first in lex.preamble_openers:
        return True
    return bool(lex.preamble_shape.match(text))


def _try_subparagraph(
    current: _Draft, text: str, line: Line, previous_text: str, lex: Lexicon
) -> bool:
    """Open a lettered (a) or nested (i) sub-paragraph if *text* starts the expected one."""
    first = text[:1]
    match = _SUBPARAGRAPH.match(text) if first == "(" or "a" <= first <= "z" else None
    if not match:
        return False
    if previous_text and not lex.list_item_end.search(previous_text):
        return False
    label = match.group("label")
    printed = match.group("printed")
    rest = match.group("rest")
    last = current.subs[-1] if current.subs else None
    next_letter = _next_letter(last.label) if last else "a"
    next_roman: str | None = None
    if last is not None:
        next_roman = to_roman(ROMAN_VALUES[last.children[-1].label] + 1) if last.children else "i"
    is_letter = label == next_letter
    is_roman = label == next_roman
    if is_letter and is_roman:
        # "(i)" after "(h)", "(v)" after "(u)": a list opened by a colon is nested.
        nested_open = bool(
            last and (last.children or (last.pieces and last.pieces[-1].endswith(":")))
        )
        is_letter = not nested_open
        is_roman = nested_open
    if is_letter:
        current.subs.append(_Sub(label, printed, line.number, [rest] if rest else []))
        return True
    if is_roman and last is not None:
        last.children.append(_Sub(label, printed, line.number, [rest] if rest else []))
        return True
    return False


def _next_letter(label: str) -> str:
    if len(label) == 1 and label < "z":
        return chr(ord(label) + 1)
    if label == "z":
        return "aa"
    return label[0] + chr(ord(label[-1]) + 1) if label[-1] < "z" else label + "a"

"""Stage 5: cut the text between the authorial line and the footer into paragraphs.

``read_paragraphs(body, layout, lex) -> Paragraphs``: the preambular and
operative paragraphs, with their lettered sub-paragraphs.  ``body_lines``
gives the lines between the authorial line and the footer.

Operative paragraphs are numbered, so they are found by their number —
and only the next number counts, which keeps a wrapped line starting
"12." inside a sentence from opening a paragraph.  Preambular paragraphs
are not numbered: where the layout keeps a blank line between paragraphs
(clean and pdftotext pastes) the blank line ends one; where every line is
followed by a blank (PDF copies), a paragraph ends at a comma when the
next line opens with a participle or adjective phrase from the lexicon
("Recalling", "Deeply concerned", "Réaffirmant", "Profondément préoccupé").

A resolution whose whole operative part is one paragraph prints it without
a number ("Adopts the Political Declaration annexed to the present
resolution."): where no paragraph is numbered, the paragraph(s) after the
last preambular one that open with an operative verb in the present tense
("Adopts", "Requests", "Prie", "Décide") are the operative part: a single
one is numbered 1 and flagged ``numbered=False``.  Several such paragraphs
lost their numbers in the paste (the UN numbers operative paragraphs as
soon as there are two): they are numbered in order, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .normalize import Layout, Line
from .problems import Problem, refuse
from .textutil import ROMAN_VALUES, first_words, join_lines, to_roman
from .types import Paragraph, SubParagraph

_OPERATIVE = re.compile(r"^(?P<number>\d{1,3})\s?\.(?:\s+(?P<rest>.*))?$")
# "(a)" in English texts, "a)" in French ones.
_SUBPARAGRAPH = re.compile(r"^(?P<printed>\(?(?P<label>[a-z]{1,2}|[ivxl]+)\))\s*(?P<rest>.*)$")
_SECTION_HEADING = re.compile(r"^(?:[IVX]{1,5}|[A-H])\.\s+[A-ZÀ-Ý]\S*(?:\s+\S+){0,12}$")
_ENDS_PARAGRAPH = re.compile(r"[,;:.]$|[,;:.][’”\"»)]$")
# A preambular paragraph ends with a comma (a semicolon in a few texts).
_ENDS_PREAMBULAR = re.compile(r"[,;][’”\"»)]?$")
# An operative paragraph ends with a semicolon or a full stop.
_ENDS_OPERATIVE = re.compile(r"[;.][’”\"»)]?$")
# A footnote mark whose footnote was not pasted, left after the comma or
# quote that ends a paragraph: "… of 2016,11", "… entitled “…”,7".
_TRAILING_MARK = re.compile(r"[,;][’”\"»)]?(?P<mark>\d{1,3})$")
# The same mark set apart by the extraction: "… in 2014, 3".  A number
# before the comma that is no year makes it a list ("paragraphs 2, 3").
_SPACED_TRAILING_MARK = re.compile(r"[,;][’”\"»)]? (?P<mark>\d{1,2})$")
_LIST_NUMBER = re.compile(r"\(?\d{1,3}\)?")


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
    start: int  # index into the body of its first line
    pieces: list[str] = field(default_factory=list)
    subs: list[_Sub] = field(default_factory=list)
    numbered: bool = True

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
        target = self.target()
        if target:
            # Its last line may end with a mark whose footnote was not pasted.
            target[-1] = without_trailing_mark(target[-1])
        parts = [join_lines(self.pieces)]
        for sub in self.subs:
            parts.extend(sub.flat())
        return Paragraph(
            number=self.number,
            text=" ".join(part for part in parts if part),
            subparagraphs=tuple(sub.build() for sub in self.subs),
            line=self.line,
            numbered=self.numbered,
        )


@dataclass(frozen=True)
class Paragraphs:
    """The paragraphs of a resolution, in order."""

    preambular: tuple[Paragraph, ...]  # numbered by position, from 1
    operative: tuple[Paragraph, ...]  # at least one, numbered 1, 2, … as printed
    warnings: tuple[Problem, ...] = ()


def body_lines(
    lines: Sequence[Line],
    start: int,
    end: int,
    first_text: str | None,
    last_text: str | None = None,
) -> tuple[Line, ...]:
    """The lines of the resolution's text: ``lines[start:end]``.

    *first_text* is what the authorial line (``lines[start - 1]``) held
    after "The Human Rights Council,": it opens the text, on that line.
    *last_text* is what the footer's first line (``lines[end]``) held before
    the footer ("… of the matter." before "49th meeting"): it closes the
    text, on that line.
    """
    body = tuple(lines[start:end])
    if first_text and start > 0:
        body = (Line(lines[start - 1].number, first_text), *body)
    if last_text and end < len(lines):
        line = lines[end]
        body = (*body, Line(line.number, last_text, line.blank_before, line.after_page_break))
    return body


def read_paragraphs(body: Sequence[Line], layout: Layout, lex: Lexicon) -> Paragraphs:
    """Cut *body* (see ``body_lines``) into preambular and operative paragraphs.

    Blank lines end preambular paragraphs only where *layout* is
    "blank-separated".  Where no paragraph is numbered, the paragraphs
    after the preamble that open with an operative verb are the operative
    part: one is unnumbered (``Paragraph.numbered`` false); several lost
    their numbers and are numbered in order, with a warning
    (``paragraphs.numbers_inferred``).  Raises
    ``ImporterError`` when there is no operative paragraph
    (``paragraphs.missing_operative``) and when their numbering has a gap,
    a repeat or goes back (``paragraphs.repeated``,
    ``paragraphs.out_of_order``, ``paragraphs.not_from_one``,
    ``paragraphs.one_missing``, ``paragraphs.two_missing``,
    ``paragraphs.several_missing``), naming the line.
    """
    drafts = _cut(body, layout, lex)
    warnings: list[Problem] = []
    if not any(d.operative for d in drafts):
        starts = _unnumbered_operative(body, drafts, lex)
        if not starts:
            raise refuse("paragraphs.missing_operative", body[0].number if body else None)
        drafts = _cut(body, layout, lex, unnumbered=starts)
        if len(starts) > 1:
            # The UN numbers operative paragraphs as soon as there are two:
            # several unnumbered ones lost their numbers in the paste (a web
            # page's list), and their order gives them back.
            for draft in drafts:
                draft.numbered = True
            warnings.append(
                Problem(
                    "paragraphs.numbers_inferred", body[starts[0]].number, {"count": len(starts)}
                )
            )
    preambular = [d for d in drafts if not d.operative]
    for position, draft in enumerate(preambular, start=1):
        draft.number = position
    operative = tuple(d.build() for d in drafts if d.operative)
    return Paragraphs(tuple(d.build() for d in preambular), operative, tuple(warnings))


def _cut(
    body: Sequence[Line], layout: Layout, lex: Lexicon, unnumbered: Sequence[int] = ()
) -> list[_Draft]:
    """The paragraphs of *body* as drafts; those at the indexes *unnumbered* are operative."""
    blank_means_break = layout == "blank-separated"

    drafts: list[_Draft] = []
    operative_seen: dict[int, int] = {}  # number -> line
    last_operative = 0  # numbers only ever go up by one
    current: _Draft | None = None
    previous_text = ""
    unnumbered_at = set(unnumbered)

    for index, line in enumerate(body):
        text = line.text
        if index in unnumbered_at:
            last_operative += 1
            current = _Draft(True, last_operative, line.number, index, [text], numbered=False)
            drafts.append(current)
            operative_seen[last_operative] = line.number
            previous_text = text
            continue
        op = _OPERATIVE.match(text) if text[:1].isdigit() else None
        if op:
            number = int(op.group("number"))
            expected = last_operative + 1
            rest = op.group("rest") or ""
            if number == expected and (not rest or not rest[0].islower()):
                current = _Draft(True, number, line.number, index, [rest] if rest else [])
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
            current = _Draft(False, 0, line.number, index, [text])
            drafts.append(current)
            previous_text = text
            continue
        if current is None:
            current = _Draft(False, 0, line.number, index, [text])
            drafts.append(current)
        else:
            current.target().append(text)
        previous_text = text
    return drafts


def _unnumbered_operative(
    body: Sequence[Line], drafts: Sequence[_Draft], lex: Lexicon
) -> list[int]:
    """Where the operative part starts in a *body* whose paragraphs are all unnumbered.

    Returns the indexes into *body* of the lines that open its operative
    paragraphs (usually one), or ``[]`` when there is none.

    UN practice prints a single operative paragraph without a number
    (Editorial Manual, resolutions: "if there is only one operative
    paragraph, it is not numbered"); Council decisions often have one.
    The preamble opens its paragraphs with participles and adjectives,
    the operative part with a verb in the present tense: the operative
    part starts at the first line, after the last paragraph opening as a
    preambular one, that opens a paragraph with such a verb.  A paragraph
    cut into lines that blank lines do not separate (a PDF copy) is cut
    again there: a line that follows the end of a clause ("," ";" ".")
    opens a paragraph.  Further paragraphs start where a line ending in
    ";" or "." is followed by another operative verb.
    """
    starts = {d.start for d in drafts}
    preamble = [
        d.start
        for d in drafts
        if opens_preambular(body[d.start].text, lex)
        and not opens_operative(body[d.start].text, lex)
    ]
    first: int | None = None
    for index in range(preamble[-1] + 1 if preamble else 0, len(body)):
        text = body[index].text
        opens = (
            index == 0
            or index in starts
            or _ENDS_PARAGRAPH.search(without_trailing_mark(body[index - 1].text))
        )
        # The authorial line may run on into the paragraph: "The Human
        # Rights Council decides to …" leaves "decides to …".
        if opens and opens_operative(text, lex, lower=index == 0):
            first = index
            break
    if first is None:
        return []
    found = [first]
    for index in range(first + 1, len(body)):
        if (index in starts or _ENDS_OPERATIVE.search(body[index - 1].text)) and opens_operative(
            body[index].text, lex
        ):
            found.append(index)
    return found


def without_trailing_mark(text: str) -> str:
    """*text* without a footnote mark left at its end: "… of 2016,11" -> "… of 2016,".

    A number after the comma that ends a line is a mark, unless it is the
    three digits of a thousands group ("2,000").  The extraction may set
    it apart ("… in 2014, 3" -> "… in 2014,"): then it is a mark unless the
    word before the comma is a number of one to three digits, which makes
    the two a list ("paragraphs 2, 3").
    """
    if not text[-1:].isdigit():
        return text
    match = _TRAILING_MARK.search(text)
    if match is None:
        spaced = _SPACED_TRAILING_MARK.search(text)
        if spaced is None:
            return text
        before = text[max(0, spaced.start() - 40) : spaced.start()].split()
        if not before or _LIST_NUMBER.fullmatch(before[-1]):
            return text
        return text[: spaced.start("mark") - 1]
    mark = match.group("mark")
    if len(mark) == 3 and text[match.start() - 1 : match.start()].isdigit():
        return text
    return text[: match.start("mark")]


def opens_operative(text: str, lex: Lexicon, *, lower: bool = False) -> bool:
    """Whether *text* opens like an operative paragraph ("Adopts", "Also requests", "Prie").

    A capital letter is required unless *lower* ("decides to …" after the
    authorial line on the same line).
    """
    if not text[:1].isupper() and not (lower and text[:1].islower()):
        return False
    words = [word.lower() for word in first_words(text, 4)]
    if not words:
        return False
    if words[0] in lex.reflexive_pronouns:
        # "Se félicite" / "S’inquiète", not "Se félicitant".
        return len(words) > 1 and not words[1].endswith("ant")
    for word in words:
        if word not in lex.operative_prefixes:
            return word in lex.operative_openers
    return False


def _looks_like_operative(rest: str) -> bool:
    """Whether "N. rest" reads as a numbered paragraph rather than a wrapped sentence."""
    return not rest or rest[0].isupper()


def _raise_out_of_order(number: int, expected: int, seen: dict[int, int], line: Line) -> None:
    if number in seen:
        raise refuse("paragraphs.repeated", line.number, number=number, first_line=seen[number])
    if number < expected:
        raise refuse("paragraphs.out_of_order", line.number, number=number, previous=expected - 1)
    if expected == 1:
        raise refuse("paragraphs.not_from_one", line.number, number=number)
    first, last = expected, number - 1
    code = (
        "paragraphs.one_missing"
        if first == last
        else "paragraphs.two_missing"
        if last == first + 1
        else "paragraphs.several_missing"
    )
    params: dict[str, str | int] = {"number": number, "previous": expected - 1, "first": first}
    if first != last:
        params["last"] = last
    raise refuse(code, line.number, **params)


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
    previous_text = without_trailing_mark(previous_text)
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

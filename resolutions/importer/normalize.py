"""Stage 1: turn the pasted text into clean, numbered lines.

``normalize(raw) -> Normalized``: the lines, the layout, the running
symbols and the footnotes.  Removes what the PDF layout adds and the resolution
does not say: odd spaces, page numbers, running headers ("A/HRC/RES/31/36",
"A/HRC/DEC/46/115", "A/HRC/PRST/OS/12/1"), job numbers ("GE.16-05217(E)"),
bar codes, footnotes and their markers.
Typographic apostrophes and quotes are kept as printed: titles and State
names are stored as the UN prints them.

Footnotes are found wherever the paste puts them: at the foot of a page
(pdftotext), in the middle of a paragraph that a page break cut (a PDF
copy, or an extract one paragraph a line), under a rule line
("_______________") or not, and as Markdown definitions at the end ("---"
then "[^3]: …", marks "[^3]" or bare numbers in the text).  A mark is the
footnote's number glued to the word, the punctuation or the year before it
("Rights,1", "”,7", "of 19721" for 1972 and footnote 1); a mark the
extraction set apart ("Aspects, 3") is taken only for a footnote whose
text is there to confirm it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .lexicon import LEXICONS
from .problems import refuse
from .source import lines

# How staff pasted the text: a blank line after every line (a PDF copy),
# blank lines between paragraphs only (pdftotext, or one paragraph a line
# with blanks), or no blank lines at all.
Layout = Literal["pdf-blank", "blank-separated", "no-blank"]


@dataclass(frozen=True)
class Line:
    """One non-blank line of the pasted text, cleaned of layout noise."""

    number: int  # 1-based line number in the pasted text (``source.lines``), for messages
    text: str
    blank_before: bool = False  # a blank line separated it from the previous line
    after_page_break: bool = False  # a page number or running header came just before


@dataclass(frozen=True)
class Normalized:
    """What the first stage makes of the pasted text."""

    lines: tuple[Line, ...]  # the resolution's lines, furniture and footnotes taken out
    layout: Layout
    # Running headers ("A/HRC/RES/46/13", "A/HRC/DEC/46/115") in upper case, with their line.
    symbol_hints: tuple[tuple[str, int], ...]
    footnotes: tuple[str, ...]  # their texts, in order, markers taken out of the lines


# Spaces PDFs and word processors use that mean an ordinary space here
# (the French no-break spaces before ";" and ":" among them).
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000\t"), " "
)
# Characters that ``str.splitlines`` takes for line ends but the importer
# does not (see ``source.lines``): inside a line they separate words.
_SPACES |= dict.fromkeys(map(ord, "\r\x0b\x1c\x1d\x1e\x85\u2028\u2029"), " ")
# Invisible characters that only split words when pasted.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LIGATURES = {ord("ﬀ"): "ff", ord("ﬁ"): "fi", ord("ﬂ"): "fl", ord("ﬃ"): "ffi", ord("ﬄ"): "ffl"}
_TRANSLATION = _SPACES | _INVISIBLE | _LIGATURES
# Translating only the rare characters found, once over the whole text, is
# much faster than str.translate on every line.
_ODD_CHARACTER = re.compile("[" + "".join(map(chr, _TRANSLATION)) + r"\x01-\x08\x0e-\x1f\x7f]")

_MULTISPACE = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")


# Page furniture: lines the PDF repeats on every page.
# Not "2/7": a line "16/21" is an older resolution's number.
def _any_of(phrases: Iterable[str]) -> str:
    """A regex alternative of *phrases*, longest first."""
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))


# This stage runs before the language is known: its phrases are those of
# every lexicon at once.
_ORGANIZATION_NAMES = {name for lex in LEXICONS.values() for name in lex.organization_names}
_ORGANIZATIONS = _any_of(_ORGANIZATION_NAMES)
_PAGE_WORDS = _any_of({lex.page_words[0] for lex in LEXICONS.values()})
_OF_WORDS = _any_of({lex.page_words[1] for lex in LEXICONS.values()})
_PAGE_NUMBER = re.compile(
    rf"^\d{{1,3}}$|^(?:{_PAGE_WORDS})\s+\d{{1,3}}(?:\s+(?:{_OF_WORDS})\s+\d{{1,3}})?$",
    re.IGNORECASE,
)
_RUNNING_SYMBOL = re.compile(
    rf"^(?:\d{{1,3}}\s+)?(?:(?:{_ORGANIZATIONS})\s+)?"
    r"(?P<symbol>A/(?:HRC/(?:RES|DEC|PRST)|RES)/(?:S-|OS/)?\d{1,3}/\d{1,4})(?:\s+\d{1,3})?$",
    re.IGNORECASE,
)
_JOB_NUMBER = re.compile(r"^GE\.\d{2}-\d{4,6}\b")
_BARCODE = re.compile(r"^\*\d{5,}\*$")
_RECYCLE = re.compile(
    rf"^(?:{_any_of({note for lex in LEXICONS.values() for note in lex.recycle_notes})})\b",
    re.IGNORECASE,
)

# One search a line for any furniture instead of one per kind: a paste of
# many short lines is mostly lines that are none.
_FURNITURE = re.compile(
    "|".join(
        f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})"
        for p in (_RUNNING_SYMBOL, _PAGE_NUMBER, _JOB_NUMBER, _BARCODE, _RECYCLE)
    )
)

# New York job numbers ("25-18301 (E)") and page numbers printed as "2/5";
# the latter only beside other furniture, since "16/21" alone on its line is
# an older resolution's number.
_NY_JOB_NUMBER = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?$")
_PAGE_OF = re.compile(r"^(?P<page>\d{1,3})/(?P<of>\d{1,3})$")
# Items of page furniture that share a line when a paste joins a page's
# header ("A/RES/80/6 Report of the International Criminal Court",
# "25-18301 2/5"): those that only furniture prints, and page numbers.
_FURNITURE_ITEM = (
    rf"(?:{_ORGANIZATIONS})?\s*(?P<symbol>A/(?:HRC/(?:RES|DEC|PRST)|RES)/(?:S-|OS/)?"
    r"\d{1,3}/\d{1,4})"
    r"|(?:GE\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?|\*\d{5,}\*"
)
_LEADING_FURNITURE = re.compile(rf"^(?:(?:{_FURNITURE_ITEM}|\d{{1,3}}/\d{{1,3}})(?:\s+|$))+")
_TRAILING_FURNITURE = re.compile(rf"(?:(?:^|\s+)(?:{_FURNITURE_ITEM}|\d{{1,3}}/\d{{1,3}}))+$")
_STRONG_FURNITURE = re.compile(_FURNITURE_ITEM)
_ITEM_FIRST = frozenset("0123456789*AG" + "".join(name[0] for name in _ORGANIZATION_NAMES))
_ITEM_LAST = frozenset("0123456789*)")
# The number and title ("80/16. Title", "Decision 46/115. Title", "PRST
# OS/12/1. Title"), at the start of a line or after other heading items on
# it, whose page headers repeat the title.
_KIND_WORDS = "|".join(
    ["PRST", "DEC", *(p.pattern for lex in LEXICONS.values() for p, _ in lex.document_kinds)]
)
_TITLE_LINE = re.compile(
    rf"(?:^|(?<=[\]\d]\s))(?:(?i:{_KIND_WORDS})\s+)?(?:S-|OS/)?\d{{1,3}}/\d{{1,4}}\.\s+"
    r"(?P<title>\S.*)$"
)
_AUTHORIAL = [lex.authorial for lex in LEXICONS.values()]
_AUTHORIAL_WITHIN = [
    re.compile(rf"\s(?:{lex.authorial.pattern})", lex.authorial.flags) for lex in LEXICONS.values()
]
_ANNEX = [lex.annex for lex in LEXICONS.values()]
# A President's statement's introduction ends its title ("At the 45th meeting, …").
_STATEMENT_INTRO = [lex.statement_intro for lex in LEXICONS.values()]
_MAX_HEADING_LINES = 80
# A title wrapped in a narrow column runs over many lines (some 300 characters
# at 40 a line).
_MAX_TITLE_LINES = 12

_FOOTNOTE_LINE = re.compile(r"^(?P<n>\d{1,3})\s+(?P<text>\S.*)$")
# The rule a PDF prints above a page's footnotes ("_______________"), or the
# Markdown break ("---") before footnote definitions: never resolution text.
_RULE = re.compile(r"^(?:_{3,}|-{3,}|[—–]{2,})$")
# A Markdown footnote definition ("[^3]: Resolution 70/1.") and a Markdown
# mark in the text ("[^3]").
_MD_DEFINITION = re.compile(r"^\[\^(?P<label>[^\]\s]{1,20})\]:\s*(?P<text>.*)$")
_MD_MARK = re.compile(r"\[\^[^\]\s]{1,20}\](?!:)")
# Older texts mark a footnote with asterisks ("Resolution adopted by the
# Human Rights Council*" … "* The resolutions and decisions …").
_STAR_FOOTNOTE_LINE = re.compile(r"^(?P<mark>\*{1,3})\s*(?P<text>[^\s*].*)$")
# What a footnote says: a document symbol, a citation, a web address.
_CITATION = re.compile(
    # A document symbol: "A/HRC/57/48", "E/CN.4/…", "CD/8/Rev.9", "NPT/CONF.2010/50"
    # (not "HIV/AIDS").
    r"\bA/(?:HRC/)?|\bE/CN\.|\b[A-Z]{1,6}/(?:\d|[A-Z]{1,8}[./])|https?://|www\.|\b(?:"
    + _any_of({word for lex in LEXICONS.values() for word in lex.citation_words})
    + r")\b",
    re.IGNORECASE,
)
_MAX_FOOTNOTE_LINES = 8
# A line that stops in mid-sentence: after a comma, an opening bracket, a
# dash or a lower-case word ("… A/CONF.62/122 and", "… Nuclear Weapons,").
_OPEN_ENDED = re.compile(r"(?:[,;:(–-]|\b[a-zà-ÿ]+)$")
_MAX_MISSED_MARKS = 3
# More lines than a page holds, even with a blank line after every line.
_PAGE_LINES = 300


_NOT_AN_ABBREVIATION = "".join(
    rf"(?<!{re.escape(word)}\.)"
    for word in (
        "Add",
        "Rev",
        "Corr",
        "Amend",
        "Suppl",
        "para",
        "paras",
        "No",
        "vol",
        "chap",
        "sect",
    )
) + (
    # "GC(69)/RES/9 A.2": a part lettered A, B, … then numbered.
    r"(?<![^A-Za-z][A-Z]\.)(?<!^[A-Z]\.)"
)


# Footnote marks, each with its number in group "n"; one pattern a kind,
# compiled once, whatever the number looked for (``_find_mark``).
#
# A mark is the number glued to the end of a word or to a punctuation mark
# ("Rights,1" "Declaration2" "2016,11"), or to a year ("Convention of
# 19721": 1972, footnote 1); a hyphen or slash before it means a name such
# as "COVID-19" or a symbol such as "A/HRC/46/30"; "A/79/457/Add.2",
# "para.7" are references, not marks.
_MARK = re.compile(
    rf"(?:(?<=[A-Za-zÀ-ÿ).,;:’”\"»])|(?<=(?<![\d/.,-])(?:1[89]|20)\d\d)){_NOT_AN_ABBREVIATION}"
    r"(?P<n>\d{1,3})(?=[\s,.;:)]|$)"
)
# A mark the extraction set apart from its word: "Aspects, 3",
# "Secretary-General, 2and expressing", "disarmament, 3 calling for".  Only
# taken for a footnote whose text confirms it, and never before "and"/"or"
# ("paragraphs 2, 3 and 4").
_LOOSE_MARK = re.compile(
    r"(?<=[A-Za-zÀ-ÿ’”\"»)][,;.] )(?P<n>\d{1,3})"
    r"(?=$|[a-zà-ÿ]|\s(?!(?:and|or|et|ou|to|à)\b)[a-zà-ÿ])"
)


# Capitalised words a number follows as a reference, not as a mark:
# "Article 2 of", "Goal 4 and", "Agenda 21 and".
_NUMBERED_THINGS = _any_of(
    [
        "Agenda",
        "Annex",
        "Article",
        "Articles",
        "Chapter",
        "Decision",
        "Goal",
        "Goals",
        "Item",
        "Part",
        "Principle",
        "Protocol",
        "Resolution",
        "Rule",
        "Section",
        "Session",
        "Step",
        "Table",
        "Target",
        "Volume",
    ]
)


# A mark set apart after a title, with no punctuation: "the 2030 Agenda for
# Sustainable Development 11 and", "Millennium Declaration 2 of".  Only
# looked for on the page of a footnote that confirms it.
_BARE_MARK = re.compile(
    rf"\b(?!(?:{_NUMBERED_THINGS})\b)[A-Z][a-zà-ÿ]+ (?P<n>\d{{1,3}})(?= [a-zà-ÿ])"
)


def _find_mark(pattern: re.Pattern[str], text: str, n: int, start: int = 0) -> int | None:
    """Where the first mark numbered *n* of the kind *pattern* is in *text*, from *start*."""
    wanted = str(n)
    for match in pattern.finditer(text, start):
        if match.group("n") == wanted:
            return match.start("n")
    return None


def _star_marker(mark: str) -> re.Pattern[str]:
    return re.compile(rf"(?<=[A-Za-zÀ-ÿ0-9).,;:’”\"»]){re.escape(mark)}(?!\*)")


def _replace_odd(match: re.Match[str]) -> str:
    char = match.group(0)
    return _TRANSLATION.get(ord(char), "") or ""


def _clean_text(text: str) -> str:
    """Ordinary spaces for odd ones, no invisible or control characters, single spaces."""
    return _MULTISPACE.sub(" ", _ODD_CHARACTER.sub(_replace_odd, text))


def _check_binary(raw: str) -> None:
    nul = raw.find("\x00")
    if nul >= 0:
        line = raw.count("\n", 0, nul) + 1
        raise refuse("text.binary", line)
    controls = len(_CONTROL.findall(raw))
    if controls > 20 and controls > len(raw) // 100:
        first = _CONTROL.search(raw)
        where = raw.count("\n", 0, first.start()) + 1 if first else None
        raise refuse("text.too_many_control_characters", where, count=controls)


def normalize(raw: str) -> Normalized:
    """Clean, numbered lines of *raw*, its layout, running symbols and footnotes.

    Raises ``ImporterError`` for binary data (``text.binary``,
    ``text.too_many_control_characters``), an empty text (``text.empty``)
    and a text holding only page furniture (``text.only_page_furniture``).
    """
    _check_binary(raw)
    if not raw.strip():
        raise refuse("text.empty")
    # Numbered as the review page numbers them (``source.lines``): a form
    # feed or a Unicode line separator does not start a new line.
    raw_lines = lines(raw)
    page_break_at = ["\f" in raw_line for raw_line in raw_lines]
    cleaned = _clean_text("\n".join(raw_lines).replace("\f", " "))
    texts = [line.strip() for line in cleaned.split("\n")]

    furniture = [False] * len(texts)
    rules: set[int] = set()
    symbol_hints: list[tuple[str, int]] = []
    for i, text in enumerate(texts):
        found = _FURNITURE.match(text) if text else None
        if found:
            furniture[i] = True
            if found.group("symbol"):
                symbol_hints.append((found.group("symbol").upper(), i + 1))
        elif text[:1] in "_-—–" and _RULE.match(text):
            furniture[i] = True
            rules.add(i)

    _mark_running_headers(texts, furniture, symbol_hints)

    footnotes: list[str] = []
    footnote_at = _find_markdown_footnotes(footnotes, texts, furniture)
    footnote_at |= _find_footnotes(footnotes, texts, furniture, rules, footnote_at)

    content = [i for i, t in enumerate(texts) if t and not furniture[i] and i not in footnote_at]
    if not content:
        raise refuse("text.only_page_furniture")

    found_lines: list[Line] = []
    previous = -1
    for i in content:
        if i == previous + 1:  # most lines: nothing in between
            blank_before, after_break = False, page_break_at[i]
        else:
            between = range(previous + 1, i)
            blank_before = any(not texts[j] for j in between)
            # A footnote block ends a page too, where the paste kept no
            # furniture: the line after it may go on with a cut paragraph.
            after_break = page_break_at[i] or any(
                furniture[j] or page_break_at[j] or j in footnote_at for j in between
            )
        found_lines.append(Line(i + 1, texts[i], blank_before, after_break))
        previous = i
    return Normalized(
        lines=tuple(found_lines),
        layout=_detect_layout(texts, content),
        symbol_hints=tuple(symbol_hints),
        footnotes=tuple(footnotes),
    )


def _find_markdown_footnotes(
    footnotes: list[str], texts: list[str], furniture: list[bool]
) -> set[int]:
    """Find Markdown footnotes ("[^3]: Resolution 70/1."), take out their marks; return their lines.

    Appends each definition's text (with the lines glued under it) to
    *footnotes*.  Marks "[^3]" are taken out of *texts* wherever they are;
    a numbered definition whose "[^n]" mark is nowhere had its mark printed
    as a bare number ("Development,1", "Aspects, 3"), looked for in order
    above the first definition.  A definition is a footnote even where no
    mark is found: Markdown says so.
    """
    at: set[int] = set()
    labels: list[str] = []
    for i, text in enumerate(texts):
        definition = _MD_DEFINITION.match(text) if text.startswith("[^") else None
        if definition:
            labels.append(definition.group("label"))
            footnotes.append(definition.group("text"))
            at.add(i)
        elif text and i - 1 in at and not furniture[i]:
            footnotes[-1] += " " + text  # "[^3]: Report of … in" / "    All Its Aspects, …"
            at.add(i)
    if not at:
        return at
    marked: set[str] = set()
    for i, text in enumerate(texts):
        if "[^" in text and i not in at:
            marked.update(mark[2:-1] for mark in _MD_MARK.findall(text))
            texts[i] = _MULTISPACE.sub(" ", _MD_MARK.sub("", text)).strip()
    first = min(at)
    position = (0, 0)
    misses = 0
    for label in labels:
        if label in marked or not label.isdecimal() or misses > _MAX_MISSED_MARKS:
            continue
        # Each search goes on from the last mark found; after a few misses
        # the marks are not printed as numbers, and searching again through
        # the whole text for each definition would cost its square.
        found, _ = _locate_marker(texts, furniture, at, int(label), position, first, loose=True)
        if found is None:
            misses += 1
            continue
        position = _take_out(texts, found, len(label))
    return at


def _mark_running_headers(
    texts: list[str], furniture: list[bool], symbol_hints: list[tuple[str, int]]
) -> None:
    """Mark, in *furniture*, the page headers the first pass does not know by their form.

    Those are: the resolution's title repeated at the top of a page (as
    General Assembly resolutions print it beside their symbol), alone or
    with the symbol, on one line or wrapped over several; several items of
    furniture on one line ("25-18301 2/5"); a New York job number; a page
    number "2/5" beside other furniture.  Symbols found are added to
    *symbol_hints*, in line order.
    """
    title_end, title = _printed_title(texts, furniture)
    hints: list[tuple[str, int]] = []
    in_annex = False
    for i, text in enumerate(texts):
        if furniture[i] or not text:
            continue
        if _NY_JOB_NUMBER.match(text):
            furniture[i] = True
            continue
        in_annex = in_annex or any(_alone(p.match(text), text) for p in _ANNEX)
        rest, items = _furniture_items(text)
        run = (
            _title_run(texts, furniture, i, title)
            if title and i > title_end and title.startswith(rest)
            else None
        )
        # An annex may well open with the resolution's title: there, only a
        # title printed with other furniture is a page header.
        if run and (not in_annex or items or _beside_furniture(texts, furniture, i)):
            for j in run:
                furniture[j] = True
                hints.extend(_symbols(_furniture_items(texts[j])[1], j))
        elif not rest and _STRONG_FURNITURE.search(items):
            furniture[i] = True
            hints.extend(_symbols(items, i))
    for i, text in enumerate(texts):
        page = _PAGE_OF.match(text) if not furniture[i] and text else None
        if (
            page
            and 0 < int(page.group("page")) <= int(page.group("of"))
            and _beside_furniture(texts, furniture, i)
        ):
            furniture[i] = True
    if hints:
        symbol_hints.extend(hints)
        symbol_hints.sort(key=lambda hint: hint[1])


def _alone(match: re.Match[str] | None, text: str) -> bool:
    """Whether *match* is the whole of *text*."""
    return match is not None and match.end() == len(text)


def _furniture_items(text: str) -> tuple[str, str]:
    """*text* without the furniture items at its start and end, and those items."""
    # Every item holds a digit and ends with one, "*" or "(E)": most lines of
    # text are told apart by their first and last characters.
    leading = _LEADING_FURNITURE.match(text) if text[0] in _ITEM_FIRST else None
    start = leading.end() if leading else 0
    trailing = _TRAILING_FURNITURE.search(text, start) if text[-1] in _ITEM_LAST else None
    end = trailing.start() if trailing else len(text)
    if start == 0 and end == len(text):
        return text, ""
    return text[start:end].strip(), (text[:start] + " " + text[end:]).strip()


def _symbols(items: str, i: int) -> list[tuple[str, int]]:
    return [
        (found.group("symbol").upper(), i + 1)
        for found in _STRONG_FURNITURE.finditer(items)
        if found.group("symbol")
    ]


def _title_run(texts: list[str], furniture: list[bool], i: int, title: str) -> list[int] | None:
    """The lines from *i* on that print *title* and nothing else but furniture, or None.

    A page header wraps the title at its own width ("Report of the
    International Criminal" / "Court"), so the lines are matched piece by
    piece; the first must hold a good part of the title, not a word of it.
    """
    run: list[int] = []
    remainder = title
    j: int | None = i
    while j is not None and len(run) < _MAX_TITLE_LINES:
        piece = _furniture_items(texts[j])[0]
        if not piece or not remainder.startswith(piece) or (not run and len(piece) < 8):
            return None
        remainder = remainder[len(piece) :]
        if remainder and not remainder[0].isspace():
            return None  # the piece ends inside a word of the title
        remainder = remainder.lstrip()
        run.append(j)
        if not remainder:
            return run
        j = _next_content(texts, furniture, j)
    return None


def _printed_title(texts: list[str], furniture: list[bool]) -> tuple[int, str]:
    """The index of the heading's last line, and the title as printed after the number.

    The title runs from the number to the authorial line, over a few lines
    at most; (-1, "") without a number line above the authorial line.
    """
    seen = 0
    for i, text in enumerate(texts):
        if furniture[i] or not text:
            continue
        seen += 1
        if seen > _MAX_HEADING_LINES or any(p.match(text) for p in _AUTHORIAL):
            break
        found = _TITLE_LINE.search(text)
        if found is None:
            continue
        parts = [found.group("title")]
        end = i
        j = i
        while len(parts) < _MAX_TITLE_LINES:
            within = _authorial_within(parts[-1])
            if within is not None:
                parts[-1] = parts[-1][:within].rstrip()
                break
            following = _next_content(texts, furniture, j)
            if following is None or any(
                p.match(texts[following]) for p in (*_AUTHORIAL, *_STATEMENT_INTRO)
            ):
                break
            j = end = following
            parts.append(texts[following])
        return end, " ".join(" ".join(parts).split()).rstrip("*†‡ ")
    return -1, ""


def _authorial_within(text: str) -> int | None:
    """Where "The General Assembly," starts inside *text* (with its comma), or None."""
    for pattern in _AUTHORIAL_WITHIN:
        found = pattern.search(text)
        if found and found.group("rest") is not None:
            return found.start()
    return None


def _next_content(texts: list[str], furniture: list[bool], i: int) -> int | None:
    """The index of the next line of text after *i*, furniture and blank lines skipped."""
    for j in range(i + 1, len(texts)):
        if texts[j] and not furniture[j]:
            return j
    return None


def _beside_furniture(texts: list[str], furniture: list[bool], i: int) -> bool:
    """Whether the nearest non-blank line before or after *i* is furniture."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(texts) and not texts[j]:
            j += step
        if 0 <= j < len(texts) and furniture[j]:
            return True
    return False


def _find_footnotes(
    footnotes: list[str],
    texts: list[str],
    furniture: list[bool],
    rules: set[int],
    taken: set[int],
) -> set[int]:
    """Find footnote lines, strip their markers, and return their indexes.

    Appends each footnote's text to *footnotes* and takes its marker out of
    *texts*, in place.  *rules* are the rule lines ("_______________"), a
    subset of the *furniture*; lines in *taken* (Markdown footnotes) are
    neither footnotes nor searched for markers here.

    Footnotes are numbered from 1 through the text, so only the next
    expected number is looked for, and only when its marker was seen
    earlier; that keeps "1 March 1980" at the start of a wrapped line from
    being taken for a footnote.  Within a block of footnotes (under a rule
    line, or after another footnote with only blank lines between), a
    citation numbered as expected is a footnote even where its mark was
    lost, so that one lost mark does not leave the rest of the block in the
    text.

    Runs in time linear in the text: a search for a marker resumes where
    the last search for the same marker stopped instead of starting again
    from the top, and what lies below each line is counted once beforehand.
    """
    below = _Below(texts, furniture)
    found: set[int] = set()
    skip = found | taken
    expected = 1
    search_from = (0, 0)  # (line index, column) after the previous marker
    # Where the search for ``expected`` resumes: the lines from
    # ``search_from`` up to it are known to hold no marker for it.
    resume = search_from
    # Per asterisk mark, the first line that may still hold it: lines above
    # were searched and hold none (removing a marker never adds one).
    star_from: dict[str, int] = {}
    last_footnote = -2
    # The last line that was neither blank nor furniture, and whether the
    # lines since then (blank or furniture) held a rule line.
    previous = -1
    rule_since = False
    for i, text in enumerate(texts):
        if not text:
            continue
        if furniture[i]:
            rule_since = rule_since or i in rules
            continue
        in_block = rule_since or (previous >= 0 and previous in found)
        before, previous, rule_since = previous, i, False
        if i in taken:
            continue
        star = _STAR_FOOTNOTE_LINE.match(text) if text[0] == "*" else None
        if star and _looks_like_footnote(star, below.at_page_foot(i)):
            mark = star.group("mark")
            marker = _star_marker(mark)
            j = star_from.get(mark, 0)
            while j < i:
                if not (furniture[j] or j in skip or not texts[j]):
                    hit = marker.search(texts[j])
                    if hit:
                        texts[j] = texts[j][: hit.start()] + texts[j][hit.end() :]
                        found.add(i)
                        skip.add(i)
                        footnotes.append(star.group("text"))
                        last_footnote = i
                        if j < resume[0] and _find_mark(_MARK, texts[j], expected) is not None:
                            # "Council*1": taking the asterisk out uncovered a number.
                            resume = max(search_from, (j, 0))
                        break
                j += 1
            star_from[mark] = j
            if i in found:
                continue
        match = _FOOTNOTE_LINE.match(text) if text[0].isdigit() else None
        if match and int(match.group("n")) == expected:
            cited = _cites(match) or _continuation_cites(texts, i)
            in_block = in_block or _next_follows(texts, i, expected)
            marker_pos, resume = _locate_marker(
                texts, furniture, skip, expected, resume, i, loose=cited or in_block, bare=True
            )
            if (
                marker_pos is not None
                and (in_block or _looks_like_footnote(match, below.at_page_foot(i)))
            ) or (marker_pos is None and in_block and cited):
                if marker_pos is not None:
                    search_from = _take_out(texts, marker_pos, len(str(expected)))
                # The next marker is looked for after this one, or, where this
                # one was lost, after the one before but on this page at most:
                # a long run of footnotes without marks is not searched again
                # from the top for each.
                resume = max(search_from, (i - _PAGE_LINES, 0))
                found.add(i)
                skip.add(i)
                footnotes.append(match.group("text"))
                expected += 1
                last_footnote = i
                continue
        follows_footnote = last_footnote >= 0 and all(
            not texts[j] for j in range(last_footnote + 1, i)
        )
        if follows_footnote and (
            _ends_page(texts, furniture, below, i)
            or _goes_on(texts, last_footnote, before, i, footnotes[-1], below.at_page_foot(i))
        ):
            # A footnote wrapped over one more line before the page ends.
            footnotes[-1] += " " + text
            found.add(i)
            skip.add(i)
            last_footnote = i
            continue
        last_footnote = -2
    return found


def _continuation_cites(texts: list[str], i: int) -> bool:
    """Whether the line glued under footnote line *i* cites ("Final Document (NPT/…)")."""
    if i + 1 >= len(texts) or not texts[i + 1] or _FOOTNOTE_LINE.match(texts[i + 1]):
        return False
    return len(texts[i + 1]) < 300 and bool(_CITATION.search(texts[i + 1]))


def _next_follows(texts: list[str], i: int, n: int) -> bool:
    """Whether footnote *n* + 1 starts within the few lines after line *i*: a block of footnotes."""
    prefix = f"{n + 1} "
    return any(text.startswith(prefix) for text in texts[i + 1 : i + 1 + _MAX_FOOTNOTE_LINES // 2])


def _goes_on(
    texts: list[str], footnote: int, before: int, i: int, so_far: str, at_page_foot: bool
) -> bool:
    """Whether line *i*, right under footnote line *footnote*, goes on with that footnote.

    A footnote that already ends with a full stop is complete; one cut in
    mid-sentence (after a comma, "and", a lower-case word) goes on with
    the next line, whatever the layout.  Otherwise
    the line glued under it (no blank line between) goes on with it where
    the page ends within a few lines (a footnote wrapped over several
    lines at a page's foot, or after the meeting line at the end), or, in a
    paste with a blank line between items (an extract one paragraph a
    line), where a blank line follows: there the text the footnotes cut
    goes on after a blank line ("6 2000 Review Conference …," then "Final
    Document, vol. I …").
    """
    if so_far.endswith("."):
        return False
    if _OPEN_ENDED.search(so_far):
        # "… see also A/CONF.62/122 and" / "… Weapons,": cut in mid-sentence.
        return True
    if not before == footnote == i - 1:
        return False
    if at_page_foot:
        return True
    return footnote > 0 and not texts[footnote - 1] and (i + 1 == len(texts) or not texts[i + 1])


def _take_out(texts: list[str], position: tuple[int, int], length: int) -> tuple[int, int]:
    """Remove *length* characters at *position* (line, column); return where the search goes on.

    A mark the extraction set apart leaves two spaces, or one at the end
    ("disarmament, 3 calling", "Aspects, 3"): one space is kept inside the
    line, none at its end.
    """
    line_idx, col = position
    text = texts[line_idx]
    head, tail = text[:col], text[col + length :]
    if head.endswith(" ") and (tail.startswith(" ") or not tail):
        head = head[:-1]
        col -= 1
    texts[line_idx] = head + tail
    return line_idx, col


class _Below:
    """What follows each line, counted once so that each question costs O(1).

    Taking markers out never empties a line, so blank lines and furniture
    stay where they were while footnotes are found.
    """

    def __init__(self, texts: list[str], furniture: list[bool]) -> None:
        size = len(texts)
        # content_before[k]: non-blank lines other than furniture among texts[:k]
        self.content_before = [0] * (size + 1)
        for k, text in enumerate(texts):
            self.content_before[k + 1] = self.content_before[k] + bool(text and not furniture[k])
        # next_furniture[k]: the first furniture line at or after k (size if none)
        self.next_furniture = [size] * (size + 1)
        for k in range(size - 1, -1, -1):
            self.next_furniture[k] = k if furniture[k] else self.next_furniture[k + 1]
        self.last_text = max((k for k, text in enumerate(texts) if text), default=-1)
        self.size = size

    def at_page_foot(self, i: int) -> bool:
        """Whether at most a few lines of text separate line *i* from the furniture or the end."""
        stop = self.next_furniture[i + 1]
        return self.content_before[stop] - self.content_before[i + 1] <= _MAX_FOOTNOTE_LINES

    def only_blank_after(self, i: int) -> bool:
        return self.last_text <= i


def _locate_marker(
    texts: list[str],
    furniture: list[bool],
    found: set[int],
    n: int,
    start: tuple[int, int],
    before: int,
    *,
    loose: bool = False,
    bare: bool = False,
) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """Where marker *n* is, searching from *start* up to line *before*.

    Also returns where a later search for the same marker may resume.
    With *loose*, a marker set apart from its word (``_LOOSE_MARK``) is
    taken where no glued one is found; with *bare* also, last, one set
    apart after a title without punctuation (``_BARE_MARK``).
    """
    patterns = [_MARK]
    if loose:
        patterns.append(_LOOSE_MARK)
        if bare:
            patterns.append(_BARE_MARK)
    line_idx, col = start
    for pattern in patterns:
        for j in range(line_idx, before):
            if furniture[j] or j in found or not texts[j]:
                continue
            where = _find_mark(pattern, texts[j], n, col if j == line_idx else 0)
            if where is not None:
                return (j, where), (j, col if j == line_idx else 0)
    return None, max(start, (before, 0))


def _ends_page(texts: list[str], furniture: list[bool], below: _Below, i: int) -> bool:
    """Whether only blank lines, other footnote-like lines or furniture follow *i* soon."""
    for j in range(i + 1, min(len(texts), i + 1 + _MAX_FOOTNOTE_LINES)):
        if furniture[j]:
            return True
        if texts[j] and not _FOOTNOTE_LINE.match(texts[j]):
            return False
    return i + _MAX_FOOTNOTE_LINES >= len(texts) - 1 or below.only_blank_after(i)


def _looks_like_footnote(match: re.Match[str], at_page_foot: bool) -> bool:
    """A citation, or a line at the foot of a page.

    At the foot of a page means only more footnote lines (possibly
    wrapped) between it and the page furniture or the end.
    """
    return _cites(match) or at_page_foot


def _cites(match: re.Match[str]) -> bool:
    """Whether a footnote-like line says what footnotes say: a symbol, a citation."""
    return len(match.group("text")) < 300 and bool(_CITATION.search(match.group("text")))


def _detect_layout(texts: list[str], content: list[int]) -> Layout:
    """Tell apart the three ways staff paste text (see ``Layout``)."""
    followed_by_blank = sum(1 for i in content[:-1] if i + 1 < len(texts) and not texts[i + 1])
    pairs = max(1, len(content) - 1)
    if followed_by_blank == 0:
        return "no-blank"
    if followed_by_blank / pairs < 0.7:
        return "blank-separated"
    # A blank after every line: one paragraph a line ("clean") or a PDF
    # copy with a blank after each wrapped line.  Wrapped lines mostly end
    # in mid-sentence, paragraphs at a comma, semicolon or full stop.
    open_ended = sum(1 for i in content if texts[i][-1].isalnum())
    return "pdf-blank" if open_ended / len(content) > 0.25 else "blank-separated"

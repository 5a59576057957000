"""The shared state the pipeline stages read and write."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

from .lexicon import Body, Lexicon
from .types import Language, Mandate, Paragraph, Vote

Layout = Literal["pdf-blank", "blank-separated", "no-blank"]


@dataclass
class Line:
    """One non-blank line of the pasted text, cleaned of layout noise."""

    number: int  # 1-based line number in the pasted text, for messages
    text: str
    blank_before: bool = False  # a blank line separated it from the previous line
    after_page_break: bool = False  # a page number or running header came just before


@dataclass
class Context:
    """What the stages know so far; each stage documents what it reads and writes."""

    raw: str
    language_override: Language | None = None
    # normalize
    lines: list[Line] = field(default_factory=list)
    layout: Layout = "no-blank"
    symbol_hints: list[tuple[str, int]] = field(default_factory=list)  # running headers
    footnotes: list[str] = field(default_factory=list)
    # language
    language: Language = "en"
    lexicon: Lexicon | None = None
    # header
    body: Body | None = None
    header_session: int | None = None
    number: str | None = None
    number_line: int | None = None
    title: str = ""
    agenda_item: str | None = None
    adopted_on: datetime.date | None = None
    body_start: int = 0  # index into lines of the first line after the authorial line
    first_body_text: str | None = None  # what followed the authorial line on its own line
    # footer
    body_end: int = 0  # index into lines where the footer (or annex) begins
    meeting: int | None = None
    meeting_date: datetime.date | None = None
    vote_text: str | None = None
    vote_line: int | None = None
    annexes: list[str] = field(default_factory=list)
    # paragraphs
    preambular: list[Paragraph] = field(default_factory=list)
    operative: list[Paragraph] = field(default_factory=list)
    # vote and mandates
    vote: Vote | None = None
    mandates: list[Mandate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def lex(self) -> Lexicon:
        """The lexicon chosen by the language stage."""
        if self.lexicon is None:  # pragma: no cover - stage order guarantees it
            raise RuntimeError("language not detected yet")
        return self.lexicon

    def warn(self, message: str, line: int | None = None) -> None:
        """Record a warning for staff, naming the line when there is one."""
        self.warnings.append(f"line {line}: {message}" if line else message)

"""Plain data produced by the importer.

The importer turns pasted text into these dataclasses and knows nothing of
Django models; ``resolutions.services`` saves them in one transaction.
``to_json()`` gives the documented JSON shape of ``import_resolution --json``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal

from .problems import ImporterError, Problem

__all__ = [
    "Actor",
    "ImporterError",
    "Language",
    "Mandate",
    "MandateKind",
    "Paragraph",
    "ParsedResolution",
    "Problem",
    "SubParagraph",
    "Vote",
    "VoteMethod",
]

Language = Literal["en", "fr"]
VoteMethod = Literal["recorded", "without_vote"]
MandateKind = Literal["meeting", "report", "oral_update", "resources", "other"]
# Machine values for who must deliver; labels live in the Django models.
Actor = Literal[
    "council",
    "president",
    "high_commissioner",
    "ohchr",
    "secretary_general",
    "special_procedures",
    "advisory_committee",
    "states",
    "other",
]


@dataclass(frozen=True)
class SubParagraph:
    label: str  # "a", "b", … or "i", "ii", … for nested ones
    text: str
    children: tuple[SubParagraph, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "text": self.text}
        if self.children:
            data["subparagraphs"] = [child.to_json() for child in self.children]
        return data


@dataclass(frozen=True)
class Paragraph:
    number: int  # operative: the printed number; preambular: 1-based position
    text: str  # the whole paragraph, sub-paragraphs included, on one line
    subparagraphs: tuple[SubParagraph, ...] = ()
    line: int | None = None  # where it starts in the pasted text
    # False for an operative paragraph printed without a number: a
    # resolution or decision whose whole operative part is one paragraph
    # ("Adopts the Political Declaration annexed to the present
    # resolution."); it is numbered 1 (2, … if there were several) by position.
    numbered: bool = True


@dataclass(frozen=True)
class Vote:
    method: VoteMethod
    yes: int | None = None
    no: int | None = None
    abstentions: int | None = None
    in_favour: tuple[str, ...] = ()  # State names as printed
    against: tuple[str, ...] = ()
    abstaining: tuple[str, ...] = ()

    @property
    def lists_consistent(self) -> bool:
        return (
            len(self.in_favour) == self.yes
            and len(self.against) == self.no
            and len(self.abstaining) == self.abstentions
        )

    def to_json(self) -> dict[str, Any]:
        if self.method == "without_vote":
            return {"method": "without_vote"}
        return {
            "method": "recorded",
            "yes": self.yes,
            "no": self.no,
            "abstentions": self.abstentions,
            "in_favour": list(self.in_favour),
            "against": list(self.against),
            "abstaining": list(self.abstaining),
        }


@dataclass(frozen=True)
class Mandate:
    """One deliverable an operative paragraph asks for (a proposed follow-up)."""

    paragraph: int  # operative paragraph number
    kind: MandateKind
    session: int | None  # target session, None when the text names none
    actor: Actor
    text: str  # the clause it was read from, verbatim
    needs_review: bool = False  # e.g. session only implied ("at its next session")
    periodicity: str = ""  # "annual", "biennial", … where the text says so
    # Whose session ``session`` numbers: a Council resolution may ask for a
    # report "to the General Assembly at its seventy-ninth session", which is
    # not the Council's 79th session and follows another calendar.
    body: Literal["HRC", "GA"] = "HRC"

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "kind": self.kind,
            "session": self.session,
            "actor": self.actor,
            "text": self.text,
            "needs_review": self.needs_review,
            "periodicity": self.periodicity,
            "body": self.body,
        }


@dataclass
class ParsedResolution:
    symbol: str  # "A/HRC/RES/46/13"
    body: Literal["HRC", "GA"]
    session: int
    number: str  # "46/13"
    title: str
    language: Language
    adopted_on: datetime.date | None
    agenda_item: str | None
    meeting: int | None
    preambular_paragraphs: list[Paragraph] = field(default_factory=list)
    operative_paragraphs: list[Paragraph] = field(default_factory=list)
    vote: Vote | None = None
    mandates: list[Mandate] = field(default_factory=list)
    # What staff should check before saving; each names its line where it has one.
    warnings: list[Problem] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    annexes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "body": self.body,
            "session": self.session,
            "number": self.number,
            "title": self.title,
            "language": self.language,
            "adopted_on": self.adopted_on.isoformat() if self.adopted_on else None,
            "agenda_item": self.agenda_item,
            "meeting": self.meeting,
            "preambular_paragraphs": [
                {"number": p.number, "text": p.text} for p in self.preambular_paragraphs
            ],
            # "numbered": false only on a paragraph printed without a number.
            "operative_paragraphs": [
                {
                    "number": p.number,
                    "text": p.text,
                    "subparagraphs": [s.to_json() for s in p.subparagraphs],
                    **({} if p.numbered else {"numbered": False}),
                }
                for p in self.operative_paragraphs
            ],
            "vote": self.vote.to_json() if self.vote else None,
            "mandates": [m.to_json() for m in self.mandates],
            "warnings": [warning.to_json() for warning in self.warnings],
        }

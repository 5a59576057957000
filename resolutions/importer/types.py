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
    "DocumentKind",
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
# What the Council adopted: a resolution (A/HRC/RES/…), a decision
# (A/HRC/DEC/…) or a President's statement (A/HRC/PRST/…).  All three are
# read by the same stages; labels live in the Django models.
DocumentKind = Literal["resolution", "decision", "statement"]
# Machine values for who must deliver; labels live in the Django models.
# Machine values for who must deliver; labels live in the Django models
# (``resolutions.models.Actor``, same order).  One value per kind of body the
# Council asks for deliverables, grouped as the Office of the High
# Commissioner groups the Council's mechanisms (ohchr.org, "Human Rights
# Council" and "Human rights bodies"):
#   council             the Council itself (meetings it holds, items it takes up)
#   president           the President of the Council
#   high_commissioner   the High Commissioner
#   ohchr               the Office of the High Commissioner ("the Office")
#   secretary_general   the Secretary-General
#   special_procedures  special rapporteurs, independent experts, working
#                       groups of the special procedures, "the mandate holder"
#   investigative_body  commissions of inquiry, commissions of (human rights)
#                       experts, fact-finding missions, investigative
#                       mechanisms, groups and teams of experts
#   expert_mechanism    the Expert Mechanisms on the Rights of Indigenous
#                       Peoples and on the Right to Development
#   advisory_committee  the Council's Advisory Committee
#   working_group       intergovernmental (open-ended) working groups, the
#                       Working Group on the Right to Development, the Working
#                       Group on the Universal Periodic Review
#   forum               the Social Forum and the Forums on Minority Issues, on
#                       Business and Human Rights, on Human Rights, Democracy
#                       and the Rule of Law
#   treaty_bodies       the human rights treaty bodies (committees of experts)
#   states              States, Governments
#   other               anyone else (agencies, envoys, a body not named above)
Actor = Literal[
    "council",
    "president",
    "high_commissioner",
    "ohchr",
    "secretary_general",
    "special_procedures",
    "investigative_body",
    "expert_mechanism",
    "advisory_committee",
    "working_group",
    "forum",
    "treaty_bodies",
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
    # With ``session`` None: the text counts the session from the adoption
    # date ("at its next session" in a special-session resolution): 1 is the
    # regular session in progress on that date or the next one.  The importer
    # has no calendar; ``resolutions.selectors.read_resolution_text`` places it.
    after_adoption: int = 0
    # A recurring mandate is one mandate per occurrence (``recurrence.py``):
    # ``series`` numbers the series within the resolution (1, 2, … in the
    # order they are read; None for a mandate that stands alone) and
    # ``occurrence`` this one's place in it (1, 2, …; 1 when alone).
    series: int | None = None
    occurrence: int = 1

    def to_json(self) -> dict[str, Any]:
        """The mandate as ``import_resolution --json`` prints it; ``series`` and
        ``occurrence`` only for a mandate in a series, ``after_adoption`` only where set."""
        data: dict[str, Any] = {
            "paragraph": self.paragraph,
            "kind": self.kind,
            "session": self.session,
            "actor": self.actor,
            "text": self.text,
            "needs_review": self.needs_review,
            "periodicity": self.periodicity,
            "body": self.body,
        }
        if self.after_adoption:  # only where the session counts from the adoption date
            data["after_adoption"] = self.after_adoption
        if self.series is not None:
            data["series"] = self.series
            data["occurrence"] = self.occurrence
        return data


@dataclass
class ParsedResolution:
    """One adopted text: a resolution, a decision or a President's statement (``kind``)."""

    symbol: str  # "A/HRC/RES/46/13", "A/HRC/DEC/46/115", "A/HRC/PRST/OS/12/1"
    body: Literal["HRC", "GA"]
    session: int
    number: str  # "46/13", "S-30/1", "OS/12/1" (a statement of an organizational session)
    title: str
    language: Language
    adopted_on: datetime.date | None
    agenda_item: str | None
    meeting: int | None
    kind: DocumentKind = "resolution"
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
            "kind": self.kind,
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

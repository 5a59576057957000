"""Paired fixtures: each invented text beside the JSON the importer must give for it.

Every ``fixtures/<case>.txt`` has a ``fixtures/<case>.expected.json``; the
keys it holds are compared with ``parse(text).to_json()`` (plus
``footnotes`` and ``annexes``, which the JSON output leaves out).  The
cases cover both languages, the three layouts staff paste (a blank line
after every line, pdftotext with page headers, one paragraph a line), a
number alone on its line, nested sub-paragraphs, footnotes, an annex, a
resolution without a vote, a recorded vote whose totals disagree with its
lists, a General Assembly resolution that prints no vote, a special-session
resolution asking for a follow-up "at its next session", a General
Assembly resolution acknowledging reports it does not ask for; recurring
mandates: annual as of a session, to the Council and to the Assembly; two
sessions named in one clause; biennial; a mandate's period ("for a period of
three years", "for a further period of one year"); an Assembly resolution's
annual report; Council decisions adopted without a vote and by a recorded
vote, a President's statement whose requests sit mid-paragraph ("The Human
Rights Council … requests the Office … to") and one of an organizational
session, quoted, with an annex; a Council resolution whose commission of
inquiry, special rapporteur, expert mechanism and working group report
(actors named in full, in short and in the middle of a paragraph), and one
that takes note of, endorses, transmits and puts on its agenda reports it
does not ask for; footnote marks glued to a year or a quote, a footnote block cutting a
paragraph (a PDF copy with its rule line; one paragraph a line without it),
Markdown footnotes, and a single unnumbered operative paragraph (a Council
text in a PDF copy; a General Assembly text adopting a declaration whose
annex is numbered); heading and footer items sharing a line with their
neighbours and the last paragraph, and a General Assembly resolution whose
title, repeated as a page header, sits inside a paragraph (all in both
languages).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from resolutions.importer import parse

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(path.stem for path in FIXTURES.glob("*.txt"))


def _actual(text: str) -> dict[str, Any]:
    parsed = parse(text)
    data = parsed.to_json()
    data["footnotes"] = parsed.footnotes
    data["annexes"] = parsed.annexes
    return data


def test_every_fixture_text_has_its_expected_file() -> None:
    assert CASES, "no fixtures found"
    missing = [case for case in CASES if not (FIXTURES / f"{case}.expected.json").exists()]
    assert missing == []


@pytest.mark.parametrize("case", CASES)
def test_it_reads_each_fixture_as_its_expected_file_says(case: str) -> None:
    text = (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{case}.expected.json").read_text(encoding="utf-8"))
    actual = _actual(text)
    for key, value in expected.items():
        assert actual[key] == value, f"{case}: {key}"

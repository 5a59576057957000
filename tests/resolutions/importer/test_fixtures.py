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
Assembly resolution acknowledging reports it does not ask for (both languages),
heading and footer items sharing a line with their neighbours and the last
paragraph (both languages), and a General Assembly resolution whose title,
repeated as a page header, sits inside a paragraph (both languages).
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

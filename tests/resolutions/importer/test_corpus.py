"""The importer against the real resolutions of ../shared/corpus (bench/corpus.py's targets).

The comparison itself is bench/corpus.py's, loaded from its file: the bench
is a script run from the repository root, not a package.  Only accuracy is
checked here; the parse time and its target are the bench's (``make
corpus``), as they depend on the machine.

Where the corpus is and what happens without it: ``tests.corpus``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from resolutions.importer import parse
from resolutions.importer.types import ParsedResolution
from tests.corpus import CORPUS, REPO, require_corpus


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(require_corpus(CORPUS).read_text("utf-8"))
    return loaded


def test_a_missing_corpus_fails_on_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="corpus is not present"):
        require_corpus(tmp_path / "absent")


def test_a_missing_corpus_is_skipped_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="SUIVI_CORPUS"):
        require_corpus(tmp_path / "absent")


@pytest.fixture(scope="module")
def parsed(cases: list[dict[str, Any]]) -> dict[str, ParsedResolution]:
    """Each corpus file read once; a text the importer refuses fails here."""
    return {
        case["file"]: parse((CORPUS / case["file"]).read_text(encoding="utf-8")) for case in cases
    }


def test_every_corpus_text_is_read(
    cases: list[dict[str, Any]], parsed: dict[str, ParsedResolution]
) -> None:
    assert len(parsed) == len(cases)


@pytest.mark.parametrize("field", bench.FIELDS)
def test_each_field_matches_the_known_facts_on_every_corpus_file(
    cases: list[dict[str, Any]], parsed: dict[str, ParsedResolution], field: str
) -> None:
    wrong = {}
    for case in cases:
        want = bench.expected_value(field, case)
        got = bench.actual_value(field, parsed[case["file"]], case)
        if want != got:
            wrong[case["file"]] = (want, got)
    assert wrong == {}


def test_the_mandate_sessions_the_corpus_names_are_proposed(
    cases: list[dict[str, Any]], parsed: dict[str, ParsedResolution]
) -> None:
    missing = []
    total = 0
    for case in cases:
        proposed = {(m.paragraph, m.session) for m in parsed[case["file"]].mandates}
        for ref in case["mandate_session_refs"]:
            total += 1
            if (ref["paragraph"], ref["session"]) not in proposed:
                missing.append((case["file"], ref))
    assert len(missing) <= (1 - bench.TARGET_RECALL) * total, missing


def test_the_bench_meets_its_accuracy_targets_on_the_corpus(cases: list[dict[str, Any]]) -> None:
    assert bench.main([str(CORPUS), "--no-timing"]) == 0


def test_every_file_of_the_cases_folder_gives_its_right_result() -> None:
    cases_dir = require_corpus(CORPUS).parent / "cases"

    count, faults = bench.check_cases(cases_dir)

    assert count == len(list(cases_dir.glob("*.txt")))
    assert faults == []


def test_a_case_check_names_a_wrong_field_a_missing_and_an_unexpected_mandate() -> None:
    text = (REPO / "tests/resolutions/importer/fixtures/en_clean_without_vote.txt").read_text()
    parsed = parse(text)
    first = parsed.mandates[0]
    case = {
        "fields": {"meeting": 999},
        "mandates": {"exact": [{"paragraph": 99, "kind": "report"}]},
    }

    faults = bench.check_case(parsed, case)

    assert faults[0] == f"meeting: expected 999, got {parsed.meeting!r}"
    assert "no mandate {'paragraph': 99, 'kind': 'report'}" in faults
    assert f"unexpected mandate OP{first.paragraph} {first.kind} session {first.session}" in faults

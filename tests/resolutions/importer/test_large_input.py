"""Very large pastes: refused past the limit, and read in time linear in their length.

No test here measures time (that depends on the machine; see
``bench/large_input.py`` for figures).  Instead, the work the importer does
is counted as the number of function calls it makes, which does not
depend on the machine: doubling the text must not much more than double it.
That catches a loop going back over what was read; work repeated inside
one call (a regular expression scanning far from many places) is not
counted, and is guarded by the tests of the patterns below and the bench.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest

from resolutions.importer import ImporterError, parse
from resolutions.importer.lexicon import LEXICONS
from resolutions.importer.mandates import _session_refs
from resolutions.importer.pipeline import MAX_TEXT_CHARS
from resolutions.importer.states import split_state_list
from resolutions.importer.textutil import join_lines
from resolutions.importer.types import Language

from .test_stages import resolution


def _load_bench() -> ModuleType:
    path = Path(__file__).resolve().parents[3] / "bench" / "large_input.py"
    spec = importlib.util.spec_from_file_location("bench_large_input", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


def calls_made(text: str) -> int:
    """How many functions (Python or built-in) parsing *text* calls."""
    count = 0

    def profiler(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profiler)
    try:
        parse(text)
    except ImporterError:
        pass
    finally:
        sys.setprofile(None)
    return count


def test_a_text_over_a_million_characters_is_refused_before_it_is_read() -> None:
    with pytest.raises(ImporterError) as caught:
        parse("x" * (MAX_TEXT_CHARS + 1))
    assert caught.value.message == (
        "the text is too long for one resolution (1,000,001 characters; at most 1,000,000)"
    )
    assert caught.value.line is None


def test_a_text_of_exactly_a_million_characters_is_read() -> None:
    text = resolution("1. Decides to remain seized of the matter.\n")
    text = text.rstrip("\n") + " " * (MAX_TEXT_CHARS - len(text.rstrip("\n")))
    assert len(text) == MAX_TEXT_CHARS
    assert parse(text).operative_paragraphs[0].text.startswith("Decides to remain seized")


@pytest.mark.parametrize("shape", sorted(bench.SHAPES))
def test_twice_the_text_costs_about_twice_the_work(shape: str) -> None:
    build: Callable[[int], str] = bench.SHAPES[shape]
    once = calls_made(build(15_000))
    twice = calls_made(build(30_000))
    assert twice < 2.4 * once, f"{shape}: {once} calls for 15 KB but {twice} for 30 KB"


def test_an_asterisk_footnote_finds_its_mark_after_many_star_lines_without_one() -> None:
    unmarked = "".join(f"* See resolution {n}/1.\n" for n in range(1, 30))
    text = resolution(
        "1. Decides to remain seized of the matter;\n"
        + unmarked
        + "2. Welcomes the report of the Working Group*;\n"
        + "* A/HRC/58/99.\n"
    )
    parsed = parse(text)
    assert parsed.footnotes == ["A/HRC/58/99."]
    assert parsed.operative_paragraphs[1].text == "Welcomes the report of the Working Group;"


def test_a_numbered_footnote_is_found_after_many_lines_that_start_with_its_number() -> None:
    wrapped = "".join("1 March 1980 was recalled\n" for _ in range(30))
    text = resolution(
        "1. Recalls the Declaration adopted on\n"
        + wrapped
        + "2. Takes note of the report of the Special Rapporteur,1\n"
        + "1 A/HRC/58/12.\n"
    )
    parsed = parse(text)
    assert parsed.footnotes == ["A/HRC/58/12."]
    assert (
        parsed.operative_paragraphs[1].text == "Takes note of the report of the Special Rapporteur,"
    )
    assert parsed.operative_paragraphs[0].text.count("1 March 1980") == 30


def test_a_hyphen_alone_on_its_line_is_joined_with_spaces_around_it() -> None:
    assert join_lines(["mechanisms under", "-", "chapter V"]) == "mechanisms under - chapter V"
    assert join_lines(["capacity-", "building"]) == "capacity-building"


@pytest.mark.parametrize("language", sorted(LEXICONS))
def test_no_kind_of_deliverable_is_looked_for_to_the_end_of_a_clause(
    language: Language,
) -> None:
    # A gap such as "[^;]*?" after "hold" made a long clause full of "hold"
    # cost time in the square of its length (7 s for 100 KB).
    for pattern, kind in LEXICONS[language].kinds:
        assert "*" not in pattern.pattern, kind


def test_a_verb_repeated_before_its_noun_still_names_the_deliverable() -> None:
    text = resolution(
        "1. Requests the Secretary-General to organize and hold a workshop on the question;\n"
        "2. Requests the Office to ensure and provide the necessary resources to the mechanism;\n"
    )
    assert [(m.paragraph, m.kind) for m in parse(text).mandates] == [
        (1, "meeting"),
        (2, "resources"),
    ]


def test_session_references_are_those_a_search_of_the_whole_text_finds() -> None:
    lex = LEXICONS["en"]
    text = (
        "at its fifty-ninth, sixtieth and at its sixty-second sessions, first second third "
        + "fourth " * 100
        + "x session, at its Fifty-Third Session and at its intersessional meeting; "
        "the fifty-fourth sessions"
    )
    found = [m.group(0) for m in _session_refs(text, lex)]
    assert found == [m.group(0) for m in lex.session_ref.finditer(text)]
    assert found == [
        "fifty-ninth, sixtieth and at its sixty-second sessions",
        "Fifty-Third Session",
        "fifty-fourth sessions",
    ]


def test_a_request_names_its_actor_even_after_a_request_that_never_says_what() -> None:
    text = resolution(
        "1. Requests the Office and requests States and Governments, and requests the "
        "High Commissioner to report at its fifty-ninth session;\n"
    )
    mandates = parse(text).mandates
    assert [(m.actor, m.kind, m.session) for m in mandates] == [("high_commissioner", "report", 59)]


def test_a_long_list_of_states_with_parentheses_is_split_into_its_names() -> None:
    printed = ", ".join(["Bolivia (Plurinational State of)", "Foo (Bar, Baz)", "Chile"] * 300)
    names, unknown = split_state_list(printed + " and Japan", "en")
    assert len(names) == 901
    assert names[:4] == [
        "Bolivia (Plurinational State of)",
        "Foo (Bar, Baz)",
        "Chile",
        "Bolivia (Plurinational State of)",
    ]
    assert set(unknown) == {"Foo (Bar, Baz)"}


def test_a_long_block_of_footnotes_without_marks_is_read_in_linear_work() -> None:
    def text(count: int) -> str:
        block = "".join(f"{n} See A/HRC/58/{n}.\n" for n in range(1, count + 1))
        return resolution("1. Decides;\n_______________\n" + block)

    once = calls_made(text(1_500))
    twice = calls_made(text(3_000))
    assert twice < 2.4 * once, f"{once} calls for 1,500 footnotes but {twice} for 3,000"
    assert len(parse(text(20)).footnotes) == 20


def test_a_long_text_with_many_markdown_definitions_and_no_marks_is_read_in_linear_work() -> None:
    def text(count: int) -> str:
        body = "".join(f"{n}. Decides, for the {n}th time;\n" for n in range(1, count + 1))
        notes = "".join(f"[^{n}]: A/HRC/58/{n}.\n\n" for n in range(1, count + 1))
        return resolution(body) + "---\n" + notes

    once = calls_made(text(500))
    twice = calls_made(text(1_000))
    assert twice < 2.4 * once, f"{once} calls for 500 definitions but {twice} for 1,000"

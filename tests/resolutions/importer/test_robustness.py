"""Whatever is pasted, the importer either reads it or raises ImporterError.

Hypothesis cuts, shuffles, repeats, corrupts and mixes real-looking texts
(the project's own fixtures and French sample); any other exception is a
bug, which ``parse`` lets through and which fails these tests.  Examples
are few and deadlines off, to keep the suite fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.importer import ImporterError, parse
from resolutions.importer.problems import MESSAGES
from resolutions.importer.types import ParsedResolution

HERE = Path(__file__).parent
SAMPLE = HERE.parents[2] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
TEXTS = [SAMPLE.read_text(encoding="utf-8")] + [
    path.read_text(encoding="utf-8") for path in sorted((HERE / "fixtures").glob("*.txt"))
]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.sampled_from(TEXTS)


def parse_or_refuse(text: str) -> ParsedResolution | None:
    """Parse *text*; an ImporterError is an accepted outcome and must say what and where.

    Any other exception propagates: the importer failed on its own.
    """
    refusal: ImporterError | None = None
    try:
        parsed = parse(text)
    except ImporterError as error:
        refusal = error
    if refusal is not None:
        assert refusal.code in MESSAGES
        assert refusal.message
        assert refusal.line is None or refusal.line >= 1
        return None
    for warning in parsed.warnings:
        assert warning.message and (warning.line is None or warning.line >= 1)
    return parsed


@FAST
@given(text=texts, data=st.data())
def test_a_text_cut_anywhere_is_read_or_refused(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    parse_or_refuse(text[:cut])


@FAST
@given(text=texts, seed=st.randoms(use_true_random=False))
def test_shuffled_lines_are_read_or_refused(text: str, seed: object) -> None:
    lines = text.split("\n")
    seed.shuffle(lines)  # type: ignore[attr-defined]
    parse_or_refuse("\n".join(lines))


@FAST
@given(text=texts, times=st.integers(min_value=2, max_value=3))
def test_a_text_pasted_several_times_is_refused(text: str, times: int) -> None:
    assert parse_or_refuse("\n".join([text] * times)) is None


@FAST
@given(text=texts, data=st.data())
def test_repeated_or_dropped_lines_are_read_or_refused(text: str, data: st.DataObject) -> None:
    lines = text.split("\n")
    start = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    length = data.draw(st.integers(min_value=1, max_value=15))
    if data.draw(st.booleans()):
        lines[start:start] = lines[start : start + length]
    else:
        del lines[start : start + length]
    parse_or_refuse("\n".join(lines))


@FAST
@given(data=st.binary(min_size=0, max_size=2000))
def test_binary_data_is_refused_or_read(data: bytes) -> None:
    parse_or_refuse(data.decode("latin-1"))


@FAST
@given(text=texts, data=st.data())
def test_corrupted_bytes_are_read_or_refused(text: str, data: st.DataObject) -> None:
    raw = bytearray(text.encode("utf-8"))
    for _ in range(data.draw(st.integers(min_value=1, max_value=20))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    parse_or_refuse(raw.decode("utf-8", errors="replace"))


@FAST
@given(first=texts, second=texts, data=st.data())
def test_two_texts_spliced_together_are_read_or_refused(
    first: str, second: str, data: st.DataObject
) -> None:
    a, b = first.split("\n"), second.split("\n")
    cut = data.draw(st.integers(min_value=0, max_value=min(len(a), len(b))))
    parse_or_refuse("\n".join(a[:cut] + b[cut:]))


@FAST
@given(text=st.text(max_size=3000))
def test_arbitrary_unicode_is_read_or_refused(text: str) -> None:
    parse_or_refuse(text)


@pytest.mark.parametrize("text", ["", "   \n\n\t", "\x00\x01binary"])
def test_empty_or_binary_input_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(ImporterError) as caught:
        parse(text)
    assert caught.value.code in ("text.empty", "text.binary")
    assert caught.value.message


def test_a_text_mixing_english_and_french_is_read_with_a_warning() -> None:
    english = (HERE / "fixtures" / "en_clean_without_vote.txt").read_text(encoding="utf-8")
    french_preamble = "\n\n".join(
        line
        for line in SAMPLE.read_text(encoding="utf-8").split("\n")
        if line.startswith(("Rappelant", "Réaffirmant", "Soulignant", "Conscient"))
    )
    mixed = english.replace("Guided by", french_preamble + "\n\nGuided by", 1)
    result = parse_or_refuse(mixed)
    assert result is not None
    assert result.language == "en"
    assert [warning.code for warning in result.warnings] == ["language.mixed"]
    assert "mixes languages" in result.warnings[0].message

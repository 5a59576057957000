"""A State printed twice in one recorded vote is reported, and the lists kept as printed."""

from __future__ import annotations

from resolutions.importer import Problem, parse

from .test_stages import HEADING


def voted(in_favour: str, against: str, abstaining: str, totals: str = "3 to 2, with 2") -> str:
    return (
        HEADING
        + "1. Decides to remain seized of the matter.\n"
        + "40th meeting\n3 April 2025\n"
        + f"[Adopted by a recorded vote of {totals} abstentions.\n"
        + f"The voting was as follows:\nIn favour:\n{in_favour}\nAgainst:\n{against}\n"
        + f"Abstaining:\n{abstaining}]\n"
    )


def test_a_state_listed_in_two_lists_is_reported_and_both_entries_kept() -> None:
    parsed = parse(voted("Chile, France and Japan", "Cuba and France", "Kenya and Qatar"))
    assert parsed.vote is not None
    assert parsed.vote.in_favour == ("Chile", "France", "Japan")
    assert parsed.vote.against == ("Cuba", "France")
    # Named where it is printed the second time: the "Against:" list, line 16.
    assert parsed.warnings == [Problem("vote.state_repeated", 16, {"state": "France", "times": 2})]
    assert str(parsed.warnings[0]) == "line 16: France is listed 2 times in the vote"


def test_a_name_the_table_does_not_know_is_reported_when_printed_twice_in_one_list() -> None:
    parsed = parse(voted("Atlantis, Chile and Atlantis", "Cuba and Japan", "Kenya and Qatar"))
    assert parsed.vote is not None
    assert parsed.vote.in_favour == ("Atlantis", "Chile", "Atlantis")
    assert Problem("vote.state_repeated", 14, {"state": "Atlantis", "times": 2}) in parsed.warnings


def test_a_state_printed_under_its_former_name_too_is_the_same_state() -> None:
    parsed = parse(voted("Chile, Japan and Turkey", "Cuba and Türkiye", "Kenya and Qatar"))
    assert parsed.warnings == [
        Problem("vote.state_repeated_as", 16, {"state": "Turkey", "times": 2, "names": "“Türkiye”"})
    ]
    assert parsed.warnings[0].message == "Turkey is listed 2 times in the vote (also as “Türkiye”)"


def test_a_state_printed_three_times_is_reported_once() -> None:
    parsed = parse(voted("Chile, Japan and Chile", "Chile and Cuba", "Kenya and Qatar"))
    repeats = [str(warning) for warning in parsed.warnings if warning.code.startswith("vote.state")]
    assert repeats == ["line 14: Chile is listed 3 times in the vote"]


def test_a_vote_without_repeats_has_no_such_warning() -> None:
    parsed = parse(voted("Chile, France and Japan", "Cuba and Peru", "Kenya and Qatar"))
    assert parsed.warnings == []

"""Measure the importer against the real resolutions of the shared corpus.

    python bench/corpus.py [CORPUS_DIR] [--verbose] [--repeat N] [--no-timing]

CORPUS_DIR defaults to ../shared/corpus beside the repository root.  For
every file listed in its expected.json, prints per field how many files
match exactly, the recall and precision of the mandate sessions (precision
counting the sessions the text names, not those a recurrence implies: see
``implied_occurrences``), and the median parse time.  Exits 1 below the
targets (every field exact on every file, recall >= 0.95, precision >=
0.90, median <= 20 ms), 2 when the corpus cannot be read.
``--no-timing`` leaves the parse time and its target out, for the test
suite, whose outcome must not depend on the machine.  Needs no Django: the
importer is plain Python.

The corpus's ``cases/`` folder (small real texts, Council and General
Assembly, each showing one kind of fault that real pastes bring) has its own
line: each file must give the right result its ``NAME.expected.md`` states,
written down for this bench in ``bench/corpus_cases.json`` (see
``check_case``).  Every case right is a target too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from resolutions.importer import ImporterError, parse  # noqa: E402
from resolutions.importer.lexicon import LEXICONS  # noqa: E402
from resolutions.importer.textutil import ordinals_in  # noqa: E402
from resolutions.importer.types import ParsedResolution  # noqa: E402

FIELDS = (
    "symbol",
    "body",
    "session",
    "number",
    "title",
    "adopted_on",
    "agenda_item",
    "meeting",
    "preambular_count",
    "operative_count",
    "operative_numbers",
    "subparagraph_count",
    "vote",
    "language",
)
TARGET_RECALL = 0.95
TARGET_PRECISION = 0.90
TARGET_MEDIAN_MS = 20.0


def actual_value(field: str, parsed: ParsedResolution, expected: dict[str, Any]) -> Any:
    """The parsed value of *field* in the shape expected.json uses."""
    if field == "adopted_on":
        return parsed.adopted_on.isoformat() if parsed.adopted_on else None
    if field == "preambular_count":
        return len(parsed.preambular_paragraphs)
    if field == "operative_count":
        return len(parsed.operative_paragraphs)
    if field == "operative_numbers":
        return [p.number for p in parsed.operative_paragraphs]
    if field == "subparagraph_count":
        return sum(
            len(p.subparagraphs)
            for p in (*parsed.preambular_paragraphs, *parsed.operative_paragraphs)
        )
    if field == "vote":
        return vote_value(parsed, expected.get("vote"))
    return getattr(parsed, field)


def vote_value(parsed: ParsedResolution, expected: dict[str, Any] | None) -> Any:
    """The vote as expected.json writes it; totals only where the source's lists disagree."""
    if parsed.vote is None:
        return None
    data = parsed.vote.to_json()
    if data["method"] == "recorded":
        data["lists_consistent"] = parsed.vote.lists_consistent
        if expected is not None and expected.get("lists_consistent") is False:
            keys = ("method", "yes", "no", "abstentions")
            return {key: data[key] for key in keys}
    return data


# expected.json keeps the conjunction of an Oxford comma with the State that
# follows it (44/11 prints "Spain, and Ukraine" and records "and Ukraine");
# the importer, through states.split_state_list, reads the State "Ukraine".
# The conjunction is dropped from the recorded name before comparing.
_CONJUNCTIONS = {"en": "and ", "fr": "et "}


def expected_value(field: str, expected: dict[str, Any]) -> Any:
    """The recorded fact for *field*, in the shape ``actual_value`` gives."""
    value = expected.get(field)
    if field == "vote" and value and value.get("lists_consistent") is False:
        return {key: value[key] for key in ("method", "yes", "no", "abstentions")}
    if field == "vote" and value and value.get("method") == "recorded":
        conjunction = _CONJUNCTIONS.get(expected.get("language", "en"), "and ")
        value = dict(value)
        for key in ("in_favour", "against", "abstaining"):
            value[key] = [name.removeprefix(conjunction) for name in value[key]]
    return value


def oxford_comma_names(expected: dict[str, Any]) -> list[str]:
    """Recorded State names that start with the list's conjunction (see above)."""
    vote = expected.get("vote") or {}
    conjunction = _CONJUNCTIONS.get(expected.get("language", "en"), "and ")
    return [
        name
        for key in ("in_favour", "against", "abstaining")
        for name in vote.get(key, [])
        if name.startswith(conjunction)
    ]


def time_parse(text: str, repeat: int) -> float:
    """Median milliseconds of *repeat* parses of *text*."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(ImporterError):
            parse(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def named_sessions(parsed: ParsedResolution, paragraph: int) -> set[int]:
    """Session numbers written out in operative paragraph *paragraph*."""
    lex = LEXICONS[parsed.language]
    for p in parsed.operative_paragraphs:
        if p.number == paragraph:
            found = set()
            for match in lex.session_ref.finditer(p.text):
                found.update(ordinals_in(match.group("ordinals"), lex))
            return found
    return set()


CASES_FILE = Path(__file__).resolve().parent / "corpus_cases.json"


def _mandate_matches(mandate: dict[str, Any], spec: dict[str, Any]) -> bool:
    """Whether a mandate's JSON has every value *spec* names (``actor_not``: any but that)."""
    for key, value in spec.items():
        if key == "actor_not":
            if mandate["actor"] == value:
                return False
        elif mandate.get(key) != value:
            return False
    return True


def _paragraph(parsed: ParsedResolution, kind: str, number: int) -> str | None:
    preamble = kind == "preambular"
    paragraphs = parsed.preambular_paragraphs if preamble else parsed.operative_paragraphs
    return next((p.text for p in paragraphs if p.number == number), None)


def check_case(parsed: ParsedResolution, case: dict[str, Any]) -> list[str]:
    """What *parsed* gets wrong against one entry of ``corpus_cases.json``; [] when right.

    An entry gives ``fields`` (compared as for expected.json, ``actual_value``),
    ``paragraphs`` (text each must hold or not hold), ``vote_totals`` and
    ``mandates``: ``exact`` (the mandates, each matched once, no more),
    ``include`` (each matched by some mandate) and ``rules`` (every mandate
    matching ``where`` must match ``must``).  A mandate spec lists only the
    keys it cares about.
    """
    wrong: list[str] = []
    for field, want in case.get("fields", {}).items():
        got = actual_value(field, parsed, {})
        if field == "vote" and want is None:
            got = None if parsed.vote is None else parsed.vote.to_json()
        if got != want:
            wrong.append(f"{field}: expected {want!r}, got {got!r}")
    for spec in case.get("paragraphs", []):
        text = _paragraph(parsed, spec["kind"], spec["number"])
        if text is None:
            wrong.append(f"{spec['kind']} paragraph {spec['number']}: missing")
            continue
        wrong += [
            f"{spec['kind']} paragraph {spec['number']} lacks {piece!r}"
            for piece in spec.get("contains", [])
            if piece not in text
        ]
        wrong += [
            f"{spec['kind']} paragraph {spec['number']} holds {piece!r}"
            for piece in spec.get("excludes", [])
            if piece in text
        ]
    if "vote_totals" in case:
        vote = parsed.vote
        got_totals = [vote.yes, vote.no, vote.abstentions] if vote else None
        if got_totals != case["vote_totals"]:
            wrong.append(f"vote: expected {case['vote_totals']}, got {got_totals}")
    mandates = [m.to_json() for m in parsed.mandates]
    rules = case.get("mandates", {})
    if "exact" in rules:
        left = list(mandates)
        for spec in rules["exact"]:
            found = next((m for m in left if _mandate_matches(m, spec)), None)
            if found is None:
                wrong.append(f"no mandate {spec}")
            else:
                left.remove(found)
        wrong += [
            f"unexpected mandate OP{m['paragraph']} {m['kind']} session {m['session']}"
            for m in left
        ]
    for spec in rules.get("include", []):
        if not any(_mandate_matches(m, spec) for m in mandates):
            wrong.append(f"no mandate {spec}")
    for rule in rules.get("rules", []):
        for m in mandates:
            if _mandate_matches(m, rule["where"]) and not _mandate_matches(m, rule["must"]):
                wrong.append(
                    f"OP{m['paragraph']} {m['kind']} (actor {m['actor']}) breaks {rule['must']}"
                )
    return wrong


def check_cases(cases_dir: Path) -> tuple[int, list[tuple[str, str]]]:
    """How many entries of ``corpus_cases.json`` there are, and each fault as (file, what)."""
    entries = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    faults: list[tuple[str, str]] = []
    for case in entries:
        path = cases_dir / case["file"]
        try:
            parsed = parse(path.read_text(encoding="utf-8"))
        except OSError as error:
            faults.append((case["file"], f"cannot read: {error}"))
            continue
        except ImporterError as error:
            faults.append((case["file"], f"refused: {error.code}: {error}"))
            continue
        faults += [(case["file"], fault) for fault in check_case(parsed, case)]
    return len(entries), faults


def implied_occurrences(parsed: ParsedResolution) -> set[tuple[int, int]]:
    """(paragraph, session) pairs proposed only as implied occurrences of a recurring mandate.

    "Annually as of its fiftieth session" gives sessions 50, 53 and 56: 50 is
    read from the text, 53 and 56 are counted from it by the recurrence rule
    (``resolutions.importer.recurrence``).  Precision measures how well
    session words are read, so it counts only the sessions the text names:
    an implied one would count as a session the paragraph does not name.
    The implied sessions are checked by the fixtures and the recurrence tests.
    """
    later = {
        (m.paragraph, m.session)
        for m in parsed.mandates
        if m.session is not None and m.series is not None and m.occurrence > 1
    }
    first = {
        (m.paragraph, m.session)
        for m in parsed.mandates
        if m.session is not None and (m.series is None or m.occurrence == 1)
    }
    return {
        (paragraph, session)
        for paragraph, session in later - first
        if session not in named_sessions(parsed, paragraph)
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO_ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--verbose", "-v", action="store_true", help="print every mismatch")
    parser.add_argument("--repeat", type=int, default=5, help="parses per file for timing")
    parser.add_argument(
        "--no-timing", action="store_true", help="check accuracy only; do not time parses"
    )
    args = parser.parse_args(argv)

    corpus = Path(args.corpus)
    try:
        cases = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"cannot read {corpus / 'expected.json'}: {error}", file=sys.stderr)
        return 2

    matches = dict.fromkeys(FIELDS, 0)
    mismatches: list[tuple[str, str, Any, Any]] = []
    expected_refs = found_refs = 0
    proposed_pairs = named_pairs = 0
    timings: list[float] = []
    failures = 0

    oxford: list[str] = []
    for case in cases:
        name = case["file"]
        oxford += [f"{name}: “{state}”" for state in oxford_comma_names(case)]
        text = (corpus / name).read_text(encoding="utf-8")
        try:
            parsed = parse(text)
        except ImporterError as error:
            failures += 1
            mismatches.append((name, "parse", "a resolution", f"{error.code}: {error}"))
            expected_refs += len(case.get("mandate_session_refs", []))
            continue
        if not args.no_timing:
            timings.append(time_parse(text, args.repeat))
        for field in FIELDS:
            want = expected_value(field, case)
            got = actual_value(field, parsed, case)
            if want == got:
                matches[field] += 1
            else:
                mismatches.append((name, field, want, got))

        proposed = {(m.paragraph, m.session) for m in parsed.mandates if m.session is not None}
        implied = implied_occurrences(parsed)
        for ref in case.get("mandate_session_refs", []):
            expected_refs += 1
            if (ref["paragraph"], ref["session"]) in proposed:
                found_refs += 1
            else:
                mismatches.append((name, "mandate_session_ref", ref, "not proposed"))
        for paragraph, session in sorted(proposed - implied):
            proposed_pairs += 1
            if session in named_sessions(parsed, paragraph):
                named_pairs += 1
            else:
                mismatches.append(
                    (
                        name,
                        "mandate_precision",
                        "a session the paragraph names",
                        {"paragraph": paragraph, "session": session},
                    )
                )

    total = len(cases)
    recall = found_refs / expected_refs if expected_refs else 1.0
    precision = named_pairs / proposed_pairs if proposed_pairs else 1.0
    median = statistics.median(timings) if timings else float("inf")

    if args.verbose:
        for name, field, want, got in mismatches:
            print(f"{name}: {field}: expected {json.dumps(want, ensure_ascii=False)}")
            print(
                f"{' ' * len(name)}  {' ' * len(field)}  got      "
                f"{json.dumps(got, ensure_ascii=False, default=str)}"
            )
        print()

    if oxford:
        print(
            "note: recorded State names holding an Oxford comma's conjunction, compared without it:"
        )
        for entry in oxford:
            print(f"  {entry}")
    width = max(len(field) for field in FIELDS)
    for field in FIELDS:
        flag = "" if matches[field] == total else "   <-- below target"
        print(f"{field:<{width}}  {matches[field]:>3}/{total}{flag}")
    if failures:
        print(f"{'parse errors':<{width}}  {failures:>3}/{total}   <-- below target")
    print(
        f"mandate session recall     {recall:.3f} ({found_refs}/{expected_refs})"
        f"{'' if recall >= TARGET_RECALL else '   <-- below target'}"
    )
    print(
        f"mandate session precision  {precision:.3f} ({named_pairs}/{proposed_pairs})"
        f"{'' if precision >= TARGET_PRECISION else '   <-- below target'}"
    )
    case_count, case_faults = check_cases(corpus / "cases")
    cases_wrong = len({name for name, _ in case_faults})
    print(
        f"cases/ (real faults, HRC and GA) {case_count - cases_wrong}/{case_count} right"
        f"{'   <-- below target' if case_faults else ''}"
    )
    if args.verbose or case_faults:
        for name, fault in case_faults:
            print(f"  {name}: {fault}")
    fast_enough = args.no_timing or median <= TARGET_MEDIAN_MS
    if not args.no_timing:
        print(
            f"median parse time          {median:.2f} ms"
            f"{'' if fast_enough else '   <-- below target'}"
        )

    ok = (
        not failures
        and not case_faults
        and all(matches[field] == total for field in FIELDS)
        and recall >= TARGET_RECALL
        and precision >= TARGET_PRECISION
        and fast_enough
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

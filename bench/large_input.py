"""Time the importer on very large, adversarial pastes.

    python bench/large_input.py [--sizes 100000,300000,1000000] [--only NAME]

Builds resolutions of each size (characters) whose body is one of these
shapes, and prints how long ``parse`` takes on each:

- ``star-footnotes``: thousands of "* See resolution …" lines that look like
  asterisk footnotes, with no marker for most of them;
- ``session-clauses``: one paragraph asking again and again for a report
  "at its fifty-second session", in clauses and within one clause;
- ``huge-paragraph``: one operative paragraph on a single line, one clause
  whose verbs ("holding", "providing") are never followed by the noun that
  would make them a meeting or resources;
- ``many-short-lines``: 999 operative paragraphs wrapped a word or two a
  line, with lines that start like a footnote ("1 March 2021");
- ``requests-without-to``: "… and requests the Office …" over and over,
  never saying what is requested;
- ``ordinal-words``: a long run of ordinal words ("first second third")
  that is not followed by "session";
- ``long-vote``: a recorded vote listing thousands of States, some with
  parentheses ("Bolivia (Plurinational State of)"), some unknown.

Each figure is the best of ``--repeat`` parses, in a child process given up
after ``--limit`` seconds.  Prints figures only and asserts nothing:
timings depend on the machine.  The largest size is the importer's limit
(``pipeline.MAX_TEXT_CHARS``).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable
from multiprocessing.queues import Queue
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from resolutions.importer import ImporterError, parse  # noqa: E402

HEADING = """Human Rights Council
Fifty-first session
Agenda item 3
Resolution adopted by the Human Rights Council on 7 October 2022
51/99. A resolution built to measure the importer*
The Human Rights Council,
Recalling its resolution 46/13 of 23 March 2021,
"""
FOOTER = """
40th meeting
7 October 2022
[Adopted without a vote.]
"""


def _fill(size: int, piece: Callable[[int], str]) -> str:
    """Heading, then ``piece(0)``, ``piece(1)``, … and the footer: *size* characters at most."""
    room = size - len(HEADING) - len(FOOTER)
    parts: list[str] = []
    used = 0
    n = 0
    while True:
        text = piece(n)
        if used + len(text) > room:
            break
        parts.append(text)
        used += len(text)
        n += 1
    return HEADING + "".join(parts) + FOOTER


def star_footnotes(size: int) -> str:
    def piece(n: int) -> str:
        if n == 0:
            return "1. Decides to remain seized of the matter;\n"
        return f"* See resolution {n % 60}/{n % 40 + 1} of the Human Rights Council.\n\n"

    return _fill(size, piece)


def session_clauses(size: int) -> str:
    def piece(n: int) -> str:
        if n == 0:
            return "1. Requests the High Commissioner to prepare a report"
        if n % 2:
            return " and to submit a report to the Council at its fifty-second session,\n"
        return " at its fifty-second session\n"

    return _fill(size, piece)


def huge_paragraph(size: int) -> str:
    def piece(n: int) -> str:
        if n == 0:
            return "1. Requests the High Commissioner to continue"
        # One clause: no ", and to …" starts another, and no meeting noun
        # or "necessary" follows the verbs that look for one.
        return " holding talks and providing help to the Office with the special procedures,"

    return _fill(size, piece)


def many_short_lines(size: int) -> str:
    words = ["Decides", "to", "continue", "its", "work", "on", "1 March 2021", "and"]

    def piece(n: int) -> str:
        paragraph, position = divmod(n, 40)
        if position == 0 and paragraph < 999:
            return f"{paragraph + 1}. Decides\n"
        return words[n % len(words)] + "\n"

    return _fill(size, piece)


def requests_without_to(size: int) -> str:
    def piece(n: int) -> str:
        if n == 0:
            return "1. Requests the High Commissioner"
        return " and requests the Office and the Secretary-General"

    return _fill(size, piece)


def ordinal_words(size: int) -> str:
    def piece(n: int) -> str:
        if n == 0:
            return "1. Requests the High Commissioner to report at its fifty-second session"
        return " first second third fourth fifth"

    return _fill(size, piece)


def long_vote(size: int) -> str:
    names = ["Bolivia (Plurinational State of)", "Trinidad and Tobago", "Narnia (Kingdom of)"]
    opening = (
        HEADING + "1. Decides to remain seized of the matter.\n\n40th meeting\n7 October 2022\n"
        "[Adopted by a recorded vote of 3 to 2. In favour:\n"
    )
    closing = "Chile\nAgainst:\nCuba and Japan]\n"
    listed: list[str] = []
    used = len(opening) + len(closing)
    while used + len(names[len(listed) % 3]) + 2 <= size:
        listed.append(names[len(listed) % 3] + ", ")
        used += len(listed[-1])
    return opening + "".join(listed) + closing


SHAPES: dict[str, Callable[[int], str]] = {
    "star-footnotes": star_footnotes,
    "session-clauses": session_clauses,
    "huge-paragraph": huge_paragraph,
    "many-short-lines": many_short_lines,
    "requests-without-to": requests_without_to,
    "ordinal-words": ordinal_words,
    "long-vote": long_vote,
}


def measure(text: str) -> tuple[float, str]:
    """Seconds to parse *text*, and what came out."""
    start = time.perf_counter()
    try:
        parsed = parse(text)
    except ImporterError as error:
        outcome = f"refused ({error.code}): {error}"[:70]
    else:
        outcome = (
            f"{len(parsed.operative_paragraphs)} operative, {len(parsed.mandates)} mandates, "
            f"{len(parsed.footnotes)} footnotes"
        )
    return time.perf_counter() - start, outcome


def _measure_in_child(name: str, size: int, repeat: int, results: Queue[tuple[float, str]]) -> None:
    text = SHAPES[name](size)
    runs = [measure(text) for _ in range(repeat)]
    results.put(min(runs))


def measure_with_limit(name: str, size: int, repeat: int, limit: float) -> tuple[float, str] | None:
    """The best of *repeat* parses, in a child process stopped after *limit* seconds."""
    context = multiprocessing.get_context("fork")
    results: Queue[tuple[float, str]] = context.Queue()
    child = context.Process(target=_measure_in_child, args=(name, size, repeat, results))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return results.get() if not results.empty() else (float("nan"), "the child process failed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100000,300000,1000000", help="characters, comma-separated"
    )
    parser.add_argument("--only", choices=sorted(SHAPES), help="measure one shape only")
    parser.add_argument("--repeat", type=int, default=3, help="parses per text; the best is shown")
    parser.add_argument(
        "--limit", type=float, default=120.0, help="seconds after which a measurement is given up"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    names = [args.only] if args.only else list(SHAPES)

    print(f"{'shape':<18} {'characters':>10} {'lines':>7} {'seconds':>8}  outcome")
    for name in names:
        for size in sizes:
            text = SHAPES[name](size)
            lines = text.count("\n") + 1
            result = measure_with_limit(name, size, args.repeat, args.limit)
            if result is None:
                figure, outcome = f"> {args.limit:.0f}", "given up"
            else:
                figure, outcome = f"{result[0]:.3f}", result[1]
            print(f"{name:<18} {len(text):>10,} {lines:>7,} {figure:>8}  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

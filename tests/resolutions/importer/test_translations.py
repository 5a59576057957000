"""The importer's messages on the Django side: one template per code, translated.

``resolutions.problems.TEMPLATES`` repeats ``importer.problems.MESSAGES``
inside ``gettext_lazy`` so that ``makemessages`` finds them; these tests
keep the two tables word for word alike.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from resolutions.importer import ImporterError, Problem, parse
from resolutions.importer.problems import MESSAGES, placeholders
from resolutions.problems import TEMPLATES, describe, describe_with_line


def test_every_importer_code_has_a_template_with_the_same_placeholders() -> None:
    assert set(TEMPLATES) == set(MESSAGES)
    with translation.override("en"):
        for code, template in TEMPLATES.items():
            assert placeholders(str(template)) == placeholders(MESSAGES[code]), code
            assert str(template) == MESSAGES[code], code


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_template_can_be_filled_in_each_language(language: str) -> None:
    with translation.override(language):
        for code, template in TEMPLATES.items():
            params: dict[str, str | int] = dict.fromkeys(placeholders(MESSAGES[code]), 7)
            assert describe(Problem(code, None, params)), code
            assert str(template)


def test_describe_in_english_is_the_importer_message() -> None:
    problem = Problem("vote.in_favour_disagrees", 23, {"total": 5, "listed": 4})
    with translation.override("en"):
        assert describe(problem) == "the vote prints 5 in favour but lists 4 States"
        assert describe_with_line(problem) == (
            "line 23: the vote prints 5 in favour but lists 4 States"
        )


def test_describe_takes_an_importer_error_and_groups_large_numbers() -> None:
    with pytest.raises(ImporterError) as caught:
        parse("x" * 1_000_001)
    with translation.override("en"):
        assert describe(caught.value) == (
            "the text is too long for one resolution (1,000,001 characters; at most 1,000,000)"
        )
        assert describe_with_line(caught.value) == describe(caught.value)


def test_a_message_given_by_a_caller_is_kept_as_written() -> None:
    error = ImporterError("le fichier dépasse 2 Mo", line=3)
    assert (error.code, error.line, error.message) == ("text.refused", 3, "le fichier dépasse 2 Mo")
    assert str(error) == "line 3: le fichier dépasse 2 Mo"
    with translation.override("fr"):
        assert describe(error) == "le fichier dépasse 2 Mo"


def test_problems_render_as_json_objects_with_their_english_message() -> None:
    problem = Problem("vote.unknown_state", 23, {"name": "Narnia"})
    assert problem.to_json() == {
        "code": "vote.unknown_state",
        "line": 23,
        "params": {"name": "Narnia"},
        "message": "“Narnia” is not a State name the importer knows",
    }
    assert str(problem) == "line 23: “Narnia” is not a State name the importer knows"
    assert str(Problem("header.body_assumed")) == (
        "the adopting body was not named; Human Rights Council assumed"
    )


def test_a_problem_with_an_unknown_code_or_wrong_params_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown problem code"):
        Problem("vote.nonsense")
    with pytest.raises(ValueError, match="takes"):
        Problem("vote.unknown_state", 1, {"state": "Narnia"})

"""Whatever is fed to the import, it stores a whole resolution or nothing at all."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.models import Mandate, Paragraph, Resolution, Session, Vote, VotePosition

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)
LINES = SAMPLE.read_text().split("\n")
MODELS = (Resolution, Paragraph, Vote, VotePosition, Mandate, Session)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@st.composite
def mangled_texts(draw):
    lines = list(LINES)
    how = draw(st.sampled_from(["truncate", "drop", "duplicate", "shuffle", "garble"]))
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(i, len(lines)))
    if how == "truncate":
        lines = lines[:i]
    elif how == "drop":
        del lines[i:j]
    elif how == "duplicate":
        lines[j:j] = lines[i:j]
    elif how == "shuffle":
        block = lines[i:j]
        lines[i:j] = draw(st.permutations(block))
    else:
        lines[i] = draw(st.text(min_size=1, max_size=40))
    return "\n".join(lines)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mangled_texts())
def test_a_failed_import_leaves_the_database_as_it_was(tmp_path, text):
    path = tmp_path / "mangled.txt"
    path.write_text(text)
    before = counts()

    message = ""
    try:
        call_command("import_resolution", str(path), stdout=StringIO(), stderr=StringIO())
    except CommandError as error:
        message = str(error)
    if message:
        assert counts() == before
    else:
        Resolution.objects.all().delete()

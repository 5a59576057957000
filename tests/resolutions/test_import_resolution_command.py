import dataclasses
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from resolutions.importer import parse
from resolutions.models import Mandate, Paragraph, Resolution, Vote, VotePosition
from resolutions.services import save_parsed_resolution

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_resolution", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def nothing_stored():
    return not any(m.objects.exists() for m in (Resolution, Paragraph, Vote, VotePosition, Mandate))


def test_a_dry_run_prints_the_json_and_writes_nothing(db):
    out, _ = run(str(SAMPLE), "--dry-run", "--json")

    data = json.loads(out)
    assert data["symbol"] == "A/HRC/RES/46/13"
    assert data["adopted_on"] == "2021-03-23"
    assert len(data["preambular_paragraphs"]) == 17
    assert [p["number"] for p in data["operative_paragraphs"]] == list(range(1, 9))
    assert (data["vote"]["yes"], data["vote"]["no"], data["vote"]["abstentions"]) == (26, 15, 6)
    assert {(m["paragraph"], m["kind"], m["session"]) for m in data["mandates"]} >= {
        (7, "meeting", 49),
        (8, "report", 52),
    }
    assert nothing_stored()


def test_it_saves_the_resolution_with_its_paragraphs_vote_and_mandates(db):
    run(str(SAMPLE))

    resolution = Resolution.objects.get()
    assert resolution.symbol == "A/HRC/RES/46/13"
    assert resolution.session.number == 46
    assert resolution.paragraphs.filter(kind="preambular").count() == 17
    assert resolution.paragraphs.filter(kind="operative").count() == 8
    assert resolution.vote.positions.count() == 47
    uk = resolution.vote.positions.get(printed_name__startswith="Royaume-Uni")
    assert uk.state.code == "GBR" and uk.position == "no"
    assert resolution.source_text == SAMPLE.read_text()


def test_importing_the_same_symbol_again_is_refused(db):
    run(str(SAMPLE))

    with pytest.raises(CommandError, match="already stored"):
        run(str(SAMPLE))


def test_importing_again_with_replace_keeps_paragraph_rows(db):
    run(str(SAMPLE))
    op8 = Paragraph.objects.get(kind="operative", number=8)

    out, _ = run(str(SAMPLE), "--replace")

    assert "replaced" in out
    assert Paragraph.objects.get(kind="operative", number=8).pk == op8.pk
    assert Resolution.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "line 1"),
        (b"Human Rights Council\n\nfoo\n\xff\xfe bad bytes\n", "line 4"),
    ],
)
def test_unreadable_input_exits_with_a_message_naming_the_line(db, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        run(str(path))

    assert nothing_stored()


def test_a_text_cut_after_op3_is_refused_and_nothing_is_written(db, tmp_path):
    text = SAMPLE.read_text()
    path = tmp_path / "truncated.txt"
    path.write_text(text[: text.index("4. Souligne")])

    with pytest.raises(CommandError, match="line"):
        run(str(path))

    assert nothing_stored()


def test_a_vote_whose_totals_disagree_with_its_lists_is_a_warning(db, tmp_path):
    path = tmp_path / "disagreeing.txt"
    path.write_text(SAMPLE.read_text().replace("par 26 voix contre 15", "par 27 voix contre 15"))

    out, err = run(str(path), "--dry-run", "--json")

    data = json.loads(out)
    assert data["vote"]["yes"] == 27
    assert data["warnings"][0]["code"] == "vote.in_favour_disagrees"
    assert data["warnings"][0]["params"] == {"total": 27, "listed": 26}
    line = data["warnings"][0]["line"]
    assert f"warning: line {line}: the vote prints 27 in favour but lists 26 States" in err
    assert nothing_stored()


def test_a_folder_prints_one_json_line_per_file_and_goes_on_after_a_failure(db, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "b.txt").write_text(SAMPLE.read_text())
    out = StringIO()

    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_resolution", str(tmp_path), "--dry-run", "--json", stdout=out)

    failed, parsed = (json.loads(line) for line in out.getvalue().splitlines())
    assert failed["source"].endswith("a.txt") and "line 1" in failed["error"]
    assert (failed["code"], failed["line"]) == ("text.control_characters", 1)
    assert parsed["source"].endswith("b.txt") and parsed["symbol"] == "A/HRC/RES/46/13"
    assert nothing_stored()


def test_json_without_dry_run_saves_and_keeps_standard_output_json(db):
    out, err = run(str(SAMPLE), "--json")

    assert json.loads(out)["symbol"] == "A/HRC/RES/46/13"
    assert "imported" in err
    assert Resolution.objects.count() == 1


def test_a_value_the_database_cannot_hold_is_refused_whole(db):
    parsed = parse(SAMPLE.read_text())
    parsed.agenda_item = "3" * 40  # longer than the stored field allows

    with pytest.raises(ValidationError):
        save_parsed_resolution(parsed=parsed, source_text="x")

    assert nothing_stored()


def test_replacing_keeps_two_alike_mandates_of_one_paragraph_apart(db):
    # Two reports for the same session asked of the same actor in one paragraph.
    text = SAMPLE.read_text().replace(
        "d’établir un rapport de synthèse sur cette réunion et de le lui soumettre à sa",
        "d’établir un rapport de synthèse sur cette réunion et de le lui soumettre à sa "
        "cinquante-deuxième session, d’établir un rapport sur le suivi et de le lui soumettre à sa",
    )
    parsed = parse(text)
    reports = [m for m in parsed.mandates if m.kind == "report"]
    assert [m.session for m in reports] == [52, 52]
    save_parsed_resolution(parsed=parsed, source_text=text)
    before = list(Mandate.objects.order_by("order").values_list("pk", "order"))

    save_parsed_resolution(parsed=parse(text), source_text=text, replace=True)

    assert list(Mandate.objects.order_by("order").values_list("pk", "order")) == before


def test_a_special_session_resolution_is_filed_under_its_special_session(db, tmp_path):
    text = SAMPLE.read_text().replace("46/13. Promotion", "S-30/1. Promotion")
    path = tmp_path / "special.txt"
    path.write_text(text)

    run(str(path))

    resolution = Resolution.objects.get()
    assert resolution.symbol == "A/HRC/RES/S-30/1"
    assert resolution.session.special
    assert resolution.session.number == 30
    assert str(resolution.session) == "HRC special session S-30"


def test_a_vote_list_too_garbled_to_store_is_refused_whole(db):
    parsed = parse(SAMPLE.read_text())
    garbled = "x" * 200  # no State's name is this long
    parsed.vote = dataclasses.replace(parsed.vote, abstaining=(garbled,))

    with pytest.raises(ValidationError):
        save_parsed_resolution(parsed=parsed, source_text="x")

    assert nothing_stored()

"""An operative paragraph printed without a number, stored and named as such."""

from resolutions.importer import parse
from resolutions.models import Paragraph, ParagraphKind, paragraph_label
from resolutions.services import save_parsed_resolution

TEXT = """Human Rights Council
Fifty-eighth session
Agenda item 2
Resolution adopted by the Human Rights Council on 3 April 2025
58/41. An invented resolution
The Human Rights Council,
Recalling its earlier resolutions,
{operative}Decides to remain seized of the matter.
40th meeting
3 April 2025
[Adopted without a vote.]
"""


def test_it_is_stored_as_number_one_flagged_unnumbered(db):
    text = TEXT.format(operative="")
    save_parsed_resolution(parsed=parse(text), source_text=text)

    paragraph = Paragraph.objects.get(kind=ParagraphKind.OPERATIVE)
    assert (paragraph.number, paragraph.numbered, paragraph.anchor) == (1, False, "op1")
    assert paragraph.label == "OP (unnumbered)"
    assert str(paragraph) == "A/HRC/RES/58/41 OP (unnumbered)"


def test_importing_a_numbered_text_again_numbers_it(db):
    first = TEXT.format(operative="")
    save_parsed_resolution(parsed=parse(first), source_text=first)
    again = TEXT.format(operative="1. ")

    outcome = save_parsed_resolution(parsed=parse(again), source_text=again, replace=True)

    assert Paragraph.objects.get(kind=ParagraphKind.OPERATIVE).numbered is True
    assert outcome.changes == ["OP1 text changed"]


def test_numbered_paragraphs_keep_their_short_names():
    assert paragraph_label(ParagraphKind.OPERATIVE, 3) == "OP3"
    assert paragraph_label(ParagraphKind.PREAMBULAR, 2) == "PP2"

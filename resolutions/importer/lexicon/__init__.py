"""Per-language word lists and patterns.

Everything that depends on the language of the pasted text lives here, so
that adding a language is adding a data module (``en.py``, ``fr.py``), not
changing the stages.  Patterns are compiled once, when the module loads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..types import Actor, DocumentKind, Language, MandateKind

Body = Literal["HRC", "GA"]


@dataclass(frozen=True)
class Lexicon:
    """The words and patterns of one language (see ``en.py`` for the meaning of each)."""

    language: Language
    # -- page furniture and footnotes; read before the language is known,
    # so the normalize stage combines these phrases of every language
    organization_names: tuple[str, ...]  # "United Nations" before the symbol on page one
    page_words: tuple[str, str]  # "Page", "of" in "Page 2 of 7"
    recycle_notes: tuple[str, ...]  # "Please recycle"
    citation_words: tuple[str, ...]  # what footnotes cite: "resolution", "See", …
    # -- general
    months: Mapping[str, int]
    date: re.Pattern[str]  # groups: day, month, year
    ordinals: Mapping[str, int]  # normalised ordinal phrase -> number
    numeric_ordinal: re.Pattern[str]  # "49th" / "49e"; group 1 = the number
    stopwords: frozenset[str]  # frequent words, for language detection
    # -- header: items may share a line or wrap onto the next one, so the
    # header and footer patterns are matched where an item starts
    # (``pattern.match(text, pos)``), never against a whole line
    bodies: tuple[tuple[re.Pattern[str], Body], ...]
    # "Eightieth session", "Trentième session extraordinaire"; group "ordinal"
    session_heading: re.Pattern[str]
    # "Agenda item 3:", without the item's title: group "item" the number(s)
    # only ("3", "71 (b)", "2 and 3"; None when the heading names none)
    agenda_item: re.Pattern[str]
    # "Resolution adopted by the Human Rights Council on", "Decision adopted
    # by …": groups "kind" (the word naming what was adopted), "body", and
    # "on" the word before the date (None when it is not printed)
    adoption: re.Pattern[str]
    # "The Human Rights Council,": groups "body", "rest" (what follows the
    # comma; None when the line holds the body's name alone, comma left out)
    # and "quote" (a statement's opening quotation mark: "“The Human Rights
    # Council,")
    authorial: re.Pattern[str]
    # What was adopted, named by a heading item of its own ("President’s
    # statement"), by the adoption item ("Decision adopted by …": its group
    # "kind") or by the word before the number ("Decision 46/115. Title");
    # fullmatched against the words.
    document_kinds: tuple[tuple[re.Pattern[str], DocumentKind], ...]
    # A President's statement's introduction: "At the 37th meeting, held on 23
    # June 2017, the President … made the following statement:"; group
    # "meeting" the meeting's ordinal where it names one.  Matched where an
    # item starts.
    statement_intro: re.Pattern[str]
    statement_intro_end: re.Pattern[str]  # "the following statement:": the text follows it
    # -- footer
    meeting: re.Pattern[str]  # "49th meeting", "52nd plenary meeting"; group "number"
    without_vote: re.Pattern[str]
    recorded_vote: re.Pattern[str]  # groups "yes", "no", "abstentions"
    vote_labels: tuple[tuple[str, re.Pattern[str]], ...]  # key -> label pattern
    number_words: Mapping[str, int]  # "zero"/"zéro", for totals printed as words
    annex: re.Pattern[str]  # "Annex", "Annex II": the heading, where a line starts
    vote_start: re.Pattern[str]  # the record of adoption: "[" or, bracket lost, "Adopted"
    # -- paragraphs
    preamble_openers: frozenset[str]  # first words that open a preambular paragraph
    preamble_shape: re.Pattern[str]  # participle/adjective shape of an unknown opener
    preamble_non_openers: frozenset[str]  # words of that shape that open no paragraph
    # The verbs an operative paragraph opens with, in the present tense
    # ("Adopts", "Requests", "Prie", "Décide"): they tell an unnumbered
    # operative paragraph from the preamble's participles and adjectives.
    operative_openers: frozenset[str]
    operative_prefixes: frozenset[str]  # words before such a verb: "Also", "Strongly"
    # "Se félicite", "S’inquiète": a reflexive verb, operative unless a
    # participle follows ("Se félicitant" opens a preambular paragraph).
    reflexive_pronouns: frozenset[str]
    list_item_end: re.Pattern[str]  # how a line before a lettered sub-paragraph ends
    # -- mandates
    request_opening: re.Pattern[str]  # the subset that addresses someone else
    weak_request_opening: re.Pattern[str]  # "Invites", "Encourages": mandates only if concrete
    actors: tuple[tuple[re.Pattern[str], Actor], ...]  # first match wins
    # A body named again in short ("the Commission", "the Mechanism", "the
    # Working Group"): (the short reference, the head word that a body named
    # in full shares with it, the actor it stands for when the text named no
    # such body before).  The body named last before it with the same head
    # word is the one meant.
    actor_references: tuple[tuple[re.Pattern[str], re.Pattern[str], Actor], ...]
    # "establish", "extend the mandate": a body the clause creates or renews,
    # whose working mandate and reports follow ("Decides to establish a
    # commission of inquiry …, to present …")
    establishes: re.Pattern[str]
    # between "establish" and a body, what makes the body no object of it:
    # "to appoint a focal point to liaise with the Special Rapporteur"
    not_the_object: re.Pattern[str]
    # after an established body's name, an infinitive of purpose ("a mechanism
    # to collect …"): the clauses joined to it by "and" are the body's too
    purpose: re.Pattern[str]
    conjunction: re.Pattern[str]  # "and"/"et": a clause parallel to the one before
    introduces_mandate: re.Pattern[str]  # "namely", ":": a body's mandate follows
    # "Decides that its next debate / the theme of … shall": the Council's own
    # business, when "decides that" names no body
    council_own: re.Pattern[str]
    # "Decides to include in the provisional agenda of its eighty-first session
    # the item entitled …": a decision, never a meeting or a report (a meeting
    # put in a programme of work is still a meeting)
    agenda_inclusion: re.Pattern[str]
    # boundary before a new infinitive clause, or (group "deliverable") before a
    # second deliverable sharing the verb of the clause before: "… and a report"
    clause_split: re.Pattern[str]
    kinds: tuple[tuple[re.Pattern[str], MandateKind], ...]  # earliest match in a clause wins
    oral_update: re.Pattern[str]  # turns a report into an oral update
    meeting_noun: re.Pattern[str]  # a meeting the Council decides on, with no convening verb
    meeting_held: re.Pattern[str]  # "will be held": such a decided meeting takes place
    session_ref: re.Pattern[str]  # "at its <ordinal> session(s)"; group "ordinals"
    session_word: re.Pattern[str]  # "session(s)", the word each session_ref ends with
    session_before: re.Pattern[str]  # "before the <ordinal> session"; group "ordinals"
    # "at its next session" -> 1 (after the adoption session); "at the
    # subsequent session" -> 0 (after the session last named)
    relative_session: tuple[tuple[re.Pattern[str], int], ...]
    general_assembly_ref: re.Pattern[str]  # the session named is the Assembly's
    periodicity: tuple[tuple[re.Pattern[str], str], ...]
    decides: re.Pattern[str]  # "Decides" / "… and also decides" opening a directive
    # "Decides that <actor> shall"; group "actor".  Matched where the decision
    # starts (``match(text, pos)``), anywhere in a paragraph: no "^" in it,
    # which would only match at the paragraph's start.
    decides_that_actor: re.Pattern[str]
    hands_on: re.Pattern[str]  # "to submit it …": a clause completing the previous report
    council_ref: re.Pattern[str]  # the Council named before a session
    trailing_connector: re.Pattern[str]  # ", and" / "to this end" left at a clause's end
    actor_tail: re.Pattern[str]  # where the head of an actor phrase ends
    second_deliverable: re.Pattern[str]  # "a report …" after "and": shares the clause's verb
    earlier_meeting: re.Pattern[str]  # "the above-mentioned meeting"/"réunion susmentionnée"
    # "Decides to endorse the final report", "may submit a pre-recorded
    # statement": a verb before the report that acknowledges it or hands over
    # something else, so that the clause asks for no report.
    not_a_report: re.Pattern[str]
    # "to the General Assembly" / "au Conseil": the body a clause naming no
    # session addresses, when it is not the adopting body.
    addressed_body: tuple[tuple[re.Pattern[str], Body], ...]
    # -- recurrence (``recurrence.py``)
    # What makes a periodic mandate recur from the session it names rather
    # than name one instance of a recurring event ("its next annual debate will
    # be held at its fifty-eighth session"): an adverb ("annually", "every two
    # years", "chaque année") or a start ("as of its fiftieth session").
    recurring: re.Pattern[str]
    # "for a (further) period of three years": group "years" (or, in English,
    # "hyphen": "a three-year period") holds a word of ``period_words`` or digits.
    mandate_period: re.Pattern[str]
    period_words: Mapping[str, int]


def _load() -> dict[Language, Lexicon]:
    # Imported here because en/fr import this module for the dataclass.
    from . import en, fr

    return {"en": en.LEXICON, "fr": fr.LEXICON}


LEXICONS: dict[Language, Lexicon] = _load()

"""English words and patterns of Council and Assembly resolutions."""

from __future__ import annotations

import re

from . import Lexicon
from .ordinals import build_table, english_ordinals, word_alternation

_I = re.IGNORECASE

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

ORDINALS = build_table(english_ordinals)
ORDINAL_WORDS = frozenset(word for phrase in ORDINALS for word in phrase.split()) | {"and"}

# First words of preambular paragraphs.  Unknown words of the same shape
# are also accepted (see PREAMBLE_SHAPE); this list is what makes the
# common cases certain.
PREAMBLE_OPENERS = frozenset(
    [
        "acknowledging",
        "affirming",
        "alarmed",
        "anticipating",
        "appalled",
        "appreciating",
        "asserting",
        "aware",
        "bearing",
        "believing",
        "calling",
        "cognizant",
        "cognisant",
        "commending",
        "committed",
        "concerned",
        "condemning",
        "confirming",
        "conscious",
        "considering",
        "convinced",
        "declaring",
        "deeply",
        "deploring",
        "desiring",
        "desirous",
        "determined",
        "disturbed",
        "dismayed",
        "emphasizing",
        "emphasising",
        "encouraged",
        "encouraging",
        "endorsing",
        "expressing",
        "firmly",
        "further",
        "gravely",
        "guided",
        "having",
        "heartened",
        "highlighting",
        "highly",
        "inspired",
        "keeping",
        "looking",
        "mindful",
        "noting",
        "observing",
        "outraged",
        "particularly",
        "paying",
        "persuaded",
        "pleased",
        "profoundly",
        "re-emphasizing",
        "reaffirming",
        "realizing",
        "reasserting",
        "recalling",
        "recognizing",
        "recognising",
        "recommitting",
        "regretting",
        "reiterating",
        "renewing",
        "resolved",
        "satisfied",
        "seriously",
        "shocked",
        "strongly",
        "stressing",
        "supporting",
        "taking",
        "troubled",
        "underlining",
        "underscoring",
        "urging",
        "welcoming",
        "worried",
    ]
)
# A capitalised participle ("Anticipating the", "Alarmed by") or an adverb
# followed by one ("Deeply regretting"): the shape of a preambular opener.
PREAMBLE_SHAPE = re.compile(
    r"^(?:[A-Z][a-z]+ing\s+(?:[a-z]|[A-Z][a-z]+ (?:of|to|that)\b)"
    r"|[A-Z][a-z]+ed\s+(?:by|that|at|to|with|of|about|over|in|further|also)\b"
    r"|[A-Z][a-z]+ly\s+[a-z]+(?:ing|ed)\b)"
)
PREAMBLE_NON_OPENERS = frozenset(
    [
        "beijing",
        "building",
        "during",
        "according",
        "including",
        "regarding",
        "concerning",
        "following",
        "pending",
        "notwithstanding",
        "united",
        "hundred",
    ]
)

# First words of operative paragraphs (the present tense of the verbs the
# UN's editorial manual lists for operative clauses), so that a resolution
# whose only operative paragraph is printed without a number can be read.
OPERATIVE_OPENERS = frozenset(
    [
        "accepts",
        "acknowledges",
        "adopts",
        "affirms",
        "agrees",
        "appeals",
        "applauds",
        "appoints",
        "appreciates",
        "approves",
        "asks",
        "authorises",
        "authorizes",
        "believes",
        "calls",
        "commemorates",
        "commends",
        "condemns",
        "confirms",
        "congratulates",
        "considers",
        "decides",
        "declares",
        "defers",
        "demands",
        "denounces",
        "deplores",
        "designates",
        "determines",
        "directs",
        "elects",
        "emphasises",
        "emphasizes",
        "encourages",
        "endorses",
        "entrusts",
        "establishes",
        "expects",
        "expresses",
        "extends",
        "highlights",
        "hopes",
        "insists",
        "invites",
        "launches",
        "looks",
        "mandates",
        "notes",
        "objects",
        "opposes",
        "pays",
        "proclaims",
        "re-emphasizes",
        "reaffirms",
        "reasserts",
        "recalls",
        "recognises",
        "recognizes",
        "recommends",
        "regrets",
        "reiterates",
        "rejects",
        "remains",
        "reminds",
        "renews",
        "repeats",
        "requests",
        "resolves",
        "salutes",
        "shares",
        "stresses",
        "supports",
        "takes",
        "thanks",
        "transmits",
        "trusts",
        "underlines",
        "underscores",
        "urges",
        "warns",
        "welcomes",
        "wishes",
    ]
)
OPERATIVE_PREFIXES = frozenset(
    [
        "again",
        "also",
        "categorically",
        "deeply",
        "emphatically",
        "firmly",
        "fully",
        "further",
        "furthermore",
        "highly",
        "once",
        "solemnly",
        "strongly",
        "unequivocally",
        "warmly",
    ]
)

# An ordinal phrase is a run of ordinal words ("fifty-fourth and fifty-seventh"
# is one run, split later by textutil.ordinals_in); building it from the
# words themselves keeps "the twentieth anniversary at its fifty-second
# session" from reading as two sessions.
_WORD = word_alternation(ORDINAL_WORDS)
_ORD = rf"(?:(?:{_WORD})(?:[\s-]+(?:{_WORD}))*\b|\d{{1,3}}(?:st|nd|rd|th))"
# "fifty-ninth, sixtieth and at its sixty-second sessions" is one list.
_ORDS = rf"(?P<ordinals>{_ORD}(?:(?:,\s*|\s+and\s+)(?:at\s+its\s+)?{_ORD})*)"

# "3", "71 (b)", "2 and 3", "2, 3 and 4", "68 (a) and (b)": agenda item
# numbers, without the item's title that may follow them on the line.  The
# Assembly's long items run past "(z)" to "(aa)", "(ii)", "(ll)".
_AGENDA_ITEM = r"\d{1,3}(?!\d)(?:\s*\([a-z]{1,2}\))?"
_AGENDA_ITEMS = rf"{_AGENDA_ITEM}(?:(?:\s*,\s*|,?\s+and\s+)(?:{_AGENDA_ITEM}|\([a-z]{{1,2}}\)))*"

# A deliverable named with its article and adjectives ("a comprehensive
# written report", "its final report"), not "a debate on the report".
_DELIVERABLE = (
    r"(?:a|an|its)\s+(?:(?!(?:on|of|in|for|about|with|to|the|by)\s)[\w-]+\s+){0,3}?"
    r"(?:report|study|oral update|update|compilation)\b"
)

# A President's statement may speak of the Council as its subject, each
# paragraph a sentence: "The Human Rights Council requests the Office … to".
# Capitalised "The" only: "in which the Council requests" cites another text.
_COUNCIL_SUBJECT = r"(?<=(?-i:The) Council\s)|(?<=(?-i:The) Human Rights Council\s)"
# Each opening starts with a letter of a few: a cheap look ahead at it
# spares the look-behinds at every other position of a paragraph.
_REQUEST = (
    r"(?=[afrem])"
    rf"(?:^|(?<=[,;:]\s)|(?<=\band\s)|(?<=\bto\s)|{_COUNCIL_SUBJECT})"
    # "… and to additionally request the Special Rapporteur to examine …"
    r"(?:(?:also|further|furthermore|additionally)\s+)?(?:requests?|entrusts|mandates)\s+"
)
_WEAK_REQUEST = (
    r"(?=[afiec])"
    rf"(?:^|(?<=[,;:]\s)|(?<=\band\s)|{_COUNCIL_SUBJECT})"
    r"(?:(?:also|further)\s+)?(?:invites|encourages|calls upon)\s+"
)


def _actor_phrase(opening: str) -> str:
    """Who is asked, after *opening*: up to 1,000 characters, not past the next *opening*.

    The corpus's longest is under 500 characters.  Looking from every
    "requests" to the end of a paragraph that has no "to" after it made
    such a paragraph cost time in the square of its length.
    """
    return rf"(?P<actor>(?:(?!{opening}).){{1,1000}}?)"


_ACTORS = (
    (r"Office of the (?:United Nations )?High Commissioner|\bOHCHR\b", "ohchr"),
    (r"High Commissioner for Refugees", "other"),
    (r"High Commissioner", "high_commissioner"),
    (r"Special (?:Representative|Envoy|Adviser|Advisor) of the Secretary-General", "other"),
    (r"Secretary-General", "secretary_general"),
    (r"\bPresident of the (?:Human Rights )?Council|\bits President\b", "president"),
    # Bodies the Council sends to investigate a situation: "the independent
    # international commission of inquiry", "the international Commission of
    # Human Rights Experts on Ethiopia", "the Commission on Human Rights in
    # South Sudan", "the fact-finding mission", "the Group of Eminent
    # International and Regional Experts", "the team of international experts".
    (
        r"(?i:\bcommissions? of (?:inquiry|(?:human rights )?experts)\b|\bfact-finding missions?\b"
        r"|\b(?:investigative|independent|impartial|accountability) mechanism\b"
        r"|\b(?:group|team) of (?:[\w-]+ ){0,4}?experts\b)"
        r"|\bCommission on Human Rights in\b",
        "investigative_body",
    ),
    (r"(?i:\bexpert mechanism\b)", "expert_mechanism"),
    # Working groups of States, not of the special procedures.
    (
        r"(?i:\b(?:open-ended |intergovernmental )+working group\b"
        r"|\bworking group on the (?:right to development|universal periodic review)\b)"
        r"|\bAd Hoc Committee on the Elaboration of Complementary Standards\b",
        "working_group",
    ),
    (
        r"Special Rapporteur|Working Group|Independent Expert|mandate[- ]holders?"
        r"|special procedures?",
        "special_procedures",
    ),
    (r"Advisory Committee", "advisory_committee"),
    (r"\bSocial Forum\b|(?<!Permanent )\bForum on\b", "forum"),
    (
        r"\btreaty bod(?:y|ies)\b|\bHuman Rights Committee\b"
        r"|\bSubcommittee on Prevention of Torture|\bCommittee (?:against Torture"
        r"|on (?:the )?(?:Elimination|Rights|Protection|Enforced|Economic))",
        "treaty_bodies",
    ),
    # Bodies of other organs, named so that "the Commission" after them is theirs.
    (
        r"\bCommission (?:on the Status of Women|on Human Rights\b(?! in)|for Social Development)"
        r"|\bPeacebuilding Commission\b|\bPermanent Forum\b",
        "other",
    ),
    (r"\b(?:all |Member )?States\b|\bGovernments\b", "states"),
    # After a first mention, resolutions call the Office of the High
    # Commissioner simply "the Office".
    (r"\bthe Office\b(?! (?:on|of|for)\b)", "ohchr"),
)
# "the Commission", "the Mechanism", "the Working Group" … named in short:
# (short reference, head word of the bodies it may stand for, actor when the
# text named none of them before).
_ACTOR_REFERENCES = (
    (
        r"\bthe [Ww]orking [Gg]roup\b(?! (?:on|of|for)\b)",
        r"[Ww]orking [Gg]roup",
        "special_procedures",
    ),
    (r"\bthe [Cc]ommission\b(?! (?:on|of|for)\b)", r"\b[Cc]ommissions?\b", "investigative_body"),
    (r"\bthe [Mm]ission\b", r"\b[Mm]ission", "investigative_body"),
    (r"\bthe [Mm]echanism\b", r"[Mm]echanism", "investigative_body"),
    (r"\bthe (?:[Gg]roup|[Tt]eam)\b(?! of\b)", r"\b(?:[Gg]roup|[Tt]eam) of", "investigative_body"),
    (r"\bthe Forum\b(?! on\b)", r"\bForum\b", "forum"),
    (r"\bthe Committee\b(?! (?:on|of|for|against)\b)", r"\bCommittee\b", "other"),
)

# Each kind is recognised by its verb, or by its noun where the verb is
# generic; the stage picks the kind whose pattern matches first in the
# clause ("to provide the resources … for the meeting" is resources).
_MEETING_VERB = r"\b(?:convene|convening|organi[sz]e|organi[sz]ing|hold|holding)\b"
_RESOURCES_VERB = r"\b(?:provide|providing|ensure|make available|allocate|placing|receives?)\b"


def _after(verb: str) -> str:
    """What may come between *verb* and its noun: up to 500 characters, no ";".

    Nor another of the same verbs, where the search starts again: a long
    clause full of "holding" without a meeting noun is then read in time
    linear in its length, not in its square.  The corpus's longest gap is
    under 300 characters.
    """
    return rf"(?:(?!{verb})[^;]){{0,500}}?"


_KINDS = (
    (
        _MEETING_VERB
        + _after(_MEETING_VERB)
        + r"\b(?:panel|meeting|seminar|workshop|forum|dialogue|debate|consultation"
        r"|round ?table|discussion|event)s?\b",
        "meeting",
    ),
    (
        _RESOURCES_VERB
        + rf"(?={_after(_RESOURCES_VERB)}\b(?:necessary|required|needed|adequate|sufficient)\b)"
        + _after(_RESOURCES_VERB)
        + r"\b(?:resources|assistance|support|services|facilities|staff|expertise|funding)\b",
        "resources",
    ),
    (
        # "present" but not "the present resolution" (looked behind once "present"
        # is found, which is cheaper than before every character).
        # "report" the verb, not the noun ("the report of the Office"); "to
        # transmit the report" hands on a report someone else wrote.
        # "to prepare files" for criminal proceedings is an inquiry's work
        r"\bprepare\b(?!\s+(?:case\s+)?files\b)|\b(?:submit|compile|produce|publish)\b"
        r"|\breport(?<!\bthe report)(?<!\bits report)(?<!\bhis report)(?<!\bher report)"
        r"(?<!\btheir report)(?<!\bthis report)(?<!\bthat report)(?:ing)?\b"
        r"|\bpresent\b(?<!\bthe present)(?<!\bits present)(?!\s+(?:resolution|decision|session))"
        r"|\b(?:a|an|next|annual|comprehensive|summary|written|thematic|final|progress"
        r"|follow-up|oral)\s+(?:[\w-]+\s+){0,2}?(?:reports?|study|compilation|summary)\b",
        "report",
    ),
)
# A meeting the Council decides on ("Decides that the panel discussion will
# be held at its fifty-second session") has no convening verb.
_MEETING_NOUN = (
    r"\b(?:panel discussion|panel|meeting|seminar|workshop|forum|interactive dialogue"
    r"|interactive debate|debate|round ?table|full-day discussion|half-day discussion)s?\b"
)
_ORAL = r"\boral(?:ly)?\b|\boral update\b"

LEXICON = Lexicon(
    language="en",
    organization_names=("United Nations",),
    page_words=("Page", "of"),
    recycle_notes=("Please recycle",),
    citation_words=("resolution", "See", "Official Records", "Treaty Series", "ibid"),
    months=MONTHS,
    date=re.compile(
        r"\b(?P<day>\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\b", _I
    ),
    ordinals=ORDINALS,
    numeric_ordinal=re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b"),
    stopwords=frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "that",
            "its",
            "on",
            "for",
            "with",
            "by",
            "all",
            "as",
            "at",
            "be",
            "is",
            "are",
            "which",
            "this",
            "their",
        ]
    ),
    bodies=(
        (re.compile(r"Human Rights Council", _I), "HRC"),
        (re.compile(r"General Assembly", _I), "GA"),
    ),
    session_heading=re.compile(
        rf"(?P<ordinal>{_ORD})\s+(?:(?:emergency\s+)?special\s+)?session\b", _I
    ),
    agenda_item=re.compile(
        rf"Agenda\s+items?\b(?:\s+(?P<item>{_AGENDA_ITEMS})(?!\w))?(?:\s*[:.;,—–-])?", _I
    ),
    adoption=re.compile(
        r"(?P<kind>Resolution|Decision) adopted by the (?P<body>Human Rights Council"
        r"|General Assembly)(?:\s+(?P<on>on)\b)?",
        _I,
    ),
    # A President's statement quotes the Council: "“The Human Rights Council,".
    # The comma may be left out where the line holds nothing else ("The
    # General Assembly" alone on its line, above "Adopts the … Declaration").
    authorial=re.compile(
        r"(?P<quote>[“\"«]\s*)?The (?P<body>Human Rights Council|General Assembly)"
        r"(?:\s*,\s*(?P<rest>.*)|\s*)$"
    ),
    document_kinds=(
        (re.compile(r"Resolution", _I), "resolution"),
        (re.compile(r"Decision", _I), "decision"),
        (
            re.compile(
                r"President[’']s statement|Statement by the President|Presidential statement", _I
            ),
            "statement",
        ),
    ),
    statement_intro=re.compile(
        r"At (?:the|its)\s+(?:(?P<meeting>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)"
        r"\s+(?:plenary\s+)?meeting|(?:resumed\s+)?organi[sz]ational\s+(?:session|meeting))\b",
        _I,
    ),
    statement_intro_end=re.compile(r"\b(?:statement|as follows)\s*:\s*", _I),
    meeting=re.compile(r"(?P<number>\d{1,3}) ?(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b", _I),
    without_vote=re.compile(r"\badopted without a vote\b", _I),
    recorded_vote=re.compile(
        r"\brecorded vote of (?P<yes>\d+|[a-z]+) to (?P<no>\d+|[a-z]+)"
        r"(?:,?\s*with (?P<abstentions>\d+|[a-z]+) abstentions?)?",
        _I,
    ),
    vote_labels=(
        ("in_favour", re.compile(r"\bIn favou?r\s*:", _I)),
        ("against", re.compile(r"\bAgainst\s*:", _I)),
        ("abstaining", re.compile(r"\bAbstaining\s*:", _I)),
    ),
    number_words={"zero": 0, "none": 0, "no": 0, "one": 1, "two": 2, "three": 3},
    vote_start=re.compile(r"^\[|^Adopted\b", _I),
    # "Annex", "ANNEX II", not "annex." ending a wrapped line; its title may
    # follow on the line ("Annex Political Declaration").
    annex=re.compile(r"(?:Annex(?:es)?|ANNEX(?:ES)?)(?:\s+[IVXLC]+|\s+\d+)?\.?(?=\s|$)"),
    preamble_openers=PREAMBLE_OPENERS,
    preamble_shape=PREAMBLE_SHAPE,
    preamble_non_openers=PREAMBLE_NON_OPENERS,
    operative_openers=OPERATIVE_OPENERS,
    operative_prefixes=OPERATIVE_PREFIXES,
    reflexive_pronouns=frozenset(),
    list_item_end=re.compile(r"(?:[,;:.—–]|\b(?:and|or))[’”\"»)]?$"),
    request_opening=re.compile(
        _REQUEST
        + r"(?!that\b)"
        + _actor_phrase(_REQUEST)
        + r"(?:\s*:\s*$|\s*:|,?\s+to\s+(?=[a-z]))",
        _I,
    ),
    weak_request_opening=re.compile(
        _WEAK_REQUEST + _actor_phrase(_WEAK_REQUEST) + r"(?:\s*:|,?\s+to\s+(?=[a-z]))", _I
    ),
    actors=tuple((re.compile(p), a) for p, a in _ACTORS),  # type: ignore[misc]
    actor_references=tuple(
        (re.compile(p), re.compile(h), a)  # type: ignore[misc]
        for p, h, a in _ACTOR_REFERENCES
    ),
    establishes=re.compile(
        r"\b(?:extend|renew|prolong)(?:\s+[^;:]{0,80}?)?\s+the\s+mandates?\b"
        r"|\b(?:establish|create|set\s+up|appoint|dispatch|constitute)\b",
        _I,
    ),
    not_the_object=re.compile(
        r"\bto\s+(?!be\b)[a-z]|\b(?:by|with|from|assist|support)\b"
        r"|\b(?:staff|members?|secretariat|chair\w*|head) of\b",
        _I,
    ),
    # not ignoring case: "to Libya" is no verb
    purpose=re.compile(
        r"\bto\s+(?!be\b|(?:the|its|a|an|all|any|this|that|these|those|their|his|her)\b)[a-z]+\b"
    ),
    conjunction=re.compile(r"\band\b", _I),
    introduces_mandate=re.compile(r"(?:\bnamely|\bas follows|:)\s*$", _I),
    council_own=re.compile(
        r"^(?:its|the Council[’']s)\b|\b(?:theme|session|agenda|programme of work)s?\b", _I
    ),
    agenda_inclusion=re.compile(r"\binclude\b[^;]{0,200}?\bagenda\b", _I),
    clause_split=re.compile(
        # Every boundary starts at a comma, a semicolon or a space: saying so
        # first lets the regex engine skip other places at once.
        r"(?=[,;\s])(?:"
        r"(?:[,;]\s+(?:and\s+)?|\s+and\s+)(?:also\s+|further\s+)?(?=to\s+(?!the\b|its\b|his\b"
        r"|her\b|their\b|all\b|this\b|that\b|these\b|those\b|an?\b|be\b|which\b|whom\b"
        r"|[A-Z0-9])[a-z])"
        # "an oral update at its sixtieth session and a report at its
        # sixty-first": a second deliverable after "and", "as well as" or
        # "followed by" is a clause of its own, sharing the verb (and the
        # session, where only one of the two names it) of the clause before.
        r"|(?P<deliverable>,?\s+(?:and|as well as|(?:to be\s+)?followed by)\s+"
        rf"(?={_DELIVERABLE})"
        # "an oral update and, at its sixtieth session, a report"
        rf"|,?\s+and(?=,\s+(?:at|during|before|prior to)\s+[^,;]{{1,80}},\s+{_DELIVERABLE}))"
        r")"
    ),
    kinds=tuple((re.compile(p, _I), k) for p, k in _KINDS),  # type: ignore[misc]
    oral_update=re.compile(_ORAL, _I),
    meeting_noun=re.compile(_MEETING_NOUN, _I),
    meeting_held=re.compile(
        r"\b(?:be held|will meet|take place|be convened|be organized|be organised)\b", _I
    ),
    session_ref=re.compile(rf"\b{_ORDS}\s+sessions?\b", _I),
    session_word=re.compile(r"\bsessions?\b", _I),
    session_before=re.compile(
        r"\b(?:before|prior to|ahead of|in advance of)\s+(?:the\s+|its\s+)?$", _I
    ),
    relative_session=(
        (re.compile(r"\b(?:at|during|to) its (?:next|forthcoming|upcoming) session\b", _I), 1),
        (
            re.compile(
                r"\b(?:at|during|to|for) (?:the|its) (?:following|subsequent) session\b", _I
            ),
            0,
        ),
    ),
    general_assembly_ref=re.compile(r"\b(?:General )?Assembly\b"),
    periodicity=(
        (re.compile(r"\bbiennial(?:ly)?\b|\bevery two years\b", _I), "biennial"),
        (re.compile(r"\btriennial(?:ly)?\b|\bevery three years\b", _I), "triennial"),
        (re.compile(r"\bquadrennial(?:ly)?\b|\bevery four years\b", _I), "quadrennial"),
        (
            re.compile(
                r"\bannual(?:ly)?\b(?!\s+(?:programme|program)s? of work)|\bon an annual basis\b"
                r"|\bevery year\b|\beach year\b",
                _I,
            ),
            "annual",
        ),
    ),
    decides=re.compile(
        r"(?=[afd])"
        rf"(?:^|(?<=[,;:]\s)|(?<=\band\s)|{_COUNCIL_SUBJECT})"
        r"(?:(?:also|further|furthermore)\s+)?decides\b",
        _I,
    ),
    # "Also decides that, within its mandate, the Expert Mechanism shall";
    # "decides that the Special Rapporteur, in carrying out the mandate, shall".
    decides_that_actor=re.compile(
        r"\S+(?:\s+\S+)?\s+that,?\s+(?:[^,;]{1,80},\s+)?(?P<actor>[^,;]{1,120}?)"
        r"(?:,[^,;]{1,120},)?\s+"
        r"(?:shall|should|will|would|may|is to|is requested to|is mandated to)\b",
        _I,
    ),
    hands_on=re.compile(
        r"^(?:to\s+)?(?:submit|present|transmit|make available|make|share|publish)\s+"
        r"(?:it|them|the (?:above-mentioned |said |same |abovementioned )?(?:report|study|summary"
        r"|compilation|findings|update|analysis)s?|(?:this|that|such|these|those)\s+\w+)\b",
        _I,
    ),
    council_ref=re.compile(r"\bCouncil\b"),
    second_deliverable=re.compile(r"^(?:a|an)\s", _I),
    trailing_connector=re.compile(r"(?:[\s,;:]+(?:and|also|to this end|in this regard))+$", _I),
    # "the expert designated by the High Commissioner" is the expert.
    actor_tail=re.compile(
        r",|\s(?:designated|appointed|established|mandated|nominated|tasked)\sby\s"
        r"|\sin (?:cooperation|consultation|collaboration|coordination)\b"
    ),
    earlier_meeting=re.compile(
        r"\b(?:above-mentioned|aforementioned|said|that|this|the)\s+(?:[\w-]+\s+){0,3}"
        r"(?:meeting|panel discussion|panel|seminar|workshop|forum|dialogue|debate|event)\b",
        _I,
    ),
    not_a_report=re.compile(
        r"\b(?:endorses?|approves?|takes? note|welcomes?|remains? (?:actively )?seized"
        r"|acknowledges?|commends?)\b"
        r"|\b(?:submit|make|deliver|present)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?statements?\b"
        # "following the submission of its comprehensive report": a report
        # already asked for, named to say when something else happens
        r"|\b(?:submission|presentation|consideration) of (?:its|the|his|her|their)\b",
        _I,
    ),
    addressed_body=(
        (re.compile(r"\bto the General Assembly\b(?!\s+resolution)", _I), "GA"),
        (re.compile(r"\bto the (?:Human Rights )?Council\b(?!\s+resolution)", _I), "HRC"),
    ),
    recurring=re.compile(
        r"\b(?:annually|biennially|triennially|quadrennially|yearly)\b"
        r"|\bon an? (?:annual|biennial|triennial|quadrennial|yearly) basis\b"
        r"|\b(?:every|each) (?:year|(?:two|three|four|2|3|4) years)\b|\bonce a year\b"
        r"|\b(?:as (?:of|from)|(?:starting|beginning|commencing) (?:at|with|from|in)"
        r"|with effect from) its\b|\bas (?:of|from) the\b|\bsessions? onwards?\b",
        _I,
    ),
    mandate_period=re.compile(
        r"\bfor an?\s+(?:(?:further|renewable|new|additional|initial|non-renewable"
        r"|non-extendable)\s+)?(?:period of\s+(?P<years>one|two|three|four|five|six|\d{1,2})"
        r"\s+years?\b|(?P<hyphen>one|two|three|four|five|six|\d{1,2})-year period\b)",
        _I,
    ),
    period_words={"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6},
)

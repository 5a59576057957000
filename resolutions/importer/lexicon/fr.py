"""French words and patterns of Council and Assembly resolutions.

Apostrophes are matched as either ’ or ', and the space French puts before
":" and ";" as optional, because pasted texts carry both.
"""

from __future__ import annotations

import re

from . import Lexicon
from .ordinals import build_table, french_ordinals, word_alternation

_I = re.IGNORECASE
_A = "[’']"  # either apostrophe

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        start=1,
    )
}
# Accent-less spellings turn up in texts typed by hand.
MONTHS |= {"fevrier": 2, "aout": 8, "decembre": 12}

ORDINALS = build_table(french_ordinals)
ORDINAL_WORDS = frozenset(word for phrase in ORDINALS for word in phrase.split())

PREAMBLE_OPENERS = frozenset(
    [
        "accueillant",
        "affirmant",
        "alarmé",
        "alarmée",
        "appelant",
        "appréciant",
        "ayant",
        "conscient",
        "consciente",
        "considérant",
        "constatant",
        "convaincu",
        "convaincue",
        "condamnant",
        "déplorant",
        "déterminé",
        "déterminée",
        "désireux",
        "désireuse",
        "encourageant",
        "engageant",
        "estimant",
        "exprimant",
        "fermement",
        "gardant",
        "gravement",
        "guidé",
        "guidée",
        "insistant",
        "inquiet",
        "inquiète",
        "mettant",
        "notant",
        "observant",
        "particulièrement",
        "prenant",
        "préoccupé",
        "préoccupée",
        "profondément",
        "rappelant",
        "réaffirmant",
        "reconnaissant",
        "regrettant",
        "réitérant",
        "résolu",
        "résolue",
        "sachant",
        "saluant",
        "se",
        "s",
        "soucieux",
        "soucieuse",
        "soulignant",
        "tenant",
        "vivement",
        "horrifié",
        "consterné",
        "indigné",
        "choqué",
        "troublé",
        "attentif",
        "attentive",
        "considérant",
        "accueillant",
        "félicitant",
        "remerciant",
        "ayant",
        "étant",
        "vu",
        "eu",
        "compte",
        "réaffirmant",
        "rappelant",
        "sérieusement",
        "soutenant",
        "tenant",
        "appuyant",
        "réitérant",
    ]
)
PREAMBLE_SHAPE = re.compile(
    r"^(?:[A-ZÀ-Ý][a-zà-ÿ]+ant\s+[a-zà-ÿ]"
    r"|[A-ZÀ-Ý][a-zà-ÿ]+(?:é|ée|és|ées|u|ue|us|ues)\s+(?:par|de|du|des|que|qu|à|au|aux|d)\b"
    r"|[A-ZÀ-Ý][a-zà-ÿ]+ment\s+[a-zà-ÿ]+(?:é|ée|és|ées|ant)\b"
    r"|S[e’']\s*[a-zà-ÿ]+ant\b)"
)
# First words of operative paragraphs: the verbs of the UN's operative
# clauses in the present tense ("Adopte", "Prie", "Décide", "Prend note").
# Reflexive ones ("Se félicite", "S’inquiète") are read through
# ``reflexive_pronouns``.
OPERATIVE_OPENERS = frozenset(
    [
        "accepte",
        "accueille",
        "adopte",
        "affirme",
        "appelle",
        "approuve",
        "apprécie",
        "appuie",
        "attend",
        "autorise",
        "charge",
        "condamne",
        "confie",
        "confirme",
        "considère",
        "constate",
        "convient",
        "croit",
        "demande",
        "décide",
        "déclare",
        "dénonce",
        "déplore",
        "désigne",
        "encourage",
        "engage",
        "entérine",
        "espère",
        "estime",
        "exhorte",
        "exige",
        "exprime",
        "fait",
        "félicite",
        "insiste",
        "invite",
        "juge",
        "lance",
        "met",
        "nomme",
        "note",
        "observe",
        "partage",
        "prend",
        "prie",
        "proclame",
        "proroge",
        "rappelle",
        "recommande",
        "reconnait",
        "reconnaît",
        "regrette",
        "rejette",
        "remercie",
        "rend",
        "renouvelle",
        "reste",
        "réaffirme",
        "réitère",
        "sait",
        "salue",
        "souhaite",
        "souligne",
        "souscrit",
        "soutient",
        "transmet",
        "élit",
    ]
)

PREAMBLE_NON_OPENERS = frozenset(
    ["avant", "pendant", "durant", "devant", "suivant", "cependant", "maintenant"]
)

# See en.py: an ordinal phrase is a run of ordinal words.
_WORD = word_alternation(ORDINAL_WORDS)
_ORD = rf"(?:(?:{_WORD})(?:[\s-]+(?:{_WORD}))*(?![\w])|\d{{1,3}}(?:e|re|ème))"
# "soixante et unième et à sa soixante-troisième sessions" is one list.
_ORDS = rf"(?P<ordinals>{_ORD}(?:(?:,\s*|\s+et\s+)(?:à\s+sa\s+)?{_ORD})*)"

# "3", "71 b)", "2 et 3", "2, 3 et 4", "68 a) et b)": see en.py.
_AGENDA_ITEM = r"\d{1,3}(?!\d)(?:\s*\(?[a-z]{1,2}\))?"
_AGENDA_ITEMS = rf"{_AGENDA_ITEM}(?:(?:\s*,\s*|\s+et\s+)(?:{_AGENDA_ITEM}|\(?[a-z]{{1,2}}\)))*"

# See en.py: "un rapport écrit complet", "son rapport final", not "un débat sur le rapport".
_DELIVERABLE = (
    r"(?:un|une|son|sa)\s+"
    r"(?:(?!(?:de|du|des|sur|à|au|aux|la|le|les|en|pour|par)\s)[\w’'-]+\s+){0,3}?"
    r"(?:rapport|étude|mise à jour|compilation|exposé)\b"
)

# See en.py: "Le Conseil prie le Haut-Commissariat de …" in a statement.
_COUNCIL_SUBJECT = (
    r"(?<=(?-i:Le) Conseil\s)|(?<=(?-i:Le) Conseil des droits de l’homme\s)"
    r"|(?<=(?-i:Le) Conseil des droits de l'homme\s)"
)
_REQUEST = (
    # "… et de prier en outre le Rapporteur spécial d’examiner …"
    r"(?=[pdc])"  # see en.py: a cheap look ahead before the look-behinds
    rf"(?:(?:^|(?<=[,;:]\s)|(?<=\bet\s)|{_COUNCIL_SUBJECT})(?:prie|demande|charge)|(?<=\bde\s)prier)"
    r"(?:\s+(?:également|en outre|aussi|de nouveau))?\s+"
)
_WEAK_REQUEST = (
    r"(?=[iec])"
    rf"(?:^|(?<=[,;:]\s)|(?<=\bet\s)|{_COUNCIL_SUBJECT})(?:invite|engage|encourage)"
    r"(?:\s+(?:également|en outre|aussi))?\s+"
)


def _actor_phrase(opening: str) -> str:
    """Who is asked: up to 1,000 characters, not past the next *opening* (see en.py)."""
    return rf"(?P<actor>(?:(?!{opening}).){{1,1000}}?)"


_ACTORS = (
    (r"Haut-Commissariat|\bHCDH\b", "ohchr"),
    (r"Haut(?:e)?-Commissaire des Nations Unies pour les réfugiés", "other"),
    (r"Haut(?:e)?-Commissaire", "high_commissioner"),
    (r"(?:Représentant|Envoyé|Conseiller)e? spéciale? du Secrétaire général", "other"),
    (r"Secrétaire général", "secretary_general"),
    (r"\bPrésidente? du Conseil|\b(?:son|sa) président(?:e)?\b", "president"),
    # See en.py: "la commission d’enquête internationale indépendante", "la
    # Commission internationale d’experts en droits de l’homme sur l’Éthiopie",
    # "la Commission sur les droits de l’homme au Soudan du Sud", "la mission
    # internationale indépendante d’établissement des faits", "le Groupe
    # d’éminents experts internationaux et régionaux", "l’équipe d’experts".
    (
        rf"(?i:\bcommissions? (?:d{_A}enquête|(?:internationale )?d{_A}experts)"
        rf"|\bmissions?(?:\s+[\w-]+){{0,3}}?\s+d{_A}établissement des faits"
        rf"|\bmécanisme (?:d{_A}enquête|indépendant|impartial|de responsabilisation)"
        rf"|\b(?:groupe|équipe) d{_A}(?:éminents )?experts)"
        rf"|\bCommission sur les droits de l{_A}homme au\b",
        "investigative_body",
    ),
    (rf"(?i:\bmécanisme d{_A}experts)", "expert_mechanism"),
    # Working groups of States, not of the special procedures.
    (
        r"(?i:\bgroupe de travail intergouvernemental"
        r"|\bgroupe de travail (?:à composition non limitée|sur le droit au développement"
        rf"|(?:chargé )?de l{_A}Examen périodique universel))"
        r"|\bComité spécial chargé d.élaborer des normes complémentaires",
        "working_group",
    ),
    (
        r"Rapporteu(?:r|se) spéciale?|Groupe de travail|Experte? indépendante?"
        r"|titulaires? de mandat|procédures spéciales",
        "special_procedures",
    ),
    (r"Comité consultatif", "advisory_committee"),
    (r"\bForum (?:social|sur)\b", "forum"),
    (
        rf"(?i:\borganes? (?:conventionnels?|créés? en vertu d(?:e traités|{_A}instruments)))"
        rf"|\bComité des droits (?:de l{_A}homme|de l{_A}enfant|des personnes handicapées"
        rf"|économiques)|\bComité (?:contre la torture|pour l{_A}élimination|des disparitions)"
        r"|\bSous-Comité pour la prévention de la torture",
        "treaty_bodies",
    ),
    # Bodies of other organs, named so that "la Commission" after them is theirs.
    (
        r"\bCommission (?:de la condition de la femme|des droits de l.homme|du développement social"
        r"|de consolidation de la paix)|\bInstance permanente\b",
        "other",
    ),
    (r"\bÉtats\b|\bgouvernements\b", "states"),
)
# See en.py: a body named again in short.
_ACTOR_REFERENCES = (
    (
        # not "le Groupe de travail sur …, des …, de l’Examen …, à composition …",
        # but "le Groupe de travail de présenter"
        rf"\ble [Gg]roupe de travail\b(?!\s+(?:sur|des|du|d{_A}|de l{_A}|de la|chargé"
        r"|intergouvernemental|à))",
        r"[Gg]roupe de travail",
        "special_procedures",
    ),
    (
        rf"\bla [Cc]ommission\b(?!\s+(?:d{_A}|sur|de la|des|du|pour|internationale))",
        r"\b[Cc]ommissions?\b",
        "investigative_body",
    ),
    (
        rf"\bla [Mm]ission\b(?!(?:\s+[\w-]+){{0,3}}?\s+d{_A}établissement)",
        r"\b[Mm]ission",
        "investigative_body",
    ),
    (rf"\ble [Mm]écanisme\b(?!\s+d{_A})", r"[Mm]écanisme", "investigative_body"),
    (
        rf"\b(?:le [Gg]roupe|l{_A}[ée]quipe)\b(?!\s+d(?:e\b|{_A}))",
        rf"\b(?:[Gg]roupe|[ÉéEe]quipe) d{_A}",
        "investigative_body",
    ),
    (r"\ble Forum\b(?!\s+(?:social|sur)\b)", r"\bForum\b", "forum"),
    (
        r"\ble Comité\b(?!\s+(?:consultatif|des|contre|pour|sur|spécial))",
        r"\bComité\b",
        "other",
    ),
)

# See en.py: a kind is recognised by its verb, or its noun soon after it.
_MEETING_VERB = r"\b(?:convoquer|organiser|tenir)\b"
_RESOURCES_VERB = r"\b(?:fournir|assurer|mettre à (?:sa|leur) disposition|allouer|apporter|doter)\b"


def _after(verb: str) -> str:
    """Up to 500 characters, without ";" nor another of the same verbs (see en.py)."""
    return rf"(?:(?!{verb})[^;]){{0,500}}?"


_KINDS = (
    (
        _MEETING_VERB + _after(_MEETING_VERB) + r"\b(?:réunion|table ronde"
        r"|débat|dialogue|séminaire|atelier|forum|consultation|manifestation)s?\b",
        "meeting",
    ),
    (
        _RESOURCES_VERB + rf"(?={_after(_RESOURCES_VERB)}"
        r"\b(?:nécessaires?|voulue?s?|suffisante?s?|adéquate?s?|requise?s?)\b)"
        + _after(_RESOURCES_VERB)
        + r"\b(?:ressources|assistance|appui|aide|services|installations|personnel|moyens)\b",
        "resources",
    ),
    (
        # "établir", "élaborer", "réaliser" only with their deliverable ("établir
        # les faits" is an inquiry's work); "transmettre le rapport" hands on a
        # report someone else wrote.
        r"\b(?:présenter|soumettre|rendre compte|faire rapport|compiler)\b"
        r"|\b(?:établir|élaborer|réaliser)\s+(?:un|une|le|la|les|son|sa|ses|des)\s+"
        r"(?:[\w’'-]+\s+){0,2}?(?:rapports?|études?|compilations?|synthèses?)\b"
        r"|\b(?:un|une|prochain|annuel)\s+(?:[\w-]+\s+){0,2}?(?:rapports?|étude"
        r"|compilation|synthèse)\b",
        "report",
    ),
)
_MEETING_NOUN = (
    r"\b(?:réunion|table ronde|réunion-débat|débat|dialogue|séminaire|atelier|forum)s?\b"
)
_ORAL = r"\borale?(?:ment)?\b|\bmise à jour orale\b|\bexposé oral\b"

LEXICON = Lexicon(
    language="fr",
    organization_names=("Nations Unies",),
    page_words=("Page", "sur"),
    recycle_notes=("Merci de recycler",),
    citation_words=("résolution", "Voir", "Documents officiels", "Recueil des Traités", "ibid"),
    months=MONTHS,
    date=re.compile(
        r"\b(?P<day>1er|\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\b", _I
    ),
    ordinals=ORDINALS,
    numeric_ordinal=re.compile(r"\b(\d{1,3})(?:e|re|ème|er)\b"),
    stopwords=frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "à",
            "en",
            "que",
            "qui",
            "dans",
            "pour",
            "sur",
            "par",
            "au",
            "aux",
            "une",
            "sa",
            "ses",
            "son",
            "est",
        ]
    ),
    bodies=(
        (re.compile(rf"Conseil des droits de l{_A}homme", _I), "HRC"),
        (re.compile(r"Assemblée générale", _I), "GA"),
    ),
    session_heading=re.compile(
        rf"(?P<ordinal>{_ORD})\s+session(?:\s+(?:extraordinaire|extraordinaire d{_A}urgence))?"
        r"(?![\w-])",
        _I,
    ),
    agenda_item=re.compile(
        rf"Points?\s+(?:(?P<item>{_AGENDA_ITEMS})|\S.{{0,60}}?)\s+de\s+l{_A}ordre\s+du\s+jour\b"
        r"(?:\s*[:.;,—–-])?",
        _I,
    ),
    adoption=re.compile(
        rf"(?P<kind>Résolution|Décision) adoptée par (?P<body>le Conseil des droits de l{_A}homme"
        rf"|l{_A}Assemblée générale)(?:\s+(?P<on>le)\b)?",
        _I,
    ),
    # See en.py: "« Le Conseil des droits de l’homme," opens a statement.
    authorial=re.compile(
        rf"(?P<quote>[“\"«]\s*)?(?P<body>Le Conseil des droits de l{_A}homme"
        rf"|L{_A}Assemblée générale)(?:\s*,\s*(?P<rest>.*)|\s*)$"
    ),
    document_kinds=(
        (re.compile(r"Résolution", _I), "resolution"),
        (re.compile(r"Décision", _I), "decision"),
        (
            re.compile(r"Déclaration d(?:u|e la) Présidente?|Déclaration présidentielle", _I),
            "statement",
        ),
    ),
    statement_intro=re.compile(
        r"(?:À|A)\s+(?:la|sa)\s+(?:(?P<meeting>\d{1,3}(?:e|re|ème)|[a-zéè]+(?:-[a-zéè]+)*)"
        rf"\s+séance(?:\s+plénière)?|session\s+d{_A}organisation|réunion\s+d{_A}organisation)\b",
        _I,
    ),
    statement_intro_end=re.compile(r"(?:suivante|comme suit)\s*:\s*", _I),
    meeting=re.compile(
        r"(?P<number>\d{1,3}) ?(?:e|re|ère|ème)\s+séance(?:\s+plénière)?(?![\w-])", _I
    ),
    without_vote=re.compile(r"\badoptée? sans vote\b", _I),
    recorded_vote=re.compile(
        r"\bpar (?P<yes>\d+|[a-zé]+) voix contre (?P<no>\d+|[a-zé]+)"
        r"(?:,?\s*avec (?P<abstentions>\d+|[a-zé]+) abstentions?)?",
        _I,
    ),
    vote_labels=(
        ("in_favour", re.compile(r"\bOnt voté pour\s*:", _I)),
        ("against", re.compile(r"\bOnt voté contre\s*:", _I)),
        ("abstaining", re.compile(r"\bSe sont abstenus\s*:|\bS[’']est abstenue?\s*:", _I)),
    ),
    number_words={"zéro": 0, "zero": 0, "aucune": 0, "une": 1, "un": 1, "deux": 2, "trois": 3},
    vote_start=re.compile(r"^\[|^Adoptée?\b", _I),
    # "Annexe", "ANNEXE II", not "annexe." ending a wrapped line; its title
    # may follow on the line ("Annexe Déclaration politique").
    annex=re.compile(r"(?:Annexes?|ANNEXES?)(?:\s+[IVXLC]+|\s+\d+)?\.?(?=\s|$)"),
    preamble_openers=PREAMBLE_OPENERS,
    preamble_shape=PREAMBLE_SHAPE,
    preamble_non_openers=PREAMBLE_NON_OPENERS,
    operative_openers=OPERATIVE_OPENERS,
    # French puts its adverbs after the verb ("Prie également").
    operative_prefixes=frozenset(),
    reflexive_pronouns=frozenset(["se", "s"]),
    list_item_end=re.compile(r"(?:[,;:.—–]|\b(?:et|ou))[’”\"»)]?$"),
    request_opening=re.compile(
        _REQUEST
        + r"(?!que\b|qu[’'])"
        + _actor_phrase(_REQUEST)
        + rf"(?:\s*:|,?\s+(?:de|d{_A})(?=\s*[a-zà-ÿ]))",
        _I,
    ),
    weak_request_opening=re.compile(
        _WEAK_REQUEST + _actor_phrase(_WEAK_REQUEST) + r"(?:\s*:|,?\s+à\s+(?=[a-zà-ÿ]))", _I
    ),
    actors=tuple((re.compile(p), a) for p, a in _ACTORS),  # type: ignore[misc]
    actor_references=tuple(
        (re.compile(p), re.compile(h), a)  # type: ignore[misc]
        for p, h, a in _ACTOR_REFERENCES
    ),
    establishes=re.compile(
        r"\b(?:proroger|prolonger|renouveler|reconduire)(?:\s+[^;:]{0,80}?)?\s+(?:le|les)\s+mandats?\b"
        r"|\b(?:créer|établir|constituer|nommer|désigner|dépêcher|mettre\s+en\s+place)\b",
        _I,
    ),
    not_the_object=re.compile(
        rf"\b(?:de|d{_A}|pour|afin de)\s*(?!être\b)[a-zà-ÿ]+(?:er|ir|oir|dre)\b"
        r"|\b(?:par|avec|parmi|auprès)\b"
        r"|\b(?:personnel|membres?|secrétariat|président\w*|chef) d",
        _I,
    ),
    purpose=re.compile(
        r"\b(?:pour|afin d[e’']|chargée?s? d[e’']|en vue d[e’'])\s*[a-zà-ÿ]+(?:er|ir|re)\b"
    ),
    conjunction=re.compile(r"\bet\b", _I),
    introduces_mandate=re.compile(r"(?:\bà savoir|\bcomme suit|:)\s*$", _I),
    council_own=re.compile(
        r"^(?:sa|son|ses)\b|\b(?:thème|session|ordre du jour|programme de travail)s?\b", _I
    ),
    agenda_inclusion=re.compile(r"\binscrire\b[^;]{0,200}?\bordre du jour\b", _I),
    # A new clause starts at "de"/"d’" before an infinitive, possibly after
    # pronouns ("et de le lui soumettre"); "et de la coopération" is no clause.
    clause_split=re.compile(
        # Every boundary starts at a comma, a semicolon or a space: saying so
        # first lets the regex engine skip other places at once.
        r"(?=[,;\s])(?:"
        r"(?:[,;]\s+(?:et\s+)?|\s+et\s+)(?:également\s+|en outre\s+)?"
        rf"(?=(?:de\s+|d{_A})(?:(?:le|la|les|lui|leur|en|y|l{_A})\s*)*"
        r"[a-zàâçéèêëîïôûùüÿœ]+(?:er|ir|re|oir)\b)"
        # "une mise à jour orale … et un rapport à sa …": see en.py.
        rf"|(?P<deliverable>,?\s+(?:et\s+|ainsi\s+qu(?:e\s+|{_A}\s*)|suivie?\s+d(?:e\s+|{_A}\s*))"
        rf"(?={_DELIVERABLE})"
        # "une mise à jour orale et, à sa soixantième session, un rapport"
        rf"|,?\s+et(?=,\s+(?:à|lors de|avant)\s+[^,;]{{1,80}},\s+{_DELIVERABLE}))"
        r")"
    ),
    kinds=tuple((re.compile(p, _I), k) for p, k in _KINDS),  # type: ignore[misc]
    oral_update=re.compile(_ORAL, _I),
    meeting_noun=re.compile(_MEETING_NOUN, _I),
    meeting_held=re.compile(
        r"\b(?:se tiendra|sera tenue?|se réunira|aura lieu|sera convoquée?|sera organisée?)\b", _I
    ),
    session_ref=re.compile(rf"\b{_ORDS}\s+sessions?\b", _I),
    session_word=re.compile(r"\bsessions?\b", _I),
    session_before=re.compile(r"\b(?:avant|en amont de|préalablement à)\s+(?:la\s+|sa\s+)?$", _I),
    relative_session=(
        (re.compile(r"\bà sa (?:prochaine(?: session)?|session suivante)\b", _I), 1),
        (re.compile(r"\b(?:à|lors de|pour) (?:la|sa) session suivante\b", _I), 0),
    ),
    general_assembly_ref=re.compile(r"\bAssemblée\b"),
    periodicity=(
        (re.compile(r"\bbiennale?s?\b|\btous les deux ans\b", _I), "biennial"),
        (re.compile(r"\btriennale?s?\b|\btous les trois ans\b", _I), "triennial"),
        (re.compile(r"\bquadriennale?s?\b|\btous les quatre ans\b", _I), "quadrennial"),
        (
            re.compile(
                r"\bannuel(?:le)?s?\b(?<!programme de travail annuel)|\bannuellement\b"
                r"|\bchaque année\b|\btous les ans\b",
                _I,
            ),
            "annual",
        ),
    ),
    decides=re.compile(
        r"(?=d)"
        rf"(?:^|(?<=[,;:]\s)|(?<=\bet\s)|{_COUNCIL_SUBJECT})"
        r"décide(?:\s+(?:également|en outre|aussi))?\b",
        _I,
    ),
    # See en.py: "Décide en outre que, dans le cadre de son mandat, le Mécanisme d’experts devra".
    decides_that_actor=re.compile(
        rf"\S+(?:\s+\S+){{0,2}}?\s+qu(?:e\s+|{_A}\s*)(?:[^,;]{{1,80}},\s+)?(?P<actor>[^,;]{{1,120}}?)"
        r"(?:,[^,;]{1,120},)?\s+(?:doit|doivent|devra|devront|devrait|peut|pourra"
        r"|est chargée?|sera chargée?|aura pour|présentera|se réunira|continuera)\b",
        _I,
    ),
    hands_on=re.compile(
        # "de le lui soumettre" hands on the report; "de lui soumettre un
        # rapport" (lui = the Council) asks for a new one.
        r"^(?:de\s+|d[’']\s*)?(?:le|la|les|l[’'])\s*(?:(?:lui|leur)\s+)?"
        r"(?:soumettre|présenter|transmettre)\b"
        r"|^(?:de\s+|d[’']\s*)(?:soumettre|présenter|transmettre)\s+(?:ce|cette|ces|le|la|les)\s+"
        r"(?:rapport|étude|synthèse|compilation)",
        _I,
    ),
    council_ref=re.compile(r"\bConseil\b"),
    second_deliverable=re.compile(r"^(?:un|une)\s", _I),
    trailing_connector=re.compile(r"(?:[\s,;:]+(?:et|également|à cette fin|à cet égard))+$", _I),
    actor_tail=re.compile(
        r",|\s(?:désignée?|nommée?|chargée?)\spar\s"
        r"|\sen (?:coopération|consultation|collaboration|coordination)\b"
    ),
    earlier_meeting=re.compile(
        r"\b(?:réunion|table ronde|débat|séminaire|atelier|forum|dialogue)s?\s+"
        r"(?:susmentionnée?s?|précitée?s?|en question)\b|\bcette\s+(?:réunion|table ronde)\b",
        _I,
    ),
    not_a_report=re.compile(
        r"\b(?:approuver?|approuve|entériner?|prendre note|prend note|accueill\w* avec satisfaction"
        r"|se félicite|salue|rester saisi|reste saisi)\b"
        r"|\b(?:soumettre|présenter|faire)\s+(?:une?\s+)?(?:[\w’'-]+\s+){0,2}?déclarations?\b"
        # See en.py: "après la présentation de son rapport complet".
        r"|\b(?:soumission|présentation|examen) (?:de son|de sa|de ses|du|de la|des)\b",
        _I,
    ),
    addressed_body=(
        (re.compile(rf"\bà l{_A}Assemblée générale\b(?!\s+résolution)", _I), "GA"),
        (re.compile(r"\bau Conseil\b", _I), "HRC"),
    ),
    recurring=re.compile(
        r"\b(?:annuellement|chaque année|tous les ans|une fois par an)\b"
        r"|\bsur une base (?:annuelle|biennale|triennale|quadriennale)\b"
        r"|\btous les (?:deux|trois|quatre|2|3|4) ans\b"
        # "à partir de sa cinquantième session"; not "à partir de la
        # documentation" ("based on"), so the possessive only.
        r"|\b(?:à partir|à compter|à dater) de sa\b|\bdès sa\b",
        _I,
    ),
    mandate_period=re.compile(
        r"\bpour une\s+(?:(?:nouvelle|autre)\s+)?(?:période|durée)\s+"
        r"(?:(?:supplémentaire|renouvelable|additionnelle|initiale|non renouvelable)\s+)?"
        rf"(?:de\s+|d{_A}\s*)(?P<years>un|deux|trois|quatre|cinq|six|\d{{1,2}})\s+ans?\b",
        _I,
    ),
    period_words={"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6},
)

"""The French catalogue: every message translated, its placeholders kept, and compiled."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "fr" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{ ?(\w+) ?\}\}")


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(lines: list[str]) -> str:
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', "\n".join(lines)))
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text)


def entries(path: Path = LOCALE / "django.po") -> list[dict[str, str]]:
    """Each entry of a catalogue (django.po): msgctxt, msgid, msgid_plural, msgstr[n], flags."""
    found = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        entry: dict[str, str] = {"flags": " ".join(line for line in lines if line.startswith("#,"))}
        key = None
        collected: dict[str, list[str]] = {}
        for line in lines:
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (\".*\")$", line)
            if match:
                key = match.group(1)
                collected[key] = [match.group(2)]
            elif line.startswith('"') and key:
                collected[key].append(line)
        entry |= {name: _unquote(value) for name, value in collected.items()}
        if entry.get("msgid"):
            found.append(entry)
    return found


ENTRIES = entries()


def test_the_catalogue_has_messages():
    assert len(ENTRIES) > 100


def _names(text: str) -> set[str]:
    return {name for pair in PLACEHOLDER.findall(text) for name in pair if name}


def test_every_message_is_translated_and_not_fuzzy():
    untranslated = [
        entry["msgid"]
        for entry in ENTRIES
        if "fuzzy" in entry["flags"]
        or not all(value for name, value in entry.items() if name.startswith("msgstr"))
    ]
    assert untranslated == []


def test_every_plural_message_has_each_of_the_catalogues_plural_forms():
    declared = re.search(r"nplurals=(\d+)", (LOCALE / "django.po").read_text(encoding="utf-8"))
    assert declared is not None
    forms = int(declared.group(1))
    short = [
        entry["msgid"]
        for entry in ENTRIES
        if "msgid_plural" in entry
        and sorted(name for name in entry if name.startswith("msgstr["))
        != [f"msgstr[{n}]" for n in range(forms)]
    ]
    assert short == []


def test_every_translation_keeps_the_placeholders_of_its_message():
    broken = []
    for entry in ENTRIES:
        wanted = _names(entry["msgid"]) | _names(entry.get("msgid_plural", ""))
        for name, value in entry.items():
            if name.startswith("msgstr") and not _names(value) <= wanted:
                broken.append((entry["msgid"], name))
    assert broken == []


def test_the_compiled_catalogue_matches_the_source():
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for entry in ENTRIES:
        if "msgid_plural" in entry:
            continue
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if catalogue._catalog.get(msgid) != entry["msgstr"]:
            stale.append(entry["msgid"])
    assert stale == [], "run `make messages`"


def test_every_message_of_the_code_and_templates_is_in_the_catalogue(tmp_path):
    """``makemessages`` run on a copy of the code finds nothing untranslated.

    Catches a string added to the code or a template without ``make messages``
    (the tests above only read the catalogue as it is).
    """
    repo = LOCALE.parents[2]
    copy = tmp_path / "suivi"
    ignored = shutil.ignore_patterns(
        ".*", "var", "tests", "bench", "node_modules", "__pycache__", "*.mo", "static"
    )
    copy.mkdir()
    shutil.copy(repo / "manage.py", copy / "manage.py")
    for name in ("resolutions", "tracker", "templates", "locale"):
        shutil.copytree(repo / name, copy / name, ignore=ignored)
    environment = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/db"}

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr", "--verbosity", "0"],
        cwd=copy,
        env=environment,
        check=True,
    )

    regenerated = copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    missing = [
        entry["msgid"]
        for entry in entries(regenerated)
        if "fuzzy" in entry["flags"]
        or not all(value for name, value in entry.items() if name.startswith("msgstr"))
    ]
    assert missing == [], "run `make messages` and translate these"

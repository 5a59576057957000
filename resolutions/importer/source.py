"""Reading a pasted or uploaded file into text the pipeline can parse."""

from __future__ import annotations

from .problems import refuse

# Control characters other than tab, newline, carriage return and form feed
# (page breaks in pdftotext output) mean the bytes are not a pasted text.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def lines(text: str) -> list[str]:
    """The lines of *text* as the importer numbers them: "line N" is ``lines(text)[N - 1]``.

    Lines end at "\\n" only, each without the "\\r" of a Windows line end.
    Unlike ``str.splitlines``, a form feed (pdftotext's page break), a
    vertical tab, "\\x1c"–"\\x1e", "\\x85" or a Unicode line or paragraph
    separator does not end a line: the importer reads them as spaces.
    Pages that show a pasted text with numbered lines should use this.
    """
    return [line.removesuffix("\r") for line in text.split("\n")]


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), naming the line of the first bad byte.

    Line ends become "\\n", whether the file has Windows ("\\r\\n") or old
    Mac ("\\r") ones: the text is shown and sent back through a form, which
    would change them, and must number its lines the same way each time.
    Raises ``ImporterError``: ``text.empty``, ``text.not_utf8`` or
    ``text.control_characters``, with the line where there is one.
    """
    if not data.strip():
        raise refuse("text.empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8-sig", errors="replace")
        raise refuse("text.not_utf8", len(lines(_with_newlines(before)))) from None
    text = _with_newlines(text)
    for number, line_text in enumerate(lines(text), start=1):
        if any(char in _CONTROL for char in line_text):
            raise refuse("text.control_characters", number)
    return text


def _with_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")

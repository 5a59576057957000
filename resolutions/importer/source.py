"""Reading a pasted or uploaded file into text the pipeline can parse."""

from __future__ import annotations

from resolutions.importer.types import ImporterError

# Control characters other than tab, newline, carriage return and form feed
# (page breaks in pdftotext output) mean the bytes are not a pasted text.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), naming the line of the first bad byte."""
    if not data.strip():
        raise ImporterError("the text is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImporterError(
            "this is not UTF-8 text (a binary file, or another encoding)", line=line
        ) from None
    for number, line_text in enumerate(text.splitlines(), start=1):
        if any(char in _CONTROL for char in line_text):
            raise ImporterError("the text holds control characters (a binary file?)", line=number)
    return text

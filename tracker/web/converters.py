"""Path converters: a URL part that cannot name a row is a 404 before any query.

Without them a NUL byte or other control character in a symbol or a feed key
reached the database, which PostgreSQL refuses with an error (a 500).
"""

from __future__ import annotations


class SymbolConverter:
    """A UN document symbol as printed: ``A/HRC/RES/46/13``, ``A/HRC/RES/S-30/1``.

    Letters, digits and ``/ . - ( )``, starting with a letter; at most 40
    characters (``resolutions.models.Resolution.symbol``).
    """

    regex = r"[A-Za-z][A-Za-z0-9/.()\-]{0,39}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FeedKeyConverter:
    """A calendar feed's key: ``secrets.token_urlsafe`` characters, at most 64."""

    regex = r"[A-Za-z0-9_\-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value

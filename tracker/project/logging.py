"""Logging filters the settings install (``LOGGING``).

A calendar feed's address holds its person's key (``/feeds/<key>/followups.ics``):
whoever reads it reads their feed. Django logs request paths, with
``django.request`` ("Bad Request: /feeds/<key>/followups.ics" for a 4xx or 5xx)
and, under runserver, ``django.server`` (every request line), so log files
would hold working keys. ``HideFeedKeys`` replaces the key in those records.
"""

from __future__ import annotations

import logging
import re

# A feed's key: the path segment after /feeds/, whatever it holds.
FEED_KEY = re.compile(r"/feeds/[^/\s?#\"']+/")
HIDDEN = "/feeds/***/"


def hide_feed_keys(text: str) -> str:
    """``text`` with every feed key replaced by ``***``:
    "/feeds/3xY…/followups.ics" → "/feeds/***/followups.ics"."""
    return FEED_KEY.sub(HIDDEN, text)


class HideFeedKeys(logging.Filter):
    """Replace feed keys in a record's message and in its text arguments (the
    request path, the request line). Keeps every record: it only rewrites."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = hide_feed_keys(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                hide_feed_keys(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.args, dict):
            record.args = {
                name: hide_feed_keys(arg) if isinstance(arg, str) else arg
                for name, arg in record.args.items()
            }
        return True

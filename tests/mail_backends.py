"""E-mail backends for tests: Django's in-memory outbox, made to fail."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """The locmem backend whose mail server refuses every message (nothing reaches
    ``mail.outbox``), as an unreachable SMTP server would."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError("no mail server")

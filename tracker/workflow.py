"""Which status changes are allowed, and who may make them: declared once.

``log_progress`` checks every change here; the follow-up page offers only the
changes this table allows the user on that follow-up (``allowed_moves``): an
editor moves only the follow-ups they answer for (``tracker.permissions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from tracker import permissions
from tracker.models import FollowUp, Status
from tracker.permissions import LOG_PROGRESS, MANAGE_FOLLOWUPS, require_log_progress


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    permission: str


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.NOT_STARTED, Status.IN_PROGRESS, LOG_PROGRESS),
    Transition(Status.NOT_STARTED, Status.DONE, LOG_PROGRESS),
    Transition(Status.IN_PROGRESS, Status.DONE, LOG_PROGRESS),
    Transition(Status.IN_PROGRESS, Status.NOT_STARTED, LOG_PROGRESS),
    # Cancelling and reopening change what the Council is told: managers only.
    Transition(Status.NOT_STARTED, Status.CANCELLED, MANAGE_FOLLOWUPS),
    Transition(Status.IN_PROGRESS, Status.CANCELLED, MANAGE_FOLLOWUPS),
    Transition(Status.DONE, Status.IN_PROGRESS, MANAGE_FOLLOWUPS),
    Transition(Status.CANCELLED, Status.NOT_STARTED, MANAGE_FOLLOWUPS),
)


def allowed_targets(source: str, *, user: Any) -> list[Status]:
    """The statuses ``user`` may move a follow-up to from ``source``."""
    return [t.target for t in TRANSITIONS if t.source == source and user.has_perm(t.permission)]


def allowed_moves(followup: FollowUp, *, user: Any) -> list[Status]:
    """The statuses ``user`` may move ``followup`` to: none unless they may log
    progress on it (``permissions.can_log_progress``)."""
    if not permissions.can_log_progress(user, followup):
        return []
    return allowed_targets(followup.status, user=user)


def check_transition(followup: FollowUp, target: str, *, user: Any) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may log progress on ``followup``
    and, if the status changes, make that change; ``ValidationError`` (on
    ``status``) for a change the workflow does not have."""
    require_log_progress(user, followup)
    source = followup.status
    if source == target:
        return
    transition = next((t for t in TRANSITIONS if t.source == source and t.target == target), None)
    if transition is None:
        raise ValidationError(
            {
                "status": _("A follow-up cannot go from “%(source)s” to “%(target)s”.")
                % {"source": Status(source).label, "target": Status(target).label}
            }
        )
    if not user.has_perm(transition.permission):
        raise PermissionDenied(_("Only managers may make this change of status."))

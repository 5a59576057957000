"""May this person do this to this follow-up? Answered here, and nowhere else.

A role (``tracker.roles``) gives permissions on kinds of things; these rules
add the follow-up itself:

- **read** (``can_read``): every role reads every follow-up;
- **log progress and move the status** between not started, in progress and
  done (``can_log_progress``): an editor on the follow-ups they answer for
  (``answers_for``: they are its focal point, or one of their units leads
  it); a manager on every follow-up;
- **change** it (``can_change``): cancel, reopen, assign, set the due date by
  hand, say what it waits on: managers.

The website checks each action with these before it shows a button or reads
a form (``tracker.web.followups``), the services check them again before they
write (``services.log_progress`` through ``tracker.workflow``,
``services.assign`` for the focal point), and ``updatable`` is the same rule
as a filter, for lists of what a person can act on. Who may be a follow-up's
focal point is here too (``readers``): only someone who can open it.

Inactive and anonymous users may do nothing. Superusers hold every
permission, so every rule lets them through. What each kind of user gets
at every URL is written out in ``tests/tracker/web/test_permission_matrix.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from tracker.models import FollowUp, FollowUpQuerySet, Unit

VIEW_FOLLOWUPS = "tracker.view_followup"
LOG_PROGRESS = "tracker.add_progressentry"
MANAGE_FOLLOWUPS = "tracker.change_followup"
MANAGE_UNITS = "tracker.change_unit"

# ``user`` below: a signed-in user or ``AnonymousUser`` (``request.user``);
# anything with ``pk``, ``is_active`` and ``has_perm``.
Person = Any


def _allowed(user: Person, permission: str) -> bool:
    return bool(user.is_active and user.has_perm(permission))


def can_read(user: Person, followup: FollowUp | None = None) -> bool:
    """Whether ``user`` may open ``followup`` (any follow-up when None): every role may."""
    return _allowed(user, VIEW_FOLLOWUPS)


def answers_for(user: Person, followup: FollowUp) -> bool:
    """Whether ``user`` is ``followup``'s focal point or a member of its lead unit
    (one query when it has a lead unit and they are not its focal point; the
    answer is kept on this ``followup`` object, which a page asks several times
    for its forms, buttons and workflow)."""
    if user.pk is None:
        return False
    if followup.focal_point_id == user.pk:
        return True
    if followup.lead_unit_id is None:
        return False
    known: dict[tuple[int, int], bool] = followup.__dict__.setdefault("_members_known", {})
    key = (followup.lead_unit_id, user.pk)
    if key not in known:
        known[key] = Unit.members.through.objects.filter(
            unit_id=followup.lead_unit_id, user_id=user.pk
        ).exists()
    return known[key]


def can_log_progress(user: Person, followup: FollowUp) -> bool:
    """Whether ``user`` may log progress on ``followup`` and move its status
    between not started, in progress and done: a manager on any follow-up, an
    editor on those they answer for (``answers_for``). Which moves of status
    each role may make is ``tracker.workflow``'s table."""
    if not _allowed(user, LOG_PROGRESS):
        return False
    return user.has_perm(MANAGE_FOLLOWUPS) or answers_for(user, followup)


def can_change(user: Person, followup: FollowUp) -> bool:
    """Whether ``user`` may cancel or reopen ``followup``, assign it, set its due
    date by hand or say what it waits on: managers, on every follow-up."""
    return _allowed(user, MANAGE_FOLLOWUPS)


def can_manage_units(user: Person) -> bool:
    """Whether ``user`` may say who belongs to which unit: administrators."""
    return _allowed(user, MANAGE_UNITS)


def require_log_progress(user: Person, followup: FollowUp) -> None:
    """Raise ``PermissionDenied`` (with a message for the 403 page) unless
    ``can_log_progress``."""
    if not can_log_progress(user, followup):
        if _allowed(user, LOG_PROGRESS):
            raise PermissionDenied(
                _(
                    "You may update only the follow-ups you are focal point of or "
                    "that one of your units leads."
                )
            )
        raise PermissionDenied(_("You may not log progress on follow-ups."))


def require_change(user: Person, followup: FollowUp) -> None:
    """Raise ``PermissionDenied`` (with a message for the 403 page) unless ``can_change``."""
    if not can_change(user, followup):
        raise PermissionDenied(_("Only managers may make this change."))


def updatable_q(user: Person) -> Q:
    """``can_log_progress`` as a filter on follow-ups: all of them for a manager,
    those ``user`` answers for for an editor, none otherwise."""
    if not _allowed(user, LOG_PROGRESS):
        return Q(pk__in=[])
    if user.has_perm(MANAGE_FOLLOWUPS):
        return Q()
    member = Unit.members.through.objects.filter(unit_id=OuterRef("lead_unit_id"), user_id=user.pk)
    return Q(focal_point_id=user.pk) | Q(Exists(member))


def updatable(user: Person, followups: FollowUpQuerySet) -> FollowUpQuerySet:
    """The ``followups`` that ``user`` may log progress on (``updatable_q``)."""
    return followups.filter(updatable_q(user))


def readers() -> QuerySet[Any]:
    """The active users who may read follow-ups (``can_read``): those whose role,
    or own permissions, include reading them, and superusers; by name. These
    are the people who can be a follow-up's focal point, and who are reminded
    of its due dates."""
    app_label, codename = VIEW_FOLLOWUPS.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    user_model = get_user_model()
    by_role = Group.objects.filter(user=OuterRef("pk"), permissions__in=permission)
    by_own = user_model.user_permissions.through.objects.filter(
        user_id=OuterRef("pk"), permission__in=permission
    )
    return user_model.objects.filter(
        Q(is_superuser=True) | Exists(by_role) | Exists(by_own), is_active=True
    ).order_by("last_name", "first_name", "username")


def check_focal_point(person: Any, followup: FollowUp) -> None:
    """Raise ``ValidationError`` on ``focal_point`` unless ``person`` (a user, or
    None for no focal point) may read ``followup``: a focal point who cannot
    open what they answer for would be told of it and unable to act."""
    if person is None:
        return
    if not person.is_active or not readers().filter(pk=person.pk).exists():
        raise ValidationError(
            {
                "focal_point": _(
                    "%(person)s cannot open follow-ups, so cannot be a focal point: "
                    "ask an administrator to give them a role first."
                )
                % {"person": person.get_full_name() or person.get_username()}
            }
        )

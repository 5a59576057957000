"""Suivi's four roles, as groups of permissions.

A role says what kind of thing a person may do; ``tracker.permissions`` says
to which follow-ups (an editor updates only those their units lead or they
are focal point of). Each role includes the one before it:

- **Viewer** reads everything: follow-ups and their log, units, resolutions,
  the session calendar.
- **Editor** also logs progress and moves the status (not started, in
  progress, done) of the follow-ups they answer for.
- **Manager** does everything on follow-ups (any of them: cancel, reopen,
  assign, set due dates by hand, dependencies) and resolutions (imports),
  and keeps the session calendar (sessions and closure days, in the admin).
- **Administrator** also manages users, roles and units: every permission
  of the admin.

Managers and administrators work in the admin too, which Django opens only
to accounts with staff status: ``ensure_roles`` gives it to the members of
those roles (``ADMIN_SITE_ROLES``) and never takes it away.

Migration ``tracker/0010_four_roles`` created these roles from the two
earlier ones ("Follow-up staff" became Editor, "Managers" Manager);
``manage.py ensure_roles`` (run by ``make run`` and on every deployment)
brings a live database in line after a release changes them, and tests use
it after a flush.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

VIEWER = "Viewer"
EDITOR = "Editor"
MANAGER = "Manager"
ADMINISTRATOR = "Administrator"


@dataclass(frozen=True)
class Role:
    """One role: its group's ``name`` (stored, in English), its ``label`` in the
    reader's language, and its ``permissions`` as ``"app_label.codename"``, or
    ``"app_label.*"`` for every permission of an app."""

    name: str
    label: str | Promise
    permissions: tuple[str, ...]


# What every role reads: the domain's models, not people's own settings
# (feed keys, reminder choices and saved views stay their owner's).
_READ = (
    "tracker.view_followup",
    "tracker.view_progressentry",
    "tracker.view_unit",
    "resolutions.view_session",
    "resolutions.view_closureday",
    "resolutions.view_resolution",
    "resolutions.view_resolutiontext",
    "resolutions.view_paragraph",
    "resolutions.view_paragraphtext",
    "resolutions.view_mandate",
    "resolutions.view_vote",
    "resolutions.view_voteposition",
    "resolutions.view_state",
)
_EDIT = (*_READ, "tracker.add_progressentry")
_MANAGE = (
    *_EDIT,
    # Follow-ups: any of them, every change (a follow-up is cancelled, not deleted).
    "tracker.add_followup",
    "tracker.change_followup",
    # Imports: a new resolution, or a replace.
    "resolutions.add_resolution",
    "resolutions.change_resolution",
    # The session calendar.
    "resolutions.add_session",
    "resolutions.change_session",
    "resolutions.add_closureday",
    "resolutions.change_closureday",
    "resolutions.delete_closureday",
)
# Everything the admin shows: people and roles (auth), the admin's own log,
# the task queue, and every model of Suivi.
_ADMINISTER = (
    "admin.*",
    "auth.*",
    "django_tasks_database.*",
    "resolutions.*",
    "tracker.*",
)

ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role(VIEWER, _("viewer"), _READ),
        Role(EDITOR, _("editor"), _EDIT),
        Role(MANAGER, _("manager"), _MANAGE),
        Role(ADMINISTRATOR, _("administrator"), _ADMINISTER),
    )
}
# The roles whose members work in the admin (Django's "staff status").
ADMIN_SITE_ROLES = (MANAGER, ADMINISTRATOR)


def permissions_q(permissions: Iterable[str]) -> Q:
    """A filter on ``Permission`` matching ``permissions`` (see ``Role``); matches
    nothing when empty. Raises ``ValueError`` for an entry without an app label."""
    result = Q(pk__in=[])
    for entry in permissions:
        app_label, dot, codename = entry.partition(".")
        if not dot or not app_label or not codename:
            raise ValueError(f"not an app_label.codename permission: {entry!r}")
        if codename == "*":
            result |= Q(content_type__app_label=app_label)
        else:
            result |= Q(content_type__app_label=app_label, codename=codename)
    return result


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the roles, give each exactly the permissions listed above, and give
    staff status to the members of ``ADMIN_SITE_ROLES``. Returns the groups by
    name. Running it again changes nothing."""
    groups = {}
    for name, role in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(permissions_q(role.permissions)))
        groups[name] = group
    get_user_model().objects.filter(groups__name__in=ADMIN_SITE_ROLES, is_staff=False).update(
        is_staff=True
    )
    return groups


def role_labels(names: Iterable[str]) -> list[str]:
    """The labels of the roles among group ``names``, in the order of ``ROLES``
    (other groups are left out)."""
    held = set(names)
    return [str(role.label) for name, role in ROLES.items() if name in held]

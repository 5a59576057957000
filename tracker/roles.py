"""Suivi's roles, as groups of permissions.

Migration ``tracker/0002_roles`` creates them on a new database;
``manage.py ensure_roles`` (run by ``make run``) brings a live one in line
after a release changes them, and tests use it after a flush.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

STAFF = "Follow-up staff"
MANAGERS = "Managers"

_STAFF_PERMISSIONS = [
    "view_followup",
    "add_progressentry",
    "view_progressentry",
    "view_resolution",
    "view_paragraph",
    "view_session",
]
ROLES: dict[str, list[str]] = {
    STAFF: _STAFF_PERMISSIONS,
    MANAGERS: [
        *_STAFF_PERMISSIONS,
        "change_followup",
        "change_session",
        "add_resolution",
        "change_resolution",
    ],
}


def ensure_roles() -> dict[str, Group]:
    """Create the roles, and give each exactly the permissions listed above."""
    groups = {}
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                codename__in=codenames, content_type__app_label__in=["tracker", "resolutions"]
            )
        )
        groups[name] = group
    return groups

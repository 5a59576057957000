"""Four roles instead of two: Viewer, Editor, Manager, Administrator.

"Follow-up staff" become Editors (they log progress, now on the follow-ups
they answer for), "Managers" become Managers (with staff status, since the
session calendar they keep is in the admin). The roles are written out here
as they were when this migration was made; ``manage.py ensure_roles`` brings
them in line with ``tracker/roles.py`` after later changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OLD_STAFF, OLD_MANAGERS = "Follow-up staff", "Managers"
VIEWER, EDITOR, MANAGER, ADMINISTRATOR = "Viewer", "Editor", "Manager", "Administrator"

READ = [
    ("tracker", "view_followup"),
    ("tracker", "view_progressentry"),
    ("tracker", "view_unit"),
    ("resolutions", "view_session"),
    ("resolutions", "view_closureday"),
    ("resolutions", "view_resolution"),
    ("resolutions", "view_resolutiontext"),
    ("resolutions", "view_paragraph"),
    ("resolutions", "view_paragraphtext"),
    ("resolutions", "view_mandate"),
    ("resolutions", "view_vote"),
    ("resolutions", "view_voteposition"),
    ("resolutions", "view_state"),
]
EDIT = [*READ, ("tracker", "add_progressentry")]
MANAGE = [
    *EDIT,
    ("tracker", "add_followup"),
    ("tracker", "change_followup"),
    ("resolutions", "add_resolution"),
    ("resolutions", "change_resolution"),
    ("resolutions", "add_session"),
    ("resolutions", "change_session"),
    ("resolutions", "add_closureday"),
    ("resolutions", "change_closureday"),
    ("resolutions", "delete_closureday"),
]
ADMINISTER_APPS = ["admin", "auth", "django_tasks_database", "resolutions", "tracker"]

# Old role → new role, and back.
MOVES = {OLD_STAFF: EDITOR, OLD_MANAGERS: MANAGER}
OLD_ROLES = {
    OLD_STAFF: [
        ("tracker", "view_followup"),
        ("tracker", "add_progressentry"),
        ("tracker", "view_progressentry"),
        ("resolutions", "view_resolution"),
        ("resolutions", "view_paragraph"),
        ("resolutions", "view_session"),
    ],
}
OLD_ROLES[OLD_MANAGERS] = [
    *OLD_ROLES[OLD_STAFF],
    ("tracker", "change_followup"),
    ("resolutions", "change_session"),
    ("resolutions", "add_resolution"),
    ("resolutions", "change_resolution"),
]


def _permissions(Permission, pairs):
    wanted = set(pairs)
    return [
        p
        for p in Permission.objects.filter(
            content_type__app_label__in={app for app, _codename in wanted}
        ).select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]


def _create_permissions(apps):
    # Permissions are normally created after migrate; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _move_members(Group, source, target):
    old = Group.objects.filter(name=source).first()
    if old is not None:
        target.user_set.add(*old.user_set.all())
        old.delete()


def four_roles(apps, schema_editor):
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("auth", "User")
    groups = {}
    for name, pairs in ((VIEWER, READ), (EDITOR, EDIT), (MANAGER, MANAGE)):
        groups[name], _created = Group.objects.get_or_create(name=name)
        groups[name].permissions.set(_permissions(Permission, pairs))
    groups[ADMINISTRATOR], _created = Group.objects.get_or_create(name=ADMINISTRATOR)
    groups[ADMINISTRATOR].permissions.set(
        Permission.objects.filter(content_type__app_label__in=ADMINISTER_APPS)
    )
    for old, new in MOVES.items():
        _move_members(Group, old, groups[new])
    User.objects.filter(groups__name__in=[MANAGER, ADMINISTRATOR], is_staff=False).update(
        is_staff=True
    )


def two_roles(apps, schema_editor):
    """Back to the two roles: editors to staff, managers and administrators to
    managers; viewers lose their role (there was no read-only role). Staff
    status is left as it is."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    olds = {}
    for name, pairs in OLD_ROLES.items():
        olds[name], _created = Group.objects.get_or_create(name=name)
        olds[name].permissions.set(_permissions(Permission, pairs))
    _move_members(Group, EDITOR, olds[OLD_STAFF])
    _move_members(Group, MANAGER, olds[OLD_MANAGERS])
    _move_members(Group, ADMINISTRATOR, olds[OLD_MANAGERS])
    Group.objects.filter(name=VIEWER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0009_unit_history"),
        ("resolutions", "0010_document_kind"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("django_tasks_database", "0001_initial"),
    ]
    operations = [migrations.RunPython(four_roles, two_roles)]

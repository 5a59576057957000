"""Two roles: staff log progress; managers also cancel, reopen and set due dates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The two roles as they were then (0010_four_roles replaced them).
_STAFF_PERMISSIONS = [
    "view_followup",
    "add_progressentry",
    "view_progressentry",
    "view_resolution",
    "view_paragraph",
    "view_session",
]
ROLES = {
    "Follow-up staff": _STAFF_PERMISSIONS,
    "Managers": [
        *_STAFF_PERMISSIONS,
        "change_followup",
        "change_session",
        "add_resolution",
        "change_resolution",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrate; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                codename__in=codenames, content_type__app_label__in=["tracker", "resolutions"]
            )
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0001_initial"),
        ("resolutions", "0002_council_sessions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]

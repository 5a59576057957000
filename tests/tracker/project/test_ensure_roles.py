from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tracker.roles import MANAGERS, ROLES, STAFF


def test_it_restores_what_each_role_may_do(db):
    staff = Group.objects.get(name=STAFF)
    staff.permissions.add(Permission.objects.get(codename="delete_followup"))
    Group.objects.filter(name=MANAGERS).delete()

    call_command("ensure_roles", stdout=StringIO())

    for name, codenames in ROLES.items():
        granted = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert granted == set(codenames)

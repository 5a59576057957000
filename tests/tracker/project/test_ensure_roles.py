from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tests.factories import UserFactory
from tracker.roles import (
    ADMINISTRATOR,
    EDITOR,
    MANAGER,
    ROLES,
    VIEWER,
    ensure_roles,
    permissions_q,
)


def granted(name: str) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_it_restores_what_each_role_may_do(db):
    editors = Group.objects.get(name=EDITOR)
    editors.permissions.add(Permission.objects.get(codename="delete_followup"))
    Group.objects.filter(name=MANAGER).delete()

    call_command("ensure_roles", stdout=StringIO())

    for name, role in ROLES.items():
        expected = Permission.objects.filter(permissions_q(role.permissions))
        assert granted(name) == {f"{p.content_type.app_label}.{p.codename}" for p in expected}


def test_each_role_includes_the_one_before_it(db):
    ensure_roles()

    assert granted(VIEWER) < granted(EDITOR) < granted(MANAGER) < granted(ADMINISTRATOR)


def test_a_viewer_reads_and_changes_nothing(db):
    ensure_roles()

    assert all(codename.split(".")[1].startswith("view_") for codename in granted(VIEWER))


def test_only_administrators_manage_people_roles_and_units(db):
    ensure_roles()

    people = {"auth.change_user", "auth.add_user", "auth.change_group", "tracker.change_unit"}
    assert people <= granted(ADMINISTRATOR)
    assert not people & granted(MANAGER)


def test_managers_and_administrators_get_staff_status_to_reach_the_admin(db):
    groups = ensure_roles()
    marc, ada, amina = (UserFactory(username=name) for name in ("marc", "ada", "amina"))
    marc.groups.add(groups[MANAGER])
    ada.groups.add(groups[ADMINISTRATOR])
    amina.groups.add(groups[EDITOR])

    call_command("ensure_roles", stdout=StringIO())

    staff = {u.username for u in type(marc).objects.filter(is_staff=True)}
    assert staff == {"marc", "ada"}


def test_running_it_again_changes_nothing(db):
    ensure_roles()
    before = {name: granted(name) for name in ROLES}

    ensure_roles()

    assert {name: granted(name) for name in ROLES} == before

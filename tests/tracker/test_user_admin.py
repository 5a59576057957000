"""The user admin: a role that works in the admin comes with staff status."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from tracker.roles import ADMINISTRATOR, EDITOR, MANAGER, ensure_roles


def _change(admin_client, user, *, groups):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "groups": [group.pk for group in groups],
        "date_joined_0": "2026-11-30",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-11-30",
        "initial-date_joined_1": "10:00:00",
    }
    return admin_client.post(reverse("admin:auth_user_change", args=[user.pk]), data)


@pytest.mark.parametrize(
    ("role", "staff"), [(MANAGER, True), (ADMINISTRATOR, True), (EDITOR, False)]
)
def test_giving_a_role_in_the_admin_gives_staff_status_where_the_role_works_there(
    admin_client, db, role, staff
):
    ensure_roles()
    person = User.objects.create_user("nadia", password="a long enough password")

    response = _change(admin_client, person, groups=[Group.objects.get(name=role)])

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff is staff

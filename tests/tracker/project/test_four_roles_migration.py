"""Migration tracker/0010_four_roles: the two roles people held become two of the four."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0009_unit_history")]
AFTER = [("tracker", "0010_four_roles")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before(transactional_db):
    """The database as it was with two roles; migrated forward again afterwards."""
    apps = migrate(BEFORE)
    yield apps
    migrate(latest())


def test_staff_become_editors_and_managers_become_managers_with_staff_status(before):
    User = before.get_model("auth", "User")
    Group = before.get_model("auth", "Group")
    amina = User.objects.create(username="amina")
    marc = User.objects.create(username="marc")
    amina.groups.add(Group.objects.get(name="Follow-up staff"))
    marc.groups.add(Group.objects.get(name="Managers"))

    apps = migrate(AFTER)

    User = apps.get_model("auth", "User")
    held = {u.username: sorted(g.name for g in u.groups.all()) for u in User.objects.all()}
    assert held == {"amina": ["Editor"], "marc": ["Manager"]}
    assert {u.username for u in User.objects.filter(is_staff=True)} == {"marc"}
    names = set(apps.get_model("auth", "Group").objects.values_list("name", flat=True))
    assert names == {"Viewer", "Editor", "Manager", "Administrator"}


def test_going_back_gives_editors_and_managers_their_old_roles(before):
    apps = migrate(AFTER)
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    User.objects.create(username="amina").groups.add(Group.objects.get(name="Editor"))
    User.objects.create(username="ada").groups.add(Group.objects.get(name="Administrator"))
    User.objects.create(username="vera").groups.add(Group.objects.get(name="Viewer"))

    apps = migrate(BEFORE)

    User = apps.get_model("auth", "User")
    held = {u.username: sorted(g.name for g in u.groups.all()) for u in User.objects.all()}
    assert held == {"amina": ["Follow-up staff"], "ada": ["Managers"], "vera": []}

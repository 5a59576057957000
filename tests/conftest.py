"""Shared fixtures: named users with their roles, and a stable clock setting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.cache import caches
from hypothesis import settings as hypothesis_settings

from resolutions.calendar import load_council_sessions
from resolutions.models import Session
from tests.corpus import require_corpus
from tests.factories import UserFactory
from tracker.dashboards import recent_shared
from tracker.roles import ADMINISTRATOR, EDITOR, MANAGER, VIEWER, ensure_roles

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by browser tests around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# No test depends on speed: Hypothesis's per-example deadline (200 ms by
# default) would fail a property test on a busy machine.
hypothesis_settings.register_profile("suivi", deadline=None)
hypothesis_settings.load_profile("suivi")


@pytest.fixture(autouse=True)
def _settings_for_tests(settings):
    settings.SUIVI_REPORT_WEEKS_BEFORE_SESSION = 6
    settings.SUIVI_DUE_SOON_DAYS = 30
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the dashboard's shared parts are
    kept by a fingerprint of the rows (``tracker.dashboards``: their objects
    in the process, their HTML in Django's cache), and a test's rows, rolled
    back, may be followed by another's with the same fingerprint; so are the
    list's menus and the pages kept for their reader (``tracker.web.kept``)."""
    for kept in caches.all():
        kept.clear()
    recent_shared.clear()
    yield
    for kept in caches.all():
        kept.clear()
    recent_shared.clear()


@pytest.fixture
def council_calendar(db):
    """The published sessions, as migrations load them (again, after a flush)."""
    load_council_sessions(Session)


@pytest.fixture
def viewer(db):
    """Reads everything, changes nothing (the Viewer role)."""
    user = UserFactory(username="vera")
    user.groups.add(ensure_roles()[VIEWER])
    return user


@pytest.fixture
def staff_member(db):
    """An editor (the Editor role): logs progress and moves the status of the
    follow-ups they answer for only, e.g. ``FollowUpFactory(focal_point=staff_member)``
    or one led by a unit they belong to."""
    user = UserFactory(username="amina")
    user.groups.add(ensure_roles()[EDITOR])
    return user


@pytest.fixture
def manager(db):
    """Everything on follow-ups and resolutions, and the session calendar in the
    admin (the Manager role, with staff status)."""
    user = UserFactory(username="marc", is_staff=True)
    user.groups.add(ensure_roles()[MANAGER])
    return user


@pytest.fixture
def administrator(db):
    """Users, roles, units and everything in the admin (the Administrator role,
    not a superuser: what the role gives is what is tested)."""
    user = UserFactory(username="ada", is_staff=True)
    user.groups.add(ensure_roles()[ADMINISTRATOR])
    return user


@pytest.fixture
def outsider(db):
    """Signed in, but with no role."""
    return UserFactory(username="olga")


@pytest.fixture
def corpus_dir() -> Path:
    """The real texts' folder (skips where absent, fails on CI: ``tests.corpus``)."""
    return require_corpus().parent

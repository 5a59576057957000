"""What has changed since a page was last read: the fingerprints that key Suivi's caches.

Each read is one query of index lookups, whatever the number of rows:

- ``fingerprint``: the data every reader sees (sessions, documents,
  follow-ups, units, roles and permissions). The dashboard's shared parts
  and the follow-up list's menus and table are cached under it.
- ``both``: that and what belongs to one person (their saved views, their
  calendar-feed key), for the pages kept for them (``tracker.web.kept``).

Every write through ``tracker.services`` and ``resolutions.services`` (the
admin's included) saves through the ORM, and django-simple-history adds a
record for each save and delete: the highest history record, with the
highest key for rows inserted in bulk without history, moves on every write.
Two writes committing in the opposite order to their keys can leave the
highest number unchanged for the second, and some changes move nothing here
(a person renamed or deactivated, a row written behind the services' back):
whatever is kept under a fingerprint is kept ``KEPT_SECONDS`` at most, so
such a change shows within that time on what is read from the database, and
within three times that on a page kept from parts that were kept themselves
(a kept list written from a kept table and kept menus; a kept dashboard
written from kept shared parts and their kept HTML).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Model

from resolutions.models import Resolution, Session
from tracker.models import FeedToken, FollowUp, SavedView, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# How long anything kept under a fingerprint is served, in seconds.
KEPT_SECONDS = 60


def _history(model: type[Model]) -> type[Model]:
    """``model``'s history records (django-simple-history's model for it), read
    from the app registry: ``model.history`` builds a manager class on every
    access."""
    return apps.get_model(model._meta.app_label, f"Historical{model.__name__}")


def _sql(model: type[Model], function: str, field: str = "pk") -> str:
    """A scalar subquery: ``function`` (an SQL aggregate) of ``model``'s column
    for ``field`` (its primary key by default), or of its rows for "*"."""
    quote = connection.ops.quote_name
    if field == "*":
        column = "*"
    elif field == "pk":
        column = quote(str(model._meta.pk.column))
    else:
        column = quote(str(model._meta.get_field(field).column))  # type: ignore[union-attr]
    return f"(SELECT {function}({column}) FROM {quote(model._meta.db_table)})"


@functools.cache
def _fingerprint_parts() -> list[str]:
    """``fingerprint``'s columns, written once per process: plain scalar subqueries
    that both databases answer from the end of an index (``MAX`` of a key)
    or from a table of a hundred rows (the sessions)."""
    user = get_user_model()
    parts = [
        _sql(Session, "COUNT", "*"),
        _sql(Session, "MAX"),
        _sql(Session, "SUM", "version"),
        _sql(FollowUp, "MAX"),
        _sql(_history(FollowUp), "MAX"),
        _sql(Resolution, "MAX"),
        _sql(_history(Resolution), "MAX"),
        _sql(_history(Unit), "MAX"),
    ]
    # Who may read follow-ups, be a focal point, update them: roles and permissions.
    for through in (
        user.groups.through,
        user.user_permissions.through,
        Group.permissions.through,
    ):
        parts += [_sql(through, "COUNT", "*"), _sql(through, "MAX")]
    return parts


def _fingerprint_sql() -> str:
    """``fingerprint``'s SQL: one row of ``_fingerprint_parts``."""
    return "SELECT " + ", ".join(_fingerprint_parts())


def fingerprint() -> tuple[Any, ...]:
    """A tuple that changes whenever anything every reader sees is written, in one query.

    The sessions' number, highest key and sum of versions (a hundred rows a
    Council decade: their dates are the due dates' and the timeline's ground);
    the highest key and history record of follow-ups and of documents (a
    status changed, a follow-up created or deleted, a document corrected);
    the units' highest history record (a unit renamed, a member added or
    removed: ``tracker.services`` records each); the number and highest key
    of role memberships and of permissions given to people and to roles (who
    may read, be a focal point, update). Written as SQL once
    (``_fingerprint_sql``): it runs on every request of the pages it keys,
    and building it with the ORM each time cost more than running it.
    """
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone() or ())


@functools.cache
def _reader_sql() -> str:
    """The reader's rows of ``both``, written once per process: the key, name and
    query of each saved view, and the calendar-feed key."""
    quote = connection.ops.quote_name

    def column(model: type[Model], field: str) -> str:
        return quote(str(model._meta.get_field(field).column))  # type: ignore[union-attr]

    return (
        f"SELECT {column(SavedView, 'id')}, {column(SavedView, 'name')},"
        f" {column(SavedView, 'query')} FROM {quote(SavedView._meta.db_table)}"
        f" WHERE {column(SavedView, 'owner')} = %s"
        f" UNION ALL SELECT {column(FeedToken, 'id')}, {column(FeedToken, 'key')},"
        f" {column(FeedToken, 'key')} FROM {quote(FeedToken._meta.db_table)}"
        f" WHERE {column(FeedToken, 'user')} = %s"
        " ORDER BY 1, 2"
    )


@functools.cache
def _both_sql() -> str:
    """``both``'s SQL, written once per process: the data's fingerprint as one row,
    joined to the reader's rows (none: one row of NULLs)."""
    columns = ", ".join(f"{part} AS f{index}" for index, part in enumerate(_fingerprint_parts()))
    return (
        f"SELECT shared.*, own.* FROM (SELECT {columns}) AS shared"
        f" LEFT JOIN ({_reader_sql().removesuffix(' ORDER BY 1, 2')}) AS own ON 1 = 1"
    )


def both(user: AbstractBaseUser | AnonymousUser) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """``fingerprint()`` and what of ``user``'s own a page shows beside the shared
    data (their saved views: key, name and query of each; their calendar-feed
    key), in one query: it runs on every request of a kept page
    (``tracker.web.kept``). Empty for the second when no one is signed in."""
    if user.pk is None:
        return fingerprint(), ()
    with connection.cursor() as cursor:
        cursor.execute(_both_sql(), [user.pk, user.pk])
        rows = cursor.fetchall()
    width = len(_fingerprint_parts())
    own = sorted(tuple(row[width:]) for row in rows if row[width] is not None)
    return tuple(rows[0][:width]), tuple(own)

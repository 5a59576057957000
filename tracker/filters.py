"""The one FilterSet behind the follow-up list, the exports, the dashboard's links and feeds.

Its parameters are a contract shared with every page that links to the list
(the dashboard's counts among them): ``status`` (repeatable), ``state``,
``target_session`` / ``lead_unit`` / ``focal_point`` (a primary key, or
``"null"`` for none), ``actor``, ``resolution`` (a document's symbol or
number as typed, "A/HRC/RES/46/13" or "46/13"; digits alone are its primary
key), ``kind``, ``q``,
``due_after`` / ``due_before`` (ISO dates), ``blocked``, ``updatable``
(``yes``: only what the person reading may update) and ``o`` (ordering).

Invalid values never widen the list: a bound filter set with any error
filters to no rows at all (``FollowUpFilter.filter_queryset``), so a page
shows its errors, not everything.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Exists, F, OrderBy, OuterRef, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from resolutions.models import (
    Actor,
    MandateKind,
    ParagraphText,
    Resolution,
    ResolutionText,
    Session,
)
from tracker import freshness, permissions
from tracker.dates import IsoDateInput, validate_plausible_year
from tracker.models import (
    OPEN_STATUSES,
    FollowUp,
    FollowUpQuerySet,
    ProgressEntry,
    State,
    Status,
    Unit,
)
from tracker.widgets import PlainSelect

# The empty choice of every select: "any" reads better than "---------".
ANY = _("any")
# The choice for "no session / no unit / no focal point" is sent as ``…=null``.
NULL = "null"

BLOCKED_CHOICES = [("true", _("yes: waits on an open follow-up")), ("false", _("no"))]
UPDATABLE_CHOICES = [("yes", _("only those I may update"))]

# ``o`` parameter → the columns it sorts by, in order; ``-param`` reverses all of them.
# Rows with no value come last in either direction, and the primary key breaks ties
# so that pages never overlap.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "resolution": ("resolution__adopted_on", "resolution__symbol"),
    "kind": ("kind",),
    "actor": ("actor",),
    "lead_unit": ("lead_unit__name",),
    "focal_point": ("focal_point__last_name", "focal_point__first_name", "focal_point__username"),
    "status": ("status",),
    "due_date": ("due_date",),
}
ORDERING_LABELS = {
    "title": _("Follow-up"),
    "resolution": _("Resolution"),
    "kind": _("Kind"),
    "actor": _("Actor"),
    "lead_unit": _("Lead unit"),
    "focal_point": _("Focal point"),
    "status": _("Status"),
    "due_date": _("Due date"),
}


def focal_point_choices() -> QuerySet[Any]:
    """Those who can be a follow-up's focal point: the people who can open it
    (``tracker.permissions.readers``)."""
    return permissions.readers()


class PersonChoiceField(ModelChoiceField):
    """A user shown by full name, or by username when no name is stored."""

    def label_from_instance(self, obj: AbstractBaseUser) -> str:
        full_name: str = getattr(obj, "get_full_name", lambda: "")()
        return full_name or obj.get_username()


class PersonChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


def typed_symbol(value: Any) -> str:
    """``value`` as ``ResolutionSymbolField`` reads it: without spaces (symbols and
    numbers have none: "A/HRC/RES/46 /13" is A/HRC/RES/46/13)."""
    return "".join(str(value or "").split())


# Digits alone are a primary key: ASCII digits, as many as a key can have.
_PRIMARY_KEY = re.compile(r"[0-9]{1,18}")


def is_key(text: str) -> bool:
    """Whether ``text`` is a primary key as a URL writes it: ASCII digits, at most 18."""
    return _PRIMARY_KEY.fullmatch(text) is not None


def resolutions_named(texts: Iterable[str]) -> dict[str, list[int]]:
    """The documents each of ``texts`` names (see ``ResolutionSymbolField``), in one
    query: typed text (``typed_symbol``, case-folded) → primary keys, empty
    for a text that names none. No query when ``texts`` holds nothing."""
    wanted = {typed_symbol(text) for text in texts} - {""}
    if not wanted:
        return {}
    condition = Q(pk__in=[int(text) for text in wanted if is_key(text)])
    for text in wanted:
        if not is_key(text):
            condition |= Q(symbol__iexact=text) | Q(number__iexact=text)
    found: dict[str, list[int]] = {text.casefold(): [] for text in wanted}
    rows = Resolution.objects.filter(condition).values_list("pk", "symbol", "number")
    for pk, symbol, number in rows:
        for text in wanted:
            if (is_key(text) and int(text) == pk) or text.casefold() in {
                symbol.casefold(),
                number.casefold(),
            }:
                found[text.casefold()].append(pk)
    return found


class ResolutionSymbolField(forms.CharField):
    """A document typed by its symbol rather than chosen from a list of thousands.

    Cleans to the primary keys of the documents it names (a list, empty when
    the field is), in one query: a symbol as printed ("A/HRC/RES/46/13"), or
    a number ("46/13", which a resolution and a President's statement may
    share: both are meant), any case, spaces ignored; ASCII digits alone are a
    primary key, as the dashboard's links and earlier saved views write it. Raises
    ``ValidationError`` naming the value when no document matches.
    """

    def named(self, text: str) -> list[int]:
        """The primary keys of the documents ``text`` names (``resolutions_named``)."""
        return resolutions_named([text]).get(text.casefold(), [])

    def clean(self, value: Any) -> list[int]:
        text = typed_symbol(super().clean(value))
        if not text:
            return []
        found = self.named(text)
        if not found:
            raise forms.ValidationError(
                _("No document has the symbol or number “%(value)s”."),
                code="unknown_symbol",
                params={"value": text},
            )
        return found


class ResolutionSymbolFilter(django_filters.Filter):
    """The follow-ups of the documents a typed symbol names (``ResolutionSymbolField``)."""

    field_class = ResolutionSymbolField

    def filter(self, qs: QuerySet[FollowUp], value: list[int]) -> QuerySet[FollowUp]:
        return qs.filter(resolution__in=value) if value else qs


class FollowUpOrdering(django_filters.OrderingFilter):
    """Sorts by one of ``ORDERINGS`` (``-`` first for descending), empty values last."""

    def filter(self, qs: QuerySet[FollowUp], value: list[str] | None) -> QuerySet[FollowUp]:
        if not value:
            return qs
        ordering: list[OrderBy] = []
        for param in value:
            descending = param.startswith("-")
            for field in ORDERINGS[param.removeprefix("-")]:
                expression = F(field)
                ordering.append(
                    expression.desc(nulls_last=True)
                    if descending
                    else expression.asc(nulls_last=True)
                )
        return qs.order_by(*ordering, "pk")


# The list's menus of rows (name of the field): their choices are kept under the
# data's fingerprint (``kept_choices``).
KEPT_MENUS = ("target_session", "lead_unit", "focal_point")


def kept_choices(
    field: forms.ModelChoiceField[Any], *, name: str, fingerprint: tuple[Any, ...]
) -> list[tuple[Any, str]]:
    """``field``'s choices (value, label), as its iterator writes them: the
    empty and "none" choices, then one per row, labels in the active
    language. Read once and kept in Django's cache under the data's
    ``fingerprint`` (``tracker.freshness``: a session, unit or role added,
    changed or removed reads them again) for ``freshness.KEPT_SECONDS`` at
    most (a person renamed shows within that time). No query when kept, one
    otherwise."""
    key = (
        "suivi:menu:"
        + hashlib.sha256(repr((name, get_language(), fingerprint)).encode()).hexdigest()
    )
    choices: list[tuple[Any, str]] | None = cache.get(key)
    if choices is None:
        rows: Iterable[tuple[Any, Any]] = field.iterator(field)
        choices = [(str(value), str(label)) for value, label in rows]
        cache.set(key, choices, freshness.KEPT_SECONDS)
    return choices


class FollowUpFilterForm(forms.Form):
    """The list's filter form: a date range that ends before it starts is an
    error. Its menus of sessions, units and people offer ``kept_choices``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.menus: dict[str, list[tuple[Any, str]]] = {}
        for name in KEPT_MENUS:
            # The menu only: the field still checks a value against its queryset.
            # A callable, read when the menu is written: a form made only to read
            # parameters (saved views, downloads) queries nothing for it.
            self.fields[name].widget.choices = functools.partial(self.menu, name)

    def menu(self, name: str) -> list[tuple[Any, str]]:
        """The choices of the menu ``name`` (``kept_choices``), read once per form."""
        if name not in self.menus:
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            self.menus[name] = kept_choices(field, name=name, fingerprint=self.fingerprint)
        return self.menus[name]

    @functools.cached_property
    def fingerprint(self) -> tuple[Any, ...]:
        """The data's fingerprint (``tracker.freshness``), read once per form."""
        return freshness.fingerprint()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        after, before = data.get("due_after"), data.get("due_before")
        if after and before and after > before:
            self.add_error(
                "due_before", _("This date is before “Due on or after”: no date can be in between.")
            )
        return data


class FollowUpFilter(django_filters.FilterSet):
    """Follow-ups filtered by the list's parameters (see the module docstring).

    ``.qs`` holds the rows (none at all when a value is invalid), ``.form``
    the filter form with its errors.
    """

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # A column of the follow-up itself: no join, so no DISTINCT (django-filter's
    # default for several values), which cost the filtered list a sort of every row.
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    state = django_filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Due state"),
        choices=State.choices,
        method="filter_state",
        empty_label=ANY,
    )
    target_session = django_filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Target session"),
        queryset=Session.objects.order_by("-start_date"),
        empty_label=ANY,
        null_label=_("no target session"),
        null_value=NULL,
    )
    lead_unit = django_filters.ModelChoiceFilter(
        widget=PlainSelect,
        label=_("Lead unit"),
        queryset=Unit.objects.all(),
        empty_label=ANY,
        null_label=_("no lead unit"),
        null_value=NULL,
    )
    focal_point = PersonChoiceFilter(
        widget=PlainSelect,
        label=_("Focal point"),
        queryset=focal_point_choices(),
        empty_label=ANY,
        null_label=_("no focal point"),
        null_value=NULL,
    )
    actor = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Actor"), choices=Actor.choices, empty_label=ANY
    )
    resolution = ResolutionSymbolFilter(
        label=_("Resolution"),
        help_text=_("Its symbol or number, e.g. A/HRC/RES/46/13 or 46/13."),
    )
    kind = django_filters.ChoiceFilter(
        widget=PlainSelect, label=_("Kind"), choices=MandateKind.choices, empty_label=ANY
    )
    due_after = django_filters.DateFilter(
        label=_("Due on or after"),
        field_name="due_date",
        lookup_expr="gte",
        widget=IsoDateInput,
        validators=[validate_plausible_year],
    )
    due_before = django_filters.DateFilter(
        label=_("Due on or before"),
        field_name="due_date",
        lookup_expr="lte",
        widget=IsoDateInput,
        validators=[validate_plausible_year],
    )
    blocked = django_filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Blocked"),
        choices=BLOCKED_CHOICES,
        method="filter_blocked",
        empty_label=ANY,
    )
    updatable = django_filters.ChoiceFilter(
        widget=PlainSelect,
        label=_("Yours to update"),
        choices=UPDATABLE_CHOICES,
        method="filter_updatable",
        empty_label=ANY,
    )
    o = FollowUpOrdering(
        widget=PlainSelect,
        label=_("Sort by"),
        fields=[(param, param) for param in ORDERINGS],
        field_labels=ORDERING_LABELS,
        empty_label=ANY,
    )

    class Meta:
        model = FollowUp
        fields: list[str] = []
        form = FollowUpFilterForm

    # Filters whose rows depend on who reads the list, not only on its parameters.
    PERSONAL = frozenset({"updatable"})

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        """``user``: the person reading the list (the ``updatable`` filter's);
        None for a list no one in particular reads (the export command)."""
        super().__init__(*args, **kwargs)
        self.user = user if user is not None else AnonymousUser()

    def filter_queryset(self, queryset: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
        """No rows at all when any value is invalid: an error never lists everything."""
        if self.form.errors:
            return queryset.none()
        result: QuerySet[FollowUp] = super().filter_queryset(queryset)
        return result

    @property
    def searches(self) -> bool:
        """Whether ``.qs`` is filtered by a search: ``q`` holds a word and every
        value is valid."""
        if not self.is_bound or not self.is_valid():
            return False
        return bool(str(self.form.cleaned_data.get("q") or "").split())

    def filter_search(
        self, queryset: QuerySet[FollowUp], name: str, value: str
    ) -> QuerySet[FollowUp]:
        """Every word somewhere in the follow-up, in either language of its resolution.

        Looks in the title, the clause, the progress notes, the lead unit (name
        and abbreviation), the output document, the resolution's symbol and
        title (every stored language) and the text of the follow-up's
        paragraphs (every stored language), case-insensitively
        (``search_matches``, once per word). A follow-up is listed once however
        many of its notes match.
        """
        for word in value.split():
            queryset = queryset.filter(pk__in=search_matches(word))
        return queryset

    def filter_state(self, queryset: FollowUpQuerySet, name: str, value: str) -> FollowUpQuerySet:
        return queryset.in_state(value)

    def filter_updatable(
        self, queryset: FollowUpQuerySet, name: str, value: str
    ) -> FollowUpQuerySet:
        """Only the follow-ups the reader may log progress on
        (``permissions.updatable``): reading stays open to every role, this
        hides what they cannot act on. None without a reader."""
        return permissions.updatable(self.user, queryset)

    def filter_blocked(
        self, queryset: QuerySet[FollowUp], name: str, value: str
    ) -> QuerySet[FollowUp]:
        """``true``: waits on a follow-up still open (not done, not cancelled); ``false``: not."""
        waiting = blocking_exists()
        return queryset.filter(waiting if value == "true" else ~waiting)


def blocking_exists() -> Exists:
    """Whether the follow-up (the outer row) waits on one still open: for filters and
    annotations alike."""
    through = FollowUp.waits_on.through
    return Exists(
        through.objects.filter(from_followup=OuterRef("pk"), to_followup__status__in=OPEN_STATUSES)
    )


def search_matches(word: str) -> QuerySet[Any]:
    """The ids of the follow-ups with ``word`` in a text the list's search reads
    (see ``FollowUpFilter.filter_search``): one column of ids, an id repeated
    when several texts hold the word. Matched as ``icontains`` matches: a
    substring, case-insensitive.

    One ``SELECT`` per text, joined by ``UNION ALL``, for ``pk__in``: PostgreSQL
    answers each ``SELECT`` once from the trigram index on its column
    (``resolutions.search_indexes``) and keeps the follow-ups by a semi-join,
    where an ``OR`` of per-follow-up tests read and upper-cased every text. A
    word of one or two characters has no trigram: its ``SELECT``s read every
    row, as they do on SQLite.
    """
    followups = FollowUp.objects.order_by()
    through = FollowUp.paragraphs.through.objects.order_by()
    own = Q(title__icontains=word) | Q(output_document__icontains=word)
    units = Unit.objects.filter(Q(name__icontains=word) | Q(abbreviation__icontains=word))
    resolutions = Resolution.objects.filter(Q(symbol__icontains=word) | Q(title__icontains=word))
    other_titles = ResolutionText.objects.filter(title__icontains=word)
    other_paragraphs = ParagraphText.objects.filter(text__icontains=word)
    first, *rest = [
        followups.filter(own).values("pk"),
        followups.filter(mandate__text__icontains=word).values("pk"),
        followups.filter(lead_unit__in=units.values("pk")).values("pk"),
        followups.filter(resolution__in=resolutions.values("pk")).values("pk"),
        followups.filter(resolution__in=other_titles.values("resolution")).values("pk"),
        ProgressEntry.objects.order_by().filter(text__icontains=word).values("followup"),
        through.filter(paragraph__text__icontains=word).values("followup"),
        through.filter(paragraph__in=other_paragraphs.values("paragraph")).values("followup"),
    ]
    return first.union(*rest, all=True)

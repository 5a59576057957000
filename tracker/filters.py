"""The one FilterSet behind the follow-up list, the exports and later feeds."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from resolutions.models import Actor, MandateKind, Resolution
from tracker.models import FollowUp, FollowUpQuerySet, State, Status, Unit


class FollowUpFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    resolution = django_filters.ModelChoiceFilter(
        label=_("Resolution"), queryset=Resolution.objects.only("id", "symbol")
    )
    session = django_filters.NumberFilter(
        label=_("Target session (number)"), field_name="target_session__number", min_value=1
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MandateKind.choices)
    actor = django_filters.ChoiceFilter(label=_("Actor"), choices=Actor.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    state = django_filters.ChoiceFilter(
        label=_("Due state"), choices=State.choices, method="filter_state"
    )
    lead_unit = django_filters.ModelChoiceFilter(label=_("Lead unit"), queryset=Unit.objects.all())
    due_after = django_filters.DateFilter(
        label=_("Due on or after"),
        field_name="due_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = django_filters.DateFilter(
        label=_("Due on or before"),
        field_name="due_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = FollowUp
        fields: list[str] = []

    def filter_search(
        self, queryset: QuerySet[FollowUp], name: str, value: str
    ) -> QuerySet[FollowUp]:
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(resolution__symbol__icontains=word)
                | Q(resolution__title__icontains=word)
                | Q(output_document__icontains=word)
            )
        return queryset

    def filter_state(self, queryset: FollowUpQuerySet, name: str, value: str) -> FollowUpQuerySet:
        return queryset.in_state(value)

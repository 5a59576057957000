"""What every admin page of a model with a history shares: safe history pages,
plausible dates, and, for a model with a ``version``, saves and reverts that
never overwrite a change made meanwhile.

``HistoryAdmin`` (every model with django-simple-history's records):

- its history pages answer 404 for an id that is not one (``…/history/abc/``);
- the page of one past version is a *revert* page, and django-simple-history's
  own saves the admin's form there with only the *view* permission checked,
  past the services: here it is refused (403) to everyone, unless the admin
  is a ``VersionedAdmin``, which offers a revert to those who may change the
  record, through a service; the history list links no version then;
- every date typed into its forms falls in ``FIRST_YEAR``–``LAST_YEAR``
  (``resolutions.dates``), and a list asked for an impossible date (a date
  hierarchy at year 9999, a filter on "abc") gets the admin's own "invalid
  lookup" page rather than an error.

``VersionedAdmin`` (follow-ups, sessions, resolutions: models with a
``version`` that every write raises by one):

- its form carries the version it was shown at (``expected_version``, a
  hidden field) and checks it under a row lock; the service the admin saves
  through compares it again in its ``UPDATE … WHERE version = %s``. Of two
  saves from one version exactly one wins; the other sees the form again,
  nothing written, with a message naming who saved meanwhile and which fields
  they changed, and with what was typed kept: their changes to the fields the
  person left alone are brought in, and the form is bound to the version now
  stored, so that saving again overwrites only what was typed;
- a revert goes through the model's service (``revert``): a new version
  (the number only ever grows), recorded with the reason "Reverted to
  version N", compared against the version the revert page was shown at (so
  that reverting an unchanged record never reports a conflict);
- a deletion (one at a time: the list's bulk delete is not offered, since a
  list carries no versions) goes through the service (``delete``) with the
  version the confirmation page was shown at.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR, ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from resolutions.dates import validate_plausible_year
from resolutions.services import ConcurrentEdit


def record_id(value: str) -> int:
    """``value`` from an admin URL as a database id; ``Http404`` unless it is one."""
    value = unquote(value)
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


class _GuardedChangeList(ChangeList):
    """A list whose filters and date hierarchy refuse impossible dates the way
    Django refuses other bad lookups (the list, with "invalid lookup"), instead
    of failing on a year 0 or 10000, or one too large for a C long."""

    def get_filters(self, request: HttpRequest) -> Any:
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise admin.options.IncorrectLookupParameters(error) from error


class _ShownValues(HistoricalRecordContextHelper):
    """A history list's changes as people read them: a choice by its label in the
    reader's language ("Done", not "done"), a date as the pages write it, and
    an empty value as a dash (not "None", nor "Deleted unit (pk=None)")."""

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        field = self.model._meta.get_field(change.field)
        # A foreign key left empty comes as a stand-in whose pk is None.
        if value is None or value == "" or getattr(value, "pk", 0) is None:
            return "—"
        choices = getattr(field, "flatchoices", None)
        if choices and not isinstance(field, models.ForeignKey):
            return capfirst(dict(choices).get(value, value))
        if isinstance(value, datetime.datetime):
            return date_format(localtime(value), "SHORT_DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return date_format(value, "SHORT_DATE_FORMAT")
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin of a model with a history: see the module's docstring."""

    object_history_list_template = "admin/suivi/history_list.html"

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return _ShownValues(self.model, historical_record)

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return _GuardedChangeList

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field: forms.Field | None = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (
            isinstance(db_field, models.DateField)
            and field is not None
            and validate_plausible_year not in field.validators
        ):
            field.validators.append(validate_plausible_year)
        return field

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        record_id(object_id)
        context = {"versioned": hasattr(self.model, "version"), **(extra_context or {})}
        response: HttpResponse = super().history_view(request, object_id, context)
        return response

    def get_history_queryset(
        self, request: HttpRequest, history_manager: Any, pk_name: str, object_id: Any
    ) -> Any:
        """The object's records with their users and the rows their foreign keys
        name, joined (django-simple-history's own asks ``select_related()``
        for every relation when a model has no foreign key, which Django 6.1
        deprecates)."""
        related = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *related
        )

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        """No revert here; ``VersionedAdmin`` offers one to those who may change."""
        return True

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The revert page of django-simple-history, refused: 404 for a bad id, else 403."""
        self._record_or_404(request, object_id, version_id)
        raise PermissionDenied

    def _record_or_404(self, request: HttpRequest, object_id: str, version_id: str) -> Any:
        """The history record ``version_id`` of the object ``object_id``, which must
        exist and be visible to ``request``'s user; ``Http404`` otherwise."""
        pk, history_id = record_id(object_id), record_id(version_id)
        if self.get_object(request, str(pk)) is None:
            raise Http404
        history = self.model.history  # django-simple-history's manager
        record = history.filter(history_id=history_id, **{self.opts.pk.attname: pk}).first()
        if record is None:
            raise Http404
        return record


# ------------------------------------------------------------------ conflicts


@dataclass(frozen=True)
class Conflict:
    """What happened to a record since a form was shown at ``opened_version``.

    ``stored_version`` is None when the record was deleted meanwhile. ``fields``
    are the names of the fields whose values changed since, ``people`` who
    saved it since (names; "someone" stands for a save nobody signed), and
    ``opened`` the history record of the version the form was shown at (None
    when the history does not have it: then nothing can be brought in), and
    ``reasons`` the change reasons recorded since (what the history keeps in
    no field, such as a follow-up's paragraphs).
    """

    opened_version: int
    stored_version: int | None
    fields: tuple[str, ...]
    people: tuple[str, ...]
    opened: Any = None
    reasons: tuple[str, ...] = ()


# Fields every save changes, which say nothing about what someone changed.
_BOOKKEEPING = {"version", "updated_at", "imported_at", "created_at"}


def find_conflict(
    model: type[models.Model], pk: int, opened_version: int, *, lock: bool
) -> Conflict | None:
    """None when ``model``'s row ``pk`` is still at ``opened_version``, else what
    changed since (``Conflict``). With ``lock``, the row stays locked until the
    transaction ends (``SELECT … FOR UPDATE``), so the answer holds until the
    save. Three queries at most: the version, then the records since."""
    rows = model._default_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    stored: int | None = rows.values_list("version", flat=True).first()
    if stored == opened_version:
        return None
    history = model.history  # type: ignore[attr-defined]
    records = list(
        history.filter(**{model._meta.pk.attname: pk}, version__gte=opened_version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    at_opening = [r for r in records if r.version == opened_version]
    opened = at_opening[-1] if at_opening else None
    since = records[records.index(opened) + 1 :] if opened is not None else records
    fields: tuple[str, ...] = ()
    if opened is not None and since:
        delta = since[-1].diff_against(opened)
        fields = tuple(name for name in delta.changed_fields if name not in _BOOKKEEPING)
    people = tuple(dict.fromkeys(_person(record.history_user) for record in since))
    reasons = tuple(record.history_change_reason or "" for record in since)
    return Conflict(opened_version, stored, fields, people, opened, reasons)


def _person(user: Any) -> str:
    if user is None:
        return _("someone")
    return str(user.get_full_name() or user.get_username())


def conflict_message(
    conflict: Conflict,
    model: type[models.Model],
    *,
    both: Iterable[str] = (),
    then: str | Promise = "",
) -> str:
    """The message a stale form is shown with: who saved, which fields changed,
    that nothing was saved; ``both``: the fields both changed; ``then``: what
    to do next (``KEPT``, ``REOPEN``, ``REVERT_AGAIN``)."""

    def labels(names: Iterable[str]) -> str:
        return ", ".join(str(_label(model, name)) for name in names)

    if conflict.stored_version is None:
        return _("This was deleted by someone else while you were editing it; nothing was saved.")
    parts = [
        _(
            "This was changed by someone else while you were editing it: by %(people)s, "
            "from version %(opened)s to version %(stored)s. Nothing was saved."
        )
        % {
            "people": ", ".join(conflict.people) or _("someone"),
            "opened": conflict.opened_version,
            "stored": conflict.stored_version,
        }
    ]
    if conflict.fields:
        parts.append(_("They changed: %(fields)s.") % {"fields": labels(conflict.fields)})
    both = list(both)
    if both:
        parts.append(
            _("You both changed: %(fields)s; what you typed is shown, check it.")
            % {"fields": labels(both)}
        )
    if then:
        parts.append(str(then))
    return " ".join(parts)


# What to do after a conflict, by what the page shows then.
KEPT = gettext_lazy(
    "What you typed is kept below, with their changes to the other fields: "
    "check it, then save again."
)
REOPEN = gettext_lazy("What you typed is kept below: open the page again to see their change.")
REVERT_AGAIN = gettext_lazy(
    "Revert again to give it this version's values over their change, or close this page."
)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return capfirst(str(getattr(model._meta.get_field(name), "verbose_name", name)))
    except Exception:  # not a model field (a form's own field)
        return capfirst(name.replace("_", " "))


class VersionedForm(forms.ModelForm[Any]):
    """An admin form that carries the version it was shown at and refuses to
    save over a change made since (see the module's docstring).

    ``clean`` locks the row (the admin's views run in a transaction) and
    compares its version; on a conflict the form is invalid and its data
    rebased (``rebase``). The service the admin saves through compares the
    version once more in its ``UPDATE``: that comparison is the one that
    decides, this one only lets the loser see the form again.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version
        # Required to change a record; a new one has no version to compare.
        self.fields["expected_version"].required = self.instance.pk is not None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        expected = data.get("expected_version")
        if self.instance.pk is not None and expected is not None:
            conflict = find_conflict(type(self.instance), self.instance.pk, expected, lock=True)
            if conflict is not None:
                raise ValidationError(self.rebase(conflict), code="concurrent_edit")
        return data

    def changed_since(self, conflict: Conflict) -> set[str]:
        """Fields of this form changed since ``conflict.opened``, beyond those its
        history record shows (a subclass adds what the history does not keep)."""
        return set(conflict.fields)

    def rebase(self, conflict: Conflict) -> str:
        """Keep what was typed over what others saved since: the fields typed
        unchanged take the stored values, and the form is bound to the stored
        version, so that saving again overwrites only what was typed. Without
        the opened version's record (or with the record deleted), the form
        stays bound to its version. Returns the conflict's message."""
        model = type(self.instance)
        theirs = self.changed_since(conflict) & set(self.fields)
        if conflict.opened is None or conflict.stored_version is None:
            return conflict_message(conflict, model, then=REOPEN)
        names = [
            name
            for name, field in self.fields.items()
            if name != "expected_version" and not field.disabled
        ]
        stored = model._default_manager.get(pk=self.instance.pk)
        opened = conflict.opened.instance
        concrete = {f.name for f in model._meta.concrete_fields}
        opened_values = model_to_dict(opened, fields=[n for n in names if n in concrete])
        stored_values = model_to_dict(stored, fields=names)
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        both = []
        for name in names:
            field = self.fields[name]
            typed = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if name not in opened_values:  # not in the history (a many-to-many list)
                if name in theirs:
                    both.append(name)  # cannot tell who changed it: keep what was typed
                continue
            if not field.has_changed(opened_values[name], typed):
                if name in theirs or opened_values[name] != stored_values.get(name):
                    _set_data(data, self, name, stored_values.get(name))
            elif name in theirs:
                both.append(name)
        data[self.add_prefix("expected_version")] = str(conflict.stored_version)
        self.data = data
        return conflict_message(conflict, model, both=both, then=KEPT)


def _set_data(data: QueryDict, form: forms.BaseForm, name: str, value: Any) -> None:
    """Put ``value`` into ``data`` as ``form``'s field ``name`` reads it back."""
    field = form.fields[name]
    key = form.add_prefix(name)
    prepared = field.prepare_value(value)
    if isinstance(field.widget, forms.CheckboxInput):
        if prepared:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif isinstance(prepared, list | tuple):
        data.setlist(key, [str(item) for item in prepared])
    elif prepared is None:
        data[key] = ""
    elif isinstance(prepared, datetime.date):
        data[key] = prepared.isoformat()
    else:
        data[key] = str(prepared)


class RevertForm(forms.ModelForm[Any]):
    """The revert page's form: only the version the page was shown at."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class VersionedAdmin(HistoryAdmin):
    """The admin of a model with a ``version``: see the module's docstring.

    A subclass names ``revert_fields`` (what a revert gives back, shown on the
    revert page), ``revert_note`` (what a revert leaves as it is), and
    implements ``revert`` and ``delete`` through its services.
    """

    revert_fields: ClassVar[tuple[str, ...]] = ()
    revert_note: ClassVar[Any] = ""
    delete_confirmation_template = "admin/suivi/delete_confirmation.html"

    def revert(self, request: HttpRequest, obj: Any, record: Any, expected_version: int) -> None:
        """Give ``obj`` back ``record``'s values through the service (a new version).
        Raises ``ConcurrentEdit`` or ``ValidationError``; then nothing is saved."""
        raise PermissionDenied

    def delete(self, request: HttpRequest, obj: Any, expected_version: int) -> None:
        """Delete ``obj`` through the service if it is still at ``expected_version``."""
        raise PermissionDenied

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self.has_change_permission(request, obj)

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> dict[str, Any]:
        # A list carries no versions: deleting from it could delete a change
        # made since the list was shown. One at a time, from the delete page.
        actions: dict[str, Any] = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        posted = request.POST.get("expected_version", "")
        if not posted.isascii() or not posted.isdigit():
            raise ConcurrentEdit(
                _("The page did not say which version it showed; nothing was deleted.")
            )
        self.delete(request, obj, int(posted))

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            response: HttpResponse = super().delete_view(request, object_id, extra_context)
        except ConcurrentEdit as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.get_full_path())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(request.get_full_path())
        return response

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The change form; a service that refuses past the form's own checks
        (a save that won between the form's check and the service's, on a
        database without row locks; another request storing the same session
        number) shows the form again with what was typed, never an error page."""
        try:
            response: HttpResponse = super().changeform_view(
                request, object_id, form_url, extra_context
            )
        except (ConcurrentEdit, ValidationError) as error:
            # The transaction was rolled back. Once more: the form's check now
            # sees the version stored by the winner and says so, with what was typed.
            request._suivi_refused = error  # type: ignore[attr-defined]
            try:
                response = super().changeform_view(request, object_id, form_url, extra_context)
            except (ConcurrentEdit, ValidationError) as again:
                for message in getattr(again, "messages", [str(again)]):
                    messages.error(request, message)
                return HttpResponseRedirect(request.get_full_path())
        return response

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        form: type[forms.ModelForm[Any]] = super().get_form(request, obj, change, **kwargs)
        refused = getattr(request, "_suivi_refused", None)
        if isinstance(refused, ValidationError):
            # What a service refused (a second pass of changeform_view): shown on the form.
            def clean(self: forms.ModelForm[Any]) -> dict[str, Any]:
                form.clean(self)
                raise ValidationError(refused.messages)

            return type(form.__name__, (form,), {"clean": clean})
        return form

    # ------------------------------------------------------------ revert page

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The page of one past version, and its revert (POST).

        404 for a bad id; 403 unless the user may change the record (GET and
        POST alike). The page shows the version's ``revert_fields`` to read
        and carries the version now stored; a POST reverts through ``revert``
        and goes to the record's page, or shows the page again with what went
        wrong (a change saved meanwhile: named, and the page bound to it).
        """
        record = self._record_or_404(request, object_id, version_id)
        obj = self.get_object(request, str(record_id(object_id)))
        if self.revert_disabled(request, obj):
            raise PermissionDenied
        form_class = forms.modelform_factory(self.model, form=RevertForm, fields=[])
        if request.method == "POST":
            form = form_class(request.POST, instance=record.instance)
            if form.is_valid():
                try:
                    with transaction.atomic():
                        self.revert(request, obj, record, form.cleaned_data["expected_version"])
                except ConcurrentEdit:
                    conflict = find_conflict(
                        self.model, obj.pk, form.cleaned_data["expected_version"], lock=False
                    )
                    form = form_class(
                        _with_version(request.POST, conflict), instance=record.instance
                    )
                    form.is_valid()
                    if conflict is not None:
                        form.add_error(
                            None, conflict_message(conflict, self.model, then=REVERT_AGAIN)
                        )
                except ValidationError as error:
                    form.add_error(
                        None,
                        _("Version %(version)s cannot be given back: %(problems)s")
                        % {"version": record.version, "problems": self._problems(error)},
                    )
                else:
                    return self._reverted(request, obj, record)
        else:
            form = form_class(instance=record.instance, initial={"expected_version": obj.version})
        return self._render_revert_page(request, obj, record, form, extra_context)

    def _problems(self, error: ValidationError) -> str:
        """What a service refused, each problem with the label of its field."""
        if not hasattr(error, "error_dict"):
            return " ".join(error.messages)
        return " ".join(
            f"{_label(self.model, name)}: {' '.join(ValidationError(errors).messages)}"
            if name != "__all__"
            else " ".join(ValidationError(errors).messages)
            for name, errors in error.error_dict.items()
        )

    def _reverted(self, request: HttpRequest, obj: Any, record: Any) -> HttpResponse:
        obj.refresh_from_db()
        message = _("Reverted to version %(version)s: now version %(current)s.") % {
            "version": record.version,
            "current": obj.version,
        }
        self.log_change(request, obj, message)
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )

    def _render_revert_page(
        self,
        request: HttpRequest,
        obj: Any,
        record: Any,
        form: forms.ModelForm[Any],
        extra_context: dict[str, Any] | None,
    ) -> HttpResponse:
        shown = [*self.revert_fields, "version"]
        admin_form = helpers.AdminForm(
            form,
            [(None, {"fields": [*shown, "expected_version"]})],
            {},
            shown,
            model_admin=self,
        )
        opts = self.opts
        info = opts.app_label, opts.model_name
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revert %(record)s to version %(version)s")
            % {"record": obj, "version": record.version},
            "adminform": admin_form,
            "object_id": obj.pk,
            "original": obj,
            "record": record,
            "record_by": _person(record.history_user) if record.history_user_id else "",
            "record_date": date_format(localtime(record.history_date), "DATETIME_FORMAT"),
            "revert_note": self.revert_note,
            "is_popup": IS_POPUP_VAR in request.GET,
            "media": self.media + admin_form.media,
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "opts": opts,
            "changelist_url": reverse("admin:{}_{}_changelist".format(*info)),
            "change_url": reverse("admin:{}_{}_change".format(*info), args=[obj.pk]),
            "history_url": reverse("admin:{}_{}_history".format(*info), args=[obj.pk]),
            "change_history": False,
            "revert_disabled": False,
            "add": False,
            "change": True,
            "has_add_permission": False,
            "has_view_permission": True,
            "has_change_permission": True,
            "has_delete_permission": False,
            "has_file_field": False,
            "has_absolute_url": False,
            "form_url": "",
            "save_as": False,
            "save_on_top": False,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/suivi/revert_form.html", context)


def _with_version(data: QueryDict, conflict: Conflict | None) -> QueryDict:
    """``data`` bound to the version now stored (a revert page shown again after a conflict)."""
    data = data.copy()
    if conflict is not None and conflict.stored_version is not None:
        data["expected_version"] = str(conflict.stored_version)
    return data


def user_of(request: HttpRequest) -> User | None:
    """The signed-in user of an admin request (the history's author)."""
    user = request.user
    return user if isinstance(user, User) else None

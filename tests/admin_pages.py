"""Reading the admin's pages as a browser would, for tests that post them back."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse


def change_url(obj: Any) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def history_url(obj: Any) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def revert_url(obj: Any, record: Any) -> str:
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )


def delete_url(obj: Any) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])


def form_data(response: Any) -> dict[str, Any]:
    """What the change (or revert) page in ``response`` sends back when saved as
    shown: every field of its form and of its inlines' forms, as typed in."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data: dict[str, Any] = {}
    for form in forms:
        for name in form.fields:
            bound = form[name]
            value = bound.value()
            if value is True:
                data[bound.html_name] = "on"
            elif value is False:
                continue
            elif value is None:
                data[bound.html_name] = ""
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(getattr(item, "pk", item)) for item in value]
            elif isinstance(value, datetime.date):
                data[bound.html_name] = value.isoformat()
            else:
                data[bound.html_name] = str(value)
    return data


def errors_of(response: Any) -> str:
    """The errors the admin's form in ``response`` shows, as text."""
    return str(response.context["adminform"].form.errors.as_text())

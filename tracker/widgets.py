"""Form widgets that stay fast however many choices they offer."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString


def _escape(value: Any) -> str:
    """``value`` as HTML text, as ``django.utils.html.conditional_escape`` writes it
    (the standard library's ``html.escape``, quotes included), without its
    lazy-string wrapper: a menu of sessions or people writes hundreds."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


class PlainSelect(forms.Select):
    """A ``<select>`` written in Python instead of one template per option.

    The markup is Django's own ``Select`` (the same attributes, ``selected``,
    ``<optgroup>``), built from the same context (``get_context``): a list's
    filter offering hundreds of people or sessions renders in about a
    millisecond instead of a template include per option.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [
            format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                f'<option value="{_escape(option["value"])}"'
                f"{flatatt(option['attrs']) if option['attrs'] else ''}>"
                f"{_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return SafeString("".join(parts))

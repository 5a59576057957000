"""``tracker.widgets.PlainSelect`` writes what Django's ``Select`` writes (as HTML)."""

from __future__ import annotations

from django import forms
from django.test.html import parse_html

from tracker.widgets import PlainSelect

CHOICES = [("", "any"), ("a", "Amina <Diallo>"), ("b", "Jean & Co"), (3, "Trois")]
GROUPED = [("People", [("a", "Amina"), ("b", "Jean")]), ("c", "Other")]


def test_options_are_written_as_djangos_select_writes_them():
    attrs = {"id": "id_focal", "aria-describedby": "id_focal_helptext", "required": True}

    plain = PlainSelect(choices=CHOICES).render("focal", "b", attrs)
    django = forms.Select(choices=CHOICES).render("focal", "b", attrs)

    assert parse_html(plain) == parse_html(django)


def test_groups_are_written_as_djangos_select_writes_them():
    plain = PlainSelect(choices=GROUPED).render("who", "c", {})
    django = forms.Select(choices=GROUPED).render("who", "c", {})

    assert parse_html(plain) == parse_html(django)


def test_labels_and_values_are_escaped():
    html = PlainSelect(choices=[('"><script>', "<b>bold</b>")]).render("x", None, {})

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html

"""Forms render through Django's form machinery in Suivi's markup (``SuiviFormRenderer``)."""

import re

from django.urls import reverse
from django.utils import translation

from tracker.web.forms import DueDateForm


def rendered(form):
    return re.sub(r"\s+", " ", str(form))


def test_a_field_shows_its_label_help_text_and_optional_mark():
    page = rendered(DueDateForm())

    assert '<label for="id_due-due_date">Due date <span class="optional">(optional)</span>' in page
    assert '<p class="help" id="id_due-due_date_helptext">Leave empty' in page
    assert 'aria-describedby="id_due-due_date_helptext"' in page
    assert 'name="due-version"' in page
    assert "has-error" not in page


def test_an_error_is_next_to_its_field_and_describes_the_input():
    form = DueDateForm({"due-due_date": "2030-01-15", "due-reason": "", "due-version": "1"})
    assert not form.is_valid()

    page = rendered(form)

    assert '<div class="field has-error">' in page
    reason_input = re.search(r'<input type="text" name="due-reason"[^>]*>', page)
    assert reason_input is not None
    assert 'aria-describedby="id_due-reason_helptext id_due-reason_error"' in reason_input.group()
    assert 'aria-invalid="true"' in reason_input.group()
    assert re.search(
        r'<div class="errors" role="alert"><ul class="errorlist" id="id_due-reason_error">'
        r"<li>Say why the due date is set by hand.</li>",
        page,
    )


def test_errors_of_the_whole_form_come_first_as_a_summary():
    form = DueDateForm({"due-due_date": "", "due-reason": "", "due-version": "1"})
    assert form.is_valid()
    form.add_error(None, "Changed by someone else.")

    page = rendered(form)

    assert page.index('class="errors error-summary" role="alert"') < page.index("<label")
    assert "Changed by someone else." in page


def test_a_hidden_field_that_is_missing_is_reported_in_the_summary():
    form = DueDateForm({"due-due_date": "", "due-reason": ""})
    assert not form.is_valid()

    page = rendered(form)

    assert "error-summary" in page
    assert "(Hidden field version) This field is required." in page


def test_the_optional_mark_is_translated():
    with translation.override("fr"):
        page = rendered(DueDateForm())
    assert '<span class="optional">(facultatif)</span>' in page


def test_the_filters_carry_no_optional_marks(client, staff_member):
    client.force_login(staff_member)

    page = client.get(reverse("web:followup_list")).content.decode()

    start = page.index('<form method="get" class="filters"')
    filters = page[start : page.index("</form>", start)]
    assert '<label for="id_q">Search</label>' in filters
    assert "(optional)" not in filters


def test_the_sign_in_form_is_rendered_by_the_same_templates(client, db):
    page = rendered(client.get(reverse("login")).content.decode())

    assert '<div class="field"> <label for="id_username">Username</label>' in page
    assert "(optional)" not in page

"""How the website renders forms: Django's form machinery with Suivi's own templates."""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class SuiviFormRenderer(TemplatesSetting):
    """``{{ form }}`` and ``{{ field.as_field_group }}`` in Suivi's markup.

    A field shows its label (with "(optional)" on optional fields), the
    widget, its help text and its errors; the widget is described by both
    (``aria-describedby``, which Django sets from the ``_helptext`` and
    ``_error`` ids). A form shows its non-field errors first, as a summary.
    Templates are looked up through ``settings.TEMPLATES``, so the project's
    templates/ comes first and ``django.forms`` supplies the widgets.
    """

    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"

"""Forms of the web import: the text to read, then the proposed follow-ups to keep."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from resolutions.importer import ImporterError, ParsedResolution
from resolutions.importer.source import decode
from resolutions.models import Actor, Body, MandateKind
from resolutions.problems import describe_with_line
from resolutions.selectors import read_resolution_text
from tracker.models import Unit
from tracker.services import Proposal

# A long resolution is about 100 KB; anything far beyond is not one resolution.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000


class ImportTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the resolution"),
        required=False,
        strip=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_("Paste it from the PDF or the web page, in English or in French."),
    )
    file = forms.FileField(
        label=_("Or a text file"),
        required=False,
        help_text=_("A .txt file in UTF-8."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect from the text")), ("en", _("English")), ("fr", _("French"))],
    )
    replace = forms.BooleanField(
        label=_("Replace the stored text if this resolution is already in Suivi"),
        required=False,
        help_text=_("Follow-ups and their progress are kept, linked by paragraph number."),
    )

    parsed: ParsedResolution
    source: str

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        text = data.get("text") or ""
        if upload is not None and text.strip():
            raise ValidationError(_("Paste a text or choose a file, not both."))
        field = "file" if upload is not None else "text"
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            self.add_error(field, _("The file is larger than 2 MB."))
            return data
        if upload is None and not text.strip():
            self.add_error("text", _("Paste the text of a resolution, or choose a file."))
            return data
        try:
            if upload is not None:
                text = decode(upload.read())
            self.parsed = read_resolution_text(text=text, language=data.get("language") or None)
        except ImporterError as error:
            # In the user's language, with the line, which the page also shows in context.
            self.add_error(field, describe_with_line(error))
            self.error_line = error.line
            return data
        self.source = text
        return data


class ProposalForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    mandate_order = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=MandateKind.choices)
    actor = forms.ChoiceField(label=_("Actor"), choices=Actor.choices)
    session_body = forms.ChoiceField(label=_("Of"), choices=Body.choices, initial=Body.HRC)
    session_number = forms.IntegerField(
        label=_("Target session"), required=False, min_value=1, max_value=300
    )
    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), required=False, queryset=Unit.objects.all()
    )

    def proposal(self) -> Proposal:
        data = self.cleaned_data
        return Proposal(
            mandate_order=data["mandate_order"],
            title=data["title"],
            kind=data["kind"],
            actor=data["actor"],
            session_number=data["session_number"],
            lead_unit=data["lead_unit"],
            session_body=data["session_body"],
        )


class BaseProposalFormSet(forms.BaseFormSet[ProposalForm]):
    """One form per mandate read from the text, each naming its mandate once."""

    def __init__(self, *args: Any, mandate_count: int, **kwargs: Any) -> None:
        self.mandate_count = mandate_count
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        if any(self.errors):
            return
        orders = [form.cleaned_data["mandate_order"] for form in self.forms]
        if sorted(orders) != list(range(self.mandate_count)):
            raise ValidationError(
                _("The proposed follow-ups no longer match the text; review it again.")
            )

    def kept(self) -> list[Proposal]:
        return [form.proposal() for form in self.forms if form.cleaned_data.get("keep")]


ProposalFormSet = cast(
    type[BaseProposalFormSet],
    forms.formset_factory(
        ProposalForm, formset=BaseProposalFormSet, extra=0, max_num=200, validate_max=True
    ),
)

import datetime
import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.corpus import REPO
from tests.factories import FollowUpFactory
from tracker import services
from tracker.models import FollowUp


def test_the_interface_speaks_french_when_asked(client, staff_member):
    FollowUpFactory()
    client.force_login(staff_member)

    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("web:followup_list")).content.decode()

    assert '<html lang="fr">' in page
    assert "Échéance" in page
    assert "Follow-ups" not in page


def test_the_interface_speaks_english_by_default(client, staff_member):
    client.force_login(staff_member)
    page = client.get(reverse("web:followup_list")).content.decode()
    assert '<html lang="en">' in page


def test_switching_language_on_a_page_shown_after_a_form_goes_back_to_the_form(client, manager):
    client.force_login(manager)
    page = client.post(
        reverse("web:import_review"),
        {"text": ""},
        headers={"referer": "http://testserver/import/"},
    ).content.decode()

    assert 'name="next" id="language-next" type="hidden" value="http://testserver/import/"' in page
    switched = client.post(
        reverse("set_language"), {"language": "fr", "next": "http://testserver/import/"}
    )
    assert switched.status_code == 302
    assert client.get(switched["Location"]).status_code == 200


def test_the_language_switcher_names_each_language_in_itself(client, staff_member):
    client.force_login(staff_member)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    page = client.get(reverse("web:resolution_list")).content.decode()

    assert '<option value="en" lang="en">English</option>' in page
    assert '<option value="fr" lang="fr" selected>Français</option>' in page


def _generated_followup():
    return FollowUpFactory(
        title=services.default_title(
            kind="report", session_number=52, paragraph_number=8, symbol_number="46/13"
        ),
        title_parts={
            "kind": "report",
            "session": 52,
            "body": "HRC",
            "paragraph": 8,
            "symbol": "46/13",
        },
    )


def test_a_generated_title_is_shown_in_the_language_of_the_page(client, staff_member):
    followup = _generated_followup()
    client.force_login(staff_member)
    assert followup.title == "Report for session 52 (46/13, OP8)"

    english = client.get(followup.get_absolute_url()).content.decode()
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    french = client.get(followup.get_absolute_url()).content.decode()

    assert "Report for session 52 (46/13, OP8)" in english
    assert "Rapport pour la 52e session (46/13, OP8)" in french
    assert "Report for session 52" not in french


def test_a_renamed_title_is_shown_as_typed_in_every_language(client, staff_member):
    followup = _generated_followup()
    followup.title = "Rapport annuel sur la coopération"
    followup.save()
    client.force_login(staff_member)

    page = client.get(followup.get_absolute_url()).content.decode()

    h1 = page[page.index("<h1>") : page.index("</h1>")]
    assert "Rapport annuel sur la coopération" in h1


def test_an_imported_follow_up_keeps_what_its_title_was_made_from(db, council_calendar):
    call_command("load_sample_data", stdout=StringIO())
    followup = FollowUp.objects.get(
        resolution__symbol="A/HRC/RES/46/13", title="Report for session 52 (46/13, OP8)"
    )

    assert followup.title_parts == {
        "kind": "report",
        "session": 52,
        "body": "HRC",
        "paragraph": 8,
        "symbol": "46/13",
    }
    with translation.override("fr"):
        assert str(followup) == "Rapport pour la 52e session (46/13, OP8)"


FRENCH_PUNCTUATION = re.compile(r"[^\u00a0\u202f]([:;?!])(?:\s|$)")


def test_french_messages_put_a_no_break_space_before_high_punctuation():
    catalogue = (REPO / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    msgstrs = [
        "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
        for block in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', catalogue, re.MULTILINE)
    ][1:]  # the first is the catalogue's header, not a message

    assert [text for text in msgstrs if FRENCH_PUNCTUATION.search(text)] == []


def test_short_dates_keep_french_months_in_lower_case():
    from django.utils import formats, translation

    day = datetime.date(2023, 2, 27)
    with translation.override("fr"):
        french = formats.date_format(day, "SHORT_DATE_FORMAT")
    with translation.override("en"):
        english = formats.date_format(day, "SHORT_DATE_FORMAT")

    assert (french, english) == ("27 fév. 2023", "27 Feb 2023")

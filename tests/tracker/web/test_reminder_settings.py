"""A person's reminder choices on their own page."""

from django.urls import reverse

from tracker.models import ReminderSettings

URL = reverse("web:reminder_settings")
ACCOUNT = reverse("web:account")


def test_the_persons_page_shows_the_reminder_form_with_the_sites_thresholds(client, staff_member):
    client.force_login(staff_member)

    page = client.get(ACCOUNT).content.decode()

    assert '<h2 id="reminders">Deadline reminders</h2>' in page
    assert f'action="{URL}"' in page
    assert 'value="30, 7, 0"' in page
    assert "csrfmiddlewaretoken" in page


def test_saving_stores_the_choices_and_leads_back_to_the_page(client, staff_member):
    client.force_login(staff_member)

    response = client.post(URL, {"enabled": "on", "thresholds": "7, 14,0,14", "language": "fr"})

    assert response.status_code == 302
    assert response["Location"] == ACCOUNT + "#reminders"
    own = ReminderSettings.objects.get(user=staff_member)
    assert (own.enabled, own.thresholds, own.language) == (True, [14, 7, 0], "fr")
    page = client.get(ACCOUNT).content.decode()
    assert "Your reminder choices are saved." in page
    assert 'value="14, 7, 0"' in page


def test_an_unticked_box_opts_out(client, staff_member):
    client.force_login(staff_member)

    client.post(URL, {"thresholds": "", "language": "en"})

    own = ReminderSettings.objects.get(user=staff_member)
    assert (own.enabled, own.thresholds) == (False, [])


def test_days_out_of_range_or_not_numbers_are_shown_as_errors_and_nothing_is_saved(
    client, staff_member
):
    client.force_login(staff_member)

    for typed, error in [
        ("30, 400", "Each number of days must be between 0 and 365."),
        ("30, soon", "“soon” is not a whole number of days."),
        ("-1", "Each number of days must be between 0 and 365."),
    ]:
        response = client.post(URL, {"enabled": "on", "thresholds": typed, "language": "en"})

        page = response.content.decode()
        assert response.status_code == 400
        assert '<h1 id="reminders">Deadline reminders</h1>' in page
        assert error in page
        assert f'value="{typed}"' in page
    assert not ReminderSettings.objects.exists()


def test_an_unknown_language_is_refused(client, staff_member):
    client.force_login(staff_member)

    response = client.post(URL, {"enabled": "on", "thresholds": "7", "language": "xx"})

    assert response.status_code == 400
    assert not ReminderSettings.objects.exists()


def test_signing_in_is_required(client, db):
    response = client.post(URL, {"enabled": "on", "thresholds": "7", "language": "en"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not ReminderSettings.objects.exists()


def test_the_form_needs_its_csrf_token(staff_member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_member)

    response = client.post(URL, {"enabled": "on", "thresholds": "7", "language": "en"})

    assert response.status_code == 403

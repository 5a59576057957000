"""Pages say when a derived due date moved off a closed day, and from which."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from tracker.models import FollowUp

D = datetime.date


@pytest.fixture
def sample(db):
    call_command("load_sample_data", stdout=StringIO())


def test_the_follow_up_page_says_the_due_date_moved_from_a_sunday(sample, client, staff_member):
    resources = FollowUp.objects.get(kind="resources")
    client.force_login(staff_member)

    page = client.get(resources.get_absolute_url()).content.decode()

    assert "25 February 2022" in page
    assert "moved from Sunday 27 Feb 2022" in page


def test_the_french_follow_up_page_names_the_sunday_in_french(sample, client, staff_member):
    resources = FollowUp.objects.get(kind="resources")
    client.force_login(staff_member)

    with translation.override("fr"):
        page = client.get(resources.get_absolute_url(), headers={"accept-language": "fr"})

    assert "dimanche 27" in page.content.decode()

from django.urls import reverse

from tests.factories import FollowUpFactory


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

"""Adding a session by hand: validated, recorded with its author, a number stored once."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from resolutions.models import Body, Session
from resolutions.services import add_session
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

OPENS = datetime.date(2041, 2, 25)
CLOSES = datetime.date(2041, 4, 4)


def new_session(number, **values):
    return Session(body=Body.HRC, number=number, start_date=OPENS, end_date=CLOSES, **values)


def test_a_new_session_is_stored_with_its_author_in_the_history():
    user = UserFactory(username="amina")

    session = add_session(session=new_session(180), user=user)

    record = Session.objects.get(pk=session.pk).history.get()
    assert (record.history_type, record.history_user) == ("+", user)


def test_a_regular_session_whose_number_is_stored_is_refused_and_nothing_is_saved():
    SessionFactory(number=181, special=False)

    with pytest.raises(ValidationError):
        add_session(session=new_session(181))

    assert Session.objects.filter(number=181).count() == 1


def test_a_special_session_may_share_the_number_of_a_regular_one():
    SessionFactory(number=182, special=False)

    add_session(session=new_session(182, special=True))

    assert Session.objects.filter(number=182).count() == 2


def test_a_session_closing_before_it_opens_is_refused():
    with pytest.raises(ValidationError):
        add_session(session=Session(number=183, start_date=CLOSES, end_date=OPENS))

    assert not Session.objects.filter(number=183).exists()


def test_a_number_stored_by_another_request_in_between_is_the_same_error():
    SessionFactory(number=184, special=False)

    # As if the other request saved after this one's checks had passed.
    with mock.patch.object(Session, "full_clean"), pytest.raises(ValidationError) as raised:
        add_session(session=new_session(184))

    assert raised.value.messages == ["A session with this number is already stored."]
    assert Session.objects.filter(number=184).count() == 1


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def session_form(number, **changes):
    return {
        "body": "HRC",
        "number": number,
        "start_date": OPENS.isoformat(),
        "end_date": CLOSES.isoformat(),
        "dates_confirmed": "on",
        "notes": "",
        "expected_version": "",
    } | changes


def test_a_session_added_in_the_admin_is_stored_by_the_service_with_the_administrator(
    admin_client,
):
    with mock.patch("resolutions.services.add_session", wraps=add_session) as service:
        response = admin_client.post(reverse("admin:resolutions_session_add"), session_form(185))

    assert response.status_code == 302
    service.assert_called_once()
    record = Session.objects.get(number=185).history.get()
    assert record.history_user.username == "root"


def test_a_number_already_stored_is_shown_on_the_admin_form_and_nothing_is_saved(admin_client):
    SessionFactory(number=186, special=False)

    response = admin_client.post(reverse("admin:resolutions_session_add"), session_form(186))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert "already exists" in response.content.decode()
    assert Session.objects.filter(number=186).count() == 1


def test_a_session_opening_in_year_one_cannot_be_added():
    session = Session(
        body="HRC", number=300, start_date=datetime.date(1, 1, 1), end_date=datetime.date(1, 1, 2)
    )

    with pytest.raises(ValidationError, match="between 1946 and 2100"):
        add_session(session=session)

    assert not Session.objects.filter(number=300).exists()

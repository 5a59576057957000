"""Mail through a real SMTP server started in the test (aiosmtpd): the reminder
digest and the password-reset e-mail arrive, and read as they should."""

from __future__ import annotations

import datetime
import email
import email.policy
import socket
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from tests.factories import FollowUpFactory
from tracker.services import send_deadline_reminders, set_reminder_settings

DUE = datetime.date(2027, 3, 1)


class Collector:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # the name aiosmtpd calls
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, and Suivi's mail sent to it."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    settings.SUIVI_BASE_URL = "https://suivi.example.org"
    try:
        yield collector
    finally:
        controller.stop()


def parts(message: EmailMessage) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


def test_the_digest_arrives_with_a_text_and_an_html_part_each_linking_the_follow_up(
    smtp_server, staff_member
):
    followup = FollowUpFactory(focal_point=staff_member, due_date=DUE, title="Report on water")
    FollowUpFactory(focal_point=staff_member, due_date=DUE - datetime.timedelta(days=10))

    run = send_deadline_reminders(today=DUE - datetime.timedelta(days=7))

    assert (run.digests, run.items) == (1, 2)
    [message] = smtp_server.messages
    assert message["To"] == staff_member.email
    assert message["From"] == "suivi@localhost"
    assert message["Subject"] == "Suivi: 2 deadlines to watch"
    body = parts(message)
    link = f"https://suivi.example.org/followups/{followup.pk}/"
    assert "Report on water" in body["text/plain"]
    assert link in body["text/plain"]
    assert "Overdue" in body["text/plain"]
    assert "Due 1 Mar 2027: in 7 days" in body["text/plain"]
    assert f'href="{link}"' in body["text/html"]
    assert '<html lang="en">' in body["text/html"]
    assert "https://suivi.example.org/me/#reminders" in body["text/html"]


def test_the_digest_is_in_the_persons_language(smtp_server, staff_member):
    set_reminder_settings(user=staff_member, enabled=True, thresholds=[7], language="fr")
    FollowUpFactory(focal_point=staff_member, due_date=DUE)

    send_deadline_reminders(today=DUE - datetime.timedelta(days=7))

    [message] = smtp_server.messages
    assert message["Content-Language"] == "fr"
    body = parts(message)
    assert '<html lang="fr">' in body["text/html"]
    assert "Suivi" in message["Subject"]


def test_the_password_reset_email_arrives(smtp_server, client, staff_member):
    response = client.post(reverse("password_reset"), {"email": staff_member.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    [message] = smtp_server.messages
    assert message["To"] == staff_member.email
    assert message["Subject"] == "Suivi: choose a new password"
    text = parts(message)["text/plain"]
    link = next(line for line in text.splitlines() if "/accounts/reset/" in line)

    page = client.get(link.removeprefix("http://testserver"), follow=True)

    assert "Choose a new password" in page.content.decode()


def test_the_sign_in_page_leads_to_the_password_reset(client):
    page = client.get(reverse("login")).content.decode()

    assert f'href="{reverse("password_reset")}"' in page
    assert "Forgot your password?" in page
    form = client.get(reverse("password_reset")).content.decode()
    assert "<h1>Reset your password</h1>" in form

"""Feed keys stay out of the logs (tracker.project.logging)."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from tracker import services

pytestmark = pytest.mark.usefixtures("council_calendar")


def logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_bad_filter_on_a_valid_key_logs_the_path_without_the_key(client, staff_member, caplog):
    key = services.feed_key_for(user=staff_member).key

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/feeds/{key}/followups.ics", {"status": "forged"})

    assert response.status_code == 400
    assert "Bad Request: /feeds/***/followups.ics" in logged(caplog)
    assert key not in logged(caplog)
    assert all(key not in str(record.args) for record in caplog.records)


def test_an_unknown_key_logs_the_path_without_the_key(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("web:followup_feed", kwargs={"key": "a-leaked-key"}))

    assert response.status_code == 404
    assert "Not Found: /feeds/***/followups.ics" in logged(caplog)
    assert "a-leaked-key" not in logged(caplog)


def test_the_development_servers_request_lines_hide_the_key(caplog):
    server = logging.getLogger("django.server")  # does not propagate: listen on it
    server.addHandler(caplog.handler)
    try:
        # As runserver's WSGIRequestHandler.log_message writes a request line.
        server.warning(
            '"%s" %s %s', "GET /feeds/s3cr3t-key/followups.ics?state=overdue HTTP/1.1", "400", "9"
        )
    finally:
        server.removeHandler(caplog.handler)

    assert logged(caplog) == '"GET /feeds/***/followups.ics?state=overdue HTTP/1.1" 400 9'


def test_other_paths_are_logged_as_they_are(client, staff_member, caplog):
    client.force_login(staff_member)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/followups/", {"status": "forged"})
        client.get("/no-such-page/")

    assert "Not Found: /no-such-page/" in logged(caplog)

"""The calendar feed's address, the button that changes it, and where people find it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
import vobject  # type: ignore[import-untyped]
from django.http import StreamingHttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from resolutions.models import Session
from tests.factories import FollowUpFactory, ResolutionFactory, UnitFactory, UserFactory
from tracker import feeds, services
from tracker.models import FeedToken, ReminderSettings, SavedView, Status
from tracker.web import feeds as feed_views

ACCOUNT = reverse("web:account")
LIST = reverse("web:followup_list")
KEY_BUTTON = reverse("web:regenerate_feed_key")

pytestmark = pytest.mark.usefixtures("council_calendar")


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def feed_address(user) -> str:
    return reverse("web:followup_feed", kwargs={"key": services.feed_key_for(user=user).key})


def parse(response):
    return vobject.readOne(b"".join(response.streaming_content).decode())


def followup_uids(calendar) -> set[str]:
    return {e.uid.value for e in calendar.vevent_list if e.uid.value.startswith("followup-")}


def uid(followup) -> str:
    return f"followup-{followup.pk}@{feeds.uid_domain()}"


def session(number: int) -> Session:
    return Session.objects.get(body="HRC", number=number, special=False)


def test_the_feed_is_streamed_as_a_calendar_without_signing_in(client, staff_member):
    followup = FollowUpFactory(target_session=session(61))

    response = client.get(feed_address(staff_member))

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="suivi-followups.ics"'
    assert response["Content-Language"] == "en"
    assert followup_uids(parse(response)) == {uid(followup)}


def test_the_feed_says_it_is_in_its_owners_language(client, staff_member):
    ReminderSettings.objects.create(user=staff_member, language="fr")

    response = client.get(feed_address(staff_member), headers={"accept-language": "en"})

    assert response["Content-Language"] == "fr"
    assert b"X-WR-CALNAME:Suivi" in b"".join(response.streaming_content)


def test_the_feed_lists_what_the_list_lists_with_the_same_filters(client, staff_member, manager):
    unit = UnitFactory()
    FollowUpFactory(target_session=session(61), lead_unit=unit, focal_point=manager)
    FollowUpFactory(target_session=session(61), lead_unit=unit, status=Status.IN_PROGRESS)
    FollowUpFactory(target_session=session(61))
    query = {"lead_unit": unit.pk, "status": ["not_started", "in_progress"], "q": "report"}
    client.force_login(staff_member)
    listed = client.get(reverse("web:followup_list"), query).context["page"].object_list
    client.logout()

    response = client.get(feed_address(staff_member), query)

    assert followup_uids(parse(response)) == {uid(f) for f in listed}
    assert len(listed) == 2


def test_a_head_request_answers_as_a_get_would(client, staff_member):
    response = client.head(feed_address(staff_member))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_an_invalid_filter_is_a_400_that_says_what_is_wrong(client, staff_member):
    response = client.get(feed_address(staff_member), {"status": "forged"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "forged" in response.content.decode()


def test_an_unknown_key_is_a_404(client, staff_member):
    response = client.get(reverse("web:followup_feed", kwargs={"key": "not-a-key"}))

    assert response.status_code == 404


def test_a_person_without_a_role_gets_a_404(client, outsider):
    response = client.get(feed_address(outsider))

    assert response.status_code == 404


def test_a_person_whose_role_was_removed_gets_a_404(client, staff_member):
    address = feed_address(staff_member)
    assert client.get(address).status_code == 200

    staff_member.groups.clear()

    assert client.get(address).status_code == 404


def test_an_inactive_person_gets_a_404(client, staff_member):
    address = feed_address(staff_member)
    staff_member.is_active = False
    staff_member.save()

    assert client.get(address).status_code == 404


def test_regenerating_the_key_changes_the_address_and_the_old_one_is_a_404(client, staff_member):
    old = feed_address(staff_member)
    client.force_login(staff_member)

    response = client.post(reverse("web:regenerate_feed_key"), follow=True)

    new = feed_address(staff_member)
    assert new != old
    assert response.redirect_chain[-1][0] == reverse("web:account") + "#feeds"
    assert "Your calendar addresses have changed" in response.content.decode()
    assert new in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_regenerating_needs_a_signed_in_person_a_post_and_the_csrf_token(client, staff_member):
    address = feed_address(staff_member)
    url = reverse("web:regenerate_feed_key")

    assert client.post(url)["Location"].startswith(reverse("login"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_member)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no CSRF token
    assert feed_address(staff_member) == address


@pytest.mark.parametrize(
    ("count", "chunk_size", "chunks"), [(5, 2000, 1), (200, 2000, 1), (5, 2, 3)]
)
def test_the_feed_reads_in_a_fixed_number_of_queries_and_one_more_a_chunk(
    client, staff_member, django_assert_num_queries, monkeypatch, count, chunk_size, chunks
):
    monkeypatch.setattr(feeds, "CHUNK_SIZE", chunk_size)
    unit = UnitFactory()
    resolution = ResolutionFactory(session=session(58))
    FollowUpFactory.create_batch(
        count, resolution=resolution, target_session=session(61), lead_unit=unit
    )
    address = feed_address(staff_member)

    # The key and its person, permissions (2), the unit filter's value, closure
    # days, follow-ups, the session they are due for, the session calendar (1),
    # and their paragraphs, the links and the paragraphs, twice a chunk (5 rows
    # in chunks of 2: 3 chunks).
    with django_assert_num_queries(8 + 2 * chunks):
        response = client.get(address, {"lead_unit": unit.pk})
        calendar = parse(response)

    assert len(followup_uids(calendar)) == count


def test_the_address_is_a_webcal_address_with_the_lists_filters_and_no_page():
    request = RequestFactory().get("/followups/")

    url = feed_views.feed_url(
        request=request, key="k3y", query="focal_point=7&state=overdue&page=3"
    )

    assert url == "webcal://testserver/feeds/k3y/followups.ics?focal_point=7&state=overdue"
    assert feed_views.feed_url(request=request, key="k3y") == (
        "webcal://testserver/feeds/k3y/followups.ics"
    )


def test_the_direct_address_has_the_pages_scheme():
    secure = feed_views.feed_address(request=RequestFactory().get("/", secure=True), key="k3y")
    plain = feed_views.feed_address(request=RequestFactory().get("/"), key="k3y")

    assert secure.direct == "https://testserver/feeds/k3y/followups.ics"
    assert plain.direct == "http://testserver/feeds/k3y/followups.ics"
    assert secure.subscribe == plain.subscribe == "webcal://testserver/feeds/k3y/followups.ics"


def test_opening_pages_creates_no_key(client, staff_member):
    SavedView.objects.create(owner=staff_member, name="Late", query="state=overdue")
    client.force_login(staff_member)

    for url in (ACCOUNT, LIST, f"{LIST}?state=overdue", reverse("web:dashboard")):
        assert client.get(url).status_code == 200

    assert not FeedToken.objects.exists()


def test_without_a_key_the_account_page_offers_to_create_it(client, staff_member):
    client.force_login(staff_member)

    page = client.get(ACCOUNT).content.decode()

    assert "webcal://" not in page
    assert f'<form method="post" action="{KEY_BUTTON}">' in page
    assert '<input type="hidden" name="action" value="create">' in page
    assert "Create my calendar address" in page
    assert "Get new addresses" not in page


def test_creating_the_address_shows_both_feeds_in_both_forms(client, staff_member):
    client.force_login(staff_member)

    response = client.post(KEY_BUTTON, {"action": "create"}, follow=True)

    assert response.redirect_chain[-1][0] == ACCOUNT + "#feeds"
    page = response.content.decode()
    key = FeedToken.objects.get(user=staff_member).key
    everything = f"//testserver/feeds/{key}/followups.ics"
    assert "Your calendar address is ready." in page
    assert f'value="http:{everything}"' in page
    assert f'value="http:{everything}?focal_point={staff_member.pk}"' in page
    assert f'<a href="webcal:{everything}">Subscribe in my calendar program' in page
    assert f'<a href="webcal:{everything}?focal_point={staff_member.pk}">' in page
    assert '<label for="feed-everything">' in page
    assert "anyone who has them can read these due dates" in page
    assert "Get new addresses" in page


def test_a_secure_page_offers_the_https_address(client, staff_member):
    services.feed_key_for(user=staff_member)
    client.force_login(staff_member)

    page = client.get(ACCOUNT, secure=True).content.decode()

    key = FeedToken.objects.get(user=staff_member).key
    assert f'value="https://testserver/feeds/{key}/followups.ics"' in page
    assert f'href="webcal://testserver/feeds/{key}/followups.ics"' in page


def test_creating_again_keeps_the_key(client, staff_member):
    key = services.feed_key_for(user=staff_member).key
    client.force_login(staff_member)

    client.post(KEY_BUTTON, {"action": "create"})

    assert FeedToken.objects.get(user=staff_member).key == key


def test_creating_goes_back_only_to_a_page_of_this_site(client, staff_member):
    client.force_login(staff_member)
    back = f"{LIST}?state=overdue#subscribe"

    assert client.post(KEY_BUTTON, {"action": "create", "next": back})["Location"] == back
    elsewhere = client.post(KEY_BUTTON, {"action": "create", "next": "https://evil.example/"})
    assert elsewhere["Location"] == ACCOUNT + "#feeds"


def test_a_person_without_a_role_cannot_create_a_key(client, outsider):
    client.force_login(outsider)

    assert client.post(KEY_BUTTON, {"action": "create"}).status_code == 403
    assert not FeedToken.objects.filter(user=outsider).exists()


def test_the_account_page_of_a_person_without_a_role_offers_no_feed(client, outsider):
    client.force_login(outsider)

    page = client.get(ACCOUNT).content.decode()

    assert "webcal://" not in page
    assert "/feeds/" not in page
    assert "Create my calendar address" not in page
    assert "come with a role that lets you see follow-ups" in page
    assert not FeedToken.objects.filter(user=outsider).exists()


def test_without_a_key_the_list_offers_to_create_it_and_comes_back(client, staff_member):
    FollowUpFactory(target_session=session(61))  # due 12 January: overdue
    client.force_login(staff_member)

    page = client.get(LIST, {"state": "overdue", "page": "1"})

    assert page.context["feed_url"] is None
    content = page.content.decode()
    assert "Subscribe (calendar)" not in content
    assert f'action="{KEY_BUTTON}" class="exports" id="subscribe"' in content
    back = f"{LIST}?state=overdue#subscribe"
    assert f'name="next" value="{back}"' in content
    response = client.post(KEY_BUTTON, {"action": "create", "next": back}, follow=True)
    assert response.redirect_chain == [(back, 302)]
    assert "Subscribe (calendar)" in response.content.decode()


def test_the_list_offers_its_filters_as_a_calendar_subscription(client, staff_member):
    FollowUpFactory(target_session=session(61))  # due 12 January: overdue
    key = services.feed_key_for(user=staff_member).key
    client.force_login(staff_member)

    page = client.get(LIST, {"state": "overdue", "page": "1"})

    assert page.context["feed_url"] == (
        f"webcal://testserver/feeds/{key}/followups.ics?state=overdue"
    )
    assert "Subscribe (calendar)" in page.content.decode()


def test_a_feed_copied_from_the_list_loads(client, staff_member):
    FollowUpFactory(target_session=session(61))
    FollowUpFactory(target_session=session(61), focal_point=staff_member)
    services.feed_key_for(user=staff_member)
    client.force_login(staff_member)
    url = client.get(LIST, {"focal_point": staff_member.pk}).context["feed_url"]
    client.logout()

    response = client.get(url.removeprefix("webcal://testserver"))

    assert len(followup_uids(parse(response))) == 1


def test_another_persons_key_gives_their_feed_not_the_readers(client, staff_member):
    # The key, not the session, says whose feed it is: a signed-in reader changes nothing.
    client.force_login(UserFactory())

    assert client.get(feed_address(staff_member)).status_code == 200

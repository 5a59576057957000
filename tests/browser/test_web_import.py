"""A manager imports a resolution in a real Chromium: paste, review, edit, confirm."""

from pathlib import Path

from playwright.sync_api import expect

from tracker.models import FollowUp

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resolutions" / "sample_data" / "A_HRC_RES_46_13.fr.txt"
)


def test_a_manager_pastes_reviews_edits_and_confirms_an_import(manager_page):
    page = manager_page

    page.get_by_role("link", name="Import").click()
    page.get_by_label("Text of the resolution").fill(SAMPLE.read_text())
    page.get_by_role("button", name="Read the text").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("A/HRC/RES/46/13")
    expect(page.locator(".source-pane")).to_contain_text("Ont voté pour")
    expect(page.locator(".parsed-pane")).to_contain_text("8 operative paragraphs")
    proposals = page.locator("fieldset.proposal")
    expect(proposals).to_have_count(3)
    report = proposals.nth(2)
    expect(report).to_contain_text("16 January 2023")

    report.get_by_label("Title").fill("Summary report on the two-hour meeting")
    report.get_by_label("Target session").fill("53")
    page.get_by_role("button", name="Recalculate due dates").click()
    expect(page.locator("fieldset.proposal").nth(2)).to_contain_text("8 May 2023")
    page.locator("fieldset.proposal").nth(1).get_by_label("Keep").uncheck()
    page.get_by_role("button", name="Confirm the import").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("A/HRC/RES/46/13")
    expect(page.get_by_role("status")).to_contain_text("A/HRC/RES/46/13 imported.")
    expect(page.locator("#op8 .tracked li")).to_have_count(1)
    expect(page.locator("#op8 .tracked")).to_contain_text("Summary report on the two-hour meeting")
    assert sorted(FollowUp.objects.values_list("kind", flat=True)) == ["meeting", "report"]


def test_a_broken_text_is_shown_with_its_line(manager_page):
    page = manager_page
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Text of the resolution").fill("Human Rights Council\n\nNothing else here.")
    page.get_by_role("button", name="Read the text").click()

    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import a resolution, decision or statement"
    )

"""Who may open the website's pages: the permissions each role brings, in one place.

Signed in is not enough: reading needs a role (Follow-up staff, Managers;
see ``tracker.roles``). Every view checks its permission before it reads
anything (``permission_required``), so a user without it learns nothing,
not even whether a follow-up exists. A change of status is checked once
more by the workflow inside ``services.log_progress``
(``tracker.workflow``), whatever the page offered.
"""

from __future__ import annotations

from tracker.workflow import LOG_PROGRESS, MANAGE_FOLLOWUPS

VIEW_FOLLOWUPS = "tracker.view_followup"
VIEW_RESOLUTIONS = "resolutions.view_resolution"
IMPORT_RESOLUTIONS = "resolutions.add_resolution"

# Rows per page on the lists.
PAGE_SIZE = 50

__all__ = [
    "IMPORT_RESOLUTIONS",
    "LOG_PROGRESS",
    "MANAGE_FOLLOWUPS",
    "PAGE_SIZE",
    "VIEW_FOLLOWUPS",
    "VIEW_RESOLUTIONS",
]

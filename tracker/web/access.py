"""Who may open the website's pages: the permissions each role brings, in one place.

Signed in is not enough: reading needs a role (Follow-up staff, Managers;
see ``tracker.roles``). Changing a follow-up is checked again by the
workflow in the services, whatever the page allowed.
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

"""The Human Rights Council's session calendar as published: sessions 34 to 61.

Dates as printed in the headers of the Council's own documents (scheduled
dates); 58 to 61 as announced. Migration ``0002_council_sessions`` loads them
into a new database; staff correct them in the admin, and a later session is
estimated from the usual pattern when a resolution first needs it.
"""

from __future__ import annotations

import datetime
from typing import Any

D = datetime.date

SESSIONS: list[tuple[int, datetime.date, datetime.date, str]] = [
    (34, D(2017, 2, 27), D(2017, 3, 24), ""),
    (35, D(2017, 6, 6), D(2017, 6, 23), ""),
    (36, D(2017, 9, 11), D(2017, 9, 29), ""),
    (37, D(2018, 2, 26), D(2018, 3, 23), ""),
    (38, D(2018, 6, 18), D(2018, 7, 6), ""),
    (39, D(2018, 9, 10), D(2018, 9, 28), ""),
    (40, D(2019, 2, 25), D(2019, 3, 22), ""),
    (41, D(2019, 6, 24), D(2019, 7, 12), ""),
    (42, D(2019, 9, 9), D(2019, 9, 27), ""),
    (
        43,
        D(2020, 2, 24),
        D(2020, 6, 23),
        "Opened 24 February 2020, suspended on 13 March because of COVID-19, "
        "resumed 15 June and closed 23 June 2020.",
    ),
    (44, D(2020, 6, 30), D(2020, 7, 17), ""),
    (45, D(2020, 9, 14), D(2020, 10, 7), ""),
    (46, D(2021, 2, 22), D(2021, 3, 24), ""),
    (47, D(2021, 6, 21), D(2021, 7, 14), ""),
    (48, D(2021, 9, 13), D(2021, 10, 11), ""),
    (49, D(2022, 2, 28), D(2022, 4, 1), ""),
    (50, D(2022, 6, 13), D(2022, 7, 8), ""),
    (51, D(2022, 9, 12), D(2022, 10, 7), ""),
    (52, D(2023, 2, 27), D(2023, 4, 4), ""),
    (53, D(2023, 6, 19), D(2023, 7, 14), ""),
    (54, D(2023, 9, 11), D(2023, 10, 13), ""),
    (55, D(2024, 2, 26), D(2024, 4, 5), ""),
    (56, D(2024, 6, 18), D(2024, 7, 12), ""),
    (57, D(2024, 9, 9), D(2024, 10, 11), ""),
    (58, D(2025, 2, 24), D(2025, 4, 4), "Dates as announced."),
    (59, D(2025, 6, 16), D(2025, 7, 9), "Dates as announced."),
    (60, D(2025, 9, 8), D(2025, 10, 8), "Dates as announced."),
    (61, D(2026, 2, 23), D(2026, 3, 31), "Dates as announced."),
]


def load_council_sessions(session_model: Any) -> None:
    """Create or update the published sessions.

    ``session_model`` is the ``Session`` model, or its historical form in a migration.
    """
    # Migration 0002 runs before sessions could be special (0006); later callers
    # must not confuse regular session 35 with special session S-35.
    regular = (
        {"special": False}
        if any(f.name == "special" for f in session_model._meta.get_fields())
        else {}
    )
    for number, start, end, notes in SESSIONS:
        session_model.objects.update_or_create(
            body="HRC",
            number=number,
            **regular,
            defaults={
                "start_date": start,
                "end_date": end,
                "dates_confirmed": True,
                "notes": notes,
            },
        )

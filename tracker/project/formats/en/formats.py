"""English date formats: short dates read "27 Feb 2023" (day first, as at the UN)."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
# Day and month without the year, before a range's closing date: "7 Sep"
# (read by tracker.web.dashboard.named_format; Django's own MONTH_DAY_FORMAT,
# used by the admin, is left as it is).
DAY_MONTH_FORMAT = "j M"

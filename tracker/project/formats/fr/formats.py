"""French date formats: short dates read "27 fév. 2023", months in lower case
as French typography wants them (Django's "M" capitalises: "Fév")."""

SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y H:i"
# Day and month without the year, before a range's closing date: "7 sept."
# (read by tracker.web.dashboard.named_format; Django's own MONTH_DAY_FORMAT,
# used by the admin, is left as it is).
DAY_MONTH_FORMAT = "j N"

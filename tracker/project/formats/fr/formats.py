"""French date formats: short dates read "27 fév. 2023", months in lower case
as French typography wants them (Django's "M" capitalises: "Fév")."""

SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y H:i"

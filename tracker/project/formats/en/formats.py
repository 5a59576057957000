"""English date formats: short dates read "27 Feb 2023" (day first, as at the UN)."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"

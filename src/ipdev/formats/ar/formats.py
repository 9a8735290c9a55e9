# Django's Arabic locale has no date-time formats, so they fell back to the English
# "Dec. 7, 2026, 8:12 a.m."; and its numbers were not grouped.
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
NUMBER_GROUPING = 3

# Chinese groups digits by three with a comma in figures (CLDR zh: #,##0.###); Django's
# locale has no separator, so 1234567 showed ungrouped.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

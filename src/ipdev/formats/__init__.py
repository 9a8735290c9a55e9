"""Date and number formats where Django's own locale files fall short (FORMAT_MODULE_PATH).

Only the names set here override Django's; everything else comes from django/conf/locale.
"""

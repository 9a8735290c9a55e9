"""A JSON parser that answers hostile nesting with a 400, not a 500.

DRF already reads JSON bodies through ``request.body``, so DATA_UPLOAD_MAX_MEMORY_SIZE applies
(errors.py turns Django's RequestDataTooBig into a 413).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error - the document is nested too deeply.")) from None

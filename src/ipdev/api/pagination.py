"""Page-number pagination with the same envelope as the activity search (minus facets)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ipdev.activities.filters import MAX_PER_PAGE


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "per_page"
    max_page_size = MAX_PER_PAGE

    def get_paginated_response(self, data) -> Response:
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": self.page.paginator.num_pages,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"]["page"] = {"type": "integer", "example": 1}
        envelope["properties"]["pages"] = {"type": "integer", "example": 1}
        return envelope

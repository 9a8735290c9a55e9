"""The one read path of the directories: plain dataclasses for the portal, the API and downloads.

Everything in the directories is public reference data; only the suggestions (staff) and the
raw use counters stay inside. Lists are filtered in memory (see ../faceting.py). One module per
directory; their public names are re-exported here."""

from ..faceting import Option, Query
from ..models import Directory
from .common import (
    Listing,
    Named,
    Verified,
)
from .databases import (
    DATABASE_FACETS,
    FEATURES,
    DatabaseCard,
    database_compare,
    database_download_rows,
    database_parse,
    database_report,
    database_search,
)
from .landscapes import (
    LANDSCAPE_FACETS,
    LandscapeCard,
    landscape_download_rows,
    landscape_file,
    landscape_parse,
    landscape_search,
)
from .policies import (
    POLICY_FACETS,
    Coverage,
    NationalModelRow,
    PolicyCard,
    PolicyDetail,
    national_models,
    policy_coverage,
    policy_detail,
    policy_document,
    policy_download_rows,
    policy_parse,
    policy_search,
)
from .registers import (
    LEVELS,
    REGISTER_FACETS,
    RESOURCE_COLUMNS,
    MapValue,
    RegisterRow,
    ResourceCell,
    register_download_rows,
    register_file,
    register_map_values,
    register_parse,
    register_table,
    st27_categories,
)
from .use import (
    DirectorySummary,
    UseFigures,
    overview,
    pending_suggestions,
    use_figures,
)

# The directories, as (key, label) pairs.
DIRECTORIES = Directory.choices

__all__ = [
    "DATABASE_FACETS",
    "DIRECTORIES",
    "FEATURES",
    "LANDSCAPE_FACETS",
    "LEVELS",
    "POLICY_FACETS",
    "REGISTER_FACETS",
    "RESOURCE_COLUMNS",
    "Coverage",
    "DatabaseCard",
    "DirectorySummary",
    "LandscapeCard",
    "Listing",
    "MapValue",
    "Named",
    "NationalModelRow",
    "Option",
    "PolicyCard",
    "PolicyDetail",
    "Query",
    "RegisterRow",
    "ResourceCell",
    "UseFigures",
    "Verified",
    "database_compare",
    "database_download_rows",
    "database_parse",
    "database_report",
    "database_search",
    "landscape_download_rows",
    "landscape_file",
    "landscape_parse",
    "landscape_search",
    "national_models",
    "overview",
    "pending_suggestions",
    "policy_coverage",
    "policy_detail",
    "policy_document",
    "policy_download_rows",
    "policy_parse",
    "policy_search",
    "register_download_rows",
    "register_file",
    "register_map_values",
    "register_parse",
    "register_table",
    "st27_categories",
    "use_figures",
]

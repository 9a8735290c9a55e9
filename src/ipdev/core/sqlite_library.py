"""Process-wide settings of the SQLite library, applied before its first use.

SQLite counts every allocation it makes under a global mutex (for ``sqlite3_memory_used`` and
a soft heap limit, neither of which ipdev or Django uses). Turning that off is what SQLite's
own documentation recommends for speed: a bulk write makes millions of allocations, and the
counting cost about 3% of the instructions of an IATI import's writer (cachegrind, the 14,246
real activities). The setting can only be made before the library initialises itself, which
``import sqlite3`` does; so ``ipdev.settings`` calls ``count_no_allocations`` first thing
when the database is SQLite. Nothing else about the library changes (threading included).
"""

from __future__ import annotations

import ctypes
import sys

SQLITE_CONFIG_MEMSTATUS = 9
SQLITE_OK = 0
LIBRARY = "libsqlite3.so.0"


def count_no_allocations() -> bool:
    """Switch SQLite's allocation statistics off; True if done.

    False (and nothing changed) when the library is not the shared one found by name (as on
    platforms whose Python links SQLite in) or is initialised already (``sqlite3`` imported).
    """
    if "sqlite3" in sys.modules or "_sqlite3" in sys.modules:
        return False
    try:
        library = ctypes.CDLL(LIBRARY)
        configure = library.sqlite3_config
    except (OSError, AttributeError):
        return False
    return configure(SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == SQLITE_OK

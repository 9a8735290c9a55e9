"""Import runs a script can trust: which process runs an import, and which runs were left
"running" by a process that is gone (killed, or its server restarted) and so were interrupted.

A run records its process as ``host/pid/start``: the start time (from ``/proc``) tells a live
process from a later one that was given the same pid. On the run's own host that is checked at
once; a run of another host (several web or worker hosts on one PostgreSQL database) counts as
interrupted once it has written nothing for ``STALE`` (each batch refreshes ``heartbeat_at``).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

STALE = dt.timedelta(hours=1)
BEAT = dt.timedelta(seconds=30)  # at most one heartbeat write this often


def _started(pid: int) -> str:
    """The start time of a process in clock ticks since boot ("" where /proc cannot say)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def this_process() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}/{pid}/{_started(pid)}"


def alive(process: str, *, last_beat: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether the process that recorded ``process`` may still be running its import."""
    host, _, rest = process.partition("/")
    pid_text, _, started = rest.partition("/")
    if host != socket.gethostname() or not pid_text.isdigit():
        return last_beat is not None and now - last_beat < STALE
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # (another user's process: it exists)
    current = _started(pid)
    return not (started and current and current != started)

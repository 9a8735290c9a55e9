"""Time the public statistics page and one CSV on the database of IPDEV_DATA_DIR (as it is).

    IPDEV_DATA_DIR=var python bench/statistics_page.py --repeat 20

Requests go through Django's test client (no network), anonymous and as staff: the anonymous
page sums participants only over consented activities, staff over all. Prints the activity
count, the query count and the median and worst wall-clock time per request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipdev.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ipdev.accounts.models import User
    from ipdev.activities import statistics as activity_statistics

    staff = User.objects.filter(is_staff=True).first()
    total = activity_statistics.activity_freshness().activities
    print(f"{total:,} activities; python {sys.version.split()[0]}; {os.cpu_count()} cores")
    for who in ("anonymous", "staff"):
        client = Client()
        if who == "staff" and staff is not None:
            client.force_login(staff)
        for url in ("/statistics/", "/statistics/?bureau=africa", "/statistics/participants.csv"):
            client.get(url, HTTP_HOST="localhost")  # warm: the index and the label caches
            times = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url, HTTP_HOST="localhost")
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
            print(f"{who:9} {url:32} {len(queries):3} queries  median "
                  f"{statistics.median(times):7.1f} ms  worst {max(times):7.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()

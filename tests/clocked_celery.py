"""``celery`` with the test's clock: ``python -m tests.clocked_celery -A config worker ...``.

A worker started by a test (tests.workers) is another process, which the test's time-machine does
not reach; without this its dates (a job's start, its expiry) would be today's while the test's
are the pinned clock's.
"""

import os
import sys
from datetime import datetime

import time_machine

start = os.environ.get("TEST_CLOCK_START")
if start:
    time_machine.travel(datetime.fromisoformat(start), tick=True).start()

from celery.__main__ import main  # noqa: E402  (after the clock is set)

sys.argv[0] = "celery"
main()

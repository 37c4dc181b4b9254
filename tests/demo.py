"""The demo data `dev.py run` loads (README, "Demo accounts"), for tests that read it whole."""

import io

from django.core.management import call_command

from awards.catalogue import seed_catalogue
from tests.register import seed_kinds

DEMO_PASSWORD = "ngayhoi2025"


def load_demo_data() -> None:
    # Again, since a live-server test flushes the rows the migrations seeded.
    seed_kinds()
    seed_catalogue()
    for command in ("load_demo", "load_festival_demo", "load_awards_demo"):
        call_command(command, stdout=io.StringIO())

import pytest
import time_machine

from tests.conftest import TEST_CLOCK
from tests.ops.sites import Site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """A site migrated and holding the demo data, a photo and a printed certificate; loaded
    once (about two minutes) for the backup and restore tests, which must not change it."""
    site = Site(tmp_path_factory.mktemp("demo"), "demo")
    # Session fixtures start before the pinned clock (tests/conftest.py): pin it here too, for
    # the dates the demo's photo and printed certificate get.
    with time_machine.travel(TEST_CLOCK, tick=True):
        site.manage("migrate", "--no-input", "-v", "0")
        site.probe("populate")
    yield site
    site.drop()


@pytest.fixture(scope="session")
def demo_archive(demo_site, tmp_path_factory):
    path = tmp_path_factory.mktemp("archives") / "demo.tar"
    demo_site.manage("backup", "--output", str(path))
    return path


@pytest.fixture
def empty_site(tmp_path):
    site = Site(tmp_path, "empty")
    yield site
    site.drop()

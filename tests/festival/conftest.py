import datetime

import pytest

from festival.services import create_festival

FESTIVAL_DAY = datetime.date(2026, 8, 19)
# A month before the festival: the ward is planning it.
PLANNING = datetime.datetime(
    2026, 7, 20, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
)


@pytest.fixture(autouse=True)
def _planning(clock):
    """Festival tests happen while the ward plans its 2026 festival; a test of the day itself or
    of the report after it moves the clock on."""
    clock.move_to(PLANNING)


@pytest.fixture
def festival(units, people):
    """Phường An's festival on 19 August 2026, with the default programme."""
    return create_festival(
        units["ward"],
        people["ward_official"],
        date=FESTIVAL_DAY,
        start_time=datetime.time(7, 30),
        venue="Nhà văn hoá khu phố 3",
        theme="Toàn dân chung tay bảo vệ an ninh Tổ quốc",
    )


@pytest.fixture
def sibling_festival(units, people):
    return create_festival(
        units["sibling"],
        people["outsider"],
        date=FESTIVAL_DAY + datetime.timedelta(days=1),
        start_time=datetime.time(19, 30),
        venue="Sân vận động phường Bình",
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

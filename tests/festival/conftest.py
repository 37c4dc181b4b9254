import datetime

import pytest
from django.utils import timezone

from festival.services import create_festival


@pytest.fixture
def festival(units, people):
    """Phường An's festival, a month from now, with the default programme."""
    return create_festival(
        units["ward"],
        people["ward_official"],
        date=timezone.localdate() + datetime.timedelta(days=30),
        start_time=datetime.time(7, 30),
        venue="Nhà văn hoá khu phố 3",
        theme="Toàn dân chung tay bảo vệ an ninh Tổ quốc",
    )


@pytest.fixture
def sibling_festival(units, people):
    return create_festival(
        units["sibling"],
        people["outsider"],
        date=timezone.localdate() + datetime.timedelta(days=31),
        start_time=datetime.time(19, 30),
        venue="Sân vận động phường Bình",
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

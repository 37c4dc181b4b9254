"""A small hand-made province whose figures are counted by hand in the tests.

    Tỉnh Thử (90)
    ├── Cụm Một (90-G1)
    │   ├── Phường An (90001): areas Khu 1, Khu 2, Khu 3; five schemes, six activity entries
    │   └── Phường Bình (90002): one camera scheme (2024), one activity entry
    └── Xã Cam (90003): one activity entry
    Tỉnh Khác (91) / Phường Xa (91001): a scheme and activity that must never be counted

Year 2024 against 2023 (both full years):
    schemes      An 4 (4), Bình 1 (0), Cam 0 (0)   → 5 (4)
    new          An 1 (1), Bình 1 (0)              → 2 (1)
    activity     An 9 (6), Bình 7 (0), Cam 1 (0)   → 17 (6)
    exemplars    An 2 (1)                          → 2 (1)
"""

from datetime import date

import pytest

from tests.register import make_activity, make_areas, make_scheme, seed_kinds
from wards.models import Exemplar, SchemeStatus


@pytest.fixture
def kinds(db):
    return seed_kinds()


@pytest.fixture
def province_data(units, kinds):
    an, binh, cam = units["ward"], units["sibling"], units["commune"]
    areas = make_areas(an)
    team = kinds["to-tu-quan"]
    s1 = make_scheme(
        an, team, "Tổ tự quản số 1", area=areas["Khu 1"], established_on=date(2020, 5, 1)
    )
    make_scheme(an, team, "Tổ tự quản số 2", area=areas["Khu 2"], established_on=date(2024, 3, 10))
    s3 = make_scheme(
        an,
        kinds["camera"],
        "Camera ngã ba",
        area=areas["Khu 1"],
        established_on=date(2023, 6, 1),
        latitude="21.000000",
        longitude="105.800000",
    )
    s4 = make_scheme(an, kinds["to-hoa-giai"], "Tổ hòa giải chung")
    make_scheme(
        an,
        kinds["to-hoa-giai"],
        "Tổ hòa giải Khu 3",
        area=areas["Khu 3"],
        established_on=date(2019, 1, 1),
        status=SchemeStatus.DISSOLVED,
        status_changed_on=date(2024, 6, 30),
    )
    make_activity(an, s1, date=date(2024, 2, 1), type="tip_off", count=3)
    make_activity(an, None, date=date(2024, 8, 1), type="tip_off", count=2)
    make_activity(an, s4, date=date(2024, 5, 5), type="mediation", count=4)
    make_activity(an, s3, date=date(2023, 3, 1), type="tip_off", count=1)
    make_activity(an, s1, date=date(2023, 12, 31), type="patrol", count=5)
    make_activity(an, s1, date=date(2022, 1, 1), type="patrol", count=100)
    Exemplar.objects.create(ward=an, name="Nguyễn Văn Hùng", year=2024, area=areas["Khu 1"])
    Exemplar.objects.create(ward=an, name="Trần Thị Lan", year=2024)
    Exemplar.objects.create(ward=an, name="Tổ tự quản số 1", kind="collective", year=2023)
    Exemplar.objects.create(ward=an, name="Lê Văn Tư")

    make_scheme(
        binh,
        kinds["camera"],
        "Camera chợ Bình",
        established_on=date(2024, 1, 15),
        latitude="21.200000",
        longitude="105.600000",
    )
    make_activity(binh, None, date=date(2024, 9, 1), type="propaganda", count=7)
    make_activity(cam, None, date=date(2024, 4, 4), type="other", count=1)

    far = units["far_ward"]
    make_scheme(far, team, "Tổ ở tỉnh khác", established_on=date(2024, 2, 2))
    make_activity(far, None, date=date(2024, 2, 2), type="tip_off", count=50)
    return {"areas": areas, "kinds": kinds}

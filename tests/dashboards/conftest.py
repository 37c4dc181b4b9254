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
    festivals    An reported 15/08/2024 (held 18/08/2023), Bình planned 20/08/2024
                 → held 1 (1); attendance 500 (400); examined 120 (0); gifts 30 (0);
                 ID cards 0 (50); electronic IDs 0 (40)
    nominations  (drafts aside) Giấy khen of the ward chairman: An 2, Bình 1 → 3 (0);
                 Giấy khen of the provincial police: An 0 (1)
    awarded      Giấy khen of the ward chairman: An 1 → 1 (0); provincial police: An 0 (1)
"""

from datetime import date, time

import pytest

from awards.catalogue import seed_catalogue
from awards.models import AwardForm, Decision, Nomination, Nominee
from awards.models import Status as NominationStatus
from awards.services import issue
from festival.models import Festival, SideEvent
from festival.models import Status as FestivalStatus
from tests.conftest import make_user
from tests.register import make_activity, make_areas, make_scheme, seed_kinds
from wards.models import Exemplar, SchemeStatus, Signer


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
    make_festivals(an, binh, far)
    make_awards(an, binh, far, areas)
    return {"areas": areas, "kinds": kinds}


def make_festival(ward, day, status, attendance=None, **side_events):
    festival = Festival.objects.create(
        ward=ward,
        date=day,
        start_time=time(7, 30),
        venue=f"Nhà văn hoá {ward.name}",
        status=status,
        attendance=attendance,
    )
    for kind, results in side_events.items():
        SideEvent.objects.create(festival=festival, kind=kind, title=kind, **results)
    return festival


def make_festivals(an, binh, far):
    make_festival(
        an,
        date(2024, 8, 15),
        FestivalStatus.REPORTED,
        500,
        health_check={"people_examined": 120, "medicine_given": 100},
        gifts={"gifts_count": 30, "gifts_value": 9_000_000},
    )
    make_festival(
        an,
        date(2023, 8, 18),
        FestivalStatus.HELD,
        400,
        admin_services={"id_cards": 50, "electronic_ids": 40},
    )
    make_festival(binh, date(2024, 8, 20), FestivalStatus.PLANNED)
    make_festival(far, date(2024, 8, 1), FestivalStatus.HELD, 9999)


def make_awards(an, binh, far, areas):
    seed_catalogue()
    forms = {form.code: form for form in AwardForm.objects.all()}

    def nominee(ward, name, **extra):
        return Nominee.objects.create(ward=ward, name=name, birth_year=1970, **extra)

    def nominate(who, form, year, status, decision=None):
        return Nomination.objects.create(
            nominee=who,
            form=forms[form],
            year=year,
            achievements="Thành tích xuất sắc",
            proposing_unit=f"UBND phường {who.ward.name}",
            status=status,
            decision=decision,
        )

    def decision(form, number, day, unit):
        return Decision.objects.create(
            unit=unit,
            form=forms[form],
            number=number,
            symbol="QĐ-UBND",
            date=day,
            authority="Ủy ban nhân dân",
            place=unit.name,
            signer=Signer.objects.get_or_create(unit=unit, name="Trần Văn Bình", title="Chủ tịch")[
                0
            ],
        )

    hung = nominee(an, "Nguyễn Văn Hùng", area=areas["Khu 1"])
    lan = nominee(an, "Trần Thị Lan")
    ward_2024 = decision("GKUBP", 125, date(2024, 8, 12), an)
    police_2023 = decision("GKCAT", 88, date(2023, 8, 10), an.province)
    nominate(hung, "GKUBP", 2024, NominationStatus.APPROVED, ward_2024)
    nominate(lan, "GKUBP", 2024, NominationStatus.SUBMITTED)
    nominate(lan, "BKUBT", 2024, NominationStatus.DRAFT)
    nominate(hung, "GKCAT", 2023, NominationStatus.APPROVED, police_2023)
    nominate(nominee(binh, "Lê Văn Tâm"), "GKUBP", 2024, NominationStatus.REJECTED)
    nominate(nominee(far, "Phạm Văn Xa"), "GKUBP", 2024, NominationStatus.SUBMITTED)
    # Issued once their nominations are in (an issued decision takes no more), as the
    # awards pages issue them.
    clerk = make_user("quantri.khenthuong", is_superuser=True)
    for decision_ in (ward_2024, police_2023):
        issue(clerk, decision_)

"""Demo commendations for Cửa Ông (after load_festival_demo): the ward chairman's Giấy khen to
four collectives and six people, as in the Điện Ngọc report in shared/seeds, nominated,
approved, issued as decision 125/QĐ-UBND and presented at the festival. Safe to run again."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from awards import services
from awards.models import AwardForm, Ceremony, Decision, Nomination, Nominee, Presentation, Status
from festival.models import Festival
from wards.models import AdministrativeUnit, Signer

WARD = "06781"
PEOPLE = [
    ("Nguyễn Văn Thắng", "male", 1968, "Tổ trưởng tổ tự quản ANTT", "Khu 1"),
    ("Trần Thị Lan", "female", 1975, "Tổ trưởng tổ hòa giải", "Khu 3"),
    ("Lê Văn Ánh", "male", 1982, "Đội viên đội dân phòng", "Khu 5"),
    ("Phạm Thị Ân", "female", 1990, "Chi hội trưởng phụ nữ", "Khu 7"),
    ("Đỗ Văn Bảo", "male", 1959, "Trưởng khu phố", "Khu 9"),
    ("Vũ Thị Anh", "female", 1987, "Đoàn viên thanh niên xung kích", "Khu 12"),
]
COLLECTIVES = [
    "Tổ tự quản ANTT số 5, Khu 2",
    "Tổ hòa giải Khu 4",
    "Tổ liên gia an toàn PCCC số 1",
    "Câu lạc bộ Lá chắn, Hội Phụ nữ phường",
]


class Command(BaseCommand):
    help = "Nạp đề nghị, quyết định khen thưởng mẫu của phường Cửa Ông."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        ward = AdministrativeUnit.objects.get(code=WARD)
        if Decision.objects.filter(unit=ward, number=125, date__year=2026).exists():
            self.stdout.write("Demo decision already there.")
            return
        users = get_user_model().objects
        official, leader = users.get(username="canbo.cuaong"), users.get(username="lanhdao.cuaong")
        form = AwardForm.objects.get(code="GKUBP")
        chairman, _ = Signer.objects.get_or_create(
            unit=ward, name="Phạm Quang Huy", defaults={"title": "Chủ tịch", "rank": 1}
        )
        Signer.objects.get_or_create(
            unit=ward, name="Nguyễn Thị Thu Hà", defaults={"title": "Phó Chủ tịch", "rank": 2}
        )
        Signer.objects.get_or_create(
            unit=ward,
            name="Vũ Đức Long",
            defaults={
                "title": "Trưởng Công an phường",
                "body": "Công an phường",
                "head_title": "Trưởng Công an phường",
                "rank": 3,
            },
        )
        areas = {area.name: area for area in ward.residential_areas.all()}
        nominees = [
            Nominee.objects.create(
                ward=ward,
                kind="individual",
                name=name,
                gender=gender,
                birth_year=born,
                position=position,
                organisation=f"{area}, phường Cửa Ông",
                area=areas.get(area),
            )
            for name, gender, born, position, area in PEOPLE
        ] + [
            Nominee.objects.create(ward=ward, kind="collective", name=name) for name in COLLECTIVES
        ]
        nominations = []
        for nominee in nominees:
            nomination = Nomination.objects.create(
                nominee=nominee,
                form=form,
                year=2026,
                status=Status.SUBMITTED,
                achievements="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ "
                "năm 2026.",
                proposing_unit="Công an phường Cửa Ông",
                created_by=official,
            )
            services.approve(leader, nomination)
            nominations.append(nomination)
        decision = Decision.objects.create(
            unit=ward,
            form=form,
            number=125,
            symbol="QĐ-UBND",
            date=date(2026, 8, 10),
            authority=ward.committee_name,
            place="Cửa Ông",
            signer=chairman,
        )
        services.set_nominations(decision, nominations)
        services.issue(leader, decision)
        festival = Festival.objects.filter(ward=ward, year=2026).first()
        if festival is not None:
            ceremony, _ = Ceremony.objects.get_or_create(
                festival=festival, defaults={"mc_name": "Trần Thị Hoa"}
            )
            Presentation.objects.get_or_create(
                ceremony=ceremony,
                decision=decision,
                defaults={
                    "presenter_name": "Phạm Quang Huy",
                    "presenter_title": "Chủ tịch UBND phường",
                },
            )
        self.stdout.write(self.style.SUCCESS(f"Demo decision issued: {decision}."))

"""Demo festival for Cửa Ông (after wards' load_demo), shaped like the 2023 report in
shared/seeds: guests, twelve residential areas signing the pledge, side events and results.
Safe to run again: an existing festival of that year is left as it is."""

from datetime import date, time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from festival.models import Festival, Guest, PledgeSignatory, SideEvent, Status
from festival.services import change_status, create_festival
from wards.models import AdministrativeUnit

WARD = "06781"  # Cửa Ông
GUESTS = [
    ("comrade", "Nguyễn Minh Đức", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban MTTQ tỉnh", 1),
    ("comrade", "Lê Thanh Bình", "Phó Giám đốc Công an tỉnh", "Công an tỉnh Quảng Ninh", 2),
    ("comrade", "Phạm Quang Huy", "Chủ tịch UBND phường", "UBND phường Cửa Ông", 3),
    ("ms", "Vũ Thị Mai", "Chủ tịch Ủy ban MTTQ phường", "Ủy ban MTTQ phường Cửa Ông", 4),
]
SIDE_EVENTS = [
    (
        "health_check",
        "Khám bệnh, cấp thuốc miễn phí cho người cao tuổi",
        {"people_examined": 320, "medicine_given": 300},
    ),
    (
        "gifts",
        "Tặng quà học sinh chuẩn bị vào năm học mới",
        {"gift_recipients": "students", "gifts_count": 50, "gifts_value": 25_000_000},
    ),
    (
        "admin_services",
        "Cấp căn cước, định danh điện tử tại chỗ",
        {"id_cards": 86, "electronic_ids": 140, "residence_registrations": 12},
    ),
]


class Command(BaseCommand):
    help = "Nạp ngày hội mẫu của phường Cửa Ông (chạy sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        ward = AdministrativeUnit.objects.get(code=WARD)
        if Festival.objects.filter(ward=ward, year=2026).exists():
            self.stdout.write("Demo festival already there.")
            return
        organiser = get_user_model().objects.get(username="btc.cuaong")
        festival = create_festival(
            ward,
            organiser,
            date=date(2026, 8, 12),
            start_time=time(19, 30),
            venue="Sân Nhà văn hóa khu 5, phường Cửa Ông",
            theme="Toàn dân chung tay bảo vệ an ninh Tổ quốc",
            organising_committee="Phạm Quang Huy, Chủ tịch UBND phường, Trưởng ban\n"
            "Trần Thị Hoa, Thư ký Ban Chỉ đạo 138 phường",
        )
        for salutation, name, title, organisation, rank in GUESTS:
            Guest.objects.create(
                festival=festival,
                salutation=salutation,
                name=name,
                title=title,
                organisation=organisation,
                protocol_rank=rank,
            )
        for area in ward.residential_areas.all():
            PledgeSignatory.objects.create(
                festival=festival,
                kind="residential_area",
                name=area.name,
                residential_area=area,
                representative=f"Trưởng {area.name}",
                representative_title="Trưởng khu phố",
            )
        for kind, title, results in SIDE_EVENTS:
            SideEvent.objects.create(festival=festival, kind=kind, title=title, **results)
        festival.attendance = 1200
        festival.results_summary = (
            "12 khu phố ký kết giao ước thi đua; khen thưởng 4 tập thể, 6 cá nhân."
        )
        festival.save()
        for status in (Status.READY, Status.HELD, Status.REPORTED):
            change_status(festival, status)
        self.stdout.write(self.style.SUCCESS(f"Demo festival: {festival}."))

"""Demo data modelled on the reports in shared/seeds: Quảng Ninh, the former Cẩm Phả city as a
grouping, the wards Cửa Ông, Cẩm Phả, Mông Dương and Quang Hanh inside it and Hạ Long beside it,
their residential areas, and one demo user per role. Safe to run again."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wards.models import AdministrativeUnit, AreaKind, Level, Membership, ResidentialArea, Role
from wards.services import save_grouping

DEMO_PASSWORD = "ngayhoi2025"

PROVINCE = "22"  # Quảng Ninh
GROUPING_NAME = "Thành phố Cẩm Phả (cũ)"
GROUPING_WARDS = ["06781", "06793", "06760", "06778"]  # Cửa Ông, Cẩm Phả, Mông Dương, Quang Hanh
AREAS = {
    "06781": (AreaKind.KHU_PHO, [f"Khu {n}" for n in range(1, 13)]),  # 12 khu phố in Cửa Ông
    "06793": (AreaKind.TO_DAN_PHO, [f"Tổ dân phố {n}" for n in range(1, 9)]),
    "06760": (AreaKind.KHU_PHO, ["Khu 1", "Khu 2", "Khu 3", "Khu 4", "Khu 5", "Khu 6"]),
    "06778": (AreaKind.KHU_PHO, ["Khu 1", "Khu 2", "Khu 3", "Khu 4"]),
    "06688": (AreaKind.KHU_PHO, ["Khu 1", "Khu 2", "Khu 3", "Khu 4", "Khu 5"]),
}
USERS = [
    # username, full name, role, unit code (None: the grouping), position
    ("canbo.cuaong", "Nguyễn Văn Hải", Role.WARD_OFFICIAL, "06781", "Cán bộ Công an phường"),
    ("btc.cuaong", "Trần Thị Hoa", Role.ORGANISER, "06781", "Thư ký Ban Chỉ đạo 138 phường"),
    ("canbo.mongduong", "Lê Văn Minh", Role.WARD_OFFICIAL, "06760", "Cán bộ Công an phường"),
    ("canbo.halong", "Phạm Thị Lan", Role.WARD_OFFICIAL, "06688", "Cán bộ Công an phường"),
    ("cum.campha", "Đỗ Văn Chiến", Role.STAFF, None, "Cán bộ theo dõi cụm Cẩm Phả"),
    (
        "tinh.quangninh",
        "Vũ Thị Ánh",
        Role.STAFF,
        PROVINCE,
        "Phòng Xây dựng phong trào, Công an tỉnh",
    ),
    ("quantri.quangninh", "Hoàng Văn Nam", Role.ADMIN, PROVINCE, "Quản trị hệ thống"),
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (tỉnh Quảng Ninh) và tài khoản dùng thử cho mỗi vai trò."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not AdministrativeUnit.objects.filter(code=PROVINCE).exists():
            call_command("load_units", province=[PROVINCE], stdout=self.stdout)
        province = AdministrativeUnit.objects.get(code=PROVINCE)
        grouping = AdministrativeUnit.objects.filter(
            parent=province, level=Level.DISTRICT, name=GROUPING_NAME
        ).first() or AdministrativeUnit(name=GROUPING_NAME)
        save_grouping(
            grouping, province, list(AdministrativeUnit.objects.filter(code__in=GROUPING_WARDS))
        )
        for code, (kind, names) in AREAS.items():
            ward = AdministrativeUnit.objects.get(code=code)
            for name in names:
                ResidentialArea.objects.get_or_create(ward=ward, name=name, defaults={"kind": kind})
        User = get_user_model()
        for username, full_name, role, code, position in USERS:
            family, _, given = full_name.rpartition(" ")
            user, _ = User.objects.update_or_create(
                username=username, defaults={"first_name": given, "last_name": family}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            unit = grouping if code is None else AdministrativeUnit.objects.get(code=code)
            Membership.objects.update_or_create(
                user=user, defaults={"unit": unit, "role": role, "position": position}
            )
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Demo logins (password {DEMO_PASSWORD}):")
        )
        for username, _full_name, role, code, _position in USERS:
            unit = grouping if code is None else AdministrativeUnit.objects.get(code=code)
            self.stdout.write(f"  {username:<20} {Role(role).label} — {unit}")

"""Demo data modelled on the reports in shared/seeds: Quảng Ninh, the former Cẩm Phả city as a
grouping, the wards Cửa Ông, Cẩm Phả, Mông Dương and Quang Hanh inside it and Hạ Long beside it,
their residential areas, Cửa Ông's register of schemes (112 self-management groups, 16 mediation
groups, ...) and one demo user per role. Safe to run again."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wards.models import (
    Activity,
    AdministrativeUnit,
    AreaKind,
    Level,
    Membership,
    ResidentialArea,
    Role,
    Scheme,
    SchemeKind,
    Signer,
)
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
    ("lanhdao.cuaong", "Phạm Quang Huy", Role.WARD_LEADER, "06781", "Chủ tịch UBND phường"),
    ("congan.cuaong", "Bùi Đức Thắng", Role.WARD_POLICE, "06781", "Trưởng Công an phường"),
    ("xem.cuaong", "Ngô Thị Thu", Role.VIEWER, "06781", "Cán bộ Ủy ban MTTQ phường"),
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
        load_register(AdministrativeUnit.objects.get(code="06781"))
        # The province's summary of its wards is signed for its people's committee (a demo name).
        Signer.objects.get_or_create(
            unit=province, name="Trần Quốc Minh", defaults={"title": "Chủ tịch", "rank": 1}
        )
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


# Cửa Ông, as its 2023 festival reported it: kind code -> (count, name pattern, typed fields).
CUA_ONG_SCHEMES = {
    "to-tu-quan": (112, "Tổ tự quản ANTT số {n}", {}),
    "to-hoa-giai": (16, "Tổ hòa giải số {n}", {"member_count": 5}),
    "to-lien-gia-pccc": (
        3,
        "Tổ liên gia an toàn PCCC số {n}",
        {"households": 10, "extinguishers": 10},
    ),
    "diem-chua-chay": (
        12,
        "Điểm chữa cháy công cộng số {n}",
        {"equipment": "Bình bột, bình khí CO2, thang, câu liêm"},
    ),
    "camera": (4, "Camera an ninh số {n}", {"camera_count": 12, "cameras_connected": 8}),
}
CUA_ONG_CENTRE = (Decimal("21.0290"), Decimal("107.3560"))
CUA_ONG_ACTIVITY = [
    # (date, type, count, note)
    (date(2025, 3, 15), "tip_off", 14, "Nguồn tin về trộm cắp, ma túy"),
    (date(2025, 4, 20), "mediation", 9, "Mâu thuẫn hàng xóm, đất đai"),
    (date(2025, 5, 30), "fire_drill", 2, "Thực tập phương án chữa cháy tại khu dân cư"),
    (date(2025, 6, 25), "propaganda", 6, "Tuyên truyền phòng chống lừa đảo qua mạng"),
    (date(2025, 7, 10), "patrol", 48, "Tuần tra đêm các khu phố"),
]


def load_register(ward: AdministrativeUnit) -> None:
    """The ward's schemes, spread over its residential areas, and some of this year's work."""
    areas = list(ResidentialArea.objects.filter(ward=ward).order_by("pk"))
    kinds = {kind.code: kind for kind in SchemeKind.objects.all()}
    for code, (count, pattern, fields) in CUA_ONG_SCHEMES.items():
        for n in range(1, count + 1):
            extra = dict(fields)
            if code in {"camera", "diem-chua-chay"}:
                # Points a few hundred metres apart around the ward centre, for the map.
                lat, lng = CUA_ONG_CENTRE
                extra |= {
                    "latitude": lat + Decimal(n % 4 - 2) * Decimal("0.004"),
                    "longitude": lng + Decimal(n // 4 - 1) * Decimal("0.005"),
                }
            Scheme.objects.get_or_create(
                ward=ward,
                kind=kinds[code],
                name=pattern.format(n=n),
                defaults={
                    "area": areas[(n - 1) % len(areas)] if areas else None,
                    "established_on": date(2019 + n % 5, 1 + n % 12, 1 + n % 28),
                    **extra,
                },
            )
    for day, activity_type, count, note in CUA_ONG_ACTIVITY:
        Activity.objects.get_or_create(
            ward=ward, date=day, type=activity_type, defaults={"count": count, "note": note}
        )

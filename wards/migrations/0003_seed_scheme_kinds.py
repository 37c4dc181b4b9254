"""Scheme kinds from the festival reports (shared/seeds) and the law of 2023 on grassroots
security forces. Idempotent by code: a kind an administrator has renamed or re-ordered is left
as it is."""

from django.db import migrations

KINDS = [
    # code, name, profile, description
    ("to-tu-quan", "Tổ tự quản ANTT", "generic", "Tổ nhân dân tự quản về an ninh, trật tự."),
    ("to-hoa-giai", "Tổ hòa giải", "mediation", "Tổ hòa giải ở cơ sở."),
    ("camera", "Camera an ninh", "cameras", "Mô hình camera an ninh, camera giám sát."),
    (
        "to-lien-gia-pccc",
        "Tổ liên gia an toàn PCCC",
        "fire_group",
        "Tổ liên gia an toàn phòng cháy, chữa cháy.",
    ),
    (
        "diem-chua-chay",
        "Điểm chữa cháy công cộng",
        "fire_point",
        "Điểm chữa cháy công cộng trong khu dân cư.",
    ),
    ("to-tuan-tra", "Tổ tuần tra nhân dân", "patrol", ""),
    ("hom-thu", "Hòm thư tố giác tội phạm", "mailbox", ""),
    (
        "to-bao-ve-antt",
        "Tổ bảo vệ ANTT ở cơ sở",
        "patrol",
        "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở (Luật năm 2023, từ 01/7/2024).",
    ),
    (
        "cau-lac-bo",
        "Câu lạc bộ",
        "generic",
        "Câu lạc bộ, nhóm “Bạn giúp bạn”, “Lá chắn”, thanh niên xung kích.",
    ),
    ("khu-nha-tro-an-toan", "Khu nhà trọ an toàn về ANTT", "generic", ""),
    (
        "to-dan-pho-an-toan",
        "Tổ dân phố, chung cư an toàn về ANTT",
        "generic",
        "Tổ dân phố, khu chung cư an toàn về an ninh, trật tự.",
    ),
    ("dan-van-kheo", "Mô hình “Dân vận khéo”", "generic", ""),
    ("sach-ma-tuy", "Mô hình “Phường, xã sạch ma túy”", "generic", ""),
    ("khac", "Mô hình khác", "generic", ""),
]


def seed(apps, schema_editor):
    SchemeKind = apps.get_model("wards", "SchemeKind")
    for position, (code, name, profile, description) in enumerate(KINDS, start=1):
        SchemeKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "profile": profile,
                "description": description,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("wards", "0002_register")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
